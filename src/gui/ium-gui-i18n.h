/* ium-gui-i18n.h: the application's message catalogue, installed or from the build tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the catalogues are: $IUM_TRANSLATIONS_DIR when it is set (as for the command line);
 * else _build/po when the running program was built in this build tree (build-aux/run, the
 * gui suite, a program started from _build by hand); else the installed LOCALEDIR. */
const char *ium_gui_i18n_get_locale_dir (void);
/* Binds GETTEXT_PACKAGE to ium_gui_i18n_get_locale_dir () in UTF-8 and makes it the
 * program's domain. Call after setlocale (LC_ALL, ""), which gtk_init () also does. */
void        ium_gui_i18n_init           (void);

G_END_DECLS
