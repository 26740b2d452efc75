/* ium-ical.c: downtime windows from iCalendar, through libical (writing is in
 * ium-ical-write.c).
 *
 * libical parses everything. Its parser is lenient: it reports a bad line as an X-LIC-ERROR
 * property, accepts an END that closes the wrong component, and takes "2027-13-01" for a
 * date. So the reader checks what libical lets through, and keeps an index of the file's
 * lines (the IcalSource below) only to say on which line a problem is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-ical"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-ical.h"

#include "ium-ical-private.h"
#include "ium-inventory-file.h"

#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

/* clang-format off */
G_DEFINE_QUARK (ium-ical-error-quark, ium_ical_error)
/* clang-format on */

/* A BEGIN ... END pair of the file, for line numbers. */
typedef struct
{
  char *name;  /* owned, as written after BEGIN: */
  guint begin; /* line of BEGIN, from 1 */
  guint end;   /* line of END */
} IcalBlock;

typedef struct
{
  char      **lines; /* owned: the physical lines, without line ends */
  guint       n_lines;
  GArray     *blocks;   /* of IcalBlock, in document order (pre-order) */
  GHashTable *block_of; /* icalcomponent * → block index + 1 */
} IcalSource;

/* One occurrence of an event, as instants with the UTC offset in effect at each. */
typedef struct
{
  gint64 start;
  gint64 end;
  int    start_offset;
  int    end_offset;
} Occurrence;

/* A time property of an event, read and resolved. */
typedef struct
{
  icalproperty       *property; /* borrowed, NULL when absent */
  struct icaltimetype time;     /* local time in @zone, or a date */
  icaltimezone       *zone;     /* borrowed; NULL for UTC, floating and dates */
  gint64              instant;
  int                 offset;
} EventTime;

static void
block_clear (gpointer data)
{
  IcalBlock *block = data;

  g_free (block->name);
}

static void
source_clear (IcalSource *src)
{
  g_clear_pointer (&src->lines, g_strfreev);
  g_clear_pointer (&src->blocks, g_array_unref);
  g_clear_pointer (&src->block_of, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IcalSource, source_clear)

static void set_line_error (GError **error, IumIcalError code, guint line, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static void
set_line_error (GError **error, IumIcalError code, guint line, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list          args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, IUM_ICAL_ERROR, code, _ ("line %u: %s"), MAX (line, 1u), reason);
}

/* If @line is "BEGIN:X" or "END:X" (any case), returns TRUE with *@is_begin and the name. */
static gboolean
line_is_delimiter (const char *line, gboolean *is_begin, const char **name)
{
  if (g_ascii_strncasecmp (line, "BEGIN:", 6) == 0)
    {
      *is_begin = TRUE;
      *name = line + 6;
      return TRUE;
    }
  if (g_ascii_strncasecmp (line, "END:", 4) == 0)
    {
      *is_begin = FALSE;
      *name = line + 4;
      return TRUE;
    }
  return FALSE;
}

/* Indexes the lines and checks that BEGIN and END pair up inside VCALENDARs: libical silently
 * lets an END close whatever is open, and drops what is outside a component. */
static gboolean
source_scan (IcalSource *src, const char *data, gsize length, GError **error)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *text = NULL;
  const char      *bad = NULL;

  if (!g_utf8_validate_len (data, length, &bad))
    {
      guint line = 1;

      for (const char *p = data; p < bad; p++)
        line += *p == '\n';
      set_line_error (error, IUM_ICAL_ERROR_NOT_ICALENDAR, line,
                      _ ("not UTF-8 text; iCalendar files are UTF-8"));
      return FALSE;
    }

  text = g_strndup (data, length);
  src->lines = g_strsplit (text, "\n", -1);
  src->n_lines = g_strv_length (src->lines);
  src->blocks = g_array_new (FALSE, TRUE, sizeof (IcalBlock));
  g_array_set_clear_func (src->blocks, block_clear);
  src->block_of = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < src->n_lines; i++)
    {
      char       *line = src->lines[i];
      gsize       len = strlen (line);
      const char *name;
      gboolean    is_begin;

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (line[0] == '\0' || line[0] == ' ' || line[0] == '\t')
        continue;

      if (line_is_delimiter (line, &is_begin, &name) && is_begin)
        {
          IcalBlock block = { g_strdup (name), i + 1, 0 };
          guint     index = src->blocks->len;

          if (stack->len == 0 && g_ascii_strcasecmp (name, "VCALENDAR") != 0)
            {
              set_line_error (error, IUM_ICAL_ERROR_NOT_ICALENDAR, i + 1,
                              _ ("BEGIN:%s outside a VCALENDAR; this is not an iCalendar file"),
                              name);
              g_free (block.name);
              return FALSE;
            }
          g_array_append_val (src->blocks, block);
          g_array_append_val (stack, index);
        }
      else if (line_is_delimiter (line, &is_begin, &name))
        {
          IcalBlock *open;

          if (stack->len == 0)
            {
              set_line_error (error, IUM_ICAL_ERROR_SYNTAX, i + 1, _ ("END:%s without BEGIN"),
                              name);
              return FALSE;
            }
          open =
            &g_array_index (src->blocks, IcalBlock, g_array_index (stack, guint, stack->len - 1));
          if (g_ascii_strcasecmp (open->name, name) != 0)
            {
              gboolean opened = FALSE;

              for (guint k = 0; k < stack->len; k++)
                opened |=
                  g_ascii_strcasecmp (
                    g_array_index (src->blocks, IcalBlock, g_array_index (stack, guint, k)).name,
                    name)
                  == 0;
              if (opened)
                set_line_error (error, IUM_ICAL_ERROR_SYNTAX, i + 1,
                                _ ("END:%s while BEGIN:%s of line %u is still open"), name,
                                open->name, open->begin);
              else
                set_line_error (error, IUM_ICAL_ERROR_SYNTAX, i + 1, _ ("END:%s without BEGIN"),
                                name);
              return FALSE;
            }
          open->end = i + 1;
          g_array_set_size (stack, stack->len - 1);
        }
      else if (stack->len == 0)
        {
          g_autofree char *shown = g_utf8_substring (line, 0, MIN (g_utf8_strlen (line, -1), 40));

          set_line_error (error, IUM_ICAL_ERROR_NOT_ICALENDAR, i + 1,
                          _ ("“%s” is outside BEGIN:VCALENDAR … END:VCALENDAR; "
                             "this is not an iCalendar file"),
                          shown);
          return FALSE;
        }
    }

  if (stack->len > 0)
    {
      IcalBlock *open = &g_array_index (src->blocks, IcalBlock, g_array_index (stack, guint, 0));

      for (guint i = 0; i < stack->len; i++)
        {
          IcalBlock *block =
            &g_array_index (src->blocks, IcalBlock, g_array_index (stack, guint, i));
          if (g_ascii_strcasecmp (block->name, "VCALENDAR") != 0)
            open = block;
        }
      set_line_error (error, IUM_ICAL_ERROR_SYNTAX, open->begin,
                      _ ("BEGIN:%s is never closed (no END:%s)"), open->name, open->name);
      return FALSE;
    }

  if (src->blocks->len == 0)
    {
      set_line_error (error, IUM_ICAL_ERROR_NOT_ICALENDAR, 1,
                      _ ("no BEGIN:VCALENDAR; this is not an iCalendar file"));
      return FALSE;
    }

  return TRUE;
}

/* Pairs libical's components with the file's blocks: both are in document order. */
static void
source_map_components (IcalSource *src, icalcomponent *component, guint *next)
{
  if (icalcomponent_isa (component) != ICAL_XROOT_COMPONENT)
    {
      icalcomponent_kind kind = icalcomponent_isa (component);
      const char        *name = icalcomponent_kind_to_string (kind);
      IcalBlock         *block;

      if (*next >= src->blocks->len)
        return;
      block = &g_array_index (src->blocks, IcalBlock, *next);
      /* A mismatch means libical saw another structure: stop rather than guess lines. */
      if (kind != ICAL_X_COMPONENT && (name == NULL || g_ascii_strcasecmp (name, block->name) != 0))
        {
          *next = G_MAXUINT;
          return;
        }
      g_hash_table_insert (src->block_of, component, GUINT_TO_POINTER (*next + 1));
      (*next)++;
    }

  for (icalcomponent *child = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       child != NULL && *next != G_MAXUINT;
       child = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    source_map_components (src, child, next);
}

static const IcalBlock *
source_block (IcalSource *src, icalcomponent *component)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (src->block_of, component));

  return index > 0 ? &g_array_index (src->blocks, IcalBlock, index - 1) : NULL;
}

/* The logical line that starts on @line, unfolded. Owned. */
static char *
source_unfold (IcalSource *src, guint line)
{
  GString *text = g_string_new (src->lines[line - 1]);

  for (guint i = line; i < src->n_lines && (src->lines[i][0] == ' ' || src->lines[i][0] == '\t');
       i++)
    g_string_append (text, src->lines[i] + 1);
  return g_string_free (text, FALSE);
}

/* The value of the logical line on @line: what follows the first colon outside quotes. */
static char *
source_value (IcalSource *src, guint line)
{
  g_autofree char *text = source_unfold (src, line);
  gboolean         quoted = FALSE;

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        return g_strdup (p + 1);
    }
  return g_strdup ("");
}

/* The first line in @block (the whole file when NULL) of property @name (any property when
 * NULL) whose logical line contains @containing (when set), skipping nested components.
 * 0 when there is none. */
static guint
source_search (IcalSource *src, const IcalBlock *block, const char *name, const char *containing)
{
  gsize name_len = name != NULL ? strlen (name) : 0;
  guint first = block != NULL ? block->begin + 1 : 1;
  guint last = block != NULL ? block->end : src->n_lines + 1;
  int   depth = 0;

  for (guint line = first; line < last; line++)
    {
      const char *text = src->lines[line - 1];
      const char *delimited;
      gboolean    is_begin;

      if (text[0] == ' ' || text[0] == '\t')
        continue;
      if (block != NULL && line_is_delimiter (text, &is_begin, &delimited))
        {
          depth += is_begin ? 1 : -1;
          continue;
        }
      if (depth > 0)
        continue;
      if (name != NULL
          && (g_ascii_strncasecmp (text, name, name_len) != 0
              || (text[name_len] != ':' && text[name_len] != ';')))
        continue;
      if (containing != NULL && *containing != '\0')
        {
          g_autofree char *unfolded = source_unfold (src, line);

          if (strstr (unfolded, containing) == NULL)
            continue;
        }
      return line;
    }
  return 0;
}

/* The line to blame for property @name of @component (nullable), preferring one that
 * contains @containing; falls back to the component's BEGIN line, then line 1. */
static guint
source_find_line (IcalSource    *src,
                  icalcomponent *component,
                  const char    *name,
                  const char    *containing)
{
  const IcalBlock *block = component != NULL ? source_block (src, component) : NULL;
  guint            line = 0;

  if (block != NULL)
    {
      line = source_search (src, block, name, containing);
      if (line == 0 && name != NULL && containing != NULL)
        line = source_search (src, block, name, NULL);
      if (line == 0 && containing != NULL)
        line = source_search (src, block, NULL, containing);
    }
  if (line == 0 && containing != NULL && *containing != '\0')
    line = source_search (src, NULL, name, containing);
  if (line == 0 && block != NULL)
    line = block->begin;
  return MAX (line, 1u);
}

/* libical's "Can't parse as DATE-TIME value in DTSTART property. Removing entire property:
 * garbage" becomes "DTSTART “garbage” is not a valid DATE-TIME"; the offending text is
 * returned in *@text to find its line. */
static char *
describe_libical_error (const char *message, char **text)
{
  const char *colon = strrchr (message, ':');
  char        type[32] = "";
  char        property[64] = "";

  *text = g_strstrip (g_strdup (colon != NULL ? colon + 1 : ""));

  if (sscanf (message, "Can't parse as %31s value in %63s property.", type, property) == 2)
    return g_strdup_printf (_ ("%s “%s” is not a valid %s"), property, *text, type);
  if (g_str_has_prefix (message, "Got a data line, but could not find a property name"))
    return g_strdup_printf (_ ("“%s” is not an iCalendar property line"), *text);

  {
    g_autofree char *reason = g_strdup (message);
    char            *removing = strstr (reason, ". Removing entire property");

    if (removing != NULL)
      *removing = '\0';
    return g_strdup_printf ("%s (libical)", reason);
  }
}

static void
collect_libical_errors (IcalSource    *src,
                        icalcomponent *component,
                        guint         *best_line,
                        char         **best_reason)
{
  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (component, ICAL_XLICERROR_PROPERTY))
    {
      g_autofree char *text = NULL;
      g_autofree char *reason = describe_libical_error (icalproperty_get_xlicerror (p), &text);
      guint            line = source_find_line (src, component, NULL, text);

      if (*best_reason == NULL || line < *best_line)
        {
          g_free (*best_reason);
          *best_reason = g_steal_pointer (&reason);
          *best_line = line;
        }
    }

  for (icalcomponent *child = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       child != NULL; child = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    collect_libical_errors (src, child, best_line, best_reason);
}

static gboolean
time_is_valid (struct icaltimetype t)
{
  if (icaltime_is_null_time (t))
    return FALSE;
  if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12)
    return FALSE;
  if (t.day < 1 || t.day > g_date_get_days_in_month ((GDateMonth) t.month, (GDateYear) t.year))
    return FALSE;
  if (!t.is_date
      && (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0
          || t.second > 59))
    return FALSE;
  return TRUE;
}

/* The zone of @property's TZID: the file's VTIMEZONE, else libical's built-in zone of that
 * name. *@zone is NULL for UTC, floating times and dates. */
static gboolean
resolve_zone (IcalSource         *src,
              icalcomponent      *calendar,
              icalcomponent      *event,
              icalproperty       *property,
              struct icaltimetype time,
              icaltimezone      **zone,
              GError            **error)
{
  icalparameter *parameter = icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER);
  const char    *name = icalproperty_get_property_name (property);
  const char    *tzid;

  *zone = NULL;
  if (parameter == NULL || time.is_date || icaltime_is_utc (time))
    return TRUE;

  tzid = icalparameter_get_tzid (parameter);
  if (tzid == NULL || *tzid == '\0')
    {
      set_line_error (error, IUM_ICAL_ERROR_TIMEZONE, source_find_line (src, event, name, NULL),
                      _ ("%s has an empty TZID"), name);
      return FALSE;
    }

  *zone = icalcomponent_get_timezone (calendar, tzid);
  if (*zone == NULL)
    *zone = icaltimezone_get_builtin_timezone_from_tzid (tzid);
  if (*zone == NULL)
    *zone = icaltimezone_get_builtin_timezone (tzid);
  if (*zone == NULL)
    {
      set_line_error (error, IUM_ICAL_ERROR_TIMEZONE, source_find_line (src, event, name, tzid),
                      _ ("unknown time zone “%s” in %s; add its VTIMEZONE to the file or use a "
                         "zone name such as Europe/London"),
                      tzid, name);
      return FALSE;
    }
  if (*zone == icaltimezone_get_utc_timezone ())
    *zone = NULL;
  return TRUE;
}

/* The instant of local time @t in @zone, and the UTC offset in effect then. */
static void
local_to_instant (struct icaltimetype t, icaltimezone *zone, gint64 *instant, int *offset)
{
  icaltimezone       *utc = icaltimezone_get_utc_timezone ();
  struct icaltimetype at;

  if (t.is_date || zone == NULL)
    {
      /* icaltime_as_timet reads the fields as UTC, a date as its 00:00. */
      *instant = (gint64) icaltime_as_timet (t);
      *offset = 0;
      return;
    }

  *instant = (gint64) icaltime_as_timet_with_zone (t, zone);
  at = icaltime_from_timet_with_zone ((time_t) *instant, 0, utc);
  *offset = icaltimezone_get_utc_offset_of_utc_time (zone, &at, NULL);
}

static GDateTime *
instant_to_date_time (gint64 instant, int offset)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr (GTimeZone) zone = NULL;

  if (utc == NULL)
    return NULL;
  if (offset == 0)
    return g_steal_pointer (&utc);
  zone = g_time_zone_new_offset (offset);
  return g_date_time_to_timezone (utc, zone);
}

/* Reads @time (already taken from @property) and resolves it. */
static gboolean
event_time_init (EventTime          *out,
                 IcalSource         *src,
                 icalcomponent      *calendar,
                 icalcomponent      *event,
                 icalproperty       *property,
                 struct icaltimetype time,
                 GError            **error)
{
  const char *name = icalproperty_get_property_name (property);

  out->property = property;
  out->time = time;
  if (!time_is_valid (time))
    {
      guint            line = source_find_line (src, event, name, NULL);
      g_autofree char *value = source_value (src, line);

      set_line_error (error, IUM_ICAL_ERROR_INVALID, line, _ ("%s “%s” is not a date-time"), name,
                      value);
      return FALSE;
    }
  if (!resolve_zone (src, calendar, event, property, time, &out->zone, error))
    return FALSE;
  out->time.zone = out->zone;
  local_to_instant (out->time, out->zone, &out->instant, &out->offset);
  return TRUE;
}

static const char *
event_get_x (icalcomponent *event, const char *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_X_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (event, ICAL_X_PROPERTY))
    if (g_ascii_strcasecmp (icalproperty_get_x_name (p), name) == 0)
      return icalproperty_get_x (p);
  return NULL;
}

static const char *
event_kind (icalcomponent *event)
{
  return event_get_x (event, IUM_ICAL_KIND_PROPERTY);
}

/* The instruments an event exported by this program applies to (X-IUM-INSTRUMENTS), or NULL
 * for every instrument. Owned. */
static char **
event_dup_instruments (icalcomponent *event)
{
  const char *value = event_get_x (event, IUM_ICAL_INSTRUMENTS_PROPERTY);
  g_auto (GStrv) names = NULL;
  GPtrArray *list;

  if (value == NULL || *value == '\0')
    return NULL;
  names = g_strsplit (value, ",", -1);
  list = g_ptr_array_new ();
  for (guint i = 0; names[i] != NULL; i++)
    if (*g_strstrip (names[i]) != '\0')
      g_ptr_array_add (list, g_strdup (names[i]));
  if (list->len == 0)
    {
      g_ptr_array_unref (list);
      return NULL;
    }
  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (list, FALSE);
}

static gboolean
event_is_skipped (icalcomponent *event)
{
  const char *kind = event_kind (event);

  if (icalcomponent_get_first_property (event, ICAL_STATUS_PROPERTY) != NULL
      && icalcomponent_get_status (event) == ICAL_STATUS_CANCELLED)
    return TRUE;
  return kind != NULL && g_ascii_strcasecmp (kind, "downtime") != 0;
}

static char *
override_key (const char *uid, gint64 instant)
{
  return g_strdup_printf ("%s\n%" G_GINT64_FORMAT, uid != NULL ? uid : "", instant);
}

/* How one occurrence that starts at local time @start ends. */
typedef struct
{
  gboolean                has_end;      /* DTEND: the same exact length as the first */
  gint64                  length;       /* seconds */
  gboolean                has_duration; /* DURATION: days on the wall clock, then seconds */
  struct icaldurationtype nominal;      /* the days and weeks of DURATION */
  gint64                  exact;        /* its hours, minutes and seconds */
} EventLength;

static void
occurrence_end (const EventLength  *length,
                struct icaltimetype start,
                icaltimezone       *zone,
                Occurrence         *occurrence)
{
  if (length->has_duration)
    {
      struct icaltimetype wall = icaltime_add (start, length->nominal);

      local_to_instant (wall, zone, &occurrence->end, &occurrence->end_offset);
      occurrence->end += length->exact;
    }
  else
    occurrence->end = occurrence->start + length->length;

  if (zone != NULL)
    {
      struct icaltimetype at = icaltime_from_timet_with_zone ((time_t) occurrence->end, 0,
                                                              icaltimezone_get_utc_timezone ());

      occurrence->end_offset = icaltimezone_get_utc_offset_of_utc_time (zone, &at, NULL);
    }
  else
    occurrence->end_offset = 0;
}

static void
add_occurrence (GArray             *occurrences,
                const EventLength  *length,
                struct icaltimetype start,
                icaltimezone       *zone)
{
  Occurrence occurrence = { 0 };

  local_to_instant (start, zone, &occurrence.start, &occurrence.start_offset);
  occurrence_end (length, start, zone, &occurrence);
  g_array_append_val (occurrences, occurrence);
}

static gboolean
expand_rrule (IcalSource        *src,
              icalcomponent     *event,
              icalproperty      *property,
              const EventTime   *dtstart,
              const EventLength *length,
              GDateTime         *horizon,
              GArray            *occurrences,
              GError           **error)
{
  struct icalrecurrencetype rule = icalproperty_get_rrule (property);
  gint64                    limit = horizon != NULL ? g_date_time_to_unix (horizon) : G_MAXINT64;
  icalrecur_iterator       *iterator;
  guint                     n = 0;

  if (horizon == NULL && rule.count == 0 && icaltime_is_null_time (rule.until))
    {
      guint            line = source_find_line (src, event, "RRULE", NULL);
      g_autofree char *value = source_value (src, line);

      set_line_error (error, IUM_ICAL_ERROR_UNBOUNDED, line,
                      _ ("RRULE “%s” repeats forever; give a horizon (--until DATE)"), value);
      return FALSE;
    }

  iterator = icalrecur_iterator_new (rule, dtstart->time);
  if (iterator == NULL)
    {
      guint            line = source_find_line (src, event, "RRULE", NULL);
      g_autofree char *value = source_value (src, line);

      set_line_error (error, IUM_ICAL_ERROR_SYNTAX, line,
                      _ ("RRULE “%s” cannot be expanded (libical: %s)"), value,
                      icalerror_strerror (icalerrno));
      icalerror_clear_errno ();
      return FALSE;
    }

  for (struct icaltimetype next = icalrecur_iterator_next (iterator); !icaltime_is_null_time (next);
       next = icalrecur_iterator_next (iterator))
    {
      gint64 instant;
      int    offset;

      next.zone = dtstart->zone;
      local_to_instant (next, dtstart->zone, &instant, &offset);
      if (instant >= limit)
        break;
      if (++n > IUM_ICAL_MAX_OCCURRENCES)
        {
          guint            line = source_find_line (src, event, "RRULE", NULL);
          g_autofree char *value = source_value (src, line);

          icalrecur_iterator_free (iterator);
          set_line_error (error, IUM_ICAL_ERROR_UNBOUNDED, line,
                          _ ("RRULE “%s” gives more than %d occurrences before the horizon"), value,
                          IUM_ICAL_MAX_OCCURRENCES);
          return FALSE;
        }
      add_occurrence (occurrences, length, next, dtstart->zone);
    }

  icalrecur_iterator_free (iterator);
  return TRUE;
}

static gboolean
add_rdates (IcalSource        *src,
            icalcomponent     *calendar,
            icalcomponent     *event,
            const EventLength *length,
            GArray            *occurrences,
            GError           **error)
{
  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_RDATE_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (event, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype value = icalproperty_get_rdate (p);
      gboolean                      is_period = !icaltime_is_null_time (value.period.start);
      EventTime                     start = { 0 };

      if (!event_time_init (&start, src, calendar, event, p,
                            is_period ? value.period.start : value.time, error))
        return FALSE;

      if (is_period)
        {
          Occurrence occurrence = { start.instant, 0, start.offset, start.offset };
          EventTime  end = { 0 };

          if (!icaltime_is_null_time (value.period.end))
            {
              if (!event_time_init (&end, src, calendar, event, p, value.period.end, error))
                return FALSE;
              occurrence.end = end.instant;
              occurrence.end_offset = end.offset;
            }
          else
            {
              EventLength own = { FALSE, 0, TRUE, value.period.duration, 0 };

              own.nominal.hours = own.nominal.minutes = own.nominal.seconds = 0;
              own.exact = value.period.duration.hours * 3600 + value.period.duration.minutes * 60
                          + value.period.duration.seconds;
              occurrence_end (&own, start.time, start.zone, &occurrence);
            }
          if (occurrence.end <= occurrence.start)
            {
              guint            line = source_find_line (src, event, "RDATE", NULL);
              g_autofree char *text = source_value (src, line);

              set_line_error (error, IUM_ICAL_ERROR_INVALID, line,
                              _ ("RDATE period “%s” does not end after it starts"), text);
              return FALSE;
            }
          g_array_append_val (occurrences, occurrence);
        }
      else
        add_occurrence (occurrences, length, start.time, start.zone);
    }
  return TRUE;
}

static gboolean
remove_exdates (IcalSource    *src,
                icalcomponent *calendar,
                icalcomponent *event,
                GArray        *occurrences,
                GError       **error)
{
  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_EXDATE_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (event, ICAL_EXDATE_PROPERTY))
    {
      EventTime except = { 0 };

      if (!event_time_init (&except, src, calendar, event, p, icalproperty_get_exdate (p), error))
        return FALSE;

      for (guint i = occurrences->len; i > 0; i--)
        {
          Occurrence *o = &g_array_index (occurrences, Occurrence, i - 1);
          /* A date excludes whatever starts on that (UTC) day. */
          gboolean    match = except.time.is_date
                                ? o->start >= except.instant && o->start < except.instant + 86400
                                : o->start == except.instant;

          if (match)
            g_array_remove_index (occurrences, i - 1);
        }
    }
  return TRUE;
}

/* DTEND, DURATION or neither: how long each occurrence lasts. */
static gboolean
read_length (IcalSource      *src,
             icalcomponent   *calendar,
             icalcomponent   *event,
             const EventTime *dtstart,
             const char      *label,
             EventLength     *length,
             GError         **error)
{
  icalproperty *dtend_property = icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY);
  icalproperty *duration_property =
    icalcomponent_get_first_property (event, ICAL_DURATION_PROPERTY);

  memset (length, 0, sizeof *length);

  if (dtend_property != NULL && duration_property != NULL)
    {
      set_line_error (error, IUM_ICAL_ERROR_INVALID,
                      source_find_line (src, event, "DURATION", NULL),
                      _ ("event “%s” has both DTEND and DURATION; give one of them"), label);
      return FALSE;
    }

  if (dtend_property != NULL)
    {
      EventTime dtend = { 0 };

      if (!event_time_init (&dtend, src, calendar, event, dtend_property,
                            icalproperty_get_dtend (dtend_property), error))
        return FALSE;
      if (dtend.instant <= dtstart->instant)
        {
          guint            line = source_find_line (src, event, "DTEND", NULL);
          guint            start_line = source_find_line (src, event, "DTSTART", NULL);
          g_autofree char *end_text = source_value (src, line);
          g_autofree char *start_text = source_value (src, start_line);

          if (dtend.instant == dtstart->instant)
            set_line_error (error, IUM_ICAL_ERROR_INVALID, line,
                            _ ("DTEND “%s” is the same instant as DTSTART “%s”"), end_text,
                            start_text);
          else
            set_line_error (error, IUM_ICAL_ERROR_INVALID, line,
                            _ ("DTEND “%s” is before DTSTART “%s”"), end_text, start_text);
          return FALSE;
        }
      length->has_end = TRUE;
      length->length = dtend.instant - dtstart->instant;
      return TRUE;
    }

  if (duration_property != NULL)
    {
      struct icaldurationtype duration = icalproperty_get_duration (duration_property);
      gint64                  seconds = icaldurationtype_as_int (duration);

      if (duration.is_neg || seconds <= 0)
        {
          guint            line = source_find_line (src, event, "DURATION", NULL);
          g_autofree char *text = source_value (src, line);

          set_line_error (error, IUM_ICAL_ERROR_INVALID, line,
                          _ ("DURATION “%s” is not a positive length of time"), text);
          return FALSE;
        }
      length->has_duration = TRUE;
      length->nominal = icaldurationtype_null_duration ();
      length->nominal.days = duration.days;
      length->nominal.weeks = duration.weeks;
      length->exact = duration.hours * 3600 + duration.minutes * 60 + duration.seconds;
      return TRUE;
    }

  if (dtstart->time.is_date)
    {
      /* RFC 5545: an all-day event without an end lasts that day. */
      length->has_end = TRUE;
      length->length = 86400;
      return TRUE;
    }

  set_line_error (error, IUM_ICAL_ERROR_INVALID, source_find_line (src, event, "DTSTART", NULL),
                  _ ("event “%s” has neither DTEND nor DURATION, so its window would be empty"),
                  label);
  return FALSE;
}

static gboolean
read_event (IcalSource    *src,
            icalcomponent *calendar,
            icalcomponent *event,
            GDateTime     *horizon,
            GHashTable    *overrides,
            GArray        *occurrences,
            GError       **error)
{
  icalproperty *dtstart_property = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  const char   *summary = icalcomponent_get_summary (event);
  const char   *label = summary != NULL && *summary != '\0' ? summary : "Downtime";
  const char   *uid = icalcomponent_get_uid (event);
  gboolean      is_override =
    icalcomponent_get_first_property (event, ICAL_RECURRENCEID_PROPERTY) != NULL;
  EventTime   dtstart = { 0 };
  EventLength length;
  gunichar    control;

  if (summary != NULL && (control = ium_text_find_control_character (summary, FALSE)) != 0)
    {
      const IcalBlock *block = source_block (src, event);

      set_line_error (error, IUM_ICAL_ERROR_INVALID, block != NULL ? block->begin : 1,
                      _ ("the SUMMARY of an event contains the control character U+%04X"), control);
      return FALSE;
    }
  if (dtstart_property == NULL)
    {
      const IcalBlock *block = source_block (src, event);

      set_line_error (error, IUM_ICAL_ERROR_INVALID, block != NULL ? block->begin : 1,
                      _ ("event “%s” has no DTSTART"), label);
      return FALSE;
    }
  if (!event_time_init (&dtstart, src, calendar, event, dtstart_property,
                        icalproperty_get_dtstart (dtstart_property), error))
    return FALSE;
  if (!read_length (src, calendar, event, &dtstart, label, &length, error))
    return FALSE;

  /* RFC 5545: DTSTART is always the first instance, whether or not the rule yields it. */
  add_occurrence (occurrences, &length, dtstart.time, dtstart.zone);

  if (!is_override)
    {
      for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
           p != NULL; p = icalcomponent_get_next_property (event, ICAL_RRULE_PROPERTY))
        if (!expand_rrule (src, event, p, &dtstart, &length, horizon, occurrences, error))
          return FALSE;
      if (!add_rdates (src, calendar, event, &length, occurrences, error))
        return FALSE;
      if (!remove_exdates (src, calendar, event, occurrences, error))
        return FALSE;
    }

  for (guint i = occurrences->len; !is_override && i > 0; i--)
    {
      Occurrence      *o = &g_array_index (occurrences, Occurrence, i - 1);
      g_autofree char *key = override_key (uid, o->start);

      if (g_hash_table_contains (overrides, key))
        g_array_remove_index (occurrences, i - 1);
    }
  return TRUE;
}

/* The instants that VEVENTs with a RECURRENCE-ID replace, as override_key()s. */
static gboolean
collect_overrides (IcalSource *src, icalcomponent *calendar, GHashTable *overrides, GError **error)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *p = icalcomponent_get_first_property (event, ICAL_RECURRENCEID_PROPERTY);
      EventTime     id = { 0 };

      if (p == NULL)
        continue;
      if (!event_time_init (&id, src, calendar, event, p, icalproperty_get_recurrenceid (p), error))
        return FALSE;
      g_hash_table_add (overrides, override_key (icalcomponent_get_uid (event), id.instant));
    }
  return TRUE;
}

static int
compare_windows (gconstpointer a, gconstpointer b)
{
  IumWindow *wa = *(IumWindow **) a;
  IumWindow *wb = *(IumWindow **) b;
  int        c = g_date_time_compare (ium_window_get_start (wa), ium_window_get_start (wb));

  if (c == 0)
    c = g_date_time_compare (ium_window_get_end (wa), ium_window_get_end (wb));
  if (c == 0)
    c = g_strcmp0 (ium_window_get_label (wa), ium_window_get_label (wb));
  return c;
}

static gboolean
read_calendar (IcalSource        *src,
               icalcomponent     *calendar,
               const char *const *instruments,
               GDateTime         *horizon,
               GPtrArray         *windows,
               GError           **error)
{
  g_autoptr (GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 limit = horizon != NULL ? g_date_time_to_unix (horizon) : G_MAXINT64;

  if (!collect_overrides (src, calendar, overrides, error))
    return FALSE;

  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_autoptr (GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (Occurrence));
      const char *summary = icalcomponent_get_summary (event);
      const char *label = summary != NULL && *summary != '\0' ? summary : "Downtime";

      g_auto (GStrv) own = NULL;

      if (event_is_skipped (event))
        continue;
      if (instruments == NULL)
        own = event_dup_instruments (event);
      if (!read_event (src, calendar, event, horizon, overrides, occurrences, error))
        return FALSE;

      for (guint i = 0; i < occurrences->len; i++)
        {
          Occurrence *o = &g_array_index (occurrences, Occurrence, i);
          g_autoptr (GDateTime) start = NULL;
          g_autoptr (GDateTime) end = NULL;
          IumWindow *window;

          if (o->start >= limit)
            continue;
          start = instant_to_date_time (o->start, o->start_offset);
          end = instant_to_date_time (o->end, o->end_offset);
          if (start == NULL || end == NULL)
            {
              const IcalBlock *block = source_block (src, event);

              set_line_error (error, IUM_ICAL_ERROR_INVALID, block != NULL ? block->begin : 1,
                              _ ("event “%s” has an occurrence outside the years 1–9999"), label);
              return FALSE;
            }
          window = ium_window_new (start, end, label);
          ium_window_set_instruments (window, instruments != NULL ? instruments
                                                                  : (const char *const *) own);
          g_ptr_array_add (windows, window);
        }
    }
  return TRUE;
}

GPtrArray *
ium_ical_read_windows (const char        *data,
                       gsize              length,
                       const char *const *instruments,
                       GDateTime         *horizon,
                       GError           **error)
{
  g_auto (IcalSource) src = { 0 };
  g_autoptr (GPtrArray) windows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *libical_reason = NULL;
  icalcomponent   *root;
  guint            libical_line = 0;
  guint            next = 0;
  gboolean         ok = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!source_scan (&src, data != NULL ? data : "", length, error))
    return NULL;

  text = g_strndup (data, length);
  root = icalparser_parse_string (text);
  if (root == NULL)
    {
      set_line_error (error, IUM_ICAL_ERROR_NOT_ICALENDAR, 1,
                      _ ("libical found no calendar in this file"));
      return NULL;
    }

  source_map_components (&src, root, &next);
  collect_libical_errors (&src, root, &libical_line, &libical_reason);
  if (libical_reason != NULL)
    {
      set_line_error (error, IUM_ICAL_ERROR_SYNTAX, libical_line, "%s", libical_reason);
      icalcomponent_free (root);
      return NULL;
    }

  windows = g_ptr_array_new_with_free_func (g_object_unref);
  if (icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    ok = read_calendar (&src, root, instruments, horizon, windows, error);
  else
    for (icalcomponent *calendar =
           icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
         calendar != NULL && ok;
         calendar = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
      ok = read_calendar (&src, calendar, instruments, horizon, windows, error);
  icalcomponent_free (root);
  if (!ok)
    return NULL;

  g_ptr_array_sort (windows, compare_windows);
  for (guint i = windows->len; i > 1; i--)
    if (compare_windows (&windows->pdata[i - 1], &windows->pdata[i - 2]) == 0)
      g_ptr_array_remove_index (windows, i - 1);

  return g_steal_pointer (&windows);
}
