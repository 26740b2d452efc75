/* bench-gui-planner.c: the rollout planner of the GTK application on a large facility.
 *
 * Starts the real window on a database (import a gen-inventory.py file into it first), shows
 * the planner and measures, printing one line each:
 *
 *   plan      from showing the planner to its first plan drawn (form check, ium_plan_new()
 *             on the worker thread, the list's rows and the timeline's data, then a frame)
 *   replan    the per-day limit changed, to the new plan drawn: the median and worst of
 *             --runs changes, with and without the 150 ms the form waits for typing to stop
 *   stall     the longest the main loop went without running while the re-plans were
 *             computed and shown (a 5 ms timer measures it): what "the window never freezes"
 *             means in numbers
 *   timeline  the timeline with every instrument a row: frame times while it is scrolled
 *             through in page steps (the real frame clock: snapshot, render, present), and
 *             the snapshot alone and snapshot plus GSK render of one frame, each the median
 *             of 50, at the top, the middle and the bottom, zoomed out and in
 *   memory    the process's peak resident size
 *
 *   bench-gui-planner DATABASE [--runs N] [--from DATE]
 *
 * A benchmark, not a test: it never fails because a figure is slow. Run it under a display
 * (tests/bench/run-bench-gui.sh --planner starts Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "bench-gui-frames.h"
#include "ium-application.h"
#include "ium-main-window.h"
#include "rollout/ium-rollout-view.h"
#include "rollout/ium-timeline.h"

static double   worst_stall; /* ms */
static gint64   last_tick;
static gboolean watching;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (watching && last_tick != 0)
    worst_stall = MAX (worst_stall, (now - last_tick) / 1000.0);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
wait_plan (IumRolloutView *view, guint before)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (ium_rollout_view_get_n_plans (view) <= before || ium_rollout_view_get_busy (view))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("bench-gui-planner: no plan after 120 s");
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The snapshot of @timeline alone, and with the GSK render of it: ms, the median of @n. */
static void
time_frames (GtkWidget *timeline, guint n, double *snapshot_ms, double *render_ms)
{
  g_autoptr (GArray) snaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) renders = g_array_new (FALSE, FALSE, sizeof (double));
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (timeline));
  int          width = gtk_widget_get_width (timeline), height = gtk_widget_get_height (timeline);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) node = NULL;
      g_autoptr (GdkTexture) texture = NULL;
      gint64 t = g_get_monotonic_time ();
      double ms;

      /* The widget's own drawing, as GTK asks for it each frame (a paintable would hand back
       * the node cached from the last frame). */
      GTK_WIDGET_GET_CLASS (timeline)->snapshot (timeline, snapshot);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      ms = bench_ms_since (t);
      g_array_append_val (snaps, ms);
      texture =
        gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
      ms = bench_ms_since (t);
      g_array_append_val (renders, ms);
    }
  *snapshot_ms = bench_percentile (snaps, 0.5);
  *render_ms = bench_percentile (renders, 0.5);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("DATABASE");
  g_autoptr (GError) error = NULL;
  g_autoptr (IumApplication) application = NULL;
  g_autoptr (GArray) replans = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char   *from = NULL;
  int                runs = 5, steps = 100;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Re-plans to time (default 5)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Scroll steps (default 100)", "N" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "The plan's start (default: today)", "DATE" },
    { NULL }
  };
  IumMainWindow          *window;
  IumInventoryService    *service;
  IumRolloutView         *view;
  GtkWidget              *timeline;
  GtkAdjustment          *vadjustment;
  const IumPlannerResult *result;
  struct rusage           usage;
  gint64                  t;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: bench-gui-planner DATABASE [--runs N] [--steps N] [--from DATE]\n");
      return 2;
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = ium_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  window = ium_main_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  service = ium_main_window_get_service (window);
  view = IUM_ROLLOUT_VIEW (ium_main_window_get_view (window, "rollout"));
  timeline = GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (view), IUM_TYPE_ROLLOUT_VIEW, "timeline"));
  ium_main_window_open (window, argv[1], FALSE, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  bench_frames_watch (GTK_WIDGET (window));
  while (ium_inventory_service_get_loading (service)
         || ium_inventory_service_get_inventory (service) == NULL)
    {
      if (ium_inventory_service_get_error (service) != NULL)
        {
          g_printerr ("bench-gui-planner: %s\n",
                      ium_inventory_service_get_error (service)->message);
          return 1;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_timeout_add (5, tick_cb, NULL);

  /* The first plan, from the moment the planner is shown (a hidden planner does not plan,
   * so the start date is set before). */
  if (from != NULL)
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (
                             GTK_WIDGET (view), IUM_TYPE_ROLLOUT_VIEW, "from_entry")),
                           from);
  watching = TRUE;
  t = g_get_monotonic_time ();
  ium_main_window_show_view (window, "rollout");
  wait_plan (view, 0);
  bench_frames_next (GTK_WIDGET (window));
  result = ium_rollout_view_get_result (view);
  g_print ("plan: %u instruments (%u scheduled, %u unscheduled, %u not in the rollout) "
           "planned and drawn %.0f ms after the planner was shown (the main loop's longest "
           "pause meanwhile %.0f ms)\n",
           result->rows->len, result->n_scheduled, result->n_unscheduled, result->n_skipped,
           bench_ms_since (t), worst_stall);
  worst_stall = 0;

  /* Re-plans: the per-day limit between 2 and 3. */
  for (int i = 0; i < runs; i++)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (
        gtk_widget_get_template_child (GTK_WIDGET (view), IUM_TYPE_ROLLOUT_VIEW, "per_day_spin"));
      guint  before = ium_rollout_view_get_n_plans (view);
      double ms;

      t = g_get_monotonic_time ();
      gtk_spin_button_set_value (spin, i % 2 == 0 ? 2 : 3);
      wait_plan (view, before);
      bench_frames_next (GTK_WIDGET (window));
      ms = bench_ms_since (t);
      g_array_append_val (replans, ms);
    }
  watching = FALSE;
  {
    double median = bench_percentile (replans, 0.5), worst = bench_percentile (replans, 1.0);
    g_print ("replan: per-day changed %d times: new plan drawn after median %.0f ms, worst "
             "%.0f ms (of which 150 ms is the pause for typing: %.0f ms and %.0f ms of work)\n",
             runs, median, worst, median - 150, worst - 150);
  }
  g_print ("stall: the main loop's longest pause while re-planning: %.1f ms\n", worst_stall);

  /* The timeline scrolled through, with every row. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (timeline));
  bench_frames_record (TRUE);
  t = g_get_monotonic_time ();
  for (int i = 0; i < steps; i++)
    {
      double upper = gtk_adjustment_get_upper (vadjustment);
      double page = gtk_adjustment_get_page_size (vadjustment);

      gtk_adjustment_set_value (vadjustment, (upper - page) * (i + 1) / steps);
      bench_frames_next (GTK_WIDGET (window));
    }
  bench_frames_record (FALSE);
  {
    double seconds = bench_ms_since (t) / 1000.0;
    g_print ("timeline: %u rows scrolled in %d page steps: %.0f frames/s; frame time median "
             "%.1f ms, 95th percentile %.1f ms, worst %.1f ms\n",
             ium_timeline_layout_get_n_rows (ium_timeline_get_layout (IUM_TIMELINE (timeline))),
             steps, steps / seconds, bench_percentile (bench_frames_get_times (), 0.5),
             bench_percentile (bench_frames_get_times (), 0.95),
             bench_percentile (bench_frames_get_times (), 1.0));
  }

  {
    const struct
    {
      const char *where;
      double      position;
      double      zoom;
    } cases[] = {
      { "top", 0.0, 1.0 },
      { "middle", 0.5, 1.0 },
      { "bottom", 1.0, 1.0 },
      { "middle, zoomed out 4×", 0.5, 0.25 },
      { "middle, zoomed in 4×", 0.5, 16.0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        double upper = gtk_adjustment_get_upper (vadjustment);
        double page = gtk_adjustment_get_page_size (vadjustment);
        double snapshot_ms, render_ms;

        if (cases[i].zoom != 1.0)
          ium_timeline_zoom (IUM_TIMELINE (timeline), cases[i].zoom);
        gtk_adjustment_set_value (vadjustment, (upper - page) * cases[i].position);
        bench_frames_next (GTK_WIDGET (window));
        time_frames (timeline, 50, &snapshot_ms, &render_ms);
        g_print ("timeline frame (%s, %d×%d): snapshot %.2f ms, snapshot and render %.2f ms\n",
                 cases[i].where, gtk_widget_get_width (timeline), gtk_widget_get_height (timeline),
                 snapshot_ms, render_ms);
      }
  }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("memory: peak resident %.0f MB\n", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
