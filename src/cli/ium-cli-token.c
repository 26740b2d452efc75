/* ium-cli-token.c: `ium token show | take | release | history`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include "ium-cli-common.h"
#include "ium-token.h"

static char              *opt_note;
static char              *opt_reason;
static gboolean           opt_steal;

static const GOptionEntry take_entries[] = {
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_note,
    N_ ("What you are deploying (shown to whoever asks for the token)"), N_ ("TEXT") },
  { "steal", 0, 0, G_OPTION_ARG_NONE, &opt_steal,
    N_ ("Take the token over from its holder (needs --reason; audited)"), NULL },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &opt_reason, N_ ("Why the token is taken over"),
    N_ ("TEXT") },
  { NULL }
};

static const GOptionEntry release_entries[] = {
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_note, N_ ("What was done"), N_ ("TEXT") }, { NULL }
};

static void
print_token (IumToken *token)
{
  if (token->holder == NULL)
    g_print (_ ("Nobody holds the deploy token. Take it with 'ium token take'.\n"));
  else if (token->note != NULL)
    /* Translators: who, since when (an RFC 3339 time), and their note. */
    g_print (_ ("The deploy token is held by %s since %s (note: “%s”).\n"), token->holder,
             token->since, token->note);
  else
    g_print (_ ("The deploy token is held by %s since %s.\n"), token->holder, token->since);
}

static int
run_show (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumToken) token = NULL;
  IumStore *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  if ((token = ium_token_get (store, &error)) == NULL)
    return ium_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr (JsonNode) node = ium_token_to_json (token);
      ium_cli_print_json (node);
    }
  else
    print_token (token);
  return IUM_EXIT_OK;
}

static int
run_take (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumToken) token = NULL;
  IumStore *store;

  if (opt_steal && (opt_reason == NULL || *opt_reason == '\0'))
    return ium_cli_fail (cli, IUM_EXIT_USAGE,
                         _ ("--steal needs --reason TEXT: say why you take the token over"));
  if (!opt_steal && opt_reason != NULL)
    return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("--reason goes with --steal"));

  if ((store = ium_cli_get_store (cli)) == NULL)
    return IUM_EXIT_USAGE;
  if (!ium_token_take (store, cli->who, opt_note, opt_steal, opt_reason, &error))
    return ium_cli_fail_error (cli, error);

  if ((token = ium_token_get (store, &error)) == NULL)
    return ium_cli_fail_error (cli, error);
  if (cli->json)
    {
      g_autoptr (JsonNode) node = ium_token_to_json (token);
      ium_cli_print_json (node);
    }
  else
    g_print (_ ("%s holds the deploy token since %s.\n"), token->holder, token->since);
  return IUM_EXIT_OK;
}

static int
run_release (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  IumStore *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  if (!ium_token_release (store, cli->who, opt_note, &error))
    return ium_cli_fail_error (cli, error);
  if (!cli->json)
    g_print (_ ("%s released the deploy token.\n"), cli->who);
  return IUM_EXIT_OK;
}

static int
run_history (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  IumStore *store = ium_cli_get_store (cli);

  if (store == NULL)
    return IUM_EXIT_USAGE;
  if ((events = ium_token_list_history (store, &error)) == NULL)
    return ium_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < events->len; i++)
        {
          IumTokenEvent *event = g_ptr_array_index (events, i);
          const char    *members[] = { "time", "who", "action", "note", "reason" };
          const char    *values[] = { event->time, event->who, event->action, event->note,
                                      event->reason };

          json_builder_begin_object (builder);
          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            {
              json_builder_set_member_name (builder, members[m]);
              if (values[m] != NULL)
                json_builder_add_string_value (builder, values[m]);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      ium_cli_print_json (root);
      return IUM_EXIT_OK;
    }

  if (events->len == 0)
    {
      g_print (_ ("Nobody has taken the deploy token yet.\n"));
      return IUM_EXIT_OK;
    }

  {
    /* Translators: the column headings of 'ium token history', in capitals; the actions
     * (take, release, steal) stay English. */
    const char *headers[] = { _ ("TIME"), _ ("WHO"), _ ("ACTION"), _ ("NOTE"), _ ("REASON"), NULL };
    g_autoptr (IumCliTable) table = ium_cli_table_new (headers);

    for (guint i = 0; i < events->len; i++)
      {
        IumTokenEvent *event = g_ptr_array_index (events, i);
        const char    *cells[] = { event->time, event->who,    event->action,
                                   event->note, event->reason, NULL };
        ium_cli_table_add_row (table, cells);
      }
    ium_cli_table_print (table);
  }
  return IUM_EXIT_OK;
}

const IumCliCommand ium_cli_token_commands[] = {
  { "token", "show", "", N_ ("Show who holds the deploy token"), NULL, NULL, run_show, 0, 0 },
  { "token", "take", "", N_ ("Take the deploy token before changing rollout states"),
    N_ ("Refused (exit 3) while someone else holds it; --steal --reason TEXT takes it over and "
        "is audited. Identity: --as NAME, else the login name."),
    take_entries, run_take, 0, 0 },
  { "token", "release", "", N_ ("Release the deploy token you hold"), NULL, release_entries,
    run_release, 0, 0 },
  { "token", "history", "", N_ ("Show every take, release and steal of the deploy token"), NULL,
    NULL, run_history, 0, 0 },
  { NULL }
};
