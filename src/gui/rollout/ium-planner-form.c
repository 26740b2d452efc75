/* ium-planner-form.c: the rollout planner's form as a view-model.
 *
 * The widgets write what the person types into an IumPlannerForm and show what
 * ium_planner_form_check() says: a request the planner can run, or a sentence under each
 * field that is wrong. Dates go through core's ium_plan_parse_time(), as `ium plan --from`
 * and `--until` do, so the window accepts exactly what the command line accepts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-planner-form.h"

static IumRelease *
default_release (IumInventory *inventory)
{
  IumRelease *release = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);

  return release ? release : ium_inventory_get_newest_release (inventory, TRUE, IUM_TIER_OFFICIAL);
}

static IumPlannerForm *
form_new_empty (void)
{
  IumPlannerForm *form = g_new0 (IumPlannerForm, 1);

  form->waves = g_ptr_array_new_with_free_func (g_free);
  form->until = g_strdup ("");
  form->max_failures = 1;
  return form;
}

IumPlannerForm *
ium_planner_form_new (IumInventory *inventory, GDateTime *today)
{
  IumPlannerForm  *form = form_new_empty ();
  const IumPolicy *policy = ium_inventory_get_policy (inventory);
  IumRelease      *release = default_release (inventory);

  form->release = release ? g_strdup (ium_release_get_version_text (release)) : NULL;
  form->from = g_date_time_format (today, "%Y-%m-%d");
  form->per_day = policy->max_upgrades_per_day;
  form->hours = policy->upgrade_hours;
  form->soak_days = policy->soak_days;
  return form;
}

char *
ium_planner_form_format_time (GDateTime *time, gboolean end_of_day)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  if (g_date_time_get_hour (utc) == 0 && g_date_time_get_minute (utc) == 0
      && g_date_time_get_seconds (utc) == 0)
    {
      g_autoptr (GDateTime) day =
        end_of_day ? g_date_time_add_days (utc, -1) : g_date_time_ref (utc);
      return g_date_time_format (day, "%Y-%m-%d");
    }
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

IumPlannerForm *
ium_planner_form_new_from_rollout (IumInventory     *inventory,
                                   const IumRollout *rollout,
                                   GError          **error)
{
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumPlannerForm) form = NULL;

  g_return_val_if_fail (rollout != NULL, NULL);

  request = ium_plan_request_new_from_text (inventory, rollout->release,
                                            rollout->request ? rollout->request : "{}", error);
  if (request == NULL)
    return NULL;

  form = form_new_empty ();
  form->release = g_strdup (rollout->release);
  for (guint i = 0; i < request->waves->len; i++)
    g_ptr_array_add (form->waves,
                     g_strjoinv (", ", (char **) g_ptr_array_index (request->waves, i)));
  form->from = ium_planner_form_format_time (request->from, FALSE);
  g_free (form->until);
  form->until =
    request->until ? ium_planner_form_format_time (request->until, TRUE) : g_strdup ("");
  form->per_day = request->per_day;
  form->hours = request->hours;
  form->soak_days = request->soak_days;
  form->max_failures = MAX (rollout->max_failures, 1);
  return g_steal_pointer (&form);
}

IumPlannerForm *
ium_planner_form_copy (const IumPlannerForm *form)
{
  IumPlannerForm *copy;

  g_return_val_if_fail (form != NULL, NULL);

  copy = form_new_empty ();
  copy->release = g_strdup (form->release);
  for (guint i = 0; i < form->waves->len; i++)
    g_ptr_array_add (copy->waves, g_strdup (g_ptr_array_index (form->waves, i)));
  copy->from = g_strdup (form->from);
  g_free (copy->until);
  copy->until = g_strdup (form->until);
  copy->per_day = form->per_day;
  copy->hours = form->hours;
  copy->soak_days = form->soak_days;
  copy->max_failures = form->max_failures;
  return copy;
}

void
ium_planner_form_free (IumPlannerForm *form)
{
  if (form == NULL)
    return;
  g_free (form->release);
  g_ptr_array_unref (form->waves);
  g_free (form->from);
  g_free (form->until);
  g_free (form);
}

/* The request's text compares two forms as the planner reads them: "A,B" and "A, B" are
 * the same wave, "2027-01-04" and "2027-01-04T00:00:00Z" the same start. */
static char *
dup_request_text (const IumPlannerForm *form)
{
  g_autoptr (IumPlannerFormCheck) check = ium_planner_form_check (form, NULL);

  if (check->request == NULL)
    return NULL;
  return ium_plan_request_to_text (check->request);
}

gboolean
ium_planner_form_equal (const IumPlannerForm *a, const IumPlannerForm *b)
{
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->release, b->release) != 0 || a->max_failures != b->max_failures)
    return FALSE;
  a_text = dup_request_text (a);
  b_text = dup_request_text (b);
  if (a_text == NULL || b_text == NULL)
    return FALSE;
  return g_str_equal (a_text, b_text);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Parses a date field, with its own words for the field. */
static GDateTime *
parse_field (const char *text, gboolean end_of_day, char **message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  GDateTime       *time = ium_plan_parse_time (stripped, end_of_day, &error);

  if (time == NULL)
    *message = g_strdup_printf (_ ("“%s” is not a date: write it as YYYY-MM-DD, for example "
                                   "2027-03-02."),
                                stripped);
  return time;
}

IumPlannerFormCheck *
ium_planner_form_check (const IumPlannerForm *form, IumInventory *inventory)
{
  IumPlannerFormCheck *check = g_new0 (IumPlannerFormCheck, 1);
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) until = NULL;

  g_return_val_if_fail (form != NULL, check);

  if (form->release == NULL || *form->release == '\0')
    check->release_error = g_strdup (_ ("Choose the release to roll out."));
  else if (inventory != NULL && ium_inventory_lookup_release (inventory, form->release) == NULL)
    check->release_error = g_strdup_printf (_ ("There is no release %s any more. Choose another "
                                               "one."),
                                            form->release);

  if (is_blank (form->from))
    check->from_error = g_strdup (_ ("Say when the first wave may start (YYYY-MM-DD)."));
  else
    from = parse_field (form->from, FALSE, &check->from_error);
  if (!is_blank (form->until))
    until = parse_field (form->until, TRUE, &check->until_error);
  if (from != NULL && until != NULL && g_date_time_compare (until, from) <= 0)
    check->until_error = g_strdup (_ ("The plan must end after it starts."));

  for (guint i = 0; i < form->waves->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (form->waves, i), ",", -1);
      gboolean empty = TRUE;

      for (guint j = 0; parts[j] != NULL && empty; j++)
        empty = is_blank (parts[j]);
      if (empty)
        {
          check->waves_error = g_strdup_printf (_ ("Wave %u selects nothing: add instrument "
                                                   "names, tag:NAME, site:NAME or rest, or "
                                                   "remove the wave."),
                                                i + 1);
          break;
        }
    }

  if (check->release_error || check->from_error || check->until_error || check->waves_error)
    return check;

  request = ium_plan_request_new (inventory, form->release);
  for (guint i = 0; i < form->waves->len; i++)
    ium_plan_request_add_wave (request, g_ptr_array_index (form->waves, i));
  g_clear_pointer (&request->from, g_date_time_unref);
  request->from = g_steal_pointer (&from);
  request->until = g_steal_pointer (&until);
  request->per_day = MAX (form->per_day, 1);
  request->hours = MAX (form->hours, 1);
  request->soak_days = form->soak_days;
  check->request = g_steal_pointer (&request);
  return check;
}

void
ium_planner_form_check_free (IumPlannerFormCheck *check)
{
  if (check == NULL)
    return;
  ium_plan_request_free (check->request);
  g_free (check->release_error);
  g_free (check->from_error);
  g_free (check->until_error);
  g_free (check->waves_error);
  g_free (check);
}
