/* ium-report-pages.h: the report laid out on pages, for the PDF and for printing.
 *
 * An IumReportPages lays a report out once on pages of a given size (A4 for the PDF; the
 * GUI passes the size of its GtkPrintContext): a title page with the summary cards and the
 * charts, then every section, with tables that break across pages and repeat their header.
 * Any page can then be drawn on any cairo context whose user space is in points: the PDF
 * writer draws every page on a PDF surface, and a GtkPrintOperation's draw-page handler draws
 * the page it is asked for (set the operation's unit to points).
 *
 * Text is laid out through a pango context of the thread that made the object: make it and
 * draw its pages on one thread at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ium-report.h"

G_BEGIN_DECLS

/* clang-format off */

/* A4 in points. */
#define IUM_REPORT_PAGE_A4_WIDTH  595.276
#define IUM_REPORT_PAGE_A4_HEIGHT 841.89

#define IUM_TYPE_REPORT_PAGES (ium_report_pages_get_type ())
G_DECLARE_FINAL_TYPE (IumReportPages, ium_report_pages, IUM, REPORT_PAGES, GObject)

/* Lays @report out on pages of @width x @height points (at least 300 x 400). Errors are
 * G_IO_ERROR_CANCELLED and IUM_REPORT_ERROR_INVALID for a page too small. Owned. */
IumReportPages *ium_report_pages_new              (IumReport       *report,
                                                   double           width,
                                                   double           height,
                                                   GCancellable    *cancellable,
                                                   GError         **error);
/* Borrowed. */
IumReport      *ium_report_pages_get_report       (IumReportPages  *self);
guint           ium_report_pages_get_n_pages      (IumReportPages  *self);
/* The page (from 0) on which the section @id ("instruments", "clients", ..., the ids of
 * docs/reports.md) starts, or -1 when there is no such section. */
int             ium_report_pages_get_section_page (IumReportPages  *self,
                                                   const char      *id);
/* Draws page @page (from 0) in the rectangle (0, 0, width, height) of @cr's user space, in
 * points, over a white background. Leaves @cr's state as it found it. */
void            ium_report_pages_draw_page        (IumReportPages  *self,
                                                   cairo_t         *cr,
                                                   guint            page);

/* clang-format on */

G_END_DECLS
