/* ium-inventory-service-rollouts.c: the service's rollout jobs, each one core call on the
 * store worker. Their data is copied when they are asked for, so the worker never reads
 * what the main thread may change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-inventory-service-rollouts.h"

typedef struct
{
  char           *who;
  char           *rollout;
  char           *instrument;
  char           *note;
  IumUpgradeState state;
  gboolean        force;
  guint           max_failures;
  IumPlanRequest *request;
  IumFleet       *fleet;
} RolloutJob;

static RolloutJob *
rollout_job_new (IumInventoryService *service, const char *rollout)
{
  RolloutJob *job = g_new0 (RolloutJob, 1);

  job->who = g_strdup (ium_inventory_service_get_who (service));
  job->rollout = g_strdup (rollout);
  return job;
}

static void
rollout_job_free (gpointer data)
{
  RolloutJob *job = data;

  g_free (job->who);
  g_free (job->rollout);
  g_free (job->instrument);
  g_free (job->note);
  ium_plan_request_free (job->request);
  g_clear_object (&job->fleet);
  g_free (job);
}

static gpointer
done (gboolean ok)
{
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
run (IumInventoryService *self,
     IumServiceJob        func,
     RolloutJob          *job,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  ium_inventory_service_run_async (self, func, job, rollout_job_free, NULL, IUM_SERVICE_JOB_RELOAD,
                                   cancellable, callback, user_data);
}

static gpointer
save_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  RolloutJob *job = data;
  g_autoptr (IumPlan) plan = NULL;
  g_autofree char *request_text = NULL;
  guint            max_failures = job->max_failures;

  plan = ium_rollout_replan (store, job->fleet, job->rollout, job->request, &max_failures,
                             cancellable, error);
  if (plan == NULL)
    return NULL;
  request_text = ium_plan_request_to_text (job->request);
  return done (
    ium_rollout_save (store, job->rollout, plan, request_text, max_failures, job->who, error));
}

void
ium_inventory_service_save_rollout_async (IumInventoryService *self,
                                          const char          *name,
                                          IumPlanRequest      *request,
                                          guint                max_failures,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  RolloutJob *job;
  IumFleet   *fleet;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (name != NULL && request != NULL);

  fleet = ium_inventory_service_get_fleet (self);
  if (fleet == NULL)
    {
      ium_plan_request_free (request);
      g_task_report_new_error (self, callback, user_data, NULL, G_IO_ERROR,
                               G_IO_ERROR_NOT_INITIALIZED, _ ("No inventory is open."));
      return;
    }
  job = rollout_job_new (self, name);
  job->request = request;
  job->max_failures = max_failures;
  /* The fleet the plan was shown for: immutable, so the worker may read it. */
  job->fleet = g_object_ref (fleet);
  run (self, save_job, job, cancellable, callback, user_data);
}

static gpointer
mark_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  RolloutJob *job = data;

  return done (ium_rollout_mark (store, job->rollout, job->instrument, job->state, job->note,
                                 job->force, job->who, error));
}

void
ium_inventory_service_mark_upgrade_async (IumInventoryService *self,
                                          const char          *rollout,
                                          const char          *instrument,
                                          IumUpgradeState      state,
                                          const char          *note,
                                          gboolean             force,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  RolloutJob *job;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (rollout != NULL && instrument != NULL);

  job = rollout_job_new (self, rollout);
  job->instrument = g_strdup (instrument);
  job->state = state;
  job->note = g_strdup (note != NULL && *note != '\0' ? note : NULL);
  job->force = force;
  run (self, mark_job, job, cancellable, callback, user_data);
}

static gpointer
resume_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  RolloutJob *job = data;

  return done (ium_rollout_resume (store, job->rollout, job->who, error));
}

void
ium_inventory_service_resume_rollout_async (IumInventoryService *self,
                                            const char          *rollout,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (rollout != NULL);

  run (self, resume_job, rollout_job_new (self, rollout), cancellable, callback, user_data);
}

IumRollout *
ium_inventory_service_lookup_rollout (IumInventoryService *self, const char *name)
{
  GPtrArray *rollouts;

  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);

  if (name == NULL)
    return NULL;
  rollouts = ium_inventory_service_get_rollouts (self);
  for (guint i = 0; i < rollouts->len; i++)
    {
      IumRollout *rollout = g_ptr_array_index (rollouts, i);
      if (g_str_equal (rollout->name, name))
        return rollout;
    }
  return NULL;
}
