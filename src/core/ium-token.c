/* ium-token.c: the deploy token, which one person holds at a time; taking, releasing and
 * stealing it is kept in its history.
 *
 * Every change runs in one BEGIN IMMEDIATE transaction that reads the token after the write
 * lock is held, so two processes can never both take a free token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-rollouts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-token.h"

#include "ium-rollouts-private.h"
#include "ium-store-write.h"

/* The deploy token */

void
ium_token_free (IumToken *token)
{
  if (token == NULL)
    return;
  g_free (token->holder);
  g_free (token->since);
  g_free (token->note);
  g_free (token);
}

void
ium_token_event_free (IumTokenEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->time);
  g_free (event->who);
  g_free (event->action);
  g_free (event->note);
  g_free (event->reason);
  g_free (event);
}

static IumToken *
read_token (IumStore *store, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "SELECT holder, since, note FROM token "
                                          "WHERE id = 1",
                                          error);
  IumToken     *token;
  int           rc;

  if (stmt == NULL)
    return NULL;
  token = g_new0 (IumToken, 1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      token->holder = g_strdup (ium_column_text (stmt, 0));
      token->since = g_strdup (ium_column_text (stmt, 1));
      token->note = g_strdup (ium_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ium_token_free (token);
      ium_store_set_sqlite_error (store, rc, N_ ("reading the deploy token"), error);
      return NULL;
    }
  return token;
}

static void
set_held_error (GError **error, IumToken *token)
{
  if (token->note != NULL)
    /* Translators: who, since when (an RFC 3339 time), and their note. */
    g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                 _ ("the deploy token is held by %s since %s (note: “%s”). Ask them to release "
                    "it, or take it over with 'ium token take --steal --reason TEXT'."),
                 token->holder, token->since, token->note);
  else
    g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                 _ ("the deploy token is held by %s since %s. Ask them to release it, or take it "
                    "over with 'ium token take --steal --reason TEXT'."),
                 token->holder, token->since);
}

/* Inside a transaction: refuses unless @who holds the token. */
gboolean
ium_check_token (IumStore *store, const char *who, GError **error)
{
  g_autoptr (IumToken) token = read_token (store, error);

  if (token == NULL)
    return FALSE;
  if (token->holder == NULL)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                   _ ("take the deploy token first: ium token take"));
      return FALSE;
    }
  if (!g_str_equal (token->holder, who))
    {
      set_held_error (error, token);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
ium_token_to_json (const IumToken *token)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (token != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "holder");
  if (token->holder)
    json_builder_add_string_value (builder, token->holder);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "since");
  if (token->since)
    json_builder_add_string_value (builder, token->since);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "note");
  if (token->note)
    json_builder_add_string_value (builder, token->note);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * ium_token_get:
 * @store: a store
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the token; its holder is %NULL when nobody holds it
 */
IumToken *
ium_token_get (IumStore *store, GError **error)
{
  g_return_val_if_fail (IUM_IS_STORE (store), NULL);

  return read_token (store, error);
}

static gboolean
write_token (
  IumStore *store, const char *holder, const char *since, const char *note, GError **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "UPDATE token SET holder = ?, since = ?, "
                                          "note = ? WHERE id = 1",
                                          error);
  if (stmt == NULL)
    return FALSE;
  ium_bind_text (stmt, 1, holder);
  ium_bind_text (stmt, 2, since);
  ium_bind_text (stmt, 3, note);
  return ium_store_step_done (store, stmt, N_ ("writing the deploy token"), error);
}

static gboolean
write_history (IumStore   *store,
               const char *now,
               const char *who,
               const char *action,
               const char *note,
               const char *reason,
               GError    **error)
{
  sqlite3_stmt *stmt = ium_store_prepare (store,
                                          "INSERT INTO token_history (time, who, "
                                          "action, note, reason) VALUES (?, ?, ?, ?, ?)",
                                          error);
  if (stmt == NULL)
    return FALSE;
  ium_bind_text (stmt, 1, now);
  ium_bind_text (stmt, 2, who);
  ium_bind_text (stmt, 3, action);
  ium_bind_text (stmt, 4, note);
  ium_bind_text (stmt, 5, reason);
  return ium_store_step_done (store, stmt, N_ ("writing the token history"), error);
}

gboolean
ium_token_take (IumStore   *store,
                const char *who,
                const char *note,
                gboolean    steal,
                const char *reason,
                GError    **error)
{
  g_autoptr (IumToken) token = NULL;
  g_autofree char *now = ium_dup_now ();
  gboolean         stealing;

  g_return_val_if_fail (IUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (who != NULL, FALSE);

  if (!ium_store_check_text (_ ("the note"), note, error)
      || !ium_store_check_text (_ ("the reason"), reason, error)
      || !ium_store_check_text (_ ("the name of who made the change"), who, error))
    return FALSE;
  if (steal && (reason == NULL || *reason == '\0'))
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID,
                   _ ("taking over the deploy token needs a reason: --steal --reason TEXT"));
      return FALSE;
    }

  if (!ium_store_begin (store, error))
    return FALSE;
  if ((token = read_token (store, error)) == NULL)
    goto failed;

  if (token->holder != NULL && g_str_equal (token->holder, who))
    {
      ium_store_rollback (store);
      return TRUE;
    }
  stealing = token->holder != NULL;
  if (stealing && !steal)
    {
      set_held_error (error, token);
      goto failed;
    }

  if (!write_token (store, who, now, note, error)
      || !write_history (store, now, who, stealing ? "steal" : "take", note, reason, error))
    goto failed;

  if (stealing)
    {
      g_autoptr (JsonNode) before = ium_token_to_json (token);
      IumToken taken = { (char *) who, now, (char *) note };
      g_autoptr (JsonNode) after = ium_token_to_json (&taken);
      g_autofree char *before_text = ium_node_text (before);
      g_autofree char *after_text = NULL;

      json_object_set_string_member (json_node_get_object (after), "reason", reason);
      after_text = ium_node_text (after);
      if (!ium_write_audit (store, now, who, "steal", "token", "deploy", before_text, after_text,
                            error))
        goto failed;
    }

  if (!ium_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  ium_store_rollback (store);
  return FALSE;
}

gboolean
ium_token_release (IumStore *store, const char *who, const char *note, GError **error)
{
  g_autoptr (IumToken) token = NULL;
  g_autofree char *now = ium_dup_now ();

  g_return_val_if_fail (IUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (who != NULL, FALSE);

  if (!ium_store_begin (store, error))
    return FALSE;
  if ((token = read_token (store, error)) == NULL)
    goto failed;

  if (token->holder == NULL)
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                   _ ("nobody holds the deploy token, so %s cannot release it"), who);
      goto failed;
    }
  if (!g_str_equal (token->holder, who))
    {
      g_set_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED,
                   _ ("only the holder can release the deploy token: it is held by %s since %s, "
                      "not by %s"),
                   token->holder, token->since, who);
      goto failed;
    }

  if (!write_token (store, NULL, NULL, NULL, error)
      || !write_history (store, now, who, "release", note, NULL, error)
      || !ium_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  ium_store_rollback (store);
  return FALSE;
}

GPtrArray *
ium_token_list_history (IumStore *store, GError **error)
{
  g_autoptr (GPtrArray) events =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_token_event_free);
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (IUM_IS_STORE (store), NULL);

  stmt = ium_store_prepare (store,
                            "SELECT time, who, action, note, reason FROM token_history "
                            "ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IumTokenEvent *event = g_new0 (IumTokenEvent, 1);

      event->time = g_strdup (ium_column_text (stmt, 0));
      event->who = g_strdup (ium_column_text (stmt, 1));
      event->action = g_strdup (ium_column_text (stmt, 2));
      event->note = g_strdup (ium_column_text (stmt, 3));
      event->reason = g_strdup (ium_column_text (stmt, 4));
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ium_store_set_sqlite_error (store, rc, N_ ("reading the token history"), error);
      return NULL;
    }
  return g_steal_pointer (&events);
}
