/* ium-cycle.h: an operating cycle, frozen or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_CYCLE (ium_cycle_get_type ())
G_DECLARE_FINAL_TYPE (IumCycle, ium_cycle, IUM, CYCLE, GObject)

/* Properties: "name" (construct-only, the key), "start", "end" (GDateTime), "freeze". */
IumCycle   *ium_cycle_new        (const char *name,
                                  GDateTime  *start,
                                  GDateTime  *end,
                                  gboolean    freeze);
const char *ium_cycle_get_name   (IumCycle   *self);
GDateTime  *ium_cycle_get_start  (IumCycle   *self);
GDateTime  *ium_cycle_get_end    (IumCycle   *self);
gboolean    ium_cycle_get_freeze (IumCycle   *self);
void        ium_cycle_set_freeze (IumCycle   *self,
                                  gboolean    freeze);

/* clang-format on */

G_END_DECLS
