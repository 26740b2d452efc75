/* ium-planner-job.c: a plan and everything the planner view shows of it, computed off the
 * main thread.
 *
 * The planner (core's ium_plan_new()) reads an IumFleet, which is immutable and may be
 * shared between threads; the saved rollout is copied before the thread starts. The result
 * is the timeline's flat data and the list's rows, ready to be swapped in on the main
 * thread in one go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include "ium-planner-job.h"

#include "ium-rollout-row.h"
#include "ium-time.h"

typedef struct
{
  const char     *instrument; /* borrowed */
  guint           wave;
  gboolean        scheduled;
  gint64          start;
  gint64          end;
  const char     *window; /* borrowed */
  IumUpgradeState state;
  const char     *note;  /* borrowed */
  guint           order; /* the planner's order among the unscheduled */
} Entry;

static gint64
to_unix (GDateTime *time)
{
  return time ? g_date_time_to_unix (time) : 0;
}

static gint64
text_to_unix (const char *text)
{
  g_autoptr (GDateTime) time = text ? ium_timestamp_parse (text, NULL) : NULL;

  return to_unix (time);
}

/* Wave by wave; in a wave the scheduled by start then name, then the unscheduled in the
 * planner's order. */
static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->wave != y->wave)
    return x->wave < y->wave ? -1 : 1;
  if (x->scheduled != y->scheduled)
    return x->scheduled ? -1 : 1;
  if (x->scheduled && x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (!x->scheduled && x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return g_strcmp0 (x->instrument, y->instrument);
}

static char *
dup_key (const char *instrument, gint64 start, gint64 end)
{
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, instrument, start, end);
}

/* Whether the planned (not yet started) upgrades of @saved are the ones @plan would save. */
static gboolean
plan_differs (IumPlan *plan, const IumRollout *saved)
{
  g_autoptr (GHashTable) saved_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *lists[] = { ium_plan_get_upgrades (plan), ium_plan_get_unscheduled (plan) };
  guint      n = 0;

  for (guint i = 0; i < saved->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (saved->upgrades, i);

      if (upgrade->state != IUM_UPGRADE_PLANNED)
        continue;
      g_hash_table_add (saved_keys, dup_key (upgrade->instrument, text_to_unix (upgrade->start),
                                             text_to_unix (upgrade->end)));
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        IumPlannedUpgrade *upgrade = g_ptr_array_index (lists[l], i);
        g_autofree char   *key =
          dup_key (upgrade->instrument, to_unix (upgrade->start), to_unix (upgrade->end));

        if (!g_hash_table_contains (saved_keys, key))
          return TRUE;
        n++;
      }
  return n != g_hash_table_size (saved_keys);
}

static void
add_planned (GArray *entries, IumPlannedUpgrade *upgrade, gboolean scheduled, guint order)
{
  Entry entry = { upgrade->instrument,
                  upgrade->wave,
                  scheduled,
                  to_unix (upgrade->start),
                  to_unix (upgrade->end),
                  upgrade->window,
                  IUM_UPGRADE_PLANNED,
                  scheduled ? NULL : upgrade->reason,
                  order };

  g_array_append_val (entries, entry);
}

IumPlannerResult *
ium_planner_result_compute (IumFleet         *fleet,
                            IumPlanRequest   *request,
                            const IumRollout *saved,
                            gint64            now,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr (IumPlannerResult) result = g_new0 (IumPlannerResult, 1);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (IumTimelineItem));
  GPtrArray *upgrades, *unscheduled, *skipped;

  g_return_val_if_fail (IUM_IS_FLEET (fleet), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (saved != NULL)
    ium_plan_request_add_fixed (request, saved);
  result->plan = ium_plan_new (fleet, request, cancellable, error);
  if (result->plan == NULL)
    return NULL;

  upgrades = ium_plan_get_upgrades (result->plan);
  unscheduled = ium_plan_get_unscheduled (result->plan);
  skipped = ium_plan_get_skipped (result->plan);
  for (guint i = 0; i < upgrades->len; i++)
    add_planned (entries, g_ptr_array_index (upgrades, i), TRUE, 0);
  for (guint i = 0; i < unscheduled->len; i++)
    add_planned (entries, g_ptr_array_index (unscheduled, i), FALSE, i);

  /* What already happened, where it happened and in the state it is in. */
  for (guint i = 0; saved != NULL && i < saved->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (saved->upgrades, i);
      Entry              entry = { upgrade->instrument,
                                   upgrade->wave,
                                   upgrade->start != NULL,
                                   text_to_unix (upgrade->start),
                                   text_to_unix (upgrade->end),
                                   upgrade->window,
                                   upgrade->state,
                                   upgrade->note,
                                   0 };

      if (upgrade->state == IUM_UPGRADE_PLANNED)
        continue;
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result->rows = g_ptr_array_new_full (entries->len + skipped->len, g_object_unref);
  g_array_set_clear_func (items, (GDestroyNotify) ium_timeline_item_clear);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry           *entry = &g_array_index (entries, Entry, i);
      IumTimelineItem  item = { 0 };
      IumTimelineItem *slot;

      item.wave = entry->wave;
      item.scheduled = entry->scheduled;
      item.start = entry->start;
      item.end = entry->end;
      item.state = entry->state;
      g_array_append_val (items, item);
      /* The strings are copied once the array holds the item: its clear func frees them. */
      slot = &g_array_index (items, IumTimelineItem, items->len - 1);
      slot->instrument = g_strdup (entry->instrument);
      slot->window = g_strdup (entry->window);
      slot->note = g_strdup (entry->note);

      g_ptr_array_add (result->rows,
                       ium_rollout_row_new (
                         entry->instrument, entry->wave,
                         entry->scheduled ? IUM_ROLLOUT_ROW_SCHEDULED : IUM_ROLLOUT_ROW_UNSCHEDULED,
                         entry->start, entry->end, entry->window, entry->state, entry->note, i));
      if (entry->scheduled)
        result->n_scheduled++;
      else
        result->n_unscheduled++;
    }
  for (guint i = 0; i < skipped->len; i++)
    {
      IumPlannedUpgrade *upgrade = g_ptr_array_index (skipped, i);

      g_ptr_array_add (result->rows,
                       ium_rollout_row_new (upgrade->instrument, 0, IUM_ROLLOUT_ROW_SKIPPED, 0, 0,
                                            NULL, IUM_UPGRADE_SKIPPED, upgrade->reason, G_MAXUINT));
    }
  result->n_skipped = skipped->len;
  result->timeline = ium_timeline_data_new (items, ium_fleet_get_inventory (fleet), now);
  result->differs = saved != NULL && plan_differs (result->plan, saved);
  return g_steal_pointer (&result);
}

void
ium_planner_result_free (IumPlannerResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->plan);
  g_clear_pointer (&result->timeline, ium_timeline_data_unref);
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_free (result);
}

typedef struct
{
  IumFleet       *fleet;   /* owned */
  IumPlanRequest *request; /* owned */
  IumRollout     *saved;   /* owned, nullable */
  gint64          now;
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *job = data;

  g_clear_object (&job->fleet);
  ium_plan_request_free (job->request);
  g_clear_pointer (&job->saved, ium_rollout_free);
  g_free (job);
}

static void
run_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  JobData          *job = task_data;
  GError           *error = NULL;
  IumPlannerResult *result = ium_planner_result_compute (job->fleet, job->request, job->saved,
                                                         job->now, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) ium_planner_result_free);
}

void
ium_planner_job_run_async (IumFleet           *fleet,
                           IumPlanRequest     *request,
                           const IumRollout   *saved,
                           gint64              now,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  JobData *job;

  g_return_if_fail (IUM_IS_FLEET (fleet));
  g_return_if_fail (request != NULL);

  job = g_new0 (JobData, 1);
  job->fleet = g_object_ref (fleet);
  job->request = request;
  job->saved = saved ? ium_rollout_copy (saved) : NULL;
  job->now = now;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_task_data (task, job, job_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

IumPlannerResult *
ium_planner_job_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
