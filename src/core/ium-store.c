/* ium-store.c: the SQLite inventory database: open, migrate, load, and the audit log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-store.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ium-enums.h"
#include "ium-inventory-file.h"
#include "ium-store-private.h"
#include "ium-store-write.h"
#include "ium-time.h"

/* How long a write waits for another process's transaction before giving up. An import of
 * a large facility takes about a second, so this leaves a wide margin. */
#define BUSY_TIMEOUT_MS 30000

struct _IumStore
{
  GObject       parent_instance;

  char         *path;       /* owned */
  sqlite3      *db;         /* owned */
  GHashTable   *statements; /* const char *sql -> sqlite3_stmt*, owned */

  /* ium_store_keep_inventory(): what the database held at kept_version, before this
   * connection had changed kept_changes rows. */
  IumInventory *kept; /* owned, nullable */
  gint64        kept_version;
  int           kept_changes;
};

G_DEFINE_FINAL_TYPE (IumStore, ium_store, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (ium-store-error-quark, ium_store_error)
/* clang-format on */

static IumStoreError
error_code_for (int sqlite_code)
{
  switch (sqlite_code & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return IUM_STORE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return IUM_STORE_ERROR_BUSY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return IUM_STORE_ERROR_OPEN;
    default:
      return IUM_STORE_ERROR_FAILED;
    }
}

gboolean
ium_store_set_sqlite_error (IumStore *self, int code, const char *doing, GError **error)
{
  IumStoreError ium_code = error_code_for (code);
  const char   *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (code);

  /* The callers mark what they were doing with N_(); it is translated only here, on failure. */
  doing = _ (doing);

  switch (ium_code)
    {
    case IUM_STORE_ERROR_CORRUPT:
      g_set_error (error, IUM_STORE_ERROR, ium_code,
                   _ ("%s is not a readable inventory database (%s while %s). Check the path "
                      "given with --db or IUM_DB, or restore the inventory from an export "
                      "into a new database."),
                   self->path, detail, doing);
      break;
    case IUM_STORE_ERROR_BUSY:
      g_set_error (error, IUM_STORE_ERROR, ium_code,
                   _ ("%s is busy: another program kept it locked for more than %d s while "
                      "%s. Try again when it has finished."),
                   self->path, BUSY_TIMEOUT_MS / 1000, doing);
      break;
    default:
      g_set_error (error, IUM_STORE_ERROR, ium_code, _ ("%s: %s failed: %s"), self->path, doing,
                   detail);
      break;
    }
  return FALSE;
}

/* Returns a cached prepared statement for @sql (a string literal: cached by address),
 * reset and with its bindings cleared. Borrowed. */
sqlite3_stmt *
ium_store_prepare (IumStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int           rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ium_store_set_sqlite_error (self, rc, N_ ("preparing a query"), error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Runs @stmt to completion, for statements that return no rows. */
gboolean
ium_store_step_done (IumStore *self, sqlite3_stmt *stmt, const char *doing, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return ium_store_set_sqlite_error (self, rc, doing, error);
  return TRUE;
}

gboolean
ium_store_exec (IumStore *self, const char *sql, const char *doing, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return ium_store_set_sqlite_error (self, rc, doing, error);
  return TRUE;
}

static gboolean
query_int (IumStore *self, const char *sql, const char *doing, gint64 *value, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (self, sql, error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return ium_store_set_sqlite_error (self, rc, doing, error);
    }
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * ium_store_check_text:
 * @what: what the text is, for the message ("the note")
 * @text: (nullable): free text a write keeps outside the inventory file (a busy note, a
 *   token note, an upgrade's note, who made the change)
 * @error: %IUM_STORE_ERROR_INVALID when @text holds a control character
 *
 * The rule the inventory file's reader applies to every name and label
 * (ium_text_find_control_character()), for the writes that do not go through it.
 *
 * Returns: whether @text may be written
 */
gboolean
ium_store_check_text (const char *what, const char *text, GError **error)
{
  gunichar control = text != NULL ? ium_text_find_control_character (text, FALSE) : 0;

  if (control == 0)
    return TRUE;
  /* Translators: the first %s is what the text is ("the note"). */
  g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID,
               _ ("%s contains the control character U+%04X"), what, control);
  return FALSE;
}

gboolean
ium_store_begin (IumStore *self, GError **error)
{
  /* IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
   * writes can fail with SQLITE_BUSY without waiting when another writer got in between. */
  return ium_store_exec (self, "BEGIN IMMEDIATE", N_ ("starting a transaction"), error);
}

gboolean
ium_store_commit (IumStore *self, GError **error)
{
  return ium_store_exec (self, "COMMIT", N_ ("committing"), error);
}

void
ium_store_rollback (IumStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
migrate (IumStore *self, GError **error)
{
  gint64 version, application_id, n_tables;

  if (!query_int (self, "PRAGMA user_version", N_ ("reading the schema version"), &version, error))
    return FALSE;
  if (version > (gint64) ium_store_n_migrations)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_TOO_NEW,
                   _ ("%s was written by a newer version of ium (schema %lld, this one knows up "
                      "to %u). Use the newer version, or export from it and import here."),
                   self->path, (long long) version, ium_store_n_migrations);
      return FALSE;
    }
  if (version == (gint64) ium_store_n_migrations)
    return TRUE;

  if (!ium_store_begin (self, error))
    return FALSE;

  /* Another process may have migrated while this one waited for the lock. */
  if (!query_int (self, "PRAGMA user_version", N_ ("reading the schema version"), &version, error)
      || !query_int (self, "PRAGMA application_id", N_ ("reading the application id"),
                     &application_id, error)
      || !query_int (self, "SELECT count(*) FROM sqlite_master", N_ ("reading the schema"),
                     &n_tables, error))
    goto failed;

  if (version == 0 && n_tables > 0 && application_id != IUM_STORE_APPLICATION_ID)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_INVENTORY,
                   _ ("%s is an SQLite database of another program, not an inventory. Give "
                      "another path with --db or IUM_DB."),
                   self->path);
      goto failed;
    }

  for (guint i = (guint) version; i < ium_store_n_migrations; i++)
    {
      g_autofree char *doing = g_strdup_printf (_ ("migrating the schema to version %u"), i + 1);
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      /* PRAGMA takes no bound parameters; the number is ours, not the user's. */
      if (!ium_store_exec (self, ium_store_migrations[i], doing, error)
          || !ium_store_exec (self, set_version, doing, error))
        goto failed;
    }

  {
    g_autofree char *set_id =
      g_strdup_printf ("PRAGMA application_id = %d", IUM_STORE_APPLICATION_ID);
    if (!ium_store_exec (self, set_id, N_ ("marking the database"), error))
      goto failed;
  }

  return ium_store_commit (self, error);

failed:
  ium_store_rollback (self);
  return FALSE;
}

/* Switching to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once instead
 * of calling the busy handler when another process holds any lock, which happens when two
 * processes create the same database together. The mode is persistent, so this only waits
 * on a new database. */
static gboolean
enable_wal (IumStore *self, GError **error)
{
  gint64        deadline = g_get_monotonic_time () + (gint64) BUSY_TIMEOUT_MS * 1000;
  sqlite3_stmt *stmt;
  int           rc;

  for (;;)
    {
      stmt = ium_store_prepare (self, "PRAGMA journal_mode = WAL", error);
      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return TRUE;
      if ((rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () > deadline)
        return ium_store_set_sqlite_error (self, rc, N_ ("enabling the write-ahead log"), error);
      g_usleep (10 * 1000);
    }
}

/* Creates the file with mode 0600 before SQLite opens it, because SQLite would create it
 * with the umask's mode, readable by others on most systems. */
static gboolean
create_private_file (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int              fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_OPEN,
                   _ ("%s is a folder, not an inventory database. Give the path of the database "
                      "file with --db or IUM_DB."),
                   path);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_OPEN,
                   _ ("Cannot create the folder %s for the inventory: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_OPEN,
                   _ ("Cannot create the inventory %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
ium_store_finalize (GObject *object)
{
  IumStore *self = (IumStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->kept);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (ium_store_parent_class)->finalize (object);
}

static void
ium_store_class_init (IumStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ium_store_finalize;
}

static void
ium_store_init (IumStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

/**
 * ium_store_dup_default_path:
 *
 * Returns: (transfer full): $IUM_DB if set, else $XDG_DATA_HOME/ium/inventory.db
 */
char *
ium_store_dup_default_path (void)
{
  const char *env = g_getenv ("IUM_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "ium", "inventory.db", NULL);
}

int
ium_store_get_schema_version (void)
{
  return (int) ium_store_n_migrations;
}

/**
 * ium_store_open:
 * @path: the database file; created (mode 0600, with its folder) when missing
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the store, migrated to the current schema
 */
IumStore *
ium_store_open (const char *path, GError **error)
{
  g_autoptr (IumStore) self = NULL;
  gint64 ignored;
  int    rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (IUM_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      ium_store_set_sqlite_error (self, rc, N_ ("opening"), error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* The first read tells a file that is not a database at all. */
  if (!query_int (self, "PRAGMA application_id", N_ ("opening"), &ignored, error))
    return NULL;

  if (!ium_store_exec (self, "PRAGMA foreign_keys = ON", N_ ("enabling foreign keys"), error)
      || !enable_wal (self, error)
      || !ium_store_exec (self, "PRAGMA synchronous = NORMAL", N_ ("setting synchronous mode"),
                          error)
      || !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ium_store_open_existing:
 * @path: the database file, which must exist
 * @error: %IUM_STORE_ERROR_NOT_FOUND when there is no such file, or another #IUM_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the store
 */
IumStore *
ium_store_open_existing (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   _ ("there is no inventory at %s. Import one with 'ium import FILE', or give "
                      "the right path with --db or IUM_DB."),
                   path);
      return NULL;
    }
  return ium_store_open (path, error);
}

const char *
ium_store_get_path (IumStore *self)
{
  g_return_val_if_fail (IUM_IS_STORE (self), NULL);

  return self->path;
}

/**
 * ium_store_get_data_version:
 * @self: a store
 * @version: (out): the data version
 * @error: an #IUM_STORE_ERROR
 *
 * SQLite's `PRAGMA data_version` of this connection: it changes whenever another connection
 * (in this process or another) commits a change to the database, and never for this
 * connection's own changes. A long-running reader polls it to learn that it must reload.
 *
 * Returns: %TRUE when read
 */
gboolean
ium_store_get_data_version (IumStore *self, gint64 *version, GError **error)
{
  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  return query_int (self, "PRAGMA data_version", N_ ("reading the data version"), version, error);
}

/**
 * ium_store_keep_inventory:
 * @self: a store
 * @inventory: (nullable): what the database holds, or %NULL to forget the one kept
 * @data_version: the data version read (ium_store_get_data_version()) before @inventory was
 *   read
 *
 * Keeps a reference on @inventory for the next write to start from, instead of reading the
 * whole inventory again inside its transaction: a program that holds the inventory anyway
 * (the GTK app shows it) saves holding a second copy while it writes. A write uses it only
 * while no other connection has committed since @data_version and this one has changed no
 * row since this call; otherwise it reads everything as before. @inventory must be exactly
 * what the database held, and is never changed afterwards (the store's writes only share its
 * objects).
 */
void
ium_store_keep_inventory (IumStore *self, IumInventory *inventory, gint64 data_version)
{
  g_return_if_fail (IUM_IS_STORE (self));
  g_return_if_fail (inventory == NULL || IUM_IS_INVENTORY (inventory));

  g_set_object (&self->kept, inventory);
  self->kept_version = data_version;
  self->kept_changes = sqlite3_total_changes (self->db);
}

/* Inside a write transaction: the inventory as it is now, the kept one when it still is. */
IumInventory *
ium_store_load_current (IumStore *self, GError **error)
{
  gint64 version;

  if (self->kept != NULL && sqlite3_total_changes (self->db) == self->kept_changes
      && ium_store_get_data_version (self, &version, NULL) && version == self->kept_version)
    return g_object_ref (self->kept);
  g_clear_object (&self->kept);
  return ium_store_load_locked (self, error);
}

sqlite3 *
ium_store_get_db (IumStore *self)
{
  return self->db;
}

static gpointer
id_key (sqlite3_stmt *stmt, int column)
{
  return GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, column));
}

typedef gboolean (*RowFunc) (sqlite3_stmt *stmt, gpointer data, GError **error);

/* Steps through every row of @sql, with @name (when not %NULL) bound to its first parameter,
 * calling @row for each. */
static gboolean
for_each_row_of (IumStore   *self,
                 const char *sql,
                 const char *name,
                 const char *doing,
                 RowFunc     row,
                 gpointer    data,
                 GError    **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (self, sql, error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!row (stmt, data, error))
      {
        sqlite3_reset (stmt);
        return FALSE;
      }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return ium_store_set_sqlite_error (self, rc, doing, error);
  return TRUE;
}

/* Steps through every row of @sql, calling @row for each. */
static gboolean
for_each_row (
  IumStore *self, const char *sql, const char *doing, RowFunc row, gpointer data, GError **error)
{
  return for_each_row_of (self, sql, NULL, doing, row, data, error);
}

typedef struct
{
  IumStore     *store;
  IumInventory *inventory;
  IumPolicy     policy;
  GHashTable   *by_id; /* row id -> borrowed object, for the table being joined */
  GHashTable   *lists; /* row id -> GPtrArray of strings, for tags and window names */
} Loader;

/* A row that SQLite accepted but the inventory's rules refuse means the file was edited
 * behind ium's back: report it as damage rather than crash or guess. */
static gboolean damaged (Loader *l, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
damaged (Loader *l, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_CORRUPT,
               _ ("%s holds a damaged inventory: %s. Restore it from an export."), l->store->path,
               message);
  return FALSE;
}

static gboolean
load_setting (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader     *l = data;
  const char *key = ium_column_text (stmt, 0);
  const char *value = ium_column_text (stmt, 1);
  guint      *number = NULL;
  int         scheme;

  if (g_str_equal (key, "facility"))
    ium_inventory_set_facility (l->inventory, value);
  else if (g_str_equal (key, "release_scheme"))
    {
      if (!ium_enum_from_nick (IUM_TYPE_SCHEME, value, &scheme))
        return damaged (l, error, _ ("unknown release scheme “%s”"), value);
      ium_inventory_set_release_scheme (l->inventory, scheme);
    }
  else if (g_str_equal (key, "max_minor_behind"))
    number = &l->policy.max_minor_behind;
  else if (g_str_equal (key, "max_upgrades_per_day"))
    number = &l->policy.max_upgrades_per_day;
  else if (g_str_equal (key, "upgrade_hours"))
    number = &l->policy.upgrade_hours;
  else if (g_str_equal (key, "soak_days"))
    number = &l->policy.soak_days;

  if (number != NULL)
    *number = (guint) sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
load_component (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader *l = data;
  g_autoptr (IumComponent) component = NULL;
  int role, scheme;

  if (!ium_enum_from_nick (IUM_TYPE_ROLE, ium_column_text (stmt, 2), &role)
      || !ium_enum_from_nick (IUM_TYPE_SCHEME, ium_column_text (stmt, 3), &scheme))
    return damaged (l, error, _ ("component “%s” has an unknown role or scheme"),
                    ium_column_text (stmt, 0));

  component =
    ium_component_new (ium_column_text (stmt, 0), ium_column_text (stmt, 1), role, scheme);
  ium_inventory_put_component (l->inventory, component);
  return TRUE;
}

static gboolean
load_rule (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader *l = data;
  g_autoptr (IumRule) rule = NULL;
  int policy;

  if (!ium_enum_from_nick (IUM_TYPE_COMPAT_POLICY, ium_column_text (stmt, 2), &policy))
    return damaged (l, error, _ ("the rule for “%s” has an unknown policy"),
                    ium_column_text (stmt, 0));

  rule = ium_rule_new (ium_column_text (stmt, 0), ium_column_text (stmt, 1), policy);
  ium_inventory_put_rule (l->inventory, rule);
  return TRUE;
}

static gboolean
load_release (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader *l = data;
  g_autoptr (IumRelease) release = NULL;
  g_autoptr (IumVersion) version = NULL;
  int tier;

  version = ium_version_parse (ium_inventory_get_release_scheme (l->inventory),
                               ium_column_text (stmt, 1), NULL);
  if (version == NULL || !ium_enum_from_nick (IUM_TYPE_TIER, ium_column_text (stmt, 2), &tier))
    return damaged (l, error, _ ("release “%s” has an invalid version or tier"),
                    ium_column_text (stmt, 1));

  release = ium_release_new (version, tier);
  ium_release_set_date (release, ium_column_text (stmt, 3));
  ium_release_set_notes (release, ium_column_text (stmt, 4));
  ium_release_set_patch_of (release, ium_column_text (stmt, 5));
  ium_release_set_url (release, ium_column_text (stmt, 6));
  g_hash_table_insert (l->by_id, id_key (stmt, 0), release);
  ium_inventory_put_release (l->inventory, release);
  return TRUE;
}

static gboolean
load_release_component (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader     *l = data;
  IumRelease *release = g_hash_table_lookup (l->by_id, id_key (stmt, 0));

  if (release == NULL)
    return damaged (l, error, _ ("a component version belongs to no release"));
  ium_release_set_component (release, ium_column_text (stmt, 1), ium_column_text (stmt, 2));
  return TRUE;
}

static gboolean
load_instrument (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader *l = data;
  g_autoptr (IumInstrument) instrument = ium_instrument_new (ium_column_text (stmt, 1));

  ium_instrument_set_site (instrument, ium_column_text (stmt, 2));
  ium_instrument_set_pin (instrument, ium_column_text (stmt, 3));
  if (sqlite3_column_int (stmt, 5))
    ium_instrument_set_busy (instrument, TRUE, ium_column_text (stmt, 4));
  g_hash_table_insert (l->by_id, id_key (stmt, 0), instrument);
  ium_inventory_put_instrument (l->inventory, instrument);
  return TRUE;
}

static gboolean
collect_string (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader    *l = data;
  gpointer   key = id_key (stmt, 0);
  GPtrArray *list = g_hash_table_lookup (l->lists, key);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (l->lists, key, list);
    }
  g_ptr_array_add (list, g_strdup (ium_column_text (stmt, 1)));
  return TRUE;
}

static gboolean
load_host (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader        *l = data;
  IumInstrument *instrument = g_hash_table_lookup (l->by_id, id_key (stmt, 1));
  g_autoptr (IumHost) host = NULL;

  if (instrument == NULL)
    return damaged (l, error, _ ("host “%s” belongs to no instrument"), ium_column_text (stmt, 2));

  host = ium_host_new (ium_column_text (stmt, 2), ium_column_text (stmt, 3));
  ium_instrument_add_host (instrument, host);
  /* Host ids live in their own table so they cannot collide with instrument ids. */
  g_hash_table_insert (l->lists, id_key (stmt, 0), host);
  return TRUE;
}

static gboolean
load_installed (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader  *l = data;
  IumHost *host = g_hash_table_lookup (l->lists, id_key (stmt, 0));

  if (host == NULL)
    return damaged (l, error, _ ("an installed version belongs to no host"));
  ium_host_set_installed (host, ium_column_text (stmt, 1), ium_column_text (stmt, 2));
  return TRUE;
}

static gboolean
load_window (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader *l = data;
  g_autoptr (GDateTime) start = ium_timestamp_parse (ium_column_text (stmt, 1), NULL);
  g_autoptr (GDateTime) end = ium_timestamp_parse (ium_column_text (stmt, 2), NULL);
  g_autoptr (IumWindow) window = NULL;
  GPtrArray *names;

  if (start == NULL || end == NULL)
    return damaged (l, error, _ ("window “%s” has an invalid time"), ium_column_text (stmt, 3));

  window = ium_window_new (start, end, ium_column_text (stmt, 3));
  names = g_hash_table_lookup (l->lists, id_key (stmt, 0));
  if (!sqlite3_column_int (stmt, 4) && names != NULL)
    {
      g_ptr_array_add (names, NULL);
      ium_window_set_instruments (window, (const char *const *) names->pdata);
    }
  ium_inventory_put_window (l->inventory, window);
  return TRUE;
}

static gboolean
load_cycle (sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Loader *l = data;
  g_autoptr (GDateTime) start = ium_timestamp_parse (ium_column_text (stmt, 1), NULL);
  g_autoptr (GDateTime) end = ium_timestamp_parse (ium_column_text (stmt, 2), NULL);
  g_autoptr (IumCycle) cycle = NULL;

  if (start == NULL || end == NULL)
    return damaged (l, error, _ ("cycle “%s” has an invalid time"), ium_column_text (stmt, 0));

  cycle = ium_cycle_new (ium_column_text (stmt, 0), start, end, sqlite3_column_int (stmt, 3));
  ium_inventory_put_cycle (l->inventory, cycle);
  return TRUE;
}

static void
apply_tags (Loader *l)
{
  GHashTableIter iter;
  gpointer       key, value;

  g_hash_table_iter_init (&iter, l->lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      IumInstrument *instrument = g_hash_table_lookup (l->by_id, key);
      GPtrArray     *tags = value;

      g_ptr_array_add (tags, NULL);
      if (instrument != NULL)
        ium_instrument_set_tags (instrument, (const char *const *) tags->pdata);
    }
}

/* Checks @inventory against every cross-object rule of the inventory file (versions that
 * parse, releases that exist, ...): what the store holds must export to a file that imports
 * again. The error is an #IUM_INVENTORY_FILE_ERROR naming the object. */
gboolean
ium_store_check_inventory (IumInventory *inventory, GError **error)
{
  return ium_inventory_check (inventory, error);
}

/* Loads inside whatever transaction is open; ium_store_load wraps it in a read one. */
IumInventory *
ium_store_load_locked (IumStore *self, GError **error)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  Loader   l = { self, inventory, IUM_POLICY_INIT, NULL, NULL };
  gboolean ok;

  l.by_id = g_hash_table_new (NULL, NULL);
  l.lists = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  ok = for_each_row (self, "SELECT key, value FROM settings", N_ ("reading the settings"),
                     load_setting, &l, error)
       && for_each_row (self, "SELECT id, name, role, scheme FROM components ORDER BY id",
                        N_ ("reading components"), load_component, &l, error)
       && for_each_row (self, "SELECT client, server, policy FROM rules ORDER BY client",
                        N_ ("reading rules"), load_rule, &l, error)
       && for_each_row (self,
                        "SELECT id, version, tier, date, notes, patch_of, url "
                        "FROM releases",
                        N_ ("reading releases"), load_release, &l, error)
       && for_each_row (self, "SELECT release_id, component, version FROM release_components",
                        N_ ("reading releases"), load_release_component, &l, error);
  ium_inventory_set_policy (inventory, &l.policy);

  g_hash_table_remove_all (l.by_id);
  ok = ok
       && for_each_row (self,
                        "SELECT i.id, i.name, i.site, i.pin, b.note, "
                        "b.instrument IS NOT NULL FROM instruments AS i "
                        "LEFT JOIN instrument_busy AS b ON b.instrument = i.name "
                        "ORDER BY i.name",
                        N_ ("reading instruments"), load_instrument, &l, error)
       && for_each_row (self,
                        "SELECT instrument_id, tag FROM instrument_tags "
                        "ORDER BY instrument_id, position",
                        N_ ("reading tags"), collect_string, &l, error);
  if (ok)
    apply_tags (&l);

  /* From here, lists maps host ids to hosts, then window ids to instrument names. */
  g_hash_table_unref (l.lists);
  l.lists = g_hash_table_new_full (NULL, NULL, NULL, NULL);
  ok = ok
       && for_each_row (self,
                        "SELECT id, instrument_id, name, role FROM hosts "
                        "ORDER BY instrument_id, position",
                        N_ ("reading hosts"), load_host, &l, error)
       && for_each_row (self, "SELECT host_id, component, version FROM installed",
                        N_ ("reading installed versions"), load_installed, &l, error);

  g_hash_table_unref (l.lists);
  l.lists = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  ok = ok
       && for_each_row (self,
                        "SELECT window_id, instrument FROM window_instruments "
                        "ORDER BY window_id, position",
                        N_ ("reading downtime"), collect_string, &l, error)
       && for_each_row (self, "SELECT id, start, end, label, all_instruments FROM windows",
                        N_ ("reading downtime"), load_window, &l, error)
       && for_each_row (self, "SELECT name, start, end, freeze FROM cycles", N_ ("reading cycles"),
                        load_cycle, &l, error);

  g_hash_table_unref (l.by_id);
  g_hash_table_unref (l.lists);

  /* The rows above are each well-formed; together they must still make an inventory that
   * the file's rules accept, such as installed versions that parse. */
  if (ok)
    {
      g_autoptr (GError) local_error = NULL;

      if (!ium_store_check_inventory (inventory, &local_error))
        ok = damaged (&l, error, "%s", local_error->message);
    }

  return ok ? g_steal_pointer (&inventory) : NULL;
}

/**
 * ium_store_load_instrument:
 * @self: a store
 * @name: an instrument's name
 * @error: an #IUM_STORE_ERROR; %IUM_STORE_ERROR_NOT_FOUND when there is no such instrument
 *
 * Reads one instrument with its tags, hosts and installed versions, as ium_store_load() would
 * read it, without the rest of the inventory: what changed after an edit of that instrument.
 * Unlike ium_store_load(), it does not check the instrument against the inventory's rules
 * (versions that parse): every write checks them before it commits.
 *
 * Returns: (transfer full) (nullable): the instrument
 */
IumInstrument *
ium_store_load_instrument (IumStore *self, const char *name, GError **error)
{
  g_autoptr (IumInventory) inventory = NULL;
  Loader         l = { self, NULL, IUM_POLICY_INIT, NULL, NULL };
  IumInstrument *instrument;
  gboolean       ok;

  g_return_val_if_fail (IUM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!ium_store_exec (self, "BEGIN", N_ ("starting a read"), error))
    return NULL;

  l.inventory = inventory = ium_inventory_new ();
  l.by_id = g_hash_table_new (NULL, NULL);
  l.lists = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  ok = for_each_row_of (self,
                        "SELECT i.id, i.name, i.site, i.pin, b.note, "
                        "b.instrument IS NOT NULL FROM instruments AS i "
                        "LEFT JOIN instrument_busy AS b ON b.instrument = i.name "
                        "WHERE i.name = ?1",
                        name, N_ ("reading instruments"), load_instrument, &l, error)
       && for_each_row_of (self,
                           "SELECT t.instrument_id, t.tag FROM instrument_tags AS t "
                           "JOIN instruments AS i ON i.id = t.instrument_id WHERE i.name = ?1 "
                           "ORDER BY t.position",
                           name, N_ ("reading tags"), collect_string, &l, error);
  if (ok)
    apply_tags (&l);

  /* From here, lists maps host ids to hosts. */
  g_hash_table_unref (l.lists);
  l.lists = g_hash_table_new_full (NULL, NULL, NULL, NULL);
  ok = ok
       && for_each_row_of (self,
                           "SELECT h.id, h.instrument_id, h.name, h.role FROM hosts AS h "
                           "JOIN instruments AS i ON i.id = h.instrument_id WHERE i.name = ?1 "
                           "ORDER BY h.position",
                           name, N_ ("reading hosts"), load_host, &l, error)
       && for_each_row_of (self,
                           "SELECT s.host_id, s.component, s.version FROM installed AS s "
                           "JOIN hosts AS h ON h.id = s.host_id "
                           "JOIN instruments AS i ON i.id = h.instrument_id WHERE i.name = ?1",
                           name, N_ ("reading installed versions"), load_installed, &l, error);
  ium_store_rollback (self);
  g_hash_table_unref (l.by_id);
  g_hash_table_unref (l.lists);
  if (!ok)
    return NULL;

  instrument = ium_inventory_lookup_instrument (inventory, name);
  if (instrument == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND, _ ("unknown instrument “%s”"),
                   name);
      return NULL;
    }
  return g_object_ref (instrument);
}

/**
 * ium_store_load:
 * @self: a store
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the whole inventory, as one consistent snapshot
 */
IumInventory *
ium_store_load (IumStore *self, GError **error)
{
  IumInventory *inventory;

  g_return_val_if_fail (IUM_IS_STORE (self), NULL);

  /* One read transaction, so the snapshot is consistent while another process writes. */
  if (!ium_store_exec (self, "BEGIN", N_ ("starting a read"), error))
    return NULL;
  inventory = ium_store_load_locked (self, error);
  ium_store_rollback (self);
  return inventory;
}

void
ium_audit_entry_free (IumAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->who);
  g_free (entry->action);
  g_free (entry->kind);
  g_free (entry->key);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry);
}

/**
 * ium_store_list_audit:
 * @self: a store
 * @kind: (nullable): only entries about this kind of object ("instrument", ...)
 * @key: (nullable): only entries about the object with this key
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: (transfer full) (element-type IumAuditEntry): the entries, oldest first
 */
GPtrArray *
ium_store_list_audit (IumStore *self, const char *kind, const char *key, GError **error)
{
  g_autoptr (GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_audit_entry_free);
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (IUM_IS_STORE (self), NULL);

  stmt = ium_store_prepare (self,
                            "SELECT id, time, who, action, kind, key, before, after FROM audit "
                            "WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR key = ?2) "
                            "ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IumAuditEntry *entry = g_new0 (IumAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->time = g_strdup (ium_column_text (stmt, 1));
      entry->who = g_strdup (ium_column_text (stmt, 2));
      entry->action = g_strdup (ium_column_text (stmt, 3));
      entry->kind = g_strdup (ium_column_text (stmt, 4));
      entry->key = g_strdup (ium_column_text (stmt, 5));
      entry->before = g_strdup (ium_column_text (stmt, 6));
      entry->after = g_strdup (ium_column_text (stmt, 7));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ium_store_set_sqlite_error (self, rc, N_ ("reading the audit log"), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Helpers shared by everything that reads or writes the store (ium-store-write.h). */

char *
ium_dup_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

const char *
ium_column_text (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

void
ium_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
ium_node_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

gboolean
ium_write_audit (IumStore   *store,
                 const char *now,
                 const char *who,
                 const char *action,
                 const char *kind,
                 const char *key,
                 const char *before,
                 const char *after,
                 GError    **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "INSERT INTO audit (time, who, action, kind, key, "
                                          "before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                          error);
  if (stmt == NULL)
    return FALSE;
  ium_bind_text (stmt, 1, now);
  ium_bind_text (stmt, 2, who);
  ium_bind_text (stmt, 3, action);
  ium_bind_text (stmt, 4, kind);
  ium_bind_text (stmt, 5, key);
  ium_bind_text (stmt, 6, before);
  ium_bind_text (stmt, 7, after);
  return ium_store_step_done (store, stmt, N_ ("writing the audit log"), error);
}
