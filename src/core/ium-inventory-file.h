/* ium-inventory-file.h: the inventory file (JSON), read with every error's JSON path, and
 * written back so that reading what was written gives the same inventory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ium-inventory.h"
#include "ium-json-out.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_INVENTORY_FILE_ERROR (ium_inventory_file_error_quark ())

typedef enum {
  IUM_INVENTORY_FILE_ERROR_SYNTAX,    /* not JSON at all */
  IUM_INVENTORY_FILE_ERROR_FORMAT,    /* not an ium-inventory file, or another format version */
  IUM_INVENTORY_FILE_ERROR_INVALID,   /* a key, type or value is wrong; the message has its path */
} IumInventoryFileError;

GQuark ium_inventory_file_error_quark (void);

#define IUM_INVENTORY_FILE_FORMAT  "ium-inventory"
#define IUM_INVENTORY_FILE_VERSION 1

#define IUM_TYPE_INVENTORY_FILE (ium_inventory_file_get_type ())
G_DECLARE_FINAL_TYPE (IumInventoryFile, ium_inventory_file, IUM, INVENTORY_FILE, GObject)

/* Reads an inventory file's text and merges it over @base (nullable; @base is not modified):
 * what the file holds is added or replaces what has the same key. Every reference, version
 * and time of the result is checked; the first error is reported with the JSON path of the
 * value at fault, e.g. "instruments[3].hosts[0].installed.ibex-gui: ...". */
IumInventoryFile *ium_inventory_file_new_from_data  (const char        *data,
                                                     gsize              length,
                                                     IumInventory      *base,
                                                     GError           **error);
/* Reads @file over an empty inventory. */
IumInventoryFile *ium_inventory_file_load           (GFile             *file,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
/* The merged inventory. Borrowed. */
IumInventory     *ium_inventory_file_get_inventory  (IumInventoryFile  *self);

/* Checks a whole inventory against the rules the reader applies across objects: every
 * version parses in its scheme, every referenced component, release and instrument exists.
 * Objects are named in words ("instrument “LARMOR” host “NDX”.installed.ibex-gui: ...").
 * The error is IUM_INVENTORY_FILE_ERROR_INVALID. */
gboolean          ium_inventory_check               (IumInventory      *inventory,
                                                     GError           **error);

/* Writing: the file's JSON, with lists in the inventory's key order and maps sorted, so an
 * export is stable. Owned. */
JsonNode         *ium_inventory_to_json             (IumInventory      *inventory);
char             *ium_inventory_to_data             (IumInventory      *inventory,
                                                     gsize             *length);

/* One object as it stands in the file; also what the audit log records. Owned. */
JsonNode         *ium_component_to_json             (IumComponent      *component);
JsonNode         *ium_rule_to_json                  (IumRule           *rule);
JsonNode         *ium_release_to_json               (IumRelease        *release);
JsonNode         *ium_instrument_to_json            (IumInstrument     *instrument);
JsonNode         *ium_window_to_json                (IumWindow         *window);
JsonNode         *ium_cycle_to_json                 (IumCycle          *cycle);

/* The same, written to @out (text or a tree): what the export and the audit log write. */
void              ium_component_write_json          (IumJsonOut        *out,
                                                     IumComponent      *component);
void              ium_rule_write_json               (IumJsonOut        *out,
                                                     IumRule           *rule);
void              ium_release_write_json            (IumJsonOut        *out,
                                                     IumRelease        *release);
void              ium_host_write_json               (IumJsonOut        *out,
                                                     IumHost           *host);
void              ium_instrument_write_json         (IumJsonOut        *out,
                                                     IumInstrument     *instrument);
void              ium_window_write_json             (IumJsonOut        *out,
                                                     IumWindow         *window);
void              ium_cycle_write_json              (IumJsonOut        *out,
                                                     IumCycle          *cycle);

gunichar          ium_text_find_control_character (const char *text,
                                                   gboolean    multiline);

/* clang-format on */

G_END_DECLS
