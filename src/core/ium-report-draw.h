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

/* clang-format off */

/* The report's typeface, with fallbacks, for pango and for CSS. */
#define IUM_REPORT_FONT_FAMILY "Cantarell, DejaVu Sans"
#define IUM_REPORT_CSS_FONTS   "Cantarell, 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"

/* A context for measuring and drawing report text. Owned. */
PangoContext *ium_report_text_context_new (void);
/* The report's font at @size units. Owned. */
PangoFontDescription *ium_report_font_new (double    size,
                                           gboolean  bold);
/* A layout of @text (plain, not markup) in @font. Owned. */
PangoLayout  *ium_report_layout_new_with_font (PangoContext               *context,
                                               const char                 *text,
                                               const PangoFontDescription *font);
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

/* The glyphs of a laid out text, placed from the layout's top-left corner, to be drawn
 * without pango: a long report draws the same few thousand texts many times. */
typedef struct _IumReportGlyphs IumReportGlyphs;

IumReportGlyphs *ium_report_glyphs_new   (PangoLayout     *layout);
void             ium_report_glyphs_free  (IumReportGlyphs *glyphs);
/* FALSE when some character had no glyph in any font: pango then draws a box with its code,
 * which glyphs alone cannot, so such a text is drawn with its layout instead. */
gboolean         ium_report_glyphs_is_complete (const IumReportGlyphs *glyphs);

/* What one page draws, gathered and drawn at once: rectangles by layer and colour, lines by
 * colour, and glyphs by font and colour in one cairo_show_glyphs() each. A PDF page of a
 * thousand table cells then costs a few dozen drawing operations instead of thousands,
 * which is what cairo's PDF surface spends its time on (it records, replays and compresses
 * every operation). Flushing draws the background layer, then the lines, then the
 * foreground layer, then the text. */
typedef struct _IumReportBatch IumReportBatch;

typedef enum
{
  IUM_REPORT_LAYER_BACKGROUND, /* zebra stripes */
  IUM_REPORT_LAYER_FOREGROUND, /* badges */
} IumReportLayer;

IumReportBatch  *ium_report_batch_new        (void);
void             ium_report_batch_free       (IumReportBatch  *batch);
void             ium_report_batch_add_rect   (IumReportBatch  *batch,
                                              IumReportLayer   layer,
                                              double           x,
                                              double           y,
                                              double           width,
                                              double           height,
                                              double           radius,
                                              guint32          colour);
void             ium_report_batch_add_line   (IumReportBatch  *batch,
                                              double           x1,
                                              double           y1,
                                              double           x2,
                                              double           y2,
                                              double           width,
                                              guint32          colour);
void             ium_report_batch_add_glyphs (IumReportBatch        *batch,
                                              const IumReportGlyphs *glyphs,
                                              double                 x,
                                              double                 y,
                                              guint32                colour);
/* A layout drawn as pango draws it, after the glyphs (for texts that are not complete). The
 * batch keeps a reference. */
void             ium_report_batch_add_layout (IumReportBatch  *batch,
                                              PangoLayout     *layout,
                                              double           x,
                                              double           y,
                                              guint32          colour);
/* Draws everything gathered on @cr and empties @batch. */
void             ium_report_batch_flush      (IumReportBatch  *batch,
                                              cairo_t         *cr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumReportBatch, ium_report_batch_free)

/* clang-format on */

G_END_DECLS
