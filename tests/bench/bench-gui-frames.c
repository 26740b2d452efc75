/* bench-gui-frames.c: frame timing for the GUI benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#include "bench-gui-frames.h"

static guint    n_paints;
static gint64   last_paint;
static GArray  *frame_times; /* of double */
static gboolean recording;

static void
after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (recording && last_paint != 0)
    {
      double ms = (now - last_paint) / 1000.0;
      g_array_append_val (frame_times, ms);
    }
  last_paint = now;
  n_paints++;
}

void
bench_frames_watch (GtkWidget *window)
{
  if (frame_times == NULL)
    frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb),
                    NULL);
}

void
bench_frames_next (GtkWidget *widget)
{
  guint target = n_paints + 1;

  gtk_widget_queue_draw (widget);
  while (n_paints < target)
    g_main_context_iteration (NULL, TRUE);
}

void
bench_frames_record (gboolean on)
{
  recording = on;
}

GArray *
bench_frames_get_times (void)
{
  if (frame_times == NULL)
    frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  return frame_times;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
bench_percentile (GArray *values, double p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) (p * (values->len - 1) + 0.5));
}

double
bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}
