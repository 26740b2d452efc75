/* ium-compat-view.h: the compatibility matrix: client versions seen in the check log (or
 * entered here) against the server versions the instruments run, each cell the verdict the
 * client check gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-inventory-service.h"
#include "widgets/ium-banner.h"

#include "ium-compat-matrix.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_COMPAT_VIEW (ium_compat_view_get_type ())
G_DECLARE_FINAL_TYPE (IumCompatView, ium_compat_view, IUM, COMPAT_VIEW, GtkWidget)

/* Property "service" (construct-only). Actions (prefix "compat."): add-version (Enter in the
 * version entry), clear-versions, refresh. */
GtkWidget             *ium_compat_view_new         (IumInventoryService *service);

/* Adds @version of the chosen client to the matrix; FALSE (and the reason shown under the
 * entry) when it is not a version of that client. */
gboolean               ium_compat_view_add_version (IumCompatView       *self,
                                                    const char          *version);
/* The matrix shown, NULL before the first one. Borrowed. */
const IumCompatMatrix *ium_compat_view_get_matrix  (IumCompatView       *self);
/* How many matrices have been computed and shown; a test waits for it to move. */
guint                  ium_compat_view_get_n_updates (IumCompatView     *self);
/* The widget showing the cell of @row at server @column, once the list has drawn it, else
 * NULL. Borrowed. */
GtkWidget             *ium_compat_view_get_cell_widget (IumCompatView   *self,
                                                        guint            row,
                                                        guint            column);

/* clang-format on */

G_END_DECLS
