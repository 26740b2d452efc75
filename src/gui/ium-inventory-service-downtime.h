/* ium-inventory-service-downtime.h: the service's downtime jobs: windows and cycles added,
 * edited and removed, a calendar imported and exported. Each runs one core call on the store
 * worker; those that change the inventory reload it before their callback. Finish them with
 * ium_inventory_service_edit_finish(), the import with its own finish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-inventory-service.h"

G_BEGIN_DECLS

/* clang-format off */

typedef struct {
  guint            n_windows; /* read from the file */
  IumStoreChanges  changes;   /* what they changed */
  GDateTime       *horizon;   /* owned: repeating events were expanded up to here */
} IumCalendarImport;

void                 ium_calendar_import_free (IumCalendarImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumCalendarImport, ium_calendar_import_free)

/* Reads @file as iCalendar (ium_ical_read_windows(), repeating events expanded two years
 * ahead) and adds its windows, as `ium downtime import` does: a file with any error changes
 * nothing, and the error's message starts with "line N: ". */
void               ium_inventory_service_import_calendar_async  (IumInventoryService *self,
                                                                 GFile               *file,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
IumCalendarImport *ium_inventory_service_import_calendar_finish (IumInventoryService *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);
/* Writes every window and cycle to @file as iCalendar (ium_ical_windows_to_data()). */
void ium_inventory_service_export_calendar_async (IumInventoryService *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Adds @window (an inventory file object; referenced), or replaces the window @old_key. */
void ium_inventory_service_put_window_async      (IumInventoryService *self,
                                                  const char          *old_key,
                                                  JsonNode            *window,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void ium_inventory_service_remove_window_async   (IumInventoryService *self,
                                                  const char          *key,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Adds @cycle, or replaces (and so may rename) the cycle @replaces. */
void ium_inventory_service_put_cycle_async       (IumInventoryService *self,
                                                  const char          *replaces,
                                                  JsonNode            *cycle,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void ium_inventory_service_remove_cycle_async    (IumInventoryService *self,
                                                  const char          *name,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);

/* clang-format on */

G_END_DECLS
