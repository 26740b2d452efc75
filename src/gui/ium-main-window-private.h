/* ium-main-window-private.h: shared by the window (ium-main-window.c) and its file actions
 * (ium-main-window-actions.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-main-window.h"

G_BEGIN_DECLS

/* clang-format off */

/* In ium-main-window-actions.c: open, new, import, export. */
void ium_main_window_install_file_actions (IumMainWindow *self);

/* clang-format on */

G_END_DECLS
