/* ium-timeline.h: the rollout timeline: one row per instrument grouped by wave, downtime
 * windows shaded, frozen cycles hatched, upgrades as bars coloured by state, today marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-timeline-layout.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_TIMELINE (ium_timeline_get_type ())
G_DECLARE_FINAL_TYPE (IumTimeline, ium_timeline, IUM, TIMELINE, GtkWidget)

/* A GtkScrollable: put it straight into a GtkScrolledWindow, which scrolls it while the time
 * axis and the instrument names stay in view. Actions "timeline.zoom-in" (Ctrl++),
 * "timeline.zoom-out" (Ctrl+-) and "timeline.zoom-fit" (Ctrl+0); Ctrl+scroll and pinch zoom
 * around the pointer. Signals:
 *   "bar-activated" (guint item): a bar was clicked, or Enter pressed on the selected one;
 *                   ium_timeline_get_bar_area() says where it is, to point a popover at. */
GtkWidget         *ium_timeline_new             (void);

/* Shows @data (nullable), keeping the zoom and, where it can, the scroll position; the first
 * data shown is fitted to the width. */
void               ium_timeline_set_data        (IumTimeline     *self,
                                                 IumTimelineData *data);
IumTimelineData   *ium_timeline_get_data        (IumTimeline     *self);
/* NULL before any data is set. Borrowed. */
IumTimelineLayout *ium_timeline_get_layout      (IumTimeline     *self);

/* The selected item (G_MAXUINT for none). Selecting scrolls it into view. */
guint              ium_timeline_get_selected    (IumTimeline     *self);
void               ium_timeline_set_selected    (IumTimeline     *self,
                                                 guint            item);
/* Where the bar of @item is, in the widget's coordinates; FALSE when it is not scheduled. */
gboolean           ium_timeline_get_bar_area    (IumTimeline     *self,
                                                 guint            item,
                                                 GdkRectangle    *area);
/* What hovering over (@x, @y) shows, or NULL. Owned. */
char              *ium_timeline_dup_tooltip_at  (IumTimeline     *self,
                                                 double           x,
                                                 double           y);
/* The item whose bar is at (@x, @y) in the widget's coordinates, or G_MAXUINT. */
guint              ium_timeline_item_at         (IumTimeline     *self,
                                                 double           x,
                                                 double           y);

void               ium_timeline_zoom            (IumTimeline     *self,
                                                 double           factor);
void               ium_timeline_zoom_to_fit     (IumTimeline     *self);

/* The colour of a bar in @state, for the legend. */
void               ium_timeline_get_state_color (IumUpgradeState  state,
                                                 GdkRGBA         *color);
/* The legend as Pango markup: a coloured square and the state's name for every state. */
char              *ium_timeline_dup_legend_markup (void);

/* clang-format on */

G_END_DECLS
