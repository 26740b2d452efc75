/* ium-rollout-text.c: rollout states and times in words for the planner's widgets.
 *
 * The planner works in UTC days (a rollout's per-day limit counts UTC days), so its widgets
 * show UTC and say so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-rollout-text.h"

#include "ium-error-text.h"

const char *
ium_upgrade_state_get_label (IumUpgradeState state)
{
  switch (state)
    {
    case IUM_UPGRADE_PLANNED:
      return _ ("Planned");
    case IUM_UPGRADE_IN_PROGRESS:
      return _ ("In progress");
    case IUM_UPGRADE_DONE:
      return _ ("Done");
    case IUM_UPGRADE_FAILED:
      return _ ("Failed");
    case IUM_UPGRADE_ROLLED_BACK:
      return _ ("Rolled back");
    case IUM_UPGRADE_SKIPPED:
      return _ ("Skipped");
    default:
      g_return_val_if_reached ("?");
    }
}

const char *
ium_upgrade_state_get_action (IumUpgradeState state)
{
  switch (state)
    {
    case IUM_UPGRADE_PLANNED:
      return _ ("_Plan Again");
    case IUM_UPGRADE_IN_PROGRESS:
      return _ ("_Start");
    case IUM_UPGRADE_DONE:
      return _ ("Mark _Done");
    case IUM_UPGRADE_FAILED:
      return _ ("Mark _Failed");
    case IUM_UPGRADE_ROLLED_BACK:
      return _ ("_Roll Back");
    case IUM_UPGRADE_SKIPPED:
      return _ ("S_kip");
    default:
      g_return_val_if_reached ("?");
    }
}

char *
ium_format_time_range (gint64 start, gint64 end)
{
  g_autoptr (GDateTime) s = g_date_time_new_from_unix_utc (start);
  g_autoptr (GDateTime) e = g_date_time_new_from_unix_utc (end);
  /* Translators: a day and a time, strftime: "Tue 2 Mar 2027, 08:00". */
  g_autofree char *from = g_date_time_format (s, _ ("%a %-d %b %Y, %H:%M"));
  g_autofree char *until = NULL;

  if (g_date_time_get_year (s) == g_date_time_get_year (e)
      && g_date_time_get_day_of_year (s) == g_date_time_get_day_of_year (e))
    /* Translators: a time of day, strftime. */
    until = g_date_time_format (e, _ ("%H:%M"));
  else
    until = g_date_time_format (e, _ ("%a %-d %b %Y, %H:%M"));
  /* Translators: a stretch of time: the start, the end. */
  return g_strdup_printf (_ ("%s–%s UTC"), from, until);
}

char *
ium_format_day (gint64 time)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (time);

  /* Translators: a date, strftime: "2 Mar 2027". */
  return g_date_time_format (when, _ ("%-d %b %Y"));
}

static char *
dup_allowed_moves (IumUpgradeState from)
{
  GString *text = g_string_new (NULL);

  for (guint to = 0; to < IUM_N_UPGRADE_STATES; to++)
    if (ium_upgrade_state_can_move (from, to))
      g_string_append_printf (text, "%s%s", text->len ? _ (", ") : "",
                              ium_upgrade_state_get_label (to));
  return g_string_free (text, FALSE);
}

IumMarkFix
ium_describe_mark_error (const GError         *error,
                         const IumMarkContext *context,
                         char                **title,
                         char                **body)
{
  g_return_val_if_fail (error != NULL && context != NULL, IUM_MARK_FIX_NONE);

  if (g_error_matches (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED))
    {
      /* Core refuses for one of three reasons; the window knows which from what it shows. */
      if (context->token_holder == NULL)
        {
          *title = g_strdup (_ ("Take the deploy token first"));
          *body = g_strdup (_ ("Changing the state of an upgrade records a deployment, so only "
                               "the holder of the deploy token may do it. Nothing was changed. "
                               "Take the token with the button at the left of the header bar, "
                               "then try again."));
          return IUM_MARK_FIX_TAKE_TOKEN;
        }
      if (g_strcmp0 (context->token_holder, context->who) != 0)
        {
          *title = g_strdup_printf (_ ("The deploy token is held by %s"), context->token_holder);
          *body = g_strdup_printf (_ ("%s has held it since %s, and only the holder may change "
                                      "the state of an upgrade. Nothing was changed. Ask %s to "
                                      "release it, or take it over from the token menu in the "
                                      "header bar, giving a reason."),
                                   context->token_holder,
                                   context->token_since ? context->token_since : "?",
                                   context->token_holder);
          return IUM_MARK_FIX_TAKE_TOKEN;
        }
      if (context->to == IUM_UPGRADE_IN_PROGRESS && context->busy)
        {
          *title = g_strdup_printf (_ ("%s is busy"), context->instrument);
          if (context->busy_note != NULL)
            *body = g_strdup_printf (_ ("%s is marked busy (“%s”), so its upgrade was not "
                                        "started. Wait until it is free, or start the upgrade "
                                        "anyway; starting anyway is recorded in the audit log."),
                                     context->instrument, context->busy_note);
          else
            *body = g_strdup_printf (_ ("%s is marked busy, so its upgrade was not started. Wait "
                                        "until it is free, or start the upgrade anyway; starting "
                                        "anyway is recorded in the audit log."),
                                     context->instrument);
          return IUM_MARK_FIX_FORCE;
        }
      if (context->paused)
        {
          *title = g_strdup_printf (_ ("Rollout %s is paused"), context->rollout);
          *body = g_strdup_printf (_ ("Failures in wave %u paused it, so no upgrade of a later "
                                      "wave may start. Nothing was changed. Look into the "
                                      "failures, then resume the rollout to go on."),
                                   context->paused_wave);
          return IUM_MARK_FIX_RESUME;
        }
    }

  if (g_error_matches (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID_MOVE)
      && context->instrument != NULL)
    {
      g_autofree char *allowed = dup_allowed_moves (context->from);

      *title = g_strdup_printf (_ ("%s cannot go from %s to %s"), context->instrument,
                                ium_upgrade_state_get_label (context->from),
                                ium_upgrade_state_get_label (context->to));
      if (*allowed != '\0')
        *body = g_strdup_printf (_ ("From %s an upgrade can only become: %s. Nothing was "
                                    "changed."),
                                 ium_upgrade_state_get_label (context->from), allowed);
      else
        *body = g_strdup_printf (_ ("An upgrade that is %s stays so. Nothing was changed."),
                                 ium_upgrade_state_get_label (context->from));
      return IUM_MARK_FIX_NONE;
    }

  if (g_error_matches (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND))
    {
      *title = g_strdup (_ ("Save the plan first"));
      *body = g_strdup_printf (_ ("%s is not part of the saved rollout %s. Save the plan, then "
                                  "mark its upgrades."),
                               context->instrument ? context->instrument : "?",
                               context->rollout ? context->rollout : "?");
      return IUM_MARK_FIX_NONE;
    }

  {
    g_autofree char *sentence = ium_error_sentence (error);

    *title = g_strdup (_ ("The state was not changed"));
    *body = g_strdup_printf (_ ("%s Nothing was changed."), sentence);
  }
  return IUM_MARK_FIX_NONE;
}
