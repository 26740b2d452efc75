/* ium-test-report.c: reading reports back, for the unit and the CLI report tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-report.h"

#include <string.h>

#include "ium-check-log.h"
#include "ium-planner.h"
#include "ium-rollouts.h"
#include "ium-test-cli.h"
#include "ium-token.h"

GPtrArray *
report_read_csv (const char *data, gsize length)
{
  const char *p = data, *end = data + length;
  GPtrArray  *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  while (p < end)
    {
      GString *field = g_string_new (NULL);

      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (p < end);
              if (*p == '"' && p + 1 < end && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      else
        for (; p < end && *p != ',' && *p != '\r'; p++)
          {
            g_assert_true (*p != '"' && *p != '\n');
            g_string_append_c (field, *p);
          }
      g_ptr_array_add (fields, g_string_free (field, FALSE));

      g_assert_true (p < end);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p + 1 < end && p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
        }
    }
  return records;
}

static void
add_flags (ReportCounts *counts, const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ", ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      IumStatusFlags flag;

      if (*parts[i] == '\0')
        continue;
      g_assert_true (ium_status_flag_from_nick (parts[i], &flag));
      counts->flags[g_bit_nth_lsf (flag, -1)]++;
    }
}

static void
add_state (ReportCounts *counts, const char *text)
{
  IumUpgradeState state;

  if (text == NULL || *text == '\0')
    return;
  g_assert_true (ium_upgrade_state_from_string (text, &state, NULL));
  counts->states[state]++;
}

static guint
column_of (char **header, const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_assert_not_reached ();
  return 0;
}

void
report_counts_from_csv (GPtrArray *records, ReportCounts *counts)
{
  char **header = records->pdata[0];
  guint  flags = column_of (header, "flags"), state = column_of (header, "state");
  guint  n_columns = g_strv_length (header);

  for (guint i = 1; i < records->len; i++)
    {
      char **record = records->pdata[i];

      g_assert_cmpuint (g_strv_length (record), ==, n_columns);
      counts->rows++;
      add_flags (counts, record[flags]);
      add_state (counts, record[state]);
    }
}

void
report_counts_from_json (JsonObject *root, ReportCounts *counts)
{
  JsonArray *instruments = json_object_get_array_member (root, "instruments");

  for (guint i = 0; i < json_array_get_length (instruments); i++)
    {
      JsonObject *row = json_array_get_object_element (instruments, i);
      JsonArray  *flags = json_object_get_array_member (row, "flags");

      counts->rows++;
      for (guint k = 0; k < json_array_get_length (flags); k++)
        add_flags (counts, json_array_get_string_element (flags, k));
      if (!json_object_get_null_member (row, "state"))
        add_state (counts, json_object_get_string_member (row, "state"));
    }
}

void
report_counts_from_summary (JsonObject *summary, ReportCounts *counts)
{
  JsonObject *flags = json_object_get_object_member (summary, "flags");
  JsonObject *states = json_object_get_object_member (summary, "states");

  counts->rows = (guint) json_object_get_int_member (summary, "instruments");
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    counts->flags[bit] =
      (guint) json_object_get_int_member (flags, ium_status_flag_to_nick (1u << bit));
  for (guint state = 0; state < IUM_REPORT_N_STATES; state++)
    counts->states[state] =
      (guint) json_object_get_int_member (states, ium_upgrade_state_to_string (state));
}

char *
report_html_section (const char *html, const char *id)
{
  g_autofree char *open = g_strdup_printf ("<section class=\"part\" id=\"%s\">", id);
  const char      *start = strstr (html, open), *end;

  g_assert_nonnull (start);
  end = strstr (start, "</section>");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

guint
report_count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

void
report_counts_from_html (const char *html, ReportCounts *counts)
{
  g_autofree char *rows = report_html_section (html, "instruments");

  counts->rows = report_count_occurrences (rows, "<tr>") - 1; /* less the header row */
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    {
      g_autofree char *needle =
        g_strdup_printf ("class=\"badge flag-%s\"", ium_status_flag_to_nick (1u << bit));
      counts->flags[bit] = report_count_occurrences (rows, needle);
    }
  for (guint state = 0; state < IUM_REPORT_N_STATES; state++)
    {
      g_autofree char *needle =
        g_strdup_printf ("class=\"badge state-%s\"", ium_upgrade_state_to_string (state));
      counts->states[state] = report_count_occurrences (rows, needle);
    }
}

/* Splits a Markdown table row on the pipes that are not escaped. */
static GPtrArray *
split_markdown_row (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString   *cell = g_string_new (NULL);

  g_assert_true (line[0] == '|');
  for (const char *p = line + 1; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        g_string_append_c (cell, *++p);
      else if (*p == '|')
        {
          g_ptr_array_add (cells, g_strdup (g_strstrip (cell->str)));
          g_string_truncate (cell, 0);
        }
      else
        g_string_append_c (cell, *p);
    }
  g_string_free (cell, TRUE);
  return cells;
}

void
report_counts_from_markdown (const char *md, ReportCounts *counts)
{
  const char *section = strstr (md, "\n## Every instrument\n");
  g_auto (GStrv) lines = NULL;
  guint table_line = 0;

  g_assert_nonnull (section);
  lines = g_strsplit (section + 1, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) cells = NULL;

      if (g_str_has_prefix (lines[i], "## ") && i > 0)
        break;
      if (lines[i][0] != '|')
        continue;
      if (table_line++ < 2) /* the header and the alignment row */
        continue;
      cells = split_markdown_row (lines[i]);
      g_assert_cmpuint (cells->len, ==, 9);
      counts->rows++;
      add_flags (counts, cells->pdata[6]);
      if (!g_str_equal (cells->pdata[8], "—"))
        add_state (counts, cells->pdata[8]);
    }
}

void
report_counts_assert_equal (const ReportCounts *a, const ReportCounts *b, const char *what)
{
  g_test_message ("comparing the counts of %s", what);
  g_assert_cmpuint (a->rows, ==, b->rows);
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    g_assert_cmpuint (a->flags[i], ==, b->flags[i]);
  for (guint i = 0; i < IUM_REPORT_N_STATES; i++)
    g_assert_cmpuint (a->states[i], ==, b->states[i]);
}

char *
report_pdf_to_text (const char *path, gboolean raw)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char            *out = NULL;
  int              status;
  const char *argv[] = { "pdftotext", raw ? "-raw" : "-layout", "-enc", "UTF-8", path, "-", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return out;
}

char *
report_without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

GArray *
report_pdf_figures (const char *text)
{
  const char *start = strstr (text, "All the figures");
  GArray     *numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) lines = NULL;
  g_autoptr (GRegex) regex = g_regex_new ("^\\s*\\S.*\\s(\\d+)\\s*$", 0, 0, NULL);

  g_assert_nonnull (start);
  lines = g_strsplit (start, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;

      /* The footer and the running header are not figures. */
      if ((strstr (lines[i], "Page ") != NULL && strstr (lines[i], " of ") != NULL)
          || strstr (lines[i], "Release report") != NULL)
        continue;
      if (g_regex_match (regex, lines[i], 0, &match))
        {
          g_autofree char *number = g_match_info_fetch (match, 1);
          guint            value = (guint) g_ascii_strtoull (number, NULL, 10);
          g_array_append_val (numbers, value);
        }
    }
  return numbers;
}

/* Eight instruments, one of each kind the report sorts out: on the release (ALPHA), upgraded
 * by the rollout (BETA), custom (DELTA), on a test release (EPSILON), too far behind (ETA),
 * part way through (GAMMA), pinned and busy with a hostile name (the script tag), behind
 * (ZETA). */
static const char inventory_json[] =
  "{\"format\": \"ium-inventory\", \"format_version\": 1,"
  " \"facility\": \"Test <Facility> & Co\","
  " \"policy\": {\"max_minor_behind\": 2, \"max_upgrades_per_day\": 3, \"upgrade_hours\": 4,"
  "             \"soak_days\": 7},"
  " \"components\": [{\"id\": \"ibex-server\", \"name\": \"IBEX server\", \"role\": \"server\"},"
  "                {\"id\": \"ibex-gui\", \"name\": \"IBEX GUI\", \"role\": \"client\"}],"
  " \"rules\": [{\"client\": \"ibex-gui\", \"server\": \"ibex-server\"}],"
  " \"releases\": ["
  "  {\"version\": \"1.0.0.1\", \"tier\": \"official\", \"date\": \"2029-01-01\"},"
  "  {\"version\": \"1.1.0.1\", \"tier\": \"official\", \"date\": \"2029-03-01\"},"
  "  {\"version\": \"1.2.0.1\", \"tier\": \"official\", \"date\": \"2029-05-01\"},"
  "  {\"version\": \"1.3.0.1\", \"tier\": \"official\", \"date\": \"2029-07-01\"},"
  "  {\"version\": \"2.0.0.1\", \"tier\": \"official\", \"date\": \"2029-11-01\","
  "   \"notes\": \"Notes with <b>markup</b> & \\\"quotes\\\"\"},"
  "  {\"version\": \"2.1.0.1\", \"tier\": \"test\", \"date\": \"2029-12-01\"}],"
  " \"instruments\": ["
  "  {\"name\": \"ALPHA\", \"site\": \"North, Hall\", \"hosts\": [{\"name\": \"a\", \"role\": "
  "\"control\","
  "    \"installed\": {\"ibex-server\": \"2.0.0.1\", \"ibex-gui\": \"2.0.0.1\"}}]},"
  "  {\"name\": \"BETA\", \"site\": \"TS1\", \"hosts\": [{\"name\": \"b\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.0.0.1\", \"ibex-gui\": \"1.0.0.1\"}}]},"
  "  {\"name\": \"DELTA\", \"site\": \"TS1\", \"hosts\": [{\"name\": \"d\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.3.5.999\"}}]},"
  "  {\"name\": \"EPSILON\", \"site\": \"TS2\", \"hosts\": [{\"name\": \"e\", \"role\": "
  "\"control\","
  "    \"installed\": {\"ibex-server\": \"2.1.0.1\"}}]},"
  "  {\"name\": \"ETA\", \"site\": \"TS2\", \"hosts\": [{\"name\": \"h\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.0.0.1\"}}]},"
  "  {\"name\": \"GAMMA\", \"site\": \"TS2\", \"hosts\": ["
  "    {\"name\": \"g-control\", \"role\": \"control\", \"installed\": {\"ibex-server\": "
  "\"2.0.0.1\"}},"
  "    {\"name\": \"g-cluster\", \"role\": \"cluster\", \"installed\": {\"ibex-server\": "
  "\"1.3.0.1\"}}]},"
  "  {\"name\": \""
  "<script>alert(1)</script>"
  "\", \"site\": \"\\\"&'<>\", \"pin\": \"1.2.0.1\","
  "   \"hosts\": [{\"name\": \"s\", \"role\": \"control\","
  "    \"installed\": {\"ibex-server\": \"1.2.0.1\"}}]},"
  "  {\"name\": \"ZETA\", \"site\": \"Line | break\", \"hosts\": [{\"name\": \"z\", \"role\": "
  "\"control\","
  "    \"installed\": {\"ibex-server\": \"1.3.0.1\"}}]}],"
  " \"downtime\": ["
  "  {\"start\": \"2030-01-07T08:00:00Z\", \"end\": \"2030-01-07T18:00:00Z\", \"label\": "
  "\"Maintenance\","
  "   \"instruments\": \"all\"},"
  "  {\"start\": \"2030-01-14T08:00:00Z\", \"end\": \"2030-01-14T18:00:00Z\", \"label\": "
  "\"Maintenance\","
  "   \"instruments\": \"all\"}]}";

static IumCheckRecord *
check_record (const char      *instrument,
              const char      *version,
              IumVerdictStatus status,
              GDateTime       *now,
              double           days_ago)
{
  g_autoptr (IumVerdict) verdict =
    ium_verdict_new (instrument, "ibex-gui", version, "ibex-server", "1.3.0.1", status, "1.3.0.1",
                     NULL, NULL, "a message");
  g_autoptr (GDateTime) at = g_date_time_add_seconds (now, -days_ago * 86400);

  return ium_check_record_new_from_verdict (verdict, IUM_CHECK_EVENT_CHECK, at, "10.0.0.1");
}

static void
mark (ReportFixture *f, const char *instrument, IumUpgradeState state)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
    ium_rollout_mark (f->store, "r1", instrument, state, NULL, FALSE, "tester", &error));
  g_assert_no_error (error);
}

void
report_fixture_set_up (ReportFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autoptr (GPtrArray) checks = NULL;
  g_autofree char *request_text = NULL;

  f->dir = g_dir_make_tmp ("ium-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "inventory.db", NULL);
  f->store = ium_store_open (f->db, &error);
  g_assert_no_error (error);
  f->now = g_date_time_new_from_iso8601 (REPORT_NOW, NULL);

  g_assert_true (ium_store_import (f->store, inventory_json, strlen (inventory_json), FALSE,
                                   "tester", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (
    ium_store_set_busy (f->store, REPORT_HOSTILE_NAME, TRUE, "long run", "tester", &error));
  g_assert_no_error (error);

  /* The rollout of 2.0.0.1: BETA, ETA and DELTA on the 7th, GAMMA and ZETA on the 14th. */
  inventory = ium_store_load (f->store, &error);
  g_assert_no_error (error);
  fleet = ium_fleet_new (inventory);
  request = ium_plan_request_new (inventory, "2.0.0.1");
  g_clear_pointer (&request->from, g_date_time_unref);
  request->from = g_date_time_new_from_iso8601 ("2030-01-01T00:00:00Z", NULL);
  plan = ium_plan_new (fleet, request, NULL, &error);
  g_assert_no_error (error);
  request_text = ium_plan_request_to_text (request);
  g_assert_true (ium_rollout_save (f->store, "r1", plan, request_text, 1, "tester", &error));
  g_assert_no_error (error);

  g_assert_true (ium_token_take (f->store, "tester", NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  mark (f, "BETA", IUM_UPGRADE_IN_PROGRESS);
  mark (f, "BETA", IUM_UPGRADE_DONE);
  mark (f, "GAMMA", IUM_UPGRADE_IN_PROGRESS);
  mark (f, "DELTA", IUM_UPGRADE_IN_PROGRESS);
  mark (f, "DELTA", IUM_UPGRADE_FAILED);

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);
  g_ptr_array_add (checks,
                   check_record ("ZETA", "1.1.0.1", IUM_VERDICT_UPDATE_AVAILABLE, f->now, 2));
  g_ptr_array_add (checks, check_record ("ZETA", "0.9.0.0", IUM_VERDICT_INCOMPATIBLE, f->now, 3));
  g_ptr_array_add (checks, check_record ("ETA", "1.0.0.1", IUM_VERDICT_OK, f->now, 1));
  g_ptr_array_add (checks,
                   check_record ("GAMMA", "1.2.0.1", IUM_VERDICT_UPDATE_AVAILABLE, f->now, 40));
  g_ptr_array_add (checks, check_record ("GAMMA", "1.4.0.0", IUM_VERDICT_CLIENT_NEWER, f->now, 1));
  g_ptr_array_add (
    checks, check_record (REPORT_HOSTILE_NAME, "1.0.0.1", IUM_VERDICT_UPDATE_AVAILABLE, f->now, 1));
  g_assert_true (ium_store_append_checks (f->store, checks, &error));
  g_assert_no_error (error);
}

void
report_fixture_tear_down (ReportFixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->now, g_date_time_unref);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

IumReport *
report_fixture_build (ReportFixture *f, guint days)
{
  g_autoptr (GError) error = NULL;
  IumReport *report = ium_report_new (f->store, "2.0.0.1", days, f->now, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

GBytes *
report_render (IumReport *report, IumReportFormat format)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = ium_report_render (report, format, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

char *
report_render_text (IumReport *report, IumReportFormat format)
{
  g_autoptr (GBytes) bytes = report_render (report, format);
  gsize       length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (g_utf8_validate (data, (gssize) length, NULL));
  return g_strndup (data, length);
}

void
report_assert_counts (const ReportCounts *counts, const IumReportSummary *s, const char *format)
{
  ReportCounts expected = { s->n_instruments };

  memcpy (expected.flags, s->by_flag, sizeof expected.flags);
  memcpy (expected.states, s->by_state, sizeof expected.states);
  report_counts_assert_equal (counts, &expected, format);
}
