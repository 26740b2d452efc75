/* ium-cli-report.c: `ium report RELEASE --format F [-o FILE] [--days N]`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "ium-cli-common.h"
#include "ium-report.h"

static char              *opt_format;
static char              *opt_output;
static char              *opt_days;

static const GOptionEntry report_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    N_ ("html, md, csv, json or pdf (default: from the extension of -o)"), N_ ("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    N_ ("Write to FILE (atomically) instead of standard output"), N_ ("FILE") },
  { "days", 0, 0, G_OPTION_ARG_STRING, &opt_days,
    N_ ("Clients seen in the last N days (default 30)"), N_ ("N") },
  { NULL }
};

/* The format named by @path's extension, if it names one. */
static gboolean
format_from_path (const char *path, IumReportFormat *format)
{
  static const struct
  {
    const char     *suffix;
    IumReportFormat format;
  } suffixes[] = {
    { ".html", IUM_REPORT_FORMAT_HTML },   { ".htm", IUM_REPORT_FORMAT_HTML },
    { ".md", IUM_REPORT_FORMAT_MARKDOWN }, { ".markdown", IUM_REPORT_FORMAT_MARKDOWN },
    { ".csv", IUM_REPORT_FORMAT_CSV },     { ".json", IUM_REPORT_FORMAT_JSON },
    { ".pdf", IUM_REPORT_FORMAT_PDF },
  };
  g_autofree char *lower = NULL;

  if (path == NULL)
    return FALSE;
  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i].suffix))
      {
        *format = suffixes[i].format;
        return TRUE;
      }
  return FALSE;
}

static int
run_report (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumReport) report = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const char     *release = argv[0];
  gboolean        to_stdout = opt_output == NULL || g_str_equal (opt_output, "-");
  IumReportFormat format;
  guint64         days = IUM_REPORT_DEFAULT_DAYS;
  IumStore       *store;

  /* Every argument is checked before the database is opened. */
  if (opt_format != NULL)
    {
      if (!ium_report_format_from_string (opt_format, &format, &error))
        return ium_cli_fail (cli, IUM_EXIT_USAGE, "--format: %s", error->message);
    }
  else if (cli->json)
    format = IUM_REPORT_FORMAT_JSON;
  else if (!format_from_path (to_stdout ? NULL : opt_output, &format))
    return ium_cli_fail (cli, IUM_EXIT_USAGE,
                         _ ("give --format html, md, csv, json or pdf (or -o FILE with one of "
                            "those extensions)"));

  if (opt_days != NULL
      && !g_ascii_string_to_unsigned (opt_days, 10, 1, IUM_REPORT_MAX_DAYS, &days, NULL))
    return ium_cli_fail (cli, IUM_EXIT_USAGE,
                         _ ("--days: “%s” is not a whole number of days from 1 to %u"), opt_days,
                         IUM_REPORT_MAX_DAYS);

  /* A PDF on a terminal is noise; redirected or piped, it is what the user asked for. */
  if (to_stdout && ium_report_format_is_binary (format) && isatty (STDOUT_FILENO))
    return ium_cli_fail (cli, IUM_EXIT_USAGE,
                         _ ("a PDF is binary: give -o FILE.pdf, or redirect standard output"));

  if ((store = ium_cli_get_store (cli)) == NULL)
    return IUM_EXIT_USAGE;
  report = ium_report_new (store, release, (guint) days, NULL, NULL, NULL, NULL, &error);
  if (report == NULL)
    return ium_cli_fail_error (cli, error);

  if (!to_stdout)
    {
      if (!ium_report_save (report, format, opt_output, NULL, &error))
        return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("cannot write “%s”: %s"), opt_output,
                             error->message);
      return IUM_EXIT_OK;
    }

  if ((bytes = ium_report_render (report, format, NULL, &error)) == NULL)
    return ium_cli_fail_error (cli, error);
  {
    gsize       length;
    const char *data = g_bytes_get_data (bytes, &length);
    return ium_cli_write_output (cli, NULL, data, length);
  }
}

const IumCliCommand ium_cli_report_commands[] = {
  { "report", NULL, N_ ("RELEASE"), N_ ("Write the release report (html, md, csv, json or pdf)"),
    N_ ("What runs where, what is behind, what is planned and done for RELEASE, and which "
        "clients seen in the last --days days are out of date or incompatible. Every format "
        "says the same thing: html is one self-contained page with charts, pdf is A4 for "
        "printing, md is for wikis and mail, csv has one row per instrument, json is for "
        "scripts. Without -o the report goes to standard output (a PDF only when it is "
        "redirected). With -o the file is written to a temporary file and renamed, so an error "
        "leaves no partial file."),
    report_entries, run_report, 1, 1 },
  { NULL }
};
