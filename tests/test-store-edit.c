/* test-store-edit.c: the small changes the HTTP server's write API makes (downtime windows,
 * an instrument's site, tags and installed versions), the downtime schedule the GUI edits
 * (windows imported and replaced, cycles), the inventory copy and window removal
 * they rest on, and the data version a long-running reader polls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-store-edit"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "ium-i18n.h"
#include "ium-inventory-file.h"
#include "ium-rollouts.h"
#include "ium-store-downtime.h"
#include "ium-store-edit.h"
#include "ium-time.h"
#include "ium-store.h"
#include "ium-token.h"

static const char document[] =
  "{"
  "  \"format\": \"ium-inventory\","
  "  \"format_version\": 1,"
  "  \"components\": ["
  "    {\"id\": \"ibex-server\", \"name\": \"IBEX server\", \"role\": \"server\"},"
  "    {\"id\": \"ibex-gui\", \"name\": \"IBEX GUI\", \"role\": \"client\"},"
  "    {\"id\": \"cal-tool\", \"name\": \"Calendar tool\", \"role\": \"library\","
  "     \"scheme\": \"calver\"}"
  "  ],"
  "  \"rules\": [{\"client\": \"ibex-gui\", \"server\": \"ibex-server\"}],"
  "  \"releases\": ["
  "    {\"version\": \"12.0.0.100\", \"tier\": \"official\", \"date\": \"2024-11-04\","
  "     \"components\": {\"cal-tool\": \"20241104.0\"}},"
  "    {\"version\": \"12.1.0.200\", \"tier\": \"official\", \"date\": \"2025-02-04\","
  "     \"components\": {\"cal-tool\": \"20250204.0\"}}"
  "  ],"
  "  \"instruments\": ["
  "    {\"name\": \"LARMOR\", \"site\": \"TS2\", \"tags\": [\"sans\"],"
  "     \"hosts\": [{\"name\": \"NDXLARMOR\", \"role\": \"control\","
  "                \"installed\": {\"ibex-server\": \"12.0.0.100\","
  "                              \"ibex-gui\": \"12.0.0.100\"}},"
  "               {\"name\": \"larmor-cluster\", \"role\": \"cluster\","
  "                \"installed\": {\"ibex-server\": \"12.0.0.100\"}}]},"
  "    {\"name\": \"ZOOM\", \"site\": \"TS2\","
  "     \"hosts\": [{\"name\": \"NDXZOOM\", \"role\": \"control\","
  "                \"installed\": {\"ibex-server\": \"12.1.0.200\"}}]}"
  "  ],"
  "  \"downtime\": ["
  "    {\"start\": \"2025-03-04T08:00:00Z\", \"end\": \"2025-03-04T18:00:00Z\","
  "     \"label\": \"Maintenance day\", \"instruments\": \"all\"}"
  "  ]"
  "}";

#define MAINTENANCE_KEY "2025-03-04T08:00:00Z|2025-03-04T18:00:00Z|Maintenance day"

typedef struct
{
  char     *dir;  /* owned */
  char     *path; /* owned */
  IumStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ium-test-store-edit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "inventory.db", NULL);
  f->store = ium_store_open (f->path, &error);
  g_assert_no_error (error);
  ium_store_import (f->store, document, strlen (document), FALSE, "test", NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_remove (file);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static IumInventory *
load (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  IumInventory *inventory = ium_store_load (f->store, &error);

  g_assert_no_error (error);
  return inventory;
}

static guint
n_audit (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = ium_store_list_audit (f->store, NULL, NULL, &error);

  g_assert_no_error (error);
  return entries->len;
}

static IumAuditEntry *
last_audit (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = ium_store_list_audit (f->store, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  return g_ptr_array_steal_index (entries, entries->len - 1);
}

/* Inventory copy and window removal */

static void
test_copy_and_remove (Fixture *f, gconstpointer data)
{
  g_autoptr (IumInventory) inventory = load (f);
  g_autoptr (IumInventory) copy = ium_inventory_copy (inventory);

  g_assert_cmpstr (ium_inventory_get_facility (copy), ==, ium_inventory_get_facility (inventory));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_instruments (copy)), ==, 2);
  g_assert_true (ium_inventory_lookup_instrument (copy, "LARMOR")
                 == ium_inventory_lookup_instrument (inventory, "LARMOR"));

  g_assert_true (ium_inventory_remove_window (copy, MAINTENANCE_KEY));
  g_assert_null (ium_inventory_lookup_window (copy, MAINTENANCE_KEY));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (copy)), ==, 0);
  g_assert_false (ium_inventory_remove_window (copy, MAINTENANCE_KEY));

  /* The original keeps its window. */
  g_assert_nonnull (ium_inventory_lookup_window (inventory, MAINTENANCE_KEY));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (inventory)), ==, 1);
}

/* The data version */

static void
test_data_version (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) other = ium_store_open_existing (f->path, &error);
  gint64 first, second, third;

  g_assert_no_error (error);
  g_assert_true (ium_store_get_data_version (f->store, &first, &error));
  g_assert_no_error (error);

  /* Our own write does not change it ... */
  g_assert_true (ium_store_set_busy (f->store, "ZOOM", TRUE, NULL, "test", &error));
  g_assert_true (ium_store_get_data_version (f->store, &second, &error));
  g_assert_cmpint (second, ==, first);

  /* ... another connection's does. */
  g_assert_true (ium_store_set_busy (other, "ZOOM", FALSE, NULL, "test", &error));
  g_assert_no_error (error);
  g_assert_true (ium_store_get_data_version (f->store, &third, &error));
  g_assert_cmpint (third, !=, second);
}

/* Free text kept outside the inventory file (notes, who) holds no control character either:
 * refused with a clear error, and nothing is written. */
static void
test_control_characters (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumToken) token = NULL;
  guint before = n_audit (f);

  g_assert_false (ium_store_set_busy (f->store, "ZOOM", TRUE, "beam\x1ftuning", "test", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "U+001F"));
  g_clear_error (&error);
  g_assert_false (ium_store_set_busy (f->store, "ZOOM", TRUE, "fine", "te\nst", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  inventory = load (f);
  g_assert_false (ium_instrument_get_busy (ium_inventory_lookup_instrument (inventory, "ZOOM")));

  g_assert_false (ium_token_take (f->store, "erin", "deploying\x07", FALSE, NULL, &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "U+0007"));
  g_clear_error (&error);
  token = ium_token_get (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (token->holder);
  /* A write of the inventory itself checks who makes it too. */
  g_assert_false (ium_store_set_pin (f->store, "ZOOM", "12.3.1.365", "al\x1bice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_audit (f), ==, before);

  /* Text without control characters is written. */
  g_assert_true (
    ium_store_set_busy (f->store, "ZOOM", TRUE, "beam tuning, Zürich", "test", &error));
  g_assert_no_error (error);
}

/* Downtime windows */

static void
test_put_window (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) window = parse ("{\"start\": \"2025-04-01T09:00:00+01:00\", "
                                       "\"end\": \"2025-04-01T17:00:00Z\", \"label\": \"Extra\", "
                                       "\"instruments\": [\"ZOOM\"]}");
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumAuditEntry) entry = NULL;
  g_autofree char *key = NULL;
  IumWindow       *stored;
  guint            before = n_audit (f);

  g_assert_true (ium_store_put_window (f->store, window, "alice", &key, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "2025-04-01T08:00:00Z|2025-04-01T17:00:00Z|Extra");

  inventory = load (f);
  stored = ium_inventory_lookup_window (inventory, key);
  g_assert_nonnull (stored);
  g_assert_cmpstr (ium_window_get_instruments (stored)[0], ==, "ZOOM");
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (inventory)), ==, 2);

  g_assert_cmpuint (n_audit (f), ==, before + 1);
  entry = last_audit (f);
  g_assert_cmpstr (entry->who, ==, "alice");
  g_assert_cmpstr (entry->action, ==, "downtime add");
  g_assert_cmpstr (entry->kind, ==, "window");
  g_assert_null (entry->before);

  /* The same window again changes nothing. */
  g_assert_true (ium_store_put_window (f->store, window, "alice", NULL, &error));
  g_assert_cmpuint (n_audit (f), ==, before + 1);
}

static void
test_put_window_invalid (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"start\": \"2025-04-01T09:00:00Z\", \"end\": \"2025-04-01T08:00:00Z\", \"label\": \"X\"}",
      "end: the window must end after it starts" },
    { "{\"start\": \"tomorrow\", \"end\": \"2025-04-01T08:00:00Z\", \"label\": \"X\"}", "start: " },
    { "{\"start\": \"2025-04-01T09:00:00Z\", \"end\": \"2025-04-01T10:00:00Z\"}", "label" },
    { "{\"start\": \"2025-04-01T09:00:00Z\", \"end\": \"2025-04-01T10:00:00Z\", \"label\": \"X\", "
      "\"instruments\": [\"NOPE\"]}",
      "NOPE" },
    { "{\"start\": \"2025-04-01T09:00:00Z\", \"end\": \"2025-04-01T10:00:00Z\", \"label\": \"X\", "
      "\"colour\": \"red\"}",
      "colour" },
    { "[1, 2]", "a downtime window is an object" },
  };
  guint before = n_audit (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) window = parse (cases[i].json);
      g_autoptr (IumInventory) inventory = NULL;
      g_autofree char *key = NULL;

      g_assert_false (ium_store_put_window (f->store, window, "alice", &key, &error));
      g_assert_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID);
      g_assert_null (key);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].message);
      /* Never the wrapper's path: the caller sent only the window. */
      g_assert_null (strstr (error->message, "downtime[0]"));

      inventory = load (f);
      g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (inventory)), ==, 1);
    }
  g_assert_cmpuint (n_audit (f), ==, before);
}

static void
test_remove_window (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumAuditEntry) entry = NULL;
  guint before = n_audit (f);

  g_assert_false (ium_store_remove_window (f->store, "2025-01-01T00:00:00Z|x|y", "bob", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_audit (f), ==, before);
  g_clear_error (&error);

  g_assert_true (ium_store_remove_window (f->store, MAINTENANCE_KEY, "bob", &error));
  g_assert_no_error (error);
  inventory = load (f);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (inventory)), ==, 0);
  /* Nothing else went with it. */
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_instruments (inventory)), ==, 2);

  entry = last_audit (f);
  g_assert_cmpstr (entry->action, ==, "downtime remove");
  g_assert_cmpstr (entry->who, ==, "bob");
  g_assert_cmpstr (entry->key, ==, MAINTENANCE_KEY);
  g_assert_null (entry->after);
}

/* Instrument edits */

static void
test_edit_site_tags (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) edit =
    parse ("{\"site\": \"TS2 north\", \"tags\": [\"sans\", \"polarised\"]}");
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumAuditEntry) entry = NULL;
  IumInstrument *larmor;

  /* No token needed: nothing is deployed. */
  g_assert_true (ium_store_edit_instrument (f->store, "LARMOR", edit, "carol", &error));
  g_assert_no_error (error);

  inventory = load (f);
  larmor = ium_inventory_lookup_instrument (inventory, "LARMOR");
  g_assert_cmpstr (ium_instrument_get_site (larmor), ==, "TS2 north");
  g_assert_cmpstr (ium_instrument_get_tags (larmor)[1], ==, "polarised");
  g_assert_cmpstr (ium_host_get_installed_version (ium_instrument_get_host (larmor, 0), "ibex-gui"),
                   ==, "12.0.0.100");

  entry = last_audit (f);
  g_assert_cmpstr (entry->action, ==, "edit");
  g_assert_cmpstr (entry->key, ==, "LARMOR");
  g_assert_cmpstr (entry->who, ==, "carol");
  g_assert_nonnull (strstr (entry->before, "\"TS2\""));
  g_assert_nonnull (strstr (entry->after, "\"TS2 north\""));
}

static void
test_edit_installed_needs_token (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) edit =
    parse ("{\"hosts\": [{\"name\": \"larmor-cluster\", \"installed\": "
           "{\"ibex-server\": \"12.1.0.200\", \"cal-tool\": \"20250101.0\"}},"
           "{\"name\": \"NDXLARMOR\", \"installed\": {\"ibex-gui\": null}}]}");
  g_autoptr (IumInventory) inventory = NULL;
  IumHost *control, *cluster;
  guint    before = n_audit (f);

  g_assert_false (ium_store_edit_instrument (f->store, "LARMOR", edit, "dave", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "deploy token"));
  g_clear_error (&error);

  /* Someone else's token is no better. */
  g_assert_true (ium_token_take (f->store, "erin", NULL, FALSE, NULL, &error));
  g_assert_false (ium_store_edit_instrument (f->store, "LARMOR", edit, "dave", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "erin"));
  g_clear_error (&error);
  g_assert_cmpuint (n_audit (f), ==, before);

  g_assert_true (ium_store_edit_instrument (f->store, "LARMOR", edit, "erin", &error));
  g_assert_no_error (error);
  inventory = load (f);
  control = ium_instrument_get_host (ium_inventory_lookup_instrument (inventory, "LARMOR"), 0);
  cluster = ium_instrument_get_host (ium_inventory_lookup_instrument (inventory, "LARMOR"), 1);
  g_assert_cmpstr (ium_host_get_installed_version (cluster, "ibex-server"), ==, "12.1.0.200");
  g_assert_cmpstr (ium_host_get_installed_version (cluster, "cal-tool"), ==, "20250101.0");
  g_assert_null (ium_host_get_installed_version (control, "ibex-gui"));
  g_assert_cmpstr (ium_host_get_installed_version (control, "ibex-server"), ==, "12.0.0.100");
  g_assert_cmpuint (n_audit (f), ==, before + 1);
}

static void
test_edit_same_versions_need_no_token (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) edit = parse ("{\"site\": \"TS2\", \"hosts\": [{\"name\": \"NDXLARMOR\", "
                                     "\"installed\": {\"ibex-server\": \"12.0.0.100\"}}]}");
  guint before = n_audit (f);

  g_assert_true (ium_store_edit_instrument (f->store, "LARMOR", edit, "dave", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_audit (f), ==, before);
}

static void
test_edit_invalid (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"pin\": \"12.1\"}", "pin: unknown key" },
    { "{\"site\": 3}", "site: " },
    { "{\"tags\": \"sans\"}", "tags: " },
    { "{\"tags\": [1]}", "tags[0]: " },
    { "{\"hosts\": {}}", "hosts: expected a list" },
    { "{\"hosts\": [{\"name\": \"NDXNOPE\", \"installed\": {}}]}",
      "hosts[0].name: LARMOR has no host “NDXNOPE” (its hosts: “NDXLARMOR”, “larmor-cluster”)" },
    { "{\"hosts\": [{\"installed\": {}}]}", "hosts[0].name: " },
    { "{\"hosts\": [{\"name\": \"NDXLARMOR\", \"role\": \"x\", \"installed\": {}}]}",
      "hosts[0].role: unknown key" },
    { "{\"hosts\": [{\"name\": \"NDXLARMOR\"}]}", "hosts[0].installed: expected an object" },
    { "{\"hosts\": [{\"name\": \"NDXLARMOR\", \"installed\": {\"nope\": \"1\"}}]}",
      "hosts[0].installed.nope: unknown component “nope”" },
    { "{\"hosts\": [{\"name\": \"NDXLARMOR\", \"installed\": {\"ibex-gui\": \"12.x\"}}]}",
      "hosts[0].installed.ibex-gui: " },
    { "{\"hosts\": [{\"name\": \"NDXLARMOR\", \"installed\": {\"cal-tool\": \"2025-01-01\"}}]}",
      "hosts[0].installed.cal-tool: " },
    { "{\"hosts\": [{\"name\": \"NDXLARMOR\", \"installed\": {\"ibex-gui\": 12}}]}",
      "hosts[0].installed.ibex-gui: expected a version as text" },
    { "\"LARMOR\"", "an instrument edit is an object" },
  };

  /* The token is held, so that only the input can be at fault. */
  g_autoptr (GError) token_error = NULL;
  g_assert_true (ium_token_take (f->store, "dave", NULL, FALSE, NULL, &token_error));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) edit = parse (cases[i].json);
      g_autoptr (IumInventory) inventory = NULL;
      guint before = n_audit (f);

      g_assert_false (ium_store_edit_instrument (f->store, "LARMOR", edit, "dave", &error));
      g_assert_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
      g_assert_cmpuint (n_audit (f), ==, before);

      inventory = load (f);
      g_assert_cmpstr (
        ium_instrument_get_site (ium_inventory_lookup_instrument (inventory, "LARMOR")), ==, "TS2");
    }
}

static void
test_edit_unknown_instrument (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) edit = parse ("{\"site\": \"TS1\"}");

  g_assert_false (ium_store_edit_instrument (f->store, "larmor", edit, "dave", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“larmor”"));
}

/* The downtime schedule (ium-store-downtime.h) */

/* The stored inventory as its file: what a test compares to see that nothing changed. */
static char *
dump (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = ium_store_load (f->store, &error);

  g_assert_no_error (error);
  return ium_inventory_to_data (inventory, NULL);
}

static guint
n_audit_action (Fixture *f, const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = ium_store_list_audit (f->store, NULL, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += g_str_equal (((IumAuditEntry *) g_ptr_array_index (entries, i))->action, action);
  return n;
}

static IumWindow *
make_window (const char *start, const char *end, const char *label, const char *const *instruments)
{
  g_autoptr (GDateTime) s = ium_timestamp_parse (start, NULL);
  g_autoptr (GDateTime) e = ium_timestamp_parse (end, NULL);
  IumWindow *window = ium_window_new (s, e, label);

  ium_window_set_instruments (window, instruments);
  return window;
}

static void
test_add_windows (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  IumStoreChanges  changes;
  IumWindow       *own;

  g_ptr_array_add (
    windows, make_window ("2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "Maintenance day", NULL));
  g_ptr_array_add (
    windows, make_window ("2030-03-11T08:00:00Z", "2030-03-11T18:00:00Z", "Maintenance day", NULL));
  g_ptr_array_add (windows, make_window ("2030-03-12T08:00:00Z", "2030-03-12T12:00:00Z",
                                         "LARMOR beam off", (const char *[]){ "LARMOR", NULL }));
  ium_store_add_windows (f->store, windows, "alice", &changes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (changes.changed, ==, 0);
  g_assert_cmpuint (n_audit_action (f, "downtime import"), ==, 2);

  inventory = load (f);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (inventory)), ==, 3);
  own = ium_inventory_lookup_window (inventory,
                                     "2030-03-12T08:00:00Z|2030-03-12T12:00:00Z|LARMOR beam off");
  g_assert_nonnull (own);
  g_assert_true (ium_window_applies_to (own, "LARMOR"));
  g_assert_false (ium_window_applies_to (own, "ZOOM"));

  /* One window of an unknown instrument: nothing of the batch is written. */
  before = dump (f);
  g_ptr_array_add (bad, make_window ("2030-04-01T08:00:00Z", "2030-04-01T18:00:00Z", "Fine", NULL));
  g_ptr_array_add (bad, make_window ("2030-04-02T08:00:00Z", "2030-04-02T18:00:00Z", "Bad",
                                     (const char *[]){ "NOSUCH", NULL }));
  g_assert_false (ium_store_add_windows (f->store, bad, "alice", &changes, &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "unknown instrument “NOSUCH”"));
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_replace_window (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) moved = parse ("{\"start\": \"2030-03-05T09:00:00+01:00\","
                                      " \"end\": \"2030-03-05T17:00:00+01:00\","
                                      " \"label\": \"Maintenance (moved)\","
                                      " \"instruments\": [\"LARMOR\"]}");
  g_autoptr (JsonNode) backwards = parse ("{\"start\": \"2030-03-06T09:00:00Z\","
                                          " \"end\": \"2030-03-06T08:00:00Z\", \"label\": \"X\"}");
  g_autoptr (JsonNode) unknown = parse ("{\"start\": \"2030-03-06T09:00:00Z\","
                                        " \"end\": \"2030-03-06T10:00:00Z\", \"label\": \"X\","
                                        " \"instruments\": [\"NOSUCH\"]}");
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  IumWindow       *window;

  ium_store_replace_window (f->store, MAINTENANCE_KEY, moved, "alice", &key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "2030-03-05T08:00:00Z|2030-03-05T16:00:00Z|Maintenance (moved)");
  g_assert_cmpuint (n_audit_action (f, "downtime edit"), ==,
                    2); /* the old one out, the new one in */

  inventory = load (f);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (inventory)), ==, 1);
  g_assert_null (ium_inventory_lookup_window (inventory, MAINTENANCE_KEY));
  window = ium_inventory_lookup_window (inventory, key);
  g_assert_nonnull (window);
  g_assert_cmpstrv (ium_window_get_instruments (window), ((const char *[]){ "LARMOR", NULL }));

  /* Refusals change nothing: a window that is gone, an end before the start, an unknown
   * instrument. */
  before = dump (f);
  g_assert_false (
    ium_store_replace_window (f->store, MAINTENANCE_KEY, moved, "alice", NULL, &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ium_store_replace_window (f->store, key, backwards, "alice", NULL, &error));
  g_assert_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "end: "));
  g_clear_error (&error);
  g_assert_false (ium_store_replace_window (f->store, key, unknown, "alice", NULL, &error));
  g_assert_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "NOSUCH"));
  g_clear_error (&error);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_cycles (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) added = parse ("{\"name\": \"2030/2\", \"start\": \"2030-04-20T08:00:00Z\","
                                      " \"end\": \"2030-06-01T08:00:00Z\", \"freeze\": false}");
  g_autoptr (JsonNode) thawed = parse ("{\"name\": \"2030/1\", \"start\": \"2030-02-11T08:00:00Z\","
                                       " \"end\": \"2030-03-28T08:00:00Z\", \"freeze\": false}");
  g_autoptr (JsonNode) renamed =
    parse ("{\"name\": \"Spring\", \"start\": \"2030-02-11T08:00:00Z\","
           " \"end\": \"2030-03-28T08:00:00Z\", \"freeze\": true}");
  g_autoptr (JsonNode) clash = parse ("{\"name\": \"2030/2\", \"start\": \"2030-02-11T08:00:00Z\","
                                      " \"end\": \"2030-03-28T08:00:00Z\", \"freeze\": true}");
  g_autoptr (JsonNode) backwards = parse ("{\"name\": \"X\", \"start\": \"2030-02-11T08:00:00Z\","
                                          " \"end\": \"2030-01-28T08:00:00Z\", \"freeze\": true}");
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (JsonNode) frozen = parse ("{\"name\": \"2030/1\", \"start\": \"2030-02-11T08:00:00Z\","
                                       " \"end\": \"2030-03-28T08:00:00Z\", \"freeze\": true}");

  ium_store_put_cycle (f->store, NULL, frozen, "alice", &error);
  g_assert_no_error (error);
  ium_store_put_cycle (f->store, NULL, added, "alice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_audit_action (f, "cycle add"), ==, 2);

  ium_store_put_cycle (f->store, "2030/1", thawed, "alice", &error);
  g_assert_no_error (error);
  {
    g_autoptr (IumInventory) inventory = load (f);
    g_assert_false (ium_cycle_get_freeze (ium_inventory_lookup_cycle (inventory, "2030/1")));
  }

  ium_store_put_cycle (f->store, "2030/1", renamed, "alice", &error);
  g_assert_no_error (error);
  {
    g_autoptr (IumInventory) inventory = load (f);
    g_assert_null (ium_inventory_lookup_cycle (inventory, "2030/1"));
    g_assert_true (ium_cycle_get_freeze (ium_inventory_lookup_cycle (inventory, "Spring")));
    g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_cycles (inventory)), ==, 2);
  }
  g_assert_cmpuint (n_audit_action (f, "cycle edit"), ==, 3); /* thawed; renamed: out and in */

  /* Refusals change nothing. */
  before = dump (f);
  g_assert_false (ium_store_put_cycle (f->store, "Spring", clash, "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already a cycle “2030/2”"));
  g_clear_error (&error);
  g_assert_false (ium_store_put_cycle (f->store, "2030/1", renamed, "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ium_store_put_cycle (f->store, NULL, backwards, "alice", &error));
  g_assert_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "end: "));
  g_clear_error (&error);
  g_assert_false (ium_store_remove_cycle (f->store, "2030/1", "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);

  ium_store_remove_cycle (f->store, "Spring", "alice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_audit_action (f, "cycle remove"), ==, 1);
  {
    g_autoptr (IumInventory) inventory = load (f);
    g_assert_null (ium_inventory_lookup_cycle (inventory, "Spring"));
    g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_cycles (inventory)), ==, 1);
  }
}

/* A release the store refuses is named in the user's language before the reader's reason.
 * Last: it switches the process to German. */
static void
test_put_release_invalid_in_german (Fixture *f, gconstpointer data)
{
  g_autoptr (IumVersion) version = ium_version_parse (IUM_SCHEME_QUAD, "12.2.0.300", NULL);
  g_autoptr (IumRelease) release = ium_release_new (version, IUM_TIER_OFFICIAL);
  g_autoptr (GError) error = NULL;

  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  ium_i18n_init ();

  ium_release_set_patch_of (release, "99.0.0.1");
  g_assert_false (ium_store_put_release (f->store, release, "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_test_message ("error: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Release 12.2.0.300: "));
}

#define ADD(path, func) \
  g_test_add ("/ium/store-edit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("inventory/copy-and-remove-window", test_copy_and_remove);
  ADD ("data-version", test_data_version);
  ADD ("control-characters", test_control_characters);
  ADD ("window/put", test_put_window);
  ADD ("window/put-invalid", test_put_window_invalid);
  ADD ("window/remove", test_remove_window);
  ADD ("instrument/site-tags", test_edit_site_tags);
  ADD ("instrument/installed-needs-token", test_edit_installed_needs_token);
  ADD ("instrument/same-versions-need-no-token", test_edit_same_versions_need_no_token);
  ADD ("instrument/invalid", test_edit_invalid);
  ADD ("instrument/unknown", test_edit_unknown_instrument);
  ADD ("downtime/add-windows", test_add_windows);
  ADD ("downtime/replace-window", test_replace_window);
  ADD ("downtime/cycles", test_cycles);
  ADD ("release/invalid-in-german", test_put_release_invalid_in_german);

  return g_test_run ();
}
