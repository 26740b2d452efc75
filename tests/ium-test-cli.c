/* ium-test-cli.c: the harness the CLI test programs share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-cli.h"

#include <glib/gstdio.h>

void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static const char *
ium_bin (void)
{
  const char *bin = g_getenv ("IUM_BIN");

  g_assert_nonnull (bin);
  return bin;
}

char *
source_path (const char *relative)
{
  return g_build_filename (g_getenv ("IUM_SOURCE_ROOT"), relative, NULL);
}

GSubprocess *
spawn_ium (const char *const *args, const char *db_env)
{
  return spawn_ium_in (NULL, args, db_env);
}

GSubprocess *
spawn_ium_in (const char *language, const char *const *args, const char *db_env)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  if (db_env != NULL)
    g_subprocess_launcher_setenv (launcher, "IUM_DB", db_env, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "IUM_DB");
  /* English whatever the caller's language, unless @language is given: glibc honours
   * LANGUAGE under LC_ALL=C.UTF-8 (not under plain C), and the build tree's catalogues are
   * found through IUM_TRANSLATIONS_DIR. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");

  g_ptr_array_add (argv, (gpointer) ium_bin ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

Result
finish (GSubprocess *process)
{
  g_autoptr (GError) error = NULL;
  Result r = { 0 };

  g_subprocess_communicate_utf8 (process, NULL, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r.status = g_subprocess_get_exit_status (process);
  return r;
}

static Result
run_ium_va (const char *language, const char *db, va_list ap)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  const char *arg;

  if (db != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, (gpointer) db);
    }
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);

  process = spawn_ium_in (language, (const char *const *) args->pdata, NULL);
  return finish (process);
}

/* Runs ium with --db DB (when @db is set) and the NULL-terminated arguments. */
Result
run_ium (const char *db, ...)
{
  va_list ap;
  Result  r;

  va_start (ap, db);
  r = run_ium_va (NULL, db, ap);
  va_end (ap);
  return r;
}

Result
run_ium_in (const char *language, const char *db, ...)
{
  va_list ap;
  Result  r;

  va_start (ap, db);
  r = run_ium_va (language, db, ap);
  va_end (ap);
  return r;
}

void
import_demo (Fixture *f)
{
  g_autofree char *demo = source_path ("data/demo-inventory.json");
  Result           r = run_ium (f->db, "import", demo, NULL);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

char *
write_temp (Fixture *f, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ium-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "inventory.db", NULL);
}

void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}
