/* ium-verdict.h: the answer to one client check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-types.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_VERDICT (ium_verdict_get_type ())
G_DECLARE_FINAL_TYPE (IumVerdict, ium_verdict, IUM, VERDICT, GObject)

/* Read-only properties named as the JSON keys of the spec ("instrument", "component",
 * "client-version", "server-component", "server-version", "status", "recommended-version",
 * "download-url", "warnings", "message"). */
IumVerdict         *ium_verdict_new                     (const char         *instrument,
                                                         const char         *component,
                                                         const char         *client_version,
                                                         const char         *server_component,
                                                         const char         *server_version,
                                                         IumVerdictStatus    status,
                                                         const char         *recommended_version,
                                                         const char         *download_url,
                                                         const char * const *warnings,
                                                         const char         *message);
const char         *ium_verdict_get_instrument          (IumVerdict *self);
const char         *ium_verdict_get_component           (IumVerdict *self);
const char         *ium_verdict_get_client_version      (IumVerdict *self);
const char         *ium_verdict_get_server_component    (IumVerdict *self);
const char         *ium_verdict_get_server_version      (IumVerdict *self);
IumVerdictStatus    ium_verdict_get_status              (IumVerdict *self);
const char         *ium_verdict_get_recommended_version (IumVerdict *self);
const char         *ium_verdict_get_download_url        (IumVerdict *self);
const char * const *ium_verdict_get_warnings            (IumVerdict *self);
const char         *ium_verdict_get_message             (IumVerdict *self);

/* The spec's JSON object, key order as in the spec. Owned. */
JsonNode           *ium_verdict_to_json                 (IumVerdict *self);
/* Reads the object back (for client libraries); NULL with an error on a malformed object. */
IumVerdict         *ium_verdict_new_from_json           (JsonNode   *node,
                                                         GError    **error);

/* clang-format on */

G_END_DECLS
