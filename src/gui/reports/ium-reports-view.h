/* ium-reports-view.h: the release report: generate it for a release, preview its pages as
 * they print, export it in any format, print it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-inventory-service.h"
#include "ium-report-pages.h"
#include "widgets/ium-banner.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_REPORTS_VIEW (ium_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (IumReportsView, ium_reports_view, IUM, REPORTS_VIEW, GtkWidget)

GtkWidget      *ium_reports_view_new           (IumInventoryService *service);

/* Chooses @release (its version text, as the drop-down lists it) and @days, and generates
 * the report as the Generate button does: on worker threads, with the progress bar. FALSE
 * when the inventory has no such release (nothing is started). */
gboolean        ium_reports_view_generate      (IumReportsView      *self,
                                                const char          *release,
                                                guint                days);
/* Cancels the report being made or saved, as the Cancel button does. */
void            ium_reports_view_cancel        (IumReportsView      *self);
/* Whether a report is being made or saved (the progress bar is shown). */
gboolean        ium_reports_view_get_busy      (IumReportsView      *self);
/* The report shown and its pages, NULL before the first one. Borrowed. */
IumReport      *ium_reports_view_get_report    (IumReportsView      *self);
IumReportPages *ium_reports_view_get_pages     (IumReportsView      *self);
/* How many reports were shown since the view was made. */
guint           ium_reports_view_get_n_reports (IumReportsView      *self);
/* Writes the report shown to @file in @format, as Export does after its file chooser; the
 * outcome is said in the view's banner. */
void            ium_reports_view_export        (IumReportsView      *self,
                                                GFile               *file,
                                                IumReportFormat      format);
/* Prints the report shown without a dialog into a PDF file at @path, through the same
 * GtkPrintOperation as Print…. */
gboolean        ium_reports_view_print_to_file (IumReportsView      *self,
                                                const char          *path,
                                                GError             **error);
/* The preview's zoom, 1.0 for 100 %. */
double          ium_reports_view_get_zoom      (IumReportsView      *self);
IumBanner      *ium_reports_view_get_banner    (IumReportsView      *self);

/* clang-format on */

G_END_DECLS
