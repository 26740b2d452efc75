/* ium-cli-plan.c: `ium plan RELEASE`: a staged rollout schedule, printed, and saved on request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include <errno.h>

#include "ium-cli-common.h"
#include "ium-fleet.h"
#include "ium-ical.h"
#include "ium-planner.h"
#include "ium-rollouts.h"

static char             **opt_waves;
static char              *opt_from;
static char              *opt_until;
static char              *opt_per_day;
static char              *opt_hours;
static char              *opt_soak;
static char              *opt_save;
static char              *opt_max_failures;
static gboolean           opt_strict;
static char              *opt_ics;

static const GOptionEntry plan_entries[] = {
  { "wave", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_waves,
    /* Translators: tag:X, site:X and rest are selector syntax and stay as they are. */
    N_ ("A wave: comma-separated instrument names, tag:X, site:X or rest (repeat, in order)"),
    N_ ("SEL") },
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from,
    N_ ("When wave 1 starts: YYYY-MM-DD (00:00 UTC) or an RFC 3339 time (default: now)"),
    N_ ("DATE") },
  { "until", 0, 0, G_OPTION_ARG_STRING, &opt_until,
    N_ ("Nothing may end after this: YYYY-MM-DD (the end of that day) or an RFC 3339 time"),
    N_ ("DATE") },
  { "per-day", 0, 0, G_OPTION_ARG_STRING, &opt_per_day,
    N_ ("Upgrades that may start on one UTC day (default: the policy's)"), N_ ("N") },
  { "hours", 0, 0, G_OPTION_ARG_STRING, &opt_hours,
    N_ ("How long one upgrade takes (default: the policy's)"), N_ ("H") },
  { "soak", 0, 0, G_OPTION_ARG_STRING, &opt_soak,
    N_ ("Days between the end of one wave and the start of the next (default: the policy's)"),
    N_ ("DAYS") },
  { "save", 0, 0, G_OPTION_ARG_STRING, &opt_save,
    N_ ("Save the plan as rollout NAME; re-saving keeps what already happened"), N_ ("NAME") },
  { "max-failures", 0, 0, G_OPTION_ARG_STRING, &opt_max_failures,
    N_ ("Failures in one wave that pause the saved rollout (default 1, or what it was when "
        "re-saved)"),
    N_ ("N") },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict,
    N_ ("Exit 1 when any instrument cannot be scheduled"), NULL },
  { "ics", 0, 0, G_OPTION_ARG_FILENAME, &opt_ics,
    N_ ("Also write the schedule as iCalendar to FILE, for staff calendars"), N_ ("FILE") },
  { NULL }
};

/* Parses a whole number option; FALSE after printing what is wrong. */
static gboolean
parse_count (IumCli *cli, const char *option, const char *text, guint minimum, guint *value)
{
  guint64 number;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, minimum, G_MAXUINT32, &number, NULL))
    {
      /* Translators: an option (--per-day), its value, the smallest number it takes. */
      ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("%s “%s” is not a whole number of at least %u"), option,
                    text, minimum);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

static char *
format_when (GDateTime *start, GDateTime *end)
{
  g_autoptr (GDateTime) s = g_date_time_to_utc (start);
  g_autoptr (GDateTime) e = g_date_time_to_utc (end);
  g_autofree char *day = g_date_time_format (s, "%Y-%m-%d %H:%M");

  if (g_date_time_get_year (s) == g_date_time_get_year (e)
      && g_date_time_get_day_of_year (s) == g_date_time_get_day_of_year (e))
    {
      g_autofree char *until = g_date_time_format (e, "%H:%M");
      return g_strdup_printf ("%s–%s UTC", day, until);
    }
  else
    {
      g_autofree char *until = g_date_time_format (e, "%Y-%m-%d %H:%M");
      return g_strdup_printf ("%s – %s UTC", day, until);
    }
}

static void
print_plan (IumPlan *plan)
{
  GPtrArray *upgrades = ium_plan_get_upgrades (plan);
  GPtrArray *unscheduled = ium_plan_get_unscheduled (plan);
  GPtrArray *skipped = ium_plan_get_skipped (plan);
  guint      n_waves = ium_plan_get_n_waves (plan);
  gsize      width = 0;

  for (guint i = 0; i < upgrades->len; i++)
    width =
      MAX (width, strlen (((IumPlannedUpgrade *) g_ptr_array_index (upgrades, i))->instrument));

  /* Translators: the release, then three counts of instruments. */
  g_print (_ ("Rollout of %s: %u scheduled, %u unscheduled, %u skipped.\n"),
           ium_plan_get_release (plan), upgrades->len, unscheduled->len, skipped->len);

  for (guint wave = 1; wave <= n_waves; wave++)
    {
      guint n = 0;

      for (guint i = 0; i < upgrades->len; i++)
        n += ((IumPlannedUpgrade *) g_ptr_array_index (upgrades, i))->wave == wave;
      g_print (
        g_dngettext (GETTEXT_PACKAGE, "\nWave %u (%u upgrade)\n", "\nWave %u (%u upgrades)\n", n),
        wave, n);
      for (guint i = 0; i < upgrades->len; i++)
        {
          IumPlannedUpgrade *upgrade = g_ptr_array_index (upgrades, i);
          g_autofree char   *when = NULL;

          if (upgrade->wave != wave)
            continue;
          when = format_when (upgrade->start, upgrade->end);
          g_print ("  %s  %-*s  (%s)\n", when, (int) width, upgrade->instrument,
                   upgrade->window ? upgrade->window : "");
        }
    }

  if (unscheduled->len > 0)
    {
      g_print ("\n%s\n", _ ("Unscheduled"));
      for (guint i = 0; i < unscheduled->len; i++)
        {
          IumPlannedUpgrade *upgrade = g_ptr_array_index (unscheduled, i);
          /* Translators: an instrument, its wave, and why it could not be scheduled. */
          g_print (_ ("  %s (wave %u): %s\n"), upgrade->instrument, upgrade->wave,
                   upgrade->reason ? upgrade->reason : _ ("no window"));
        }
    }
  if (skipped->len > 0)
    {
      g_print ("\n%s\n", _ ("Skipped"));
      for (guint i = 0; i < skipped->len; i++)
        {
          IumPlannedUpgrade *upgrade = g_ptr_array_index (skipped, i);
          g_print ("  %s: %s\n", upgrade->instrument, upgrade->reason ? upgrade->reason : "");
        }
    }
}

static int
run_plan (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumPlan) plan = NULL;
  guint max_failures = 1;

  if (opt_max_failures != NULL && opt_save == NULL)
    return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("--max-failures goes with --save NAME"));
  /* Before anything is planned or written (--ics), so a bad name changes nothing. */
  if (opt_save != NULL && !ium_rollout_check_name (opt_save, &error))
    return ium_cli_fail (cli, IUM_EXIT_USAGE, "--save: %s", error->message);

  if ((inventory = ium_cli_load_inventory (cli)) == NULL)
    return IUM_EXIT_USAGE;
  request = ium_plan_request_new (inventory, argv[0]);

  for (guint i = 0; opt_waves != NULL && opt_waves[i] != NULL; i++)
    ium_plan_request_add_wave (request, opt_waves[i]);

  if (opt_from != NULL)
    {
      GDateTime *from = ium_plan_parse_time (opt_from, FALSE, &error);
      if (from == NULL)
        return ium_cli_fail (cli, IUM_EXIT_USAGE, "--from: %s", error->message);
      g_clear_pointer (&request->from, g_date_time_unref);
      request->from = from;
    }
  if (opt_until != NULL)
    {
      GDateTime *until = ium_plan_parse_time (opt_until, TRUE, &error);
      if (until == NULL)
        return ium_cli_fail (cli, IUM_EXIT_USAGE, "--until: %s", error->message);
      g_clear_pointer (&request->until, g_date_time_unref);
      request->until = until;
    }
  if (!parse_count (cli, "--per-day", opt_per_day, 1, &request->per_day)
      || !parse_count (cli, "--hours", opt_hours, 1, &request->hours)
      || !parse_count (cli, "--soak", opt_soak, 0, &request->soak_days)
      || !parse_count (cli, "--max-failures", opt_max_failures, 1, &max_failures))
    return IUM_EXIT_USAGE;

  fleet = ium_fleet_new (inventory);
  if (opt_save != NULL)
    {
      /* 0: the saved rollout's threshold, unless --max-failures changes it. */
      if (opt_max_failures == NULL)
        max_failures = 0;
      plan = ium_rollout_replan (cli->store, fleet, opt_save, request, &max_failures, NULL, &error);
    }
  else
    plan = ium_plan_new (fleet, request, NULL, &error);
  if (plan == NULL)
    return ium_cli_fail_error (cli, error);

  if (opt_ics != NULL)
    {
      gsize            length = 0;
      g_autofree char *ics = ium_ical_plan_to_data (plan, &length);
      int              status = ium_cli_write_file (cli, "--ics", opt_ics, ics, length);

      if (status != IUM_EXIT_OK)
        return status;
    }

  if (opt_save != NULL)
    {
      g_autofree char *request_text = ium_plan_request_to_text (request);

      if (!ium_rollout_save (cli->store, opt_save, plan, request_text, max_failures, cli->who,
                             &error))
        return ium_cli_fail_error (cli, error);
    }

  if (cli->json)
    {
      g_autoptr (JsonNode) node = ium_plan_to_json (plan);
      ium_cli_print_json (node);
    }
  else
    {
      print_plan (plan);
      if (opt_save != NULL)
        /* Translators: both %s are the rollout's name; the commands stay English. */
        g_print (_ ("\nSaved as rollout %s. Take the deploy token ('ium token take') before "
                    "marking upgrades with 'ium rollout mark %s INSTRUMENT in-progress'.\n"),
                 opt_save, opt_save);
    }

  if (opt_strict && ium_plan_get_unscheduled (plan)->len > 0)
    {
      guint n = ium_plan_get_unscheduled (plan)->len;

      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "ium plan: %u instrument could not be scheduled (--strict)\n",
                               "ium plan: %u instruments could not be scheduled (--strict)\n", n),
                  n);
      return IUM_EXIT_FAILURE;
    }
  return IUM_EXIT_OK;
}

const IumCliCommand ium_cli_plan_commands[] = {
  { "plan", NULL, N_ ("RELEASE"), N_ ("Plan a staged rollout of RELEASE"),
    N_ ("Each instrument is placed in the earliest downtime window that applies to it, wave by "
        "wave, with a soak period between waves; no non-patch upgrade during a frozen cycle. "
        "Exit 1 with --strict when an instrument cannot be scheduled."),
    plan_entries, run_plan, 1, 1 },
  { NULL }
};
