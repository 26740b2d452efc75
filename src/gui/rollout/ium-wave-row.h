/* ium-wave-row.h: one wave in the rollout planner's form: its selectors, and buttons to add
 * to it, move it and remove it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_WAVE_ROW (ium_wave_row_get_type ())
G_DECLARE_FINAL_TYPE (IumWaveRow, ium_wave_row, IUM, WAVE_ROW, GtkWidget)

/* Signal "changed" (const char *text): the person edited the selectors. The buttons activate
 * "rollout.wave-up", "rollout.wave-down" and "rollout.wave-remove" with the wave's index
 * (uint32) as target; the add menu's items activate "wave.append" (string), which appends a
 * selector, as does dropping an instrument name (a string) on the row. */
GtkWidget  *ium_wave_row_new      (void);
/* Shows wave @index (from 0) of @n_waves with @text, without emitting "changed". */
void        ium_wave_row_set      (IumWaveRow *self,
                                   guint       index,
                                   guint       n_waves,
                                   const char *text);
const char *ium_wave_row_get_text (IumWaveRow *self);
/* The add menu: "rest", the tags and the sites. */
void        ium_wave_row_set_menu (IumWaveRow *self,
                                   GMenuModel *menu);

/* clang-format on */

G_END_DECLS
