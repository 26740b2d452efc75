/* ium-report-style.c: the palette, badges, words and summary cards every report format uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-report-style.h"

#include <string.h>

typedef struct
{
  const char   *text;
  const char   *label;
  IumReportTone tone;
} Badge;

/* By bit, in the spec's order. */
static const Badge flag_badges[IUM_N_STATUS_FLAGS] = {
  { "up-to-date", N_ ("Up to date"), { 0x1b6b32, 0xdff3e4, 0x2e9e4f } },
  { "update-available", N_ ("Update available"), { 0x1c5aa6, 0xe1ecfa, 0x3d7fd1 } },
  { "too-far-behind", N_ ("Too far behind"), { 0xa51d2d, 0xfbe3e5, 0xd43b4c } },
  { "partial", N_ ("Partial"), { 0xa04a00, 0xfdecd9, 0xe07b1f } },
  { "custom", N_ ("Custom"), { 0x6c2f8a, 0xf1e6f7, 0x9656b8 } },
  { "unsupported-tier", N_ ("Unsupported tier"), { 0x7f5a00, 0xfcf1cf, 0xd4a516 } },
  { "pinned", N_ ("Pinned"), { 0x34506a, 0xe3eaf1, 0x6b859e } },
  { "busy", N_ ("Busy"), { 0x0b6467, 0xd9f0f0, 0x1f9a9e } },
};

/* By IumUpgradeState. */
static const Badge state_badges[IUM_REPORT_N_STATES] = {
  { "planned", N_ ("Planned"), { 0x34506a, 0xe3eaf1, 0x8fa6bd } },
  { "in-progress", N_ ("In progress"), { 0x7f5a00, 0xfcf1cf, 0xe0a800 } },
  { "done", N_ ("Done"), { 0x1b6b32, 0xdff3e4, 0x2e9e4f } },
  { "failed", N_ ("Failed"), { 0xa51d2d, 0xfbe3e5, 0xd43b4c } },
  { "rolled-back", N_ ("Rolled back"), { 0x6c2f8a, 0xf1e6f7, 0x9656b8 } },
  { "skipped", N_ ("Skipped"), { 0x4d5561, 0xeceef1, 0xb3bac4 } },
};

/* By IumTier, then no release. */
static const Badge tier_badges[] = {
  { "official", N_ ("Official"), { 0x1c5aa6, 0xe1ecfa, 0x3d7fd1 } },
  { "test", N_ ("Test"), { 0x7f5a00, 0xfcf1cf, 0xe0a800 } },
  { "internal", N_ ("Internal"), { 0x6c2f8a, 0xf1e6f7, 0x9656b8 } },
  { "custom", N_ ("No release"), { 0x4d5561, 0xeceef1, 0xa3abb6 } },
};

/* By IumVerdictStatus. */
static const Badge verdict_badges[] = {
  { "ok", N_ ("OK"), { 0x1b6b32, 0xdff3e4, 0x2e9e4f } },
  { "update-available", N_ ("Update available"), { 0x1c5aa6, 0xe1ecfa, 0x3d7fd1 } },
  { "client-newer", N_ ("Client newer"), { 0x7f5a00, 0xfcf1cf, 0xe0a800 } },
  { "incompatible", N_ ("Incompatible"), { 0xa51d2d, 0xfbe3e5, 0xd43b4c } },
};

/* Done first, planned last: what happened sits on the axis, what is still to come on top. */
const IumUpgradeState ium_report_state_order[IUM_REPORT_N_STATES] = {
  IUM_UPGRADE_DONE,        IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_FAILED,
  IUM_UPGRADE_ROLLED_BACK, IUM_UPGRADE_SKIPPED,     IUM_UPGRADE_PLANNED,
};

static const Badge *
lookup_badge (IumReportBadge badge, int value)
{
  static const Badge none = { "", "", { IUM_REPORT_MUTED, 0xffffff, IUM_REPORT_FAINT } };

  switch (badge)
    {
    case IUM_REPORT_BADGE_FLAG:
      if (value >= 0 && value < IUM_N_STATUS_FLAGS)
        return &flag_badges[value];
      break;
    case IUM_REPORT_BADGE_STATE:
      if (value >= 0 && value < IUM_REPORT_N_STATES)
        return &state_badges[value];
      break;
    case IUM_REPORT_BADGE_TIER:
      if (value >= 0 && value < (int) G_N_ELEMENTS (tier_badges))
        return &tier_badges[value];
      break;
    case IUM_REPORT_BADGE_VERDICT:
      if (value >= 0 && value < (int) G_N_ELEMENTS (verdict_badges))
        return &verdict_badges[value];
      break;
    default:
      break;
    }
  return &none;
}

const IumReportTone *
ium_report_tone (IumReportBadge badge, int value)
{
  return &lookup_badge (badge, value)->tone;
}

const char *
ium_report_badge_text (IumReportBadge badge, int value)
{
  return lookup_badge (badge, value)->text;
}

const char *
ium_report_badge_label (IumReportBadge badge, int value)
{
  const char *label = lookup_badge (badge, value)->label;

  /* The labels are for people (the ids, ium_report_badge_text(), for CSV and JSON). */
  return *label != '\0' ? _ (label) : label;
}

const char *
ium_report_badge_class (IumReportBadge badge, int value)
{
  /* Built once: the names are a fixed, small set. */
  static char       *classes[4][IUM_N_STATUS_FLAGS];
  static const char *prefixes[] = { "flag", "state", "tier", "verdict" };
  static GMutex      lock;
  const char        *result;

  if ((int) badge < 0 || badge > IUM_REPORT_BADGE_VERDICT || value < 0
      || value >= IUM_N_STATUS_FLAGS || *lookup_badge (badge, value)->text == '\0')
    return "none";

  g_mutex_lock (&lock);
  if (classes[badge][value] == NULL)
    classes[badge][value] =
      g_strdup_printf ("%s-%s", prefixes[badge], lookup_badge (badge, value)->text);
  result = classes[badge][value];
  g_mutex_unlock (&lock);
  return result;
}

void
ium_report_rgb (guint32 colour, double *r, double *g, double *b)
{
  *r = ((colour >> 16) & 0xff) / 255.0;
  *g = ((colour >> 8) & 0xff) / 255.0;
  *b = (colour & 0xff) / 255.0;
}

void
ium_report_css_colour (guint32 colour, char out[8])
{
  g_snprintf (out, 8, "#%06x", colour & 0xffffff);
}

void
ium_report_append_escaped (GString *out, const char *text)
{
  const char *run = text;

  if (text == NULL)
    return;
  /* Plain runs are copied whole: most values have nothing to escape. */
  for (const char *p = text;; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&':
          entity = "&amp;";
          break;
        case '<':
          entity = "&lt;";
          break;
        case '>':
          entity = "&gt;";
          break;
        case '"':
          entity = "&quot;";
          break;
        case '\'':
          entity = "&#39;";
          break;
        case '\0':
          entity = NULL;
          break;
        default:
          continue;
        }
      g_string_append_len (out, run, p - run);
      if (entity == NULL)
        return;
      g_string_append (out, entity);
      run = p + 1;
    }
}

char *
ium_report_format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

char *
ium_report_format_date_long (GDateTime *time)
{
  static const char *months[] = { N_ ("January"), N_ ("February"), N_ ("March"),
                                  N_ ("April"),   N_ ("May"),      N_ ("June"),
                                  N_ ("July"),    N_ ("August"),   N_ ("September"),
                                  N_ ("October"), N_ ("November"), N_ ("December") };
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  /* Not g_date_time_format ("%B"): the report follows the messages' language (LANGUAGE,
   * LC_MESSAGES), not LC_TIME, like every other word in it. */
  /* Translators: a date in the report: the day, the month's name, the year. */
  return g_strdup_printf (_ ("%d %s %d"), g_date_time_get_day_of_month (utc),
                          _ (months[g_date_time_get_month (utc) - 1]), g_date_time_get_year (utc));
}

char *
ium_report_format_day (gint64 time)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d");
}

char *
ium_report_format_window (const IumReportUpgrade *upgrade)
{
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autofree char *from = NULL;

  if (upgrade == NULL)
    return NULL;
  if (!upgrade->scheduled)
    return g_strdup (_ ("unscheduled"));

  start = g_date_time_new_from_unix_utc (upgrade->start);
  end = g_date_time_new_from_unix_utc (upgrade->end);
  from = g_date_time_format (start, "%Y-%m-%d %H:%M");
  if (g_date_time_get_year (start) == g_date_time_get_year (end)
      && g_date_time_get_day_of_year (start) == g_date_time_get_day_of_year (end))
    return g_strdup_printf ("%s–%02d:%02d", from, g_date_time_get_hour (end),
                            g_date_time_get_minute (end));
  {
    g_autofree char *to = g_date_time_format (end, "%Y-%m-%d %H:%M");
    return g_strdup_printf ("%s – %s", from, to);
  }
}

char *
ium_report_format_flags (IumStatusFlags flags)
{
  GString *text = g_string_new (NULL);

  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    if (flags & (1u << bit))
      {
        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, flag_badges[bit].text);
      }
  return g_string_free (text, FALSE);
}

char *
ium_report_format_hosts (const IumReportRow *row)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < row->n_hosts; i++)
    {
      const IumReportHost *host = &row->hosts[i];
      const char          *role = ium_host_get_role (host->host);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, ium_host_get_name (host->host));
      if (role != NULL && *role != '\0')
        g_string_append_printf (text, " (%s)", role);
      if (host->release != NULL)
        g_string_append_printf (text, " %s", ium_release_get_version_text (host->release));
      else
        {
          g_auto (GStrv) ids = ium_host_dup_component_ids (host->host);

          g_string_append (text, " custom:");
          for (guint k = 0; ids[k] != NULL; k++)
            g_string_append_printf (text, "%s %s %s", k > 0 ? "," : "", ids[k],
                                    ium_host_get_installed_version (host->host, ids[k]));
        }
    }
  return g_string_free (text, FALSE);
}

char *
ium_report_describe_release (IumRelease *release)
{
  GString    *text = g_string_new (NULL);
  const char *tier = tier_badges[ium_release_get_tier (release)].text;
  const char *date = ium_release_get_date (release);
  const char *patch_of = ium_release_get_patch_of (release);

  /* Translators: the tier (official, test, internal) stays English; then the date. */
  if (date != NULL)
    g_string_append_printf (text, _ ("%s release of %s"), tier, date);
  else
    g_string_append_printf (text, _ ("%s release"), tier);
  if (patch_of != NULL)
    /* Translators: follows “official release of 2025-03-04”; the release it patches. */
    g_string_append_printf (text, _ (", a patch of %s"), patch_of);
  return g_string_free (text, FALSE);
}

char *
ium_report_describe_rollouts (IumReport *report)
{
  guint                    n;
  const IumRollout *const *rollouts = ium_report_get_rollouts (report, &n);
  GString                 *text;

  if (n == 0)
    return g_strdup_printf (_ ("No rollout of %s is saved."),
                            ium_release_get_version_text (ium_report_get_release (report)));

  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const IumRollout *rollout = rollouts[i];
      g_autofree char  *day = g_strndup (rollout->created ? rollout->created : "?", 10);
      const char       *who = rollout->who ? rollout->who : "?";

      if (i > 0)
        /* Translators: between the rollouts of a list (“A, B and C”). */
        g_string_append (text, i + 1 == n ? _ (" and ") : _ (", "));
      if (rollout->paused)
        /* Translators: a rollout, the day it was saved, who saved it, the wave it paused in. */
        g_string_append_printf (text, _ ("%s (saved %s by %s; paused after failures in wave %u)"),
                                rollout->name, day, who, rollout->paused_wave);
      else
        /* Translators: a rollout, the day it was saved and who saved it. */
        g_string_append_printf (text, _ ("%s (saved %s by %s)"), rollout->name, day, who);
    }
  {
    g_autofree char *list = g_string_free (text, FALSE);

    /* Translators: the list of rollouts (“r1 (saved 2027-01-02 by alice)”). */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rollout %s.", "Rollouts %s.", n), list);
  }
}

int
ium_report_row_tier (const IumReportRow *row)
{
  return row->release != NULL ? (int) ium_release_get_tier (row->release) : IUM_REPORT_NO_TIER;
}

static void
set_card (IumReportCard *card,
          const char    *label,
          guint          value,
          char          *caption,
          IumReportBadge badge,
          int            tone)
{
  card->label = g_strdup (label);
  card->value = value;
  card->caption = caption;
  card->badge = badge;
  card->tone = tone;
}

static int
bit_of (IumStatusFlags flag)
{
  return g_bit_nth_lsf (flag, -1);
}

void
ium_report_cards_init (IumReport *report, IumReportCard cards[IUM_REPORT_N_CARDS])
{
  const IumReportSummary *s = ium_report_get_summary (report);
  const char             *version = ium_release_get_version_text (ium_report_get_release (report));
  const IumPolicy        *policy =
    ium_inventory_get_policy (ium_fleet_get_inventory (ium_report_get_fleet (report)));
  /* Translators: the instruments that run the release (a version). */
  g_autofree char *on_label = g_strdup_printf (_ ("On %s"), version);
  guint            n_rollouts;

  ium_report_get_rollouts (report, &n_rollouts);

  /* Translators: the summary cards at the top of the report: a label, a big number, and a
   * caption under it. */
  set_card (
    &cards[0], _ ("Instruments"), s->n_instruments,
    g_strdup_printf (_ ("%u on a newer release, %u run no release"), s->newer, s->n_no_release),
    IUM_REPORT_BADGE_TIER, IUM_TIER_OFFICIAL);
  set_card (&cards[1], on_label, s->on_release,
            g_strdup_printf (
              _ ("%u%% of the instruments"),
              s->n_instruments ? (guint) (100.0 * s->on_release / s->n_instruments + 0.5) : 0),
            IUM_REPORT_BADGE_FLAG, bit_of (IUM_FLAG_UP_TO_DATE));
  set_card (&cards[2], _ ("Update available"), s->by_flag[bit_of (IUM_FLAG_UPDATE_AVAILABLE)],
            g_strdup_printf (_ ("%u up to date with their target"),
                             s->by_flag[bit_of (IUM_FLAG_UP_TO_DATE)]),
            IUM_REPORT_BADGE_FLAG, bit_of (IUM_FLAG_UPDATE_AVAILABLE));
  set_card (
    &cards[3], _ ("Too far behind"), s->by_flag[bit_of (IUM_FLAG_TOO_FAR_BEHIND)],
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "more than %u release line behind",
                                  "more than %u release lines behind", policy->max_minor_behind),
                     policy->max_minor_behind),
    IUM_REPORT_BADGE_FLAG, bit_of (IUM_FLAG_TOO_FAR_BEHIND));
  set_card (&cards[4], _ ("Planned"), s->by_state[IUM_UPGRADE_PLANNED],
            n_rollouts == 0 ? g_strdup (_ ("no rollout saved for this release"))
                            : g_strdup_printf (_ ("%u without a window"), s->n_unscheduled),
            IUM_REPORT_BADGE_STATE, IUM_UPGRADE_PLANNED);
  set_card (&cards[5], _ ("Done"), s->by_state[IUM_UPGRADE_DONE],
            g_strdup_printf (_ ("%u in progress"), s->by_state[IUM_UPGRADE_IN_PROGRESS]),
            IUM_REPORT_BADGE_STATE, IUM_UPGRADE_DONE);
  set_card (&cards[6], _ ("Failed"), s->by_state[IUM_UPGRADE_FAILED],
            g_strdup_printf (_ ("%u rolled back"), s->by_state[IUM_UPGRADE_ROLLED_BACK]),
            IUM_REPORT_BADGE_STATE, IUM_UPGRADE_FAILED);
  set_card (&cards[7], _ ("Clients to update"), s->n_outdated_clients + s->n_incompatible_clients,
            g_strdup_printf (_ ("%u incompatible, in the last %u days"), s->n_incompatible_clients,
                             ium_report_get_days (report)),
            IUM_REPORT_BADGE_VERDICT, IUM_VERDICT_INCOMPATIBLE);
}

void
ium_report_cards_clear (IumReportCard cards[IUM_REPORT_N_CARDS])
{
  for (guint i = 0; i < IUM_REPORT_N_CARDS; i++)
    {
      g_clear_pointer (&cards[i].label, g_free);
      g_clear_pointer (&cards[i].caption, g_free);
    }
}

void
ium_report_cells_clear (IumReportCell *cells, guint n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    g_clear_pointer (&cells[i].owned, g_free);
}
