/* ium-form-fields.h: the rows of the edit dialogs: a label, an entry, and the error under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

/* Adds a field to @grid at rows 2*@index and 2*@index+1: @label (plain text, labelling the entry) in column 0, an
 * entry named @name in column 1 and, under it, a hidden error label. Returns the entry and
 * sets @error_label. Both are owned by the grid. */
GtkWidget *ium_form_field_attach     (GtkGrid     *grid,
                                      guint        index,
                                      const char  *label,
                                      const char  *name,
                                      GtkWidget  **error_label);
/* Shows @message (NULL: none) under @field and marks the field as wrong while there is one. */
void       ium_form_field_show_error (GtkWidget   *field,
                                      GtkWidget   *error_label,
                                      const char  *message);

/* clang-format on */

G_END_DECLS
