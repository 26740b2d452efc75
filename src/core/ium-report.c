/* ium-report.c: the release report object: building it (here and on a worker thread),
 * reading it, and writing it in one of the formats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-report.h"

#include "ium-report-private.h"

/* clang-format off */
G_DEFINE_QUARK (ium-report-error-quark, ium_report_error)
/* clang-format on */

G_DEFINE_FINAL_TYPE (IumReport, ium_report, G_TYPE_OBJECT)

/* The source tag of ium_report_new_async(): ISO C does not let a function pointer be one. */
static char new_async_tag;

static const struct
{
  IumReportFormat format;
  const char     *name;
} formats[] = {
  { IUM_REPORT_FORMAT_HTML, "html" }, { IUM_REPORT_FORMAT_MARKDOWN, "md" },
  { IUM_REPORT_FORMAT_CSV, "csv" },   { IUM_REPORT_FORMAT_JSON, "json" },
  { IUM_REPORT_FORMAT_PDF, "pdf" },
};

void
ium_report_progress_report (const IumReportProgress *progress, double fraction, const char *stage)
{
  if (progress == NULL || progress->func == NULL)
    return;
  progress->func (progress->offset + progress->scale * CLAMP (fraction, 0.0, 1.0), stage,
                  progress->data);
}

static void
ium_report_finalize (GObject *object)
{
  IumReport *self = (IumReport *) object;

  g_clear_object (&self->fleet);
  g_clear_pointer (&self->facility, g_free);
  g_clear_pointer (&self->generated, g_date_time_unref);
  g_clear_pointer (&self->clients_since, g_date_time_unref);
  g_clear_pointer (&self->all_rollouts, g_ptr_array_unref);
  g_clear_pointer (&self->rollouts, g_ptr_array_unref);
  g_clear_pointer (&self->all_clients, g_ptr_array_unref);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->hosts, g_free);
  g_clear_pointer (&self->rows_by_name, g_hash_table_unref);
  g_clear_pointer (&self->too_far_behind, g_ptr_array_unref);
  g_clear_pointer (&self->unsupported_tier, g_ptr_array_unref);
  g_clear_pointer (&self->partial, g_ptr_array_unref);
  g_clear_pointer (&self->custom, g_ptr_array_unref);
  g_clear_pointer (&self->upgrades, g_free);
  g_clear_pointer (&self->waves, g_array_unref);
  g_clear_pointer (&self->timeline, g_array_unref);
  g_clear_pointer (&self->versions, g_array_unref);

  G_OBJECT_CLASS (ium_report_parent_class)->finalize (object);
}

static void
ium_report_class_init (IumReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ium_report_finalize;
}

static void
ium_report_init (IumReport *self)
{
  self->rollouts = g_ptr_array_new ();
  self->clients = g_ptr_array_new ();
  self->rows_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->too_far_behind = g_ptr_array_new ();
  self->unsupported_tier = g_ptr_array_new ();
  self->partial = g_ptr_array_new ();
  self->custom = g_ptr_array_new ();
  self->waves = g_array_new (FALSE, TRUE, sizeof (IumReportWave));
  self->timeline = g_array_new (FALSE, TRUE, sizeof (IumReportDay));
  self->versions = g_array_new (FALSE, TRUE, sizeof (IumReportVersionCount));
}

static gboolean
check_days (guint days, GError **error)
{
  if (days >= 1 && days <= IUM_REPORT_MAX_DAYS)
    return TRUE;
  g_set_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID,
               _ ("the client window must be from 1 to %u days, not %u"),
               (guint) IUM_REPORT_MAX_DAYS, days);
  return FALSE;
}

static IumRelease *
lookup_release (IumInventory *inventory, const char *version, GError **error)
{
  IumRelease *release = ium_inventory_lookup_release (inventory, version);
  IumRelease *newest;

  if (release != NULL)
    return release;

  newest = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);
  if (newest != NULL)
    g_set_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_UNKNOWN_RELEASE,
                 _ ("there is no release “%s” in the inventory (the newest official release is "
                    "%s); 'ium status' names the releases instruments run"),
                 version, ium_release_get_version_text (newest));
  else
    g_set_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_UNKNOWN_RELEASE,
                 _ ("there is no release “%s”: the inventory has no releases; import one with "
                    "'ium import FILE'"),
                 version);
  return NULL;
}

static IumReport *
report_new_for_fleet (IumFleet                *fleet,
                      const char              *release,
                      GPtrArray               *rollouts,
                      GPtrArray               *clients,
                      guint                    days,
                      GDateTime               *now,
                      const IumReportProgress *progress,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr (IumReport) self = NULL;
  IumInventory *inventory = ium_fleet_get_inventory (fleet);
  IumRelease   *found;
  const char   *facility;

  if (!check_days (days, error))
    return NULL;
  if ((found = lookup_release (inventory, release, error)) == NULL)
    return NULL;

  self = g_object_new (IUM_TYPE_REPORT, NULL);
  self->fleet = g_object_ref (fleet);
  self->release = found;
  facility = ium_inventory_get_facility (inventory);
  self->facility = g_strdup (facility != NULL ? facility : "");
  self->days = days;
  self->generated = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  self->clients_since = g_date_time_add_days (self->generated, -(int) days);
  self->all_rollouts = rollouts != NULL ? g_ptr_array_ref (rollouts) : NULL;
  self->all_clients = clients != NULL ? g_ptr_array_ref (clients) : NULL;

  if (!ium_report_build (self, progress, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * ium_report_new_for_fleet:
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set.
 */
IumReport *
ium_report_new_for_fleet (IumFleet             *fleet,
                          const char           *release,
                          GPtrArray            *rollouts,
                          GPtrArray            *clients,
                          guint                 days,
                          GDateTime            *now,
                          GCancellable         *cancellable,
                          IumReportProgressFunc progress,
                          gpointer              progress_data,
                          GError              **error)
{
  IumReportProgress whole = { progress, progress_data, 0.0, 1.0 };

  g_return_val_if_fail (IUM_IS_FLEET (fleet), NULL);
  g_return_val_if_fail (release != NULL, NULL);

  return report_new_for_fleet (fleet, release, rollouts, clients, days, now, &whole, cancellable,
                               error);
}

/**
 * ium_report_new:
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set.
 */
IumReport *
ium_report_new (IumStore             *store,
                const char           *release,
                guint                 days,
                GDateTime            *now,
                GCancellable         *cancellable,
                IumReportProgressFunc progress,
                gpointer              progress_data,
                GError              **error)
{
  IumReportProgress loading = { progress, progress_data, 0.0, 1.0 };
  IumReportProgress building = { progress, progress_data, 0.45, 0.55 };
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (GPtrArray) rollouts = NULL;
  g_autoptr (GPtrArray) clients = NULL;
  g_autoptr (GDateTime) utc_now = NULL;
  g_autoptr (GDateTime) since = NULL;

  g_return_val_if_fail (IUM_IS_STORE (store), NULL);
  g_return_val_if_fail (release != NULL, NULL);

  /* Checked before any work, so that a bad argument costs nothing. */
  if (!check_days (days, error))
    return NULL;

  ium_report_progress_report (&loading, 0.0, _ ("Loading the inventory"));
  if ((inventory = ium_store_load (store, error)) == NULL)
    return NULL;
  if (lookup_release (inventory, release, error) == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  ium_report_progress_report (&loading, 0.25, _ ("Indexing the instruments"));
  fleet = ium_fleet_new (inventory);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  ium_report_progress_report (&loading, 0.35, _ ("Reading the rollouts"));
  if ((rollouts = ium_rollout_list (store, error)) == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  ium_report_progress_report (&loading, 0.4, _ ("Reading the client check log"));
  utc_now = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  since = g_date_time_add_days (utc_now, -(int) days);
  if ((clients = ium_store_list_clients_seen (store, since, error)) == NULL)
    return NULL;

  return report_new_for_fleet (fleet, release, rollouts, clients, days, utc_now, &building,
                               cancellable, error);
}

/* Runs @func on @context, never on this thread even when it could: g_main_context_invoke()
 * would run it right here when @context is the global default and nobody iterates it. */
static void
run_on_context (GMainContext *context, GSourceFunc func, gpointer data, GDestroyNotify notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[ium] report progress");
  g_source_attach (source, context);
  g_source_unref (source);
}

/* Progress from the worker thread, handed to the caller's main context. The callback and its
 * data are shared by the task and every queued message, so the last one frees them. */
typedef struct
{
  IumReportProgressFunc func;
  gpointer              data;
  GDestroyNotify        data_free;
  GMainContext         *context; /* owned */
} ProgressTarget;

static gboolean
free_progress_data_cb (gpointer data)
{
  ProgressTarget *target = data;

  target->data_free (target->data);
  return G_SOURCE_REMOVE;
}

static void
progress_target_clear (gpointer data)
{
  ProgressTarget *target = data;

  /* The last reference may go on the worker thread; the data (a widget, say) is freed on the
   * caller's main context all the same. */
  if (target->data_free != NULL)
    run_on_context (target->context, free_progress_data_cb, g_memdup2 (target, sizeof *target),
                    g_free);
  g_main_context_unref (target->context);
}

typedef struct
{
  ProgressTarget *target; /* owned reference */
  double          fraction;
  char           *stage; /* owned */
} ProgressMessage;

static void
progress_message_free (gpointer data)
{
  ProgressMessage *message = data;

  g_atomic_rc_box_release_full (message->target, progress_target_clear);
  g_free (message->stage);
  g_free (message);
}

static gboolean
deliver_progress_cb (gpointer data)
{
  ProgressMessage *message = data;

  message->target->func (message->fraction, message->stage, message->target->data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  char           *db_path; /* owned */
  char           *release; /* owned */
  guint           days;
  GDateTime      *now;        /* owned, nullable */
  ProgressTarget *target;     /* owned reference, nullable */
  double          last;       /* the fraction last handed on (worker thread only) */
  char           *last_stage; /* owned (worker thread only) */
} AsyncData;

static void
async_data_free (gpointer data)
{
  AsyncData *async = data;

  g_free (async->db_path);
  g_free (async->release);
  g_clear_pointer (&async->now, g_date_time_unref);
  if (async->target != NULL)
    g_atomic_rc_box_release_full (async->target, progress_target_clear);
  g_free (async->last_stage);
  g_free (async);
}

static void
worker_progress_cb (double fraction, const char *stage, gpointer user_data)
{
  AsyncData       *async = user_data;
  ProgressMessage *message;

  /* About a hundred messages in all: one per percent, and one per new stage. */
  if (fraction < async->last + 0.01 && fraction < 1.0 && g_strcmp0 (stage, async->last_stage) == 0)
    return;
  async->last = fraction;
  g_free (async->last_stage);
  async->last_stage = g_strdup (stage);

  message = g_new0 (ProgressMessage, 1);
  message->target = g_atomic_rc_box_acquire (async->target);
  message->fraction = fraction;
  message->stage = g_strdup (stage);
  run_on_context (async->target->context, deliver_progress_cb, message, progress_message_free);
}

static void
build_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  AsyncData *async = task_data;
  g_autoptr (IumStore) store = NULL;
  g_autoptr (GError) error = NULL;
  IumReport *report;

  /* One thread owns a connection at a time: this one is the worker's own. */
  store = ium_store_open_existing (async->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = ium_report_new (store, async->release, async->days, async->now, cancellable,
                           async->target != NULL ? worker_progress_cb : NULL, async, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
ium_report_new_async (const char           *db_path,
                      const char           *release,
                      guint                 days,
                      GDateTime            *now,
                      GCancellable         *cancellable,
                      IumReportProgressFunc progress,
                      gpointer              progress_data,
                      GDestroyNotify        progress_data_free,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  AsyncData *async;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (release != NULL);

  async = g_new0 (AsyncData, 1);
  async->db_path = g_strdup (db_path);
  async->release = g_strdup (release);
  async->days = days;
  async->now = now != NULL ? g_date_time_ref (now) : NULL;
  async->last = -1.0;
  if (progress != NULL)
    {
      async->target = g_atomic_rc_box_new0 (ProgressTarget);
      async->target->func = progress;
      async->target->data = progress_data;
      async->target->data_free = progress_data_free;
      async->target->context = g_main_context_ref_thread_default ();
    }
  else if (progress_data_free != NULL)
    progress_data_free (progress_data);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &new_async_tag);
  g_task_set_task_data (task, async, async_data_free);
  g_task_run_in_thread (task, build_in_thread);
}

/**
 * ium_report_new_finish:
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set.
 */
IumReport *
ium_report_new_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &new_async_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

IumFleet *
ium_report_get_fleet (IumReport *self)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return self->fleet;
}

const char *
ium_report_get_facility (IumReport *self)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return self->facility;
}

IumRelease *
ium_report_get_release (IumReport *self)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return self->release;
}

guint
ium_report_get_days (IumReport *self)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), 0);
  return self->days;
}

GDateTime *
ium_report_get_generated (IumReport *self)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return self->generated;
}

GDateTime *
ium_report_get_clients_since (IumReport *self)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return self->clients_since;
}

const IumReportSummary *
ium_report_get_summary (IumReport *self)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return &self->summary;
}

const IumReportRow *
ium_report_get_rows (IumReport *self, guint *n_rows)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);
  *n_rows = self->n_rows;
  return self->rows;
}

const IumReportRow *
ium_report_lookup_row (IumReport *self, const char *instrument)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  g_return_val_if_fail (instrument != NULL, NULL);
  return g_hash_table_lookup (self->rows_by_name, instrument);
}

static gconstpointer
array_data (GPtrArray *array, guint *n)
{
  *n = array->len;
  return array->pdata;
}

const IumReportRow *const *
ium_report_get_too_far_behind (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return array_data (self->too_far_behind, n);
}

const IumReportRow *const *
ium_report_get_unsupported_tier (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return array_data (self->unsupported_tier, n);
}

const IumReportRow *const *
ium_report_get_partial (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return array_data (self->partial, n);
}

const IumReportRow *const *
ium_report_get_custom (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return array_data (self->custom, n);
}

IumClientSeen *const *
ium_report_get_clients (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return array_data (self->clients, n);
}

const IumRollout *const *
ium_report_get_rollouts (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  return array_data (self->rollouts, n);
}

const IumReportUpgrade *
ium_report_get_upgrades (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  *n = self->n_upgrades;
  return self->upgrades;
}

const IumReportWave *
ium_report_get_waves (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  *n = self->waves->len;
  return (const IumReportWave *) (gpointer) self->waves->data;
}

const IumReportDay *
ium_report_get_timeline (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  *n = self->timeline->len;
  return (const IumReportDay *) (gpointer) self->timeline->data;
}

const IumReportVersionCount *
ium_report_get_versions (IumReport *self, guint *n)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);
  *n = self->versions->len;
  return (const IumReportVersionCount *) (gpointer) self->versions->data;
}

gboolean
ium_report_format_from_string (const char *text, IumReportFormat *format, GError **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (text, formats[i].name))
      {
        if (format != NULL)
          *format = formats[i].format;
        return TRUE;
      }
  g_set_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID,
               _ ("unknown report format “%s”: use html, md, csv, json or pdf"), text);
  return FALSE;
}

const char *
ium_report_format_to_string (IumReportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;
  return NULL;
}

gboolean
ium_report_format_is_binary (IumReportFormat format)
{
  return format == IUM_REPORT_FORMAT_PDF;
}

/**
 * ium_report_render:
 *
 * Returns: (transfer full) (nullable): the report as a file's contents.
 */
GBytes *
ium_report_render (IumReport      *self,
                   IumReportFormat format,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_return_val_if_fail (IUM_IS_REPORT (self), NULL);

  switch (format)
    {
    case IUM_REPORT_FORMAT_HTML:
      return ium_report_to_html (self, cancellable, error);
    case IUM_REPORT_FORMAT_MARKDOWN:
      return ium_report_to_markdown (self, cancellable, error);
    case IUM_REPORT_FORMAT_CSV:
      return ium_report_to_csv (self, cancellable, error);
    case IUM_REPORT_FORMAT_JSON:
      return ium_report_to_json (self, cancellable, error);
    case IUM_REPORT_FORMAT_PDF:
      return ium_report_to_pdf (self, cancellable, error);
    default:
      g_set_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID,
                   _ ("unknown report format %d"), (int) format);
      return NULL;
    }
}

gboolean
ium_report_save (IumReport      *self,
                 IumReportFormat format,
                 const char     *path,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr (GBytes) bytes = NULL;
  gsize       length;
  const char *data;

  g_return_val_if_fail (IUM_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((bytes = ium_report_render (self, format, cancellable, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  /* A temporary file in the same folder, renamed over @path: an error leaves no partial file
   * and the old one as it was. */
  return g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0644, error);
}
