/* test-ical.c: downtime windows from and to iCalendar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "ium-fleet.h"
#include "ium-ical.h"
#include "ium-time.h"
#include "ium-version.h"

/* Europe/London as calendar applications write it, under a name libical has no built-in zone
 * for: these tests pass only if the file's VTIMEZONE is used. */
#define LONDON_VTIMEZONE                        \
  "BEGIN:VTIMEZONE\r\n"                         \
  "TZID:Facility Local Time\r\n"                \
  "BEGIN:DAYLIGHT\r\n"                          \
  "TZOFFSETFROM:+0000\r\n"                      \
  "TZOFFSETTO:+0100\r\n"                        \
  "TZNAME:BST\r\n"                              \
  "DTSTART:19700329T010000\r\n"                 \
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"  \
  "END:DAYLIGHT\r\n"                            \
  "BEGIN:STANDARD\r\n"                          \
  "TZOFFSETFROM:+0100\r\n"                      \
  "TZOFFSETTO:+0000\r\n"                        \
  "TZNAME:GMT\r\n"                              \
  "DTSTART:19701025T020000\r\n"                 \
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" \
  "END:STANDARD\r\n"                            \
  "END:VTIMEZONE\r\n"

#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
#define TAIL "END:VCALENDAR\r\n"

static GDateTime *
at (const char *text)
{
  g_autoptr (GError) error = NULL;
  GDateTime *time = ium_timestamp_parse (text, &error);

  g_assert_no_error (error);
  return time;
}

static char *
format_utc (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* "START END LABEL" in UTC, one window per line. */
static char *
windows_to_text (GPtrArray *windows)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < windows->len; i++)
    {
      IumWindow       *window = g_ptr_array_index (windows, i);
      g_autofree char *start = format_utc (ium_window_get_start (window));
      g_autofree char *end = format_utc (ium_window_get_end (window));

      g_string_append_printf (text, "%s %s %s\n", start, end, ium_window_get_label (window));
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
read_ok (const char *text, const char *horizon)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) until = horizon != NULL ? at (horizon) : NULL;
  GPtrArray *windows = ium_ical_read_windows (text, strlen (text), NULL, until, &error);

  g_assert_no_error (error);
  g_assert_nonnull (windows);
  return windows;
}

static void
assert_windows (const char *ics, const char *horizon, const char *expected)
{
  g_autoptr (GPtrArray) windows = read_ok (ics, horizon);
  g_autofree char *text = windows_to_text (windows);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_offset (IumWindow *window, int start_hours, int end_hours)
{
  g_assert_cmpint (g_date_time_get_utc_offset (ium_window_get_start (window)), ==,
                   (GTimeSpan) start_hours * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_utc_offset (ium_window_get_end (window)), ==,
                   (GTimeSpan) end_hours * G_TIME_SPAN_HOUR);
}

/* A weekly Tuesday 08:00–18:00 local maintenance day from March to November 2027, across
 * both clock changes (28 March and 31 October), with one week excluded. */
static const char weekly_london[] =
  HEAD            LONDON_VTIMEZONE "BEGIN:VEVENT\r\n"
                                   "UID:weekly@example.org\r\n"
                                   "SUMMARY:Maintenance day\r\n"
                                   "DTSTART;TZID=Facility Local Time:20270316T080000\r\n"
                                   "DTEND;TZID=Facility Local Time:20270316T180000\r\n"
                                   "RRULE:FREQ=WEEKLY;UNTIL=20271103T000000Z\r\n"
                                   "EXDATE;TZID=Facility Local Time:20270323T080000\r\n"
                                   "END:VEVENT\r\n" TAIL;

static void
check_weekly_london (GPtrArray *windows)
{
  g_autofree char *text = windows_to_text (windows);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  /* 16 March to 2 November is 34 Tuesdays; 23 March is excluded. */
  g_assert_cmpuint (windows->len, ==, 33);
  g_assert_cmpstr (lines[0], ==, "2027-03-16T08:00:00Z 2027-03-16T18:00:00Z Maintenance day");
  /* The clock went forward on Sunday 28 March: 08:00 BST is 07:00Z. */
  g_assert_cmpstr (lines[1], ==, "2027-03-30T07:00:00Z 2027-03-30T17:00:00Z Maintenance day");
  g_assert_cmpstr (lines[2], ==, "2027-04-06T07:00:00Z 2027-04-06T17:00:00Z Maintenance day");
  g_assert_cmpstr (lines[31], ==, "2027-10-26T07:00:00Z 2027-10-26T17:00:00Z Maintenance day");
  /* Back on Sunday 31 October. */
  g_assert_cmpstr (lines[32], ==, "2027-11-02T08:00:00Z 2027-11-02T18:00:00Z Maintenance day");
  g_assert_null (strstr (text, "2027-03-23"));

  /* Each window keeps the offset in effect at its instants. */
  assert_offset (g_ptr_array_index (windows, 0), 0, 0);
  assert_offset (g_ptr_array_index (windows, 1), 1, 1);
  assert_offset (g_ptr_array_index (windows, 32), 0, 0);
  g_assert_null (ium_window_get_instruments (g_ptr_array_index (windows, 0)));
}

static void
test_rrule_exdate_vtimezone (void)
{
  g_autoptr (GPtrArray) windows = read_ok (weekly_london, NULL);

  check_weekly_london (windows);
}

static void
test_builtin_zone (void)
{
  g_autofree char *builtin = NULL;
  g_autoptr (GPtrArray) windows = NULL;
  g_auto (GStrv) parts = g_strsplit (weekly_london, "Facility Local Time", -1);
  g_autofree char *replaced = g_strjoinv ("Europe/London", parts);
  const char      *vtz_start = strstr (replaced, "BEGIN:VTIMEZONE");
  const char      *vtz_end = strstr (replaced, "END:VTIMEZONE\r\n");

  /* The same file without its VTIMEZONE: libical's own Europe/London must give the same. */
  g_assert_nonnull (vtz_start);
  builtin = g_strdup_printf ("%.*s%s", (int) (vtz_start - replaced), replaced,
                             vtz_end + strlen ("END:VTIMEZONE\r\n"));
  g_assert_null (strstr (builtin, "VTIMEZONE"));
  windows = read_ok (builtin, NULL);
  check_weekly_london (windows);
}

static void
test_rdate (void)
{
  assert_windows (HEAD "BEGIN:VEVENT\r\n"
                       "UID:r@example.org\r\n"
                       "SUMMARY:Shutdown work\r\n"
                       "DTSTART:20270105T090000Z\r\n"
                       "DTEND:20270105T130000Z\r\n"
                       "RDATE:20270112T090000Z,20270119T100000Z\r\n"
                       "RDATE;VALUE=PERIOD:20270126T080000Z/PT10H\r\n"
                       "RDATE;TZID=Europe/London:20270706T090000\r\n"
                       "END:VEVENT\r\n" TAIL,
                  NULL,
                  "2027-01-05T09:00:00Z 2027-01-05T13:00:00Z Shutdown work\n"
                  "2027-01-12T09:00:00Z 2027-01-12T13:00:00Z Shutdown work\n"
                  "2027-01-19T10:00:00Z 2027-01-19T14:00:00Z Shutdown work\n"
                  "2027-01-26T08:00:00Z 2027-01-26T18:00:00Z Shutdown work\n"
                  "2027-07-06T08:00:00Z 2027-07-06T12:00:00Z Shutdown work\n");
}

static void
test_all_day (void)
{
  g_autoptr (GPtrArray) windows = NULL;

  /* No DTEND: the one day; a DTEND date is exclusive; a weekly all-day event. */
  assert_windows (HEAD "BEGIN:VEVENT\r\n"
                       "UID:a@example.org\r\n"
                       "SUMMARY:Machine day\r\n"
                       "DTSTART;VALUE=DATE:20270301\r\n"
                       "END:VEVENT\r\n"
                       "BEGIN:VEVENT\r\n"
                       "UID:b@example.org\r\n"
                       "SUMMARY:Long shutdown\r\n"
                       "DTSTART;VALUE=DATE:20270310\r\n"
                       "DTEND;VALUE=DATE:20270313\r\n"
                       "END:VEVENT\r\n"
                       "BEGIN:VEVENT\r\n"
                       "UID:c@example.org\r\n"
                       "SUMMARY:Friday\r\n"
                       "DTSTART;VALUE=DATE:20270326\r\n"
                       "RRULE:FREQ=WEEKLY;COUNT=2\r\n"
                       "END:VEVENT\r\n" TAIL,
                  NULL,
                  "2027-03-01T00:00:00Z 2027-03-02T00:00:00Z Machine day\n"
                  "2027-03-10T00:00:00Z 2027-03-13T00:00:00Z Long shutdown\n"
                  "2027-03-26T00:00:00Z 2027-03-27T00:00:00Z Friday\n"
                  "2027-04-02T00:00:00Z 2027-04-03T00:00:00Z Friday\n");

  /* All-day dates are taken as UTC days, even across a clock change. */
  windows = read_ok (HEAD "BEGIN:VEVENT\r\n"
                          "DTSTART;VALUE=DATE:20270328\r\n"
                          "END:VEVENT\r\n" TAIL,
                     NULL);
  g_assert_cmpuint (windows->len, ==, 1);
  assert_offset (g_ptr_array_index (windows, 0), 0, 0);
}

static void
test_duration (void)
{
  assert_windows (HEAD "BEGIN:VEVENT\r\n"
                       "SUMMARY:Short\r\n"
                       "DTSTART:20270105T090000Z\r\n"
                       "DURATION:PT4H30M\r\n"
                       "RRULE:FREQ=DAILY;COUNT=2\r\n"
                       "END:VEVENT\r\n"
                       /* A day is a day on the wall clock: 12:00 GMT to 12:00 BST is 23 hours. */
                       "BEGIN:VEVENT\r\n"
                       "SUMMARY:Over the change\r\n"
                       "DTSTART;TZID=Europe/London:20270327T120000\r\n"
                       "DURATION:P1D\r\n"
                       "END:VEVENT\r\n"
                       "BEGIN:VEVENT\r\n"
                       "SUMMARY:Floating\r\n"
                       "DTSTART:20270401T080000\r\n"
                       "DURATION:P1DT2H\r\n"
                       "END:VEVENT\r\n" TAIL,
                  NULL,
                  "2027-01-05T09:00:00Z 2027-01-05T13:30:00Z Short\n"
                  "2027-01-06T09:00:00Z 2027-01-06T13:30:00Z Short\n"
                  "2027-03-27T12:00:00Z 2027-03-28T11:00:00Z Over the change\n"
                  "2027-04-01T08:00:00Z 2027-04-02T10:00:00Z Floating\n");
}

static void
test_several_events (void)
{
  const char               *names[] = { "LARMOR", "ZOOM", NULL };
  const char                ics[] = HEAD "BEGIN:VEVENT\r\n"
                                         "DTSTART:20270201T080000Z\r\n"
                                         "DTEND:20270201T120000Z\r\n"
                                         "END:VEVENT\r\n"
                                         "BEGIN:VTODO\r\n"
                                         "SUMMARY:Not a window\r\n"
                                         "DTSTART:20270202T080000Z\r\n"
                                         "END:VTODO\r\n"
                                         "BEGIN:VEVENT\r\n"
                                         "SUMMARY:Cancelled\r\n"
                                         "STATUS:CANCELLED\r\n"
                                         "DTSTART:20270203T080000Z\r\n"
                                         "DTEND:20270203T120000Z\r\n"
                                         "END:VEVENT\r\n"
                                         "BEGIN:VEVENT\r\n"
                                         "SUMMARY:Cooling water\r\n"
                                         "DTSTART:20270115T080000Z\r\n"
                                         "DTEND:20270115T100000Z\r\n"
                                         "END:VEVENT\r\n" TAIL
                            /* A second calendar in the same file. */
                            HEAD "BEGIN:VEVENT\r\n"
                          "SUMMARY:Power\r\n"
                          "DTSTART:20270301T080000+0000\r\n"
                          "DTEND:20270301T090000Z\r\n"
                          "END:VEVENT\r\n" TAIL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) windows = NULL;
  g_autofree char *text = NULL;

  windows = ium_ical_read_windows (ics, strlen (ics), names, NULL, &error);
  /* "+0000" is not iCalendar: libical refuses it, and so do we, with the line. */
  g_assert_error (error, IUM_ICAL_ERROR, IUM_ICAL_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "line 29: DTSTART “20270301T080000+0000” is not a valid DATE-TIME");
  g_assert_null (windows);
  g_clear_error (&error);

  {
    g_auto (GStrv) parts = g_strsplit (ics, "20270301T080000+0000", -1);
    g_autofree char *fixed = g_strjoinv ("20270301T080000Z", parts);

    windows = ium_ical_read_windows (fixed, strlen (fixed), names, NULL, &error);
  }
  g_assert_no_error (error);
  text = windows_to_text (windows);
  g_assert_cmpstr (text, ==,
                   "2027-01-15T08:00:00Z 2027-01-15T10:00:00Z Cooling water\n"
                   "2027-02-01T08:00:00Z 2027-02-01T12:00:00Z Downtime\n"
                   "2027-03-01T08:00:00Z 2027-03-01T09:00:00Z Power\n");
  for (guint i = 0; i < windows->len; i++)
    g_assert_true (
      g_strv_equal (ium_window_get_instruments (g_ptr_array_index (windows, i)), names));
}

static const char unbounded[] = HEAD "BEGIN:VEVENT\r\n"
                                     "SUMMARY:Weekly\r\n"
                                     "DTSTART:20270104T080000Z\r\n"
                                     "DTEND:20270104T120000Z\r\n"
                                     "RRULE:FREQ=WEEKLY;BYDAY=MO\r\n"
                                     "END:VEVENT\r\n" TAIL;

static void
test_horizon (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) none = NULL;

  /* The horizon is exclusive: the Monday at 08:00 on 25 January is left out. */
  assert_windows (unbounded, "2027-01-25T08:00:00Z",
                  "2027-01-04T08:00:00Z 2027-01-04T12:00:00Z Weekly\n"
                  "2027-01-11T08:00:00Z 2027-01-11T12:00:00Z Weekly\n"
                  "2027-01-18T08:00:00Z 2027-01-18T12:00:00Z Weekly\n");
  {
    g_autoptr (GPtrArray) year = read_ok (unbounded, "2028-01-01T00:00:00Z");

    g_assert_cmpuint (year->len, ==, 52);
  }

  /* Without a horizon a rule that never ends is refused, naming the line. */
  none = ium_ical_read_windows (unbounded, strlen (unbounded), NULL, NULL, &error);
  g_assert_error (error, IUM_ICAL_ERROR, IUM_ICAL_ERROR_UNBOUNDED);
  g_assert_cmpstr (error->message, ==,
                   "line 8: RRULE “FREQ=WEEKLY;BYDAY=MO” repeats forever; give a horizon "
                   "(--until DATE)");
  g_assert_null (none);
  g_clear_error (&error);

  /* A rule too dense for a schedule stops with an error, not a hang. */
  {
    const char secondly[] = HEAD "BEGIN:VEVENT\r\nDTSTART:20270104T080000Z\r\nDURATION:PT1S\r\n"
                                 "RRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n" TAIL;
    g_autoptr (GDateTime) horizon = at ("2028-01-01T00:00:00Z");

    none = ium_ical_read_windows (secondly, strlen (secondly), NULL, horizon, &error);
    g_assert_error (error, IUM_ICAL_ERROR, IUM_ICAL_ERROR_UNBOUNDED);
    g_assert_true (g_str_has_prefix (error->message, "line 7: "));
    g_assert_null (none);
  }
}

static void
test_count_until (void)
{
  assert_windows (HEAD "BEGIN:VEVENT\r\n"
                       "SUMMARY:Count\r\n"
                       "DTSTART:20270104T080000Z\r\n"
                       "DTEND:20270104T100000Z\r\n"
                       "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=3\r\n"
                       "END:VEVENT\r\n"
                       "BEGIN:VEVENT\r\n"
                       "SUMMARY:Until\r\n"
                       "DTSTART:20270201T080000Z\r\n"
                       "DTEND:20270201T100000Z\r\n"
                       /* UNTIL is inclusive. */
                       "RRULE:FREQ=MONTHLY;UNTIL=20270401T080000Z\r\n"
                       "END:VEVENT\r\n" TAIL,
                  /* A horizon later than the rules' own ends changes nothing. */
                  "2030-01-01T00:00:00Z",
                  "2027-01-04T08:00:00Z 2027-01-04T10:00:00Z Count\n"
                  "2027-01-06T08:00:00Z 2027-01-06T10:00:00Z Count\n"
                  "2027-01-08T08:00:00Z 2027-01-08T10:00:00Z Count\n"
                  "2027-02-01T08:00:00Z 2027-02-01T10:00:00Z Until\n"
                  "2027-03-01T08:00:00Z 2027-03-01T10:00:00Z Until\n"
                  "2027-04-01T08:00:00Z 2027-04-01T10:00:00Z Until\n");
}

static void
test_recurrence_id (void)
{
  /* The second occurrence was moved to the Wednesday; the moved one replaces it. */
  assert_windows (HEAD "BEGIN:VEVENT\r\n"
                       "UID:m@example.org\r\n"
                       "SUMMARY:Maintenance\r\n"
                       "DTSTART:20270105T080000Z\r\n"
                       "DTEND:20270105T120000Z\r\n"
                       "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
                       "END:VEVENT\r\n"
                       "BEGIN:VEVENT\r\n"
                       "UID:m@example.org\r\n"
                       "RECURRENCE-ID:20270112T080000Z\r\n"
                       "SUMMARY:Maintenance (moved)\r\n"
                       "DTSTART:20270113T090000Z\r\n"
                       "DTEND:20270113T130000Z\r\n"
                       "END:VEVENT\r\n" TAIL,
                  NULL,
                  "2027-01-05T08:00:00Z 2027-01-05T12:00:00Z Maintenance\n"
                  "2027-01-13T09:00:00Z 2027-01-13T13:00:00Z Maintenance (moved)\n"
                  "2027-01-19T08:00:00Z 2027-01-19T12:00:00Z Maintenance\n");
}

static IumInventory *
new_inventory (void)
{
  IumInventory *inventory = ium_inventory_new ();
  g_autoptr (GDateTime) s1 = at ("2027-03-02T08:00:00Z");
  g_autoptr (GDateTime) e1 = at ("2027-03-02T18:00:00Z");
  g_autoptr (GDateTime) s2 = at ("2027-07-06T08:00:00+01:00");
  g_autoptr (GDateTime) e2 = at ("2027-07-06T12:00:00+01:00");
  g_autoptr (GDateTime) cs = at ("2027-02-09T08:00:00Z");
  g_autoptr (GDateTime) ce = at ("2027-03-26T08:00:00Z");
  g_autoptr (IumWindow) all = ium_window_new (s1, e1, "Maintenance day");
  g_autoptr (IumWindow) own = ium_window_new (s2, e2, "LARMOR, detector; work");
  g_autoptr (IumCycle) frozen = ium_cycle_new ("2027/1", cs, ce, TRUE);
  g_autoptr (IumCycle) open = ium_cycle_new ("2027/2", s2, e2, FALSE);
  const char *names[] = { "LARMOR", "ZOOM", NULL };

  ium_window_set_instruments (own, names);
  ium_inventory_put_window (inventory, all);
  ium_inventory_put_window (inventory, own);
  ium_inventory_put_cycle (inventory, frozen);
  ium_inventory_put_cycle (inventory, open);
  return inventory;
}

static GPtrArray *
uids_of (const char *data)
{
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "UID:"))
      g_ptr_array_add (uids, g_strdup (lines[i]));
  return uids;
}

static void
assert_same_instruments (const char *const *a, const char *const *b)
{
  if (a == NULL || b == NULL)
    g_assert_true (a == b);
  else
    g_assert_true (g_strv_equal (a, b));
}

static void
test_export_read_back (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) windows = NULL;
  g_autoptr (GPtrArray) uids = NULL;
  g_autoptr (GPtrArray) uids_again = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  GListModel      *stored = ium_inventory_get_windows (inventory);
  icalcomponent   *calendar;
  gsize            length = 0;

  data = ium_ical_windows_to_data (inventory, &length);
  g_assert_cmpuint (length, ==, strlen (data));
  g_assert_nonnull (strstr (data, "PRODID:-//Instrument Update Manager//EN"));
  g_assert_nonnull (strstr (data, "VERSION:2.0"));
  g_assert_nonnull (strstr (data, "DTSTART:20270706T070000Z"));
  g_assert_nonnull (strstr (data, "SUMMARY:Cycle 2027/1 (frozen)"));
  g_assert_nonnull (strstr (data, "SUMMARY:Cycle 2027/2\r\n"));
  g_assert_nonnull (strstr (data, "DESCRIPTION:All instruments"));
  g_assert_nonnull (strstr (data, "DESCRIPTION:Instruments: LARMOR\\, ZOOM"));

  /* libical itself reads it back cleanly: four events, no errors. */
  calendar = icalparser_parse_string (data);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 4);
  icalcomponent_free (calendar);

  /* Read back, it gives the same windows (the cycles are not downtime). */
  windows = ium_ical_read_windows (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (windows->len, ==, g_list_model_get_n_items (stored));
  for (guint i = 0; i < windows->len; i++)
    {
      g_autoptr (IumWindow) expected = g_list_model_get_item (stored, i);
      g_autofree char *expected_key = ium_window_dup_key (expected);
      g_autofree char *key = ium_window_dup_key (g_ptr_array_index (windows, i));

      g_assert_cmpstr (key, ==, expected_key);
      assert_same_instruments (ium_window_get_instruments (g_ptr_array_index (windows, i)),
                               ium_window_get_instruments (expected));
    }

  /* Names given by the caller win over the ones the file lists. */
  {
    const char *only[] = { "WISH", NULL };
    g_autoptr (GPtrArray) wish = ium_ical_read_windows (data, length, only, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (wish->len, ==, 2);
    for (guint i = 0; i < wish->len; i++)
      assert_same_instruments (ium_window_get_instruments (g_ptr_array_index (wish, i)), only);
  }

  /* Exporting again gives the same UIDs, so calendars update instead of duplicating. */
  again = ium_ical_windows_to_data (inventory, NULL);
  uids = uids_of (data);
  uids_again = uids_of (again);
  g_assert_cmpuint (uids->len, ==, 4);
  g_assert_cmpuint (uids_again->len, ==, 4);
  for (guint i = 0; i < uids->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (uids, i), ==, g_ptr_array_index (uids_again, i));
      for (guint j = i + 1; j < uids->len; j++)
        g_assert_cmpstr (g_ptr_array_index (uids, i), !=, g_ptr_array_index (uids, j));
    }

  /* An empty inventory is a valid, empty calendar. */
  {
    g_autoptr (IumInventory) empty = ium_inventory_new ();
    g_autofree char *nothing = ium_ical_windows_to_data (empty, NULL);
    g_autoptr (GPtrArray) none =
      ium_ical_read_windows (nothing, strlen (nothing), NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_plan_export (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  g_autoptr (IumComponent) server =
    ium_component_new ("ibex-server", "IBEX server", IUM_ROLE_SERVER, IUM_SCHEME_QUAD);
  g_autoptr (GDateTime) s = at ("2027-03-02T08:00:00Z");
  g_autoptr (GDateTime) e = at ("2027-03-02T18:00:00Z");
  g_autoptr (IumWindow) window = ium_window_new (s, e, "Maintenance day");
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  const char      *versions[] = { "12.0.0.100", "12.1.0.200" };
  const char      *names[] = { "LARMOR", "ZOOM", "WISH" };
  icalcomponent   *calendar;
  guint            n_events = 0;

  ium_inventory_put_component (inventory, server);
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr (IumVersion) version = ium_version_parse (IUM_SCHEME_QUAD, versions[i], NULL);
      g_autoptr (IumRelease) release = ium_release_new (version, IUM_TIER_OFFICIAL);

      ium_inventory_put_release (inventory, release);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (IumInstrument) instrument = ium_instrument_new (names[i]);
      g_autofree char *host_name = g_strconcat ("NDX", names[i], NULL);
      g_autoptr (IumHost) host = ium_host_new (host_name, "control");

      /* WISH is already there, so it is skipped and has no event. */
      ium_host_set_installed (host, "ibex-server", i == 2 ? "12.1.0.200" : "12.0.0.100");
      ium_instrument_add_host (instrument, host);
      ium_inventory_put_instrument (inventory, instrument);
    }
  ium_inventory_put_window (inventory, window);

  request = ium_plan_request_new (inventory, "12.1.0.200");
  g_date_time_unref (request->from);
  request->from = at ("2027-03-01T00:00:00Z");
  fleet = ium_fleet_new (inventory);
  plan = ium_plan_new (fleet, request, NULL, &error);
  if (plan == NULL)
    {
      /* The planner is written alongside; without it there is nothing to export. */
      g_test_skip (error != NULL ? error->message : "no planner");
      return;
    }
  g_assert_cmpuint (ium_plan_get_upgrades (plan)->len, ==, 2);

  data = ium_ical_plan_to_data (plan, NULL);
  g_assert_nonnull (strstr (data, "SUMMARY:Upgrade LARMOR to 12.1.0.200 (wave 1)"));
  g_assert_nonnull (strstr (data, "SUMMARY:Upgrade ZOOM to 12.1.0.200 (wave 1)"));
  g_assert_null (strstr (data, "WISH"));
  g_assert_nonnull (strstr (data, "LOCATION:Maintenance day"));
  g_assert_nonnull (strstr (data, "DTSTART:20270302T080000Z"));
  g_assert_nonnull (strstr (data, "DTEND:20270302T120000Z"));

  calendar = icalparser_parse_string (data);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    n_events++;
  icalcomponent_free (calendar);
  g_assert_cmpuint (n_events, ==, 2);

  /* Stable UIDs for the same release and instrument. */
  again = ium_ical_plan_to_data (plan, NULL);
  {
    g_autoptr (GPtrArray) a = uids_of (data);
    g_autoptr (GPtrArray) b = uids_of (again);

    g_assert_cmpuint (a->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (a, 0), ==, g_ptr_array_index (b, 0));
    g_assert_cmpstr (g_ptr_array_index (a, 1), ==, g_ptr_array_index (b, 1));
    g_assert_cmpstr (g_ptr_array_index (a, 0), !=, g_ptr_array_index (a, 1));
  }

  /* A plan calendar imported as downtime by mistake gives no windows. */
  {
    g_autoptr (GPtrArray) none = ium_ical_read_windows (data, strlen (data), NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

typedef struct
{
  const char  *ics;
  IumIcalError code;
  const char  *message;
} Broken;

#define EVENT_START HEAD "BEGIN:VEVENT\r\nSUMMARY:Work\r\n"
#define EVENT_END   "END:VEVENT\r\n" TAIL

static const Broken broken[] = {
  { "", IUM_ICAL_ERROR_NOT_ICALENDAR, "line 1: no BEGIN:VCALENDAR; this is not an iCalendar file" },
  { "{\"format\": \"ium-inventory\"}\n", IUM_ICAL_ERROR_NOT_ICALENDAR,
    "line 1: “{\"format\": \"ium-inventory\"}” is outside BEGIN:VCALENDAR … END:VCALENDAR; "
    "this is not an iCalendar file" },
  { "BEGIN:VEVENT\r\nDTSTART:20270101T080000Z\r\nEND:VEVENT\r\n", IUM_ICAL_ERROR_NOT_ICALENDAR,
    "line 1: BEGIN:VEVENT outside a VCALENDAR; this is not an iCalendar file" },
  { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", IUM_ICAL_ERROR_SYNTAX,
    "line 3: END:VEVENT without BEGIN" },
  { EVENT_START "DTSTART:20270101T080000Z\r\nDTEND:20270101T120000Z\r\nEND:VCALENDAR\r\n",
    IUM_ICAL_ERROR_SYNTAX, "line 8: END:VCALENDAR while BEGIN:VEVENT of line 4 is still open" },
  { EVENT_START "DTSTART:20270101T080000Z\r\nDTEND:20270101T120000Z\r\n", IUM_ICAL_ERROR_SYNTAX,
    "line 4: BEGIN:VEVENT is never closed (no END:VEVENT)" },
  { "BEGIN:VCALENDAR\r\nSUMMARY:\xff\xfe\r\nEND:VCALENDAR\r\n", IUM_ICAL_ERROR_NOT_ICALENDAR,
    "line 2: not UTF-8 text; iCalendar files are UTF-8" },
  { EVENT_START "DTSTART:20270101T080000Z\r\nDTEND:20270101T120000Z\r\n"
                "END:VEVENT\r\nEND:VCALENDAR\r\nstray text\r\n",
    IUM_ICAL_ERROR_NOT_ICALENDAR,
    "line 10: “stray text” is outside BEGIN:VCALENDAR … END:VCALENDAR; "
    "this is not an iCalendar file" },
  /* Line 12: DTSTART with a month 13 (libical takes it for a date and stays silent). */
  { HEAD "BEGIN:VEVENT\r\nSUMMARY:Fine\r\nDTSTART:20270101T080000Z\r\nDTEND:20270101T120000Z\r\n"
         "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Work\r\n"
         "DTSTART:2027-13-01\r\nEND:VEVENT\r\n" TAIL,
    IUM_ICAL_ERROR_INVALID, "line 12: DTSTART “2027-13-01” is not a date-time" },
  { EVENT_START "DTSTART:20270230T080000Z\r\nDTEND:20270301T080000Z\r\n" EVENT_END,
    IUM_ICAL_ERROR_INVALID, "line 6: DTSTART “20270230T080000Z” is not a date-time" },
  { EVENT_START "DTSTART:20270101T250000Z\r\nDTEND:20270102T080000Z\r\n" EVENT_END,
    IUM_ICAL_ERROR_INVALID, "line 6: DTSTART “20270101T250000Z” is not a date-time" },
  { EVENT_START "DTSTART:next tuesday\r\nDTEND:20270102T080000Z\r\n" EVENT_END,
    IUM_ICAL_ERROR_SYNTAX, "line 6: DTSTART “next tuesday” is not a valid DATE-TIME" },
  { EVENT_START "DTEND:20270102T080000Z\r\n" EVENT_END, IUM_ICAL_ERROR_INVALID,
    "line 4: event “Work” has no DTSTART" },
  { EVENT_START "DTSTART:20270102T080000Z\r\nDTEND:20270102T070000Z\r\n" EVENT_END,
    IUM_ICAL_ERROR_INVALID,
    "line 7: DTEND “20270102T070000Z” is before DTSTART “20270102T080000Z”" },
  { EVENT_START "DTSTART:20270102T080000Z\r\nDTEND:20270102T080000Z\r\n" EVENT_END,
    IUM_ICAL_ERROR_INVALID,
    "line 7: DTEND “20270102T080000Z” is the same instant as DTSTART “20270102T080000Z”" },
  { EVENT_START "DTSTART:20270102T080000Z\r\n" EVENT_END, IUM_ICAL_ERROR_INVALID,
    "line 6: event “Work” has neither DTEND nor DURATION, so its window would be empty" },
  { EVENT_START "DTSTART:20270102T080000Z\r\nDTEND:20270102T090000Z\r\nDURATION:PT1H\r\n" EVENT_END,
    IUM_ICAL_ERROR_INVALID, "line 8: event “Work” has both DTEND and DURATION; give one of them" },
  { EVENT_START "DTSTART:20270102T080000Z\r\nDURATION:-PT1H\r\n" EVENT_END, IUM_ICAL_ERROR_INVALID,
    "line 7: DURATION “-PT1H” is not a positive length of time" },
  { EVENT_START "DTSTART;TZID=Mars/Olympus_Mons:20270102T080000\r\nDURATION:PT1H\r\n" EVENT_END,
    IUM_ICAL_ERROR_TIMEZONE,
    "line 6: unknown time zone “Mars/Olympus_Mons” in DTSTART; add its VTIMEZONE to the file "
    "or use a zone name such as Europe/London" },
  { EVENT_START "DTSTART:20270102T080000Z\r\nDURATION:PT1H\r\n"
                "EXDATE;TZID=Nowhere:20270109T080000\r\n" EVENT_END,
    IUM_ICAL_ERROR_TIMEZONE,
    "line 8: unknown time zone “Nowhere” in EXDATE; add its VTIMEZONE to the file "
    "or use a zone name such as Europe/London" },
  { EVENT_START "DTSTART:20270102T080000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=SOMETIMES\r\n" EVENT_END,
    IUM_ICAL_ERROR_SYNTAX, "line 8: RRULE “FREQ=SOMETIMES” is not a valid RECUR" },
  { EVENT_START "DTSTART:20270102T080000Z\r\nDURATION:PT1H\r\nthis is not a property\r\n" EVENT_END,
    IUM_ICAL_ERROR_SYNTAX, "line 8: “this is not a property” is not an iCalendar property line" },
  { EVENT_START "DTSTART:20270102T080000Z\r\nDURATION:PT1H\r\n"
                "RDATE:20270109T080000Z,20271309T080000Z\r\n" EVENT_END,
    IUM_ICAL_ERROR_INVALID,
    "line 8: RDATE “20270109T080000Z,20271309T080000Z” is not a date-time" },
  /* A label holds no control character; a line break written as \n is one too. */
  { HEAD "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Bad\x1flabel\r\nDTSTART:20270102T080000Z\r\n"
         "DURATION:PT1H\r\nEND:VEVENT\r\n" TAIL,
    IUM_ICAL_ERROR_INVALID,
    "line 4: the SUMMARY of an event contains the control character U+001F" },
  { HEAD "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Two\\nlines\r\nDTSTART:20270102T080000Z\r\n"
         "DURATION:PT1H\r\nEND:VEVENT\r\n" TAIL,
    IUM_ICAL_ERROR_INVALID,
    "line 4: the SUMMARY of an event contains the control character U+000A" },
};

static void
test_broken (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GDateTime) horizon = at ("2030-01-01T00:00:00Z");
      g_autoptr (GPtrArray) windows = NULL;

      g_test_message ("case %u: %s", i, broken[i].message);
      windows =
        ium_ical_read_windows (broken[i].ics, strlen (broken[i].ics), NULL, horizon, &error);
      g_assert_null (windows);
      g_assert_error (error, IUM_ICAL_ERROR, (int) broken[i].code);
      g_assert_cmpstr (error->message, ==, broken[i].message);
    }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/ical/rrule-exdate-vtimezone", test_rrule_exdate_vtimezone);
  g_test_add_func ("/ium/ical/builtin-zone", test_builtin_zone);
  g_test_add_func ("/ium/ical/rdate", test_rdate);
  g_test_add_func ("/ium/ical/all-day", test_all_day);
  g_test_add_func ("/ium/ical/duration", test_duration);
  g_test_add_func ("/ium/ical/several-events", test_several_events);
  g_test_add_func ("/ium/ical/horizon", test_horizon);
  g_test_add_func ("/ium/ical/count-until", test_count_until);
  g_test_add_func ("/ium/ical/recurrence-id", test_recurrence_id);
  g_test_add_func ("/ium/ical/export-read-back", test_export_read_back);
  g_test_add_func ("/ium/ical/plan-export", test_plan_export);
  g_test_add_func ("/ium/ical/broken", test_broken);

  status = g_test_run ();

  /* libical keeps the built-in zones it loaded, and a ring of temporary buffers, for the
   * life of the process; free them so the leak check sees only our own allocations. */
  icaltimezone_free_builtin_timezones ();
  icalmemory_free_ring ();
  return status;
}
