/* ium-fleet-row.h: one instrument as the fleet view shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-fleet.h"
#include "ium-rollouts.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_FLEET_ROW (ium_fleet_row_get_type ())
G_DECLARE_FINAL_TYPE (IumFleetRow, ium_fleet_row, IUM, FLEET_ROW, GObject)

/* A row is immutable: the service builds a new set whenever the inventory changes. Its
 * read-only properties are what the columns show and sort by: "name", "site", "tags" (joined
 * for display), "release" (the version it runs, or "custom"), "tier" (the tier's nick, "" when
 * custom), "target", "behind", "flags" (IumStatusFlags), "next-window", "planned" (display
 * texts), and the sort keys "release-rank", "tier-rank", "target-rank", "severity",
 * "next-window-time", "planned-time". */

/* Builds one row per instrument of @fleet, in inventory (name) order, with the next downtime
 * window after @now and the earliest pending upgrade of @rollouts (nullable, of IumRollout).
 * Times are shown in @now's time zone. Safe on any thread. A GPtrArray of IumFleetRow,
 * owned. */
GPtrArray      *ium_fleet_rows_build              (IumFleet      *fleet,
                                                   GPtrArray     *rollouts,
                                                   GDateTime     *now);
/* The one row that ium_fleet_rows_build() would build for @instrument, one of @fleet's
 * inventory's instruments: after an edit of one instrument the other rows stay as they are.
 * Safe on any thread. Owned. */
IumFleetRow    *ium_fleet_row_new                 (IumFleet      *fleet,
                                                   IumInstrument *instrument,
                                                   GPtrArray     *rollouts,
                                                   GDateTime     *now);

IumInstrument  *ium_fleet_row_get_instrument      (IumFleetRow   *self);
const char     *ium_fleet_row_get_name            (IumFleetRow   *self);
const char     *ium_fleet_row_get_site            (IumFleetRow   *self);
/* The tags joined with ", ". */
const char     *ium_fleet_row_get_tags            (IumFleetRow   *self);
const char     *ium_fleet_row_get_release         (IumFleetRow   *self);
/* The release it runs, or NULL when custom. Borrowed. */
IumRelease     *ium_fleet_row_get_release_object  (IumFleetRow   *self);
IumRelease     *ium_fleet_row_get_target_object   (IumFleetRow   *self);
const char     *ium_fleet_row_get_tier            (IumFleetRow   *self);
const char     *ium_fleet_row_get_target          (IumFleetRow   *self);
guint           ium_fleet_row_get_behind          (IumFleetRow   *self);
IumStatusFlags  ium_fleet_row_get_flags           (IumFleetRow   *self);
const char     *ium_fleet_row_get_next_window     (IumFleetRow   *self);
gint64          ium_fleet_row_get_next_window_time (IumFleetRow  *self);
const char     *ium_fleet_row_get_planned         (IumFleetRow   *self);
gint64          ium_fleet_row_get_planned_time    (IumFleetRow   *self);
/* The planned upgrade in full (when, window, wave, rollout), or NULL. */
const char     *ium_fleet_row_get_planned_detail  (IumFleetRow   *self);
/* The lower-case text that the search matches: name, site, tags, release, target. */
const char     *ium_fleet_row_get_search_text     (IumFleetRow   *self);
/* The order in which the flags column sorts: the worst state first when descending. */
guint           ium_fleet_row_get_severity        (IumFleetRow   *self);

/* The words people read for one status flag ("Too far behind"), translated. */
const char     *ium_status_flag_get_label         (IumStatusFlags flag);

/* clang-format on */

G_END_DECLS
