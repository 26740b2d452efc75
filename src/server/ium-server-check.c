/* ium-server-check.c: the client check, and a client's report that its user chose to connect
 * anyway. Both answer from the snapshot on the listener thread and queue a check log record;
 * neither waits for the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

static const char *const check_keys[] = { "instrument", "component", "version", NULL };

/* A memo of the verdicts a thread gave, and their JSON, for one snapshot: the same client
 * checks again and again at the start of a cycle, and a snapshot never changes. Each listener
 * thread has its own (no lock on the way of a check); a new snapshot empties it. */
#define MEMO_MAX_ANSWERS 65536

typedef struct
{
  IumVerdict *verdict; /* owned */
  GBytes     *body;    /* owned: the answer's JSON */
} MemoAnswer;

typedef struct
{
  IumServer  *server;     /* borrowed: whose snapshot */
  guint64     generation; /* which of its snapshots */
  GHashTable *answers;    /* owned: the three values (see answer()) -> MemoAnswer */
} Memo;

static void
memo_answer_free (MemoAnswer *answer)
{
  g_object_unref (answer->verdict);
  g_bytes_unref (answer->body);
  g_free (answer);
}

static void
memo_free (Memo *memo)
{
  g_hash_table_unref (memo->answers);
  g_free (memo);
}

static GPrivate memo_private = G_PRIVATE_INIT ((GDestroyNotify) memo_free);

/* This thread's memo for @snapshot of @self, emptied if it was another's. */
static Memo *
memo_get (IumServer *self, IumSnapshot *snapshot)
{
  Memo *memo = g_private_get (&memo_private);

  if (memo == NULL)
    {
      memo = g_new0 (Memo, 1);
      memo->answers =
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) memo_answer_free);
      g_private_set (&memo_private, memo);
    }
  if (memo->server != self || memo->generation != snapshot->generation
      || g_hash_table_size (memo->answers) >= MEMO_MAX_ANSWERS)
    {
      g_hash_table_remove_all (memo->answers);
      memo->server = self;
      memo->generation = snapshot->generation;
    }
  return memo;
}

/* The verdict for the three values, counted and logged as @event. */
static IumResponse *
answer (IumRequest *request, const char *const values[3], IumCheckEvent event)
{
  IumServer *self = request->server;
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (self);
  /* The lengths make it one key for one triple, whatever bytes the values hold. */
  g_autoptr (GString) key = g_string_sized_new (128);
  Memo       *memo = memo_get (self, snapshot);
  MemoAnswer *known;
  IumVerdict *verdict;

  for (guint i = 0; i < 3; i++)
    {
      if (i < 2)
        g_string_append_printf (key, "%zu:", strlen (values[i]));
      g_string_append (key, values[i]);
    }
  known = g_hash_table_lookup (memo->answers, key->str);

  if (known == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (IumResponse) response = NULL;

      verdict = ium_fleet_check (snapshot->fleet, values[0], values[1], values[2], &error);
      if (verdict == NULL)
        {
          response = ium_response_from_error (error);
          ium_counter_add (&self->counters.check_errors[response->status == SOUP_STATUS_NOT_FOUND],
                           1);
          return g_steal_pointer (&response);
        }
      node = ium_verdict_to_json (verdict);
      response = ium_response_json (SOUP_STATUS_OK, node);
      known = g_new0 (MemoAnswer, 1);
      known->verdict = verdict;
      known->body = g_bytes_ref (response->body);
      g_hash_table_insert (memo->answers, g_string_free (g_steal_pointer (&key), FALSE), known);
    }
  verdict = known->verdict;

  if (event == IUM_CHECK_EVENT_CHECK)
    ium_counter_add (&self->counters.checks[ium_verdict_get_status (verdict)], 1);
  else
    ium_counter_add (&self->counters.connect_anyway, 1);
  ium_server_log_check (self,
                        ium_check_record_new_from_verdict (verdict, event, NULL, request->address));

  return ium_response_new (SOUP_STATUS_OK, "application/json", g_bytes_ref (known->body));
}

/* GET /api/v1/check?instrument=&component=&version= */
IumResponse *
ium_server_handle_check (IumRequest *request)
{
  const char *values[3];

  for (guint i = 0; i < 3; i++)
    {
      values[i] = g_hash_table_lookup (request->query, check_keys[i]);
      if (values[i] == NULL || *values[i] == '\0')
        return ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                   "the parameter “%s” is %s; a check needs instrument, "
                                   "component and version, e.g. /api/v1/check?instrument="
                                   "LARMOR&component=ibex-gui&version=12.0.1",
                                   check_keys[i], values[i] ? "empty" : "missing");
    }
  return answer (request, values, IUM_CHECK_EVENT_CHECK);
}

/* POST /api/v1/check/connect-anyway {"instrument": ..., "component": ..., "version": ...} */
IumResponse *
ium_server_handle_connect_anyway (IumRequest *request)
{
  const char *values[3];
  JsonObject *object;
  g_autoptr (GList) members = NULL;

  if (request->body == NULL || !JSON_NODE_HOLDS_OBJECT (request->body))
    return ium_response_error (SOUP_STATUS_BAD_REQUEST,
                               "the body must be a JSON object {\"instrument\": ..., "
                               "\"component\": ..., \"version\": ...}");
  object = json_node_get_object (request->body);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (check_keys, l->data))
      return ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                 "unknown key “%s”; the body has "
                                 "instrument, component and version",
                                 (const char *) l->data);

  for (guint i = 0; i < 3; i++)
    {
      JsonNode *member = json_object_get_member (object, check_keys[i]);

      if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
          || json_node_get_value_type (member) != G_TYPE_STRING
          || *json_node_get_string (member) == '\0')
        return ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                   "“%s” must be given as non-empty "
                                   "text",
                                   check_keys[i]);
      values[i] = json_node_get_string (member);
    }
  return answer (request, values, IUM_CHECK_EVENT_CONNECT_ANYWAY);
}
