/* ium-host-editor.c: the dialog that edits the versions installed on one host.
 *
 * The dialog keeps nothing of its own: the entries write into an IumHostForm and every
 * widget's state is recomputed from ium_host_form_get_state(). Saving goes through the
 * service to ium_store_set_installed(), which checks the deploy token again in its
 * transaction; a refusal there (the token taken over meanwhile) is shown under the fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-host-editor.h"

#include "ium-error-text.h"
#include "ium-host-form.h"
#include "widgets/ium-form-fields.h"

struct _IumHostEditor
{
  GtkWindow            parent_instance;

  GtkGrid             *grid;
  GtkLabel            *message_label;
  GtkWidget           *save_button;

  IumInventoryService *service;     /* owned */
  IumHostForm         *form;        /* owned */
  GPtrArray           *entries;     /* owned, of GtkEntry, one per field */
  GPtrArray           *errors;      /* owned, of GtkLabel, one per field */
  GCancellable        *cancellable; /* owned */
  gboolean             saving;
  char                *save_error; /* owned: a refusal from the store */
};

G_DEFINE_FINAL_TYPE (IumHostEditor, ium_host_editor, GTK_TYPE_WINDOW)

static void
update (IumHostEditor *self)
{
  g_autoptr (IumHostFormState) state =
    ium_host_form_get_state (self->form, ium_inventory_service_get_holds_token (self->service));

  for (guint i = 0; i < self->errors->len; i++)
    ium_form_field_show_error (g_ptr_array_index (self->entries, i),
                               g_ptr_array_index (self->errors, i),
                               g_ptr_array_index (state->errors, i));

  gtk_label_set_label (self->message_label, self->save_error ? self->save_error : state->message);
  if (self->save_error != NULL || state->message_is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_sensitive (self->save_button, state->can_save && !self->saving);
}

static void
entry_changed_cb (GtkEditable *entry, IumHostEditor *self)
{
  guint index;

  if (!g_ptr_array_find (self->entries, entry, &index))
    return;
  ium_host_form_set_text (self->form, index, gtk_editable_get_text (entry));
  g_clear_pointer (&self->save_error, g_free);
  update (self);
}

static void
saved_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumHostEditor) self = user_data;
  g_autoptr (GError) error = NULL;

  if (ium_inventory_service_was_cancelled (result))
    return;

  self->saving = FALSE;
  if (ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (object), result, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_free (self->save_error);
  if (g_error_matches (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED))
    self->save_error = g_strdup (_ ("Not saved: you no longer hold the deploy token (someone "
                                    "took it over). Nothing was changed."));
  else
    {
      g_autofree char *sentence = ium_error_sentence (error);
      self->save_error = g_strdup_printf (_ ("Not saved: %s Nothing was changed."), sentence);
    }
  update (self);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumHostEditor *self = IUM_HOST_EDITOR (widget);
  g_autoptr (IumHostFormState) state =
    ium_host_form_get_state (self->form, ium_inventory_service_get_holds_token (self->service));
  g_autoptr (GHashTable) installed = NULL;

  if (!state->can_save || self->saving)
    return;
  installed = ium_host_form_dup_installed (self->form);
  self->saving = TRUE;
  update (self);
  ium_inventory_service_set_installed_async (self->service, self->form->instrument,
                                             self->form->host, installed, self->cancellable,
                                             saved_cb, g_object_ref (self));
}

static void
build_fields (IumHostEditor *self)
{
  for (guint i = 0; i < self->form->fields->len; i++)
    {
      IumHostFormField *field = g_ptr_array_index (self->form->fields, i);
      g_autofree char  *placeholder = g_strdup_printf (_ ("%s is not installed"), field->label);
      GtkWidget        *error = NULL;
      GtkWidget        *entry =
        ium_form_field_attach (self->grid, i, field->label, field->component, &error);

      gtk_editable_set_text (GTK_EDITABLE (entry), field->text);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
      gtk_widget_add_css_class (entry, "version");
      g_ptr_array_add (self->entries, entry);
      g_ptr_array_add (self->errors, error);
      g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
    }
}

static void
ium_host_editor_dispose (GObject *object)
{
  IumHostEditor *self = IUM_HOST_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  /* No gtk_widget_dispose_template(): GtkWindow disposes its child and title bar itself. */
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_host_editor_parent_class)->dispose (object);
}

static void
ium_host_editor_finalize (GObject *object)
{
  IumHostEditor *self = IUM_HOST_EDITOR (object);

  g_clear_pointer (&self->form, ium_host_form_free);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->save_error);

  G_OBJECT_CLASS (ium_host_editor_parent_class)->finalize (object);
}

static void
ium_host_editor_class_init (IumHostEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_host_editor_dispose;
  object_class->finalize = ium_host_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "fleet/ium-host-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, IumHostEditor, grid);
  gtk_widget_class_bind_template_child (widget_class, IumHostEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, IumHostEditor, save_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ium_host_editor_init (IumHostEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->entries = g_ptr_array_new ();
  self->errors = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ium_host_editor_new (IumInventoryService *service, const char *instrument, const char *host)
{
  IumInventory    *inventory;
  IumInstrument   *found;
  IumHost         *found_host;
  IumHostEditor   *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (service), NULL);

  inventory = ium_inventory_service_get_inventory (service);
  if (inventory == NULL || (found = ium_inventory_lookup_instrument (inventory, instrument)) == NULL
      || (found_host = ium_instrument_find_host (found, host)) == NULL)
    return NULL;

  self = g_object_new (IUM_TYPE_HOST_EDITOR, NULL);
  self->service = g_object_ref (service);
  self->form = ium_host_form_new (inventory, found, found_host);
  /* Translators: the title of the dialog: a host and its instrument. */
  title = g_strdup_printf (_ ("Versions on %s (%s)"), host, instrument);
  gtk_window_set_title (GTK_WINDOW (self), title);
  build_fields (self);
  g_signal_connect_object (service, "notify::holds-token", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

GtkEditable *
ium_host_editor_get_entry (IumHostEditor *self, const char *component)
{
  g_return_val_if_fail (IUM_IS_HOST_EDITOR (self), NULL);

  for (guint i = 0; i < self->form->fields->len; i++)
    if (g_str_equal (((IumHostFormField *) g_ptr_array_index (self->form->fields, i))->component,
                     component))
      return g_ptr_array_index (self->entries, i);
  return NULL;
}

const char *
ium_host_editor_get_message (IumHostEditor *self)
{
  g_return_val_if_fail (IUM_IS_HOST_EDITOR (self), NULL);
  return gtk_label_get_label (self->message_label);
}

gboolean
ium_host_editor_get_can_save (IumHostEditor *self)
{
  g_return_val_if_fail (IUM_IS_HOST_EDITOR (self), FALSE);
  return gtk_widget_get_sensitive (self->save_button);
}
