/* ium-server-fast.c: client checks answered without libsoup's per-request machinery.
 *
 * Thousands of clients check on connect, and the check itself is answered from the snapshot in
 * a few microseconds; libsoup's message objects, signals, streams and sources cost several
 * times that per request. So on plain HTTP each listener accepts its connections itself and
 * looks at every request before reading it (MSG_PEEK):
 *
 * - a complete GET /api/v1/check in the socket's buffer, parsed by libsoup's own parser
 *   (soup_headers_parse_request()), is answered by the route's own handler
 *   (ium_server_answer_check()) with the headers libsoup would send, and the connection is
 *   kept for the next request;
 * - anything else (another path or method, a body, HTTP/1.0, "Connection: close", an
 *   "Expect", a request not complete yet or larger than the peek buffer, bytes that are not
 *   HTTP) hands the connection, with nothing read from it, to the listener's SoupServer
 *   (soup_server_accept_iostream()), which keeps it from then on and answers as it always has.
 *   The SoupServer listens on the same socket (see ium_fast_start()).
 *
 * Both paths give the same bytes for the same check but the Date header (a test compares
 * them). HTTPS connections go to libsoup from the start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

/* A request's head must fit here to be answered on the fast path; a larger one goes to
 * libsoup, which has its own limits. */
#define PEEK_SIZE 4096
/* Requests answered in one wake-up before the other connections get their turn. */
#define MAX_PER_WAKEUP 16
/* Connections accepted in one wake-up. */
#define MAX_ACCEPTS 64

static const char check_path[] = "/api/v1/check";

struct _IumFastConn
{
  IumListener *listener; /* borrowed */
  GSocket     *socket;   /* owned */
  GSource     *source;   /* owned */
  GList        link;     /* in the listener's connections */
  char        *address;  /* owned, nullable: the client's IP address */
  GString     *unsent;   /* owned, nullable: the end of an answer the socket did not take */
};

static gboolean conn_ready_cb (GSocket *socket, GIOCondition condition, gpointer data);

static void
conn_watch (IumFastConn *conn, GIOCondition condition)
{
  if (conn->source != NULL)
    {
      g_source_destroy (conn->source);
      g_source_unref (conn->source);
    }
  conn->source = g_socket_create_source (conn->socket, condition, NULL);
  g_source_set_callback (conn->source, G_SOURCE_FUNC (conn_ready_cb), conn, NULL);
  g_source_attach (conn->source, conn->listener->context);
}

static void
conn_free (IumFastConn *conn)
{
  g_queue_unlink (&conn->listener->connections, &conn->link);
  if (conn->source != NULL)
    {
      g_source_destroy (conn->source);
      g_source_unref (conn->source);
    }
  g_object_unref (conn->socket);
  g_free (conn->address);
  if (conn->unsent != NULL)
    g_string_free (conn->unsent, TRUE);
  g_free (conn);
}

static void
conn_close (IumFastConn *conn)
{
  g_socket_close (conn->socket, NULL);
  conn_free (conn);
}

/* Gives the connection, unread, to libsoup, which answers this request and every later one. */
static void
conn_hand_over (IumFastConn *conn)
{
  IumListener *listener = conn->listener;
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (conn->socket, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_get_remote_address (conn->socket, NULL);
  g_autoptr (GError) error = NULL;

  ium_counter_add (&listener->server->counters.handovers, 1);
  /* As libsoup's own listener gives it its sockets. */
  g_socket_set_blocking (conn->socket, TRUE);
  connection = g_socket_connection_factory_create_connection (conn->socket);
  if (!soup_server_accept_iostream (listener->soup, G_IO_STREAM (connection), local, remote,
                                    &error))
    {
      g_warning ("a connection could not be served: %s", error->message);
      conn_close (conn);
      return;
    }
  conn_free (conn);
}

/* Sends what is left of an answer; FALSE when the connection failed. */
static gboolean
conn_flush (IumFastConn *conn)
{
  g_autoptr (GError) error = NULL;
  gssize sent;

  sent = g_socket_send (conn->socket, conn->unsent->str, conn->unsent->len, NULL, &error);
  if (sent < 0)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_string_erase (conn->unsent, 0, sent);
  return TRUE;
}

/* Sends @head and @body, keeping what the socket does not take for later; FALSE when the
 * connection failed. */
static gboolean
conn_send (IumFastConn *conn, GString *head, GBytes *body)
{
  g_autoptr (GError) error = NULL;
  GOutputVector vectors[2] = { { head->str, head->len }, { NULL, 0 } };
  gsize         total;
  gssize        sent;

  if (body != NULL)
    vectors[1].buffer = g_bytes_get_data (body, &vectors[1].size);
  total = vectors[0].size + vectors[1].size;

  sent = g_socket_send_message (conn->socket, NULL, vectors, G_N_ELEMENTS (vectors), NULL, 0,
                                G_SOCKET_MSG_NONE, NULL, &error);
  if (sent < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return FALSE;
  if (sent < 0)
    sent = 0;
  if ((gsize) sent == total)
    return TRUE;

  /* The socket's buffer is full (a client that does not read): keep the rest. */
  conn->unsent = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      gsize skip = MIN ((gsize) sent, vectors[i].size);

      g_string_append_len (conn->unsent, (const char *) vectors[i].buffer + skip,
                           (gssize) (vectors[i].size - skip));
      sent -= (gssize) skip;
    }
  return TRUE;
}

/* The Date header's value, made once a second. */
static const char *
listener_date (IumListener *listener)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (now != listener->date_second)
    {
      g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (now);
      g_autofree char *text = soup_date_time_to_string (date, SOUP_DATE_HTTP);

      g_strlcpy (listener->date, text, sizeof listener->date);
      listener->date_second = now;
    }
  return listener->date;
}

static void
append_header (GString *head, const char *name, const char *value)
{
  g_string_append (head, name);
  g_string_append (head, ": ");
  g_string_append (head, value);
  g_string_append (head, "\r\n");
}

/* The status line and headers of @response as libsoup writes them: Server and Date first,
 * then those of ium_response_fill_headers(), then Content-Length. */
static GString *
write_head (IumListener *listener, IumResponse *response)
{
  GString *head = g_string_sized_new (256);
  char     length[24];

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", response->status,
                          soup_status_get_phrase (response->status));
  append_header (head, "Server", "ium/" PACKAGE_VERSION);
  append_header (head, "Date", listener_date (listener));

  if (response->headers == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (ium_response_common_headers); i++)
        append_header (head, ium_response_common_headers[i][0], ium_response_common_headers[i][1]);
      if (response->body != NULL)
        append_header (head, "Content-Type", response->content_type);
    }
  else
    {
      /* Headers of its own, which may replace the common ones: as libsoup would. */
      g_autoptr (SoupMessageHeaders) headers =
        soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      SoupMessageHeadersIter iter;
      const char            *name;
      const char            *value;

      ium_response_fill_headers (response, headers);
      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        append_header (head, name, value);
    }

  g_snprintf (length, sizeof length, "%" G_GSIZE_FORMAT,
              response->body != NULL ? g_bytes_get_size (response->body) : 0);
  append_header (head, "Content-Length", length);
  g_string_append (head, "\r\n");
  return head;
}

typedef enum
{
  REQUEST_CHECK,     /* answer it here */
  REQUEST_ELSEWHERE, /* hand the connection to libsoup */
} RequestKind;

/* Whether libsoup would make a URI of the request's target and Host: it answers a bare 400
 * to one it cannot (an invalid percent-encoding, say), and so does this path, by handing such
 * a request over. The flags are libsoup's own for the URIs it parses. */
static gboolean
target_is_valid (const char *host, const char *path)
{
  g_autofree char *url = g_strconcat ("http://", host, path, NULL);

  return g_uri_is_valid (url,
                         G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH
                           | G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_FRAGMENT
                           | G_URI_FLAGS_SCHEME_NORMALIZE,
                         NULL);
}

/* What the head of a request (@length bytes, its blank line included) asks for. @query and
 * @headers are set for a check. */
static RequestKind
classify (const char *data, gsize length, char **query, SoupMessageHeaders *headers)
{
  g_autofree char *method = NULL;
  g_autofree char *path = NULL;
  SoupHTTPVersion  version;
  const char      *connection;
  const char      *host;
  gsize            path_length;

  if (soup_headers_parse_request (data, (int) length, headers, &method, &path, &version)
      != SOUP_STATUS_OK)
    return REQUEST_ELSEWHERE;
  if (version != SOUP_HTTP_1_1 || strcmp (method, "GET") != 0)
    return REQUEST_ELSEWHERE;

  path_length = strlen (check_path);
  if (strncmp (path, check_path, path_length) != 0
      || (path[path_length] != '\0' && path[path_length] != '?') || strchr (path, '#') != NULL)
    return REQUEST_ELSEWHERE;

  /* What libsoup checks or does something about: leave it to libsoup. */
  host = soup_message_headers_get_one (headers, "Host");
  if (host == NULL || !target_is_valid (host, path)
      || soup_message_headers_get_one (headers, "Expect") != NULL
      || soup_message_headers_get_one (headers, "Upgrade") != NULL
      || soup_message_headers_get_one (headers, "Transfer-Encoding") != NULL
      || (soup_message_headers_get_one (headers, "Content-Length") != NULL
          && soup_message_headers_get_content_length (headers) != 0))
    return REQUEST_ELSEWHERE;
  /* Kept alive, as HTTP/1.1 is by default: "Connection: close" goes to libsoup. */
  connection = soup_message_headers_get_list (headers, "Connection");
  if (connection != NULL && g_ascii_strcasecmp (connection, "keep-alive") != 0)
    return REQUEST_ELSEWHERE;

  *query = path[path_length] == '?' ? g_strdup (path + path_length + 1) : NULL;
  return REQUEST_CHECK;
}

/* Answers the request at the start of @data (@available bytes peeked). FALSE when the
 * connection is no longer this file's (handed over or closed). */
static gboolean
conn_serve_one (IumFastConn *conn, const char *data, gsize available)
{
  IumListener *listener = conn->listener;
  IumServer   *server = listener->server;
  g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr (IumResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = NULL;
  const char      *end;
  gsize            length;
  char             discard[PEEK_SIZE];
  GString         *head;
  gboolean         sent;

  end = g_strstr_len (data, (gssize) available, "\r\n\r\n");
  if (end == NULL)
    {
      conn_hand_over (conn);
      return FALSE;
    }
  length = (gsize) (end - data) + 4;
  if (classify (data, length, &query, headers) != REQUEST_CHECK)
    {
      conn_hand_over (conn);
      return FALSE;
    }

  /* The head is in the buffer: take it out. */
  if (g_socket_receive (conn->socket, discard, length, NULL, &error) != (gssize) length)
    {
      conn_close (conn);
      return FALSE;
    }

  response = ium_server_answer_check (server, query, headers, conn->address);
  ium_server_count_status (server, response->status);
  ium_counter_add (&server->counters.fast_answers, 1);

  head = write_head (listener, response);
  sent = conn_send (conn, head, response->body);
  g_string_free (head, TRUE);
  if (!sent)
    {
      conn_close (conn);
      return FALSE;
    }
  if (conn->unsent != NULL)
    {
      conn_watch (conn, G_IO_OUT);
      return FALSE;
    }
  return TRUE;
}

static gboolean
conn_ready_cb (GSocket *socket, GIOCondition condition, gpointer data)
{
  IumFastConn *conn = data;
  char         buffer[PEEK_SIZE];

  if (conn->unsent != NULL)
    {
      if (!conn_flush (conn))
        {
          conn_close (conn);
          return G_SOURCE_REMOVE;
        }
      if (conn->unsent->len > 0)
        return G_SOURCE_CONTINUE;
      g_string_free (g_steal_pointer (&conn->unsent), TRUE);
      /* Reading again: this source is replaced. */
      conn_watch (conn, G_IO_IN);
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < MAX_PER_WAKEUP; i++)
    {
      g_autoptr (GError) error = NULL;
      GInputVector vector = { buffer, sizeof buffer - 1 };
      int          flags = G_SOCKET_MSG_PEEK;
      gssize       peeked;

      peeked =
        g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error);
      if (peeked < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      if (peeked <= 0)
        {
          /* The client closed the connection, or it failed. */
          conn_close (conn);
          return G_SOURCE_REMOVE;
        }
      buffer[peeked] = '\0';
      if (!conn_serve_one (conn, buffer, (gsize) peeked))
        return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean accept_cb (GSocket *socket, GIOCondition condition, gpointer data);

static void
accept_watch (IumListener *listener)
{
  listener->accept_source = g_socket_create_source (listener->socket, G_IO_IN, NULL);
  g_source_set_priority (listener->accept_source, G_PRIORITY_DEFAULT - 1);
  g_source_set_callback (listener->accept_source, G_SOURCE_FUNC (accept_cb), listener, NULL);
  g_source_attach (listener->accept_source, listener->context);
}

static gboolean
accept_resume_cb (gpointer data)
{
  IumListener *listener = data;

  g_clear_pointer (&listener->accept_source, g_source_unref);
  accept_watch (listener);
  return G_SOURCE_REMOVE;
}

/* Stops accepting for a moment after @error, said once a minute at most. */
static void
accept_pause (IumListener *listener, const GError *error)
{
  gint64 now = g_get_monotonic_time ();

  if (now - listener->accept_warned >= 60 * G_TIME_SPAN_SECOND)
    {
      g_warning ("cannot accept connections for now: %s", error->message);
      listener->accept_warned = now;
    }
  g_source_destroy (listener->accept_source);
  g_source_unref (listener->accept_source);
  listener->accept_source = g_timeout_source_new (100);
  g_source_set_callback (listener->accept_source, accept_resume_cb, listener, NULL);
  g_source_attach (listener->accept_source, listener->context);
}

static gboolean
accept_cb (GSocket *socket, GIOCondition condition, gpointer data)
{
  IumListener *listener = data;

  for (guint i = 0; i < MAX_ACCEPTS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSocketAddress) remote = NULL;
      GSocket     *accepted = g_socket_accept (socket, NULL, &error);
      IumFastConn *conn;

      if (accepted == NULL)
        {
          /* Out of file descriptors, say: the connection waits in the backlog, and this
           * source pauses so as not to spin on it (libsoup's own listener may take it). */
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              accept_pause (listener, error);
              return G_SOURCE_REMOVE;
            }
          break;
        }

      conn = g_new0 (IumFastConn, 1);
      conn->listener = listener;
      conn->socket = accepted;
      conn->link.data = conn;
      g_socket_set_blocking (accepted, FALSE);
      g_socket_set_option (accepted, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      remote = g_socket_get_remote_address (accepted, NULL);
      if (G_IS_INET_SOCKET_ADDRESS (remote))
        conn->address = g_inet_address_to_string (
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
      g_queue_push_tail_link (&listener->connections, &conn->link);
      conn_watch (conn, G_IO_IN);
    }
  return G_SOURCE_CONTINUE;
}

/* Starts accepting on the listener's socket, in its main context. The SoupServer listens on
 * the same socket; this source comes first (a main context dispatches only the sources of the
 * highest priority that are ready), accepts every connection waiting, and so libsoup's never
 * finds one. */
void
ium_fast_start (IumListener *listener)
{
  g_return_if_fail (listener->accept_source == NULL);

  g_socket_set_blocking (listener->socket, FALSE);
  accept_watch (listener);
}

/* Stops accepting (soup_server_disconnect() closes the socket) and closes the connections
 * this file still serves; on the listener's thread. */
void
ium_fast_stop (IumListener *listener)
{
  if (listener->accept_source != NULL)
    {
      g_source_destroy (listener->accept_source);
      g_clear_pointer (&listener->accept_source, g_source_unref);
    }
  while (listener->connections.head != NULL)
    conn_close (listener->connections.head->data);
}
