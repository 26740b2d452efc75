/* ium-i18n.h: the application's message catalogue, installed or from the build tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the catalogues are: _build/po when the running program was built in this build tree
 * (it runs uninstalled: build-aux/run, the gui suite), else the installed LOCALEDIR. */
const char *ium_i18n_get_locale_dir (void);
/* Binds GETTEXT_PACKAGE to ium_i18n_get_locale_dir () in UTF-8 and makes it the program's
 * domain. Call after setlocale (LC_ALL, ""), which gtk_init () also does. */
void        ium_i18n_init           (void);

G_END_DECLS
