/* test-server-robust.c: malformed requests never crash or hang `ium serve`: request lines and
 * headers past libsoup's 64 KB limit, invalid percent-encoding, unknown paths and methods,
 * bodies that are not JSON, too deep, or too large, and bytes that are not HTTP at all. Every
 * test ends by showing that the server still answers and stops cleanly.
 *
 * Requests go over a raw TCP connection: libsoup's client would refuse to send most of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-server"

#include "config.h"

#include <signal.h>

#include "ium-test-server.h"

#define TIMEOUT_MS 5000

/* The body of a raw answer, parsed as JSON; NULL when it has none. Owned. */
static JsonNode *
raw_json (GBytes *answer)
{
  gsize            length;
  const char      *data = g_bytes_get_data (answer, &length);
  g_autofree char *text = g_strndup (data, length);
  const char      *body = text ? strstr (text, "\r\n\r\n") : NULL;

  if (body == NULL || body[4] == '\0')
    return NULL;
  return parse_json (body + 4);
}

/* Sends @request and checks the answer: @status with a JSON error that says @message. */
static void
expect_json_error (
  ServerFixture *f, const char *request, gsize length, guint status, const char *message)
{
  gboolean closed;
  g_autoptr (GBytes) answer = raw_request (f, request, length, TIMEOUT_MS, &closed);
  g_autoptr (JsonNode) json = NULL;
  const char *error;

  if (raw_status (answer) != status)
    g_error ("expected %u for “%.80s”, got: %.300s", status, request,
             (const char *) g_bytes_get_data (answer, NULL));
  json = raw_json (answer);
  g_assert_nonnull (json);
  error = json_member_string (json, "error");
  g_assert_nonnull (error);
  if (message != NULL && strstr (error, message) == NULL)
    g_error ("“%s” does not say “%s”", error, message);
}

static void
expect_json_error_text (ServerFixture *f, const char *request, guint status, const char *message)
{
  expect_json_error (f, request, strlen (request), status, message);
}

/* The server still answers a check, and stops with exit 0 without complaining. */
static void
assert_still_serving (ServerFixture *f)
{
  g_autofree char *err = NULL;
  Reply            reply = http (f, "GET",
                                 "/api/v1/check?instrument=LARMOR&component=ibex-gui"
                                            "&version=12.3.2.380",
                                 NULL, NULL);

  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_member_string (reply.json, "status"), ==, "ok");
  reply_clear (&reply);

  g_assert_cmpint (stop_server (f, SIGTERM, &err), ==, 0);
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
}

static void
test_long_request_line (ServerFixture *f, gconstpointer data)
{
  g_autoptr (GString) request = g_string_new ("GET /api/v1/check?instrument=");
  g_autoptr (GBytes) answer = NULL;
  gboolean closed;
  guint    status;

  start_server (f, NULL);

  /* 70 KB: past libsoup's 64 KB for the request line and headers. It drops the connection
   * without an answer, which is all a client sending that deserves; it must not hang. */
  for (guint i = 0; i < 70 * 1024; i++)
    g_string_append_c (request, 'A');
  g_string_append (request, "&component=ibex-gui&version=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  answer = raw_request (f, request->str, request->len, TIMEOUT_MS, &closed);
  status = raw_status (answer);
  g_assert_true (closed || status >= 400);
  g_assert_true (status == 0 || (status >= 400 && status < 500));
  g_clear_pointer (&answer, g_bytes_unref);

  /* 70 KB of headers: the same. */
  g_string_assign (request, "GET /api/v1/releases HTTP/1.1\r\nHost: x\r\n");
  for (guint i = 0; i < 700; i++)
    g_string_append_printf (request, "X-Padding-%u: %0100u\r\n", i, i);
  g_string_append (request, "\r\n");
  answer = raw_request (f, request->str, request->len, TIMEOUT_MS, &closed);
  g_assert_true (closed);
  g_clear_pointer (&answer, g_bytes_unref);

  /* 60 KB fits, and is answered like any other check: the instrument is unknown. */
  g_string_assign (request, "GET /api/v1/check?instrument=");
  for (guint i = 0; i < 60 * 1024; i++)
    g_string_append_c (request, 'A');
  g_string_append (request, "&component=ibex-gui&version=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  expect_json_error (f, request->str, request->len, 404, "unknown instrument “AAAA");

  assert_still_serving (f);
}

static void
test_percent_encoding (ServerFixture *f, gconstpointer data)
{
  static const char *const libsoup_refuses[] = {
    "GET /api/v1/instruments/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /api/v1/check?instrument=%zz&component=ibex-gui&version=1 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /api/v1/check?instrument=LARMOR%&component=ibex-gui&version=1 HTTP/1.1\r\nHost: x\r\n\r\n",
  };

  start_server (f, NULL);

  /* A request target that is not a valid URI never reaches the server's code: libsoup answers
   * a bare 400 (see docs/http-api.md). */
  for (guint i = 0; i < G_N_ELEMENTS (libsoup_refuses); i++)
    {
      gboolean closed;
      g_autoptr (GBytes) answer =
        raw_request (f, libsoup_refuses[i], strlen (libsoup_refuses[i]), TIMEOUT_MS, &closed);
      g_assert_cmpuint (raw_status (answer), ==, 400);
    }

  /* Valid escapes of bytes that cannot be a name get the server's JSON 400. */
  expect_json_error_text (f, "GET /api/v1/instruments/LAR%00MOR HTTP/1.1\r\nHost: x\r\n\r\n", 400,
                          "invalid percent-encoding");
  expect_json_error_text (f, "GET /api/v1/instruments/%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", 400,
                          "invalid percent-encoding");
  expect_json_error_text (f,
                          "GET /api/v1/check?instrument=%C3%28&component=ibex-gui&version=1 "
                          "HTTP/1.1\r\nHost: x\r\n\r\n",
                          400, "invalid percent-encoding");
  /* An escaped slash stays inside its segment. */
  expect_json_error_text (f, "GET /api/v1/instruments/LAR%2FMOR HTTP/1.1\r\nHost: x\r\n\r\n", 404,
                          "unknown instrument “LAR/MOR”");
  /* Escaped letters are letters. */
  {
    Reply reply = http (f, "GET", "/api/v1/instruments/%4C%41RMOR", NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (json_member_string (reply.json, "name"), ==, "LARMOR");
    reply_clear (&reply);
  }

  assert_still_serving (f);
}

static void
test_unknown_paths (ServerFixture *f, gconstpointer data)
{
  static const char *const paths[] = {
    "/api",
    "/api/v1",
    "/api/v2/check",
    "/api/v1/instruments/",
    "/api/v1/instruments/LARMOR/x",
    "/api/v1//instruments",
    "//",
    "/favicon.ico",
    "/index.html",
    "/api/v1/check/",
    "/metrics/x",
    "/api/v1/rollouts/r/instruments",
    "/api/v1/token/x",
  };

  start_server (f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      Reply reply = http (f, "GET", paths[i], NULL, NULL);

      if (reply.status != 404)
        g_error ("%s: expected 404, got %u", paths[i], reply.status);
      g_assert_nonnull (strstr (reply_error (&reply), "no such endpoint"));
      reply_clear (&reply);
    }
  assert_still_serving (f);
}

static void
test_unknown_methods (ServerFixture *f, gconstpointer data)
{
  static const struct
  {
    const char *request, *allow;
  } cases[] = {
    { "BREW /api/v1/check HTTP/1.1\r\nHost: x\r\n\r\n", "Allow: GET, HEAD\r\n" },
    { "PATCH /api/v1/instruments/LARMOR HTTP/1.1\r\nHost: x\r\n\r\n", "Allow: GET, HEAD, PUT\r\n" },
    { "DELETE /api/v1/check HTTP/1.1\r\nHost: x\r\n\r\n", "Allow: GET, HEAD\r\n" },
    { "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", "Allow: GET, HEAD\r\n" },
    { "PROPFIND /api/v1/token HTTP/1.1\r\nHost: x\r\n\r\n", "Allow: GET, HEAD, PUT, DELETE\r\n" },
  };

  start_server (f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean closed;
      g_autoptr (GBytes) answer =
        raw_request (f, cases[i].request, strlen (cases[i].request), TIMEOUT_MS, &closed);
      g_autofree char *text =
        g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));

      expect_json_error_text (f, cases[i].request, 405, "is not allowed here");
      if (strstr (text, cases[i].allow) == NULL)
        g_error ("no “%s” in %s", cases[i].allow, text);
    }

  /* OPTIONS says what a path takes. */
  {
    static const char request[] =
      "OPTIONS /api/v1/instruments/LARMOR/pin HTTP/1.1\r\nHost: x\r\n\r\n";
    gboolean closed;
    g_autoptr (GBytes) answer = raw_request (f, request, strlen (request), TIMEOUT_MS, &closed);
    g_autofree char *text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));

    g_assert_cmpuint (raw_status (answer), ==, 204);
    g_assert_nonnull (strstr (text, "Allow: PUT, DELETE\r\n"));
  }

  /* An unknown path is a 404 whatever the method. */
  expect_json_error_text (f, "BREW /coffee HTTP/1.1\r\nHost: x\r\n\r\n", 404, "no such endpoint");
  assert_still_serving (f);
}

static void
test_bad_bodies (ServerFixture *f, gconstpointer data)
{
  g_autoptr (GString) request = g_string_new (NULL);
  g_autoptr (GString) body = g_string_new (NULL);

  start_server (f, NULL);

  expect_json_error_text (f,
                          "POST /api/v1/check/connect-anyway HTTP/1.1\r\nHost: x\r\n"
                          "Content-Length: 17\r\n\r\ninstrument=LARMOR",
                          400, "the body is not JSON");
  expect_json_error_text (f,
                          "POST /api/v1/check/connect-anyway HTTP/1.1\r\nHost: x\r\n"
                          "Content-Length: 4\r\n\r\n\"\xff\xfe\"",
                          400, "not UTF-8");
  expect_json_error_text (f,
                          "POST /api/v1/check/connect-anyway HTTP/1.1\r\nHost: x\r\n"
                          "Content-Length: 1\r\n\r\n{",
                          400, "the body is not JSON");

  /* Twenty thousand nested arrays would take json-glib's recursive parser deep into the
   * stack. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (body, '[');
  g_string_printf (request,
                   "POST /api/v1/check/connect-anyway HTTP/1.1\r\nHost: x\r\n"
                   "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                   body->len, body->str);
  expect_json_error (f, request->str, request->len, 400, "deeper than 64 levels");

  /* Objects side by side do not nest: a hundred in one array are one level below it. */
  g_string_assign (body, "[");
  for (guint i = 0; i < 100; i++)
    g_string_append (body, i > 0 ? ", {}" : "{}");
  g_string_append_c (body, ']');
  g_string_printf (request,
                   "POST /api/v1/check/connect-anyway HTTP/1.1\r\nHost: x\r\n"
                   "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                   body->len, body->str);
  {
    gboolean closed;
    g_autoptr (GBytes) answer = raw_request (f, request->str, request->len, TIMEOUT_MS, &closed);
    g_autoptr (JsonNode) json = raw_json (answer);

    g_assert_nonnull (json);
    g_assert_null (strstr (json_member_string (json, "error"), "deeper"));
  }

  /* 100 KB, sent: read, dropped and answered. */
  g_string_truncate (body, 0);
  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (body, ' ');
  g_string_printf (request,
                   "POST /api/v1/check/connect-anyway HTTP/1.1\r\nHost: x\r\n"
                   "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                   body->len, body->str);
  expect_json_error (f, request->str, request->len, 413, "larger than 65536 bytes");

  /* A terabyte, announced: answered at once, without waiting for it. */
  {
    gint64 start = g_get_monotonic_time ();
    expect_json_error_text (f,
                            "POST /api/v1/downtime HTTP/1.1\r\nHost: x\r\n"
                            "Content-Length: 1000000000000\r\n\r\n",
                            413, "larger than");
    g_assert_cmpint (g_get_monotonic_time () - start, <, TIMEOUT_MS * G_TIME_SPAN_MILLISECOND);
  }

  /* Chunked, with no length up front: counted as it comes. */
  g_string_assign (request, "POST /api/v1/check/connect-anyway HTTP/1.1\r\nHost: x\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n");
  for (guint i = 0; i < 4; i++)
    {
      g_string_append (request, "8000\r\n");
      for (guint k = 0; k < 0x8000; k++)
        g_string_append_c (request, ' ');
      g_string_append (request, "\r\n");
    }
  g_string_append (request, "0\r\n\r\n");
  expect_json_error (f, request->str, request->len, 413, "larger than 65536 bytes");

  /* A body that stops short of its length: the server waits for it, not forever for the rest
   * of the server. */
  {
    static const char partial[] = "POST /api/v1/check/connect-anyway HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Length: 100\r\n\r\n{\"instr";
    gboolean          closed;
    g_autoptr (GBytes) answer = raw_request (f, partial, strlen (partial), 300, &closed);
    g_assert_cmpuint (raw_status (answer), ==, 0);
  }

  assert_still_serving (f);
}

static void
test_not_http (ServerFixture *f, gconstpointer data)
{
#define JUNK(text) text, sizeof text - 1
  static const struct
  {
    const char *data;
    gsize       length;
    gboolean    complete;
  } junk[] = {
    { JUNK ("HELLO\r\n\r\n"), TRUE },
    { JUNK ("GET / HTTP/9.9\r\nHost: x\r\n\r\n"), TRUE },
    { JUNK ("GET /api/v1/releases HTTP/1.1\r\n\r\n"), TRUE }, /* HTTP/1.1 without Host */
    { JUNK ("\0\0\0\0\0\0\0\0\r\n\r\n"), TRUE },
    { JUNK ("GET /api/v1/releases HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), TRUE },
    /* A TLS hello on plain HTTP has no end of line: the server waits for one, as for any
     * slow client, and serves the others meanwhile. */
    { JUNK ("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"), FALSE },
  };
#undef JUNK


  start_server (f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      gboolean closed;
      g_autoptr (GBytes) answer =
        raw_request (f, junk[i].data, junk[i].length, junk[i].complete ? TIMEOUT_MS : 300, &closed);
      guint status = raw_status (answer);

      /* Answered with a client error, or dropped; either way promptly. */
      if (status != 0 && (status < 400 || status >= 600))
        g_error ("case %u: answered %u", i, status);
      if (junk[i].complete && status == 0 && !closed)
        g_error ("case %u: neither answered nor closed", i);
    }

  /* Connections that open and close, or stop halfway, leave nothing behind. */
  for (guint i = 0; i < 20; i++)
    {
      gboolean closed;
      g_autoptr (GBytes) answer = raw_request (f, "GET /api/v1/rele", 16, 10, &closed);
      g_assert_cmpuint (raw_status (answer), ==, 0);
    }

  assert_still_serving (f);
}

#define ADD(path, func)                                                                    \
  g_test_add ("/ium/server-robust/" path, ServerFixture, NULL, server_fixture_setup, func, \
              server_fixture_teardown)

int
main (int argc, char *argv[])
{
  server_test_init (&argc, &argv);

  ADD ("long-request-line", test_long_request_line);
  ADD ("percent-encoding", test_percent_encoding);
  ADD ("unknown-paths", test_unknown_paths);
  ADD ("unknown-methods", test_unknown_methods);
  ADD ("bad-bodies", test_bad_bodies);
  ADD ("not-http", test_not_http);

  return g_test_run ();
}
