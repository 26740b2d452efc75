/* ium-timeline-layout.c: the geometry of the rollout timeline, without a display.
 *
 * Everything the widget needs per frame is a lookup or a binary search here, so drawing and
 * hit testing cost the same with ten rows or ten thousand: rows are a flat array sorted by y,
 * and each item knows its row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ium-timeline-layout.h"

#define DAY 86400
/* Days shown before the first upgrade and after the last one. */
#define MARGIN_DAYS 3

struct _IumTimelineLayout
{
  IumTimelineData   *data; /* owned */
  IumTimelineMetrics metrics;
  GArray            *rows;      /* owned, of IumTimelineRow */
  guint             *item_rows; /* owned, one per item */
  gint64             t0;
  gint64             t1;
  double             px_per_day;
  double             height;
};

static gint64
floor_day (gint64 time)
{
  gint64 days = time / DAY;

  if (time % DAY < 0)
    days--;
  return days * DAY;
}

static void
build_rows (IumTimelineLayout *self)
{
  guint  n = ium_timeline_data_get_n_items (self->data);
  guint  wave = 0;
  double y = 0;

  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (IumTimelineRow), n + 8);
  self->item_rows = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const IumTimelineItem *item = ium_timeline_data_get_item (self->data, i);
      IumTimelineRow row = { IUM_TIMELINE_ROW_ITEM, item->wave, i, 0, self->metrics.row_height };

      if (item->wave != wave)
        {
          IumTimelineRow header = { IUM_TIMELINE_ROW_WAVE, item->wave, 0, y,
                                    self->metrics.wave_height };

          g_array_append_val (self->rows, header);
          y += header.height;
          wave = item->wave;
        }
      row.y = y;
      self->item_rows[i] = self->rows->len;
      g_array_append_val (self->rows, row);
      y += row.height;
    }
  self->height = y;
}

IumTimelineLayout *
ium_timeline_layout_new (IumTimelineData          *data,
                         const IumTimelineMetrics *metrics,
                         double                    px_per_day)
{
  IumTimelineLayout *self;
  gint64             start, end;

  g_return_val_if_fail (data != NULL && metrics != NULL, NULL);

  self = g_new0 (IumTimelineLayout, 1);
  self->data = ium_timeline_data_ref (data);
  self->metrics = *metrics;
  ium_timeline_data_get_range (data, &start, &end);
  self->t0 = floor_day (start) - MARGIN_DAYS * DAY;
  self->t1 = floor_day (end + DAY - 1) + MARGIN_DAYS * DAY;
  ium_timeline_layout_set_px_per_day (self, px_per_day);
  build_rows (self);
  return self;
}

void
ium_timeline_layout_free (IumTimelineLayout *self)
{
  if (self == NULL)
    return;
  ium_timeline_data_unref (self->data);
  g_array_unref (self->rows);
  g_free (self->item_rows);
  g_free (self);
}

IumTimelineData *
ium_timeline_layout_get_data (IumTimelineLayout *self)
{
  return self->data;
}

void
ium_timeline_layout_get_span (IumTimelineLayout *self, gint64 *t0, gint64 *t1)
{
  *t0 = self->t0;
  *t1 = self->t1;
}

double
ium_timeline_layout_get_px_per_day (IumTimelineLayout *self)
{
  return self->px_per_day;
}

double
ium_timeline_layout_set_px_per_day (IumTimelineLayout *self, double px_per_day)
{
  if (!isfinite (px_per_day))
    px_per_day = IUM_TIMELINE_MIN_PX_PER_DAY;
  self->px_per_day = CLAMP (px_per_day, IUM_TIMELINE_MIN_PX_PER_DAY, IUM_TIMELINE_MAX_PX_PER_DAY);
  return self->px_per_day;
}

double
ium_timeline_layout_get_width (IumTimelineLayout *self)
{
  return ium_timeline_layout_time_to_x (self, self->t1);
}

double
ium_timeline_layout_get_height (IumTimelineLayout *self)
{
  return self->height;
}

double
ium_timeline_layout_time_to_x (IumTimelineLayout *self, gint64 time)
{
  return (double) (time - self->t0) * self->px_per_day / DAY;
}

gint64
ium_timeline_layout_x_to_time (IumTimelineLayout *self, double x)
{
  double seconds = x * DAY / self->px_per_day;

  /* Rounded to the nearest second, without libm. */
  return self->t0 + (gint64) (seconds < 0 ? seconds - 0.5 : seconds + 0.5);
}

guint
ium_timeline_layout_get_n_rows (IumTimelineLayout *self)
{
  return self->rows->len;
}

const IumTimelineRow *
ium_timeline_layout_get_row (IumTimelineLayout *self, guint index)
{
  g_return_val_if_fail (index < self->rows->len, NULL);
  return &g_array_index (self->rows, IumTimelineRow, index);
}

/* The first row whose bottom is below @y (rows are sorted and touch each other). */
static guint
first_row_below (IumTimelineLayout *self, double y)
{
  guint lo = 0, hi = self->rows->len;

  while (lo < hi)
    {
      guint                 mid = lo + (hi - lo) / 2;
      const IumTimelineRow *row = &g_array_index (self->rows, IumTimelineRow, mid);

      if (row->y + row->height <= y)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
ium_timeline_layout_row_at_y (IumTimelineLayout *self, double y)
{
  guint index;

  if (y < 0 || y >= self->height)
    return G_MAXUINT;
  index = first_row_below (self, y);
  return index < self->rows->len ? index : G_MAXUINT;
}

void
ium_timeline_layout_visible_rows (
  IumTimelineLayout *self, double y0, double y1, guint *first, guint *end)
{
  guint i;

  *first = first_row_below (self, y0);
  for (i = *first; i < self->rows->len; i++)
    if (g_array_index (self->rows, IumTimelineRow, i).y >= y1)
      break;
  *end = MAX (i, *first);
}

guint
ium_timeline_layout_item_row (IumTimelineLayout *self, guint item)
{
  g_return_val_if_fail (item < ium_timeline_data_get_n_items (self->data), G_MAXUINT);
  return self->item_rows[item];
}

gboolean
ium_timeline_layout_bar_rect (
  IumTimelineLayout *self, guint item, double *x, double *y, double *width, double *height)
{
  const IumTimelineItem *it = ium_timeline_data_get_item (self->data, item);
  const IumTimelineRow  *row = ium_timeline_layout_get_row (self, self->item_rows[item]);
  double                 inset = MAX (2.0, (double) (gint64) (row->height / 5));
  double                 x0, x1;

  if (!it->scheduled)
    return FALSE;
  x0 = ium_timeline_layout_time_to_x (self, it->start);
  x1 = ium_timeline_layout_time_to_x (self, it->end);
  if (x1 - x0 < IUM_TIMELINE_MIN_BAR_WIDTH)
    {
      /* Widened around its middle, so that it stays where it happens. */
      double middle = (x0 + x1) / 2;
      x0 = middle - IUM_TIMELINE_MIN_BAR_WIDTH / 2;
      x1 = middle + IUM_TIMELINE_MIN_BAR_WIDTH / 2;
    }
  *x = x0;
  *width = x1 - x0;
  *y = row->y + inset;
  *height = row->height - 2 * inset;
  return TRUE;
}

guint
ium_timeline_layout_hit (IumTimelineLayout *self, double x, double y)
{
  guint                 index = ium_timeline_layout_row_at_y (self, y);
  const IumTimelineRow *row;
  double                bx, by, bw, bh;

  if (index == G_MAXUINT)
    return G_MAXUINT;
  row = ium_timeline_layout_get_row (self, index);
  if (row->kind != IUM_TIMELINE_ROW_ITEM
      || !ium_timeline_layout_bar_rect (self, row->item, &bx, &by, &bw, &bh))
    return G_MAXUINT;
  /* The whole height of the row counts: a thin bar is hard to hit exactly. */
  if (x < bx - 1 || x > bx + bw + 1)
    return G_MAXUINT;
  return row->item;
}

double
ium_timeline_layout_zoom (IumTimelineLayout *self, double factor, double anchor, double scroll)
{
  gint64 time = ium_timeline_layout_x_to_time (self, scroll + anchor);

  ium_timeline_layout_set_px_per_day (self, self->px_per_day * factor);
  return MAX (0, ium_timeline_layout_time_to_x (self, time) - anchor);
}

double
ium_timeline_layout_fit (IumTimelineLayout *self, double width)
{
  gint64 start, end, days;

  ium_timeline_data_get_range (self->data, &start, &end);
  start = floor_day (start);
  end = floor_day (end + DAY - 1);
  days = MAX (1, (end - start) / DAY);
  /* Two days' margin on either side, so the first and last bars stay clear of the edges
   * (and of the scroll bar drawn over the right one). */
  ium_timeline_layout_set_px_per_day (self, MAX (width, 1) / (days + 4));
  return MAX (0, ium_timeline_layout_time_to_x (self, start - 2 * DAY));
}

IumTimelineTickUnit
ium_timeline_layout_get_tick_unit (IumTimelineLayout *self)
{
  /* Labels need about 40 px: days while a day is that wide, weeks while a week is. */
  if (self->px_per_day >= 40)
    return IUM_TIMELINE_TICK_DAY;
  if (self->px_per_day * 7 >= 40)
    return IUM_TIMELINE_TICK_WEEK;
  return IUM_TIMELINE_TICK_MONTH;
}

static void
add_tick (IumTimelineLayout *self, GArray *ticks, GDateTime *when, gboolean major)
{
  IumTimelineTick tick;

  tick.time = g_date_time_to_unix (when);
  tick.x = ium_timeline_layout_time_to_x (self, tick.time);
  tick.major = major;
  g_array_append_val (ticks, tick);
}

GArray *
ium_timeline_layout_ticks (IumTimelineLayout *self, double x0, double x1)
{
  IumTimelineTickUnit unit = ium_timeline_layout_get_tick_unit (self);
  GArray             *ticks = g_array_new (FALSE, FALSE, sizeof (IumTimelineTick));
  gint64              from = floor_day (ium_timeline_layout_x_to_time (self, x0));
  gint64              until = ium_timeline_layout_x_to_time (self, x1);
  g_autoptr (GDateTime) day = g_date_time_new_from_unix_utc (from);
  g_autoptr (GDateTime) cursor = NULL;

  switch (unit)
    {
    case IUM_TIMELINE_TICK_DAY:
      cursor = g_date_time_ref (day);
      break;
    case IUM_TIMELINE_TICK_WEEK:
      /* Back to the Monday of that week. */
      cursor = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
      break;
    case IUM_TIMELINE_TICK_MONTH:
    default:
      cursor =
        g_date_time_new_utc (g_date_time_get_year (day), g_date_time_get_month (day), 1, 0, 0, 0);
      break;
    }

  while (g_date_time_to_unix (cursor) <= until)
    {
      GDateTime *next;

      if (g_date_time_to_unix (cursor) >= from)
        switch (unit)
          {
          case IUM_TIMELINE_TICK_DAY:
            add_tick (self, ticks, cursor, g_date_time_get_day_of_week (cursor) == 1);
            break;
          case IUM_TIMELINE_TICK_WEEK:
            add_tick (self, ticks, cursor, g_date_time_get_day_of_month (cursor) <= 7);
            break;
          case IUM_TIMELINE_TICK_MONTH:
          default:
            add_tick (self, ticks, cursor, g_date_time_get_month (cursor) == 1);
            break;
          }
      next = unit == IUM_TIMELINE_TICK_DAY    ? g_date_time_add_days (cursor, 1)
             : unit == IUM_TIMELINE_TICK_WEEK ? g_date_time_add_weeks (cursor, 1)
                                              : g_date_time_add_months (cursor, 1);
      g_date_time_unref (cursor);
      cursor = next;
    }
  return ticks;
}

char *
ium_timeline_tick_label (const IumTimelineTick *tick, IumTimelineTickUnit unit)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (tick->time);

  switch (unit)
    {
    case IUM_TIMELINE_TICK_DAY:
      /* Translators: a day on the timeline's axis, strftime: "Mon 3". */
      return g_date_time_format (when, _ ("%a %-d"));
    case IUM_TIMELINE_TICK_WEEK:
      /* Translators: a week's Monday on the timeline's axis, strftime: "3 Mar". */
      return g_date_time_format (when, _ ("%-d %b"));
    case IUM_TIMELINE_TICK_MONTH:
    default:
      /* Translators: a month on the timeline's axis, strftime: "Mar 2027". */
      return g_date_time_format (when, _ ("%b %Y"));
    }
}
