/* ium-rollout-mark.c: changes to a saved rollout's upgrade states, and pausing and resuming
 * the rollout (saving and reading rollouts is in ium-rollouts.c).
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

#include "ium-inventory-file.h"
#include "ium-store-write.h"

static IumRolloutUpgrade *
find_upgrade (IumRollout *rollout, const char *instrument)
{
  for (guint i = 0; i < rollout->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, i);
      if (g_str_equal (upgrade->instrument, instrument))
        return upgrade;
    }
  return NULL;
}

static gboolean
is_busy (IumStore *store, const char *instrument, gboolean *busy, char **note, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "SELECT note FROM instrument_busy "
                                          "WHERE instrument = ?",
                                          error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  ium_bind_text (stmt, 1, instrument);
  rc = sqlite3_step (stmt);
  *busy = rc == SQLITE_ROW;
  if (*busy)
    *note = g_strdup (ium_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ium_store_set_sqlite_error (store, rc, N_ ("reading the busy mark"), error);
  return TRUE;
}

/* The "installed" map of the host called @host in @instrument_json (an instrument as
 * ium_instrument_to_json() writes it), or NULL. */
static JsonObject *
find_installed (JsonObject *instrument_json, const char *host)
{
  JsonArray *hosts;

  if (instrument_json == NULL || !json_object_has_member (instrument_json, "hosts"))
    return NULL;
  hosts = json_object_get_array_member (instrument_json, "hosts");
  for (guint i = 0; hosts != NULL && i < json_array_get_length (hosts); i++)
    {
      JsonObject *candidate = json_array_get_object_element (hosts, i);

      if (candidate != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (candidate, "name", ""), host)
               == 0)
        return json_object_has_member (candidate, "installed")
                 ? json_object_get_object_member (candidate, "installed")
                 : NULL;
    }
  return NULL;
}

/* Sets @component on host @host of @instrument to @version. */
static gboolean
set_installed (IumStore   *store,
               const char *instrument,
               const char *host,
               const char *component,
               const char *version,
               GError    **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "UPDATE installed SET version = ?1 "
                                          "WHERE component = ?2 AND host_id = "
                                          "(SELECT h.id FROM hosts h JOIN instruments i "
                                          "ON h.instrument_id = i.id WHERE i.name = ?3 "
                                          "AND h.name = ?4)",
                                          error);
  if (stmt == NULL)
    return FALSE;
  ium_bind_text (stmt, 1, version);
  ium_bind_text (stmt, 2, component);
  ium_bind_text (stmt, 3, instrument);
  ium_bind_text (stmt, 4, host);
  return ium_store_step_done (store, stmt, N_ ("changing a host's installed versions"), error);
}

/* Sets every component each host of @instrument carries to @release's version of it, with an
 * audit entry for the instrument. */
static gboolean
upgrade_hosts (IumStore   *store,
               const char *rollout_release,
               const char *instrument_name,
               const char *now,
               const char *who,
               GError    **error)
{
  g_autoptr (IumInventory) inventory = ium_store_load_locked (store, error);
  g_autoptr (JsonNode) before = NULL;
  g_autoptr (JsonNode) after = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  IumInstrument   *instrument;
  IumRelease      *release;

  if (inventory == NULL)
    return FALSE;
  instrument = ium_inventory_lookup_instrument (inventory, instrument_name);
  if (instrument == NULL)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND,
                   _ ("instrument “%s” is no longer in the inventory"), instrument_name);
      return FALSE;
    }
  release = ium_inventory_lookup_release (inventory, rollout_release);
  if (release == NULL)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND,
                   _ ("release %s of this rollout is no longer in the inventory"), rollout_release);
      return FALSE;
    }

  /* A fresh node, not json_node_copy(), which would share the object with @before. */
  before = ium_instrument_to_json (instrument);
  after = ium_instrument_to_json (instrument);

  for (guint h = 0; h < ium_instrument_get_n_hosts (instrument); h++)
    {
      IumHost *host = ium_instrument_get_host (instrument, h);
      g_auto (GStrv) ids = ium_host_dup_component_ids (host);
      JsonObject *installed =
        find_installed (json_node_get_object (after), ium_host_get_name (host));

      for (guint c = 0; ids[c] != NULL; c++)
        {
          const char *version = ium_release_get_component_version (release, ids[c]);

          if (!set_installed (store, instrument_name, ium_host_get_name (host), ids[c], version,
                              error))
            return FALSE;
          if (installed != NULL)
            json_object_set_string_member (installed, ids[c], version);
        }
    }

  before_text = ium_node_text (before);
  after_text = ium_node_text (after);
  return ium_write_audit (store, now, who, "upgrade", "instrument", instrument_name, before_text,
                          after_text, error);
}

/* Undoes what `done` recorded: every component that still has the version the release gave
 * it goes back to the version it had before, as the audit entry of the upgrade (written at
 * @done_time) has it. A component changed since (by an import) is left as it is. */
static gboolean
restore_hosts (IumStore   *store,
               const char *rollout_release,
               const char *instrument_name,
               const char *done_time,
               const char *now,
               const char *who,
               GError    **error)
{
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (JsonNode) recorded = NULL;
  g_autoptr (JsonNode) before = NULL;
  g_autoptr (JsonNode) after = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *recorded_text = NULL;
  IumInstrument   *instrument;
  IumRelease      *release;
  sqlite3_stmt    *stmt;
  gboolean         changed = FALSE;
  int              rc;

  stmt = ium_store_prepare (store,
                            "SELECT before FROM audit WHERE action = 'upgrade' AND "
                            "kind = 'instrument' AND key = ? AND time = ? "
                            "ORDER BY id DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ium_bind_text (stmt, 1, instrument_name);
  ium_bind_text (stmt, 2, done_time);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    recorded_text = g_strdup (ium_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ium_store_set_sqlite_error (store, rc, N_ ("reading the upgrade's audit entry"), error);
  /* Nothing recorded, nothing to undo. */
  if (recorded_text == NULL || (recorded = json_from_string (recorded_text, NULL)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (recorded))
    return TRUE;

  if ((inventory = ium_store_load_locked (store, error)) == NULL)
    return FALSE;
  instrument = ium_inventory_lookup_instrument (inventory, instrument_name);
  release = ium_inventory_lookup_release (inventory, rollout_release);
  if (instrument == NULL || release == NULL)
    return TRUE;

  before = ium_instrument_to_json (instrument);
  after = ium_instrument_to_json (instrument);

  for (guint h = 0; h < ium_instrument_get_n_hosts (instrument); h++)
    {
      IumHost    *host = ium_instrument_get_host (instrument, h);
      const char *host_name = ium_host_get_name (host);
      JsonObject *old_installed = find_installed (json_node_get_object (recorded), host_name);
      JsonObject *new_installed = find_installed (json_node_get_object (after), host_name);
      g_auto (GStrv) ids = ium_host_dup_component_ids (host);

      for (guint c = 0; old_installed != NULL && ids[c] != NULL; c++)
        {
          const char *current = ium_host_get_installed_version (host, ids[c]);
          const char *released = ium_release_get_component_version (release, ids[c]);
          const char *old;

          if (!json_object_has_member (old_installed, ids[c])
              || (old = json_object_get_string_member (old_installed, ids[c])) == NULL
              || g_strcmp0 (current, released) != 0 || g_str_equal (old, current))
            continue;

          if (!set_installed (store, instrument_name, host_name, ids[c], old, error))
            return FALSE;
          if (new_installed != NULL)
            json_object_set_string_member (new_installed, ids[c], old);
          changed = TRUE;
        }
    }

  if (!changed)
    return TRUE;
  before_text = ium_node_text (before);
  after_text = ium_node_text (after);
  return ium_write_audit (store, now, who, "roll-back", "instrument", instrument_name, before_text,
                          after_text, error);
}

static char *
dup_state_json (const char *rollout, IumUpgradeState state, const char *note, gboolean forced)
{
  g_autoptr (JsonNode) node = ium_new_object_node ();
  JsonObject *object = json_node_get_object (node);

  json_object_set_string_member (object, "rollout", rollout);
  json_object_set_string_member (object, "state", ium_upgrade_state_to_string (state));
  if (note != NULL)
    json_object_set_string_member (object, "note", note);
  if (forced)
    json_object_set_boolean_member (object, "forced", TRUE);
  return ium_node_text (node);
}

static gboolean
count_failures (IumStore *store, gint64 id, guint wave, guint *count, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "SELECT count(*) FROM rollout_upgrades WHERE "
                                          "rollout_id = ? AND wave = ? AND state = 'failed'",
                                          error);
  int           rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) wave);
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return ium_store_set_sqlite_error (store, rc, N_ ("counting failures"), error);
  return TRUE;
}

static gboolean
set_paused (IumStore *store, gint64 id, gboolean paused, guint wave, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "UPDATE rollouts SET paused = ?, "
                                          "paused_wave = ? WHERE id = ?",
                                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, paused);
  if (paused)
    sqlite3_bind_int (stmt, 2, (int) wave);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, id);
  return ium_store_step_done (store, stmt, N_ ("pausing a rollout"), error);
}

gboolean
ium_rollout_mark (IumStore       *store,
                  const char     *name,
                  const char     *instrument,
                  IumUpgradeState state,
                  const char     *note,
                  gboolean        force,
                  const char     *who,
                  GError        **error)
{
  g_autoptr (IumRollout) rollout = NULL;
  g_autofree char   *now = ium_dup_now ();
  g_autofree char   *before_text = NULL;
  g_autofree char   *after_text = NULL;
  g_autofree char   *busy_note = NULL;
  IumRolloutUpgrade *upgrade;
  gboolean           forced = FALSE;
  sqlite3_stmt      *stmt;
  gint64             id = 0;

  g_return_val_if_fail (IUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && instrument != NULL && who != NULL, FALSE);
  g_return_val_if_fail (ium_upgrade_state_is_valid (state), FALSE);

  if (!ium_store_check_text (_ ("the note"), note, error)
      || !ium_store_check_text (_ ("the name of who made the change"), who, error))
    return FALSE;
  if (!ium_store_begin (store, error))
    return FALSE;

  if ((rollout = ium_rollout_load_with_id (store, name, &id, error)) == NULL)
    goto failed;
  upgrade = find_upgrade (rollout, instrument);
  if (upgrade == NULL)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND,
                   _ ("instrument “%s” is not part of rollout “%s” (see 'ium rollout show %s')"),
                   instrument, name, name);
      goto failed;
    }

  if (!ium_upgrade_state_can_move (upgrade->state, state))
    {
      g_autofree char *allowed = ium_upgrade_state_dup_allowed_moves (upgrade->state);
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID_MOVE,
                   _ ("%s cannot move from %s to %s in rollout “%s”; from %s it can move to %s"),
                   instrument, ium_upgrade_state_to_string (upgrade->state),
                   ium_upgrade_state_to_string (state), name,
                   ium_upgrade_state_to_string (upgrade->state), allowed);
      goto failed;
    }

  if (!ium_check_token (store, who, error))
    goto failed;

  if (state == IUM_UPGRADE_IN_PROGRESS)
    {
      gboolean busy = FALSE;

      if (rollout->paused && upgrade->wave > rollout->paused_wave)
        {
          guint failures = 0;
          if (!count_failures (store, id, rollout->paused_wave, &failures, error))
            goto failed;
          /* Translators: the rollout, the failures, the wave, the rollout again. */
          g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "rollout %s is paused after %u failure in wave %u; resume "
                                    "it with ium rollout resume %s",
                                    "rollout %s is paused after %u failures in wave %u; resume "
                                    "it with ium rollout resume %s",
                                    failures),
                       name, failures, rollout->paused_wave, name);
          goto failed;
        }
      if (!is_busy (store, instrument, &busy, &busy_note, error))
        goto failed;
      if (busy && !force)
        {
          if (busy_note != NULL)
            /* Translators: the instrument, what it is busy with, the instrument again. */
            g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                         _ ("%s is busy (%s); start its upgrade anyway with --force, or wait "
                            "until 'ium instrument free %s'"),
                         instrument, busy_note, instrument);
          else
            g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                         _ ("%s is busy; start its upgrade anyway with --force, or wait until "
                            "'ium instrument free %s'"),
                         instrument, instrument);
          goto failed;
        }
      forced = busy;
    }

  if (state == IUM_UPGRADE_DONE
      && !upgrade_hosts (store, rollout->release, instrument, now, who, error))
    goto failed;
  if (state == IUM_UPGRADE_ROLLED_BACK && upgrade->state == IUM_UPGRADE_DONE
      && !restore_hosts (store, rollout->release, instrument, upgrade->updated, now, who, error))
    goto failed;

  stmt = ium_store_prepare (store,
                            "UPDATE rollout_upgrades SET state = ?, note = ?, "
                            "updated = ?, who = ? WHERE rollout_id = ? AND instrument = ?",
                            error);
  if (stmt == NULL)
    goto failed;
  ium_bind_text (stmt, 1, ium_upgrade_state_to_string (state));
  ium_bind_text (stmt, 2, note ? note : upgrade->note);
  ium_bind_text (stmt, 3, now);
  ium_bind_text (stmt, 4, who);
  sqlite3_bind_int64 (stmt, 5, id);
  ium_bind_text (stmt, 6, instrument);
  if (!ium_store_step_done (store, stmt, N_ ("changing an upgrade's state"), error))
    goto failed;

  before_text = dup_state_json (name, upgrade->state, upgrade->note, FALSE);
  after_text = dup_state_json (name, state, note ? note : upgrade->note, forced);
  if (!ium_write_audit (store, now, who, forced ? "forced-start" : "mark", "upgrade", instrument,
                        before_text, after_text, error))
    goto failed;

  if (state == IUM_UPGRADE_FAILED && !rollout->paused)
    {
      guint failures = 0;

      if (!count_failures (store, id, upgrade->wave, &failures, error))
        goto failed;
      if (failures >= rollout->max_failures)
        {
          g_autofree char *after = g_strdup_printf ("{\"paused\":true,\"wave\":%u,"
                                                    "\"failures\":%u}",
                                                    upgrade->wave, failures);
          if (!set_paused (store, id, TRUE, upgrade->wave, error)
              || !ium_write_audit (store, now, who, "pause", "rollout", name, NULL, after, error))
            goto failed;
        }
    }

  if (!ium_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  ium_store_rollback (store);
  return FALSE;
}

gboolean
ium_rollout_resume (IumStore *store, const char *name, const char *who, GError **error)
{
  g_autoptr (IumRollout) rollout = NULL;
  g_autofree char *now = ium_dup_now ();
  g_autofree char *before = NULL;
  gint64           id;

  g_return_val_if_fail (IUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && who != NULL, FALSE);

  if (!ium_store_begin (store, error))
    return FALSE;
  id = ium_rollout_read_row (store, name, &rollout, error);
  if (id < 0)
    goto failed;
  if (id == 0)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND,
                   _ ("there is no rollout “%s”. 'ium rollout list' shows the saved ones."), name);
      goto failed;
    }
  if (!ium_check_token (store, who, error))
    goto failed;
  if (!rollout->paused)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID_MOVE,
                   _ ("rollout “%s” is not paused"), name);
      goto failed;
    }

  before = g_strdup_printf ("{\"paused\":true,\"wave\":%u}", rollout->paused_wave);
  if (!set_paused (store, id, FALSE, 0, error)
      || !ium_write_audit (store, now, who, "resume", "rollout", name, before, "{\"paused\":false}",
                           error)
      || !ium_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  ium_store_rollback (store);
  return FALSE;
}
