/* ium-report-chart.h: the report's charts, defined once and drawn two ways.
 *
 * Each chart is computed from the report into shapes (bars, lines, labels) for a given size;
 * the same shapes are drawn on a cairo context (the PDF, the GUI preview, printing) or written
 * as inline SVG (the HTML report). What a chart shows is decided in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ium-report.h"

G_BEGIN_DECLS

/* clang-format off */

typedef enum {
  IUM_REPORT_CHART_STATUS,   /* instruments per status flag */
  IUM_REPORT_CHART_VERSIONS, /* instruments per release they run, coloured by tier */
  IUM_REPORT_CHART_TIMELINE, /* upgrades per day (or week) by state, waves above, today */
} IumReportChart;

#define IUM_REPORT_N_CHARTS 3

/* "Status flags", "Releases in use", "Rollout timeline". Borrowed. */
const char *ium_report_chart_get_title     (IumReportChart  chart);
/* The size the report's own layouts use, in points; a chart scales to any size, but its text
 * does not, so a much smaller size crowds it. */
void        ium_report_chart_get_size_hint (IumReportChart  chart,
                                            double         *width,
                                            double         *height);
/* Draws @chart of @report on @cr in the rectangle (0, 0, @width, @height) of the current user
 * space (translate @cr first to place it). Leaves @cr's state as it found it. */
void        ium_report_chart_draw          (IumReport      *report,
                                            IumReportChart  chart,
                                            cairo_t        *cr,
                                            double          width,
                                            double          height);
/* The same chart as an <svg> element with a viewBox of @width x @height (it scales to its
 * container), every text escaped. Owned. */
char       *ium_report_chart_to_svg        (IumReport      *report,
                                            IumReportChart  chart,
                                            double          width,
                                            double          height);

/* clang-format on */

G_END_DECLS
