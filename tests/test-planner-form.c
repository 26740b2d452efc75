/* test-planner-form.c: the rollout planner's view-models without a display: the form's
 * defaults, checks and round trip through a saved rollout; the planning job on the demo
 * facility (what the timeline and the list get, the saved states kept, a changed plan
 * noticed); and refusals put into words for the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <glib/gstdio.h>

#include "ium-inventory-file.h"
#include "ium-store.h"
#include "ium-token.h"
#include "rollout/ium-planner-form.h"
#include "rollout/ium-planner-job.h"
#include "rollout/ium-rollout-row.h"
#include "rollout/ium-rollout-text.h"

typedef struct
{
  char         *dir;       /* owned */
  char         *path;      /* owned */
  IumStore     *store;     /* owned */
  IumInventory *inventory; /* owned */
  IumFleet     *fleet;     /* owned */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *demo =
    g_build_filename (g_getenv ("IUM_SOURCE_ROOT"), "data", "demo-inventory.json", NULL);
  g_autofree char *text = NULL;
  gsize            length;

  f->dir = g_dir_make_tmp ("ium-planner-form-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "inventory.db", NULL);
  f->store = ium_store_open (f->path, &error);
  g_assert_no_error (error);
  g_file_get_contents (demo, &text, &length, &error);
  g_assert_no_error (error);
  ium_store_import (f->store, text, length, FALSE, "tester", NULL, &error);
  g_assert_no_error (error);
  f->inventory = ium_store_load (f->store, &error);
  g_assert_no_error (error);
  f->fleet = ium_fleet_new (f->inventory);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->fleet);
  g_clear_object (&f->inventory);
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

static IumPlannerForm *
demo_form (Fixture *f)
{
  g_autoptr (GDateTime) today = g_date_time_new_utc (2026, 12, 1, 10, 30, 0);

  return ium_planner_form_new (f->inventory, today);
}

static void
test_defaults_and_checks (Fixture *f, gconstpointer data)
{
  g_autoptr (IumPlannerForm) form = demo_form (f);
  g_autoptr (IumPlannerFormCheck) good = NULL;

  /* The newest official release, from today, the facility's policy, one wave of all. */
  g_assert_cmpstr (form->release, ==, "12.3.2.380");
  g_assert_cmpstr (form->from, ==, "2026-12-01");
  g_assert_cmpstr (form->until, ==, "");
  g_assert_cmpuint (form->per_day, ==, 3);
  g_assert_cmpuint (form->hours, ==, 4);
  g_assert_cmpuint (form->soak_days, ==, 7);
  g_assert_cmpuint (form->max_failures, ==, 1);
  g_assert_cmpuint (form->waves->len, ==, 0);

  g_ptr_array_add (form->waves, g_strdup ("LARMOR, ZOOM"));
  g_ptr_array_add (form->waves, g_strdup (" rest "));
  form->per_day = 2;
  g_free (form->until);
  form->until = g_strdup ("2027-06-30");
  good = ium_planner_form_check (form, f->inventory);
  g_assert_nonnull (good->request);
  g_assert_null (good->from_error);
  g_assert_cmpuint (good->request->waves->len, ==, 2);
  g_assert_cmpstrv (g_ptr_array_index (good->request->waves, 0),
                    ((const char *[]){ "LARMOR", "ZOOM", NULL }));
  g_assert_cmpuint (good->request->per_day, ==, 2);
  {
    g_autofree char *until = ium_planner_form_format_time (good->request->until, TRUE);
    /* The until date includes its day: the request ends at the next midnight. */
    g_assert_cmpint (g_date_time_get_day_of_month (good->request->until), ==, 1);
    g_assert_cmpstr (until, ==, "2027-06-30");
  }

  /* Each wrong field has its sentence, and there is no request. */
  {
    g_autoptr (IumPlannerForm) bad = ium_planner_form_copy (form);
    g_autoptr (IumPlannerFormCheck) check = NULL;

    g_free (bad->from);
    bad->from = g_strdup ("tomorrow");
    g_free (g_ptr_array_index (bad->waves, 1));
    g_ptr_array_index (bad->waves, 1) = g_strdup (" , ");
    check = ium_planner_form_check (bad, f->inventory);
    g_assert_null (check->request);
    g_assert_nonnull (strstr (check->from_error, "“tomorrow” is not a date"));
    g_assert_nonnull (strstr (check->waves_error, "Wave 2 selects nothing"));
    g_assert_null (check->until_error);
  }
  {
    g_autoptr (IumPlannerForm) bad = ium_planner_form_copy (form);
    g_autoptr (IumPlannerFormCheck) check = NULL;

    g_free (bad->until);
    bad->until = g_strdup ("2026-11-01");
    g_free (bad->release);
    bad->release = g_strdup ("99.0");
    check = ium_planner_form_check (bad, f->inventory);
    g_assert_null (check->request);
    g_assert_nonnull (strstr (check->until_error, "end after it starts"));
    g_assert_nonnull (strstr (check->release_error, "no release 99.0"));
  }
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (IumPlannerForm) form = demo_form (f);
  g_autoptr (IumPlannerFormCheck) check = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autoptr (IumRollout) saved = NULL;
  g_autoptr (IumPlannerForm) back = NULL;
  g_autoptr (IumPlannerForm) spaced = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint            max_failures = 2;

  g_ptr_array_add (form->waves, g_strdup ("tag:sans"));
  g_ptr_array_add (form->waves, g_strdup ("rest"));
  form->max_failures = 2;
  g_free (form->until);
  form->until = g_strdup ("2027-08-31");
  check = ium_planner_form_check (form, f->inventory);
  g_assert_nonnull (check->request);
  plan =
    ium_rollout_replan (f->store, f->fleet, "spring", check->request, &max_failures, NULL, &error);
  g_assert_no_error (error);
  text = ium_plan_request_to_text (check->request);
  ium_rollout_save (f->store, "spring", plan, text, max_failures, "tester", &error);
  g_assert_no_error (error);
  saved = ium_rollout_load (f->store, "spring", &error);
  g_assert_no_error (error);

  /* Opening the saved rollout gives back the form that saved it. */
  back = ium_planner_form_new_from_rollout (f->inventory, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->release, ==, "12.3.2.380");
  g_assert_cmpstr (back->from, ==, "2026-12-01");
  g_assert_cmpstr (back->until, ==, "2027-08-31");
  g_assert_cmpuint (back->max_failures, ==, 2);
  g_assert_true (ium_planner_form_equal (form, back));

  /* The same request in other spellings is the same form; another number is not. */
  spaced = ium_planner_form_copy (back);
  g_free (g_ptr_array_index (spaced->waves, 0));
  g_ptr_array_index (spaced->waves, 0) = g_strdup ("  tag:sans ,");
  g_free (spaced->from);
  spaced->from = g_strdup ("2026-12-01T00:00:00Z");
  g_assert_true (ium_planner_form_equal (spaced, back));
  spaced->per_day = 1;
  g_assert_false (ium_planner_form_equal (spaced, back));
}

static guint
count_kind (IumPlannerResult *result, IumRolloutRowKind kind)
{
  guint n = 0;

  for (guint i = 0; i < result->rows->len; i++)
    n += ium_rollout_row_get_kind (g_ptr_array_index (result->rows, i)) == kind;
  return n;
}

static IumPlannerResult *
plan_form (Fixture *f, IumPlannerForm *form, const IumRollout *saved)
{
  g_autoptr (IumPlannerFormCheck) check = ium_planner_form_check (form, f->inventory);
  g_autoptr (GError) error = NULL;
  IumPlannerResult *result;

  g_assert_nonnull (check->request);
  result = ium_planner_result_compute (f->fleet, check->request, saved, 0, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_job (Fixture *f, gconstpointer data)
{
  g_autoptr (IumPlannerForm) form = demo_form (f);
  g_autoptr (IumPlannerResult) result = NULL;
  g_autoptr (IumPlannerResult) slower = NULL;
  g_autoptr (GHashTable) days = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint n_instruments = g_list_model_get_n_items (ium_inventory_get_instruments (f->inventory));
  guint wave = 0;

  g_ptr_array_add (form->waves, g_strdup ("tag:sans"));
  g_ptr_array_add (form->waves, g_strdup ("rest"));
  result = plan_form (f, form, NULL);

  /* Every instrument is a row of the list, and the timeline has the scheduled and the
   * unscheduled, wave by wave, with the counts the summary shows. */
  g_assert_cmpuint (result->rows->len, ==, n_instruments);
  g_assert_cmpuint (result->n_scheduled, ==, ium_plan_get_upgrades (result->plan)->len);
  g_assert_cmpuint (result->n_unscheduled, ==, ium_plan_get_unscheduled (result->plan)->len);
  g_assert_cmpuint (result->n_skipped, ==, ium_plan_get_skipped (result->plan)->len);
  g_assert_cmpuint (count_kind (result, IUM_ROLLOUT_ROW_SKIPPED), ==, result->n_skipped);
  g_assert_cmpuint (ium_timeline_data_get_n_items (result->timeline), ==,
                    result->n_scheduled + result->n_unscheduled);
  g_assert_cmpuint (ium_timeline_data_get_n_waves (result->timeline), ==, 2);
  for (guint i = 0; i < ium_timeline_data_get_n_items (result->timeline); i++)
    {
      const IumTimelineItem *item = ium_timeline_data_get_item (result->timeline, i);
      IumRolloutRow         *row = g_ptr_array_index (result->rows, i);

      g_assert_cmpuint (item->wave, >=, wave);
      wave = item->wave;
      g_assert_cmpstr (ium_rollout_row_get_instrument (row), ==, item->instrument);
      g_assert_cmpuint (ium_rollout_row_get_item (row), ==, i);
      g_assert_cmpint (item->state, ==, IUM_UPGRADE_PLANNED);
    }
  g_assert_false (result->differs);

  /* One upgrade a day: never two on the same UTC day, and the plan takes longer. */
  form->per_day = 1;
  slower = plan_form (f, form, NULL);
  for (guint i = 0; i < ium_plan_get_upgrades (slower->plan)->len; i++)
    {
      IumPlannedUpgrade *upgrade = g_ptr_array_index (ium_plan_get_upgrades (slower->plan), i);
      gint64             day = g_date_time_to_unix (upgrade->start) / 86400;

      g_assert_false (g_hash_table_contains (days, GINT_TO_POINTER (day)));
      g_hash_table_add (days, GINT_TO_POINTER (day));
    }
  {
    gint64 s1, e1, s2, e2;
    ium_timeline_data_get_range (result->timeline, &s1, &e1);
    ium_timeline_data_get_range (slower->timeline, &s2, &e2);
    g_assert_cmpint (e2, >, e1);
  }
}

typedef struct
{
  IumPlannerResult *result;
  GError           *error;
  gboolean          done;
} JobOutcome;

static void
job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JobOutcome *outcome = user_data;

  outcome->result = ium_planner_job_run_finish (result, &outcome->error);
  outcome->done = TRUE;
}

static void
test_job_keeps_states (Fixture *f, gconstpointer data)
{
  g_autoptr (IumPlannerForm) form = demo_form (f);
  g_autoptr (IumPlannerFormCheck) check = ium_planner_form_check (form, f->inventory);
  g_autoptr (IumPlannerResult) first = NULL;
  g_autoptr (IumPlannerResult) again = NULL;
  g_autoptr (IumPlannerResult) changed = NULL;
  g_autoptr (IumRollout) saved = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *started = NULL;
  guint            max_failures = 0;
  guint            index;

  plan = ium_rollout_replan (f->store, f->fleet, "r", check->request, &max_failures, NULL, &error);
  g_assert_no_error (error);
  text = ium_plan_request_to_text (check->request);
  ium_rollout_save (f->store, "r", plan, text, max_failures, "tester", &error);
  g_assert_no_error (error);
  started = g_strdup (
    ((IumPlannedUpgrade *) g_ptr_array_index (ium_plan_get_upgrades (plan), 0))->instrument);
  ium_token_take (f->store, "tester", NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  ium_rollout_mark (f->store, "r", started, IUM_UPGRADE_IN_PROGRESS, NULL, TRUE, "tester", &error);
  g_assert_no_error (error);
  saved = ium_rollout_load (f->store, "r", &error);
  g_assert_no_error (error);

  /* The started upgrade is on the timeline in its state, once; the same form does not
   * differ from what is saved. */
  first = plan_form (f, form, saved);
  index = ium_timeline_data_find (first->timeline, started);
  g_assert_cmpuint (index, !=, G_MAXUINT);
  g_assert_cmpint (ium_timeline_data_get_item (first->timeline, index)->state, ==,
                   IUM_UPGRADE_IN_PROGRESS);
  g_assert_cmpuint (first->n_scheduled + first->n_unscheduled, ==,
                    ium_timeline_data_get_n_items (first->timeline));
  g_assert_cmpuint (first->n_scheduled, ==, ium_plan_get_upgrades (plan)->len);
  g_assert_false (first->differs);
  again = plan_form (f, form, saved);
  g_assert_false (again->differs);

  /* A later start moves what is still planned: the saved rollout is no longer this plan. */
  g_free (form->from);
  form->from = g_strdup ("2027-01-20");
  changed = plan_form (f, form, saved);
  g_assert_true (changed->differs);
  g_assert_cmpint (ium_timeline_data_get_item (changed->timeline,
                                               ium_timeline_data_find (changed->timeline, started))
                     ->state,
                   ==, IUM_UPGRADE_IN_PROGRESS);

  /* The same on a worker thread; and a cancelled job reports that it was cancelled. */
  {
    g_autoptr (IumPlannerFormCheck) threaded_check = ium_planner_form_check (form, f->inventory);
    g_autoptr (IumPlannerFormCheck) cancelled_check = ium_planner_form_check (form, f->inventory);
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    JobOutcome outcome = { NULL, NULL, FALSE }, cancelled = { NULL, NULL, FALSE };

    ium_planner_job_run_async (f->fleet, g_steal_pointer (&threaded_check->request), saved, 0, NULL,
                               job_done_cb, &outcome);
    g_cancellable_cancel (cancellable);
    ium_planner_job_run_async (f->fleet, g_steal_pointer (&cancelled_check->request), saved, 0,
                               cancellable, job_done_cb, &cancelled);
    while (!outcome.done || !cancelled.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (outcome.error);
    g_assert_true (outcome.result->differs);
    g_assert_cmpuint (outcome.result->rows->len, ==, changed->rows->len);
    g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (cancelled.result);
    ium_planner_result_free (outcome.result);
    g_clear_error (&cancelled.error);
  }
}

static void
test_describe_refusals (void)
{
  g_autoptr (GError) refused = g_error_new_literal (IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                                                    "take the deploy token first: ium token take");
  g_autoptr (GError) move = g_error_new_literal (IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID_MOVE,
                                                 "LARMOR cannot move from done to in-progress");
  IumMarkContext context = { "alice",
                             NULL,
                             NULL,
                             "spring",
                             "LARMOR",
                             FALSE,
                             NULL,
                             FALSE,
                             0,
                             IUM_UPGRADE_PLANNED,
                             IUM_UPGRADE_IN_PROGRESS };
  char          *title = NULL, *body = NULL;

  /* Nobody holds the token: take it here, no command line in sight. */
  g_assert_cmpint (ium_describe_mark_error (refused, &context, &title, &body), ==,
                   IUM_MARK_FIX_TAKE_TOKEN);
  g_assert_cmpstr (title, ==, "Take the deploy token first");
  g_assert_nonnull (strstr (body, "Nothing was changed"));
  g_assert_null (strstr (body, "ium token"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  /* Someone else holds it. */
  context.token_holder = "bob";
  context.token_since = "09:14";
  g_assert_cmpint (ium_describe_mark_error (refused, &context, &title, &body), ==,
                   IUM_MARK_FIX_TAKE_TOKEN);
  g_assert_cmpstr (title, ==, "The deploy token is held by bob");
  g_assert_nonnull (strstr (body, "since 09:14"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  /* We hold it, and the instrument is busy: start anyway. */
  context.token_holder = "alice";
  context.busy = TRUE;
  context.busy_note = "Long measurement";
  g_assert_cmpint (ium_describe_mark_error (refused, &context, &title, &body), ==,
                   IUM_MARK_FIX_FORCE);
  g_assert_cmpstr (title, ==, "LARMOR is busy");
  g_assert_nonnull (strstr (body, "“Long measurement”"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  /* Paused. */
  context.busy = FALSE;
  context.paused = TRUE;
  context.paused_wave = 1;
  g_assert_cmpint (ium_describe_mark_error (refused, &context, &title, &body), ==,
                   IUM_MARK_FIX_RESUME);
  g_assert_cmpstr (title, ==, "Rollout spring is paused");
  g_assert_nonnull (strstr (body, "wave 1"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  /* A move the state machine forbids names the moves it allows. */
  context.from = IUM_UPGRADE_DONE;
  g_assert_cmpint (ium_describe_mark_error (move, &context, &title, &body), ==, IUM_MARK_FIX_NONE);
  g_assert_cmpstr (title, ==, "LARMOR cannot go from Done to In progress");
  g_assert_nonnull (strstr (body, "Rolled back"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LC_ALL", "C", TRUE);

  g_test_add_func ("/ium/planner-form/describe-refusals", test_describe_refusals);
#define ADD(path, func) \
  g_test_add ("/ium/planner-form/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("defaults-and-checks", test_defaults_and_checks);
  ADD ("round-trip", test_round_trip);
  ADD ("job", test_job);
  ADD ("job-keeps-states", test_job_keeps_states);
#undef ADD

  return g_test_run ();
}
