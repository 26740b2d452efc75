/* ium-gui-i18n.c: the application's message catalogue, installed or from the build tree.
 *
 * meson's i18n module compiles each po/LANG.po to _build/po/LANG/LC_MESSAGES/DOMAIN.mo, the
 * layout bindtextdomain () expects, so a program of the build tree reads them there and shows
 * the translations before anything is installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-gui-i18n.h"

const char *
ium_gui_i18n_get_locale_dir (void)
{
  const char *dir = g_getenv ("IUM_TRANSLATIONS_DIR");
  g_autofree char *program = NULL;

  if (dir != NULL && dir[0] != '\0')
    return dir;
  program = g_file_read_link ("/proc/self/exe", NULL);
  if (program != NULL && g_str_has_prefix (program, BUILD_ROOT G_DIR_SEPARATOR_S))
    return BUILD_LOCALE_DIR;
  return LOCALEDIR;
}

void
ium_gui_i18n_init (void)
{
  bindtextdomain (GETTEXT_PACKAGE, ium_gui_i18n_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
