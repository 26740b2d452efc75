/* ium-store-write.c: writes a new inventory state as the difference from the stored one,
 * with an audit entry for every object that changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-store-write.h"

#include "ium-enums.h"
#include "ium-inventory-file.h"
#include "ium-time.h"

/* What the writer needs to know of each kind of object. */
typedef struct
{
  const char *kind;
  GListModel *(*get_list) (IumInventory *inventory);
  char *(*dup_key) (gpointer object);
  IumJsonWriteFunc write; /* the object as the audit log keeps it */
  gboolean (*insert) (IumStore *store, gpointer object, GError **error);
  const char *delete_sql;
} Kind;

typedef struct
{
  IumStore        *store;
  const char      *who;
  const char      *action;
  char            *now; /* owned */
  IumStoreChanges *changes;
} Writer;

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  /* NULL binds SQL NULL; SQLITE_STATIC is safe because the statement runs before the
   * objects that own the strings can change. */
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static char *
json_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static char *
dup_component_key (gpointer object)
{
  return g_strdup (ium_component_get_id (object));
}

static char *
dup_rule_key (gpointer object)
{
  return g_strdup (ium_rule_get_client (object));
}

static char *
dup_release_key (gpointer object)
{
  return ium_version_to_canonical (ium_release_get_version (object));
}

static char *
dup_instrument_key (gpointer object)
{
  return g_strdup (ium_instrument_get_name (object));
}

static char *
dup_window_key (gpointer object)
{
  return ium_window_dup_key (object);
}

static char *
dup_cycle_key (gpointer object)
{
  return g_strdup (ium_cycle_get_name (object));
}

static gboolean
insert_component (IumStore *store, gpointer object, GError **error)
{
  IumComponent *component = object;
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "INSERT INTO components (id, name, role, scheme) "
                                          "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                          "name = excluded.name, role = excluded.role, "
                                          "scheme = excluded.scheme",
                                          error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, ium_component_get_id (component));
  bind_text (stmt, 2, ium_component_get_name (component));
  bind_text (stmt, 3, ium_enum_to_nick (IUM_TYPE_ROLE, ium_component_get_role (component)));
  bind_text (stmt, 4, ium_scheme_to_string (ium_component_get_scheme (component)));
  return ium_store_step_done (store, stmt, N_ ("writing a component"), error);
}

static gboolean
insert_rule (IumStore *store, gpointer object, GError **error)
{
  IumRule      *rule = object;
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "INSERT OR REPLACE INTO rules (client, server, policy) "
                                          "VALUES (?, ?, ?)",
                                          error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, ium_rule_get_client (rule));
  bind_text (stmt, 2, ium_rule_get_server (rule));
  bind_text (stmt, 3, ium_enum_to_nick (IUM_TYPE_COMPAT_POLICY, ium_rule_get_policy (rule)));
  return ium_store_step_done (store, stmt, N_ ("writing a rule"), error);
}

static gboolean
insert_release (IumStore *store, gpointer object, GError **error)
{
  IumRelease      *release = object;
  g_autofree char *key = dup_release_key (release);
  g_auto (GStrv) ids = NULL;
  sqlite3_stmt *stmt;
  sqlite3_int64 id;

  /* The release's old row is deleted first, so its component versions go with it. */
  stmt = ium_store_prepare (store,
                            "INSERT INTO releases (key, version, tier, date, notes, patch_of, url) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, ium_release_get_version_text (release));
  bind_text (stmt, 3, ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (release)));
  bind_text (stmt, 4, ium_release_get_date (release));
  bind_text (stmt, 5, ium_release_get_notes (release));
  bind_text (stmt, 6, ium_release_get_patch_of (release));
  bind_text (stmt, 7, ium_release_get_url (release));
  if (!ium_store_step_done (store, stmt, N_ ("writing a release"), error))
    return FALSE;
  id = sqlite3_last_insert_rowid (ium_store_get_db (store));

  ids = ium_release_dup_component_ids (release);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      stmt = ium_store_prepare (store,
                                "INSERT INTO release_components (release_id, component, version) "
                                "VALUES (?, ?, ?)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, ids[i]);
      bind_text (stmt, 3, ium_release_get_component_version (release, ids[i]));
      if (!ium_store_step_done (store, stmt, N_ ("writing a release"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_host (
  IumStore *store, sqlite3_int64 instrument_id, guint position, IumHost *host, GError **error)
{
  g_auto (GStrv) ids = ium_host_dup_component_ids (host);
  sqlite3_stmt *stmt;
  sqlite3_int64 host_id;

  stmt = ium_store_prepare (store,
                            "INSERT INTO hosts (instrument_id, position, name, role) "
                            "VALUES (?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, instrument_id);
  sqlite3_bind_int (stmt, 2, (int) position);
  bind_text (stmt, 3, ium_host_get_name (host));
  bind_text (stmt, 4, ium_host_get_role (host));
  if (!ium_store_step_done (store, stmt, N_ ("writing a host"), error))
    return FALSE;
  host_id = sqlite3_last_insert_rowid (ium_store_get_db (store));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      stmt = ium_store_prepare (store,
                                "INSERT INTO installed (host_id, component, version) "
                                "VALUES (?, ?, ?)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, host_id);
      bind_text (stmt, 2, ids[i]);
      bind_text (stmt, 3, ium_host_get_installed_version (host, ids[i]));
      if (!ium_store_step_done (store, stmt, N_ ("writing an installed version"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_instrument (IumStore *store, gpointer object, GError **error)
{
  IumInstrument     *instrument = object;
  const char *const *tags = ium_instrument_get_tags (instrument);
  sqlite3_stmt      *stmt;
  sqlite3_int64      id;

  stmt =
    ium_store_prepare (store, "INSERT INTO instruments (name, site, pin) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, ium_instrument_get_name (instrument));
  bind_text (stmt, 2, ium_instrument_get_site (instrument));
  bind_text (stmt, 3, ium_instrument_get_pin (instrument));
  if (!ium_store_step_done (store, stmt, N_ ("writing an instrument"), error))
    return FALSE;
  id = sqlite3_last_insert_rowid (ium_store_get_db (store));

  for (guint i = 0; tags[i] != NULL; i++)
    {
      stmt = ium_store_prepare (store,
                                "INSERT INTO instrument_tags (instrument_id, position, tag) "
                                "VALUES (?, ?, ?)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, tags[i]);
      if (!ium_store_step_done (store, stmt, N_ ("writing a tag"), error))
        return FALSE;
    }

  for (guint i = 0; i < ium_instrument_get_n_hosts (instrument); i++)
    if (!insert_host (store, id, i, ium_instrument_get_host (instrument, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
insert_window (IumStore *store, gpointer object, GError **error)
{
  IumWindow         *window = object;
  g_autofree char   *key = ium_window_dup_key (window);
  g_autofree char   *start = ium_timestamp_format (ium_window_get_start (window));
  g_autofree char   *end = ium_timestamp_format (ium_window_get_end (window));
  const char *const *names = ium_window_get_instruments (window);
  sqlite3_stmt      *stmt;
  sqlite3_int64      id;

  stmt = ium_store_prepare (store,
                            "INSERT INTO windows (key, start, end, start_unix, end_unix, label, "
                            "all_instruments) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, start);
  bind_text (stmt, 3, end);
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (ium_window_get_start (window)));
  sqlite3_bind_int64 (stmt, 5, g_date_time_to_unix (ium_window_get_end (window)));
  bind_text (stmt, 6, ium_window_get_label (window));
  sqlite3_bind_int (stmt, 7, names == NULL);
  if (!ium_store_step_done (store, stmt, N_ ("writing a downtime window"), error))
    return FALSE;
  id = sqlite3_last_insert_rowid (ium_store_get_db (store));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      stmt = ium_store_prepare (store,
                                "INSERT INTO window_instruments (window_id, position, instrument) "
                                "VALUES (?, ?, ?)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, names[i]);
      if (!ium_store_step_done (store, stmt, N_ ("writing a downtime window"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_cycle (IumStore *store, gpointer object, GError **error)
{
  IumCycle        *cycle = object;
  g_autofree char *start = ium_timestamp_format (ium_cycle_get_start (cycle));
  g_autofree char *end = ium_timestamp_format (ium_cycle_get_end (cycle));
  sqlite3_stmt    *stmt;

  stmt = ium_store_prepare (store,
                            "INSERT OR REPLACE INTO cycles (name, start, end, start_unix, "
                            "end_unix, freeze) VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, ium_cycle_get_name (cycle));
  bind_text (stmt, 2, start);
  bind_text (stmt, 3, end);
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (ium_cycle_get_start (cycle)));
  sqlite3_bind_int64 (stmt, 5, g_date_time_to_unix (ium_cycle_get_end (cycle)));
  sqlite3_bind_int (stmt, 6, ium_cycle_get_freeze (cycle));
  return ium_store_step_done (store, stmt, N_ ("writing a cycle"), error);
}

/* In the order they are written; removal runs backwards, so nothing is removed while
 * something written later still refers to it. */
static const Kind kinds[] = {
  { "component", ium_inventory_get_components, dup_component_key,
    (IumJsonWriteFunc) ium_component_write_json, insert_component,
    "DELETE FROM components WHERE id = ?" },
  { "rule", ium_inventory_get_rules, dup_rule_key, (IumJsonWriteFunc) ium_rule_write_json,
    insert_rule, "DELETE FROM rules WHERE client = ?" },
  { "release", ium_inventory_get_releases, dup_release_key,
    (IumJsonWriteFunc) ium_release_write_json, insert_release,
    "DELETE FROM releases WHERE key = ?" },
  { "instrument", ium_inventory_get_instruments, dup_instrument_key,
    (IumJsonWriteFunc) ium_instrument_write_json, insert_instrument,
    "DELETE FROM instruments WHERE name = ?" },
  { "window", ium_inventory_get_windows, dup_window_key, (IumJsonWriteFunc) ium_window_write_json,
    insert_window, "DELETE FROM windows WHERE key = ?" },
  { "cycle", ium_inventory_get_cycles, dup_cycle_key, (IumJsonWriteFunc) ium_cycle_write_json,
    insert_cycle, "DELETE FROM cycles WHERE name = ?" },
};

static gboolean
audit (Writer     *w,
       const char *kind,
       const char *key,
       const char *before,
       const char *after,
       GError    **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (w->store,
                                          "INSERT INTO audit (time, who, action, kind, key, "
                                          "before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                          error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, w->now);
  bind_text (stmt, 2, w->who);
  bind_text (stmt, 3, w->action);
  bind_text (stmt, 4, kind);
  bind_text (stmt, 5, key);
  bind_text (stmt, 6, before);
  bind_text (stmt, 7, after);
  return ium_store_step_done (w->store, stmt, N_ ("writing the audit log"), error);
}

static gboolean
delete_by_key (Writer *w, const Kind *kind, const char *key, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (w->store, kind->delete_sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  return ium_store_step_done (w->store, stmt, N_ ("removing an old version of an object"), error);
}

/* Maps each object's key to the object (borrowed from the inventory's list). */
static GHashTable *
index_by_key (const Kind *kind, IumInventory *inventory)
{
  GHashTable *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *list = kind->get_list (inventory);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (GObject) object = g_list_model_get_item (list, i);
      g_hash_table_insert (objects, kind->dup_key (object), object);
    }
  return objects;
}

/* The object's JSON as the audit log keeps it: what json_to_string() writes for its tree. */
static char *
object_text (const Kind *kind, gpointer object)
{
  return ium_json_out_to_text (kind->write, object);
}

static gboolean
write_kind (Writer       *w,
            const Kind   *kind,
            IumInventory *before,
            IumInventory *after,
            gboolean      removing,
            GError      **error)
{
  g_autoptr (GHashTable) old_objects = index_by_key (kind, before);
  g_autoptr (GHashTable) new_objects = index_by_key (kind, after);
  GListModel *list = kind->get_list (removing ? before : after);

  /* Walk the list rather than the hash table, so that the audit log comes in key order. */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (GObject) object = g_list_model_get_item (list, i);
      g_autofree char *key = kind->dup_key (object);
      gpointer         old_object = g_hash_table_lookup (old_objects, key);
      gpointer         new_object = g_hash_table_lookup (new_objects, key);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;

      if (removing)
        {
          if (new_object != NULL)
            continue;
          old_text = object_text (kind, old_object);
          if (!delete_by_key (w, kind, key, error)
              || !audit (w, kind->kind, key, old_text, NULL, error))
            return FALSE;
          w->changes->removed++;
          continue;
        }

      /* An edit's new inventory shares every object it did not change with the stored one
       * (objects are replaced, never changed in place): the same object is unchanged, and
       * only the others are compared as JSON. With 10,000 instruments that is one
       * serialisation instead of 20,000 for a pin. */
      if (old_object == new_object)
        {
          w->changes->unchanged++;
          continue;
        }
      old_text = old_object ? object_text (kind, old_object) : NULL;
      new_text = object_text (kind, new_object);
      if (old_text != NULL && g_str_equal (old_text, new_text))
        {
          w->changes->unchanged++;
          continue;
        }

      /* Components and rules are updated in place, since other rows refer to them; the
       * others are deleted with their child rows and written anew. */
      if (old_text != NULL && kind->insert != insert_component && kind->insert != insert_rule
          && kind->insert != insert_cycle && !delete_by_key (w, kind, key, error))
        return FALSE;
      if (!kind->insert (w->store, object, error)
          || !audit (w, kind->kind, key, old_text, new_text, error))
        return FALSE;

      if (old_text == NULL)
        w->changes->added++;
      else
        w->changes->changed++;
    }
  return TRUE;
}

static JsonNode *
settings_to_json (IumInventory *inventory)
{
  g_autoptr (JsonNode) whole = NULL;
  JsonObject      *object = json_object_new ();
  JsonNode        *node = json_node_init_object (json_node_alloc (), object);
  const IumPolicy *policy = ium_inventory_get_policy (inventory);
  JsonObject      *limits = json_object_new ();

  if (ium_inventory_get_facility (inventory) != NULL)
    json_object_set_string_member (object, "facility", ium_inventory_get_facility (inventory));
  json_object_set_string_member (
    object, "release_scheme", ium_scheme_to_string (ium_inventory_get_release_scheme (inventory)));
  json_object_set_int_member (limits, "max_minor_behind", policy->max_minor_behind);
  json_object_set_int_member (limits, "max_upgrades_per_day", policy->max_upgrades_per_day);
  json_object_set_int_member (limits, "upgrade_hours", policy->upgrade_hours);
  json_object_set_int_member (limits, "soak_days", policy->soak_days);
  json_object_set_object_member (object, "policy", limits);
  json_object_unref (object);
  return node;
}

static gboolean
write_setting (Writer *w, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    {
      stmt = ium_store_prepare (w->store, "DELETE FROM settings WHERE key = ?", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, key);
    }
  else
    {
      stmt = ium_store_prepare (
        w->store, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, key);
      bind_text (stmt, 2, value);
    }
  return ium_store_step_done (w->store, stmt, N_ ("writing the settings"), error);
}

static gboolean
write_settings (Writer *w, IumInventory *before, IumInventory *after, GError **error)
{
  g_autoptr (JsonNode) old_node = settings_to_json (before);
  g_autoptr (JsonNode) new_node = settings_to_json (after);
  g_autofree char *old_text = json_text (old_node);
  g_autofree char *new_text = json_text (new_node);
  const IumPolicy *policy = ium_inventory_get_policy (after);
  const struct
  {
    const char *key;
    guint       value;
  } limits[] = {
    { "max_minor_behind", policy->max_minor_behind },
    { "max_upgrades_per_day", policy->max_upgrades_per_day },
    { "upgrade_hours", policy->upgrade_hours },
    { "soak_days", policy->soak_days },
  };

  if (g_str_equal (old_text, new_text))
    return TRUE;

  /* The facility's name, release scheme and policy count as one object in the summary once
   * they have been stored: the first import sets them rather than changing them. */
  {
    sqlite3_stmt *stmt = ium_store_prepare (w->store, "SELECT count(*) FROM settings", error);
    gboolean      stored;

    if (stmt == NULL)
      return FALSE;
    stored = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
    sqlite3_reset (stmt);
    if (stored)
      w->changes->changed++;
  }

  if (!write_setting (w, "facility", ium_inventory_get_facility (after), error)
      || !write_setting (w, "release_scheme",
                         ium_scheme_to_string (ium_inventory_get_release_scheme (after)), error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", limits[i].value);
      if (!write_setting (w, limits[i].key, value, error))
        return FALSE;
    }
  return audit (w, "settings", "inventory", old_text, new_text, error);
}

static gboolean
write_difference (Writer *w, IumInventory *before, IumInventory *after, GError **error)
{
  sqlite3_stmt *stmt;

  if (!write_settings (w, before, after, error))
    return FALSE;

  for (guint i = G_N_ELEMENTS (kinds); i > 0; i--)
    if (!write_kind (w, &kinds[i - 1], before, after, TRUE, error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (!write_kind (w, &kinds[i], before, after, FALSE, error))
      return FALSE;

  /* Busy marks of instruments that are gone would come back with a new instrument of the
   * same name; they go with the instrument. */
  stmt = ium_store_prepare (w->store,
                            "DELETE FROM instrument_busy WHERE instrument NOT IN "
                            "(SELECT name FROM instruments)",
                            error);
  return stmt != NULL && ium_store_step_done (w->store, stmt, N_ ("clearing busy marks"), error);
}

static gboolean
check_foreign_keys (IumStore *store, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store, "PRAGMA foreign_key_check", error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID,
                   _ ("the change would leave a reference in table “%s” to something removed"),
                   (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ium_store_set_sqlite_error (store, rc, N_ ("checking references"), error);
  return TRUE;
}

static gboolean
is_empty (IumInventory *inventory)
{
  GListModel *lists[] = {
    ium_inventory_get_components (inventory), ium_inventory_get_rules (inventory),
    ium_inventory_get_releases (inventory),   ium_inventory_get_instruments (inventory),
    ium_inventory_get_windows (inventory),    ium_inventory_get_cycles (inventory),
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_list_model_get_n_items (lists[i]) > 0)
      return FALSE;
  return TRUE;
}

/* A write into an empty inventory only adds rows. The secondary indexes of the tables it fills
 * (hosts by instrument, installed versions by component, and the audit log's when that is
 * empty too) are then dropped first and built again from their own CREATE INDEX text before
 * the references are checked, inside the same transaction: building an index once from all
 * its rows is much cheaper than updating it row by row, and a rollback brings the old ones
 * back. Returns the CREATE INDEX statements to run again in @saved. */
static gboolean
drop_fill_indexes (IumStore *store, GPtrArray *saved, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "SELECT name, sql FROM sqlite_master "
                                          "WHERE type = 'index' AND sql IS NOT NULL "
                                          "AND tbl_name IN ('components', 'rules', 'releases', "
                                          "'release_components', 'instruments', "
                                          "'instrument_tags', 'hosts', 'installed', 'windows', "
                                          "'window_instruments', 'cycles', 'audit') "
                                          "AND (tbl_name <> 'audit' OR NOT EXISTS "
                                          "(SELECT 1 FROM audit))",
                                          error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (sqlite3_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, sqlite3_mprintf ("DROP INDEX \"%w\"", ium_column_text (stmt, 0)));
      g_ptr_array_add (saved, g_strdup (ium_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ium_store_set_sqlite_error (store, rc, N_ ("reading the schema"), error);

  for (guint i = 0; i < names->len; i++)
    if (!ium_store_exec (store, g_ptr_array_index (names, i), N_ ("preparing the import"), error))
      return FALSE;
  return TRUE;
}

/* The page cache's size (PRAGMA cache_size: negative is KiB) while a large write runs: every
 * page the write changes stays in memory until the commit rather than spilling into the
 * log and being read back. */
#define BULK_CACHE_SIZE (-65536)

static gboolean
query_cache_size (IumStore *store, gint64 *size, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store, "PRAGMA cache_size", error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *size = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return ium_store_set_sqlite_error (store, rc, N_ ("reading the cache size"), error);
  return TRUE;
}

static void
set_cache_size (IumStore *store, gint64 size)
{
  /* PRAGMA takes no bound parameters; the number is ours. */
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  /* Only ever a matter of speed: a failure changes nothing the write does. */
  ium_store_exec (store, sql, N_ ("setting the cache size"), NULL);
}

static gboolean
create_indexes (IumStore *store, GPtrArray *saved, GError **error)
{
  for (guint i = 0; i < saved->len; i++)
    if (!ium_store_exec (store, g_ptr_array_index (saved, i), N_ ("building an index"), error))
      return FALSE;
  return TRUE;
}

/* Whether the stored inventory is empty, read outside any transaction: only a hint, which
 * ium_store_run_write() checks again once it holds the lock. */
static gboolean
looks_empty (IumStore *store)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "SELECT NOT EXISTS (SELECT 1 FROM components) "
                                          "AND NOT EXISTS (SELECT 1 FROM rules) "
                                          "AND NOT EXISTS (SELECT 1 FROM releases) "
                                          "AND NOT EXISTS (SELECT 1 FROM instruments) "
                                          "AND NOT EXISTS (SELECT 1 FROM windows) "
                                          "AND NOT EXISTS (SELECT 1 FROM cycles)",
                                          NULL);
  gboolean      empty = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return empty;
}

/* SQLite's own reference checks, which PRAGMA foreign_keys switches for the connection and
 * only outside a transaction. */
/* Switches SQLite's reference checks back on after a write that had them off. */
static void
restore_references (IumStore *store)
{
  g_autoptr (GError) local_error = NULL;

  if (!ium_store_exec (store, "PRAGMA foreign_keys = ON", N_ ("switching reference checks"),
                       &local_error))
    g_warning ("%s", local_error->message);
}

static gboolean
set_references (IumStore *store, gboolean on, GError **error)
{
  return ium_store_exec (store, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF",
                         N_ ("switching reference checks"), error);
}

/* Runs @make_after inside one IMMEDIATE transaction: the stored inventory is read after the
 * write lock is held, so no other process's change can slip in between the read and the
 * write. */
gboolean
ium_store_run_write (IumStore         *self,
                     const char       *action,
                     const char       *who,
                     IumStoreChanges  *changes,
                     IumStoreMakeAfter make_after,
                     gpointer          data,
                     GError          **error)
{
  g_autoptr (IumInventory) before = NULL;
  g_autoptr (IumInventory) after = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  gint64          cache_size = 0; /* to restore, when changed */
  gboolean        references_off;
  IumStoreChanges local_changes = { 0 };
  Writer          w = { self, who, action, NULL, changes ? changes : &local_changes };

  *w.changes = (IumStoreChanges){ 0 };
  if (!ium_store_check_text (_ ("the name of who made the change"), who, error))
    return FALSE;

  /* Into an empty inventory a write only adds rows, so nothing needs SQLite's cascades, and
   * PRAGMA foreign_key_check below checks every reference before the commit: SQLite's check
   * of each row as it is written (a lookup per reference) is then switched off for the
   * write. Should another process fill the inventory before the lock is taken, the write
   * starts again with them on. */
  references_off = looks_empty (self) && set_references (self, FALSE, NULL);

again:
  if (!ium_store_begin (self, error))
    goto failed;

  if (!(before = ium_store_load_current (self, error)))
    goto failed;
  if (references_off && !is_empty (before))
    {
      ium_store_rollback (self);
      g_clear_object (&before);
      references_off = FALSE;
      if (!set_references (self, TRUE, error))
        return FALSE;
      goto again;
    }

  if (!(after = make_after (before, data, error))
      || !ium_store_exec (self, "PRAGMA defer_foreign_keys = ON", N_ ("deferring references"),
                          error))
    goto failed;

  if (is_empty (before))
    {
      if (!query_cache_size (self, &cache_size, error) || !drop_fill_indexes (self, indexes, error))
        goto failed;
      set_cache_size (self, BULK_CACHE_SIZE);
    }

  w.now = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  if (!write_difference (&w, before, after, error) || !create_indexes (self, indexes, error)
      || !check_foreign_keys (self, error) || !ium_store_commit (self, error))
    goto failed;

  g_free (w.now);
  if (cache_size != 0)
    set_cache_size (self, cache_size);
  if (references_off)
    restore_references (self);
  return TRUE;

failed:
  g_free (w.now);
  ium_store_rollback (self);
  if (cache_size != 0)
    set_cache_size (self, cache_size);
  if (references_off)
    restore_references (self);
  *w.changes = (IumStoreChanges){ 0 };
  return FALSE;
}

typedef struct
{
  const char       *data;
  gsize             length;
  gboolean          replace;
  IumInventoryFile *alone; /* the file read on its own, or NULL */
} ImportRequest;


static IumInventory *
read_import (IumInventory *before, gpointer data, GError **error)
{
  ImportRequest *request = data;
  g_autoptr (IumInventoryFile) file = NULL;

  /* Merged over nothing, the file read on its own is the result: no need to read it twice. */
  if (request->alone != NULL && (request->replace || is_empty (before)))
    return g_object_ref (ium_inventory_file_get_inventory (request->alone));

  file = ium_inventory_file_new_from_data (request->data, request->length,
                                           request->replace ? NULL : before, error);
  if (file == NULL)
    return NULL;
  return g_object_ref (ium_inventory_file_get_inventory (file));
}

/**
 * ium_store_import:
 * @self: a store
 * @data: the inventory file's text
 * @length: its length
 * @replace: %TRUE to remove whatever the file does not hold
 * @who: the person importing, for the audit log
 * @changes: (out) (optional): what changed
 * @error: an #IUM_INVENTORY_FILE_ERROR naming the JSON path at fault, or an #IUM_STORE_ERROR
 *
 * All or nothing: on any error the database is as it was.
 *
 * Returns: %TRUE when the file was imported
 */
gboolean
ium_store_import (IumStore        *self,
                  const char      *data,
                  gsize            length,
                  gboolean         replace,
                  const char      *who,
                  IumStoreChanges *changes,
                  GError         **error)
{
  g_autoptr (GError) check_error = NULL;
  g_autoptr (IumInventoryFile) checked = NULL;

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (who != NULL, FALSE);

  /* A file that is wrong on its own is refused before the write lock is taken, so that a
   * bad file never makes another writer wait. Reference errors need the stored inventory
   * and are found inside the transaction. */
  checked = ium_inventory_file_new_from_data (data, length, NULL, &check_error);
  if (checked == NULL
      && !g_error_matches (check_error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&check_error));
      return FALSE;
    }
  if (checked == NULL && replace)
    {
      g_propagate_error (error, g_steal_pointer (&check_error));
      return FALSE;
    }

  return ium_store_import_checked (self, data, length, checked, replace, who, changes, error);
}

/**
 * ium_store_import_checked:
 * @self: a store
 * @data: the inventory file's text
 * @length: its length
 * @checked: (nullable): @data already read on its own (over an empty inventory), or %NULL
 * @replace: %TRUE to remove whatever the file does not hold
 * @who: the person importing, for the audit log
 * @changes: (out) (optional): what changed
 * @error: an #IUM_INVENTORY_FILE_ERROR naming the JSON path at fault, or an #IUM_STORE_ERROR
 *
 * ium_store_import() for a caller that has read the file already: into an empty database or
 * with @replace, @checked is written as it is and @data is not read again.
 *
 * Returns: %TRUE when the file was imported
 */
gboolean
ium_store_import_checked (IumStore         *self,
                          const char       *data,
                          gsize             length,
                          IumInventoryFile *checked,
                          gboolean          replace,
                          const char       *who,
                          IumStoreChanges  *changes,
                          GError          **error)
{
  ImportRequest request = { data, length, replace, checked };

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (checked == NULL || IUM_IS_INVENTORY_FILE (checked), FALSE);
  g_return_val_if_fail (who != NULL, FALSE);

  return ium_store_run_write (self, "import", who, changes, read_import, &request, error);
}

static IumInventory *
take_inventory (IumInventory *before, gpointer data, GError **error)
{
  return g_object_ref (data);
}

/**
 * ium_store_save:
 * @self: a store
 * @inventory: the inventory as it should now be
 * @action: what is being done, for the audit log ("pin", "edit", ...)
 * @who: the person doing it
 * @changes: (out) (optional): what changed
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: %TRUE when written
 */
gboolean
ium_store_save (IumStore        *self,
                IumInventory    *inventory,
                const char      *action,
                const char      *who,
                IumStoreChanges *changes,
                GError         **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), FALSE);

  /* An import is checked by the file's reader; a save is held to the same rules, so that
   * what is stored always exports to a file that imports. */
  if (!ium_store_check_inventory (inventory, &local_error))
    {
      if (changes != NULL)
        *changes = (IumStoreChanges){ 0 };
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID,
                   _ ("the change would break the inventory's rules: %s"), local_error->message);
      return FALSE;
    }

  return ium_store_run_write (self, action, who, changes, take_inventory, inventory, error);
}
