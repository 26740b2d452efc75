/* test-cli-downtime.c: `ium downtime import` and `ium downtime export`, run as a person would
 * run them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-cli.h"

#include <string.h>

/* The downtime windows of `ium export`, as "START END LABEL INSTRUMENTS" lines for the
 * windows labelled @label. */
static char *
exported_windows (Fixture *f, const char *label)
{
  GString *text = g_string_new (NULL);
  Result   r = run_ium (f->db, "export", NULL);
  g_autoptr (JsonNode) root = NULL;
  JsonArray *downtime;

  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  downtime = json_object_get_array_member (json_node_get_object (root), "downtime");
  for (guint i = 0; i < json_array_get_length (downtime); i++)
    {
      JsonObject *window = json_array_get_object_element (downtime, i);
      JsonNode   *instruments = json_object_get_member (window, "instruments");

      if (g_strcmp0 (json_object_get_string_member (window, "label"), label) != 0)
        continue;
      g_string_append_printf (text, "%s %s %s ", json_object_get_string_member (window, "start"),
                              json_object_get_string_member (window, "end"),
                              json_object_get_string_member (window, "label"));
      if (JSON_NODE_HOLDS_ARRAY (instruments))
        {
          JsonArray *names = json_node_get_array (instruments);

          for (guint k = 0; k < json_array_get_length (names); k++)
            g_string_append_printf (text, "%s%s", k > 0 ? "," : "",
                                    json_array_get_string_element (names, k));
        }
      else
        g_string_append (text, json_node_get_string (instruments));
      g_string_append_c (text, '\n');
    }
  result_clear (&r);
  return g_string_free (text, FALSE);
}

/* A weekly Tuesday 08:00-18:00 London maintenance day across the March 2027 clock change,
 * with the 16th excluded, and an all-day event. */
static const char schedule[] = "BEGIN:VCALENDAR\r\n"
                               "VERSION:2.0\r\n"
                               "PRODID:-//Facility//Schedule//EN\r\n"
                               "BEGIN:VEVENT\r\n"
                               "UID:tuesdays@example.org\r\n"
                               "SUMMARY:Tuesday maintenance\r\n"
                               "DTSTART;TZID=Europe/London:20270309T080000\r\n"
                               "DTEND;TZID=Europe/London:20270309T180000\r\n"
                               "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n"
                               "EXDATE;TZID=Europe/London:20270316T080000\r\n"
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n"
                               "UID:shutdown@example.org\r\n"
                               "SUMMARY:Cooling shutdown\r\n"
                               "DTSTART;VALUE=DATE:20270401\r\n"
                               "END:VEVENT\r\n"
                               "END:VCALENDAR\r\n";

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autofree char *ics = write_temp (f, "schedule.ics", schedule);
  g_autofree char *tuesdays = NULL;
  g_autofree char *shutdown = NULL;
  Result           r;

  import_demo (f);

  r = run_ium (f->db, "downtime", "import", ics, "--instrument", "LARMOR", "--instrument", "ZOOM",
               "--until", "2027-04-06", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Read 5 downtime windows"));
  g_assert_nonnull (strstr (r.out, "5 added"));
  result_clear (&r);

  /* --until includes its whole day: the 6 April Tuesday is in. Summer time from 28 March. */
  tuesdays = exported_windows (f, "Tuesday maintenance");
  g_assert_cmpstr (tuesdays, ==,
                   "2027-03-09T08:00:00Z 2027-03-09T18:00:00Z Tuesday maintenance LARMOR,ZOOM\n"
                   "2027-03-23T08:00:00Z 2027-03-23T18:00:00Z Tuesday maintenance LARMOR,ZOOM\n"
                   "2027-03-30T08:00:00+01:00 2027-03-30T18:00:00+01:00 Tuesday maintenance "
                   "LARMOR,ZOOM\n"
                   "2027-04-06T08:00:00+01:00 2027-04-06T18:00:00+01:00 Tuesday maintenance "
                   "LARMOR,ZOOM\n");
  shutdown = exported_windows (f, "Cooling shutdown");
  g_assert_cmpstr (shutdown, ==,
                   "2027-04-01T00:00:00Z 2027-04-02T00:00:00Z Cooling shutdown LARMOR,ZOOM\n");

  /* Importing again changes nothing (a name given twice counts once); for every instrument,
   * the same windows are changed. */
  r = run_ium (f->db, "downtime", "import", ics, "--instrument", "LARMOR", "--instrument", "ZOOM",
               "--instrument", "LARMOR", "--until", "2027-04-06", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "0 added, 0 changed, 5 already there"));
  result_clear (&r);

  r = run_ium (f->db, "--json", "downtime", "import", ics, "--until", "2027-04-06", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"changed\" : 5"));
  result_clear (&r);
  g_clear_pointer (&shutdown, g_free);
  shutdown = exported_windows (f, "Cooling shutdown");
  g_assert_cmpstr (shutdown, ==,
                   "2027-04-01T00:00:00Z 2027-04-02T00:00:00Z Cooling shutdown all\n");

  /* A later --until adds the next Tuesday. */
  r = run_ium (f->db, "--as", "alice", "downtime", "import", ics, "--until", "2027-04-14", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "1 added"));
  result_clear (&r);
}

static void
assert_refused (Fixture *f, GBytes *before, const char *expected, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GBytes) after = NULL;
  const char *arg;
  Result      r;
  va_list     ap;

  va_start (ap, expected);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_assert_cmpuint (args->len, <=, 6);
  while (args->len < 7)
    g_ptr_array_add (args, NULL);

  r = run_ium (f->db, args->pdata[0], args->pdata[1], args->pdata[2], args->pdata[3],
               args->pdata[4], args->pdata[5], NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_test_message ("stderr: %s", r.err);
  g_assert_nonnull (strstr (r.err, expected));
  result_clear (&r);

  after = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_broken_file (Fixture *f, gconstpointer data)
{
  g_autofree char *broken = write_temp (f, "broken.ics",
                                        "BEGIN:VCALENDAR\r\n"
                                        "VERSION:2.0\r\n"
                                        "BEGIN:VEVENT\r\n"
                                        "SUMMARY:Fine\r\n"
                                        "DTSTART:20270302T080000Z\r\n"
                                        "DTEND:20270302T120000Z\r\n"
                                        "END:VEVENT\r\n"
                                        "BEGIN:VEVENT\r\n"
                                        "SUMMARY:Bad\r\n"
                                        "DTSTART:2027-13-01\r\n"
                                        "END:VEVENT\r\n"
                                        "END:VCALENDAR\r\n");
  g_autofree char *end_only = write_temp (f, "end.ics",
                                          "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VEVENT\r\n"
                                          "END:VCALENDAR\r\n");
  g_autofree char *json =
    g_build_filename (g_getenv ("IUM_SOURCE_ROOT"), "data", "demo-inventory.json", NULL);
  g_autofree char *good = write_temp (f, "good.ics", schedule);
  g_autofree char *missing = g_build_filename (f->dir, "missing.ics", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *expected_end = NULL;
  g_autofree char *expected_json = NULL;
  g_autoptr (GBytes) before = NULL;

  import_demo (f);
  before = read_bytes (f->db);

  expected = g_strdup_printf ("%s: line 10: DTSTART “2027-13-01” is not a date-time\n"
                              "Nothing was imported.",
                              broken);
  assert_refused (f, before, expected, "downtime", "import", broken, NULL);

  expected_end = g_strdup_printf ("%s: line 3: END:VEVENT without BEGIN", end_only);
  assert_refused (f, before, expected_end, "downtime", "import", end_only, NULL);

  /* Not an iCalendar file at all: the inventory JSON given by mistake. */
  expected_json = g_strdup_printf ("%s: line 1: ", json);
  assert_refused (f, before, expected_json, "downtime", "import", json, NULL);
  assert_refused (f, before, "not an iCalendar file", "downtime", "import", json, NULL);

  /* An unknown instrument is named; a bad --until is quoted; a missing file is named. */
  assert_refused (f, before, "unknown instrument “NOSUCH”", "downtime", "import", good,
                  "--instrument", "NOSUCH", NULL);
  assert_refused (f, before, "--until: ", "downtime", "import", good, "--until", "2027-02-30",
                  NULL);
  assert_refused (f, before, "missing.ics", "downtime", "import", missing, NULL);
  assert_refused (f, before, "", "downtime", "import", NULL);
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autofree char *ics = write_temp (f, "schedule.ics", schedule);
  g_autofree char *out = g_build_filename (f->dir, "out.ics", NULL);
  g_autofree char *fresh_db = g_build_filename (f->dir, "fresh.db", NULL);
  g_autofree char *written = NULL;
  g_autofree char *tuesdays = NULL;
  g_autofree char *tuesdays_again = NULL;
  g_autoptr (GError) error = NULL;
  Fixture fresh = { f->dir, fresh_db };
  Result  r;

  import_demo (f);
  r = run_ium (f->db, "downtime", "import", ics, "--until", "2027-04-06", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run_ium (f->db, "downtime", "export", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (r.out, "PRODID:-//Instrument Update Manager//EN"));
  g_assert_nonnull (strstr (r.out, "SUMMARY:Tuesday maintenance"));
  g_assert_nonnull (strstr (r.out, "DTSTART:20270330T070000Z"));
  g_assert_nonnull (strstr (r.out, "SUMMARY:Cycle 2027/1 (frozen)"));
  g_assert_true (g_str_has_suffix (r.out, "END:VCALENDAR\r\n"));
  result_clear (&r);

  r = run_ium (f->db, "downtime", "export", "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  g_file_get_contents (out, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (written, "SUMMARY:Cooling shutdown"));

  /* The exported file imports into another database and gives the same windows (and no
   * windows made of the cycles). */
  import_demo (&fresh);
  r = run_ium (fresh_db, "downtime", "import", out, "--until", "2030-01-01", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  tuesdays = exported_windows (f, "Tuesday maintenance");
  tuesdays_again = exported_windows (&fresh, "Tuesday maintenance");
  g_assert_cmpuint (strlen (tuesdays), >, 0);
  /* The export writes UTC, so compare instants by re-reading through the first database's
   * own UTC export. */
  {
    g_autofree char *cycles = exported_windows (&fresh, "Cycle 2027/1 (frozen)");

    g_assert_cmpstr (cycles, ==, "");
  }
  r = run_ium (f->db, "downtime", "export", NULL);
  {
    Result again = run_ium (fresh_db, "downtime", "export", NULL);
    g_auto (GStrv) a = g_strsplit (r.out, "\r\n", -1);
    g_auto (GStrv) b = g_strsplit (again.out, "\r\n", -1);
    guint n_a = 0, n_b = 0;

    /* Same events in the same order, apart from DTSTAMP. */
    for (guint i = 0; a[i] != NULL; i++)
      n_a += g_str_has_prefix (a[i], "UID:");
    for (guint i = 0; b[i] != NULL; i++)
      n_b += g_str_has_prefix (b[i], "UID:");
    g_assert_cmpuint (n_a, ==, n_b);
    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
    for (guint i = 0; a[i] != NULL; i++)
      if (!g_str_has_prefix (a[i], "DTSTAMP:"))
        g_assert_cmpstr (a[i], ==, b[i]);
    result_clear (&again);
  }
  result_clear (&r);

  /* An unwritable output path is refused and leaves nothing behind. */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "no-such-dir", "out.ics", NULL);

    r = run_ium (f->db, "downtime", "export", "-o", nowhere, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, nowhere));
    g_assert_nonnull (strstr (r.err, "its folder does not exist"));
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    result_clear (&r);
  }
}

static void
test_help (Fixture *f, gconstpointer data)
{
  Result r = run_ium (f->db, "downtime", "import", "--help", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--instrument"));
  g_assert_nonnull (strstr (r.out, "--until"));
  result_clear (&r);

  r = run_ium (f->db, "downtime", "export", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--output"));
  result_clear (&r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/ium/cli/downtime/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import", test_import);
  ADD ("broken-file", test_broken_file);
  ADD ("export", test_export);
  ADD ("help", test_help);
#undef ADD

  return g_test_run ();
}
