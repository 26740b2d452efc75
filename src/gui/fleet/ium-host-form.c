/* ium-host-form.c: the view-model of the form that edits the versions on one host.
 *
 * The form's state is a plain value; ium_host_form_get_state() is a pure function from it
 * to what the widgets show (errors, the Save button, the message), so the unit suite tests
 * the form's behaviour without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-host-form.h"

static void
field_free (gpointer data)
{
  IumHostFormField *field = data;

  g_free (field->component);
  g_free (field->label);
  g_free (field->text);
  g_free (field->stored);
  g_free (field);
}

IumHostForm *
ium_host_form_new (IumInventory *inventory, IumInstrument *instrument, IumHost *host)
{
  IumHostForm *form;
  GListModel  *components;

  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (IUM_IS_INSTRUMENT (instrument), NULL);
  g_return_val_if_fail (IUM_IS_HOST (host), NULL);

  form = g_new0 (IumHostForm, 1);
  form->instrument = g_strdup (ium_instrument_get_name (instrument));
  form->host = g_strdup (ium_host_get_name (host));
  form->inventory = g_object_ref (inventory);
  form->fields = g_ptr_array_new_with_free_func (field_free);

  components = ium_inventory_get_components (inventory);
  for (guint i = 0; i < g_list_model_get_n_items (components); i++)
    {
      g_autoptr (IumComponent) component = g_list_model_get_item (components, i);
      const char       *id = ium_component_get_id (component);
      const char       *version = ium_host_get_installed_version (host, id);
      IumHostFormField *field = g_new0 (IumHostFormField, 1);

      field->component = g_strdup (id);
      field->label =
        g_strdup (ium_component_get_name (component) ? ium_component_get_name (component) : id);
      field->stored = g_strdup (version ? version : "");
      field->text = g_strdup (field->stored);
      g_ptr_array_add (form->fields, field);
    }
  return form;
}

void
ium_host_form_free (IumHostForm *form)
{
  if (form == NULL)
    return;
  g_free (form->instrument);
  g_free (form->host);
  g_clear_object (&form->inventory);
  g_ptr_array_unref (form->fields);
  g_free (form);
}

void
ium_host_form_set_text (IumHostForm *form, guint index, const char *text)
{
  IumHostFormField *field;

  g_return_if_fail (form != NULL);
  g_return_if_fail (index < form->fields->len);

  field = g_ptr_array_index (form->fields, index);
  g_free (field->text);
  field->text = g_strstrip (g_strdup (text ? text : ""));
}

IumHostFormState *
ium_host_form_get_state (const IumHostForm *form, gboolean holds_token)
{
  IumHostFormState *state;
  guint             n_errors = 0;
  guint             n_installed = 0;

  g_return_val_if_fail (form != NULL, NULL);

  state = g_new0 (IumHostFormState, 1);
  state->errors = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < form->fields->len; i++)
    {
      IumHostFormField *field = g_ptr_array_index (form->fields, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (IumVersion) version = NULL;
      char *message = NULL;

      if (*field->text != '\0')
        {
          n_installed++;
          version = ium_inventory_parse_component_version (form->inventory, field->component,
                                                           field->text, &error);
          if (version == NULL)
            {
              message = g_strdup (error->message);
              n_errors++;
            }
        }
      g_ptr_array_add (state->errors, message);
      if (!g_str_equal (field->text, field->stored))
        state->n_changed++;
    }

  if (!holds_token)
    {
      state->message = g_strdup (_ ("You need the deploy token to change the versions on a host. "
                                    "Take it with the token button in the header bar."));
      state->message_is_error = TRUE;
    }
  else if (n_errors > 0)
    {
      state->message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fix the version marked above.",
                                      "Fix the %u versions marked above.", n_errors),
                         n_errors);
      state->message_is_error = TRUE;
    }
  else if (n_installed == 0)
    {
      state->message = g_strdup (_ ("A host must carry at least one component."));
      state->message_is_error = TRUE;
    }
  else if (state->n_changed == 0)
    state->message = g_strdup (_ ("Nothing has changed yet. Leave a field empty for a component "
                                  "the host does not carry."));
  else
    state->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u version will be changed, and recorded in "
                                                   "the audit log under your name.",
                                                   "%u versions will be changed, and recorded "
                                                   "in the audit log under your name.",
                                                   state->n_changed),
                                      state->n_changed);

  state->can_save = holds_token && n_errors == 0 && n_installed > 0 && state->n_changed > 0;
  return state;
}

void
ium_host_form_state_free (IumHostFormState *state)
{
  if (state == NULL)
    return;
  g_ptr_array_unref (state->errors);
  g_free (state->message);
  g_free (state);
}

GHashTable *
ium_host_form_dup_installed (const IumHostForm *form)
{
  GHashTable *installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (form != NULL, NULL);

  for (guint i = 0; i < form->fields->len; i++)
    {
      IumHostFormField *field = g_ptr_array_index (form->fields, i);
      if (*field->text != '\0')
        g_hash_table_insert (installed, g_strdup (field->component), g_strdup (field->text));
    }
  return installed;
}
