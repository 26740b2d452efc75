/* ium-report-draw.h: text and shapes drawn with cairo and pango, shared by the charts
 * (ium-report-chart.c) and the paged layout (ium-report-pages.c).
 *
 * Text is measured and drawn through one PangoContext at 72 units per inch with hinting off,
 * so that sizes are in the units of the cairo context (points on a PDF page) and a layout
 * measures the same on paper, on screen and in print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "ium-report-style.h"

G_BEGIN_DECLS

/* The report's typeface, with fallbacks, for pango and for CSS. */
#define IUM_REPORT_FONT_FAMILY "Cantarell, DejaVu Sans"
#define IUM_REPORT_CSS_FONTS   "Cantarell, 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"

/* A context for measuring and drawing report text. Owned. */
PangoContext *ium_report_text_context_new (void);
/* A layout of @text (plain, not markup) at @size units. Owned. */
PangoLayout  *ium_report_layout_new       (PangoContext *context,
                                           const char   *text,
                                           double        size,
                                           gboolean      bold);
/* The logical width of @text at @size. */
double        ium_report_text_width       (PangoContext *context,
                                           const char   *text,
                                           double        size,
                                           gboolean      bold);
/* Draws @layout with its first baseline at @baseline. */
void          ium_report_show_layout      (cairo_t      *cr,
                                           PangoLayout  *layout,
                                           double        x,
                                           double        baseline);
void          ium_report_set_colour       (cairo_t      *cr,
                                           guint32       colour);
void          ium_report_rounded_rect     (cairo_t      *cr,
                                           double        x,
                                           double        y,
                                           double        width,
                                           double        height,
                                           double        radius);

G_END_DECLS
