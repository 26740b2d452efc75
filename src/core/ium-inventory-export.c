/* ium-inventory-export.c: writes the inventory file, and each object as the audit log keeps it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-inventory-file"

#include "config.h"

#include "ium-inventory-file.h"

#include "ium-enums.h"
#include "ium-time.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A map of component id -> version, sorted so that the output is stable. */
static JsonNode *
version_map_to_json (GHashTable *map)
{
  g_autofree gpointer *keys = NULL;
  JsonObject *object = json_object_new ();
  JsonNode *node;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (map, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    json_object_set_string_member (object, keys[i], g_hash_table_lookup (map, keys[i]));

  /* The node takes its own reference. */
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

static void
set_optional_string (JsonObject *object,
                     const char *key,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
}

static void
set_timestamp (JsonObject *object,
               const char *key,
               GDateTime  *time)
{
  g_autofree char *text = ium_timestamp_format (time);

  json_object_set_string_member (object, key, text);
}

static JsonNode *
wrap (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

/**
 * ium_component_to_json:
 *
 * Returns: (transfer full): the component as the file writes it
 */
JsonNode *
ium_component_to_json (IumComponent *component)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", ium_component_get_id (component));
  json_object_set_string_member (object, "name", ium_component_get_name (component));
  json_object_set_string_member (object, "role",
                                 ium_enum_to_nick (IUM_TYPE_ROLE, ium_component_get_role (component)));
  json_object_set_string_member (object, "scheme",
                                 ium_scheme_to_string (ium_component_get_scheme (component)));
  return wrap (object);
}

/**
 * ium_rule_to_json:
 *
 * Returns: (transfer full): the rule as the file writes it
 */
JsonNode *
ium_rule_to_json (IumRule *rule)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "client", ium_rule_get_client (rule));
  json_object_set_string_member (object, "server", ium_rule_get_server (rule));
  json_object_set_string_member (object, "policy",
                                 ium_enum_to_nick (IUM_TYPE_COMPAT_POLICY,
                                                   ium_rule_get_policy (rule)));
  return wrap (object);
}

/**
 * ium_release_to_json:
 *
 * Returns: (transfer full): the release as the file writes it
 */
JsonNode *
ium_release_to_json (IumRelease *release)
{
  JsonObject *object = json_object_new ();
  GHashTable *components = ium_release_get_components (release);

  json_object_set_string_member (object, "version", ium_release_get_version_text (release));
  json_object_set_string_member (object, "tier",
                                 ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (release)));
  set_optional_string (object, "date", ium_release_get_date (release));
  set_optional_string (object, "notes", ium_release_get_notes (release));
  set_optional_string (object, "patch_of", ium_release_get_patch_of (release));
  set_optional_string (object, "url", ium_release_get_url (release));
  if (g_hash_table_size (components) > 0)
    json_object_set_member (object, "components", version_map_to_json (components));
  return wrap (object);
}

static JsonNode *
host_to_json (IumHost *host)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", ium_host_get_name (host));
  json_object_set_string_member (object, "role", ium_host_get_role (host));
  json_object_set_member (object, "installed", version_map_to_json (ium_host_get_installed (host)));
  return wrap (object);
}

/**
 * ium_instrument_to_json:
 *
 * Returns: (transfer full): the instrument and its hosts as the file writes them
 */
JsonNode *
ium_instrument_to_json (IumInstrument *instrument)
{
  JsonObject *object = json_object_new ();
  const char * const *tags = ium_instrument_get_tags (instrument);
  JsonArray *hosts = json_array_new ();

  json_object_set_string_member (object, "name", ium_instrument_get_name (instrument));
  json_object_set_string_member (object, "site", ium_instrument_get_site (instrument));
  if (tags[0] != NULL)
    {
      JsonArray *array = json_array_new ();
      for (guint i = 0; tags[i] != NULL; i++)
        json_array_add_string_element (array, tags[i]);
      json_object_set_array_member (object, "tags", array);
    }
  set_optional_string (object, "pin", ium_instrument_get_pin (instrument));

  for (guint i = 0; i < ium_instrument_get_n_hosts (instrument); i++)
    json_array_add_element (hosts, host_to_json (ium_instrument_get_host (instrument, i)));
  json_object_set_array_member (object, "hosts", hosts);
  return wrap (object);
}

/**
 * ium_window_to_json:
 *
 * Returns: (transfer full): the downtime window as the file writes it
 */
JsonNode *
ium_window_to_json (IumWindow *window)
{
  JsonObject *object = json_object_new ();
  const char * const *names = ium_window_get_instruments (window);

  set_timestamp (object, "start", ium_window_get_start (window));
  set_timestamp (object, "end", ium_window_get_end (window));
  json_object_set_string_member (object, "label", ium_window_get_label (window));
  if (names == NULL)
    json_object_set_string_member (object, "instruments", "all");
  else
    {
      JsonArray *array = json_array_new ();
      for (guint i = 0; names[i] != NULL; i++)
        json_array_add_string_element (array, names[i]);
      json_object_set_array_member (object, "instruments", array);
    }
  return wrap (object);
}

/**
 * ium_cycle_to_json:
 *
 * Returns: (transfer full): the operating cycle as the file writes it
 */
JsonNode *
ium_cycle_to_json (IumCycle *cycle)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", ium_cycle_get_name (cycle));
  set_timestamp (object, "start", ium_cycle_get_start (cycle));
  set_timestamp (object, "end", ium_cycle_get_end (cycle));
  json_object_set_boolean_member (object, "freeze", ium_cycle_get_freeze (cycle));
  return wrap (object);
}

typedef JsonNode *(*ToJson) (gpointer object);

static void
set_list (JsonObject  *root,
          const char  *key,
          GListModel  *list,
          ToJson       to_json)
{
  JsonArray *array = json_array_sized_new (g_list_model_get_n_items (list));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      json_array_add_element (array, to_json (item));
    }
  json_object_set_array_member (root, key, array);
}

/**
 * ium_inventory_to_json:
 * @inventory: an inventory
 *
 * Every list comes in the inventory's key order and every map sorted, so two exports of the
 * same inventory are the same bytes.
 *
 * Returns: (transfer full): the whole inventory file
 */
JsonNode *
ium_inventory_to_json (IumInventory *inventory)
{
  JsonObject *root = json_object_new ();
  JsonObject *policy = json_object_new ();
  const IumPolicy *limits;

  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), NULL);

  limits = ium_inventory_get_policy (inventory);

  json_object_set_string_member (root, "format", IUM_INVENTORY_FILE_FORMAT);
  json_object_set_int_member (root, "format_version", IUM_INVENTORY_FILE_VERSION);
  set_optional_string (root, "facility", ium_inventory_get_facility (inventory));
  json_object_set_string_member (root, "release_scheme",
                                 ium_scheme_to_string (ium_inventory_get_release_scheme (inventory)));

  json_object_set_int_member (policy, "max_minor_behind", limits->max_minor_behind);
  json_object_set_int_member (policy, "max_upgrades_per_day", limits->max_upgrades_per_day);
  json_object_set_int_member (policy, "upgrade_hours", limits->upgrade_hours);
  json_object_set_int_member (policy, "soak_days", limits->soak_days);
  json_object_set_object_member (root, "policy", policy);

  set_list (root, "components", ium_inventory_get_components (inventory),
            (ToJson) ium_component_to_json);
  set_list (root, "rules", ium_inventory_get_rules (inventory), (ToJson) ium_rule_to_json);
  set_list (root, "releases", ium_inventory_get_releases (inventory),
            (ToJson) ium_release_to_json);
  set_list (root, "instruments", ium_inventory_get_instruments (inventory),
            (ToJson) ium_instrument_to_json);
  set_list (root, "downtime", ium_inventory_get_windows (inventory),
            (ToJson) ium_window_to_json);
  set_list (root, "cycles", ium_inventory_get_cycles (inventory), (ToJson) ium_cycle_to_json);

  return wrap (root);
}

/**
 * ium_inventory_to_data:
 * @inventory: an inventory
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the inventory file's text, two-space indented, ending in a newline
 */
char *
ium_inventory_to_data (IumInventory *inventory,
                       gsize        *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = ium_inventory_to_json (inventory);
  g_autoptr(GString) text = g_string_new (NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');

  if (length != NULL)
    *length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}
