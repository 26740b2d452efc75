/* test-inventory.c: the in-memory inventory, its sorted list models and lookups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ium-inventory.h"
#include "ium-version.h"

typedef struct
{
  guint count;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
items_changed_cb (
  GListModel *model, guint position, guint removed, guint added, ItemsChanged *changes)
{
  changes->count++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
count_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static IumRelease *
make_release (IumScheme scheme, const char *text, IumTier tier)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumVersion) version = ium_version_parse (scheme, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (version);
  return ium_release_new (version, tier);
}

static void
put_release (IumInventory *inventory, const char *text, IumTier tier)
{
  g_autoptr (IumRelease) release =
    make_release (ium_inventory_get_release_scheme (inventory), text, tier);

  ium_inventory_put_release (inventory, release);
}

static GDateTime *
parse_time (const char *text)
{
  GDateTime *date_time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (date_time);
  return date_time;
}

/* The names (or ids, versions, labels) of @model's items, joined by spaces. */
static char *
list_keys (GListModel *model)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      const char *key;

      if (IUM_IS_COMPONENT (item))
        key = ium_component_get_id (IUM_COMPONENT (item));
      else if (IUM_IS_RULE (item))
        key = ium_rule_get_client (IUM_RULE (item));
      else if (IUM_IS_RELEASE (item))
        key = ium_release_get_version_text (IUM_RELEASE (item));
      else if (IUM_IS_INSTRUMENT (item))
        key = ium_instrument_get_name (IUM_INSTRUMENT (item));
      else if (IUM_IS_WINDOW (item))
        key = ium_window_get_label (IUM_WINDOW (item));
      else if (IUM_IS_CYCLE (item))
        key = ium_cycle_get_name (IUM_CYCLE (item));
      else
        g_assert_not_reached ();

      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, key);
    }

  return g_string_free (str, FALSE);
}

#define assert_keys(model, expected)                            \
  G_STMT_START                                                  \
  {                                                             \
    g_autofree char *__keys = list_keys (G_LIST_MODEL (model)); \
    g_assert_cmpstr (__keys, ==, expected);                     \
  }                                                             \
  G_STMT_END

static void
test_properties (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  IumPolicy        policy = IUM_POLICY_INIT;
  const IumPolicy *got;
  guint            facility_count = 0;
  guint            scheme_count = 0;
  guint            policy_count = 0;

  g_assert_null (ium_inventory_get_facility (inventory));
  g_assert_cmpint (ium_inventory_get_release_scheme (inventory), ==, IUM_SCHEME_QUAD);

  /* The spec's defaults. */
  got = ium_inventory_get_policy (inventory);
  g_assert_cmpuint (got->max_minor_behind, ==, 2);
  g_assert_cmpuint (got->max_upgrades_per_day, ==, 3);
  g_assert_cmpuint (got->upgrade_hours, ==, 4);
  g_assert_cmpuint (got->soak_days, ==, 7);

  g_signal_connect (inventory, "notify::facility", G_CALLBACK (count_cb), &facility_count);
  g_signal_connect (inventory, "notify::release-scheme", G_CALLBACK (count_cb), &scheme_count);
  g_signal_connect (inventory, "notify::policy", G_CALLBACK (count_cb), &policy_count);

  ium_inventory_set_facility (inventory, "ISIS");
  ium_inventory_set_facility (inventory, "ISIS");
  g_assert_cmpuint (facility_count, ==, 1);
  g_assert_cmpstr (ium_inventory_get_facility (inventory), ==, "ISIS");

  ium_inventory_set_release_scheme (inventory, IUM_SCHEME_QUAD);
  g_assert_cmpuint (scheme_count, ==, 0);
  g_object_set (inventory, "release-scheme", IUM_SCHEME_CALVER, NULL);
  g_assert_cmpuint (scheme_count, ==, 1);
  g_assert_cmpint (ium_inventory_get_release_scheme (inventory), ==, IUM_SCHEME_CALVER);

  ium_inventory_set_policy (inventory, &policy);
  g_assert_cmpuint (policy_count, ==, 0);
  policy.soak_days = 14;
  ium_inventory_set_policy (inventory, &policy);
  g_assert_cmpuint (policy_count, ==, 1);
  /* The inventory keeps a copy. */
  policy.soak_days = 1;
  g_assert_cmpuint (ium_inventory_get_policy (inventory)->soak_days, ==, 14);
  g_assert_cmpuint (ium_inventory_get_policy (inventory)->max_minor_behind, ==, 2);
}

static void
test_sorted_puts (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  const char *components[] = { "ibex-server", "genie-python", "ibex-gui", "aa-tool" };
  const char *rules[] = { "ibex-gui", "genie-python" };
  const char *instruments[] = { "ZOOM", "LARMOR", "SANS2D", "IMAT", "larmor" };

  for (guint i = 0; i < G_N_ELEMENTS (components); i++)
    {
      g_autoptr (IumComponent) component =
        ium_component_new (components[i], NULL, IUM_ROLE_SERVER, IUM_SCHEME_QUAD);

      ium_inventory_put_component (inventory, component);
    }
  assert_keys (ium_inventory_get_components (inventory),
               "aa-tool genie-python ibex-gui ibex-server");

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr (IumRule) rule =
        ium_rule_new (rules[i], "ibex-server", IUM_COMPAT_POLICY_MINOR_BACKWARD);

      ium_inventory_put_rule (inventory, rule);
    }
  assert_keys (ium_inventory_get_rules (inventory), "genie-python ibex-gui");

  /* strcmp order: upper case before lower case. */
  for (guint i = 0; i < G_N_ELEMENTS (instruments); i++)
    {
      g_autoptr (IumInstrument) instrument = ium_instrument_new (instruments[i]);

      ium_inventory_put_instrument (inventory, instrument);
    }
  assert_keys (ium_inventory_get_instruments (inventory), "IMAT LARMOR SANS2D ZOOM larmor");
  g_assert_nonnull (ium_inventory_lookup_instrument (inventory, "larmor"));
  g_assert_true (ium_inventory_lookup_instrument (inventory, "larmor")
                 != ium_inventory_lookup_instrument (inventory, "LARMOR"));
  g_assert_null (ium_inventory_lookup_instrument (inventory, "Larmor"));

  /* Releases by version, numerically, not by text. */
  put_release (inventory, "12.0.10", IUM_TIER_OFFICIAL);
  put_release (inventory, "9.1", IUM_TIER_OFFICIAL);
  put_release (inventory, "12.0.9", IUM_TIER_OFFICIAL);
  put_release (inventory, "12.0.9.1", IUM_TIER_TEST);
  put_release (inventory, "10.0", IUM_TIER_OFFICIAL);
  assert_keys (ium_inventory_get_releases (inventory), "9.1 10.0 12.0.9 12.0.9.1 12.0.10");

  g_assert_nonnull (ium_inventory_lookup_component (inventory, "ibex-gui"));
  g_assert_null (ium_inventory_lookup_component (inventory, "ibex"));
  g_assert_nonnull (ium_inventory_lookup_rule (inventory, "genie-python"));
  g_assert_null (ium_inventory_lookup_rule (inventory, "ibex-server"));
}

static void
put_window (IumInventory *inventory, const char *start, const char *end, const char *label)
{
  g_autoptr (GDateTime) start_time = parse_time (start);
  g_autoptr (GDateTime) end_time = parse_time (end);
  g_autoptr (IumWindow) window = ium_window_new (start_time, end_time, label);

  ium_inventory_put_window (inventory, window);
}

static void
put_cycle (IumInventory *inventory, const char *name, const char *start, const char *end)
{
  g_autoptr (GDateTime) start_time = parse_time (start);
  g_autoptr (GDateTime) end_time = parse_time (end);
  g_autoptr (IumCycle) cycle = ium_cycle_new (name, start_time, end_time, FALSE);

  ium_inventory_put_cycle (inventory, cycle);
}

static void
test_windows_and_cycles (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  g_autoptr (GDateTime) start = parse_time ("2025-03-01T09:00:00+01:00");
  g_autoptr (GDateTime) end = parse_time ("2025-03-01T13:00:00+01:00");
  g_autoptr (IumWindow) same = ium_window_new (start, end, "b-machine");
  g_autofree char *key = ium_window_dup_key (same);
  IumWindow       *found;

  /* By start instant (whatever the offset), then label: a-early and b-machine start at the
   * same instant, d-latest an hour later. */
  put_window (inventory, "2025-04-01T08:00:00Z", "2025-04-01T12:00:00Z", "c-late");
  put_window (inventory, "2025-03-01T08:00:00Z", "2025-03-01T12:00:00Z", "b-machine");
  put_window (inventory, "2025-03-01T10:00:00+02:00", "2025-03-01T20:00:00+02:00", "a-early");
  put_window (inventory, "2025-02-28T23:00:00-10:00", "2025-03-01T12:00:00Z", "d-latest");
  assert_keys (ium_inventory_get_windows (inventory), "a-early b-machine d-latest c-late");

  /* The same window written in another offset has the same key: it is found, and a put
   * replaces it instead of adding a second one. */
  found = ium_inventory_lookup_window (inventory, key);
  g_assert_nonnull (found);
  g_assert_cmpstr (ium_window_get_label (found), ==, "b-machine");
  ium_inventory_put_window (inventory, same);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_windows (inventory)), ==, 4);
  g_assert_true (ium_inventory_lookup_window (inventory, key) == same);
  g_assert_null (ium_inventory_lookup_window (inventory, "2025-03-01T08:00:00Z"));

  /* By start, then name. */
  put_cycle (inventory, "2025/2", "2025-06-10T08:00:00Z", "2025-07-20T08:00:00Z");
  put_cycle (inventory, "2025/1", "2025-04-22T08:00:00Z", "2025-05-30T08:00:00Z");
  put_cycle (inventory, "2025/1b", "2025-04-22T08:00:00Z", "2025-05-01T08:00:00Z");
  put_cycle (inventory, "2024/5", "2025-02-01T08:00:00Z", "2025-03-20T08:00:00Z");
  assert_keys (ium_inventory_get_cycles (inventory), "2024/5 2025/1 2025/1b 2025/2");

  /* A cycle put again under its name with a new start moves to its new place. */
  put_cycle (inventory, "2025/1", "2025-09-01T08:00:00Z", "2025-10-01T08:00:00Z");
  assert_keys (ium_inventory_get_cycles (inventory), "2024/5 2025/1b 2025/2 2025/1");
  g_assert_cmpuint (
    g_date_time_get_month (ium_cycle_get_start (ium_inventory_lookup_cycle (inventory, "2025/1"))),
    ==, 9);
  g_assert_null (ium_inventory_lookup_cycle (inventory, "2026/1"));
}

static void
test_replace (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  g_autoptr (IumInstrument) zoom = ium_instrument_new ("ZOOM");
  g_autoptr (IumInstrument) larmor = ium_instrument_new ("LARMOR");
  g_autoptr (IumInstrument) larmor2 = ium_instrument_new ("LARMOR");
  g_autoptr (IumComponent) gui =
    ium_component_new ("ibex-gui", "GUI", IUM_ROLE_CLIENT, IUM_SCHEME_QUAD);
  g_autoptr (IumComponent) gui2 =
    ium_component_new ("ibex-gui", "New GUI", IUM_ROLE_CLIENT, IUM_SCHEME_SEMVER);
  GListModel  *instruments = ium_inventory_get_instruments (inventory);
  ItemsChanged changes = { 0 };

  ium_inventory_put_instrument (inventory, zoom);
  ium_inventory_put_instrument (inventory, larmor);
  ium_instrument_set_site (larmor2, "TS2");

  g_signal_connect (instruments, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* One item per key: the new object takes the old one's place. */
  ium_inventory_put_instrument (inventory, larmor2);
  g_assert_cmpuint (g_list_model_get_n_items (instruments), ==, 2);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_true (ium_inventory_lookup_instrument (inventory, "LARMOR") == larmor2);
  {
    g_autoptr (IumInstrument) first = g_list_model_get_item (instruments, 0);

    g_assert_true (first == larmor2);
  }

  /* Putting the object that is already there tells the views it changed. */
  ium_inventory_put_instrument (inventory, ium_inventory_lookup_instrument (inventory, "ZOOM"));
  g_assert_cmpuint (g_list_model_get_n_items (instruments), ==, 2);
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_true (ium_inventory_lookup_instrument (inventory, "ZOOM") == zoom);

  ium_inventory_put_component (inventory, gui);
  ium_inventory_put_component (inventory, gui2);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_components (inventory)), ==, 1);
  g_assert_cmpint (
    ium_component_get_scheme (ium_inventory_lookup_component (inventory, "ibex-gui")), ==,
    IUM_SCHEME_SEMVER);
}

static void
test_release_lookup (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  g_autoptr (IumRelease) respelled = make_release (IUM_SCHEME_QUAD, "v12.1", IUM_TIER_TEST);
  IumRelease *release;

  put_release (inventory, "12.1.0.0", IUM_TIER_OFFICIAL);
  put_release (inventory, "12.0.1.130", IUM_TIER_OFFICIAL);

  /* Any spelling that compares equal finds the release. */
  release = ium_inventory_lookup_release (inventory, "12.1");
  g_assert_nonnull (release);
  g_assert_cmpstr (ium_release_get_version_text (release), ==, "12.1.0.0");
  g_assert_true (ium_inventory_lookup_release (inventory, "12.1.0") == release);
  g_assert_true (ium_inventory_lookup_release (inventory, "12.1.0.0") == release);
  g_assert_true (ium_inventory_lookup_release (inventory, "V12.1") == release);
  g_assert_nonnull (ium_inventory_lookup_release (inventory, "12.0.1.130"));

  /* Versions that are not there, or do not parse, find nothing. */
  g_assert_null (ium_inventory_lookup_release (inventory, "12.1.0.1"));
  g_assert_null (ium_inventory_lookup_release (inventory, "12"));
  g_assert_null (ium_inventory_lookup_release (inventory, "twelve"));
  g_assert_null (ium_inventory_lookup_release (inventory, ""));
  g_assert_null (ium_inventory_lookup_release (inventory, "12..1"));

  /* Another spelling of the same version replaces the release. */
  ium_inventory_put_release (inventory, respelled);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_get_releases (inventory)), ==, 2);
  g_assert_true (ium_inventory_lookup_release (inventory, "12.1.0.0") == respelled);
  assert_keys (ium_inventory_get_releases (inventory), "12.0.1.130 v12.1");
}

static void
test_release_lookup_calver (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();

  /* Lookups parse in the inventory's release scheme. */
  ium_inventory_set_release_scheme (inventory, IUM_SCHEME_CALVER);
  put_release (inventory, "20240323.1", IUM_TIER_OFFICIAL);
  put_release (inventory, "20240323.0", IUM_TIER_OFFICIAL);
  put_release (inventory, "20231101.4", IUM_TIER_OFFICIAL);
  assert_keys (ium_inventory_get_releases (inventory), "20231101.4 20240323.0 20240323.1");
  g_assert_nonnull (ium_inventory_lookup_release (inventory, "20240323.1"));
  g_assert_null (ium_inventory_lookup_release (inventory, "20240323.2"));
  g_assert_null (ium_inventory_lookup_release (inventory, "12.1"));
}

static void
test_newest_release (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  IumRelease *release;

  g_assert_null (ium_inventory_get_newest_release (inventory, TRUE, IUM_TIER_OFFICIAL));
  g_assert_null (ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL));

  put_release (inventory, "12.0.0", IUM_TIER_TEST);
  put_release (inventory, "11.2", IUM_TIER_OFFICIAL);
  put_release (inventory, "12.1", IUM_TIER_INTERNAL);
  put_release (inventory, "11.0", IUM_TIER_OFFICIAL);
  put_release (inventory, "10.5", IUM_TIER_TEST);

  release = ium_inventory_get_newest_release (inventory, TRUE, IUM_TIER_OFFICIAL);
  g_assert_cmpstr (ium_release_get_version_text (release), ==, "12.1");
  release = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);
  g_assert_cmpstr (ium_release_get_version_text (release), ==, "11.2");
  release = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_TEST);
  g_assert_cmpstr (ium_release_get_version_text (release), ==, "12.0.0");
  release = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_INTERNAL);
  g_assert_cmpstr (ium_release_get_version_text (release), ==, "12.1");

  /* A newer official release takes over. */
  put_release (inventory, "12.2", IUM_TIER_OFFICIAL);
  release = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);
  g_assert_cmpstr (ium_release_get_version_text (release), ==, "12.2");
}

static void
test_parse_component_version (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  g_autoptr (IumComponent) server =
    ium_component_new ("ibex-server", NULL, IUM_ROLE_SERVER, IUM_SCHEME_QUAD);
  g_autoptr (IumComponent) genie =
    ium_component_new ("genie-python", NULL, IUM_ROLE_LIBRARY, IUM_SCHEME_SEMVER);
  g_autoptr (IumVersion) version = NULL;
  g_autoptr (GError) error = NULL;

  ium_inventory_put_component (inventory, server);
  ium_inventory_put_component (inventory, genie);

  version = ium_inventory_parse_component_version (inventory, "ibex-server", "12.1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ium_version_get_scheme (version), ==, IUM_SCHEME_QUAD);
  g_assert_cmpuint (ium_version_get_minor (version), ==, 1);
  g_clear_pointer (&version, ium_version_free);

  version = ium_inventory_parse_component_version (inventory, "genie-python", "3.2.1-rc.1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ium_version_get_scheme (version), ==, IUM_SCHEME_SEMVER);
  g_assert_cmpstr (ium_version_get_prerelease (version), ==, "rc.1");
  g_clear_pointer (&version, ium_version_free);

  /* Each component's own scheme decides: "3.2" is not semver. */
  version = ium_inventory_parse_component_version (inventory, "genie-python", "3.2", &error);
  g_assert_null (version);
  g_assert_error (error, IUM_VERSION_ERROR, IUM_VERSION_ERROR_INVALID);
  g_clear_error (&error);

  version = ium_inventory_parse_component_version (inventory, "ibex-web", "1.0", &error);
  g_assert_null (version);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“ibex-web”"));
}

static void
test_many_sorted (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  GListModel  *instruments = ium_inventory_get_instruments (inventory);
  ItemsChanged changes = { 0 };
  const guint  n = 10000;

  g_signal_connect (instruments, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* What loading a large inventory does: items arrive in key order. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("INST%05u", i);
      g_autoptr (IumInstrument) instrument = ium_instrument_new (name);

      ium_inventory_put_instrument (inventory, instrument);
    }

  g_assert_cmpuint (g_list_model_get_n_items (instruments), ==, n);
  g_assert_cmpuint (changes.count, ==, n);
  g_assert_cmpuint (changes.position, ==, n - 1);
  g_assert_nonnull (ium_inventory_lookup_instrument (inventory, "INST04711"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      g_autofree char *name = g_strdup_printf ("INST%05u", i);

      g_assert_cmpstr (ium_instrument_get_name (instrument), ==, name);
    }
}

static void
test_many_shuffled (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  GListModel *releases = ium_inventory_get_releases (inventory);
  g_autoptr (GRand) rand = g_rand_new_with_seed (4711);
  const guint n = 3000;
  guint      *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      guint swap = order[i];

      order[i] = order[j];
      order[j] = swap;
    }

  /* Out of order, with every version put twice in two spellings. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *text = round == 0
                                  ? g_strdup_printf ("%u.%u", order[i] / 100, order[i] % 100)
                                  : g_strdup_printf ("%u.%u.0.0", order[i] / 100, order[i] % 100);

        put_release (inventory, text, IUM_TIER_OFFICIAL);
      }

  g_assert_cmpuint (g_list_model_get_n_items (releases), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, i);
      const IumVersion *version = ium_release_get_version (release);

      g_assert_cmpuint (ium_version_get_major (version), ==, i / 100);
      g_assert_cmpuint (ium_version_get_minor (version), ==, i % 100);
      g_assert_true (g_str_has_suffix (ium_release_get_version_text (release), ".0.0"));
    }

  g_free (order);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/inventory/properties", test_properties);
  g_test_add_func ("/ium/inventory/sorted-puts", test_sorted_puts);
  g_test_add_func ("/ium/inventory/windows-and-cycles", test_windows_and_cycles);
  g_test_add_func ("/ium/inventory/replace", test_replace);
  g_test_add_func ("/ium/inventory/release-lookup", test_release_lookup);
  g_test_add_func ("/ium/inventory/release-lookup-calver", test_release_lookup_calver);
  g_test_add_func ("/ium/inventory/newest-release", test_newest_release);
  g_test_add_func ("/ium/inventory/parse-component-version", test_parse_component_version);
  g_test_add_func ("/ium/inventory/many-sorted", test_many_sorted);
  g_test_add_func ("/ium/inventory/many-shuffled", test_many_shuffled);

  return g_test_run ();
}
