/* ium-instrument-detail.h: one instrument in full: status, pin, busy, hosts, downtime,
 * history; pin, busy and host versions are edited here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-inventory-service.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_INSTRUMENT_DETAIL (ium_instrument_detail_get_type ())
G_DECLARE_FINAL_TYPE (IumInstrumentDetail, ium_instrument_detail, IUM, INSTRUMENT_DETAIL,
                      GtkWidget)

/* Properties "service" and "name" (the instrument shown, NULL for none). Signal "closed":
 * the person closed the details. Actions: "detail.close", "detail.edit-host" (the host's
 * name), "detail.show-history", "detail.dismiss-message". */
void        ium_instrument_detail_set_service (IumInstrumentDetail *self,
                                               IumInventoryService *service);
const char *ium_instrument_detail_get_name    (IumInstrumentDetail *self);
void        ium_instrument_detail_set_name    (IumInstrumentDetail *self,
                                               const char          *name);
/* The message shown above the details (a refusal, an error), or NULL. Borrowed. */
const char *ium_instrument_detail_get_message (IumInstrumentDetail *self);
/* How many history entries are shown (the newest, up to a limit). */
guint       ium_instrument_detail_get_n_history (IumInstrumentDetail *self);
GtkDropDown *ium_instrument_detail_get_pin_drop_down (IumInstrumentDetail *self);
/* The text of the host section, one line per host and component, for tests. Owned. */
char       *ium_instrument_detail_dup_hosts_text (IumInstrumentDetail *self);

/* clang-format on */

G_END_DECLS
