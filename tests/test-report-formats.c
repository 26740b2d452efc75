/* test-report-formats.c: every format of the release report read back with an independent
 * reader (an RFC 4180 reader, json-glib, GMarkup for the SVG, pdftotext for the PDF) and
 * saying the same counts as the model; escaping of hostile names; pages that break tables;
 * the charts drawn with cairo and written as SVG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-report"

#include "config.h"

#include <string.h>

#include "ium-report.h"
#include "ium-report-chart.h"
#include "ium-report-pages.h"

#include "ium-test-report.h"

static void
test_csv (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) report = report_fixture_build (f, 30);
  g_autoptr (GBytes) bytes = report_render (report, IUM_REPORT_FORMAT_CSV);
  g_autoptr (GPtrArray) records =
    report_read_csv (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  ReportCounts counts = { 0 };
  char       **header = records->pdata[0];
  gboolean     seen_hostile = FALSE, seen_comma = FALSE, seen_break = FALSE;

  g_assert_cmpuint (g_strv_length (header), ==, 16);
  g_assert_cmpstr (header[0], ==, "instrument");
  g_assert_cmpstr (header[6], ==, "flags");
  g_assert_cmpstr (header[12], ==, "state");
  g_assert_cmpstr (header[15], ==, "incompatible_clients");
  report_counts_from_csv (records, &counts);
  report_assert_counts (&counts, ium_report_get_summary (report), "the CSV report");

  for (guint i = 1; i < records->len; i++)
    {
      char **record = records->pdata[i];

      seen_hostile |= g_str_equal (record[0], REPORT_HOSTILE_NAME)
                      && g_str_equal (record[1], REPORT_HOSTILE_SITE);
      seen_comma |= g_str_equal (record[1], "North, Hall");
      seen_break |= g_str_equal (record[1], "Line | break");
      if (g_str_equal (record[0], "BETA"))
        {
          g_assert_cmpstr (record[2], ==, "2.0.0.1");
          g_assert_cmpstr (record[7], ==, "r1");
          g_assert_cmpstr (record[8], ==, "1");
          g_assert_cmpstr (record[9], ==, "2030-01-07T08:00:00Z");
          g_assert_cmpstr (record[11], ==, "Maintenance");
        }
      if (g_str_equal (record[0], "DELTA"))
        {
          g_assert_cmpstr (record[2], ==, ""); /* custom: no release, no tier */
          g_assert_cmpstr (record[3], ==, "");
        }
      if (g_str_equal (record[0], "ZETA"))
        {
          g_assert_cmpstr (record[14], ==, "1");
          g_assert_cmpstr (record[15], ==, "1");
        }
    }
  g_assert_true (seen_hostile);
  g_assert_true (seen_comma);
  g_assert_true (seen_break);
}

static void
test_json (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) report = report_fixture_build (f, 30);
  g_autofree char *text = report_render_text (report, IUM_REPORT_FORMAT_JSON);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const IumReportSummary *s = ium_report_get_summary (report);
  JsonObject             *root, *summary, *flags, *states, *release, *first;
  JsonArray              *instruments;
  ReportCounts            counts = { 0 };

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "ium-report");
  g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "facility"), ==, "Test <Facility> & Co");
  g_assert_cmpstr (json_object_get_string_member (root, "generated"), ==, REPORT_NOW);
  g_assert_cmpint (json_object_get_int_member (root, "days"), ==, 30);
  release = json_object_get_object_member (root, "release");
  g_assert_cmpstr (json_object_get_string_member (release, "version"), ==, "2.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (release, "tier"), ==, "official");

  summary = json_object_get_object_member (root, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "instruments"), ==, s->n_instruments);
  g_assert_cmpint (json_object_get_int_member (summary, "on_release"), ==, s->on_release);
  g_assert_cmpint (json_object_get_int_member (summary, "incompatible_clients"), ==, 1);
  flags = json_object_get_object_member (summary, "flags");
  g_assert_cmpint (json_object_get_size (flags), ==, IUM_N_STATUS_FLAGS);
  g_assert_cmpint (json_object_get_int_member (flags, "too-far-behind"), ==, 1);
  states = json_object_get_object_member (summary, "states");
  g_assert_cmpint (json_object_get_int_member (states, "in-progress"), ==, 1);

  instruments = json_object_get_array_member (root, "instruments");
  report_counts_from_json (root, &counts);
  report_assert_counts (&counts, s, "the JSON report");
  first = json_array_get_object_element (instruments, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, REPORT_HOSTILE_NAME);
  g_assert_cmpstr (json_object_get_string_member (first, "site"), ==, REPORT_HOSTILE_SITE);
  g_assert_true (json_object_get_null_member (first, "rollout"));

  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "clients")), ==, 3);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "partial")), ==, 1);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (
                     json_object_get_object_member (root, "timeline"), "days")),
                   ==, 8);
}

static void
test_html (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) report = report_fixture_build (f, 30);
  g_autofree char *html = report_render_text (report, IUM_REPORT_FORMAT_HTML);
  ReportCounts     counts = { 0 };

  /* Self-contained: no external style sheet, script or image. */
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "src="));
  g_assert_nonnull (strstr (html, "@media print"));
  g_assert_cmpuint (report_count_occurrences (html, "<svg "), ==, 3);

  /* Every value escaped: the hostile name and site, the facility and the release notes. */
  g_assert_null (strstr (html, "alert(1)</script>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "&quot;&amp;&#39;&lt;&gt;"));
  g_assert_null (strstr (html, "\"&'<>"));
  g_assert_nonnull (strstr (html, "Test &lt;Facility&gt; &amp; Co"));
  g_assert_null (strstr (html, "<b>markup</b>"));

  report_counts_from_html (html, &counts);
  report_assert_counts (&counts, ium_report_get_summary (report), "the HTML report");
}

static void
test_markdown (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) report = report_fixture_build (f, 30);
  g_autofree char *md = report_render_text (report, IUM_REPORT_FORMAT_MARKDOWN);
  ReportCounts     counts = { 0 };

  g_assert_true (g_str_has_prefix (md, "# Release report: 2.0.0.1\n"));
  /* No raw HTML gets through, and the table survives a pipe in a value (names and sites hold no
   * line breaks: the inventory refuses control characters). */
  g_assert_null (strstr (md, "<script>"));
  g_assert_nonnull (strstr (md, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_null (strstr (md, "<b>"));
  g_assert_nonnull (strstr (md, "Line \\| break"));

  report_counts_from_markdown (md, &counts);
  report_assert_counts (&counts, ium_report_get_summary (report), "the Markdown report");
}

/* Writes @pdf to @name in the fixture's folder and reads it back with pdftotext. */
static char *
pdf_to_text (ReportFixture *f, GBytes *pdf, const char *name, gboolean raw)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      (gssize) g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  return report_pdf_to_text (path, raw);
}

static void
test_pdf (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) report = report_fixture_build (f, 30);
  g_autoptr (GBytes) pdf = report_render (report, IUM_REPORT_FORMAT_PDF);
  g_autofree char *text = pdf_to_text (f, pdf, "report.pdf", FALSE);
  g_autofree char *raw = pdf_to_text (f, pdf, "report.pdf", TRUE);
  g_autoptr (GArray) figures = report_pdf_figures (text);
  g_autoptr (IumReportPages) pages = NULL;
  g_autoptr (GError) error = NULL;
  const IumReportSummary *s = ium_report_get_summary (report);
  const IumReportRow     *rows;
  guint                   n, n_pages, k = 0;
  g_autofree char        *last = NULL;
  g_autofree char        *compact = NULL;

  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
  pages = ium_report_pages_new (report, IUM_REPORT_PAGE_A4_WIDTH, IUM_REPORT_PAGE_A4_HEIGHT, NULL,
                                &error);
  g_assert_no_error (error);
  n_pages = ium_report_pages_get_n_pages (pages);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpuint (report_count_occurrences (text, "\f"), ==, n_pages);
  last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_nonnull (strstr (text, last));
  g_assert_nonnull (strstr (text, "Release report 2.0.0.1"));
  g_assert_nonnull (strstr (text, "Test <Facility> & Co"));

  /* Every instrument is in the table; a long name may wrap in its cell. */
  rows = ium_report_get_rows (report, &n);
  compact = report_without_spaces (raw);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (strstr (compact, rows[i].name));

  /* All the figures, row by row: releases, tiers, flags, rollout, clients. */
  g_assert_cmpuint (figures->len, ==, 29);
#define NEXT() g_array_index (figures, guint, k++)
  g_assert_cmpuint (NEXT (), ==, s->n_instruments);
  g_assert_cmpuint (NEXT (), ==, s->on_release);
  g_assert_cmpuint (NEXT (), ==, s->newer);
  g_assert_cmpuint (NEXT (), ==, s->older);
  g_assert_cmpuint (NEXT (), ==, s->n_no_release);
  for (guint t = 0; t <= IUM_TIER_INTERNAL; t++)
    g_assert_cmpuint (NEXT (), ==, s->by_tier[t]);
  g_assert_cmpuint (NEXT (), ==, s->n_no_release);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    g_assert_cmpuint (NEXT (), ==, s->by_flag[bit]);
  g_assert_cmpuint (NEXT (), ==, s->n_in_rollout);
  g_assert_cmpuint (NEXT (), ==, s->n_instruments - s->n_in_rollout);
  g_assert_cmpuint (NEXT (), ==, s->n_unscheduled);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_DONE]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_IN_PROGRESS]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_FAILED]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_ROLLED_BACK]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_SKIPPED]);
  g_assert_cmpuint (NEXT (), ==, s->by_state[IUM_UPGRADE_PLANNED]);
  g_assert_cmpuint (NEXT (), ==, s->n_outdated_clients);
  g_assert_cmpuint (NEXT (), ==, s->n_incompatible_clients);
  g_assert_cmpuint (NEXT (), ==, s->n_instruments_with_clients);
#undef NEXT

  g_assert_cmpint (ium_report_pages_get_section_page (pages, "too-far-behind"), ==, 1);
  g_assert_cmpint (ium_report_pages_get_section_page (pages, "instruments"), <=,
                   ium_report_pages_get_section_page (pages, "figures"));
  g_assert_cmpint (ium_report_pages_get_section_page (pages, "figures"), <, (int) n_pages);
  g_assert_cmpint (ium_report_pages_get_section_page (pages, "nosuch"), ==, -1);
}

/* A report long enough to break its tables across pages: every page of the instrument
 * table repeats the header, and the page count is what the layout said. */
static void
test_pages (ReportFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = ium_store_load (f->store, &error);
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumReport) report = NULL;
  g_autoptr (IumReportPages) pages = NULL;
  g_autoptr (IumReportPages) small = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) page_texts = NULL;
  guint n_pages, n_continued = 0;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("LONG%03u", i);
      g_autoptr (IumInstrument) instrument = ium_instrument_new (name);
      g_autoptr (IumHost) host = ium_host_new ("h", "control");

      ium_host_set_installed (host, "ibex-server", i % 2 ? "1.0.0.1" : "1.3.0.1");
      ium_instrument_add_host (instrument, host);
      ium_inventory_put_instrument (inventory, instrument);
    }
  fleet = ium_fleet_new (inventory);
  report =
    ium_report_new_for_fleet (fleet, "2.0.0.1", NULL, NULL, 30, f->now, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  pages = ium_report_pages_new (report, IUM_REPORT_PAGE_A4_WIDTH, IUM_REPORT_PAGE_A4_HEIGHT, NULL,
                                &error);
  g_assert_no_error (error);
  n_pages = ium_report_pages_get_n_pages (pages);
  g_assert_cmpuint (n_pages, >, 8);

  pdf = report_render (report, IUM_REPORT_FORMAT_PDF);
  text = pdf_to_text (f, pdf, "long.pdf", FALSE);
  page_texts = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (page_texts), ==, n_pages + 1); /* after the last \f: "" */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, n_pages);
      g_assert_nonnull (strstr (page_texts[p], number));
      if (strstr (page_texts[p], "Every instrument (continued)") != NULL)
        {
          n_continued++;
          g_assert_nonnull (strstr (page_texts[p], "INSTRUMENT"));
          g_assert_nonnull (strstr (page_texts[p], "PLANNED (UTC)"));
        }
    }
  g_assert_cmpuint (n_continued, >=, 5);

  /* A letter-sized page lays out too; a stamp-sized one is refused. */
  small = ium_report_pages_new (report, 612, 792, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&small);
  small = ium_report_pages_new (report, 100, 100, NULL, &error);
  g_assert_null (small);
  g_assert_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_INVALID);
}

static void
svg_start_element (GMarkupParseContext *context,
                   const char          *element,
                   const char         **names,
                   const char         **values,
                   gpointer             user_data,
                   GError             **error)
{
  guint *n_elements = user_data;

  (*n_elements)++;
}

static void
test_charts (ReportFixture *f, gconstpointer data)
{
  g_autoptr (IumReport) report = report_fixture_build (f, 30);
  g_autoptr (GError) error = NULL;

  for (IumReportChart chart = 0; chart < IUM_REPORT_N_CHARTS; chart++)
    {
      g_autofree char *svg = NULL;
      double           width, height;
      cairo_surface_t *surface;
      cairo_t         *cr;
      guint            n_elements = 0, n_coloured = 0;
      GMarkupParser    parser = { svg_start_element, NULL, NULL, NULL, NULL };
      g_autoptr (GMarkupParseContext) context =
        g_markup_parse_context_new (&parser, 0, &n_elements, NULL);

      ium_report_chart_get_size_hint (chart, &width, &height);

      /* The SVG is well-formed XML with its title and some shapes. */
      svg = ium_report_chart_to_svg (report, chart, width, height);
      g_assert_true (g_markup_parse_context_parse (context, svg, -1, &error));
      g_assert_no_error (error);
      g_assert_true (g_markup_parse_context_end_parse (context, &error));
      g_assert_cmpuint (n_elements, >, 10);
      g_assert_nonnull (strstr (svg, ium_report_chart_get_title (chart)));
      g_assert_null (strstr (svg, "nan"));

      /* Drawn with cairo: coloured pixels, not just white and grey. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      ium_report_chart_draw (report, chart, cr, width, height);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      for (int y = 0; y < (int) height; y++)
        {
          const guint32 *line =
            (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (surface)
                                               + y * cairo_image_surface_get_stride (surface));
          for (int x = 0; x < (int) width; x++)
            {
              guint r = (line[x] >> 16) & 0xff, g = (line[x] >> 8) & 0xff, b = line[x] & 0xff;
              n_coloured += MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 60;
            }
        }
      g_assert_cmpuint (n_coloured, >, 100);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  /* The status chart shows the numbers of the summary. */
  {
    g_autofree char *svg = ium_report_chart_to_svg (report, IUM_REPORT_CHART_STATUS, 246, 196);
    g_assert_nonnull (strstr (svg, "Too far behind"));
    g_assert_nonnull (strstr (svg, ">4</text>")); /* up to date, update available */
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, ReportFixture, NULL, report_fixture_set_up, func, report_fixture_tear_down)
  ADD ("/ium/report-formats/csv", test_csv);
  ADD ("/ium/report-formats/json", test_json);
  ADD ("/ium/report-formats/html", test_html);
  ADD ("/ium/report-formats/markdown", test_markdown);
  ADD ("/ium/report-formats/pdf", test_pdf);
  ADD ("/ium/report-formats/pages", test_pages);
  ADD ("/ium/report-formats/charts", test_charts);
#undef ADD

  return g_test_run ();
}
