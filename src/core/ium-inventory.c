/* ium-inventory.c: the whole inventory in memory, as list models the views bind to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-inventory.h"

#include "ium-enums.h"

/* Each collection is a GListStore kept sorted by the item's key, plus an index from the key
 * text to the item so that lookups are O(1). The index borrows its objects from the store.
 *
 * Change notification: the list models emit "items-changed"; "facility", "release-scheme"
 * and "policy" emit "notify". There is no catch-all "changed" signal. */
typedef struct
{
  GListStore      *store; /* owned */
  GHashTable      *index; /* owned: key (owned) -> item (borrowed from the store) */
  GCompareDataFunc compare;
} Collection;

struct _IumInventory
{
  GObject    parent_instance;

  char      *facility; /* owned */
  IumScheme  release_scheme;
  IumPolicy  policy;

  Collection components;
  Collection rules;
  Collection releases;
  Collection instruments;
  Collection windows;
  Collection cycles;
};

enum
{
  PROP_0,
  PROP_FACILITY,
  PROP_RELEASE_SCHEME,
  PROP_POLICY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumInventory, ium_inventory, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static int
compare_components (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_strcmp0 (ium_component_get_id ((IumComponent *) a),
                    ium_component_get_id ((IumComponent *) b));
}

static int
compare_rules (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_strcmp0 (ium_rule_get_client ((IumRule *) a), ium_rule_get_client ((IumRule *) b));
}

static int
compare_releases (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return ium_version_compare (ium_release_get_version ((IumRelease *) a),
                              ium_release_get_version ((IumRelease *) b));
}

static int
compare_instruments (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_strcmp0 (ium_instrument_get_name ((IumInstrument *) a),
                    ium_instrument_get_name ((IumInstrument *) b));
}

static int
compare_windows (gconstpointer a, gconstpointer b, gpointer user_data)
{
  IumWindow *window_a = (IumWindow *) a;
  IumWindow *window_b = (IumWindow *) b;
  int        result;

  if ((result =
         g_date_time_compare (ium_window_get_start (window_a), ium_window_get_start (window_b))))
    return result;

  if ((result = g_strcmp0 (ium_window_get_label (window_a), ium_window_get_label (window_b))))
    return result;

  /* The end is part of the key, so it breaks the last ties. */
  return g_date_time_compare (ium_window_get_end (window_a), ium_window_get_end (window_b));
}

static int
compare_cycles (gconstpointer a, gconstpointer b, gpointer user_data)
{
  IumCycle *cycle_a = (IumCycle *) a;
  IumCycle *cycle_b = (IumCycle *) b;
  int       result;

  if ((result = g_date_time_compare (ium_cycle_get_start (cycle_a), ium_cycle_get_start (cycle_b))))
    return result;

  return g_strcmp0 (ium_cycle_get_name (cycle_a), ium_cycle_get_name (cycle_b));
}

static void
collection_init (Collection *collection, GType item_type, GCompareDataFunc compare)
{
  collection->store = g_list_store_new (item_type);
  collection->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collection->compare = compare;
}

static void
collection_clear (Collection *collection)
{
  /* The index borrows from the store, so it goes first. */
  g_clear_pointer (&collection->index, g_hash_table_unref);
  g_clear_object (&collection->store);
}

static int
collection_compare_at (Collection *collection, guint position, gpointer item)
{
  g_autoptr (GObject) other = g_list_model_get_item (G_LIST_MODEL (collection->store), position);

  return collection->compare (other, item, NULL);
}

/* The first position whose item sorts after @item (binary search, O(log² n) on a
 * GListStore). */
static guint
collection_upper_bound (Collection *collection, gpointer item)
{
  guint low = 0;
  guint high = g_list_model_get_n_items (G_LIST_MODEL (collection->store));

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (collection_compare_at (collection, middle, item) <= 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/* The position of @item, which is in the store. */
static guint
collection_find (Collection *collection, gpointer item)
{
  GListModel *model = G_LIST_MODEL (collection->store);
  guint       low = 0;
  guint       high = g_list_model_get_n_items (model);

  /* Lower bound of @item, then step over any items that compare equal but are others. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (collection_compare_at (collection, middle, item) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  for (guint i = low; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  g_return_val_if_reached (0);
}

static gboolean
collection_fits_at (Collection *collection, guint position, gpointer item)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (collection->store));

  return (position == 0 || collection_compare_at (collection, position - 1, item) <= 0)
         && (position + 1 >= n_items
             || collection_compare_at (collection, position + 1, item) >= 0);
}

/* Replaces the item with key @key, else inserts @item at its sorted place. Takes @key. */
static void
collection_put (Collection *collection, char *key, gpointer item)
{
  g_autoptr (GObject) hold = g_object_ref (item);
  GListModel *model = G_LIST_MODEL (collection->store);
  gpointer    old = g_hash_table_lookup (collection->index, key);
  guint       n_items = g_list_model_get_n_items (model);
  guint       position;

  /* Update the index before the store so that "items-changed" handlers find the new item. */
  g_hash_table_replace (collection->index, key, item);

  if (old != NULL)
    {
      position = collection_find (collection, old);

      /* In place when the new item sorts where the old one was, which is the usual case. */
      if (collection_fits_at (collection, position, item))
        {
          g_list_store_splice (collection->store, position, 1, (gpointer *) &hold, 1);
          return;
        }

      g_list_store_remove (collection->store, position);
      n_items--;
    }

  /* Loading a file or a database delivers items already sorted: append without searching. */
  if (n_items == 0 || collection_compare_at (collection, n_items - 1, item) <= 0)
    position = n_items;
  else
    position = collection_upper_bound (collection, item);

  g_list_store_insert (collection->store, position, item);
}

static gpointer
collection_lookup (Collection *collection, const char *key)
{
  return g_hash_table_lookup (collection->index, key);
}

/* Removes the item with key @key; FALSE when there is none. */
static gboolean
collection_remove (Collection *collection, const char *key)
{
  gpointer item = g_hash_table_lookup (collection->index, key);
  guint    position;

  if (item == NULL)
    return FALSE;

  /* The index borrows from the store: find the position while the item is alive, then
   * forget it in the index before the store drops its reference. */
  position = collection_find (collection, item);
  g_hash_table_remove (collection->index, key);
  g_list_store_remove (collection->store, position);
  return TRUE;
}

static void
ium_inventory_dispose (GObject *object)
{
  IumInventory *self = (IumInventory *) object;

  collection_clear (&self->components);
  collection_clear (&self->rules);
  collection_clear (&self->releases);
  collection_clear (&self->instruments);
  collection_clear (&self->windows);
  collection_clear (&self->cycles);

  G_OBJECT_CLASS (ium_inventory_parent_class)->dispose (object);
}

static void
ium_inventory_finalize (GObject *object)
{
  IumInventory *self = (IumInventory *) object;

  g_clear_pointer (&self->facility, g_free);

  G_OBJECT_CLASS (ium_inventory_parent_class)->finalize (object);
}

static void
ium_inventory_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumInventory *self = IUM_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_FACILITY:
      g_value_set_string (value, self->facility);
      break;

    case PROP_RELEASE_SCHEME:
      g_value_set_enum (value, self->release_scheme);
      break;

    case PROP_POLICY:
      g_value_set_pointer (value, &self->policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_inventory_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumInventory *self = IUM_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_FACILITY:
      ium_inventory_set_facility (self, g_value_get_string (value));
      break;

    case PROP_RELEASE_SCHEME:
      ium_inventory_set_release_scheme (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_inventory_class_init (IumInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ium_inventory_dispose;
  object_class->finalize = ium_inventory_finalize;
  object_class->get_property = ium_inventory_get_property;
  object_class->set_property = ium_inventory_set_property;

  properties[PROP_FACILITY] =
    g_param_spec_string ("facility", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RELEASE_SCHEME] =
    g_param_spec_enum ("release-scheme", NULL, NULL, IUM_TYPE_SCHEME, IUM_SCHEME_QUAD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * IumInventory:policy:
   *
   * The `const IumPolicy *`, borrowed. Read-only here: change it with
   * ium_inventory_set_policy(), which emits "notify::policy".
   */
  properties[PROP_POLICY] = g_param_spec_pointer (
    "policy", NULL, NULL, (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_inventory_init (IumInventory *self)
{
  self->release_scheme = IUM_SCHEME_QUAD;
  self->policy = (IumPolicy) IUM_POLICY_INIT;

  collection_init (&self->components, IUM_TYPE_COMPONENT, compare_components);
  collection_init (&self->rules, IUM_TYPE_RULE, compare_rules);
  collection_init (&self->releases, IUM_TYPE_RELEASE, compare_releases);
  collection_init (&self->instruments, IUM_TYPE_INSTRUMENT, compare_instruments);
  collection_init (&self->windows, IUM_TYPE_WINDOW, compare_windows);
  collection_init (&self->cycles, IUM_TYPE_CYCLE, compare_cycles);
}

/**
 * ium_inventory_new:
 *
 * Returns: (transfer full): an empty inventory with the default release scheme (quad) and
 *   the default policy
 */
IumInventory *
ium_inventory_new (void)
{
  return g_object_new (IUM_TYPE_INVENTORY, NULL);
}

const char *
ium_inventory_get_facility (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  return self->facility;
}

void
ium_inventory_set_facility (IumInventory *self, const char *facility)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));

  if (g_strcmp0 (self->facility, facility) == 0)
    return;

  g_free (self->facility);
  self->facility = g_strdup (facility);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY]);
}

IumScheme
ium_inventory_get_release_scheme (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), IUM_SCHEME_QUAD);

  return self->release_scheme;
}

/**
 * ium_inventory_set_release_scheme:
 * @self: an inventory
 * @scheme: the scheme release versions are written in
 *
 * Set this before adding releases: releases already present keep the versions they were
 * parsed with, and lookups parse in the new scheme.
 */
void
ium_inventory_set_release_scheme (IumInventory *self, IumScheme scheme)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));

  if (self->release_scheme == scheme)
    return;

  self->release_scheme = scheme;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEASE_SCHEME]);
}

/**
 * ium_inventory_get_policy:
 * @self: an inventory
 *
 * Returns: (transfer none): the facility's policy; valid as long as @self
 */
const IumPolicy *
ium_inventory_get_policy (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  return &self->policy;
}

/**
 * ium_inventory_set_policy:
 * @self: an inventory
 * @policy: the new policy; copied
 *
 * Emits "notify::policy" when the policy changes.
 */
void
ium_inventory_set_policy (IumInventory *self, const IumPolicy *policy)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));
  g_return_if_fail (policy != NULL);

  if (self->policy.max_minor_behind == policy->max_minor_behind
      && self->policy.max_upgrades_per_day == policy->max_upgrades_per_day
      && self->policy.upgrade_hours == policy->upgrade_hours
      && self->policy.soak_days == policy->soak_days)
    return;

  self->policy = *policy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

/**
 * ium_inventory_get_components:
 * @self: an inventory
 *
 * Returns: (transfer none): a #GListModel of #IumComponent sorted by id
 */
GListModel *
ium_inventory_get_components (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->components.store);
}

/**
 * ium_inventory_get_rules:
 * @self: an inventory
 *
 * Returns: (transfer none): a #GListModel of #IumRule sorted by client component
 */
GListModel *
ium_inventory_get_rules (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->rules.store);
}

/**
 * ium_inventory_get_releases:
 * @self: an inventory
 *
 * Returns: (transfer none): a #GListModel of #IumRelease, oldest version first
 */
GListModel *
ium_inventory_get_releases (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->releases.store);
}

/**
 * ium_inventory_get_instruments:
 * @self: an inventory
 *
 * Returns: (transfer none): a #GListModel of #IumInstrument sorted by name (strcmp)
 */
GListModel *
ium_inventory_get_instruments (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->instruments.store);
}

/**
 * ium_inventory_get_windows:
 * @self: an inventory
 *
 * Returns: (transfer none): a #GListModel of #IumWindow sorted by start, then label
 */
GListModel *
ium_inventory_get_windows (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->windows.store);
}

/**
 * ium_inventory_get_cycles:
 * @self: an inventory
 *
 * Returns: (transfer none): a #GListModel of #IumCycle sorted by start, then name
 */
GListModel *
ium_inventory_get_cycles (IumInventory *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->cycles.store);
}

IumComponent *
ium_inventory_lookup_component (IumInventory *self, const char *id)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return collection_lookup (&self->components, id);
}

IumRule *
ium_inventory_lookup_rule (IumInventory *self, const char *client)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (client != NULL, NULL);

  return collection_lookup (&self->rules, client);
}

/**
 * ium_inventory_lookup_release:
 * @self: an inventory
 * @version: a release version in any spelling of the release scheme
 *
 * Returns: (nullable) (transfer none): the release whose version equals @version ("12.1"
 *   finds "12.1.0.0"), or %NULL when there is none or @version does not parse
 */
IumRelease *
ium_inventory_lookup_release (IumInventory *self, const char *version)
{
  g_autoptr (IumVersion) parsed = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (version != NULL, NULL);

  if (!(parsed = ium_version_parse (self->release_scheme, version, NULL)))
    return NULL;

  key = ium_version_to_canonical (parsed);

  return collection_lookup (&self->releases, key);
}

IumInstrument *
ium_inventory_lookup_instrument (IumInventory *self, const char *name)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return collection_lookup (&self->instruments, name);
}

/**
 * ium_inventory_lookup_window:
 * @self: an inventory
 * @key: a key made by ium_window_dup_key()
 *
 * Returns: (nullable) (transfer none): the window with that key, or %NULL
 */
IumWindow *
ium_inventory_lookup_window (IumInventory *self, const char *key)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return collection_lookup (&self->windows, key);
}

IumCycle *
ium_inventory_lookup_cycle (IumInventory *self, const char *name)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return collection_lookup (&self->cycles, name);
}

void
ium_inventory_put_component (IumInventory *self, IumComponent *component)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));
  g_return_if_fail (IUM_IS_COMPONENT (component));
  g_return_if_fail (ium_component_get_id (component) != NULL);

  collection_put (&self->components, g_strdup (ium_component_get_id (component)), component);
}

void
ium_inventory_put_rule (IumInventory *self, IumRule *rule)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));
  g_return_if_fail (IUM_IS_RULE (rule));
  g_return_if_fail (ium_rule_get_client (rule) != NULL);

  collection_put (&self->rules, g_strdup (ium_rule_get_client (rule)), rule);
}

/**
 * ium_inventory_put_release:
 * @self: an inventory
 * @release: a release whose version is in the inventory's release scheme
 *
 * Replaces the release with an equal version (whatever its spelling), else adds @release.
 */
void
ium_inventory_put_release (IumInventory *self, IumRelease *release)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));
  g_return_if_fail (IUM_IS_RELEASE (release));
  g_return_if_fail (ium_release_get_version (release) != NULL);

  collection_put (&self->releases, ium_version_to_canonical (ium_release_get_version (release)),
                  release);
}

void
ium_inventory_put_instrument (IumInventory *self, IumInstrument *instrument)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));
  g_return_if_fail (IUM_IS_INSTRUMENT (instrument));
  g_return_if_fail (ium_instrument_get_name (instrument) != NULL);

  collection_put (&self->instruments, g_strdup (ium_instrument_get_name (instrument)), instrument);
}

void
ium_inventory_put_window (IumInventory *self, IumWindow *window)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));
  g_return_if_fail (IUM_IS_WINDOW (window));
  g_return_if_fail (ium_window_get_start (window) != NULL);
  g_return_if_fail (ium_window_get_end (window) != NULL);

  collection_put (&self->windows, ium_window_dup_key (window), window);
}

void
ium_inventory_put_cycle (IumInventory *self, IumCycle *cycle)
{
  g_return_if_fail (IUM_IS_INVENTORY (self));
  g_return_if_fail (IUM_IS_CYCLE (cycle));
  g_return_if_fail (ium_cycle_get_name (cycle) != NULL);
  g_return_if_fail (ium_cycle_get_start (cycle) != NULL);

  collection_put (&self->cycles, g_strdup (ium_cycle_get_name (cycle)), cycle);
}

/**
 * ium_inventory_remove_window:
 * @self: an inventory
 * @key: a key made by ium_window_dup_key()
 *
 * Returns: %TRUE when the window was there and is removed
 */
gboolean
ium_inventory_remove_window (IumInventory *self, const char *key)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return collection_remove (&self->windows, key);
}

/**
 * ium_inventory_remove_cycle:
 * @self: an inventory
 * @name: the cycle's name
 *
 * Returns: %TRUE when the cycle was there and is removed
 */
gboolean
ium_inventory_remove_cycle (IumInventory *self, const char *name)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return collection_remove (&self->cycles, name);
}

/**
 * ium_inventory_copy:
 * @self: an inventory
 *
 * A new inventory with the same settings and the same objects. The objects are shared, not
 * copied: change the copy by putting new objects into it, never by changing one in place,
 * or @self changes too.
 *
 * Returns: (transfer full): the copy
 */
IumInventory *
ium_inventory_copy (IumInventory *self)
{
  IumInventory *copy;
  typedef void (*Put) (IumInventory * inventory, gpointer item);
  const struct
  {
    Collection *from;
    Put         put;
  } lists[] = {
    { &self->components, (Put) ium_inventory_put_component },
    { &self->rules, (Put) ium_inventory_put_rule },
    { &self->releases, (Put) ium_inventory_put_release },
    { &self->instruments, (Put) ium_inventory_put_instrument },
    { &self->windows, (Put) ium_inventory_put_window },
    { &self->cycles, (Put) ium_inventory_put_cycle },
  };

  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  copy = ium_inventory_new ();
  ium_inventory_set_facility (copy, self->facility);
  ium_inventory_set_release_scheme (copy, self->release_scheme);
  ium_inventory_set_policy (copy, &self->policy);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      GListModel *model = G_LIST_MODEL (lists[l].from->store);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (model, i);
          lists[l].put (copy, item);
        }
    }

  return copy;
}

/**
 * ium_inventory_get_newest_release:
 * @self: an inventory
 * @any_tier: whether to consider every tier
 * @tier: the tier to consider when @any_tier is %FALSE
 *
 * Returns: (nullable) (transfer none): the release with the highest version among those
 *   considered, or %NULL when there is none
 */
IumRelease *
ium_inventory_get_newest_release (IumInventory *self, gboolean any_tier, IumTier tier)
{
  GListModel *model;

  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);

  model = G_LIST_MODEL (self->releases.store);

  /* Releases are sorted oldest first, so the newest match is the last one. */
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (model, i - 1);

      if (any_tier || ium_release_get_tier (release) == tier)
        return release; /* Still held by the store. */
    }

  return NULL;
}

/**
 * ium_inventory_parse_component_version:
 * @self: an inventory
 * @component_id: a component id
 * @text: a version of that component
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): @text parsed in the component's scheme, or %NULL with
 *   G_IO_ERROR_NOT_FOUND for an unknown component or an IUM_VERSION_ERROR when @text does
 *   not parse
 */
IumVersion *
ium_inventory_parse_component_version (IumInventory *self,
                                       const char   *component_id,
                                       const char   *text,
                                       GError      **error)
{
  IumComponent *component;

  g_return_val_if_fail (IUM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (component_id != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(component = ium_inventory_lookup_component (self, component_id)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _ ("unknown component “%s”"),
                   component_id);
      return NULL;
    }

  return ium_version_parse (ium_component_get_scheme (component), text, error);
}
