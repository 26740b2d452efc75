/* test-report.c: the release report: the model built from an inventory, a rollout part way
 * through and the client check log; how rollouts merge; errors, cancelling and progress;
 * building on a worker thread; and every format read back with an independent reader (an
 * RFC 4180 reader, json-glib, GMarkup for the SVG, pdftotext for the PDF), saying the same
 * counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-report"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ium-check-log.h"
#include "ium-planner.h"
#include "ium-report.h"
#include "ium-report-chart.h"
#include "ium-report-pages.h"
#include "ium-rollouts.h"
#include "ium-token.h"

#include "ium-test-cli.h"
#include "ium-test-report.h"

#define HOSTILE_NAME "<script>alert(1)</script>"
#define HOSTILE_SITE "\"&'<>"
#define NOW          "2030-01-10T12:00:00Z"
#define JAN7         ((gint64) 1893974400) /* 2030-01-07 00:00 UTC */

/* Eight instruments, one of each kind the report sorts out: on the release (ALPHA), upgraded
 * by the rollout (BETA), custom (DELTA), on a test release (EPSILON), too far behind (ETA),
 * part way through (GAMMA), pinned and busy with a hostile name (the script tag), behind
 * (ZETA). */
static const char inventory_json[] =
  "{\"format\": \"ium-inventory\", \"format_version\": 1,"
  " \"facility\": \"Test <Facility> & Co\","
  " \"policy\": {\"max_minor_behind\": 2, \"max_upgrades_per_day\": 3, \"upgrade_hours\": 4,"
  "             \"soak_days\": 7},"
  " \"components\": [{\"id\": \"ibex-server\", \"name\": \"IBEX server\", \"role\": \"server\"},"
  "                {\"id\": \"ibex-gui\", \"name\": \"IBEX GUI\", \"role\": \"client\"}],"
  " \"rules\": [{\"client\": \"ibex-gui\", \"server\": \"ibex-server\"}],"
  " \"releases\": ["
  "  {\"version\": \"1.0.0.1\", \"tier\": \"official\", \"date\": \"2029-01-01\"},"
  "  {\"version\": \"1.1.0.1\", \"tier\": \"official\", \"date\": \"2029-03-01\"},"
  "  {\"version\": \"1.2.0.1\", \"tier\": \"official\", \"date\": \"2029-05-01\"},"
  "  {\"version\": \"1.3.0.1\", \"tier\": \"official\", \"date\": \"2029-07-01\"},"
  "  {\"version\": \"2.0.0.1\", \"tier\": \"official\", \"date\": \"2029-11-01\","
  "   \"notes\": \"Notes with <b>markup</b> & \\\"quotes\\\"\"},"
  "  {\"version\": \"2.1.0.1\", \"tier\": \"test\", \"date\": \"2029-12-01\"}],"
  " \"instruments\": ["
  "  {\"name\": \"ALPHA\", \"site\": \"North, Hall\", \"hosts\": [{\"name\": \"a\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"2.0.0.1\", \"ibex-gui\": \"2.0.0.1\"}}]},"
  "  {\"name\": \"BETA\", \"site\": \"TS1\", \"hosts\": [{\"name\": \"b\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.0.0.1\", \"ibex-gui\": \"1.0.0.1\"}}]},"
  "  {\"name\": \"DELTA\", \"site\": \"TS1\", \"hosts\": [{\"name\": \"d\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.3.5.999\"}}]},"
  "  {\"name\": \"EPSILON\", \"site\": \"TS2\", \"hosts\": [{\"name\": \"e\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"2.1.0.1\"}}]},"
  "  {\"name\": \"ETA\", \"site\": \"TS2\", \"hosts\": [{\"name\": \"h\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.0.0.1\"}}]},"
  "  {\"name\": \"GAMMA\", \"site\": \"TS2\", \"hosts\": ["
  "    {\"name\": \"g-control\", \"role\": \"control\", \"installed\": {\"ibex-server\": \"2.0.0.1\"}},"
  "    {\"name\": \"g-cluster\", \"role\": \"cluster\", \"installed\": {\"ibex-server\": \"1.3.0.1\"}}]},"
  "  {\"name\": \"" "<script>alert(1)</script>" "\", \"site\": \"\\\"&'<>\", \"pin\": \"1.2.0.1\","
  "   \"hosts\": [{\"name\": \"s\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.2.0.1\"}}]},"
  "  {\"name\": \"ZETA\", \"site\": \"Line\\nbreak\", \"hosts\": [{\"name\": \"z\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.3.0.1\"}}]}],"
  " \"downtime\": ["
  "  {\"start\": \"2030-01-07T08:00:00Z\", \"end\": \"2030-01-07T18:00:00Z\", \"label\": \"Maintenance\","
  "   \"instruments\": \"all\"},"
  "  {\"start\": \"2030-01-14T08:00:00Z\", \"end\": \"2030-01-14T18:00:00Z\", \"label\": \"Maintenance\","
  "   \"instruments\": \"all\"}]}";

typedef struct
{
  char      *dir;   /* owned */
  char      *db;    /* owned */
  IumStore  *store; /* owned */
  GDateTime *now;   /* owned */
} ReportFixture;

static IumCheckRecord *
check_record (const char       *instrument,
              const char       *version,
              IumVerdictStatus  status,
              GDateTime        *now,
              double            days_ago)
{
  g_autoptr(IumVerdict) verdict = ium_verdict_new (instrument, "ibex-gui", version, "ibex-server",
                                                   "1.3.0.1", status, "1.3.0.1", NULL, NULL,
                                                   "a message");
  g_autoptr(GDateTime) at = g_date_time_add_seconds (now, -days_ago * 86400);

  return ium_check_record_new_from_verdict (verdict, IUM_CHECK_EVENT_CHECK, at, "10.0.0.1");
}

static void
mark (ReportFixture   *f,
      const char      *instrument,
      IumUpgradeState  state)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ium_rollout_mark (f->store, "r1", instrument, state, NULL, FALSE, "tester",
                                   &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (ReportFixture *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IumInventory) inventory = NULL;
  g_autoptr(IumFleet) fleet = NULL;
  g_autoptr(IumPlanRequest) request = NULL;
  g_autoptr(IumPlan) plan = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *request_text = NULL;

  f->dir = g_dir_make_tmp ("ium-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "inventory.db", NULL);
  f->store = ium_store_open (f->db, &error);
  g_assert_no_error (error);
  f->now = g_date_time_new_from_iso8601 (NOW, NULL);

  g_assert_true (ium_store_import (f->store, inventory_json, strlen (inventory_json), FALSE,
                                   "tester", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ium_store_set_busy (f->store, HOSTILE_NAME, TRUE, "long run", "tester", &error));
  g_assert_no_error (error);

  /* The rollout of 2.0.0.1: BETA, ETA and DELTA on the 7th, GAMMA and ZETA on the 14th. */
  inventory = ium_store_load (f->store, &error);
  g_assert_no_error (error);
  fleet = ium_fleet_new (inventory);
  request = ium_plan_request_new (inventory, "2.0.0.1");
  g_clear_pointer (&request->from, g_date_time_unref);
  request->from = g_date_time_new_from_iso8601 ("2030-01-01T00:00:00Z", NULL);
  plan = ium_plan_new (fleet, request, NULL, &error);
  g_assert_no_error (error);
  request_text = ium_plan_request_to_text (request);
  g_assert_true (ium_rollout_save (f->store, "r1", plan, request_text, 1, "tester", &error));
  g_assert_no_error (error);

  g_assert_true (ium_token_take (f->store, "tester", NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  mark (f, "BETA", IUM_UPGRADE_IN_PROGRESS);
  mark (f, "BETA", IUM_UPGRADE_DONE);
  mark (f, "GAMMA", IUM_UPGRADE_IN_PROGRESS);
  mark (f, "DELTA", IUM_UPGRADE_IN_PROGRESS);
  mark (f, "DELTA", IUM_UPGRADE_FAILED);

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);
  g_ptr_array_add (checks, check_record ("ZETA", "1.1.0.1", IUM_VERDICT_UPDATE_AVAILABLE, f->now, 2));
  g_ptr_array_add (checks, check_record ("ZETA", "0.9.0.0", IUM_VERDICT_INCOMPATIBLE, f->now, 3));
  g_ptr_array_add (checks, check_record ("ETA", "1.0.0.1", IUM_VERDICT_OK, f->now, 1));
  g_ptr_array_add (checks, check_record ("GAMMA", "1.2.0.1", IUM_VERDICT_UPDATE_AVAILABLE, f->now, 40));
  g_ptr_array_add (checks, check_record ("GAMMA", "1.4.0.0", IUM_VERDICT_CLIENT_NEWER, f->now, 1));
  g_ptr_array_add (checks, check_record (HOSTILE_NAME, "1.0.0.1", IUM_VERDICT_UPDATE_AVAILABLE,
                                         f->now, 1));
  g_assert_true (ium_store_append_checks (f->store, checks, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (ReportFixture *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->now, g_date_time_unref);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static IumReport *
build_report (ReportFixture *f,
              guint    days)
{
  g_autoptr(GError) error = NULL;
  IumReport *report = ium_report_new (f->store, "2.0.0.1", days, f->now, NULL, NULL, NULL,
                                      &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static int
flag_bit (IumStatusFlags flag)
{
  return g_bit_nth_lsf (flag, -1);
}

static void
test_model (ReportFixture *f,
            gconstpointer  data)
{
  g_autoptr(IumReport) report = build_report (f, IUM_REPORT_DEFAULT_DAYS);
  const IumReportSummary *s = ium_report_get_summary (report);
  const IumReportRow *rows, *row;
  const IumReportRow * const *list;
  IumClientSeen * const *clients;
  const IumReportVersionCount *versions;
  const IumReportWave *waves;
  const IumReportDay *days;
  const IumReportUpgrade *upgrades;
  g_autofree char *generated = NULL;
  guint n;

  g_assert_cmpstr (ium_report_get_facility (report), ==, "Test <Facility> & Co");
  g_assert_cmpstr (ium_release_get_version_text (ium_report_get_release (report)), ==, "2.0.0.1");
  g_assert_cmpuint (ium_report_get_days (report), ==, 30);
  generated = g_date_time_format_iso8601 (ium_report_get_generated (report));
  g_assert_cmpstr (generated, ==, NOW);

  g_assert_cmpuint (s->n_instruments, ==, 8);
  g_assert_cmpuint (s->on_release, ==, 2);   /* ALPHA, BETA (upgraded) */
  g_assert_cmpuint (s->newer, ==, 1);        /* EPSILON */
  g_assert_cmpuint (s->older, ==, 4);
  g_assert_cmpuint (s->n_no_release, ==, 1); /* DELTA */
  g_assert_cmpuint (s->by_tier[IUM_TIER_OFFICIAL], ==, 6);
  g_assert_cmpuint (s->by_tier[IUM_TIER_TEST], ==, 1);
  g_assert_cmpuint (s->by_tier[IUM_TIER_INTERNAL], ==, 0);
  g_assert_cmpuint (s->by_flag[flag_bit (IUM_FLAG_UP_TO_DATE)], ==, 4);
  g_assert_cmpuint (s->by_flag[flag_bit (IUM_FLAG_UPDATE_AVAILABLE)], ==, 4);
  g_assert_cmpuint (s->by_flag[flag_bit (IUM_FLAG_TOO_FAR_BEHIND)], ==, 1);
  g_assert_cmpuint (s->by_flag[flag_bit (IUM_FLAG_PARTIAL)], ==, 1);
  g_assert_cmpuint (s->by_flag[flag_bit (IUM_FLAG_CUSTOM)], ==, 1);
  g_assert_cmpuint (s->by_flag[flag_bit (IUM_FLAG_UNSUPPORTED_TIER)], ==, 1);
  g_assert_cmpuint (s->by_flag[flag_bit (IUM_FLAG_PINNED)], ==, 1);
  g_assert_cmpuint (s->by_flag[flag_bit (IUM_FLAG_BUSY)], ==, 1);
  g_assert_cmpuint (s->n_in_rollout, ==, 5);
  g_assert_cmpuint (s->by_state[IUM_UPGRADE_DONE], ==, 1);
  g_assert_cmpuint (s->by_state[IUM_UPGRADE_FAILED], ==, 1);
  g_assert_cmpuint (s->by_state[IUM_UPGRADE_IN_PROGRESS], ==, 1);
  g_assert_cmpuint (s->by_state[IUM_UPGRADE_PLANNED], ==, 2);
  g_assert_cmpuint (s->n_unscheduled, ==, 0);
  g_assert_cmpuint (s->n_outdated_clients, ==, 2);
  g_assert_cmpuint (s->n_incompatible_clients, ==, 1);
  g_assert_cmpuint (s->n_instruments_with_clients, ==, 2);

  /* Rows by name (strcmp: '<' sorts before letters). */
  rows = ium_report_get_rows (report, &n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpstr (rows[0].name, ==, HOSTILE_NAME);
  g_assert_cmpstr (rows[0].site, ==, HOSTILE_SITE);
  g_assert_cmpuint (rows[0].n_outdated_clients, ==, 1);
  g_assert_null (rows[0].upgrade); /* pinned to another release: skipped by the planner */
  g_assert_cmpstr (rows[1].name, ==, "ALPHA");

  row = ium_report_lookup_row (report, "BETA");
  g_assert_nonnull (row);
  g_assert_cmpstr (ium_release_get_version_text (row->release), ==, "2.0.0.1");
  g_assert_nonnull (row->upgrade);
  g_assert_cmpint (row->upgrade->upgrade->state, ==, IUM_UPGRADE_DONE);
  g_assert_cmpstr (row->upgrade->rollout->name, ==, "r1");
  g_assert_true (row->upgrade->scheduled);
  g_assert_cmpint (row->upgrade->start, ==, JAN7 + 8 * 3600); /* 2030-01-07 08:00 UTC */

  row = ium_report_lookup_row (report, "GAMMA");
  g_assert_cmpstr (ium_release_get_version_text (row->release), ==, "1.3.0.1");
  g_assert_cmpuint (row->n_hosts, ==, 2);
  g_assert_cmpstr (ium_release_get_version_text (row->hosts[0].release), ==, "2.0.0.1");
  g_assert_cmpstr (ium_release_get_version_text (row->hosts[1].release), ==, "1.3.0.1");
  g_assert_cmpuint (row->n_outdated_clients, ==, 0); /* its check is older than 30 days */

  row = ium_report_lookup_row (report, "ZETA");
  g_assert_cmpuint (row->n_outdated_clients, ==, 1);
  g_assert_cmpuint (row->n_incompatible_clients, ==, 1);
  g_assert_cmpuint (row->behind, ==, 1);
  g_assert_null (ium_report_lookup_row (report, "NOSUCH"));

  list = ium_report_get_too_far_behind (report, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (list[0]->name, ==, "ETA");
  g_assert_cmpuint (list[0]->behind, ==, 4);
  list = ium_report_get_unsupported_tier (report, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (list[0]->name, ==, "EPSILON");
  list = ium_report_get_partial (report, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (list[0]->name, ==, "GAMMA");
  list = ium_report_get_custom (report, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (list[0]->name, ==, "DELTA");
  g_assert_null (list[0]->release);
  g_assert_null (list[0]->hosts[0].release);

  /* Clients: by instrument, incompatible first; ok and client-newer are left out. */
  clients = ium_report_get_clients (report, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (clients[0]->instrument, ==, HOSTILE_NAME);
  g_assert_cmpstr (clients[1]->instrument, ==, "ZETA");
  g_assert_cmpint (clients[1]->status, ==, IUM_VERDICT_INCOMPATIBLE);
  g_assert_cmpint (clients[2]->status, ==, IUM_VERDICT_UPDATE_AVAILABLE);

  /* Newest release first; the custom instrument last. */
  versions = ium_report_get_versions (report, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (ium_release_get_version_text (versions[0].release), ==, "2.1.0.1");
  g_assert_cmpstr (ium_release_get_version_text (versions[1].release), ==, "2.0.0.1");
  g_assert_cmpuint (versions[1].n_instruments, ==, 2);
  g_assert_cmpstr (ium_release_get_version_text (versions[2].release), ==, "1.3.0.1");
  g_assert_cmpuint (versions[2].n_instruments, ==, 2);
  g_assert_null (versions[5].release);
  g_assert_cmpuint (versions[5].n_instruments, ==, 1);

  /* Timeline: one wave over two maintenance days, eight days in all. */
  ium_report_get_rollouts (report, &n);
  g_assert_cmpuint (n, ==, 1);
  waves = ium_report_get_waves (report, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (waves[0].wave, ==, 1);
  g_assert_cmpuint (waves[0].n_upgrades, ==, 5);
  g_assert_cmpint (waves[0].start, ==, JAN7 + 8 * 3600);
  g_assert_cmpint (waves[0].end, ==, JAN7 + 7 * 86400 + 12 * 3600);
  days = ium_report_get_timeline (report, &n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpint (days[0].day, ==, JAN7);
  g_assert_cmpuint (days[0].by_state[IUM_UPGRADE_DONE], ==, 1);
  g_assert_cmpuint (days[0].by_state[IUM_UPGRADE_FAILED], ==, 1);
  g_assert_cmpuint (days[0].by_state[IUM_UPGRADE_PLANNED], ==, 1);
  g_assert_cmpuint (days[3].by_state[IUM_UPGRADE_PLANNED], ==, 0);
  g_assert_cmpuint (days[7].by_state[IUM_UPGRADE_IN_PROGRESS], ==, 1);
  g_assert_cmpuint (days[7].by_state[IUM_UPGRADE_PLANNED], ==, 1);
  upgrades = ium_report_get_upgrades (report, &n);
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (upgrades[i - 1].start, <=, upgrades[i].start);
}

/* The client window moves with --days and with "now". */
static void
test_days (ReportFixture *f,
           gconstpointer  data)
{
  g_autoptr(IumReport) one = build_report (f, 1);
  g_autoptr(IumReport) sixty = build_report (f, 60);

  /* One day: only the checks of yesterday (the hostile instrument's). */
  g_assert_cmpuint (ium_report_get_summary (one)->n_outdated_clients, ==, 1);
  g_assert_cmpuint (ium_report_get_summary (one)->n_incompatible_clients, ==, 0);
  /* Sixty days: GAMMA's older check too. */
  g_assert_cmpuint (ium_report_get_summary (sixty)->n_outdated_clients, ==, 3);
  g_assert_cmpuint (ium_report_lookup_row (sixty, "GAMMA")->n_outdated_clients, ==, 1);
}

/* The strings of hand-made rollouts live in one chunk, freed with the test. */
static GStringChunk *strings;

static IumRolloutUpgrade *
upgrade_new (const char      *instrument,
             IumUpgradeState  state,
             const char      *updated,
             const char      *start)
{
  IumRolloutUpgrade *upgrade = g_new0 (IumRolloutUpgrade, 1);

  upgrade->instrument = g_string_chunk_insert_const (strings, instrument);
  upgrade->wave = 1;
  upgrade->state = state;
  upgrade->updated = g_string_chunk_insert_const (strings, updated);
  upgrade->start = start ? g_string_chunk_insert_const (strings, start) : NULL;
  upgrade->end = upgrade->start;
  upgrade->who = g_string_chunk_insert_const (strings, "tester");
  return upgrade;
}

static IumRollout *
rollout_new (const char *name,
             const char *release)
{
  IumRollout *rollout = g_new0 (IumRollout, 1);

  /* ium_rollout_free() frees these, so they are not in the chunk. */
  rollout->name = g_strdup (name);
  rollout->release = g_strdup (release);
  rollout->created = g_strdup ("2030-01-01T00:00:00Z");
  rollout->who = g_strdup ("tester");
  rollout->upgrades = g_ptr_array_new_with_free_func (g_free);
  return rollout;
}

/* Several rollouts of one release: the upgrade whose state changed last wins, then the one
 * further along; rollouts of other releases and unknown instruments are left out. */
static void
test_merge (ReportFixture *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IumInventory) inventory = ium_store_load (f->store, &error);
  g_autoptr(IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr(GPtrArray) rollouts = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_rollout_free);
  g_autoptr(IumReport) report = NULL;
  IumRollout *a, *b, *c, *d;
  const IumRollout * const *kept;
  const IumReportRow *row;
  guint n;

  strings = g_string_chunk_new (256);

  b = rollout_new ("b", "v2.0.0.1"); /* another spelling of 2.0.0.1 */
  g_ptr_array_add (b->upgrades, upgrade_new ("ETA", IUM_UPGRADE_IN_PROGRESS, "2030-01-02T00:00:00Z",
                                             "2030-01-07T08:00:00Z"));
  g_ptr_array_add (b->upgrades, upgrade_new ("ZETA", IUM_UPGRADE_PLANNED, "2030-01-04T00:00:00Z",
                                             "2030-01-21T08:00:00Z"));
  g_ptr_array_add (b->upgrades, upgrade_new ("GAMMA", IUM_UPGRADE_PLANNED, "2030-01-03T00:00:00Z",
                                             NULL));
  g_ptr_array_add (rollouts, b);
  a = rollout_new ("a", "2.0.0.1");
  g_ptr_array_add (a->upgrades, upgrade_new ("ETA", IUM_UPGRADE_PLANNED, "2030-01-01T00:00:00Z",
                                             "2030-01-14T08:00:00Z"));
  g_ptr_array_add (a->upgrades, upgrade_new ("ZETA", IUM_UPGRADE_DONE, "2030-01-05T00:00:00Z",
                                             "2030-01-07T08:00:00Z"));
  g_ptr_array_add (a->upgrades, upgrade_new ("GAMMA", IUM_UPGRADE_FAILED, "2030-01-03T00:00:00Z",
                                             "2030-01-07T08:00:00Z"));
  g_ptr_array_add (rollouts, a);
  c = rollout_new ("c", "1.3.0.1");
  g_ptr_array_add (c->upgrades, upgrade_new ("ALPHA", IUM_UPGRADE_DONE, "2030-01-09T00:00:00Z",
                                             "2030-01-07T08:00:00Z"));
  g_ptr_array_add (rollouts, c);
  d = rollout_new ("d", "2.0.0.1");
  g_ptr_array_add (d->upgrades, upgrade_new ("NOSUCH", IUM_UPGRADE_DONE, "2030-01-09T00:00:00Z",
                                             "2030-01-07T08:00:00Z"));
  g_ptr_array_add (rollouts, d);

  report = ium_report_new_for_fleet (fleet, "2.0.0.1", rollouts, NULL, 30, f->now, NULL, NULL,
                                     NULL, &error);
  g_assert_no_error (error);

  kept = ium_report_get_rollouts (report, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (kept[0]->name, ==, "a");
  g_assert_cmpstr (kept[1]->name, ==, "b");
  g_assert_cmpstr (kept[2]->name, ==, "d");
  ium_report_get_upgrades (report, &n);
  g_assert_cmpuint (n, ==, 3);

  row = ium_report_lookup_row (report, "ETA");   /* b's state changed last */
  g_assert_cmpstr (row->upgrade->rollout->name, ==, "b");
  g_assert_cmpint (row->upgrade->upgrade->state, ==, IUM_UPGRADE_IN_PROGRESS);
  row = ium_report_lookup_row (report, "ZETA");  /* a's done is newer than b's plan */
  g_assert_cmpstr (row->upgrade->rollout->name, ==, "a");
  g_assert_cmpint (row->upgrade->upgrade->state, ==, IUM_UPGRADE_DONE);
  row = ium_report_lookup_row (report, "GAMMA"); /* a tie: failed is further than planned */
  g_assert_cmpstr (row->upgrade->rollout->name, ==, "a");
  g_assert_cmpint (row->upgrade->upgrade->state, ==, IUM_UPGRADE_FAILED);
  g_assert_null (ium_report_lookup_row (report, "ALPHA")->upgrade);

  /* Two rollouts give two waves numbered 1. */
  ium_report_get_waves (report, &n);
  g_assert_cmpuint (n, ==, 2);

  g_clear_object (&report);
  g_clear_pointer (&rollouts, g_ptr_array_unref);
  g_clear_pointer (&strings, g_string_chunk_free);
}

static void
test_errors (ReportFixture *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  IumReport *report;
  IumReportFormat format;

  report = ium_report_new (f->store, "9.9", 30, f->now, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_UNKNOWN_RELEASE);
  g_assert_nonnull (strstr (error->message, "“9.9”"));
  g_assert_nonnull (strstr (error->message, "2.0.0.1")); /* the newest official one */
  g_clear_error (&error);

  report = ium_report_new (f->store, "not a version", 30, f->now, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_UNKNOWN_RELEASE);
  g_clear_error (&error);

  report = ium_report_new (f->store, "2.0.0.1", 0, f->now, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  report = ium_report_new (f->store, "2.0.0.1", IUM_REPORT_MAX_DAYS + 1, f->now, NULL, NULL,
                           NULL, &error);
  g_assert_null (report);
  g_assert_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  report = ium_report_new (f->store, "2.0.0.1", 30, f->now, cancellable, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (ium_report_format_from_string ("docx", &format, &error));
  g_assert_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "docx"));
  g_clear_error (&error);
  g_assert_true (ium_report_format_from_string ("md", &format, &error));
  g_assert_cmpint (format, ==, IUM_REPORT_FORMAT_MARKDOWN);
  g_assert_cmpstr (ium_report_format_to_string (IUM_REPORT_FORMAT_PDF), ==, "pdf");
  g_assert_true (ium_report_format_is_binary (IUM_REPORT_FORMAT_PDF));
  g_assert_false (ium_report_format_is_binary (IUM_REPORT_FORMAT_CSV));
}

typedef struct
{
  GArray  *fractions; /* of double */
  GThread *thread;    /* where the calls came from */
  gboolean other_thread;
} Progress;

static void
progress_cb (double      fraction,
             const char *stage,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_nonnull (stage);
  g_array_append_val (progress->fractions, fraction);
  progress->other_thread |= g_thread_self () != progress->thread;
}

static void
assert_progress (Progress *progress)
{
  g_assert_cmpuint (progress->fractions->len, >=, 3);
  for (guint i = 1; i < progress->fractions->len; i++)
    g_assert_cmpfloat (g_array_index (progress->fractions, double, i - 1), <=,
                       g_array_index (progress->fractions, double, i));
  g_assert_cmpfloat (g_array_index (progress->fractions, double, 0), >=, 0.0);
  g_assert_cmpfloat (g_array_index (progress->fractions, double, progress->fractions->len - 1),
                     ==, 1.0);
}

static void
test_progress (ReportFixture *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IumReport) report = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, g_thread_self (), FALSE };

  report = ium_report_new (f->store, "2.0.0.1", 30, f->now, NULL, progress_cb, &progress, &error);
  g_assert_no_error (error);
  assert_progress (&progress);
  g_assert_false (progress.other_thread);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  IumReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ium_report_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
async_failed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **out = user_data;
  IumReport *report = ium_report_new_finish (result, out);

  g_assert_null (report);
}

typedef struct
{
  Progress *progress;
  gboolean  freed;
  gboolean  other_thread;
} FreeCheck;

static void
free_check_progress_cb (double      fraction,
                        const char *stage,
                        gpointer    user_data)
{
  progress_cb (fraction, stage, ((FreeCheck *) user_data)->progress);
}

static void
free_progress_data (gpointer data)
{
  FreeCheck *check = data;

  check->freed = TRUE;
  check->other_thread |= g_thread_self () != check->progress->thread;
}

/* Built on a worker thread with its own connection; progress and the result arrive on the
 * caller's main context. */
static void
test_async (ReportFixture *f,
            gconstpointer  data)
{
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, g_thread_self (), FALSE };
  g_autoptr(IumReport) report = NULL;
  g_autoptr(IumReport) direct = build_report (f, 30);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FreeCheck check = { &progress, FALSE, FALSE };

  ium_report_new_async (f->db, "2.0.0.1", 30, f->now, NULL, progress_cb, &progress, NULL,
                        async_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* Messages queued before the result are delivered before it. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  assert_progress (&progress);
  g_assert_false (progress.other_thread);
  g_assert_cmpmem (ium_report_get_summary (report), sizeof (IumReportSummary),
                   ium_report_get_summary (direct), sizeof (IumReportSummary));

  /* Cancelled before it starts: an error, and the progress data is still freed, on this
   * thread. */
  g_cancellable_cancel (cancellable);
  ium_report_new_async (f->db, "2.0.0.1", 30, f->now, cancellable, free_check_progress_cb,
                        &check, free_progress_data, async_failed_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  while (!check.freed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (check.other_thread);
}

static GBytes *
render (IumReport       *report,
        IumReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ium_report_render (report, format, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static char *
render_text (IumReport       *report,
             IumReportFormat  format)
{
  g_autoptr(GBytes) bytes = render (report, format);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (g_utf8_validate (data, (gssize) length, NULL));
  return g_strndup (data, length);
}

static void
assert_counts (const ReportCounts     *counts,
               const IumReportSummary *s,
               const char             *format)
{
  ReportCounts expected = { s->n_instruments };

  memcpy (expected.flags, s->by_flag, sizeof expected.flags);
  memcpy (expected.states, s->by_state, sizeof expected.states);
  report_counts_assert_equal (counts, &expected, format);
}

static void
test_csv (ReportFixture *f,
          gconstpointer  data)
{
  g_autoptr(IumReport) report = build_report (f, 30);
  g_autoptr(GBytes) bytes = render (report, IUM_REPORT_FORMAT_CSV);
  g_autoptr(GPtrArray) records = report_read_csv (g_bytes_get_data (bytes, NULL),
                                                  g_bytes_get_size (bytes));
  ReportCounts counts = { 0 };
  char **header = records->pdata[0];
  gboolean seen_hostile = FALSE, seen_comma = FALSE, seen_break = FALSE;

  g_assert_cmpuint (g_strv_length (header), ==, 16);
  g_assert_cmpstr (header[0], ==, "instrument");
  g_assert_cmpstr (header[6], ==, "flags");
  g_assert_cmpstr (header[12], ==, "state");
  g_assert_cmpstr (header[15], ==, "incompatible_clients");
  report_counts_from_csv (records, &counts);
  assert_counts (&counts, ium_report_get_summary (report), "the CSV report");

  for (guint i = 1; i < records->len; i++)
    {
      char **record = records->pdata[i];

      seen_hostile |= g_str_equal (record[0], HOSTILE_NAME) && g_str_equal (record[1], HOSTILE_SITE);
      seen_comma |= g_str_equal (record[1], "North, Hall");
      seen_break |= g_str_equal (record[1], "Line\nbreak");
      if (g_str_equal (record[0], "BETA"))
        {
          g_assert_cmpstr (record[2], ==, "2.0.0.1");
          g_assert_cmpstr (record[7], ==, "r1");
          g_assert_cmpstr (record[8], ==, "1");
          g_assert_cmpstr (record[9], ==, "2030-01-07T08:00:00Z");
          g_assert_cmpstr (record[11], ==, "Maintenance");
        }
      if (g_str_equal (record[0], "DELTA"))
        {
          g_assert_cmpstr (record[2], ==, ""); /* custom: no release, no tier */
          g_assert_cmpstr (record[3], ==, "");
        }
      if (g_str_equal (record[0], "ZETA"))
        {
          g_assert_cmpstr (record[14], ==, "1");
          g_assert_cmpstr (record[15], ==, "1");
        }
    }
  g_assert_true (seen_hostile);
  g_assert_true (seen_comma);
  g_assert_true (seen_break);
}

static void
test_json (ReportFixture *f,
           gconstpointer  data)
{
  g_autoptr(IumReport) report = build_report (f, 30);
  g_autofree char *text = render_text (report, IUM_REPORT_FORMAT_JSON);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const IumReportSummary *s = ium_report_get_summary (report);
  JsonObject *root, *summary, *flags, *states, *release, *first;
  JsonArray *instruments;
  ReportCounts counts = { 0 };

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "ium-report");
  g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "facility"), ==, "Test <Facility> & Co");
  g_assert_cmpstr (json_object_get_string_member (root, "generated"), ==, NOW);
  g_assert_cmpint (json_object_get_int_member (root, "days"), ==, 30);
  release = json_object_get_object_member (root, "release");
  g_assert_cmpstr (json_object_get_string_member (release, "version"), ==, "2.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (release, "tier"), ==, "official");

  summary = json_object_get_object_member (root, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "instruments"), ==, s->n_instruments);
  g_assert_cmpint (json_object_get_int_member (summary, "on_release"), ==, s->on_release);
  g_assert_cmpint (json_object_get_int_member (summary, "incompatible_clients"), ==, 1);
  flags = json_object_get_object_member (summary, "flags");
  g_assert_cmpint (json_object_get_size (flags), ==, IUM_N_STATUS_FLAGS);
  g_assert_cmpint (json_object_get_int_member (flags, "too-far-behind"), ==, 1);
  states = json_object_get_object_member (summary, "states");
  g_assert_cmpint (json_object_get_int_member (states, "in-progress"), ==, 1);

  instruments = json_object_get_array_member (root, "instruments");
  report_counts_from_json (root, &counts);
  assert_counts (&counts, s, "the JSON report");
  first = json_array_get_object_element (instruments, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, HOSTILE_NAME);
  g_assert_cmpstr (json_object_get_string_member (first, "site"), ==, HOSTILE_SITE);
  g_assert_true (json_object_get_null_member (first, "rollout"));

  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "clients")), ==, 3);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "partial")), ==, 1);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (
                     json_object_get_object_member (root, "timeline"), "days")), ==, 8);
}

static void
test_html (ReportFixture *f,
           gconstpointer  data)
{
  g_autoptr(IumReport) report = build_report (f, 30);
  g_autofree char *html = render_text (report, IUM_REPORT_FORMAT_HTML);
  ReportCounts counts = { 0 };

  /* Self-contained: no external style sheet, script or image. */
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "src="));
  g_assert_nonnull (strstr (html, "@media print"));
  g_assert_cmpuint (report_count_occurrences (html, "<svg "), ==, 3);

  /* Every value escaped: the hostile name and site, the facility and the release notes. */
  g_assert_null (strstr (html, "alert(1)</script>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "&quot;&amp;&#39;&lt;&gt;"));
  g_assert_null (strstr (html, "\"&'<>"));
  g_assert_nonnull (strstr (html, "Test &lt;Facility&gt; &amp; Co"));
  g_assert_null (strstr (html, "<b>markup</b>"));

  report_counts_from_html (html, &counts);
  assert_counts (&counts, ium_report_get_summary (report), "the HTML report");
}

static void
test_markdown (ReportFixture *f,
               gconstpointer  data)
{
  g_autoptr(IumReport) report = build_report (f, 30);
  g_autofree char *md = render_text (report, IUM_REPORT_FORMAT_MARKDOWN);
  ReportCounts counts = { 0 };

  g_assert_true (g_str_has_prefix (md, "# Release report: 2.0.0.1\n"));
  /* No raw HTML gets through, and the table survives a pipe or a line break in a value. */
  g_assert_null (strstr (md, "<script>"));
  g_assert_nonnull (strstr (md, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_null (strstr (md, "<b>"));
  g_assert_nonnull (strstr (md, "Line break"));

  report_counts_from_markdown (md, &counts);
  assert_counts (&counts, ium_report_get_summary (report), "the Markdown report");
}

/* Writes @pdf to @name in the fixture's folder and reads it back with pdftotext. */
static char *
pdf_to_text (ReportFixture    *f,
             GBytes     *pdf,
             const char *name,
             gboolean    raw)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      (gssize) g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  return report_pdf_to_text (path, raw);
}

static void
test_pdf (ReportFixture *f,
          gconstpointer  data)
{
  g_autoptr(IumReport) report = build_report (f, 30);
  g_autoptr(GBytes) pdf = render (report, IUM_REPORT_FORMAT_PDF);
  g_autofree char *text = pdf_to_text (f, pdf, "report.pdf", FALSE);
  g_autofree char *raw = pdf_to_text (f, pdf, "report.pdf", TRUE);
  g_autoptr(GArray) figures = report_pdf_figures (text);
  g_autoptr(IumReportPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  const IumReportSummary *s = ium_report_get_summary (report);
  const IumReportRow *rows;
  guint n, n_pages, k = 0;
  g_autofree char *last = NULL;
  g_autofree char *compact = NULL;

  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
  pages = ium_report_pages_new (report, IUM_REPORT_PAGE_A4_WIDTH, IUM_REPORT_PAGE_A4_HEIGHT,
                                NULL, &error);
  g_assert_no_error (error);
  n_pages = ium_report_pages_get_n_pages (pages);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpuint (report_count_occurrences (text, "\f"), ==, n_pages);
  last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_nonnull (strstr (text, last));
  g_assert_nonnull (strstr (text, "Release report 2.0.0.1"));
  g_assert_nonnull (strstr (text, "Test <Facility> & Co"));

  /* Every instrument is in the table; a long name may wrap in its cell. */
  rows = ium_report_get_rows (report, &n);
  compact = report_without_spaces (raw);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (strstr (compact, rows[i].name));

  /* All the figures, row by row: releases, tiers, flags, rollout, clients. */
  g_assert_cmpuint (figures->len, ==, 29);
#define NEXT() g_array_index (figures, guint, k++)
  g_assert_cmpuint (NEXT (), ==, s->n_instruments);
  g_assert_cmpuint (NEXT (), ==, s->on_release);
  g_assert_cmpuint (NEXT (), ==, s->newer);
  g_assert_cmpuint (NEXT (), ==, s->older);
  g_assert_cmpuint (NEXT (), ==, s->n_no_release);
  for (guint t = 0; t <= IUM_TIER_INTERNAL; t++)
    g_assert_cmpuint (NEXT (), ==, s->by_tier[t]);
  g_assert_cmpuint (NEXT (), ==, s->n_no_release);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    g_assert_cmpuint (NEXT (), ==, s->by_flag[bit]);
  g_assert_cmpuint (NEXT (), ==, s->n_in_rollout);
  g_assert_cmpuint (NEXT (), ==, s->n_instruments - s->n_in_rollout);
  g_assert_cmpuint (NEXT (), ==, s->n_unscheduled);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_DONE]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_IN_PROGRESS]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_FAILED]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_ROLLED_BACK]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_SKIPPED]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_PLANNED]);
  g_assert_cmpuint (NEXT (), ==, s->n_outdated_clients);
  g_assert_cmpuint (NEXT (), ==, s->n_incompatible_clients);
  g_assert_cmpuint (NEXT (), ==, s->n_instruments_with_clients);
#undef NEXT

  g_assert_cmpint (ium_report_pages_get_section_page (pages, "too-far-behind"), ==, 1);
  g_assert_cmpint (ium_report_pages_get_section_page (pages, "instruments"), <=,
                   ium_report_pages_get_section_page (pages, "figures"));
  g_assert_cmpint (ium_report_pages_get_section_page (pages, "figures"), <, (int) n_pages);
  g_assert_cmpint (ium_report_pages_get_section_page (pages, "nosuch"), ==, -1);
}

/* A report long enough to break its tables across pages: every page of the instrument
 * table repeats the header, and the page count is what the layout said. */
static void
test_pages (ReportFixture *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IumInventory) inventory = ium_store_load (f->store, &error);
  g_autoptr(IumFleet) fleet = NULL;
  g_autoptr(IumReport) report = NULL;
  g_autoptr(IumReportPages) pages = NULL;
  g_autoptr(IumReportPages) small = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) page_texts = NULL;
  guint n_pages, n_continued = 0;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("LONG%03u", i);
      g_autoptr(IumInstrument) instrument = ium_instrument_new (name);
      g_autoptr(IumHost) host = ium_host_new ("h", "control");

      ium_host_set_installed (host, "ibex-server", i % 2 ? "1.0.0.1" : "1.3.0.1");
      ium_instrument_add_host (instrument, host);
      ium_inventory_put_instrument (inventory, instrument);
    }
  fleet = ium_fleet_new (inventory);
  report = ium_report_new_for_fleet (fleet, "2.0.0.1", NULL, NULL, 30, f->now, NULL, NULL, NULL,
                                     &error);
  g_assert_no_error (error);

  pages = ium_report_pages_new (report, IUM_REPORT_PAGE_A4_WIDTH, IUM_REPORT_PAGE_A4_HEIGHT,
                                NULL, &error);
  g_assert_no_error (error);
  n_pages = ium_report_pages_get_n_pages (pages);
  g_assert_cmpuint (n_pages, >, 8);

  pdf = render (report, IUM_REPORT_FORMAT_PDF);
  text = pdf_to_text (f, pdf, "long.pdf", FALSE);
  page_texts = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (page_texts), ==, n_pages + 1); /* after the last \f: "" */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, n_pages);
      g_assert_nonnull (strstr (page_texts[p], number));
      if (strstr (page_texts[p], "Every instrument (continued)") != NULL)
        {
          n_continued++;
          g_assert_nonnull (strstr (page_texts[p], "INSTRUMENT"));
          g_assert_nonnull (strstr (page_texts[p], "PLANNED (UTC)"));
        }
    }
  g_assert_cmpuint (n_continued, >=, 5);

  /* A letter-sized page lays out too; a stamp-sized one is refused. */
  small = ium_report_pages_new (report, 612, 792, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&small);
  small = ium_report_pages_new (report, 100, 100, NULL, &error);
  g_assert_null (small);
  g_assert_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID);
}

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  guint *n_elements = user_data;

  (*n_elements)++;
}

static void
test_charts (ReportFixture *f,
             gconstpointer  data)
{
  g_autoptr(IumReport) report = build_report (f, 30);
  g_autoptr(GError) error = NULL;

  for (IumReportChart chart = 0; chart < IUM_REPORT_N_CHARTS; chart++)
    {
      g_autofree char *svg = NULL;
      double width, height;
      cairo_surface_t *surface;
      cairo_t *cr;
      guint n_elements = 0, n_coloured = 0;
      GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
      g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0,
                                                                          &n_elements, NULL);

      ium_report_chart_get_size_hint (chart, &width, &height);

      /* The SVG is well-formed XML with its title and some shapes. */
      svg = ium_report_chart_to_svg (report, chart, width, height);
      g_assert_true (g_markup_parse_context_parse (context, svg, -1, &error));
      g_assert_no_error (error);
      g_assert_true (g_markup_parse_context_end_parse (context, &error));
      g_assert_cmpuint (n_elements, >, 10);
      g_assert_nonnull (strstr (svg, ium_report_chart_get_title (chart)));
      g_assert_null (strstr (svg, "nan"));

      /* Drawn with cairo: coloured pixels, not just white and grey. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      ium_report_chart_draw (report, chart, cr, width, height);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      for (int y = 0; y < (int) height; y++)
        {
          const guint32 *line = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (surface) +
                                                                   y * cairo_image_surface_get_stride (surface));
          for (int x = 0; x < (int) width; x++)
            {
              guint r = (line[x] >> 16) & 0xff, g = (line[x] >> 8) & 0xff, b = line[x] & 0xff;
              n_coloured += MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 60;
            }
        }
      g_assert_cmpuint (n_coloured, >, 100);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  /* The status chart shows the numbers of the summary. */
  {
    g_autofree char *svg = ium_report_chart_to_svg (report, IUM_REPORT_CHART_STATUS, 246, 196);
    g_assert_nonnull (strstr (svg, "Too far behind"));
    g_assert_nonnull (strstr (svg, ">4</text>")); /* up to date, update available */
  }
}

/* A release without a rollout: the timeline says so instead of drawing an empty axis. */
static void
test_no_rollout (ReportFixture *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IumReport) report = ium_report_new (f->store, "V1.3.0.1", 30, f->now, NULL, NULL, NULL,
                                                &error);
  g_autofree char *svg = NULL;
  g_autofree char *md = NULL;
  guint n;

  g_assert_no_error (error);
  g_assert_cmpstr (ium_release_get_version_text (ium_report_get_release (report)), ==, "1.3.0.1");
  ium_report_get_rollouts (report, &n);
  g_assert_cmpuint (n, ==, 0);
  ium_report_get_timeline (report, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (ium_report_get_summary (report)->on_release, ==, 2);
  svg = ium_report_chart_to_svg (report, IUM_REPORT_CHART_TIMELINE, 499, 190);
  g_assert_nonnull (strstr (svg, "No rollout of 1.3.0.1 is saved"));
  md = render_text (report, IUM_REPORT_FORMAT_MARKDOWN);
  g_assert_nonnull (strstr (md, "No rollout of 1.3.0.1 is saved"));
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

/* Saving replaces the file atomically; a failed save leaves no partial file and the old one
 * as it was. */
static void
test_save (ReportFixture *f,
           gconstpointer  data)
{
  g_autoptr(IumReport) report = build_report (f, 30);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "report.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing", "report.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GBytes) expected = render (report, IUM_REPORT_FORMAT_CSV);
  GStatBuf st;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  g_assert_true (ium_report_save (report, IUM_REPORT_FORMAT_CSV, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpmem (contents, strlen (contents), g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* Cancelled while rendering: the old file stays as it was, nothing else appears. */
  g_cancellable_cancel (cancellable);
  g_assert_false (ium_report_save (report, IUM_REPORT_FORMAT_PDF, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "instrument,site,"));
  names = list_dir (out_dir);
  g_assert_cmpuint (names->len, ==, 1);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* A folder that does not exist: an error, and no file. */
  g_assert_false (ium_report_save (report, IUM_REPORT_FORMAT_HTML, missing, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* Over a folder: an error, the folder untouched and no temporary file left beside it. */
  g_assert_false (ium_report_save (report, IUM_REPORT_FORMAT_HTML, out_dir, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (out_dir, G_FILE_TEST_IS_DIR));
  names = list_dir (f->dir);
  for (guint i = 0; i < names->len; i++)
    g_assert_false (g_str_has_prefix (names->pdata[i], "out."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, ReportFixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ium/report/model", test_model);
  ADD ("/ium/report/days", test_days);
  ADD ("/ium/report/merge", test_merge);
  ADD ("/ium/report/errors", test_errors);
  ADD ("/ium/report/progress", test_progress);
  ADD ("/ium/report/async", test_async);
  ADD ("/ium/report/csv", test_csv);
  ADD ("/ium/report/json", test_json);
  ADD ("/ium/report/html", test_html);
  ADD ("/ium/report/markdown", test_markdown);
  ADD ("/ium/report/pdf", test_pdf);
  ADD ("/ium/report/pages", test_pages);
  ADD ("/ium/report/charts", test_charts);
  ADD ("/ium/report/no-rollout", test_no_rollout);
  ADD ("/ium/report/save", test_save);
#undef ADD

  return g_test_run ();
}
