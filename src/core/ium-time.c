/* ium-time.c: RFC 3339 timestamps and calendar dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-time"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-time.h"

#include <gio/gio.h>
#include <stdio.h>

/* GDateTime accepts all of ISO 8601 (week dates, missing seconds, no offset with a default
 * zone); the inventory promises RFC 3339 with an offset, so the shape is checked first and
 * the parsing itself is left to GLib. */
static gboolean
has_rfc3339_shape (const char *text)
{
  static GRegex *shape;
  static gsize   once;

  if (g_once_init_enter (&once))
    {
      shape = g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}"
                           "(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
                           G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  return g_regex_match (shape, text, 0, NULL);
}

GDateTime *
ium_timestamp_parse (const char *text, GError **error)
{
  GDateTime *time;

  if (text == NULL || !has_rfc3339_shape (text))
    {
      g_set_error (
        error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        _ ("“%s” is not an RFC 3339 timestamp with an offset, such as 2025-03-04T08:00:00Z"),
        text ? text : "");
      return NULL;
    }

  {
    /* RFC 3339 allows a lower-case "t" and "z"; GLib takes only upper case. */
    g_autofree char *upper = g_ascii_strup (text, -1);
    time = g_date_time_new_from_iso8601 (upper, NULL);
  }
  if (time == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _ ("“%s” is not a valid time: a field is out of range"), text);
  return time;
}

char *
ium_timestamp_format (GDateTime *time)
{
  g_autofree char *seconds = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  /* Not g_date_time_format_iso8601(): it writes whole-hour offsets as "+01", which RFC 3339
   * (and so our own reader) does not accept. */
  seconds = g_date_time_format (
    time, g_date_time_get_microsecond (time) != 0 ? "%Y-%m-%dT%H:%M:%S.%f" : "%Y-%m-%dT%H:%M:%S");
  if (g_date_time_get_utc_offset (time) == 0)
    return g_strconcat (seconds, "Z", NULL);
  else
    {
      g_autofree char *offset = g_date_time_format (time, "%:z");
      return g_strconcat (seconds, offset, NULL);
    }
}

gboolean
ium_date_validate (const char *text, GError **error)
{
  static GRegex *shape;
  static gsize   once;
  guint          year, month, day;

  if (g_once_init_enter (&once))
    {
      shape = g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }

  if (text == NULL || !g_regex_match (shape, text, 0, NULL)
      || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("“%s” is not a date of the form YYYY-MM-DD"), text ? text : "");
      return FALSE;
    }

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("“%s” is not a calendar date"),
                   text);
      return FALSE;
    }

  return TRUE;
}
