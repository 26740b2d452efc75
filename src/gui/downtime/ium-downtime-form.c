/* ium-downtime-form.c: the downtime view's editor as a view-model.
 *
 * The editor shows times in UTC, "2027-01-05 08:00", as the planner counts its days in UTC;
 * an RFC 3339 time with an offset is accepted too and kept as written. Core checks the
 * object again when it stores it, with the rules an import follows; its message names the
 * key at fault, and ium_downtime_form_check_add_error() puts it under that field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ium-downtime-form.h"

#include "ium-error-text.h"
#include "ium-time.h"

char *
ium_downtime_format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M");
}

GDateTime *
ium_downtime_parse_time (const char *text, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  int              year, month, day, hour = 0, minute = 0, used = 0;

  if (strchr (stripped, 'T') != NULL)
    {
      GDateTime *time = ium_timestamp_parse (stripped, NULL);

      if (time != NULL)
        return time;
    }
  else if ((sscanf (stripped, "%4d-%2d-%2d %2d:%2d%n", &year, &month, &day, &hour, &minute, &used)
              == 5
            || sscanf (stripped, "%4d-%2d-%2d%n", &year, &month, &day, &used) == 3)
           && stripped[used] == '\0' && hour < 24 && minute < 60)
    {
      GDateTime *time = g_date_time_new_utc (year, month, day, hour, minute, 0);

      if (time != NULL)
        return time;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _ ("“%s” is not a time: write it as YYYY-MM-DD HH:MM (UTC), for example "
                  "2027-01-05 08:00."),
               stripped);
  return NULL;
}

static IumDowntimeForm *
form_new (IumDowntimeFormKind kind)
{
  IumDowntimeForm *form = g_new0 (IumDowntimeForm, 1);

  form->kind = kind;
  form->label = g_strdup ("");
  form->instruments = g_strdup ("");
  return form;
}

IumDowntimeForm *
ium_downtime_form_new (IumDowntimeFormKind kind, GDateTime *now)
{
  IumDowntimeForm *form = form_new (kind);
  g_autoptr (GDateTime) utc = g_date_time_to_utc (now);
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (utc, 1);
  g_autoptr (GDateTime) start =
    g_date_time_new_utc (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                         g_date_time_get_day_of_month (tomorrow), 8, 0, 0);
  g_autoptr (GDateTime) end = kind == IUM_DOWNTIME_FORM_WINDOW ? g_date_time_add_hours (start, 10)
                                                               : g_date_time_add_weeks (start, 6);

  form->start = ium_downtime_format_time (start);
  form->end = ium_downtime_format_time (end);
  form->freeze = TRUE;
  return form;
}

IumDowntimeForm *
ium_downtime_form_new_from_window (IumWindow *window)
{
  IumDowntimeForm   *form = form_new (IUM_DOWNTIME_FORM_WINDOW);
  const char *const *names = ium_window_get_instruments (window);

  form->original = ium_window_dup_key (window);
  form->start = ium_downtime_format_time (ium_window_get_start (window));
  form->end = ium_downtime_format_time (ium_window_get_end (window));
  g_free (form->label);
  form->label = g_strdup (ium_window_get_label (window));
  if (names != NULL)
    {
      g_free (form->instruments);
      form->instruments = g_strjoinv (", ", (char **) names);
    }
  return form;
}

IumDowntimeForm *
ium_downtime_form_new_from_cycle (IumCycle *cycle)
{
  IumDowntimeForm *form = form_new (IUM_DOWNTIME_FORM_CYCLE);

  form->original = g_strdup (ium_cycle_get_name (cycle));
  form->start = ium_downtime_format_time (ium_cycle_get_start (cycle));
  form->end = ium_downtime_format_time (ium_cycle_get_end (cycle));
  g_free (form->label);
  form->label = g_strdup (ium_cycle_get_name (cycle));
  form->freeze = ium_cycle_get_freeze (cycle);
  return form;
}

void
ium_downtime_form_free (IumDowntimeForm *form)
{
  if (form == NULL)
    return;
  g_free (form->original);
  g_free (form->start);
  g_free (form->end);
  g_free (form->label);
  g_free (form->instruments);
  g_free (form);
}

static GDateTime *
parse_field (const char *text, char **message)
{
  g_autoptr (GError) error = NULL;
  GDateTime *time = ium_downtime_parse_time (text, &error);

  if (time == NULL)
    *message = g_strdup (error->message);
  return time;
}

/* The names typed, without blanks or repeats; an unknown one is an error. */
static JsonArray *
read_instruments (const char *text, IumInventory *inventory, char **message)
{
  g_auto (GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr (JsonArray) names = json_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name == '\0' || g_hash_table_contains (seen, name))
        continue;
      if (inventory != NULL && ium_inventory_lookup_instrument (inventory, name) == NULL)
        {
          *message = g_strdup_printf (_ ("There is no instrument “%s”. Names are written as the "
                                         "fleet lists them, LARMOR for example."),
                                      name);
          return NULL;
        }
      g_hash_table_add (seen, name);
      json_array_add_string_element (names, name);
    }
  return g_steal_pointer (&names);
}

IumDowntimeFormCheck *
ium_downtime_form_check (const IumDowntimeForm *form, IumInventory *inventory)
{
  IumDowntimeFormCheck *check = g_new0 (IumDowntimeFormCheck, 1);
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (JsonArray) names = NULL;
  g_autofree char *label = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  JsonObject      *object;

  g_return_val_if_fail (form != NULL, check);

  start = parse_field (form->start, &check->start_error);
  end = parse_field (form->end, &check->end_error);
  if (start != NULL && end != NULL && g_date_time_compare (end, start) <= 0)
    check->end_error = g_strdup (_ ("The end must come after the start."));

  label = g_strstrip (g_strdup (form->label ? form->label : ""));
  if (*label == '\0')
    check->label_error = g_strdup (form->kind == IUM_DOWNTIME_FORM_WINDOW
                                     ? _ ("Give the window a label, such as “Maintenance day”.")
                                     : _ ("Give the cycle a name, such as “2027/1”."));
  else if (form->kind == IUM_DOWNTIME_FORM_CYCLE && g_strcmp0 (label, form->original) != 0
           && inventory != NULL && ium_inventory_lookup_cycle (inventory, label) != NULL)
    check->label_error = g_strdup_printf (_ ("There is already a cycle “%s”."), label);

  if (form->kind == IUM_DOWNTIME_FORM_WINDOW)
    names = read_instruments (form->instruments, inventory, &check->instruments_error);

  if (check->start_error || check->end_error || check->label_error || check->instruments_error)
    return check;

  start_text = ium_timestamp_format (start);
  end_text = ium_timestamp_format (end);
  object = json_object_new ();
  if (form->kind == IUM_DOWNTIME_FORM_WINDOW)
    {
      json_object_set_string_member (object, "start", start_text);
      json_object_set_string_member (object, "end", end_text);
      json_object_set_string_member (object, "label", label);
      if (json_array_get_length (names) == 0)
        json_object_set_string_member (object, "instruments", "all");
      else
        json_object_set_array_member (object, "instruments", g_steal_pointer (&names));
    }
  else
    {
      json_object_set_string_member (object, "name", label);
      json_object_set_string_member (object, "start", start_text);
      json_object_set_string_member (object, "end", end_text);
      json_object_set_boolean_member (object, "freeze", form->freeze);
    }
  check->object = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return check;
}

void
ium_downtime_form_check_add_error (IumDowntimeFormCheck *check, const GError *error)
{
  const struct
  {
    const char *prefix;
    gsize       offset;
  } fields[] = {
    { "start: ", G_STRUCT_OFFSET (IumDowntimeFormCheck, start_error) },
    { "end: ", G_STRUCT_OFFSET (IumDowntimeFormCheck, end_error) },
    { "label: ", G_STRUCT_OFFSET (IumDowntimeFormCheck, label_error) },
    { "name: ", G_STRUCT_OFFSET (IumDowntimeFormCheck, label_error) },
    { "instruments", G_STRUCT_OFFSET (IumDowntimeFormCheck, instruments_error) },
  };
  g_autoptr (GError) rest = NULL;

  g_return_if_fail (check != NULL && error != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_has_prefix (error->message, fields[i].prefix))
      {
        char      **slot = G_STRUCT_MEMBER_P (check, fields[i].offset);
        const char *message = error->message + strlen (fields[i].prefix);

        while (*message == ':' || *message == ' ' || *message == '[' || g_ascii_isdigit (*message)
               || *message == ']')
          message++;
        rest = g_error_new_literal (error->domain, error->code, message);
        g_free (*slot);
        *slot = ium_error_sentence (rest);
        return;
      }
  g_free (check->other_error);
  check->other_error = ium_error_sentence (error);
}

void
ium_downtime_form_check_free (IumDowntimeFormCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->object, json_node_unref);
  g_free (check->start_error);
  g_free (check->end_error);
  g_free (check->label_error);
  g_free (check->instruments_error);
  g_free (check->other_error);
  g_free (check);
}
