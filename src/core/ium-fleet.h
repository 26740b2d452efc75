/* ium-fleet.h: what every host and instrument runs, its status flags, and client checks.
 *
 * An IumFleet is an immutable index built from an inventory: it parses every version once and
 * indexes releases, so that status and client checks are cheap. Build a new one after the
 * inventory changes. Once built it is only read, so several threads may share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-inventory.h"
#include "ium-verdict.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_CHECK_ERROR (ium_check_error_quark ())

typedef enum {
  IUM_CHECK_ERROR_UNKNOWN_INSTRUMENT, /* a 404 over HTTP */
  IUM_CHECK_ERROR_UNKNOWN_COMPONENT,  /* a 404 over HTTP */
  IUM_CHECK_ERROR_NO_RULE,            /* the component is not a client of any rule: 404 */
  IUM_CHECK_ERROR_NO_SERVER,          /* no host of the instrument carries the server: 404 */
  IUM_CHECK_ERROR_INVALID_VERSION,    /* the client version does not parse: 400 */
} IumCheckError;

GQuark ium_check_error_quark (void);

typedef struct {
  IumInstrument    *instrument;     /* borrowed */
  IumRelease       *release;        /* borrowed; NULL when custom (or no hosts) */
  IumRelease       *target;         /* borrowed; pin, else newest official; may be NULL */
  guint             behind;
  IumStatusFlags    flags;
} IumInstrumentStatus;

#define IUM_TYPE_FLEET (ium_fleet_get_type ())
G_DECLARE_FINAL_TYPE (IumFleet, ium_fleet, IUM, FLEET, GObject)

IumFleet     *ium_fleet_new                   (IumInventory        *inventory);
IumInventory *ium_fleet_get_inventory         (IumFleet            *self);

/* The release @host runs, or NULL when it fits none (custom). Borrowed. */
IumRelease   *ium_fleet_get_host_release      (IumFleet            *self,
                                               IumHost             *host);
void          ium_fleet_get_status            (IumFleet            *self,
                                               IumInstrument       *instrument,
                                               IumInstrumentStatus *status);
/* The spec's `ium status --json` object for every instrument, or just @only if given. */
JsonNode     *ium_fleet_status_to_json        (IumFleet            *self,
                                               IumInstrument       *only);
/* The same object as text, written one instrument at a time (pretty, two spaces). Owned. */
char         *ium_fleet_status_to_data        (IumFleet            *self,
                                               IumInstrument       *only,
                                               gsize               *length);
/* One element of the "instruments" array. */
JsonNode     *ium_fleet_instrument_to_json    (IumFleet            *self,
                                               IumInstrument       *instrument);

/* The version of the server component @client talks to on @instrument, as the client check
 * compares it (the lowest among its hosts); NULL when there is none. Borrowed. */
const char   *ium_fleet_get_server_version    (IumFleet            *self,
                                               const char          *instrument,
                                               const char          *client);
/* The client check. Errors are IUM_CHECK_ERROR. */
IumVerdict   *ium_fleet_check                 (IumFleet            *self,
                                               const char          *instrument,
                                               const char          *component,
                                               const char          *client_version,
                                               GError             **error);
/* The same, with the message in the user's language: for people, never for JSON. */
IumVerdict   *ium_fleet_check_translated      (IumFleet            *self,
                                               const char          *instrument,
                                               const char          *component,
                                               const char          *client_version,
                                               GError             **error);

/* clang-format on */

G_END_DECLS
