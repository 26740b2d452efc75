/* ium-client-i18n-private.h: libium-client's message catalogue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* clang-format off */

/* Binds the library's gettext domain (GETTEXT_PACKAGE) to where its catalogues are
 * installed. Called by the class_init of every class that shows words; safe to call often
 * and from any thread. */
G_GNUC_INTERNAL
void ium_client_i18n_init (void);

/* clang-format on */

G_END_DECLS
