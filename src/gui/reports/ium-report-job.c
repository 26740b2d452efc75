/* ium-report-job.c: laying a report out and writing it, on GTask threads.
 *
 * The report itself is built by core's ium_report_new_async() over its own connection; what
 * is left for the view is the layout (hundreds of pages for a large facility) and the files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "ium-report-job.h"

typedef struct
{
  IumReport      *report; /* owned */
  IumReportFormat format;
  char           *path; /* owned */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->report);
  g_free (data->path);
  g_free (data);
}

static void
layout_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  IumReport *report = task_data;
  g_autoptr (PangoFontMap) map = pango_cairo_font_map_new ();
  g_autoptr (GError) error = NULL;
  IumReportPages *pages;

  /* Core lays text out with the thread's default font map, which a pool thread keeps for the
   * next task. A map of the pages' own lets the main thread draw them while this thread
   * lays out, or exports, something else: a font map is not safe to share between threads. */
  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (map));
  pages = ium_report_pages_new (report, IUM_REPORT_PAGE_A4_WIDTH, IUM_REPORT_PAGE_A4_HEIGHT,
                                cancellable, &error);
  pango_cairo_font_map_set_default (NULL);
  if (pages == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pages, g_object_unref);
}

void
ium_report_job_layout_async (IumReport          *report,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (IUM_IS_REPORT (report));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_task_data (task, g_object_ref (report), g_object_unref);
  g_task_run_in_thread (task, layout_thread);
}

IumReportPages *
ium_report_job_layout_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError   *error = NULL;

  if (ium_report_save (data->report, data->format, data->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ium_report_job_save_async (IumReport          *report,
                           IumReportFormat     format,
                           GFile              *file,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (IUM_IS_REPORT (report));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  if (!g_file_is_native (file))
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _ ("%s is not a local file: save the report in a local folder"),
                               uri);
      return;
    }
  data = g_new0 (SaveData, 1);
  data->report = g_object_ref (report);
  data->format = format;
  data->path = g_file_get_path (file);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
ium_report_job_save_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
unref_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_object_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

void
ium_report_job_unref_in_thread (gpointer object)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_OBJECT (object));

  /* Unreferenced in the thread function itself: task data would be freed wherever the task
   * is finalized, which may be the main thread. */
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, object, NULL);
  g_task_run_in_thread (task, unref_thread);
}

char *
ium_report_job_dup_file_name (IumReport *report, IumReportFormat format)
{
  g_return_val_if_fail (IUM_IS_REPORT (report), NULL);

  return g_strdup_printf ("report-%s.%s",
                          ium_release_get_version_text (ium_report_get_release (report)),
                          ium_report_format_to_string (format));
}
