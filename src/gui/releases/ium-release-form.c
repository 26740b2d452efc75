/* ium-release-form.c: the view-model of the form that adds or edits a release.
 *
 * The dialog writes what is typed into the form and sets every widget from
 * ium_release_form_get_state(), a pure function the unit suite calls without a display. The
 * checks are the inventory file's (core checks them again when the release is stored); here
 * they come as the person types, next to the field at fault.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-release-form.h"

#include "ium-time.h"

static void
set_text (char **field, const char *text)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (text ? text : ""));
}

IumReleaseForm *
ium_release_form_new (IumInventory *inventory, IumRelease *release)
{
  IumReleaseForm *form;
  GListModel     *components;
  guint           n;

  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), NULL);

  form = g_new0 (IumReleaseForm, 1);
  form->inventory = g_object_ref (inventory);
  components = ium_inventory_get_components (inventory);
  n = g_list_model_get_n_items (components);
  form->components = g_new0 (char *, n + 1);
  form->component_versions = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumComponent) component = g_list_model_get_item (components, i);
      GHashTable *explicit = release ? ium_release_get_components (release) : NULL;
      const char *version =
        explicit ? g_hash_table_lookup (explicit, ium_component_get_id (component)) : NULL;

      form->components[i] = g_strdup (ium_component_get_id (component));
      form->component_versions[i] = g_strdup (version ? version : "");
    }

  if (release == NULL)
    {
      g_autoptr (GDateTime) today = g_date_time_new_now_local ();

      form->version = g_strdup ("");
      form->tier = IUM_TIER_OFFICIAL;
      form->date = g_date_time_format (today, "%Y-%m-%d");
      form->patch_of = g_strdup ("");
      form->url = g_strdup ("");
      form->notes = g_strdup ("");
      return form;
    }

  form->editing = TRUE;
  form->version = g_strdup (ium_release_get_version_text (release));
  form->tier = ium_release_get_tier (release);
  form->date = g_strdup (ium_release_get_date (release) ? ium_release_get_date (release) : "");
  form->patch_of =
    g_strdup (ium_release_get_patch_of (release) ? ium_release_get_patch_of (release) : "");
  form->url = g_strdup (ium_release_get_url (release) ? ium_release_get_url (release) : "");
  form->notes = g_strdup (ium_release_get_notes (release) ? ium_release_get_notes (release) : "");
  return form;
}

void
ium_release_form_free (IumReleaseForm *form)
{
  if (form == NULL)
    return;
  g_clear_object (&form->inventory);
  g_free (form->version);
  g_free (form->date);
  g_free (form->patch_of);
  g_free (form->url);
  g_free (form->notes);
  g_strfreev (form->components);
  g_strfreev (form->component_versions);
  g_free (form);
}

void
ium_release_form_set_version (IumReleaseForm *form, const char *version)
{
  g_return_if_fail (form != NULL && !form->editing);
  set_text (&form->version, version);
}

void
ium_release_form_set_date (IumReleaseForm *form, const char *date)
{
  set_text (&form->date, date);
}

void
ium_release_form_set_patch_of (IumReleaseForm *form, const char *patch_of)
{
  set_text (&form->patch_of, patch_of);
}

void
ium_release_form_set_url (IumReleaseForm *form, const char *url)
{
  set_text (&form->url, url);
}

void
ium_release_form_set_notes (IumReleaseForm *form, const char *notes)
{
  g_free (form->notes);
  form->notes = g_strdup (notes ? notes : "");
}

void
ium_release_form_set_component_version (IumReleaseForm *form, guint index, const char *version)
{
  g_return_if_fail (form != NULL && index < g_strv_length (form->components));
  set_text (&form->component_versions[index], version);
}

/* The version parsed in the facility's release scheme, or NULL with the reason. */
static IumVersion *
parse_version (const IumReleaseForm *form, char **error)
{
  g_autoptr (GError) local_error = NULL;
  IumVersion *version;

  if (*form->version == '\0')
    {
      *error = g_strdup (_ ("A release needs a version."));
      return NULL;
    }
  version = ium_version_parse (ium_inventory_get_release_scheme (form->inventory), form->version,
                               &local_error);
  if (version == NULL)
    *error = g_strdup (local_error->message);
  return version;
}

IumReleaseFormState *
ium_release_form_get_state (const IumReleaseForm *form)
{
  IumReleaseFormState *state;
  g_autoptr (IumVersion) version = NULL;
  g_autoptr (GError) error = NULL;
  guint    n_components;
  gboolean ok;

  g_return_val_if_fail (form != NULL, NULL);

  state = g_new0 (IumReleaseFormState, 1);
  state->version_editable = !form->editing;
  if (form->editing)
    {
      /* Translators: the title of the dialog that edits a release. */
      state->title = g_strdup_printf (_ ("Release %s"), form->version);
      state->save_label = g_strdup (_ ("_Save"));
    }
  else
    {
      state->title = g_strdup (_ ("New Release"));
      state->save_label = g_strdup (_ ("_Add"));
    }

  version = parse_version (form, &state->version_error);
  if (version != NULL && !form->editing
      && ium_inventory_lookup_release (form->inventory, form->version) != NULL)
    state->version_error = g_strdup_printf (
      _ ("There is already a release %s; edit it instead."),
      ium_release_get_version_text (ium_inventory_lookup_release (form->inventory, form->version)));

  if (*form->date != '\0' && !ium_date_validate (form->date, &error))
    {
      state->date_error = g_strdup (error->message);
      g_clear_error (&error);
    }

  if (*form->patch_of != '\0')
    {
      IumRelease *base = ium_inventory_lookup_release (form->inventory, form->patch_of);
      if (base == NULL)
        state->patch_of_error =
          g_strdup_printf (_ ("There is no release %s to patch."), form->patch_of);
      else if (version != NULL
               && ium_version_compare (ium_release_get_version (base), version) >= 0)
        state->patch_of_error = g_strdup_printf (_ ("A patch comes after the release it patches: "
                                                    "%s is not older than %s."),
                                                 form->patch_of, form->version);
    }

  /* A component not listed is at the release's own version, which must then be a version of
   * that component's scheme too (the inventory file's rule). */
  n_components = g_strv_length (form->components);
  state->component_errors = g_ptr_array_new_with_free_func (g_free);
  state->component_hints = g_new0 (char *, n_components + 1);
  ok = state->version_error == NULL && state->date_error == NULL && state->patch_of_error == NULL;
  for (guint i = 0; i < n_components; i++)
    {
      const char *text = form->component_versions[i];
      const char *effective = *text ? text : form->version;
      g_autoptr (IumVersion) parsed = NULL;
      char *message = NULL;

      state->component_hints[i] =
        *form->version
          /* Translators: the placeholder of a component's version in a release. */
          ? g_strdup_printf (_ ("Same as the release: %s"), form->version)
          : g_strdup (_ ("Same as the release"));
      if (*effective != '\0')
        {
          parsed = ium_inventory_parse_component_version (form->inventory, form->components[i],
                                                          effective, &error);
          if (parsed == NULL)
            {
              message = *text ? g_strdup (error->message)
                              : g_strdup_printf (_ ("%s is not a version of this component; "
                                                    "give its own version here."),
                                                 form->version);
              g_clear_error (&error);
            }
        }
      if (message != NULL)
        ok = FALSE;
      g_ptr_array_add (state->component_errors, message);
    }

  state->can_save = ok;
  return state;
}

void
ium_release_form_state_free (IumReleaseFormState *state)
{
  if (state == NULL)
    return;
  g_free (state->title);
  g_free (state->save_label);
  g_free (state->version_error);
  g_free (state->date_error);
  g_free (state->patch_of_error);
  g_ptr_array_unref (state->component_errors);
  g_strfreev (state->component_hints);
  g_free (state);
}

IumRelease *
ium_release_form_to_release (const IumReleaseForm *form, GError **error)
{
  g_autoptr (IumReleaseFormState) state = ium_release_form_get_state (form);
  g_autoptr (IumVersion) version = NULL;
  IumRelease *release;

  if (!state->can_save)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("The release cannot be saved as it is: see the fields marked."));
      return NULL;
    }

  version =
    ium_version_parse (ium_inventory_get_release_scheme (form->inventory), form->version, error);
  if (version == NULL)
    return NULL;
  release = ium_release_new (version, form->tier);
  ium_release_set_date (release, *form->date ? form->date : NULL);
  ium_release_set_patch_of (release, *form->patch_of ? form->patch_of : NULL);
  ium_release_set_url (release, *form->url ? form->url : NULL);
  ium_release_set_notes (release, *form->notes ? form->notes : NULL);
  for (guint i = 0; form->components[i] != NULL; i++)
    if (*form->component_versions[i] != '\0')
      ium_release_set_component (release, form->components[i], form->component_versions[i]);
  return release;
}
