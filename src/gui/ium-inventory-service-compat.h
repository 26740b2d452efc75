/* ium-inventory-service-compat.h: the service's job for the compatibility view: the client
 * versions seen in the check log, and the matrix of their verdicts, read and computed on the
 * store worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-inventory-service.h"

#include "compat/ium-compat-matrix.h"

G_BEGIN_DECLS

/* clang-format off */

/* The matrix of @client: the versions seen in the check log at or after @since (nullable:
 * ever), and @entered (nullable), against the server versions of the current fleet. */
void             ium_inventory_service_compat_matrix_async  (IumInventoryService *self,
                                                             const char          *client,
                                                             GDateTime           *since,
                                                             const char * const  *entered,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
/* Owned. */
IumCompatMatrix *ium_inventory_service_compat_matrix_finish (IumInventoryService *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* clang-format on */

G_END_DECLS
