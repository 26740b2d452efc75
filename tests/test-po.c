/* test-po.c: the translation infrastructure in po/.
 *
 * POTFILES.in must list every file with strings marked for translation (xgettext, run over the
 * sources the way meson's i18n module runs it, finds them), and only files that exist; every
 * language of LINGUAS has a catalogue that msgfmt accepts. Every message of the GUI, the
 * command line, libium, the client library and the data files is translated in every language
 * (checked against a fresh template, so a newly marked string counts), and a language is at
 * least MIN_PERCENT translated as a whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <string.h>

#include "ium-test-install.h"

/* The share of a catalogue that must be translated for its language to be listed. */
#define MIN_PERCENT 95

/* The folders whose messages must all be translated in every language of LINGUAS. */
static const char *const complete_areas[] = { "data/", "src/", "ui/" };

/* xgettext with the keywords of meson's glib preset (i18n.gettext (..., preset: 'glib')),
 * over the files listed in @files_from; the template goes to @output ("-": stdout). */
static Result
run_xgettext (const char *xgettext, const char *files_from, const char *output)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *files_from_arg = g_strconcat ("--files-from=", files_from, NULL);
  g_autofree char *output_arg = g_strconcat ("--output=", output, NULL);

  g_subprocess_launcher_set_cwd (launcher, install_env ("IUM_SOURCE_ROOT"));
  process = g_subprocess_launcher_spawn (
    launcher, &error, xgettext, "--from-code=UTF-8", "--keyword=_", "--keyword=N_",
    "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3", output_arg, files_from_arg, NULL);
  g_assert_no_error (error);
  return finish (process);
}

/* The files POTFILES.in lists, relative to the source root. Owned. */
static GPtrArray *
read_potfiles (void)
{
  g_autofree char *path = source_path ("po/POTFILES.in");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (line[0] != '\0' && line[0] != '#')
        g_ptr_array_add (files, g_steal_pointer (&line));
    }
  return files;
}

/* Adds the files below @relative_dir (relative to the source root) that may hold marked
 * strings: C sources and headers, GtkBuilder files. */
static void
collect_sources (const char *relative_dir, GPtrArray *files)
{
  g_autofree char *dir_path = source_path (relative_dir);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *relative = g_build_filename (relative_dir, name, NULL);
      g_autofree char *full = source_path (relative);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        collect_sources (relative, files);
      else if (g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".h")
               || g_str_has_suffix (name, ".ui"))
        g_ptr_array_add (files, g_steal_pointer (&relative));
    }
}

static void
test_potfiles_exist (void)
{
  g_autoptr (GPtrArray) listed = read_potfiles ();

  g_assert_cmpuint (listed->len, >, 0);
  for (guint i = 0; i < listed->len; i++)
    {
      g_autofree char *path = source_path (g_ptr_array_index (listed, i));

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_test_fail_printf ("po/POTFILES.in lists %s, which does not exist",
                            (char *) g_ptr_array_index (listed, i));
    }
}

static void
test_potfiles_complete (void)
{
  static const char *data_files[] = {
    "data/" APPLICATION_ID ".desktop.in",
    "data/" APPLICATION_ID ".metainfo.xml.in",
    "data/" APPLICATION_ID ".gschema.xml",
  };
  g_autofree char *xgettext = need_program ("xgettext", "gettext");
  g_autoptr (GPtrArray) listed = read_potfiles ();
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) marked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *list_path = NULL;
  g_auto (GStrv) lines = NULL;
  Result r;

  if (xgettext == NULL)
    return;
  collect_sources ("src", candidates);
  collect_sources ("ui", candidates);
  for (guint i = 0; i < G_N_ELEMENTS (data_files); i++)
    g_ptr_array_add (candidates, g_strdup (data_files[i]));
  for (guint i = 0; i < candidates->len; i++)
    g_string_append_printf (list, "%s\n", (char *) g_ptr_array_index (candidates, i));

  dir = g_dir_make_tmp ("ium-po-XXXXXX", &error);
  g_assert_no_error (error);
  list_path = g_build_filename (dir, "candidates", NULL);
  g_file_set_contents (list_path, list->str, -1, &error);
  g_assert_no_error (error);

  r = run_xgettext (xgettext, list_path, "-");
  g_assert_cmpint (r.status, ==, 0);

  /* "#: src/gui/main.c:23 ui/ium-main-window.ui:44": where each message comes from. */
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) references = NULL;

      if (!g_str_has_prefix (lines[i], "#: "))
        continue;
      references = g_strsplit (lines[i] + 3, " ", -1);
      for (guint j = 0; references[j] != NULL; j++)
        {
          char *colon = strrchr (references[j], ':');

          if (colon != NULL)
            *colon = '\0';
          if (references[j][0] != '\0')
            g_hash_table_add (marked, g_strdup (references[j]));
        }
    }
  result_clear (&r);
  remove_tree (dir);

  g_assert_cmpuint (g_hash_table_size (marked), >, 0);
  {
    GHashTableIter iter;
    gpointer       file;

    g_hash_table_iter_init (&iter, marked);
    while (g_hash_table_iter_next (&iter, &file, NULL))
      if (!g_ptr_array_find_with_equal_func (listed, file, g_str_equal, NULL))
        g_test_fail_printf ("%s has strings marked for translation; add it to po/POTFILES.in",
                            (char *) file);
  }
}

static void
test_catalogues (void)
{
  g_autofree char *msgfmt = need_program ("msgfmt", "gettext");
  g_autofree char *po_dir = source_path ("po");
  g_auto (GStrv) languages = read_linguas ();
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (msgfmt == NULL)
    return;
  g_assert_cmpuint (g_strv_length (languages), >, 0);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *relative = g_strdup_printf ("po/%s.po", languages[i]);
      g_autofree char *po = source_path (relative);
      Result           r;

      if (!g_file_test (po, G_FILE_TEST_IS_REGULAR))
        {
          g_test_fail_printf ("po/LINGUAS lists %s, but there is no %s", languages[i], relative);
          continue;
        }
      /* --check: the header, and every format string against its translation. */
      r = RUN (NULL, msgfmt, "--check", "--output-file=/dev/null", po);
      assert_clean_exit (&r);
    }

  /* A catalogue that LINGUAS leaves out is never built or installed. */
  dir = g_dir_open (po_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".po"))
      {
        g_autofree char *language = g_strndup (name, strlen (name) - 3);

        if (!g_strv_contains ((const char *const *) languages, language))
          g_test_fail_printf ("po/%s is not in po/LINGUAS", name);
      }
}

/* "N translated messages, M fuzzy translations, K untranslated messages." (msgfmt --statistics,
 * in English since the tools run under LC_ALL=C.UTF-8 without LANGUAGE). */
static void
parse_statistics (const char *text, guint *translated, guint *total)
{
  g_auto (GStrv) parts = g_strsplit (text, ", ", -1);

  *translated = *total = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n = g_ascii_strtoull (parts[i], NULL, 10);

      if (strstr (parts[i], " translated") != NULL && strstr (parts[i], "untranslated") == NULL)
        *translated = (guint) n;
      *total += (guint) n;
    }
}

static void
test_every_message_translated (void)
{
  g_autofree char *xgettext = need_program ("xgettext", "gettext");
  g_autofree char *msgmerge = need_program ("msgmerge", "gettext");
  g_autofree char *msgattrib = need_program ("msgattrib", "gettext");
  g_autoptr (GPtrArray) listed = read_potfiles ();
  g_autoptr (GString) list = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) languages = read_linguas ();
  g_autofree char *dir = NULL;
  g_autofree char *list_path = NULL;
  g_autofree char *pot = NULL;
  g_autofree char *merged = NULL;
  Result           r;

  if (xgettext == NULL || msgmerge == NULL || msgattrib == NULL)
    return;
  for (guint i = 0; i < listed->len; i++)
    for (guint a = 0; a < G_N_ELEMENTS (complete_areas); a++)
      if (g_str_has_prefix (g_ptr_array_index (listed, i), complete_areas[a]))
        g_string_append_printf (list, "%s\n", (char *) g_ptr_array_index (listed, i));
  g_assert_cmpuint (list->len, >, 0);

  /* A fresh template, so that a string marked since the catalogue was last updated counts as
   * untranslated too. */
  dir = g_dir_make_tmp ("ium-po-XXXXXX", &error);
  g_assert_no_error (error);
  list_path = g_build_filename (dir, "files", NULL);
  pot = g_build_filename (dir, "fresh.pot", NULL);
  merged = g_build_filename (dir, "merged.po", NULL);
  g_file_set_contents (list_path, list->str, -1, &error);
  g_assert_no_error (error);
  r = run_xgettext (xgettext, list_path, pot);
  assert_clean_exit (&r);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char         *relative = g_strdup_printf ("po/%s.po", languages[i]);
      g_autofree char         *po = source_path (relative);
      static const char *const filters[] = { "--untranslated", "--only-fuzzy" };

      if (!g_file_test (po, G_FILE_TEST_IS_REGULAR))
        continue; /* test_catalogues says so */
      r = RUN (NULL, msgmerge, "--quiet", "--no-fuzzy-matching", "--output-file", merged, po, pot);
      assert_clean_exit (&r);
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          r = RUN (NULL, msgattrib, "--no-obsolete", "--no-wrap", filters[f], merged);
          g_assert_cmpint (r.status, ==, 0);
          if (r.out[0] != '\0')
            g_test_fail_printf ("%s: messages that are %s:\n%s", relative,
                                f == 0 ? "not translated" : "fuzzy (check and unmark them)", r.out);
          result_clear (&r);
        }
    }
  remove_tree (dir);
}

static void
test_translated_share (void)
{
  g_autofree char *msgfmt = need_program ("msgfmt", "gettext");
  g_auto (GStrv) languages = read_linguas ();

  if (msgfmt == NULL)
    return;
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *relative = g_strdup_printf ("po/%s.po", languages[i]);
      g_autofree char *po = source_path (relative);
      guint            translated, total;
      Result           r;

      if (!g_file_test (po, G_FILE_TEST_IS_REGULAR))
        continue;
      r = RUN (NULL, msgfmt, "--statistics", "--output-file=/dev/null", po);
      g_assert_cmpint (r.status, ==, 0);
      parse_statistics (r.err, &translated, &total);
      g_assert_cmpuint (total, >, 0);
      g_test_message ("%s: %u of %u messages translated (%u%%)", relative, translated, total,
                      translated * 100 / total);
      if (translated * 100 < total * MIN_PERCENT)
        g_test_fail_printf ("%s is %u%% translated (%u of %u); a language needs %d%%", relative,
                            translated * 100 / total, translated, total, MIN_PERCENT);
      result_clear (&r);
    }
}

/* The store's error messages say what it was doing ("reading the schema") in words it
 * translates only on failure (ium_store_set_sqlite_error()): each of those words must be
 * marked with N_() where it is written, or a German error shows it in English. */
static void
test_store_doings_marked (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRegex) call = g_regex_new (
    "ium_store_(exec|set_sqlite_error|step_done)\\s*\\([^;]*,\\s*(\"(?:[^\"\\\\]|\\\\.)*\")"
    "\\s*,\\s*[^,;()]+\\)",
    G_REGEX_DOTALL, 0, NULL);

  g_assert_nonnull (call);
  collect_sources ("src/core", files);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = source_path (g_ptr_array_index (files, i));
      g_autofree char *contents = NULL;
      g_autoptr (GMatchInfo) match = NULL;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      g_regex_match (call, contents, 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *function = g_match_info_fetch (match, 1);
          g_autofree char *doing = g_match_info_fetch (match, 2);

          g_test_fail_printf ("%s: ium_store_%s() is told it was %s, not marked with N_()",
                              (char *) g_ptr_array_index (files, i), function, doing);
          g_match_info_next (match, NULL);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/po/potfiles-exist", test_potfiles_exist);
  g_test_add_func ("/ium/po/potfiles-complete", test_potfiles_complete);
  g_test_add_func ("/ium/po/catalogues", test_catalogues);
  g_test_add_func ("/ium/po/every-message-translated", test_every_message_translated);
  g_test_add_func ("/ium/po/translated-share", test_translated_share);
  g_test_add_func ("/ium/po/store-doings-marked", test_store_doings_marked);
  return g_test_run ();
}
