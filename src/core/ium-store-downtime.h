/* ium-store-downtime.h: the downtime schedule changed in the stored inventory: windows
 * imported from a calendar or edited, and operating cycles added, edited and removed. Each
 * change is one transaction with its audit entries; the GUI's downtime view and `ium
 * downtime import` call these. Adding and removing one window is in ium-store-edit.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

/* How far ahead a repeating calendar event is expanded when the caller gives no horizon. */
#define IUM_DOWNTIME_DEFAULT_HORIZON_YEARS 2

/* Adds @windows (of IumWindow, as ium_ical_read_windows() returns them); a window with the
 * same start, end and label as a stored one replaces it. A window that names an instrument
 * the inventory does not have is IUM_STORE_ERROR_NOT_FOUND ("unknown instrument “X”"), and
 * nothing is written. Audited as "downtime import"; what changed in @changes (nullable). */
gboolean ium_store_add_windows     (IumStore         *self,
                                    GPtrArray        *windows,
                                    const char       *who,
                                    IumStoreChanges  *changes,
                                    GError          **error);

/* Replaces the window with key @old_key (ium_window_dup_key()) by @window, a JSON object as
 * the inventory file writes one, in one transaction. IUM_STORE_ERROR_NOT_FOUND when there is
 * no window @old_key; IUM_INVENTORY_FILE_ERROR_INVALID with the key at fault first for bad
 * input. The new window's key in @key (nullable; owned). Audited as "downtime edit". */
gboolean ium_store_replace_window  (IumStore         *self,
                                    const char       *old_key,
                                    JsonNode         *window,
                                    const char       *who,
                                    char            **key,
                                    GError          **error);

/* Adds the operating cycle @cycle, a JSON object as the inventory file writes one ("name",
 * "start", "end", "freeze"), or replaces the cycle with the same name. With @replaces
 * (nullable) the cycle of that name is replaced, which renames it: IUM_STORE_ERROR_NOT_FOUND
 * when there is no such cycle, IUM_STORE_ERROR_INVALID when the new name is another cycle's.
 * IUM_INVENTORY_FILE_ERROR_INVALID with the key at fault first for bad input. Audited as
 * "cycle add" or "cycle edit". */
gboolean ium_store_put_cycle       (IumStore         *self,
                                    const char       *replaces,
                                    JsonNode         *cycle,
                                    const char       *who,
                                    GError          **error);

/* Removes the cycle @name; IUM_STORE_ERROR_NOT_FOUND when there is none. Audited as "cycle
 * remove". */
gboolean ium_store_remove_cycle    (IumStore         *self,
                                    const char       *name,
                                    const char       *who,
                                    GError          **error);

/* clang-format on */

G_END_DECLS
