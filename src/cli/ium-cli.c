/* ium-cli.c: the `ium` command: global options and dispatch to the command groups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "ium-cli-common.h"
#include "ium-i18n.h"

static const IumCliCommand *groups[] = {
  ium_cli_inventory_commands,  ium_cli_version_commands,  ium_cli_status_commands,
  ium_cli_instrument_commands, ium_cli_plan_commands,     ium_cli_rollout_commands,
  ium_cli_token_commands,      ium_cli_downtime_commands, ium_cli_audit_commands,
  ium_cli_serve_commands,      ium_cli_report_commands,
};

static char              *opt_db;
static char              *opt_as;
static gboolean           opt_json;

static const GOptionEntry global_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db,
    N_ ("The inventory database (default: $IUM_DB, else $XDG_DATA_HOME/ium/inventory.db)"),
    N_ ("PATH") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_ ("Print machine-readable JSON"), NULL },
  { "as", 0, 0, G_OPTION_ARG_STRING, &opt_as,
    N_ ("Who is acting, for the audit log (default: the login name)"), N_ ("NAME") },
  { NULL }
};

static char *
command_name (const IumCliCommand *command)
{
  if (command->sub != NULL)
    return g_strdup_printf ("%s %s", command->name, command->sub);
  return g_strdup (command->name);
}

static void
print_usage (FILE *out)
{
  long width = 36;

  /* Translators: PATH, COMMAND and ARGUMENTS are placeholders; --db and --json are options
   * and stay as they are. */
  fputs (_ ("Usage: ium [--db PATH] [--json] COMMAND [ARGUMENTS]\n"
            "\n"
            "Instrument Update Manager: the facility's instruments, the software versions\n"
            "they run, and whether clients are compatible.\n"
            "\n"
            "Commands:\n"),
         out);
  /* The summaries line up after the widest usage (translated placeholders may be longer). */
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const IumCliCommand *c = groups[g]; c->name != NULL; c++)
      {
        g_autofree char *name = command_name (c);
        g_autofree char *usage = g_strdup_printf ("%s %s", name, ium_cli_parameters (c));

        width = MAX (width, g_utf8_strlen (usage, -1) + 1);
      }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const IumCliCommand *c = groups[g]; c->name != NULL; c++)
      {
        g_autofree char *name = command_name (c);
        g_autofree char *usage = g_strdup_printf ("%s %s", name, ium_cli_parameters (c));
        long             pad = width - g_utf8_strlen (usage, -1);

        /* Padded by characters, not bytes: translated parameters may hold umlauts. */
        fprintf (out, "  %s%*s %s\n", usage, (int) MAX (pad, 0), "", _ (c->summary));
      }
  fputs (_ ("\n"
            "Global options: --db PATH, --json, --as NAME, --help (also after a command).\n"
            "Exit status: 0 success; 1 the answer is a failure you asked about (an incompatible\n"
            "check); 2 bad input or usage; 3 refused.\n"
            "Run 'ium COMMAND --help' for a command's options.\n"),
         out);
}

/* Finds the command named by the first one or two words of @argv that are not options,
 * skipping the global options that take a value. */
static const IumCliCommand *
find_command (int argc, char **argv, int *name_index, int *sub_index)
{
  int words[2] = { -1, -1 };
  int n_words = 0;

  for (int i = 1; i < argc && n_words < 2; i++)
    {
      if (g_str_equal (argv[i], "--db") || g_str_equal (argv[i], "--as"))
        i++;
      else if (argv[i][0] != '-')
        words[n_words++] = i;
    }
  if (n_words == 0)
    return NULL;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const IumCliCommand *c = groups[g]; c->name != NULL; c++)
      {
        if (!g_str_equal (c->name, argv[words[0]]))
          continue;
        if (c->sub == NULL)
          {
            *name_index = words[0];
            *sub_index = -1;
            return c;
          }
        if (words[1] >= 0 && g_str_equal (c->sub, argv[words[1]]))
          {
            *name_index = words[0];
            *sub_index = words[1];
            return c;
          }
      }

  *name_index = words[0];
  *sub_index = words[1];
  return NULL;
}

static gboolean
is_group (const char *name)
{
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const IumCliCommand *c = groups[g]; c->name != NULL; c++)
      if (c->sub != NULL && g_str_equal (c->name, name))
        return TRUE;
  return FALSE;
}

static void
print_group_usage (const char *name)
{
  g_printerr ("%s\n", _ ("Usage:"));
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const IumCliCommand *c = groups[g]; c->name != NULL; c++)
      if (g_str_equal (c->name, name))
        g_printerr ("  ium %s %s %s\n", c->name, c->sub ? c->sub : "", ium_cli_parameters (c));
}

static int
run_command (const IumCliCommand *command, int argc, char **argv, int name_index, int sub_index)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = command_name (command);
  g_autofree char *parameter_string =
    g_strdup_printf ("%s %s - %s", name, ium_cli_parameters (command), _ (command->summary));
  g_autofree char **args = g_new0 (char *, argc + 1);
  IumCli            cli = { 0 };
  int               n_args = 0;
  int               status;

  /* GOptionContext sees the program name and everything but the command words. */
  for (int i = 0; i < argc; i++)
    if (i != name_index && i != sub_index)
      args[n_args++] = argv[i];

  context = g_option_context_new (parameter_string);
  g_option_context_set_help_enabled (context, TRUE);
  /* The entries' descriptions and placeholders, and the summary, are looked up in our
   * catalogue (the parameter string is composed of translated parts already). */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->description);
  /* The command's own options and the global ones share the main group, so that plain
   * --help lists them all. */
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, NULL);
  g_option_context_add_main_entries (context, global_entries, NULL);

  cli.command = name;
  if (!g_option_context_parse (context, &n_args, &args, &error))
    {
      ium_cli_fail (&cli, IUM_EXIT_USAGE, _ ("%s (see 'ium %s --help')"), error->message, name);
      return IUM_EXIT_USAGE;
    }

  /* A bare "--" ends the options; it is not an argument. */
  if (n_args > 1 && g_str_equal (args[1], "--"))
    {
      memmove (&args[1], &args[2], sizeof (char *) * (gsize) (n_args - 1));
      n_args--;
    }

  if ((guint) (n_args - 1) < command->min_args || (guint) (n_args - 1) > command->max_args)
    return ium_cli_fail (&cli, IUM_EXIT_USAGE, _ ("expected %s (see 'ium %s --help')"),
                         *command->parameters ? ium_cli_parameters (command) : _ ("no arguments"),
                         name);

  /* An empty name would put a blank holder on the token and blank rows in the audit log,
   * and an empty path would name the current folder. */
  if (opt_db != NULL && *opt_db == '\0')
    return ium_cli_fail (&cli, IUM_EXIT_USAGE, _ ("--db: the path is empty"));
  if (opt_as != NULL && *g_strstrip (opt_as) == '\0')
    return ium_cli_fail (&cli, IUM_EXIT_USAGE,
                         _ ("--as: the name is empty; give who is acting, or leave --as out to "
                            "use the login name"));

  cli.db_path = opt_db ? g_strdup (opt_db) : ium_store_dup_default_path ();
  cli.who = g_strdup (opt_as ? opt_as : g_get_user_name ());
  cli.json = opt_json;

  status = command->run (&cli, n_args - 1, args + 1);

  g_clear_object (&cli.store);
  g_free (cli.db_path);
  g_free (cli.who);
  return status;
}

int
main (int argc, char **argv)
{
  const IumCliCommand *command;
  int                  name_index = -1, sub_index = -1;
  int                  status;

  setlocale (LC_ALL, "");
  ium_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("ium");

  command = find_command (argc, argv, &name_index, &sub_index);
  if (command == NULL)
    {
      gboolean help = FALSE;

      for (int i = 1; i < argc; i++)
        help |= g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h");

      if (name_index >= 0 && is_group (argv[name_index]))
        {
          if (sub_index >= 0)
            g_printerr (_ ("ium: “%s %s” is not a command.\n"), argv[name_index], argv[sub_index]);
          print_group_usage (argv[name_index]);
          return help && sub_index < 0 ? IUM_EXIT_OK : IUM_EXIT_USAGE;
        }
      if (name_index >= 0)
        {
          g_printerr (_ ("ium: “%s” is not a command. Run 'ium --help' for the list.\n"),
                      argv[name_index]);
          return IUM_EXIT_USAGE;
        }
      print_usage (help ? stdout : stderr);
      return help ? IUM_EXIT_OK : IUM_EXIT_USAGE;
    }

  status = run_command (command, argc, argv, name_index, sub_index);

  g_free (opt_db);
  g_free (opt_as);
  return status;
}
