/* ium-release.c: a version of the whole suite that support staff deploy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include "ium-release.h"

#include "ium-enums.h"

#include <string.h>

struct _IumRelease
{
  GObject     parent_instance;

  IumVersion *version; /* owned */
  IumTier     tier;
  char       *date;       /* owned */
  char       *notes;      /* owned */
  char       *patch_of;   /* owned */
  char       *url;        /* owned */
  GHashTable *components; /* owned: component id (owned) -> version text (owned) */
};

enum
{
  PROP_0,
  PROP_VERSION,
  PROP_TIER,
  PROP_DATE,
  PROP_NOTES,
  PROP_PATCH_OF,
  PROP_URL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumRelease, ium_release, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* g_set_str() needs GLib 2.76; the project allows 2.74. */
static gboolean
replace_string (char **ptr, const char *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static char **
dup_sorted_keys (GHashTable *table)
{
  GPtrArray     *keys = g_ptr_array_sized_new (g_hash_table_size (table) + 1);
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);

  return (char **) g_ptr_array_free (keys, FALSE);
}

static void
ium_release_finalize (GObject *object)
{
  IumRelease *self = (IumRelease *) object;

  g_clear_pointer (&self->version, ium_version_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->patch_of, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->components, g_hash_table_unref);

  G_OBJECT_CLASS (ium_release_parent_class)->finalize (object);
}

static void
ium_release_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumRelease *self = IUM_RELEASE (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      g_value_set_boxed (value, self->version);
      break;

    case PROP_TIER:
      g_value_set_enum (value, self->tier);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_PATCH_OF:
      g_value_set_string (value, self->patch_of);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_release_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumRelease *self = IUM_RELEASE (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      self->version = g_value_dup_boxed (value);
      break;

    case PROP_TIER:
      ium_release_set_tier (self, g_value_get_enum (value));
      break;

    case PROP_DATE:
      ium_release_set_date (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      ium_release_set_notes (self, g_value_get_string (value));
      break;

    case PROP_PATCH_OF:
      ium_release_set_patch_of (self, g_value_get_string (value));
      break;

    case PROP_URL:
      ium_release_set_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_release_class_init (IumReleaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ium_release_finalize;
  object_class->get_property = ium_release_get_property;
  object_class->set_property = ium_release_set_property;

  properties[PROP_VERSION] =
    g_param_spec_boxed ("version", NULL, NULL, IUM_TYPE_VERSION,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIER] =
    g_param_spec_enum ("tier", NULL, NULL, IUM_TYPE_TIER, IUM_TIER_OFFICIAL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PATCH_OF] =
    g_param_spec_string ("patch-of", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_release_init (IumRelease *self)
{
  self->tier = IUM_TIER_OFFICIAL;
  self->components = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * ium_release_new:
 * @version: the release version, parsed in the facility's release scheme; copied
 * @tier: how well the release is supported
 *
 * Returns: (transfer full): a new release
 */
IumRelease *
ium_release_new (const IumVersion *version, IumTier tier)
{
  g_return_val_if_fail (version != NULL, NULL);

  return g_object_new (IUM_TYPE_RELEASE, "version", version, "tier", tier, NULL);
}

const IumVersion *
ium_release_get_version (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);

  return self->version;
}

const char *
ium_release_get_version_text (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);

  return self->version != NULL ? ium_version_get_text (self->version) : NULL;
}

IumTier
ium_release_get_tier (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), IUM_TIER_OFFICIAL);

  return self->tier;
}

void
ium_release_set_tier (IumRelease *self, IumTier tier)
{
  g_return_if_fail (IUM_IS_RELEASE (self));

  if (self->tier == tier)
    return;

  self->tier = tier;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
}

const char *
ium_release_get_date (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);

  return self->date;
}

void
ium_release_set_date (IumRelease *self, const char *date)
{
  g_return_if_fail (IUM_IS_RELEASE (self));

  if (replace_string (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
ium_release_get_notes (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);

  return self->notes;
}

void
ium_release_set_notes (IumRelease *self, const char *notes)
{
  g_return_if_fail (IUM_IS_RELEASE (self));

  if (replace_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

const char *
ium_release_get_patch_of (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);

  return self->patch_of;
}

void
ium_release_set_patch_of (IumRelease *self, const char *patch_of)
{
  g_return_if_fail (IUM_IS_RELEASE (self));

  if (replace_string (&self->patch_of, patch_of))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATCH_OF]);
}

/**
 * ium_release_is_patch:
 * @self: a release
 *
 * Returns: %TRUE when the release patches another one (it has a non-empty "patch-of").
 */
gboolean
ium_release_is_patch (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), FALSE);

  return self->patch_of != NULL && self->patch_of[0] != '\0';
}

const char *
ium_release_get_url (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);

  return self->url;
}

void
ium_release_set_url (IumRelease *self, const char *url)
{
  g_return_if_fail (IUM_IS_RELEASE (self));

  if (replace_string (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/**
 * ium_release_get_components:
 * @self: a release
 *
 * Returns: (transfer none) (element-type utf8 utf8): the explicit component versions,
 *   component id -> version text. Never %NULL.
 */
GHashTable *
ium_release_get_components (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);

  return self->components;
}

/**
 * ium_release_set_component:
 * @self: a release
 * @component_id: a component id
 * @version: (nullable): its version in this release; %NULL drops the explicit version so the
 *   component falls back to the release's own version
 */
void
ium_release_set_component (IumRelease *self, const char *component_id, const char *version)
{
  g_return_if_fail (IUM_IS_RELEASE (self));
  g_return_if_fail (component_id != NULL);

  if (version == NULL)
    g_hash_table_remove (self->components, component_id);
  else
    g_hash_table_replace (self->components, g_strdup (component_id), g_strdup (version));
}

/**
 * ium_release_get_component_version:
 * @self: a release
 * @component_id: a component id
 *
 * Returns: (transfer none): the explicit version of @component_id, else the release's own
 *   version text (every part of the suite is released under one number).
 */
const char *
ium_release_get_component_version (IumRelease *self, const char *component_id)
{
  const char *version;

  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);
  g_return_val_if_fail (component_id != NULL, NULL);

  version = g_hash_table_lookup (self->components, component_id);
  if (version != NULL)
    return version;

  return ium_release_get_version_text (self);
}

/**
 * ium_release_dup_component_ids:
 * @self: a release
 *
 * Returns: (transfer full): the ids of the explicit map, sorted; free with g_strfreev().
 */
char **
ium_release_dup_component_ids (IumRelease *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE (self), NULL);

  return dup_sorted_keys (self->components);
}
