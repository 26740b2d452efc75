/* ium-reports-view-export.c: the reports view's export (a file chooser, then
 * ium_report_save() on a worker: no partial file on error) and printing (GtkPrintOperation
 * over the pages of the preview).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-reports-view-private.h"

#include "ium-error-text.h"
#include "ium-report-job.h"
#include "ium-report-print.h"

/* Why a file could not be written, in words: GLib's message names the temporary file that
 * ium_report_save() writes first, which means nothing to the person who chose the name. */
static char *
dup_save_error (const GError *error, GFile *file)
{
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *folder = parent ? g_file_get_parse_name (parent) : g_strdup ("/");

  if (error->domain == G_FILE_ERROR)
    switch (error->code)
      {
      case G_FILE_ERROR_NOENT:
      case G_FILE_ERROR_NOTDIR:
        return g_strdup_printf (_ ("The folder %s does not exist. Choose another folder."), folder);
      case G_FILE_ERROR_ACCES:
      case G_FILE_ERROR_PERM:
      case G_FILE_ERROR_ROFS:
        return g_strdup_printf (_ ("You may not write in the folder %s. Choose another "
                                   "folder."),
                                folder);
      case G_FILE_ERROR_ISDIR:
        return g_strdup_printf (_ ("%s is a folder. Choose a file name."), name);
      case G_FILE_ERROR_NOSPC:
        return g_strdup_printf (_ ("The disk of the folder %s is full. Make room, or choose "
                                   "another folder."),
                                folder);
      default:
        break;
      }
  return ium_error_sentence (error);
}

static void
save_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumReportsView) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean saved = ium_report_job_save_finish (result, &error);
  g_autoptr (GFile) file = NULL;
  g_autofree char *name = NULL;

  if (!ium_reports_view_is_current (self, g_task_get_cancellable (G_TASK (result))))
    return;
  file = g_steal_pointer (&self->export_file);
  name = g_file_get_parse_name (file);
  ium_reports_view_end_work (self);
  if (!saved)
    {
      g_autofree char *sentence = dup_save_error (error, file);
      g_autofree char *body = NULL;

      /* Translators: after why saving the report failed. */
      body = g_strdup_printf (_ ("%s Nothing was written to %s."), sentence, name);
      ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("The report was not saved"), body);
      return;
    }
  ium_banner_show (self->banner, IUM_BANNER_INFO, _ ("The report was saved"), name);
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  IumReportsView *self = IUM_REPORTS_VIEW (user_data);
  IumReportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "ium-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        {
          /* The next export offers the same folder. */
          g_clear_object (&self->export_folder);
          self->export_folder = g_file_get_parent (file);
          ium_reports_view_export (self, file, format);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static const struct
{
  IumReportFormat format;
  const char     *filter; /* N_() */
  const char     *pattern;
} export_formats[] = {
  { IUM_REPORT_FORMAT_PDF, N_ ("PDF documents"), "*.pdf" },
  { IUM_REPORT_FORMAT_HTML, N_ ("Web pages"), "*.html" },
  { IUM_REPORT_FORMAT_MARKDOWN, N_ ("Markdown files"), "*.md" },
  { IUM_REPORT_FORMAT_CSV, N_ ("CSV files"), "*.csv" },
  { IUM_REPORT_FORMAT_JSON, N_ ("JSON files"), "*.json" },
};

void
ium_reports_view_export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumReportsView *self = IUM_REPORTS_VIEW (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char      *name = NULL;
  GtkFileChooserNative *dialog;
  IumReportFormat       format;
  GtkRoot              *root = gtk_widget_get_root (widget);

  if (self->report == NULL
      || !ium_report_format_from_string (g_variant_get_string (parameter, NULL), &format, &error))
    return;
  dialog = gtk_file_chooser_native_new (_ ("Export the Report"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (export_formats[i].format == format)
      {
        gtk_file_filter_set_name (filter, _ (export_formats[i].filter));
        gtk_file_filter_add_pattern (filter, export_formats[i].pattern);
        gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      }
  if (self->export_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), self->export_folder, NULL);
  name = ium_report_job_dup_file_name (self->report, format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "ium-format", GINT_TO_POINTER (format));
  g_signal_connect_object (dialog, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Print */

static void
print_done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, IumReportsView *self)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      ium_reports_view_show_failure (self, _ ("The report was not printed"), error);
    }
}

void
ium_reports_view_print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumReportsView *self = IUM_REPORTS_VIEW (widget);
  GtkRoot        *root = gtk_widget_get_root (widget);
  g_autoptr (GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->pages == NULL)
    return;
  /* The view keeps the operation while it runs: "done" comes during run() or after it, once
   * the dialog is gone and the pages are sent. */
  g_clear_object (&self->print_operation);
  self->print_operation = ium_report_print_operation_new (self->pages);
  g_signal_connect_object (self->print_operation, "done", G_CALLBACK (print_done_cb), self, 0);
  result = gtk_print_operation_run (self->print_operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    ium_reports_view_show_failure (self, _ ("The report was not printed"), error);
}

/* Public API */

void
ium_reports_view_export (IumReportsView *self, GFile *file, IumReportFormat format)
{
  g_autofree char *text = NULL;
  GCancellable    *cancellable;

  g_return_if_fail (IUM_IS_REPORTS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->report == NULL || self->cancellable != NULL)
    return;
  ium_banner_dismiss (self->banner);
  /* Translators: the progress bar while the report is written; %s is pdf, html, md, csv or
   * json. */
  text = g_strdup_printf (_ ("Saving the report as %s…"), ium_report_format_to_string (format));
  cancellable = ium_reports_view_begin_work (self, text, -1);
  g_set_object (&self->export_file, file);
  ium_report_job_save_async (self->report, format, file, cancellable, save_done_cb,
                             g_object_ref (self));
}

gboolean
ium_reports_view_print_to_file (IumReportsView *self, const char *path, GError **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (IUM_IS_REPORTS_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->pages == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "no report to print");
      return FALSE;
    }
  operation = ium_report_print_operation_new (self->pages);
  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
