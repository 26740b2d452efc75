/* ium-test-report.h: reading reports back, for the unit and the CLI report tests: an RFC 4180
 * reader, pdftotext, and the counts each format gives (instruments, status flags, upgrade
 * states), so that the formats can be compared with each other and with the model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-report.h"

G_BEGIN_DECLS

/* clang-format off */

/* What one format says: instruments, and how many have each flag and upgrade state. */
typedef struct
{
  guint rows;
  guint flags[IUM_N_STATUS_FLAGS];
  guint states[IUM_REPORT_N_STATES];
} ReportCounts;

/* A careful RFC 4180 reader: CRLF records, commas, quoted fields with doubled quotes.
 * Anything else (a bare quote, a lone CR or LF, text after a closing quote) fails the test.
 * A GPtrArray of GStrv, the header first. */
GPtrArray *report_read_csv            (const char          *data,
                                       gsize                length);
/* The counts of CSV records (with their header), a JSON report's root object, an HTML report
 * (its instruments section) and a Markdown report (its "Every instrument" table). */
void       report_counts_from_csv     (GPtrArray           *records,
                                       ReportCounts        *counts);
void       report_counts_from_json    (JsonObject          *root,
                                       ReportCounts        *counts);
void       report_counts_from_html    (const char          *html,
                                       ReportCounts        *counts);
void       report_counts_from_markdown (const char         *md,
                                       ReportCounts        *counts);
/* The counts of a JSON report's summary object: what the other formats must agree with. */
void       report_counts_from_summary (JsonObject          *summary,
                                       ReportCounts        *counts);
void       report_counts_assert_equal (const ReportCounts  *a,
                                       const ReportCounts  *b,
                                       const char          *what);

/* The section @id of an HTML report, from its opening tag to its end. Owned. */
char      *report_html_section        (const char          *html,
                                       const char          *id);
guint      report_count_occurrences   (const char          *haystack,
                                       const char          *needle);
/* The text of the PDF at @path through pdftotext: laid out as on the page, or with @raw in
 * the order it was drawn (a wrapped cell stays together). Owned. */
char      *report_pdf_to_text         (const char          *path,
                                       gboolean             raw);
/* @text without any white space. Owned. */
char      *report_without_spaces      (const char          *text);
/* The numbers of "All the figures" in the order of its rows, from pdftotext's layout. */
GArray    *report_pdf_figures         (const char          *text);

/* The report tests' facility: eight instruments, one of each kind the report sorts out (on
 * the release, upgraded by the rollout, custom, on a test release, too far behind, part way
 * through, pinned and busy with a hostile name, behind); a rollout of 2.0.0.1 with one upgrade
 * done, one failed and one in progress; client checks in and out of the window. */
#define REPORT_HOSTILE_NAME "<script>alert(1)</script>"
#define REPORT_HOSTILE_SITE "\"&'<>"
#define REPORT_NOW          "2030-01-10T12:00:00Z"
#define REPORT_JAN7         ((gint64) 1893974400) /* 2030-01-07 00:00 UTC */

typedef struct
{
  char      *dir;   /* owned */
  char      *db;    /* owned */
  IumStore  *store; /* owned */
  GDateTime *now;   /* owned: REPORT_NOW */
} ReportFixture;

void       report_fixture_set_up      (ReportFixture       *f,
                                       gconstpointer        data);
void       report_fixture_tear_down   (ReportFixture       *f,
                                       gconstpointer        data);
/* The fixture's report of 2.0.0.1 at REPORT_NOW. Owned. */
IumReport *report_fixture_build       (ReportFixture       *f,
                                       guint                days);
/* The report in @format, which must render. Owned. */
GBytes    *report_render              (IumReport           *report,
                                       IumReportFormat      format);
/* The same as text, which must be UTF-8. Owned. */
char      *report_render_text         (IumReport           *report,
                                       IumReportFormat      format);
/* Asserts that @counts are the model's. */
void       report_assert_counts       (const ReportCounts     *counts,
                                       const IumReportSummary *s,
                                       const char             *format);

/* clang-format on */

G_END_DECLS
