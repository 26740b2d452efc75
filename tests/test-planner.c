/* test-planner.c: the staged rollout planner, rule by rule, and properties over random
 * inventories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ium-planner.h"
#include "ium-time.h"

#include <string.h>

#define DAY  ((gint64) 86400)
#define HOUR ((gint64) 3600)

/* Small inventories built in code: one server component, official releases on four lines
 * (10.0, 11.0, 12.0, 12.1) and a patch 12.1.0.1 of 12.1.0.0. */

static IumInventory *
new_inventory (void)
{
  IumInventory *inventory = ium_inventory_new ();
  g_autoptr (IumComponent) server =
    ium_component_new ("ibex-server", "IBEX server", IUM_ROLE_SERVER, IUM_SCHEME_QUAD);
  const char *versions[] = { "10.0.0.0", "11.0.0.0", "12.0.0.0", "12.1.0.0", "12.1.0.1" };

  ium_inventory_put_component (inventory, server);
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr (IumVersion) version = ium_version_parse (IUM_SCHEME_QUAD, versions[i], NULL);
      g_autoptr (IumRelease) release = ium_release_new (version, IUM_TIER_OFFICIAL);

      if (g_str_equal (versions[i], "12.1.0.1"))
        ium_release_set_patch_of (release, "12.1.0.0");
      ium_inventory_put_release (inventory, release);
    }
  return inventory;
}

/* @tags is comma-separated (or NULL); @release what its one host runs. */
static IumInstrument *
add_instrument (IumInventory *inventory,
                const char   *name,
                const char   *site,
                const char   *tags,
                const char   *release)
{
  g_autoptr (IumInstrument) instrument = ium_instrument_new (name);
  g_autofree char *host_name = g_strconcat ("NDX", name, NULL);
  g_autoptr (IumHost) host = ium_host_new (host_name, "control");
  g_auto (GStrv) tag_list = g_strsplit (tags != NULL ? tags : "", ",", -1);

  ium_host_set_installed (host, "ibex-server", release);
  ium_instrument_add_host (instrument, host);
  ium_instrument_set_site (instrument, site);
  if (tags != NULL)
    ium_instrument_set_tags (instrument, (const char *const *) tag_list);
  ium_inventory_put_instrument (inventory, instrument);
  return ium_inventory_lookup_instrument (inventory, name);
}

static GDateTime *
at (const char *text)
{
  g_autoptr (GError) error = NULL;
  GDateTime *time = ium_timestamp_parse (text, &error);

  g_assert_no_error (error);
  return time;
}

/* @names is comma-separated, or NULL for every instrument. */
static void
add_window (
  IumInventory *inventory, const char *start, const char *end, const char *label, const char *names)
{
  g_autoptr (GDateTime) s = at (start);
  g_autoptr (GDateTime) e = at (end);
  g_autoptr (IumWindow) window = ium_window_new (s, e, label);

  if (names != NULL)
    {
      g_auto (GStrv) list = g_strsplit (names, ",", -1);

      ium_window_set_instruments (window, (const char *const *) list);
    }
  ium_inventory_put_window (inventory, window);
}

static void
add_cycle (
  IumInventory *inventory, const char *name, const char *start, const char *end, gboolean freeze)
{
  g_autoptr (GDateTime) s = at (start);
  g_autoptr (GDateTime) e = at (end);
  g_autoptr (IumCycle) cycle = ium_cycle_new (name, s, e, freeze);

  ium_inventory_put_cycle (inventory, cycle);
}

/* A request from 2025-03-03 (a Monday) 00:00 UTC: per_day 3, 4 h, soak 7 days. */
static IumPlanRequest *
new_request (IumInventory *inventory, const char *release)
{
  IumPlanRequest *request = ium_plan_request_new (inventory, release);

  g_date_time_unref (request->from);
  request->from = at ("2025-03-03T00:00:00Z");
  return request;
}

static IumPlan *
plan (IumInventory *inventory, const IumPlanRequest *request)
{
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GError) error = NULL;
  IumPlan *result = ium_plan_new (fleet, request, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static char *
plan_to_text (IumPlan *p)
{
  g_autoptr (JsonNode) node = ium_plan_to_json (p);

  return json_to_string (node, FALSE);
}

static char *
format_utc (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static const IumPlannedUpgrade *
find (GPtrArray *list, const char *instrument)
{
  for (guint i = 0; i < list->len; i++)
    {
      const IumPlannedUpgrade *upgrade = g_ptr_array_index (list, i);

      if (g_str_equal (upgrade->instrument, instrument))
        return upgrade;
    }
  return NULL;
}

static void
assert_start (IumPlan *p, const char *instrument, const char *start)
{
  const IumPlannedUpgrade *upgrade = find (ium_plan_get_upgrades (p), instrument);
  g_autofree char         *text = NULL;

  if (upgrade == NULL)
    g_error ("%s is not scheduled", instrument);
  text = format_utc (upgrade->start);
  g_assert_cmpstr (text, ==, start);
}

static void
assert_reason (GPtrArray *list, const char *instrument, const char *reason)
{
  const IumPlannedUpgrade *upgrade = find (list, instrument);

  if (upgrade == NULL)
    g_error ("%s is not in the list", instrument);
  g_assert_cmpstr (upgrade->reason, ==, reason);
}

/* Rule 1. */

static void
test_skip_at_target (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;

  add_instrument (inventory, "AT", "TS1", NULL, "12.1.0.0");
  add_instrument (inventory, "NEWER", "TS1", NULL, "12.1.0.1");
  add_instrument (inventory, "OLD", "TS1", NULL, "12.0.0.0");
  add_window (inventory, "2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "Maintenance", NULL);

  p = plan (inventory, request);
  g_assert_cmpuint (ium_plan_get_skipped (p)->len, ==, 2);
  assert_reason (ium_plan_get_skipped (p), "AT", "already at 12.1.0.0");
  assert_reason (ium_plan_get_skipped (p), "NEWER", "already at 12.1.0.1");
  g_assert_cmpuint (ium_plan_get_upgrades (p)->len, ==, 1);
  assert_start (p, "OLD", "2025-03-04T08:00:00Z");
  g_assert_cmpuint (ium_plan_get_unscheduled (p)->len, ==, 0);
}

static void
test_skip_pinned (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;

  ium_instrument_set_pin (add_instrument (inventory, "OTHER", "TS1", NULL, "11.0.0.0"), "12.0.0.0");
  ium_instrument_set_pin (add_instrument (inventory, "SAME", "TS1", NULL, "11.0.0.0"), "12.1.0.0");
  /* Another spelling of the target is the target. */
  ium_instrument_set_pin (add_instrument (inventory, "SPELT", "TS1", NULL, "11.0.0.0"), "12.1");
  add_window (inventory, "2025-03-04T08:00:00Z", "2025-03-04T20:00:00Z", "Maintenance", NULL);

  p = plan (inventory, request);
  g_assert_cmpuint (ium_plan_get_skipped (p)->len, ==, 1);
  assert_reason (ium_plan_get_skipped (p), "OTHER", "pinned to 12.0.0.0");
  g_assert_nonnull (find (ium_plan_get_upgrades (p), "SAME"));
  g_assert_nonnull (find (ium_plan_get_upgrades (p), "SPELT"));
}

/* Rule 2. */

static IumInventory *
new_wave_inventory (void)
{
  IumInventory *inventory = new_inventory ();

  add_instrument (inventory, "ALF", "TS1", "sans", "12.0.0.0");
  add_instrument (inventory, "BET", "TS2", "sans,reflect", "12.0.0.0");
  add_instrument (inventory, "GAM", "TS2", "diffraction", "12.0.0.0");
  add_instrument (inventory, "DEL", "TS1", "reflect", "12.0.0.0");
  add_instrument (inventory, "EPS", "TS1", "muon", "12.0.0.0");
  /* Long daily windows, so everything gets scheduled. */
  add_window (inventory, "2025-03-03T00:00:00Z", "2025-06-01T00:00:00Z", "Spring", NULL);
  return inventory;
}

static guint
wave_of (IumPlan *p, const char *instrument)
{
  const IumPlannedUpgrade *upgrade = find (ium_plan_get_upgrades (p), instrument);

  if (upgrade == NULL)
    upgrade = find (ium_plan_get_unscheduled (p), instrument);
  return upgrade != NULL ? upgrade->wave : 0;
}

static void
test_waves_selectors (void)
{
  g_autoptr (IumInventory) inventory = new_wave_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;

  ium_plan_request_add_wave (request, "tag:sans");
  ium_plan_request_add_wave (request, "BET, site:TS2"); /* BET is already in wave 1 */
  ium_plan_request_add_wave (request, "DEL");

  p = plan (inventory, request);
  g_assert_cmpuint (ium_plan_get_n_waves (p), ==, 3);
  g_assert_cmpuint (wave_of (p, "ALF"), ==, 1);
  g_assert_cmpuint (wave_of (p, "BET"), ==, 1);
  g_assert_cmpuint (wave_of (p, "GAM"), ==, 2);
  g_assert_cmpuint (wave_of (p, "DEL"), ==, 3);
  /* Selected by no wave: not part of the rollout at all. */
  g_assert_cmpuint (wave_of (p, "EPS"), ==, 0);
  g_assert_null (find (ium_plan_get_skipped (p), "EPS"));
  g_assert_cmpuint (ium_plan_get_upgrades (p)->len, ==, 4);
}

static void
test_waves_rest (void)
{
  g_autoptr (IumInventory) inventory = new_wave_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlanRequest) all = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;
  g_autoptr (IumPlan) p_all = NULL;

  ium_plan_request_add_wave (request, "GAM");
  ium_plan_request_add_wave (request, "rest");
  ium_plan_request_add_wave (request, "ALF,tag:muon"); /* both taken by rest already */

  p = plan (inventory, request);
  g_assert_cmpuint (wave_of (p, "GAM"), ==, 1);
  g_assert_cmpuint (wave_of (p, "ALF"), ==, 2);
  g_assert_cmpuint (wave_of (p, "BET"), ==, 2);
  g_assert_cmpuint (wave_of (p, "DEL"), ==, 2);
  g_assert_cmpuint (wave_of (p, "EPS"), ==, 2);
  g_assert_cmpuint (ium_plan_get_upgrades (p)->len, ==, 5);

  /* No waves: one wave of everything. */
  p_all = plan (inventory, all);
  g_assert_cmpuint (ium_plan_get_n_waves (p_all), ==, 1);
  g_assert_cmpuint (ium_plan_get_upgrades (p_all)->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (
      ((IumPlannedUpgrade *) g_ptr_array_index (ium_plan_get_upgrades (p_all), i))->wave, ==, 1);
}

static void
expect_bad_selector (const char *selectors, const char *quoted)
{
  g_autoptr (IumInventory) inventory = new_wave_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumPlan) p = NULL;

  ium_plan_request_add_wave (request, "ALF");
  ium_plan_request_add_wave (request, selectors);
  p = ium_plan_new (fleet, request, NULL, &error);
  g_assert_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID);
  g_assert_null (p);
  if (quoted != NULL)
    {
      g_autofree char *needle = g_strdup_printf ("“%s”", quoted);

      g_assert_nonnull (strstr (error->message, needle));
      g_assert_nonnull (strstr (error->message, "wave 2"));
    }
}

static void
test_waves_bad_selector (void)
{
  expect_bad_selector ("BET,ALFF", "ALFF");
  expect_bad_selector ("tag:nope", "tag:nope");
  expect_bad_selector ("site:TS9", "site:TS9");
  expect_bad_selector ("tag:", "tag:");
  /* Names are case-sensitive. */
  expect_bad_selector ("alf", "alf");
  /* A wave with no selector at all. */
  expect_bad_selector (" , ", NULL);
}

/* Rule 3. */

static void
test_order_behind_then_name (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;

  add_instrument (inventory, "AAA", "TS1", NULL, "12.0.0.0"); /* behind 1 */
  add_instrument (inventory, "ZED", "TS1", NULL, "10.0.0.0"); /* behind 3 */
  add_instrument (inventory, "MID", "TS1", NULL, "11.0.0.0"); /* behind 2 */
  add_instrument (inventory, "BEE", "TS1", NULL, "11.0.0.0"); /* behind 2 */
  for (int d = 4; d <= 8; d++)
    {
      g_autofree char *s = g_strdup_printf ("2025-03-%02dT08:00:00Z", d);
      g_autofree char *e = g_strdup_printf ("2025-03-%02dT12:00:00Z", d);

      add_window (inventory, s, e, "Daily", NULL);
    }
  request->per_day = 1;

  p = plan (inventory, request);
  assert_start (p, "ZED", "2025-03-04T08:00:00Z");
  assert_start (p, "BEE", "2025-03-05T08:00:00Z");
  assert_start (p, "MID", "2025-03-06T08:00:00Z");
  assert_start (p, "AAA", "2025-03-07T08:00:00Z");
}

/* Rule 4. */

static void
test_window_same_time_of_day (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "B", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "C", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "D", "TS1", NULL, "12.0.0.0");
  /* Four days; the plan starts mid-morning of the first. */
  add_window (inventory, "2025-03-03T08:00:00Z", "2025-03-06T16:00:00Z", "Long shutdown", NULL);
  g_date_time_unref (request->from);
  request->from = at ("2025-03-03T10:30:00Z");
  request->per_day = 1;

  p = plan (inventory, request);
  assert_start (p, "A", "2025-03-03T10:30:00Z");
  assert_start (p, "B", "2025-03-04T10:30:00Z");
  assert_start (p, "C", "2025-03-05T10:30:00Z");
  /* 10:30 + 4 h on the 6th ends 14:30, inside the window. */
  assert_start (p, "D", "2025-03-06T10:30:00Z");
}

static void
test_window_per_day (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;
  const char *names[] = { "A", "B", "C", "D", "E" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_instrument (inventory, names[i], "TS1", NULL, "12.0.0.0");
  /* Two windows on the same day: the cap is per day, not per window. */
  add_window (inventory, "2025-03-04T06:00:00Z", "2025-03-04T10:00:00Z", "Early", NULL);
  add_window (inventory, "2025-03-04T12:00:00Z", "2025-03-04T16:00:00Z", "Late", NULL);
  add_window (inventory, "2025-03-05T06:00:00Z", "2025-03-05T10:00:00Z", "Next", NULL);
  request->per_day = 2;

  p = plan (inventory, request);
  /* Different instruments may be upgraded at the same time. */
  assert_start (p, "A", "2025-03-04T06:00:00Z");
  assert_start (p, "B", "2025-03-04T06:00:00Z");
  /* The 4th is full in both of its windows. */
  assert_start (p, "C", "2025-03-05T06:00:00Z");
  assert_start (p, "D", "2025-03-05T06:00:00Z");
  g_assert_cmpuint (ium_plan_get_upgrades (p)->len, ==, 4);
  assert_reason (ium_plan_get_unscheduled (p), "E",
                 "the per-day limit (2) is reached on every day with room");
}

static void
test_window_duration (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;
  const IumPlannedUpgrade *upgrade;
  g_autofree char         *end = NULL;

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "B", "TS1", NULL, "12.0.0.0");
  add_window (inventory, "2025-03-04T08:00:00Z", "2025-03-04T11:59:59Z", "Short", NULL);
  add_window (inventory, "2025-03-05T08:00:00Z", "2025-03-05T12:00:00Z", "Exact", "A");

  p = plan (inventory, request);
  /* Ends exactly when the window does. */
  assert_start (p, "A", "2025-03-05T08:00:00Z");
  upgrade = find (ium_plan_get_upgrades (p), "A");
  end = format_utc (upgrade->end);
  g_assert_cmpstr (end, ==, "2025-03-05T12:00:00Z");
  g_assert_cmpstr (upgrade->window, ==, "Exact");
  assert_reason (ium_plan_get_unscheduled (p), "B", "every window is too short for a 4 h upgrade");
}

static void
test_window_freeze (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) major = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlanRequest) patch = new_request (inventory, "12.1.0.1");
  g_autoptr (IumPlan) p_major = NULL;
  g_autoptr (IumPlan) p_patch = NULL;

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "B", "TS1", NULL, "12.0.0.0");
  add_cycle (inventory, "2025/1", "2025-03-04T12:00:00Z", "2025-03-20T08:00:00Z", TRUE);
  add_cycle (inventory, "2025/2", "2025-04-01T00:00:00Z", "2025-04-30T00:00:00Z", FALSE);
  /* Overlaps the frozen cycle by its last hour only: still overlapping. */
  add_window (inventory, "2025-03-04T06:00:00Z", "2025-03-04T13:00:00Z", "In freeze", NULL);
  /* Touches the cycle's end without overlapping it. */
  add_window (inventory, "2025-03-20T08:00:00Z", "2025-03-20T12:00:00Z", "After freeze", "A");
  /* Inside a cycle that is not frozen. */
  add_window (inventory, "2025-04-02T08:00:00Z", "2025-04-02T12:00:00Z", "Open cycle", "A");

  p_major = plan (inventory, major);
  assert_start (p_major, "A", "2025-03-20T08:00:00Z");
  assert_reason (ium_plan_get_unscheduled (p_major), "B",
                 "every window after the wave starts overlaps a frozen cycle (2025/1)");

  /* A patch release may go in during the freeze. */
  p_patch = plan (inventory, patch);
  assert_start (p_patch, "A", "2025-03-04T06:00:00Z");
  assert_start (p_patch, "B", "2025-03-04T06:00:00Z");

  /* A non-frozen cycle does not block: without the two earlier windows, "Open cycle" is used. */
  {
    g_autoptr (IumInventory) open = new_inventory ();
    g_autoptr (IumPlanRequest) request = new_request (open, "12.1.0.0");
    g_autoptr (IumPlan) p = NULL;

    add_instrument (open, "A", "TS1", NULL, "12.0.0.0");
    add_cycle (open, "2025/2", "2025-04-01T00:00:00Z", "2025-04-30T00:00:00Z", FALSE);
    add_window (open, "2025-04-02T08:00:00Z", "2025-04-02T12:00:00Z", "Open cycle", NULL);
    p = plan (open, request);
    assert_start (p, "A", "2025-04-02T08:00:00Z");
  }
}

static void
test_window_ties_and_own (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;
  const IumPlannedUpgrade *upgrade;

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "B", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "C", "TS1", NULL, "12.0.0.0");
  /* Same start: the label decides. */
  add_window (inventory, "2025-03-05T08:00:00Z", "2025-03-05T20:00:00Z", "Beta", NULL);
  add_window (inventory, "2025-03-05T08:00:00Z", "2025-03-05T14:00:00Z", "Alpha", NULL);
  /* A window of B's own, earlier than the facility's: B takes it, nobody else may. */
  add_window (inventory, "2025-03-04T22:00:00Z", "2025-03-05T06:00:00Z", "B service", "B,NOBODY");
  /* A window that starts earlier and is still open at the candidate wins the tie on start. */
  add_window (inventory, "2025-03-05T07:00:00Z", "2025-03-05T07:30:00Z", "Too short", "C");

  p = plan (inventory, request);
  upgrade = find (ium_plan_get_upgrades (p), "A");
  g_assert_cmpstr (upgrade->window, ==, "Alpha");
  assert_start (p, "A", "2025-03-05T08:00:00Z");
  upgrade = find (ium_plan_get_upgrades (p), "B");
  g_assert_cmpstr (upgrade->window, ==, "B service");
  /* A day boundary inside a window: the start's day counts. */
  assert_start (p, "B", "2025-03-04T22:00:00Z");
  upgrade = find (ium_plan_get_upgrades (p), "C");
  g_assert_cmpstr (upgrade->window, ==, "Alpha");
}

/* Rule 5. */

static void
test_soak (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "B", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "C", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "D", "TS1", NULL, "12.0.0.0");
  /* Every day from 08:00 to 18:00 for three weeks. */
  for (int d = 3; d <= 24; d++)
    {
      g_autofree char *s = g_strdup_printf ("2025-03-%02dT08:00:00Z", d);
      g_autofree char *e = g_strdup_printf ("2025-03-%02dT18:00:00Z", d);

      add_window (inventory, s, e, "Daily", NULL);
    }
  ium_plan_request_add_wave (request, "A,B");
  ium_plan_request_add_wave (request, "C");
  ium_plan_request_add_wave (request, "D");
  request->per_day = 1;
  request->soak_days = 2;

  p = plan (inventory, request);
  assert_start (p, "A", "2025-03-03T08:00:00Z");
  /* The latest end of wave 1 is 2025-03-04T12:00; two days of soak. */
  assert_start (p, "B", "2025-03-04T08:00:00Z");
  /* Wave 2 starts 2025-03-06T12:00: the same time of day that window allows is 12:00. */
  assert_start (p, "C", "2025-03-06T12:00:00Z");
  /* Wave 3 starts 2025-03-08T16:00, too late that day: next day at 16:00 ends 20:00, too
   * late too, so the next window's start. */
  assert_start (p, "D", "2025-03-09T08:00:00Z");
}

static void
test_soak_after_empty_wave (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "B", "TS1", NULL, "12.0.0.0");
  add_window (inventory, "2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "Daily", "B");
  ium_plan_request_add_wave (request, "A");
  ium_plan_request_add_wave (request, "B");

  /* Wave 1 schedules nothing, so wave 2 starts when wave 1 did. */
  p = plan (inventory, request);
  assert_reason (ium_plan_get_unscheduled (p), "A", "no downtime window applies to A");
  assert_start (p, "B", "2025-03-04T08:00:00Z");
}

/* Rule 6. */

static void
test_unscheduled_reasons (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlanRequest) open_ended = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;
  g_autoptr (IumPlan) p_open = NULL;
  GPtrArray *unscheduled;

  add_instrument (inventory, "NONE", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "PAST", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "LATE", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "SHORT", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "FROZEN", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "FULL1", "TS1", NULL, "11.0.0.0");
  add_instrument (inventory, "FULL2", "TS1", NULL, "12.0.0.0");
  add_window (inventory, "2025-02-01T08:00:00Z", "2025-02-01T18:00:00Z", "Past", "PAST");
  add_window (inventory, "2025-07-01T08:00:00Z", "2025-07-01T18:00:00Z", "Late", "LATE");
  /* Cut short by until. */
  add_window (inventory, "2025-06-30T22:00:00Z", "2025-07-01T08:00:00Z", "Cut", "SHORT");
  add_window (inventory, "2025-03-10T08:00:00Z", "2025-03-10T18:00:00Z", "Freeze", "FROZEN");
  add_cycle (inventory, "2025/1", "2025-03-09T00:00:00Z", "2025-03-11T00:00:00Z", TRUE);
  add_window (inventory, "2025-03-05T08:00:00Z", "2025-03-05T12:00:00Z", "Full", "FULL1,FULL2");
  request->until = at ("2025-07-01T00:00:00Z");
  request->per_day = 1;

  p = plan (inventory, request);
  unscheduled = ium_plan_get_unscheduled (p);
  g_assert_cmpuint (ium_plan_get_upgrades (p)->len, ==, 1);
  assert_start (p, "FULL1", "2025-03-05T08:00:00Z");
  assert_reason (unscheduled, "NONE", "no downtime window applies to NONE");
  assert_reason (unscheduled, "PAST", "no downtime window before 2025-07-01");
  assert_reason (unscheduled, "LATE", "no downtime window before 2025-07-01");
  assert_reason (unscheduled, "SHORT", "every window is too short for a 4 h upgrade");
  assert_reason (unscheduled, "FROZEN",
                 "every window before 2025-07-01 overlaps a frozen cycle (2025/1)");
  assert_reason (unscheduled, "FULL2", "the per-day limit (1) is reached on every day with room");
  /* Unscheduled keep their wave, in placement order (behind, then name). */
  g_assert_cmpstr (((IumPlannedUpgrade *) g_ptr_array_index (unscheduled, 0))->instrument, ==,
                   "FROZEN");
  g_assert_cmpuint (((IumPlannedUpgrade *) g_ptr_array_index (unscheduled, 0))->wave, ==, 1);

  /* Without until, LATE fits and the past window is "before the wave starts". */
  p_open = plan (inventory, open_ended);
  assert_reason (ium_plan_get_unscheduled (p_open), "PAST",
                 "no downtime window after the wave starts");
  assert_start (p_open, "LATE", "2025-07-01T08:00:00Z");
  assert_start (p_open, "SHORT", "2025-06-30T22:00:00Z");
}

static void
test_until_respected (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  add_window (inventory, "2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "Daily", NULL);
  request->until = at ("2025-03-04T11:59:00Z");
  p = plan (inventory, request);
  assert_reason (ium_plan_get_unscheduled (p), "A", "every window is too short for a 4 h upgrade");

  g_clear_object (&p);
  g_date_time_unref (request->until);
  request->until = at ("2025-03-04T12:00:00Z");
  p = plan (inventory, request);
  assert_start (p, "A", "2025-03-04T08:00:00Z");
}

/* Upgrades of a saved rollout that already happened. */

static void
test_fixed (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;
  IumPlannedUpgrade done = { 0 };

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "B", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "C", "TS1", NULL, "12.0.0.0");
  for (int d = 3; d <= 28; d++)
    {
      g_autofree char *s = g_strdup_printf ("2025-03-%02dT08:00:00Z", d);
      g_autofree char *e = g_strdup_printf ("2025-03-%02dT18:00:00Z", d);

      add_window (inventory, s, e, "Daily", NULL);
    }
  ium_plan_request_add_wave (request, "A,B");
  ium_plan_request_add_wave (request, "C");
  request->per_day = 1;
  request->soak_days = 1;

  /* A was done on the 3rd, from 09:00 to 17:00 (it overran). */
  done.instrument = (char *) "A";
  done.wave = 1;
  done.start = at ("2025-03-03T09:00:00Z");
  done.end = at ("2025-03-03T17:00:00Z");
  done.window = (char *) "Daily";
  g_ptr_array_add (request->fixed, ium_planned_upgrade_copy (&done));
  g_date_time_unref (done.start);
  g_date_time_unref (done.end);

  p = plan (inventory, request);
  g_assert_null (find (ium_plan_get_upgrades (p), "A"));
  g_assert_null (find (ium_plan_get_unscheduled (p), "A"));
  g_assert_null (find (ium_plan_get_skipped (p), "A"));
  /* The 3rd is taken by A. */
  assert_start (p, "B", "2025-03-04T08:00:00Z");
  /* Wave 1 ends with B at 12:00 on the 4th; a day of soak. */
  assert_start (p, "C", "2025-03-05T12:00:00Z");

  /* A fixed upgrade that ends later than the placed ones sets the soak. */
  g_clear_object (&p);
  g_date_time_unref (((IumPlannedUpgrade *) g_ptr_array_index (request->fixed, 0))->end);
  ((IumPlannedUpgrade *) g_ptr_array_index (request->fixed, 0))->end = at ("2025-03-07T17:00:00Z");
  p = plan (inventory, request);
  /* Wave 2 starts 2025-03-08T17:00, too late that day: the next day's window. */
  assert_start (p, "C", "2025-03-09T08:00:00Z");
}

/* Output. */

static void
test_json (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1");
  g_autoptr (IumPlan) p = NULL;
  g_autofree char *text = NULL;

  add_instrument (inventory, "LARMOR", "TS2", NULL, "12.0.0.0");
  add_instrument (inventory, "WISH", "TS2", NULL, "12.1.0.0");
  add_instrument (inventory, "ZOOM", "TS2", NULL, "11.0.0.0");
  add_instrument (inventory, "ALF", "TS1", NULL, "12.0.0.0");
  /* An offset other than UTC: the plan writes UTC. */
  add_window (inventory, "2025-03-04T09:00:00+01:00", "2025-03-04T14:00:00+01:00",
              "Maintenance day", "LARMOR,ALF");
  ium_plan_request_add_wave (request, "LARMOR,WISH");
  ium_plan_request_add_wave (request, "rest");
  request->until = at ("2025-07-01T00:00:00Z");

  p = plan (inventory, request);
  g_assert_cmpstr (ium_plan_get_release (p), ==, "12.1.0.0");
  text = plan_to_text (p);
  g_assert_cmpstr (
    text, ==,
    "{\"release\":\"12.1.0.0\","
    "\"upgrades\":["
    "{\"instrument\":\"LARMOR\",\"wave\":1,\"start\":\"2025-03-04T08:00:00Z\","
    "\"end\":\"2025-03-04T12:00:00Z\",\"window\":\"Maintenance day\"}],"
    "\"unscheduled\":["
    "{\"instrument\":\"ZOOM\",\"wave\":2,\"reason\":\"no downtime window applies to ZOOM\"},"
    "{\"instrument\":\"ALF\",\"wave\":2,\"reason\":\"no downtime window before 2025-07-01\"}],"
    "\"skipped\":[{\"instrument\":\"WISH\",\"reason\":\"already at 12.1.0.0\"}]}");
}

static void
test_upgrades_sorted (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumPlan) p = NULL;
  GPtrArray *upgrades;

  add_instrument (inventory, "ZED", "TS1", NULL, "10.0.0.0");
  add_instrument (inventory, "ABE", "TS1", NULL, "12.0.0.0");
  add_instrument (inventory, "MOE", "TS1", NULL, "12.0.0.0");
  add_window (inventory, "2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "Daily", "ZED,MOE");
  add_window (inventory, "2025-03-03T08:00:00Z", "2025-03-03T18:00:00Z", "Own", "ABE");

  p = plan (inventory, request);
  upgrades = ium_plan_get_upgrades (p);
  g_assert_cmpuint (upgrades->len, ==, 3);
  g_assert_cmpstr (((IumPlannedUpgrade *) g_ptr_array_index (upgrades, 0))->instrument, ==, "ABE");
  g_assert_cmpstr (((IumPlannedUpgrade *) g_ptr_array_index (upgrades, 1))->instrument, ==, "MOE");
  g_assert_cmpstr (((IumPlannedUpgrade *) g_ptr_array_index (upgrades, 2))->instrument, ==, "ZED");
}

/* Requests and errors. */

static void
test_parse_time (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) day = ium_plan_parse_time ("2025-06-30", FALSE, &error);
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GDateTime) stamp = NULL;
  g_autofree char *text = NULL;
  const char      *bad[] = {
         "",         "2025-02-30",          "2025-6-30", "30/06/2025", "2025-06-30T08:00:00",
         "tomorrow", "2025-06-30T25:00:00Z"
  };

  g_assert_no_error (error);
  text = format_utc (day);
  g_assert_cmpstr (text, ==, "2025-06-30T00:00:00Z");
  g_clear_pointer (&text, g_free);

  end = ium_plan_parse_time ("2025-06-30", TRUE, &error);
  g_assert_no_error (error);
  text = format_utc (end);
  g_assert_cmpstr (text, ==, "2025-07-01T00:00:00Z");
  g_clear_pointer (&text, g_free);

  stamp = ium_plan_parse_time ("2025-06-30T09:30:00+02:00", TRUE, &error);
  g_assert_no_error (error);
  text = format_utc (stamp);
  g_assert_cmpstr (text, ==, "2025-06-30T07:30:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (GDateTime) none = ium_plan_parse_time (bad[i], FALSE, &local);
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);

      g_assert_null (none);
      g_assert_error (local, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID);
      g_assert_nonnull (strstr (local->message, quoted));
    }
}

static void
test_request (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  IumPolicy policy = { 2, 5, 6, 3 };
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumPlanRequest) plain = ium_plan_request_new (NULL, "12.1.0.0");
  const char *const *wave;

  ium_inventory_set_policy (inventory, &policy);
  request = ium_plan_request_new (inventory, "12.1.0.0");
  g_assert_cmpuint (request->per_day, ==, 5);
  g_assert_cmpuint (request->hours, ==, 6);
  g_assert_cmpuint (request->soak_days, ==, 3);
  g_assert_nonnull (request->from);
  g_assert_null (request->until);
  g_assert_cmpuint (request->waves->len, ==, 0);
  g_assert_cmpuint (plain->per_day, ==, 3);
  g_assert_cmpuint (plain->hours, ==, 4);
  g_assert_cmpuint (plain->soak_days, ==, 7);

  ium_plan_request_add_wave (request, " LARMOR , tag:sans,,site:TS2 ");
  wave = g_ptr_array_index (request->waves, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) wave), ==, 3);
  g_assert_cmpstr (wave[0], ==, "LARMOR");
  g_assert_cmpstr (wave[1], ==, "tag:sans");
  g_assert_cmpstr (wave[2], ==, "site:TS2");
}

static void
expect_error (IumInventory *inventory, IumPlanRequest *request, int code)
{
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumPlan) p = ium_plan_new (fleet, request, NULL, &error);

  g_assert_error (error, IUM_PLAN_ERROR, code);
  g_assert_null (p);
}

static void
test_errors (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) unknown = new_request (inventory, "13.0.0.0");
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  expect_error (inventory, unknown, IUM_PLAN_ERROR_UNKNOWN_RELEASE);

  request->per_day = 0;
  expect_error (inventory, request, IUM_PLAN_ERROR_INVALID);
  request->per_day = 1;
  request->hours = 0;
  expect_error (inventory, request, IUM_PLAN_ERROR_INVALID);
  request->hours = 4;
  request->until = at ("2025-03-03T00:00:00Z"); /* the same as from */
  expect_error (inventory, request, IUM_PLAN_ERROR_INVALID);
}

static void
test_cancel (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (inventory, "12.1.0.0");
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (IumPlan) p = NULL;

  add_instrument (inventory, "A", "TS1", NULL, "12.0.0.0");
  fleet = ium_fleet_new (inventory);
  g_cancellable_cancel (cancellable);
  p = ium_plan_new (fleet, request, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (p);
}

/* Properties over random inventories. */

typedef struct
{
  gint64 start, end;
  char  *label;
  GStrv  names; /* NULL for every instrument */
} RWin;

typedef struct
{
  gint64   start, end;
  gboolean freeze;
} RCycle;

typedef struct
{
  IumInventory   *inventory;
  IumPlanRequest *request;
  GArray         *wins;   /* of RWin */
  GArray         *cycles; /* of RCycle */
  gboolean        patch;
} Random;

static void
rwin_clear (gpointer data)
{
  RWin *w = data;

  g_free (w->label);
  g_strfreev (w->names);
}

static GDateTime *
from_unix (gint64 t)
{
  return g_date_time_new_from_unix_utc (t);
}

static const char *SITES[] = { "TS1", "TS2", "R55", "R80" };
static const char *TAGS[] = { "sans", "reflect", "muon", "diffraction", "imaging" };
static const char *RELEASES[] = { "10.0.0.0", "11.0.0.0", "12.0.0.0", "12.1.0.0", "12.1.0.1" };

static void
random_inventory (Random *r, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  gint64 base = 1741000000; /* 2025-03-03 */
  guint  n = g_rand_int_range (rand, 20, 201);
  guint  n_fac = g_rand_int_range (rand, 0, 31);
  guint  n_own = g_rand_int_range (rand, 0, n / 2 + 1);
  guint  n_cycles = g_rand_int_range (rand, 0, 4);
  guint  n_waves = g_rand_int_range (rand, 0, 4);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) used_tags = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) used_sites = g_hash_table_new (g_str_hash, g_str_equal);

  r->inventory = new_inventory ();
  r->wins = g_array_new (FALSE, TRUE, sizeof (RWin));
  g_array_set_clear_func (r->wins, rwin_clear);
  r->cycles = g_array_new (FALSE, TRUE, sizeof (RCycle));
  r->patch = g_rand_boolean (rand);

  for (guint i = 0; i < n; i++)
    {
      char          *name = g_strdup_printf ("I%03u", i);
      const char    *site = SITES[g_rand_int_range (rand, 0, G_N_ELEMENTS (SITES))];
      const char    *tag = TAGS[g_rand_int_range (rand, 0, G_N_ELEMENTS (TAGS))];
      /* Mostly behind, some at or past the target. */
      const char    *release = RELEASES[g_rand_int_range (rand, 0, G_N_ELEMENTS (RELEASES))];
      IumInstrument *instrument = add_instrument (r->inventory, name, site, tag, release);

      if (g_rand_int_range (rand, 0, 10) == 0)
        ium_instrument_set_pin (instrument,
                                RELEASES[g_rand_int_range (rand, 0, G_N_ELEMENTS (RELEASES))]);
      g_hash_table_add (used_tags, (gpointer) tag);
      g_hash_table_add (used_sites, (gpointer) site);
      g_ptr_array_add (names, name);
    }

  for (guint i = 0; i < n_fac + n_own; i++)
    {
      RWin w = { 0 };
      g_autoptr (GDateTime) s = NULL;
      g_autoptr (GDateTime) e = NULL;
      g_autoptr (IumWindow) window = NULL;

      w.start = base + (gint64) g_rand_int_range (rand, -5 * 24, 60 * 24) * HOUR
                + g_rand_int_range (rand, 0, 4) * 900;
      w.end = w.start + (gint64) g_rand_int_range (rand, 1, 80) * HOUR;
      w.label = g_strdup_printf ("W%02u", g_rand_int_range (rand, 0, 40)); /* labels repeat */
      if (i >= n_fac)
        {
          guint k = g_rand_int_range (rand, 1, 4);

          w.names = g_new0 (char *, k + 1);
          for (guint j = 0; j < k; j++)
            w.names[j] = g_strdup (g_ptr_array_index (names, g_rand_int_range (rand, 0, n)));
        }
      s = from_unix (w.start);
      e = from_unix (w.end);
      window = ium_window_new (s, e, w.label);
      if (w.names != NULL)
        ium_window_set_instruments (window, (const char *const *) w.names);
      {
        g_autofree char *key = ium_window_dup_key (window);

        /* The same (start, end, label) would replace the earlier window. */
        if (ium_inventory_lookup_window (r->inventory, key) != NULL)
          {
            rwin_clear (&w);
            continue;
          }
      }
      ium_inventory_put_window (r->inventory, window);
      g_array_append_val (r->wins, w);
    }

  for (guint i = 0; i < n_cycles; i++)
    {
      RCycle           c;
      g_autofree char *name = g_strdup_printf ("C%u", i);
      g_autoptr (GDateTime) s = NULL;
      g_autoptr (GDateTime) e = NULL;
      g_autoptr (IumCycle) cycle = NULL;

      c.start = base + (gint64) g_rand_int_range (rand, 0, 50 * 24) * HOUR;
      c.end = c.start + (gint64) g_rand_int_range (rand, 24, 20 * 24) * HOUR;
      c.freeze = g_rand_int_range (rand, 0, 3) != 0;
      s = from_unix (c.start);
      e = from_unix (c.end);
      cycle = ium_cycle_new (name, s, e, c.freeze);
      ium_inventory_put_cycle (r->inventory, cycle);
      g_array_append_val (r->cycles, c);
    }

  r->request = new_request (r->inventory, r->patch ? "12.1.0.1" : "12.1.0.0");
  r->request->per_day = g_rand_int_range (rand, 1, 5);
  r->request->hours = g_rand_int_range (rand, 1, 9);
  r->request->soak_days = g_rand_int_range (rand, 0, 4);
  if (g_rand_boolean (rand))
    r->request->until = from_unix (base + (gint64) g_rand_int_range (rand, 10, 70) * DAY);
  for (guint k = 0; k < n_waves; k++)
    {
      g_autoptr (GString) selectors = g_string_new (NULL);
      guint n_sel = g_rand_int_range (rand, 1, 4);

      for (guint j = 0; j < n_sel; j++)
        {
          guint kind = g_rand_int_range (rand, 0, 4);

          if (selectors->len > 0)
            g_string_append_c (selectors, ',');
          if (kind == 0)
            g_string_append (selectors, g_ptr_array_index (names, g_rand_int_range (rand, 0, n)));
          else if (kind == 1)
            {
              GList *tags = g_hash_table_get_keys (used_tags);

              g_string_append_printf (selectors, "tag:%s",
                                      (const char *) g_list_nth_data (
                                        tags, g_rand_int_range (rand, 0, g_list_length (tags))));
              g_list_free (tags);
            }
          else if (kind == 2)
            {
              GList *sites = g_hash_table_get_keys (used_sites);

              g_string_append_printf (selectors, "site:%s",
                                      (const char *) g_list_nth_data (
                                        sites, g_rand_int_range (rand, 0, g_list_length (sites))));
              g_list_free (sites);
            }
          else
            g_string_append (selectors, "rest");
        }
      ium_plan_request_add_wave (r->request, selectors->str);
    }
}

static void
random_clear (Random *r)
{
  g_clear_object (&r->inventory);
  g_clear_pointer (&r->request, ium_plan_request_free);
  g_clear_pointer (&r->wins, g_array_unref);
  g_clear_pointer (&r->cycles, g_array_unref);
}

static gboolean
rwin_applies (const RWin *w, const char *name)
{
  return w->names == NULL || g_strv_contains ((const char *const *) w->names, name);
}

static gboolean
rwin_frozen (const Random *r, const RWin *w)
{
  for (guint c = 0; c < r->cycles->len; c++)
    {
      const RCycle *cycle = &g_array_index (r->cycles, RCycle, c);

      if (cycle->freeze && w->start < cycle->end && cycle->start < w->end)
        return TRUE;
    }
  return FALSE;
}

static gint64
day_of (gint64 t)
{
  return t / DAY; /* every time here is after 1970 */
}

/* Is there a start before @before for @name from @wave_start on a day with room at the end
 * of planning? Days only fill up, so a day with room now had room when @name was placed. */
static gboolean
earlier_start_exists (
  const Random *r, GHashTable *per_day, const char *name, gint64 wave_start, gint64 before)
{
  const IumPlanRequest *q = r->request;
  gint64                duration = (gint64) q->hours * HOUR;
  gint64                until = q->until != NULL ? g_date_time_to_unix (q->until) : G_MAXINT64;

  for (guint i = 0; i < r->wins->len; i++)
    {
      const RWin *w = &g_array_index (r->wins, RWin, i);

      if (!rwin_applies (w, name) || (!r->patch && rwin_frozen (r, w)))
        continue;
      for (gint64 s = MAX (w->start, wave_start); s + duration <= MIN (w->end, until) && s < before;
           s += DAY)
        if (GPOINTER_TO_UINT (g_hash_table_lookup (per_day, GINT_TO_POINTER ((int) day_of (s))))
            < q->per_day)
          return TRUE;
    }
  return FALSE;
}

static void
check_properties (Random *r, IumPlan *p)
{
  const IumPlanRequest *q = r->request;
  GPtrArray            *upgrades = ium_plan_get_upgrades (p);
  GPtrArray            *unscheduled = ium_plan_get_unscheduled (p);
  g_autoptr (GHashTable) per_day = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint              n_waves = ium_plan_get_n_waves (p);
  g_autofree gint64 *latest = g_new0 (gint64, n_waves + 2);
  g_autofree gint64 *wave_start = g_new0 (gint64, n_waves + 2);
  gint64             from = g_date_time_to_unix (q->from);
  gint64             duration = (gint64) q->hours * HOUR;

  for (guint i = 0; i < upgrades->len; i++)
    {
      const IumPlannedUpgrade *u = g_ptr_array_index (upgrades, i);
      gint64                   s = g_date_time_to_unix (u->start);
      gint64                   e = g_date_time_to_unix (u->end);
      gpointer                 day = GINT_TO_POINTER ((int) day_of (s));
      gboolean                 inside = FALSE;

      g_assert_cmpint (e - s, ==, duration);
      g_assert_cmpint (s, >=, from);
      if (q->until != NULL)
        g_assert_cmpint (e, <=, g_date_time_to_unix (q->until));
      /* Inside a window of that label that applies, and not frozen for a non-patch. */
      for (guint w = 0; w < r->wins->len && !inside; w++)
        {
          const RWin *win = &g_array_index (r->wins, RWin, w);

          if (g_str_equal (win->label, u->window) && rwin_applies (win, u->instrument)
              && win->start <= s && e <= win->end && (r->patch || !rwin_frozen (r, win)))
            inside = TRUE;
        }
      if (!inside)
        g_error ("%s at %" G_GINT64_FORMAT " is in no applicable open window", u->instrument, s);
      g_hash_table_insert (
        per_day, day, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_day, day)) + 1));
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_day, day)), <=, q->per_day);
      g_assert_cmpuint (u->wave, >=, 1);
      g_assert_cmpuint (u->wave, <=, n_waves);
      latest[u->wave] = MAX (latest[u->wave], e);
      /* Sorted by start, then instrument. */
      if (i > 0)
        {
          const IumPlannedUpgrade *prev = g_ptr_array_index (upgrades, i - 1);
          int                      cmp = g_date_time_compare (prev->start, u->start);

          g_assert_true (cmp < 0 || (cmp == 0 && strcmp (prev->instrument, u->instrument) < 0));
        }
    }

  /* Soak: the wave starts as rule 5 says, and everything of a later wave starts after. */
  wave_start[1] = from;
  for (guint k = 1; k < n_waves; k++)
    wave_start[k + 1] = latest[k] != 0 ? latest[k] + (gint64) q->soak_days * DAY : wave_start[k];
  for (guint i = 0; i < upgrades->len; i++)
    {
      const IumPlannedUpgrade *u = g_ptr_array_index (upgrades, i);

      g_assert_cmpint (g_date_time_to_unix (u->start), >=, wave_start[u->wave]);
      for (guint k = 1; k < u->wave; k++)
        if (latest[k] != 0)
          g_assert_cmpint (g_date_time_to_unix (u->start), >=,
                           latest[k] + (gint64) q->soak_days * DAY);
      /* Earliest: no earlier start was open to it. */
      g_assert_false (earlier_start_exists (r, per_day, u->instrument, wave_start[u->wave],
                                            g_date_time_to_unix (u->start)));
    }
  /* Unscheduled: no start at all was open to it. */
  for (guint i = 0; i < unscheduled->len; i++)
    {
      const IumPlannedUpgrade *u = g_ptr_array_index (unscheduled, i);

      g_assert_nonnull (u->reason);
      g_assert_false (
        earlier_start_exists (r, per_day, u->instrument, wave_start[u->wave], G_MAXINT64));
    }
}

static void
test_property_random (void)
{
  guint total_upgrades = 0, total_unscheduled = 0, total_skipped = 0;

  for (guint32 seed = 1; seed <= 50; seed++)
    {
      Random r = { 0 };
      g_autoptr (IumPlan) p = NULL;
      g_autoptr (IumPlan) again = NULL;
      g_autofree char *text = NULL;
      g_autofree char *text_again = NULL;
      g_autoptr (IumFleet) fleet = NULL;
      g_autoptr (GError) error = NULL;
      guint n_selected;

      random_inventory (&r, seed);
      fleet = ium_fleet_new (r.inventory);
      p = ium_plan_new (fleet, r.request, NULL, &error);
      g_assert_no_error (error);
      check_properties (&r, p);

      /* Every instrument of a wave is in exactly one list. */
      n_selected = ium_plan_get_upgrades (p)->len + ium_plan_get_unscheduled (p)->len
                   + ium_plan_get_skipped (p)->len;
      g_assert_cmpuint (n_selected, <=,
                        g_list_model_get_n_items (ium_inventory_get_instruments (r.inventory)));
      if (r.request->waves->len == 0)
        g_assert_cmpuint (n_selected, ==,
                          g_list_model_get_n_items (ium_inventory_get_instruments (r.inventory)));

      /* Deterministic: again, and with a fresh fleet. */
      g_clear_object (&fleet);
      fleet = ium_fleet_new (r.inventory);
      again = ium_plan_new (fleet, r.request, NULL, &error);
      g_assert_no_error (error);
      text = plan_to_text (p);
      text_again = plan_to_text (again);
      g_assert_cmpstr (text, ==, text_again);

      total_upgrades += ium_plan_get_upgrades (p)->len;
      total_unscheduled += ium_plan_get_unscheduled (p)->len;
      total_skipped += ium_plan_get_skipped (p)->len;
      random_clear (&r);
    }

  /* The generator must exercise every outcome, or the checks above prove little. */
  g_test_message ("%u scheduled, %u unscheduled, %u skipped", total_upgrades, total_unscheduled,
                  total_skipped);
  g_assert_cmpuint (total_upgrades, >, 500);
  g_assert_cmpuint (total_unscheduled, >, 100);
  g_assert_cmpuint (total_skipped, >, 100);
}

static void
test_determinism_insertion_order (void)
{
  g_autoptr (IumInventory) one = new_inventory ();
  g_autoptr (IumInventory) two = new_inventory ();
  g_autoptr (IumPlanRequest) request = new_request (one, "12.1.0.0");
  g_autoptr (IumPlan) p_one = NULL;
  g_autoptr (IumPlan) p_two = NULL;
  g_autofree char *t_one = NULL;
  g_autofree char *t_two = NULL;
  const char      *names[] = { "A", "B", "C", "D", "E", "F" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      add_instrument (one, names[i], "TS1", NULL, "12.0.0.0");
      add_instrument (two, names[G_N_ELEMENTS (names) - 1 - i], "TS1", NULL, "12.0.0.0");
    }
  add_window (one, "2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "X", NULL);
  add_window (one, "2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "Y", NULL);
  add_window (two, "2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "Y", NULL);
  add_window (two, "2025-03-04T08:00:00Z", "2025-03-04T18:00:00Z", "X", NULL);
  request->per_day = 2;

  p_one = plan (one, request);
  p_two = plan (two, request);
  t_one = plan_to_text (p_one);
  t_two = plan_to_text (p_two);
  g_assert_cmpstr (t_one, ==, t_two);
  g_assert_cmpuint (ium_plan_get_upgrades (p_one)->len, ==, 2);
  g_assert_cmpstr (
    ((IumPlannedUpgrade *) g_ptr_array_index (ium_plan_get_upgrades (p_one), 0))->window, ==, "X");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/planner/skip/at-target", test_skip_at_target);
  g_test_add_func ("/ium/planner/skip/pinned", test_skip_pinned);
  g_test_add_func ("/ium/planner/waves/selectors", test_waves_selectors);
  g_test_add_func ("/ium/planner/waves/rest", test_waves_rest);
  g_test_add_func ("/ium/planner/waves/bad-selector", test_waves_bad_selector);
  g_test_add_func ("/ium/planner/order/behind-then-name", test_order_behind_then_name);
  g_test_add_func ("/ium/planner/window/same-time-of-day", test_window_same_time_of_day);
  g_test_add_func ("/ium/planner/window/per-day", test_window_per_day);
  g_test_add_func ("/ium/planner/window/duration", test_window_duration);
  g_test_add_func ("/ium/planner/window/freeze", test_window_freeze);
  g_test_add_func ("/ium/planner/window/ties-and-own", test_window_ties_and_own);
  g_test_add_func ("/ium/planner/soak/waves", test_soak);
  g_test_add_func ("/ium/planner/soak/after-empty-wave", test_soak_after_empty_wave);
  g_test_add_func ("/ium/planner/unscheduled/reasons", test_unscheduled_reasons);
  g_test_add_func ("/ium/planner/unscheduled/until", test_until_respected);
  g_test_add_func ("/ium/planner/fixed", test_fixed);
  g_test_add_func ("/ium/planner/json", test_json);
  g_test_add_func ("/ium/planner/upgrades-sorted", test_upgrades_sorted);
  g_test_add_func ("/ium/planner/parse-time", test_parse_time);
  g_test_add_func ("/ium/planner/request", test_request);
  g_test_add_func ("/ium/planner/errors", test_errors);
  g_test_add_func ("/ium/planner/cancel", test_cancel);
  g_test_add_func ("/ium/planner/determinism", test_determinism_insertion_order);
  g_test_add_func ("/ium/planner/property/random", test_property_random);

  return g_test_run ();
}
