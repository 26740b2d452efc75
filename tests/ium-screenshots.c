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
#include "compat/ium-compat-view.h"
#include "downtime/ium-downtime-view.h"
#include "fleet/ium-fleet-row.h"
#include "fleet/ium-fleet-view.h"
#include "ium-rollouts.h"
#include "ium-test-gui.h"
#include "ium-check-log.h"
#include <glib/gi18n.h>

#include "ium-i18n.h"
#include "ium-inventory-service-rollouts.h"
#include "releases/ium-releases-view.h"
#include "reports/ium-reports-view.h"
#include "rollout/ium-rollout-view.h"
#include "rollout/ium-timeline.h"

static void
wait_frames (GtkWidget *widget, guint n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64         deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  gint64         start = clock ? gdk_frame_clock_get_frame_counter (clock) : 0;

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

/* On the worker: plans the newest official release for the whole facility from now, in the
 * demo's downtime windows, and saves it, so that the fleet's "Planned Upgrade" column and the
 * details have something to show. */
static gpointer
save_rollout_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr (IumInventory) inventory = ium_store_load (store, error);
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autofree char *text = NULL;
  IumRelease      *target;

  if (inventory == NULL)
    return NULL;
  target = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);
  fleet = ium_fleet_new (inventory);
  request = ium_plan_request_new (inventory, ium_release_get_version_text (target));
  ium_plan_request_add_wave (request, "tag:sans");
  ium_plan_request_add_wave (request, "site:TS2");
  ium_plan_request_add_wave (request, "rest");
  if ((plan = ium_plan_new (fleet, request, cancellable, error)) == NULL)
    return NULL;
  text = ium_plan_request_to_text (request);
  if (!ium_rollout_save (store, "december", plan, text, 2, "screenshots", error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
job_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  if (ium_inventory_service_run_finish (IUM_INVENTORY_SERVICE (object), result, &error) == NULL)
    g_error ("ium-screenshots: cannot save the demo rollout: %s", error->message);
  *done = TRUE;
}

static gboolean
save (GtkWidget *window, const char *dir, const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int              width, height;

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
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_printerr ("ium-screenshots: cannot write %s\n", path);
      return FALSE;
    }
  g_print ("%s (%d×%d)\n", path, width, height);
  return TRUE;
}

/* A rollout of the newest release in three waves, saved and under way: two upgrades done,
 * one in progress, one failed, one skipped; and clients of several versions in the check
 * log. Written through a second connection, as `ium` would, so the window reloads. */
static void
seed_rollout_and_checks (IumTestGui *gui)
{
  g_autoptr (IumStore) store = ium_test_gui_open_store (gui);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = ium_store_load (store, &error);
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autoptr (GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);
  g_autofree char *text = NULL;
  const struct
  {
    const char     *instrument;
    IumUpgradeState states[3];
  } marks[] = {
    { "LOQ", { IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_DONE } },
    { "SANS2D", { IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_DONE } },
    { "CRISP", { IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_FAILED } },
    { "SURF", { IUM_UPGRADE_IN_PROGRESS } },
    { "POLREF", { IUM_UPGRADE_SKIPPED } },
  };
  const struct
  {
    const char *instrument;
    const char *version;
  } checks[] = {
    { "LARMOR", "12.3.2.380" }, { "ZOOM", "12.3.2.380" },   { "LARMOR", "12.0.1.130" },
    { "WISH", "12.1.0.200" },   { "MARI", "11.2.0.95" },    { "LOQ", "13.0.0.400" },
    { "INES", "12.2.0.300" },   { "OSIRIS", "12.3.1.365" }, { "IMAT", "12.1.1.215" },
  };
  guint max_failures = 2;

  g_assert_no_error (error);
  fleet = ium_fleet_new (inventory);
  request = ium_plan_request_new (inventory, "12.3.2.380");
  ium_plan_request_add_wave (request, "tag:sans");
  ium_plan_request_add_wave (request, "site:TS1");
  ium_plan_request_add_wave (request, "rest");
  g_clear_pointer (&request->from, g_date_time_unref);
  request->from = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  plan =
    ium_rollout_replan (store, fleet, "12.3.2.380 winter", request, &max_failures, NULL, &error);
  g_assert_no_error (error);
  text = ium_plan_request_to_text (request);
  ium_rollout_save (store, "12.3.2.380 winter", plan, text, max_failures, IUM_TEST_GUI_WHO, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    for (guint m = 0;
         m < G_N_ELEMENTS (marks[i].states) && marks[i].states[m] != IUM_UPGRADE_PLANNED; m++)
      {
        ium_rollout_mark (store, "12.3.2.380 winter", marks[i].instrument, marks[i].states[m], NULL,
                          FALSE, IUM_TEST_GUI_WHO, &error);
        g_assert_no_error (error);
      }

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr (IumVerdict) verdict =
        ium_fleet_check (fleet, checks[i].instrument, "ibex-gui", checks[i].version, &error);
      g_assert_no_error (error);
      g_ptr_array_add (records, ium_check_record_new_from_verdict (verdict, IUM_CHECK_EVENT_CHECK,
                                                                   NULL, "10.0.0.7"));
    }
  ium_store_append_checks (store, records, &error);
  g_assert_no_error (error);
}

/* rollout-planner.png, timeline.png, downtime.png, compatibility.png, reports.png. */
static gboolean
save_planning_views (IumTestGui *gui, const char *dir)
{
  GtkWidget           *window = GTK_WIDGET (gui->window);
  IumInventoryService *service = ium_main_window_get_service (gui->window);
  IumRolloutView  *rollout = IUM_ROLLOUT_VIEW (ium_main_window_get_view (gui->window, "rollout"));
  IumDowntimeView *downtime =
    IUM_DOWNTIME_VIEW (ium_main_window_get_view (gui->window, "downtime"));
  IumCompatView *compat = IUM_COMPAT_VIEW (ium_main_window_get_view (gui->window, "compat"));
  GtkWidget     *timeline = GTK_WIDGET (
        gtk_widget_get_template_child (GTK_WIDGET (rollout), IUM_TYPE_ROLLOUT_VIEW, "timeline"));
  g_autofree char *ics =
    g_build_filename (g_getenv ("IUM_SOURCE_ROOT"), "data", "facility-schedule.ics", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (ics);
  gboolean ok = TRUE;
  guint    plans;

  seed_rollout_and_checks (gui);
  ium_inventory_service_reload (service);
  WAIT_FOR (ium_inventory_service_lookup_rollout (service, "12.3.2.380 winter") != NULL);

  ium_main_window_show_view (gui->window, "rollout");
  plans = ium_rollout_view_get_n_plans (rollout);
  ium_rollout_view_open_rollout (rollout, "12.3.2.380 winter");
  WAIT_FOR (ium_rollout_view_get_n_plans (rollout) > plans && !ium_rollout_view_get_busy (rollout));
  ium_banner_dismiss (ium_rollout_view_get_banner (rollout));
  ium_rollout_view_select (rollout, "SURF", TRUE);
  ok &= save (window, dir, "rollout-planner.png");

  /* The timeline alone: one upgrade a day takes the rollout across the frozen cycle 2027/1,
   * whose maintenance days it leaves alone (not saved). */
  gtk_popover_popdown (GTK_POPOVER (
    gtk_widget_get_template_child (GTK_WIDGET (rollout), IUM_TYPE_ROLLOUT_VIEW, "state_popover")));
  plans = ium_rollout_view_get_n_plans (rollout);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (
                               GTK_WIDGET (rollout), IUM_TYPE_ROLLOUT_VIEW, "per_day_spin")),
                             1);
  WAIT_FOR (ium_rollout_view_get_n_plans (rollout) > plans && !ium_rollout_view_get_busy (rollout));
  ium_timeline_zoom_to_fit (IUM_TIMELINE (timeline));
  ok &= save (gtk_widget_get_parent (gtk_widget_get_parent (timeline)), dir, "timeline.png");

  ium_main_window_show_view (gui->window, "downtime");
  ium_downtime_view_import_file (downtime, file);
  WAIT_FOR (!ium_downtime_view_get_busy (downtime)
            && g_list_model_get_n_items (ium_downtime_view_get_windows (downtime)) > 60);
  ok &= save (window, dir, "downtime.png");

  ium_main_window_show_view (gui->window, "compat");
  WAIT_FOR (ium_compat_view_get_n_updates (compat) > 0);
  ok &= save (window, dir, "compatibility.png");

  /* The report of the rollout under way, with the clients above in its window. */
  {
    IumReportsView *reports = IUM_REPORTS_VIEW (ium_main_window_get_view (gui->window, "reports"));

    ium_main_window_show_view (gui->window, "reports");
    if (!ium_reports_view_generate (reports, "12.3.2.380", 30))
      g_error ("ium-screenshots: the demo has no release 12.3.2.380");
    WAIT_FOR (ium_reports_view_get_n_reports (reports) > 0 && !ium_reports_view_get_busy (reports));
    ok &= save (window, dir, "reports.png");
  }
  return ok;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("OUTPUT-DIR");
  g_autoptr (GError) error = NULL;
  g_autofree char   *size = NULL;
  gboolean           dark = FALSE;
  int                width = 1440, height = 860;
  const GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "The window's size", "WIDTHxHEIGHT" },
    { NULL }
  };
  IumTestGui           gui;
  IumInventoryService *service;
  GtkWidget           *window;
  gboolean             ok = TRUE;

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
  /* In the language of the environment (build-aux/screenshots --language). */
  ium_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
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
  ium_inventory_service_take_token_async (service, "Deploying 12.3.2.380 to TS2", FALSE, NULL, NULL,
                                          NULL, NULL);
  WAIT_FOR (ium_inventory_service_get_holds_token (service));

  {
    gboolean done = FALSE;
    ium_inventory_service_run_async (service, save_rollout_job, NULL, NULL, NULL,
                                     IUM_SERVICE_JOB_RELOAD, NULL, job_done_cb, &done);
    WAIT_FOR (done);
  }

  /* A morning's work, so that the history and the audit log have something to show: MAPS's
   * control PC was upgraded by hand (its cluster account not yet, so it is partial), and
   * HRPD is pinned to the newest patch. */
  {
    g_autoptr (GHashTable) installed = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (installed, "ibex-server", "12.3.2.380");
    g_hash_table_insert (installed, "ibex-gui", "12.3.2.380");
    g_hash_table_insert (installed, "genie-python", "12.3.2.380");
    ium_inventory_service_set_installed_async (service, "MAPS", "NDXMAPS", installed, NULL, NULL,
                                               NULL);
    ium_inventory_service_set_pin_async (service, "HRPD", "12.3.2.380", NULL, NULL, NULL);
    WAIT_FOR (
      g_strcmp0 (ium_fleet_row_get_target (ium_inventory_service_lookup_row (service, "HRPD")),
                 "12.3.2.380")
      == 0);
  }

  ium_main_window_show_view (gui.window, "fleet");
  ok &= save (window, argv[1], "fleet.png");

  ium_fleet_view_select (IUM_FLEET_VIEW (ium_main_window_get_view (gui.window, "fleet")), "MAPS");
  WAIT_FOR (ium_instrument_detail_get_n_history (ium_fleet_view_get_detail (
              IUM_FLEET_VIEW (ium_main_window_get_view (gui.window, "fleet"))))
            > 0);
  ok &= save (window, argv[1], "instrument-detail.png");

  ium_main_window_show_view (gui.window, "releases");
  ium_releases_view_select (IUM_RELEASES_VIEW (ium_main_window_get_view (gui.window, "releases")),
                            "12.3.2.380");
  ok &= save (window, argv[1], "releases.png");

  ium_main_window_show_view (gui.window, "audit");
  WAIT_FOR (
    ium_audit_view_get_n_loaded (IUM_AUDIT_VIEW (ium_main_window_get_view (gui.window, "audit")))
    > 0);
  ok &= save (window, argv[1], "audit.png");

  ok &= save_planning_views (&gui, argv[1]);

  ium_test_gui_teardown (&gui);
  return ok ? 0 : 1;
}
