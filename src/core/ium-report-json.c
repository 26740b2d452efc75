/* ium-report-json.c: the report as one JSON document (the format is in docs/reports.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include "ium-fleet-private.h"
#include "ium-report-private.h"
#include "ium-report-style.h"
#include "ium-time.h"

static void
add_string (JsonBuilder *builder, const char *key, const char *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder, const char *key, gint64 value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static void
add_release (JsonBuilder *builder, const char *key, IumRelease *release)
{
  add_string (builder, key, release != NULL ? ium_release_get_version_text (release) : NULL);
}

static void
add_time (JsonBuilder *builder, const char *key, gint64 time)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  add_string (builder, key, text);
}

static void
add_states (JsonBuilder *builder, const char *key, const guint *by_state)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  for (guint s = 0; s < IUM_REPORT_N_STATES; s++)
    add_int (builder, ium_upgrade_state_to_string (s), by_state[s]);
  json_builder_end_object (builder);
}

static void
add_release_object (JsonBuilder *builder, IumRelease *release)
{
  json_builder_set_member_name (builder, "release");
  json_builder_begin_object (builder);
  add_string (builder, "version", ium_release_get_version_text (release));
  add_string (builder, "tier",
              ium_report_badge_text (IUM_REPORT_BADGE_TIER, ium_release_get_tier (release)));
  add_string (builder, "date", ium_release_get_date (release));
  add_string (builder, "patch_of", ium_release_get_patch_of (release));
  add_string (builder, "notes", ium_release_get_notes (release));
  add_string (builder, "url", ium_release_get_url (release));
  json_builder_end_object (builder);
}

static void
add_summary (JsonBuilder *builder, const IumReportSummary *s)
{
  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  add_int (builder, "instruments", s->n_instruments);
  add_int (builder, "on_release", s->on_release);
  add_int (builder, "newer", s->newer);
  add_int (builder, "older", s->older);
  add_int (builder, "no_release", s->n_no_release);
  json_builder_set_member_name (builder, "tiers");
  json_builder_begin_object (builder);
  for (guint t = 0; t <= IUM_TIER_INTERNAL; t++)
    add_int (builder, ium_report_badge_text (IUM_REPORT_BADGE_TIER, t), s->by_tier[t]);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_object (builder);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    add_int (builder, ium_report_badge_text (IUM_REPORT_BADGE_FLAG, bit), s->by_flag[bit]);
  json_builder_end_object (builder);
  add_int (builder, "in_rollout", s->n_in_rollout);
  add_int (builder, "not_in_rollout", s->n_instruments - s->n_in_rollout);
  add_states (builder, "states", s->by_state);
  add_int (builder, "unscheduled", s->n_unscheduled);
  add_int (builder, "outdated_clients", s->n_outdated_clients);
  add_int (builder, "incompatible_clients", s->n_incompatible_clients);
  add_int (builder, "instruments_with_clients", s->n_instruments_with_clients);
  json_builder_end_object (builder);
}

static void
add_upgrade_members (JsonBuilder *builder, const IumReportUpgrade *upgrade)
{
  const IumRolloutUpgrade *u = upgrade != NULL ? upgrade->upgrade : NULL;

  add_string (builder, "rollout", upgrade != NULL ? upgrade->rollout->name : NULL);
  json_builder_set_member_name (builder, "wave");
  if (u != NULL)
    json_builder_add_int_value (builder, u->wave);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "start", u ? u->start : NULL);
  add_string (builder, "end", u ? u->end : NULL);
  add_string (builder, "window", u ? u->window : NULL);
  add_string (builder, "state", u ? ium_upgrade_state_to_string (u->state) : NULL);
  add_string (builder, "note", u ? u->note : NULL);
}

static void
add_flags (JsonBuilder *builder, IumStatusFlags flags)
{
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    if (flags & (1u << bit))
      json_builder_add_string_value (builder, ium_report_badge_text (IUM_REPORT_BADGE_FLAG, bit));
  json_builder_end_array (builder);
}

static void
add_row (JsonBuilder *builder, const IumReportRow *row)
{
  int tier = ium_report_row_tier (row);

  json_builder_begin_object (builder);
  add_string (builder, "name", row->name);
  add_string (builder, "site", row->site);
  add_release (builder, "release", row->release);
  add_string (builder, "tier",
              tier != IUM_REPORT_NO_TIER ? ium_report_badge_text (IUM_REPORT_BADGE_TIER, tier)
                                         : NULL);
  add_release (builder, "target", row->target);
  add_int (builder, "behind", row->behind);
  add_flags (builder, row->flags);
  add_upgrade_members (builder, row->upgrade);
  add_int (builder, "outdated_clients", row->n_outdated_clients);
  add_int (builder, "incompatible_clients", row->n_incompatible_clients);
  json_builder_end_object (builder);
}

static void
add_hosts (JsonBuilder *builder, const IumReportRow *row)
{
  json_builder_set_member_name (builder, "hosts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < row->n_hosts; i++)
    {
      IumHost *host = row->hosts[i].host;
      g_auto (GStrv) ids = ium_host_dup_component_ids (host);

      json_builder_begin_object (builder);
      add_string (builder, "name", ium_host_get_name (host));
      add_string (builder, "role", ium_host_get_role (host));
      add_release (builder, "release", row->hosts[i].release);
      json_builder_set_member_name (builder, "installed");
      json_builder_begin_object (builder);
      for (guint k = 0; ids[k] != NULL; k++)
        add_string (builder, ids[k], ium_host_get_installed_version (host, ids[k]));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* A list section: the instruments' names and what the section is about. */
static void
add_list (JsonBuilder *builder, const char *key, GPtrArray *rows, gboolean hosts)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const IumReportRow *row = g_ptr_array_index (rows, i);
      int                 tier = ium_report_row_tier (row);

      json_builder_begin_object (builder);
      add_string (builder, "instrument", row->name);
      add_release (builder, "release", row->release);
      add_string (builder, "tier",
                  tier != IUM_REPORT_NO_TIER ? ium_report_badge_text (IUM_REPORT_BADGE_TIER, tier)
                                             : NULL);
      add_int (builder, "behind", row->behind);
      if (hosts)
        add_hosts (builder, row);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_clients (JsonBuilder *builder, GPtrArray *clients)
{
  json_builder_set_member_name (builder, "clients");
  json_builder_begin_array (builder);
  for (guint i = 0; i < clients->len; i++)
    {
      const IumClientSeen *seen = g_ptr_array_index (clients, i);

      json_builder_begin_object (builder);
      add_string (builder, "instrument", seen->instrument);
      add_string (builder, "component", seen->component);
      add_string (builder, "version", seen->version);
      add_string (builder, "status",
                  ium_report_badge_text (IUM_REPORT_BADGE_VERDICT, seen->status));
      add_string (builder, "recommended", seen->recommended);
      add_time (builder, "first_seen", seen->first_seen);
      add_time (builder, "last_seen", seen->last_seen);
      add_int (builder, "checks", seen->n_checks);
      add_int (builder, "connect_anyway", seen->n_connect_anyway);
      add_string (builder, "last_address", seen->last_address);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_timeline (JsonBuilder *builder, IumReport *self)
{
  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "waves");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->waves->len; i++)
    {
      const IumReportWave *wave = &g_array_index (self->waves, IumReportWave, i);
      gboolean             scheduled = wave->n_upgrades > wave->n_unscheduled;

      json_builder_begin_object (builder);
      add_string (builder, "rollout", wave->rollout->name);
      add_int (builder, "wave", wave->wave);
      if (scheduled)
        {
          add_time (builder, "start", wave->start);
          add_time (builder, "end", wave->end);
        }
      else
        {
          add_string (builder, "start", NULL);
          add_string (builder, "end", NULL);
        }
      add_int (builder, "upgrades", wave->n_upgrades);
      add_int (builder, "unscheduled", wave->n_unscheduled);
      add_states (builder, "states", wave->by_state);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->timeline->len; i++)
    {
      const IumReportDay *day = &g_array_index (self->timeline, IumReportDay, i);
      g_autofree char    *date = ium_report_format_day (day->day);

      json_builder_begin_object (builder);
      add_string (builder, "date", date);
      add_states (builder, "states", day->by_state);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

GBytes *
ium_report_to_json (IumReport *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *generated = ium_timestamp_format (self->generated);
  g_autofree char *since = ium_timestamp_format (self->clients_since);
  g_autofree char *text = NULL;
  const char      *placeholder;
  GString         *out;

  json_builder_begin_object (builder);
  add_string (builder, "format", "ium-report");
  add_int (builder, "format_version", 1);
  add_string (builder, "facility", self->facility);
  add_release_object (builder, self->release);
  add_string (builder, "generated", generated);
  add_int (builder, "days", self->days);
  add_string (builder, "clients_since", since);

  json_builder_set_member_name (builder, "rollouts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rollouts->len; i++)
    {
      const IumRollout *rollout = g_ptr_array_index (self->rollouts, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", rollout->name);
      add_string (builder, "release", rollout->release);
      add_string (builder, "created", rollout->created);
      add_string (builder, "who", rollout->who);
      json_builder_set_member_name (builder, "paused");
      json_builder_add_boolean_value (builder, rollout->paused);
      add_int (builder, "upgrades", rollout->upgrades->len);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_summary (builder, &self->summary);

  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->versions->len; i++)
    {
      const IumReportVersionCount *count =
        &g_array_index (self->versions, IumReportVersionCount, i);

      json_builder_begin_object (builder);
      add_release (builder, "release", count->release);
      add_string (builder, "tier",
                  count->release ? ium_report_badge_text (IUM_REPORT_BADGE_TIER,
                                                          ium_release_get_tier (count->release))
                                 : NULL);
      add_int (builder, "instruments", count->n_instruments);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* A placeholder: the instruments are written one at a time below, so that a large facility
   * never becomes one tree of hundreds of thousands of nodes. */
  json_builder_set_member_name (builder, "instruments");
  json_builder_add_null_value (builder);

  add_list (builder, "too_far_behind", self->too_far_behind, FALSE);
  add_list (builder, "unsupported_tier", self->unsupported_tier, FALSE);
  add_list (builder, "partial", self->partial, TRUE);
  add_list (builder, "custom", self->custom, TRUE);
  add_clients (builder, self->clients);
  add_timeline (builder, self);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  /* The placeholder is the only top-level "instruments" (two spaces in). */
  placeholder = strstr (text, "\n  \"instruments\" : null");
  g_assert (placeholder != NULL);
  out = g_string_sized_new (strlen (text) + self->n_rows * 700);
  g_string_append_len (out, text, placeholder - text);
  g_string_append (out, "\n  \"instruments\" : [");
  for (guint i = 0; i < self->n_rows; i++)
    {
      g_autoptr (JsonBuilder) row = json_builder_new_immutable ();
      g_autoptr (JsonNode) node = NULL;

      if (i % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      add_row (row, &self->rows[i]);
      node = json_builder_get_root (row);
      g_string_append (out, i > 0 ? ",\n" : "\n");
      ium_json_append_indented (out, node, 4);
    }
  g_string_append (out, self->n_rows > 0 ? "\n  ]" : "]");
  g_string_append (out, placeholder + strlen ("\n  \"instruments\" : null"));
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}
