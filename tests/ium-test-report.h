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

G_END_DECLS
