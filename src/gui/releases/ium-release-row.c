/* ium-release-row.c: one release as the releases view shows it, with its patches under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <string.h>

#include "ium-release-row.h"

#include "ium-enums.h"

struct _IumReleaseRow
{
  GObject     parent_instance;

  IumRelease *release;      /* owned */
  char       *notes;        /* owned: the first line */
  GPtrArray  *running;      /* owned, of char*, NULL-terminated once built */
  char       *running_text; /* owned */
  GListStore *patches;      /* owned, nullable */
};

enum
{
  PROP_0,
  PROP_VERSION,
  PROP_TIER,
  PROP_DATE,
  PROP_NOTES,
  PROP_PATCH_OF,
  PROP_N_RUNNING,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumReleaseRow, ium_release_row, G_TYPE_OBJECT)

static IumReleaseRow *
row_new (IumRelease *release)
{
  IumReleaseRow *self = g_object_new (IUM_TYPE_RELEASE_ROW, NULL);
  const char    *notes = ium_release_get_notes (release);

  self->release = g_object_ref (release);
  self->notes = notes ? g_strndup (notes, strcspn (notes, "\n")) : NULL;
  self->running = g_ptr_array_new_with_free_func (g_free);
  return self;
}

GListModel *
ium_release_rows_build (IumFleet *fleet)
{
  IumInventory *inventory;
  GListModel   *releases;
  GListModel   *instruments;
  g_autoptr (GHashTable) rows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  GListStore *roots = g_list_store_new (IUM_TYPE_RELEASE_ROW);
  guint       n;

  g_return_val_if_fail (IUM_IS_FLEET (fleet), NULL);

  inventory = ium_fleet_get_inventory (fleet);
  releases = ium_inventory_get_releases (inventory);
  instruments = ium_inventory_get_instruments (inventory);
  n = g_list_model_get_n_items (releases);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, i);
      g_hash_table_insert (rows, release, row_new (release));
    }

  /* Instruments are in name order, so each release's names come out sorted. */
  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      IumInstrumentStatus status;
      IumReleaseRow      *row;

      ium_fleet_get_status (fleet, instrument, &status);
      if (status.release != NULL && (row = g_hash_table_lookup (rows, status.release)) != NULL)
        g_ptr_array_add (row->running, g_strdup (ium_instrument_get_name (instrument)));
    }

  /* Newest first, each patch under its base: a patch's base is older, so walking from the
   * newest down appends patches to their base in newest-first order too. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, i - 1);
      IumReleaseRow *row = g_hash_table_lookup (rows, release);
      const char    *patch_of = ium_release_get_patch_of (release);
      IumRelease    *base = patch_of ? ium_inventory_lookup_release (inventory, patch_of) : NULL;
      IumReleaseRow *parent = base && base != release ? g_hash_table_lookup (rows, base) : NULL;

      g_ptr_array_add (row->running, NULL);
      row->running_text = g_strjoinv (", ", (char **) row->running->pdata);
      if (parent != NULL)
        {
          if (parent->patches == NULL)
            parent->patches = g_list_store_new (IUM_TYPE_RELEASE_ROW);
          g_list_store_append (parent->patches, row);
        }
      else
        g_list_store_append (roots, row);
    }
  return G_LIST_MODEL (roots);
}

static void
ium_release_row_finalize (GObject *object)
{
  IumReleaseRow *self = IUM_RELEASE_ROW (object);

  g_clear_object (&self->release);
  g_free (self->notes);
  g_ptr_array_unref (self->running);
  g_free (self->running_text);
  g_clear_object (&self->patches);

  G_OBJECT_CLASS (ium_release_row_parent_class)->finalize (object);
}

static void
ium_release_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumReleaseRow *self = IUM_RELEASE_ROW (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      g_value_set_string (value, ium_release_get_version_text (self->release));
      break;
    case PROP_TIER:
      g_value_set_string (value,
                          ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (self->release)));
      break;
    case PROP_DATE:
      g_value_set_string (value, ium_release_get_date (self->release));
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_PATCH_OF:
      g_value_set_string (value, ium_release_get_patch_of (self->release));
      break;
    case PROP_N_RUNNING:
      g_value_set_uint (value, ium_release_row_get_n_running (self));
      break;
    case PROP_RUNNING:
      g_value_set_string (value, self->running_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_release_row_class_init (IumReleaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ium_release_row_finalize;
  object_class->get_property = ium_release_row_get_property;

  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, flags);
  properties[PROP_TIER] = g_param_spec_string ("tier", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  properties[PROP_PATCH_OF] = g_param_spec_string ("patch-of", NULL, NULL, NULL, flags);
  properties[PROP_N_RUNNING] = g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RUNNING] = g_param_spec_string ("running", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_release_row_init (IumReleaseRow *self)
{
}

IumRelease *
ium_release_row_get_release (IumReleaseRow *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE_ROW (self), NULL);
  return self->release;
}

const char *
ium_release_row_get_version (IumReleaseRow *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE_ROW (self), NULL);
  return ium_release_get_version_text (self->release);
}

guint
ium_release_row_get_n_running (IumReleaseRow *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE_ROW (self), 0);
  /* The array ends with its NULL once built. */
  return self->running->len > 0 ? self->running->len - 1 : 0;
}

const char *const *
ium_release_row_get_running_names (IumReleaseRow *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE_ROW (self), NULL);
  return (const char *const *) self->running->pdata;
}

GListModel *
ium_release_row_get_patches (IumReleaseRow *self)
{
  g_return_val_if_fail (IUM_IS_RELEASE_ROW (self), NULL);
  return self->patches ? G_LIST_MODEL (self->patches) : NULL;
}
