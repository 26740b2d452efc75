/* bench-plan.c: how long the planner takes on a large inventory.
 *
 * Loads an inventory file into memory, builds the fleet once, and times ium_plan_new(), the
 * function behind `ium plan`, for a target release (default: the newest official one). The
 * inventories of gen-inventory.py have two years of weekly windows from 2027-01-05, so the
 * plan starts on 2027-01-01 unless --from says otherwise.
 *
 *   bench-plan FILE [--release VERSION] [--from DATE] [--until DATE] [--per-day N]
 *              [--hours N] [--soak N] [--wave SELECTORS]... [--runs N]
 *
 * Prints the instruments, the scheduled, unscheduled and skipped counts, and the median
 * seconds of ium_plan_new() over the runs, e.g.
 * "plan: 10000 instruments, 1234 scheduled, 8000 unscheduled, 766 skipped in 0.045 s".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "ium-fleet.h"
#include "ium-inventory-file.h"
#include "ium-planner.h"

static char              *release;
static char              *from = NULL;
static char              *until = NULL;
static int                per_day = -1;
static int                hours = -1;
static int                soak = -1;
static char             **waves;
static int                runs = 3;

static const GOptionEntry entries[] = {
  { "release", 'r', 0, G_OPTION_ARG_STRING, &release,
    "Target release (default: the newest official)", "VERSION" },
  { "from", 0, 0, G_OPTION_ARG_STRING, &from, "Start of the plan (default 2027-01-01)", "DATE" },
  { "until", 0, 0, G_OPTION_ARG_STRING, &until, "End of the plan (default: none)", "DATE" },
  { "per-day", 0, 0, G_OPTION_ARG_INT, &per_day, "Upgrades per day (default: the policy's)", "N" },
  { "hours", 0, 0, G_OPTION_ARG_INT, &hours, "Hours per upgrade (default: the policy's)", "N" },
  { "soak", 0, 0, G_OPTION_ARG_INT, &soak, "Soak days (default: the policy's)", "N" },
  { "wave", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &waves, "A wave's selectors (repeatable)",
    "SELECTORS" },
  { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs; the median is printed (default 3)", "N" },
  { NULL }
};

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (IumInventoryFile) loaded = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autofree double *times = NULL;
  IumInventory      *inventory;
  gint64             start;
  double             load_seconds, fleet_seconds;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("FILE - time the planner on an inventory file");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("bench-plan: %s\n", error != NULL ? error->message : "give one FILE");
      return 2;
    }

  start = g_get_monotonic_time ();
  file = g_file_new_for_commandline_arg (argv[1]);
  loaded = ium_inventory_file_load (file, NULL, &error);
  if (loaded == NULL)
    {
      g_printerr ("bench-plan: %s\n", error->message);
      return 1;
    }
  inventory = ium_inventory_file_get_inventory (loaded);
  load_seconds = seconds_since (start);

  start = g_get_monotonic_time ();
  fleet = ium_fleet_new (inventory);
  fleet_seconds = seconds_since (start);

  if (release == NULL)
    {
      IumRelease *newest = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);

      if (newest == NULL)
        {
          g_printerr ("bench-plan: the inventory has no official release; give --release\n");
          return 1;
        }
      release = g_strdup (ium_release_get_version_text (newest));
    }

  request = ium_plan_request_new (inventory, release);
  g_date_time_unref (request->from);
  request->from = ium_plan_parse_time (from != NULL ? from : "2027-01-01", FALSE, &error);
  if (request->from == NULL)
    {
      g_printerr ("bench-plan: --from: %s\n", error->message);
      return 2;
    }
  if (until != NULL)
    {
      request->until = ium_plan_parse_time (until, TRUE, &error);
      if (request->until == NULL)
        {
          g_printerr ("bench-plan: --until: %s\n", error->message);
          return 2;
        }
    }
  if (per_day >= 0)
    request->per_day = (guint) per_day;
  if (hours >= 0)
    request->hours = (guint) hours;
  if (soak >= 0)
    request->soak_days = (guint) soak;
  for (guint i = 0; waves != NULL && waves[i] != NULL; i++)
    ium_plan_request_add_wave (request, waves[i]);

  times = g_new0 (double, runs);
  for (int run = 0; run < runs; run++)
    {
      g_clear_object (&plan);
      start = g_get_monotonic_time ();
      plan = ium_plan_new (fleet, request, NULL, &error);
      times[run] = seconds_since (start);
      if (plan == NULL)
        {
          g_printerr ("bench-plan: %s\n", error->message);
          return 1;
        }
    }
  qsort (times, runs, sizeof (double), compare_doubles);

  g_print ("loaded in %.3f s, fleet in %.3f s; release %s, per day %u, %u h, soak %u d\n",
           load_seconds, fleet_seconds, ium_plan_get_release (plan), request->per_day,
           request->hours, request->soak_days);
  g_print ("plan: %u instruments, %u scheduled, %u unscheduled, %u skipped in %.6f s\n",
           g_list_model_get_n_items (ium_inventory_get_instruments (inventory)),
           ium_plan_get_upgrades (plan)->len, ium_plan_get_unscheduled (plan)->len,
           ium_plan_get_skipped (plan)->len, times[runs / 2]);

  g_free (release);
  g_free (from);
  g_free (until);
  g_strfreev (waves);
  return 0;
}
