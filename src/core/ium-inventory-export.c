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
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* A map of component id -> version, sorted so that the output is stable. */
static void
write_version_map (IumJsonOut *out, GHashTable *map)
{
  guint                   n = g_hash_table_size (map);
  g_autofree const char **pairs = g_new (const char *, 2 * n + 2);
  GHashTableIter          iter;
  gpointer                key, value;
  guint                   i = 0;

  /* Sorting borrowed pairs spares a lookup per member. */
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      pairs[2 * i] = key;
      pairs[2 * i + 1] = value;
      i++;
    }
  qsort (pairs, n, 2 * sizeof (const char *), compare_strings);

  ium_json_out_begin_object (out);
  for (i = 0; i < n; i++)
    ium_json_out_string_member (out, pairs[2 * i], pairs[2 * i + 1]);
  ium_json_out_end_object (out);
}

static void
write_optional_string (IumJsonOut *out, const char *name, const char *value)
{
  if (value != NULL)
    ium_json_out_string_member (out, name, value);
}

static void
write_timestamp (IumJsonOut *out, const char *name, GDateTime *time)
{
  g_autofree char *text = ium_timestamp_format (time);

  ium_json_out_string_member (out, name, text);
}

static void
write_strings (IumJsonOut *out, const char *const *strings)
{
  ium_json_out_begin_array (out);
  for (guint i = 0; strings[i] != NULL; i++)
    ium_json_out_string (out, strings[i]);
  ium_json_out_end_array (out);
}

/**
 * ium_component_write_json:
 *
 * Writes the component as the file writes it.
 */
void
ium_component_write_json (IumJsonOut *out, IumComponent *component)
{
  ium_json_out_begin_object (out);
  ium_json_out_string_member (out, "id", ium_component_get_id (component));
  ium_json_out_string_member (out, "name", ium_component_get_name (component));
  ium_json_out_string_member (out, "role",
                              ium_enum_to_nick (IUM_TYPE_ROLE, ium_component_get_role (component)));
  ium_json_out_string_member (out, "scheme",
                              ium_scheme_to_string (ium_component_get_scheme (component)));
  ium_json_out_end_object (out);
}

/**
 * ium_rule_write_json:
 *
 * Writes the rule as the file writes it.
 */
void
ium_rule_write_json (IumJsonOut *out, IumRule *rule)
{
  ium_json_out_begin_object (out);
  ium_json_out_string_member (out, "client", ium_rule_get_client (rule));
  ium_json_out_string_member (out, "server", ium_rule_get_server (rule));
  ium_json_out_string_member (
    out, "policy", ium_enum_to_nick (IUM_TYPE_COMPAT_POLICY, ium_rule_get_policy (rule)));
  ium_json_out_end_object (out);
}

/**
 * ium_release_write_json:
 *
 * Writes the release as the file writes it.
 */
void
ium_release_write_json (IumJsonOut *out, IumRelease *release)
{
  GHashTable *components = ium_release_get_components (release);

  ium_json_out_begin_object (out);
  ium_json_out_string_member (out, "version", ium_release_get_version_text (release));
  ium_json_out_string_member (out, "tier",
                              ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (release)));
  write_optional_string (out, "date", ium_release_get_date (release));
  write_optional_string (out, "notes", ium_release_get_notes (release));
  write_optional_string (out, "patch_of", ium_release_get_patch_of (release));
  write_optional_string (out, "url", ium_release_get_url (release));
  if (g_hash_table_size (components) > 0)
    {
      ium_json_out_name (out, "components");
      write_version_map (out, components);
    }
  ium_json_out_end_object (out);
}

/**
 * ium_host_write_json:
 *
 * Writes the host as the file writes it (as part of its instrument).
 */
void
ium_host_write_json (IumJsonOut *out, IumHost *host)
{
  ium_json_out_begin_object (out);
  ium_json_out_string_member (out, "name", ium_host_get_name (host));
  ium_json_out_string_member (out, "role", ium_host_get_role (host));
  ium_json_out_name (out, "installed");
  /* Already in the order of the ids. */
  ium_json_out_begin_object (out);
  for (guint i = 0; i < ium_host_get_n_installed (host); i++)
    {
      const IumInstalled *installed = ium_host_get_installed_nth (host, i);
      ium_json_out_string_member (out, installed->component, installed->version);
    }
  ium_json_out_end_object (out);
  ium_json_out_end_object (out);
}

/**
 * ium_instrument_write_json:
 *
 * Writes the instrument and its hosts as the file writes them.
 */
void
ium_instrument_write_json (IumJsonOut *out, IumInstrument *instrument)
{
  const char *const *tags = ium_instrument_get_tags (instrument);

  ium_json_out_begin_object (out);
  ium_json_out_string_member (out, "name", ium_instrument_get_name (instrument));
  ium_json_out_string_member (out, "site", ium_instrument_get_site (instrument));
  if (tags[0] != NULL)
    {
      ium_json_out_name (out, "tags");
      write_strings (out, tags);
    }
  write_optional_string (out, "pin", ium_instrument_get_pin (instrument));

  ium_json_out_name (out, "hosts");
  ium_json_out_begin_array (out);
  for (guint i = 0; i < ium_instrument_get_n_hosts (instrument); i++)
    ium_host_write_json (out, ium_instrument_get_host (instrument, i));
  ium_json_out_end_array (out);
  ium_json_out_end_object (out);
}

/**
 * ium_window_write_json:
 *
 * Writes the downtime window as the file writes it.
 */
void
ium_window_write_json (IumJsonOut *out, IumWindow *window)
{
  const char *const *names = ium_window_get_instruments (window);

  ium_json_out_begin_object (out);
  write_timestamp (out, "start", ium_window_get_start (window));
  write_timestamp (out, "end", ium_window_get_end (window));
  ium_json_out_string_member (out, "label", ium_window_get_label (window));
  ium_json_out_name (out, "instruments");
  if (names == NULL)
    ium_json_out_string (out, "all");
  else
    write_strings (out, names);
  ium_json_out_end_object (out);
}

/**
 * ium_cycle_write_json:
 *
 * Writes the operating cycle as the file writes it.
 */
void
ium_cycle_write_json (IumJsonOut *out, IumCycle *cycle)
{
  ium_json_out_begin_object (out);
  ium_json_out_string_member (out, "name", ium_cycle_get_name (cycle));
  write_timestamp (out, "start", ium_cycle_get_start (cycle));
  write_timestamp (out, "end", ium_cycle_get_end (cycle));
  ium_json_out_name (out, "freeze");
  ium_json_out_boolean (out, ium_cycle_get_freeze (cycle));
  ium_json_out_end_object (out);
}

/**
 * ium_component_to_json:
 *
 * Returns: (transfer full): the component as the file writes it
 */
JsonNode *
ium_component_to_json (IumComponent *component)
{
  return ium_json_out_to_node ((IumJsonWriteFunc) ium_component_write_json, component);
}

/**
 * ium_rule_to_json:
 *
 * Returns: (transfer full): the rule as the file writes it
 */
JsonNode *
ium_rule_to_json (IumRule *rule)
{
  return ium_json_out_to_node ((IumJsonWriteFunc) ium_rule_write_json, rule);
}

/**
 * ium_release_to_json:
 *
 * Returns: (transfer full): the release as the file writes it
 */
JsonNode *
ium_release_to_json (IumRelease *release)
{
  return ium_json_out_to_node ((IumJsonWriteFunc) ium_release_write_json, release);
}

/**
 * ium_instrument_to_json:
 *
 * Returns: (transfer full): the instrument and its hosts as the file writes them
 */
JsonNode *
ium_instrument_to_json (IumInstrument *instrument)
{
  return ium_json_out_to_node ((IumJsonWriteFunc) ium_instrument_write_json, instrument);
}

/**
 * ium_window_to_json:
 *
 * Returns: (transfer full): the downtime window as the file writes it
 */
JsonNode *
ium_window_to_json (IumWindow *window)
{
  return ium_json_out_to_node ((IumJsonWriteFunc) ium_window_write_json, window);
}

/**
 * ium_cycle_to_json:
 *
 * Returns: (transfer full): the operating cycle as the file writes it
 */
JsonNode *
ium_cycle_to_json (IumCycle *cycle)
{
  return ium_json_out_to_node ((IumJsonWriteFunc) ium_cycle_write_json, cycle);
}

static void
write_list (IumJsonOut *out, const char *name, GListModel *list, IumJsonWriteFunc write)
{
  guint n = g_list_model_get_n_items (list);

  ium_json_out_name (out, name);
  ium_json_out_begin_array (out);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);
      write (out, item);
    }
  ium_json_out_end_array (out);
}

static void
write_inventory (IumJsonOut *out, IumInventory *inventory)
{
  const IumPolicy *limits = ium_inventory_get_policy (inventory);

  ium_json_out_begin_object (out);
  ium_json_out_string_member (out, "format", IUM_INVENTORY_FILE_FORMAT);
  ium_json_out_int_member (out, "format_version", IUM_INVENTORY_FILE_VERSION);
  write_optional_string (out, "facility", ium_inventory_get_facility (inventory));
  ium_json_out_string_member (out, "release_scheme",
                              ium_scheme_to_string (ium_inventory_get_release_scheme (inventory)));

  ium_json_out_name (out, "policy");
  ium_json_out_begin_object (out);
  ium_json_out_int_member (out, "max_minor_behind", limits->max_minor_behind);
  ium_json_out_int_member (out, "max_upgrades_per_day", limits->max_upgrades_per_day);
  ium_json_out_int_member (out, "upgrade_hours", limits->upgrade_hours);
  ium_json_out_int_member (out, "soak_days", limits->soak_days);
  ium_json_out_end_object (out);

  write_list (out, "components", ium_inventory_get_components (inventory),
              (IumJsonWriteFunc) ium_component_write_json);
  write_list (out, "rules", ium_inventory_get_rules (inventory),
              (IumJsonWriteFunc) ium_rule_write_json);
  write_list (out, "releases", ium_inventory_get_releases (inventory),
              (IumJsonWriteFunc) ium_release_write_json);
  write_list (out, "instruments", ium_inventory_get_instruments (inventory),
              (IumJsonWriteFunc) ium_instrument_write_json);
  write_list (out, "downtime", ium_inventory_get_windows (inventory),
              (IumJsonWriteFunc) ium_window_write_json);
  write_list (out, "cycles", ium_inventory_get_cycles (inventory),
              (IumJsonWriteFunc) ium_cycle_write_json);
  ium_json_out_end_object (out);
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
  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), NULL);

  return ium_json_out_to_node ((IumJsonWriteFunc) write_inventory, inventory);
}

/**
 * ium_inventory_to_data:
 * @inventory: an inventory
 * @length: (out) (optional): the length of the text
 *
 * The text a pretty #JsonGenerator (two-space indent) writes for ium_inventory_to_json(),
 * written straight from the inventory without building the tree.
 *
 * Returns: (transfer full): the inventory file's text, two-space indented, ending in a newline
 */
char *
ium_inventory_to_data (IumInventory *inventory, gsize *length)
{
  guint      n_instruments;
  GString   *text;
  IumJsonOut out;

  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), NULL);

  /* About 600 bytes an instrument and 200 a window: one allocation for most files. */
  n_instruments = g_list_model_get_n_items (ium_inventory_get_instruments (inventory));
  text = g_string_sized_new (
    4096 + 640 * (gsize) n_instruments
    + 256 * (gsize) g_list_model_get_n_items (ium_inventory_get_windows (inventory)));
  ium_json_out_init_text (&out, text, TRUE, 0);
  write_inventory (&out, inventory);
  g_string_append_c (text, '\n');

  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}
