/* ium-cli-downtime.c: `ium downtime import FILE.ics` and `ium downtime export`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include "ium-cli-common.h"
#include "ium-ical.h"
#include "ium-planner.h"
#include "ium-store-downtime.h"

static char             **opt_instruments;
static char              *opt_until;
static char              *opt_output;

static const GOptionEntry import_entries[] = {
  { "instrument", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_instruments,
    N_ ("The windows apply to this instrument only (repeat for several; default: every "
        "instrument)"),
    N_ ("NAME") },
  { "until", 0, 0, G_OPTION_ARG_STRING, &opt_until,
    N_ ("Leave out windows that start later than DATE: YYYY-MM-DD (that whole day included) or "
        "an RFC 3339 time (default: two years from now)"),
    N_ ("DATE") },
  { NULL }
};

static const GOptionEntry export_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    N_ ("Write to FILE instead of standard output"), N_ ("FILE") },
  { NULL }
};

static int
run_import (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) windows = NULL;
  g_autoptr (GDateTime) horizon = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *horizon_text = NULL;
  g_auto (GStrv) names = NULL;
  IumStoreChanges changes = { 0 };
  IumStore       *store;
  gsize           length;

  if (opt_until != NULL)
    {
      /* A date means the whole of that day is included. */
      horizon = ium_plan_parse_time (opt_until, TRUE, &error);
      if (horizon == NULL)
        return ium_cli_fail (cli, IUM_EXIT_USAGE, "--until: %s", error->message);
    }
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      horizon = g_date_time_add_years (now, IUM_DOWNTIME_DEFAULT_HORIZON_YEARS);
    }

  if (!g_file_get_contents (argv[0], &contents, &length, &error))
    return ium_cli_fail_error (cli, error);

  /* --instrument LARMOR --instrument LARMOR names LARMOR once. */
  if (opt_instruments != NULL)
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; opt_instruments[i] != NULL; i++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < i && !seen; j++)
            seen = g_str_equal (opt_instruments[j], opt_instruments[i]);
          if (!seen)
            g_strv_builder_add (builder, opt_instruments[i]);
        }
      names = g_strv_builder_end (builder);
    }

  /* Everything is read and checked before the database is touched: a broken file changes
   * nothing. */
  windows = ium_ical_read_windows (contents, length, (const char *const *) names, horizon, &error);
  if (windows == NULL)
    return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("%s: %s\nNothing was imported."), argv[0],
                         error->message);

  if ((store = ium_cli_get_store (cli)) == NULL)
    return IUM_EXIT_USAGE;
  /* The names come from --instrument, or from a file that `ium downtime export` wrote. */
  if (!ium_store_add_windows (store, windows, cli->who, &changes, &error))
    {
      if (g_error_matches (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND))
        return ium_cli_fail (cli, IUM_EXIT_USAGE,
                             _ ("%s: %s; `ium status` lists them\nNothing was imported."), argv[0],
                             error->message);
      return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("%s\nNothing was imported."), error->message);
    }

  horizon_text = g_date_time_format (horizon, "%Y-%m-%d %H:%M UTC");
  if (cli->json)
    {
      g_autoptr (JsonObject) object = json_object_new ();
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

      json_object_set_int_member (object, "windows", windows->len);
      json_object_set_int_member (object, "added", changes.added);
      json_object_set_int_member (object, "changed", changes.changed);
      json_object_set_int_member (
        object, "unchanged", windows->len - MIN (windows->len, changes.added + changes.changed));
      ium_cli_print_json (node);
    }
  else
    /* Translators: the number of windows, the file, the horizon (a UTC time), then three
     * counts of windows. */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Read %u downtime window from %s (up to %s): %u added, %u changed, "
                          "%u already there.\n",
                          "Read %u downtime windows from %s (up to %s): %u added, %u changed, "
                          "%u already there.\n",
                          windows->len),
             windows->len, argv[0], horizon_text, changes.added, changes.changed,
             windows->len - MIN (windows->len, changes.added + changes.changed));
  return IUM_EXIT_OK;
}

static int
run_export (IumCli *cli, int argc, char **argv)
{
  return ium_cli_export_inventory (cli, opt_output, ium_ical_windows_to_data);
}

const IumCliCommand ium_cli_downtime_commands[] = {
  { "downtime", "import", N_ ("FILE.ics"), N_ ("Import downtime windows from an iCalendar file"),
    N_ ("Every event of the file becomes a downtime window labelled with its summary: repeating "
        "events (RRULE, RDATE, EXDATE) are expanded up to --until, times with a TZID are "
        "converted with that zone's daylight-saving rules, and all-day events span 00:00-24:00 "
        "UTC. A window with the same start, end and label as one already there replaces it. "
        "With --instrument the windows apply to those instruments only. A file with any error "
        "changes nothing, and the message gives the line."),
    import_entries, run_import, 1, 1 },
  { "downtime", "export", "", N_ ("Write the downtime windows and cycles as iCalendar"),
    N_ ("Writes every downtime window and operating cycle as an iCalendar file that calendar "
        "applications can import or subscribe to. Cycle events are marked so that importing the "
        "file again brings back the windows only."),
    export_entries, run_export, 0, 0 },
  { NULL }
};
