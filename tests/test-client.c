/* test-client.c: libium-client against a live `ium serve`, a dead port, a server that never
 * answers and servers that answer nonsense.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "libium-client.h"

#include "ium-test-client.h"

#include <libsoup/soup.h>

/* The check (or, with @report, the connect-anyway report) through the asynchronous call. */
static IumVerdict *
call_async (IumClient    *client,
            gboolean      report,
            const char   *instrument,
            const char   *component,
            const char   *version,
            GCancellable *cancellable,
            GError      **error)
{
  AsyncWait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;

  if (report)
    ium_client_report_connect_anyway_async (client, instrument, component, version, cancellable,
                                            async_wait_cb, &wait);
  else
    ium_client_check_async (client, instrument, component, version, cancellable, async_wait_cb,
                            &wait);
  result = async_wait_run (&wait);

  return report ? ium_client_report_connect_anyway_finish (client, result, error)
                : ium_client_check_finish (client, result, error);
}

#define check_async(client, instrument, component, version, cancellable, error) \
  call_async (client, FALSE, instrument, component, version, cancellable, error)
#define report_async(client, instrument, component, version, error) \
  call_async (client, TRUE, instrument, component, version, NULL, error)

static char *
verdict_to_string (IumVerdict *verdict)
{
  g_autoptr (JsonNode) node = ium_verdict_to_json (verdict);

  return json_to_string (node, TRUE);
}

/* The verdict the client gets must be the one `ium check` gives on the same database, and
 * the same by the asynchronous and the synchronous call. */
static IumVerdict *
check_both_ways (ServerFixture *server, const char *instrument, const char *version)
{
  g_autoptr (IumClient) client = ium_client_new (server->url);
  g_autoptr (IumVerdict) sync_verdict = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) cli_node = NULL;
  g_autofree char *cli_text = NULL;
  g_autofree char *async_text = NULL;
  g_autofree char *sync_text = NULL;
  IumVerdict      *verdict;
  Result           r;

  verdict = check_async (client, instrument, "ibex-gui", version, NULL, &error);
  g_assert_no_error (error);
  sync_verdict = ium_client_check_sync (client, instrument, "ibex-gui", version, NULL, &error);
  g_assert_no_error (error);

  r = run_ium (server->base.db, "check", "--json", instrument, "ibex-gui", version, NULL);
  cli_node = parse_json (r.out);
  result_clear (&r);
  cli_text = json_to_string (cli_node, TRUE);
  async_text = verdict_to_string (verdict);
  sync_text = verdict_to_string (sync_verdict);
  g_assert_cmpstr (async_text, ==, cli_text);
  g_assert_cmpstr (sync_text, ==, cli_text);

  return verdict;
}

static void
test_ok (ServerFixture *server, gconstpointer data)
{
  g_autoptr (IumVerdict) verdict = check_both_ways (server, "LARMOR", "12.3.2.380");

  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_OK);
  g_assert_cmpstr (ium_verdict_get_instrument (verdict), ==, "LARMOR");
  g_assert_cmpstr (ium_verdict_get_server_version (verdict), ==, "12.3.2.380");
  g_assert_cmpstr (ium_verdict_get_message (verdict), ==,
                   "IBEX GUI 12.3.2.380 is up to date for LARMOR.");
  wait_for_check (server, "check LARMOR ibex-gui 12.3.2.380 ok");
}

static void
test_update_available (ServerFixture *server, gconstpointer data)
{
  g_autoptr (IumVerdict) verdict = check_both_ways (server, "LARMOR", "12.3.0.350");

  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_UPDATE_AVAILABLE);
  g_assert_cmpstr (ium_verdict_get_recommended_version (verdict), ==, "12.3.2.380");
  g_assert_cmpstr (ium_verdict_get_download_url (verdict), ==,
                   "https://downloads.example.org/ibex/12.3.2.380");
  g_assert_cmpstr (ium_verdict_get_message (verdict), ==,
                   "IBEX GUI 12.3.0.350 works with the IBEX server 12.3.2.380 on LARMOR. "
                   "Version 12.3.2.380 is available.");
}

static void
test_client_newer (ServerFixture *server, gconstpointer data)
{
  g_autoptr (IumVerdict) verdict = check_both_ways (server, "LARMOR", "12.4.0.1");

  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_CLIENT_NEWER);
  g_assert_cmpstr (ium_verdict_get_recommended_version (verdict), ==, "12.3.2.380");
}

static void
test_incompatible (ServerFixture *server, gconstpointer data)
{
  g_autoptr (IumVerdict) verdict = check_both_ways (server, "LARMOR", "11.2.0.5");

  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_INCOMPATIBLE);
  g_assert_cmpstr (ium_verdict_get_message (verdict), ==,
                   "IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.3.2.380 on LARMOR: "
                   "major versions differ. Install 12.3.2.380.");
}

static void
test_partial (ServerFixture *server, gconstpointer data)
{
  g_autoptr (IumVerdict) verdict = check_both_ways (server, "WISH", "12.3.2.380");
  const char *const *warnings = ium_verdict_get_warnings (verdict);

  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
  g_assert_true (g_str_has_prefix (warnings[0], "partial: "));
}

static void
assert_refused (ServerFixture *server,
                const char    *instrument,
                const char    *component,
                const char    *version,
                IumClientError code,
                const char    *words)
{
  g_autoptr (IumClient) client = ium_client_new (server->url);
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (GError) error = NULL;

  verdict = check_async (client, instrument, component, version, NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, (int) code);
  g_assert_null (verdict);
  /* The server's own words, which name what was wrong. */
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);

  g_clear_error (&error);
  verdict = ium_client_check_sync (client, instrument, component, version, NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, (int) code);
  g_assert_null (verdict);
}

static void
test_unknown_instrument (ServerFixture *server, gconstpointer data)
{
  assert_refused (server, "NOSUCH", "ibex-gui", "12.3.2.380", IUM_CLIENT_ERROR_NOT_FOUND, "NOSUCH");
}

static void
test_unknown_component (ServerFixture *server, gconstpointer data)
{
  assert_refused (server, "LARMOR", "no-gui", "12.3.2.380", IUM_CLIENT_ERROR_NOT_FOUND, "no-gui");
}

static void
test_invalid_version (ServerFixture *server, gconstpointer data)
{
  assert_refused (server, "LARMOR", "ibex-gui", "12.x", IUM_CLIENT_ERROR_INVALID, "12.x");
  /* Characters that need escaping in a query reach the server intact. */
  assert_refused (server, "LARMOR", "ibex-gui", "1 & 2=3#?", IUM_CLIENT_ERROR_INVALID, "1 & 2=3#?");
}

static void
test_connect_anyway (ServerFixture *server, gconstpointer data)
{
  g_autoptr (IumClient) client = ium_client_new (server->url);
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (IumVerdict) sync_verdict = NULL;
  g_autoptr (GError) error = NULL;

  verdict = report_async (client, "LARMOR", "ibex-gui", "11.2.0.5", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_INCOMPATIBLE);
  wait_for_check (server, "connect-anyway LARMOR ibex-gui 11.2.0.5 incompatible");

  sync_verdict =
    ium_client_report_connect_anyway_sync (client, "INTER", "ibex-gui", "11.0.0.1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ium_verdict_get_instrument (sync_verdict), ==, "INTER");
  wait_for_check (server, "connect-anyway INTER ibex-gui 11.0.0.1 incompatible");

  /* The report is refused like a check for what does not exist. */
  g_clear_object (&verdict);
  verdict =
    ium_client_report_connect_anyway_sync (client, "NOSUCH", "ibex-gui", "11.2.0.5", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_NOT_FOUND);
  g_assert_null (verdict);
}

/* A TCP socket bound to a free loopback port, listening when @listen (the kernel then
 * accepts connections into the backlog, and nothing ever answers them). Its URL in @url. */
static GSocket *
bind_loopback (gboolean listen, char **url)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  if (listen)
    g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  *url = g_strdup_printf ("http://127.0.0.1:%u/",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return g_steal_pointer (&socket);
}

/* A loopback URL nothing listens on (there is a small race with other programs). */
static char *
find_dead_url (void)
{
  char *url = NULL;
  g_autoptr (GSocket) socket = bind_loopback (FALSE, &url);

  return url;
}

static void
test_dead_port (void)
{
  g_autofree char *url = find_dead_url ();
  g_autofree char *expected = NULL;
  g_autoptr (IumClient) client = ium_client_new (url);
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  /* A refused connection is known at once: the client must not sit out its timeout. */
  ium_client_set_timeout (client, 30);
  start = g_get_monotonic_time ();
  verdict = check_async (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  /* The address as given, without its last slash. */
  expected = g_strdup_printf (
    "Could not reach the Instrument Update Manager server at %.*s: ", (int) strlen (url) - 1, url);
  g_assert_true (g_str_has_prefix (error->message, expected));

  g_clear_error (&error);
  verdict = ium_client_check_sync (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE);

  g_clear_error (&error);
  verdict =
    ium_client_report_connect_anyway_sync (client, "LARMOR", "ibex-gui", "11.2.0.5", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE);
}

static void
test_no_answer (void)
{
  g_autofree char *url = NULL;
  g_autoptr (GSocket) socket = bind_loopback (TRUE, &url);
  g_autoptr (IumClient) client = ium_client_new (url);
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  ium_client_set_timeout (client, 1);

  start = g_get_monotonic_time ();
  verdict = check_async (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE);
  g_assert_null (verdict);
  /* It waited for the timeout, and gave up then rather than never. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC / 2);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (error->message, "did not answer within 1 s"));

  g_clear_error (&error);
  verdict = ium_client_check_sync (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE);
}

static void
test_cancelled (void)
{
  g_autofree char *url = NULL;
  g_autoptr (GSocket) socket = bind_loopback (TRUE, &url);
  g_autoptr (IumClient) client = ium_client_new (url);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (GError) error = NULL;

  /* Cancelling is not a dead server: the caller can tell. */
  ium_client_set_timeout (client, 30);
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  verdict = check_async (client, "LARMOR", "ibex-gui", "12.3.2.380", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (verdict);
}

/* Servers that are not an Instrument Update Manager server, or a broken one. */
typedef struct
{
  guint       status;
  const char *content_type;
  const char *body;
  char       *path;  /* owned: the last path asked for */
  char       *query; /* owned: the last query */
} OddAnswer;

static void
odd_answer_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  OddAnswer *answer = user_data;
  GUri      *uri = soup_server_message_get_uri (msg);

  g_free (answer->path);
  g_free (answer->query);
  answer->path = g_strdup (g_uri_get_path (uri));
  answer->query = g_strdup (g_uri_get_query (uri));

  soup_server_message_set_status (msg, answer->status, NULL);
  if (answer->status / 100 == 3)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                  "/elsewhere");
  soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_STATIC, answer->body,
                                    strlen (answer->body));
}

static SoupServer *
start_odd_server (OddAnswer *answer, char **url)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, odd_answer_cb, answer, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&server);
}

static void
assert_odd_answer (
  guint status, const char *content_type, const char *body, IumClientError code, const char *words)
{
  OddAnswer        answer = { status, content_type, body, NULL, NULL };
  g_autofree char *url = NULL;
  g_autoptr (SoupServer) server = start_odd_server (&answer, &url);
  g_autoptr (IumClient) client = ium_client_new (url);
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (GError) error = NULL;

  verdict = check_async (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, (int) code);
  g_assert_null (verdict);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);

  g_free (answer.path);
  g_free (answer.query);
}

static void
test_not_a_verdict (void)
{
  assert_odd_answer (200, "text/html", "<html>Welcome</html>", IUM_CLIENT_ERROR_PROTOCOL,
                     "did not answer with JSON");
  assert_odd_answer (200, "application/json", "", IUM_CLIENT_ERROR_PROTOCOL,
                     "did not answer with JSON");
  assert_odd_answer (200, "application/json", "{\"status\": \"ok\"}", IUM_CLIENT_ERROR_PROTOCOL,
                     "answered JSON that is not a verdict: Invalid verdict: key “instrument” "
                     "is missing");
  assert_odd_answer (200, "application/json", "[1, 2]", IUM_CLIENT_ERROR_PROTOCOL,
                     "expected a JSON object");
  assert_odd_answer (401, "application/json", "{}", IUM_CLIENT_ERROR_PROTOCOL,
                     "answered 401 Unauthorized, not a verdict");
  assert_odd_answer (403, "text/plain", "no", IUM_CLIENT_ERROR_PROTOCOL, "answered 403 Forbidden");
  /* Error answers without the server's words still say what happened. */
  assert_odd_answer (404, "text/html", "<html>no</html>", IUM_CLIENT_ERROR_NOT_FOUND,
                     "answered 404 Not Found");
  assert_odd_answer (400, "application/json", "{\"error\": 3}", IUM_CLIENT_ERROR_INVALID,
                     "answered 400 Bad Request");
  /* A failing server, or a proxy in front of a dead one, is as good as unreachable. */
  assert_odd_answer (503, "application/json", "{\"error\": \"starting\"}",
                     IUM_CLIENT_ERROR_UNREACHABLE, "failed: 503 Service Unavailable: starting");
  assert_odd_answer (502, "text/html", "<html>Bad gateway</html>", IUM_CLIENT_ERROR_UNREACHABLE,
                     "failed: 502 Bad Gateway");
}

static void
test_base_url (void)
{
  OddAnswer answer = { 404, "application/json", "{\"error\": \"unknown instrument “X”\"}" };
  g_autofree char *url = NULL;
  g_autoptr (SoupServer) server = start_odd_server (&answer, &url);
  g_autofree char *prefixed = g_strconcat (url, "ium/", NULL);
  const char      *bad[][2] = {
         { "", "no server URL was given" },
         { "ium.example.org", "“ium.example.org” is not a URL" },
         { "ftp://ium.example.org/", "“ftp://ium.example.org/” is not an http or https URL" },
         { "http://127.0.0.1:8080/?x=1", "has a query or fragment" },
         { "http://ops:secret@127.0.0.1:8080", "carries a user name or password" },
  };

  /* A server under a path (behind a reverse proxy) keeps its path. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (IumClient) client = ium_client_new (i == 0 ? url : prefixed);
      g_autoptr (IumVerdict) verdict = NULL;
      g_autoptr (GError) error = NULL;

      verdict = check_async (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
      g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_NOT_FOUND);
      g_assert_cmpstr (error->message, ==, "unknown instrument “X”");
      g_assert_cmpstr (answer.path, ==, i == 0 ? "/api/v1/check" : "/ium/api/v1/check");
      g_assert_cmpstr (answer.query, ==, "instrument=LARMOR&component=ibex-gui&version=12.3.2.380");
    }

  /* An unusable address fails like a dead server, and says why. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (IumClient) client = ium_client_new (bad[i][0]);
      g_autoptr (IumVerdict) verdict = NULL;
      g_autoptr (GError) error = NULL;

      verdict = check_async (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
      g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE);
      if (strstr (error->message, bad[i][1]) == NULL)
        g_error ("“%s” does not say “%s”", error->message, bad[i][1]);
      g_assert_null (strstr (error->message, "secret"));
    }

  g_free (answer.path);
  g_free (answer.query);
}

static void
notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr (IumClient) client = ium_client_new ("http://127.0.0.1:8080");
  guint notified = 0;

  g_assert_cmpstr (ium_client_get_base_url (client), ==, "http://127.0.0.1:8080");
  g_assert_cmpuint (ium_client_get_timeout (client), ==, 5);
  g_assert_null (ium_client_get_tls_database (client));
  g_assert_false (ium_client_get_accept_invalid_certificates (client));

  g_signal_connect (client, "notify::timeout", G_CALLBACK (notify_cb), &notified);
  ium_client_set_timeout (client, 5);
  g_assert_cmpuint (notified, ==, 0);
  ium_client_set_timeout (client, 2);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (ium_client_get_timeout (client), ==, 2);
}

/* The client over HTTPS, against ium serve with a self-signed certificate. */
static void
test_https (ServerFixture *f, gconstpointer data)
{
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (IumClient) client = NULL;
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (GError) error = NULL;

  make_certificate (f, &cert, &key);
  start_server (f, "--tls-cert", cert, "--tls-key", key, NULL);
  g_assert_true (g_str_has_prefix (f->url, "https://127.0.0.1:"));
  client = ium_client_new (f->url);

  /* Not signed by anyone the system trusts: as good as unreachable, and it says why. */
  verdict = check_async (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE);
  g_assert_null (verdict);
  g_assert_nonnull (strstr (error->message, "did not prove who it is"));
  g_clear_error (&error);

  /* A test server's certificate, accepted as it is. */
  ium_client_set_accept_invalid_certificates (client, TRUE);
  verdict = check_async (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_OK);
  g_clear_object (&verdict);

  /* The facility's own authority, trusted through the TLS database: the right way. */
  ium_client_set_accept_invalid_certificates (client, FALSE);
  database = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  ium_client_set_tls_database (client, database);
  g_assert_true (ium_client_get_tls_database (client) == database);
  verdict = ium_client_check_sync (client, "LARMOR", "ibex-gui", "11.2.0.5", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_INCOMPATIBLE);
  g_clear_object (&verdict);
  verdict =
    ium_client_report_connect_anyway_sync (client, "LARMOR", "ibex-gui", "11.2.0.5", NULL, &error);
  g_assert_no_error (error);
  wait_for_check (f, "connect-anyway LARMOR ibex-gui 11.2.0.5 incompatible");

  /* Back to the system's authorities: refused again. */
  g_clear_object (&verdict);
  ium_client_set_tls_database (client, NULL);
  verdict = ium_client_check_sync (client, "LARMOR", "ibex-gui", "12.3.2.380", NULL, &error);
  g_assert_error (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE);
}

/* The text between "<!-- NAME: begin -->" and "<!-- NAME: end -->" in
 * docs/client-integration.md, without its code fence. Owned. */
static char *
extract_example (const char *name)
{
  g_autofree char *path = source_path ("docs/client-integration.md");
  g_autoptr (GBytes) bytes = read_bytes (path);
  g_autofree char *begin_mark = g_strdup_printf ("<!-- %s: begin -->\n```python\n", name);
  g_autofree char *end_mark = g_strdup_printf ("```\n<!-- %s: end -->", name);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char      *begin = strstr (text, begin_mark);
  const char      *end;

  g_assert_nonnull (begin);
  begin += strlen (begin_mark);
  end = strstr (begin, end_mark);
  g_assert_nonnull (end);

  return g_strndup (begin, end - begin);
}

static Result
run_python (const char *const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return finish (process);
}

static void
assert_example (const char *script,
                const char *url,
                const char *version,
                const char *option,
                int         status,
                const char *last_line)
{
  const char *argv[] = {
    g_getenv ("IUM_PYTHON"), script, url, "LARMOR", "ibex-gui", version, option, NULL
  };
  Result           r = run_python (argv);
  g_autofree char *last = g_strdup_printf ("\n%s\n", last_line);
  g_autofree char *out = g_strconcat ("\n", r.out, NULL);

  /* The output ends with @last_line, whole lines of it. */
  if (r.status != status || !g_str_has_suffix (out, last))
    g_error ("%s %s %s: exit %d, output:\n%s%s", url, version, option ? option : "", r.status,
             r.out, r.err);
  result_clear (&r);
}

/* The Python example of docs/client-integration.md, run as it is for every answer. */
static void
test_python_example (ServerFixture *server, gconstpointer data)
{
  g_autofree char *code = extract_example ("python-example");
  g_autofree char *gtk_code = extract_example ("python-gtk-example");
  g_autofree char *script = write_temp (&server->base, "check.py", code);
  g_autofree char *gtk_script = write_temp (&server->base, "gtk-sketch.py", gtk_code);
  g_autofree char *dead = find_dead_url ();
  g_autofree char *checks = NULL;
  const char      *compile[] = { g_getenv ("IUM_PYTHON"), "-m", "py_compile", gtk_script, NULL };
  Result           r;

  g_assert_nonnull (g_getenv ("IUM_PYTHON"));

  assert_example (script, server->url, "12.3.2.380", NULL, 0,
                  "IBEX GUI 12.3.2.380 is up to date for LARMOR.\nconnect");
  assert_example (script, server->url, "12.3.0.350", NULL, 0,
                  "Version 12.3.2.380 is available from "
                  "https://downloads.example.org/ibex/12.3.2.380\nconnect");
  assert_example (script, server->url, "12.4.0.1", NULL, 0,
                  "Features that the server lacks may fail.\nconnect");
  assert_example (script, server->url, "11.2.0.5", NULL, 1,
                  "IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.3.2.380 on LARMOR: "
                  "major versions differ. Install 12.3.2.380.\ndo not connect");
  assert_example (script, dead, "12.3.2.380", NULL, 0, "connect");
  assert_example (script, server->url, "12.x", NULL, 0, "connect");

  /* Nothing was reported so far; the user's choice is. */
  wait_for_check (server, "check LARMOR ibex-gui 11.2.0.5 incompatible");
  checks = dup_checks (server);
  g_assert_null (strstr (checks, "connect-anyway"));
  assert_example (script, server->url, "11.2.0.5", "--connect-anyway", 0,
                  "IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.3.2.380 on LARMOR: "
                  "major versions differ. Install 12.3.2.380.\nconnect");
  wait_for_check (server, "connect-anyway LARMOR ibex-gui 11.2.0.5 incompatible");

  /* The GTK sketch is not a whole program, but it must at least be Python. */
  r = run_python (compile);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

int
main (int argc, char *argv[])
{
  server_test_init (&argc, &argv);

#define ADD_LIVE(path, func) \
  g_test_add (path, ServerFixture, NULL, client_fixture_setup, func, client_fixture_teardown)

  ADD_LIVE ("/ium/client/ok", test_ok);
  ADD_LIVE ("/ium/client/update-available", test_update_available);
  ADD_LIVE ("/ium/client/client-newer", test_client_newer);
  ADD_LIVE ("/ium/client/incompatible", test_incompatible);
  ADD_LIVE ("/ium/client/partial", test_partial);
  ADD_LIVE ("/ium/client/unknown-instrument", test_unknown_instrument);
  ADD_LIVE ("/ium/client/unknown-component", test_unknown_component);
  ADD_LIVE ("/ium/client/invalid-version", test_invalid_version);
  ADD_LIVE ("/ium/client/connect-anyway", test_connect_anyway);
  ADD_LIVE ("/ium/client/python-example", test_python_example);
  g_test_add ("/ium/client/https", ServerFixture, NULL, server_fixture_setup, test_https,
              server_fixture_teardown);
  g_test_add_func ("/ium/client/dead-port", test_dead_port);
  g_test_add_func ("/ium/client/no-answer", test_no_answer);
  g_test_add_func ("/ium/client/cancelled", test_cancelled);
  g_test_add_func ("/ium/client/not-a-verdict", test_not_a_verdict);
  g_test_add_func ("/ium/client/base-url", test_base_url);
  g_test_add_func ("/ium/client/properties", test_properties);

  return g_test_run ();
}
