/* ium-report-html.c: the report as one self-contained HTML file: inline CSS (with a print
 * stylesheet), inline SVG charts, and every value escaped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-report-chart.h"
#include "ium-report-draw.h"
#include "ium-report-private.h"
#include "ium-report-style.h"

static const char stylesheet[] =
  ":root{--ink:#1d2530;--muted:#5b6675;--faint:#8a94a3;--rule:#d9dee5;--zebra:#f5f7fa;"
  "--head:#eaeef3;--band:#1f3a5f;--accent:#2f6fb3;--card:#f3f6fa}\n"
  "*{box-sizing:border-box}\n"
  "html{-webkit-text-size-adjust:100%}\n"
  "body{margin:0;background:#e9edf2;color:var(--ink);font:14px/1.45 " IUM_REPORT_CSS_FONTS ";"
  "font-variant-numeric:tabular-nums}\n"
  ".page{max-width:1120px;margin:24px auto;background:#fff;border-radius:10px;"
  "box-shadow:0 1px 3px rgba(20,30,45,.12),0 8px 24px rgba(20,30,45,.06);overflow:hidden}\n"
  ".masthead{background:var(--band);color:#fff;padding:28px 40px 24px}\n"
  ".masthead .facility{text-transform:uppercase;letter-spacing:.08em;font-size:12px;"
  "font-weight:700;color:#b9cbe3}\n"
  ".masthead h1{margin:6px 0 8px;font-size:30px;font-weight:700;letter-spacing:-.01em}\n"
  ".masthead h1 .version{color:#9cc3f0}\n"
  ".masthead .meta{margin:0;color:#d6e1ef;font-size:13px}\n"
  ".masthead .meta .sep{color:#7f9bbd;padding:0 6px}\n"
  ".masthead .badge{vertical-align:1px}\n"
  "main{padding:8px 40px 32px}\n"
  ".lede{margin:20px 0 4px;color:var(--muted)}\n"
  ".lede .notes{color:var(--ink);font-size:15px;margin:0 0 6px}\n"
  ".lede p{margin:0 0 4px}\n"
  ".cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:20px 0 8px}\n"
  ".card{background:var(--card);border-radius:8px;padding:12px 14px 12px;"
  "border-top:4px solid var(--tone)}\n"
  ".card .value{font-size:28px;font-weight:700;line-height:1.1}\n"
  ".card .label{font-weight:700;font-size:13px;margin-top:2px}\n"
  ".card .caption{color:var(--muted);font-size:12px;margin-top:2px}\n"
  ".charts{display:grid;grid-template-columns:1fr 1fr;gap:12px 28px;margin:20px 0 8px}\n"
  ".charts figure{margin:0;padding:14px 16px 10px;border:1px solid var(--rule);border-radius:8px}\n"
  ".charts figure.wide{grid-column:1/-1}\n"
  ".charts svg{display:block;width:100%;height:auto}\n"
  "nav.toc{margin:22px 0 0;padding:10px 14px;background:var(--zebra);border-radius:8px;"
  "font-size:13px}\n"
  "nav.toc a{color:var(--accent);text-decoration:none;margin-right:16px;white-space:nowrap}\n"
  "nav.toc a .n{color:var(--muted);margin-left:4px}\n"
  "section.part{margin-top:30px}\n"
  "h2{font-size:19px;margin:0 0 4px;padding-bottom:6px;border-bottom:2px solid var(--ink)}\n"
  "h2 .n{font-weight:400;color:var(--muted);font-size:15px;margin-left:8px}\n"
  "p.intro{color:var(--muted);margin:6px 0 12px;max-width:80ch}\n"
  "p.empty{margin:8px 0;padding:10px 14px;background:var(--zebra);border-radius:6px;"
  "color:var(--muted)}\n"
  "table{border-collapse:collapse;width:100%;font-size:13px}\n"
  "#figures table{width:auto;min-width:55%}\n"
  "thead th{background:var(--head);color:#3c4858;text-align:left;font-size:11px;"
  "text-transform:uppercase;letter-spacing:.04em;padding:7px 10px;border-bottom:1px solid "
  "var(--rule)}\n"
  "td{padding:6px 10px;border-bottom:1px solid var(--rule);vertical-align:top}\n"
  "tbody tr:nth-child(even) td{background:var(--zebra)}\n"
  "th.num,td.num{text-align:right;white-space:nowrap}\n"
  "td.nowrap{white-space:nowrap}\n"
  "td .strong{font-weight:700;color:var(--accent)}\n"
  "td.none{color:var(--faint)}\n"
  ".badge{display:inline-block;padding:1px 7px;margin:1px 3px 1px 0;border-radius:9px;"
  "font-size:11px;font-weight:700;line-height:1.5;white-space:nowrap}\n"
  "a{color:var(--accent)}\n"
  "footer{padding:14px 40px 22px;color:var(--faint);font-size:12px;border-top:1px solid "
  "var(--rule)}\n"
  "@media (max-width:800px){.cards{grid-template-columns:repeat(2,1fr)}"
  ".charts{grid-template-columns:1fr}main,.masthead,footer{padding-left:18px;padding-right:18px}}"
  "\n";

/* Paper: A4, the layout of a wide screen, colours kept, header rows repeated on every page. */
static const char print_stylesheet[] =
  "@media print{\n"
  "@page{size:A4;margin:14mm 12mm 16mm}\n"
  "body{background:#fff;font-size:9pt}\n"
  ".page{margin:0;max-width:none;box-shadow:none;border-radius:0}\n"
  "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
  ".masthead{padding:16px 20px}.masthead h1{font-size:22pt}\n"
  "main{padding:0 4px}footer{padding:10px 4px}\n"
  "nav.toc{display:none}\n"
  ".cards{grid-template-columns:repeat(4,1fr);gap:8px}.card{padding:8px 10px;break-inside:avoid}\n"
  ".card .value{font-size:18pt}.card .label{font-size:9pt}.card .caption{font-size:7.5pt}\n"
  ".charts{grid-template-columns:1fr 1fr;gap:8px 12px}.charts "
  "figure{break-inside:avoid;padding:8px}\n"
  ".masthead .meta{font-size:8.5pt}.lede{font-size:9pt}\n"
  "table{font-size:8pt}thead{display:table-header-group}tr{break-inside:avoid}\n"
  "h2{break-after:avoid;font-size:13pt}p.intro{break-after:avoid}\n"
  "section.part{margin-top:16px}\n"
  "}\n";

static void
append_badge_styles (GString *out)
{
  static const struct
  {
    IumReportBadge badge;
    int            n;
  } kinds[] = {
    { IUM_REPORT_BADGE_FLAG, IUM_N_STATUS_FLAGS },
    { IUM_REPORT_BADGE_STATE, IUM_REPORT_N_STATES },
    { IUM_REPORT_BADGE_TIER, IUM_REPORT_NO_TIER + 1 },
    { IUM_REPORT_BADGE_VERDICT, IUM_VERDICT_INCOMPATIBLE + 1 },
  };

  /* The same palette as the PDF and the charts (ium-report-style.c). */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int v = 0; v < kinds[k].n; v++)
      {
        const IumReportTone *tone = ium_report_tone (kinds[k].badge, v);
        char                 fg[8], bg[8], solid[8];

        ium_report_css_colour (tone->fg, fg);
        ium_report_css_colour (tone->bg, bg);
        ium_report_css_colour (tone->solid, solid);
        g_string_append_printf (out, ".badge.%s{color:%s;background:%s}.%s{--tone:%s}\n",
                                ium_report_badge_class (kinds[k].badge, v), fg, bg,
                                ium_report_badge_class (kinds[k].badge, v), solid);
      }
}

static void
append_badge (GString *out, IumReportBadge badge, int value)
{
  g_string_append_printf (out, "<span class=\"badge %s\">", ium_report_badge_class (badge, value));
  ium_report_append_escaped (out, ium_report_badge_text (badge, value));
  g_string_append (out, "</span>");
}

static void
append_cell (GString *out, const IumReportColumn *column, const IumReportCell *cell)
{
  gboolean none =
    column->kind != IUM_REPORT_CELL_FLAGS && (cell->text == NULL || *cell->text == '\0');

  if (cell->blank)
    {
      g_string_append (out, "<td></td>");
      return;
    }
  if (cell->is_badge)
    {
      g_string_append (out, "<td>");
      append_badge (out, cell->badge, cell->value);
      g_string_append (out, "</td>");
      return;
    }
  if (none)
    {
      g_string_append (out, "<td class=\"none\">—</td>");
      return;
    }
  switch (column->kind)
    {
    case IUM_REPORT_CELL_NUMBER:
      g_string_append (out, "<td class=\"num\">");
      ium_report_append_escaped (out, cell->text);
      break;
    case IUM_REPORT_CELL_FLAGS:
      g_string_append (out, "<td>");
      for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
        if (cell->flags & (1u << bit))
          append_badge (out, IUM_REPORT_BADGE_FLAG, bit);
      break;
    case IUM_REPORT_CELL_BADGE:
      g_string_append (out, "<td>");
      append_badge (out, cell->badge, cell->value);
      break;
    case IUM_REPORT_CELL_TEXT:
    default:
      g_string_append (out, "<td>");
      if (cell->emphasis)
        g_string_append (out, "<span class=\"strong\">");
      ium_report_append_escaped (out, cell->text);
      if (cell->emphasis)
        g_string_append (out, "</span>");
      break;
    }
  g_string_append (out, "</td>");
}

static gboolean
append_section (GString                *out,
                IumReport              *self,
                const IumReportSection *section,
                GCancellable           *cancellable,
                GError                **error)
{
  g_autofree char *intro = section->dup_intro (self);
  guint            n_rows = section->n_rows (self);

  g_string_append_printf (out, "<section class=\"part\" id=\"%s\">\n<h2>", section->id);
  ium_report_append_escaped (out, _ (section->title));
  if (section->counted)
    g_string_append_printf (out, "<span class=\"n\">%u</span>", n_rows);
  g_string_append (out, "</h2>\n<p class=\"intro\">");
  ium_report_append_escaped (out, intro);
  g_string_append (out, "</p>\n");

  if (n_rows == 0)
    {
      g_autofree char *empty = section->dup_empty (self);
      g_string_append (out, "<p class=\"empty\">");
      ium_report_append_escaped (out, empty);
      g_string_append (out, "</p>\n</section>\n");
      return TRUE;
    }

  g_string_append (out, "<table>\n<thead><tr>");
  for (guint c = 0; c < section->n_columns; c++)
    {
      g_string_append (
        out, section->columns[c].kind == IUM_REPORT_CELL_NUMBER ? "<th class=\"num\">" : "<th>");
      ium_report_append_escaped (out, _ (section->columns[c].title));
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint r = 0; r < n_rows; r++)
    {
      IumReportCell cells[IUM_REPORT_MAX_COLUMNS] = { 0 };

      if (r % 1024 == 1023 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      section->fill (self, r, cells);
      g_string_append (out, "<tr>");
      for (guint c = 0; c < section->n_columns; c++)
        append_cell (out, &section->columns[c], &cells[c]);
      g_string_append (out, "</tr>\n");
      ium_report_cells_clear (cells, section->n_columns);
    }
  g_string_append (out, "</tbody>\n</table>\n</section>\n");
  return TRUE;
}

static void
append_chart (GString *out, IumReport *self, IumReportChart chart, gboolean wide)
{
  g_autofree char *svg = NULL;
  double           width, height;

  ium_report_chart_get_size_hint (chart, &width, &height);
  svg = ium_report_chart_to_svg (self, chart, width, height);
  g_string_append_printf (out, "<figure%s>", wide ? " class=\"wide\"" : "");
  g_string_append (out, svg);
  g_string_append (out, "</figure>\n");
}

static void
append_masthead (GString *out, IumReport *self)
{
  g_autofree char *described = ium_report_describe_release (self->release);
  g_autofree char *generated = ium_report_format_date_long (self->generated);
  g_autofree char *time = g_date_time_format (self->generated, "%H:%M");
  const char      *version = ium_release_get_version_text (self->release);

  g_string_append (out, "<header class=\"masthead\">\n<div class=\"facility\">");
  ium_report_append_escaped (out, *self->facility ? self->facility : "Instrument Update Manager");
  g_string_append (out, "</div>\n<h1>");
  /* Translators: the report's title, before the release's version. */
  ium_report_append_escaped (out, _ ("Release report"));
  g_string_append (out, " <span class=\"version\">");
  ium_report_append_escaped (out, version);
  g_string_append (out, "</span></h1>\n<p class=\"meta\">");
  append_badge (out, IUM_REPORT_BADGE_TIER, ium_release_get_tier (self->release));
  g_string_append_c (out, ' ');
  ium_report_append_escaped (out, described);
  g_string_append (out, "<span class=\"sep\">·</span>");
  {
    /* Translators: the date (“4 March 2027”) and the time (“08:00”) the report was made. */
    g_autofree char *when = g_strdup_printf (_ ("Generated %s, %s UTC"), generated, time);
    g_autofree char *seen =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Clients seen in the last %u day",
                                    "Clients seen in the last %u days", self->days),
                       self->days);

    ium_report_append_escaped (out, when);
    g_string_append (out, "<span class=\"sep\">·</span>");
    ium_report_append_escaped (out, seen);
  }
  g_string_append (out, "</p>\n</header>\n");
}

static void
append_cards (GString *out, IumReport *self)
{
  IumReportCard cards[IUM_REPORT_N_CARDS] = { { 0 } };

  ium_report_cards_init (self, cards);
  g_string_append (out, "<section class=\"cards\">\n");
  for (guint i = 0; i < IUM_REPORT_N_CARDS; i++)
    {
      g_string_append_printf (out,
                              "<div class=\"card %s\"><div class=\"value\">%u</div>"
                              "<div class=\"label\">",
                              ium_report_badge_class (cards[i].badge, cards[i].tone),
                              cards[i].value);
      ium_report_append_escaped (out, cards[i].label);
      g_string_append (out, "</div><div class=\"caption\">");
      ium_report_append_escaped (out, cards[i].caption);
      g_string_append (out, "</div></div>\n");
    }
  g_string_append (out, "</section>\n");
  ium_report_cards_clear (cards);
}

GBytes *
ium_report_to_html (IumReport *self, GCancellable *cancellable, GError **error)
{
  GString                *out = g_string_sized_new (32768 + self->n_rows * 700);
  g_autofree char        *rollouts = ium_report_describe_rollouts (self);
  g_autofree char        *generated = ium_report_format_time (self->generated);
  const char             *notes = ium_release_get_notes (self->release);
  const char             *url = ium_release_get_url (self->release);
  guint                   n_sections;
  const IumReportSection *sections = ium_report_get_sections (&n_sections);

  /* Translators: the language of the HTML report (lang attribute), e.g. de. */
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", _ ("en"));
  g_string_append (out,
                   "<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"Instrument Update Manager " PACKAGE_VERSION
                   "\">\n<title>");
  ium_report_append_escaped (out, _ ("Release report"));
  g_string_append_c (out, ' ');
  ium_report_append_escaped (out, ium_release_get_version_text (self->release));
  if (*self->facility)
    {
      g_string_append (out, " — ");
      ium_report_append_escaped (out, self->facility);
    }
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, stylesheet);
  g_string_append (out, print_stylesheet);
  append_badge_styles (out);
  g_string_append (out, "</style>\n</head>\n<body>\n<div class=\"page\">\n");

  append_masthead (out, self);
  g_string_append (out, "<main>\n<section class=\"lede\">\n");
  if (notes != NULL && *notes != '\0')
    {
      g_string_append (out, "<p class=\"notes\">");
      ium_report_append_escaped (out, notes);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "<p>");
  ium_report_append_escaped (out, rollouts);
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    {
      g_string_append_c (out, ' ');
      /* Translators: before the release's download link. */
      ium_report_append_escaped (out, _ ("Download:"));
      g_string_append (out, " <a href=\"");
      ium_report_append_escaped (out, url);
      g_string_append (out, "\">");
      ium_report_append_escaped (out, url);
      g_string_append (out, "</a>");
    }
  g_string_append (out, "</p>\n</section>\n");

  append_cards (out, self);
  g_string_append (out, "<section class=\"charts\">\n");
  append_chart (out, self, IUM_REPORT_CHART_STATUS, FALSE);
  append_chart (out, self, IUM_REPORT_CHART_VERSIONS, FALSE);
  append_chart (out, self, IUM_REPORT_CHART_TIMELINE, TRUE);
  g_string_append (out, "</section>\n");

  g_string_append (out, "<nav class=\"toc\">");
  for (guint i = 0; i < n_sections; i++)
    {
      g_string_append_printf (out, "<a href=\"#%s\">", sections[i].id);
      ium_report_append_escaped (out, _ (sections[i].title));
      if (sections[i].counted)
        g_string_append_printf (out, "<span class=\"n\">%u</span>", sections[i].n_rows (self));
      /* A space between links, so that the line can wrap. */
      g_string_append (out, "</a>\n");
    }
  g_string_append (out, "</nav>\n");

  for (guint i = 0; i < n_sections; i++)
    if (!append_section (out, self, &sections[i], cancellable, error))
      {
        g_string_free (out, TRUE);
        return NULL;
      }

  {
    /* Translators: the program and its version, the date, the facility's name. */
    g_autofree char *footer =
      *self->facility
        ? g_strdup_printf (_ ("Generated by %s on %s from the inventory of %s."),
                           "Instrument Update Manager " PACKAGE_VERSION, generated, self->facility)
        : g_strdup_printf (_ ("Generated by %s on %s from the inventory of the facility."),
                           "Instrument Update Manager " PACKAGE_VERSION, generated);

    g_string_append (out, "</main>\n<footer>");
    ium_report_append_escaped (out, footer);
    g_string_append (out, "</footer>\n</div>\n</body>\n</html>\n");
  }
  return g_string_free_to_bytes (out);
}
