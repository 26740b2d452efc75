/* ium-host-editor.h: the dialog that edits the versions installed on one host.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-inventory-service.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_HOST_EDITOR (ium_host_editor_get_type ())
G_DECLARE_FINAL_TYPE (IumHostEditor, ium_host_editor, IUM, HOST_EDITOR, GtkWindow)

/* NULL when @instrument has no host @host in the service's inventory. */
GtkWidget  *ium_host_editor_new         (IumInventoryService *service,
                                         const char          *instrument,
                                         const char          *host);
/* The entry of component @component, for tests. Borrowed. */
GtkEditable *ium_host_editor_get_entry  (IumHostEditor       *self,
                                         const char          *component);
const char  *ium_host_editor_get_message (IumHostEditor      *self);
gboolean     ium_host_editor_get_can_save (IumHostEditor     *self);

/* clang-format on */

G_END_DECLS
