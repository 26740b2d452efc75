/* ium-ical.h: downtime windows from and to iCalendar (RFC 5545), through libical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-inventory.h"
#include "ium-planner.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_ICAL_ERROR (ium_ical_error_quark ())

/* Every error message starts with "line N: " (N from 1), so a caller can prefix the file
 * name and show it as it is. */
typedef enum {
  IUM_ICAL_ERROR_NOT_ICALENDAR, /* no VCALENDAR at all, or text outside it, or not UTF-8 */
  IUM_ICAL_ERROR_SYNTAX,        /* a line that libical or the BEGIN/END structure refuses */
  IUM_ICAL_ERROR_INVALID,       /* an event that cannot be a window: no DTSTART, a date that
                                 * does not exist, an end not after its start */
  IUM_ICAL_ERROR_TIMEZONE,      /* a TZID that is neither in the file nor a known zone */
  IUM_ICAL_ERROR_UNBOUNDED,     /* a rule that repeats forever with no horizon, or one that
                                 * gives more occurrences than a schedule can sensibly hold */
} IumIcalError;

GQuark ium_ical_error_quark (void);

/* The most occurrences one event may give before the horizon. */
#define IUM_ICAL_MAX_OCCURRENCES 10000

/**
 * ium_ical_read_windows:
 * @data: the iCalendar text (need not be NUL-terminated)
 * @length: the length of @data in bytes
 * @instruments: (nullable): the instrument names every window applies to, or %NULL for
 *   every instrument (or, for an event this program exported, the instruments its
 *   X-IUM-INSTRUMENTS property lists)
 * @horizon: (nullable): windows that start at or after this instant are left out; needed
 *   when a rule repeats forever (no COUNT or UNTIL), else such a rule is an
 *   %IUM_ICAL_ERROR_UNBOUNDED error
 * @error: an %IUM_ICAL_ERROR whose message starts with "line N: "
 *
 * Turns every VEVENT of every VCALENDAR in @data into downtime windows: the event itself,
 * each occurrence of its RRULEs and each RDATE, less its EXDATEs and less the occurrences
 * that another VEVENT with the same UID and a RECURRENCE-ID replaces. The label is the
 * SUMMARY, else "Downtime". The end is DTEND, DTEND's distance from DTSTART for later
 * occurrences, or DURATION (days and weeks on the wall clock, hours exactly); an all-day
 * event without either lasts one day.
 *
 * Times with a TZID are resolved through the file's VTIMEZONE components, else libical's
 * built-in zones (the Olson names, "Europe/London"), so a weekly 08:00 Europe/London event is
 * at 08:00Z in winter and 07:00Z in summer; each window keeps the UTC offset in effect at
 * its instants. Times with "Z" are UTC. Floating times (neither) and all-day dates
 * (VALUE=DATE, which cannot carry a zone) are taken as UTC: an all-day event spans
 * 00:00–24:00 UTC. Facilities whose local day matters should write their times with a TZID.
 *
 * Events with STATUS:CANCELLED and events this program exported as something other than
 * downtime (X-IUM-KIND:cycle or X-IUM-KIND:upgrade) are skipped. Other components (VTODO,
 * VJOURNAL, ...) are ignored.
 *
 * Returns: (transfer full) (element-type IumWindow): the windows sorted by start, then end,
 *   then label, without duplicates; %NULL on error, when nothing is returned at all
 */
GPtrArray *ium_ical_read_windows     (const char          *data,
                                      gsize                length,
                                      const char * const  *instruments,
                                      GDateTime           *horizon,
                                      GError             **error);

/**
 * ium_ical_windows_to_data:
 * @inventory: the inventory whose windows and cycles to write
 * @length: (out) (optional): the length of the result in bytes
 *
 * A VCALENDAR with one VEVENT per downtime window (DTSTART and DTEND in UTC, SUMMARY the
 * label, DESCRIPTION the instruments or "All instruments", and X-IUM-INSTRUMENTS listing
 * them for ium_ical_read_windows()) and one per operating cycle
 * (SUMMARY "Cycle NAME", with " (frozen)" for a frozen one). UIDs are derived from the
 * window's key and the cycle's name, so exporting again gives the same UIDs and calendar
 * applications update events instead of duplicating them. Cycle events carry
 * X-IUM-KIND:cycle, so importing the file again brings back the windows only.
 *
 * Returns: (transfer full): the iCalendar text, NUL-terminated
 */
char      *ium_ical_windows_to_data  (IumInventory        *inventory,
                                      gsize               *length);

/**
 * ium_ical_plan_to_data:
 * @plan: a rollout plan
 * @length: (out) (optional): the length of the result in bytes
 *
 * A VCALENDAR with one VEVENT per scheduled upgrade: SUMMARY "Upgrade LARMOR to 12.1.0.200
 * (wave 1)", DTSTART and DTEND in UTC, LOCATION the window's label, and a UID derived from
 * the release and the instrument, so a re-planned rollout moves the events it already put in
 * someone's calendar. Unscheduled and skipped instruments have no event.
 *
 * Returns: (transfer full): the iCalendar text, NUL-terminated
 */
char      *ium_ical_plan_to_data     (IumPlan             *plan,
                                      gsize               *length);

/* clang-format on */

G_END_DECLS
