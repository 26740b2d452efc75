/* ium-inventory-service-rollouts.h: the service's rollout jobs: save a plan, mark an
 * upgrade's state, resume a paused rollout. Each runs one core call on the store worker and
 * reloads the inventory before its callback; finish them with
 * ium_inventory_service_edit_finish().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-inventory-service.h"

G_BEGIN_DECLS

/* clang-format off */

/* Plans @request (taken) over the current fleet and saves it as rollout @name, keeping what
 * already happened, exactly as `ium plan RELEASE --save NAME` does (ium_rollout_replan() then
 * ium_rollout_save()). @max_failures 0 keeps the saved rollout's threshold. */
void ium_inventory_service_save_rollout_async  (IumInventoryService *self,
                                                const char          *name,
                                                IumPlanRequest      *request,
                                                guint                max_failures,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* ium_rollout_mark() for the window's person, who must hold the deploy token. */
void ium_inventory_service_mark_upgrade_async  (IumInventoryService *self,
                                                const char          *rollout,
                                                const char          *instrument,
                                                IumUpgradeState      state,
                                                const char          *note,
                                                gboolean             force,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void ium_inventory_service_resume_rollout_async (IumInventoryService *self,
                                                 const char          *rollout,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The saved rollout @name of the current state, or NULL. Borrowed. */
IumRollout *ium_inventory_service_lookup_rollout (IumInventoryService *self,
                                                  const char          *name);

/* clang-format on */

G_END_DECLS
