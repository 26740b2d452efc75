/* test-gui-models.c: the GUI's parts that have no widgets, without a display: the fleet's
 * rows and filter, the audit log's words, the form view-models, and the inventory service
 * with its worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-models"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "audit/ium-audit-row.h"
#include "fleet/ium-fleet-filter.h"
#include "fleet/ium-fleet-row.h"
#include "fleet/ium-host-form.h"
#include "ium-error-text.h"
#include "ium-inventory-file.h"
#include "ium-inventory-service.h"
#include "releases/ium-release-form.h"
#include "releases/ium-release-row.h"

/* Three instruments: A behind and on 1.0, B up to date (2.0), C custom; 2.0.1 patches 2.0,
 * 3.0 is a test release; py is a semver library. */
static const char inventory_text[] =
  "{\"format\": \"ium-inventory\", \"format_version\": 1,"
  " \"policy\": {\"max_minor_behind\": 0},"
  " \"components\": ["
  "  {\"id\": \"srv\", \"name\": \"Server\", \"role\": \"server\"},"
  "  {\"id\": \"gui\", \"name\": \"GUI\", \"role\": \"client\"},"
  "  {\"id\": \"py\", \"name\": \"Python\", \"role\": \"library\", \"scheme\": \"semver\"}],"
  " \"rules\": [{\"client\": \"gui\", \"server\": \"srv\"}],"
  " \"releases\": ["
  "  {\"version\": \"1.0\", \"tier\": \"official\", \"components\": {\"py\": \"1.0.0\"}},"
  "  {\"version\": \"2.0\", \"tier\": \"official\", \"components\": {\"py\": \"2.0.0\"}},"
  "  {\"version\": \"2.0.1\", \"tier\": \"official\", \"patch_of\": \"2.0\","
  "   \"components\": {\"py\": \"2.0.1\"}},"
  "  {\"version\": \"3.0\", \"tier\": \"test\", \"components\": {\"py\": \"3.0.0\"}}],"
  " \"instruments\": ["
  "  {\"name\": \"ALPHA\", \"site\": \"North\", \"tags\": [\"sans\"], \"hosts\": ["
  "    {\"name\": \"a-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"1.0\", \"gui\": "
  "\"1.0\"}}]},"
  "  {\"name\": \"BETA\", \"site\": \"South\", \"tags\": [\"sans\", \"muon\"], \"hosts\": ["
  "    {\"name\": \"b-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"2.0.1\", \"gui\": "
  "\"2.0.1\"}}]},"
  "  {\"name\": \"GAMMA\", \"site\": \"South\", \"hosts\": ["
  "    {\"name\": \"g-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"2.0.7\"}}]}],"
  " \"downtime\": ["
  "  {\"start\": \"2020-01-01T08:00:00Z\", \"end\": \"2020-01-01T18:00:00Z\", \"label\": \"Past\","
  "   \"instruments\": \"all\"},"
  "  {\"start\": \"2090-03-01T08:00:00Z\", \"end\": \"2090-03-01T18:00:00Z\", \"label\": "
  "\"Facility\","
  "   \"instruments\": \"all\"},"
  "  {\"start\": \"2090-02-01T08:00:00Z\", \"end\": \"2090-02-01T18:00:00Z\", \"label\": \"Own\","
  "   \"instruments\": [\"BETA\"]}]}";

static IumInventory *
load_inventory (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) file =
    ium_inventory_file_new_from_data (inventory_text, strlen (inventory_text), NULL, &error);

  g_assert_no_error (error);
  return g_object_ref (ium_inventory_file_get_inventory (file));
}

static IumFleetRow *
find_row (GPtrArray *rows, const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (ium_fleet_row_get_name (g_ptr_array_index (rows, i)), name))
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

static IumRolloutUpgrade *
upgrade_new (const char *instrument, const char *start, IumUpgradeState state)
{
  IumRolloutUpgrade *upgrade = g_new0 (IumRolloutUpgrade, 1);

  upgrade->instrument = g_strdup (instrument);
  upgrade->wave = 1;
  upgrade->start = g_strdup (start);
  upgrade->state = state;
  upgrade->updated = g_strdup ("2089-01-01T00:00:00Z");
  upgrade->who = g_strdup ("planner");
  return upgrade;
}

static void
upgrade_free (gpointer data)
{
  IumRolloutUpgrade *upgrade = data;

  g_free (upgrade->instrument);
  g_free (upgrade->start);
  g_free (upgrade->end);
  g_free (upgrade->window);
  g_free (upgrade->note);
  g_free (upgrade->updated);
  g_free (upgrade->who);
  g_free (upgrade);
}

static IumRollout *
rollout_new (const char *name)
{
  IumRollout *rollout = g_new0 (IumRollout, 1);

  rollout->name = g_strdup (name);
  rollout->release = g_strdup ("2.0.1");
  rollout->created = g_strdup ("2089-01-01T00:00:00Z");
  rollout->who = g_strdup ("planner");
  rollout->upgrades = g_ptr_array_new_with_free_func (upgrade_free);
  return rollout;
}

static void
test_rows (void)
{
  g_autoptr (IumInventory) inventory = load_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GPtrArray) rollouts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_rollout_free);
  g_autoptr (GDateTime) now = g_date_time_new_utc (2089, 6, 1, 0, 0, 0);
  g_autoptr (GPtrArray) rows = NULL;
  IumRollout  *early = rollout_new ("early");
  IumRollout  *late = rollout_new ("late");
  IumFleetRow *alpha, *beta, *gamma;

  g_ptr_array_add (early->upgrades,
                   upgrade_new ("ALPHA", "2090-03-01T08:00:00Z", IUM_UPGRADE_PLANNED));
  g_ptr_array_add (early->upgrades, upgrade_new ("BETA", "2090-03-01T08:00:00Z", IUM_UPGRADE_DONE));
  g_ptr_array_add (late->upgrades,
                   upgrade_new ("ALPHA", "2091-01-01T08:00:00Z", IUM_UPGRADE_PLANNED));
  g_ptr_array_add (late->upgrades,
                   upgrade_new ("GAMMA", "2091-01-01T08:00:00Z", IUM_UPGRADE_IN_PROGRESS));
  g_ptr_array_add (rollouts, late);
  g_ptr_array_add (rollouts, early);

  rows = ium_fleet_rows_build (fleet, rollouts, now);
  g_assert_cmpuint (rows->len, ==, 3);
  alpha = find_row (rows, "ALPHA");
  beta = find_row (rows, "BETA");
  gamma = find_row (rows, "GAMMA");

  g_assert_cmpstr (ium_fleet_row_get_release (alpha), ==, "1.0");
  g_assert_cmpstr (ium_fleet_row_get_tier (alpha), ==, "official");
  g_assert_cmpstr (ium_fleet_row_get_target (alpha), ==, "2.0.1");
  g_assert_cmpuint (ium_fleet_row_get_behind (alpha), ==, 1);
  g_assert_true (ium_fleet_row_get_flags (alpha) & IUM_FLAG_TOO_FAR_BEHIND);
  g_assert_cmpstr (ium_fleet_row_get_release (gamma), ==, "custom");
  g_assert_cmpstr (ium_fleet_row_get_tier (gamma), ==, "");
  g_assert_true (ium_fleet_row_get_flags (gamma) & IUM_FLAG_CUSTOM);

  /* The next window: not the past one; BETA's own comes before the facility's. */
  g_assert_cmpint (ium_fleet_row_get_next_window_time (beta), <,
                   ium_fleet_row_get_next_window_time (alpha));
  g_assert_nonnull (strstr (ium_fleet_row_get_next_window (alpha), "2090"));

  /* The earliest pending upgrade over all rollouts; an upgrade in progress first; a done
   * one is no longer planned. */
  g_assert_nonnull (strstr (ium_fleet_row_get_planned (alpha), "early"));
  g_assert_nonnull (strstr (ium_fleet_row_get_planned (gamma), "late"));
  g_assert_cmpint (ium_fleet_row_get_planned_time (gamma), <,
                   ium_fleet_row_get_planned_time (alpha));
  g_assert_null (ium_fleet_row_get_planned (beta));
  /* The details have it in full: when, wave, rollout. */
  g_assert_nonnull (strstr (ium_fleet_row_get_planned_detail (alpha), "2090"));
  g_assert_nonnull (strstr (ium_fleet_row_get_planned_detail (alpha), "wave 1 of rollout early"));
  g_assert_true (g_str_has_prefix (ium_fleet_row_get_planned_detail (gamma), "In progress"));

  /* Too far behind sorts as worse than custom, custom as worse than up to date. */
  g_assert_cmpuint (ium_fleet_row_get_severity (alpha), >, ium_fleet_row_get_severity (gamma));
  g_assert_cmpuint (ium_fleet_row_get_severity (gamma), >, ium_fleet_row_get_severity (beta));
}

static guint
count_matches (IumFleetFilter *filter, GPtrArray *rows)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (ium_fleet_filter_match (filter, g_ptr_array_index (rows, i)))
      n++;
  return n;
}

static void
test_filter (void)
{
  g_autoptr (IumInventory) inventory = load_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) rows = ium_fleet_rows_build (fleet, NULL, now);
  IumFleetFilter filter;

  ium_fleet_filter_init (&filter);
  g_assert_true (ium_fleet_filter_is_empty (&filter));
  g_assert_cmpuint (count_matches (&filter, rows), ==, 3);

  /* Words in any field, any case, all of them. */
  ium_fleet_filter_set_search (&filter, "south");
  g_assert_cmpuint (count_matches (&filter, rows), ==, 2);
  ium_fleet_filter_set_search (&filter, "  SOUTH   muon ");
  g_assert_cmpuint (count_matches (&filter, rows), ==, 1);
  ium_fleet_filter_set_search (&filter, "2.0.1");
  g_assert_cmpuint (count_matches (&filter, rows), ==, 3); /* the target of all */
  ium_fleet_filter_set_search (&filter, NULL);

  filter.flag = IUM_FLAG_CUSTOM;
  g_assert_cmpuint (count_matches (&filter, rows), ==, 1);
  filter.flag = 0;
  ium_fleet_filter_set_tag (&filter, "sans");
  g_assert_cmpuint (count_matches (&filter, rows), ==, 2);
  ium_fleet_filter_set_site (&filter, "North");
  g_assert_cmpuint (count_matches (&filter, rows), ==, 1);
  ium_fleet_filter_set_site (&filter, "");
  ium_fleet_filter_set_tag (&filter, NULL);
  ium_fleet_filter_set_tier (&filter, "custom");
  g_assert_cmpuint (count_matches (&filter, rows), ==, 1);
  g_assert_true (ium_fleet_filter_match (&filter, find_row (rows, "GAMMA")));
  ium_fleet_filter_set_tier (&filter, "official");
  g_assert_cmpuint (count_matches (&filter, rows), ==, 2);

  ium_fleet_filter_clear (&filter);
}

static IumFleetFilterChange
compare_searches (const char *old_search, const char *new_search)
{
  IumFleetFilter       a, b;
  IumFleetFilterChange change;

  ium_fleet_filter_init (&a);
  ium_fleet_filter_init (&b);
  ium_fleet_filter_set_search (&a, old_search);
  ium_fleet_filter_set_search (&b, new_search);
  change = ium_fleet_filter_compare (&a, &b);
  ium_fleet_filter_clear (&a);
  ium_fleet_filter_clear (&b);
  return change;
}

static void
test_filter_compare (void)
{
  IumFleetFilter a, b;

  g_assert_cmpint (compare_searches ("lar", "larm"), ==, IUM_FLEET_FILTER_MORE_STRICT);
  g_assert_cmpint (compare_searches ("lar", "lar ts2"), ==, IUM_FLEET_FILTER_MORE_STRICT);
  g_assert_cmpint (compare_searches ("larm", "lar"), ==, IUM_FLEET_FILTER_LESS_STRICT);
  g_assert_cmpint (compare_searches ("larm", ""), ==, IUM_FLEET_FILTER_LESS_STRICT);
  g_assert_cmpint (compare_searches ("larm", "zoom"), ==, IUM_FLEET_FILTER_DIFFERENT);
  g_assert_cmpint (compare_searches ("LARM", "larm"), ==, IUM_FLEET_FILTER_SAME);

  ium_fleet_filter_init (&a);
  ium_fleet_filter_init (&b);
  ium_fleet_filter_set_site (&b, "North");
  g_assert_cmpint (ium_fleet_filter_compare (&a, &b), ==, IUM_FLEET_FILTER_MORE_STRICT);
  g_assert_cmpint (ium_fleet_filter_compare (&b, &a), ==, IUM_FLEET_FILTER_LESS_STRICT);
  ium_fleet_filter_set_site (&a, "South");
  g_assert_cmpint (ium_fleet_filter_compare (&a, &b), ==, IUM_FLEET_FILTER_DIFFERENT);
  /* Narrower on one side and wider on the other is no simpler than different. */
  ium_fleet_filter_set_site (&a, NULL);
  ium_fleet_filter_set_search (&a, "alpha");
  g_assert_cmpint (ium_fleet_filter_compare (&a, &b), ==, IUM_FLEET_FILTER_DIFFERENT);
  ium_fleet_filter_clear (&a);
  ium_fleet_filter_clear (&b);
}

static void
test_audit_describe (void)
{
  struct
  {
    const char *kind, *action, *before, *after, *expected;
  } cases[] = {
    { "instrument", "import", NULL, "{\"name\":\"A\"}", "added" },
    { "instrument", "import", "{\"name\":\"A\"}", NULL, "removed" },
    { "instrument", "pin", "{\"name\":\"A\",\"site\":\"S\"}",
      "{\"name\":\"A\",\"site\":\"S\",\"pin\":\"2.0\"}", "pin: none → 2.0" },
    { "instrument", "busy", "{\"busy\":false}", "{\"busy\":true,\"note\":\"run\"}",
      "busy: no → yes; note: none → run" },
    { "instrument", "install",
      "{\"name\":\"A\",\"hosts\":[{\"name\":\"h\",\"installed\":{\"srv\":\"1.0\",\"gui\":\"1.0\"}}]"
      "}",
      "{\"name\":\"A\",\"hosts\":[{\"name\":\"h\",\"installed\":{\"srv\":\"2.0\"}}]}",
      "h gui 1.0 → none; h srv 1.0 → 2.0" },
    { "instrument", "import", "{\"tags\":[\"a\"]}", "{\"tags\":[\"a\",\"b\"]}", "tags: a → a, b" },
    { "upgrade", "mark", "{\"rollout\":\"r1\",\"state\":\"planned\"}",
      "{\"rollout\":\"r1\",\"state\":\"in-progress\"}", "r1: planned → in-progress" },
    { "instrument", "import", "{\"name\":\"A\"}", "{\"name\":\"A\"}", "import" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text =
        ium_audit_describe (cases[i].kind, cases[i].action, cases[i].before, cases[i].after);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_audit_rows (void)
{
  g_autoptr (GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_audit_entry_free);
  g_autoptr (GPtrArray) rows = NULL;
  const char *kinds[] = { "instrument", "window", "upgrade" };
  const char *keys[] = { "LARMOR", "2090-01-01T08:00:00Z|2090-01-01T18:00:00Z|Maintenance day",
                         "ZOOM" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      IumAuditEntry *entry = g_new0 (IumAuditEntry, 1);
      entry->id = i + 1;
      entry->time = g_strdup_printf ("2089-01-0%uT10:00:00Z", i + 1);
      entry->who = g_strdup ("alice");
      entry->action = g_strdup ("import");
      entry->kind = g_strdup (kinds[i]);
      entry->key = g_strdup (keys[i]);
      entry->after = g_strdup ("{}");
      g_ptr_array_add (entries, entry);
    }
  rows = ium_audit_rows_build (entries);

  /* Newest first; the instrument an entry is about; a window in words. */
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (ium_audit_row_get_instrument (g_ptr_array_index (rows, 0)), ==, "ZOOM");
  g_assert_null (ium_audit_row_get_instrument (g_ptr_array_index (rows, 1)));
  g_assert_cmpstr (ium_audit_row_get_instrument (g_ptr_array_index (rows, 2)), ==, "LARMOR");
  g_assert_cmpint (ium_audit_row_get_unix (g_ptr_array_index (rows, 0)), >,
                   ium_audit_row_get_unix (g_ptr_array_index (rows, 2)));
  {
    g_autofree char *object = NULL;
    g_object_get (g_ptr_array_index (rows, 1), "object", &object, NULL);
    g_assert_nonnull (strstr (object, "Maintenance day"));
    g_assert_null (strstr (object, "|"));
  }
}

static IumHostForm *
host_form (IumInventory *inventory, const char *instrument, const char *host)
{
  IumInstrument *found = ium_inventory_lookup_instrument (inventory, instrument);

  return ium_host_form_new (inventory, found, ium_instrument_find_host (found, host));
}

static guint
field_index (IumHostForm *form, const char *component)
{
  for (guint i = 0; i < form->fields->len; i++)
    if (g_str_equal (((IumHostFormField *) g_ptr_array_index (form->fields, i))->component,
                     component))
      return i;
  g_assert_not_reached ();
}

static void
test_host_form (void)
{
  g_autoptr (IumInventory) inventory = load_inventory ();
  g_autoptr (IumHostForm) form = host_form (inventory, "ALPHA", "a-ctl");
  g_autoptr (GHashTable) installed = NULL;
  guint srv = field_index (form, "srv");
  guint py = field_index (form, "py");

  /* One field per component, as stored; nothing changed yet. */
  g_assert_cmpuint (form->fields->len, ==, 3);
  {
    g_autoptr (IumHostFormState) state = ium_host_form_get_state (form, TRUE);
    g_assert_false (state->can_save);
    g_assert_cmpuint (state->n_changed, ==, 0);
    g_assert_false (state->message_is_error);
  }

  ium_host_form_set_text (form, srv, " 2.x ");
  {
    g_autoptr (IumHostFormState) state = ium_host_form_get_state (form, TRUE);
    g_assert_false (state->can_save);
    g_assert_nonnull (g_ptr_array_index (state->errors, srv));
    g_assert_nonnull (strstr (g_ptr_array_index (state->errors, srv), "2.x"));
    g_assert_true (state->message_is_error);
  }

  ium_host_form_set_text (form, srv, "2.0");
  ium_host_form_set_text (form, py, "1.2"); /* not semver */
  {
    g_autoptr (IumHostFormState) state = ium_host_form_get_state (form, TRUE);
    g_assert_false (state->can_save);
    g_assert_null (g_ptr_array_index (state->errors, srv));
    g_assert_nonnull (g_ptr_array_index (state->errors, py));
  }

  ium_host_form_set_text (form, py, "1.2.0");
  {
    g_autoptr (IumHostFormState) with_token = ium_host_form_get_state (form, TRUE);
    g_autoptr (IumHostFormState) without = ium_host_form_get_state (form, FALSE);

    g_assert_true (with_token->can_save);
    g_assert_cmpuint (with_token->n_changed, ==, 2);
    /* Without the token the form says so, and cannot be saved. */
    g_assert_false (without->can_save);
    g_assert_true (without->message_is_error);
    g_assert_nonnull (strstr (without->message, "deploy token"));
  }

  ium_host_form_set_text (form, field_index (form, "gui"), "");
  installed = ium_host_form_dup_installed (form);
  g_assert_cmpuint (g_hash_table_size (installed), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (installed, "srv"), ==, "2.0");
  g_assert_cmpstr (g_hash_table_lookup (installed, "py"), ==, "1.2.0");
  g_assert_false (g_hash_table_contains (installed, "gui"));
}

static guint
component_index (IumReleaseForm *form, const char *id)
{
  for (guint i = 0; form->components[i] != NULL; i++)
    if (g_str_equal (form->components[i], id))
      return i;
  g_assert_not_reached ();
}

static void
test_release_form_new (void)
{
  g_autoptr (IumInventory) inventory = load_inventory ();
  g_autoptr (IumReleaseForm) form = ium_release_form_new (inventory, NULL);
  g_autoptr (IumRelease) release = NULL;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (IumReleaseFormState) state = ium_release_form_get_state (form);
    g_assert_true (state->version_editable);
    g_assert_cmpstr (state->title, ==, "New Release");
    g_assert_nonnull (state->version_error); /* no version yet */
    g_assert_false (state->can_save);
    g_assert_null (ium_release_form_to_release (form, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }

  ium_release_form_set_version (form, "2.0.0");
  {
    g_autoptr (IumReleaseFormState) state = ium_release_form_get_state (form);
    /* 2.0.0 is 2.0: it exists. */
    g_assert_nonnull (strstr (state->version_error, "already"));
  }

  ium_release_form_set_version (form, "2.1");
  ium_release_form_set_date (form, "2090-02-30");
  ium_release_form_set_patch_of (form, "2.5");
  {
    g_autoptr (IumReleaseFormState) state = ium_release_form_get_state (form);
    g_assert_null (state->version_error);
    g_assert_nonnull (state->date_error);
    g_assert_nonnull (strstr (state->patch_of_error, "2.5"));
    /* py is semver and 2.1 is not: the empty field means "2.1", which needs its own. */
    g_assert_nonnull (g_ptr_array_index (state->component_errors, component_index (form, "py")));
    g_assert_null (g_ptr_array_index (state->component_errors, component_index (form, "srv")));
    g_assert_false (state->can_save);
  }

  ium_release_form_set_date (form, "2090-02-28");
  ium_release_form_set_patch_of (form, "3.0");
  {
    g_autoptr (IumReleaseFormState) state = ium_release_form_get_state (form);
    /* A patch of a newer release is refused. */
    g_assert_nonnull (state->patch_of_error);
  }

  ium_release_form_set_patch_of (form, "2.0");
  ium_release_form_set_component_version (form, component_index (form, "py"), "2.1.0");
  ium_release_form_set_notes (form, "Two lines.\nThe second.");
  {
    g_autoptr (IumReleaseFormState) state = ium_release_form_get_state (form);
    g_assert_true (state->can_save);
    g_assert_nonnull (strstr (state->component_hints[0], "2.1"));
  }
  release = ium_release_form_to_release (form, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ium_release_get_version_text (release), ==, "2.1");
  g_assert_cmpstr (ium_release_get_patch_of (release), ==, "2.0");
  g_assert_cmpstr (ium_release_get_date (release), ==, "2090-02-28");
  g_assert_cmpstr (ium_release_get_component_version (release, "py"), ==, "2.1.0");
  g_assert_cmpstr (ium_release_get_component_version (release, "srv"), ==, "2.1");
  g_assert_cmpstr (ium_release_get_notes (release), ==, "Two lines.\nThe second.");
}

static void
test_release_form_edit (void)
{
  g_autoptr (IumInventory) inventory = load_inventory ();
  IumRelease *existing = ium_inventory_lookup_release (inventory, "2.0.1");
  g_autoptr (IumReleaseForm) form = ium_release_form_new (inventory, existing);
  g_autoptr (IumReleaseFormState) state = ium_release_form_get_state (form);
  g_autoptr (IumRelease) release = NULL;

  /* Its own version is no conflict; it cannot change; what it had is kept. */
  g_assert_false (state->version_editable);
  g_assert_null (state->version_error);
  g_assert_true (state->can_save);
  g_assert_cmpstr (state->title, ==, "Release 2.0.1");
  g_assert_cmpstr (form->patch_of, ==, "2.0");
  g_assert_cmpstr (form->component_versions[component_index (form, "py")], ==, "2.0.1");

  form->tier = IUM_TIER_INTERNAL;
  release = ium_release_form_to_release (form, NULL);
  g_assert_cmpint (ium_release_get_tier (release), ==, IUM_TIER_INTERNAL);
  g_assert_cmpstr (ium_release_get_patch_of (release), ==, "2.0");
}

static void
test_release_rows (void)
{
  g_autoptr (IumInventory) inventory = load_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GListModel) roots = ium_release_rows_build (fleet);
  g_autoptr (IumReleaseRow) newest = NULL;
  g_autoptr (IumReleaseRow) base = NULL;
  g_autoptr (IumReleaseRow) patch = NULL;
  GListModel *patches;

  /* 3.0, 2.0 (with 2.0.1 under it), 1.0: newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 3);
  newest = g_list_model_get_item (roots, 0);
  base = g_list_model_get_item (roots, 1);
  g_assert_cmpstr (ium_release_row_get_version (newest), ==, "3.0");
  g_assert_cmpstr (ium_release_row_get_version (base), ==, "2.0");
  patches = ium_release_row_get_patches (base);
  g_assert_nonnull (patches);
  g_assert_cmpuint (g_list_model_get_n_items (patches), ==, 1);
  patch = g_list_model_get_item (patches, 0);
  g_assert_cmpstr (ium_release_row_get_version (patch), ==, "2.0.1");
  g_assert_null (ium_release_row_get_patches (newest));

  /* BETA runs 2.0.1; nobody runs 2.0 itself. */
  g_assert_cmpuint (ium_release_row_get_n_running (patch), ==, 1);
  g_assert_cmpstr (ium_release_row_get_running_names (patch)[0], ==, "BETA");
  g_assert_cmpuint (ium_release_row_get_n_running (base), ==, 0);
}

static void
test_error_text (void)
{
  struct
  {
    const char *message, *expected;
  } sentences[] = {
    { "unknown release “9.9”", "Unknown release “9.9”." },
    { "the deploy token is held by bob.", "The deploy token is held by bob." },
    { "instruments[0].hosts[0].installed.srv: “2.x” is not valid",
      "instruments[0].hosts[0].installed.srv: “2.x” is not valid." },
    { "12.x is not a version", "12.x is not a version." },
    { "is it?  ", "Is it?" },
  };
  struct
  {
    int         code;
    IumErrorFix fix;
    const char *body_part;
  } opens[] = {
    { IUM_STORE_ERROR_NOT_FOUND, IUM_ERROR_FIX_CREATE, "Create a new" },
    { IUM_STORE_ERROR_CORRUPT, IUM_ERROR_FIX_OPEN_OTHER, "has not been changed" },
    { IUM_STORE_ERROR_NOT_INVENTORY, IUM_ERROR_FIX_OPEN_OTHER, "another program" },
    { IUM_STORE_ERROR_TOO_NEW, IUM_ERROR_FIX_OPEN_OTHER, "newer version" },
    { IUM_STORE_ERROR_BUSY, IUM_ERROR_FIX_RETRY, "Try again" },
    { IUM_STORE_ERROR_FAILED, IUM_ERROR_FIX_RETRY, "Nothing has been changed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr (GError) error =
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, sentences[i].message);
      g_autofree char *sentence = ium_error_sentence (error);
      g_assert_cmpstr (sentence, ==, sentences[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (opens); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (IUM_STORE_ERROR, opens[i].code, "it broke");
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;

      g_assert_cmpint (ium_error_describe_open (error, "/srv/ium/inventory.db", &title, &body), ==,
                       opens[i].fix);
      g_assert_nonnull (title);
      g_assert_nonnull (strstr (body, opens[i].body_part));
      /* Every one says which file. */
      if (opens[i].code != IUM_STORE_ERROR_FAILED)
        g_assert_nonnull (strstr (body, "/srv/ium/inventory.db"));
    }
}

/* The service */

typedef struct
{
  char                *dir;
  char                *path;
  IumInventoryService *service;
  guint                n_loaded;
  GAsyncResult        *result;
} ServiceFixture;

static void
loaded_cb (IumInventoryService *service, ServiceFixture *f)
{
  f->n_loaded++;
}

static void
service_setup (ServiceFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ium-gui-models-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "inventory.db", NULL);
  f->service = ium_inventory_service_new ();
  ium_inventory_service_set_who (f->service, "alice");
  g_signal_connect (f->service, "loaded", G_CALLBACK (loaded_cb), f);
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
flush (void)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
service_teardown (ServiceFixture *f, gconstpointer data)
{
  g_clear_object (&f->result);
  /* A load still in flight keeps the service alive past this test: its "loaded" must not
   * reach this fixture, which GTest frees next. */
  g_signal_handlers_disconnect_by_data (f->service, f);
  g_object_unref (f->service);
  /* The worker hands its last tasks back to this context to be freed. */
  flush ();
  remove_database (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

#define WAIT_FOR(expr)                                                \
  G_STMT_START                                                        \
  {                                                                   \
    gint64 deadline_ = g_get_monotonic_time () + 20 * G_USEC_PER_SEC; \
    while (!(expr))                                                   \
      {                                                               \
        if (g_get_monotonic_time () > deadline_)                      \
          g_error ("timed out waiting for %s", #expr);                \
        g_main_context_iteration (NULL, FALSE);                       \
        g_usleep (1000);                                              \
      }                                                               \
  }                                                                   \
  G_STMT_END

static void
got_result_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  ServiceFixture *f = user_data;

  g_set_object (&f->result, result);
}

static gboolean
wait_edit (ServiceFixture *f, GError **error)
{
  WAIT_FOR (f->result != NULL);
  return ium_inventory_service_edit_finish (f->service, f->result, error);
}

static void
seed (ServiceFixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_store_open (f->path, &error);

  g_assert_no_error (error);
  ium_store_import (store, inventory_text, strlen (inventory_text), FALSE, "seed", NULL, &error);
  g_assert_no_error (error);
}

static void
test_service_missing (ServiceFixture *f, gconstpointer data)
{
  /* Opening a path where there is no inventory neither creates one nor pretends. */
  ium_inventory_service_open (f->service, f->path, FALSE);
  WAIT_FOR (!ium_inventory_service_get_loading (f->service));
  g_assert_error (ium_inventory_service_get_error (f->service), IUM_STORE_ERROR,
                  IUM_STORE_ERROR_NOT_FOUND);
  g_assert_null (ium_inventory_service_get_inventory (f->service));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* Asked to create it, it does, empty. */
  ium_inventory_service_open (f->service, f->path, TRUE);
  WAIT_FOR (f->n_loaded == 1);
  g_assert_null (ium_inventory_service_get_error (f->service));
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_service_get_instruments (f->service)),
                    ==, 0);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_service_corrupt (ServiceFixture *f, gconstpointer data)
{
  const char garbage[] = "This is not a database, but it is someone's file. Do not touch.";
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;

  g_file_set_contents (f->path, garbage, -1, &error);
  g_assert_no_error (error);
  ium_inventory_service_open (f->service, f->path, TRUE);
  WAIT_FOR (!ium_inventory_service_get_loading (f->service));
  g_assert_error (ium_inventory_service_get_error (f->service), IUM_STORE_ERROR,
                  IUM_STORE_ERROR_CORRUPT);
  g_assert_null (ium_inventory_service_get_inventory (f->service));

  /* An edit has no inventory to go to. */
  ium_inventory_service_set_busy_async (f->service, "ALPHA", TRUE, NULL, NULL, got_result_cb, f);
  g_assert_false (wait_edit (f, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);

  g_file_get_contents (f->path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, garbage);
}

static void
test_service_load_and_edit (ServiceFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) check = NULL;
  g_autoptr (IumInventory) stored = NULL;
  GListModel *instruments = ium_inventory_service_get_instruments (f->service);

  seed (f);
  ium_inventory_service_open (f->service, f->path, FALSE);
  WAIT_FOR (f->n_loaded == 1);
  g_assert_cmpuint (g_list_model_get_n_items (instruments), ==, 3);
  g_assert_nonnull (ium_inventory_service_get_fleet (f->service));
  g_assert_nonnull (ium_inventory_service_lookup_row (f->service, "BETA"));
  g_assert_null (ium_inventory_service_get_token (f->service)->holder);

  /* An edit: when its callback runs, the models already show it. */
  ium_inventory_service_set_pin_async (f->service, "ALPHA", "2.0", NULL, got_result_cb, f);
  g_assert_true (wait_edit (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_loaded, ==, 2);
  g_assert_true (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (f->service, "ALPHA"))
                 & IUM_FLAG_PINNED);

  check = ium_store_open (f->path, &error);
  stored = ium_store_load (check, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ium_instrument_get_pin (ium_inventory_lookup_instrument (stored, "ALPHA")), ==,
                   "2.0");

  /* A refusal from core comes back as its error, and nothing is reloaded. */
  g_clear_object (&f->result);
  ium_inventory_service_set_pin_async (f->service, "ALPHA", "9.9", NULL, got_result_cb, f);
  g_assert_false (wait_edit (f, &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (f->n_loaded, ==, 2);
}

static void
test_service_token (ServiceFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) installed = g_hash_table_new (g_str_hash, g_str_equal);

  seed (f);
  ium_inventory_service_open (f->service, f->path, FALSE);
  WAIT_FOR (f->n_loaded == 1);

  /* Without the token a host's versions are refused by core. */
  g_hash_table_insert (installed, "srv", "2.0");
  ium_inventory_service_set_installed_async (f->service, "ALPHA", "a-ctl", installed, NULL,
                                             got_result_cb, f);
  g_assert_false (wait_edit (f, &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_clear_error (&error);

  g_clear_object (&f->result);
  ium_inventory_service_take_token_async (f->service, "deploying", FALSE, NULL, NULL, got_result_cb,
                                          f);
  g_assert_true (wait_edit (f, &error));
  g_assert_true (ium_inventory_service_get_holds_token (f->service));
  g_assert_cmpstr (ium_inventory_service_get_token (f->service)->note, ==, "deploying");

  g_clear_object (&f->result);
  ium_inventory_service_set_installed_async (f->service, "ALPHA", "a-ctl", installed, NULL,
                                             got_result_cb, f);
  g_assert_true (wait_edit (f, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (
    ium_fleet_row_get_release (ium_inventory_service_lookup_row (f->service, "ALPHA")), ==, "2.0");

  /* Someone else's name does not hold it. */
  ium_inventory_service_set_who (f->service, "bob");
  g_assert_false (ium_inventory_service_get_holds_token (f->service));
  ium_inventory_service_set_who (f->service, "alice");

  g_clear_object (&f->result);
  ium_inventory_service_release_token_async (f->service, NULL, NULL, got_result_cb, f);
  g_assert_true (wait_edit (f, &error));
  g_assert_false (ium_inventory_service_get_holds_token (f->service));
}

static void
test_service_external_change (ServiceFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) other = NULL;
  guint loads;

  seed (f);
  ium_inventory_service_open (f->service, f->path, FALSE);
  WAIT_FOR (f->n_loaded == 1);

  /* Another program writes: the service notices and loads by itself. */
  other = ium_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ium_store_set_busy (other, "GAMMA", TRUE, "elsewhere", "bob", &error));
  WAIT_FOR (f->n_loaded >= 2
            && (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (f->service, "GAMMA"))
                & IUM_FLAG_BUSY));

  /* Its own edits do not make it load twice: data_version ignores them. */
  loads = f->n_loaded;
  ium_inventory_service_set_busy_async (f->service, "GAMMA", FALSE, NULL, NULL, got_result_cb, f);
  g_assert_true (wait_edit (f, &error));
  g_assert_cmpuint (f->n_loaded, ==, loads + 1);
  /* Long enough for the file monitor's events to settle and be checked. */
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;
    while (g_get_monotonic_time () < until)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (5000);
      }
  }
  g_assert_cmpuint (f->n_loaded, ==, loads + 1);
}

/* Iterates the main loop for @ms: long enough, with 1000, for the file monitor's events to
 * settle (250 ms) and be checked. */
static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * (G_USEC_PER_SEC / 1000);

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* Opening a database no program has open creates its WAL file, which the service's file
 * monitor sees while the first load is still on its way: the check that follows must compare
 * with the version that load read, not load everything a second time. The load is held back
 * by another connection's exclusive lock until the change has settled, so the check falls
 * inside it whatever the speed of the machine. */
static void
test_service_open_loads_once (ServiceFixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3         *db = NULL;

  seed (f);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Another program holds the database (its exclusive lock outlives its transactions): the
   * service's load waits for it. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA locking_mode = EXCLUSIVE;"
                                 "INSERT INTO settings VALUES ('test-lock', 'held')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  ium_inventory_service_open (f->service, f->path, FALSE);
  run_for (100);
  /* A change to the WAL file while the load waits. */
  g_assert_cmpint (
    sqlite3_exec (db, "DELETE FROM settings WHERE key = 'test-lock'", NULL, NULL, NULL), ==,
    SQLITE_OK);
  run_for (1000);
  g_assert_true (ium_inventory_service_get_loading (f->service));
  g_assert_cmpuint (f->n_loaded, ==, 0);

  /* Let go: one load, and no second one after the changes have settled. */
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  WAIT_FOR (f->n_loaded == 1);
  g_assert_null (ium_inventory_service_get_error (f->service));
  run_for (1000);
  g_assert_false (ium_inventory_service_get_loading (f->service));
  g_assert_cmpuint (f->n_loaded, ==, 1);
}

/* The position of @name's row in the service's list, G_MAXUINT when it is not there. */
static guint
row_position (ServiceFixture *f, const char *name)
{
  GListModel *instruments = ium_inventory_service_get_instruments (f->service);

  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr (IumFleetRow) row = g_list_model_get_item (instruments, i);
      if (g_str_equal (ium_fleet_row_get_name (row), name))
        return i;
    }
  return G_MAXUINT;
}

static void
test_service_edit_in_place (ServiceFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) other = NULL;
  g_autoptr (IumInventory) before = NULL;
  g_autoptr (IumInstrument) beta = NULL;
  IumInventory *after;
  gpointer      alpha_row, beta_row, gamma_row;
  GListModel   *instruments = ium_inventory_service_get_instruments (f->service);

  seed (f);
  ium_inventory_service_open (f->service, f->path, FALSE);
  WAIT_FOR (f->n_loaded == 1);
  before = g_object_ref (ium_inventory_service_get_inventory (f->service));
  beta = g_object_ref (ium_inventory_lookup_instrument (before, "BETA"));
  alpha_row = ium_inventory_service_lookup_row (f->service, "ALPHA");
  beta_row = ium_inventory_service_lookup_row (f->service, "BETA");
  gamma_row = ium_inventory_service_lookup_row (f->service, "GAMMA");
  g_assert_cmpuint (row_position (f, "ALPHA"), ==, 0);

  /* A pin: the edited instrument's row is replaced where it was, and shows the pin; the other
   * rows and instruments are the very same objects, not loaded again. */
  ium_inventory_service_set_pin_async (f->service, "ALPHA", "2.0", NULL, got_result_cb, f);
  g_assert_true (wait_edit (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_loaded, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (instruments), ==, 3);
  g_assert_true (ium_inventory_service_lookup_row (f->service, "ALPHA") != alpha_row);
  g_assert_cmpuint (row_position (f, "ALPHA"), ==, 0);
  g_assert_true (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (f->service, "ALPHA"))
                 & IUM_FLAG_PINNED);
  g_assert_true (ium_inventory_service_lookup_row (f->service, "BETA") == beta_row);
  g_assert_true (ium_inventory_service_lookup_row (f->service, "GAMMA") == gamma_row);
  after = ium_inventory_service_get_inventory (f->service);
  g_assert_true (after != before);
  g_assert_true (ium_inventory_lookup_instrument (after, "BETA") == beta);
  g_assert_cmpstr (ium_instrument_get_pin (ium_inventory_lookup_instrument (after, "ALPHA")), ==,
                   "2.0");
  g_assert_null (ium_instrument_get_pin (ium_inventory_lookup_instrument (before, "ALPHA")));
  g_assert_true (ium_fleet_get_inventory (ium_inventory_service_get_fleet (f->service)) == after);
  /* Its search text follows too: the row is built as a whole load builds it. */
  g_assert_cmpstr (ium_fleet_row_get_name (ium_inventory_service_lookup_row (f->service, "ALPHA")),
                   ==, "ALPHA");

  /* Busy, the same way. */
  g_clear_object (&f->result);
  ium_inventory_service_set_busy_async (f->service, "ALPHA", TRUE, "cooling down", NULL,
                                        got_result_cb, f);
  g_assert_true (wait_edit (f, &error));
  g_assert_cmpuint (f->n_loaded, ==, 3);
  g_assert_true (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (f->service, "ALPHA"))
                 & IUM_FLAG_BUSY);
  g_assert_true (ium_inventory_service_lookup_row (f->service, "BETA") == beta_row);

  /* Another program changed BETA just before our own edit of ALPHA: the edit cannot be applied
   * over what is shown, so everything is loaded again and both changes show. */
  other = ium_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ium_store_set_pin (other, "BETA", "2.0", "bob", &error));
  g_clear_object (&f->result);
  ium_inventory_service_set_pin_async (f->service, "ALPHA", NULL, NULL, got_result_cb, f);
  g_assert_true (wait_edit (f, &error));
  g_assert_no_error (error);
  g_assert_true (ium_inventory_service_lookup_row (f->service, "BETA") != beta_row);
  g_assert_true (ium_inventory_service_lookup_row (f->service, "GAMMA") != gamma_row);
  g_assert_true (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (f->service, "BETA"))
                 & IUM_FLAG_PINNED);
  g_assert_false (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (f->service, "ALPHA"))
                  & IUM_FLAG_PINNED);
  g_assert_true (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (f->service, "ALPHA"))
                 & IUM_FLAG_BUSY);
  g_assert_true (
    ium_inventory_lookup_instrument (ium_inventory_service_get_inventory (f->service), "GAMMA")
    != ium_inventory_lookup_instrument (before, "GAMMA"));
}

static void
test_service_import_export (ServiceFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *in_path = g_build_filename (f->dir, "in.json", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *out_path = g_build_filename (f->dir, "out.json", NULL);
  g_autoptr (GFile) in = g_file_new_for_path (in_path);
  g_autoptr (GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr (GFile) out = g_file_new_for_path (out_path);
  g_autofree char *exported = NULL;
  IumStoreChanges  changes = { 0 };

  g_file_set_contents (in_path, inventory_text, -1, &error);
  g_file_set_contents (bad_path,
                       "{\"format\": \"ium-inventory\", \"format_version\": 1, "
                       "\"instruments\": [{\"name\": \"X\", \"colour\": 1}]}",
                       -1, &error);
  g_assert_no_error (error);
  ium_inventory_service_open (f->service, f->path, TRUE);
  WAIT_FOR (f->n_loaded == 1);

  ium_inventory_service_import_async (f->service, in, FALSE, NULL, got_result_cb, f);
  WAIT_FOR (f->result != NULL);
  g_assert_true (ium_inventory_service_import_finish (f->service, f->result, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_service_get_instruments (f->service)),
                    ==, 3);

  /* A bad file: the error names where, and nothing changes. */
  g_clear_object (&f->result);
  ium_inventory_service_import_async (f->service, bad, FALSE, NULL, got_result_cb, f);
  WAIT_FOR (f->result != NULL);
  g_assert_false (ium_inventory_service_import_finish (f->service, f->result, NULL, &error));
  g_assert_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "instruments[0]"));
  g_clear_error (&error);
  g_assert_null (ium_inventory_service_lookup_row (f->service, "X"));

  g_clear_object (&f->result);
  ium_inventory_service_export_async (f->service, out, NULL, got_result_cb, f);
  g_assert_true (wait_edit (f, &error));
  g_file_get_contents (out_path, &exported, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "\"BETA\""));
  g_unlink (in_path);
  g_unlink (bad_path);
  g_unlink (out_path);
}

static void
test_service_cancelled_import (ServiceFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *in_path = g_build_filename (f->dir, "in.json", NULL);
  g_autoptr (GFile) in = g_file_new_for_path (in_path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  g_file_set_contents (in_path, inventory_text, -1, &error);
  ium_inventory_service_open (f->service, f->path, TRUE);
  WAIT_FOR (f->n_loaded == 1);

  /* Cancelled before its write began: nothing is imported. */
  g_cancellable_cancel (cancellable);
  ium_inventory_service_import_async (f->service, in, FALSE, cancellable, got_result_cb, f);
  WAIT_FOR (f->result != NULL);
  g_assert_false (ium_inventory_service_import_finish (f->service, f->result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (ium_inventory_service_get_instruments (f->service)),
                    ==, 0);
  g_unlink (in_path);
}

#define ADD_SERVICE(path, func)                                                           \
  g_test_add ("/ium/gui-models/service/" path, ServiceFixture, NULL, service_setup, func, \
              service_teardown)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LC_ALL", "C", TRUE);

  g_test_add_func ("/ium/gui-models/fleet-rows", test_rows);
  g_test_add_func ("/ium/gui-models/fleet-filter/match", test_filter);
  g_test_add_func ("/ium/gui-models/fleet-filter/compare", test_filter_compare);
  g_test_add_func ("/ium/gui-models/audit/describe", test_audit_describe);
  g_test_add_func ("/ium/gui-models/audit/rows", test_audit_rows);
  g_test_add_func ("/ium/gui-models/host-form", test_host_form);
  g_test_add_func ("/ium/gui-models/release-form/new", test_release_form_new);
  g_test_add_func ("/ium/gui-models/release-form/edit", test_release_form_edit);
  g_test_add_func ("/ium/gui-models/release-rows", test_release_rows);
  g_test_add_func ("/ium/gui-models/error-text", test_error_text);
  ADD_SERVICE ("missing", test_service_missing);
  ADD_SERVICE ("corrupt", test_service_corrupt);
  ADD_SERVICE ("load-and-edit", test_service_load_and_edit);
  ADD_SERVICE ("token", test_service_token);
  ADD_SERVICE ("external-change", test_service_external_change);
  ADD_SERVICE ("open-loads-once", test_service_open_loads_once);
  ADD_SERVICE ("edit-in-place", test_service_edit_in_place);
  ADD_SERVICE ("import-export", test_service_import_export);
  ADD_SERVICE ("cancelled-import", test_service_cancelled_import);

  return g_test_run ();
}
