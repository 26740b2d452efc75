/* ium-test-fake-server.c: a stand-in for `ium serve` with only the two client endpoints,
 * for the client tests until the real server is built. Same command line:
 *
 *   ium-test-fake-server --db DB serve --listen 127.0.0.1:0
 *
 * It answers from core (ium_fleet_check), logs every check and "Connect anyway" to the
 * check log at once, and prints "Listening on URL".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ium-check-log.h"
#include "ium-fleet.h"
#include "ium-store.h"

#include <libsoup/soup.h>

static IumStore *store;
static IumFleet *fleet;

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  reply_json (msg, status, node);
}

static void
answer (SoupServerMessage *msg,
        const char        *instrument,
        const char        *component,
        const char        *version,
        IumCheckEvent      event)
{
  g_autoptr(IumVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (
    (GDestroyNotify) ium_check_record_free);

  if (instrument == NULL || component == NULL || version == NULL)
    {
      reply_error (msg, 400, "instrument, component and version are required");
      return;
    }

  verdict = ium_fleet_check (fleet, instrument, component, version, &error);
  if (verdict == NULL)
    {
      reply_error (msg, g_error_matches (error, IUM_CHECK_ERROR,
                                         IUM_CHECK_ERROR_INVALID_VERSION) ? 400 : 404,
                   error->message);
      return;
    }

  g_ptr_array_add (records, ium_check_record_new_from_verdict (verdict, event, NULL, NULL));
  if (!ium_store_append_checks (store, records, &error))
    g_printerr ("cannot log: %s\n", error->message);

  node = ium_verdict_to_json (verdict);
  reply_json (msg, 200, node);
}

static void
check_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  if (query == NULL)
    {
      reply_error (msg, 400, "instrument, component and version are required");
      return;
    }

  answer (msg, g_hash_table_lookup (query, "instrument"), g_hash_table_lookup (query, "component"),
          g_hash_table_lookup (query, "version"), IUM_CHECK_EVENT_CHECK);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
connect_anyway_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, body->data, body->length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_error (msg, 400, "the body must be a JSON object");
      return;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  answer (msg, member_string (object, "instrument"), member_string (object, "component"),
          member_string (object, "version"), IUM_CHECK_EVENT_CONNECT_ANYWAY);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(IumInventory) inventory = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GSList *uris;

  if (argc != 6 || !g_str_equal (argv[1], "--db") || !g_str_equal (argv[3], "serve"))
    {
      g_printerr ("usage: ium-test-fake-server --db DB serve --listen 127.0.0.1:0\n");
      return 2;
    }

  store = ium_store_open_existing (argv[2], &error);
  if (store == NULL || (inventory = ium_store_load (store, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  fleet = ium_fleet_new (inventory);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/api/v1/check", check_cb, NULL, NULL);
  soup_server_add_handler (server, "/api/v1/check/connect-anyway", connect_anyway_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  uris = soup_server_get_uris (server);
  {
    g_autofree char *url = g_uri_to_string (uris->data);
    g_print ("Listening on %s\n", url);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (loop);
  return 0;
}
