/* ium-fleet-json.c: the fleet's status as the JSON of `ium status --json`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-fleet"

#include "config.h"

#include "ium-fleet.h"

#include "ium-enums.h"
#include "ium-fleet-private.h"

static JsonNode *
string_or_null (const char *text)
{
  JsonNode *node = json_node_alloc ();

  if (text != NULL)
    json_node_init_string (node, text);
  else
    json_node_init_null (node);

  return node;
}

static int
installed_compare (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (((const char * const *) a)[0], ((const char * const *) b)[0]);
}

static JsonObject *
host_to_object (IumHost *host)
{
  JsonObject *object = json_object_new ();
  JsonObject *installed = json_object_new ();
  GHashTable *table = ium_host_get_installed (host);
  guint n_installed = g_hash_table_size (table);
  g_autofree const char **pairs = g_new (const char *, 2 * n_installed + 2);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  /* Sorting borrowed pairs spares a copy and a lookup per component: the status of a large
   * fleet spends most of its time here. */
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      pairs[2 * n] = key;
      pairs[2 * n + 1] = value;
      n++;
    }
  qsort (pairs, n, 2 * sizeof (const char *), installed_compare);

  for (guint i = 0; i < n; i++)
    json_object_set_member (installed, pairs[2 * i], string_or_null (pairs[2 * i + 1]));

  json_object_set_member (object, "name", string_or_null (ium_host_get_name (host)));
  json_object_set_member (object, "role", string_or_null (ium_host_get_role (host)));
  json_object_set_object_member (object, "installed", installed);

  return object;
}

static JsonObject *
instrument_to_object (IumInstrument             *instrument,
                      const IumInstrumentStatus *status)
{
  JsonObject *object = json_object_new ();
  JsonArray *flags = json_array_sized_new (IUM_N_STATUS_FLAGS);
  JsonArray *hosts;
  guint n_hosts = ium_instrument_get_n_hosts (instrument);

  json_object_set_string_member (object, "name", ium_instrument_get_name (instrument));
  json_object_set_member (object, "site", string_or_null (ium_instrument_get_site (instrument)));
  if (status->release != NULL)
    {
      json_object_set_string_member (object, "release",
                                     ium_release_get_version_text (status->release));
      json_object_set_string_member (object, "tier",
                                     ium_enum_to_nick (IUM_TYPE_TIER,
                                                       ium_release_get_tier (status->release)));
    }
  else
    {
      json_object_set_null_member (object, "release");
      json_object_set_null_member (object, "tier");
    }
  json_object_set_member (object, "target",
                          string_or_null (status->target != NULL
                                          ? ium_release_get_version_text (status->target)
                                          : NULL));
  json_object_set_int_member (object, "behind", status->behind);

  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    {
      IumStatusFlags flag = 1u << bit;

      if (status->flags & flag)
        json_array_add_string_element (flags, ium_status_flag_to_nick (flag));
    }
  json_object_set_array_member (object, "flags", flags);

  hosts = json_array_sized_new (n_hosts);
  for (guint h = 0; h < n_hosts; h++)
    json_array_add_object_element (hosts, host_to_object (ium_instrument_get_host (instrument, h)));
  json_object_set_array_member (object, "hosts", hosts);

  return object;
}

/**
 * ium_fleet_instrument_to_json:
 * @self: a fleet
 * @instrument: an instrument
 *
 * Returns: (transfer full): one element of the "instruments" array of `ium status --json`
 */
JsonNode *
ium_fleet_instrument_to_json (IumFleet      *self,
                              IumInstrument *instrument)
{
  IumInstrumentStatus status;

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (IUM_IS_INSTRUMENT (instrument), NULL);

  JsonNode *node;

  ium_fleet_get_status (self, instrument, &status);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, instrument_to_object (instrument, &status));

  return node;
}

/**
 * ium_fleet_status_to_json:
 * @self: a fleet
 * @only: (nullable): the one instrument to describe, or %NULL for every instrument
 *
 * Builds the object `ium status --json` prints, `{"instruments": [...]}`, with the
 * instruments in inventory order (by name).
 *
 * Returns: (transfer full): the status object
 */
JsonNode *
ium_fleet_status_to_json (IumFleet      *self,
                          IumInstrument *only)
{
  JsonObject *root;
  JsonArray *instruments;
  JsonNode *node;

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (only == NULL || IUM_IS_INSTRUMENT (only), NULL);

  root = json_object_new ();
  if (only != NULL)
    {
      instruments = json_array_sized_new (1);
      json_array_add_element (instruments, ium_fleet_instrument_to_json (self, only));
    }
  else
    {
      instruments = json_array_sized_new (self->n_instruments);
      for (guint i = 0; i < self->n_instruments; i++)
        {
          const InstrumentInfo *info = &self->instruments[i];

          json_array_add_object_element (instruments,
                                         instrument_to_object (info->instrument, &info->status));
        }
    }
  json_object_set_array_member (root, "instruments", instruments);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);

  return node;
}

/* Appends @node as json-glib writes it (pretty, two spaces), every line indented by @indent
 * more spaces, so that a document can be written one element at a time. JSON strings hold no
 * raw newlines, so every newline is a line break of the layout. */
void
ium_json_append_indented (GString    *out,
                          JsonNode   *node,
                          guint       indent)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  g_string_append_printf (out, "%*s", indent, "");
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n')
        g_string_append_printf (out, "%*s", indent, "");
    }
}

/**
 * ium_fleet_status_to_data:
 * @self: a fleet
 * @only: (nullable): one instrument, or %NULL for all
 * @length: (out) (optional): the length of the text
 *
 * The same document as ium_fleet_status_to_json() written with a pretty #JsonGenerator, but
 * built one instrument at a time: a large facility's status never exists as one tree of
 * hundreds of thousands of nodes.
 *
 * Returns: (transfer full): the text, ending in a newline
 */
char *
ium_fleet_status_to_data (IumFleet      *self,
                          IumInstrument *only,
                          gsize         *length)
{
  g_autoptr(GString) out = NULL;
  guint n;

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (only == NULL || IUM_IS_INSTRUMENT (only), NULL);

  n = only != NULL ? 1 : self->n_instruments;
  out = g_string_sized_new (512 * (gsize) MAX (n, 1));

  if (n == 0)
    g_string_append (out, "{\n  \"instruments\" : []\n}\n");
  else
    {
      g_string_append (out, "{\n  \"instruments\" : [\n");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JsonNode) node = NULL;

          if (only != NULL)
            node = ium_fleet_instrument_to_json (self, only);
          else
            {
              const InstrumentInfo *info = &self->instruments[i];
              node = json_node_init_object (json_node_alloc (),
                                            instrument_to_object (info->instrument, &info->status));
              json_object_unref (json_node_get_object (node));
            }
          ium_json_append_indented (out, node, 4);
          g_string_append (out, i + 1 < n ? ",\n" : "\n");
        }
      g_string_append (out, "  ]\n}\n");
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
