/* ium-report-csv.c: the report as CSV (RFC 4180): a header row, then one row per instrument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include "ium-report-private.h"
#include "ium-report-style.h"

static const char *columns[] = {
  "instrument",
  "site",
  "release",
  "tier",
  "target",
  "behind",
  "flags",
  "rollout",
  "wave",
  "start",
  "end",
  "window",
  "state",
  "note",
  "outdated_clients",
  "incompatible_clients",
};

/* RFC 4180: a field with a comma, a double quote or a line break is quoted, and a double
 * quote inside doubled. Values are written as they are (no prefix against spreadsheet
 * formulas: the file is data; see docs/reports.md). */
static void
append_field (GString *out, const char *value, gboolean last)
{
  if (value != NULL)
    {
      if (strpbrk (value, ",\"\r\n") == NULL)
        g_string_append (out, value);
      else
        {
          g_string_append_c (out, '"');
          for (const char *p = value; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
    }
  g_string_append (out, last ? "\r\n" : ",");
}

static void
append_number (GString *out, guint value, gboolean last)
{
  g_string_append_printf (out, "%u%s", value, last ? "\r\n" : ",");
}

GBytes *
ium_report_to_csv (IumReport *self, GCancellable *cancellable, GError **error)
{
  GString *out = g_string_sized_new (256 + self->n_rows * 160);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    append_field (out, columns[i], i + 1 == G_N_ELEMENTS (columns));

  for (guint i = 0; i < self->n_rows; i++)
    {
      const IumReportRow     *row = &self->rows[i];
      const IumReportUpgrade *upgrade = row->upgrade;
      g_autofree char        *flags = ium_report_format_flags (row->flags);
      int                     tier = ium_report_row_tier (row);

      if (i % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_string_free (out, TRUE);
          return NULL;
        }

      append_field (out, row->name, FALSE);
      append_field (out, row->site, FALSE);
      append_field (out, row->release ? ium_release_get_version_text (row->release) : NULL, FALSE);
      append_field (out,
                    tier != IUM_REPORT_NO_TIER ? ium_report_badge_text (IUM_REPORT_BADGE_TIER, tier)
                                               : NULL,
                    FALSE);
      append_field (out, row->target ? ium_release_get_version_text (row->target) : NULL, FALSE);
      append_number (out, row->behind, FALSE);
      append_field (out, flags, FALSE);
      append_field (out, upgrade ? upgrade->rollout->name : NULL, FALSE);
      if (upgrade != NULL)
        append_number (out, upgrade->upgrade->wave, FALSE);
      else
        append_field (out, NULL, FALSE);
      append_field (out, upgrade ? upgrade->upgrade->start : NULL, FALSE);
      append_field (out, upgrade ? upgrade->upgrade->end : NULL, FALSE);
      append_field (out, upgrade ? upgrade->upgrade->window : NULL, FALSE);
      append_field (out, upgrade ? ium_upgrade_state_to_string (upgrade->upgrade->state) : NULL,
                    FALSE);
      append_field (out, upgrade ? upgrade->upgrade->note : NULL, FALSE);
      append_number (out, row->n_outdated_clients, FALSE);
      append_number (out, row->n_incompatible_clients, TRUE);
    }
  return g_string_free_to_bytes (out);
}
