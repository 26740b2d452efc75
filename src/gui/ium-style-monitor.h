/* ium-style-monitor.h: follows the system's light or dark style without libadwaita.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

typedef enum {
  IUM_STYLE_SYSTEM,
  IUM_STYLE_LIGHT,
  IUM_STYLE_DARK,
} IumStyle;

#define IUM_TYPE_STYLE_MONITOR (ium_style_monitor_get_type ())
G_DECLARE_FINAL_TYPE (IumStyleMonitor, ium_style_monitor, IUM, STYLE_MONITOR, GObject)

/* Sets gtk-application-prefer-dark-theme on the default GtkSettings from @style, and for
 * IUM_STYLE_SYSTEM from what the desktop prefers (see ium-style-monitor.c), and keeps it up to
 * date. Property "dark": whether the dark style is in use. */
IumStyleMonitor *ium_style_monitor_new       (void);
void             ium_style_monitor_set_style (IumStyleMonitor *self,
                                              IumStyle         style);
gboolean         ium_style_monitor_get_dark  (IumStyleMonitor *self);

/* clang-format on */

G_END_DECLS
