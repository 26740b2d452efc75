/* ium-report-pages.c: the report laid out on pages: a title page with the summary cards and
 * the charts, then the sections, whose tables break across pages with their header repeated.
 *
 * Layout happens once, in ium_report_pages_new(): every block is measured and placed on a
 * page. Drawing a page (ium-report-pages-draw.c) only draws what was placed there, from
 * layouts kept since measuring, so that page N draws the same whenever and wherever it is
 * drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <glib/gi18n-lib.h>

#include "ium-report-pages.h"

#include "ium-report-pages-private.h"

G_DEFINE_FINAL_TYPE (IumReportPages, ium_report_pages, G_TYPE_OBJECT)

double
ium_pages_content_width (IumReportPages *self)
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
ensure_room (IumReportPages *self, double height)
{
  if (self->y + height > content_bottom (self) && self->y > MARGIN_TOP + 0.5)
    new_page (self);
}

static Item *
place (IumReportPages *self, ItemKind kind, double height)
{
  Item item = { kind, MARGIN_X, self->y, ium_pages_content_width (self), height };

  g_array_append_val (current_page (self), item);
  self->y += height;
  return &g_array_index (current_page (self), Item, current_page (self)->len - 1);
}

static PangoLayout *
keep_layout (IumReportPages *self, PangoLayout *layout)
{
  g_ptr_array_add (self->layouts, layout);
  return layout;
}

/* Parsing a font description for each of thousands of cells shows in a profile: one each. */
static const PangoFontDescription *
font_of (IumReportPages *self, double size, gboolean bold)
{
  gpointer              key = GINT_TO_POINTER ((int) (size * 100) * 2 + (bold ? 1 : 0));
  PangoFontDescription *font = g_hash_table_lookup (self->fonts, key);

  if (font == NULL)
    {
      font = ium_report_font_new (size, bold);
      g_hash_table_insert (self->fonts, key, font);
    }
  return font;
}

PangoLayout *
ium_pages_wrap (IumReportPages *self, const char *text, double size, gboolean bold, double width)
{
  PangoLayout *layout =
    ium_report_layout_new_with_font (self->context, text, font_of (self, size, bold));

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

double
ium_pages_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
ium_pages_width (PangoLayout *layout)
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
  PangoLayout *layout =
    keep_layout (self, ium_pages_wrap (self, text, size, bold, ium_pages_content_width (self)));
  double height = ium_pages_height (layout);
  Item  *item;

  ensure_room (self, height);
  item = place (self, ITEM_PARAGRAPH, height);
  item->layout = layout;
  item->colour = colour;
  self->y += space_after;
}

static PangoLayout *
badge_layout (IumReportPages *self, IumReportBadge badge, int value)
{
  if (self->badges[badge][value] == NULL)
    self->badges[badge][value] =
      ium_report_layout_new (self->context, ium_report_badge_text (badge, value), BADGE_SIZE, TRUE);
  return self->badges[badge][value];
}

static double
badge_width (IumReportPages *self, IumReportBadge badge, int value)
{
  double *width = &self->badge_widths[badge][value];

  if (*width == 0)
    *width = ium_pages_width (badge_layout (self, badge, value)) + 2 * BADGE_PAD;
  return *width;
}

void
ium_pages_badge (
  IumReportPages *self, IumReportBatch *batch, IumReportBadge badge, int value, double x, double y)
{
  const IumReportTone *tone = ium_report_tone (badge, value);
  IumReportGlyphs    **glyphs = &self->badge_glyphs[badge][value];

  /* Glyphs are placed from the layout's top; its text's baseline sits 2.9 above the foot. */
  if (*glyphs == NULL)
    *glyphs = ium_report_glyphs_new (badge_layout (self, badge, value));
  ium_report_batch_add_rect (batch, IUM_REPORT_LAYER_FOREGROUND, x, y,
                             badge_width (self, badge, value), BADGE_HEIGHT, BADGE_RADIUS,
                             tone->bg);
  ium_report_batch_add_glyphs (batch, *glyphs, x + BADGE_PAD,
                               y + BADGE_HEIGHT - 2.9 - self->badge_baseline, tone->fg);
}

double
ium_pages_flow_flags (IumReportPages *self,
                      IumStatusFlags  flags,
                      double          width,
                      IumReportBatch *batch,
                      double          x0,
                      double          y0)
{
  double   x = 0, y = 0;
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
        ium_pages_badge (self, batch, IUM_REPORT_BADGE_FLAG, bit, x0 + x, y0 + y);
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
Cell *
ium_pages_cell (IumReportPages *self, guint section, guint column, const IumReportCell *cell)
{
  Table       *table = &self->tables[section];
  GHashTable **cache = &table->cells[column][cell->emphasis ? 1 : 0];
  const char  *text = cell->text != NULL && *cell->text != '\0' ? cell->text : "—";
  Cell        *entry;

  if (*cache == NULL)
    *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cell_entry_free);
  entry = g_hash_table_lookup (*cache, text);
  if (entry == NULL)
    {
      entry = g_new0 (Cell, 1);
      entry->layout = ium_pages_wrap (self, text, TABLE_SIZE, cell->emphasis,
                                      table->width[column] - 2 * CELL_PAD_X);
      entry->width = ium_pages_width (entry->layout);
      entry->height = ium_pages_height (entry->layout);
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
      return ium_pages_flow_flags (
        self, cell->flags, self->tables[section].width[column] - 2 * CELL_PAD_X, NULL, 0, 0);
    case IUM_REPORT_CELL_BADGE:
      if (cell->value >= 0)
        return BADGE_HEIGHT;
      G_GNUC_FALLTHROUGH;
    case IUM_REPORT_CELL_TEXT:
    case IUM_REPORT_CELL_NUMBER:
    default:
      return ium_pages_cell (self, section, column, cell)->height;
    }
}

static void
init_table (IumReportPages *self, guint index)
{
  const IumReportSection *section = &self->sections[index];
  Table                  *table = &self->tables[index];
  double                  total = 0, x = MARGIN_X, tallest = 0;

  for (guint c = 0; c < section->n_columns; c++)
    total += section->columns[c].weight;
  table->total_width = ium_pages_content_width (self) * CLAMP (section->width, 0.2, 1.0);
  for (guint c = 0; c < section->n_columns; c++)
    {
      g_autofree char *title = g_utf8_strup (_ (section->columns[c].title), -1);

      table->x[c] = x;
      table->width[c] = table->total_width * section->columns[c].weight / total;
      x += table->width[c];
      table->titles[c] =
        ium_pages_wrap (self, title, HEAD_SIZE, TRUE, table->width[c] - 2 * CELL_PAD_X);
      tallest = MAX (tallest, ium_pages_height (table->titles[c]));
    }
  table->header_height = tallest + 2 * 4.0;
}

static double
row_height (IumReportPages *self, guint index, guint row)
{
  const IumReportSection *section = &self->sections[index];
  IumReportCell           cells[IUM_REPORT_MAX_COLUMNS] = { 0 };
  double                  tallest = 0;

  section->fill (self->report, row, cells);
  for (guint c = 0; c < section->n_columns; c++)
    tallest = MAX (tallest, cell_height (self, index, c, &section->columns[c], &cells[c]));
  ium_report_cells_clear (cells, section->n_columns);
  return tallest + 2 * CELL_PAD_Y;
}

static gboolean
lay_out_section (IumReportPages *self, guint index, GCancellable *cancellable, GError **error)
{
  const IumReportSection *section = &self->sections[index];
  Table                  *table = &self->tables[index];
  g_autofree char        *intro = section->dup_intro (self->report);
  guint                   n_rows = section->n_rows (self->report);
  PangoLayout            *intro_layout = keep_layout (
               self, ium_pages_wrap (self, intro, SMALL_SIZE, FALSE, ium_pages_content_width (self)));
  double heading = 26 + ium_pages_height (intro_layout) + 8;
  double first = n_rows > 0 ? table->header_height + row_height (self, index, 0) : 30;
  Item  *item;

  /* A heading never stays alone at the foot of a page. */
  self->y += 14;
  ensure_room (self, heading + first);
  self->section_pages[index] = (int) self->pages->len - 1;
  item = place (self, ITEM_HEADING, 26);
  item->section = index;
  item = place (self, ITEM_PARAGRAPH, ium_pages_height (intro_layout));
  item->layout = intro_layout;
  item->colour = IUM_REPORT_MUTED;
  self->y += 8;

  if (n_rows == 0)
    {
      g_autofree char *empty = section->dup_empty (self->report);
      PangoLayout     *layout = keep_layout (
            self, ium_pages_wrap (self, empty, SMALL_SIZE, FALSE, ium_pages_content_width (self) - 20));
      item = place (self, ITEM_EMPTY, ium_pages_height (layout) + 14);
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

      if (r % ROWS_PER_STEP == ROWS_PER_STEP - 1
          && g_cancellable_set_error_if_cancelled (cancellable, error))
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
  IumReport       *report = self->report;
  IumRelease      *release = ium_report_get_release (report);
  const char      *facility = ium_report_get_facility (report);
  g_autofree char *upper = g_utf8_strup (*facility ? facility : "Instrument Update Manager", -1);
  g_autofree char *title =
    g_strdup_printf ("%s %s", _ ("Release report"), ium_release_get_version_text (release));
  g_autofree char *described = ium_report_describe_release (release);
  g_autofree char *time = g_date_time_format (ium_report_get_generated (report), "%H:%M");
  g_autofree char *when = g_strdup_printf (_ ("Generated %s, %s UTC"), self->date, time);
  g_autofree char *seen =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Clients seen in the last %u day",
                                  "Clients seen in the last %u days", ium_report_get_days (report)),
                     ium_report_get_days (report));
  g_autofree char *meta = g_strdup_printf ("%s  ·  %s", when, seen);
  double           width = ium_pages_content_width (self);

  self->band[0] = ium_pages_wrap (self, upper, 8.0, TRUE, width);
  self->band[1] = ium_pages_wrap (self, title, 23.0, TRUE, width);
  self->band[2] = ium_pages_wrap (self, described, 9.5, FALSE, width);
  self->band[3] = ium_pages_wrap (self, meta, 8.5, FALSE, width);
  self->running = g_strdup_printf ("%s%s%s %s", facility, *facility ? "  ·  " : "",
                                   _ ("Release report"), ium_release_get_version_text (release));
  /* The same on every page: laid out once. */
  self->header[0] = ium_report_layout_new (self->context, self->running, 7.5, FALSE);
  self->header[1] = ium_report_layout_new (self->context, self->date, 7.5, FALSE);
  self->header[2] = ium_report_layout_new (self->context, "Instrument Update Manager", 7.0, FALSE);
  self->badge_baseline =
    (double) pango_layout_get_baseline (badge_layout (self, IUM_REPORT_BADGE_FLAG, 0))
    / PANGO_SCALE;
}

static void
lay_out_title_page (IumReportPages *self)
{
  IumReport       *report = self->report;
  const char      *notes = ium_release_get_notes (ium_report_get_release (report));
  g_autofree char *rollouts = ium_report_describe_rollouts (report);
  double           half = (ium_pages_content_width (self) - 12) / 2, chart_height, timeline_height;
  Item            *item;

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
  for (guint i = 0; i < G_N_ELEMENTS (self->header); i++)
    g_clear_object (&self->header[i]);
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
  self->fonts =
    g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) pango_font_description_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/**
 * ium_report_pages_new:
 *
 * Returns: (transfer full) (nullable): the laid out report, or %NULL with @error set.
 */
IumReportPages *
ium_report_pages_new (
  IumReport *report, double width, double height, GCancellable *cancellable, GError **error)
{
  g_autoptr (IumReportPages) self = NULL;

  g_return_val_if_fail (IUM_IS_REPORT (report), NULL);

  if (width < 300 || height < 400)
    {
      g_set_error (
        error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID,
        _ ("a page of %.0f × %.0f points is too small for the report (at least 300 × 400)"), width,
        height);
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
ium_report_pages_get_section_page (IumReportPages *self, const char *id)
{
  g_return_val_if_fail (IUM_IS_REPORT_PAGES (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < self->n_sections; i++)
    if (g_str_equal (self->sections[i].id, id))
      return self->section_pages[i];
  return -1;
}
