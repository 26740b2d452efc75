/* ium-store-worker.h: the one thread that owns the inventory database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

/* Runs on the worker thread. @store is the worker's connection (NULL until a job opens one;
 * a job may replace it). The function must return @task exactly once (g_task_return_*). */
typedef void (*IumStoreWorkerFunc) (IumStore     **store,
                                    GTask         *task,
                                    gpointer       task_data,
                                    GCancellable  *cancellable);

#define IUM_TYPE_STORE_WORKER (ium_store_worker_get_type ())
G_DECLARE_FINAL_TYPE (IumStoreWorker, ium_store_worker, IUM, STORE_WORKER, GObject)

IumStoreWorker *ium_store_worker_new  (void);
/* Queues @func for @task; jobs run one after another, in the order they were pushed. A job
 * whose cancellable is cancelled before it starts returns G_IO_ERROR_CANCELLED unrun. Takes
 * a reference on @task. */
void            ium_store_worker_push (IumStoreWorker     *self,
                                       GTask              *task,
                                       IumStoreWorkerFunc  func);

/* clang-format on */

G_END_DECLS
