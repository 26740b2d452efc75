/* bench-report.c: how long a release report takes, stage by stage, in process.
 *
 * Opens a database, builds the report of RELEASE (the inventory, the fleet, the rollouts and
 * the client log), then renders every format, and prints the median of --runs runs of each:
 *
 *   bench-report DB RELEASE [--runs N] [--days N]
 *
 *   build: 0.181 s (10000 instruments, 1 rollout, 2046 clients)
 *   html: 0.104 s (5.9 MB)
 *   ...
 *   pdf layout: 0.9 s (297 pages)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "ium-report.h"
#include "ium-report-pages.h"

static gint               runs = 3;
static gint               days = IUM_REPORT_DEFAULT_DAYS;

static const GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &runs,
    "Runs of each stage; the median is printed (default 3)", "N" },
  { "days", 'd', 0, G_OPTION_ARG_INT, &days, "The client window (default 30)", "N" },
  { NULL }
};

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("DB RELEASE - time a release report");
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = NULL;
  g_autoptr (IumReport) report = NULL;
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_rollouts, n_clients;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 || runs < 1)
    {
      g_printerr ("bench-report: %s\nUsage: bench-report DB RELEASE [--runs N] [--days N]\n",
                  error ? error->message : "bad arguments");
      return 2;
    }
  if ((store = ium_store_open_existing (argv[1], &error)) == NULL)
    {
      g_printerr ("bench-report: %s\n", error->message);
      return 2;
    }

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      g_clear_object (&report);
      report = ium_report_new (store, argv[2], (guint) days, NULL, NULL, NULL, NULL, &error);
      if (report == NULL)
        {
          g_printerr ("bench-report: %s\n", error->message);
          return 2;
        }
      t = seconds_since (start);
      g_array_append_val (times, t);
    }
  ium_report_get_rollouts (report, &n_rollouts);
  ium_report_get_clients (report, &n_clients);
  g_print ("build: %.3f s (%u instruments, %u rollouts, %u clients to update)\n", median (times),
           ium_report_get_summary (report)->n_instruments, n_rollouts, n_clients);

  for (IumReportFormat format = IUM_REPORT_FORMAT_HTML; format <= IUM_REPORT_FORMAT_PDF; format++)
    {
      gsize size = 0;

      g_array_set_size (times, 0);
      for (int i = 0; i < runs; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr (GBytes) bytes = ium_report_render (report, format, NULL, &error);
          double t = seconds_since (start);

          if (bytes == NULL)
            {
              g_printerr ("bench-report: %s\n", error->message);
              return 1;
            }
          size = g_bytes_get_size (bytes);
          g_array_append_val (times, t);
        }
      g_print ("%s: %.3f s (%.1f MB)\n", ium_report_format_to_string (format), median (times),
               size / 1e6);
    }

  /* The PDF's layout alone, which the GUI's print preview pays once. */
  g_array_set_size (times, 0);
  {
    guint n_pages = 0;

    for (int i = 0; i < runs; i++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr (IumReportPages) pages = ium_report_pages_new (
          report, IUM_REPORT_PAGE_A4_WIDTH, IUM_REPORT_PAGE_A4_HEIGHT, NULL, &error);
        double t = seconds_since (start);

        n_pages = ium_report_pages_get_n_pages (pages);
        g_array_append_val (times, t);
      }
    g_print ("pdf layout: %.3f s (%u pages)\n", median (times), n_pages);
  }
  return 0;
}
