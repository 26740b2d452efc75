/* ium-server-router.c: every endpoint, and turning a libsoup message into a request: the path
 * and query decoded and checked, the bearer token, the JSON body. Handlers that need the
 * database or much work run on GTask threads while the message is paused, so that the
 * listener thread is always free to answer checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

#include "ium-json-out.h"

/* Deeper JSON than this is refused before it is parsed: json-glib parses recursively. */
#define MAX_JSON_DEPTH 64
/* A body over IUM_SERVER_MAX_BODY is read and dropped before the 413 up to this size; a
 * larger one gets the 413 at once, and the connection is closed. */
#define MAX_DRAINED_BODY (1024 * 1024)
/* X-IUM-User, in bytes. */
#define MAX_USER_LENGTH 200

typedef enum
{
  ROUTE_INLINE = 0,
  ROUTE_THREAD = 1 << 0,    /* runs on a GTask thread (all that may wait for a lock) */
  ROUTE_STORE = 1 << 1,     /* ... with the request store locked */
  ROUTE_CHANGE = 1 << 2,    /* needs the bearer token */
  ROUTE_BODY = 1 << 3,      /* reads a JSON body (which may be empty) */
  ROUTE_ANY_QUERY = 1 << 4, /* ignores the query (pages people open) */
} RouteFlags;

typedef struct
{
  const char        *method;
  const char        *path; /* "*" matches one segment */
  RouteFlags         flags;
  const char *const *params; /* the query parameters it takes; NULL for none */
  IumResponse *(*handle) (IumRequest *request);
} Route;

static const char *const check_params[] = { "instrument", "component", "version", NULL };

/* The index of the check's route, which ium_server_answer_check() answers without libsoup. */
#define CHECK_ROUTE 2

#define STORE_THREAD (ROUTE_THREAD | ROUTE_STORE)
#define CHANGE       (ROUTE_THREAD | ROUTE_STORE | ROUTE_CHANGE | ROUTE_BODY)

static const Route routes[] = {
  { "GET", "/", ROUTE_THREAD | ROUTE_STORE | ROUTE_ANY_QUERY, NULL, ium_server_handle_page },
  { "GET", "/metrics", ROUTE_ANY_QUERY, NULL, ium_server_handle_metrics },
  { "GET", "/api/v1/check", ROUTE_INLINE, check_params, ium_server_handle_check },
  { "POST", "/api/v1/check/connect-anyway", ROUTE_BODY, NULL, ium_server_handle_connect_anyway },
  { "GET", "/api/v1/instruments", ROUTE_THREAD, NULL, ium_server_handle_instruments },
  { "GET", "/api/v1/instruments/*", ROUTE_THREAD, NULL, ium_server_handle_instrument },
  { "PUT", "/api/v1/instruments/*", CHANGE, NULL, ium_server_handle_edit },
  { "PUT", "/api/v1/instruments/*/pin", CHANGE, NULL, ium_server_handle_pin },
  { "DELETE", "/api/v1/instruments/*/pin", CHANGE, NULL, ium_server_handle_unpin },
  { "PUT", "/api/v1/instruments/*/busy", CHANGE, NULL, ium_server_handle_busy },
  { "DELETE", "/api/v1/instruments/*/busy", CHANGE, NULL, ium_server_handle_free },
  { "GET", "/api/v1/releases", ROUTE_THREAD, NULL, ium_server_handle_releases },
  { "GET", "/api/v1/downtime", ROUTE_THREAD, NULL, ium_server_handle_downtime },
  { "POST", "/api/v1/downtime", CHANGE, NULL, ium_server_handle_add_window },
  { "DELETE", "/api/v1/downtime/*", CHANGE, NULL, ium_server_handle_remove_window },
  { "GET", "/api/v1/rollouts", STORE_THREAD, NULL, ium_server_handle_rollouts },
  { "GET", "/api/v1/rollouts/*", STORE_THREAD, NULL, ium_server_handle_rollout },
  { "POST", "/api/v1/rollouts/*/instruments/*", CHANGE, NULL, ium_server_handle_mark },
  { "POST", "/api/v1/rollouts/*/resume", CHANGE, NULL, ium_server_handle_resume },
  { "GET", "/api/v1/token", STORE_THREAD, NULL, ium_server_handle_token },
  { "PUT", "/api/v1/token", CHANGE, NULL, ium_server_handle_take_token },
  { "DELETE", "/api/v1/token", CHANGE, NULL, ium_server_handle_release_token },
};

static void
request_free (IumRequest *request)
{
  g_strfreev (request->params);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_pointer (&request->body, json_node_unref);
  g_free (request->user);
  g_free (request->address);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumRequest, request_free)

/* The path's segments, percent-decoded one by one (so that "%2F" stays inside its segment).
 * NULL after a 400 in @response. */
static char **
split_path (const char *path, IumResponse **response)
{
  g_auto (GStrv) raw = NULL;
  g_autoptr (GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);

  if (path == NULL || *path != '/')
    {
      *response = ium_response_error (SOUP_STATUS_BAD_REQUEST, "the path must start with “/”");
      return NULL;
    }

  /* "/" is the page and has no segments; an empty segment elsewhere matches nothing. */
  raw = g_strsplit (path + 1, "/", -1);
  for (guint i = 0; path[1] != '\0' && raw[i] != NULL; i++)
    {
      /* NULL for a malformed escape or an escaped NUL byte. */
      char *segment = g_uri_unescape_string (raw[i], NULL);

      if (segment == NULL || !g_utf8_validate (segment, -1, NULL))
        {
          g_free (segment);
          *response = ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                          "the path has an invalid percent-encoding (a NUL "
                                          "byte, or bytes that are not UTF-8)");
          return NULL;
        }
      g_ptr_array_add (segments, segment);
    }

  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
}

/* Whether @segments fit @route's path; the "*" segments go to @params (nullable). Walks the
 * pattern in place: this runs for every route on every request. */
static gboolean
route_matches (const Route *route, char *const *segments, GPtrArray *params)
{
  const char *pattern = route->path + 1;
  guint       i = 0;

  for (; *pattern != '\0'; i++)
    {
      const char *end = strchr (pattern, '/');
      gsize       length = end ? (gsize) (end - pattern) : strlen (pattern);

      if (segments[i] == NULL)
        return FALSE;
      if (length == 1 && *pattern == '*')
        {
          if (*segments[i] == '\0')
            return FALSE;
          if (params != NULL)
            g_ptr_array_add (params, g_strdup (segments[i]));
        }
      else if (strlen (segments[i]) != length || strncmp (segments[i], pattern, length) != 0)
        return FALSE;
      pattern += length + (end ? 1 : 0);
    }
  return segments[i] == NULL;
}

/* The route for @method on @segments; else NULL with @allow listing the methods the path
 * takes (empty when the path is unknown). */
static const Route *
find_route (const char *method, char *const *segments, GString *allow)
{
  /* HEAD is GET without the body, which libsoup leaves out. */
  if (g_str_equal (method, "HEAD"))
    method = "GET";

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (route_matches (&routes[i], segments, NULL))
      {
        if (g_str_equal (routes[i].method, method))
          return &routes[i];
        if (strstr (allow->str, routes[i].method) == NULL)
          g_string_append_printf (allow, "%s%s", allow->len ? ", " : "", routes[i].method);
        if (g_str_equal (routes[i].method, "GET") && strstr (allow->str, "HEAD") == NULL)
          g_string_append (allow, ", HEAD");
      }
  return NULL;
}

/* Decodes one "name=value" part of a query ("+" is a space, as forms send it). */
static char *
decode_query_part (const char *start, const char *end)
{
  char *decoded;

  if (memchr (start, '+', end - start) != NULL)
    {
      g_autofree char *plus = g_strndup (start, end - start);

      g_strdelimit (plus, "+", ' ');
      decoded = g_uri_unescape_string (plus, NULL);
    }
  else
    decoded = g_uri_unescape_segment (start, end, NULL);
  if (decoded != NULL && !g_utf8_validate (decoded, -1, NULL))
    g_clear_pointer (&decoded, g_free);
  return decoded;
}

static GHashTable *
parse_query (const char *query, const char *const *accepted, IumResponse **response)
{
  g_autoptr (GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) parts = g_strsplit (query ? query : "", "&", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char      *equals = strchr (parts[i], '=');
      const char      *end = parts[i] + strlen (parts[i]);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*parts[i] == '\0')
        continue;
      name = decode_query_part (parts[i], equals ? equals : end);
      value = equals ? decode_query_part (equals + 1, end) : g_strdup ("");
      if (name == NULL || value == NULL)
        {
          *response = ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                          "the query has an invalid percent-encoding (a NUL "
                                          "byte, or bytes that are not UTF-8) in “%s”",
                                          parts[i]);
          return NULL;
        }
      if (accepted == NULL || !g_strv_contains (accepted, name))
        {
          g_autofree char *list = accepted ? g_strjoinv (", ", (char **) accepted) : NULL;
          *response =
            ium_response_error (SOUP_STATUS_BAD_REQUEST, "unknown parameter “%s”; %s%s", name,
                                list ? "this endpoint takes "
                                     : "this endpoint takes "
                                       "no parameters",
                                list ? list : "");
          return NULL;
        }
      if (g_hash_table_contains (table, name))
        {
          *response = ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                          "the parameter “%s” is given more than once", name);
          return NULL;
        }
      g_hash_table_insert (table, g_steal_pointer (&name), g_steal_pointer (&value));
    }
  return g_steal_pointer (&table);
}

static JsonNode *
parse_body (SoupServerMessage *msg, IumResponse **response)
{
  g_autoptr (GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) error = NULL;
  gsize       length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length == 0)
    return NULL;
  if (!g_utf8_validate_len (data, length, NULL))
    {
      *response =
        ium_response_error (SOUP_STATUS_BAD_REQUEST, "the body is not JSON: it is not UTF-8 text");
      return NULL;
    }
  if (ium_json_depth (data, length) > MAX_JSON_DEPTH)
    {
      *response = ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                      "the body nests arrays and "
                                      "objects deeper than %u levels",
                                      MAX_JSON_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      *response =
        ium_response_error (SOUP_STATUS_BAD_REQUEST, "the body is not JSON: %s", error->message);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* NULL when the request carries the server's bearer token, else the refusal. */
static IumResponse *
check_bearer (IumServer *self, SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char         *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr (GChecksum) checksum = NULL;
  guint8        digest[32];
  gsize         digest_length = sizeof digest;
  const guint8 *expected;
  guint8        difference = 0;
  IumResponse  *response;

  if (self->token_digest == NULL)
    return ium_response_error (SOUP_STATUS_FORBIDDEN,
                               "this server was started read-only (without --token-file): it "
                               "refuses every change");

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0
      || authorization[7 + strspn (authorization + 7, " ")] == '\0')
    {
      response = ium_response_error (SOUP_STATUS_UNAUTHORIZED,
                                     authorization == NULL
                                       ? "this change needs the header “Authorization: Bearer "
                                         "TOKEN” with the token of the server's --token-file"
                                       : "the Authorization header must be “Bearer TOKEN”");
      ium_response_add_header (response, "WWW-Authenticate",
                               authorization == NULL ? "Bearer realm=\"ium\""
                                                     : "Bearer realm=\"ium\", "
                                                       "error=\"invalid_request\"");
      return response;
    }

  /* Digests of equal length, compared without an early exit: the time taken says nothing
   * about how much of the token was right. */
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) authorization + 7 + strspn (authorization + 7, " "),
                     -1);
  g_checksum_get_digest (checksum, digest, &digest_length);
  expected = g_bytes_get_data (self->token_digest, NULL);
  for (gsize i = 0; i < sizeof digest; i++)
    difference |= digest[i] ^ expected[i];
  if (difference != 0)
    {
      response = ium_response_error (SOUP_STATUS_FORBIDDEN, "the bearer token is wrong");
      ium_response_add_header (response, "WWW-Authenticate",
                               "Bearer realm=\"ium\", error=\"invalid_token\"");
      return response;
    }
  return NULL;
}

static char *
dup_user (SoupMessageHeaders *headers, IumResponse **response)
{
  const char      *user = soup_message_headers_get_one (headers, "X-IUM-User");
  g_autofree char *stripped = NULL;

  if (user == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (user));
  if (*stripped == '\0' || strlen (stripped) > MAX_USER_LENGTH
      || !g_utf8_validate (stripped, -1, NULL))
    goto invalid;
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      goto invalid;
  return g_steal_pointer (&stripped);

invalid:
  *response = ium_response_error (SOUP_STATUS_BAD_REQUEST,
                                  "X-IUM-User must be a name of 1 to %u bytes of UTF-8 text "
                                  "without control characters",
                                  MAX_USER_LENGTH);
  return NULL;
}

/* The request for @route (but its body), taking @params; or NULL with the refusal in
 * @response. */
static IumRequest *
request_new (IumServer          *self,
             const Route        *route,
             char              **params,
             const char         *query,
             SoupMessageHeaders *headers,
             const char         *address,
             IumResponse       **response)
{
  g_autoptr (IumRequest) request = g_new0 (IumRequest, 1);

  request->server = self;
  request->method = route->method;
  request->address = g_strdup (address);
  request->params = params;

  if (route->flags & ROUTE_ANY_QUERY)
    request->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  else if (!(request->query = parse_query (query, route->params, response)))
    return NULL;

  request->user = dup_user (headers, response);
  if (*response != NULL)
    return NULL;
  return g_steal_pointer (&request);
}

/**
 * ium_server_answer_check:
 * @self: the server
 * @query: (nullable): the raw query of a GET /api/v1/check
 * @headers: the request's headers
 * @address: (nullable): the client's IP address
 *
 * The answer to a client check that did not come through libsoup's SoupServer (see
 * ium-server-fast.c): the same request and the same handler as the route's.
 *
 * Returns: (transfer full): the answer
 */
IumResponse *
ium_server_answer_check (IumServer          *self,
                         const char         *query,
                         SoupMessageHeaders *headers,
                         const char         *address)
{
  const Route *check_route = &routes[CHECK_ROUTE];
  IumResponse *response = NULL;
  g_autoptr (IumRequest) request = NULL;

  request = request_new (self, check_route, g_new0 (char *, 1), query, headers, address, &response);
  return request != NULL ? check_route->handle (request) : response;
}

typedef struct
{
  IumServer         *server;   /* owned */
  IumListener       *listener; /* borrowed: it outlives its tasks */
  SoupServerMessage *msg;      /* owned */
  const Route       *route;
  IumRequest        *request; /* owned */
  gboolean           gone;    /* the connection finished before the answer */
} Job;

static void
job_free (Job *job)
{
  g_signal_handlers_disconnect_by_data (job->msg, job);
  g_object_unref (job->msg);
  g_object_unref (job->server);
  request_free (job->request);
  g_free (job);
}

static void
job_msg_finished_cb (SoupServerMessage *msg, Job *job)
{
  job->gone = TRUE;
}

static void
run_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job         *job = data;
  IumResponse *response;

  if (job->route->flags & ROUTE_STORE)
    g_mutex_lock (&job->server->store_lock);
  response = job->route->handle (job->request);
  if (job->route->flags & ROUTE_STORE)
    g_mutex_unlock (&job->server->store_lock);

  g_task_return_pointer (task, response, (GDestroyNotify) ium_response_free);
}

static void
job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (IumResponse) response = g_task_propagate_pointer (G_TASK (result), NULL);

  job->listener->n_tasks--;
  if (job->gone)
    return;
  ium_response_apply (response, job->msg);
  soup_server_message_unpause (job->msg);
}

static void
run_elsewhere (IumListener       *listener,
               SoupServerMessage *msg,
               const Route       *route,
               IumRequest        *request)
{
  /* Created on the listener's thread: the answer comes back to its main context. */
  g_autoptr (GTask) task = g_task_new (listener->server, NULL, job_done_cb, NULL);
  Job *job = g_new0 (Job, 1);

  job->server = g_object_ref (listener->server);
  job->listener = listener;
  job->msg = g_object_ref (msg);
  job->route = route;
  job->request = request;
  g_signal_connect (msg, "finished", G_CALLBACK (job_msg_finished_cb), job);

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  listener->n_tasks++;
  soup_server_message_pause (msg);
  g_task_run_in_thread (task, run_job);
}

/* Every request but those libsoup itself refuses comes here. */
static void
handle_message_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *unused_path,
                   GHashTable        *unused_query,
                   gpointer           user_data)
{
  IumListener *listener = user_data;
  IumServer   *self = listener->server;
  const char  *method = soup_server_message_get_method (msg);
  GUri        *uri = soup_server_message_get_uri (msg);
  g_autoptr (IumResponse) response = NULL;
  g_autoptr (IumRequest) request = NULL;
  g_autoptr (GString) allow = g_string_new (NULL);
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) segments = NULL;
  g_autofree char *path_copy = NULL;
  const char      *path;
  const char      *query;
  const Route     *route;

  if (g_object_get_data (G_OBJECT (msg), "ium-too-large") != NULL)
    {
      response = ium_response_error (SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                     "the body is larger than %u bytes", IUM_SERVER_MAX_BODY);
      goto answer;
    }

  /* For an HTTP/1.0 request without Host, libsoup 3.2 leaves the query in the path. */
  path = g_uri_get_path (uri);
  query = g_uri_get_query (uri);
  if (query == NULL && strchr (path, '?') != NULL)
    {
      path_copy = g_strndup (path, strchr (path, '?') - path);
      query = strchr (path, '?') + 1;
      path = path_copy;
    }

  if ((segments = split_path (path, &response)) == NULL)
    goto answer;

  route = find_route (method, segments, allow);
  if (route == NULL && allow->len > 0 && g_str_equal (method, "OPTIONS"))
    {
      response = ium_response_new (SOUP_STATUS_NO_CONTENT, NULL, NULL);
      ium_response_add_header (response, "Allow", allow->str);
      goto answer;
    }
  if (route == NULL && allow->len > 0)
    {
      response =
        ium_response_error (SOUP_STATUS_METHOD_NOT_ALLOWED,
                            "%s is not allowed here; this path takes %s", method, allow->str);
      ium_response_add_header (response, "Allow", allow->str);
      goto answer;
    }
  if (route == NULL)
    {
      response = ium_response_error (SOUP_STATUS_NOT_FOUND,
                                     "no such endpoint: %s; the API is under /api/v1/ (see "
                                     "docs/http-api.md)",
                                     path);
      goto answer;
    }

  if ((route->flags & ROUTE_CHANGE) && (response = check_bearer (self, msg)) != NULL)
    goto answer;
  route_matches (route, segments, params);
  g_ptr_array_add (params, NULL);
  request = request_new (self, route, (char **) g_ptr_array_free (g_steal_pointer (&params), FALSE),
                         query, soup_server_message_get_request_headers (msg),
                         soup_server_message_get_remote_host (msg), &response);
  if (request == NULL)
    goto answer;
  if (route->flags & ROUTE_BODY)
    {
      request->body = parse_body (msg, &response);
      if (response != NULL)
        goto answer;
    }

  if (route->flags & ROUTE_THREAD)
    {
      run_elsewhere (listener, msg, route, g_steal_pointer (&request));
      return;
    }
  response = route->handle (request);

answer:
  ium_response_apply (response, msg);
}

static void
got_chunk_cb (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  gsize total = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), "ium-body-length"));

  total += g_bytes_get_size (chunk);
  g_object_set_data (G_OBJECT (msg), "ium-body-length", GSIZE_TO_POINTER (total));
  if (total > IUM_SERVER_MAX_BODY)
    {
      /* Read on, but keep none of it. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      g_object_set_data (G_OBJECT (msg), "ium-too-large", GINT_TO_POINTER (TRUE));
    }
}

/* Answers 413 and closes the connection at once, without reading a body the client said is
 * far too large: libsoup would otherwise read (and drop) all of it before answering. */
static void
refuse_body (IumServer *self, SoupServerMessage *msg)
{
  g_autoptr (IumResponse) response = ium_response_error (
    SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "the body is larger than %u bytes", IUM_SERVER_MAX_BODY);
  g_autoptr (GIOStream) stream = NULL;
  g_autoptr (GString) answer = g_string_new (NULL);
  gsize       length;
  const char *body = g_bytes_get_data (response->body, &length);

  g_string_append_printf (answer,
                          "HTTP/1.1 413 Request Entity Too Large\r\n"
                          "Server: ium/" PACKAGE_VERSION "\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n\r\n",
                          length);
  g_string_append_len (answer, body, (gssize) length);

  ium_server_count_status (self, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  /* A few hundred bytes fit in any socket buffer: this does not block. */
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), answer->str, answer->len, NULL,
                             NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* Runs when the headers are in, before the body is read. */
static void
early_handler_cb (
  SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > IUM_SERVER_MAX_BODY)
    {
      if (soup_message_headers_get_content_length (headers) > MAX_DRAINED_BODY)
        {
          refuse_body (((IumListener *) user_data)->server, msg);
          return;
        }
      /* Read and dropped, then answered: closing on unread data would reset the connection,
       * and the client could lose the answer with it. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      g_object_set_data (G_OBJECT (msg), "ium-too-large", GINT_TO_POINTER (TRUE));
      return;
    }

  /* A chunked body says its size only as it comes. */
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
}

void
ium_server_count_status (IumServer *self, guint status)
{
  static const guint codes[] = { IUM_SERVER_COUNTED_CODES };
  guint              index = G_N_ELEMENTS (codes);

  G_STATIC_ASSERT (G_N_ELEMENTS (codes) + 1 == IUM_SERVER_N_CODES);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (codes[i] == status)
      index = i;
  ium_counter_add (&self->counters.requests[index], 1);
}

static void
count_request_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  ium_server_count_status (((IumListener *) user_data)->server,
                           soup_server_message_get_status (msg));
}

void
ium_server_router_attach (IumListener *listener)
{
  SoupServer *soup = listener->soup;

  g_assert (routes[CHECK_ROUTE].handle == ium_server_handle_check);
  soup_server_add_early_handler (soup, NULL, early_handler_cb, listener, NULL);
  soup_server_add_handler (soup, NULL, handle_message_cb, listener, NULL);
  g_signal_connect (soup, "request-finished", G_CALLBACK (count_request_cb), listener);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (count_request_cb), listener);
}
