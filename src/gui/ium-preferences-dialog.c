/* ium-preferences-dialog.c: your name for the audit log and the token, and the style.
 *
 * Every control is bound to its GSettings key: a change applies at once, as in GNOME's own
 * preferences windows, and there is nothing to save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-preferences-dialog.h"

struct _IumPreferencesDialog
{
  GtkWindow    parent_instance;

  GtkEntry    *identity_entry;
  GtkDropDown *style_drop_down;

  GSettings   *settings; /* owned */
};

G_DEFINE_FINAL_TYPE (IumPreferencesDialog, ium_preferences_dialog, GTK_TYPE_WINDOW)

/* The drop-down lists the styles in the order of the schema's enum. */
static gboolean
style_to_position (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  const char *nicks[] = { "system", "light", "dark" };

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    if (g_str_equal (nick, nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_style (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char *nicks[] = { "system", "light", "dark" };
  guint       position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (nicks))
    return NULL;
  return g_variant_new_string (nicks[position]);
}

static void
ium_preferences_dialog_dispose (GObject *object)
{
  IumPreferencesDialog *self = IUM_PREFERENCES_DIALOG (object);

  /* No gtk_widget_dispose_template(): GtkWindow disposes its child and title bar itself. */
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ium_preferences_dialog_parent_class)->dispose (object);
}

static void
ium_preferences_dialog_class_init (IumPreferencesDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "ium-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IumPreferencesDialog, identity_entry);
  gtk_widget_class_bind_template_child (widget_class, IumPreferencesDialog, style_drop_down);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ium_preferences_dialog_init (IumPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_entry_set_placeholder_text (self->identity_entry, g_get_user_name ());
}

GtkWidget *
ium_preferences_dialog_new (GSettings *settings)
{
  IumPreferencesDialog *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (IUM_TYPE_PREFERENCES_DIALOG, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "identity", self->identity_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "style", self->style_drop_down, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_to_position, position_to_style, NULL,
                                NULL);
  return GTK_WIDGET (self);
}
