/* ium-timeline-data.h: what the rollout timeline draws, gathered once (off the main thread)
 * into flat arrays: one row per instrument of the rollout, and the downtime windows and
 * operating cycles behind them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ium-inventory.h"
#include "ium-rollouts.h"

G_BEGIN_DECLS

/* clang-format off */

/* One instrument of the rollout. Times are seconds since 1970, UTC. */
typedef struct {
  char            *instrument; /* owned */
  guint            wave;       /* from 1 */
  gboolean         scheduled;  /* FALSE: unscheduled, start and end are 0 */
  gint64           start;
  gint64           end;
  char            *window;     /* owned, nullable: the window's label */
  IumUpgradeState  state;
  char            *note;       /* owned, nullable: why unscheduled, or the state's note */
  guint            first_window; /* the row's own windows: row_windows[first_window, +n) */
  guint            n_windows;
} IumTimelineItem;

/* A stretch of time: a downtime window or an operating cycle. */
typedef struct {
  gint64    start;
  gint64    end;
  char     *label;  /* owned */
  gboolean  freeze; /* cycles only */
} IumTimelineSpan;

typedef struct _IumTimelineData IumTimelineData;

/* Builds the data from @items (IumTimelineItem, taken: the array's elements are moved in and
 * the array is left empty), in the order the timeline should show them (wave by wave), and
 * from the windows and cycles of @inventory (nullable) that overlap the rollout. @now is the
 * instant marked "today". Owned. */
IumTimelineData       *ium_timeline_data_new            (GArray          *items,
                                                         IumInventory    *inventory,
                                                         gint64           now);
IumTimelineData       *ium_timeline_data_ref            (IumTimelineData *self);
void                   ium_timeline_data_unref          (IumTimelineData *self);

guint                  ium_timeline_data_get_n_items    (IumTimelineData *self);
const IumTimelineItem *ium_timeline_data_get_item       (IumTimelineData *self,
                                                         guint            index);
/* The item of @instrument, or G_MAXUINT. */
guint                  ium_timeline_data_find           (IumTimelineData *self,
                                                         const char      *instrument);
guint                  ium_timeline_data_get_n_waves    (IumTimelineData *self);
/* Windows for every instrument, by start. Borrowed. */
const IumTimelineSpan *ium_timeline_data_get_facility_windows (IumTimelineData *self,
                                                               guint           *n);
/* The windows of @item alone (not the facility-wide ones), by start. Borrowed. */
const IumTimelineSpan *ium_timeline_data_get_item_windows (IumTimelineData *self,
                                                           guint            item,
                                                           guint           *n);
const IumTimelineSpan *ium_timeline_data_get_cycles     (IumTimelineData *self,
                                                         guint           *n);
/* The time the rollout covers: from the earliest start to the latest end of a scheduled
 * upgrade (or around @now when none is scheduled). */
void                   ium_timeline_data_get_range      (IumTimelineData *self,
                                                         gint64          *start,
                                                         gint64          *end);
gint64                 ium_timeline_data_get_now        (IumTimelineData *self);

/* Clears an item's owned fields (for arrays of items that were not handed over). */
void                   ium_timeline_item_clear          (IumTimelineItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumTimelineData, ium_timeline_data_unref)

/* clang-format on */

G_END_DECLS
