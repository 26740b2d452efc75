/* ium-inventory-service.c: the inventory as the GUI sees it, loaded and changed off the main
 * thread.
 *
 * Every database call runs on the store worker's thread. A load reads the inventory, builds
 * the fleet index and the fleet view's rows there, and hands the whole new state (a snapshot)
 * to the main thread, which swaps it in at once: the main loop only ever splices a ready list.
 * An edit of one instrument reads only that instrument again: the new inventory shares every
 * other object with the one shown, and only its row is replaced, so that an edit does not hold
 * two whole inventories at once (docs/performance.md). Changes made by another program (the CLI,
 * the server, a second window) are noticed through a file monitor on the database and its WAL file,
 * confirmed with SQLite's data_version (which our own writes do not move), and loaded the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-inventory-service.h"

#include "fleet/ium-fleet-row.h"
#include "ium-store-worker.h"

/* How long a burst of file changes must settle before the database is checked. */
#define CHANGE_SETTLE_MS 250

typedef struct
{
  gint64        data_version;
  IumInventory *inventory; /* owned */
  IumFleet     *fleet;     /* owned */
  IumToken     *token;     /* owned */
  GPtrArray    *rollouts;  /* owned, of IumRollout */
  GPtrArray    *rows;      /* owned, of IumFleetRow */
  gboolean      partial;   /* rows holds the one changed row; no token, no rollouts */
} Snapshot;

struct _IumInventoryService
{
  GObject         parent_instance;

  IumStoreWorker *worker;           /* owned */
  char           *path;             /* owned */
  char           *who;              /* owned */
  GError         *error;            /* owned */
  IumInventory   *inventory;        /* owned */
  IumFleet       *fleet;            /* owned */
  IumToken       *token;            /* owned */
  GPtrArray      *rollouts;         /* owned */
  GListStore     *instruments;      /* owned, of IumFleetRow */
  GHashTable     *rows_by_name;     /* owned: name -> IumFleetRow, borrowed from instruments */
  GCancellable   *load_cancellable; /* owned: the open or reload in flight */
  GFileMonitor   *monitors[2];      /* owned: the database and its WAL file */
  guint           settle_id;
  guint           generation; /* counts open() calls, so a late load of an old file is dropped */
  guint           loads;      /* loads in flight */
  gint64          data_version;
  gboolean        opened;
};

enum
{
  PROP_0,
  PROP_PATH,
  PROP_WHO,
  PROP_LOADING,
  PROP_ERROR,
  PROP_INVENTORY,
  PROP_FLEET,
  PROP_TOKEN_HOLDER,
  PROP_TOKEN_SINCE,
  PROP_TOKEN_NOTE,
  PROP_HOLDS_TOKEN,
  N_PROPS
};

enum
{
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IumInventoryService, ium_inventory_service, G_TYPE_OBJECT)

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  if (snapshot == NULL)
    return;
  g_clear_object (&snapshot->inventory);
  g_clear_object (&snapshot->fleet);
  g_clear_pointer (&snapshot->token, ium_token_free);
  g_clear_pointer (&snapshot->rollouts, g_ptr_array_unref);
  g_clear_pointer (&snapshot->rows, g_ptr_array_unref);
  g_free (snapshot);
}

/* On the worker thread: everything the views show, read in one go. */
static Snapshot *
snapshot_load (IumStore *store, GCancellable *cancellable, GError **error)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  /* The version is read first: a change that lands during the load moves it again, so the
   * next check loads once more rather than missing it. */
  if (!ium_store_get_data_version (store, &snapshot->data_version, error)
      || !(snapshot->inventory = ium_store_load (store, error))
      || !(snapshot->token = ium_token_get (store, error))
      || !(snapshot->rollouts = ium_rollout_list (store, error))
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      snapshot_free (snapshot);
      return NULL;
    }
  snapshot->fleet = ium_fleet_new (snapshot->inventory);
  snapshot->rows = ium_fleet_rows_build (snapshot->fleet, snapshot->rollouts, now);
  /* The next edit starts from it rather than reading a second copy while this one is shown. */
  ium_store_keep_inventory (store, snapshot->inventory, snapshot->data_version);
  return snapshot;
}

/* On the worker thread, after a change to @name alone: @base (the inventory shown, read at
 * @base_version) with that instrument read again, a fleet over it and the instrument's row.
 * Anything else (another program wrote too, the instrument is gone) loads everything. */
static Snapshot *
snapshot_update (IumStore     *store,
                 IumInventory *base,
                 gint64        base_version,
                 GPtrArray    *rollouts,
                 const char   *name,
                 GError      **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (IumInstrument) instrument = NULL;
  Snapshot *snapshot;
  gint64    version;

  if (!ium_store_get_data_version (store, &version, error))
    return NULL;
  if (version != base_version
      || (instrument = ium_store_load_instrument (store, name, NULL)) == NULL)
    return snapshot_load (store, NULL, error);

  snapshot = g_new0 (Snapshot, 1);
  snapshot->partial = TRUE;
  snapshot->data_version = version;
  /* Shares every object but the instrument: what the inventory costs is not held twice. */
  snapshot->inventory = ium_inventory_copy (base);
  ium_inventory_put_instrument (snapshot->inventory, instrument);
  snapshot->fleet = ium_fleet_new (snapshot->inventory);
  snapshot->rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (snapshot->rows, ium_fleet_row_new (snapshot->fleet, instrument, rollouts, now));
  ium_store_keep_inventory (store, snapshot->inventory, version);
  return snapshot;
}

static void
set_loading (IumInventoryService *self, gboolean loading)
{
  gboolean was = self->loads > 0;

  if (loading)
    self->loads++;
  else if (self->loads > 0)
    self->loads--;
  if (was != (self->loads > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (IumInventoryService *self, const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
token_field_changed (const char *old_value, const char *new_value)
{
  return g_strcmp0 (old_value, new_value) != 0;
}

static void
set_token (IumInventoryService *self, IumToken *token)
{
  g_autoptr (IumToken) old = g_steal_pointer (&self->token);
  gboolean held_before = ium_inventory_service_get_holds_token (self);

  self->token = token;
  /* cppcheck-suppress nullPointer ; every dereference of token is behind its NULL test */
  if (token_field_changed (old ? old->holder : NULL, token ? token->holder : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_HOLDER]);
  if (token_field_changed (old ? old->since : NULL, token ? token->since : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_SINCE]);
  if (token_field_changed (old ? old->note : NULL, token ? token->note : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_NOTE]);
  if (held_before != ium_inventory_service_get_holds_token (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLDS_TOKEN]);
}

/* Takes @snapshot, which holds the one row that changed. Returns FALSE (and takes nothing)
 * when that row is not shown: then only a whole snapshot will do. */
static gboolean
apply_update (IumInventoryService *self, Snapshot *snapshot)
{
  IumFleetRow *row = g_ptr_array_index (snapshot->rows, 0);
  gpointer     old = g_hash_table_lookup (self->rows_by_name, ium_fleet_row_get_name (row));
  guint        position;

  if (old == NULL || !g_list_store_find (self->instruments, old, &position))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  self->data_version = snapshot->data_version;
  g_set_object (&self->inventory, snapshot->inventory);
  g_set_object (&self->fleet, snapshot->fleet);
  set_error (self, NULL);
  /* The key belongs to the row: replaced with it, before the old row goes. */
  g_hash_table_replace (self->rows_by_name, (gpointer) ium_fleet_row_get_name (row), row);
  g_list_store_splice (self->instruments, position, 1, (gpointer *) &row, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVENTORY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLEET]);
  g_object_thaw_notify (G_OBJECT (self));

  snapshot_free (snapshot);
  g_signal_emit (self, signals[LOADED], 0);
  return TRUE;
}

/* Takes @snapshot. */
static void
apply_snapshot (IumInventoryService *self, Snapshot *snapshot)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->instruments));

  g_object_freeze_notify (G_OBJECT (self));

  self->data_version = snapshot->data_version;
  g_set_object (&self->inventory, snapshot->inventory);
  g_set_object (&self->fleet, snapshot->fleet);
  g_clear_pointer (&self->rollouts, g_ptr_array_unref);
  self->rollouts = g_steal_pointer (&snapshot->rollouts);
  set_token (self, g_steal_pointer (&snapshot->token));
  set_error (self, NULL);

  g_hash_table_remove_all (self->rows_by_name);
  for (guint i = 0; i < snapshot->rows->len; i++)
    {
      IumFleetRow *row = g_ptr_array_index (snapshot->rows, i);
      g_hash_table_insert (self->rows_by_name, (gpointer) ium_fleet_row_get_name (row), row);
    }
  g_list_store_splice (self->instruments, 0, n_old, snapshot->rows->pdata, snapshot->rows->len);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVENTORY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLEET]);
  g_object_thaw_notify (G_OBJECT (self));

  snapshot_free (snapshot);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
clear_state (IumInventoryService *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->inventory != NULL)
    {
      g_clear_object (&self->inventory);
      g_clear_object (&self->fleet);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVENTORY]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLEET]);
    }
  /* A new array rather than the old one emptied: an edit on its way may still read it on the
   * worker (run_instrument_async()). */
  g_clear_pointer (&self->rollouts, g_ptr_array_unref);
  self->rollouts = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_rollout_free);
  set_token (self, NULL);
  g_hash_table_remove_all (self->rows_by_name);
  g_list_store_remove_all (self->instruments);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Opening and loading */

typedef struct
{
  char    *path;
  gboolean create;
  guint    generation;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_free (open->path);
  g_free (open);
}

static void
open_in_worker (IumStore **store, GTask *task, gpointer task_data, GCancellable *cancellable)
{
  OpenData *open = task_data;
  g_autoptr (GError) error = NULL;
  Snapshot *snapshot;

  g_clear_object (store);
  *store = open->create ? ium_store_open (open->path, &error)
                        : ium_store_open_existing (open->path, &error);
  if (*store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  snapshot = snapshot_load (*store, cancellable, &error);
  if (snapshot == NULL)
    {
      /* A database that opens but does not load (a damaged row) stays closed: nothing may
       * write over what could still be rescued from it. */
      g_clear_object (store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, snapshot, snapshot_free);
}

static void
load_in_worker (IumStore **store, GTask *task, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  Snapshot *snapshot;

  if (*store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _ ("No inventory is open."));
      return;
    }
  if ((snapshot = snapshot_load (*store, cancellable, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, snapshot, snapshot_free);
}

/* Checks data_version against the one of the last load (the task data) and loads only when
 * another program changed the database. Returns NULL (no error) when nothing changed. */
static void
check_in_worker (IumStore **store, GTask *task, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  gint64 *known = task_data;
  gint64  version;

  if (*store == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (!ium_store_get_data_version (*store, &version, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (version == *known)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  load_in_worker (store, task, task_data, cancellable);
}

static void
load_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  IumInventoryService *self = IUM_INVENTORY_SERVICE (object);
  guint                generation = GPOINTER_TO_UINT (user_data);
  g_autoptr (GError) error = NULL;
  Snapshot *snapshot = g_task_propagate_pointer (G_TASK (result), &error);

  set_loading (self, FALSE);

  /* A load for a file that has been replaced since is of no interest any more. */
  if (generation != self->generation || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      snapshot_free (snapshot);
      return;
    }

  if (error != NULL)
    {
      g_debug ("Loading %s failed: %s", self->path, error->message);
      /* A failed check of a loaded inventory keeps what is shown, with the error beside it. */
      if (!self->opened)
        clear_state (self);
      set_error (self, error);
      return;
    }
  if (snapshot != NULL)
    {
      self->opened = TRUE;
      apply_snapshot (self, snapshot);
    }
}

static void
push_load (IumInventoryService *self,
           IumStoreWorkerFunc   func,
           gpointer             task_data,
           GDestroyNotify       task_data_free)
{
  g_autoptr (GTask) task = NULL;

  task =
    g_task_new (self, self->load_cancellable, load_done_cb, GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, task_data, task_data_free);
  set_loading (self, TRUE);
  ium_store_worker_push (self->worker, task, func);
}

static gboolean
settle_cb (gpointer data)
{
  IumInventoryService *self = data;
  gint64              *known;

  /* While a load (or an edit) is on its way, the version it will have read is not known yet:
   * compared with the one before it, the check would load everything a second time (the
   * first open creates the WAL file, which this monitor sees). Checked when it is done. */
  if (self->loads > 0)
    return G_SOURCE_CONTINUE;

  self->settle_id = 0;
  known = g_new (gint64, 1);
  *known = self->data_version;
  push_load (self, check_in_worker, known, g_free);
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GFileMonitor     *monitor,
                 GFile            *file,
                 GFile            *other_file,
                 GFileMonitorEvent event,
                 gpointer          user_data)
{
  IumInventoryService *self = user_data;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CHANGED
      && event != G_FILE_MONITOR_EVENT_CREATED && event != G_FILE_MONITOR_EVENT_DELETED)
    return;
  if (self->settle_id != 0)
    g_source_remove (self->settle_id);
  self->settle_id = g_timeout_add (CHANGE_SETTLE_MS, settle_cb, self);
}

static void
stop_monitoring (IumInventoryService *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->monitors); i++)
    if (self->monitors[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->monitors[i], self);
        g_file_monitor_cancel (self->monitors[i]);
        g_clear_object (&self->monitors[i]);
      }
  g_clear_handle_id (&self->settle_id, g_source_remove);
}

static void
start_monitoring (IumInventoryService *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  const char      *paths[] = { self->path, wal };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr (GError) error = NULL;

      self->monitors[i] = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
      if (self->monitors[i] == NULL)
        {
          /* Not fatal: the inventory is still shown and reloaded after our own edits. */
          g_warning ("Cannot watch %s for changes by other programs: %s", paths[i], error->message);
          continue;
        }
      g_signal_connect (self->monitors[i], "changed", G_CALLBACK (file_changed_cb), self);
    }
}

/* Running jobs */

typedef struct
{
  IumServiceJob      job;
  gpointer           data;
  GDestroyNotify     data_free;
  GDestroyNotify     result_free;
  IumServiceJobFlags flags;
  guint              generation;
  gpointer           result;     /* owned, until handed over */
  char              *instrument; /* owned: the one instrument the job changes, or NULL */
  IumInventory      *base;       /* owned: the inventory shown, when instrument is set */
  GPtrArray         *rollouts;   /* owned: the rollouts shown, when instrument is set */
  gint64             base_version;
  Snapshot          *snapshot;     /* owned: the state after a changing job */
  GError            *reload_error; /* owned */
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  if (run->data_free != NULL)
    g_clear_pointer (&run->data, run->data_free);
  if (run->result != NULL && run->result_free != NULL)
    run->result_free (run->result);
  snapshot_free (run->snapshot);
  g_clear_error (&run->reload_error);
  g_free (run->instrument);
  g_clear_object (&run->base);
  g_clear_pointer (&run->rollouts, g_ptr_array_unref);
  g_free (run);
}

static void
run_in_worker (IumStore **store, GTask *task, gpointer task_data, GCancellable *cancellable)
{
  RunData *run = task_data;
  GError  *error = NULL;

  if (*store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _ ("No inventory is open."));
      return;
    }
  run->result = run->job (*store, run->data, cancellable, &error);
  if (run->result == NULL)
    {
      if (error == NULL)
        g_critical ("A service job returned NULL without an error");
      g_task_return_error (
        task, error ? error : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "failed"));
      return;
    }
  /* The change is made: a failed reload must not look like a failed change. */
  if (run->flags & IUM_SERVICE_JOB_RELOAD)
    run->snapshot = run->base != NULL
                      ? snapshot_update (*store, run->base, run->base_version, run->rollouts,
                                         run->instrument, &run->reload_error)
                      : snapshot_load (*store, NULL, &run->reload_error);
  g_task_return_boolean (task, TRUE);
}

static void
run_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  IumInventoryService *self = IUM_INVENTORY_SERVICE (object);
  g_autoptr (GTask) outer = user_data;
  RunData *run = g_task_get_task_data (G_TASK (result));
  GError  *error = NULL;

  if (run->flags & IUM_SERVICE_JOB_RELOAD)
    set_loading (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  if (run->generation == self->generation)
    {
      if (run->snapshot != NULL && run->snapshot->partial)
        {
          if (apply_update (self, run->snapshot))
            run->snapshot = NULL;
          else
            ium_inventory_service_reload (self);
        }
      else if (run->snapshot != NULL)
        apply_snapshot (self, g_steal_pointer (&run->snapshot));
      else if (run->reload_error != NULL)
        set_error (self, run->reload_error);
    }

  g_task_return_pointer (outer, g_steal_pointer (&run->result), run->result_free);
}

/* GObject */

static void
ium_inventory_service_dispose (GObject *object)
{
  IumInventoryService *self = IUM_INVENTORY_SERVICE (object);

  stop_monitoring (self);
  g_cancellable_cancel (self->load_cancellable);
  /* Joins the worker thread after the jobs already queued. */
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ium_inventory_service_parent_class)->dispose (object);
}

static void
ium_inventory_service_finalize (GObject *object)
{
  IumInventoryService *self = IUM_INVENTORY_SERVICE (object);

  g_free (self->path);
  g_free (self->who);
  g_clear_error (&self->error);
  g_clear_object (&self->inventory);
  g_clear_object (&self->fleet);
  g_clear_pointer (&self->token, ium_token_free);
  g_clear_pointer (&self->rollouts, g_ptr_array_unref);
  g_clear_pointer (&self->rows_by_name, g_hash_table_unref);
  g_clear_object (&self->instruments);
  g_clear_object (&self->load_cancellable);

  G_OBJECT_CLASS (ium_inventory_service_parent_class)->finalize (object);
}

static void
ium_inventory_service_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  IumInventoryService *self = IUM_INVENTORY_SERVICE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_WHO:
      g_value_set_string (value, self->who);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loads > 0);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_INVENTORY:
      g_value_set_object (value, self->inventory);
      break;
    case PROP_FLEET:
      g_value_set_object (value, self->fleet);
      break;
    case PROP_TOKEN_HOLDER:
      g_value_set_string (value, self->token ? self->token->holder : NULL);
      break;
    case PROP_TOKEN_SINCE:
      g_value_set_string (value, self->token && self->token->holder ? self->token->since : NULL);
      break;
    case PROP_TOKEN_NOTE:
      g_value_set_string (value, self->token ? self->token->note : NULL);
      break;
    case PROP_HOLDS_TOKEN:
      g_value_set_boolean (value, ium_inventory_service_get_holds_token (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_inventory_service_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  IumInventoryService *self = IUM_INVENTORY_SERVICE (object);

  switch (prop_id)
    {
    case PROP_WHO:
      ium_inventory_service_set_who (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_inventory_service_class_init (IumInventoryServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ium_inventory_service_dispose;
  object_class->finalize = ium_inventory_service_finalize;
  object_class->get_property = ium_inventory_service_get_property;
  object_class->set_property = ium_inventory_service_set_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_WHO] = g_param_spec_string (
    "who", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL, IUM_TYPE_INVENTORY, ro);
  properties[PROP_FLEET] = g_param_spec_object ("fleet", NULL, NULL, IUM_TYPE_FLEET, ro);
  properties[PROP_TOKEN_HOLDER] = g_param_spec_string ("token-holder", NULL, NULL, NULL, ro);
  properties[PROP_TOKEN_SINCE] = g_param_spec_string ("token-since", NULL, NULL, NULL, ro);
  properties[PROP_TOKEN_NOTE] = g_param_spec_string ("token-note", NULL, NULL, NULL, ro);
  properties[PROP_HOLDS_TOKEN] = g_param_spec_boolean ("holds-token", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
ium_inventory_service_init (IumInventoryService *self)
{
  self->worker = ium_store_worker_new ();
  self->instruments = g_list_store_new (IUM_TYPE_FLEET_ROW);
  self->rows_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->rollouts = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_rollout_free);
  self->who = g_strdup (g_get_user_name ());
  self->load_cancellable = g_cancellable_new ();
}

/* Public API */

IumInventoryService *
ium_inventory_service_new (void)
{
  return g_object_new (IUM_TYPE_INVENTORY_SERVICE, NULL);
}

const char *
ium_inventory_service_get_path (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  return self->path;
}

const char *
ium_inventory_service_get_who (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  return self->who;
}

void
ium_inventory_service_set_who (IumInventoryService *self, const char *who)
{
  gboolean held_before;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));

  if (who == NULL || *who == '\0')
    who = g_get_user_name ();
  if (g_strcmp0 (who, self->who) == 0)
    return;

  held_before = ium_inventory_service_get_holds_token (self);
  g_free (self->who);
  self->who = g_strdup (who);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHO]);
  if (held_before != ium_inventory_service_get_holds_token (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLDS_TOKEN]);
}

gboolean
ium_inventory_service_get_loading (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), FALSE);
  return self->loads > 0;
}

const GError *
ium_inventory_service_get_error (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  return self->error;
}

IumInventory *
ium_inventory_service_get_inventory (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  return self->inventory;
}

IumFleet *
ium_inventory_service_get_fleet (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  return self->fleet;
}

GPtrArray *
ium_inventory_service_get_rollouts (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  return self->rollouts;
}

const IumToken *
ium_inventory_service_get_token (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  return self->token;
}

gboolean
ium_inventory_service_get_holds_token (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), FALSE);
  return self->token != NULL && self->token->holder != NULL
         && g_strcmp0 (self->token->holder, self->who) == 0;
}

GListModel *
ium_inventory_service_get_instruments (IumInventoryService *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  return G_LIST_MODEL (self->instruments);
}

gpointer
ium_inventory_service_lookup_row (IumInventoryService *self, const char *name)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->rows_by_name, name);
}

void
ium_inventory_service_open (IumInventoryService *self, const char *path, gboolean create)
{
  OpenData *open;

  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (path != NULL);

  stop_monitoring (self);
  g_cancellable_cancel (self->load_cancellable);
  g_object_unref (self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->generation++;
  self->opened = FALSE;

  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
  clear_state (self);
  set_error (self, NULL);

  open = g_new0 (OpenData, 1);
  open->path = g_strdup (path);
  open->create = create;
  push_load (self, open_in_worker, open, open_data_free);
  start_monitoring (self);
}

void
ium_inventory_service_reload (IumInventoryService *self)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));

  if (self->path == NULL)
    return;
  /* A file that could not be opened gets another try from the start. */
  if (!self->opened)
    {
      g_autofree char *path = g_strdup (self->path);
      ium_inventory_service_open (self, path, FALSE);
      return;
    }
  push_load (self, load_in_worker, NULL, NULL);
}

static void
run_async (IumInventoryService *self,
           const char          *instrument,
           IumServiceJob        job,
           gpointer             data,
           GDestroyNotify       data_free,
           GDestroyNotify       result_free,
           IumServiceJobFlags   flags,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GTask) inner = NULL;
  RunData *run;

  /* A change that was made is reported as made, even when Cancel came too late to stop it:
   * jobs look at the cancellable themselves, where stopping is still possible. */
  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_check_cancellable (outer, FALSE);

  run = g_new0 (RunData, 1);
  run->job = job;
  run->data = data;
  run->data_free = data_free;
  run->result_free = result_free;
  run->flags = flags;
  run->generation = self->generation;
  /* Only over the state shown and with nothing else on its way that would change it: a load
   * or an edit still queued would be undone by an update made from what is shown now. */
  if (instrument != NULL && self->inventory != NULL && self->loads == 0)
    {
      run->instrument = g_strdup (instrument);
      run->base = g_object_ref (self->inventory);
      run->rollouts = g_ptr_array_ref (self->rollouts);
      run->base_version = self->data_version;
    }

  inner = g_task_new (self, cancellable, run_done_cb, g_steal_pointer (&outer));
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, run, run_data_free);
  if (flags & IUM_SERVICE_JOB_RELOAD)
    set_loading (self, TRUE);
  ium_store_worker_push (self->worker, inner, run_in_worker);
}

void
ium_inventory_service_run_async (IumInventoryService *self,
                                 IumServiceJob        job,
                                 gpointer             data,
                                 GDestroyNotify       data_free,
                                 GDestroyNotify       result_free,
                                 IumServiceJobFlags   flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (job != NULL);

  run_async (self, NULL, job, data, data_free, result_free, flags, cancellable, callback,
             user_data);
}

void
ium_inventory_service_run_instrument_async (IumInventoryService *self,
                                            const char          *instrument,
                                            IumServiceJob        job,
                                            gpointer             data,
                                            GDestroyNotify       data_free,
                                            GDestroyNotify       result_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (IUM_IS_INVENTORY_SERVICE (self));
  g_return_if_fail (instrument != NULL);
  g_return_if_fail (job != NULL);

  run_async (self, instrument, job, data, data_free, result_free, IUM_SERVICE_JOB_RELOAD,
             cancellable, callback, user_data);
}

gboolean
ium_inventory_service_was_cancelled (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));
}

gpointer
ium_inventory_service_run_finish (IumInventoryService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
