/* ium-i18n.c: binding the gettext domain, to the installed catalogues or the build tree's.
 *
 * meson's i18n module compiles each po/LANG.po to _build/po/LANG/LC_MESSAGES/DOMAIN.mo, the
 * layout bindtextdomain () expects, so a program of the build tree reads them there and shows
 * the translations before anything is installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-i18n"

#include "config.h"

#include "ium-i18n.h"

#include <glib/gi18n-lib.h>

const char *
ium_i18n_get_locale_dir (void)
{
  const char      *dir = g_getenv ("IUM_TRANSLATIONS_DIR");
  g_autofree char *program = NULL;

  if (dir != NULL && dir[0] != '\0')
    return dir;
  program = g_file_read_link ("/proc/self/exe", NULL);
  if (program != NULL && g_str_has_prefix (program, BUILD_ROOT G_DIR_SEPARATOR_S))
    return BUILD_LOCALE_DIR;
  return LOCALEDIR;
}

const char *
ium_i18n_init (void)
{
  static gsize       once = 0;
  static const char *bound = NULL;

  if (g_once_init_enter (&once))
    {
      const char *dir = ium_i18n_get_locale_dir ();

      bindtextdomain (GETTEXT_PACKAGE, dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      bound = dir;
      g_once_init_leave (&once, 1);
    }
  return bound;
}
