/* ium-client-http.c: the client check's requests, and reading the server's answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-client"

#include "config.h"

#include "ium-client-private.h"

#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

/* The server's answers are a few hundred bytes; anything much larger is not a verdict. */
#define MAX_BODY_SIZE (1024 * 1024)

/* Turns the base URL into the prefix of every request, or says why it cannot be one. */
void
ium_client_parse_base_url (IumClient *self)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const char      *scheme;

  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->base_url_problem, g_free);

  if (self->base_url == NULL || self->base_url[0] == '\0')
    {
      self->base_url_problem = g_strdup (_ ("no server URL was given"));
      return;
    }

  uri = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      self->base_url_problem =
        g_strdup_printf (_ ("“%s” is not a URL: %s"), self->base_url, error->message);
      return;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    {
      self->base_url_problem =
        g_strdup_printf (_ ("“%s” is not an http or https URL"), self->base_url);
      return;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      self->base_url_problem = g_strdup_printf (_ ("“%s” names no host"), self->base_url);
      return;
    }

  /* Credentials would end up in every error message, which clients log and show. */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      self->base_url_problem = g_strdup (_ ("the server URL carries a user name or password, "
                                            "which the check does not use; remove them"));
      return;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      self->base_url_problem = g_strdup_printf (_ ("“%s” has a query or fragment; give the "
                                                   "server's address only"),
                                                self->base_url);
      return;
    }

  /* A server behind a reverse proxy may live under a path: keep it, without its last slash,
   * so that "/api/v1/..." can follow. */
  path = g_strdup (g_uri_get_path (uri));
  while (path[0] != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  /* Without scheme normalisation, which would give an empty path back its slash. */
  self->prefix = g_uri_join (SOUP_HTTP_URI_FLAGS & ~G_URI_FLAGS_SCHEME_NORMALIZE, scheme, NULL,
                             g_uri_get_host (uri), g_uri_get_port (uri), path, NULL, NULL);
}

static gboolean
message_accept_certificate_cb (SoupMessage         *message,
                               GTlsCertificate     *certificate,
                               GTlsCertificateFlags errors,
                               IumClient           *self)
{
  return self->accept_invalid_certificates;
}

/* A new request to @path (which starts with "/") with @query (encoded, nullable). */
static SoupMessage *
create_message (
  IumClient *self, const char *method, const char *path, const char *query, GError **error)
{
  g_autofree char *url = NULL;
  SoupMessage     *message;

  if (self->prefix == NULL)
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE,
                   _ ("Cannot ask the Instrument Update Manager server: %s"),
                   self->base_url_problem);
      return NULL;
    }

  url = g_strconcat (self->prefix, path, query != NULL ? "?" : NULL, query, NULL);
  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE,
                   _ ("Cannot ask the Instrument Update Manager server: “%s” is not a valid URL"),
                   url);
      return NULL;
    }

  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  g_signal_connect_object (message, "accept-certificate",
                           G_CALLBACK (message_accept_certificate_cb), self, 0);

  return message;
}

SoupMessage *
ium_client_new_check_message (IumClient  *self,
                              const char *instrument,
                              const char *component,
                              const char *version,
                              GError    **error)
{
  g_autofree char *query =
    soup_form_encode ("instrument", instrument, "component", component, "version", version, NULL);

  return create_message (self, SOUP_METHOD_GET, "/api/v1/check", query, error);
}

SoupMessage *
ium_client_new_connect_anyway_message (IumClient  *self,
                                       const char *instrument,
                                       const char *component,
                                       const char *version,
                                       GError    **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GBytes) body = NULL;
  SoupMessage *message;
  char        *text;

  message = create_message (self, SOUP_METHOD_POST, "/api/v1/check/connect-anyway", NULL, error);
  if (message == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "instrument");
  json_builder_add_string_value (builder, instrument);
  json_builder_set_member_name (builder, "component");
  json_builder_add_string_value (builder, component);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, version);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  return message;
}

/* Words for a failure to get any answer from the server. Cancellation stays as it is, so a
 * caller can tell it from a dead server. */
void
ium_client_propagate_transport_error (IumClient *self, GError *transport_error, GError **error)
{
  if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, transport_error);
  else if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE,
                   _ ("The Instrument Update Manager server at %s did not answer within %u s"),
                   self->prefix, self->timeout);
      g_error_free (transport_error);
    }
  else if (transport_error->domain == G_TLS_ERROR)
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE,
                   _ ("The Instrument Update Manager server at %s did not prove who it is (%s); "
                      "trust the facility's certificate authority with the client's TLS "
                      "database"),
                   self->prefix, transport_error->message);
      g_error_free (transport_error);
    }
  else
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE,
                   _ ("Could not reach the Instrument Update Manager server at %s: %s"),
                   self->prefix, transport_error->message);
      g_error_free (transport_error);
    }
}

/* The "error" member of an error answer, or NULL. Borrowed from @parser. */
static const char *
find_error_text (JsonParser *parser)
{
  JsonNode *root = json_parser_get_root (parser);
  JsonNode *member;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  member = json_object_get_member (json_node_get_object (root), "error");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (member);
}

/* Reads the server's answer to @message: a verdict, or an error that says what went wrong
 * in the server's words where it gave some. */
IumVerdict *
ium_client_read_answer (IumClient *self, SoupMessage *message, GBytes *body, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) json_error = NULL;
  g_autoptr (GError) verdict_error = NULL;
  guint       status = soup_message_get_status (message);
  const char *reason = soup_message_get_reason_phrase (message);
  const char *server_text = NULL;
  gboolean    is_json = FALSE;
  gsize       size = 0;
  const char *data = g_bytes_get_data (body, &size);
  IumVerdict *verdict;

  if (size > MAX_BODY_SIZE)
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_PROTOCOL,
                   _ ("The server at %s answered %lu bytes, far too many for a check answer"),
                   self->prefix, (unsigned long) size);
      return NULL;
    }

  if (size > 0 && data != NULL)
    is_json = json_parser_load_from_data (parser, data, size, &json_error);
  if (is_json)
    server_text = find_error_text (parser);

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_BAD_REQUEST)
    {
      IumClientError code =
        status == SOUP_STATUS_NOT_FOUND ? IUM_CLIENT_ERROR_NOT_FOUND : IUM_CLIENT_ERROR_INVALID;

      if (server_text != NULL)
        g_set_error_literal (error, IUM_CLIENT_ERROR, code, server_text);
      else
        g_set_error (error, IUM_CLIENT_ERROR, code, _ ("The server at %s answered %u %s"),
                     self->prefix, status, reason);
      return NULL;
    }

  /* A server that fails, or a proxy in front of one that is down, is as good as unreachable:
   * the client goes on without the check. */
  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      if (server_text != NULL)
        g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE,
                     /* Translators: the server's address, the HTTP status and reason, and
                      * the server's own words. */
                     _ ("The Instrument Update Manager server at %s failed: %u %s: %s"),
                     self->prefix, status, reason, server_text);
      else
        g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE,
                     _ ("The Instrument Update Manager server at %s failed: %u %s"), self->prefix,
                     status, reason);
      return NULL;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_PROTOCOL,
                   _ ("The server at %s answered %u %s, not a verdict; is it an Instrument "
                      "Update Manager server?"),
                   self->prefix, status, reason);
      return NULL;
    }

  if (!is_json)
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_PROTOCOL,
                   _ ("The server at %s did not answer with JSON: %s"), self->prefix,
                   json_error != NULL ? json_error->message : _ ("the answer is empty"));
      return NULL;
    }

  verdict = ium_verdict_new_from_json (json_parser_get_root (parser), &verdict_error);
  if (verdict == NULL)
    {
      g_set_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_PROTOCOL,
                   _ ("The server at %s answered JSON that is not a verdict: %s"), self->prefix,
                   verdict_error->message);
      return NULL;
    }

  return verdict;
}
