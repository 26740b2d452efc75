/* ium-ical-write.c: the inventory's downtime windows and cycles, and a rollout plan, as
 * iCalendar, through libical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-ical"

#include "config.h"

#include "ium-ical.h"

#include "ium-ical-private.h"

#include <libical/ical.h>
#include <string.h>

#define PRODID     "-//Instrument Update Manager//EN"
#define UID_DOMAIN "instrument-update-manager"

static struct icaltimetype
utc_time (GDateTime *date_time)
{
  return icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (date_time), 0,
                                        icaltimezone_get_utc_timezone ());
}

static icalcomponent *
new_calendar (void)
{
  icalcomponent *calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);

  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  return calendar;
}

static icalcomponent *
new_event (const char *uid_kind,
           const char *uid_source,
           const char *kind,
           GDateTime  *start,
           GDateTime  *end,
           const char *summary,
           gint64      now)
{
  icalcomponent   *event = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uid_source, -1);
  g_autofree char *uid = g_strdup_printf ("%s-%.32s@" UID_DOMAIN, uid_kind, hash);
  icalproperty    *kind_property = icalproperty_new_x (kind);

  icalproperty_set_x_name (kind_property, IUM_ICAL_KIND_PROPERTY);
  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (icaltime_from_timet_with_zone (
                                       (time_t) now, 0, icaltimezone_get_utc_timezone ())));
  icalcomponent_add_property (event, icalproperty_new_dtstart (utc_time (start)));
  icalcomponent_add_property (event, icalproperty_new_dtend (utc_time (end)));
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  icalcomponent_add_property (event, kind_property);
  return event;
}

static char *
calendar_to_data (icalcomponent *calendar, gsize *length)
{
  char *ical = icalcomponent_as_ical_string_r (calendar);
  char *data = g_strdup (ical);

  icalmemory_free_buffer (ical);
  icalcomponent_free (calendar);
  if (length != NULL)
    *length = strlen (data);
  return data;
}

char *
ium_ical_windows_to_data (IumInventory *inventory, gsize *length)
{
  GListModel    *windows;
  GListModel    *cycles;
  icalcomponent *calendar;
  gint64         now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), NULL);

  windows = ium_inventory_get_windows (inventory);
  cycles = ium_inventory_get_cycles (inventory);
  calendar = new_calendar ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (IumWindow) window = g_list_model_get_item (windows, i);
      g_autofree char   *key = ium_window_dup_key (window);
      const char *const *names = ium_window_get_instruments (window);
      const char        *label = ium_window_get_label (window);
      g_autofree char   *description = NULL;
      icalcomponent     *event;

      if (names == NULL)
        description = g_strdup ("All instruments");
      else
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) names);

          description = g_strdup_printf ("Instruments: %s", joined);
        }

      event = new_event ("window", key, "downtime", ium_window_get_start (window),
                         ium_window_get_end (window), label != NULL ? label : "Downtime", now);
      icalcomponent_add_property (event, icalproperty_new_description (description));
      icalcomponent_add_property (event, icalproperty_new_categories ("Downtime"));
      if (names != NULL)
        {
          g_autofree char *list = g_strjoinv (",", (char **) names);
          icalproperty    *property = icalproperty_new_x (list);

          /* Read back by ium_ical_read_windows(), so an exported schedule imports as it was. */
          icalproperty_set_x_name (property, IUM_ICAL_INSTRUMENTS_PROPERTY);
          icalcomponent_add_property (event, property);
        }
      icalcomponent_add_component (calendar, event);
    }

  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr (IumCycle) cycle = g_list_model_get_item (cycles, i);
      gboolean         freeze = ium_cycle_get_freeze (cycle);
      g_autofree char *summary =
        g_strdup_printf ("Cycle %s%s", ium_cycle_get_name (cycle), freeze ? " (frozen)" : "");
      icalcomponent *event =
        new_event ("cycle", ium_cycle_get_name (cycle), "cycle", ium_cycle_get_start (cycle),
                   ium_cycle_get_end (cycle), summary, now);

      icalcomponent_add_property (
        event, icalproperty_new_description (
                 freeze ? "Operating cycle, frozen: only patch releases may be deployed."
                        : "Operating cycle."));
      icalcomponent_add_property (event, icalproperty_new_categories ("Operating cycle"));
      icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
      icalcomponent_add_component (calendar, event);
    }

  return calendar_to_data (calendar, length);
}

char *
ium_ical_plan_to_data (IumPlan *plan, gsize *length)
{
  GPtrArray     *upgrades;
  icalcomponent *calendar;
  const char    *release;
  gint64         now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (IUM_IS_PLAN (plan), NULL);

  release = ium_plan_get_release (plan);
  upgrades = ium_plan_get_upgrades (plan);
  calendar = new_calendar ();

  for (guint i = 0; i < upgrades->len; i++)
    {
      const IumPlannedUpgrade *upgrade = g_ptr_array_index (upgrades, i);
      g_autofree char         *summary = NULL;
      g_autofree char         *uid_source = NULL;
      g_autofree char         *description = NULL;
      icalcomponent           *event;

      if (upgrade->start == NULL || upgrade->end == NULL)
        continue;
      summary =
        g_strdup_printf ("Upgrade %s to %s (wave %u)", upgrade->instrument, release, upgrade->wave);
      uid_source = g_strdup_printf ("%s|%s", release, upgrade->instrument);
      description = g_strdup_printf ("Upgrade every host of %s to release %s, in wave %u of "
                                     "the rollout.",
                                     upgrade->instrument, release, upgrade->wave);
      event =
        new_event ("upgrade", uid_source, "upgrade", upgrade->start, upgrade->end, summary, now);
      if (upgrade->window != NULL)
        icalcomponent_add_property (event, icalproperty_new_location (upgrade->window));
      icalcomponent_add_property (event, icalproperty_new_description (description));
      icalcomponent_add_property (event, icalproperty_new_categories ("Upgrade"));
      icalcomponent_add_component (calendar, event);
    }

  return calendar_to_data (calendar, length);
}
