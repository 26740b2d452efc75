/* ium-inventory-service-edits.c: the service's edits, imports and exports, each a job for
 * the store worker that calls one core function.
 *
 * A job's data is copied on the main thread when the edit is asked for (the person's name
 * included), so that the worker never reads anything the main thread may change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-inventory-service.h"

#include "ium-inventory-file.h"

typedef struct
{
  char       *who;
  char       *instrument;
  char       *host;
  char       *text; /* a release, a note */
  char       *reason;
  gboolean    flag; /* busy, steal, replace */
  GHashTable *installed;
  GObject    *object; /* a release, a file */
  GDateTime  *since;
} EditData;

static EditData *
edit_data_new (IumInventoryService *service)
{
  EditData *data = g_new0 (EditData, 1);

  data->who = g_strdup (ium_inventory_service_get_who (service));
  return data;
}

static void
edit_data_free (gpointer user_data)
{
  EditData *data = user_data;

  g_free (data->who);
  g_free (data->instrument);
  g_free (data->host);
  g_free (data->text);
  g_free (data->reason);
  g_clear_pointer (&data->installed, g_hash_table_unref);
  g_clear_object (&data->object);
  g_clear_pointer (&data->since, g_date_time_unref);
  g_free (data);
}

static gpointer
done (gboolean ok)
{
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

/* An edit of one instrument (data->instrument) updates only that instrument's state. */
static void
run_instrument_edit (IumInventoryService *self,
                     IumServiceJob        job,
                     EditData            *data,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  ium_inventory_service_run_instrument_async (self, data->instrument, job, data, edit_data_free,
                                              NULL, cancellable, callback, user_data);
}

static void
run_edit (IumInventoryService *self,
          IumServiceJob        job,
          EditData            *data,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  ium_inventory_service_run_async (self, job, data, edit_data_free, NULL, IUM_SERVICE_JOB_RELOAD,
                                   cancellable, callback, user_data);
}

gboolean
ium_inventory_service_edit_finish (IumInventoryService *self, GAsyncResult *result, GError **error)
{
  return ium_inventory_service_run_finish (self, result, error) != NULL;
}

static gpointer
set_pin_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData *data = user_data;
  return done (ium_store_set_pin (store, data->instrument, data->text, data->who, error));
}

void
ium_inventory_service_set_pin_async (IumInventoryService *self,
                                     const char          *instrument,
                                     const char          *release,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  EditData *data;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (instrument != NULL);

  data = edit_data_new (self);
  data->instrument = g_strdup (instrument);
  data->text = g_strdup (release);
  run_instrument_edit (self, set_pin_job, data, cancellable, callback, user_data);
}

static gpointer
set_busy_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData *data = user_data;
  return done (
    ium_store_set_busy (store, data->instrument, data->flag, data->text, data->who, error));
}

void
ium_inventory_service_set_busy_async (IumInventoryService *self,
                                      const char          *instrument,
                                      gboolean             busy,
                                      const char          *note,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  EditData *data;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (instrument != NULL);

  data = edit_data_new (self);
  data->instrument = g_strdup (instrument);
  data->flag = busy;
  data->text = g_strdup (note != NULL && *note != '\0' ? note : NULL);
  run_instrument_edit (self, set_busy_job, data, cancellable, callback, user_data);
}

static gpointer
set_installed_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData *data = user_data;
  return done (ium_store_set_installed (store, data->instrument, data->host, data->installed,
                                        data->who, error));
}

void
ium_inventory_service_set_installed_async (IumInventoryService *self,
                                           const char          *instrument,
                                           const char          *host,
                                           GHashTable          *installed,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  EditData      *data;
  GHashTableIter iter;
  gpointer       key, value;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (instrument != NULL && host != NULL && installed != NULL);

  data = edit_data_new (self);
  data->instrument = g_strdup (instrument);
  data->host = g_strdup (host);
  /* A copy: the caller's table may change while the job waits. */
  data->installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, installed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (data->installed, g_strdup (key), g_strdup (value));
  run_instrument_edit (self, set_installed_job, data, cancellable, callback, user_data);
}

static gpointer
put_release_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData *data = user_data;
  return done (ium_store_put_release (store, IUM_RELEASE (data->object), data->who, error));
}

void
ium_inventory_service_put_release_async (IumInventoryService *self,
                                         IumRelease          *release,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  EditData *data;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (IUM_IS_RELEASE (release));

  /* The caller hands the release over and does not change it afterwards. */
  data = edit_data_new (self);
  data->object = g_object_ref (G_OBJECT (release));
  run_edit (self, put_release_job, data, cancellable, callback, user_data);
}

static gpointer
take_token_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData *data = user_data;
  return done (ium_token_take (store, data->who, data->text, data->flag, data->reason, error));
}

void
ium_inventory_service_take_token_async (IumInventoryService *self,
                                        const char          *note,
                                        gboolean             steal,
                                        const char          *reason,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  EditData *data;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));

  data = edit_data_new (self);
  data->text = g_strdup (note);
  data->flag = steal;
  data->reason = g_strdup (reason);
  run_edit (self, take_token_job, data, cancellable, callback, user_data);
}

static gpointer
release_token_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData *data = user_data;
  return done (ium_token_release (store, data->who, data->text, error));
}

void
ium_inventory_service_release_token_async (IumInventoryService *self,
                                           const char          *note,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  EditData *data;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));

  data = edit_data_new (self);
  data->text = g_strdup (note);
  run_edit (self, release_token_job, data, cancellable, callback, user_data);
}

static gpointer
import_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData                   *data = user_data;
  g_autofree char            *contents = NULL;
  g_autofree IumStoreChanges *changes = g_new0 (IumStoreChanges, 1);
  gsize                       length;

  if (!g_file_load_contents (G_FILE (data->object), cancellable, &contents, &length, NULL, error))
    return NULL;
  /* The last moment to stop: the write that follows is one transaction, all or nothing. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!ium_store_import (store, contents, length, data->flag, data->who, changes, error))
    return NULL;
  return g_steal_pointer (&changes);
}

void
ium_inventory_service_import_async (IumInventoryService *self,
                                    GFile               *file,
                                    gboolean             replace,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  EditData *data;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (G_IS_FILE (file));

  data = edit_data_new (self);
  data->object = g_object_ref (G_OBJECT (file));
  data->flag = replace;
  ium_inventory_service_run_async (self, import_job, data, edit_data_free, g_free,
                                   IUM_SERVICE_JOB_RELOAD, cancellable, callback, user_data);
}

gboolean
ium_inventory_service_import_finish (IumInventoryService *self,
                                     GAsyncResult        *result,
                                     IumStoreChanges     *changes,
                                     GError             **error)
{
  g_autofree IumStoreChanges *made = ium_inventory_service_run_finish (self, result, error);

  if (made == NULL)
    return FALSE;
  if (changes != NULL)
    *changes = *made;
  return TRUE;
}

static gpointer
export_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData *data = user_data;
  g_autoptr (IumInventory) inventory = ium_store_load (store, error);
  g_autofree char *text = NULL;
  gsize            length;

  if (inventory == NULL)
    return NULL;
  text = ium_inventory_to_data (inventory, &length);
  /* Replaced atomically: an export that fails half way leaves the old file as it was. */
  return done (g_file_replace_contents (G_FILE (data->object), text, length, NULL, FALSE,
                                        G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                        NULL, cancellable, error));
}

void
ium_inventory_service_export_async (IumInventoryService *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  EditData *data;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (G_IS_FILE (file));

  data = edit_data_new (self);
  data->object = g_object_ref (G_OBJECT (file));
  ium_inventory_service_run_async (self, export_job, data, edit_data_free, NULL,
                                   IUM_SERVICE_JOB_DEFAULT, cancellable, callback, user_data);
}

static gpointer
list_audit_job (IumStore *store, gpointer user_data, GCancellable *cancellable, GError **error)
{
  EditData *data = user_data;
  return ium_audit_list (store, data->since, data->instrument, error);
}

void
ium_inventory_service_list_audit_async (IumInventoryService *self,
                                        GDateTime           *since,
                                        const char          *instrument,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  EditData *data;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));

  data = edit_data_new (self);
  data->since = since ? g_date_time_ref (since) : NULL;
  data->instrument = g_strdup (instrument);
  ium_inventory_service_run_async (self, list_audit_job, data, edit_data_free,
                                   (GDestroyNotify) g_ptr_array_unref, IUM_SERVICE_JOB_DEFAULT,
                                   cancellable, callback, user_data);
}

GPtrArray *
ium_inventory_service_list_audit_finish (IumInventoryService *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  return ium_inventory_service_run_finish (self, result, error);
}
