/* ium-downtime-row.h: a downtime window or an operating cycle as the downtime view lists it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-inventory.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_DOWNTIME_ROW (ium_downtime_row_get_type ())
G_DECLARE_FINAL_TYPE (IumDowntimeRow, ium_downtime_row, IUM, DOWNTIME_ROW, GObject)

/* Read-only properties for list bindings: "start", "end" (text, UTC), "start-time" (int64,
 * seconds, for sorting), "duration", "label" (a window's label or a cycle's name), "applies"
 * ("All instruments" or the names), "freeze" (a window: the frozen cycles it overlaps, during
 * which only patch releases may be installed; a cycle: "Frozen" or "Open"), "key". */
IumDowntimeRow *ium_downtime_row_new_window (IumWindow      *window,
                                             IumInventory   *inventory);
IumDowntimeRow *ium_downtime_row_new_cycle  (IumCycle       *cycle);
/* The window or the cycle. Borrowed. */
GObject        *ium_downtime_row_get_object (IumDowntimeRow *self);
const char     *ium_downtime_row_get_key    (IumDowntimeRow *self);
const char     *ium_downtime_row_get_label  (IumDowntimeRow *self);
const char     *ium_downtime_row_get_applies (IumDowntimeRow *self);
const char     *ium_downtime_row_get_freeze (IumDowntimeRow *self);
const char     *ium_downtime_row_get_start  (IumDowntimeRow *self);

/* Rows of every window (by start) or every cycle of @inventory. GPtrArray of IumDowntimeRow,
 * owned. */
GPtrArray      *ium_downtime_rows_build     (IumInventory   *inventory,
                                             gboolean        cycles);

/* clang-format on */

G_END_DECLS
