/* bench-gui-report.c: the Reports view on a large facility.
 *
 * Starts the real application window on a database (tests/bench/run-bench-gui.sh --report
 * makes one of 10,000 instruments with a saved rollout and a client check log), shows the
 * Reports view and measures, printing one line each:
 *
 *   generate   from Generate to the report shown: the model built on a worker
 *              (ium_report_new_async) and its pages laid out on another
 *   first-page from Generate to the first frame painted with the first page drawn
 *   pages      how many A4 pages the report has
 *   stall      the longest the main loop went without running while the report was made
 *              (a 2 ms timer's longest gap), and the longest gap between painted frames;
 *              next to it the timer's longest gap in a second of doing nothing before, which
 *              is what the machine itself costs (on a shared machine, much)
 *   last-page  the preview scrolled to the last page: the time to the next frame painted
 *   export     the report saved as PDF through the view (on a worker), until the view is done
 *
 *   bench-gui-report DATABASE RELEASE [--runs N]
 *
 * A benchmark, not a test: it never fails because a figure is slow. Run it under a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "ium-application.h"
#include "ium-main-window.h"
#include "reports/ium-reports-view.h"

static gint64 last_paint;
static gint64 max_paint_gap;
static guint  n_paints;
static gint64 last_tick;
static gint64 max_tick_gap;

static void
after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_paint != 0)
    max_paint_gap = MAX (max_paint_gap, now - last_paint);
  last_paint = now;
  n_paints++;
}

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    max_tick_gap = MAX (max_tick_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("bench-gui-report: timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
loaded (gpointer data)
{
  IumInventoryService *service = data;

  return !ium_inventory_service_get_loading (service)
         && ium_inventory_service_get_inventory (service) != NULL;
}

typedef struct
{
  IumReportsView *view;
  guint           n_reports;
  guint           n_paints;
} Wait;

static gboolean
shown (gpointer data)
{
  Wait *wait = data;

  return ium_reports_view_get_n_reports (wait->view) > wait->n_reports;
}

static gboolean
painted (gpointer data)
{
  Wait *wait = data;

  return n_paints > wait->n_paints;
}

static gboolean
idle (gpointer data)
{
  Wait *wait = data;

  return !ium_reports_view_get_busy (wait->view);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("DATABASE RELEASE");
  g_autoptr (GError) error = NULL;
  g_autoptr (IumApplication) application = NULL;
  g_autofree char   *pdf = NULL;
  g_autofree char   *dir = NULL;
  int                runs = 3;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Reports to make, one after another", "N" }, { NULL }
  };
  IumMainWindow       *window;
  IumInventoryService *service;
  IumReportsView      *view;
  GdkFrameClock       *clock;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 || runs < 1)
    {
      g_printerr ("usage: bench-gui-report DATABASE RELEASE [--runs N]%s%s\n", error ? ": " : "",
                  error ? error->message : "");
      return 2;
    }

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  application = ium_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  window = ium_main_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  ium_main_window_open (window, argv[1], FALSE, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  service = ium_main_window_get_service (window);
  iterate_until (loaded, service);
  ium_main_window_show_view (window, "reports");
  view = IUM_REPORTS_VIEW (ium_main_window_get_view (window, "reports"));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_timeout_add (2, tick_cb, NULL);

  dir = g_dir_make_tmp ("bench-gui-report-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "report.pdf", NULL);

  for (int run = 0; run < runs; run++)
    {
      Wait wait = { view, ium_reports_view_get_n_reports (view), 0 };
      g_autoptr (GFile) file = g_file_new_for_path (pdf);
      GtkAdjustment *adjustment;
      gint64         start;
      double generate_ms, first_ms, last_ms, export_ms, tick_gap_ms, paint_gap_ms, idle_gap_ms;
      guint  n_pages;

      /* The main loop's gaps when the window does nothing, for comparison. */
      {
        gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

        last_tick = 0;
        max_tick_gap = 0;
        while (g_get_monotonic_time () < until)
          g_main_context_iteration (NULL, TRUE);
        idle_gap_ms = max_tick_gap / 1000.0;
      }

      /* Frames keep coming while the report is made: the progress bar moves. */
      last_tick = last_paint = 0;
      max_tick_gap = max_paint_gap = 0;
      start = g_get_monotonic_time ();
      if (!ium_reports_view_generate (view, argv[2], 30))
        {
          g_printerr ("bench-gui-report: the inventory has no release %s\n", argv[2]);
          return 2;
        }
      iterate_until (shown, &wait);
      generate_ms = ms_since (start);
      wait.n_paints = n_paints;
      iterate_until (painted, &wait);
      first_ms = ms_since (start);
      tick_gap_ms = max_tick_gap / 1000.0;
      paint_gap_ms = max_paint_gap / 1000.0;
      if (ium_reports_view_get_report (view) == NULL)
        {
          g_printerr ("bench-gui-report: no report: %s\n",
                      ium_banner_get_body (ium_reports_view_get_banner (view)));
          return 1;
        }
      n_pages = ium_report_pages_get_n_pages (ium_reports_view_get_pages (view));

      adjustment =
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (
          GTK_WIDGET (view), IUM_TYPE_REPORTS_VIEW, "preview_scroller")));
      start = g_get_monotonic_time ();
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                              - gtk_adjustment_get_page_size (adjustment));
      wait.n_paints = n_paints;
      iterate_until (painted, &wait);
      last_ms = ms_since (start);

      start = g_get_monotonic_time ();
      ium_reports_view_export (view, file, IUM_REPORT_FORMAT_PDF);
      iterate_until (idle, &wait);
      export_ms = ms_since (start);
      g_unlink (pdf);

      g_print ("run %d\n", run + 1);
      g_print ("  generate   %8.0f ms  (model on a worker, then the pages laid out on another)\n",
               generate_ms);
      g_print ("  first-page %8.0f ms  (Generate to the first page painted)\n", first_ms);
      g_print ("  pages      %8u\n", n_pages);
      g_print ("  stall      %8.1f ms  main loop, %.1f ms between frames (longest, while "
               "making it; %.1f ms main loop when idle)\n",
               tick_gap_ms, paint_gap_ms, idle_gap_ms);
      g_print ("  last-page  %8.0f ms  (scrolled to the last page, to the next frame)\n", last_ms);
      g_print ("  export     %8.0f ms  (PDF, through the view, on a worker)\n", export_ms);
    }

  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
