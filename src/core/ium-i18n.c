/* ium-i18n.c: binding the gettext domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-i18n"

#include "config.h"

#include "ium-i18n.h"

#include <glib/gi18n-lib.h>

const char *
ium_i18n_init (void)
{
  static gsize       once = 0;
  static const char *bound = NULL;

  if (g_once_init_enter (&once))
    {
      const char *dir = g_getenv ("IUM_TRANSLATIONS_DIR");

      if (dir == NULL || *dir == '\0')
        dir = LOCALEDIR;
      bindtextdomain (GETTEXT_PACKAGE, dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      bound = dir;
      g_once_init_leave (&once, 1);
    }
  return bound;
}
