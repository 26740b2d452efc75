/* ium-rollouts.c: saved rollouts and upgrade states (changes of state are in
 * ium-rollout-mark.c, the deploy token is in ium-token.c).
 *
 * Every change runs in one BEGIN IMMEDIATE transaction that reads what it checks (the token,
 * the state, the busy mark) after the write lock is held, so two processes can never both
 * pass a check that only one of them should.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-rollouts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-rollouts-private.h"

#include "ium-store-write.h"
#include "ium-time.h"

/* clang-format off */
G_DEFINE_QUARK (ium-rollout-error-quark, ium_rollout_error)
/* clang-format on */

static const char *const state_names[] = {
  [IUM_UPGRADE_PLANNED] = "planned",
  [IUM_UPGRADE_IN_PROGRESS] = "in-progress",
  [IUM_UPGRADE_DONE] = "done",
  [IUM_UPGRADE_FAILED] = "failed",
  [IUM_UPGRADE_ROLLED_BACK] = "rolled-back",
  [IUM_UPGRADE_SKIPPED] = "skipped",
};

/* The spec's state machine, and nothing else. */
static const struct
{
  IumUpgradeState from;
  IumUpgradeState to;
} moves[] = {
  { IUM_UPGRADE_PLANNED, IUM_UPGRADE_IN_PROGRESS }, { IUM_UPGRADE_PLANNED, IUM_UPGRADE_SKIPPED },
  { IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_DONE },    { IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_FAILED },
  { IUM_UPGRADE_FAILED, IUM_UPGRADE_PLANNED },      { IUM_UPGRADE_FAILED, IUM_UPGRADE_ROLLED_BACK },
  { IUM_UPGRADE_DONE, IUM_UPGRADE_ROLLED_BACK },
};

const char *
ium_upgrade_state_to_string (IumUpgradeState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
ium_upgrade_state_from_string (const char *text, IumUpgradeState *state, GError **error)
{
  g_return_val_if_fail (text != NULL && state != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (text, state_names[i]))
      {
        *state = (IumUpgradeState) i;
        return TRUE;
      }
  g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID,
               _ ("unknown state “%s”: expected planned, in-progress, done, failed, rolled-back "
                  "or skipped"),
               text);
  return FALSE;
}

gboolean
ium_upgrade_state_can_move (IumUpgradeState from, IumUpgradeState to)
{
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (moves[i].from == from && moves[i].to == to)
      return TRUE;
  return FALSE;
}

gboolean
ium_upgrade_state_is_valid (IumUpgradeState state)
{
  return (guint) state < G_N_ELEMENTS (state_names);
}

char *
ium_upgrade_state_dup_allowed_moves (IumUpgradeState from)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (moves[i].from == from)
      g_string_append_printf (text, "%s%s", text->len ? " or " : "", state_names[moves[i].to]);
  if (text->len == 0)
    return g_strdup ("none");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A node that owns a new, empty object (json_node_init_object() would take a second ref). */
JsonNode *
ium_new_object_node (void)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  return node;
}


static char *
dup_utc_text (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}


/* Rollouts */

static void
upgrade_free (IumRolloutUpgrade *upgrade)
{
  g_free (upgrade->instrument);
  g_free (upgrade->start);
  g_free (upgrade->end);
  g_free (upgrade->window);
  g_free (upgrade->note);
  g_free (upgrade->updated);
  g_free (upgrade->who);
  g_free (upgrade);
}

void
ium_rollout_free (IumRollout *rollout)
{
  if (rollout == NULL)
    return;
  g_free (rollout->name);
  g_free (rollout->release);
  g_free (rollout->request);
  g_free (rollout->created);
  g_free (rollout->who);
  g_clear_pointer (&rollout->upgrades, g_ptr_array_unref);
  g_free (rollout);
}

IumRollout *
ium_rollout_copy (const IumRollout *rollout)
{
  IumRollout *copy;

  g_return_val_if_fail (rollout != NULL, NULL);

  copy = g_new0 (IumRollout, 1);
  copy->name = g_strdup (rollout->name);
  copy->release = g_strdup (rollout->release);
  copy->request = g_strdup (rollout->request);
  copy->max_failures = rollout->max_failures;
  copy->paused = rollout->paused;
  copy->paused_wave = rollout->paused_wave;
  copy->created = g_strdup (rollout->created);
  copy->who = g_strdup (rollout->who);
  copy->upgrades = g_ptr_array_new_full (rollout->upgrades ? rollout->upgrades->len : 0,
                                         (GDestroyNotify) upgrade_free);
  for (guint i = 0; rollout->upgrades != NULL && i < rollout->upgrades->len; i++)
    {
      const IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, i);
      IumRolloutUpgrade       *dup = g_new0 (IumRolloutUpgrade, 1);

      dup->instrument = g_strdup (upgrade->instrument);
      dup->wave = upgrade->wave;
      dup->start = g_strdup (upgrade->start);
      dup->end = g_strdup (upgrade->end);
      dup->window = g_strdup (upgrade->window);
      dup->state = upgrade->state;
      dup->note = g_strdup (upgrade->note);
      dup->updated = g_strdup (upgrade->updated);
      dup->who = g_strdup (upgrade->who);
      g_ptr_array_add (copy->upgrades, dup);
    }
  return copy;
}

char *
ium_plan_request_to_text (const IumPlanRequest *request)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  from = dup_utc_text (request->from);
  until = dup_utc_text (request->until);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "waves");
  json_builder_begin_array (builder);
  for (guint i = 0; request->waves != NULL && i < request->waves->len; i++)
    {
      char **selectors = g_ptr_array_index (request->waves, i);

      json_builder_begin_array (builder);
      for (guint j = 0; selectors != NULL && selectors[j] != NULL; j++)
        json_builder_add_string_value (builder, selectors[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "from");
  if (from)
    json_builder_add_string_value (builder, from);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "until");
  if (until)
    json_builder_add_string_value (builder, until);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "per_day");
  json_builder_add_int_value (builder, request->per_day);
  json_builder_set_member_name (builder, "hours");
  json_builder_add_int_value (builder, request->hours);
  json_builder_set_member_name (builder, "soak");
  json_builder_add_int_value (builder, request->soak_days);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return ium_node_text (root);
}

/* Reads member @name of @object as a whole number of at least @minimum into @value; a
 * missing member leaves @value as it is. */
static gboolean
read_request_count (
  JsonObject *object, const char *name, guint minimum, guint *value, GError **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64    number;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || (number = json_node_get_int (node)) < minimum || number > G_MAXUINT32)
    {
      g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                   _ ("the saved request's “%s” is not a whole number of at least %u"), name,
                   minimum);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

static gboolean
read_request_time (JsonObject *object, const char *name, GDateTime **value, GError **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr (GError) local_error = NULL;
  GDateTime *time;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !(time = ium_timestamp_parse (json_node_get_string (node), &local_error)))
    {
      g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                   _ ("the saved request's “%s” is not an RFC 3339 time%s%s"), name,
                   local_error ? ": " : "", local_error ? local_error->message : "");
      return FALSE;
    }
  g_clear_pointer (value, g_date_time_unref);
  *value = time;
  return TRUE;
}

IumPlanRequest *
ium_plan_request_new_from_text (IumInventory *inventory,
                                const char   *release,
                                const char   *text,
                                GError      **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *object;
  JsonNode   *waves;

  g_return_val_if_fail (release != NULL && text != NULL, NULL);

  request = ium_plan_request_new (inventory, release);
  if (!json_parser_load_from_data (parser, text, -1, &local_error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                   _ ("the saved request is not a JSON object%s%s"), local_error ? ": " : "",
                   local_error ? local_error->message : "");
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  waves = json_object_get_member (object, "waves");
  if (waves != NULL && !JSON_NODE_HOLDS_NULL (waves))
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (waves) ? json_node_get_array (waves) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode  *wave = json_array_get_element (array, i);
          JsonArray *selectors = JSON_NODE_HOLDS_ARRAY (wave) ? json_node_get_array (wave) : NULL;
          g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; selectors != NULL && j < json_array_get_length (selectors); j++)
            {
              JsonNode *selector = json_array_get_element (selectors, j);

              if (!JSON_NODE_HOLDS_VALUE (selector)
                  || json_node_get_value_type (selector) != G_TYPE_STRING)
                {
                  selectors = NULL;
                  break;
                }
              g_strv_builder_add (builder, json_node_get_string (selector));
            }
          if (selectors == NULL)
            {
              array = NULL;
              break;
            }
          g_ptr_array_add (request->waves, g_strv_builder_end (builder));
        }
      if (array == NULL)
        {
          g_set_error_literal (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                               _ ("the saved request's “waves” is not a list of lists of "
                                  "selectors"));
          return NULL;
        }
    }

  if (!read_request_time (object, "from", &request->from, error)
      || !read_request_time (object, "until", &request->until, error)
      || !read_request_count (object, "per_day", 1, &request->per_day, error)
      || !read_request_count (object, "hours", 1, &request->hours, error)
      || !read_request_count (object, "soak", 0, &request->soak_days, error))
    return NULL;
  return g_steal_pointer (&request);
}

/* Reads the rollout row @name; returns its id, 0 when there is none, -1 on error. */
gint64
ium_rollout_read_row (IumStore *store, const char *name, IumRollout **out, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "SELECT id, name, release, request, max_failures, "
                                          "paused, paused_wave, created, who FROM rollouts "
                                          "WHERE name = ?",
                                          error);
  gint64        id = 0;
  int           rc;

  if (stmt == NULL)
    return -1;
  ium_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (out != NULL)
        {
          IumRollout *rollout = g_new0 (IumRollout, 1);

          rollout->name = g_strdup (ium_column_text (stmt, 1));
          rollout->release = g_strdup (ium_column_text (stmt, 2));
          rollout->request = g_strdup (ium_column_text (stmt, 3));
          rollout->max_failures = (guint) sqlite3_column_int (stmt, 4);
          rollout->paused = sqlite3_column_int (stmt, 5) != 0;
          rollout->paused_wave = (guint) sqlite3_column_int (stmt, 6);
          rollout->created = g_strdup (ium_column_text (stmt, 7));
          rollout->who = g_strdup (ium_column_text (stmt, 8));
          rollout->upgrades = g_ptr_array_new_with_free_func ((GDestroyNotify) upgrade_free);
          *out = rollout;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ium_store_set_sqlite_error (store, rc, N_ ("reading a rollout"), error);
      return -1;
    }
  return id;
}

static gboolean
read_upgrades (IumStore *store, gint64 id, IumRollout *rollout, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "SELECT instrument, wave, start, end, window, state, "
                                          "note, updated, who FROM rollout_upgrades "
                                          "WHERE rollout_id = ? ORDER BY wave, start IS NULL, "
                                          "start, instrument",
                                          error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IumRolloutUpgrade *upgrade = g_new0 (IumRolloutUpgrade, 1);

      upgrade->instrument = g_strdup (ium_column_text (stmt, 0));
      upgrade->wave = (guint) sqlite3_column_int (stmt, 1);
      upgrade->start = g_strdup (ium_column_text (stmt, 2));
      upgrade->end = g_strdup (ium_column_text (stmt, 3));
      upgrade->window = g_strdup (ium_column_text (stmt, 4));
      if (!ium_upgrade_state_from_string (ium_column_text (stmt, 5), &upgrade->state, NULL))
        upgrade->state = IUM_UPGRADE_PLANNED;
      upgrade->note = g_strdup (ium_column_text (stmt, 6));
      upgrade->updated = g_strdup (ium_column_text (stmt, 7));
      upgrade->who = g_strdup (ium_column_text (stmt, 8));
      g_ptr_array_add (rollout->upgrades, upgrade);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ium_store_set_sqlite_error (store, rc, N_ ("reading a rollout's upgrades"), error);
  return TRUE;
}

IumRollout *
ium_rollout_load_with_id (IumStore *store, const char *name, gint64 *id_out, GError **error)
{
  g_autoptr (IumRollout) rollout = NULL;
  gint64 id = ium_rollout_read_row (store, name, &rollout, error);

  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND,
                   _ ("there is no rollout “%s”. 'ium rollout list' shows the saved ones; save "
                      "one with 'ium plan RELEASE --save NAME'."),
                   name);
      return NULL;
    }
  if (!read_upgrades (store, id, rollout, error))
    return NULL;
  if (id_out != NULL)
    *id_out = id;
  return g_steal_pointer (&rollout);
}

IumRollout *
ium_rollout_load (IumStore *store, const char *name, GError **error)
{
  g_return_val_if_fail (IUM_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return ium_rollout_load_with_id (store, name, NULL, error);
}

GPtrArray *
ium_rollout_list (IumStore *store, GError **error)
{
  g_autoptr (GPtrArray) rollouts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_rollout_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (IUM_IS_STORE (store), NULL);

  stmt = ium_store_prepare (store, "SELECT name FROM rollouts ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (ium_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ium_store_set_sqlite_error (store, rc, N_ ("reading the rollouts"), error);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      IumRollout *rollout =
        ium_rollout_load_with_id (store, g_ptr_array_index (names, i), NULL, error);
      if (rollout == NULL)
        return NULL;
      g_ptr_array_add (rollouts, rollout);
    }
  return g_steal_pointer (&rollouts);
}

static GDateTime *
parse_optional_time (const char *text)
{
  if (text == NULL)
    return NULL;
  return ium_timestamp_parse (text, NULL);
}

void
ium_plan_request_add_fixed (IumPlanRequest *request, const IumRollout *rollout)
{
  g_return_if_fail (request != NULL && rollout != NULL);

  if (request->fixed == NULL)
    request->fixed = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_planned_upgrade_free);
  for (guint i = 0; i < rollout->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, i);
      IumPlannedUpgrade *fixed;

      if (upgrade->state == IUM_UPGRADE_PLANNED)
        continue;
      fixed = g_new0 (IumPlannedUpgrade, 1);
      fixed->instrument = g_strdup (upgrade->instrument);
      fixed->wave = upgrade->wave;
      fixed->start = parse_optional_time (upgrade->start);
      fixed->end = parse_optional_time (upgrade->end);
      fixed->window = g_strdup (upgrade->window);
      g_ptr_array_add (request->fixed, fixed);
    }
}

gboolean
ium_rollout_add_fixed (IumStore *store, const char *name, IumPlanRequest *request, GError **error)
{
  g_autoptr (IumRollout) rollout = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (IUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && request != NULL, FALSE);

  rollout = ium_rollout_load_with_id (store, name, NULL, &local_error);
  if (rollout == NULL)
    {
      if (g_error_matches (local_error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  ium_plan_request_add_fixed (request, rollout);
  return TRUE;
}

IumPlan *
ium_rollout_replan (IumStore       *store,
                    IumFleet       *fleet,
                    const char     *name,
                    IumPlanRequest *request,
                    guint          *max_failures,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr (IumRollout) saved = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (IUM_IS_STORE (store), NULL);
  g_return_val_if_fail (IUM_IS_FLEET (fleet), NULL);
  g_return_val_if_fail (name != NULL && request != NULL && max_failures != NULL, NULL);

  if (!ium_rollout_check_name (name, error))
    return NULL;

  /* Re-planning a saved rollout keeps what already happened where it happened, and its
   * failure threshold unless the caller gives one. */
  saved = ium_rollout_load_with_id (store, name, NULL, &local_error);
  if (saved == NULL
      && !g_error_matches (local_error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (saved != NULL)
    ium_plan_request_add_fixed (request, saved);
  if (*max_failures == 0)
    *max_failures = saved != NULL ? saved->max_failures : 1;

  return ium_plan_new (fleet, request, cancellable, error);
}

static gboolean
insert_upgrade (IumStore          *store,
                gint64             id,
                IumPlannedUpgrade *upgrade,
                const char        *now,
                const char        *who,
                GError           **error)
{
  g_autofree char *start = dup_utc_text (upgrade->start);
  g_autofree char *end = dup_utc_text (upgrade->end);
  sqlite3_stmt    *stmt = ium_store_prepare (store,
                                             "INSERT INTO rollout_upgrades (rollout_id, instrument, "
                                                "wave, start, end, window, state, note, updated, who) "
                                                "VALUES (?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?)",
                                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  ium_bind_text (stmt, 2, upgrade->instrument);
  sqlite3_bind_int (stmt, 3, (int) upgrade->wave);
  ium_bind_text (stmt, 4, start);
  ium_bind_text (stmt, 5, end);
  ium_bind_text (stmt, 6, start ? upgrade->window : NULL);
  ium_bind_text (stmt, 7, upgrade->reason);
  ium_bind_text (stmt, 8, now);
  ium_bind_text (stmt, 9, who);
  return ium_store_step_done (store, stmt, N_ ("writing an upgrade"), error);
}

static gboolean
is_kept (IumRollout *rollout, const char *instrument)
{
  if (rollout == NULL)
    return FALSE;
  for (guint i = 0; i < rollout->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, i);
      if (upgrade->state != IUM_UPGRADE_PLANNED && g_str_equal (upgrade->instrument, instrument))
        return TRUE;
    }
  return FALSE;
}

gboolean
ium_rollout_check_name (const char *name, GError **error)
{
  const char *why = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  if (*name == '\0')
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID,
                   _ ("a rollout needs a name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL))
    why = "it is not valid UTF-8";
  else if (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]))
    why = "it starts or ends with a space";
  else if (strchr (name, '/') != NULL)
    why = "it contains \"/\"";
  else
    for (const char *p = name; *p != '\0' && why == NULL; p = g_utf8_next_char (p))
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        why = "it contains a control character";

  if (why != NULL)
    {
      g_autofree char *shown = g_utf8_validate (name, -1, NULL) ? g_strescape (name, "") : NULL;
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID,
                   _ ("“%s” cannot name a rollout: %s"), shown ? shown : "?", why);
      return FALSE;
    }
  return TRUE;
}

gboolean
ium_rollout_save (IumStore   *store,
                  const char *name,
                  IumPlan    *plan,
                  const char *request_text,
                  guint       max_failures,
                  const char *who,
                  GError    **error)
{
  g_autoptr (IumRollout) old = NULL;
  g_autofree char *now = ium_dup_now ();
  const char      *release;
  GPtrArray       *lists[2];
  sqlite3_stmt    *stmt;
  gint64           id;

  g_return_val_if_fail (IUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && IUM_IS_PLAN (plan) && who != NULL, FALSE);

  if (!ium_rollout_check_name (name, error))
    return FALSE;
  if (max_failures == 0)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID,
                   _ ("--max-failures must be at least 1"));
      return FALSE;
    }

  release = ium_plan_get_release (plan);
  if (!ium_store_begin (store, error))
    return FALSE;

  id = ium_rollout_read_row (store, name, &old, error);
  if (id < 0 || (id > 0 && !read_upgrades (store, id, old, error)))
    goto failed;

  if (old != NULL && !g_str_equal (old->release, release))
    {
      gboolean started = FALSE;

      for (guint i = 0; i < old->upgrades->len; i++)
        started |= ((IumRolloutUpgrade *) g_ptr_array_index (old->upgrades, i))->state
                   != IUM_UPGRADE_PLANNED;
      if (started)
        {
          g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID,
                       _ ("rollout “%s” deploys %s and has started; it cannot change to %s. "
                          "Save the new plan under another name."),
                       name, old->release, release);
          goto failed;
        }
    }

  if (id == 0)
    {
      stmt = ium_store_prepare (store,
                                "INSERT INTO rollouts (name, release, request, "
                                "max_failures, created, who) VALUES (?, ?, ?, ?, ?, ?)",
                                error);
      if (stmt == NULL)
        goto failed;
      ium_bind_text (stmt, 1, name);
      ium_bind_text (stmt, 2, release);
      ium_bind_text (stmt, 3, request_text ? request_text : "{}");
      sqlite3_bind_int (stmt, 4, (int) max_failures);
      ium_bind_text (stmt, 5, now);
      ium_bind_text (stmt, 6, who);
      if (!ium_store_step_done (store, stmt, N_ ("saving a rollout"), error))
        goto failed;
      id = sqlite3_last_insert_rowid (ium_store_get_db (store));
    }
  else
    {
      stmt = ium_store_prepare (store,
                                "UPDATE rollouts SET release = ?, request = ?, "
                                "max_failures = ?, who = ? WHERE id = ?",
                                error);
      if (stmt == NULL)
        goto failed;
      ium_bind_text (stmt, 1, release);
      ium_bind_text (stmt, 2, request_text ? request_text : "{}");
      sqlite3_bind_int (stmt, 3, (int) max_failures);
      ium_bind_text (stmt, 4, who);
      sqlite3_bind_int64 (stmt, 5, id);
      if (!ium_store_step_done (store, stmt, N_ ("saving a rollout"), error))
        goto failed;

      /* What already happened stays; only what is still planned is placed again. */
      stmt = ium_store_prepare (store,
                                "DELETE FROM rollout_upgrades WHERE rollout_id = ? "
                                "AND state = 'planned'",
                                error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!ium_store_step_done (store, stmt, N_ ("replacing planned upgrades"), error))
        goto failed;
    }

  lists[0] = ium_plan_get_upgrades (plan);
  lists[1] = ium_plan_get_unscheduled (plan);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        IumPlannedUpgrade *upgrade = g_ptr_array_index (lists[l], i);

        /* The planner returns the fixed upgrades too; they are in the table already. */
        if (is_kept (old, upgrade->instrument))
          continue;
        if (!insert_upgrade (store, id, upgrade, now, who, error))
          goto failed;
      }

  {
    g_autoptr (JsonNode) node = ium_new_object_node ();
    g_autofree char *after_text = NULL;

    json_object_set_string_member (json_node_get_object (node), "release", release);
    json_object_set_int_member (json_node_get_object (node), "max_failures", max_failures);
    json_object_set_string_member (json_node_get_object (node), "request",
                                   request_text ? request_text : "{}");
    after_text = ium_node_text (node);
    if (!ium_write_audit (store, now, who, old ? "replan" : "plan", "rollout", name, NULL,
                          after_text, error))
      goto failed;
  }

  if (!ium_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  ium_store_rollback (store);
  return FALSE;
}

static void
add_optional_string (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
ium_rollout_to_json (const IumRollout *rollout)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (rollout != NULL, NULL);

  json_builder_begin_object (builder);
  add_optional_string (builder, "name", rollout->name);
  add_optional_string (builder, "release", rollout->release);
  json_builder_set_member_name (builder, "request");
  if (rollout->request != NULL && json_parser_load_from_data (parser, rollout->request, -1, NULL)
      && json_parser_get_root (parser) != NULL)
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "max_failures");
  json_builder_add_int_value (builder, rollout->max_failures);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, rollout->paused);
  json_builder_set_member_name (builder, "paused_wave");
  if (rollout->paused)
    json_builder_add_int_value (builder, rollout->paused_wave);
  else
    json_builder_add_null_value (builder);
  add_optional_string (builder, "created", rollout->created);
  add_optional_string (builder, "who", rollout->who);
  json_builder_set_member_name (builder, "upgrades");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rollout->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "instrument", upgrade->instrument);
      json_builder_set_member_name (builder, "wave");
      json_builder_add_int_value (builder, upgrade->wave);
      add_optional_string (builder, "start", upgrade->start);
      add_optional_string (builder, "end", upgrade->end);
      add_optional_string (builder, "window", upgrade->window);
      add_optional_string (builder, "state", ium_upgrade_state_to_string (upgrade->state));
      add_optional_string (builder, "note", upgrade->note);
      add_optional_string (builder, "updated", upgrade->updated);
      add_optional_string (builder, "who", upgrade->who);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GPtrArray *
ium_audit_list (IumStore *store, GDateTime *since, const char *instrument, GError **error)
{
  g_autoptr (GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_audit_entry_free);
  g_autofree char *since_text = dup_utc_text (since);
  sqlite3_stmt    *stmt;
  int              rc;

  g_return_val_if_fail (IUM_IS_STORE (store), NULL);

  /* Times are stored as UTC "YYYY-MM-DDTHH:MM:SSZ", which sorts as text. */
  stmt = ium_store_prepare (store,
                            "SELECT id, time, who, action, kind, key, before, after FROM audit "
                            "WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR (key = ?2 AND "
                            "kind IN ('instrument', 'upgrade'))) ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  ium_bind_text (stmt, 1, since_text);
  ium_bind_text (stmt, 2, instrument);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IumAuditEntry *entry = g_new0 (IumAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->time = g_strdup (ium_column_text (stmt, 1));
      entry->who = g_strdup (ium_column_text (stmt, 2));
      entry->action = g_strdup (ium_column_text (stmt, 3));
      entry->kind = g_strdup (ium_column_text (stmt, 4));
      entry->key = g_strdup (ium_column_text (stmt, 5));
      entry->before = g_strdup (ium_column_text (stmt, 6));
      entry->after = g_strdup (ium_column_text (stmt, 7));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ium_store_set_sqlite_error (store, rc, N_ ("reading the audit log"), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
