/* ium-report-draw.c: text and shapes for the charts and the paged layout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include "ium-report-draw.h"


PangoContext *
ium_report_text_context_new (void)
{
  /* The default font map is per thread, so a worker thread gets its own. */
  PangoFontMap         *map = pango_cairo_font_map_get_default ();
  PangoContext         *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

PangoFontDescription *
ium_report_font_new (double size, gboolean bold)
{
  PangoFontDescription *font = pango_font_description_from_string (IUM_REPORT_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return font;
}

PangoLayout *
ium_report_layout_new_with_font (PangoContext               *context,
                                 const char                 *text,
                                 const PangoFontDescription *font)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

PangoLayout *
ium_report_layout_new (PangoContext *context, const char *text, double size, gboolean bold)
{
  PangoFontDescription *font = ium_report_font_new (size, bold);
  PangoLayout          *layout = ium_report_layout_new_with_font (context, text, font);

  pango_font_description_free (font);
  return layout;
}

double
ium_report_text_width (PangoContext *context, const char *text, double size, gboolean bold)
{
  g_autoptr (PangoLayout) layout = ium_report_layout_new (context, text, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

void
ium_report_show_layout (cairo_t *cr, PangoLayout *layout, double x, double baseline)
{
  cairo_move_to (cr, x, baseline - (double) pango_layout_get_baseline (layout) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

void
ium_report_set_colour (cairo_t *cr, guint32 colour)
{
  double r, g, b;

  ium_report_rgb (colour, &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
}

void
ium_report_rounded_rect (
  cairo_t *cr, double x, double y, double width, double height, double radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  if (radius <= 0)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

typedef struct
{
  cairo_scaled_font_t *font;   /* owned reference */
  cairo_glyph_t       *glyphs; /* owned */
  int                  n_glyphs;
} GlyphRun;

struct _IumReportGlyphs
{
  GArray  *runs;     /* of GlyphRun */
  gboolean complete; /* every character has its glyph */
};

static void
glyph_run_clear (gpointer data)
{
  GlyphRun *run = data;

  cairo_scaled_font_destroy (run->font);
  g_free (run->glyphs);
}

IumReportGlyphs *
ium_report_glyphs_new (PangoLayout *layout)
{
  IumReportGlyphs *glyphs = g_new0 (IumReportGlyphs, 1);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  glyphs->runs = g_array_new (FALSE, FALSE, sizeof (GlyphRun));
  glyphs->complete = TRUE;
  g_array_set_clear_func (glyphs->runs, glyph_run_clear);
  do
    {
      PangoLayoutRun      *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle       logical;
      cairo_scaled_font_t *font;
      GlyphRun            *glyph_run;
      int                  x, baseline;

      if (run == NULL) /* the end of a line */
        continue;
      font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
      if (font == NULL)
        {
          glyphs->complete = FALSE;
          continue;
        }
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      x = logical.x;
      /* The run goes into the array first and is filled in place: the array owns it. */
      g_array_set_size (glyphs->runs, glyphs->runs->len + 1);
      glyph_run = &g_array_index (glyphs->runs, GlyphRun, glyphs->runs->len - 1);
      glyph_run->font = cairo_scaled_font_reference (font);
      glyph_run->glyphs = g_new (cairo_glyph_t, MAX (run->glyphs->num_glyphs, 1));
      glyph_run->n_glyphs = 0;
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *info = &run->glyphs->glyphs[i];

          if (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            glyphs->complete = FALSE;
          else if (info->glyph != PANGO_GLYPH_EMPTY)
            {
              cairo_glyph_t *glyph = &glyph_run->glyphs[glyph_run->n_glyphs++];

              glyph->index = info->glyph;
              glyph->x = (double) (x + info->geometry.x_offset) / PANGO_SCALE;
              glyph->y = (double) (baseline + info->geometry.y_offset) / PANGO_SCALE;
            }
          x += info->geometry.width;
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  return glyphs;
}

gboolean
ium_report_glyphs_is_complete (const IumReportGlyphs *glyphs)
{
  return glyphs->complete;
}

void
ium_report_glyphs_free (IumReportGlyphs *glyphs)
{
  if (glyphs == NULL)
    return;
  g_array_unref (glyphs->runs);
  g_free (glyphs);
}

typedef struct
{
  double         x, y, width, height, radius;
  guint32        colour;
  IumReportLayer layer;
} Rect;

typedef struct
{
  double  x1, y1, x2, y2, width;
  guint32 colour;
} Line;

typedef struct
{
  cairo_scaled_font_t *font; /* borrowed from the glyph runs, which outlive the batch */
  guint32              colour;
  GArray              *glyphs; /* of cairo_glyph_t */
} GlyphBatch;

typedef struct
{
  PangoLayout *layout; /* owned reference */
  double       x, y;
  guint32      colour;
} Text;

struct _IumReportBatch
{
  GArray    *rects;  /* of Rect */
  GArray    *lines;  /* of Line */
  GPtrArray *glyphs; /* of GlyphBatch, owned */
  GArray    *texts;  /* of Text */
};

static void
text_clear (gpointer data)
{
  g_object_unref (((Text *) data)->layout);
}

static void
glyph_batch_free (gpointer data)
{
  GlyphBatch *batch = data;

  g_array_unref (batch->glyphs);
  g_free (batch);
}

IumReportBatch *
ium_report_batch_new (void)
{
  IumReportBatch *batch = g_new0 (IumReportBatch, 1);

  batch->rects = g_array_new (FALSE, FALSE, sizeof (Rect));
  batch->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  batch->glyphs = g_ptr_array_new_with_free_func (glyph_batch_free);
  batch->texts = g_array_new (FALSE, FALSE, sizeof (Text));
  g_array_set_clear_func (batch->texts, text_clear);
  return batch;
}

void
ium_report_batch_free (IumReportBatch *batch)
{
  if (batch == NULL)
    return;
  g_array_unref (batch->rects);
  g_array_unref (batch->lines);
  g_ptr_array_unref (batch->glyphs);
  g_array_unref (batch->texts);
  g_free (batch);
}

void
ium_report_batch_add_rect (IumReportBatch *batch,
                           IumReportLayer  layer,
                           double          x,
                           double          y,
                           double          width,
                           double          height,
                           double          radius,
                           guint32         colour)
{
  Rect rect = { x, y, width, height, radius, colour, layer };

  g_array_append_val (batch->rects, rect);
}

void
ium_report_batch_add_line (
  IumReportBatch *batch, double x1, double y1, double x2, double y2, double width, guint32 colour)
{
  Line line = { x1, y1, x2, y2, width, colour };

  g_array_append_val (batch->lines, line);
}

void
ium_report_batch_add_glyphs (
  IumReportBatch *batch, const IumReportGlyphs *glyphs, double x, double y, guint32 colour)
{
  for (guint r = 0; r < glyphs->runs->len; r++)
    {
      const GlyphRun *run = &g_array_index (glyphs->runs, GlyphRun, r);
      GlyphBatch     *target = NULL;
      guint           start;

      /* A page has a few fonts and colours: a linear search is the fastest. */
      for (guint i = batch->glyphs->len; i-- > 0;)
        {
          GlyphBatch *candidate = g_ptr_array_index (batch->glyphs, i);
          if (candidate->font == run->font && candidate->colour == colour)
            {
              target = candidate;
              break;
            }
        }
      if (target == NULL)
        {
          target = g_new0 (GlyphBatch, 1);
          target->font = run->font;
          target->colour = colour;
          target->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
          g_ptr_array_add (batch->glyphs, target);
        }
      start = target->glyphs->len;
      g_array_append_vals (target->glyphs, run->glyphs, (guint) run->n_glyphs);
      for (guint i = start; i < target->glyphs->len; i++)
        {
          cairo_glyph_t *glyph = &g_array_index (target->glyphs, cairo_glyph_t, i);
          glyph->x += x;
          glyph->y += y;
        }
    }
}

void
ium_report_batch_add_layout (
  IumReportBatch *batch, PangoLayout *layout, double x, double y, guint32 colour)
{
  Text text = { g_object_ref (layout), x, y, colour };

  g_array_append_val (batch->texts, text);
}

/* Fills every rectangle of @layer, one path per colour and corner radius, in the order they
 * first appear. Rounded corners come from stroking the rectangle, inset by the radius, with
 * round joins and twice the radius as width: four numbers a rectangle in the PDF instead of
 * four curves. */
static void
flush_rects (IumReportBatch *batch, cairo_t *cr, IumReportLayer layer)
{
  g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < batch->rects->len; i++)
    {
      const Rect *first = &g_array_index (batch->rects, Rect, i);
      gboolean    seen = FALSE;

      if (first->layer != layer)
        continue;
      for (guint d = 0; d < done->len && !seen; d++)
        {
          const Rect *other = &g_array_index (batch->rects, Rect, g_array_index (done, guint, d));
          seen = other->colour == first->colour && other->radius == first->radius;
        }
      if (seen)
        continue;
      g_array_append_val (done, i);

      cairo_new_path (cr);
      for (guint k = i; k < batch->rects->len; k++)
        {
          const Rect *rect = &g_array_index (batch->rects, Rect, k);
          double      r = MIN (rect->radius, MIN (rect->width, rect->height) / 2 - 0.01);

          if (rect->layer != layer || rect->colour != first->colour
              || rect->radius != first->radius)
            continue;
          r = MAX (r, 0);
          cairo_rectangle (cr, rect->x + r, rect->y + r, rect->width - 2 * r, rect->height - 2 * r);
        }
      ium_report_set_colour (cr, first->colour);
      if (first->radius > 0)
        {
          cairo_fill_preserve (cr);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_set_line_width (cr, 2 * first->radius);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
    }
}

void
ium_report_batch_flush (IumReportBatch *batch, cairo_t *cr)
{
  cairo_save (cr);
  flush_rects (batch, cr, IUM_REPORT_LAYER_BACKGROUND);

  /* Lines, one stroke per colour and width. */
  while (batch->lines->len > 0)
    {
      const Line first = g_array_index (batch->lines, Line, 0);
      guint      kept = 0;

      cairo_new_path (cr);
      for (guint i = 0; i < batch->lines->len; i++)
        {
          const Line *line = &g_array_index (batch->lines, Line, i);
          if (line->colour == first.colour && line->width == first.width)
            {
              cairo_move_to (cr, line->x1, line->y1);
              cairo_line_to (cr, line->x2, line->y2);
            }
          else
            g_array_index (batch->lines, Line, kept++) = *line;
        }
      g_array_set_size (batch->lines, kept);
      ium_report_set_colour (cr, first.colour);
      cairo_set_line_width (cr, first.width);
      cairo_stroke (cr);
    }

  flush_rects (batch, cr, IUM_REPORT_LAYER_FOREGROUND);

  for (guint i = 0; i < batch->glyphs->len; i++)
    {
      GlyphBatch *glyphs = g_ptr_array_index (batch->glyphs, i);

      ium_report_set_colour (cr, glyphs->colour);
      cairo_set_scaled_font (cr, glyphs->font);
      cairo_show_glyphs (cr, (cairo_glyph_t *) (gpointer) glyphs->glyphs->data,
                         (int) glyphs->glyphs->len);
    }
  for (guint i = 0; i < batch->texts->len; i++)
    {
      const Text *text = &g_array_index (batch->texts, Text, i);

      ium_report_set_colour (cr, text->colour);
      cairo_move_to (cr, text->x, text->y);
      pango_cairo_show_layout (cr, text->layout);
    }
  cairo_restore (cr);

  g_array_set_size (batch->texts, 0);
  g_array_set_size (batch->rects, 0);
  g_array_set_size (batch->lines, 0);
  g_ptr_array_set_size (batch->glyphs, 0);
}
