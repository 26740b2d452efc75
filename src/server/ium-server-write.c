/* ium-server-write.c: the write API. The router has checked the bearer token and parsed the
 * body; every handler runs on a GTask thread with the request store locked, makes its change
 * through core (one transaction, audited), has the worker reload the snapshot, and answers
 * with the changed object as it now stands.
 *
 * Who acts: the X-IUM-User header. Changes that record a deployment (rollout states, installed
 * versions, the deploy token itself) need it, since only the token's holder may make them;
 * the others fall back to "HTTP client ADDRESS" in the audit log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

#include "ium-rollouts.h"
#include "ium-store-edit.h"
#include "ium-token.h"

/* The person for the audit log. Owned. */
static char *
dup_who (IumRequest *request)
{
  if (request->user != NULL)
    return g_strdup (request->user);
  return g_strdup_printf ("HTTP client %s", request->address ? request->address : "(unknown)");
}

/* NULL when X-IUM-User is there, else the 400. */
static IumResponse *
need_user (IumRequest *request, const char *doing)
{
  if (request->user != NULL)
    return NULL;
  return ium_response_error (SOUP_STATUS_BAD_REQUEST,
                             "%s needs the deploy token, so it needs to know who you are: send "
                             "the header “X-IUM-User: NAME” with the name the token is held "
                             "under",
                             doing);
}

/* Checks the body: a JSON object with only @keys (or no body at all, unless @required).
 * Returns the object (borrowed, NULL when there is no body), or sets @response. */
static JsonObject *
body_object (IumRequest        *request,
             const char *const *keys,
             gboolean           required,
             IumResponse      **response)
{
  g_autofree char *list = g_strjoinv (", ", (char **) keys);
  g_autoptr (GList) members = NULL;
  JsonObject *object;

  *response = NULL;
  if (request->body == NULL)
    {
      if (required)
        *response = ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                        "this change needs a JSON object body with %s", list);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (request->body))
    {
      *response = ium_response_error (SOUP_STATUS_BAD_REQUEST, "the body must be a JSON object%s%s",
                                      *list ? " with " : " (empty)", list);
      return NULL;
    }

  object = json_node_get_object (request->body);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (keys, l->data))
      {
        *response = ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                        "unknown key “%s” in the body; "
                                        "this change takes %s",
                                        (const char *) l->data, *list ? list : "no keys");
        return NULL;
      }
  return object;
}

/* The text member @key of @object (nullable): NULL when absent or null; a 400 when it is
 * something else or required and missing. */
static gboolean
get_text (JsonObject   *object,
          const char   *key,
          gboolean      required,
          const char  **value,
          IumResponse **response)
{
  JsonNode *member = object ? json_object_get_member (object, key) : NULL;

  *value = NULL;
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
      && json_node_get_value_type (member) == G_TYPE_STRING)
    *value = json_node_get_string (member);
  else if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      *response = ium_response_error (SOUP_STATUS_BAD_REQUEST, "“%s” must be text", key);
      return FALSE;
    }
  if (required && (*value == NULL || **value == '\0'))
    {
      *response = ium_response_error (SOUP_STATUS_BAD_REQUEST, "“%s” is missing", key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_bool (JsonObject *object, const char *key, gboolean *value, IumResponse **response)
{
  JsonNode *member = object ? json_object_get_member (object, key) : NULL;

  *value = FALSE;
  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
    {
      *response = ium_response_error (SOUP_STATUS_BAD_REQUEST, "“%s” must be true or false", key);
      return FALSE;
    }
  *value = json_node_get_boolean (member);
  return TRUE;
}

/* The instrument as it stands after a change. */
static IumResponse *
instrument_after_change (IumRequest *request)
{
  g_autoptr (IumSnapshot) snapshot = NULL;

  ium_server_reload_now (request->server);
  snapshot = ium_server_dup_snapshot (request->server);
  return ium_server_instrument_response (snapshot, request->params[0]);
}

/* PUT /api/v1/instruments/NAME {"site", "tags", "hosts"} */
IumResponse *
ium_server_handle_edit (IumRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *who = dup_who (request);
  IumResponse     *response;

  /* Core checks the edit itself, keys included, and names what is wrong in it. */
  if (request->body == NULL)
    return ium_response_error (SOUP_STATUS_BAD_REQUEST, "this change needs a JSON object body "
                                                        "with any of site, tags and hosts");
  if (JSON_NODE_HOLDS_OBJECT (request->body)
      && json_object_has_member (json_node_get_object (request->body), "hosts")
      && (response = need_user (request, "changing installed versions")) != NULL)
    return response;

  if (!ium_store_edit_instrument (request->server->store, request->params[0], request->body, who,
                                  &error))
    return ium_response_from_error (error);
  return instrument_after_change (request);
}

/* PUT /api/v1/instruments/NAME/pin {"release": VERSION} */
IumResponse *
ium_server_handle_pin (IumRequest *request)
{
  static const char *const keys[] = { "release", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *who = dup_who (request);
  IumResponse     *response;
  JsonObject      *object = body_object (request, keys, TRUE, &response);
  const char      *release;

  if (object == NULL || !get_text (object, "release", TRUE, &release, &response))
    return response;
  if (!ium_store_set_pin (request->server->store, request->params[0], release, who, &error))
    return ium_response_from_error (error);
  return instrument_after_change (request);
}

/* DELETE /api/v1/instruments/NAME/pin */
IumResponse *
ium_server_handle_unpin (IumRequest *request)
{
  static const char *const keys[] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *who = dup_who (request);
  IumResponse     *response;

  body_object (request, keys, FALSE, &response);
  if (response != NULL)
    return response;
  if (!ium_store_set_pin (request->server->store, request->params[0], NULL, who, &error))
    return ium_response_from_error (error);
  return instrument_after_change (request);
}

static IumResponse *
set_busy (IumRequest *request, gboolean busy)
{
  static const char *const busy_keys[] = { "note", NULL };
  static const char *const free_keys[] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *who = dup_who (request);
  IumResponse     *response;
  JsonObject      *object = body_object (request, busy ? busy_keys : free_keys, FALSE, &response);
  const char      *note = NULL;

  if (response != NULL || !get_text (object, "note", FALSE, &note, &response))
    return response;
  if (!ium_store_set_busy (request->server->store, request->params[0], busy, note, who, &error))
    return ium_response_from_error (error);
  return instrument_after_change (request);
}

/* PUT /api/v1/instruments/NAME/busy [{"note": TEXT}] */
IumResponse *
ium_server_handle_busy (IumRequest *request)
{
  return set_busy (request, TRUE);
}

/* DELETE /api/v1/instruments/NAME/busy */
IumResponse *
ium_server_handle_free (IumRequest *request)
{
  return set_busy (request, FALSE);
}

/* POST /api/v1/downtime {"start", "end", "label", "instruments"} */
IumResponse *
ium_server_handle_add_window (IumRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumSnapshot) snapshot = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *who = dup_who (request);
  g_autofree char *key = NULL;
  g_autofree char *location = NULL;
  g_autofree char *escaped = NULL;
  IumWindow       *window;
  IumResponse     *response;

  if (request->body == NULL)
    return ium_response_error (SOUP_STATUS_BAD_REQUEST,
                               "this change needs a JSON object body "
                               "with start, end, label and optionally instruments");
  if (!ium_store_put_window (request->server->store, request->body, who, &key, &error))
    return ium_response_from_error (error);

  ium_server_reload_now (request->server);
  snapshot = ium_server_dup_snapshot (request->server);
  g_mutex_lock (&snapshot->models_lock);
  window = ium_inventory_lookup_window (ium_fleet_get_inventory (snapshot->fleet), key);
  if (window != NULL)
    node = ium_server_window_to_json (window);
  g_mutex_unlock (&snapshot->models_lock);
  if (node == NULL)
    return ium_response_error (SOUP_STATUS_INTERNAL_SERVER_ERROR,
                               "the window was saved but "
                               "the inventory was not reloaded in time; GET /api/v1/downtime");

  response = ium_response_json (SOUP_STATUS_CREATED, node);
  escaped = g_uri_escape_string (key, NULL, FALSE);
  location = g_strconcat ("/api/v1/downtime/", escaped, NULL);
  ium_response_add_header (response, "Location", location);
  return response;
}

/* DELETE /api/v1/downtime/KEY */
IumResponse *
ium_server_handle_remove_window (IumRequest *request)
{
  static const char *const keys[] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (request->server);
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *who = dup_who (request);
  const char      *key = request->params[0];
  IumWindow       *window;
  IumResponse     *response;

  body_object (request, keys, FALSE, &response);
  if (response != NULL)
    return response;

  /* The answer is the window as it was. */
  g_mutex_lock (&snapshot->models_lock);
  window = ium_inventory_lookup_window (ium_fleet_get_inventory (snapshot->fleet), key);
  if (window != NULL)
    node = ium_server_window_to_json (window);
  g_mutex_unlock (&snapshot->models_lock);

  if (!ium_store_remove_window (request->server->store, key, who, &error))
    return ium_response_from_error (error);
  ium_server_reload_now (request->server);

  if (node == NULL)
    {
      JsonObject *object = json_object_new ();

      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, object);
      json_object_set_string_member (object, "key", key);
    }
  return ium_response_json (SOUP_STATUS_OK, node);
}

/* POST /api/v1/rollouts/NAME/instruments/INSTRUMENT {"state", "note", "force"} */
IumResponse *
ium_server_handle_mark (IumRequest *request)
{
  static const char *const keys[] = { "state", "note", "force", NULL };
  g_autoptr (GError) error = NULL;
  IumResponse    *response;
  JsonObject     *object = body_object (request, keys, TRUE, &response);
  const char     *state_text, *note;
  IumUpgradeState state;
  gboolean        force;

  if (object == NULL || !get_text (object, "state", TRUE, &state_text, &response)
      || !get_text (object, "note", FALSE, &note, &response)
      || !get_bool (object, "force", &force, &response)
      || (response = need_user (request, "changing an upgrade's state")) != NULL)
    return response;

  if (!ium_upgrade_state_from_string (state_text, &state, &error)
      || !ium_rollout_mark (request->server->store, request->params[0], request->params[1], state,
                            note, force, request->user, &error))
    return ium_response_from_error (error);

  ium_server_reload_now (request->server);
  return ium_server_rollout_response (request->server, request->params[0]);
}

/* POST /api/v1/rollouts/NAME/resume */
IumResponse *
ium_server_handle_resume (IumRequest *request)
{
  static const char *const keys[] = { NULL };
  g_autoptr (GError) error = NULL;
  IumResponse *response;

  body_object (request, keys, FALSE, &response);
  if (response != NULL || (response = need_user (request, "resuming a rollout")) != NULL)
    return response;
  if (!ium_rollout_resume (request->server->store, request->params[0], request->user, &error))
    return ium_response_from_error (error);
  return ium_server_rollout_response (request->server, request->params[0]);
}

/* PUT /api/v1/token [{"note", "steal", "reason"}] */
IumResponse *
ium_server_handle_take_token (IumRequest *request)
{
  static const char *const keys[] = { "note", "steal", "reason", NULL };
  g_autoptr (GError) error = NULL;
  IumResponse *response;
  JsonObject  *object = body_object (request, keys, FALSE, &response);
  const char  *note, *reason;
  gboolean     steal;

  if (response != NULL || !get_text (object, "note", FALSE, &note, &response)
      || !get_text (object, "reason", FALSE, &reason, &response)
      || !get_bool (object, "steal", &steal, &response)
      || (response = need_user (request, "taking the deploy token")) != NULL)
    return response;
  if (reason != NULL && !steal)
    return ium_response_error (SOUP_STATUS_BAD_REQUEST, "“reason” goes with \"steal\": true");

  if (!ium_token_take (request->server->store, request->user, note, steal, reason, &error))
    return ium_response_from_error (error);
  return ium_server_token_response (request->server);
}

/* DELETE /api/v1/token [{"note"}] */
IumResponse *
ium_server_handle_release_token (IumRequest *request)
{
  static const char *const keys[] = { "note", NULL };
  g_autoptr (GError) error = NULL;
  IumResponse *response;
  JsonObject  *object = body_object (request, keys, FALSE, &response);
  const char  *note;

  if (response != NULL || !get_text (object, "note", FALSE, &note, &response)
      || (response = need_user (request, "releasing the deploy token")) != NULL)
    return response;
  if (!ium_token_release (request->server->store, request->user, note, &error))
    return ium_response_from_error (error);
  return ium_server_token_response (request->server);
}
