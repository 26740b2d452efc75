/* ium-release-editor.c: the dialog that adds or edits a release.
 *
 * Everything the dialog shows comes from ium_release_form_get_state(); the widgets only
 * write into the form. Saving goes through the service to ium_store_put_release().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-release-editor.h"

#include "ium-error-text.h"
#include "releases/ium-release-form.h"
#include "widgets/ium-form-fields.h"

static const IumTier tiers[] = { IUM_TIER_OFFICIAL, IUM_TIER_TEST, IUM_TIER_INTERNAL };

struct _IumReleaseEditor
{
  GtkWindow            parent_instance;

  GtkEntry            *version_entry;
  GtkLabel            *version_error;
  GtkDropDown         *tier_drop_down;
  GtkEntry            *date_entry;
  GtkLabel            *date_error;
  GtkDropDown         *patch_drop_down;
  GtkLabel            *patch_error;
  GtkEntry            *url_entry;
  GtkTextView         *notes_view;
  GtkGrid             *components_grid;
  GtkLabel            *message_label;
  GtkWidget           *save_button;

  IumInventoryService *service;           /* owned */
  IumReleaseForm      *form;              /* owned */
  GStrv                patch_versions;    /* owned: the patch drop-down after "not a patch" */
  GPtrArray           *component_entries; /* owned, of GtkEntry */
  GPtrArray           *component_errors;  /* owned, of GtkLabel */
  GCancellable        *cancellable;       /* owned */
  char                *save_error;        /* owned */
  gboolean             saving;
};

G_DEFINE_FINAL_TYPE (IumReleaseEditor, ium_release_editor, GTK_TYPE_WINDOW)

static void
update (IumReleaseEditor *self)
{
  g_autoptr (IumReleaseFormState) state = ium_release_form_get_state (self->form);

  gtk_window_set_title (GTK_WINDOW (self), state->title);
  gtk_button_set_label (GTK_BUTTON (self->save_button), state->save_label);
  gtk_editable_set_editable (GTK_EDITABLE (self->version_entry), state->version_editable);
  gtk_widget_set_can_focus (GTK_WIDGET (self->version_entry), state->version_editable);
  ium_form_field_show_error (GTK_WIDGET (self->version_entry), GTK_WIDGET (self->version_error),
                             state->version_error);
  ium_form_field_show_error (GTK_WIDGET (self->date_entry), GTK_WIDGET (self->date_error),
                             state->date_error);
  ium_form_field_show_error (GTK_WIDGET (self->patch_drop_down), GTK_WIDGET (self->patch_error),
                             state->patch_of_error);
  for (guint i = 0; i < self->component_entries->len; i++)
    {
      GtkEntry *entry = g_ptr_array_index (self->component_entries, i);
      gtk_entry_set_placeholder_text (entry, state->component_hints[i]);
      ium_form_field_show_error (GTK_WIDGET (entry), g_ptr_array_index (self->component_errors, i),
                                 g_ptr_array_index (state->component_errors, i));
    }
  gtk_label_set_label (self->message_label, self->save_error);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->save_error != NULL);
  gtk_widget_set_sensitive (self->save_button, state->can_save && !self->saving);
}

static void
changed (IumReleaseEditor *self)
{
  g_clear_pointer (&self->save_error, g_free);
  update (self);
}

static void
version_changed_cb (IumReleaseEditor *self)
{
  if (!self->form->editing)
    ium_release_form_set_version (self->form,
                                  gtk_editable_get_text (GTK_EDITABLE (self->version_entry)));
  changed (self);
}

static void
date_changed_cb (IumReleaseEditor *self)
{
  ium_release_form_set_date (self->form, gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  changed (self);
}

static void
url_changed_cb (IumReleaseEditor *self)
{
  ium_release_form_set_url (self->form, gtk_editable_get_text (GTK_EDITABLE (self->url_entry)));
  changed (self);
}

static void
tier_changed_cb (IumReleaseEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->tier_drop_down);

  if (selected < G_N_ELEMENTS (tiers))
    self->form->tier = tiers[selected];
  changed (self);
}

static void
patch_changed_cb (IumReleaseEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->patch_drop_down);

  ium_release_form_set_patch_of (self->form, selected > 0 && self->patch_versions != NULL
                                                 && selected <= g_strv_length (self->patch_versions)
                                               ? self->patch_versions[selected - 1]
                                               : NULL);
  changed (self);
}

static void
notes_changed_cb (IumReleaseEditor *self)
{
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  ium_release_form_set_notes (self->form, text);
  changed (self);
}

static void
component_changed_cb (GtkEditable *entry, IumReleaseEditor *self)
{
  guint index;

  if (g_ptr_array_find (self->component_entries, entry, &index))
    ium_release_form_set_component_version (self->form, index, gtk_editable_get_text (entry));
  changed (self);
}

static void
saved_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumReleaseEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *sentence = NULL;

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
  sentence = ium_error_sentence (error);
  g_free (self->save_error);
  self->save_error = g_strdup_printf (_ ("Not saved: %s Nothing was changed."), sentence);
  update (self);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumReleaseEditor *self = IUM_RELEASE_EDITOR (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRelease) release = NULL;

  if (self->saving)
    return;
  if ((release = ium_release_form_to_release (self->form, &error)) == NULL)
    {
      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      update (self);
      return;
    }
  self->saving = TRUE;
  update (self);
  ium_inventory_service_put_release_async (self->service, release, self->cancellable, saved_cb,
                                           g_object_ref (self));
}

static void
fill (IumReleaseEditor *self)
{
  IumInventory *inventory = self->form->inventory;
  GListModel   *releases = ium_inventory_get_releases (inventory);
  guint         n = g_list_model_get_n_items (releases);
  g_autoptr (GtkStringList) patches = gtk_string_list_new (NULL);
  GListModel *components = ium_inventory_get_components (inventory);
  guint       patch_position = 0;

  gtk_editable_set_text (GTK_EDITABLE (self->version_entry), self->form->version);
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    if (tiers[i] == self->form->tier)
      gtk_drop_down_set_selected (self->tier_drop_down, i);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), self->form->date);
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), self->form->url);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), self->form->notes, -1);

  self->patch_versions = g_new0 (char *, n + 1);
  gtk_string_list_append (patches, _ ("Not a patch"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, n - 1 - i);

      self->patch_versions[i] = g_strdup (ium_release_get_version_text (release));
      gtk_string_list_append (patches, self->patch_versions[i]);
      if (g_strcmp0 (self->form->patch_of, self->patch_versions[i]) == 0)
        patch_position = i + 1;
    }
  gtk_drop_down_set_model (self->patch_drop_down, G_LIST_MODEL (patches));
  gtk_drop_down_set_selected (self->patch_drop_down, patch_position);

  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (IumComponent) component = g_list_model_get_item (components, i);
      const char *id = ium_component_get_id (component);
      const char *name =
        ium_component_get_name (component) ? ium_component_get_name (component) : id;
      GtkWidget *error = NULL;
      GtkWidget *entry = ium_form_field_attach (self->components_grid, i, name, id, &error);

      gtk_editable_set_text (GTK_EDITABLE (entry), self->form->component_versions[i]);
      g_ptr_array_add (self->component_entries, entry);
      g_ptr_array_add (self->component_errors, error);
      g_signal_connect (entry, "changed", G_CALLBACK (component_changed_cb), self);
    }
}

static void
ium_release_editor_dispose (GObject *object)
{
  IumReleaseEditor *self = IUM_RELEASE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  /* No gtk_widget_dispose_template(): GtkWindow disposes its child and title bar itself. */
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_release_editor_parent_class)->dispose (object);
}

static void
ium_release_editor_finalize (GObject *object)
{
  IumReleaseEditor *self = IUM_RELEASE_EDITOR (object);

  g_clear_pointer (&self->form, ium_release_form_free);
  g_strfreev (self->patch_versions);
  g_clear_pointer (&self->component_entries, g_ptr_array_unref);
  g_clear_pointer (&self->component_errors, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->save_error);

  G_OBJECT_CLASS (ium_release_editor_parent_class)->finalize (object);
}

static void
ium_release_editor_class_init (IumReleaseEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_release_editor_dispose;
  object_class->finalize = ium_release_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "releases/ium-release-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, version_entry);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, version_error);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, tier_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, date_error);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, patch_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, patch_error);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, url_entry);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, components_grid);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, IumReleaseEditor, save_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ium_release_editor_init (IumReleaseEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->component_entries = g_ptr_array_new ();
  self->component_errors = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ium_release_editor_new (IumInventoryService *service, IumRelease *release)
{
  IumInventory     *inventory;
  IumReleaseEditor *self;

  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (service), NULL);

  inventory = ium_inventory_service_get_inventory (service);
  if (inventory == NULL)
    return NULL;

  self = g_object_new (IUM_TYPE_RELEASE_EDITOR, NULL);
  self->service = g_object_ref (service);
  self->form = ium_release_form_new (inventory, release);
  fill (self);
  g_signal_connect_swapped (self->version_entry, "changed", G_CALLBACK (version_changed_cb), self);
  g_signal_connect_swapped (self->date_entry, "changed", G_CALLBACK (date_changed_cb), self);
  g_signal_connect_swapped (self->url_entry, "changed", G_CALLBACK (url_changed_cb), self);
  g_signal_connect_swapped (self->tier_drop_down, "notify::selected", G_CALLBACK (tier_changed_cb),
                            self);
  g_signal_connect_swapped (self->patch_drop_down, "notify::selected",
                            G_CALLBACK (patch_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (notes_changed_cb), self);
  update (self);
  return GTK_WIDGET (self);
}

GtkEditable *
ium_release_editor_get_field (IumReleaseEditor *self, const char *name)
{
  g_return_val_if_fail (IUM_IS_RELEASE_EDITOR (self), NULL);

  if (g_str_equal (name, "version"))
    return GTK_EDITABLE (self->version_entry);
  if (g_str_equal (name, "date"))
    return GTK_EDITABLE (self->date_entry);
  if (g_str_equal (name, "url"))
    return GTK_EDITABLE (self->url_entry);
  for (guint i = 0; i < self->component_entries->len; i++)
    if (g_str_equal (gtk_widget_get_name (g_ptr_array_index (self->component_entries, i)), name))
      return g_ptr_array_index (self->component_entries, i);
  return NULL;
}

const char *
ium_release_editor_get_message (IumReleaseEditor *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE_EDITOR (self), NULL);
  return self->save_error;
}
