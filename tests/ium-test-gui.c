/* ium-test-gui.c: the harness of the gui suite: the real application and window on a
 * temporary inventory, under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ium-i18n.h"
#include "ium-test-gui.h"

void
ium_test_gui_init_language (int *argc, char ***argv, const char *language)
{
  /* Settings in memory: a test never writes the person's own. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The words the tests look for do not depend on who runs them. gtk_test_init () sets
   * en_US.UTF-8 where it is installed (and stays in C where not); the locale is set again
   * from these, as main.c does. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  gtk_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  setlocale (LC_ALL, "");
  ium_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  /* Animations would only make the waits longer. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

void
ium_test_gui_init (int *argc, char ***argv)
{
  ium_test_gui_init_language (argc, argv, NULL);
}

void
ium_test_gui_seed_demo (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_store_open (path, &error);
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  gsize            length;

  g_assert_no_error (error);
  file = g_build_filename (g_getenv ("IUM_SOURCE_ROOT"), "data", "demo-inventory.json", NULL);
  g_file_get_contents (file, &contents, &length, &error);
  g_assert_no_error (error);
  ium_store_import (store, contents, length, FALSE, "demo", NULL, &error);
  g_assert_no_error (error);
  ium_store_set_busy (store, "MARI", TRUE, "Long measurement until Friday", "demo", &error);
  g_assert_no_error (error);
}

void
ium_test_gui_setup (IumTestGui *gui, gboolean seed)
{
  g_autoptr (GError) error = NULL;

  memset (gui, 0, sizeof *gui);
  gui->dir = g_dir_make_tmp ("ium-test-gui-XXXXXX", &error);
  g_assert_no_error (error);
  gui->path = g_build_filename (gui->dir, "inventory.db", NULL);
  if (seed)
    ium_test_gui_seed_demo (gui->path);
}

static gboolean
loaded (gpointer data)
{
  IumTestGui          *gui = data;
  IumInventoryService *service = ium_main_window_get_service (gui->window);

  return !ium_inventory_service_get_loading (service)
         && (ium_inventory_service_get_inventory (service) != NULL
             || ium_inventory_service_get_error (service) != NULL);
}

void
ium_test_gui_open (IumTestGui *gui, gboolean expect_error)
{
  g_autoptr (GError) error = NULL;
  IumInventoryService *service;

  gui->application = ium_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (gui->application), NULL, &error);
  g_assert_no_error (error);
  ium_application_set_identity (gui->application, IUM_TEST_GUI_WHO);

  gui->window = ium_main_window_new (gui->application);
  ium_main_window_open (gui->window, gui->path, FALSE, FALSE);
  if (gui->width > 0 && gui->height > 0)
    gtk_window_set_default_size (GTK_WINDOW (gui->window), gui->width, gui->height);
  gtk_window_present (GTK_WINDOW (gui->window));
  ium_test_gui_wait_until (loaded, gui, 10000, "the inventory to load");

  service = ium_main_window_get_service (gui->window);
  if (expect_error)
    g_assert_nonnull (ium_inventory_service_get_error (service));
  else
    {
      g_assert_null (ium_inventory_service_get_error (service));
      g_assert_nonnull (ium_inventory_service_get_inventory (service));
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
ium_test_gui_teardown (IumTestGui *gui)
{
  if (gui->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (gui->window));
      /* Lets the worker's last replies and the window's disposal run. */
      ium_test_gui_flush ();
    }
  g_clear_object (&gui->application);
  ium_test_gui_flush ();
  remove_tree (gui->dir);
  g_free (gui->path);
  g_free (gui->dir);
}

IumStore *
ium_test_gui_open_store (IumTestGui *gui)
{
  g_autoptr (GError) error = NULL;
  IumStore *store = ium_store_open (gui->path, &error);

  g_assert_no_error (error);
  return store;
}

GtkWidget *
ium_test_gui_get_view (IumTestGui *gui, const char *name)
{
  GtkWidget *view = ium_main_window_get_view (gui->window, name);

  g_assert_nonnull (view);
  return view;
}

void
ium_test_gui_wait_until (gboolean (*condition) (gpointer data),
                         gpointer    data,
                         guint       timeout_ms,
                         const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
ium_test_gui_flush (void)
{
  /* A few rounds: an idle may queue another. */
  for (guint i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}
