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

/* The verdict for the three values, counted and logged as @event. */
static IumResponse *
answer (IumRequest *request, const char *const values[3], IumCheckEvent event)
{
  IumServer *self = request->server;
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (self);
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  verdict = ium_fleet_check (snapshot->fleet, values[0], values[1], values[2], &error);
  if (verdict == NULL)
    {
      IumResponse *response = ium_response_from_error (error);

      ium_counter_add (&self->counters.check_errors[response->status == SOUP_STATUS_NOT_FOUND], 1);
      return response;
    }

  if (event == IUM_CHECK_EVENT_CHECK)
    ium_counter_add (&self->counters.checks[ium_verdict_get_status (verdict)], 1);
  else
    ium_counter_add (&self->counters.connect_anyway, 1);
  ium_server_log_check (self,
                        ium_check_record_new_from_verdict (verdict, event, NULL, request->address));

  node = ium_verdict_to_json (verdict);
  return ium_response_json (SOUP_STATUS_OK, node);
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
