/* test-cli-i18n.c: `ium` in German.
 *
 * The built ium runs with LC_ALL=C.UTF-8 and LANGUAGE=de against the catalogues the build
 * made in _build/po (IUM_TRANSLATIONS_DIR, set by tests/meson.build). glibc ignores LANGUAGE
 * under plain LC_ALL=C but honours it under C.UTF-8, the one UTF-8 locale every machine has,
 * so no German locale needs to be installed. Help, headings, messages and errors are German
 * with the exit status unchanged; --json output is the same in both languages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-cli.h"

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, text);
}

static void
assert_lacks (const char *text, const char *needle)
{
  if (strstr (text, needle) != NULL)
    g_error ("did not expect “%s” in:\n%s", needle, text);
}

static void
test_catalogue_built (void)
{
  const char      *dir = g_getenv ("IUM_TRANSLATIONS_DIR");
  g_autofree char *mo = NULL;

  g_assert_nonnull (dir);
  mo = g_build_filename (dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: build the project (meson compile) before the tests", mo);
}

static void
test_help (void)
{
  Result de = run_ium_in ("de", NULL, "--help", NULL);
  Result en = run_ium_in (NULL, NULL, "--help", NULL);
  Result de_status = run_ium_in ("de", NULL, "status", "--help", NULL);
  Result de_plan = run_ium_in ("de", NULL, "plan", "--help", NULL);

  g_assert_cmpint (de.status, ==, 0);
  g_assert_cmpint (en.status, ==, 0);
  assert_contains (de.out, "Aufruf: ium [--db PFAD] [--json] BEFEHL [ARGUMENTE]");
  assert_contains (de.out, "Befehle:");
  assert_contains (de.out, "Eine Inventardatei importieren");
  /* Command and option names are never translated. */
  assert_contains (de.out, "rollout mark NAME INSTRUMENT ZUSTAND");
  assert_lacks (de.out, "Usage:");
  assert_contains (en.out, "Usage: ium [--db PATH] [--json] COMMAND [ARGUMENTS]");
  assert_lacks (en.out, "Befehle");

  /* GOptionContext: the summary, the options' descriptions and placeholders. */
  g_assert_cmpint (de_status.status, ==, 0);
  assert_contains (de_status.out, "Was jedes Instrument ausführt, sein Ziel und seine Flags");
  assert_contains (de_status.out, "--db=PFAD");
  g_assert_cmpint (de_plan.status, ==, 0);
  assert_contains (de_plan.out, "--from=DATUM");
  assert_contains (de_plan.out, "Welle für Welle");

  result_clear (&de);
  result_clear (&en);
  result_clear (&de_status);
  result_clear (&de_plan);
}

static void
test_table (Fixture *f, gconstpointer data)
{
  Result de, en;

  import_demo (f);
  de = run_ium_in ("de", f->db, "status", NULL);
  en = run_ium_in (NULL, f->db, "status", NULL);
  g_assert_cmpint (de.status, ==, 0);
  g_assert_cmpint (en.status, ==, 0);
  assert_contains (de.out, "34 Instrumente; neuestes offizielles Release 12.3.2.380");
  assert_contains (de.out,
                   "INSTRUMENT  STANDORT  RELEASE     STUFE     ZIEL        RÜCKSTAND  FLAGS");
  /* Flags and tiers are identifiers of the spec, in every language. */
  assert_contains (de.out, "update-available, too-far-behind");
  assert_contains (de.out, "official");
  assert_contains (en.out, "INSTRUMENT  SITE  RELEASE     TIER      TARGET      BEHIND  FLAGS");
  result_clear (&de);
  result_clear (&en);

  /* The verdict: its status is an id, its sentence is for people (--json keeps English). */
  de = run_ium_in ("de", f->db, "check", "LARMOR", "ibex-gui", "9.0", NULL);
  en = run_ium_in (NULL, f->db, "check", "LARMOR", "ibex-gui", "9.0", NULL);
  g_assert_cmpint (de.status, ==, 1);
  g_assert_cmpint (en.status, ==, 1);
  assert_contains (de.out, "incompatible: IBEX GUI 9.0 kann nicht mit IBEX server 12.3.2.380 auf "
                           "LARMOR zusammenarbeiten: die Hauptversionen unterscheiden sich.");
  assert_contains (en.out, "incompatible: IBEX GUI 9.0 cannot talk to the IBEX server");
  result_clear (&de);
  result_clear (&en);
}

/* One wave of one upgrade: the plural forms ("in 1 wave", not "in 1 waves"). */
static void
test_plural (Fixture *f, gconstpointer data)
{
  Result r;

  import_demo (f);
  r = run_ium_in (NULL, f->db, "plan", "12.3.2.380", "--wave", "ALF", "--save", "one", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Wave 1 (1 upgrade)");
  result_clear (&r);

  r = run_ium_in (NULL, f->db, "rollout", "show", "one", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "release 12.3.2.380, 1 upgrade in 1 wave, saved by");
  assert_contains (r.out, "Active; it pauses when 1 upgrade of one wave fails.");
  result_clear (&r);

  r = run_ium_in ("de", f->db, "rollout", "show", "one", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Release 12.3.2.380, 1 Upgrade in 1 Welle, gespeichert von");
  assert_contains (r.out, "WANN");
  assert_contains (r.out, "ZUSTAND");
  /* The state is an identifier. */
  assert_contains (r.out, "planned");
  result_clear (&r);
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  Result           de, en;

  /* The command line's own message. */
  import_demo (f);
  de = run_ium_in ("de", f->db, "status", "NOPE", NULL);
  en = run_ium_in (NULL, f->db, "status", "NOPE", NULL);
  g_assert_cmpint (de.status, ==, 2);
  g_assert_cmpint (en.status, ==, de.status);
  assert_contains (de.err, "ium status: unbekanntes Instrument „NOPE“");
  assert_contains (en.err, "ium status: unknown instrument “NOPE”");
  result_clear (&de);
  result_clear (&en);

  /* A GError from libium. */
  de = run_ium_in ("de", missing, "status", NULL);
  en = run_ium_in (NULL, missing, "status", NULL);
  g_assert_cmpint (de.status, ==, 2);
  g_assert_cmpint (en.status, ==, de.status);
  assert_contains (de.err, "gibt es kein Inventar. Importieren Sie eines mit 'ium import DATEI'");
  assert_contains (en.err, "there is no inventory at");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  result_clear (&de);
  result_clear (&en);

  /* A refusal keeps exit 3. */
  en = run_ium_in (NULL, f->db, "--as", "alice", "token", "take", NULL);
  g_assert_cmpint (en.status, ==, 0);
  result_clear (&en);
  de = run_ium_in ("de", f->db, "--as", "bob", "token", "take", NULL);
  g_assert_cmpint (de.status, ==, 3);
  assert_contains (de.err, "das Deploy-Token hat alice seit");
  result_clear (&de);

  /* A usage error. */
  de = run_ium_in ("de", f->db, "version", "compare", "1", NULL);
  g_assert_cmpint (de.status, ==, 2);
  assert_contains (de.err, "erwartet: A B (siehe 'ium version compare --help')");
  result_clear (&de);
}

/* @text without the lines that hold when it was made (the report's "generated"). Owned. */
static char *
without_times (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "\"generated\"") == NULL
        && strstr (lines[i], "\"clients_since\"") == NULL)
      g_string_append_printf (kept, "%s\n", lines[i]);
  return g_string_free (kept, FALSE);
}

/* --json is for programs: the same bytes in every language, errors aside. */
static void
test_json_same (Fixture *f, gconstpointer data)
{
  static const char *commands[][6] = {
    { "status", "--json", NULL },
    { "status", "ALF", "--json", NULL },
    { "check", "LARMOR", "ibex-gui", "12.1.0.1", "--json", NULL },
    { "check", "LARMOR", "ibex-gui", "9.0", "--json", NULL },
    { "rollout", "list", "--json", NULL },
    { "rollout", "show", "one", "--json", NULL },
    { "version", "compare", "12.1", "12.1.0.0", "--json", NULL },
    /* The report's machine formats. */
    { "report", "12.3.2.380", "--format", "csv", NULL },
    { "report", "12.3.2.380", "--format", "json", NULL },
  };
  Result r;

  import_demo (f);
  r = run_ium_in (NULL, f->db, "plan", "12.3.2.380", "--wave", "ALF", "--save", "one", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr (GPtrArray) args = g_ptr_array_new ();
      g_autoptr (GSubprocess) de_process = NULL;
      g_autoptr (GSubprocess) en_process = NULL;
      Result de, en;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->db);
      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);

      de_process = spawn_ium_in ("de", (const char *const *) args->pdata, NULL);
      de = finish (de_process);
      en_process = spawn_ium_in (NULL, (const char *const *) args->pdata, NULL);
      en = finish (en_process);
      g_test_message ("ium %s ...: exit %d", commands[i][0], en.status);
      g_assert_cmpint (de.status, ==, en.status);
      g_assert_cmpuint (strlen (en.out), >, 2);
      {
        g_autofree char *de_out = without_times (de.out);
        g_autofree char *en_out = without_times (en.out);

        g_assert_cmpstr (de_out, ==, en_out);
      }
      result_clear (&de);
      result_clear (&en);
    }
}

/* The report's human formats follow the language; its generation time is in them, so only
 * the words are compared. */
static void
test_report (Fixture *f, gconstpointer data)
{
  Result de, en;

  import_demo (f);
  de = run_ium_in ("de", f->db, "report", "12.3.2.380", "--format", "md", NULL);
  en = run_ium_in (NULL, f->db, "report", "12.3.2.380", "--format", "md", NULL);
  g_assert_cmpint (de.status, ==, 0);
  g_assert_cmpint (en.status, ==, 0);
  assert_contains (de.out, "# Release-Bericht: 12.3.2.380");
  assert_contains (de.out, "## Zu weit zurück");
  assert_contains (de.out, "| Instrument | Standort | Release | Rückstand | Ziel |");
  assert_contains (de.out, "in den letzten 30 Tagen gesehene Clients");
  assert_contains (en.out, "# Release report: 12.3.2.380");
  assert_contains (en.out, "## Too far behind");
  assert_lacks (en.out, "Standort");
  result_clear (&de);
  result_clear (&en);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/cli-i18n/catalogue-built", test_catalogue_built);
  g_test_add_func ("/ium/cli-i18n/help", test_help);
  g_test_add ("/ium/cli-i18n/table", Fixture, NULL, fixture_setup, test_table, fixture_teardown);
  g_test_add ("/ium/cli-i18n/plural", Fixture, NULL, fixture_setup, test_plural, fixture_teardown);
  g_test_add ("/ium/cli-i18n/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/ium/cli-i18n/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/ium/cli-i18n/json-same", Fixture, NULL, fixture_setup, test_json_same,
              fixture_teardown);
  return g_test_run ();
}
