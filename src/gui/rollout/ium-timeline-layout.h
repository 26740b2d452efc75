/* ium-timeline-layout.h: the geometry of the rollout timeline, without a display: time to x,
 * rows, the visible range, ticks, zoom and hit testing. The widget (ium-timeline.c) draws
 * what this computes; the unit suite tests it.
 *
 * Coordinates are content coordinates: x = 0 at the start of the time range, y = 0 at the
 * top of the first row. The widget adds its scroll offsets, the label column and the axis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ium-timeline-data.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TIMELINE_MIN_PX_PER_DAY 0.5
#define IUM_TIMELINE_MAX_PX_PER_DAY 480.0
/* A bar is never narrower than this, so that a four-hour upgrade stays visible and
 * clickable when a year is on screen. */
#define IUM_TIMELINE_MIN_BAR_WIDTH 6.0

typedef enum {
  IUM_TIMELINE_ROW_WAVE, /* a wave's header */
  IUM_TIMELINE_ROW_ITEM, /* an instrument */
} IumTimelineRowKind;

typedef struct {
  IumTimelineRowKind kind;
  guint              wave;
  guint              item;  /* ROW_ITEM: the data's item index */
  double             y;
  double             height;
} IumTimelineRow;

typedef enum {
  IUM_TIMELINE_TICK_DAY,
  IUM_TIMELINE_TICK_WEEK,
  IUM_TIMELINE_TICK_MONTH,
} IumTimelineTickUnit;

typedef struct {
  gint64   time;  /* seconds since 1970, UTC midnight */
  double   x;
  gboolean major; /* a week's Monday among days, a month's first week, a January */
} IumTimelineTick;

typedef struct {
  double row_height;
  double wave_height;
} IumTimelineMetrics;

typedef struct _IumTimelineLayout IumTimelineLayout;

/* A layout of @data (referenced) at @px_per_day. Owned. */
IumTimelineLayout    *ium_timeline_layout_new          (IumTimelineData          *data,
                                                        const IumTimelineMetrics *metrics,
                                                        double                    px_per_day);
void                  ium_timeline_layout_free         (IumTimelineLayout        *self);

IumTimelineData      *ium_timeline_layout_get_data     (IumTimelineLayout        *self);
/* The time range shown: whole UTC days around the data's range. */
void                  ium_timeline_layout_get_span     (IumTimelineLayout        *self,
                                                        gint64                   *t0,
                                                        gint64                   *t1);
double                ium_timeline_layout_get_px_per_day (IumTimelineLayout      *self);
/* Clamped to [MIN_PX_PER_DAY, MAX_PX_PER_DAY]; returns the value set. */
double                ium_timeline_layout_set_px_per_day (IumTimelineLayout      *self,
                                                          double                  px_per_day);
double                ium_timeline_layout_get_width    (IumTimelineLayout        *self);
double                ium_timeline_layout_get_height   (IumTimelineLayout        *self);

double                ium_timeline_layout_time_to_x    (IumTimelineLayout        *self,
                                                        gint64                    time);
gint64                ium_timeline_layout_x_to_time    (IumTimelineLayout        *self,
                                                        double                    x);

guint                 ium_timeline_layout_get_n_rows   (IumTimelineLayout        *self);
const IumTimelineRow *ium_timeline_layout_get_row      (IumTimelineLayout        *self,
                                                        guint                     index);
/* The row at @y, or G_MAXUINT outside every row. */
guint                 ium_timeline_layout_row_at_y     (IumTimelineLayout        *self,
                                                        double                    y);
/* The rows that intersect [y0, y1): [*first, *end). Empty when *first == *end. */
void                  ium_timeline_layout_visible_rows (IumTimelineLayout        *self,
                                                        double                    y0,
                                                        double                    y1,
                                                        guint                    *first,
                                                        guint                    *end);
/* The row of data item @item. */
guint                 ium_timeline_layout_item_row     (IumTimelineLayout        *self,
                                                        guint                     item);

/* The bar of a scheduled item; FALSE for an unscheduled one. */
gboolean              ium_timeline_layout_bar_rect     (IumTimelineLayout        *self,
                                                        guint                     item,
                                                        double                   *x,
                                                        double                   *y,
                                                        double                   *width,
                                                        double                   *height);
/* The item whose bar is under (@x, @y), or G_MAXUINT. */
guint                 ium_timeline_layout_hit          (IumTimelineLayout        *self,
                                                        double                    x,
                                                        double                    y);

/* Zooms by @factor keeping the time under @anchor (a distance from the left of the view)
 * where it is; returns the new scroll offset for a view scrolled to @scroll. */
double                ium_timeline_layout_zoom         (IumTimelineLayout        *self,
                                                        double                    factor,
                                                        double                    anchor,
                                                        double                    scroll);
/* Sets the zoom at which the data's range (not the margins) fills @width; returns the scroll
 * offset that shows it. */
double                ium_timeline_layout_fit          (IumTimelineLayout        *self,
                                                        double                    width);

IumTimelineTickUnit   ium_timeline_layout_get_tick_unit (IumTimelineLayout       *self);
/* The ticks in [x0, x1], in time order. GArray of IumTimelineTick, owned. */
GArray               *ium_timeline_layout_ticks        (IumTimelineLayout        *self,
                                                        double                    x0,
                                                        double                    x1);
/* A tick's label in @unit: "Mon 3" (day), "3 Mar" (week), "Mar 2027" (month). Owned. */
char                 *ium_timeline_tick_label          (const IumTimelineTick    *tick,
                                                        IumTimelineTickUnit       unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumTimelineLayout, ium_timeline_layout_free)

/* clang-format on */

G_END_DECLS
