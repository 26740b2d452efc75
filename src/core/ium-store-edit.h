/* ium-store-edit.h: small changes to the stored inventory, each in one transaction with its
 * audit entries: a downtime window added or removed, and an instrument's site, tags and the
 * versions installed on its hosts. The HTTP server's write API calls these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

/* Adds the downtime window @window, a JSON object as the inventory file writes one ("start",
 * "end", "label" and optionally "instruments"), or replaces the window with the same start,
 * end and label. Bad input is IUM_INVENTORY_FILE_ERROR_INVALID with the key at fault first
 * ("end: the window must end after it starts ..."). The window's key (ium_window_dup_key())
 * in @key (nullable; owned). Audited as "downtime add". */
gboolean ium_store_put_window      (IumStore    *self,
                                    JsonNode    *window,
                                    const char  *who,
                                    char       **key,
                                    GError     **error);

/* Removes the window with key @key (ium_window_dup_key()); IUM_STORE_ERROR_NOT_FOUND when
 * there is none. Audited as "downtime remove". */
gboolean ium_store_remove_window   (IumStore    *self,
                                    const char  *key,
                                    const char  *who,
                                    GError     **error);

/* Edits the instrument @name. @edit is a JSON object with any of "site" (text), "tags" (a
 * list of text that replaces the tags) and "hosts" (a list of {"name": HOST, "installed":
 * {COMPONENT: VERSION or null}}: each listed component is set to VERSION, or taken off the
 * host with null; the others stay as they are). Changing an installed version records a
 * deployment, so @who must hold the deploy token (IUM_ROLLOUT_ERROR_REFUSED otherwise).
 * Errors: IUM_STORE_ERROR_NOT_FOUND for an unknown instrument; IUM_INVENTORY_FILE_ERROR_INVALID
 * with the key at fault first ("hosts[0].installed.ibex-gui: ...") for bad input, an unknown
 * host or component, or a version that does not parse. Audited as "edit". */
gboolean ium_store_edit_instrument (IumStore    *self,
                                    const char  *name,
                                    JsonNode    *edit,
                                    const char  *who,
                                    GError     **error);

/* clang-format on */

G_END_DECLS
