/* ium-preferences-dialog.h: your name for the audit log and the token, and the style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_PREFERENCES_DIALOG (ium_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IumPreferencesDialog, ium_preferences_dialog, IUM, PREFERENCES_DIALOG,
                      GtkWindow)

GtkWidget *ium_preferences_dialog_new (GSettings *settings);

/* clang-format on */

G_END_DECLS
