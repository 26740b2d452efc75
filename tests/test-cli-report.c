/* test-cli-report.c: `ium report` through the built binary: the demo facility with a rollout
 * part way through and clients in the check log, written in all five formats and read back
 * with independent tools (Python's csv module, json-glib, pdftotext), which must agree; a
 * hostile inventory escaped; --days; every bad argument; and no partial file on an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ium-check-log.h"
#include "ium-test-cli.h"
#include "ium-test-report.h"

#define RELEASE "12.3.2.380"

static void
assert_run (Result r, int status, const char *in_err)
{
  if (r.status != status)
    g_error ("expected exit %d, got %d: %s%s", status, r.status, r.out, r.err);
  if (in_err != NULL && strstr (r.err, in_err) == NULL)
    g_error ("expected “%s” on stderr: %s", in_err, r.err);
  result_clear (&r);
}

/* Checks in the log, @days_ago before now, as `ium serve` would have logged them. */
static void
log_check (
  Fixture *f, const char *instrument, const char *version, IumVerdictStatus status, double days_ago)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_store_open_existing (f->db, &error);
  g_autoptr (IumVerdict) verdict = ium_verdict_new (instrument, "ibex-gui", version, "ibex-server",
                                                    RELEASE, status, RELEASE, NULL, NULL, "");
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) at = g_date_time_add_seconds (now, -days_ago * 86400);
  g_autoptr (GPtrArray) batch =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);

  g_assert_no_error (error);
  g_ptr_array_add (
    batch, ium_check_record_new_from_verdict (verdict, IUM_CHECK_EVENT_CHECK, at, "10.1.2.3"));
  g_assert_true (ium_store_append_checks (store, batch, &error));
  g_assert_no_error (error);
}

/* The demo facility on its first rollout day: SANS2D done, POLREF failed, WISH in progress,
 * and three clients seen: two of them in the last week. */
static void
prepare_demo (Fixture *f)
{
  Result r;

  import_demo (f);
  r = run_ium (f->db, "plan", RELEASE, "--wave", "site:TS2", "--wave", "rest", "--from",
               "2026-12-01", "--save", "dec", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  assert_run (run_ium (f->db, "--as", "ann", "token", "take", NULL), 0, NULL);
  assert_run (
    run_ium (f->db, "--as", "ann", "rollout", "mark", "dec", "SANS2D", "in-progress", NULL), 0,
    NULL);
  assert_run (run_ium (f->db, "--as", "ann", "rollout", "mark", "dec", "SANS2D", "done", NULL), 0,
              NULL);
  assert_run (run_ium (f->db, "--as", "ann", "rollout", "mark", "dec", "WISH", "in-progress", NULL),
              0, NULL);
  assert_run (
    run_ium (f->db, "--as", "ann", "rollout", "mark", "dec", "POLREF", "in-progress", NULL), 0,
    NULL);
  assert_run (run_ium (f->db, "--as", "ann", "rollout", "mark", "dec", "POLREF", "failed", NULL), 0,
              NULL);

  log_check (f, "LARMOR", "11.2.0.5", IUM_VERDICT_INCOMPATIBLE, 2);
  log_check (f, "ZOOM", "12.2.0.300", IUM_VERDICT_UPDATE_AVAILABLE, 3);
  log_check (f, "MARI", "12.1.0.200", IUM_VERDICT_UPDATE_AVAILABLE, 12);
}

static char *
write_report (Fixture *f, const char *release, const char *format)
{
  g_autofree char *name = g_strdup_printf ("report.%s", format);
  char            *path = g_build_filename (f->dir, name, NULL);
  Result           r = run_ium (f->db, "report", release, "--format", format, "-o", path, NULL);

  if (r.status != 0)
    g_error ("ium report --format %s: exit %d: %s", format, r.status, r.err);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  return path;
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  return contents;
}

/* The CSV file read by Python's csv module, handed back as JSON (an array of records). */
static GPtrArray *
read_csv_with_python (const char *path)
{
  static const char script[] = "import csv, json, sys\n"
                               "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                               "    json.dump(list(csv.reader(f, strict=True)), sys.stdout)\n";
  const char       *argv[] = { "python3", "-c", script, path, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr (JsonNode) node = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  JsonArray *rows;
  int        status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  node = parse_json (out);
  rows = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      char     **fields = g_new0 (char *, json_array_get_length (row) + 1);

      for (guint k = 0; k < json_array_get_length (row); k++)
        fields[k] = g_strdup (json_array_get_string_element (row, k));
      g_ptr_array_add (records, fields);
    }
  return records;
}

/* All five formats of one facility, read back with independent tools, say the same. */
static void
test_formats (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = NULL, *json = NULL, *html = NULL, *md = NULL, *pdf = NULL;
  g_autofree char *json_text = NULL, *html_text = NULL, *md_text = NULL, *pdf_text = NULL;
  g_autofree char *pdf_raw = NULL, *compact = NULL, *csv_text = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) own_records = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GArray) figures = NULL;
  ReportCounts expected = { 0 }, counts;
  JsonObject  *object, *summary;
  JsonArray   *instruments;
  Result       r;

  prepare_demo (f);
  csv = write_report (f, RELEASE, "csv");
  json = write_report (f, RELEASE, "json");
  html = write_report (f, RELEASE, "html");
  md = write_report (f, RELEASE, "md");
  pdf = write_report (f, RELEASE, "pdf");

  /* JSON, through json-glib: the summary is what the others must say. */
  json_text = read_text (json);
  root = parse_json (json_text);
  object = json_node_get_object (root);
  summary = json_object_get_object_member (object, "summary");
  report_counts_from_summary (summary, &expected);
  g_assert_cmpuint (expected.rows, ==, 34);
  g_assert_cmpuint (expected.states[IUM_UPGRADE_DONE], ==, 1);
  g_assert_cmpuint (expected.states[IUM_UPGRADE_FAILED], ==, 1);
  g_assert_cmpuint (expected.states[IUM_UPGRADE_IN_PROGRESS], ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "incompatible_clients"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "outdated_clients"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "facility"), ==,
                   "Example Neutron and Muon Source");
  instruments = json_object_get_array_member (object, "instruments");
  g_assert_cmpuint (json_array_get_length (instruments), ==, 34);
  counts = (ReportCounts){ 0 };
  report_counts_from_json (object, &counts);
  report_counts_assert_equal (&counts, &expected, "the JSON instruments");

  /* CSV, through Python's csv module and through our own RFC 4180 reader. */
  records = read_csv_with_python (csv);
  counts = (ReportCounts){ 0 };
  report_counts_from_csv (records, &counts);
  report_counts_assert_equal (&counts, &expected, "CSV (Python)");
  csv_text = read_text (csv);
  own_records = report_read_csv (csv_text, strlen (csv_text));
  g_assert_cmpuint (own_records->len, ==, records->len);
  for (guint i = 0; i < records->len; i++)
    g_assert_true (g_strv_equal (records->pdata[i], own_records->pdata[i]));

  /* HTML and Markdown. */
  html_text = read_text (html);
  counts = (ReportCounts){ 0 };
  report_counts_from_html (html_text, &counts);
  report_counts_assert_equal (&counts, &expected, "HTML");
  md_text = read_text (md);
  counts = (ReportCounts){ 0 };
  report_counts_from_markdown (md_text, &counts);
  report_counts_assert_equal (&counts, &expected, "Markdown");

  /* PDF, through pdftotext: every instrument, the page numbers, and the figures. */
  pdf_text = report_pdf_to_text (pdf, FALSE);
  pdf_raw = report_pdf_to_text (pdf, TRUE);
  compact = report_without_spaces (pdf_raw);
  for (guint i = 0; i < json_array_get_length (instruments); i++)
    g_assert_nonnull (strstr (compact, json_object_get_string_member (
                                         json_array_get_object_element (instruments, i), "name")));
  g_assert_nonnull (strstr (pdf_text, "Page 1 of "));
  figures = report_pdf_figures (pdf_text);
  g_assert_cmpuint (figures->len, ==, 29);
  g_assert_cmpuint (g_array_index (figures, guint, 0), ==, expected.rows);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    g_assert_cmpuint (g_array_index (figures, guint, 9 + bit), ==, expected.flags[bit]);
  g_assert_cmpuint (g_array_index (figures, guint, 20), ==, expected.states[IUM_UPGRADE_DONE]);
  g_assert_cmpuint (g_array_index (figures, guint, 22), ==, expected.states[IUM_UPGRADE_FAILED]);
  g_assert_cmpuint (g_array_index (figures, guint, 27), ==, 1); /* incompatible clients */

  /* Text formats go to standard output without -o, the same bytes as the file. */
  r = run_ium (f->db, "report", RELEASE, "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, csv_text);
  result_clear (&r);
  r = run_ium (f->db, "report", RELEASE, "--format", "md", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "# Release report: " RELEASE));
  result_clear (&r);
  /* --json alone means the JSON report; -o FILE.html alone means HTML. */
  r = run_ium (f->db, "report", RELEASE, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"format\" : \"ium-report\""));
  result_clear (&r);
  {
    g_autofree char *path = g_build_filename (f->dir, "inferred.HTML", NULL);
    g_autofree char *text = NULL;
    assert_run (run_ium (f->db, "report", RELEASE, "-o", path, NULL), 0, NULL);
    text = read_text (path);
    g_assert_true (g_str_has_prefix (text, "<!DOCTYPE html>"));
  }
  /* A PDF piped (not a terminal) is written as asked. */
  {
    const char *args[] = { "--db", f->db, "report", RELEASE, "--format", "pdf", NULL };
    g_autoptr (GSubprocess) process = spawn_ium (args, NULL);
    g_autoptr (GBytes) out = NULL;
    g_autoptr (GError) error = NULL;

    g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (process));
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    g_assert_cmpuint (g_bytes_get_size (out), >, 1000);
    g_assert_cmpmem (g_bytes_get_data (out, NULL), 5, "%PDF-", 5);
  }
}

/* The client window: --days 7 drops MARI's check of twelve days ago. */
static void
test_days (Fixture *f, gconstpointer data)
{
  Result r;
  g_autoptr (JsonNode) week = NULL;
  g_autoptr (JsonNode) month = NULL;
  JsonObject *summary;

  prepare_demo (f);
  r = run_ium (f->db, "report", RELEASE, "--format", "json", "--days", "7", NULL);
  g_assert_cmpint (r.status, ==, 0);
  week = parse_json (r.out);
  result_clear (&r);
  summary = json_object_get_object_member (json_node_get_object (week), "summary");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (week), "days"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (summary, "outdated_clients"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "incompatible_clients"), ==, 1);

  r = run_ium (f->db, "report", RELEASE, "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  month = parse_json (r.out);
  result_clear (&r);
  summary = json_object_get_object_member (json_node_get_object (month), "summary");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (month), "days"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (summary, "outdated_clients"), ==, 2);
}

/* Instrument and site names that would break HTML, CSV and Markdown come through escaped in
 * HTML and Markdown and exactly as they are in CSV and JSON. */
static void
test_hostile (Fixture *f, gconstpointer data)
{
  static const char inventory[] =
    "{\"format\": \"ium-inventory\", \"format_version\": 1, \"facility\": \"<b>Bold</b> & Co\","
    " \"components\": [{\"id\": \"srv\", \"name\": \"Server\", \"role\": \"server\"}],"
    " \"releases\": [{\"version\": \"1.0\", \"tier\": \"official\", \"notes\": \"<img src=x "
    "onerror=alert(2)>\"}],"
    " \"instruments\": ["
    "  {\"name\": \"<script>alert(1)</script>\", \"site\": \"\\\"&'<>\","
    "   \"hosts\": [{\"name\": \"h\", \"role\": \"control\", \"installed\": {\"srv\": \"1.0\"}}]},"
    "  {\"name\": \"a|b,c\\\"d\", \"site\": \"*x* _y_ `z`\","
    "   \"hosts\": [{\"name\": \"h\", \"role\": \"control\", \"installed\": {\"srv\": "
    "\"1.0\"}}]}]}";
  g_autofree char *file = write_temp (f, "hostile.json", inventory);
  g_autofree char *html_path = NULL, *html = NULL, *md = NULL, *csv_path = NULL;
  g_autoptr (GPtrArray) records = NULL;
  Result r;

  assert_run (run_ium (f->db, "import", file, NULL), 0, NULL);
  html_path = write_report (f, "1.0", "html");
  html = read_text (html_path);
  g_assert_null (strstr (html, "<script>alert"));
  g_assert_null (strstr (html, "alert(1)</script>"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b>Bold"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "&quot;&amp;&#39;&lt;&gt;"));
  g_assert_nonnull (strstr (html, "&lt;img src=x onerror=alert(2)&gt;"));

  r = run_ium (f->db, "report", "1.0", "--format", "md", NULL);
  g_assert_cmpint (r.status, ==, 0);
  md = g_steal_pointer (&r.out);
  result_clear (&r);
  g_assert_null (strstr (md, "<script>"));
  g_assert_null (strstr (md, "<img"));
  g_assert_nonnull (strstr (md, "a\\|b,c\"d"));
  g_assert_nonnull (strstr (md, "\\*x\\* \\_y\\_ \\`z\\`"));

  csv_path = write_report (f, "1.0", "csv");
  records = read_csv_with_python (csv_path);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (((char **) records->pdata[1])[0], ==, "<script>alert(1)</script>");
  g_assert_cmpstr (((char **) records->pdata[1])[1], ==, "\"&'<>");
  g_assert_cmpstr (((char **) records->pdata[2])[0], ==, "a|b,c\"d");
}

static void
test_bad_arguments (Fixture *f, gconstpointer data)
{
  g_autofree char *missing_db = g_build_filename (f->dir, "nosuch.db", NULL);

  import_demo (f);
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "docx", NULL), 2, "docx");
  assert_run (run_ium (f->db, "report", RELEASE, NULL), 2, "--format");
  assert_run (run_ium (f->db, "report", RELEASE, "-o", "out.txt", NULL), 2, "--format");
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "csv", "--days", "0", NULL), 2, "“0”");
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "csv", "--days", "-3", NULL), 2,
              "“-3”");
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "csv", "--days", "abc", NULL), 2,
              "“abc”");
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "csv", "--days", "1.5", NULL), 2,
              "“1.5”");
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "csv", "--days", "3651", NULL), 2,
              "3650");
  assert_run (run_ium (f->db, "report", "99.1", "--format", "csv", NULL), 2, "no release “99.1”");
  assert_run (run_ium (f->db, "report", "12.x", "--format", "csv", NULL), 2, "“12.x”");
  assert_run (run_ium (f->db, "report", "--format", "csv", NULL), 2, "RELEASE");
  assert_run (run_ium (f->db, "report", RELEASE, RELEASE, "--format", "csv", NULL), 2, "RELEASE");
  assert_run (run_ium (missing_db, "report", RELEASE, "--format", "csv", NULL), 2, "nosuch.db");
  /* Still within limits. */
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "csv", "--days", "3650", NULL), 0,
              NULL);
  assert_run (run_ium (f->db, "report", "v12.3.2.380", "--format", "csv", "--days", "1", NULL), 0,
              NULL);
}

static guint
count_entries (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* An error leaves no file behind, and an existing report as it was. */
static void
test_no_partial_file (Fixture *f, gconstpointer data)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *target = g_build_filename (out_dir, "report.html", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing", "report.pdf", NULL);
  g_autofree char *in_file = g_build_filename (f->dir, "inventory.db", "report.csv", NULL);
  g_autofree char *contents = NULL;

  import_demo (f);
  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "the old report\n", -1, NULL));

  /* A bad release, format or --days: the existing file is unchanged. */
  assert_run (run_ium (f->db, "report", "99.1", "--format", "html", "-o", target, NULL), 2, NULL);
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "htm", "-o", target, NULL), 2, NULL);
  assert_run (
    run_ium (f->db, "report", RELEASE, "--format", "html", "--days", "x", "-o", target, NULL), 2,
    NULL);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old report\n");
  g_assert_cmpuint (count_entries (out_dir), ==, 1);

  /* A folder that does not exist, a path below a file, a path that is a folder: exit 2, a
   * message naming the path, and nothing written. */
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "pdf", "-o", missing, NULL), 2,
              "missing");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "csv", "-o", in_file, NULL), 2,
              "report.csv");
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "html", "-o", out_dir, NULL), 2,
              "out");
  g_assert_true (g_file_test (out_dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (out_dir), ==, 1);

  /* A read-only folder (root may write anywhere, so only for other users). */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (out_dir, 0555), ==, 0);
      assert_run (run_ium (f->db, "report", RELEASE, "--format", "html", "-o", target, NULL), 2,
                  "report.html");
      g_assert_cmpint (g_chmod (out_dir, 0755), ==, 0);
      g_clear_pointer (&contents, g_free);
      g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "the old report\n");
      g_assert_cmpuint (count_entries (out_dir), ==, 1);
    }

  /* And a good run replaces it whole. */
  assert_run (run_ium (f->db, "report", RELEASE, "--format", "html", "-o", target, NULL), 0, NULL);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_assert_true (g_str_has_suffix (contents, "</html>\n"));
  g_assert_cmpuint (count_entries (out_dir), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/ium/cli-report/formats", Fixture, NULL, fixture_setup, test_formats,
              fixture_teardown);
  g_test_add ("/ium/cli-report/days", Fixture, NULL, fixture_setup, test_days, fixture_teardown);
  g_test_add ("/ium/cli-report/hostile", Fixture, NULL, fixture_setup, test_hostile,
              fixture_teardown);
  g_test_add ("/ium/cli-report/bad-arguments", Fixture, NULL, fixture_setup, test_bad_arguments,
              fixture_teardown);
  g_test_add ("/ium/cli-report/no-partial-file", Fixture, NULL, fixture_setup, test_no_partial_file,
              fixture_teardown);

  return g_test_run ();
}
