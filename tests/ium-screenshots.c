/* ium-screenshots.c: opens each view of the real window on the demo facility and writes it
 * as a PNG, for docs/screenshots/ and the AppStream metainfo. Run by build-aux/screenshots
 * under Xvfb; not a test.
 *
 *   ium-screenshots OUTPUT-DIR [--dark] [--size WIDTHxHEIGHT]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-screenshots"

#include "config.h"

#include <stdlib.h>

#include "audit/ium-audit-view.h"
#include "fleet/ium-fleet-row.h"
#include "fleet/ium-fleet-view.h"
#include "ium-test-gui.h"
#include "releases/ium-releases-view.h"

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  gint64 start = clock ? gdk_frame_clock_get_frame_counter (clock) : 0;

  /* Enough frames for the list rows to be laid out, and a little time for late loads. */
  while (g_get_monotonic_time () < deadline
         && (clock == NULL || gdk_frame_clock_get_frame_counter (clock) < start + n))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
save (GtkWidget  *window,
      const char *dir,
      const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width, height;

  wait_frames (window, 10);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_printerr ("ium-screenshots: nothing was drawn for %s\n", name);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_printerr ("ium-screenshots: cannot write %s\n", path);
      return FALSE;
    }
  g_print ("%s (%d×%d)\n", path, width, height);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("OUTPUT-DIR");
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  gboolean dark = FALSE;
  int width = 1440, height = 860;
  const GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "The window's size", "WIDTHxHEIGHT" },
    { NULL }
  };
  IumTestGui gui;
  IumInventoryService *service;
  GtkWidget *window;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: ium-screenshots OUTPUT-DIR [--dark] [--size WxH]%s%s\n",
                  error ? ": " : "", error ? error->message : "");
      return 2;
    }
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    {
      g_printerr ("ium-screenshots: --size wants WIDTHxHEIGHT, not “%s”\n", size);
      return 2;
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  ium_test_gui_setup (&gui, TRUE);
  gui.width = width;
  gui.height = height;
  ium_test_gui_open (&gui, FALSE);
  window = GTK_WIDGET (gui.window);
  service = ium_main_window_get_service (gui.window);
  if (dark)
    g_settings_set_string (ium_application_get_settings (gui.application), "style", "dark");

  /* Someone holds the token, as on a deployment day. */
  ium_inventory_service_take_token_async (service, "Deploying 12.3.2.380 to TS2", FALSE, NULL,
                                          NULL, NULL, NULL);
  WAIT_FOR (ium_inventory_service_get_holds_token (service));

  /* A morning's work, so that the history and the audit log have something to show: MAPS's
   * control PC was upgraded by hand (its cluster account not yet, so it is partial), and
   * HRPD is pinned to the newest patch. */
  {
    g_autoptr(GHashTable) installed = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (installed, "ibex-server", "12.3.2.380");
    g_hash_table_insert (installed, "ibex-gui", "12.3.2.380");
    g_hash_table_insert (installed, "genie-python", "12.3.2.380");
    ium_inventory_service_set_installed_async (service, "MAPS", "NDXMAPS", installed, NULL, NULL,
                                               NULL);
    ium_inventory_service_set_pin_async (service, "HRPD", "12.3.2.380", NULL, NULL, NULL);
    WAIT_FOR (g_strcmp0 (ium_fleet_row_get_target (ium_inventory_service_lookup_row (service,
                                                                                     "HRPD")),
                         "12.3.2.380") == 0);
  }

  ium_main_window_show_view (gui.window, "fleet");
  ok &= save (window, argv[1], "fleet.png");

  ium_fleet_view_select (IUM_FLEET_VIEW (ium_main_window_get_view (gui.window, "fleet")), "MAPS");
  WAIT_FOR (ium_instrument_detail_get_n_history (
              ium_fleet_view_get_detail (IUM_FLEET_VIEW (ium_main_window_get_view (gui.window,
                                                                                   "fleet")))) > 0);
  ok &= save (window, argv[1], "instrument-detail.png");

  ium_main_window_show_view (gui.window, "releases");
  ium_releases_view_select (IUM_RELEASES_VIEW (ium_main_window_get_view (gui.window, "releases")),
                            "12.3.2.380");
  ok &= save (window, argv[1], "releases.png");

  ium_main_window_show_view (gui.window, "audit");
  WAIT_FOR (ium_audit_view_get_n_loaded (IUM_AUDIT_VIEW (ium_main_window_get_view (gui.window,
                                                                                   "audit"))) > 0);
  ok &= save (window, argv[1], "audit.png");

  ium_test_gui_teardown (&gui);
  return ok ? 0 : 1;
}
