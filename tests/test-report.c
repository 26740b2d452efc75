/* test-report.c: the release report's model, built from an inventory, a rollout part way
 * through and the client check log; the client window; how rollouts merge; errors,
 * cancelling and progress; building on a worker thread; saving atomically; text drawn from
 * glyphs. The formats are read back in test-report-formats.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-report"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ium-report.h"
#include "ium-report-chart.h"
#include "ium-report-draw.h"
#include "ium-rollouts.h"

#include "ium-test-report.h"

static int
flag_bit (IumStatusFlags flag)
{
  return g_bit_nth_lsf (flag, -1);
}

static void
test_model (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) report = report_fixture_build (f, IUM_REPORT_DEFAULT_DAYS);
  const IumReportSummary      *s = ium_report_get_summary (report);
  const IumReportRow          *rows, *row;
  const IumReportRow *const   *list;
  IumClientSeen *const        *clients;
  const IumReportVersionCount *versions;
  const IumReportWave         *waves;
  const IumReportDay          *days;
  const IumReportUpgrade      *upgrades;
  g_autofree char             *generated = NULL;
  guint                        n;

  g_assert_cmpstr (ium_report_get_facility (report), ==, "Test <Facility> & Co");
  g_assert_cmpstr (ium_release_get_version_text (ium_report_get_release (report)), ==, "2.0.0.1");
  g_assert_cmpuint (ium_report_get_days (report), ==, 30);
  generated = g_date_time_format_iso8601 (ium_report_get_generated (report));
  g_assert_cmpstr (generated, ==, REPORT_NOW);

  g_assert_cmpuint (s->n_instruments, ==, 8);
  g_assert_cmpuint (s->on_release, ==, 2); /* ALPHA, BETA (upgraded) */
  g_assert_cmpuint (s->newer, ==, 1);      /* EPSILON */
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
  g_assert_cmpstr (rows[0].name, ==, REPORT_HOSTILE_NAME);
  g_assert_cmpstr (rows[0].site, ==, REPORT_HOSTILE_SITE);
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
  g_assert_cmpint (row->upgrade->start, ==, REPORT_JAN7 + 8 * 3600); /* 2030-01-07 08:00 UTC */

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
  g_assert_cmpstr (clients[0]->instrument, ==, REPORT_HOSTILE_NAME);
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
  g_assert_cmpint (waves[0].start, ==, REPORT_JAN7 + 8 * 3600);
  g_assert_cmpint (waves[0].end, ==, REPORT_JAN7 + 7 * 86400 + 12 * 3600);
  days = ium_report_get_timeline (report, &n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpint (days[0].day, ==, REPORT_JAN7);
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
test_days (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) one = report_fixture_build (f, 1);
  g_autoptr (IumReport) sixty = report_fixture_build (f, 60);

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
upgrade_new (const char *instrument, IumUpgradeState state, const char *updated, const char *start)
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
rollout_new (const char *name, const char *release)
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
test_merge (ReportFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = ium_store_load (f->store, &error);
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GPtrArray) rollouts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_rollout_free);
  g_autoptr (IumReport) report = NULL;
  IumRollout              *a, *b, *c, *d;
  const IumRollout *const *kept;
  const IumReportRow      *row;
  guint                    n;

  strings = g_string_chunk_new (256);

  b = rollout_new ("b", "v2.0.0.1"); /* another spelling of 2.0.0.1 */
  g_ptr_array_add (b->upgrades, upgrade_new ("ETA", IUM_UPGRADE_IN_PROGRESS, "2030-01-02T00:00:00Z",
                                             "2030-01-07T08:00:00Z"));
  g_ptr_array_add (b->upgrades, upgrade_new ("ZETA", IUM_UPGRADE_PLANNED, "2030-01-04T00:00:00Z",
                                             "2030-01-21T08:00:00Z"));
  g_ptr_array_add (b->upgrades,
                   upgrade_new ("GAMMA", IUM_UPGRADE_PLANNED, "2030-01-03T00:00:00Z", NULL));
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

  report = ium_report_new_for_fleet (fleet, "2.0.0.1", rollouts, NULL, 30, f->now, NULL, NULL, NULL,
                                     &error);
  g_assert_no_error (error);

  kept = ium_report_get_rollouts (report, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (kept[0]->name, ==, "a");
  g_assert_cmpstr (kept[1]->name, ==, "b");
  g_assert_cmpstr (kept[2]->name, ==, "d");
  ium_report_get_upgrades (report, &n);
  g_assert_cmpuint (n, ==, 3);

  row = ium_report_lookup_row (report, "ETA"); /* b's state changed last */
  g_assert_cmpstr (row->upgrade->rollout->name, ==, "b");
  g_assert_cmpint (row->upgrade->upgrade->state, ==, IUM_UPGRADE_IN_PROGRESS);
  row = ium_report_lookup_row (report, "ZETA"); /* a's done is newer than b's plan */
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
test_errors (ReportFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  IumReport      *report;
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
  report =
    ium_report_new (f->store, "2.0.0.1", IUM_REPORT_MAX_DAYS + 1, f->now, NULL, NULL, NULL, &error);
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
progress_cb (double fraction, const char *stage, gpointer user_data)
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
  g_assert_cmpfloat (g_array_index (progress->fractions, double, progress->fractions->len - 1), ==,
                     1.0);
}

static void
test_progress (ReportFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumReport) report = NULL;
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, g_thread_self (), FALSE };

  report = ium_report_new (f->store, "2.0.0.1", 30, f->now, NULL, progress_cb, &progress, &error);
  g_assert_no_error (error);
  assert_progress (&progress);
  g_assert_false (progress.other_thread);
}

static void
async_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IumReport **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = ium_report_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
async_failed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError   **out = user_data;
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
free_check_progress_cb (double fraction, const char *stage, gpointer user_data)
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
test_async (ReportFixture *f, gconstpointer data)
{
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress progress = { fractions, g_thread_self (), FALSE };
  g_autoptr (IumReport) report = NULL;
  g_autoptr (IumReport) direct = report_fixture_build (f, 30);
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
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
  ium_report_new_async (f->db, "2.0.0.1", 30, f->now, cancellable, free_check_progress_cb, &check,
                        free_progress_data, async_failed_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  while (!check.freed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (check.other_thread);
}

/* A release without a rollout: the timeline says so instead of drawing an empty axis. */
static void
test_no_rollout (ReportFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumReport) report =
    ium_report_new (f->store, "V1.3.0.1", 30, f->now, NULL, NULL, NULL, &error);
  g_autofree char *svg = NULL;
  g_autofree char *md = NULL;
  guint            n;

  g_assert_no_error (error);
  g_assert_cmpstr (ium_release_get_version_text (ium_report_get_release (report)), ==, "1.3.0.1");
  ium_report_get_rollouts (report, &n);
  g_assert_cmpuint (n, ==, 0);
  ium_report_get_timeline (report, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (ium_report_get_summary (report)->on_release, ==, 2);
  svg = ium_report_chart_to_svg (report, IUM_REPORT_CHART_TIMELINE, 499, 190);
  g_assert_nonnull (strstr (svg, "No rollout of 1.3.0.1 is saved"));
  md = report_render_text (report, IUM_REPORT_FORMAT_MARKDOWN);
  g_assert_nonnull (strstr (md, "No rollout of 1.3.0.1 is saved"));
}

/* Table text is drawn from its glyphs; a character that no font has must not vanish, so such
 * a text says so and is drawn through pango (which draws its code in a box). */
static void
test_glyphs (ReportFixture *f, gconstpointer data)
{
  PangoContext *context = ium_report_text_context_new ();
  g_autoptr (PangoLayout) plain =
    ium_report_layout_new (context, "LARMOR 12.3.2.380 – ok", 8, FALSE);
  g_autoptr (PangoLayout) missing = ium_report_layout_new (context, "PUA \xee\x80\x80", 8, FALSE);
  g_autoptr (IumReportBatch) batch = ium_report_batch_new ();
  IumReportGlyphs *glyphs = ium_report_glyphs_new (plain);
  IumReportGlyphs *incomplete = ium_report_glyphs_new (missing);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 40);
  cairo_t         *cr = cairo_create (surface);

  g_assert_true (ium_report_glyphs_is_complete (glyphs));
  g_assert_false (ium_report_glyphs_is_complete (incomplete));

  /* Drawn on an image, both leave ink. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ium_report_batch_add_rect (batch, IUM_REPORT_LAYER_BACKGROUND, 0, 0, 200, 40, 0, 0xffffff);
  ium_report_batch_add_glyphs (batch, glyphs, 2, 2, 0x000000);
  ium_report_batch_add_layout (batch, missing, 2, 20, 0x000000);
  ium_report_batch_flush (batch, cr);
  cairo_surface_flush (surface);
  for (int band = 0; band < 2; band++)
    {
      guint dark = 0;
      for (int y = band * 20; y < band * 20 + 20; y++)
        for (int x = 0; x < 200; x++)
          {
            const guint32 *line =
              (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (surface)
                                                 + y * cairo_image_surface_get_stride (surface));
            dark += (line[x] & 0xff) < 128;
          }
      g_assert_cmpuint (dark, >, 20);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  ium_report_glyphs_free (glyphs);
  ium_report_glyphs_free (incomplete);
  g_clear_object (&plain);
  g_clear_object (&missing);
  g_object_unref (context);
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray  *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

/* Saving replaces the file atomically; a failed save leaves no partial file and the old one
 * as it was. */
static void
test_save (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) report = report_fixture_build (f, 30);
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "report.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing", "report.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GBytes) expected = report_render (report, IUM_REPORT_FORMAT_CSV);
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
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, ReportFixture, NULL, report_fixture_set_up, func, report_fixture_tear_down)
  ADD ("/ium/report/model", test_model);
  ADD ("/ium/report/days", test_days);
  ADD ("/ium/report/merge", test_merge);
  ADD ("/ium/report/errors", test_errors);
  ADD ("/ium/report/progress", test_progress);
  ADD ("/ium/report/async", test_async);
  ADD ("/ium/report/no-rollout", test_no_rollout);
  ADD ("/ium/report/save", test_save);
  ADD ("/ium/report/glyphs", test_glyphs);
#undef ADD

  return g_test_run ();
}
