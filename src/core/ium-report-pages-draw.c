/* ium-report-pages-draw.c: drawing the pages of a laid out report: the title band, the
 * running header and footer, cards, charts, headings and table rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-report-pages.h"

#include "ium-report-pages-private.h"

static void
draw_layout_at (cairo_t *cr, PangoLayout *layout, double x, double y, guint32 colour)
{
  ium_report_set_colour (cr, colour);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_band (IumReportPages *self, cairo_t *cr)
{
  double y = 36;

  ium_report_set_colour (cr, IUM_REPORT_BAND);
  cairo_rectangle (cr, 0, 0, self->width, BAND_HEIGHT);
  cairo_fill (cr);
  ium_report_set_colour (cr, IUM_REPORT_ACCENT);
  cairo_rectangle (cr, 0, BAND_HEIGHT - 4, self->width, 4);
  cairo_fill (cr);

  draw_layout_at (cr, self->band[0], MARGIN_X, y, 0xb9cbe3);
  y += ium_pages_height (self->band[0]) + 4;
  draw_layout_at (cr, self->band[1], MARGIN_X, y, 0xffffff);
  y += ium_pages_height (self->band[1]) + 5;
  draw_layout_at (cr, self->band[2], MARGIN_X, y, 0xdce6f2);
  y += ium_pages_height (self->band[2]) + 2;
  draw_layout_at (cr, self->band[3], MARGIN_X, y, 0xa9bdd6);
}

static void
draw_running_header (IumReportPages *self, cairo_t *cr)
{
  PangoLayout *left = self->header[0], *right = self->header[1];

  ium_report_set_colour (cr, IUM_REPORT_MUTED);
  ium_report_show_layout (cr, left, MARGIN_X, 32);
  ium_report_show_layout (cr, right, self->width - MARGIN_X - ium_pages_width (right), 32);
  ium_report_set_colour (cr, IUM_REPORT_RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, 38);
  cairo_line_to (cr, self->width - MARGIN_X, 38);
  cairo_stroke (cr);
}

static void
draw_footer (IumReportPages *self, cairo_t *cr, guint page)
{
  g_autofree char *number = g_strdup_printf (_ ("Page %u of %u"), page + 1, self->pages->len);
  PangoLayout     *left = self->header[2];
  g_autoptr (PangoLayout) right = ium_report_layout_new (self->context, number, 7.5, TRUE);
  double baseline = self->height - 24;

  ium_report_set_colour (cr, IUM_REPORT_RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, baseline - 12);
  cairo_line_to (cr, self->width - MARGIN_X, baseline - 12);
  cairo_stroke (cr);
  ium_report_set_colour (cr, IUM_REPORT_FAINT);
  ium_report_show_layout (cr, left, MARGIN_X, baseline);
  ium_report_set_colour (cr, IUM_REPORT_MUTED);
  ium_report_show_layout (cr, right, self->width - MARGIN_X - ium_pages_width (right), baseline);
}

static void
draw_cards (IumReportPages *self, cairo_t *cr, const Item *item)
{
  double width = (item->width - 3 * CARD_GAP) / 4;

  for (guint i = 0; i < IUM_REPORT_N_CARDS; i++)
    {
      const IumReportCard *card = &self->cards[i];
      double               x = item->x + (i % 4) * (width + CARD_GAP);
      double               y = item->y + (i / 4) * (CARD_HEIGHT + CARD_GAP);
      char                 value[32];
      g_autoptr (PangoLayout) number = NULL;
      g_autoptr (PangoLayout) label = NULL;
      g_autoptr (PangoLayout) caption = NULL;

      g_snprintf (value, sizeof value, "%u", card->value);
      number = ium_report_layout_new (self->context, value, 19.0, TRUE);
      label = ium_pages_wrap (self, card->label, 8.0, TRUE, width - 16);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      caption = ium_pages_wrap (self, card->caption, 6.6, FALSE, width - 16);
      pango_layout_set_height (caption, -2);
      pango_layout_set_ellipsize (caption, PANGO_ELLIPSIZE_END);

      ium_report_set_colour (cr, IUM_REPORT_CARD_BG);
      ium_report_rounded_rect (cr, x, y, width, CARD_HEIGHT, 5);
      cairo_fill (cr);
      cairo_save (cr);
      ium_report_rounded_rect (cr, x, y, width, CARD_HEIGHT, 5);
      cairo_clip (cr);
      ium_report_set_colour (cr, ium_report_tone (card->badge, card->tone)->solid);
      cairo_rectangle (cr, x, y, width, 3);
      cairo_fill (cr);
      cairo_restore (cr);

      draw_layout_at (cr, number, x + 8, y + 7, IUM_REPORT_INK);
      draw_layout_at (cr, label, x + 8, y + 31, IUM_REPORT_INK);
      draw_layout_at (cr, caption, x + 8, y + 42, IUM_REPORT_MUTED);
    }
}

static void
draw_chart (IumReportPages *self, cairo_t *cr, const Item *item)
{
  cairo_set_line_width (cr, 0.7);
  ium_report_set_colour (cr, IUM_REPORT_RULE);
  ium_report_rounded_rect (cr, item->x + 0.35, item->y + 0.35, item->width - 0.7,
                           item->height - 0.7, 6);
  cairo_stroke (cr);
  cairo_save (cr);
  cairo_translate (cr, item->x + CHART_PAD, item->y + CHART_PAD);
  ium_report_chart_draw (self->report, item->chart, cr, item->width - 2 * CHART_PAD,
                         item->height - 2 * CHART_PAD);
  cairo_restore (cr);
}

static void
draw_heading (IumReportPages *self, cairo_t *cr, const Item *item)
{
  const IumReportSection *section = &self->sections[item->section];
  g_autofree char        *count =
    section->counted ? g_strdup_printf ("%u", section->n_rows (self->report)) : g_strdup ("");
  g_autoptr (PangoLayout) title =
    ium_report_layout_new (self->context, _ (section->title), 13.0, TRUE);
  g_autoptr (PangoLayout) number = ium_report_layout_new (self->context, count, 10.0, FALSE);
  double baseline = item->y + 16;

  ium_report_set_colour (cr, IUM_REPORT_INK);
  ium_report_show_layout (cr, title, item->x, baseline);
  ium_report_set_colour (cr, IUM_REPORT_FAINT);
  ium_report_show_layout (cr, number, item->x + ium_pages_width (title) + 7, baseline);
  ium_report_set_colour (cr, IUM_REPORT_INK);
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, item->x, item->y + 22);
  cairo_line_to (cr, item->x + item->width, item->y + 22);
  cairo_stroke (cr);
}

static void
draw_table_header (IumReportPages *self, cairo_t *cr, const Item *item)
{
  const IumReportSection *section = &self->sections[item->section];
  Table                  *table = &self->tables[item->section];

  ium_report_set_colour (cr, IUM_REPORT_HEAD_BG);
  cairo_rectangle (cr, item->x, item->y, item->width, item->height);
  cairo_fill (cr);
  for (guint c = 0; c < section->n_columns; c++)
    {
      PangoLayout *layout = table->titles[c];
      double       x = table->x[c] + CELL_PAD_X;

      if (section->columns[c].kind == IUM_REPORT_CELL_NUMBER)
        x = table->x[c] + table->width[c] - CELL_PAD_X - ium_pages_width (layout);
      draw_layout_at (cr, layout, x, item->y + 4, 0x3c4858);
    }
}

static void
draw_table_row (IumReportPages *self, IumReportBatch *batch, const Item *item)
{
  const IumReportSection *section = &self->sections[item->section];
  Table                  *table = &self->tables[item->section];
  IumReportCell           cells[IUM_REPORT_MAX_COLUMNS] = { 0 };

  if (item->row % 2 == 1)
    ium_report_batch_add_rect (batch, IUM_REPORT_LAYER_BACKGROUND, item->x, item->y, item->width,
                               item->height, 0, IUM_REPORT_ZEBRA);
  ium_report_batch_add_line (batch, item->x, item->y + item->height - 0.2, item->x + item->width,
                             item->y + item->height - 0.2, 0.4, IUM_REPORT_RULE);

  section->fill (self->report, item->row, cells);
  for (guint c = 0; c < section->n_columns; c++)
    {
      const IumReportColumn *spec = &section->columns[c];
      const IumReportCell   *cell = &cells[c];
      double                 x = table->x[c] + CELL_PAD_X, y = item->y + CELL_PAD_Y;

      if (cell->blank)
        continue;
      if (spec->kind == IUM_REPORT_CELL_FLAGS)
        ium_pages_flow_flags (self, cell->flags, table->width[c] - 2 * CELL_PAD_X, batch, x,
                              y - BADGE_RAISE);
      else if (cell->is_badge)
        ium_pages_badge (self, batch, cell->badge, cell->value, x, y - BADGE_RAISE);
      else
        {
          Cell    *entry = ium_pages_cell (self, item->section, c, cell);
          gboolean none = cell->text == NULL || *cell->text == '\0';
          guint32  colour = none             ? IUM_REPORT_FAINT
                            : cell->emphasis ? IUM_REPORT_ACCENT
                                             : IUM_REPORT_INK;

          if (spec->kind == IUM_REPORT_CELL_NUMBER)
            x = table->x[c] + table->width[c] - CELL_PAD_X - entry->width;
          if (entry->glyphs == NULL)
            entry->glyphs = ium_report_glyphs_new (entry->layout);
          if (ium_report_glyphs_is_complete (entry->glyphs))
            ium_report_batch_add_glyphs (batch, entry->glyphs, x, y, colour);
          else
            ium_report_batch_add_layout (batch, entry->layout, x, y, colour);
        }
    }
  ium_report_cells_clear (cells, section->n_columns);
}

static void
draw_item (IumReportPages *self, cairo_t *cr, IumReportBatch *batch, const Item *item)
{
  switch (item->kind)
    {
    case ITEM_PARAGRAPH:
      draw_layout_at (cr, item->layout, item->x, item->y, item->colour);
      break;
    case ITEM_CARDS:
      draw_cards (self, cr, item);
      break;
    case ITEM_CHART:
      draw_chart (self, cr, item);
      break;
    case ITEM_HEADING:
      draw_heading (self, cr, item);
      break;
    case ITEM_CONTINUED:
      {
        g_autofree char *text =
          /* Translators: a section's title on the next page of the PDF. */
          g_strdup_printf (_ ("%s (continued)"), _ (self->sections[item->section].title));
        g_autoptr (PangoLayout) layout =
          ium_report_layout_new (self->context, text, SMALL_SIZE, TRUE);
        draw_layout_at (cr, layout, item->x, item->y, IUM_REPORT_MUTED);
      }
      break;
    case ITEM_TABLE_HEADER:
      draw_table_header (self, cr, item);
      break;
    case ITEM_TABLE_ROW:
      draw_table_row (self, batch, item);
      break;
    case ITEM_EMPTY:
    default:
      ium_report_set_colour (cr, IUM_REPORT_ZEBRA);
      ium_report_rounded_rect (cr, item->x, item->y, item->width, item->height, 4);
      cairo_fill (cr);
      draw_layout_at (cr, item->layout, item->x + 10, item->y + 7, IUM_REPORT_MUTED);
      break;
    }
}

void
ium_report_pages_draw_page (IumReportPages *self, cairo_t *cr, guint page)
{
  g_autoptr (IumReportBatch) batch = ium_report_batch_new ();
  GArray *items;

  g_return_if_fail (IUM_IS_REPORT_PAGES (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  items = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);

  if (page == 0)
    draw_band (self, cr);
  else
    draw_running_header (self, cr);
  for (guint i = 0; i < items->len; i++)
    draw_item (self, cr, batch, &g_array_index (items, Item, i));
  /* The table rows, gathered: nothing else is drawn where they are. */
  ium_report_batch_flush (batch, cr);
  draw_footer (self, cr, page);
  cairo_restore (cr);
}
