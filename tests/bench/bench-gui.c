/* bench-gui.c: how the GTK application copes with a large facility.
 *
 * Starts the real application window on a database (import a 10,000-instrument file from
 * gen-inventory.py into it first) and measures, printing one line each:
 *
 *   start     from main() to the first frame painted with every instrument in the fleet
 *             view, split into the load on the worker thread and the rest
 *   search    a search that keeps a few instruments, and clearing it again (the filter model
 *             is synchronous, so the time is the call plus the next frame)
 *   filter    the status drop-down set to "Update available"
 *   sort      the fleet sorted by "Behind", then by name again
 *   scroll    the fleet scrolled through in page steps: the frame times (median, 95th
 *             percentile, worst) while scrolling, and frames per second
 *   select    an instrument selected and its details filled (on the worker: its history)
 *   edit      a pin removed: the write, the whole inventory loaded again, the frame
 *   memory    the process's peak resident size, and after each phase the resident size, the
 *             phase's own peak and what malloc holds (/proc/self/status, mallinfo2)
 *
 *   bench-gui DATABASE [--steps N] [--hide COLUMN]...
 *
 * A benchmark, not a test: it never fails because a figure is slow. Run it under a display
 * (tests/bench/run-bench-gui.sh starts Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#ifdef HAVE_MALLINFO2
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "fleet/ium-fleet-view.h"
#include "ium-application.h"
#include "ium-main-window.h"

static gint64   last_paint;
static gint64   first_paint; /* the window's first frame, whatever it showed */
static guint    n_paints;
static GArray  *frame_times; /* of double, ms between paints while recording */
static gboolean recording;

static void
after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (first_paint == 0)
    first_paint = now;
  if (recording && last_paint != 0)
    {
      double ms = (now - last_paint) / 1000.0;
      g_array_append_val (frame_times, ms);
    }
  last_paint = now;
  n_paints++;
}

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("bench-gui: timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Waits for the next frame to be painted (which lays out and draws what changed). */
static void
next_frame (GtkWidget *widget)
{
  guint target = n_paints + 1;

  gtk_widget_queue_draw (widget);
  while (n_paints < target)
    g_main_context_iteration (NULL, TRUE);
}

/* CPU time of this process (user + system), in ms: less disturbed by a busy machine than
 * the wall clock, which also counts waiting for the X server and for other processes. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0
         + usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

/* The resident size now and its peak so far, in MB, from /proc/self/status (0 elsewhere). */
static void
resident_mb (double *now, double *peak)
{
  g_autofree char *status = NULL;
  const char      *line;

  *now = *peak = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((line = strstr (status, "VmRSS:")) != NULL)
    *now = g_ascii_strtod (line + 6, NULL) / 1024.0;
  if ((line = strstr (status, "VmHWM:")) != NULL)
    *peak = g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static double peak_of_all; /* MB: the highest of the phases' peaks */

/* Prints the resident size after a phase and the phase's peak, then starts the next phase's
 * peak afresh (Linux: clear_refs 5; elsewhere the peaks are since the start). */
static void
print_resident (const char *phase)
{
  double now, peak;
  double in_use = 0, free_in_arenas = 0;
  FILE  *clear_refs;

#ifdef HAVE_MALLINFO2
  struct mallinfo2 info = mallinfo2 ();
  in_use = (info.uordblks + info.hblkhd) / 1048576.0;
  free_in_arenas = info.fordblks / 1048576.0;
#endif
  resident_mb (&now, &peak);
  peak_of_all = MAX (peak_of_all, peak);
  g_print ("  resident after %s: %.0f MB (peak of the phase %.0f MB); malloc: %.0f MB in use, "
           "%.0f MB free in its arenas\n",
           phase, now, peak, in_use, free_in_arenas);
  if ((clear_refs = fopen ("/proc/self/clear_refs", "w")) != NULL)
    {
      fputs ("5", clear_refs);
      fclose (clear_refs);
    }
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

typedef struct
{
  IumInventoryService *service;
  guint                expected;
} Loaded;

static gboolean
loaded (gpointer data)
{
  Loaded *l = data;

  return ium_inventory_service_get_error (l->service) != NULL
         || (!ium_inventory_service_get_loading (l->service)
             && g_list_model_get_n_items (ium_inventory_service_get_instruments (l->service)) > 0);
}

static void
count_load (guint *loads)
{
  (*loads)++;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values, double p)
{
  guint index;

  if (values->len == 0)
    return 0;
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, index);
}

int
main (int argc, char *argv[])
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (GOptionContext) context = g_option_context_new ("DATABASE");
  g_autoptr (GError) error = NULL;
  g_autoptr (IumApplication) application = NULL;
  int steps = 200;
  g_auto (GStrv) hide = NULL;
  const GOptionEntry entries[] = {
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Scroll steps (default 200)", "N" },
    { "hide", 0, 0, G_OPTION_ARG_STRING_ARRAY, &hide,
      "Hide a column while scrolling (name, site, release, tier, target, behind, flags, "
      "window, planned); repeatable",
      "COLUMN" },
    { NULL }
  };
  IumMainWindow       *window;
  IumFleetView        *fleet;
  IumInventoryService *service;
  GtkColumnView       *column_view;
  GtkScrolledWindow   *scroller;
  GtkAdjustment       *adjustment;
  GListModel          *model;
  GdkFrameClock       *clock;
  Loaded               l;
  gint64               t_open, t_loaded, t;
  double               cpu;
  guint                n;
  struct rusage        usage;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: bench-gui DATABASE [--steps N] [--hide COLUMN]...\n");
      return 2;
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* As the application does (its startup): the load starts before GTK is set up, and the
   * window takes the service; GTK's start, the window and the fleet view (built when the
   * window is shown) overlap the load on the worker. */
  service = ium_inventory_service_new ();
  t_open = g_get_monotonic_time ();
  ium_inventory_service_open (service, argv[1], FALSE);

  gtk_init ();
  frame_times = g_array_new (FALSE, FALSE, sizeof (double));

  application = ium_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  window = ium_main_window_new_for_service (application, service);
  g_object_unref (service);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);

  print_resident ("creating the window");
  gtk_window_present (GTK_WINDOW (window));
  fleet = IUM_FLEET_VIEW (ium_main_window_get_view (window, "fleet"));
  column_view = ium_fleet_view_get_column_view (fleet);
  model = ium_fleet_view_get_model (fleet);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  l.service = service;
  iterate_until (loaded, &l);
  if (ium_inventory_service_get_error (service) != NULL)
    {
      g_printerr ("bench-gui: %s\n", ium_inventory_service_get_error (service)->message);
      return 1;
    }
  t_loaded = g_get_monotonic_time ();
  next_frame (GTK_WIDGET (window));
  n = g_list_model_get_n_items (model);
  g_print ("start: %u instruments shown, first full frame %.0f ms after main() "
           "(load on the worker %.0f ms, then %.0f ms to the frame); %.0f ms of CPU; "
           "the window was first drawn %.0f ms after main()\n",
           n, ms_since (t0), (t_loaded - t_open) / 1000.0, ms_since (t_loaded), cpu_ms (),
           first_paint != 0 ? (first_paint - t0) / 1000.0 : -1.0);
  print_resident ("start");

  /* Search: a few rows, then all again. */
  gtk_editable_set_text (ium_fleet_view_get_search_entry (fleet), "inst0042");
  t = g_get_monotonic_time ();
  g_signal_emit_by_name (ium_fleet_view_get_search_entry (fleet), "search-changed");
  next_frame (GTK_WIDGET (window));
  g_print ("search: \"inst0042\" keeps %u rows in %.1f ms;", g_list_model_get_n_items (model),
           ms_since (t));
  gtk_editable_set_text (ium_fleet_view_get_search_entry (fleet), "");
  t = g_get_monotonic_time ();
  g_signal_emit_by_name (ium_fleet_view_get_search_entry (fleet), "search-changed");
  next_frame (GTK_WIDGET (window));
  g_print (" cleared (%u rows) in %.1f ms\n", g_list_model_get_n_items (model), ms_since (t));

  /* Filter by status. */
  t = g_get_monotonic_time ();
  gtk_drop_down_set_selected (ium_fleet_view_get_filter (fleet, "flag"), 2);
  next_frame (GTK_WIDGET (window));
  g_print ("filter: \"Update available\" keeps %u rows in %.1f ms;",
           g_list_model_get_n_items (model), ms_since (t));
  t = g_get_monotonic_time ();
  gtk_drop_down_set_selected (ium_fleet_view_get_filter (fleet, "flag"), 0);
  next_frame (GTK_WIDGET (window));
  g_print (" back to all in %.1f ms\n", ms_since (t));

  /* Sort. */
  t = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (column_view, ium_fleet_view_get_column (fleet, "behind"),
                                  GTK_SORT_DESCENDING);
  next_frame (GTK_WIDGET (window));
  g_print ("sort: by behind in %.1f ms;", ms_since (t));
  t = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (column_view, ium_fleet_view_get_column (fleet, "name"),
                                  GTK_SORT_ASCENDING);
  next_frame (GTK_WIDGET (window));
  g_print (" by name again in %.1f ms\n", ms_since (t));

  /* --hide: what a column costs, by its absence. */
  for (guint i = 0; hide != NULL && hide[i] != NULL; i++)
    {
      GtkColumnViewColumn *column = ium_fleet_view_get_column (fleet, hide[i]);
      if (column == NULL)
        g_error ("bench-gui: --hide: there is no column “%s”", hide[i]);
      gtk_column_view_column_set_visible (column, FALSE);
    }
  /* Scroll through in page steps, one per frame. */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (column_view)));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  recording = TRUE;
  cpu = cpu_ms ();
  t = g_get_monotonic_time ();
  for (int i = 0; i < steps; i++)
    {
      double upper = gtk_adjustment_get_upper (adjustment);
      double page = gtk_adjustment_get_page_size (adjustment);
      double value = (upper - page) * (i + 1) / steps;

      gtk_adjustment_set_value (adjustment, value);
      next_frame (GTK_WIDGET (window));
    }
  recording = FALSE;
  {
    double seconds = ms_since (t) / 1000.0;
    g_array_sort (frame_times, compare_doubles);
    g_print ("scroll: %d page steps through %u rows in %.2f s = %.0f frames/s; frame time "
             "median %.1f ms, 95th percentile %.1f ms, worst %.1f ms; %.1f ms of CPU a frame\n",
             steps, n, seconds, steps / seconds, percentile (frame_times, 0.5),
             percentile (frame_times, 0.95), percentile (frame_times, 1.0),
             (cpu_ms () - cpu) / steps);
  }
  print_resident ("scrolling");

  /* Select one and wait for its details, history included. */
  t = g_get_monotonic_time ();
  ium_fleet_view_select (fleet, "INST05000");
  while (ium_instrument_detail_get_n_history (ium_fleet_view_get_detail (fleet)) == 0)
    g_main_context_iteration (NULL, TRUE);
  next_frame (GTK_WIDGET (window));
  g_print ("select: details of INST05000 with its history in %.1f ms\n", ms_since (t));
  print_resident ("select");

  /* An edit: the write on the worker, a whole new snapshot, and the rows swapped in. */
  {
    guint  loads = 0;
    gulong id = g_signal_connect_swapped (service, "loaded", G_CALLBACK (count_load), &loads);

    t = g_get_monotonic_time ();
    ium_inventory_service_set_pin_async (service, "INST05000", NULL, NULL, NULL, NULL);
    while (loads == 0)
      g_main_context_iteration (NULL, TRUE);
    next_frame (GTK_WIDGET (window));
    g_print ("edit: unpin INST05000, written and the fleet reloaded and drawn in %.0f ms\n",
             ms_since (t));
    g_signal_handler_disconnect (service, id);
  }
  print_resident ("edit");

  /* getrusage()'s peak is reset with VmHWM by clear_refs: the phases' highest is the one. */
  getrusage (RUSAGE_SELF, &usage);
  g_print ("memory: peak resident %.0f MB\n", MAX (peak_of_all, usage.ru_maxrss / 1024.0));

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (frame_times);
  return 0;
}
