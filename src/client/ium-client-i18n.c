/* ium-client-i18n.c: libium-client's message catalogue.
 *
 * A library binds its own gettext domain and leaves textdomain() to the program that loads
 * it, which has a domain of its own: the library's strings are looked up with
 * g_dgettext (GETTEXT_PACKAGE, ...), which <glib/gi18n-lib.h> makes of _().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-client"

#include "config.h"

#include "ium-client-i18n-private.h"

#include <glib/gi18n-lib.h>

void
ium_client_i18n_init (void)
{
  static gsize bound = 0;

  if (g_once_init_enter (&bound))
    {
      bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&bound, 1);
    }
}
