/* ium-form-fields.c: the rows of the edit dialogs: a label, an entry, and the error under it.
 *
 * The host and release editors make one such row per component of the inventory; how many
 * there are is known only at run time, so they are built here rather than in a template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include "ium-form-fields.h"

GtkWidget *
ium_form_field_attach (
  GtkGrid *grid, guint index, const char *label, const char *name, GtkWidget **error_label)
{
  /* Plain text: component names such as genie_python have underscores, no mnemonics. */
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *error = gtk_label_new (NULL);

  g_return_val_if_fail (GTK_IS_GRID (grid), NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_name (entry, name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (error), 40);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_add_css_class (error, "caption");
  gtk_widget_set_visible (error, FALSE);

  gtk_grid_attach (grid, title, 0, (int) (2 * index), 1, 1);
  gtk_grid_attach (grid, entry, 1, (int) (2 * index), 1, 1);
  gtk_grid_attach (grid, error, 1, (int) (2 * index + 1), 1, 1);
  if (error_label != NULL)
    *error_label = error;
  return entry;
}

void
ium_form_field_show_error (GtkWidget *field, GtkWidget *error_label, const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (field));
  g_return_if_fail (GTK_IS_LABEL (error_label));

  gtk_label_set_label (GTK_LABEL (error_label), message);
  gtk_widget_set_visible (error_label, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}
