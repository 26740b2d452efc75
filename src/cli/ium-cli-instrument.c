/* ium-cli-instrument.c: `ium instrument pin | unpin | busy | free`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include "ium-cli-common.h"

static char              *opt_note;

static const GOptionEntry busy_entries[] = {
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_note,
    N_ ("What the instrument is busy with (shown to whoever plans an upgrade)"), N_ ("TEXT") },
  { NULL }
};

static int
finish (IumCli *cli, gboolean ok, GError *error, const char *done)
{
  if (!ok)
    return ium_cli_fail_error (cli, error);
  if (!cli->json)
    g_print ("%s\n", done);
  return IUM_EXIT_OK;
}

static int
run_pin (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = g_strdup_printf (_ ("%s is pinned to %s."), argv[0], argv[1]);
  IumStore        *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  gboolean ok = ium_store_set_pin (store, argv[0], argv[1], cli->who, &error);

  return finish (cli, ok, error, done);
}

static int
run_unpin (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = g_strdup_printf (_ ("%s is no longer pinned."), argv[0]);
  IumStore        *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  gboolean ok = ium_store_set_pin (store, argv[0], NULL, cli->who, &error);

  return finish (cli, ok, error, done);
}

static int
run_busy (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = g_strdup_printf (_ ("%s is marked busy."), argv[0]);
  IumStore        *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  gboolean ok = ium_store_set_busy (store, argv[0], TRUE, opt_note, cli->who, &error);

  return finish (cli, ok, error, done);
}

static int
run_free (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = g_strdup_printf (_ ("%s is no longer busy."), argv[0]);
  IumStore        *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  gboolean ok = ium_store_set_busy (store, argv[0], FALSE, NULL, cli->who, &error);

  return finish (cli, ok, error, done);
}

const IumCliCommand ium_cli_instrument_commands[] = {
  { "instrument", "pin", N_ ("NAME RELEASE"), N_ ("Pin an instrument to a release"),
    N_ ("The instrument's target becomes RELEASE instead of the newest official release."), NULL,
    run_pin, 2, 2 },
  { "instrument", "unpin", N_ ("NAME"), N_ ("Remove an instrument's pin"), NULL, NULL, run_unpin, 1,
    1 },
  { "instrument", "busy", N_ ("NAME"), N_ ("Mark an instrument busy (an experiment, a long job)"),
    N_ ("A busy instrument shows the busy flag; starting its upgrade needs --force."), busy_entries,
    run_busy, 1, 1 },
  { "instrument", "free", N_ ("NAME"), N_ ("Mark a busy instrument free again"), NULL, NULL,
    run_free, 1, 1 },
  { NULL }
};
