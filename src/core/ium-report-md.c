/* ium-report-md.c: the report as Markdown (GitHub-flavoured tables), for wikis and e-mail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-report-private.h"
#include "ium-report-style.h"

/* Every value is escaped: Markdown punctuation gets a backslash, and <, > and & become
 * entities, because Markdown passes raw HTML through to the page it renders. A line break
 * inside a value would end a table row, so it becomes a space. */
static void
append_text (GString *out, const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    switch (*p)
      {
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '\r':
      case '\n':
        g_string_append_c (out, ' ');
        break;
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '#':
      case '~':
      case '!':
        g_string_append_c (out, '\\');
        g_string_append_c (out, *p);
        break;
      default:
        g_string_append_c (out, *p);
      }
}

static void
append_cell (GString *out, const IumReportCell *cell)
{
  if (cell->blank)
    return;
  if (cell->text == NULL || *cell->text == '\0')
    {
      g_string_append (out, "—");
      return;
    }
  if (cell->emphasis)
    g_string_append (out, "**");
  append_text (out, cell->text);
  if (cell->emphasis)
    g_string_append (out, "**");
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

  g_string_append (out, "\n## ");
  append_text (out, _ (section->title));
  g_string_append (out, "\n\n");
  append_text (out, intro);
  g_string_append (out, "\n\n");

  if (n_rows == 0)
    {
      g_autofree char *empty = section->dup_empty (self);
      g_string_append_c (out, '_');
      append_text (out, empty);
      g_string_append (out, "_\n");
      return TRUE;
    }

  g_string_append_c (out, '|');
  for (guint c = 0; c < section->n_columns; c++)
    {
      g_string_append_c (out, ' ');
      append_text (out, _ (section->columns[c].title));
      g_string_append (out, " |");
    }
  g_string_append (out, "\n|");
  for (guint c = 0; c < section->n_columns; c++)
    g_string_append (out,
                     section->columns[c].kind == IUM_REPORT_CELL_NUMBER ? " ---: |" : " --- |");
  g_string_append_c (out, '\n');

  for (guint r = 0; r < n_rows; r++)
    {
      IumReportCell cells[IUM_REPORT_MAX_COLUMNS] = { 0 };

      if (r % 1024 == 1023 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      section->fill (self, r, cells);
      g_string_append_c (out, '|');
      for (guint c = 0; c < section->n_columns; c++)
        {
          g_string_append_c (out, ' ');
          append_cell (out, &cells[c]);
          g_string_append (out, " |");
        }
      g_string_append_c (out, '\n');
      ium_report_cells_clear (cells, section->n_columns);
    }
  return TRUE;
}

GBytes *
ium_report_to_markdown (IumReport *self, GCancellable *cancellable, GError **error)
{
  GString                *out = g_string_sized_new (4096 + self->n_rows * 200);
  g_autofree char        *described = ium_report_describe_release (self->release);
  g_autofree char        *generated = ium_report_format_time (self->generated);
  g_autofree char        *rollouts = ium_report_describe_rollouts (self);
  const char             *notes = ium_release_get_notes (self->release);
  IumReportCard           cards[IUM_REPORT_N_CARDS] = { { 0 } };
  guint                   n_sections;
  const IumReportSection *sections = ium_report_get_sections (&n_sections);

  g_string_append (out, "# ");
  /* Translators: the report's title, before the release's version. */
  append_text (out, _ ("Release report"));
  g_string_append (out, ": ");
  append_text (out, ium_release_get_version_text (self->release));
  g_string_append (out, "\n\n**");
  append_text (out, *self->facility ? self->facility : "Instrument Update Manager");
  g_string_append (out, "** · ");
  append_text (out, described);
  g_string_append (out, " · ");
  {
    g_autofree char *when = g_strdup_printf (_ ("generated %s"), generated);
    g_autofree char *seen =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "clients seen in the last %u day",
                                    "clients seen in the last %u days", self->days),
                       self->days);

    append_text (out, when);
    g_string_append (out, " · ");
    append_text (out, seen);
  }
  g_string_append (out, "\n\n");
  if (notes != NULL && *notes != '\0')
    {
      g_string_append (out, "> ");
      append_text (out, notes);
      g_string_append (out, "\n\n");
    }
  append_text (out, rollouts);
  g_string_append (out, "\n\n");

  ium_report_cards_init (self, cards);
  for (guint i = 0; i < IUM_REPORT_N_CARDS; i++)
    {
      g_string_append_printf (out, "- **%u** ", cards[i].value);
      append_text (out, cards[i].label);
      g_string_append (out, " — ");
      append_text (out, cards[i].caption);
      g_string_append_c (out, '\n');
    }
  ium_report_cards_clear (cards);

  for (guint i = 0; i < n_sections; i++)
    if (!append_section (out, self, &sections[i], cancellable, error))
      {
        g_string_free (out, TRUE);
        return NULL;
      }
  return g_string_free_to_bytes (out);
}
