/* ium-report-sections.c: the report's sections and their tables, defined once for the HTML,
 * Markdown and PDF writers (and the GUI preview): titles, what each section means, columns,
 * and the cells of each row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-report-style.h"

static const char *
release_text (IumReport *report)
{
  return ium_release_get_version_text (ium_report_get_release (report));
}

static void
set_number (IumReportCell *cell, guint value)
{
  g_snprintf (cell->scratch, sizeof cell->scratch, "%u", value);
  cell->text = cell->scratch;
}

static void
set_owned (IumReportCell *cell, char *text)
{
  cell->owned = text;
  cell->text = text;
}

static void
set_badge (IumReportCell *cell, IumReportBadge badge, int value)
{
  cell->badge = badge;
  cell->value = value;
  cell->is_badge = value >= 0;
  cell->text = value >= 0 ? ium_report_badge_text (badge, value) : NULL;
}

static void
set_release (IumReport *report, IumReportCell *cell, IumRelease *release, const char *none)
{
  cell->text = release != NULL ? ium_release_get_version_text (release) : none;
  cell->emphasis = release != NULL && release == ium_report_get_release (report);
}

/* The planned window and the state of @row's upgrade, in two cells. */
static void
set_upgrade (IumReportCell *window, IumReportCell *state, const IumReportRow *row)
{
  set_owned (window, ium_report_format_window (row->upgrade));
  set_badge (state, IUM_REPORT_BADGE_STATE,
             row->upgrade != NULL ? (int) row->upgrade->upgrade->state : -1);
}

/* At a glance: every headline number, by group. */

typedef enum
{
  GLANCE_RELEASES,
  GLANCE_TIERS,
  GLANCE_FLAGS,
  GLANCE_ROLLOUT,
  GLANCE_CLIENTS
} Group;

/* Translators: the groups of the table of every figure in the report. */
static const char *group_names[] = { N_ ("Releases"), N_ ("Tiers"), N_ ("Status flags"),
                                     N_ ("Rollout"), N_ ("Clients") };

#define N_GLANCE (5 + 4 + IUM_N_STATUS_FLAGS + 3 + IUM_REPORT_N_STATES + 3)

static const IumReportColumn glance_columns[] = {
  { N_ ("Group"), IUM_REPORT_CELL_TEXT, 1.0 },
  { N_ ("What"), IUM_REPORT_CELL_TEXT, 2.4 },
  { N_ ("Count"), IUM_REPORT_CELL_NUMBER, 0.7 },
};

static char *
glance_intro (IumReport *report)
{
  return g_strdup_printf (_ ("Every count behind this report, for reference: what the %u "
                             "instruments run, their tiers and status flags (an instrument may "
                             "have several), their upgrades to %s, and the clients seen."),
                          ium_report_get_summary (report)->n_instruments, release_text (report));
}

static guint
glance_rows (IumReport *report)
{
  return N_GLANCE;
}

static void
glance_fill (IumReport *report, guint row, IumReportCell *cells)
{
  const IumReportSummary *s = ium_report_get_summary (report);
  guint                   value = 0;
  Group                   group;

  if (row < 5)
    {
      group = GLANCE_RELEASES;
      switch (row)
        {
        case 0:
          cells[1].text = _ ("Instruments");
          value = s->n_instruments;
          break;
        case 1:
          set_owned (&cells[1], g_strdup_printf (_ ("On %s"), release_text (report)));
          value = s->on_release;
          break;
        case 2:
          cells[1].text = _ ("On a newer release");
          value = s->newer;
          break;
        case 3:
          cells[1].text = _ ("On an older release");
          value = s->older;
          break;
        default:
          cells[1].text = _ ("Running no release (custom builds)");
          value = s->n_no_release;
        }
    }
  else if ((row -= 5) < 4)
    {
      group = GLANCE_TIERS;
      set_badge (&cells[1], IUM_REPORT_BADGE_TIER, (int) row);
      value = row < 3 ? s->by_tier[row] : s->n_no_release;
    }
  else if ((row -= 4) < IUM_N_STATUS_FLAGS)
    {
      group = GLANCE_FLAGS;
      set_badge (&cells[1], IUM_REPORT_BADGE_FLAG, (int) row);
      value = s->by_flag[row];
    }
  else if ((row -= IUM_N_STATUS_FLAGS) < 3 + IUM_REPORT_N_STATES)
    {
      group = GLANCE_ROLLOUT;
      if (row == 0)
        {
          cells[1].text = _ ("In a rollout");
          value = s->n_in_rollout;
        }
      else if (row == 1)
        {
          cells[1].text = _ ("Not in a rollout");
          value = s->n_instruments - s->n_in_rollout;
        }
      else if (row == 2)
        {
          cells[1].text = _ ("Planned without a window");
          value = s->n_unscheduled;
        }
      else
        {
          IumUpgradeState state = ium_report_state_order[row - 3];
          set_badge (&cells[1], IUM_REPORT_BADGE_STATE, (int) state);
          value = s->by_state[state];
        }
    }
  else
    {
      row -= 3 + IUM_REPORT_N_STATES;
      group = GLANCE_CLIENTS;
      if (row == 0)
        {
          cells[1].text = _ ("Out-of-date clients (update-available)");
          value = s->n_outdated_clients;
        }
      else if (row == 1)
        {
          cells[1].text = _ ("Incompatible clients");
          value = s->n_incompatible_clients;
        }
      else
        {
          cells[1].text = _ ("Instruments with either");
          value = s->n_instruments_with_clients;
        }
    }
  /* The group is named on its first row only. */
  if (row == 0)
    cells[0].text = _ (group_names[group]);
  else
    cells[0].blank = TRUE;
  set_number (&cells[2], value);
}

/* The exception lists: each a subset of the rows. */

static const IumReportColumn too_far_columns[] = {
  { N_ ("Instrument"), IUM_REPORT_CELL_TEXT, 1.3 },
  { N_ ("Site"), IUM_REPORT_CELL_TEXT, 0.9 },
  { N_ ("Release"), IUM_REPORT_CELL_TEXT, 1.1 },
  { N_ ("Behind"), IUM_REPORT_CELL_NUMBER, 0.6 },
  { N_ ("Target"), IUM_REPORT_CELL_TEXT, 1.1 },
  { N_ ("Planned (UTC)"), IUM_REPORT_CELL_TEXT, 1.5 },
  { N_ ("State"), IUM_REPORT_CELL_BADGE, 1.0 },
};

static char *
too_far_intro (IumReport *report)
{
  const IumPolicy *policy =
    ium_inventory_get_policy (ium_fleet_get_inventory (ium_report_get_fleet (report)));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Instruments more than %u official release line "
                                       "(MAJOR.MINOR) behind the newest: the facility's policy "
                                       "allows %u. Their clients and scripts may stop working "
                                       "with current releases.",
                                       "Instruments more than %u official release lines "
                                       "(MAJOR.MINOR) behind the newest: the facility's policy "
                                       "allows %u. Their clients and scripts may stop working "
                                       "with current releases.",
                                       policy->max_minor_behind),
                          policy->max_minor_behind, policy->max_minor_behind);
}

static char *
too_far_empty (IumReport *report)
{
  return g_strdup (_ ("No instrument is too far behind."));
}

static guint
too_far_rows (IumReport *report)
{
  guint n;

  ium_report_get_too_far_behind (report, &n);
  return n;
}

static void
too_far_fill (IumReport *report, guint index, IumReportCell *cells)
{
  guint               n;
  const IumReportRow *row = ium_report_get_too_far_behind (report, &n)[index];

  cells[0].text = row->name;
  cells[1].text = row->site;
  set_release (report, &cells[2], row->release, "custom");
  set_number (&cells[3], row->behind);
  set_release (report, &cells[4], row->target, NULL);
  set_upgrade (&cells[5], &cells[6], row);
}

static const IumReportColumn unsupported_columns[] = {
  { N_ ("Instrument"), IUM_REPORT_CELL_TEXT, 1.3 },
  { N_ ("Site"), IUM_REPORT_CELL_TEXT, 0.9 },
  { N_ ("Release"), IUM_REPORT_CELL_TEXT, 1.1 },
  { N_ ("Tier"), IUM_REPORT_CELL_BADGE, 0.9 },
  { N_ ("Target"), IUM_REPORT_CELL_TEXT, 1.1 },
  { N_ ("Planned (UTC)"), IUM_REPORT_CELL_TEXT, 1.5 },
  { N_ ("State"), IUM_REPORT_CELL_BADGE, 1.0 },
};

static char *
unsupported_intro (IumReport *report)
{
  return g_strdup (_ ("Instruments that run a test release (partially supported) or an internal "
                      "build (best effort) instead of an official release."));
}

static char *
unsupported_empty (IumReport *report)
{
  return g_strdup (_ ("Every instrument runs an official release or a custom build."));
}

static guint
unsupported_rows (IumReport *report)
{
  guint n;

  ium_report_get_unsupported_tier (report, &n);
  return n;
}

static void
unsupported_fill (IumReport *report, guint index, IumReportCell *cells)
{
  guint               n;
  const IumReportRow *row = ium_report_get_unsupported_tier (report, &n)[index];

  cells[0].text = row->name;
  cells[1].text = row->site;
  set_release (report, &cells[2], row->release, "custom");
  set_badge (&cells[3], IUM_REPORT_BADGE_TIER, ium_report_row_tier (row));
  set_release (report, &cells[4], row->target, NULL);
  set_upgrade (&cells[5], &cells[6], row);
}

static const IumReportColumn partial_columns[] = {
  { N_ ("Instrument"), IUM_REPORT_CELL_TEXT, 1.2 },
  { N_ ("Site"), IUM_REPORT_CELL_TEXT, 0.8 },
  { N_ ("Runs"), IUM_REPORT_CELL_TEXT, 1.0 },
  { N_ ("Hosts and what they run"), IUM_REPORT_CELL_TEXT, 3.6 },
  { N_ ("Planned (UTC)"), IUM_REPORT_CELL_TEXT, 1.4 },
  { N_ ("State"), IUM_REPORT_CELL_BADGE, 1.0 },
};

static char *
partial_intro (IumReport *report)
{
  return g_strdup (_ ("Instruments whose hosts run different releases: an upgrade is complete "
                      "only when every host is upgraded. The instrument counts as running the "
                      "lowest."));
}

static char *
partial_empty (IumReport *report)
{
  return g_strdup (_ ("No upgrade is part way through: every instrument's hosts agree."));
}

static guint
partial_rows (IumReport *report)
{
  guint n;

  ium_report_get_partial (report, &n);
  return n;
}

static void
partial_fill (IumReport *report, guint index, IumReportCell *cells)
{
  guint               n;
  const IumReportRow *row = ium_report_get_partial (report, &n)[index];

  cells[0].text = row->name;
  cells[1].text = row->site;
  set_release (report, &cells[2], row->release, "custom");
  set_owned (&cells[3], ium_report_format_hosts (row));
  set_upgrade (&cells[4], &cells[5], row);
}

static const IumReportColumn custom_columns[] = {
  { N_ ("Instrument"), IUM_REPORT_CELL_TEXT, 1.2 },
  { N_ ("Site"), IUM_REPORT_CELL_TEXT, 0.8 },
  { N_ ("Hosts and what they run"), IUM_REPORT_CELL_TEXT, 4.6 },
  { N_ ("Planned (UTC)"), IUM_REPORT_CELL_TEXT, 1.4 },
  { N_ ("State"), IUM_REPORT_CELL_BADGE, 1.0 },
};

static char *
custom_intro (IumReport *report)
{
  return g_strdup (_ ("Instruments with a host whose installed versions match no release: a "
                      "hand-made or patched build. They run no release until they are upgraded."));
}

static char *
custom_empty (IumReport *report)
{
  return g_strdup (_ ("No instrument runs a custom build."));
}

static guint
custom_rows (IumReport *report)
{
  guint n;

  ium_report_get_custom (report, &n);
  return n;
}

static void
custom_fill (IumReport *report, guint index, IumReportCell *cells)
{
  guint               n;
  const IumReportRow *row = ium_report_get_custom (report, &n)[index];

  cells[0].text = row->name;
  cells[1].text = row->site;
  set_owned (&cells[2], ium_report_format_hosts (row));
  set_upgrade (&cells[3], &cells[4], row);
}

static const IumReportColumn clients_columns[] = {
  { N_ ("Instrument"), IUM_REPORT_CELL_TEXT, 1.2 },
  { N_ ("Client"), IUM_REPORT_CELL_TEXT, 1.1 },
  { N_ ("Version"), IUM_REPORT_CELL_TEXT, 1.1 },
  { N_ ("Verdict"), IUM_REPORT_CELL_BADGE, 1.3 },
  { N_ ("Recommended"), IUM_REPORT_CELL_TEXT, 1.1 },
  { N_ ("Last seen (UTC)"), IUM_REPORT_CELL_TEXT, 1.4 },
  { N_ ("Checks"), IUM_REPORT_CELL_NUMBER, 0.6 },
};

static char *
clients_intro (IumReport *report)
{
  g_autofree char *since = ium_report_format_time (ium_report_get_clients_since (report));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Client GUIs and scripting clients that checked in during "
                                       "the last %u day (since %s) and were told to update "
                                       "(update-available) or that they cannot work with the "
                                       "instrument's server (incompatible), with the verdict of "
                                       "their latest check.",
                                       "Client GUIs and scripting clients that checked in during "
                                       "the last %u days (since %s) and were told to update "
                                       "(update-available) or that they cannot work with the "
                                       "instrument's server (incompatible), with the verdict of "
                                       "their latest check.",
                                       ium_report_get_days (report)),
                          ium_report_get_days (report), since);
}

static char *
clients_empty (IumReport *report)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "No out-of-date or incompatible client checked in during "
                                       "the last %u day.",
                                       "No out-of-date or incompatible client checked in during "
                                       "the last %u days.",
                                       ium_report_get_days (report)),
                          ium_report_get_days (report));
}

static guint
clients_rows (IumReport *report)
{
  guint n;

  ium_report_get_clients (report, &n);
  return n;
}

static void
clients_fill (IumReport *report, guint index, IumReportCell *cells)
{
  guint                n;
  const IumClientSeen *seen = ium_report_get_clients (report, &n)[index];
  g_autoptr (GDateTime) last = g_date_time_new_from_unix_utc (seen->last_seen);

  cells[0].text = seen->instrument;
  cells[1].text = seen->component;
  cells[2].text = seen->version;
  set_badge (&cells[3], IUM_REPORT_BADGE_VERDICT, (int) seen->status);
  cells[4].text = seen->recommended;
  set_owned (&cells[5], g_date_time_format (last, "%Y-%m-%d %H:%M"));
  set_number (&cells[6], seen->n_checks);
}

static const IumReportColumn timeline_columns[] = {
  { N_ ("Rollout"), IUM_REPORT_CELL_TEXT, 1.4 },
  { N_ ("Wave"), IUM_REPORT_CELL_NUMBER, 0.5 },
  { N_ ("First start (UTC)"), IUM_REPORT_CELL_TEXT, 1.4 },
  { N_ ("Last end (UTC)"), IUM_REPORT_CELL_TEXT, 1.4 },
  { N_ ("Upgrades"), IUM_REPORT_CELL_NUMBER, 0.8 },
  { N_ ("States"), IUM_REPORT_CELL_TEXT, 2.6 },
};

static char *
timeline_intro (IumReport *report)
{
  guint n;

  ium_report_get_rollouts (report, &n);
  if (n > 1)
    return g_strdup_printf (
      _ ("The waves of the %u rollouts saved for %s, in the order they start. "
         "Where rollouts share an instrument, the upgrade whose state changed "
         "last counts."),
      n, release_text (report));
  return g_strdup_printf (_ ("The waves of the rollout of %s, in the order they start; each wave "
                             "waits for the soak period after the one before."),
                          release_text (report));
}

static char *
timeline_empty (IumReport *report)
{
  return g_strdup_printf (_ ("No rollout of %s is saved. Plan one with 'ium plan %s --save NAME'."),
                          release_text (report), release_text (report));
}

static guint
timeline_rows (IumReport *report)
{
  guint n;

  ium_report_get_waves (report, &n);
  return n;
}

static void
timeline_fill (IumReport *report, guint index, IumReportCell *cells)
{
  guint                n;
  const IumReportWave *wave = &ium_report_get_waves (report, &n)[index];
  GString             *states = g_string_new (NULL);
  gboolean             scheduled = wave->n_upgrades > wave->n_unscheduled;

  cells[0].text = wave->rollout->name;
  set_number (&cells[1], wave->wave);
  if (scheduled)
    {
      g_autoptr (GDateTime) start = g_date_time_new_from_unix_utc (wave->start);
      g_autoptr (GDateTime) end = g_date_time_new_from_unix_utc (wave->end);
      set_owned (&cells[2], g_date_time_format (start, "%Y-%m-%d %H:%M"));
      set_owned (&cells[3], g_date_time_format (end, "%Y-%m-%d %H:%M"));
    }
  else
    cells[2].text = _ ("unscheduled");
  set_number (&cells[4], wave->n_upgrades);
  for (guint i = 0; i < IUM_REPORT_N_STATES; i++)
    {
      IumUpgradeState state = ium_report_state_order[i];
      if (wave->by_state[state] == 0)
        continue;
      g_string_append_printf (states, "%s%u %s", states->len ? ", " : "", wave->by_state[state],
                              ium_report_badge_text (IUM_REPORT_BADGE_STATE, state));
    }
  if (wave->n_unscheduled > 0)
    /* Translators: after the counts of the states of a wave’s upgrades. */
    g_string_append_printf (states, _ (" (%u without a window)"), wave->n_unscheduled);
  set_owned (&cells[5], g_string_free (states, FALSE));
}

static const IumReportColumn versions_columns[] = {
  { N_ ("Release"), IUM_REPORT_CELL_TEXT, 1.2 },
  { N_ ("Tier"), IUM_REPORT_CELL_BADGE, 1.0 },
  { N_ ("Date"), IUM_REPORT_CELL_TEXT, 1.0 },
  { N_ ("Instruments"), IUM_REPORT_CELL_NUMBER, 0.9 },
  { N_ ("Share"), IUM_REPORT_CELL_NUMBER, 0.8 },
};

static char *
versions_intro (IumReport *report)
{
  return g_strdup_printf (_ ("How many instruments run each release, newest first. %s is in bold."),
                          release_text (report));
}

static char *
versions_empty (IumReport *report)
{
  return g_strdup (_ ("The inventory has no instruments."));
}

static guint
versions_rows (IumReport *report)
{
  guint n;

  ium_report_get_versions (report, &n);
  return n;
}

static void
versions_fill (IumReport *report, guint index, IumReportCell *cells)
{
  guint                        n;
  const IumReportVersionCount *count = &ium_report_get_versions (report, &n)[index];
  guint                        total = ium_report_get_summary (report)->n_instruments;

  set_release (report, &cells[0], count->release, _ ("none (custom builds)"));
  set_badge (&cells[1], IUM_REPORT_BADGE_TIER,
             count->release != NULL ? (int) ium_release_get_tier (count->release)
                                    : IUM_REPORT_NO_TIER);
  cells[2].text = count->release != NULL ? ium_release_get_date (count->release) : NULL;
  set_number (&cells[3], count->n_instruments);
  g_snprintf (cells[4].scratch, sizeof cells[4].scratch, "%.1f%%",
              total ? 100.0 * count->n_instruments / total : 0.0);
  cells[4].text = cells[4].scratch;
}

static const IumReportColumn instruments_columns[] = {
  { N_ ("Instrument"), IUM_REPORT_CELL_TEXT, 1.15 },
  { N_ ("Site"), IUM_REPORT_CELL_TEXT, 0.65 },
  { N_ ("Release"), IUM_REPORT_CELL_TEXT, 0.95 },
  { N_ ("Tier"), IUM_REPORT_CELL_BADGE, 0.75 },
  { N_ ("Target"), IUM_REPORT_CELL_TEXT, 0.95 },
  { N_ ("Behind"), IUM_REPORT_CELL_NUMBER, 0.7 },
  { N_ ("Flags"), IUM_REPORT_CELL_FLAGS, 1.95 },
  { N_ ("Planned (UTC)"), IUM_REPORT_CELL_TEXT, 1.25 },
  { N_ ("State"), IUM_REPORT_CELL_BADGE, 0.85 },
};

static char *
instruments_intro (IumReport *report)
{
  return g_strdup_printf (_ ("Every instrument: the release it runs (the lowest of its hosts), the "
                             "release it should run (its pin, else the newest official release), "
                             "how many official release lines it is behind, its status flags, and "
                             "its upgrade to %s."),
                          release_text (report));
}

static char *
instruments_empty (IumReport *report)
{
  return g_strdup (_ ("The inventory has no instruments."));
}

static guint
instruments_rows (IumReport *report)
{
  return ium_report_get_summary (report)->n_instruments;
}

static void
instruments_fill (IumReport *report, guint index, IumReportCell *cells)
{
  guint               n;
  const IumReportRow *row = &ium_report_get_rows (report, &n)[index];

  cells[0].text = row->name;
  cells[1].text = row->site;
  set_release (report, &cells[2], row->release, "custom");
  set_badge (&cells[3], IUM_REPORT_BADGE_TIER, ium_report_row_tier (row));
  set_release (report, &cells[4], row->target, NULL);
  set_number (&cells[5], row->behind);
  cells[6].flags = row->flags;
  set_owned (&cells[6], ium_report_format_flags (row->flags));
  set_upgrade (&cells[7], &cells[8], row);
}

#define SECTION(id, title, counted, width, name)                                            \
  {                                                                                         \
    id, title, counted, width, name##_columns, G_N_ELEMENTS (name##_columns), name##_intro, \
      name##_empty, name##_rows, name##_fill                                                \
  }

static char *
glance_empty (IumReport *report)
{
  return NULL;
}

static const IumReportSection sections[] = {
  SECTION ("too-far-behind", N_ ("Too far behind"), TRUE, 1.0, too_far),
  SECTION ("unsupported-tier", N_ ("Unsupported tiers"), TRUE, 1.0, unsupported),
  SECTION ("partial", N_ ("Partial upgrades"), TRUE, 1.0, partial),
  SECTION ("custom", N_ ("Custom builds"), TRUE, 1.0, custom),
  SECTION ("clients", N_ ("Out-of-date and incompatible clients"), TRUE, 1.0, clients),
  SECTION ("timeline", N_ ("Rollout timeline"), TRUE, 1.0, timeline),
  SECTION ("versions", N_ ("Releases in use"), TRUE, 1.0, versions),
  SECTION ("instruments", N_ ("Every instrument"), TRUE, 1.0, instruments),
  SECTION ("figures", N_ ("All the figures"), FALSE, 0.62, glance),
};

const IumReportSection *
ium_report_get_sections (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}
