/* test-store-set.c: the small edits of one object: host versions (which need the deploy
 * token), one release, and the data version that tells a program another one wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-store-edit"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ium-inventory-file.h"
#include "ium-rollouts.h"
#include "ium-store.h"
#include "ium-token.h"

static const char inventory_text[] =
  "{\"format\": \"ium-inventory\", \"format_version\": 1,"
  " \"components\": ["
  "  {\"id\": \"srv\", \"name\": \"Server\", \"role\": \"server\"},"
  "  {\"id\": \"gui\", \"name\": \"GUI\", \"role\": \"client\"},"
  "  {\"id\": \"py\", \"name\": \"Python\", \"role\": \"library\", \"scheme\": \"semver\"}],"
  " \"rules\": [{\"client\": \"gui\", \"server\": \"srv\"}],"
  " \"releases\": ["
  "  {\"version\": \"1.0\", \"tier\": \"official\", \"date\": \"2029-01-01\","
  "   \"components\": {\"py\": \"1.0.0\"}},"
  "  {\"version\": \"2.0\", \"tier\": \"official\", \"date\": \"2029-06-01\","
  "   \"components\": {\"py\": \"2.0.0\"}}],"
  " \"instruments\": ["
  "  {\"name\": \"A\", \"site\": \"S1\", \"hosts\": ["
  "    {\"name\": \"a-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"1.0\", \"gui\": "
  "\"1.0\"}},"
  "    {\"name\": \"a-cl\", \"role\": \"cluster\", \"installed\": {\"srv\": \"1.0\"}}]}]}";

typedef struct
{
  char     *dir;   /* owned */
  char     *path;  /* owned */
  IumStore *store; /* owned */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ium-store-edit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "inventory.db", NULL);
  f->store = ium_store_open (f->path, &error);
  g_assert_no_error (error);
  ium_store_import (f->store, inventory_text, strlen (inventory_text), FALSE, "tester", NULL,
                    &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
dup_host_versions (Fixture *f, const char *instrument, const char *host)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = ium_store_load (f->store, &error);
  g_autoptr (GString) text = g_string_new (NULL);
  g_auto (GStrv) ids = NULL;
  IumHost *found;

  g_assert_no_error (error);
  found = ium_instrument_find_host (ium_inventory_lookup_instrument (inventory, instrument), host);
  g_assert_nonnull (found);
  ids = ium_host_dup_component_ids (found);
  for (guint i = 0; ids[i] != NULL; i++)
    g_string_append_printf (text, "%s%s=%s", i ? " " : "", ids[i],
                            ium_host_get_installed_version (found, ids[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_audit (Fixture *f, const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = ium_store_list_audit (f->store, NULL, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (((IumAuditEntry *) g_ptr_array_index (entries, i))->action, action))
      n++;
  return n;
}

static GHashTable *
versions (const char *first_id, ...)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  va_list     args;

  va_start (args, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    g_hash_table_insert (table, (gpointer) id, va_arg (args, char *));
  va_end (args);
  return table;
}

static void
test_installed_needs_token (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) table = versions ("srv", "2.0", "gui", "2.0", NULL);
  g_autofree char *after = NULL;

  /* Nobody holds the token. */
  g_assert_false (ium_store_set_installed (f->store, "A", "a-ctl", table, "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_clear_error (&error);

  /* Someone else holds it: refused with their name. */
  g_assert_true (ium_token_take (f->store, "bob", "deploying", FALSE, NULL, &error));
  g_assert_false (ium_store_set_installed (f->store, "A", "a-ctl", table, "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "bob"));
  g_clear_error (&error);

  after = dup_host_versions (f, "A", "a-ctl");
  g_assert_cmpstr (after, ==, "gui=1.0 srv=1.0");
  g_assert_cmpuint (count_audit (f, "install"), ==, 0);
}

static void
test_installed_writes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) table = versions ("srv", "2.0", "py", "1.2.3-rc.1", NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other = NULL;
  IumAuditEntry   *last;

  g_assert_true (ium_token_take (f->store, "alice", NULL, FALSE, NULL, &error));
  g_assert_true (ium_store_set_installed (f->store, "A", "a-ctl", table, "alice", &error));
  g_assert_no_error (error);

  /* Exactly the map: gui is gone, py is new; the other host is untouched. */
  after = dup_host_versions (f, "A", "a-ctl");
  g_assert_cmpstr (after, ==, "py=1.2.3-rc.1 srv=2.0");
  other = dup_host_versions (f, "A", "a-cl");
  g_assert_cmpstr (other, ==, "srv=1.0");

  entries = ium_store_list_audit (f->store, "instrument", "A", &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpstr (last->action, ==, "install");
  g_assert_cmpstr (last->who, ==, "alice");
  g_assert_nonnull (strstr (last->before, "\"gui\":\"1.0\""));
  g_assert_null (strstr (last->after, "\"gui\""));
  g_assert_nonnull (strstr (last->after, "\"py\":\"1.2.3-rc.1\""));
}

static void
test_installed_refuses_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) bad_version = versions ("srv", "2.x", NULL);
  g_autoptr (GHashTable) bad_scheme = versions ("py", "1.2", NULL);
  g_autoptr (GHashTable) unknown = versions ("nope", "1.0", NULL);
  g_autoptr (GHashTable) fine = versions ("srv", "2.0", NULL);
  g_autofree char *after = NULL;

  g_assert_true (ium_token_take (f->store, "alice", NULL, FALSE, NULL, &error));

  g_assert_false (ium_store_set_installed (f->store, "A", "a-ctl", bad_version, "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  /* Says where (host, instrument, component) and quotes the text. */
  g_assert_nonnull (strstr (error->message, "a-ctl"));
  g_assert_nonnull (strstr (error->message, "srv"));
  g_assert_nonnull (strstr (error->message, "2.x"));
  g_clear_error (&error);

  /* py is semver: 1.2 is not a semantic version. */
  g_assert_false (ium_store_set_installed (f->store, "A", "a-ctl", bad_scheme, "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (ium_store_set_installed (f->store, "A", "a-ctl", unknown, "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);

  g_assert_false (ium_store_set_installed (f->store, "A", "no-such-host", fine, "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (ium_store_set_installed (f->store, "Z", "a-ctl", fine, "alice", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = dup_host_versions (f, "A", "a-ctl");
  g_assert_cmpstr (after, ==, "gui=1.0 srv=1.0");
  g_assert_cmpuint (count_audit (f, "install"), ==, 0);
}

static IumRelease *
new_release (const char *version, IumTier tier)
{
  g_autoptr (IumVersion) parsed = ium_version_parse (IUM_SCHEME_QUAD, version, NULL);

  g_assert_nonnull (parsed);
  return ium_release_new (parsed, tier);
}

static void
test_put_release (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRelease) added = new_release ("2.0.1", IUM_TIER_OFFICIAL);
  g_autoptr (IumRelease) edited = new_release ("1.0.0.0", IUM_TIER_TEST);
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  IumRelease *stored;

  ium_release_set_patch_of (added, "2.0");
  ium_release_set_date (added, "2029-07-01");
  ium_release_set_notes (added, "A patch.");
  g_assert_true (ium_store_put_release (f->store, added, "carol", &error));
  g_assert_no_error (error);

  /* Another spelling of 1.0 replaces it rather than adding a second one. */
  ium_release_set_notes (edited, "Demoted.");
  ium_release_set_component (edited, "py", "1.0.0");
  g_assert_true (ium_store_put_release (f->store, edited, "carol", &error));
  g_assert_no_error (error);

  inventory = ium_store_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_releases (inventory)), ==, 3);
  stored = ium_inventory_lookup_release (inventory, "2.0.1");
  g_assert_nonnull (stored);
  g_assert_cmpstr (ium_release_get_patch_of (stored), ==, "2.0");
  g_assert_cmpstr (ium_release_get_notes (stored), ==, "A patch.");
  stored = ium_inventory_lookup_release (inventory, "1.0");
  g_assert_cmpint (ium_release_get_tier (stored), ==, IUM_TIER_TEST);
  g_assert_cmpstr (ium_release_get_notes (stored), ==, "Demoted.");

  entries = ium_store_list_audit (f->store, "release", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (f, "edit"), ==, 2);
}

static void
test_put_release_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRelease) orphan = new_release ("3.0.1", IUM_TIER_OFFICIAL);
  g_autoptr (IumRelease) bad_date = new_release ("3.0", IUM_TIER_OFFICIAL);
  g_autoptr (IumRelease) bad_component = new_release ("3.1", IUM_TIER_OFFICIAL);
  g_autoptr (IumInventory) inventory = NULL;

  ium_release_set_patch_of (orphan, "2.9");
  g_assert_false (ium_store_put_release (f->store, orphan, "carol", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  /* Named in words, not by a JSON path of a file nobody wrote. */
  g_assert_true (g_str_has_prefix (error->message, "release 3.0.1"));
  g_assert_nonnull (strstr (error->message, "2.9"));
  g_clear_error (&error);

  ium_release_set_date (bad_date, "2029-02-30");
  ium_release_set_component (bad_date, "py", "3.0.0");
  g_assert_false (ium_store_put_release (f->store, bad_date, "carol", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2029-02-30"));
  g_clear_error (&error);

  ium_release_set_component (bad_component, "py", "not-semver");
  g_assert_false (ium_store_put_release (f->store, bad_component, "carol", &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  inventory = ium_store_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_releases (inventory)), ==, 2);
  g_assert_cmpuint (count_audit (f, "edit"), ==, 0);
}

static void
test_data_version (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) other = ium_store_open (f->path, &error);
  gint64 before, after_own, after_other;

  g_assert_no_error (error);
  g_assert_true (ium_store_get_data_version (f->store, &before, &error));
  g_assert_no_error (error);

  /* Our own write leaves it as it was... */
  g_assert_true (ium_store_set_busy (f->store, "A", TRUE, "own", "alice", &error));
  g_assert_true (ium_store_get_data_version (f->store, &after_own, &error));
  g_assert_cmpint (after_own, ==, before);

  /* ...another connection's moves it. */
  g_assert_true (ium_store_set_busy (other, "A", FALSE, NULL, "bob", &error));
  g_assert_no_error (error);
  g_assert_true (ium_store_get_data_version (f->store, &after_other, &error));
  g_assert_cmpint (after_other, !=, after_own);
}

#define ADD(path, func) \
  g_test_add ("/ium/store-set/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("installed/needs-token", test_installed_needs_token);
  ADD ("installed/writes", test_installed_writes);
  ADD ("installed/refuses-bad-input", test_installed_refuses_bad_input);
  ADD ("release/put", test_put_release);
  ADD ("release/refused", test_put_release_refused);
  ADD ("data-version", test_data_version);

  return g_test_run ();
}
