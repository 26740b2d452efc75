/* ium-report-print.c: printing a laid out report.
 *
 * The pages are laid out once, on A4, off the main thread (ium-report-job.c); printing draws
 * those same pages scaled to the paper, rather than laying the report out again on the main
 * thread for each paper size, which would block the window for a large facility. On A4 the
 * scale is exactly 1, and the print is the PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-report-print.h"

static void
begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, IumReportPages *pages)
{
  gtk_print_operation_set_n_pages (operation, (int) ium_report_pages_get_n_pages (pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              IumReportPages    *pages)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double   width = gtk_print_context_get_width (context);
  double   height = gtk_print_context_get_height (context);
  double   scale = MIN (width / IUM_REPORT_PAGE_A4_WIDTH, height / IUM_REPORT_PAGE_A4_HEIGHT);

  if (page < 0 || (guint) page >= ium_report_pages_get_n_pages (pages))
    return;
  cairo_save (cr);
  cairo_translate (cr, (width - IUM_REPORT_PAGE_A4_WIDTH * scale) / 2,
                   (height - IUM_REPORT_PAGE_A4_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  ium_report_pages_draw_page (pages, cr, (guint) page);
  cairo_restore (cr);
}

GtkPrintOperation *
ium_report_print_operation_new (IumReportPages *pages)
{
  GtkPrintOperation *operation;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  IumReport       *report;
  g_autofree char *name = NULL;

  g_return_val_if_fail (IUM_IS_REPORT_PAGES (pages), NULL);

  report = ium_report_pages_get_report (pages);
  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The pages carry their own margins, as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the print job's name: the release of the report. */
  name = g_strdup_printf (_ ("Release report %s"),
                          ium_release_get_version_text (ium_report_get_release (report)));
  gtk_print_operation_set_job_name (operation, name);
  /* The pages live as long as the operation, which may outlive the view. */
  g_object_set_data_full (G_OBJECT (operation), "ium-pages", g_object_ref (pages), g_object_unref);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), pages);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), pages);
  return operation;
}
