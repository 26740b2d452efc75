/* ium-rollout-row.h: one instrument of a planned rollout, as the planner's list shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ium-rollouts.h"

G_BEGIN_DECLS

/* clang-format off */

typedef enum {
  IUM_ROLLOUT_ROW_SCHEDULED,
  IUM_ROLLOUT_ROW_UNSCHEDULED,
  IUM_ROLLOUT_ROW_SKIPPED, /* left out by the planner: already there, or pinned */
} IumRolloutRowKind;

#define IUM_TYPE_ROLLOUT_ROW (ium_rollout_row_get_type ())
G_DECLARE_FINAL_TYPE (IumRolloutRow, ium_rollout_row, IUM, ROLLOUT_ROW, GObject)

/* Read-only properties for list bindings: "instrument", "wave" (uint, 0 for skipped),
 * "wave-text", "kind" (IumRolloutRowKind as uint), "when" (text), "start" (int64, seconds;
 * 0 when not scheduled), "window", "state" (words), "note" (the reason or the state's
 * note), "item" (the timeline's item, G_MAXUINT when not on it). */
IumRolloutRow     *ium_rollout_row_new            (const char        *instrument,
                                                   guint              wave,
                                                   IumRolloutRowKind  kind,
                                                   gint64             start,
                                                   gint64             end,
                                                   const char        *window,
                                                   IumUpgradeState    state,
                                                   const char        *note,
                                                   guint              item);
const char        *ium_rollout_row_get_instrument (IumRolloutRow     *self);
guint              ium_rollout_row_get_wave       (IumRolloutRow     *self);
IumRolloutRowKind  ium_rollout_row_get_kind       (IumRolloutRow     *self);
IumUpgradeState    ium_rollout_row_get_state      (IumRolloutRow     *self);
const char        *ium_rollout_row_get_state_text (IumRolloutRow     *self);
const char        *ium_rollout_row_get_note       (IumRolloutRow     *self);
const char        *ium_rollout_row_get_when       (IumRolloutRow     *self);
gint64             ium_rollout_row_get_start      (IumRolloutRow     *self);
guint              ium_rollout_row_get_item       (IumRolloutRow     *self);

/* clang-format on */

G_END_DECLS
