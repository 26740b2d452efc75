/* ium-inventory-service.h: the inventory as the GUI sees it, loaded and changed off the main
 * thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-fleet.h"
#include "ium-rollouts.h"
#include "ium-store.h"
#include "ium-token.h"

G_BEGIN_DECLS

/* clang-format off */

/* A job for the worker thread: it may use @store (never NULL) and nothing of the main
 * thread's. Returns its result (non-NULL), or NULL with @error set. */
typedef gpointer (*IumServiceJob) (IumStore      *store,
                                   gpointer       data,
                                   GCancellable  *cancellable,
                                   GError       **error);

typedef enum {
  IUM_SERVICE_JOB_DEFAULT = 0,
  /* The job changes the inventory: after it succeeds the worker loads the new state, and the
   * models are updated before the job's callback runs. */
  IUM_SERVICE_JOB_RELOAD = 1 << 0,
} IumServiceJobFlags;

#define IUM_TYPE_INVENTORY_SERVICE (ium_inventory_service_get_type ())
G_DECLARE_FINAL_TYPE (IumInventoryService, ium_inventory_service, IUM, INVENTORY_SERVICE, GObject)

/* Properties (all read-only but "who"; notified on the main thread):
 *   "path"          the database, NULL until open() is called
 *   "who"           the name recorded in the audit log and on the deploy token
 *   "loading"       a load is running
 *   "error"         (GError) why the inventory could not be opened or loaded, else NULL
 *   "inventory"     (IumInventory) the current inventory, NULL when none is loaded
 *   "fleet"         (IumFleet) its status index
 *   "token-holder", "token-since" (RFC 3339), "token-note": the deploy token, NULL when free
 *   "holds-token"   whether "who" holds the token
 * Signals:
 *   "loaded"        a new state of the inventory is in place (after open, an edit, or a change
 *                   made by another program, which the service notices by itself) */
IumInventoryService *ium_inventory_service_new             (void);

const char          *ium_inventory_service_get_path        (IumInventoryService *self);
const char          *ium_inventory_service_get_who         (IumInventoryService *self);
void                 ium_inventory_service_set_who         (IumInventoryService *self,
                                                            const char          *who);
gboolean             ium_inventory_service_get_loading     (IumInventoryService *self);
/* Borrowed, nullable. */
const GError        *ium_inventory_service_get_error       (IumInventoryService *self);
IumInventory        *ium_inventory_service_get_inventory   (IumInventoryService *self);
IumFleet            *ium_inventory_service_get_fleet       (IumInventoryService *self);
/* The saved rollouts (GPtrArray of IumRollout), never NULL. Borrowed. */
GPtrArray           *ium_inventory_service_get_rollouts    (IumInventoryService *self);
/* The deploy token, NULL before the first load. Borrowed. */
const IumToken      *ium_inventory_service_get_token       (IumInventoryService *self);
gboolean             ium_inventory_service_get_holds_token (IumInventoryService *self);
/* One IumFleetRow per instrument, in name order; always the same model, whose items are
 * replaced on every load. Borrowed. */
GListModel          *ium_inventory_service_get_instruments (IumInventoryService *self);
/* The IumFleetRow of the instrument @name in the current state, or NULL. Borrowed. */
gpointer             ium_inventory_service_lookup_row      (IumInventoryService *self,
                                                            const char          *name);

/* Opens the database at @path and loads it; with @create a missing file is created, else it
 * is an IUM_STORE_ERROR_NOT_FOUND "error". Replaces whatever was open. */
void                 ium_inventory_service_open            (IumInventoryService *self,
                                                            const char          *path,
                                                            gboolean             create);
/* Loads the open inventory again. */
void                 ium_inventory_service_reload          (IumInventoryService *self);

/* Runs @job on the worker thread. @data is freed with @data_free (on either thread) and the
 * result, unless taken by ium_inventory_service_run_finish(), with @result_free. Fails with
 * G_IO_ERROR_NOT_INITIALIZED when no inventory is open. */
void                 ium_inventory_service_run_async       (IumInventoryService *self,
                                                            IumServiceJob        job,
                                                            gpointer             data,
                                                            GDestroyNotify       data_free,
                                                            GDestroyNotify       result_free,
                                                            IumServiceJobFlags   flags,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
/* Like run_async() with IUM_SERVICE_JOB_RELOAD, for a job that changes nothing but
 * @instrument (a pin, busy, installed versions): unless another program changed the database
 * too, or another change is still on its way, only that instrument is read again and its row
 * replaced, instead of the whole inventory loaded. */
void                 ium_inventory_service_run_instrument_async (IumInventoryService *self,
                                                                 const char          *instrument,
                                                                 IumServiceJob        job,
                                                                 gpointer             data,
                                                                 GDestroyNotify       data_free,
                                                                 GDestroyNotify       result_free,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
/* Whether the cancellable given for @result was cancelled: a widget that cancels its requests
 * when it is disposed checks this first, since a job that had already run still replies. */
gboolean             ium_inventory_service_was_cancelled   (GAsyncResult        *result);
/* The job's result, owned. */
gpointer             ium_inventory_service_run_finish      (IumInventoryService *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Edits, each in one transaction and audited by "who"; the models are reloaded before the
 * callback runs. Finish them with ium_inventory_service_edit_finish(). */
void                 ium_inventory_service_set_pin_async   (IumInventoryService *self,
                                                            const char          *instrument,
                                                            const char          *release,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
void                 ium_inventory_service_set_busy_async  (IumInventoryService *self,
                                                            const char          *instrument,
                                                            gboolean             busy,
                                                            const char          *note,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
/* Sets the versions installed on one host (component id -> version text); needs the token. */
void                 ium_inventory_service_set_installed_async (IumInventoryService *self,
                                                                const char          *instrument,
                                                                const char          *host,
                                                                GHashTable          *installed,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
/* Adds @release, or replaces the release with the same version. */
void                 ium_inventory_service_put_release_async (IumInventoryService *self,
                                                              IumRelease          *release,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
void                 ium_inventory_service_take_token_async (IumInventoryService *self,
                                                             const char          *note,
                                                             gboolean             steal,
                                                             const char          *reason,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
void                 ium_inventory_service_release_token_async (IumInventoryService *self,
                                                                const char          *note,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean             ium_inventory_service_edit_finish     (IumInventoryService *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Imports an inventory file (merge, or replace); finish with import_finish, which gives what
 * changed. */
void                 ium_inventory_service_import_async    (IumInventoryService *self,
                                                            GFile               *file,
                                                            gboolean             replace,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean             ium_inventory_service_import_finish   (IumInventoryService *self,
                                                            GAsyncResult        *result,
                                                            IumStoreChanges     *changes,
                                                            GError             **error);
/* Writes the inventory file; finish with edit_finish. */
void                 ium_inventory_service_export_async    (IumInventoryService *self,
                                                            GFile               *file,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);

/* The audit log (ium_audit_list): entries at or after @since (nullable) about @instrument
 * (nullable: all). Finish gives a GPtrArray of IumAuditEntry, owned. */
void                 ium_inventory_service_list_audit_async (IumInventoryService *self,
                                                             GDateTime           *since,
                                                             const char          *instrument,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray           *ium_inventory_service_list_audit_finish (IumInventoryService *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* clang-format on */

G_END_DECLS
