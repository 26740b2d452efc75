/* ium-inventory-service-downtime.c: the service's downtime jobs, each one core call on the
 * store worker with data copied when it is asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-inventory-service-downtime.h"

#include "ium-ical.h"
#include "ium-store-downtime.h"
#include "ium-store-edit.h"

typedef struct
{
  char     *who;
  char     *key; /* a window's key, a cycle's name */
  JsonNode *object;
  GFile    *file;
} DowntimeJob;

static DowntimeJob *
downtime_job_new (IumInventoryService *service, const char *key, JsonNode *object, GFile *file)
{
  DowntimeJob *job = g_new0 (DowntimeJob, 1);

  job->who = g_strdup (ium_inventory_service_get_who (service));
  job->key = g_strdup (key);
  job->object = object ? json_node_ref (object) : NULL;
  job->file = file ? g_object_ref (file) : NULL;
  return job;
}

static void
downtime_job_free (gpointer data)
{
  DowntimeJob *job = data;

  g_free (job->who);
  g_free (job->key);
  g_clear_pointer (&job->object, json_node_unref);
  g_clear_object (&job->file);
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
     DowntimeJob         *job,
     GDestroyNotify       result_free,
     IumServiceJobFlags   flags,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  ium_inventory_service_run_async (self, func, job, downtime_job_free, result_free, flags,
                                   cancellable, callback, user_data);
}

void
ium_calendar_import_free (IumCalendarImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->horizon, g_date_time_unref);
  g_free (import);
}

static gpointer
import_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DowntimeJob *job = data;
  g_autoptr (IumCalendarImport) import = g_new0 (IumCalendarImport, 1);
  g_autoptr (GPtrArray) windows = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *contents = NULL;
  gsize            length;

  if (!g_file_load_contents (job->file, cancellable, &contents, &length, NULL, error))
    return NULL;
  import->horizon = g_date_time_add_years (now, IUM_DOWNTIME_DEFAULT_HORIZON_YEARS);
  /* Everything is read and checked before the database is touched. */
  windows = ium_ical_read_windows (contents, length, NULL, import->horizon, error);
  if (windows == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!ium_store_add_windows (store, windows, job->who, &import->changes, error))
    return NULL;
  import->n_windows = windows->len;
  return g_steal_pointer (&import);
}

void
ium_inventory_service_import_calendar_async (IumInventoryService *self,
                                             GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (G_IS_FILE (file));

  run (self, import_job, downtime_job_new (self, NULL, NULL, file),
       (GDestroyNotify) ium_calendar_import_free, IUM_SERVICE_JOB_RELOAD, cancellable, callback,
       user_data);
}

IumCalendarImport *
ium_inventory_service_import_calendar_finish (IumInventoryService *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  return ium_inventory_service_run_finish (self, result, error);
}

static gpointer
export_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DowntimeJob *job = data;
  g_autoptr (IumInventory) inventory = ium_store_load (store, error);
  g_autofree char *text = NULL;
  gsize            length;

  if (inventory == NULL)
    return NULL;
  text = ium_ical_windows_to_data (inventory, &length);
  /* Replaced atomically: a write that fails half way leaves the old file as it was. */
  return done (g_file_replace_contents (job->file, text, length, NULL, FALSE,
                                        G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable,
                                        error));
}

void
ium_inventory_service_export_calendar_async (IumInventoryService *self,
                                             GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (G_IS_FILE (file));

  run (self, export_job, downtime_job_new (self, NULL, NULL, file), NULL, IUM_SERVICE_JOB_DEFAULT,
       cancellable, callback, user_data);
}

static gpointer
put_window_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DowntimeJob *job = data;

  if (job->key != NULL)
    return done (ium_store_replace_window (store, job->key, job->object, job->who, NULL, error));
  return done (ium_store_put_window (store, job->object, job->who, NULL, error));
}

void
ium_inventory_service_put_window_async (IumInventoryService *self,
                                        const char          *old_key,
                                        JsonNode            *window,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (window != NULL);

  run (self, put_window_job, downtime_job_new (self, old_key, window, NULL), NULL,
       IUM_SERVICE_JOB_RELOAD, cancellable, callback, user_data);
}

static gpointer
remove_window_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DowntimeJob *job = data;

  return done (ium_store_remove_window (store, job->key, job->who, error));
}

void
ium_inventory_service_remove_window_async (IumInventoryService *self,
                                           const char          *key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (key != NULL);

  run (self, remove_window_job, downtime_job_new (self, key, NULL, NULL), NULL,
       IUM_SERVICE_JOB_RELOAD, cancellable, callback, user_data);
}

static gpointer
put_cycle_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DowntimeJob *job = data;

  return done (ium_store_put_cycle (store, job->key, job->object, job->who, error));
}

void
ium_inventory_service_put_cycle_async (IumInventoryService *self,
                                       const char          *replaces,
                                       JsonNode            *cycle,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (cycle != NULL);

  run (self, put_cycle_job, downtime_job_new (self, replaces, cycle, NULL), NULL,
       IUM_SERVICE_JOB_RELOAD, cancellable, callback, user_data);
}

static gpointer
remove_cycle_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DowntimeJob *job = data;

  return done (ium_store_remove_cycle (store, job->key, job->who, error));
}

void
ium_inventory_service_remove_cycle_async (IumInventoryService *self,
                                          const char          *name,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (name != NULL);

  run (self, remove_cycle_job, downtime_job_new (self, name, NULL, NULL), NULL,
       IUM_SERVICE_JOB_RELOAD, cancellable, callback, user_data);
}
