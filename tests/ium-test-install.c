/* ium-test-install.c: the harness of the install suite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-install.h"

#include <string.h>

static char    *stage_root; /* owned: the DESTDIR */
static gboolean stage_tried;
static gboolean stage_ok;
static char    *stage_log; /* owned: meson's output */

const char *
install_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this test through meson test", name);
  return value;
}

const char *
staged_root (void)
{
  return stage_root;
}

gboolean
install_stage (void)
{
  if (!stage_tried)
    {
      g_autoptr (GError) error = NULL;
      Result r;

      stage_tried = TRUE;
      stage_root = g_dir_make_tmp ("ium-install-XXXXXX", &error);
      g_assert_no_error (error);
      r = RUN (NULL, install_env ("IUM_MESON"), "install", "-C", install_env ("IUM_BUILD_ROOT"),
               "--no-rebuild", "--destdir", stage_root);
      stage_ok = r.status == 0;
      stage_log = g_strconcat (r.out, r.err, NULL);
      result_clear (&r);
      if (stage_ok)
        {
          /* The CLI harness's run_ium() and spawn_ium() run the staged ium from now on. */
          g_autofree char *ium = staged_path ("IUM_BINDIR", "ium");
          g_setenv ("IUM_BIN", ium, TRUE);
        }
    }
  if (!stage_ok)
    g_test_fail_printf ("meson install --destdir failed:\n%s", stage_log);
  return stage_ok;
}

void
install_stage_remove (void)
{
  if (stage_root != NULL)
    remove_tree (stage_root);
  g_clear_pointer (&stage_root, g_free);
  g_clear_pointer (&stage_log, g_free);
}

char *
staged_path (const char *dir_variable, const char *relative)
{
  const char *dir = install_env (dir_variable);

  g_assert_nonnull (stage_root);
  if (g_path_is_absolute (dir))
    return g_build_filename (stage_root, dir, relative, NULL);
  return g_build_filename (stage_root, install_env ("IUM_PREFIX"), dir, relative, NULL);
}

char *
need_program (const char *program, const char *package)
{
  char *path = g_find_program_in_path (program);

  if (path == NULL)
    g_test_fail_printf ("%s is not installed: it comes with the Debian package %s, which "
                        "build-aux/deps.sh installs",
                        program, package);
  return path;
}

Result
run_tool (const char *const *env, const char *const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char      *equals = strchr (env[i], '=');
      g_autofree char *name = NULL;

      g_assert_nonnull (equals);
      name = g_strndup (env[i], equals - env[i]);
      g_subprocess_launcher_setenv (launcher, name, equals + 1, TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return finish (process);
}

void
assert_clean_exit (Result *r)
{
  g_assert_cmpstr (r->err, ==, "");
  g_assert_cmpint (r->status, ==, 0);
  result_clear (r);
}

GStrv
read_linguas (void)
{
  g_autofree char *path = source_path ("po/LINGUAS");
  g_autofree char *contents = NULL;
  g_autoptr (GStrvBuilder) languages = g_strv_builder_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = NULL;

      if (lines[i][0] == '#')
        continue;
      words = g_strsplit_set (lines[i], " \t", -1);
      for (guint j = 0; words[j] != NULL; j++)
        if (words[j][0] != '\0')
          g_strv_builder_add (languages, words[j]);
    }
  return g_strv_builder_end (languages);
}

void
help_command_free (HelpCommand *command)
{
  g_free (command->name);
  g_free (command->usage);
  g_clear_pointer (&command->options, g_ptr_array_unref);
  g_free (command);
}

GStrv
help_option_names (const char *spec)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) parts = g_strsplit (spec, ", ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');

      if (equals != NULL)
        *equals = '\0';
      g_strv_builder_add (names, parts[i]);
    }
  return g_strv_builder_end (names);
}

static gboolean
is_global_option (const char *spec)
{
  return g_str_equal (spec, "--db=PATH") || g_str_equal (spec, "--json")
         || g_str_equal (spec, "--as=NAME");
}

/* The leading words of a usage that name the command: "version compare A B" gives
 * "version compare". */
static char *
usage_command_name (const char *usage)
{
  g_auto (GStrv) words = g_strsplit (usage, " ", -1);
  g_autoptr (GString) name = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean word = words[i][0] != '\0';

      for (const char *p = words[i]; *p != '\0'; p++)
        word &= g_ascii_islower (*p) || *p == '-';
      if (!word)
        break;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, words[i]);
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* The command's own options, from `ium COMMAND --help`. */
static GPtrArray *
command_options (const char *name)
{
  g_autoptr (GPtrArray) options = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) words = g_strsplit (name, " ", -1);
  g_auto (GStrv) args = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GSubprocess) process = NULL;
  gboolean in_options = FALSE;
  Result   r;

  g_strv_builder_addv (builder, (const char **) words);
  g_strv_builder_add (builder, "--help");
  args = g_strv_builder_end (builder);
  process = spawn_ium ((const char *const *) args, NULL);
  r = finish (process);
  g_assert_cmpint (r.status, ==, 0);

  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char      *line = lines[i];
      const char      *end;
      g_autofree char *spec = NULL;

      if (g_str_equal (line, "Application Options:"))
        {
          in_options = TRUE;
          continue;
        }
      if (!in_options || line[0] == '\0')
        {
          in_options = FALSE;
          continue;
        }
      while (*line == ' ')
        line++;
      end = strstr (line, "  ");
      spec = end != NULL ? g_strndup (line, end - line) : g_strdup (line);
      if (!is_global_option (spec))
        g_ptr_array_add (options, g_steal_pointer (&spec));
    }
  result_clear (&r);
  return g_steal_pointer (&options);
}

static GPtrArray *
read_help_commands (void)
{
  g_autoptr (GPtrArray) commands =
    g_ptr_array_new_with_free_func ((GDestroyNotify) help_command_free);
  g_auto (GStrv) lines = NULL;
  gboolean in_commands = FALSE;
  Result   r = run_ium (NULL, "--help", NULL);

  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      HelpCommand *command;

      if (g_str_equal (lines[i], "Commands:"))
        {
          in_commands = TRUE;
          continue;
        }
      if (!in_commands)
        continue;
      if (lines[i][0] == '\0')
        break;

      /* "  %-36s %s": the usage, padded, then the summary. */
      g_assert_true (g_str_has_prefix (lines[i], "  "));
      g_assert_cmpuint (strlen (lines[i]), >, 2 + 36);
      command = g_new0 (HelpCommand, 1);
      command->usage = g_strstrip (g_strndup (lines[i] + 2, 36));
      command->name = usage_command_name (command->usage);
      g_assert_cmpstr (command->name, !=, "");
      command->options = command_options (command->name);
      g_ptr_array_add (commands, command);
    }
  result_clear (&r);
  g_assert_cmpuint (commands->len, >, 0);
  return g_steal_pointer (&commands);
}

GPtrArray *
help_commands (void)
{
  /* The same for every test of the program: asked once (each command's help is a process). */
  static GPtrArray *commands;

  if (commands == NULL)
    commands = read_help_commands ();
  return g_ptr_array_ref (commands);
}
