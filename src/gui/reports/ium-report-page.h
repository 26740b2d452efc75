/* ium-report-page.h: one page of a laid out report, drawn as it prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-report-pages.h"

G_BEGIN_DECLS

/* clang-format off */

/* Pixels per point at 100 %: a page at 96 dots per inch, as a printed page looks on screen. */
#define IUM_REPORT_PAGE_PIXELS_PER_POINT (96.0 / 72.0)

#define IUM_TYPE_REPORT_PAGE (ium_report_page_get_type ())
G_DECLARE_FINAL_TYPE (IumReportPage, ium_report_page, IUM, REPORT_PAGE, GtkWidget)

GtkWidget *ium_report_page_new (void);
/* Shows page @page (from 0) of @pages (nullable: nothing) at @zoom (1.0 is 100 %). */
void       ium_report_page_set (IumReportPage  *self,
                                IumReportPages *pages,
                                guint           page,
                                double          zoom);

/* clang-format on */

G_END_DECLS
