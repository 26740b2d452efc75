/* ium-report-print.h: printing a laid out report through GtkPrintOperation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-report-pages.h"

G_BEGIN_DECLS

/* clang-format off */

/* A print operation for @pages, ready to run: A4 by default, in points, every page drawn by
 * ium_report_pages_draw_page() scaled to fit the paper chosen (centred), so that the pages
 * print as the preview shows them on any paper size. Owned. */
GtkPrintOperation *ium_report_print_operation_new (IumReportPages *pages);

/* clang-format on */

G_END_DECLS
