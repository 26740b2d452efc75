/* ium-server-worker.c: the snapshot the fast path answers from, and the worker thread that
 * keeps it current and writes the check log.
 *
 * The worker owns its own database connection. Every FLUSH_INTERVAL (or as soon as
 * FLUSH_BATCH checks are queued) it writes the queued checks in one transaction, then asks
 * SQLite for the connection's data_version: that changes when any other connection commits
 * (`ium`, the GTK application, this server's request store) but not for the worker's own
 * check log writes, so the snapshot is rebuilt only when the inventory may have changed.
 * A rebuild loads the inventory, builds a new IumFleet and swaps the snapshot under the lock;
 * requests holding the old one keep it until they finish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

/* How often the queue is written and the database looked at. */
#define FLUSH_INTERVAL_US (200 * G_TIME_SPAN_MILLISECOND)
/* A batch this large is written at once: short bursts of the writer take a listener's core for
 * less time (500 gave a p99 of 9 ms, 100 gives 7-8 ms, same throughput). */
#define FLUSH_BATCH 100
/* While the database cannot be written, checks wait in memory up to this many; the oldest
 * are dropped beyond (and counted). */
#define MAX_QUEUE 200000
/* How long a change through the server waits for the snapshot to show it. */
#define RELOAD_WAIT_US (10 * G_TIME_SPAN_SECOND)

IumSnapshot *
ium_snapshot_ref (IumSnapshot *snapshot)
{
  return g_atomic_rc_box_acquire (snapshot);
}

static void
snapshot_clear (gpointer data)
{
  IumSnapshot *snapshot = data;

  g_clear_object (&snapshot->fleet);
  g_mutex_clear (&snapshot->models_lock);
}

void
ium_snapshot_unref (IumSnapshot *snapshot)
{
  g_atomic_rc_box_release_full (snapshot, snapshot_clear);
}

static IumSnapshot *
snapshot_new (IumInventory *inventory, guint64 generation)
{
  IumSnapshot *snapshot = g_atomic_rc_box_new0 (IumSnapshot);
  GListModel  *instruments = ium_inventory_get_instruments (inventory);

  g_mutex_init (&snapshot->models_lock);
  snapshot->fleet = ium_fleet_new (inventory);
  snapshot->built = g_get_real_time ();
  snapshot->generation = generation;
  snapshot->n_instruments = g_list_model_get_n_items (instruments);

  /* Counted once here, so that /metrics costs nothing per instrument. */
  for (guint i = 0; i < snapshot->n_instruments; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      IumInstrumentStatus status;

      ium_fleet_get_status (snapshot->fleet, instrument, &status);
      for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
        if (status.flags & (1u << bit))
          snapshot->flag_counts[bit]++;
    }
  return snapshot;
}

/* Says @message once, not every FLUSH_INTERVAL while the trouble lasts. */
static void
warn_once (IumServer *self, const char *message)
{
  if (g_strcmp0 (self->last_warning, message) == 0)
    return;
  g_warning ("%s", message);
  g_free (self->last_warning);
  self->last_warning = g_strdup (message);
}

/* Worker thread: writes @batch, or puts it back in front of the queue to try again. */
static void
flush (IumServer *self, GPtrArray *batch)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  guint            dropped = 0;

  if (ium_store_append_checks (self->worker_store, batch, &error))
    {
      ium_counter_add (&self->counters.log_written, batch->len);
      g_clear_pointer (&self->last_warning, g_free);
      return;
    }

  ium_counter_add (&self->counters.log_failures, 1);
  message = g_strdup_printf ("cannot write the check log (will retry): %s", error->message);
  warn_once (self, message);

  g_mutex_lock (&self->lock);
  g_ptr_array_extend_and_steal (batch, g_steal_pointer (&self->queue));
  self->queue = g_ptr_array_ref (batch);
  if (self->queue->len > MAX_QUEUE)
    {
      dropped = self->queue->len - MAX_QUEUE;
      g_ptr_array_remove_range (self->queue, 0, dropped);
    }
  g_mutex_unlock (&self->lock);
  ium_counter_add (&self->counters.log_dropped, dropped);
}

/* Worker thread: rebuilds the snapshot when another connection has committed. */
static void
poll_database (IumServer *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  IumSnapshot *fresh, *old;
  gint64       version;

  if (!ium_store_get_data_version (self->worker_store, &version, &error))
    {
      warn_once (self, error->message);
      return;
    }
  if (version == self->data_version)
    return;

  inventory = ium_store_load (self->worker_store, &error);
  if (inventory == NULL)
    {
      g_autofree char *message = g_strdup_printf ("cannot reload the inventory; still "
                                                  "answering from the one loaded before: %s",
                                                  error->message);
      /* The version is kept, so the next poll tries again. */
      ium_counter_add (&self->counters.reload_failures, 1);
      warn_once (self, message);
      return;
    }

  g_mutex_lock (&self->lock);
  old = self->snapshot;
  g_mutex_unlock (&self->lock);
  fresh = snapshot_new (inventory, old->generation + 1);

  g_mutex_lock (&self->lock);
  self->snapshot = fresh;
  g_mutex_unlock (&self->lock);
  ium_snapshot_unref (old);

  self->data_version = version;
  ium_counter_add (&self->counters.reloads, 1);
  g_debug ("reloaded the inventory: %u instruments", fresh->n_instruments);
}

static gpointer
worker_main (gpointer data)
{
  IumServer *self = data;
  gboolean   stop = FALSE;

  while (!stop)
    {
      g_autoptr (GPtrArray) batch = NULL;
      gint64  deadline = g_get_monotonic_time () + FLUSH_INTERVAL_US;
      guint64 serving;

      g_mutex_lock (&self->lock);
      while (!self->stopping && self->queue->len < FLUSH_BATCH
             && self->reload_asked == self->reload_served)
        if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
          break;
      if (self->queue->len > 0)
        {
          batch = g_steal_pointer (&self->queue);
          self->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);
        }
      /* A reload asked for before this point is served by the poll below, which reads the
       * data version after the change that asked for it was committed. */
      serving = self->reload_asked;
      stop = self->stopping;
      g_mutex_unlock (&self->lock);

      if (batch != NULL)
        flush (self, batch);
      poll_database (self);

      g_mutex_lock (&self->lock);
      self->reload_served = serving;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
    }

  /* Stopping: whatever came in meanwhile, or failed to be written, gets a few more tries. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr (GPtrArray) batch = NULL;

      g_mutex_lock (&self->lock);
      batch = g_steal_pointer (&self->queue);
      self->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);
      g_mutex_unlock (&self->lock);

      if (batch->len == 0)
        break;
      flush (self, batch);
    }

  if (self->queue->len > 0)
    g_warning ("stopping with %u client checks that could not be written to the check log",
               self->queue->len);
  return NULL;
}

gboolean
ium_server_worker_start (IumServer *self, GError **error)
{
  g_autoptr (IumInventory) inventory = NULL;

  self->worker_store = ium_store_open_existing (self->db_path, error);
  if (self->worker_store == NULL
      || !ium_store_get_data_version (self->worker_store, &self->data_version, error)
      || !(inventory = ium_store_load (self->worker_store, error)))
    return FALSE;

  self->snapshot = snapshot_new (inventory, 1);
  self->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);
  self->worker = g_thread_new ("ium-server-worker", worker_main, self);
  return TRUE;
}

void
ium_server_worker_stop (IumServer *self)
{
  if (self->worker == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_thread_join (g_steal_pointer (&self->worker));
}

IumSnapshot *
ium_server_dup_snapshot (IumServer *self)
{
  IumSnapshot *snapshot;

  g_mutex_lock (&self->lock);
  snapshot = ium_snapshot_ref (self->snapshot);
  g_mutex_unlock (&self->lock);
  return snapshot;
}

void
ium_server_log_check (IumServer *self, IumCheckRecord *record)
{
  gboolean dropped = FALSE;

  g_mutex_lock (&self->lock);
  if (self->queue->len >= MAX_QUEUE)
    dropped = TRUE;
  else
    {
      g_ptr_array_add (self->queue, record);
      if (self->queue->len == FLUSH_BATCH)
        g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);

  if (dropped)
    {
      ium_check_record_free (record);
      ium_counter_add (&self->counters.log_dropped, 1);
    }
}

guint
ium_server_get_queue_length (IumServer *self)
{
  guint length;

  g_mutex_lock (&self->lock);
  length = self->queue->len;
  g_mutex_unlock (&self->lock);
  return length;
}

void
ium_server_reload_now (IumServer *self)
{
  gint64  deadline = g_get_monotonic_time () + RELOAD_WAIT_US;
  guint64 ticket;

  g_mutex_lock (&self->lock);
  ticket = ++self->reload_asked;
  g_cond_broadcast (&self->cond);
  while (self->reload_served < ticket && self->worker != NULL && !self->stopping)
    if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
      break;
  g_mutex_unlock (&self->lock);
}
