/* test-store.c: the SQLite inventory database: opening (and refusing what is not ours),
 * import and save with their counts and audit log, all-or-nothing failures, busy marks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-store"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ium-inventory-file.h"
#include "ium-store.h"
#include "ium-store-private.h"
#include "ium-store-write.h"
#include "ium-time.h"

/* Eight objects: two components, a rule, two releases, an instrument, a window, a cycle. */
static const char minimal_document[] =
  "{"
  "  \"format\": \"ium-inventory\","
  "  \"format_version\": 1,"
  "  \"facility\": \"Test Facility\","
  "  \"components\": ["
  "    {\"id\": \"ibex-server\", \"name\": \"IBEX server\", \"role\": \"server\"},"
  "    {\"id\": \"ibex-gui\", \"name\": \"IBEX GUI\", \"role\": \"client\"}"
  "  ],"
  "  \"rules\": [{\"client\": \"ibex-gui\", \"server\": \"ibex-server\"}],"
  "  \"releases\": ["
  "    {\"version\": \"12.0.0.100\", \"tier\": \"official\", \"date\": \"2024-11-04\"},"
  "    {\"version\": \"12.0.1.130\", \"tier\": \"official\", \"patch_of\": \"12.0.0.100\"}"
  "  ],"
  "  \"instruments\": ["
  "    {\"name\": \"LARMOR\", \"site\": \"TS2\", \"tags\": [\"sans\", \"ts2\"],"
  "     \"hosts\": [{\"name\": \"NDXLARMOR\", \"role\": \"control\","
  "                \"installed\": {\"ibex-server\": \"12.0.0.100\","
  "                              \"ibex-gui\": \"12.0.0.100\"}}]}"
  "  ],"
  "  \"downtime\": ["
  "    {\"start\": \"2025-03-04T08:00:00+01:00\", \"end\": \"2025-03-04T18:00:00Z\","
  "     \"label\": \"Maintenance day\", \"instruments\": [\"LARMOR\"]}"
  "  ],"
  "  \"cycles\": [{\"name\": \"2025/1\", \"start\": \"2025-02-11T08:00:00Z\","
  "               \"end\": \"2025-03-28T08:00:00Z\", \"freeze\": true}]"
  "}";

#define MINIMAL_N_OBJECTS 8

typedef struct
{
  char *dir;  /* owned; removed with everything in it */
  char *path; /* owned; the database, in a folder that does not exist yet */
} Fixture;

/* Removes @path and everything below it, making folders writable first (a test may have
 * taken the write permission away). */
static void
remove_tree (const char *path)
{
  GStatBuf info;

  if (g_lstat (path, &info) != 0)
    return;

  if (S_ISDIR (info.st_mode))
    {
      g_autoptr (GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_remove (path), ==, 0);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ium-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "data", "ium", "inventory.db", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_free (f->path);
  g_free (f->dir);
}

/* Direct SQLite access, as another program (or a person with the sqlite3 shell) would. */

static sqlite3 *
db_open (const char *path)
{
  sqlite3 *db = NULL;
  int      rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
db_exec (const char *path, const char *sql)
{
  sqlite3 *db = db_open (path);
  char    *message = NULL;
  int      rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
db_query_text (const char *path, const char *sql)
{
  sqlite3      *db = db_open (path);
  sqlite3_stmt *stmt = NULL;
  char         *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
db_query_int (const char *path, const char *sql)
{
  g_autofree char *text = db_query_text (path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* The store. */

static IumStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  IumStore *store = ium_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
import_ok (
  IumStore *store, const char *text, gboolean replace, const char *who, IumStoreChanges *changes)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = ium_store_import (store, text, strlen (text), replace, who, changes, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static IumInventory *
load_ok (IumStore *store)
{
  g_autoptr (GError) error = NULL;
  IumInventory *inventory = ium_store_load (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (inventory);
  return inventory;
}

static char *
load_text (IumStore *store)
{
  g_autoptr (IumInventory) inventory = load_ok (store);

  return ium_inventory_to_data (inventory, NULL);
}

static GPtrArray *
list_audit (IumStore *store, const char *kind, const char *key)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = ium_store_list_audit (store, kind, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static guint
audit_count (IumStore *store)
{
  g_autoptr (GPtrArray) entries = list_audit (store, NULL, NULL);

  return entries->len;
}

static void
assert_changes (
  const IumStoreChanges *changes, guint added, guint changed, guint removed, guint unchanged)
{
  g_test_message ("changes: %u added, %u changed, %u removed, %u unchanged", changes->added,
                  changes->changed, changes->removed, changes->unchanged);
  g_assert_cmpuint (changes->added, ==, added);
  g_assert_cmpuint (changes->changed, ==, changed);
  g_assert_cmpuint (changes->removed, ==, removed);
  g_assert_cmpuint (changes->unchanged, ==, unchanged);
}

static void
assert_mode (const char *path, guint mode)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpuint (info.st_mode & 0777, ==, mode);
}

/* Editing the minimal document through json-glib. */

static JsonNode *
doc_new (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
doc_list (JsonNode *doc, const char *key)
{
  return json_object_get_array_member (json_node_get_object (doc), key);
}

static JsonObject *
doc_item (JsonNode *doc, const char *key, guint index)
{
  return json_array_get_object_element (doc_list (doc, key), index);
}

static char *
doc_text (JsonNode *doc)
{
  return json_to_string (doc, FALSE);
}

/* The minimal document with LARMOR changed by one member. */
static char *
minimal_with_larmor (const char *member, const char *json)
{
  g_autoptr (JsonNode) doc = doc_new (minimal_document);

  json_object_set_member (doc_item (doc, "instruments", 0), member, doc_new (json));
  return doc_text (doc);
}

static JsonObject *
parse_object (const char *text, JsonNode **keep)
{
  g_assert_nonnull (text);
  *keep = doc_new (text);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*keep));
  return json_node_get_object (*keep);
}

static char *
demo_contents (gsize *length)
{
  const char      *root = g_getenv ("IUM_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "demo-inventory.json", NULL);
  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Opening. */

static void
test_open_creates (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *journal_mode = NULL;
  mode_t           saved_umask;

  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Whatever the umask allows, the inventory is private. */
  saved_umask = umask (0);
  store = open_store (f->path);
  umask (saved_umask);

  g_assert_cmpstr (ium_store_get_path (store), ==, f->path);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  assert_mode (f->path, 0600);
  assert_mode (folder, 0700);

  g_assert_cmpint (ium_store_get_schema_version (), >, 0);
  g_assert_cmpint (ium_store_get_schema_version (), ==, (int) ium_store_n_migrations);
  g_assert_cmpint (db_query_int (f->path, "PRAGMA user_version"), ==,
                   ium_store_get_schema_version ());
  g_assert_cmpint (db_query_int (f->path, "PRAGMA application_id"), ==, IUM_STORE_APPLICATION_ID);
  journal_mode = db_query_text (f->path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  /* The store's own connection enforces references and waits for other writers. */
  {
    sqlite3      *db = ium_store_get_db (store);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA busy_timeout", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 1000);
    sqlite3_finalize (stmt);
  }

  /* A write goes through the write-ahead log, which is as private as the database. */
  import_ok (store, minimal_document, FALSE, "alice", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  assert_mode (wal, 0600);

  /* Closing the last connection checkpoints the log into the database and removes it. */
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  import_ok (store, minimal_document, FALSE, "alice", NULL);
  first = load_text (store);
  g_clear_object (&store);

  store = open_store (f->path);
  second = load_text (store);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (audit_count (store), ==, MINIMAL_N_OBJECTS + 1);
  g_assert_cmpint (db_query_int (f->path, "PRAGMA user_version"), ==,
                   ium_store_get_schema_version ());

  /* What was stored is what the file said. */
  file =
    ium_inventory_file_new_from_data (minimal_document, strlen (minimal_document), NULL, &error);
  g_assert_no_error (error);
  expected = ium_inventory_to_data (ium_inventory_file_get_inventory (file), NULL);
  g_assert_cmpstr (second, ==, expected);

  /* Two stores on one database see each other's writes. */
  {
    g_autoptr (IumStore) other = open_store (f->path);
    g_autofree char *changed = minimal_with_larmor ("site", "\"TS1\"");
    g_autoptr (IumInventory) seen = NULL;

    import_ok (other, changed, FALSE, "bob", NULL);
    seen = load_ok (store);
    g_assert_cmpstr (ium_instrument_get_site (ium_inventory_lookup_instrument (seen, "LARMOR")), ==,
                     "TS1");
  }
}

/* Opening @path fails with @code, and the message names @named (the path unless given). */
static void
assert_refused_naming (const char *path, int code, const char *named)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_store_open (path, &error);

  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, IUM_STORE_ERROR, code);
  if (strstr (error->message, named) == NULL)
    g_error ("expected the message to name %s: %s", named, error->message);
}

static void
assert_refused (const char *path, int code)
{
  assert_refused_naming (path, code, path);
}

static void
assert_file_unchanged (const char *path, const char *expected, gsize expected_length)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, expected, expected_length);
}

static void
test_open_corrupt (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autoptr (GError) error = NULL;
  char bytes[8192];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (f->path, bytes, sizeof bytes, &error);
  g_assert_no_error (error);

  assert_refused (f->path, IUM_STORE_ERROR_CORRUPT);
  assert_file_unchanged (f->path, bytes, sizeof bytes);

  /* An inventory file given where the database goes is not a database either. */
  g_file_set_contents (f->path, minimal_document, -1, &error);
  g_assert_no_error (error);
  assert_refused (f->path, IUM_STORE_ERROR_CORRUPT);
  assert_file_unchanged (f->path, minimal_document, strlen (minimal_document));
}

static void
test_open_not_inventory (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  db_exec (f->path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x')");

  assert_refused (f->path, IUM_STORE_ERROR_NOT_INVENTORY);

  /* The other program's database is left as it was. */
  g_assert_cmpint (db_query_int (f->path, "SELECT count(*) FROM sqlite_master"), ==, 1);
  g_assert_cmpint (db_query_int (f->path, "SELECT count(*) FROM bookmarks"), ==, 1);
  g_assert_cmpint (db_query_int (f->path, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (db_query_int (f->path, "PRAGMA application_id"), ==, 0);
}

static void
test_open_too_new (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autofree char *newer =
    g_strdup_printf ("PRAGMA user_version = %d", ium_store_get_schema_version () + 1);

  g_clear_object (&store);
  db_exec (f->path, newer);

  assert_refused (f->path, IUM_STORE_ERROR_TOO_NEW);
  g_assert_cmpint (db_query_int (f->path, "PRAGMA user_version"), ==,
                   ium_store_get_schema_version () + 1);
}

static void
test_open_unwritable (Fixture *f, gconstpointer data)
{
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *inside = g_build_filename (locked, "inventory.db", NULL);
  g_autofree char *below = g_build_filename (locked, "ium", "inventory.db", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not apply to root");
      return;
    }

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);

  /* The file cannot be created, nor the folder it would go in. */
  assert_refused (inside, IUM_STORE_ERROR_OPEN);
  {
    g_autofree char *below_folder = g_path_get_dirname (below);
    assert_refused_naming (below, IUM_STORE_ERROR_OPEN, below_folder);
  }
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
}

/* A folder given as the database is named as a folder, and nothing is created in it. */
static void
test_open_folder (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;

  assert_refused_naming (f->dir, IUM_STORE_ERROR_OPEN, "is a folder");
  assert_refused_naming (f->dir, IUM_STORE_ERROR_OPEN, f->dir);
  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

/* Import. */

static void
test_import_counts (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (GPtrArray) entries = NULL;
  IumStoreChanges changes = { 99, 99, 99, 99 };
  guint           n_audit;

  import_ok (store, minimal_document, FALSE, "alice", &changes);
  assert_changes (&changes, MINIMAL_N_OBJECTS, 0, 0, 0);

  /* One entry per object added, and one for the facility's settings. */
  entries = list_audit (store, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, MINIMAL_N_OBJECTS + 1);
  for (guint i = 0; i < entries->len; i++)
    {
      IumAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr (GDateTime) time = NULL;

      g_assert_cmpstr (entry->who, ==, "alice");
      g_assert_cmpstr (entry->action, ==, "import");
      g_assert_nonnull (entry->after);
      if (i > 0)
        g_assert_cmpint (entry->id, >, ((IumAuditEntry *) g_ptr_array_index (entries, i - 1))->id);
      if (g_str_equal (entry->kind, "settings"))
        continue;
      g_assert_null (entry->before);
      time = ium_timestamp_parse (entry->time, NULL);
      g_assert_nonnull (time);
      g_assert_true (g_str_has_suffix (entry->time, "Z"));
    }
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = list_audit (store, "component", NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_audit (store, "release", "12.0.1.130");
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_audit (store, "instrument", "WISH");
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Importing the same file again changes nothing and writes nothing to the log. */
  n_audit = audit_count (store);
  import_ok (store, minimal_document, FALSE, "bob", &changes);
  assert_changes (&changes, 0, 0, 0, MINIMAL_N_OBJECTS);
  g_assert_cmpuint (audit_count (store), ==, n_audit);

  /* Nor does the same inventory written another way (other order, other spelling of an
   * equal instant). */
  {
    g_autoptr (JsonNode) doc = doc_new (minimal_document);
    g_autoptr (JsonNode) first = NULL;
    g_autofree char *text = NULL;
    JsonArray       *components = doc_list (doc, "components");

    first = json_node_copy (json_array_get_element (components, 0));
    json_array_remove_element (components, 0);
    json_array_add_element (components, g_steal_pointer (&first));
    text = doc_text (doc);
    import_ok (store, text, FALSE, "bob", &changes);
    assert_changes (&changes, 0, 0, 0, MINIMAL_N_OBJECTS);
    g_assert_cmpuint (audit_count (store), ==, n_audit);
  }

  /* Importing nothing new over it, merging, removes nothing. */
  import_ok (store, "{\"format\": \"ium-inventory\", \"format_version\": 1}", FALSE, "bob",
             &changes);
  assert_changes (&changes, 0, 0, 0, MINIMAL_N_OBJECTS);
  g_assert_cmpuint (audit_count (store), ==, n_audit);
}

static void
test_import_changed (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autofree char *moved = minimal_with_larmor ("site", "\"TS1\"");
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (JsonNode) before_node = NULL;
  g_autoptr (JsonNode) after_node = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  IumStoreChanges changes = { 0 };
  IumAuditEntry  *entry;
  JsonObject     *before, *after;
  guint           n_audit;

  import_ok (store, minimal_document, FALSE, "alice", NULL);
  n_audit = audit_count (store);

  import_ok (store, moved, FALSE, "bob", &changes);
  assert_changes (&changes, 0, 1, 0, MINIMAL_N_OBJECTS - 1);
  g_assert_cmpuint (audit_count (store), ==, n_audit + 1);

  entries = list_audit (store, "instrument", "LARMOR");
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->who, ==, "bob");
  g_assert_cmpstr (entry->action, ==, "import");
  g_assert_cmpstr (entry->kind, ==, "instrument");
  g_assert_cmpstr (entry->key, ==, "LARMOR");
  before = parse_object (entry->before, &before_node);
  after = parse_object (entry->after, &after_node);
  g_assert_cmpstr (json_object_get_string_member (before, "site"), ==, "TS2");
  g_assert_cmpstr (json_object_get_string_member (after, "site"), ==, "TS1");
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==, "LARMOR");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "hosts")), ==, 1);

  inventory = load_ok (store);
  g_assert_cmpstr (ium_instrument_get_site (ium_inventory_lookup_instrument (inventory, "LARMOR")),
                   ==, "TS1");

  /* A changed setting is one entry of its own. */
  {
    g_autoptr (JsonNode) doc = doc_new ("{\"format\": \"ium-inventory\", \"format_version\": 1}");
    g_autofree char *text = NULL;
    IumAuditEntry   *last;

    JsonObject      *policy = json_object_new ();

    json_object_set_int_member (policy, "soak_days", 10);
    json_object_set_object_member (json_node_get_object (doc), "policy", policy);
    text = doc_text (doc);
    import_ok (store, text, FALSE, "carol", &changes);
    /* The summary counts the settings as one changed object. */
    assert_changes (&changes, 0, 1, 0, MINIMAL_N_OBJECTS);
    g_clear_pointer (&entries, g_ptr_array_unref);
    entries = list_audit (store, NULL, NULL);
    g_assert_cmpuint (entries->len, ==, n_audit + 2);
    last = g_ptr_array_index (entries, entries->len - 1);
    g_assert_cmpstr (last->kind, ==, "settings");
    g_assert_cmpstr (last->who, ==, "carol");
    g_assert_nonnull (strstr (last->after, "\"soak_days\":10"));
    g_assert_nonnull (strstr (last->before, "\"soak_days\":7"));
    g_clear_object (&inventory);
    inventory = load_ok (store);
    g_assert_cmpuint (ium_inventory_get_policy (inventory)->soak_days, ==, 10);
    g_assert_cmpuint (ium_inventory_get_policy (inventory)->max_minor_behind, ==, 2);
  }
}

static void
test_import_replace (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (JsonNode) doc = doc_new (minimal_document);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (JsonNode) before_node = NULL;
  g_autofree char *text = NULL;
  IumStoreChanges  changes = { 0 };
  IumAuditEntry   *entry;
  JsonObject      *before;

  import_ok (store, minimal_document, FALSE, "alice", NULL);

  /* No cycle, and WISH instead of LARMOR (the window now applies to WISH). */
  json_object_remove_member (json_node_get_object (doc), "cycles");
  json_object_set_string_member (doc_item (doc, "instruments", 0), "name", "WISH");
  json_array_remove_element (
    json_object_get_array_member (doc_item (doc, "downtime", 0), "instruments"), 0);
  json_array_add_string_element (
    json_object_get_array_member (doc_item (doc, "downtime", 0), "instruments"), "WISH");
  text = doc_text (doc);

  /* Merged, nothing goes away: WISH is added, the window changes, and LARMOR and the cycle
   * stay (unchanged). */
  {
    g_autoptr (IumStore) scratch = NULL;
    g_autofree char *scratch_path = g_build_filename (f->dir, "scratch.db", NULL);

    scratch = open_store (scratch_path);
    import_ok (scratch, minimal_document, FALSE, "alice", NULL);
    import_ok (scratch, text, FALSE, "bob", &changes);
    assert_changes (&changes, 1, 1, 0, MINIMAL_N_OBJECTS - 1);
    inventory = load_ok (scratch);
    g_assert_nonnull (ium_inventory_lookup_instrument (inventory, "LARMOR"));
    g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_cycles (inventory)), ==, 1);
    g_clear_object (&inventory);
  }

  import_ok (store, text, TRUE, "bob", &changes);
  /* WISH added; the window changed (same key, other instruments); LARMOR and the cycle
   * removed; the components, rule and releases unchanged. */
  assert_changes (&changes, 1, 1, 2, MINIMAL_N_OBJECTS - 3);

  inventory = load_ok (store);
  g_assert_null (ium_inventory_lookup_instrument (inventory, "LARMOR"));
  g_assert_nonnull (ium_inventory_lookup_instrument (inventory, "WISH"));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_cycles (inventory)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_releases (inventory)), ==, 2);

  /* Each removal is audited with what was there, and nothing after. */
  entries = list_audit (store, "instrument", "LARMOR");
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->who, ==, "bob");
  g_assert_cmpstr (entry->action, ==, "import");
  g_assert_null (entry->after);
  before = parse_object (entry->before, &before_node);
  g_assert_cmpstr (json_object_get_string_member (before, "name"), ==, "LARMOR");
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = list_audit (store, "cycle", "2025/1");
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 1);
  g_assert_null (entry->after);
  g_assert_nonnull (entry->before);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The file replaced everything: importing it again with --replace changes nothing. */
  import_ok (store, text, TRUE, "bob", &changes);
  assert_changes (&changes, 0, 0, 0, MINIMAL_N_OBJECTS - 1);

  /* And the database holds no rows of what was removed. */
  g_assert_cmpint (db_query_int (f->path, "SELECT count(*) FROM hosts"), ==, 1);
  g_assert_cmpint (db_query_int (f->path, "SELECT count(*) FROM instrument_tags"), ==, 2);
  g_assert_cmpint (db_query_int (f->path, "SELECT count(*) FROM installed"), ==, 2);
}

/* A failed import leaves the database as it was, to the byte. */
static void
test_import_failure (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *stored = NULL;
  gsize            stored_length = 0;
  g_autofree char *loaded = NULL;
  g_autoptr (GError) error = NULL;
  guint n_audit;
  struct
  {
    const char *name;
    const char *text;
    gboolean    replace;
    int         code;
    const char *path;
  } cases[] = {
    /* Not JSON. */
    { "truncated", "{\"format\": \"ium-inventory\", \"format_version\": 1, \"instruments\": [",
      FALSE, IUM_INVENTORY_FILE_ERROR_SYNTAX, NULL },
    /* Wrong on its own. */
    { "unknown key", "{\"format\": \"ium-inventory\", \"format_version\": 1, \"instrumnets\": []}",
      FALSE, IUM_INVENTORY_FILE_ERROR_INVALID, "instrumnets" },
    /* Refers to what neither the file nor the database holds. */
    { "unknown release",
      "{\"format\": \"ium-inventory\", \"format_version\": 1,"
      " \"instruments\": [{\"name\": \"WISH\", \"pin\": \"13.0\","
      " \"hosts\": [{\"name\": \"NDXWISH\", \"installed\": {\"ibex-gui\": \"12.0\"}}]}]}",
      FALSE, IUM_INVENTORY_FILE_ERROR_INVALID, "instruments[0].pin" },
    { "unknown release, replacing",
      "{\"format\": \"ium-inventory\", \"format_version\": 1,"
      " \"instruments\": [{\"name\": \"WISH\", \"pin\": \"13.0\","
      " \"hosts\": [{\"name\": \"NDXWISH\", \"installed\": {}}]}]}",
      TRUE, IUM_INVENTORY_FILE_ERROR_INVALID, "instruments[0].pin" },
    /* Right on its own, wrong over what is stored: only the stored data shows it. */
    { "scheme over stored releases",
      "{\"format\": \"ium-inventory\", \"format_version\": 1, \"release_scheme\": \"semver\"}",
      FALSE, IUM_INVENTORY_FILE_ERROR_INVALID, "release_scheme" },
    { "component the stored releases cannot carry",
      "{\"format\": \"ium-inventory\", \"format_version\": 1, \"components\": [{\"id\": \"tool\","
      " \"role\": \"library\", \"scheme\": \"calver\"}],"
      " \"instruments\": [{\"name\": \"WISH\", \"hosts\": [{\"name\": \"NDXWISH\","
      " \"installed\": {\"tool\": \"20250101.0\"}}]}]}",
      FALSE, IUM_INVENTORY_FILE_ERROR_INVALID, NULL },
  };

  import_ok (store, minimal_document, FALSE, "alice", NULL);
  n_audit = audit_count (store);
  loaded = load_text (store);
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_file_get_contents (f->path, &stored, &stored_length, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      IumStoreChanges  changes = { 0 };
      g_autofree char *after = NULL;
      gboolean         ok;

      g_test_message ("case: %s", cases[i].name);
      store = open_store (f->path);
      ok = ium_store_import (store, cases[i].text, strlen (cases[i].text), cases[i].replace,
                             "mallory", &changes, &error);
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_test_message ("error: %s", error->message);
      g_assert_error (error, IUM_INVENTORY_FILE_ERROR, cases[i].code);
      if (cases[i].path != NULL)
        {
          g_autofree char *prefix = g_strconcat (cases[i].path, ": ", NULL);
          g_assert_true (g_str_has_prefix (error->message, prefix));
        }
      g_clear_error (&error);

      after = load_text (store);
      g_assert_cmpstr (after, ==, loaded);
      g_assert_cmpuint (audit_count (store), ==, n_audit);
      g_clear_object (&store);

      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      assert_file_unchanged (f->path, stored, stored_length);
    }
}

/* A write that fails half-way, after some rows are written (here a trigger stands in for a
 * full disk), leaves nothing of itself behind. */
static void
test_import_failure_mid_write (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (JsonNode) doc = doc_new (minimal_document);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *after = NULL;
  g_autofree char *stored = NULL;
  gsize            stored_length = 0;
  IumStoreChanges  changes = { 9, 9, 9, 9 };
  guint            n_audit;

  import_ok (store, minimal_document, FALSE, "alice", NULL);
  db_exec (f->path, "CREATE TRIGGER refuse_wish BEFORE INSERT ON instruments "
                    "WHEN NEW.name = 'WISH' BEGIN SELECT RAISE (ABORT, 'injected failure'); END");
  loaded = load_text (store);
  n_audit = audit_count (store);
  g_clear_object (&store);
  g_file_get_contents (f->path, &stored, &stored_length, &error);
  g_assert_no_error (error);

  /* Components are written before instruments: the renamed one is written, then WISH fails. */
  json_object_set_string_member (doc_item (doc, "components", 0), "name", "Renamed server");
  json_array_add_element (doc_list (doc, "instruments"),
                          doc_new ("{\"name\": \"WISH\", \"hosts\": [{\"name\": \"NDXWISH\","
                                   " \"installed\": {}}]}"));
  text = doc_text (doc);

  store = open_store (f->path);
  g_assert_false (
    ium_store_import (store, text, strlen (text), FALSE, "mallory", &changes, &error));
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "injected failure"));
  assert_changes (&changes, 0, 0, 0, 0);

  after = load_text (store);
  g_assert_cmpstr (after, ==, loaded);
  g_assert_null (strstr (after, "Renamed server"));
  g_assert_cmpuint (audit_count (store), ==, n_audit);
  g_clear_object (&store);
  assert_file_unchanged (f->path, stored, stored_length);
}

static gint64
store_query_int (IumStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64        value;

  g_assert_cmpint (sqlite3_prepare_v2 (ium_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* An import into an empty inventory drops the secondary indexes of the tables it fills and
 * builds them again at the end: whether it succeeds or fails, the schema is as it was. */
static char *
schema_text (const char *path)
{
  return db_query_text (path, "SELECT group_concat (type || ' ' || name || ': ' || sql, '; ') "
                              "FROM (SELECT * FROM sqlite_master WHERE sql IS NOT NULL "
                              "ORDER BY name)");
}

static void
test_import_empty_indexes (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (JsonNode) doc = doc_new (minimal_document);
  g_autoptr (GError) error = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *failed_schema = NULL;
  g_autofree char *imported_schema = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *text = NULL;
  IumStoreChanges  changes = { 0 };

  schema = schema_text (f->path);
  g_assert_nonnull (strstr (schema, "index hosts_by_instrument: CREATE INDEX"));
  g_assert_nonnull (strstr (schema, "index installed_by_component: CREATE INDEX"));
  g_assert_nonnull (strstr (schema, "index audit_by_object: CREATE INDEX"));

  /* Fails after the first instrument's hosts and installed versions are written. */
  json_array_add_element (doc_list (doc, "instruments"),
                          doc_new ("{\"name\": \"WISH\", \"hosts\": [{\"name\": \"NDXWISH\","
                                   " \"installed\": {\"ibex-server\": \"12.0.1.130\"}}]}"));
  text = doc_text (doc);
  db_exec (f->path, "CREATE TRIGGER refuse_wish BEFORE INSERT ON instruments "
                    "WHEN NEW.name = 'WISH' BEGIN SELECT RAISE (ABORT, 'injected failure'); END");
  g_free (schema);
  schema = schema_text (f->path);

  g_assert_false (
    ium_store_import (store, text, strlen (text), FALSE, "mallory", &changes, &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (audit_count (store), ==, 0);
  failed_schema = schema_text (f->path);
  g_assert_cmpstr (failed_schema, ==, schema);
  g_assert_cmpint (db_query_int (f->path, "SELECT count (*) FROM hosts"), ==, 0);

  db_exec (f->path, "DROP TRIGGER refuse_wish");
  g_free (schema);
  schema = schema_text (f->path);
  import_ok (store, text, FALSE, "alice", &changes);
  g_assert_cmpuint (changes.added, ==, 9);
  imported_schema = schema_text (f->path);
  g_assert_cmpstr (imported_schema, ==, schema);
  integrity = db_query_text (f->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (db_query_int (f->path, "SELECT count (*) FROM installed "
                                          "INDEXED BY installed_by_component"),
                   ==, 3);
  g_assert_cmpint (db_query_int (f->path, "SELECT count (*) FROM audit "
                                          "INDEXED BY audit_by_object WHERE kind = 'instrument'"),
                   ==, 2);

  /* The store's page cache is back to its usual size, and its reference checks are on. */
  g_assert_cmpint (store_query_int (store, "PRAGMA cache_size"), ==, -2000);
  g_assert_cmpint (store_query_int (store, "PRAGMA foreign_keys"), ==, 1);
}

/* Into an empty inventory SQLite's per-row reference checks are off during the write:
 * PRAGMA foreign_key_check at the end still refuses a dangling reference, and the checks are
 * on again afterwards. */
static void
test_import_empty_references (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (GError) error = NULL;
  IumStoreChanges changes = { 0 };

  db_exec (f->path, "CREATE TRIGGER dangle AFTER INSERT ON hosts BEGIN "
                    "INSERT INTO installed (host_id, component, version) "
                    "VALUES (NEW.id + 1000, 'ibex-server', '1.0'); END");
  g_assert_false (ium_store_import (store, minimal_document, strlen (minimal_document), FALSE,
                                    "mallory", &changes, &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "installed"));
  g_clear_error (&error);
  assert_changes (&changes, 0, 0, 0, 0);
  g_assert_cmpuint (audit_count (store), ==, 0);
  g_assert_cmpint (db_query_int (f->path, "SELECT count (*) FROM installed"), ==, 0);
  g_assert_cmpint (store_query_int (store, "PRAGMA foreign_keys"), ==, 1);

  /* With the inventory no longer empty, SQLite checks each row again. */
  db_exec (f->path, "DROP TRIGGER dangle");
  import_ok (store, minimal_document, FALSE, "alice", NULL);
  g_assert_cmpint (store_query_int (store, "PRAGMA foreign_keys"), ==, 1);
}

/* Save. */

static void
test_save (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumInventory) reloaded = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (JsonNode) before_node = NULL;
  g_autoptr (JsonNode) after_node = NULL;
  g_autoptr (GError) error = NULL;
  IumStoreChanges changes = { 0 };
  IumAuditEntry  *entry;
  JsonObject     *before, *after;
  guint           n_audit;

  import_ok (store, minimal_document, FALSE, "alice", NULL);
  n_audit = audit_count (store);

  /* A freshly loaded inventory is the store's to change: its objects are not shared with
   * what the store compares against. */
  inventory = load_ok (store);
  ium_instrument_set_pin (ium_inventory_lookup_instrument (inventory, "LARMOR"), "12.0.0.100");
  g_assert_true (ium_store_save (store, inventory, "pin", "carol", &changes, &error));
  g_assert_no_error (error);
  assert_changes (&changes, 0, 1, 0, MINIMAL_N_OBJECTS - 1);
  g_assert_cmpuint (audit_count (store), ==, n_audit + 1);

  entries = list_audit (store, "instrument", "LARMOR");
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->action, ==, "pin");
  g_assert_cmpstr (entry->who, ==, "carol");
  before = parse_object (entry->before, &before_node);
  after = parse_object (entry->after, &after_node);
  g_assert_false (json_object_has_member (before, "pin"));
  g_assert_cmpstr (json_object_get_string_member (after, "pin"), ==, "12.0.0.100");

  reloaded = load_ok (store);
  g_assert_cmpstr (ium_instrument_get_pin (ium_inventory_lookup_instrument (reloaded, "LARMOR")),
                   ==, "12.0.0.100");

  /* Saving the same state again writes nothing. */
  g_assert_true (ium_store_save (store, reloaded, "edit", "carol", &changes, &error));
  g_assert_no_error (error);
  assert_changes (&changes, 0, 0, 0, MINIMAL_N_OBJECTS);
  g_assert_cmpuint (audit_count (store), ==, n_audit + 1);
}

/* An inventory without some of the stored objects removes them on save. */
static void
test_save_removes (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumInventory) stored = NULL;
  g_autoptr (IumInventory) smaller = ium_inventory_new ();
  g_autoptr (IumInventory) reloaded = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  IumStoreChanges changes = { 0 };
  GListModel     *releases;

  import_ok (store, minimal_document, FALSE, "alice", NULL);
  stored = load_ok (store);

  /* Everything but the patch release. */
  ium_inventory_set_facility (smaller, ium_inventory_get_facility (stored));
  ium_inventory_set_policy (smaller, ium_inventory_get_policy (stored));
  ium_inventory_put_component (smaller, ium_inventory_lookup_component (stored, "ibex-server"));
  ium_inventory_put_component (smaller, ium_inventory_lookup_component (stored, "ibex-gui"));
  ium_inventory_put_rule (smaller, ium_inventory_lookup_rule (stored, "ibex-gui"));
  ium_inventory_put_release (smaller, ium_inventory_lookup_release (stored, "12.0.0.100"));
  ium_inventory_put_instrument (smaller, ium_inventory_lookup_instrument (stored, "LARMOR"));
  ium_inventory_put_cycle (smaller, ium_inventory_lookup_cycle (stored, "2025/1"));
  {
    g_autoptr (IumWindow) window = g_list_model_get_item (ium_inventory_get_windows (stored), 0);
    ium_inventory_put_window (smaller, window);
  }

  g_assert_true (ium_store_save (store, smaller, "edit", "dave", &changes, &error));
  g_assert_no_error (error);
  assert_changes (&changes, 0, 0, 1, MINIMAL_N_OBJECTS - 1);

  reloaded = load_ok (store);
  releases = ium_inventory_get_releases (reloaded);
  g_assert_cmpuint (g_list_model_get_n_items (releases), ==, 1);
  g_assert_null (ium_inventory_lookup_release (reloaded, "12.0.1.130"));

  entries = list_audit (store, "release", "12.0.1.130");
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((IumAuditEntry *) g_ptr_array_index (entries, 1))->action, ==, "edit");
  g_assert_cmpstr (((IumAuditEntry *) g_ptr_array_index (entries, 1))->who, ==, "dave");
  g_assert_null (((IumAuditEntry *) g_ptr_array_index (entries, 1))->after);
}

/* A save that would leave a host's installed version pointing at a removed component is
 * refused, and nothing of it is written. */
static void
test_save_dangling_reference (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumInventory) stored = NULL;
  g_autoptr (IumInventory) broken = ium_inventory_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  IumStoreChanges  changes = { 0 };
  guint            n_audit;

  import_ok (store, minimal_document, FALSE, "alice", NULL);
  before = load_text (store);
  n_audit = audit_count (store);
  stored = load_ok (store);

  ium_inventory_set_facility (broken, ium_inventory_get_facility (stored));
  ium_inventory_put_component (broken, ium_inventory_lookup_component (stored, "ibex-server"));
  ium_inventory_put_release (broken, ium_inventory_lookup_release (stored, "12.0.0.100"));
  ium_inventory_put_release (broken, ium_inventory_lookup_release (stored, "12.0.1.130"));
  ium_inventory_put_instrument (broken, ium_inventory_lookup_instrument (stored, "LARMOR"));

  g_assert_false (ium_store_save (store, broken, "edit", "dave", &changes, &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_test_message ("error: %s", error->message);
  assert_changes (&changes, 0, 0, 0, 0);

  after = load_text (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (audit_count (store), ==, n_audit);
}

/* What the store holds must export to a file that imports again: a save that breaks the
 * file's rules is refused like an import of that file would be, and writes nothing. */
static void
assert_save_refused (IumStore *store, IumInventory *inventory, const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = load_text (store);
  g_autofree char *after = NULL;
  IumStoreChanges  changes = { 9, 9, 9, 9 };
  guint            n_audit = audit_count (store);

  g_assert_false (ium_store_save (store, inventory, "edit", "dave", &changes, &error));
  assert_changes (&changes, 0, 0, 0, 0);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, needle));

  after = load_text (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (audit_count (store), ==, n_audit);
}

static void
test_save_breaks_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumInventory) inventory = NULL;

  import_ok (store, minimal_document, FALSE, "alice", NULL);

  inventory = load_ok (store);
  ium_instrument_set_pin (ium_inventory_lookup_instrument (inventory, "LARMOR"), "13.0");
  assert_save_refused (store, inventory, "13.0");
  g_clear_object (&inventory);

  inventory = load_ok (store);
  ium_host_set_installed (
    ium_instrument_get_host (ium_inventory_lookup_instrument (inventory, "LARMOR"), 0), "ibex-gui",
    "12.x");
  assert_save_refused (store, inventory, "12.x");
  g_clear_object (&inventory);

  inventory = load_ok (store);
  ium_release_set_patch_of (ium_inventory_lookup_release (inventory, "12.0.1.130"), "11.0");
  assert_save_refused (store, inventory, "11.0");
}

/* Busy marks are operational state: they survive an import that replaces the instrument, and
 * go when the instrument goes. */
static void
test_busy (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumInventory) inventory = NULL;
  g_autofree char *rehosted = minimal_with_larmor (
    "hosts", "[{\"name\": \"LARMOR-CLUSTER\", \"installed\": {\"ibex-server\": \"12.0.1.130\"}}]");
  g_autoptr (JsonNode) without = doc_new (minimal_document);
  g_autofree char *without_text = NULL;
  IumStoreChanges  changes = { 0 };
  IumInstrument   *larmor;

  import_ok (store, minimal_document, FALSE, "alice", NULL);
  db_exec (f->path, "INSERT INTO instrument_busy (instrument, note, since, who) "
                    "VALUES ('LARMOR', 'long SANS run', '2025-03-01T10:00:00Z', 'carol')");

  inventory = load_ok (store);
  larmor = ium_inventory_lookup_instrument (inventory, "LARMOR");
  g_assert_true (ium_instrument_get_busy (larmor));
  g_assert_cmpstr (ium_instrument_get_busy_note (larmor), ==, "long SANS run");
  g_clear_object (&inventory);

  /* The instrument is rewritten, with new hosts: the mark stays. */
  import_ok (store, rehosted, FALSE, "bob", &changes);
  assert_changes (&changes, 0, 1, 0, MINIMAL_N_OBJECTS - 1);
  inventory = load_ok (store);
  larmor = ium_inventory_lookup_instrument (inventory, "LARMOR");
  g_assert_cmpstr (ium_host_get_name (ium_instrument_get_host (larmor, 0)), ==, "LARMOR-CLUSTER");
  g_assert_true (ium_instrument_get_busy (larmor));
  g_assert_cmpstr (ium_instrument_get_busy_note (larmor), ==, "long SANS run");
  g_clear_object (&inventory);

  /* Busy is not part of the file: an export does not carry it, and a re-import of the same
   * file changes nothing. */
  import_ok (store, rehosted, FALSE, "bob", &changes);
  assert_changes (&changes, 0, 0, 0, MINIMAL_N_OBJECTS);
  g_assert_cmpint (db_query_int (f->path, "SELECT count(*) FROM instrument_busy"), ==, 1);

  /* --replace without LARMOR removes it, and its mark with it. */
  json_object_remove_member (json_node_get_object (without), "instruments");
  json_object_set_string_member (doc_item (without, "downtime", 0), "instruments", "all");
  without_text = doc_text (without);
  import_ok (store, without_text, TRUE, "bob", &changes);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpint (db_query_int (f->path, "SELECT count(*) FROM instrument_busy "
                                          "WHERE instrument = 'LARMOR'"),
                   ==, 0);

  /* A new LARMOR is not busy. */
  import_ok (store, minimal_document, FALSE, "alice", &changes);
  inventory = load_ok (store);
  g_assert_false (ium_instrument_get_busy (ium_inventory_lookup_instrument (inventory, "LARMOR")));
}

/* The demo facility, through the store and back. */
static void
test_demo (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (JsonNode) doc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *from_store = NULL;
  IumStoreChanges  changes = { 0 };
  gsize            length = 0;
  guint            total = 0;
  const char *lists[] = { "components", "rules", "releases", "instruments", "downtime", "cycles" };

  contents = demo_contents (&length);
  doc = doc_new (contents);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    total += json_array_get_length (doc_list (doc, lists[i]));

  g_assert_true (ium_store_import (store, contents, length, FALSE, "demo", &changes, &error));
  g_assert_no_error (error);
  assert_changes (&changes, total, 0, 0, 0);

  inventory = load_ok (store);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_instruments (inventory)), ==, 34);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_instruments (inventory)), ==,
                    json_array_get_length (doc_list (doc, "instruments")));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_components (inventory)), ==,
                    json_array_get_length (doc_list (doc, "components")));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_rules (inventory)), ==,
                    json_array_get_length (doc_list (doc, "rules")));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_releases (inventory)), ==,
                    json_array_get_length (doc_list (doc, "releases")));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (inventory)), ==,
                    json_array_get_length (doc_list (doc, "downtime")));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_cycles (inventory)), ==,
                    json_array_get_length (doc_list (doc, "cycles")));

  /* Everything the file says comes back from the database, to the byte of an export. */
  file = ium_inventory_file_new_from_data (contents, length, NULL, &error);
  g_assert_no_error (error);
  from_file = ium_inventory_to_data (ium_inventory_file_get_inventory (file), NULL);
  from_store = ium_inventory_to_data (inventory, NULL);
  g_assert_cmpstr (from_store, ==, from_file);

  /* And the export imports as no change. */
  import_ok (store, from_store, FALSE, "demo", &changes);
  assert_changes (&changes, 0, 0, 0, total);
  import_ok (store, from_store, TRUE, "demo", &changes);
  assert_changes (&changes, 0, 0, 0, total);
}

/* One instrument read on its own is the instrument the whole load reads. */
static void
test_load_instrument (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumInstrument) missing = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  GListModel      *instruments;
  gsize            length = 0;
  guint            n_busy = 0;

  contents = demo_contents (&length);
  import_ok (store, contents, FALSE, "demo", NULL);
  g_assert_true (ium_store_set_busy (store, "LARMOR", TRUE, "cooling", "alice", &error));
  g_assert_no_error (error);
  inventory = load_ok (store);
  instruments = ium_inventory_get_instruments (inventory);

  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr (IumInstrument) whole = g_list_model_get_item (instruments, i);
      g_autoptr (IumInstrument) alone = NULL;
      g_autoptr (JsonNode) whole_json = ium_instrument_to_json (whole);
      g_autoptr (JsonNode) alone_json = NULL;
      g_autofree char *whole_text = NULL;
      g_autofree char *alone_text = NULL;

      alone = ium_store_load_instrument (store, ium_instrument_get_name (whole), &error);
      g_assert_no_error (error);
      g_assert_nonnull (alone);
      alone_json = ium_instrument_to_json (alone);
      whole_text = json_to_string (whole_json, FALSE);
      alone_text = json_to_string (alone_json, FALSE);
      g_assert_cmpstr (alone_text, ==, whole_text);
      g_assert_cmpint (ium_instrument_get_busy (alone), ==, ium_instrument_get_busy (whole));
      g_assert_cmpstr (ium_instrument_get_busy_note (alone), ==,
                       ium_instrument_get_busy_note (whole));
      n_busy += ium_instrument_get_busy (alone);
    }
  g_assert_cmpuint (n_busy, >=, 1);

  missing = ium_store_load_instrument (store, "NO-SUCH", &error);
  g_assert_null (missing);
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
}

/* A write starts from the kept inventory only while nothing changed the database since. */
static void
test_keep_inventory (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = open_store (f->path);
  g_autoptr (IumStore) other = NULL;
  g_autoptr (IumInventory) kept = NULL;
  g_autoptr (IumInventory) after = NULL;
  g_autoptr (IumRelease) release = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  const char      *version;
  gint64           data_version;
  gsize            length = 0;

  contents = demo_contents (&length);
  import_ok (store, contents, FALSE, "demo", NULL);
  g_assert_true (ium_store_get_data_version (store, &data_version, &error));
  kept = load_ok (store);
  ium_store_keep_inventory (store, kept, data_version);
  release = g_list_model_get_item (ium_inventory_get_releases (kept), 0);
  version = ium_release_get_version_text (release);
  g_assert_null (ium_instrument_get_pin (ium_inventory_lookup_instrument (kept, "LARMOR")));

  /* Another program pins LARMOR: the kept inventory no longer says what is stored, so the
   * unpin that follows must start from the database and write it. */
  other = open_store (f->path);
  g_assert_true (ium_store_set_pin (other, "LARMOR", version, "bob", &error));
  g_assert_no_error (error);
  g_assert_true (ium_store_set_pin (store, "LARMOR", NULL, "alice", &error));
  g_assert_no_error (error);
  after = load_ok (store);
  g_assert_null (ium_instrument_get_pin (ium_inventory_lookup_instrument (after, "LARMOR")));
  g_clear_object (&after);

  /* The same after a change made through this connection since the inventory was kept. */
  g_assert_true (ium_store_get_data_version (store, &data_version, &error));
  ium_store_keep_inventory (store, kept, data_version);
  g_assert_true (ium_store_set_pin (store, "LARMOR", version, "alice", &error));
  g_assert_true (ium_store_set_pin (store, "LARMOR", NULL, "alice", &error));
  g_assert_no_error (error);
  after = load_ok (store);
  g_assert_null (ium_instrument_get_pin (ium_inventory_lookup_instrument (after, "LARMOR")));

  /* Kept and current, a write starts from it, and the kept inventory is left as it was. */
  g_assert_true (ium_store_get_data_version (store, &data_version, &error));
  ium_store_keep_inventory (store, after, data_version);
  g_assert_true (ium_store_set_pin (store, "LARMOR", version, "alice", &error));
  g_assert_no_error (error);
  g_assert_null (ium_instrument_get_pin (ium_inventory_lookup_instrument (after, "LARMOR")));
  g_clear_object (&after);
  after = load_ok (store);
  g_assert_cmpstr (ium_instrument_get_pin (ium_inventory_lookup_instrument (after, "LARMOR")), ==,
                   version);
  ium_store_keep_inventory (store, NULL, 0);
}

/* Rows that SQLite accepts but the inventory's rules refuse are damage, not a crash. */
static void
assert_damage_refused (Fixture *f, const char *edit, const char *needle)
{
  g_autofree char *path = NULL;
  g_autoptr (IumStore) store = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (GError) error = NULL;
  gint64       n_audit;
  gboolean     ok;
  static guint counter;

  path = g_strdup_printf ("%s/damaged-%u.db", f->dir, counter++);
  store = open_store (path);
  g_test_message ("edit: %s", edit);
  import_ok (store, minimal_document, FALSE, "alice", NULL);
  db_exec (path, edit);

  inventory = ium_store_load (store, &error);
  if (inventory != NULL)
    g_error ("the damage of “%s” was loaded as an inventory", edit);
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_CORRUPT);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  g_clear_error (&error);

  /* A write reads the stored inventory first, so it is refused the same way. */
  n_audit = db_query_int (path, "SELECT count(*) FROM audit");
  ok = ium_store_import (store, minimal_document, strlen (minimal_document), FALSE, "alice", NULL,
                         &error);
  g_assert_false (ok);
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_CORRUPT);
  g_assert_cmpint (db_query_int (path, "SELECT count(*) FROM audit"), ==, n_audit);
}

static void
test_damaged_rows (Fixture *f, gconstpointer data)
{
  assert_damage_refused (f, "UPDATE components SET role = 'bogus' WHERE id = 'ibex-gui'",
                         "ibex-gui");
  assert_damage_refused (f, "UPDATE components SET scheme = 'roman'", NULL);
  assert_damage_refused (f, "UPDATE rules SET policy = 'loose'", "ibex-gui");
  assert_damage_refused (f,
                         "UPDATE releases SET version = 'banana' "
                         "WHERE key = (SELECT min(key) FROM releases)",
                         "banana");
  assert_damage_refused (f, "UPDATE releases SET tier = 'beta'", NULL);
  assert_damage_refused (f, "UPDATE settings SET value = 'roman' WHERE key = 'release_scheme'",
                         "roman");
  assert_damage_refused (f, "UPDATE windows SET start = 'yesterday'", "Maintenance day");
  assert_damage_refused (f, "UPDATE cycles SET end = '2025-03-28'", "2025/1");
}

/* The same for values that only the inventory's own rules check: a version that does not
 * parse is never silently taken, and a pin or patch refers to a release that exists. */
static void
test_damaged_references (Fixture *f, gconstpointer data)
{
  assert_damage_refused (f, "UPDATE installed SET version = 'banana' WHERE component = 'ibex-gui'",
                         "instrument “LARMOR” host “NDXLARMOR”.installed.ibex-gui: ");
  assert_damage_refused (f, "UPDATE installed SET version = 'banana' WHERE component = 'ibex-gui'",
                         "banana");
  assert_damage_refused (f,
                         "INSERT INTO release_components (release_id, component, version) "
                         "SELECT id, 'ibex-gui', '12..1' FROM releases "
                         "WHERE key = (SELECT max(key) FROM releases)",
                         "12..1");
  assert_damage_refused (f, "UPDATE instruments SET pin = '13.0'",
                         "instrument “LARMOR”.pin: unknown release “13.0”");
  assert_damage_refused (f, "UPDATE releases SET patch_of = '11.0' WHERE patch_of IS NOT NULL",
                         "11.0");
}

static void
test_default_path (void)
{
  g_autofree char *expected =
    g_build_filename (g_get_user_data_dir (), "ium", "inventory.db", NULL);
  g_autofree char *path = NULL;
  g_autofree char *overridden = NULL;
  g_autofree char *old = g_strdup (g_getenv ("IUM_DB"));

  g_unsetenv ("IUM_DB");
  path = ium_store_dup_default_path ();
  g_assert_cmpstr (path, ==, expected);

  g_setenv ("IUM_DB", "/srv/ium/facility.db", TRUE);
  overridden = ium_store_dup_default_path ();
  g_assert_cmpstr (overridden, ==, "/srv/ium/facility.db");

  if (old != NULL)
    g_setenv ("IUM_DB", old, TRUE);
  else
    g_unsetenv ("IUM_DB");
}

#define ADD(path, func) \
  g_test_add ("/ium/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("open/creates", test_open_creates);
  ADD ("open/reopen", test_open_reopen);
  ADD ("open/corrupt", test_open_corrupt);
  ADD ("open/not-inventory", test_open_not_inventory);
  ADD ("open/too-new", test_open_too_new);
  ADD ("open/unwritable", test_open_unwritable);
  ADD ("open/folder", test_open_folder);
  g_test_add_func ("/ium/store/open/default-path", test_default_path);

  ADD ("import/counts", test_import_counts);
  ADD ("import/changed", test_import_changed);
  ADD ("import/replace", test_import_replace);
  ADD ("import/failure-changes-nothing", test_import_failure);
  ADD ("import/failure-mid-write", test_import_failure_mid_write);
  ADD ("import/empty-rebuilds-indexes", test_import_empty_indexes);
  ADD ("import/empty-checks-references", test_import_empty_references);

  ADD ("save/edit", test_save);
  ADD ("save/removes", test_save_removes);
  ADD ("save/dangling-reference", test_save_dangling_reference);
  ADD ("save/breaks-rules", test_save_breaks_rules);

  ADD ("busy/survives-import", test_busy);
  ADD ("load/demo", test_demo);
  ADD ("load/instrument", test_load_instrument);
  ADD ("write/keep-inventory", test_keep_inventory);
  ADD ("load/damaged-rows", test_damaged_rows);
  ADD ("load/damaged-references", test_damaged_references);

  return g_test_run ();
}
