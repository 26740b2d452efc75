/* test-server-fast.c: client checks on plain HTTP are answered without libsoup's message
 * machinery (src/server/ium-server-fast.c), and nobody can tell but by speed: the same bytes as
 * libsoup's path for every kind of answer, keep-alive and pipelined requests, a connection that
 * moves on to another endpoint, requests that arrive in pieces or with a body, HTTP/1.0, a
 * client that does not read its answers, and a stop with connections open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-server"

#include "config.h"

#include <signal.h>
#include <sys/socket.h>

#include "ium-test-server.h"

#define TIMEOUT_MS 5000

/* A plain TCP connection to the fixture's server; @receive_buffer > 0 sets SO_RCVBUF. */
static GSocket *
connect_raw (ServerFixture *f, int receive_buffer)
{
  g_autoptr (GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (g_uri_get_host (uri));
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (inet, g_uri_get_port (uri));
  g_autoptr (GError) error = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  if (receive_buffer > 0)
    {
      g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, receive_buffer, &error);
      g_assert_no_error (error);
    }
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

static void
send_text (GSocket *socket, const char *text)
{
  gsize length = strlen (text);
  gsize written = 0;

  while (written < length)
    {
      g_autoptr (GError) error = NULL;
      gssize n = g_socket_send (socket, text + written, length - written, NULL, &error);

      g_assert_no_error (error);
      written += (gsize) n;
    }
}

/* The length of the whole answer at the start of @data, 0 if it is not all there yet. */
static gsize
answer_length (GByteArray *data)
{
  g_autofree char *text = g_strndup ((const char *) data->data, data->len);
  const char      *end = text ? strstr (text, "\r\n\r\n") : NULL;
  const char      *header;
  gsize            length;

  if (data->len == 0 || end == NULL)
    return 0;
  header = g_strstr_len (text, end - text, "\r\nContent-Length: ");
  g_assert_nonnull (header);
  length = (gsize) (end + 4 - text) + g_ascii_strtoull (header + 18, NULL, 10);
  return data->len >= length ? length : 0;
}

/* Reads one whole answer from @socket; what came after it stays in @rest. NULL when the
 * server closed the connection first. */
static char *
read_answer (GSocket *socket, GByteArray *rest)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  gsize  length;

  while ((length = answer_length (rest)) == 0)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      char   buffer[4096];
      gssize n;

      if (left <= 0)
        g_error ("no whole answer within %u ms; have: %.*s", TIMEOUT_MS, (int) rest->len,
                 (const char *) rest->data);
      if (!g_socket_condition_timed_wait (socket, G_IO_IN, left, NULL, NULL))
        continue;
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        return NULL;
      g_byte_array_append (rest, (const guint8 *) buffer, (guint) n);
    }

  {
    char *answer = g_strndup ((const char *) rest->data, length);

    g_byte_array_remove_range (rest, 0, (guint) length);
    return answer;
  }
}

/* The only request on a new connection, and its answer. */
static char *
exchange (ServerFixture *f, const char *request)
{
  g_autoptr (GSocket) socket = connect_raw (f, 0);
  g_autoptr (GByteArray) rest = g_byte_array_new ();
  char *answer;

  send_text (socket, request);
  answer = read_answer (socket, rest);
  g_assert_nonnull (answer);
  g_assert_cmpuint (rest->len, ==, 0);
  return answer;
}

/* @answer without its Date line, which depends on the second it was made in. */
static char *
without_date (const char *answer)
{
  g_autoptr (GRegex) date = g_regex_new ("\r\nDate: [^\r]*", 0, 0, NULL);
  char *stripped = g_regex_replace_literal (date, answer, -1, 0, "", 0, NULL);

  g_assert_cmpstr (stripped, !=, answer);
  return stripped;
}

/* The fast path's two counters from /metrics, fetched on a new connection of their own
 * (which libsoup answers: one handover, counted in @handed). */
static void
read_counters (ServerFixture *f, guint64 *fast, guint64 *handed)
{
  static const char *const names[] = { "\nium_http_fast_answers_total ",
                                       "\nium_http_connections_handed_over_total " };
  g_autofree char *answer = exchange (f, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  guint64         *values[] = { fast, handed };

  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *line = strstr (answer, names[i]);

      g_assert_nonnull (line);
      *values[i] = g_ascii_strtoull (line + strlen (names[i]), NULL, 10);
    }
}

static char *
check_request (const char *query, const char *extra_headers)
{
  return g_strdup_printf ("GET /api/v1/check%s%s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n",
                          query ? "?" : "", query ? query : "", extra_headers);
}

/* Every kind of answer to a check is byte for byte what libsoup answers ("Connection: close"
 * sends a request to libsoup's path), and the fast path answered. */
static void
test_same_bytes (ServerFixture *f, gconstpointer data)
{
  /* Each with whether the fast path answers it: a target that is not a valid URI gets
   * libsoup's bare 400 on both paths (docs/http-api.md). */
  static const struct
  {
    const char *query;
    gboolean    fast;
  } checks[] = {
    { "instrument=LARMOR&component=ibex-gui&version=12.3.2.380", TRUE },
    { "instrument=LARMOR&component=ibex-gui&version=11.0.0.50", TRUE },
    { "instrument=ALF&component=ibex-gui&version=13.0.0.1", TRUE },
    { "instrument=NOPE&component=ibex-gui&version=1.0", TRUE },
    { "instrument=LARMOR&component=no-such-component&version=1.0", TRUE },
    { "instrument=LARMOR&component=ibex-gui", TRUE },
    { "instrument=LARMOR&component=ibex-gui&version=", TRUE },
    { "instrument=LARMOR&component=ibex-gui&version=banana", TRUE },
    { "instrument=LARMOR&component=ibex-gui&version=1.0&colour=red", TRUE },
    { "instrument=LARMOR&instrument=ALF&component=ibex-gui&version=1.0", TRUE },
    { "instrument=LAR%00MOR&component=ibex-gui&version=1.0", TRUE },
    { "instrument=%C3%28&component=ibex-gui&version=1.0", TRUE },
    { "instrument=L+A+R&component=ibex%2Dgui&version=1.0", TRUE },
    { NULL, TRUE }, /* no query at all */
    { "instrument=%ZZ&component=ibex-gui&version=1.0", FALSE },
    { "instrument=LARMOR%&component=ibex-gui&version=1", FALSE },
  };
  guint64 fast_before, handed_before, fast_after, handed_after;
  guint   n_fast = 0;

  start_server (f, NULL);
  read_counters (f, &fast_before, &handed_before);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      const char      *query = checks[i].query;
      g_autofree char *fast_request = check_request (query, "");
      g_autofree char *soup_request = check_request (query, "Connection: close\r\n");
      g_autofree char *fast = exchange (f, fast_request);
      g_autofree char *soup = exchange (f, soup_request);

      g_test_message ("%s: %.40s", query ? query : "(none)", fast);
      g_assert_true (g_str_has_prefix (fast, "HTTP/1.1 "));
      if (checks[i].fast)
        {
          g_autofree char *fast_stripped = without_date (fast);
          g_autofree char *soup_stripped = without_date (soup);

          g_assert_nonnull (strstr (fast, "\r\nContent-Type: application/json\r\n"));
          g_assert_cmpstr (fast_stripped, ==, soup_stripped);
          n_fast++;
        }
      else
        {
          g_assert_true (g_str_has_prefix (fast, "HTTP/1.1 400 Bad Request\r\n"));
          g_assert_cmpstr (fast, ==, soup);
        }
    }

  read_counters (f, &fast_after, &handed_after);
  g_assert_cmpuint (fast_after - fast_before, ==, n_fast);
  /* Every request that was not fast, and the second reading of the counters. */
  g_assert_cmpuint (handed_after - handed_before, ==, 2 * G_N_ELEMENTS (checks) - n_fast + 1);
  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
}

/* One connection: two checks on the fast path, then another endpoint (the connection goes
 * to libsoup), then a check again, which libsoup answers on the same connection. */
static void
test_keep_alive (ServerFixture *f, gconstpointer data)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GByteArray) rest = g_byte_array_new ();
  g_autofree char *check =
    check_request ("instrument=LARMOR&component=ibex-gui&version=12.3.2.380", "");
  guint64 fast_before, handed_before, fast, handed;

  start_server (f, NULL);
  read_counters (f, &fast_before, &handed_before);
  socket = connect_raw (f, 0);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *answer = NULL;

      send_text (socket, check);
      answer = read_answer (socket, rest);
      g_assert_nonnull (answer);
      g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
      g_assert_nonnull (strstr (answer, "\"status\" : \"ok\""));
    }
  read_counters (f, &fast, &handed);
  g_assert_cmpuint (fast - fast_before, ==, 2);
  g_assert_cmpuint (handed - handed_before, ==, 1);

  {
    g_autofree char *answer = NULL;

    send_text (socket, "GET /api/v1/releases HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    answer = read_answer (socket, rest);
    g_assert_nonnull (answer);
    g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
    g_assert_nonnull (strstr (answer, "\"releases\""));
  }
  {
    g_autofree char *answer = NULL;

    send_text (socket, check);
    answer = read_answer (socket, rest);
    g_assert_nonnull (answer);
    g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
  }
  /* The connection went to libsoup once, with the request for the releases. */
  read_counters (f, &fast_before, &handed_before);
  g_assert_cmpuint (fast_before, ==, fast);
  g_assert_cmpuint (handed_before - handed, ==, 2);
  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
}

/* Three checks sent at once are answered in order. */
static void
test_pipelined (ServerFixture *f, gconstpointer data)
{
  static const char *const instruments[] = { "LARMOR", "ALF", "NOPE" };
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GByteArray) rest = g_byte_array_new ();
  g_autoptr (GString) requests = g_string_new (NULL);

  start_server (f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (instruments); i++)
    {
      g_autofree char *query =
        g_strdup_printf ("instrument=%s&component=ibex-gui&version=12.3.2.380", instruments[i]);
      g_autofree char *request = check_request (query, "");

      g_string_append (requests, request);
    }
  socket = connect_raw (f, 0);
  send_text (socket, requests->str);

  for (guint i = 0; i < G_N_ELEMENTS (instruments); i++)
    {
      g_autofree char *answer = read_answer (socket, rest);
      g_autofree char *name = g_strdup_printf ("\"instrument\" : \"%s\"", instruments[i]);
      g_autofree char *unknown = g_strdup_printf ("unknown instrument “%s”", instruments[i]);

      g_assert_nonnull (answer);
      if (i < 2)
        g_assert_nonnull (strstr (answer, name));
      else
        g_assert_nonnull (strstr (answer, unknown));
    }
  g_assert_cmpuint (rest->len, ==, 0);
  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
}

/* Requests the fast path leaves to libsoup are answered as before: in pieces, with a body,
 * HTTP/1.0, HEAD, without Host. */
static void
test_left_to_libsoup (ServerFixture *f, gconstpointer data)
{
  static const char query[] = "instrument=LARMOR&component=ibex-gui&version=12.3.2.380";
  g_autofree char  *request = check_request (query, "");
  g_autofree char  *with_body = check_request (query, "Content-Length: 4\r\n");
  g_autofree char  *http10 = g_strdup_printf ("GET /api/v1/check?%s HTTP/1.0\r\n\r\n", query);
  g_autofree char  *head =
    g_strdup_printf ("HEAD /api/v1/check?%s HTTP/1.1\r\nHost: x\r\n\r\n", query);
  g_autofree char *no_host = g_strdup_printf ("GET /api/v1/check?%s HTTP/1.1\r\n\r\n", query);
  guint64          fast_before, fast_after, handed;

  start_server (f, NULL);
  read_counters (f, &fast_before, &handed);

  /* In three pieces, the end of the head last. */
  {
    g_autoptr (GSocket) socket = connect_raw (f, 0);
    g_autoptr (GByteArray) rest = g_byte_array_new ();
    g_autofree char *first = g_strndup (request, 20);
    g_autofree char *second = g_strndup (request + 20, strlen (request) - 22);
    g_autofree char *answer = NULL;

    send_text (socket, first);
    g_usleep (100 * G_TIME_SPAN_MILLISECOND);
    send_text (socket, second);
    g_usleep (100 * G_TIME_SPAN_MILLISECOND);
    send_text (socket, "\r\n");
    answer = read_answer (socket, rest);
    g_assert_nonnull (answer);
    g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
    g_assert_nonnull (strstr (answer, "\"status\" : \"ok\""));
  }

  /* A GET with a body, then a check on the same connection. */
  {
    g_autoptr (GSocket) socket = connect_raw (f, 0);
    g_autoptr (GByteArray) rest = g_byte_array_new ();
    g_autofree char *answer = NULL;
    g_autofree char *again = NULL;

    send_text (socket, with_body);
    send_text (socket, "abcd");
    answer = read_answer (socket, rest);
    g_assert_nonnull (answer);
    g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
    send_text (socket, request);
    again = read_answer (socket, rest);
    g_assert_nonnull (again);
    g_assert_true (g_str_has_prefix (again, "HTTP/1.1 200 OK\r\n"));
  }

  {
    g_autofree char *answer = exchange (f, http10);

    g_assert_true (g_str_has_prefix (answer, "HTTP/1.0 200 OK\r\n"));
    g_assert_nonnull (strstr (answer, "\"status\" : \"ok\""));
  }
  {
    g_autoptr (GSocket) socket = connect_raw (f, 0);
    g_autoptr (GByteArray) rest = g_byte_array_new ();
    g_autofree char *answer = NULL;
    char             buffer[4096];
    gssize           n;

    /* No body after the head: read what comes within a moment. */
    send_text (socket, head);
    g_assert_true (g_socket_condition_timed_wait (
      socket, G_IO_IN, TIMEOUT_MS * G_TIME_SPAN_MILLISECOND, NULL, NULL));
    g_usleep (100 * G_TIME_SPAN_MILLISECOND);
    n = g_socket_receive (socket, buffer, sizeof buffer - 1, NULL, NULL);
    g_assert_cmpint (n, >, 0);
    buffer[n] = '\0';
    g_assert_true (g_str_has_prefix (buffer, "HTTP/1.1 200 OK\r\n"));
    g_assert_true (g_str_has_suffix (buffer, "\r\n\r\n"));
  }
  {
    g_autofree char *answer = exchange (f, no_host);

    g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 400 "));
  }

  /* In pieces and with a body, HTTP/1.0, HEAD, no Host: libsoup's. The checks that followed on
   * a connection libsoup had taken: libsoup's too. */
  read_counters (f, &fast_after, &handed);
  g_assert_cmpuint (fast_after, ==, fast_before);
  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
}

/* A client that sends many checks and does not read the answers fills its socket; the server
 * keeps what did not fit, serves others meanwhile, and the client gets every answer when it
 * reads. */
static void
test_slow_reader (ServerFixture *f, gconstpointer data)
{
  enum
  {
    N = 400
  };
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GByteArray) rest = g_byte_array_new ();
  g_autoptr (GString) requests = g_string_new (NULL);
  g_autofree char *request =
    check_request ("instrument=LARMOR&component=ibex-gui&version=12.3.2.380", "");

  start_server (f, NULL);
  for (guint i = 0; i < N; i++)
    g_string_append (requests, request);
  socket = connect_raw (f, 4096);
  send_text (socket, requests->str);
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);

  /* Meanwhile another client is answered. */
  {
    Reply reply = http (
      f, "GET", "/api/v1/check?instrument=ALF&component=ibex-gui&version=12.2.0.300", NULL, NULL);

    g_assert_cmpuint (reply.status, ==, 200);
    reply_clear (&reply);
  }

  for (guint i = 0; i < N; i++)
    {
      g_autofree char *answer = read_answer (socket, rest);

      g_assert_nonnull (answer);
      g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
      g_assert_true (g_str_has_suffix (answer, "}\n"));
    }
  g_assert_cmpuint (rest->len, ==, 0);
  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
}

/* A stop with connections open on the fast path: idle, half a request, and one the client
 * closed. */
static void
test_stop_with_connections (ServerFixture *f, gconstpointer data)
{
  g_autoptr (GSocket) idle = NULL;
  g_autoptr (GSocket) half = NULL;
  g_autoptr (GSocket) closed = NULL;
  g_autoptr (GByteArray) rest = g_byte_array_new ();
  g_autofree char *request =
    check_request ("instrument=LARMOR&component=ibex-gui&version=12.3.2.380", "");
  g_autofree char *answer = NULL;
  g_autofree char *err = NULL;
  char             buffer[16];

  start_server (f, NULL);
  idle = connect_raw (f, 0);
  send_text (idle, request);
  answer = read_answer (idle, rest);
  g_assert_nonnull (answer);
  half = connect_raw (f, 0);
  send_text (half, "GET /api/v1/check?instr");
  closed = connect_raw (f, 0);
  send_text (closed, request);
  g_socket_close (closed, NULL);
  g_usleep (100 * G_TIME_SPAN_MILLISECOND);

  g_assert_cmpint (stop_server (f, SIGTERM, &err), ==, 0);
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
  /* The server closed the idle connection. */
  g_assert_cmpint (g_socket_receive (idle, buffer, sizeof buffer, NULL, NULL), <=, 0);
}

int
main (int argc, char **argv)
{
  server_test_init (&argc, &argv);

#define ADD(path, func)                                                                  \
  g_test_add ("/ium/server-fast/" path, ServerFixture, NULL, server_fixture_setup, func, \
              server_fixture_teardown)
  ADD ("same-bytes", test_same_bytes);
  ADD ("keep-alive", test_keep_alive);
  ADD ("pipelined", test_pipelined);
  ADD ("left-to-libsoup", test_left_to_libsoup);
  ADD ("slow-reader", test_slow_reader);
  ADD ("stop-with-connections", test_stop_with_connections);
#undef ADD

  return g_test_run ();
}
