/* ium-store-worker.c: the one thread that owns the inventory database.
 *
 * The GUI's main loop never waits for SQLite: every read and write of the inventory is a job
 * for this thread, which opens the IumStore and is the only thread that ever uses it (HOUSE:
 * one thread owns a SQLite connection). Jobs are GTasks; their results come back on the main
 * context through the task's callback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include "ium-store-worker.h"

typedef struct
{
  GTask             *task; /* owned; NULL for the job that ends the thread */
  IumStoreWorkerFunc func;
} Job;

struct _IumStoreWorker
{
  GObject      parent_instance;

  GThread     *thread; /* owned */
  GAsyncQueue *queue;  /* owned, of Job */
  IumStore    *store;  /* owned, but only ever touched by the worker thread */
};

G_DEFINE_FINAL_TYPE (IumStoreWorker, ium_store_worker, G_TYPE_OBJECT)

static gboolean
unref_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static gpointer
worker_main (gpointer data)
{
  IumStoreWorker *self = data;

  for (;;)
    {
      Job               *job = g_async_queue_pop (self->queue);
      GTask             *task = job->task;
      IumStoreWorkerFunc func = job->func;

      g_free (job);
      if (task == NULL)
        break;

      if (!g_task_return_error_if_cancelled (task))
        func (&self->store, task, g_task_get_task_data (task), g_task_get_cancellable (task));

      /* The task holds its source object (the service, and through it the window's data):
       * its last reference must go on the task's own thread, never here, where disposing the
       * service would join this very thread. An idle source, not g_main_context_invoke():
       * that runs the function right here whenever no thread holds the context at the
       * moment, as between two iterations of the main loop. */
      {
        GSource *source = g_idle_source_new ();

        g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
        g_source_set_callback (source, unref_task_cb, task, NULL);
        g_source_set_static_name (source, "[ium] unref store task");
        g_source_attach (source, g_task_get_context (task));
        g_source_unref (source);
      }
    }

  g_clear_object (&self->store);
  return NULL;
}

static void
ium_store_worker_dispose (GObject *object)
{
  IumStoreWorker *self = IUM_STORE_WORKER (object);

  if (self->thread != NULL)
    {
      /* Jobs already queued still run (a write the user asked for is not dropped), then the
       * thread closes the database and ends. */
      g_async_queue_push (self->queue, g_new0 (Job, 1));
      g_thread_join (g_steal_pointer (&self->thread));
    }

  G_OBJECT_CLASS (ium_store_worker_parent_class)->dispose (object);
}

static void
ium_store_worker_finalize (GObject *object)
{
  IumStoreWorker *self = IUM_STORE_WORKER (object);

  g_async_queue_unref (self->queue);

  G_OBJECT_CLASS (ium_store_worker_parent_class)->finalize (object);
}

static void
ium_store_worker_class_init (IumStoreWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ium_store_worker_dispose;
  object_class->finalize = ium_store_worker_finalize;
}

static void
ium_store_worker_init (IumStoreWorker *self)
{
  self->queue = g_async_queue_new ();
  self->thread = g_thread_new ("ium-store", worker_main, self);
}

IumStoreWorker *
ium_store_worker_new (void)
{
  return g_object_new (IUM_TYPE_STORE_WORKER, NULL);
}

void
ium_store_worker_push (IumStoreWorker *self, GTask *task, IumStoreWorkerFunc func)
{
  Job *job;

  g_return_if_fail (IUM_IS_STORE_WORKER (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);
  g_return_if_fail (self->thread != NULL);

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_async_queue_push (self->queue, job);
}
