/* ium-release-editor.h: the dialog that adds or edits a release.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-inventory-service.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_RELEASE_EDITOR (ium_release_editor_get_type ())
G_DECLARE_FINAL_TYPE (IumReleaseEditor, ium_release_editor, IUM, RELEASE_EDITOR, GtkWindow)

/* Edits @release, or adds a new one when it is NULL. */
GtkWidget   *ium_release_editor_new         (IumInventoryService *service,
                                             IumRelease          *release);
GtkEditable *ium_release_editor_get_field   (IumReleaseEditor    *self,
                                             const char          *name);
const char  *ium_release_editor_get_message (IumReleaseEditor    *self);

/* clang-format on */

G_END_DECLS
