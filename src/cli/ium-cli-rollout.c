/* ium-cli-rollout.c: `ium rollout list | show | mark | resume`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include "ium-cli-common.h"
#include "ium-rollouts.h"

static char              *opt_note;
static gboolean           opt_force;

static const GOptionEntry mark_entries[] = {
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_note, N_ ("What happened (kept with the state)"),
    N_ ("TEXT") },
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force,
    N_ ("Start the upgrade of a busy instrument anyway (audited)"), NULL },
  { NULL }
};

static void
count_states (IumRollout *rollout, guint counts[6], guint *n_waves)
{
  *n_waves = 0;
  for (guint i = 0; i < 6; i++)
    counts[i] = 0;
  for (guint i = 0; i < rollout->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, i);
      counts[upgrade->state]++;
      *n_waves = MAX (*n_waves, upgrade->wave);
    }
}

static int
run_list (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rollouts = NULL;
  IumStore *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  if ((rollouts = ium_rollout_list (store, &error)) == NULL)
    return ium_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr (JsonNode) root = ium_cli_new_object_node ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < rollouts->len; i++)
        json_array_add_element (array, ium_rollout_to_json (g_ptr_array_index (rollouts, i)));
      json_object_set_array_member (json_node_get_object (root), "rollouts", array);
      ium_cli_print_json (root);
      return IUM_EXIT_OK;
    }

  if (rollouts->len == 0)
    {
      g_print (_ ("No saved rollouts. Save one with 'ium plan RELEASE --save NAME'.\n"));
      return IUM_EXIT_OK;
    }

  {
    /* Translators: the column headings of 'ium rollout list', in capitals. PLANNED to FAILED
     * count the upgrades in each state. */
    const char *headers[] = { _ ("NAME"),    _ ("RELEASE"),     _ ("WAVES"),
                              _ ("PLANNED"), _ ("IN PROGRESS"), _ ("DONE"),
                              _ ("FAILED"),  _ ("STATUS"),      NULL };
    g_autoptr (IumCliTable) table = ium_cli_table_new (headers);

    for (guint i = 0; i < rollouts->len; i++)
      {
        IumRollout      *rollout = g_ptr_array_index (rollouts, i);
        guint            counts[6], n_waves;
        g_autofree char *waves = NULL, *planned = NULL, *running = NULL, *done = NULL;
        g_autofree char *failed = NULL, *status = NULL;

        count_states (rollout, counts, &n_waves);
        waves = g_strdup_printf ("%u", n_waves);
        planned = g_strdup_printf ("%u", counts[IUM_UPGRADE_PLANNED]);
        running = g_strdup_printf ("%u", counts[IUM_UPGRADE_IN_PROGRESS]);
        done = g_strdup_printf ("%u", counts[IUM_UPGRADE_DONE]);
        failed = g_strdup_printf ("%u", counts[IUM_UPGRADE_FAILED]);
        status = rollout->paused
                   ? g_strdup_printf (_ ("paused after wave %u"), rollout->paused_wave)
                   /* Translators: a rollout's status in 'ium rollout list'. */
                   : g_strdup (C_ ("rollout status", "active"));
        {
          const char *cells[] = { rollout->name, rollout->release, waves,  planned, running,
                                  done,          failed,           status, NULL };
          ium_cli_table_add_row (table, cells);
        }
      }
    ium_cli_table_print (table);
  }
  return IUM_EXIT_OK;
}

static char *
format_when (const char *start, const char *end)
{
  /* "2027-03-02T08:00:00Z" → "2027-03-02 08:00–12:00 UTC" (the end's date when it differs). */
  if (start == NULL)
    return g_strdup (_ ("unscheduled"));
  if (end != NULL && strlen (start) >= 16 && strlen (end) >= 16)
    {
      if (strncmp (start, end, 10) == 0)
        return g_strdup_printf ("%.10s %.5s–%.5s UTC", start, start + 11, end + 11);
      return g_strdup_printf ("%.10s %.5s – %.10s %.5s UTC", start, start + 11, end, end + 11);
    }
  return g_strdup (start);
}

static int
run_show (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRollout) rollout = NULL;
  IumStore *store = ium_cli_get_store (cli);
  guint     counts[6], n_waves;

  if (store == NULL)
    return IUM_EXIT_USAGE;
  if ((rollout = ium_rollout_load (store, argv[0], &error)) == NULL)
    return ium_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr (JsonNode) node = ium_rollout_to_json (rollout);
      ium_cli_print_json (node);
      return IUM_EXIT_OK;
    }

  count_states (rollout, counts, &n_waves);
  {
    g_autofree char *upgrades = NULL;
    g_autofree char *waves = NULL;

    upgrades = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u upgrade", "%u upgrades", rollout->upgrades->len),
      rollout->upgrades->len);
    waves = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u wave", "in %u waves", n_waves),
                             n_waves);
    /* Translators: the rollout's name, its release, “3 upgrades”, “in 2 waves”, who saved it
     * and when (an RFC 3339 time). */
    g_print (_ ("Rollout %s: release %s, %s %s, saved by %s on %s.\n"), rollout->name,
             rollout->release, upgrades, waves, rollout->who, rollout->created);
  }
  if (rollout->paused)
    /* Translators: the wave, the failures that pause a rollout, then the rollout's name. */
    g_print (_ ("PAUSED after failures in wave %u (threshold %u): later waves cannot start until "
                "'ium rollout resume %s'.\n"),
             rollout->paused_wave, rollout->max_failures, rollout->name);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Active; it pauses when %u upgrade of one wave fails.\n",
                          "Active; it pauses when %u upgrades of one wave fail.\n",
                          rollout->max_failures),
             rollout->max_failures);

  for (guint wave = 1; wave <= n_waves; wave++)
    {
      /* Translators: the column headings of a wave in 'ium rollout show', in capitals. */
      const char *headers[] = { _ ("WHEN"),    _ ("INSTRUMENT"), _ ("WINDOW"), _ ("STATE"),
                                _ ("UPDATED"), _ ("NOTE"),       NULL };
      g_autoptr (IumCliTable) table = ium_cli_table_new (headers);
      guint n = 0;

      for (guint i = 0; i < rollout->upgrades->len; i++)
        {
          IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, i);
          g_autofree char   *when = NULL;
          g_autofree char   *updated = NULL;

          if (upgrade->wave != wave)
            continue;
          when = format_when (upgrade->start, upgrade->end);
          /* Translators: when (an RFC 3339 time) and who. */
          updated = g_strdup_printf (_ ("%s by %s"), upgrade->updated, upgrade->who);
          {
            const char *cells[] = { when,
                                    upgrade->instrument,
                                    upgrade->window,
                                    ium_upgrade_state_to_string (upgrade->state),
                                    updated,
                                    upgrade->note,
                                    NULL };
            ium_cli_table_add_row (table, cells);
          }
          n++;
        }
      if (n == 0)
        continue;
      g_print (_ ("\nWave %u\n"), wave);
      ium_cli_table_print (table);
    }
  return IUM_EXIT_OK;
}

static int
run_mark (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRollout) before = NULL;
  gboolean        was_done = FALSE;
  IumUpgradeState state;
  IumStore       *store;

  if (!ium_upgrade_state_from_string (argv[2], &state, &error))
    return ium_cli_fail_error (cli, error);
  if ((store = ium_cli_get_store (cli)) == NULL)
    return IUM_EXIT_USAGE;

  /* Only to say what a roll-back did; the mark itself checks the state again. */
  if ((before = ium_rollout_load (store, argv[0], NULL)) != NULL)
    for (guint i = 0; i < before->upgrades->len; i++)
      {
        IumRolloutUpgrade *upgrade = g_ptr_array_index (before->upgrades, i);
        if (g_str_equal (upgrade->instrument, argv[1]))
          was_done = upgrade->state == IUM_UPGRADE_DONE;
      }

  if (!ium_rollout_mark (store, argv[0], argv[1], state, opt_note, opt_force, cli->who, &error))
    return ium_cli_fail_error (cli, error);

  if (!cli->json)
    {
      /* Translators: the instrument, its new state (planned, done, ..., which stays English)
       * and the rollout. */
      g_print (_ ("%s is %s in rollout %s.\n"), argv[1], argv[2], argv[0]);
      if (state == IUM_UPGRADE_DONE)
        g_print (_ ("Every host of %s now records the rollout's release.\n"), argv[1]);
      if (state == IUM_UPGRADE_ROLLED_BACK && was_done)
        g_print (_ ("The hosts of %s record the versions they had before the upgrade again "
                    "(except any changed since).\n"),
                 argv[1]);
      if (state == IUM_UPGRADE_FAILED)
        {
          g_autoptr (IumRollout) rollout = ium_rollout_load (store, argv[0], NULL);
          if (rollout != NULL && rollout->paused)
            g_print (_ ("Rollout %s is now paused after failures in wave %u; later waves cannot "
                        "start until 'ium rollout resume %s'.\n"),
                     argv[0], rollout->paused_wave, argv[0]);
        }
    }
  return IUM_EXIT_OK;
}

static int
run_resume (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  IumStore *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  if (!ium_rollout_resume (store, argv[0], cli->who, &error))
    return ium_cli_fail_error (cli, error);
  if (!cli->json)
    g_print (_ ("Rollout %s is resumed.\n"), argv[0]);
  return IUM_EXIT_OK;
}

const IumCliCommand ium_cli_rollout_commands[] = {
  { "rollout", "list", "", N_ ("List the saved rollouts"), NULL, NULL, run_list, 0, 0 },
  { "rollout", "show", N_ ("NAME"), N_ ("Show a rollout's waves, windows and states"), NULL, NULL,
    run_show, 1, 1 },
  { "rollout", "mark", N_ ("NAME INSTRUMENT STATE"),
    N_ ("Record an upgrade's new state (needs the token)"),
    /* Translators: the states (planned, in-progress, ...) are what STATE takes: keep them. */
    N_ ("STATE is planned, in-progress, done, failed, rolled-back or skipped. States move only "
        "planned → in-progress → done | failed, failed → planned | rolled-back, done → "
        "rolled-back, planned → skipped. done sets every host's versions to the target release; "
        "rolled-back after done puts back the versions they had before."),
    mark_entries, run_mark, 3, 3 },
  { "rollout", "resume", N_ ("NAME"), N_ ("Resume a rollout paused by failures (needs the token)"),
    NULL, NULL, run_resume, 1, 1 },
  { NULL }
};
