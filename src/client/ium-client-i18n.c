/* ium-client-i18n.c: libium-client's message catalogue.
 *
 * A library binds its own gettext domain and leaves textdomain() to the program that loads
 * it, which has a domain of its own: the library's strings are looked up with
 * g_dgettext (GETTEXT_PACKAGE, ...), which <glib/gi18n-lib.h> makes of _().
 *
 * Where the catalogues are: $IUM_TRANSLATIONS_DIR when it is set, as for the command line;
 * else _build/po (po/meson.build compiles them to _build/po/LANG/LC_MESSAGES/) when the
 * library's own file is in the build tree, as it is for ium-client-demo and the tests run
 * from there; else the installed LOCALEDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#define G_LOG_DOMAIN "ium-client"

#include "config.h"

#include "ium-client-i18n-private.h"

#include <dlfcn.h>
#include <glib/gi18n-lib.h>

/* Any object of the library: dladdr () names the file it was loaded from. */
static const char anchor = 0;

static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("IUM_TRANSLATIONS_DIR");
  Dl_info     info;

  if (dir != NULL && dir[0] != '\0')
    return dir;
  if (dladdr (&anchor, &info) != 0 && info.dli_fname != NULL
      && g_str_has_prefix (info.dli_fname, BUILD_ROOT G_DIR_SEPARATOR_S))
    return BUILD_LOCALE_DIR;
  return LOCALEDIR;
}

void
ium_client_i18n_init (void)
{
  static gsize bound = 0;

  if (g_once_init_enter (&bound))
    {
      bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&bound, 1);
    }
}
