/* ium-token-button.h: the deploy token in the header bar: who holds it and since when, and
 * taking, taking over and releasing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-inventory-service.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_TOKEN_BUTTON (ium_token_button_get_type ())
G_DECLARE_FINAL_TYPE (IumTokenButton, ium_token_button, IUM, TOKEN_BUTTON, GtkWidget)

/* Property "service" (construct-only). Actions "token.take", "token.steal" (needs a reason
 * in the popover) and "token.release". */
GtkWidget  *ium_token_button_new           (IumInventoryService *service);
/* What the button says, e.g. "Held by alice since 09:14". Borrowed. */
const char *ium_token_button_get_label     (IumTokenButton      *self);
/* The last refusal or failure shown in the popover, NULL when none. Borrowed. */
const char *ium_token_button_get_error     (IumTokenButton      *self);
void        ium_token_button_popup         (IumTokenButton      *self);
/* The entry for the reason to take the token over. Borrowed. */
GtkEditable *ium_token_button_get_reason_entry (IumTokenButton    *self);

/* "09:14" today, else "Mon 30 Nov, 09:14", in local time; NULL for an unreadable time.
 * Owned. */
char       *ium_format_since               (const char          *rfc3339);

/* clang-format on */

G_END_DECLS
