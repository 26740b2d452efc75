/* main.c: instrument-update-manager, the GTK application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ium-application.h"
#include "ium-i18n.h"

int
main (int argc, char *argv[])
{
  g_autoptr (IumApplication) application = NULL;

  /* Before the first _(): the application name below, and --help. */
  setlocale (LC_ALL, "");
  ium_i18n_init ();
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_ ("Instrument Update Manager"));
  application = ium_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
