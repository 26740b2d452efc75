/* ium-timeline.c: the rollout timeline, drawn with snapshot.
 *
 * The widget is a GtkScrollable: the scrolled window around it only moves adjustments, and
 * the widget draws the part in view, so the time axis (top) and the instrument names (left)
 * stay put while the rows scroll. Only the rows in view are drawn (ium-timeline-layout.c
 * finds them by binary search), which keeps a frame cheap with ten thousand rows.
 *
 * Layers, back to front: facility-wide windows shaded across every row, frozen cycles
 * hatched, tick lines, each row's own windows, the bars, today's line; then the names and
 * the axis on top.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-timeline.h"

#include "ium-rollout-text.h"

#define LABEL_WIDTH        168
#define AXIS_HEIGHT        44
#define CYCLE_BAND         18
#define ROW_HEIGHT         24
#define WAVE_HEIGHT        28
#define DEFAULT_PX_PER_DAY 24.0
#define ZOOM_STEP          1.5

struct _IumTimeline
{
  GtkWidget          parent_instance;

  IumTimelineData   *data;        /* owned */
  IumTimelineLayout *layout;      /* owned */
  GtkAdjustment     *hadjustment; /* owned */
  GtkAdjustment     *vadjustment; /* owned */
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  gboolean           fit_pending;
  guint              selected;
  double             pointer_x;
  double             pointer_y;
  double             pinch_start; /* px per day when a pinch began */
  GArray            *wave_counts; /* owned, of guint: per wave, instruments then scheduled */
};

enum
{
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (IumTimeline,
                               ium_timeline,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static const char *const state_colors[IUM_N_UPGRADE_STATES] = {
  [IUM_UPGRADE_PLANNED] = "#3584e4",     [IUM_UPGRADE_IN_PROGRESS] = "#e5a50a",
  [IUM_UPGRADE_DONE] = "#26a269",        [IUM_UPGRADE_FAILED] = "#e01b24",
  [IUM_UPGRADE_ROLLED_BACK] = "#9141ac", [IUM_UPGRADE_SKIPPED] = "#9a9996",
};

/* Geometry */

static double
view_width (IumTimeline *self)
{
  return MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - LABEL_WIDTH);
}

static double
view_height (IumTimeline *self)
{
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_HEIGHT);
}

static double
scroll_x (IumTimeline *self)
{
  return self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (IumTimeline *self)
{
  return self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
configure_adjustments (IumTimeline *self)
{
  double width = self->layout ? ium_timeline_layout_get_width (self->layout) : 0;
  double height = self->layout ? ium_timeline_layout_get_height (self->layout) : 0;
  double page_w = view_width (self), page_h = view_height (self);

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (scroll_x (self), 0, MAX (0, width - page_w)), 0,
                              MAX (width, page_w), page_w * 0.1, page_w * 0.9, page_w);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (scroll_y (self), 0, MAX (0, height - page_h)), 0,
                              MAX (height, page_h), ROW_HEIGHT * 3, page_h * 0.9, page_h);
}

/* Content coordinates of a point in the widget; FALSE outside the rows' area. */
static gboolean
to_content (IumTimeline *self, double x, double y, double *cx, double *cy)
{
  if (self->layout == NULL || x < LABEL_WIDTH || y < AXIS_HEIGHT)
    return FALSE;
  *cx = x - LABEL_WIDTH + scroll_x (self);
  *cy = y - AXIS_HEIGHT + scroll_y (self);
  return TRUE;
}

/* Drawing */

static void
get_foreground (IumTimeline *self, GdkRGBA *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
}

static GdkRGBA
with_alpha (const GdkRGBA *color, float alpha)
{
  GdkRGBA result = *color;

  result.alpha = alpha;
  return result;
}

static void
append_rect (
  GtkSnapshot *snapshot, const GdkRGBA *color, double x, double y, double width, double height)
{
  if (width <= 0 || height <= 0)
    return;
  gtk_snapshot_append_color (
    snapshot, color, &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) width, (float) height));
}

static void
append_text (IumTimeline   *self,
             GtkSnapshot   *snapshot,
             const char    *text,
             double         x,
             double         y,
             double         max_width,
             gboolean       bold,
             const GdkRGBA *color)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, height;

  if (bold)
    {
      g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  /* @y is the middle of the line. */
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) (y - height / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
text_width (IumTimeline *self, const char *text)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Diagonal lines over [x, x + width) × [y, y + height), for a frozen cycle: one small tile
 * drawn with cairo and repeated, so the renderer uploads a few pixels, not the whole area,
 * and the lines stay put in content space while it scrolls. */
static void
append_hatch (
  GtkSnapshot *snapshot, const GdkRGBA *color, double x, double y, double width, double height)
{
  const float tile = 9;
  cairo_t    *cr;

  if (width <= 0 || height <= 0)
    return;
  gtk_snapshot_push_repeat (
    snapshot, &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) width, (float) height),
    &GRAPHENE_RECT_INIT (0, 0, tile, tile));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, tile, tile));
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.5);
  /* The diagonal, and the ends of the neighbouring tiles' that reach into the corners. */
  cairo_move_to (cr, 0, tile);
  cairo_line_to (cr, tile, 0);
  cairo_move_to (cr, -1, 1);
  cairo_line_to (cr, 1, -1);
  cairo_move_to (cr, tile - 1, tile + 1);
  cairo_line_to (cr, tile + 1, tile - 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);
}

static void
draw_spans (IumTimeline *self, GtkSnapshot *snapshot, double x0, double x1, double y0, double y1)
{
  IumTimelineLayout     *layout = self->layout;
  const IumTimelineSpan *spans;
  GdkRGBA                shade = { 0.21f, 0.52f, 0.89f, 0.20f };
  GdkRGBA                hatch = { 0.88f, 0.11f, 0.14f, 0.22f };
  guint                  n;

  spans = ium_timeline_data_get_facility_windows (self->data, &n);
  for (guint i = 0; i < n; i++)
    {
      double sx = ium_timeline_layout_time_to_x (layout, spans[i].start);
      double ex = ium_timeline_layout_time_to_x (layout, spans[i].end);

      if (ex < x0 || sx > x1)
        continue;
      append_rect (snapshot, &shade, MAX (sx, x0), y0, MIN (ex, x1) - MAX (sx, x0), y1 - y0);
    }

  spans = ium_timeline_data_get_cycles (self->data, &n);
  for (guint i = 0; i < n; i++)
    {
      double sx = ium_timeline_layout_time_to_x (layout, spans[i].start);
      double ex = ium_timeline_layout_time_to_x (layout, spans[i].end);

      if (!spans[i].freeze || ex < x0 || sx > x1)
        continue;
      append_hatch (snapshot, &hatch, MAX (sx, x0), y0, MIN (ex, x1) - MAX (sx, x0), y1 - y0);
    }
}

static void
draw_grid (
  IumTimeline *self, GtkSnapshot *snapshot, GArray *ticks, const GdkRGBA *fg, double y0, double y1)
{
  GdkRGBA minor = with_alpha (fg, 0.07f), major = with_alpha (fg, 0.16f);

  for (guint i = 0; i < ticks->len; i++)
    {
      IumTimelineTick *tick = &g_array_index (ticks, IumTimelineTick, i);
      append_rect (snapshot, tick->major ? &major : &minor, tick->x, y0, 1, y1 - y0);
    }
}

static void
draw_rows (IumTimeline   *self,
           GtkSnapshot   *snapshot,
           const GdkRGBA *fg,
           double         x0,
           double         x1,
           guint          first,
           guint          end)
{
  IumTimelineLayout *layout = self->layout;
  GdkRGBA            header = with_alpha (fg, 0.06f);
  GdkRGBA            stripe = with_alpha (fg, 0.025f);
  GdkRGBA            own = { 0.21f, 0.52f, 0.89f, 0.30f };
  GdkRGBA            dim = with_alpha (fg, 0.55f);

  for (guint r = first; r < end; r++)
    {
      const IumTimelineRow  *row = ium_timeline_layout_get_row (layout, r);
      const IumTimelineItem *item;
      const IumTimelineSpan *spans;
      double                 bx, by, bw, bh;
      guint                  n;

      if (row->kind == IUM_TIMELINE_ROW_WAVE)
        {
          append_rect (snapshot, &header, x0, row->y, x1 - x0, row->height);
          continue;
        }
      item = ium_timeline_data_get_item (self->data, row->item);
      if (r % 2 == 0)
        append_rect (snapshot, &stripe, x0, row->y, x1 - x0, row->height);

      spans = ium_timeline_data_get_item_windows (self->data, row->item, &n);
      for (guint i = 0; i < n; i++)
        {
          double sx = ium_timeline_layout_time_to_x (layout, spans[i].start);
          double ex = ium_timeline_layout_time_to_x (layout, spans[i].end);

          if (ex < x0 || sx > x1)
            continue;
          append_rect (snapshot, &own, MAX (sx, x0), row->y + 1, MIN (ex, x1) - MAX (sx, x0),
                       row->height - 2);
        }

      if (ium_timeline_layout_bar_rect (layout, row->item, &bx, &by, &bw, &bh))
        {
          GdkRGBA color;

          if (bx + bw < x0 || bx > x1)
            continue;
          ium_timeline_get_state_color (item->state, &color);
          if (row->item == self->selected)
            {
              GdkRGBA ring = with_alpha (fg, 0.9f);
              append_rect (snapshot, &ring, bx - 2, by - 2, bw + 4, bh + 4);
            }
          append_rect (snapshot, &color, bx, by, bw, bh);
        }
      else
        {
          g_autofree char *text =
            g_strdup_printf (_ ("Unscheduled: %s"), item->note ? item->note : _ ("no window"));
          append_text (self, snapshot, text, x0 + 8, row->y + row->height / 2, x1 - x0 - 16, FALSE,
                       &dim);
        }
    }
}

static void
draw_today (IumTimeline *self, GtkSnapshot *snapshot, double x0, double x1, double y0, double y1)
{
  GdkRGBA red = { 0.88f, 0.11f, 0.14f, 0.9f };
  double  x = ium_timeline_layout_time_to_x (self->layout, ium_timeline_data_get_now (self->data));

  if (x >= x0 && x <= x1)
    append_rect (snapshot, &red, x - 1, y0, 2, y1 - y0);
}

/* The wave's header text: "Wave 2" and how many of its instruments are scheduled. */
static char *
dup_wave_title (IumTimeline *self, guint wave)
{
  guint n = 0, scheduled = 0;

  if (wave < self->wave_counts->len / 2)
    {
      n = g_array_index (self->wave_counts, guint, 2 * wave);
      scheduled = g_array_index (self->wave_counts, guint, 2 * wave + 1);
    }
  if (scheduled == n)
    return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Wave %u · %u upgrade", "Wave %u · %u upgrades", n), wave, n);
  return g_strdup_printf (_ ("Wave %u · %u of %u scheduled"), wave, scheduled, n);
}

/* Counted once per data, not per frame: instruments and scheduled ones per wave. */
static void
count_waves (IumTimeline *self)
{
  guint n_waves = self->data ? ium_timeline_data_get_n_waves (self->data) : 0;

  g_array_set_size (self->wave_counts, 0);
  g_array_set_size (self->wave_counts, 2 * (n_waves + 1));
  for (guint i = 0; self->data != NULL && i < ium_timeline_data_get_n_items (self->data); i++)
    {
      const IumTimelineItem *item = ium_timeline_data_get_item (self->data, i);

      g_array_index (self->wave_counts, guint, 2 * item->wave)++;
      g_array_index (self->wave_counts, guint, 2 * item->wave + 1) += item->scheduled;
    }
}

static void
draw_labels (IumTimeline *self, GtkSnapshot *snapshot, const GdkRGBA *fg, guint first, guint end)
{
  GdkRGBA header = with_alpha (fg, 0.06f);
  GdkRGBA line = with_alpha (fg, 0.15f);
  double  top = AXIS_HEIGHT - scroll_y (self);

  gtk_snapshot_push_clip (
    snapshot, &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT, LABEL_WIDTH, (float) view_height (self)));
  for (guint r = first; r < end; r++)
    {
      const IumTimelineRow *row = ium_timeline_layout_get_row (self->layout, r);
      double                middle = top + row->y + row->height / 2;

      if (row->kind == IUM_TIMELINE_ROW_WAVE)
        {
          /* Wave titles span the whole width: they are drawn over the rows later. */
          append_rect (snapshot, &header, 0, top + row->y, LABEL_WIDTH, row->height);
        }
      else
        {
          const IumTimelineItem *item = ium_timeline_data_get_item (self->data, row->item);
          GdkRGBA                color = item->scheduled ? *fg : with_alpha (fg, 0.55f);

          append_text (self, snapshot, item->instrument, 12, middle, LABEL_WIDTH - 20, FALSE,
                       &color);
        }
    }
  gtk_snapshot_pop (snapshot);
  append_rect (snapshot, &line, LABEL_WIDTH - 1, AXIS_HEIGHT, 1, view_height (self));
}

static void
draw_wave_titles (
  IumTimeline *self, GtkSnapshot *snapshot, const GdkRGBA *fg, guint first, guint end)
{
  double top = AXIS_HEIGHT - scroll_y (self);

  gtk_snapshot_push_clip (
    snapshot, &GRAPHENE_RECT_INIT (0, AXIS_HEIGHT, (float) gtk_widget_get_width (GTK_WIDGET (self)),
                                   (float) view_height (self)));
  for (guint r = first; r < end; r++)
    {
      const IumTimelineRow *row = ium_timeline_layout_get_row (self->layout, r);
      g_autofree char      *title = NULL;

      if (row->kind != IUM_TIMELINE_ROW_WAVE)
        continue;
      title = dup_wave_title (self, row->wave);
      append_text (self, snapshot, title, 12, top + row->y + row->height / 2, 0, TRUE, fg);
    }
  gtk_snapshot_pop (snapshot);
}

static void
draw_axis (
  IumTimeline *self, GtkSnapshot *snapshot, const GdkRGBA *fg, GArray *ticks, double x0, double x1)
{
  IumTimelineTickUnit    unit = ium_timeline_layout_get_tick_unit (self->layout);
  const IumTimelineSpan *cycles;
  GdkRGBA                line = with_alpha (fg, 0.15f), dim = with_alpha (fg, 0.7f);
  GdkRGBA                frozen = { 0.88f, 0.11f, 0.14f, 0.16f }, open = with_alpha (fg, 0.08f);
  GdkRGBA                hatch = { 0.88f, 0.11f, 0.14f, 0.35f };
  GdkRGBA                red = { 0.88f, 0.11f, 0.14f, 1.0f };
  double                 left = LABEL_WIDTH - x0, last_end = -G_MAXDOUBLE;
  double                 now_x;
  guint                  n;

  gtk_snapshot_push_clip (
    snapshot, &GRAPHENE_RECT_INIT (LABEL_WIDTH, 0, (float) view_width (self), AXIS_HEIGHT));

  /* The cycles in a band at the top: frozen ones hatched, with their names. */
  cycles = ium_timeline_data_get_cycles (self->data, &n);
  for (guint i = 0; i < n; i++)
    {
      double           sx = ium_timeline_layout_time_to_x (self->layout, cycles[i].start);
      double           ex = ium_timeline_layout_time_to_x (self->layout, cycles[i].end);
      double           from = MAX (sx, x0), until = MIN (ex, x1);
      g_autofree char *name = NULL;

      if (until <= from)
        continue;
      append_rect (snapshot, cycles[i].freeze ? &frozen : &open, left + from, 2, until - from,
                   CYCLE_BAND - 4);
      if (cycles[i].freeze)
        append_hatch (snapshot, &hatch, left + from, 2, until - from, CYCLE_BAND - 4);
      name = cycles[i].freeze ? g_strdup_printf (_ ("%s (frozen)"), cycles[i].label)
                              : g_strdup (cycles[i].label);
      append_text (self, snapshot, name, left + from + 4, CYCLE_BAND / 2.0, until - from - 8, FALSE,
                   fg);
    }

  /* Ticks and their labels, leaving out a label that would run into the one before. */
  for (guint i = 0; i < ticks->len; i++)
    {
      IumTimelineTick *tick = &g_array_index (ticks, IumTimelineTick, i);
      g_autofree char *label = ium_timeline_tick_label (tick, unit);
      double           x = left + tick->x;

      append_rect (snapshot, tick->major ? fg : &line, x, AXIS_HEIGHT - (tick->major ? 8 : 5), 1,
                   tick->major ? 8 : 5);
      if (x + 3 < last_end + 6)
        continue;
      append_text (self, snapshot, label, x + 3, CYCLE_BAND + (AXIS_HEIGHT - CYCLE_BAND) / 2.0 - 2,
                   0, tick->major, tick->major ? fg : &dim);
      last_end = x + 3 + text_width (self, label);
    }

  now_x = ium_timeline_layout_time_to_x (self->layout, ium_timeline_data_get_now (self->data));
  if (now_x >= x0 && now_x <= x1)
    append_rect (snapshot, &red, left + now_x - 1, CYCLE_BAND, 2, AXIS_HEIGHT - CYCLE_BAND);

  gtk_snapshot_pop (snapshot);
  append_rect (snapshot, &line, 0, AXIS_HEIGHT - 1, gtk_widget_get_width (GTK_WIDGET (self)), 1);
  append_text (self, snapshot, _ ("Times in UTC"), 12,
               CYCLE_BAND + (AXIS_HEIGHT - CYCLE_BAND) / 2.0 - 2, LABEL_WIDTH - 20, FALSE, &dim);
}

static void
ium_timeline_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  IumTimeline *self = IUM_TIMELINE (widget);
  double       x0 = scroll_x (self), y0 = scroll_y (self);
  double       x1 = x0 + view_width (self), y1 = y0 + view_height (self);
  double       rows_bottom;
  g_autoptr (GArray) ticks = NULL;
  GdkRGBA fg;
  guint   first, end;

  if (self->layout == NULL || view_width (self) <= 0 || view_height (self) <= 0)
    return;

  get_foreground (self, &fg);
  ticks = ium_timeline_layout_ticks (self->layout, x0, x1);
  ium_timeline_layout_visible_rows (self->layout, y0, y1, &first, &end);
  rows_bottom = MIN (y1, ium_timeline_layout_get_height (self->layout));

  /* The rows' area, in content coordinates. */
  gtk_snapshot_push_clip (snapshot,
                          &GRAPHENE_RECT_INIT (LABEL_WIDTH, AXIS_HEIGHT, (float) view_width (self),
                                               (float) view_height (self)));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (
    snapshot, &GRAPHENE_POINT_INIT ((float) (LABEL_WIDTH - x0), (float) (AXIS_HEIGHT - y0)));
  draw_spans (self, snapshot, x0, x1, y0, rows_bottom);
  draw_grid (self, snapshot, ticks, &fg, y0, rows_bottom);
  draw_rows (self, snapshot, &fg, x0, x1, first, end);
  draw_today (self, snapshot, x0, x1, y0, rows_bottom);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);

  draw_labels (self, snapshot, &fg, first, end);
  draw_wave_titles (self, snapshot, &fg, first, end);
  draw_axis (self, snapshot, &fg, ticks, x0, x1);
}

/* Tooltips */

static char *
dup_item_tooltip (IumTimeline *self, guint index)
{
  const IumTimelineItem *item = ium_timeline_data_get_item (self->data, index);
  GString               *text = g_string_new (NULL);
  g_autofree char       *name = g_markup_escape_text (item->instrument, -1);

  g_string_append_printf (text, "<b>%s</b> · ", name);
  g_string_append_printf (text, _ ("wave %u"), item->wave);
  if (item->scheduled)
    {
      g_autofree char *when = ium_format_time_range (item->start, item->end);
      g_autofree char *window = g_markup_escape_text (item->window ? item->window : "", -1);

      g_string_append_printf (text, "\n%s", when);
      if (item->window != NULL)
        g_string_append_printf (text, "\n%s", window);
      g_string_append_printf (text, "\n%s", ium_upgrade_state_get_label (item->state));
    }
  else
    {
      g_autofree char *reason =
        g_markup_escape_text (item->note ? item->note : _ ("no window"), -1);
      g_string_append_c (text, '\n');
      /* Translators: why an upgrade has no time in the timeline. */
      g_string_append_printf (text, _ ("Unscheduled: %s"), reason);
    }
  if (item->scheduled && item->note != NULL)
    {
      g_autofree char *note = g_markup_escape_text (item->note, -1);
      g_string_append_printf (text, " — %s", note);
    }
  return g_string_free (text, FALSE);
}

static char *
dup_span_tooltip (const IumTimelineSpan *span, gboolean cycle)
{
  g_autofree char *when = ium_format_time_range (span->start, span->end);
  g_autofree char *label = g_markup_escape_text (span->label, -1);

  if (cycle)
    return g_strdup_printf (span->freeze ? _ ("<b>Cycle %s</b> (frozen: only patch releases)\n%s")
                                         : _ ("<b>Cycle %s</b>\n%s"),
                            label, when);
  return g_strdup_printf (_ ("<b>%s</b> (downtime)\n%s"), label, when);
}

static const IumTimelineSpan *
find_span (IumTimelineLayout *layout, const IumTimelineSpan *spans, guint n, double x)
{
  gint64 time = ium_timeline_layout_x_to_time (layout, x);

  for (guint i = 0; i < n; i++)
    if (spans[i].start <= time && time < spans[i].end)
      return &spans[i];
  return NULL;
}

char *
ium_timeline_dup_tooltip_at (IumTimeline *self, double x, double y)
{
  const IumTimelineSpan *span, *spans;
  double                 cx, cy;
  guint                  item, row, n;

  g_return_val_if_fail (IUM_IS_TIMELINE (self), NULL);

  if (self->layout == NULL)
    return NULL;

  /* Over the cycles' band of the axis. */
  if (y < CYCLE_BAND && x >= LABEL_WIDTH)
    {
      const IumTimelineSpan *cycles = ium_timeline_data_get_cycles (self->data, &n);

      span = find_span (self->layout, cycles, n, x - LABEL_WIDTH + scroll_x (self));
      return span ? dup_span_tooltip (span, TRUE) : NULL;
    }

  /* Over a name: the same as over its bar. */
  if (x < LABEL_WIDTH && y >= AXIS_HEIGHT)
    {
      row = ium_timeline_layout_row_at_y (self->layout, y - AXIS_HEIGHT + scroll_y (self));
      if (row == G_MAXUINT
          || ium_timeline_layout_get_row (self->layout, row)->kind != IUM_TIMELINE_ROW_ITEM)
        return NULL;
      return dup_item_tooltip (self, ium_timeline_layout_get_row (self->layout, row)->item);
    }

  if (!to_content (self, x, y, &cx, &cy))
    return NULL;
  item = ium_timeline_layout_hit (self->layout, cx, cy);
  if (item != G_MAXUINT)
    return dup_item_tooltip (self, item);

  row = ium_timeline_layout_row_at_y (self->layout, cy);
  if (row == G_MAXUINT)
    return NULL;
  if (ium_timeline_layout_get_row (self->layout, row)->kind == IUM_TIMELINE_ROW_ITEM)
    {
      guint                  index = ium_timeline_layout_get_row (self->layout, row)->item;
      const IumTimelineItem *it = ium_timeline_data_get_item (self->data, index);

      if (!it->scheduled)
        return dup_item_tooltip (self, index);
      const IumTimelineSpan *own = ium_timeline_data_get_item_windows (self->data, index, &n);

      span = find_span (self->layout, own, n, cx);
      if (span != NULL)
        return dup_span_tooltip (span, FALSE);
    }
  spans = ium_timeline_data_get_facility_windows (self->data, &n);
  span = find_span (self->layout, spans, n, cx);
  return span ? dup_span_tooltip (span, FALSE) : NULL;
}

static gboolean
query_tooltip_cb (
  GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer user_data)
{
  IumTimeline     *self = IUM_TIMELINE (widget);
  g_autofree char *markup = NULL;
  GdkRectangle     area;

  if (keyboard && self->selected != G_MAXUINT
      && ium_timeline_get_bar_area (self, self->selected, &area))
    {
      markup = dup_item_tooltip (self, self->selected);
      gtk_tooltip_set_tip_area (tooltip, &area);
    }
  else
    markup = ium_timeline_dup_tooltip_at (self, x, y);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Input */

static void
activate_selected (IumTimeline *self)
{
  if (self->selected != G_MAXUINT)
    g_signal_emit (self, signals[BAR_ACTIVATED], 0, self->selected);
}

static void
click_released_cb (GtkGestureClick *gesture, int n_press, double x, double y, IumTimeline *self)
{
  guint item = ium_timeline_item_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (item == G_MAXUINT)
    {
      ium_timeline_set_selected (self, G_MAXUINT);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->selected = item;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  activate_selected (self);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, IumTimeline *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
zoom_around (IumTimeline *self, double factor, double anchor)
{
  double scroll;

  if (self->layout == NULL)
    return;
  scroll = ium_timeline_layout_zoom (self->layout, factor, anchor, scroll_x (self));
  configure_adjustments (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, scroll);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, IumTimeline *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* Only Ctrl+scroll zooms; plain scrolling goes on to the scrolled window. */
  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  zoom_around (self, dy < 0 ? ZOOM_STEP : 1 / ZOOM_STEP,
               CLAMP (self->pointer_x - LABEL_WIDTH, 0, view_width (self)));
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture *gesture, GdkEventSequence *sequence, IumTimeline *self)
{
  self->pinch_start = self->layout ? ium_timeline_layout_get_px_per_day (self->layout) : 0;
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture, double scale, IumTimeline *self)
{
  double cx, cy, current;

  if (self->layout == NULL || self->pinch_start <= 0)
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    cx = LABEL_WIDTH + view_width (self) / 2;
  current = ium_timeline_layout_get_px_per_day (self->layout);
  zoom_around (self, self->pinch_start * scale / current,
               CLAMP (cx - LABEL_WIDTH, 0, view_width (self)));
}

/* The next scheduled or unscheduled item after (@step 1) or before (-1) the selection. */
static void
move_selection (IumTimeline *self, int step)
{
  guint n = self->data ? ium_timeline_data_get_n_items (self->data) : 0;
  guint next;

  if (n == 0)
    return;
  if (self->selected == G_MAXUINT)
    next = step > 0 ? 0 : n - 1;
  else if (step < 0)
    next = self->selected > 0 ? self->selected - 1 : 0;
  else
    next = MIN (self->selected + 1, n - 1);
  ium_timeline_set_selected (self, next);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                IumTimeline           *self)
{
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
    case GDK_KEY_Menu:
      activate_selected (self);
      return self->selected != G_MAXUINT;
    default:
      return FALSE;
    }
}

static void
zoom_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumTimeline *self = IUM_TIMELINE (widget);

  if (g_str_equal (action_name, "timeline.zoom-in"))
    ium_timeline_zoom (self, ZOOM_STEP);
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    ium_timeline_zoom (self, 1 / ZOOM_STEP);
  else
    ium_timeline_zoom_to_fit (self);
}

/* GtkWidget */

static void
adjustment_value_changed_cb (GtkAdjustment *adjustment, IumTimeline *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (IumTimeline *self, GtkAdjustment **slot, GtkAdjustment *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  configure_adjustments (self);
}

static void
ium_timeline_measure (GtkWidget     *widget,
                      GtkOrientation orientation,
                      int            for_size,
                      int           *minimum,
                      int           *natural,
                      int           *minimum_baseline,
                      int           *natural_baseline)
{
  IumTimeline *self = IUM_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = LABEL_WIDTH + 120;
      *natural = LABEL_WIDTH + 720;
    }
  else
    {
      double height = self->layout ? ium_timeline_layout_get_height (self->layout) : 0;
      *minimum = AXIS_HEIGHT + 3 * ROW_HEIGHT;
      *natural = AXIS_HEIGHT + (int) MIN (MAX (height, 4 * ROW_HEIGHT), 20 * ROW_HEIGHT);
    }
}

static void
ium_timeline_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  IumTimeline *self = IUM_TIMELINE (widget);

  if (self->fit_pending && self->layout != NULL && width > LABEL_WIDTH)
    {
      double scroll = ium_timeline_layout_fit (self->layout, view_width (self));

      self->fit_pending = FALSE;
      configure_adjustments (self);
      if (self->hadjustment != NULL)
        gtk_adjustment_set_value (self->hadjustment, scroll);
    }
  configure_adjustments (self);
}

static void
ium_timeline_dispose (GObject *object)
{
  IumTimeline *self = IUM_TIMELINE (object);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->layout, ium_timeline_layout_free);
  g_clear_pointer (&self->data, ium_timeline_data_unref);
  g_clear_pointer (&self->wave_counts, g_array_unref);

  G_OBJECT_CLASS (ium_timeline_parent_class)->dispose (object);
}

static void
ium_timeline_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumTimeline *self = IUM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_timeline_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumTimeline *self = IUM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_timeline_class_init (IumTimelineClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_timeline_dispose;
  object_class->get_property = ium_timeline_get_property;
  object_class->set_property = ium_timeline_set_property;
  widget_class->snapshot = ium_timeline_snapshot;
  widget_class->measure = ium_timeline_measure;
  widget_class->size_allocate = ium_timeline_size_allocate;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[BAR_ACTIVATED] =
    g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "timeline.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ium_timeline_init (IumTimeline *self)
{
  GtkEventController *controller;
  GtkGesture         *gesture;

  self->selected = G_MAXUINT;
  self->fit_pending = TRUE;
  self->wave_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Rollout timeline"), -1);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL
                                                | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Public API */

GtkWidget *
ium_timeline_new (void)
{
  return g_object_new (IUM_TYPE_TIMELINE, NULL);
}

void
ium_timeline_set_data (IumTimeline *self, IumTimelineData *data)
{
  static const IumTimelineMetrics metrics = { ROW_HEIGHT, WAVE_HEIGHT };
  g_autofree char                *selected_name = NULL;
  double                          px_per_day = DEFAULT_PX_PER_DAY;
  gint64                          left_time = 0;
  gboolean                        had_layout;

  g_return_if_fail (IUM_IS_TIMELINE (self));

  if (data == self->data)
    return;

  had_layout = self->layout != NULL;
  if (had_layout)
    {
      px_per_day = ium_timeline_layout_get_px_per_day (self->layout);
      left_time = ium_timeline_layout_x_to_time (self->layout, scroll_x (self));
    }
  if (self->selected != G_MAXUINT && self->data != NULL)
    selected_name = g_strdup (ium_timeline_data_get_item (self->data, self->selected)->instrument);

  g_clear_pointer (&self->layout, ium_timeline_layout_free);
  g_clear_pointer (&self->data, ium_timeline_data_unref);
  self->selected = G_MAXUINT;
  if (data != NULL)
    {
      self->data = ium_timeline_data_ref (data);
      self->layout = ium_timeline_layout_new (data, &metrics, px_per_day);
      if (selected_name != NULL)
        self->selected = ium_timeline_data_find (data, selected_name);
    }

  count_waves (self);
  configure_adjustments (self);
  /* A re-plan keeps the time at the left edge where it was, so the eye can compare. */
  if (had_layout && self->layout != NULL && self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment,
                              MAX (0, ium_timeline_layout_time_to_x (self->layout, left_time)));
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

IumTimelineData *
ium_timeline_get_data (IumTimeline *self)
{
  g_return_val_if_fail (IUM_IS_TIMELINE (self), NULL);
  return self->data;
}

IumTimelineLayout *
ium_timeline_get_layout (IumTimeline *self)
{
  g_return_val_if_fail (IUM_IS_TIMELINE (self), NULL);
  return self->layout;
}

guint
ium_timeline_get_selected (IumTimeline *self)
{
  g_return_val_if_fail (IUM_IS_TIMELINE (self), G_MAXUINT);
  return self->selected;
}

void
ium_timeline_set_selected (IumTimeline *self, guint item)
{
  const IumTimelineRow *row;

  g_return_if_fail (IUM_IS_TIMELINE (self));

  if (self->data == NULL || item >= ium_timeline_data_get_n_items (self->data))
    item = G_MAXUINT;
  self->selected = item;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (item == G_MAXUINT)
    return;

  /* Into view: the row vertically, the bar horizontally. */
  row =
    ium_timeline_layout_get_row (self->layout, ium_timeline_layout_item_row (self->layout, item));
  if (self->vadjustment != NULL
      && (row->y < scroll_y (self) || row->y + row->height > scroll_y (self) + view_height (self)))
    gtk_adjustment_set_value (self->vadjustment, row->y - view_height (self) / 3);
  {
    double bx, by, bw, bh;

    if (self->hadjustment != NULL
        && ium_timeline_layout_bar_rect (self->layout, item, &bx, &by, &bw, &bh)
        && (bx < scroll_x (self) || bx + bw > scroll_x (self) + view_width (self)))
      gtk_adjustment_set_value (self->hadjustment, bx - view_width (self) / 3);
  }
}

gboolean
ium_timeline_get_bar_area (IumTimeline *self, guint item, GdkRectangle *area)
{
  double x, y, width, height;

  g_return_val_if_fail (IUM_IS_TIMELINE (self), FALSE);

  if (self->layout == NULL || item >= ium_timeline_data_get_n_items (self->data)
      || !ium_timeline_layout_bar_rect (self->layout, item, &x, &y, &width, &height))
    return FALSE;
  area->x = (int) (x - scroll_x (self) + LABEL_WIDTH);
  area->y = (int) (y - scroll_y (self) + AXIS_HEIGHT);
  area->width = MAX (1, (int) width);
  area->height = MAX (1, (int) height);
  return TRUE;
}

guint
ium_timeline_item_at (IumTimeline *self, double x, double y)
{
  double cx, cy;

  g_return_val_if_fail (IUM_IS_TIMELINE (self), G_MAXUINT);

  if (!to_content (self, x, y, &cx, &cy))
    return G_MAXUINT;
  return ium_timeline_layout_hit (self->layout, cx, cy);
}

void
ium_timeline_zoom (IumTimeline *self, double factor)
{
  g_return_if_fail (IUM_IS_TIMELINE (self));

  zoom_around (self, factor, view_width (self) / 2);
}

void
ium_timeline_zoom_to_fit (IumTimeline *self)
{
  g_return_if_fail (IUM_IS_TIMELINE (self));

  if (self->layout == NULL)
    return;
  if (view_width (self) <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }
  {
    double scroll = ium_timeline_layout_fit (self->layout, view_width (self));

    configure_adjustments (self);
    if (self->hadjustment != NULL)
      gtk_adjustment_set_value (self->hadjustment, scroll);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ium_timeline_get_state_color (IumUpgradeState state, GdkRGBA *color)
{
  g_return_if_fail ((guint) state < IUM_N_UPGRADE_STATES);

  gdk_rgba_parse (color, state_colors[state]);
}

char *
ium_timeline_dup_legend_markup (void)
{
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < IUM_N_UPGRADE_STATES; i++)
    {
      g_autofree char *label = g_markup_escape_text (ium_upgrade_state_get_label (i), -1);

      g_string_append_printf (markup, "%s<span foreground=\"%s\">■</span> %s", i ? "    " : "",
                              state_colors[i], label);
    }
  g_string_append_printf (markup, "    <span foreground=\"#3584e4\" alpha=\"35%%\">■</span> %s",
                          _ ("Downtime window"));
  g_string_append_printf (markup, "    <span foreground=\"#e01b24\" alpha=\"50%%\">▨</span> %s",
                          _ ("Frozen cycle"));
  g_string_append_printf (markup, "    <span foreground=\"#e01b24\">│</span> %s", _ ("Today"));
  return g_string_free (markup, FALSE);
}
