/* test-server.c: `ium serve` as clients and operators meet it: the client check (the same
 * JSON as `ium check --json`), the check log written in batches and flushed on SIGTERM, the
 * read API, reloading after another process edits the database, 64 clients at once, HTTPS,
 * /metrics, and refusing to start on a bad token file, address or certificate.
 *
 * Every test runs the real `ium serve` on an ephemeral loopback port over a temporary copy of
 * the demo inventory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-server"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "ium-check-log.h"
#include "ium-test-server.h"

#define CHECK_PATH(instrument, version) \
  "/api/v1/check?instrument=" instrument "&component=ibex-gui&version=" version

static GPtrArray *
list_checks (ServerFixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_store_open_existing (f->base.db, &error);
  GPtrArray *checks;

  g_assert_no_error (error);
  checks = ium_store_list_checks (store, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  return checks;
}

/* The check */

static void
test_check_verdicts (ServerFixture *f, gconstpointer data)
{
  static const struct
  {
    const char *instrument, *version, *status;
  } cases[] = {
    { "LARMOR", "12.3.2.380", "ok" },
    { "LARMOR", "12.3.0.350", "update-available" },
    { "LARMOR", "v12.4", "client-newer" },
    { "LARMOR", "11.2.0.5", "incompatible" },
    { "WISH", "12.3.1.365", "update-available" }, /* partial: with a warning */
    { "HRPD", "12.3.2.380", "client-newer" },     /* pinned to 12.1 */
  };

  start_server (f, "--threads", "1", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/check?instrument=%s&component=ibex-gui"
                                               "&version=%s",
                                               cases[i].instrument, cases[i].version);
      Reply            reply = http (f, "GET", path, NULL, NULL);
      Result cli = run_ium (f->base.db, "--json", "check", cases[i].instrument, "ibex-gui",
                            cases[i].version, NULL);

      g_assert_cmpuint (reply.status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (reply.headers, NULL), ==,
                       "application/json");
      /* The spec: the `ium check --json` output and the HTTP body are the same object. */
      g_assert_cmpstr (reply.body, ==, cli.out);
      g_assert_cmpstr (json_member_string (reply.json, "status"), ==, cases[i].status);
      g_assert_cmpstr (json_member_string (reply.json, "instrument"), ==, cases[i].instrument);
      g_assert_cmpstr (json_member_string (reply.json, "download_url"), ==,
                       g_str_equal (cases[i].instrument, "HRPD")
                         ? "https://downloads.example.org/ibex/12.1.1.215"
                         : "https://downloads.example.org/ibex/12.3.2.380");
      reply_clear (&reply);
      result_clear (&cli);
    }
}

static void
test_check_errors (ServerFixture *f, gconstpointer data)
{
  static const struct
  {
    const char *path;
    guint       status;
    const char *message;
  } cases[] = {
    { "/api/v1/check", 400, "“instrument” is missing" },
    { "/api/v1/check?instrument=LARMOR&component=ibex-gui", 400, "“version” is missing" },
    { "/api/v1/check?instrument=LARMOR&version=12", 400, "“component” is missing" },
    { "/api/v1/check?component=ibex-gui&version=12", 400, "“instrument” is missing" },
    { "/api/v1/check?instrument=&component=ibex-gui&version=12", 400, "“instrument” is empty" },
    { CHECK_PATH ("LARMOR", "12.x"), 400, "\"12.x\" is not a valid quad version" },
    { CHECK_PATH ("LARMOR", "1.2.3.4.5"), 400, "not a valid quad version" },
    { CHECK_PATH ("LARMOR", "-1"), 400, "not a valid quad version" },
    { CHECK_PATH ("NOPE", "12"), 404, "unknown instrument “NOPE”" },
    { CHECK_PATH ("larmor", "12"), 404, "unknown instrument “larmor”" },
    { "/api/v1/check?instrument=LARMOR&component=nope&version=12", 404, "unknown component" },
    { "/api/v1/check?instrument=LARMOR&component=genie-python&version=12", 404,
      "no compatibility rule" },
    { CHECK_PATH ("LARMOR", "12") "&version=13", 400, "“version” is given more than once" },
    { CHECK_PATH ("LARMOR", "12") "&verbose=1", 400, "unknown parameter “verbose”" },
    { "/api/v1/check?instrument=LAR%00MOR&component=ibex-gui&version=12", 400,
      "invalid percent-encoding" },
    { "/api/v1/check?instrument=LAR%FFMOR&component=ibex-gui&version=12", 400,
      "invalid percent-encoding" },
    { "/api/v1/check?instrument=LARMOR&component=ibex-gui&version=%00", 400,
      "invalid percent-encoding" },
  };

  start_server (f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Reply reply = http (f, "GET", cases[i].path, NULL, NULL);

      if (reply.status != cases[i].status)
        g_error ("%s: expected %u, got %u: %s", cases[i].path, cases[i].status, reply.status,
                 reply.body);
      if (strstr (reply_error (&reply), cases[i].message) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[i].path, reply_error (&reply),
                 cases[i].message);
      reply_clear (&reply);
    }

  /* Encoded names and a "+" for a space are decoded; the answer names what was asked. */
  {
    Reply reply = http (f, "GET",
                        "/api/v1/check?instrument=%4C%41RMOR&component=ibex%2Dgui"
                        "&version=+12.3.2.380",
                        NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 400);
    g_assert_nonnull (strstr (reply_error (&reply), "\" 12.3.2.380\""));
    reply_clear (&reply);
    reply = http (f, "GET",
                  "/api/v1/check?instrument=%4C%41RMOR&component=ibex%2Dgui"
                  "&version=12.3.2.380",
                  NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (json_member_string (reply.json, "status"), ==, "ok");
    reply_clear (&reply);
  }
}

static void
test_connect_anyway (ServerFixture *f, gconstpointer data)
{
  static const struct
  {
    const char *body;
    guint       status;
    const char *message;
  } bad[] = {
    { NULL, 400, "must be a JSON object" },
    { "[]", 400, "must be a JSON object" },
    { "{\"instrument\": \"LARMOR\", \"component\": \"ibex-gui\"}", 400, "“version”" },
    { "{\"instrument\": \"LARMOR\", \"component\": \"ibex-gui\", \"version\": 11}", 400,
      "“version” must be given as non-empty text" },
    { "{\"instrument\": \"LARMOR\", \"component\": \"ibex-gui\", \"version\": \"11\", "
      "\"user\": \"x\"}",
      400, "unknown key “user”" },
    { "{\"instrument\": \"NOPE\", \"component\": \"ibex-gui\", \"version\": \"11\"}", 404,
      "unknown instrument" },
    { "{\"instrument\": \"LARMOR\", \"component\": \"ibex-gui\", \"version\": \"eleven\"}", 400,
      "not a valid quad version" },
    { "instrument=LARMOR", 400, "the body is not JSON" },
  };
  g_autoptr (GPtrArray) checks = NULL;
  IumCheckRecord *record;
  Reply           reply;

  start_server (f, NULL);

  /* No bearer token: a client GUI has none, and this changes only the check log. */
  reply = http (f, "POST", "/api/v1/check/connect-anyway",
                "{\"instrument\": \"LARMOR\", \"component\": \"ibex-gui\", \"version\": "
                "\"11.2.0.5\"}",
                NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_member_string (reply.json, "status"), ==, "incompatible");
  g_assert_cmpstr (json_member_string (reply.json, "recommended_version"), ==, "12.3.2.380");
  reply_clear (&reply);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      reply = http (f, "POST", "/api/v1/check/connect-anyway", bad[i].body, NULL);
      if (reply.status != bad[i].status || strstr (reply_error (&reply), bad[i].message) == NULL)
        g_error ("case %u: expected %u “%s”, got %u %s", i, bad[i].status, bad[i].message,
                 reply.status, reply.body);
      reply_clear (&reply);
    }

  reply = http (f, "GET", "/api/v1/check/connect-anyway", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Allow"), ==, "POST");
  reply_clear (&reply);

  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
  checks = list_checks (f);
  g_assert_cmpuint (checks->len, ==, 1);
  record = g_ptr_array_index (checks, 0);
  g_assert_cmpint (record->event, ==, IUM_CHECK_EVENT_CONNECT_ANYWAY);
  g_assert_cmpstr (record->instrument, ==, "LARMOR");
  g_assert_cmpstr (record->version, ==, "11.2.0.5");
  g_assert_cmpint (record->status, ==, IUM_VERDICT_INCOMPATIBLE);
  g_assert_cmpstr (record->address, ==, "127.0.0.1");
}

/* Stopping */

static void
test_sigterm_flushes_log (ServerFixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) checks = NULL;
  g_autofree char *err = NULL;
  guint            n_incompatible = 0;

  start_server (f, NULL);
  for (guint i = 0; i < 50; i++)
    {
      Reply reply =
        http (f, "GET", i % 2 ? CHECK_PATH ("ZOOM", "11.2.0.5") : CHECK_PATH ("ZOOM", "12.3.2.380"),
              NULL, NULL);
      g_assert_cmpuint (reply.status, ==, 200);
      reply_clear (&reply);
    }
  /* Refused checks are not logged: there is no verdict. */
  {
    Reply reply = http (f, "GET", CHECK_PATH ("NOPE", "1"), NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 404);
    reply_clear (&reply);
  }

  /* Straight away: some checks are still queued, and the stop must write them. */
  g_assert_cmpint (stop_server (f, SIGTERM, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  checks = list_checks (f);
  g_assert_cmpuint (checks->len, ==, 50);
  for (guint i = 0; i < checks->len; i++)
    {
      IumCheckRecord *record = g_ptr_array_index (checks, i);

      g_assert_cmpstr (record->instrument, ==, "ZOOM");
      g_assert_cmpint (record->event, ==, IUM_CHECK_EVENT_CHECK);
      n_incompatible += record->status == IUM_VERDICT_INCOMPATIBLE;
    }
  g_assert_cmpuint (n_incompatible, ==, 25);
}

static void
test_sigint_stops_cleanly (ServerFixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) checks = NULL;
  Reply reply;

  start_server (f, NULL);
  reply = http (f, "GET", CHECK_PATH ("ZOOM", "12"), NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);

  g_assert_cmpint (stop_server (f, SIGINT, NULL), ==, 0);
  checks = list_checks (f);
  g_assert_cmpuint (checks->len, ==, 1);
}

/* The read API */

static void
test_read_instruments (ServerFixture *f, gconstpointer data)
{
  Result     cli = run_ium (f->base.db, "--json", "status", NULL);
  JsonArray *instruments;
  Reply      reply;

  start_server (f, NULL);

  /* The same document as `ium status --json`, to the byte. */
  reply = http (f, "GET", "/api/v1/instruments", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (reply.body, ==, cli.out);
  instruments = json_object_get_array_member (json_node_get_object (reply.json), "instruments");
  g_assert_cmpuint (json_array_get_length (instruments), ==, 34);
  reply_clear (&reply);

  /* One instrument: the element of that array. */
  reply = http (f, "GET", "/api/v1/instruments/HRPD", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_member_string (reply.json, "name"), ==, "HRPD");
  g_assert_cmpstr (json_member_string (reply.json, "target"), ==, "12.1.1.215");
  g_assert_true (json_object_has_member (json_node_get_object (reply.json), "flags"));
  reply_clear (&reply);

  reply = http (f, "GET", "/api/v1/instruments/hrpd", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 404);
  g_assert_cmpstr (reply_error (&reply), ==, "unknown instrument “hrpd”");
  reply_clear (&reply);

  /* HEAD: the headers without the body. */
  reply = http (f, "HEAD", "/api/v1/instruments", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (reply.length, ==, 0);
  reply_clear (&reply);
  result_clear (&cli);
}

static void
test_read_releases_downtime_token (ServerFixture *f, gconstpointer data)
{
  JsonObject *object;
  JsonArray  *array;
  Reply       reply;

  start_server (f, NULL);

  reply = http (f, "GET", "/api/v1/releases", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  object = json_node_get_object (reply.json);
  array = json_object_get_array_member (object, "releases");
  g_assert_cmpuint (json_array_get_length (array), >, 5);
  g_assert_cmpstr (json_object_get_string_member (object, "newest_official"), ==, "12.3.2.380");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *release = json_array_get_object_element (array, i);
      g_assert_true (json_object_has_member (release, "version"));
      g_assert_true (json_object_has_member (release, "tier"));
    }
  reply_clear (&reply);

  reply = http (f, "GET", "/api/v1/downtime", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  array = json_object_get_array_member (json_node_get_object (reply.json), "downtime");
  g_assert_cmpuint (json_array_get_length (array), ==, 60);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "key"), ==,
                   "2026-12-01T08:00:00Z|2026-12-01T18:00:00Z|Maintenance day");
  g_assert_cmpstr (json_object_get_string_member (object, "instruments"), ==, "all");
  reply_clear (&reply);

  reply = http (f, "GET", "/api/v1/token", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_true (json_object_get_null_member (json_node_get_object (reply.json), "holder"));
  reply_clear (&reply);

  /* The token as `ium token take` leaves it. */
  {
    Result r =
      run_ium (f->base.db, "--as", "alice", "token", "take", "--note", "12.3 rollout", NULL);
    g_assert_cmpint (r.status, ==, 0);
    result_clear (&r);
  }
  reply = http (f, "GET", "/api/v1/token", NULL, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "holder"), ==, "alice");
  g_assert_cmpstr (json_member_string (reply.json, "note"), ==, "12.3 rollout");
  reply_clear (&reply);

  /* Read endpoints take no parameters. */
  reply = http (f, "GET", "/api/v1/releases?tier=official", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_nonnull (strstr (reply_error (&reply), "unknown parameter “tier”"));
  reply_clear (&reply);
}

static void
test_read_rollouts (ServerFixture *f, gconstpointer data)
{
  JsonArray *array;
  Reply      reply;
  Result     r;

  start_server (f, NULL);

  reply = http (f, "GET", "/api/v1/rollouts", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  array = json_object_get_array_member (json_node_get_object (reply.json), "rollouts");
  g_assert_cmpuint (json_array_get_length (array), ==, 0);
  reply_clear (&reply);

  r = run_ium (f->base.db, "plan", "12.3.2.380", "--from", "2026-12-01", "--save", "r12.3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  reply = http (f, "GET", "/api/v1/rollouts", NULL, NULL);
  array = json_object_get_array_member (json_node_get_object (reply.json), "rollouts");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  reply_clear (&reply);

  reply = http (f, "GET", "/api/v1/rollouts/r12.3", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_member_string (reply.json, "release"), ==, "12.3.2.380");
  array = json_object_get_array_member (json_node_get_object (reply.json), "upgrades");
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  reply_clear (&reply);

  reply = http (f, "GET", "/api/v1/rollouts/nope", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 404);
  reply_error (&reply);
  reply_clear (&reply);
}

/* Reload */

static gboolean
has_flag (JsonNode *instrument, const char *flag)
{
  JsonArray *flags = json_object_get_array_member (json_node_get_object (instrument), "flags");

  for (guint i = 0; i < json_array_get_length (flags); i++)
    if (g_str_equal (json_array_get_string_element (flags, i), flag))
      return TRUE;
  return FALSE;
}

static void
test_reload_after_other_process (ServerFixture *f, gconstpointer data)
{
  gint64   start, deadline;
  gboolean seen = FALSE;
  Reply    reply;
  Result   r;

  start_server (f, NULL);
  reply = http (f, "GET", CHECK_PATH ("ZOOM", "12.3.0.350"), NULL, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "status"), ==, "update-available");
  g_assert_cmpstr (json_member_string (reply.json, "recommended_version"), ==, "12.3.2.380");
  reply_clear (&reply);

  /* Another process pins ZOOM to an older patch of its line, as the GTK application would. */
  r = run_ium (f->base.db, "instrument", "pin", "ZOOM", "12.3.1.365", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  start = g_get_monotonic_time ();
  deadline = start + 2 * G_TIME_SPAN_SECOND;
  while (!seen && g_get_monotonic_time () < deadline)
    {
      reply = http (f, "GET", "/api/v1/instruments/ZOOM", NULL, NULL);
      seen = has_flag (reply.json, "pinned");
      reply_clear (&reply);
      if (!seen)
        g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }
  g_test_message ("the pin showed after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_true (seen);

  /* The check answers from the same snapshot: the recommendation follows the pin. */
  reply = http (f, "GET", CHECK_PATH ("ZOOM", "12.3.0.350"), NULL, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "status"), ==, "update-available");
  g_assert_cmpstr (json_member_string (reply.json, "recommended_version"), ==, "12.3.1.365");
  reply_clear (&reply);

  /* The reload shows in /metrics. */
  reply = http (f, "GET", "/metrics", NULL, NULL);
  g_assert_nonnull (strstr (reply.body, "\nium_snapshot_reloads_total 1\n"));
  g_assert_nonnull (strstr (reply.body, "\nium_snapshot_generation 2\n"));
  reply_clear (&reply);
}

/* 64 clients at once */

typedef struct
{
  const char *url;
  const char *wish; /* GET /api/v1/instruments/WISH, as answered alone */
  guint       index;
  guint       n_wrong;
  char       *first_wrong; /* owned */
} ClientThread;

static const struct
{
  const char *instrument, *version, *status;
} concurrent_cases[] = {
  { "LARMOR", "12.3.2.380", "ok" },
  { "ARGUS", "11.0.0.50", "ok" },
  { "ARGUS", "12.0.0.100", "incompatible" },
  { "HRPD", "12.1.0.200", "ok" },
  { "MAPS", "12.0.0.100", "update-available" },
  { "SURF", "11.0.0.50", "update-available" },
  { "IMAT", "12.3.2.380", "client-newer" },
  { "HRPD", "12.2.0.300", "client-newer" },
  { "ENGIN-X", "12.3.2.380", "incompatible" },
  { "WISH", "12.3.1.365", "update-available" },
  { "SURF", "11.1.1.92", "ok" },
};

#define N_CLIENTS         64
#define CHECKS_PER_CLIENT 25

static gpointer
client_thread (gpointer data)
{
  ClientThread *client = data;
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);

  for (guint i = 0; i < CHECKS_PER_CLIENT; i++)
    {
      guint            c = (client->index + i) % G_N_ELEMENTS (concurrent_cases);
      g_autofree char *path =
        g_strdup_printf ("/api/v1/check?instrument=%s&component=ibex-gui"
                         "&version=%s",
                         concurrent_cases[c].instrument, concurrent_cases[c].version);
      Reply       reply = http_on (session, client->url, "GET", path, NULL, NULL);
      const char *status = reply.json ? json_member_string (reply.json, "status") : NULL;
      const char *instrument = reply.json ? json_member_string (reply.json, "instrument") : NULL;

      if (reply.status != 200 || g_strcmp0 (status, concurrent_cases[c].status) != 0
          || g_strcmp0 (instrument, concurrent_cases[c].instrument) != 0)
        {
          if (client->n_wrong++ == 0)
            client->first_wrong = g_strdup_printf ("%s: %u %s", path, reply.status, reply.body);
        }
      reply_clear (&reply);

      /* Reads of the inventory at the same time on other threads: WISH has two hosts, and
       * each must come back once, as when asked alone. */
      if (i % 5 == 0)
        {
          reply = http_on (session, client->url, "GET", "/api/v1/instruments/WISH", NULL, NULL);
          if (reply.status != 200 || g_strcmp0 (reply.body, client->wish) != 0)
            {
              if (client->n_wrong++ == 0)
                client->first_wrong = g_strdup_printf ("WISH: %u %s", reply.status, reply.body);
            }
          reply_clear (&reply);
        }
    }
  return NULL;
}

static void
test_concurrent_clients (ServerFixture *f, gconstpointer data)
{
  ClientThread     clients[N_CLIENTS] = { 0 };
  GThread         *threads[N_CLIENTS];
  g_autofree char *wish = NULL;
  g_autoptr (GPtrArray) checks = NULL;
  g_autofree char *expected_total = NULL;
  guint64          sum = 0;
  Reply            reply;

  /* Four listener threads share the port. */
  start_server (f, "--threads", "4", NULL);

  /* The expected verdicts, asked one at a time first. */
  for (guint c = 0; c < G_N_ELEMENTS (concurrent_cases); c++)
    {
      g_autofree char *path =
        g_strdup_printf ("/api/v1/check?instrument=%s&component=ibex-gui"
                         "&version=%s",
                         concurrent_cases[c].instrument, concurrent_cases[c].version);
      reply = http (f, "GET", path, NULL, NULL);
      g_assert_cmpstr (json_member_string (reply.json, "status"), ==, concurrent_cases[c].status);
      reply_clear (&reply);
    }

  reply = http (f, "GET", "/api/v1/instruments/WISH", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  wish = g_steal_pointer (&reply.body);
  reply_clear (&reply);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i].url = f->url;
      clients[i].wish = wish;
      clients[i].index = i;
      threads[i] = g_thread_new ("client", client_thread, &clients[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      if (clients[i].n_wrong > 0)
        g_error ("client %u got %u wrong answers, the first: %s", i, clients[i].n_wrong,
                 clients[i].first_wrong);
    }

  /* Every check was counted once ... */
  g_assert_nonnull (strstr (wish, "\"name\" : \"WISH\""));
  reply = http (f, "GET", "/metrics", NULL, NULL);
  {
    g_auto (GStrv) lines = g_strsplit (reply.body, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "ium_client_checks_total{"))
        sum += g_ascii_strtoull (strrchr (lines[i], ' ') + 1, NULL, 10);
  }
  g_assert_cmpuint (sum, ==, N_CLIENTS * CHECKS_PER_CLIENT + G_N_ELEMENTS (concurrent_cases));
  reply_clear (&reply);

  /* ... and logged once. */
  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
  checks = list_checks (f);
  g_assert_cmpuint (checks->len, ==,
                    N_CLIENTS * CHECKS_PER_CLIENT + G_N_ELEMENTS (concurrent_cases));
  for (guint i = 0; i < N_CLIENTS; i++)
    g_free (clients[i].first_wrong);
}

/* /metrics */

static double
metric (const char *text, const char *line_start)
{
  g_autofree char *needle = g_strconcat ("\n", line_start, " ", NULL);
  const char      *found = strstr (text, needle);

  if (found == NULL)
    g_error ("no metric “%s” in:\n%s", line_start, text);
  return g_ascii_strtod (found + strlen (needle), NULL);
}

static void
test_metrics (ServerFixture *f, gconstpointer data)
{
  static const char *const families[] = {
    "ium_client_checks_total counter",
    "ium_client_check_errors_total counter",
    "ium_client_connect_anyway_total counter",
    "ium_instruments gauge",
    "ium_instruments_total gauge",
    "ium_snapshot_reloads_total counter",
    "ium_snapshot_age_seconds gauge",
    "ium_check_log_queue_length gauge",
    "ium_check_log_written_total counter",
    "ium_http_requests_total counter",
  };
  Reply reply;

  start_server (f, NULL);
  for (guint i = 0; i < 3; i++)
    reply_clear ((reply = http (f, "GET", CHECK_PATH ("LARMOR", "11.2.0.5"), NULL, NULL), &reply));
  reply_clear ((reply = http (f, "GET", CHECK_PATH ("LARMOR", "12.3.2.380"), NULL, NULL), &reply));
  reply_clear ((reply = http (f, "GET", CHECK_PATH ("NOPE", "1"), NULL, NULL), &reply));
  reply_clear ((reply = http (f, "GET", CHECK_PATH ("LARMOR", "x"), NULL, NULL), &reply));
  reply_clear ((reply = http (f, "GET", "/nowhere", NULL, NULL), &reply));

  reply = http (f, "GET", "/metrics", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Content-Type"), ==,
                   "text/plain; version=0.0.4; charset=utf-8");

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autofree char *name = g_strndup (families[i], strchr (families[i], ' ') - families[i]);
      g_autofree char *type = g_strconcat ("# TYPE ", families[i], "\n", NULL);
      g_autofree char *help = g_strconcat ("# HELP ", name, " ", NULL);

      g_assert_nonnull (strstr (reply.body, type));
      g_assert_nonnull (strstr (reply.body, help));
    }

  g_assert_cmpfloat (metric (reply.body, "ium_client_checks_total{status=\"incompatible\"}"), ==,
                     3);
  g_assert_cmpfloat (metric (reply.body, "ium_client_checks_total{status=\"ok\"}"), ==, 1);
  g_assert_cmpfloat (metric (reply.body, "ium_client_checks_total{status=\"client-newer\"}"), ==,
                     0);
  g_assert_cmpfloat (metric (reply.body, "ium_client_check_errors_total{code=\"404\"}"), ==, 1);
  g_assert_cmpfloat (metric (reply.body, "ium_client_check_errors_total{code=\"400\"}"), ==, 1);
  g_assert_cmpfloat (metric (reply.body, "ium_instruments_total"), ==, 34);
  /* From the demo's `ium status`: 13 up to date, 2 pinned, 5 too far behind, 1 partial. */
  g_assert_cmpfloat (metric (reply.body, "ium_instruments{flag=\"up-to-date\"}"), ==, 13);
  g_assert_cmpfloat (metric (reply.body, "ium_instruments{flag=\"pinned\"}"), ==, 2);
  g_assert_cmpfloat (metric (reply.body, "ium_instruments{flag=\"too-far-behind\"}"), ==, 5);
  g_assert_cmpfloat (metric (reply.body, "ium_instruments{flag=\"partial\"}"), ==, 1);
  g_assert_cmpfloat (metric (reply.body, "ium_instruments{flag=\"custom\"}"), ==, 1);
  /* Six checks and the 404 page were answered before this scrape. */
  g_assert_cmpfloat (metric (reply.body, "ium_http_requests_total{code=\"200\"}"), ==, 4);
  g_assert_cmpfloat (metric (reply.body, "ium_http_requests_total{code=\"404\"}"), ==, 2);
  g_assert_cmpfloat (metric (reply.body, "ium_http_requests_total{code=\"400\"}"), ==, 1);
  g_assert_cmpfloat (metric (reply.body, "ium_snapshot_reloads_total"), ==, 0);
  g_assert_cmpfloat (metric (reply.body, "ium_snapshot_age_seconds"), >=, 0);
  reply_clear (&reply);
}

/* HTTPS */

static void
test_https (ServerFixture *f, gconstpointer data)
{
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (GError) error = NULL;
  Reply reply;

  make_certificate (f, &cert, &key);
  start_server (f, "--tls-cert", cert, "--tls-key", key, NULL);
  g_assert_true (g_str_has_prefix (f->url, "https://127.0.0.1:"));

  /* A client that trusts exactly this certificate. */
  database = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("tls-database", database, "timeout", 20, NULL);

  reply = http_on (session, f->url, "GET", CHECK_PATH ("LARMOR", "12.3.2.380"), NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_member_string (reply.json, "status"), ==, "ok");
  reply_clear (&reply);

  /* Plain HTTP on the HTTPS port gets no answer. */
  {
    gboolean          closed;
    static const char request[] = "GET /api/v1/instruments HTTP/1.1\r\nHost: x\r\n\r\n";
    g_autoptr (GBytes) answer = raw_request (f, request, sizeof request - 1, 3000, &closed);
    g_assert_cmpuint (raw_status (answer), ==, 0);
  }

  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
}

/* Refusing to start */

static void
expect_refusal (ServerFixture *f, const char *const *args, const char *message)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  Result r;

  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->base.db);
  g_ptr_array_add (argv, (gpointer) "serve");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = spawn_ium ((const char *const *) argv->pdata, NULL);
  r = finish (process);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  if (strstr (r.err, message) == NULL)
    g_error ("“%s” does not say “%s”", r.err, message);
  result_clear (&r);
}

static void
test_token_file_refused (ServerFixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->base.dir, "missing", NULL);
  g_autofree char *empty = write_temp (&f->base, "empty", " \n");
  g_autofree char *spaced = write_temp (&f->base, "spaced", "two words\n");

  g_assert_cmpint (g_chmod (empty, 0600), ==, 0);
  g_assert_cmpint (g_chmod (spaced, 0600), ==, 0);

  g_assert_cmpint (g_chmod (f->token_file, 0644), ==, 0);
  expect_refusal (
    f, (const char *[]){ "--listen", "127.0.0.1:0", "--token-file", f->token_file, NULL },
    "can be read or written by group or others (mode 0644)");
  g_assert_cmpint (g_chmod (f->token_file, 0620), ==, 0);
  expect_refusal (
    f, (const char *[]){ "--listen", "127.0.0.1:0", "--token-file", f->token_file, NULL },
    "chmod 600");
  g_assert_cmpint (g_chmod (f->token_file, 0604), ==, 0);
  expect_refusal (
    f, (const char *[]){ "--listen", "127.0.0.1:0", "--token-file", f->token_file, NULL },
    "mode 0604");
  expect_refusal (f, (const char *[]){ "--listen", "127.0.0.1:0", "--token-file", missing, NULL },
                  "cannot be read: No such file or directory");
  expect_refusal (f, (const char *[]){ "--listen", "127.0.0.1:0", "--token-file", empty, NULL },
                  "is empty");
  expect_refusal (f, (const char *[]){ "--listen", "127.0.0.1:0", "--token-file", spaced, NULL },
                  "without spaces");
  expect_refusal (f,
                  (const char *[]){ "--listen", "127.0.0.1:0", "--token-file", f->base.dir, NULL },
                  "is not a regular file");

  /* Mode 0400 is fine. */
  g_assert_cmpint (g_chmod (f->token_file, 0400), ==, 0);
  start_server_with_token (f);
  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
}

static void
test_bad_options_refused (ServerFixture *f, gconstpointer data)
{
  g_autofree char *junk = write_temp (&f->base, "junk.pem", "not a certificate\n");
  g_autofree char *no_db = g_build_filename (f->base.dir, "none.db", NULL);

  expect_refusal (f, (const char *[]){ "--listen", "localhost", NULL },
                  "cannot listen on “localhost”");
  expect_refusal (f, (const char *[]){ "--listen", "127.0.0.1:99999", NULL }, "ADDRESS:PORT");
  expect_refusal (f, (const char *[]){ "--listen", "example.org:80", NULL }, "IP address");
  expect_refusal (f, (const char *[]){ "--listen", "0", "--tls-cert", junk, NULL },
                  "--tls-cert and --tls-key go together");
  expect_refusal (f,
                  (const char *[]){ "--listen", "0", "--tls-cert", junk, "--tls-key", junk, NULL },
                  "cannot use the certificate");
  expect_refusal (f, (const char *[]){ "extra", NULL }, "expected no arguments");

  expect_refusal (f, (const char *[]){ "--threads", "-1", NULL }, "--threads takes 1 to 64");

  /* A port someone else holds, even another ium serve whose listener threads share theirs. */
  start_server (f, "--threads", "2", NULL);
  {
    g_autoptr (GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
    g_autofree char *taken = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
    expect_refusal (f, (const char *[]){ "--listen", taken, "--threads", "2", NULL },
                    "cannot listen on");
    expect_refusal (f, (const char *[]){ "--listen", taken, "--threads", "1", NULL },
                    "cannot listen on");
  }
  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);

  /* No database: no empty facility served by mistake. */
  {
    const char *args[] = { "--db", no_db, "serve", "--listen", "0", NULL };
    g_autoptr (GSubprocess) process = spawn_ium (args, NULL);
    Result r = finish (process);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "there is no inventory at"));
    g_assert_false (g_file_test (no_db, G_FILE_TEST_EXISTS));
    result_clear (&r);
  }
}

#define ADD(path, func)                                                             \
  g_test_add ("/ium/server/" path, ServerFixture, NULL, server_fixture_setup, func, \
              server_fixture_teardown)

int
main (int argc, char *argv[])
{
  server_test_init (&argc, &argv);

  ADD ("check/verdicts", test_check_verdicts);
  ADD ("check/errors", test_check_errors);
  ADD ("check/connect-anyway", test_connect_anyway);
  ADD ("stop/sigterm-flushes-check-log", test_sigterm_flushes_log);
  ADD ("stop/sigint", test_sigint_stops_cleanly);
  ADD ("read/instruments", test_read_instruments);
  ADD ("read/releases-downtime-token", test_read_releases_downtime_token);
  ADD ("read/rollouts", test_read_rollouts);
  ADD ("reload/edit-by-another-process", test_reload_after_other_process);
  ADD ("concurrency/64-clients", test_concurrent_clients);
  ADD ("metrics", test_metrics);
  ADD ("https", test_https);
  ADD ("start/token-file-refused", test_token_file_refused);
  ADD ("start/bad-options-refused", test_bad_options_refused);

  return g_test_run ();
}
