/* ium-i18n.h: where the message catalogues of the gettext domain are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* clang-format off */

/* Where the catalogues are: $IUM_TRANSLATIONS_DIR when it is set, else the build tree's po/
 * when the program runs from the build tree, else the installed LOCALEDIR. */
const char *ium_i18n_get_locale_dir (void);
/* Binds the domain GETTEXT_PACKAGE (UTF-8) to ium_i18n_get_locale_dir (). Programs call it
 * once after setlocale (); the library's own strings are looked up in the domain explicitly,
 * so textdomain () is left to the program. Returns the directory bound (a static or
 * environment string). */
const char *ium_i18n_init (void);

/* clang-format on */

G_END_DECLS
