/* ium-window.h: a downtime window in which instruments may be upgraded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_WINDOW (ium_window_get_type ())
G_DECLARE_FINAL_TYPE (IumWindow, ium_window, IUM, WINDOW, GObject)

/* Properties: "start", "end" (GDateTime, construct-only, keep the offset they were given in),
 * "label" (construct-only), "instruments" (GStrv of names, NULL for every instrument).
 * A window's key is (start, end, label). */
IumWindow          *ium_window_new             (GDateTime          *start,
                                                GDateTime          *end,
                                                const char         *label);
GDateTime          *ium_window_get_start       (IumWindow          *self);
GDateTime          *ium_window_get_end         (IumWindow          *self);
const char         *ium_window_get_label       (IumWindow          *self);
/* NULL means every instrument. Borrowed. */
const char * const *ium_window_get_instruments (IumWindow          *self);
void                ium_window_set_instruments (IumWindow          *self,
                                                const char * const *names);
gboolean            ium_window_applies_to      (IumWindow          *self,
                                                const char         *instrument);
/* A stable text key "START|END|LABEL" (UTC instants), owned. */
char               *ium_window_dup_key         (IumWindow          *self);

/* clang-format on */

G_END_DECLS
