/* test-install-completion.c: the installed bash completion of ium.
 *
 * bash sources the staged file and calls its completion function the way readline does
 * (COMP_WORDS, COMP_CWORD), with the staged ium first on PATH. What it offers is held against
 * what the staged ium says of itself, and against the demo facility in a database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <string.h>

#include "ium-test-install.h"

/* Prints what completing each line of words offers, one line each, words separated by
 * spaces. The arguments after the file are the lines, words separated by '|'. */
static const char complete_script[] =
  "set -u\n"
  "source \"$1\"\n"
  "shift\n"
  "complete -p ium >/dev/null || { echo 'ium has no completion' >&2; exit 3; }\n"
  "for line in \"$@\"; do\n"
  "  IFS='|' read -r -a COMP_WORDS <<<\"$line|\"\n"
  "  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
  "  COMPREPLY=()\n"
  "  _ium\n"
  "  echo \"${COMPREPLY[*]}\"\n"
  "done\n";

static char *
completion_file (void)
{
  return staged_path ("IUM_BASHCOMPLETIONDIR", "ium");
}

/* Completes each of the NULL-terminated @lines (words separated by '|'; the last one is the
 * word under the cursor, empty after a trailing '|') with IUM_DB set to @db; one answer per
 * line, owned. */
static GStrv
complete (const char *db, const char *const *lines)
{
  g_autofree char *bash = need_program ("bash", "bash");
  g_autofree char *file = completion_file ();
  g_autofree char *bindir = staged_path ("IUM_BINDIR", NULL);
  g_autofree char *path = g_strconcat ("PATH=", bindir, ":", g_getenv ("PATH"), NULL);
  g_autofree char *db_env = g_strconcat ("IUM_DB=", db, NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) answers = NULL;
  Result r;

  g_assert_nonnull (bash);
  g_ptr_array_add (argv, bash);
  g_ptr_array_add (argv, (gpointer) "--norc");
  g_ptr_array_add (argv, (gpointer) "--noprofile");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) complete_script);
  g_ptr_array_add (argv, (gpointer) "bash");
  g_ptr_array_add (argv, file);
  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) lines[i]);
  g_ptr_array_add (argv, NULL);

  r = run_tool (ENV (path, db_env), (const char *const *) argv->pdata);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  answers = g_strsplit (r.out, "\n", -1);
  result_clear (&r);
  g_assert_cmpuint (g_strv_length (answers), ==, g_strv_length ((GStrv) lines) + 1);
  return g_steal_pointer (&answers);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The words of @answer, sorted, joined by spaces: a set to compare. */
static char *
sorted (const char *answer)
{
  g_auto (GStrv) words = g_strsplit (answer, " ", -1);
  g_autoptr (GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (list, words[i]);
  g_ptr_array_sort (list, compare_strings);
  g_ptr_array_add (list, NULL);
  return g_strjoinv (" ", (GStrv) list->pdata);
}

static gboolean
have_completion (void)
{
  if (!install_stage ())
    return FALSE;
  if (g_str_equal (install_env ("IUM_BASHCOMPLETIONDIR"), "no"))
    {
      g_test_skip ("configured with -Dbashcompletiondir=no");
      return FALSE;
    }
  return TRUE;
}

static void
test_completion_syntax (void)
{
  g_autofree char *bash = need_program ("bash", "bash");
  g_autofree char *file = NULL;
  Result           r;

  if (bash == NULL || !have_completion ())
    return;
  file = completion_file ();
  r = RUN (NULL, bash, "-n", file);
  assert_clean_exit (&r);
}

/* Commands and subcommands: what 'ium --help' lists. */
static void
test_completion_commands (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) commands = NULL;
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) first_words = g_string_new (NULL);
  g_autoptr (GStrvBuilder) lines = g_strv_builder_new ();
  g_autoptr (GPtrArray) group_names = g_ptr_array_new ();
  g_auto (GStrv) questions = NULL;
  g_auto (GStrv) answers = NULL;
  g_autofree char *all = NULL;
  g_autofree char *offered = NULL;

  if (!have_completion ())
    return;
  commands = help_commands ();
  for (guint i = 0; i < commands->len; i++)
    {
      HelpCommand *command = g_ptr_array_index (commands, i);
      g_auto (GStrv) words = g_strsplit (command->name, " ", 2);
      GString *subs;

      if (!g_hash_table_contains (groups, words[0]))
        {
          g_string_append_printf (first_words, "%s ", words[0]);
          g_hash_table_insert (groups, g_strdup (words[0]), g_string_new (NULL));
        }
      subs = g_hash_table_lookup (groups, words[0]);
      if (words[1] != NULL)
        g_string_append_printf (subs, "%s ", words[1]);
    }

  g_strv_builder_add (lines, "ium|rol");
  g_strv_builder_add (lines, "ium|rollout|");
  g_strv_builder_add (lines, "ium|");
  g_strv_builder_add (lines, "ium|--db|x.db|--json|st");
  {
    GHashTableIter iter;
    gpointer       key, value;

    g_hash_table_iter_init (&iter, groups);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (((GString *) value)->len > 0)
        {
          g_autofree char *line = g_strdup_printf ("ium|%s|", (char *) key);

          g_ptr_array_add (group_names, key);
          g_strv_builder_add (lines, line);
        }
  }
  questions = g_strv_builder_end (lines);
  answers = complete (f->db, (const char *const *) questions);

  g_assert_cmpstr (answers[0], ==, "rollout");
  g_assert_cmpstr (answers[1], ==, "list show mark resume");
  all = sorted (first_words->str);
  offered = sorted (answers[2]);
  g_assert_cmpstr (offered, ==, all);
  g_assert_cmpstr (answers[3], ==, "status");
  for (guint i = 0; i < group_names->len; i++)
    {
      GString         *subs = g_hash_table_lookup (groups, g_ptr_array_index (group_names, i));
      g_autofree char *expected = sorted (subs->str);
      g_autofree char *got = sorted (answers[4 + i]);

      g_assert_cmpstr (got, ==, expected);
    }
}

/* Each command's options: exactly what 'ium COMMAND --help' lists, and the global ones. */
static void
test_completion_options (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) commands = NULL;
  g_autoptr (GStrvBuilder) lines = g_strv_builder_new ();
  g_auto (GStrv) questions = NULL;
  g_auto (GStrv) answers = NULL;

  if (!have_completion ())
    return;
  commands = help_commands ();
  for (guint i = 0; i < commands->len; i++)
    {
      HelpCommand     *command = g_ptr_array_index (commands, i);
      g_autofree char *words = g_strdelimit (g_strdup (command->name), " ", '|');
      g_autofree char *line = g_strdup_printf ("ium|%s|-", words);

      g_strv_builder_add (lines, line);
    }
  questions = g_strv_builder_end (lines);
  answers = complete (f->db, (const char *const *) questions);

  for (guint i = 0; i < commands->len; i++)
    {
      HelpCommand *command = g_ptr_array_index (commands, i);
      g_autoptr (GString) names = g_string_new ("--db --json --as --help ");
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;

      for (guint j = 0; j < command->options->len; j++)
        {
          g_auto (GStrv) option_names = help_option_names (g_ptr_array_index (command->options, j));

          for (guint k = 0; option_names[k] != NULL; k++)
            g_string_append_printf (names, "%s ", option_names[k]);
        }
      expected = sorted (names->str);
      got = sorted (answers[i]);
      if (!g_str_equal (got, expected))
        g_test_fail_printf ("completing 'ium %s --' offers “%s”; its help lists “%s”",
                            command->name, got, expected);
    }
}

/* Values from the database and the fixed ones. */
static void
test_completion_values (Fixture *f, gconstpointer data)
{
  const char *const questions[] = {
    "ium|status|LA",
    "ium|check|LARMOR|",
    "ium|plan|12.3.2",
    "ium|report|12.3.2.380|--format|",
    "ium|report|12.3.2.380|--format|=|p",
    "ium|rollout|mark|dec|LARMOR|",
    "ium|plan|12.3.2.380|--wave|MA",
    "ium|audit|--instrument|ZO",
    "ium|version|compare|--scheme|",
    "ium|instrument|pin|HRPD|12.1.1",
    NULL,
  };
  g_auto (GStrv) answers = NULL;
  g_autofree char *other = NULL;

  if (!have_completion ())
    return;
  import_demo (f);
  answers = complete (f->db, questions);

  g_assert_cmpstr (answers[0], ==, "LARMOR");
  g_assert_cmpstr (answers[1], ==, "genie-python ibex-gui ibex-server");
  g_assert_cmpstr (answers[2], ==, "12.3.2.380");
  g_assert_cmpstr (answers[3], ==, "html md csv json pdf");
  g_assert_cmpstr (answers[4], ==, "pdf");
  g_assert_cmpstr (answers[5], ==, "planned in-progress done failed rolled-back skipped");
  g_assert_cmpstr (answers[6], ==, "MAPS MARI");
  g_assert_cmpstr (answers[7], ==, "ZOOM");
  g_assert_cmpstr (answers[8], ==, "quad semver calver");
  g_assert_cmpstr (answers[9], ==, "12.1.1.215");

  /* --db on the line wins over IUM_DB. */
  other = g_build_filename (f->dir, "missing.db", NULL);
  {
    g_autofree char  *line = g_strdup_printf ("ium|--db|%s|status|LA", f->db);
    const char *const lines[] = { line, NULL };
    g_auto (GStrv) got = complete (other, lines);

    g_assert_cmpstr (got[0], ==, "LARMOR");
  }
}

/* No database, or no usable one: nothing offered, nothing created, no message. */
static void
test_completion_safe (Fixture *f, gconstpointer data)
{
  const char *const questions[] = { "ium|status|", "ium|plan|", "ium|rollout|show|", NULL };
  g_autofree char  *junk = NULL;
  g_auto (GStrv) answers = NULL;

  if (!have_completion ())
    return;
  answers = complete (f->db, questions);
  for (guint i = 0; questions[i] != NULL; i++)
    g_assert_cmpstr (answers[i], ==, "");
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  junk = write_temp (f, "junk.db", "not a database\n");
  g_clear_pointer (&answers, g_strfreev);
  answers = complete (junk, questions);
  for (guint i = 0; questions[i] != NULL; i++)
    g_assert_cmpstr (answers[i], ==, "");
}

void
install_add_completion_tests (void)
{
  g_test_add_func ("/ium/install/completion/syntax", test_completion_syntax);
  g_test_add ("/ium/install/completion/commands", Fixture, NULL, fixture_setup,
              test_completion_commands, fixture_teardown);
  g_test_add ("/ium/install/completion/options", Fixture, NULL, fixture_setup,
              test_completion_options, fixture_teardown);
  g_test_add ("/ium/install/completion/values", Fixture, NULL, fixture_setup,
              test_completion_values, fixture_teardown);
  g_test_add ("/ium/install/completion/safe", Fixture, NULL, fixture_setup, test_completion_safe,
              fixture_teardown);
}
