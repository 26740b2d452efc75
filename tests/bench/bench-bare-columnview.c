/* bench-bare-columnview.c: the yardstick for bench-gui: a bare GtkColumnView of N rows of four
 * text columns, nothing else. It prints the time from main() to the first frame and the
 * peak resident size, measured the same way as bench-gui on the same display.
 *
 *   bench-bare-columnview [--rows N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#include <sys/resource.h>

#include <gtk/gtk.h>

static guint n_paints;

static void
after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  n_paints++;
}

static void
next_frame (GtkWidget *widget)
{
  guint target = n_paints + 1;

  gtk_widget_queue_draw (widget);
  while (n_paints < target)
    g_main_context_iteration (NULL, TRUE);
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0
         + usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  g_autofree char *text = g_strdup_printf ("%s · %u", gtk_string_object_get_string (string),
                                           GPOINTER_TO_UINT (user_data));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

int
main (int argc, char *argv[])
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  int                rows = 10000;
  int                steps = 200;
  int                columns = 4;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Rows (default 10000)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Scroll steps (default 200)", "N" },
    { "columns", 0, 0, G_OPTION_ARG_INT, &columns, "Columns (default 4)", "N" },
    { NULL }
  };
  GtkAdjustment *adjustment;
  double         first_frame, cpu;
  gint64         t;
  GtkStringList *list;
  GtkWidget     *window, *scroller, *view;
  GdkFrameClock *clock;
  struct rusage  usage;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL))
    return 2;

  gtk_init ();
  list = gtk_string_list_new (NULL);
  for (int i = 0; i < rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("INST%05d", i);
      gtk_string_list_append (list, name);
    }
  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (list))));
  for (guint c = 0; c < (guint) columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autofree char    *title = g_strdup_printf ("Column %u", c + 1);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (c));
      GtkColumnViewColumn *column = gtk_column_view_column_new (title, factory);

      /* Every column takes its share of the window, as the fleet's do. */
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  while (n_paints == 0)
    g_main_context_iteration (NULL, TRUE);
  first_frame = (g_get_monotonic_time () - t0) / 1000.0;

  /* Scrolled through in page steps as bench-gui does. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  cpu = cpu_ms ();
  t = g_get_monotonic_time ();
  for (int i = 0; i < steps; i++)
    {
      double upper = gtk_adjustment_get_upper (adjustment);
      double page = gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, (upper - page) * (i + 1) / steps);
      next_frame (window);
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("bare: %d rows of %d columns, first frame %.0f ms after main(); %d page steps in %.2f "
           "s, %.1f ms "
           "of CPU a frame; peak resident %.0f MB\n",
           rows, columns, first_frame, steps, (g_get_monotonic_time () - t) / 1e6,
           (cpu_ms () - cpu) / steps, usage.ru_maxrss / 1024.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
