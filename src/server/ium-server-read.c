/* ium-server-read.c: the read API. The inventory, releases and downtime windows come from the
 * snapshot; rollouts and the deploy token from the database (under the request store lock).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

#include "ium-inventory-file.h"
#include "ium-rollouts.h"
#include "ium-token.h"

static JsonNode *
new_object_node (JsonObject **object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  *object = json_object_new ();
  json_node_take_object (node, *object);
  return node;
}

/* GET /api/v1/instruments: the object `ium status --json` prints. */
IumResponse *
ium_server_handle_instruments (IumRequest *request)
{
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (request->server);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&snapshot->models_lock);
  gsize length;
  char *text = ium_fleet_status_to_data (snapshot->fleet, NULL, &length);

  return ium_response_json_text (SOUP_STATUS_OK, text, length);
}

IumResponse *
ium_server_instrument_response (IumSnapshot *snapshot, const char *name)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&snapshot->models_lock);
  IumInventory  *inventory = ium_fleet_get_inventory (snapshot->fleet);
  IumInstrument *instrument = ium_inventory_lookup_instrument (inventory, name);
  g_autoptr (JsonNode) node = NULL;

  if (instrument == NULL)
    return ium_response_error (SOUP_STATUS_NOT_FOUND, "unknown instrument “%s”", name);
  node = ium_fleet_instrument_to_json (snapshot->fleet, instrument);
  return ium_response_json (SOUP_STATUS_OK, node);
}

/* GET /api/v1/instruments/NAME: one element of the status "instruments" array. */
IumResponse *
ium_server_handle_instrument (IumRequest *request)
{
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (request->server);

  return ium_server_instrument_response (snapshot, request->params[0]);
}

/* GET /api/v1/releases: every release as the inventory file has it, oldest first. */
IumResponse *
ium_server_handle_releases (IumRequest *request)
{
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (request->server);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&snapshot->models_lock);
  IumInventory *inventory = ium_fleet_get_inventory (snapshot->fleet);
  GListModel   *releases = ium_inventory_get_releases (inventory);
  IumRelease   *newest = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);
  JsonObject   *object;
  g_autoptr (JsonNode) node = new_object_node (&object);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (releases); i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, i);
      json_array_add_element (array, ium_release_to_json (release));
    }
  json_object_set_array_member (object, "releases", array);
  if (newest != NULL)
    json_object_set_string_member (object, "newest_official",
                                   ium_release_get_version_text (newest));
  else
    json_object_set_null_member (object, "newest_official");
  return ium_response_json (SOUP_STATUS_OK, node);
}

/* A window as the file writes it, with its key first (for DELETE /api/v1/downtime/KEY). */
JsonNode *
ium_server_window_to_json (IumWindow *window)
{
  JsonObject *object;
  JsonNode   *node = new_object_node (&object);
  g_autoptr (JsonNode) file_form = ium_window_to_json (window);
  JsonObject *file_object = json_node_get_object (file_form);
  g_autoptr (GList) members = json_object_get_members (file_object);
  g_autofree char *key = ium_window_dup_key (window);

  json_object_set_string_member (object, "key", key);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data,
                            json_node_copy (json_object_get_member (file_object, l->data)));
  return node;
}

/* GET /api/v1/downtime: every window, by start. */
IumResponse *
ium_server_handle_downtime (IumRequest *request)
{
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (request->server);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&snapshot->models_lock);
  GListModel *windows = ium_inventory_get_windows (ium_fleet_get_inventory (snapshot->fleet));
  JsonObject *object;
  g_autoptr (JsonNode) node = new_object_node (&object);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (IumWindow) window = g_list_model_get_item (windows, i);
      json_array_add_element (array, ium_server_window_to_json (window));
    }
  json_object_set_array_member (object, "downtime", array);
  return ium_response_json (SOUP_STATUS_OK, node);
}

/* GET /api/v1/rollouts: every saved rollout with its upgrades, by name. */
IumResponse *
ium_server_handle_rollouts (IumRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rollouts = ium_rollout_list (request->server->store, &error);
  JsonObject *object;
  g_autoptr (JsonNode) node = NULL;
  JsonArray *array;

  if (rollouts == NULL)
    return ium_response_from_error (error);

  node = new_object_node (&object);
  array = json_array_new ();
  for (guint i = 0; i < rollouts->len; i++)
    json_array_add_element (array, ium_rollout_to_json (g_ptr_array_index (rollouts, i)));
  json_object_set_array_member (object, "rollouts", array);
  return ium_response_json (SOUP_STATUS_OK, node);
}

IumResponse *
ium_server_rollout_response (IumServer *server, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRollout) rollout = ium_rollout_load (server->store, name, &error);
  g_autoptr (JsonNode) node = NULL;

  if (rollout == NULL)
    return ium_response_from_error (error);
  node = ium_rollout_to_json (rollout);
  return ium_response_json (SOUP_STATUS_OK, node);
}

/* GET /api/v1/rollouts/NAME */
IumResponse *
ium_server_handle_rollout (IumRequest *request)
{
  return ium_server_rollout_response (request->server, request->params[0]);
}

IumResponse *
ium_server_token_response (IumServer *server)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumToken) token = ium_token_get (server->store, &error);
  g_autoptr (JsonNode) node = NULL;

  if (token == NULL)
    return ium_response_from_error (error);
  node = ium_token_to_json (token);
  return ium_response_json (SOUP_STATUS_OK, node);
}

/* GET /api/v1/token: who holds the deploy token. */
IumResponse *
ium_server_handle_token (IumRequest *request)
{
  return ium_server_token_response (request->server);
}
