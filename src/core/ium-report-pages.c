/* ium-report-pages.c: the report laid out on pages: a title page with the summary cards and
 * the charts, then the sections, whose tables break across pages with their header repeated.
 *
 * Layout happens once, in ium_report_pages_new(): every block is measured and placed on a
 * page. Drawing a page only draws what was placed there, from layouts kept since measuring,
 * so that page N draws the same whenever and wherever it is drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include "ium-report-pages.h"

#include "ium-report-chart.h"
#include "ium-report-draw.h"
#include "ium-report-style.h"

#define MARGIN_X       46.0
#define MARGIN_TOP     58.0  /* below the running header */
#define MARGIN_BOTTOM  50.0  /* above the footer */
#define BAND_HEIGHT    128.0
#define BODY_SIZE      9.0
#define SMALL_SIZE     7.6
#define TABLE_SIZE     7.4
#define HEAD_SIZE      6.4
#define BADGE_SIZE     6.2
#define BADGE_HEIGHT   10.0
#define BADGE_PAD      4.0
#define BADGE_GAP      2.5
#define BADGE_RAISE    0.8   /* badges sit this much higher than the text beside them */
#define BADGE_RADIUS   4.0
#define CELL_PAD_X     4.0
#define CELL_PAD_Y     3.4
#define CARD_HEIGHT    62.0
#define CARD_GAP       8.0
#define CHART_PAD      9.0
#define ROWS_PER_STEP  512

typedef enum
{
  ITEM_PARAGRAPH,    /* layout */
  ITEM_CARDS,
  ITEM_CHART,        /* chart, x, width */
  ITEM_HEADING,      /* section */
  ITEM_CONTINUED,    /* section */
  ITEM_TABLE_HEADER, /* section */
  ITEM_TABLE_ROW,    /* section, row */
  ITEM_EMPTY,        /* section, layout */
} ItemKind;

typedef struct
{
  ItemKind        kind;
  double          x;
  double          y;
  double          width;
  double          height;
  guint           section;
  guint           row;
  IumReportChart  chart;
  PangoLayout    *layout; /* borrowed from the pages' layouts */
  guint32         colour;
} Item;

/* The text of a table cell, laid out once for every cell that shows it. */
typedef struct
{
  PangoLayout     *layout; /* owned */
  IumReportGlyphs *glyphs; /* owned, made when first drawn */
} Cell;

/* One section's table: where its columns are and the layouts of its cells, by text. */
typedef struct
{
  double      x[IUM_REPORT_MAX_COLUMNS];
  double      width[IUM_REPORT_MAX_COLUMNS];
  GHashTable *cells[IUM_REPORT_MAX_COLUMNS][2]; /* text -> Cell, owned; [bold] */
  PangoLayout *titles[IUM_REPORT_MAX_COLUMNS];  /* owned */
  double      header_height;
  double      total_width;
} Table;

struct _IumReportPages
{
  GObject                 parent_instance;

  IumReport              *report;     /* owned */
  double                  width;
  double                  height;
  PangoContext           *context;    /* owned */
  GHashTable             *fonts;      /* owned: size and weight -> PangoFontDescription */
  GPtrArray              *layouts;    /* owned PangoLayouts that items borrow */
  GPtrArray              *pages;      /* owned, of GArray of Item */
  const IumReportSection *sections;   /* static */
  guint                   n_sections;
  Table                  *tables;     /* owned, one per section */
  int                    *section_pages; /* owned, one per section */
  PangoLayout            *badges[4][IUM_N_STATUS_FLAGS]; /* owned, by badge kind and value */
  IumReportGlyphs        *badge_glyphs[4][IUM_N_STATUS_FLAGS]; /* owned, their glyphs */
  IumReportCard           cards[IUM_REPORT_N_CARDS];
  PangoLayout            *band[4];    /* owned: facility, title, two meta lines */
  char                   *running;    /* owned: the running header's text */
  char                   *date;       /* owned */

  double                  y;          /* while laying out: where the next block goes */
};

G_DEFINE_FINAL_TYPE (IumReportPages, ium_report_pages, G_TYPE_OBJECT)

static double
content_width (IumReportPages *self)
{
  return self->width - 2 * MARGIN_X;
}

static double
content_bottom (IumReportPages *self)
{
  return self->height - MARGIN_BOTTOM;
}

static GArray *
current_page (IumReportPages *self)
{
  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

static void
new_page (IumReportPages *self)
{
  g_ptr_array_add (self->pages, g_array_new (FALSE, TRUE, sizeof (Item)));
  self->y = MARGIN_TOP;
}

/* Starts a new page unless @height fits below the current position. */
static void
ensure_room (IumReportPages *self,
             double          height)
{
  if (self->y + height > content_bottom (self) && self->y > MARGIN_TOP + 0.5)
    new_page (self);
}

static Item *
place (IumReportPages *self,
       ItemKind        kind,
       double          height)
{
  Item item = { kind, MARGIN_X, self->y, content_width (self), height };

  g_array_append_val (current_page (self), item);
  self->y += height;
  return &g_array_index (current_page (self), Item, current_page (self)->len - 1);
}

static PangoLayout *
keep_layout (IumReportPages *self,
             PangoLayout    *layout)
{
  g_ptr_array_add (self->layouts, layout);
  return layout;
}

/* Parsing a font description for each of thousands of cells shows in a profile: one each. */
static const PangoFontDescription *
font_of (IumReportPages *self,
         double          size,
         gboolean        bold)
{
  gpointer key = GINT_TO_POINTER ((int) (size * 100) * 2 + (bold ? 1 : 0));
  PangoFontDescription *font = g_hash_table_lookup (self->fonts, key);

  if (font == NULL)
    {
      font = ium_report_font_new (size, bold);
      g_hash_table_insert (self->fonts, key, font);
    }
  return font;
}

static PangoLayout *
wrapped_layout (IumReportPages *self,
                const char     *text,
                double          size,
                gboolean        bold,
                double          width)
{
  PangoLayout *layout = ium_report_layout_new_with_font (self->context, text,
                                                         font_of (self, size, bold));

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
add_paragraph (IumReportPages *self,
               const char     *text,
               double          size,
               gboolean        bold,
               guint32         colour,
               double          space_after)
{
  PangoLayout *layout = keep_layout (self, wrapped_layout (self, text, size, bold,
                                                           content_width (self)));
  double height = layout_height (layout);
  Item *item;

  ensure_room (self, height);
  item = place (self, ITEM_PARAGRAPH, height);
  item->layout = layout;
  item->colour = colour;
  self->y += space_after;
}

static PangoLayout *
badge_layout (IumReportPages *self,
              IumReportBadge  badge,
              int             value)
{
  if (self->badges[badge][value] == NULL)
    self->badges[badge][value] = ium_report_layout_new (self->context,
                                                        ium_report_badge_text (badge, value),
                                                        BADGE_SIZE, TRUE);
  return self->badges[badge][value];
}

static double
badge_width (IumReportPages *self,
             IumReportBadge  badge,
             int             value)
{
  return layout_width (badge_layout (self, badge, value)) + 2 * BADGE_PAD;
}

/* The badges of @flags flowed into @width: calls @draw for each when @cr is set. Returns the
 * height they take. */
static double
flow_flags (IumReportPages *self,
            IumStatusFlags  flags,
            double          width,
            IumReportBatch *batch,
            double          x0,
            double          y0);

/* A badge: a pill of its tone with its text, gathered in @batch. */
static void
draw_badge (IumReportPages *self,
            IumReportBatch *batch,
            IumReportBadge  badge,
            int             value,
            double          x,
            double          y)
{
  const IumReportTone *tone = ium_report_tone (badge, value);
  PangoLayout *layout = badge_layout (self, badge, value);
  IumReportGlyphs **glyphs = &self->badge_glyphs[badge][value];
  PangoRectangle logical;

  if (*glyphs == NULL)
    *glyphs = ium_report_glyphs_new (layout);
  pango_layout_get_extents (layout, NULL, &logical);
  ium_report_batch_add_rect (batch, IUM_REPORT_LAYER_FOREGROUND, x, y,
                             (double) logical.width / PANGO_SCALE + 2 * BADGE_PAD, BADGE_HEIGHT,
                             BADGE_RADIUS, tone->bg);
  ium_report_batch_add_glyphs (batch, *glyphs, x + BADGE_PAD,
                               y + BADGE_HEIGHT - 2.9 - (double) pango_layout_get_baseline (layout) / PANGO_SCALE,
                               tone->fg);
}

static double
flow_flags (IumReportPages *self,
            IumStatusFlags  flags,
            double          width,
            IumReportBatch *batch,
            double          x0,
            double          y0)
{
  double x = 0, y = 0;
  gboolean any = FALSE;

  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    {
      double w;

      if (!(flags & (1u << bit)))
        continue;
      w = badge_width (self, IUM_REPORT_BADGE_FLAG, bit);
      if (x > 0 && x + w > width)
        {
          x = 0;
          y += BADGE_HEIGHT + BADGE_GAP;
        }
      if (batch != NULL)
        draw_badge (self, batch, IUM_REPORT_BADGE_FLAG, bit, x0 + x, y0 + y);
      x += w + BADGE_GAP;
      any = TRUE;
    }
  return any ? y + BADGE_HEIGHT : 0;
}

static void
cell_entry_free (gpointer data)
{
  Cell *entry = data;

  g_object_unref (entry->layout);
  g_clear_pointer (&entry->glyphs, ium_report_glyphs_free);
  g_free (entry);
}

/* The laid out text of @cell, shared by every cell of the column with the same text. */
static Cell *
cell_entry (IumReportPages      *self,
            guint                section,
            guint                column,
            const IumReportCell *cell)
{
  Table *table = &self->tables[section];
  GHashTable **cache = &table->cells[column][cell->emphasis ? 1 : 0];
  const char *text = cell->text != NULL && *cell->text != '\0' ? cell->text : "—";
  Cell *entry;

  if (*cache == NULL)
    *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cell_entry_free);
  entry = g_hash_table_lookup (*cache, text);
  if (entry == NULL)
    {
      entry = g_new0 (Cell, 1);
      entry->layout = wrapped_layout (self, text, TABLE_SIZE, cell->emphasis,
                                      table->width[column] - 2 * CELL_PAD_X);
      g_hash_table_insert (*cache, g_strdup (text), entry);
    }
  return entry;
}

static double
cell_height (IumReportPages        *self,
             guint                  section,
             guint                  column,
             const IumReportColumn *spec,
             const IumReportCell   *cell)
{
  if (cell->blank)
    return 0;
  if (cell->is_badge)
    return BADGE_HEIGHT;
  switch (spec->kind)
    {
    case IUM_REPORT_CELL_FLAGS:
      return flow_flags (self, cell->flags,
                         self->tables[section].width[column] - 2 * CELL_PAD_X, NULL, 0, 0);
    case IUM_REPORT_CELL_BADGE:
      if (cell->value >= 0)
        return BADGE_HEIGHT;
      G_GNUC_FALLTHROUGH;
    case IUM_REPORT_CELL_TEXT:
    case IUM_REPORT_CELL_NUMBER:
    default:
      return layout_height (cell_entry (self, section, column, cell)->layout);
    }
}

static void
init_table (IumReportPages *self,
            guint           index)
{
  const IumReportSection *section = &self->sections[index];
  Table *table = &self->tables[index];
  double total = 0, x = MARGIN_X, tallest = 0;

  for (guint c = 0; c < section->n_columns; c++)
    total += section->columns[c].weight;
  table->total_width = content_width (self) * CLAMP (section->width, 0.2, 1.0);
  for (guint c = 0; c < section->n_columns; c++)
    {
      g_autofree char *title = g_utf8_strup (section->columns[c].title, -1);

      table->x[c] = x;
      table->width[c] = table->total_width * section->columns[c].weight / total;
      x += table->width[c];
      table->titles[c] = wrapped_layout (self, title, HEAD_SIZE, TRUE,
                                         table->width[c] - 2 * CELL_PAD_X);
      tallest = MAX (tallest, layout_height (table->titles[c]));
    }
  table->header_height = tallest + 2 * 4.0;
}

static double
row_height (IumReportPages *self,
            guint           index,
            guint           row)
{
  const IumReportSection *section = &self->sections[index];
  IumReportCell cells[IUM_REPORT_MAX_COLUMNS] = { 0 };
  double tallest = 0;

  section->fill (self->report, row, cells);
  for (guint c = 0; c < section->n_columns; c++)
    tallest = MAX (tallest, cell_height (self, index, c, &section->columns[c], &cells[c]));
  ium_report_cells_clear (cells, section->n_columns);
  return tallest + 2 * CELL_PAD_Y;
}

static gboolean
lay_out_section (IumReportPages *self,
                 guint           index,
                 GCancellable   *cancellable,
                 GError        **error)
{
  const IumReportSection *section = &self->sections[index];
  Table *table = &self->tables[index];
  g_autofree char *intro = section->dup_intro (self->report);
  guint n_rows = section->n_rows (self->report);
  PangoLayout *intro_layout = keep_layout (self, wrapped_layout (self, intro, SMALL_SIZE, FALSE,
                                                                 content_width (self)));
  double heading = 26 + layout_height (intro_layout) + 8;
  double first = n_rows > 0 ? table->header_height + row_height (self, index, 0) : 30;
  Item *item;

  /* A heading never stays alone at the foot of a page. */
  self->y += 14;
  ensure_room (self, heading + first);
  self->section_pages[index] = (int) self->pages->len - 1;
  item = place (self, ITEM_HEADING, 26);
  item->section = index;
  item = place (self, ITEM_PARAGRAPH, layout_height (intro_layout));
  item->layout = intro_layout;
  item->colour = IUM_REPORT_MUTED;
  self->y += 8;

  if (n_rows == 0)
    {
      g_autofree char *empty = section->dup_empty (self->report);
      PangoLayout *layout = keep_layout (self, wrapped_layout (self, empty, SMALL_SIZE, FALSE,
                                                               content_width (self) - 20));
      item = place (self, ITEM_EMPTY, layout_height (layout) + 14);
      item->section = index;
      item->layout = layout;
      return TRUE;
    }

  item = place (self, ITEM_TABLE_HEADER, table->header_height);
  item->section = index;
  item->width = table->total_width;
  for (guint r = 0; r < n_rows; r++)
    {
      double height = row_height (self, index, r);

      if (r % ROWS_PER_STEP == ROWS_PER_STEP - 1 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (self->y + height > content_bottom (self))
        {
          new_page (self);
          item = place (self, ITEM_CONTINUED, 14);
          item->section = index;
          item = place (self, ITEM_TABLE_HEADER, table->header_height);
          item->section = index;
          item->width = table->total_width;
        }
      item = place (self, ITEM_TABLE_ROW, height);
      item->section = index;
      item->row = r;
      item->width = table->total_width;
    }
  return TRUE;
}

static void
init_band (IumReportPages *self)
{
  IumReport *report = self->report;
  IumRelease *release = ium_report_get_release (report);
  const char *facility = ium_report_get_facility (report);
  g_autofree char *upper = g_utf8_strup (*facility ? facility : "Instrument Update Manager", -1);
  g_autofree char *title = g_strdup_printf ("Release report %s",
                                            ium_release_get_version_text (release));
  g_autofree char *described = ium_report_describe_release (release);
  g_autofree char *time = g_date_time_format (ium_report_get_generated (report), "%H:%M");
  g_autofree char *meta = g_strdup_printf ("Generated %s, %s UTC  ·  Clients seen in the last %u days",
                                           self->date, time, ium_report_get_days (report));
  double width = content_width (self);

  self->band[0] = wrapped_layout (self, upper, 8.0, TRUE, width);
  self->band[1] = wrapped_layout (self, title, 23.0, TRUE, width);
  self->band[2] = wrapped_layout (self, described, 9.5, FALSE, width);
  self->band[3] = wrapped_layout (self, meta, 8.5, FALSE, width);
  self->running = g_strdup_printf ("%s%sRelease report %s", facility, *facility ? "  ·  " : "",
                                   ium_release_get_version_text (release));
}

static void
lay_out_title_page (IumReportPages *self)
{
  IumReport *report = self->report;
  const char *notes = ium_release_get_notes (ium_report_get_release (report));
  g_autofree char *rollouts = ium_report_describe_rollouts (report);
  double half = (content_width (self) - 12) / 2, chart_height, timeline_height;
  Item *item;

  self->y = BAND_HEIGHT + 22;
  if (notes != NULL && *notes != '\0')
    add_paragraph (self, notes, 10.0, FALSE, IUM_REPORT_INK, 4);
  add_paragraph (self, rollouts, SMALL_SIZE + 0.4, FALSE, IUM_REPORT_MUTED, 14);

  ium_report_cards_init (report, self->cards);
  ensure_room (self, 2 * CARD_HEIGHT + CARD_GAP);
  place (self, ITEM_CARDS, 2 * CARD_HEIGHT + CARD_GAP);
  self->y += 16;

  ium_report_chart_get_size_hint (IUM_REPORT_CHART_STATUS, NULL, &chart_height);
  ensure_room (self, chart_height + 2 * CHART_PAD);
  item = place (self, ITEM_CHART, chart_height + 2 * CHART_PAD);
  item->chart = IUM_REPORT_CHART_STATUS;
  item->width = half;
  item = &g_array_index (current_page (self), Item, current_page (self)->len - 1);
  {
    Item versions = *item;
    versions.chart = IUM_REPORT_CHART_VERSIONS;
    versions.x = MARGIN_X + half + 12;
    g_array_append_val (current_page (self), versions);
  }
  self->y += 12;

  ium_report_chart_get_size_hint (IUM_REPORT_CHART_TIMELINE, NULL, &timeline_height);
  ensure_room (self, timeline_height + 2 * CHART_PAD);
  item = place (self, ITEM_CHART, timeline_height + 2 * CHART_PAD);
  item->chart = IUM_REPORT_CHART_TIMELINE;
}

static void
draw_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y,
                guint32      colour)
{
  ium_report_set_colour (cr, colour);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_band (IumReportPages *self,
           cairo_t        *cr)
{
  double y = 36;

  ium_report_set_colour (cr, IUM_REPORT_BAND);
  cairo_rectangle (cr, 0, 0, self->width, BAND_HEIGHT);
  cairo_fill (cr);
  ium_report_set_colour (cr, IUM_REPORT_ACCENT);
  cairo_rectangle (cr, 0, BAND_HEIGHT - 4, self->width, 4);
  cairo_fill (cr);

  draw_layout_at (cr, self->band[0], MARGIN_X, y, 0xb9cbe3);
  y += layout_height (self->band[0]) + 4;
  draw_layout_at (cr, self->band[1], MARGIN_X, y, 0xffffff);
  y += layout_height (self->band[1]) + 5;
  draw_layout_at (cr, self->band[2], MARGIN_X, y, 0xdce6f2);
  y += layout_height (self->band[2]) + 2;
  draw_layout_at (cr, self->band[3], MARGIN_X, y, 0xa9bdd6);
}

static void
draw_running_header (IumReportPages *self,
                     cairo_t        *cr)
{
  g_autoptr(PangoLayout) left = ium_report_layout_new (self->context, self->running, 7.5, FALSE);
  g_autoptr(PangoLayout) right = ium_report_layout_new (self->context, self->date, 7.5, FALSE);

  ium_report_set_colour (cr, IUM_REPORT_MUTED);
  ium_report_show_layout (cr, left, MARGIN_X, 32);
  ium_report_show_layout (cr, right, self->width - MARGIN_X - layout_width (right), 32);
  ium_report_set_colour (cr, IUM_REPORT_RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, 38);
  cairo_line_to (cr, self->width - MARGIN_X, 38);
  cairo_stroke (cr);
}

static void
draw_footer (IumReportPages *self,
             cairo_t        *cr,
             guint           page)
{
  g_autofree char *number = g_strdup_printf ("Page %u of %u", page + 1, self->pages->len);
  g_autoptr(PangoLayout) left = ium_report_layout_new (self->context,
                                                       "Instrument Update Manager", 7.0, FALSE);
  g_autoptr(PangoLayout) right = ium_report_layout_new (self->context, number, 7.5, TRUE);
  double baseline = self->height - 24;

  ium_report_set_colour (cr, IUM_REPORT_RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, baseline - 12);
  cairo_line_to (cr, self->width - MARGIN_X, baseline - 12);
  cairo_stroke (cr);
  ium_report_set_colour (cr, IUM_REPORT_FAINT);
  ium_report_show_layout (cr, left, MARGIN_X, baseline);
  ium_report_set_colour (cr, IUM_REPORT_MUTED);
  ium_report_show_layout (cr, right, self->width - MARGIN_X - layout_width (right), baseline);
}

static void
draw_cards (IumReportPages *self,
            cairo_t        *cr,
            const Item     *item)
{
  double width = (item->width - 3 * CARD_GAP) / 4;

  for (guint i = 0; i < IUM_REPORT_N_CARDS; i++)
    {
      const IumReportCard *card = &self->cards[i];
      double x = item->x + (i % 4) * (width + CARD_GAP);
      double y = item->y + (i / 4) * (CARD_HEIGHT + CARD_GAP);
      char value[32];
      g_autoptr(PangoLayout) number = NULL;
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) caption = NULL;

      g_snprintf (value, sizeof value, "%u", card->value);
      number = ium_report_layout_new (self->context, value, 19.0, TRUE);
      label = wrapped_layout (self, card->label, 8.0, TRUE, width - 16);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      caption = wrapped_layout (self, card->caption, 6.6, FALSE, width - 16);
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
draw_chart (IumReportPages *self,
            cairo_t        *cr,
            const Item     *item)
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
draw_heading (IumReportPages *self,
              cairo_t        *cr,
              const Item     *item)
{
  const IumReportSection *section = &self->sections[item->section];
  g_autofree char *count = section->counted ? g_strdup_printf ("%u", section->n_rows (self->report))
                                             : g_strdup ("");
  g_autoptr(PangoLayout) title = ium_report_layout_new (self->context, section->title, 13.0, TRUE);
  g_autoptr(PangoLayout) number = ium_report_layout_new (self->context, count, 10.0, FALSE);
  double baseline = item->y + 16;

  ium_report_set_colour (cr, IUM_REPORT_INK);
  ium_report_show_layout (cr, title, item->x, baseline);
  ium_report_set_colour (cr, IUM_REPORT_FAINT);
  ium_report_show_layout (cr, number, item->x + layout_width (title) + 7, baseline);
  ium_report_set_colour (cr, IUM_REPORT_INK);
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, item->x, item->y + 22);
  cairo_line_to (cr, item->x + item->width, item->y + 22);
  cairo_stroke (cr);
}

static void
draw_table_header (IumReportPages *self,
                   cairo_t        *cr,
                   const Item     *item)
{
  const IumReportSection *section = &self->sections[item->section];
  Table *table = &self->tables[item->section];

  ium_report_set_colour (cr, IUM_REPORT_HEAD_BG);
  cairo_rectangle (cr, item->x, item->y, item->width, item->height);
  cairo_fill (cr);
  for (guint c = 0; c < section->n_columns; c++)
    {
      PangoLayout *layout = table->titles[c];
      double x = table->x[c] + CELL_PAD_X;

      if (section->columns[c].kind == IUM_REPORT_CELL_NUMBER)
        x = table->x[c] + table->width[c] - CELL_PAD_X - layout_width (layout);
      draw_layout_at (cr, layout, x, item->y + 4, 0x3c4858);
    }
}

static void
draw_table_row (IumReportPages *self,
                IumReportBatch *batch,
                const Item     *item)
{
  const IumReportSection *section = &self->sections[item->section];
  Table *table = &self->tables[item->section];
  IumReportCell cells[IUM_REPORT_MAX_COLUMNS] = { 0 };

  if (item->row % 2 == 1)
    ium_report_batch_add_rect (batch, IUM_REPORT_LAYER_BACKGROUND, item->x, item->y, item->width,
                               item->height, 0, IUM_REPORT_ZEBRA);
  ium_report_batch_add_line (batch, item->x, item->y + item->height - 0.2,
                             item->x + item->width, item->y + item->height - 0.2, 0.4,
                             IUM_REPORT_RULE);

  section->fill (self->report, item->row, cells);
  for (guint c = 0; c < section->n_columns; c++)
    {
      const IumReportColumn *spec = &section->columns[c];
      const IumReportCell *cell = &cells[c];
      double x = table->x[c] + CELL_PAD_X, y = item->y + CELL_PAD_Y;

      if (cell->blank)
        continue;
      if (spec->kind == IUM_REPORT_CELL_FLAGS)
        flow_flags (self, cell->flags, table->width[c] - 2 * CELL_PAD_X, batch, x, y - BADGE_RAISE);
      else if (cell->is_badge)
        draw_badge (self, batch, cell->badge, cell->value, x, y - BADGE_RAISE);
      else
        {
          Cell *entry = cell_entry (self, item->section, c, cell);
          gboolean none = cell->text == NULL || *cell->text == '\0';
          guint32 colour = none ? IUM_REPORT_FAINT : cell->emphasis ? IUM_REPORT_ACCENT
                                                                    : IUM_REPORT_INK;

          if (spec->kind == IUM_REPORT_CELL_NUMBER)
            x = table->x[c] + table->width[c] - CELL_PAD_X - layout_width (entry->layout);
          if (entry->glyphs == NULL)
            entry->glyphs = ium_report_glyphs_new (entry->layout);
          ium_report_batch_add_glyphs (batch, entry->glyphs, x, y, colour);
        }
    }
  ium_report_cells_clear (cells, section->n_columns);
}

static void
draw_item (IumReportPages *self,
           cairo_t        *cr,
           IumReportBatch *batch,
           const Item     *item)
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
        g_autofree char *text = g_strdup_printf ("%s (continued)",
                                                 self->sections[item->section].title);
        g_autoptr(PangoLayout) layout = ium_report_layout_new (self->context, text, SMALL_SIZE, TRUE);
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

static void
ium_report_pages_finalize (GObject *object)
{
  IumReportPages *self = (IumReportPages *) object;

  if (self->tables != NULL)
    for (guint i = 0; i < self->n_sections; i++)
      for (guint c = 0; c < IUM_REPORT_MAX_COLUMNS; c++)
        {
          g_clear_pointer (&self->tables[i].cells[c][0], g_hash_table_unref);
          g_clear_pointer (&self->tables[i].cells[c][1], g_hash_table_unref);
          g_clear_object (&self->tables[i].titles[c]);
        }
  g_clear_pointer (&self->tables, g_free);
  g_clear_pointer (&self->section_pages, g_free);
  for (guint b = 0; b < 4; b++)
    for (guint v = 0; v < IUM_N_STATUS_FLAGS; v++)
      {
        g_clear_object (&self->badges[b][v]);
        g_clear_pointer (&self->badge_glyphs[b][v], ium_report_glyphs_free);
      }
  for (guint i = 0; i < G_N_ELEMENTS (self->band); i++)
    g_clear_object (&self->band[i]);
  ium_report_cards_clear (self->cards);
  g_clear_pointer (&self->running, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->fonts, g_hash_table_unref);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (ium_report_pages_parent_class)->finalize (object);
}

static void
ium_report_pages_class_init (IumReportPagesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ium_report_pages_finalize;
}

static void
ium_report_pages_init (IumReportPages *self)
{
  self->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->fonts = g_hash_table_new_full (NULL, NULL, NULL,
                                       (GDestroyNotify) pango_font_description_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/**
 * ium_report_pages_new:
 *
 * Returns: (transfer full) (nullable): the laid out report, or %NULL with @error set.
 */
IumReportPages *
ium_report_pages_new (IumReport     *report,
                      double         width,
                      double         height,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(IumReportPages) self = NULL;

  g_return_val_if_fail (IUM_IS_REPORT (report), NULL);

  if (width < 300 || height < 400)
    {
      g_set_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID,
                   "a page of %.0f × %.0f points is too small for the report (at least 300 × 400)",
                   width, height);
      return NULL;
    }

  self = g_object_new (IUM_TYPE_REPORT_PAGES, NULL);
  self->report = g_object_ref (report);
  self->width = width;
  self->height = height;
  self->context = ium_report_text_context_new ();
  self->sections = ium_report_get_sections (&self->n_sections);
  self->tables = g_new0 (Table, self->n_sections);
  self->section_pages = g_new0 (int, self->n_sections);
  self->date = ium_report_format_date_long (ium_report_get_generated (report));

  init_band (self);
  new_page (self);
  lay_out_title_page (self);
  for (guint i = 0; i < self->n_sections; i++)
    {
      init_table (self, i);
      if (!lay_out_section (self, i, cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

IumReport *
ium_report_pages_get_report (IumReportPages *self)
{
  g_return_val_if_fail (IUM_IS_REPORT_PAGES (self), NULL);
  return self->report;
}

guint
ium_report_pages_get_n_pages (IumReportPages *self)
{
  g_return_val_if_fail (IUM_IS_REPORT_PAGES (self), 0);
  return self->pages->len;
}

int
ium_report_pages_get_section_page (IumReportPages *self,
                                   const char     *id)
{
  g_return_val_if_fail (IUM_IS_REPORT_PAGES (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < self->n_sections; i++)
    if (g_str_equal (self->sections[i].id, id))
      return self->section_pages[i];
  return -1;
}

void
ium_report_pages_draw_page (IumReportPages *self,
                            cairo_t        *cr,
                            guint           page)
{
  g_autoptr(IumReportBatch) batch = ium_report_batch_new ();
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
