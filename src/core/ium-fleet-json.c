/* ium-fleet-json.c: the fleet's status as the JSON of `ium status --json`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-fleet"

#include "config.h"

#include "ium-fleet.h"

#include "ium-enums.h"
#include "ium-fleet-private.h"
#include "ium-inventory-file.h"

static void
write_instrument (IumJsonOut *out, IumInstrument *instrument, const IumInstrumentStatus *status)
{
  guint n_hosts = ium_instrument_get_n_hosts (instrument);

  ium_json_out_begin_object (out);
  ium_json_out_string_member (out, "name", ium_instrument_get_name (instrument));
  ium_json_out_string_member (out, "site", ium_instrument_get_site (instrument));
  if (status->release != NULL)
    {
      ium_json_out_string_member (out, "release", ium_release_get_version_text (status->release));
      ium_json_out_string_member (
        out, "tier", ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (status->release)));
    }
  else
    {
      ium_json_out_string_member (out, "release", NULL);
      ium_json_out_string_member (out, "tier", NULL);
    }
  ium_json_out_string_member (
    out, "target", status->target != NULL ? ium_release_get_version_text (status->target) : NULL);
  ium_json_out_int_member (out, "behind", status->behind);

  ium_json_out_name (out, "flags");
  ium_json_out_begin_array (out);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    {
      IumStatusFlags flag = 1u << bit;

      if (status->flags & flag)
        ium_json_out_string (out, ium_status_flag_to_nick (flag));
    }
  ium_json_out_end_array (out);

  /* A host's status is its file form: name, role and what is installed, sorted. */
  ium_json_out_name (out, "hosts");
  ium_json_out_begin_array (out);
  for (guint h = 0; h < n_hosts; h++)
    ium_host_write_json (out, ium_instrument_get_host (instrument, h));
  ium_json_out_end_array (out);
  ium_json_out_end_object (out);
}

typedef struct
{
  IumFleet      *fleet;
  IumInstrument *only; /* or NULL for every instrument */
} StatusRequest;

static void
write_one_instrument (IumJsonOut *out, StatusRequest *request)
{
  IumInstrumentStatus status;

  ium_fleet_get_status (request->fleet, request->only, &status);
  write_instrument (out, request->only, &status);
}

static void
write_status (IumJsonOut *out, StatusRequest *request)
{
  IumFleet *self = request->fleet;

  ium_json_out_begin_object (out);
  ium_json_out_name (out, "instruments");
  ium_json_out_begin_array (out);
  if (request->only != NULL)
    write_one_instrument (out, request);
  else
    for (guint i = 0; i < self->n_instruments; i++)
      write_instrument (out, self->instruments[i].instrument, &self->instruments[i].status);
  ium_json_out_end_array (out);
  ium_json_out_end_object (out);
}

/**
 * ium_fleet_instrument_to_json:
 * @self: a fleet
 * @instrument: an instrument
 *
 * Returns: (transfer full): one element of the "instruments" array of `ium status --json`
 */
JsonNode *
ium_fleet_instrument_to_json (IumFleet *self, IumInstrument *instrument)
{
  StatusRequest request = { self, instrument };

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (IUM_IS_INSTRUMENT (instrument), NULL);

  return ium_json_out_to_node ((IumJsonWriteFunc) write_one_instrument, &request);
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
ium_fleet_status_to_json (IumFleet *self, IumInstrument *only)
{
  StatusRequest request = { self, only };

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (only == NULL || IUM_IS_INSTRUMENT (only), NULL);

  return ium_json_out_to_node ((IumJsonWriteFunc) write_status, &request);
}

/* Appends @node as json-glib writes it (pretty, two spaces), every line indented by @indent
 * more spaces, so that a document can be written one element at a time. JSON strings hold no
 * raw newlines, so every newline is a line break of the layout. */
void
ium_json_append_indented (GString *out, JsonNode *node, guint indent)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
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
 * The same document as ium_fleet_status_to_json() written with a pretty #JsonGenerator
 * (two-space indent), written straight from the fleet: a large facility's status never
 * exists as one tree of hundreds of thousands of nodes.
 *
 * Returns: (transfer full): the text, ending in a newline
 */
char *
ium_fleet_status_to_data (IumFleet *self, IumInstrument *only, gsize *length)
{
  StatusRequest request = { self, only };
  GString      *text;
  IumJsonOut    out;
  guint         n;

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (only == NULL || IUM_IS_INSTRUMENT (only), NULL);

  n = only != NULL ? 1 : self->n_instruments;
  text = g_string_sized_new (64 + 640 * (gsize) n);
  ium_json_out_init_text (&out, text, TRUE, 0);
  write_status (&out, &request);
  g_string_append_c (text, '\n');

  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}
