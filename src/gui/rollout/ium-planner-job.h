/* ium-planner-job.h: a plan and everything the planner view shows of it, computed off the
 * main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-fleet.h"
#include "ium-planner.h"
#include "ium-rollouts.h"
#include "ium-timeline-data.h"

G_BEGIN_DECLS

/* clang-format off */

typedef struct {
  IumPlan         *plan;          /* owned */
  IumTimelineData *timeline;      /* owned: the scheduled and unscheduled, wave by wave */
  GPtrArray       *rows;          /* owned, of IumRolloutRow: the timeline's, then skipped */
  guint            n_scheduled;   /* with the upgrades of the saved rollout that happened */
  guint            n_unscheduled;
  guint            n_skipped;
  gboolean         differs;       /* the saved rollout's planned upgrades are not this plan */
} IumPlannerResult;

/* Plans @request over @fleet (as ium_plan_new()); with @saved, the saved rollout being
 * re-planned, its upgrades that already happened are kept (added to @request->fixed) and
 * shown with their states, as `ium plan --save` would keep them. @now (seconds) is marked on
 * the timeline. Safe on any thread. Owned. */
IumPlannerResult *ium_planner_result_compute (IumFleet          *fleet,
                                              IumPlanRequest    *request,
                                              const IumRollout  *saved,
                                              gint64             now,
                                              GCancellable      *cancellable,
                                              GError           **error);
void              ium_planner_result_free    (IumPlannerResult  *result);

/* The same on a worker thread: takes @request, copies @saved (nullable). */
void              ium_planner_job_run_async  (IumFleet            *fleet,
                                              IumPlanRequest      *request,
                                              const IumRollout    *saved,
                                              gint64               now,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
IumPlannerResult *ium_planner_job_run_finish (GAsyncResult        *result,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumPlannerResult, ium_planner_result_free)

/* clang-format on */

G_END_DECLS
