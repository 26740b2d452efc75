/* ium-test-server.c: the harness the server test programs share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-server.h"

#include <glib/gstdio.h>
#include <signal.h>

void
server_test_init (int *argc, char ***argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

void
server_fixture_setup (ServerFixture *f, gconstpointer data)
{
  fixture_setup (&f->base, data);
  import_demo (&f->base);

  f->token_file = write_temp (&f->base, "token", TEST_TOKEN "\n");
  g_assert_cmpint (g_chmod (f->token_file, 0600), ==, 0);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);
}

void
server_fixture_teardown (ServerFixture *f, gconstpointer data)
{
  if (f->process != NULL)
    {
      g_subprocess_force_exit (f->process);
      g_subprocess_wait (f->process, NULL, NULL);
    }
  g_clear_object (&f->process);
  g_clear_object (&f->out);
  g_clear_object (&f->session);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->token_file, g_free);
  fixture_teardown (&f->base, data);
}

static void
start_serverv (ServerFixture *f, const char *const *extra)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GRegex) regex = g_regex_new ("listening on (\\S+)", 0, 0, NULL);
  g_autofree char *line = NULL;

  g_assert_null (f->process);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->base.db);
  g_ptr_array_add (args, (gpointer) "serve");
  g_ptr_array_add (args, (gpointer) "--listen");
  g_ptr_array_add (args, (gpointer) "127.0.0.1:0");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  f->process = spawn_ium ((const char *const *) args->pdata, NULL);
  f->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->process));
  line = g_data_input_stream_read_line_utf8 (f->out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_regex_match (regex, line, 0, &match))
    {
      g_autofree char *err = NULL;
      int              status = stop_server (f, SIGKILL, &err);
      g_error ("ium serve did not start (exit %d): %s", status, err);
    }
  f->url = g_match_info_fetch (match, 1);
}

void
start_server (ServerFixture *f, ...)
{
  g_autoptr (GPtrArray) extra = g_ptr_array_new ();
  const char *arg;
  va_list     ap;

  va_start (ap, f);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (extra, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (extra, NULL);
  start_serverv (f, (const char *const *) extra->pdata);
}

void
start_server_with_token (ServerFixture *f)
{
  start_server (f, "--token-file", f->token_file, NULL);
}

static char *
read_all (GInputStream *stream)
{
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (memory, "", 1, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (memory, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

int
stop_server (ServerFixture *f, int signal_number, char **err)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stderr_text = NULL;
  int              status;

  g_assert_nonnull (f->process);
  g_subprocess_send_signal (f->process, signal_number);
  stderr_text = read_all (g_subprocess_get_stderr_pipe (f->process));
  g_subprocess_wait (f->process, NULL, &error);
  g_assert_no_error (error);

  if (signal_number == SIGKILL)
    status = -1;
  else
    {
      if (!g_subprocess_get_if_exited (f->process))
        g_error ("ium serve did not exit but was killed by signal %d; stderr: %s",
                 g_subprocess_get_term_sig (f->process), stderr_text);
      status = g_subprocess_get_exit_status (f->process);
    }

  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  g_clear_object (&f->out);
  g_clear_object (&f->process);
  g_clear_pointer (&f->url, g_free);
  return status;
}

Reply
http_on (SoupSession       *session,
         const char        *url,
         const char        *method,
         const char        *path,
         const char        *body,
         const char *const *headers)
{
  g_autofree char *full = g_strconcat (url, path[0] == '/' ? path + 1 : path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, full);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  const char *content_type;
  Reply       reply = { 0 };

  if (msg == NULL)
    g_error ("libsoup cannot make a request of “%s”", full);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i],
                                  headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr (GBytes) request_body = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
    }

  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  reply.status = soup_message_get_status (msg);
  reply.headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply.length = g_bytes_get_size (bytes);
  reply.body = g_malloc0 (reply.length + 1);
  if (reply.length > 0)
    memcpy (reply.body, g_bytes_get_data (bytes, NULL), reply.length);
  content_type = soup_message_headers_get_content_type (reply.headers, NULL);
  if (g_strcmp0 (content_type, "application/json") == 0 && reply.length > 0)
    reply.json = parse_json (reply.body);
  return reply;
}

Reply
http (ServerFixture *f, const char *method, const char *path, const char *body, ...)
{
  g_autoptr (GPtrArray) headers = g_ptr_array_new ();
  const char *arg;
  va_list     ap;

  va_start (ap, body);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (headers, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (headers, NULL);

  g_assert_nonnull (f->url);
  return http_on (f->session, f->url, method, path, body, (const char *const *) headers->pdata);
}

Reply
http_change (
  ServerFixture *f, const char *method, const char *path, const char *body, const char *user)
{
  return http (f, method, path, body, "Authorization", "Bearer " TEST_TOKEN,
               user ? "X-IUM-User" : NULL, user, NULL);
}

void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, g_free);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->json, json_node_unref);
}

const char *
json_member_string (JsonNode *object, const char *member)
{
  g_assert_nonnull (object);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (object));
  return json_object_get_string_member_with_default (json_node_get_object (object), member, NULL);
}

const char *
reply_error (Reply *reply)
{
  const char *message;

  if (reply->json == NULL)
    g_error ("expected a JSON error, got %u: %s", reply->status, reply->body);
  message = json_member_string (reply->json, "error");
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  return message;
}

/* Whether @data holds a whole HTTP answer: headers and as much body as Content-Length says. */
static gboolean
answer_complete (GByteArray *data)
{
  g_autofree char *text = g_strndup ((const char *) data->data, data->len);
  const char      *end = text ? strstr (text, "\r\n\r\n") : NULL;
  const char      *length_header;

  if (end == NULL)
    return FALSE;
  length_header = g_strstr_len (text, end - text, "Content-Length: ");
  if (length_header == NULL)
    return TRUE;
  return data->len >= (gsize) (end + 4 - text) + g_ascii_strtoull (length_header + 16, NULL, 10);
}

GBytes *
raw_request (ServerFixture *f, const char *data, gsize length, guint timeout_ms, gboolean *closed)
{
  g_autoptr (GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) answer = g_byte_array_new ();
  gint64   deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
  GSocket *socket;
  gsize    written = 0;

  *closed = FALSE;
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri),
                                                NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);

  /* The server may give up on a request before it has all of it: a failed write is not an
   * error here, what it answered is what counts. */
  while (written < length)
    {
      gssize n = g_socket_send (socket, data + written, length - written, NULL, NULL);
      if (n <= 0)
        break;
      written += (gsize) n;
    }

  while (!answer_complete (answer))
    {
      gint64 left = deadline - g_get_monotonic_time ();
      char   buffer[4096];
      gssize n;

      if (left <= 0 || !g_socket_condition_timed_wait (socket, G_IO_IN, left, NULL, NULL))
        break;
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        {
          *closed = TRUE;
          break;
        }
      g_byte_array_append (answer, (const guint8 *) buffer, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&answer));
}

guint
raw_status (GBytes *answer)
{
  gsize            length;
  const char      *data = g_bytes_get_data (answer, &length);
  g_autofree char *text = g_strndup (data, length);

  if (text == NULL || !g_str_has_prefix (text, "HTTP/1."))
    return 0;
  return (guint) g_ascii_strtoull (text + 9, NULL, 10);
}

gboolean
make_certificate (ServerFixture *f, char **cert, char **key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) openssl = NULL;

  *cert = g_build_filename (f->base.dir, "cert.pem", NULL);
  *key = g_build_filename (f->base.dir, "key.pem", NULL);
  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                              "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                              "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                              *key, "-out", *cert, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (openssl, NULL, &error);
  g_assert_no_error (error);
  return TRUE;
}
