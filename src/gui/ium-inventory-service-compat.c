/* ium-inventory-service-compat.c: the compatibility view's job on the store worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-inventory-service-compat.h"

typedef struct
{
  IumFleet  *fleet;   /* owned: immutable, so the worker may read it */
  char      *client;  /* owned */
  GDateTime *since;   /* owned, nullable */
  GStrv      entered; /* owned, nullable */
} MatrixJob;

static void
matrix_job_free (gpointer data)
{
  MatrixJob *job = data;

  g_clear_object (&job->fleet);
  g_free (job->client);
  g_clear_pointer (&job->since, g_date_time_unref);
  g_strfreev (job->entered);
  g_free (job);
}

static gpointer
matrix_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  MatrixJob *job = data;
  g_autoptr (GPtrArray) seen = ium_store_list_clients_seen (store, job->since, error);

  if (seen == NULL)
    return NULL;
  return ium_compat_matrix_new (job->fleet, job->client, seen, (const char *const *) job->entered,
                                cancellable, error);
}

void
ium_inventory_service_compat_matrix_async (IumInventoryService *self,
                                           const char          *client,
                                           GDateTime           *since,
                                           const char *const   *entered,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  IumFleet  *fleet;
  MatrixJob *job;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (client != NULL);

  fleet = ium_inventory_service_get_fleet (self);
  if (fleet == NULL)
    {
      g_task_report_new_error (self, callback, user_data, NULL, G_IO_ERROR,
                               G_IO_ERROR_NOT_INITIALIZED, _ ("No inventory is open."));
      return;
    }
  job = g_new0 (MatrixJob, 1);
  job->fleet = g_object_ref (fleet);
  job->client = g_strdup (client);
  job->since = since ? g_date_time_ref (since) : NULL;
  job->entered = g_strdupv ((char **) entered);
  ium_inventory_service_run_async (self, matrix_job, job, matrix_job_free,
                                   (GDestroyNotify) ium_compat_matrix_free, IUM_SERVICE_JOB_DEFAULT,
                                   cancellable, callback, user_data);
}

IumCompatMatrix *
ium_inventory_service_compat_matrix_finish (IumInventoryService *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  return ium_inventory_service_run_finish (self, result, error);
}
