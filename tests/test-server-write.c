/* test-server-write.c: the write API of `ium serve`: the bearer token (401 without or
 * malformed, 403 wrong, 403 on a read-only server), and every change: pins, busy marks,
 * instrument edits (installed versions need the deploy token), downtime windows, rollout
 * states and the deploy token itself, each with its refusals and what it leaves in the
 * database and its audit log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-server"

#include "config.h"

#include <signal.h>

#include "ium-store.h"
#include "ium-test-server.h"

static gboolean
has_flag (JsonNode *instrument, const char *flag)
{
  JsonArray *flags = json_object_get_array_member (json_node_get_object (instrument), "flags");

  for (guint i = 0; i < json_array_get_length (flags); i++)
    if (g_str_equal (json_array_get_string_element (flags, i), flag))
      return TRUE;
  return FALSE;
}

/* The newest audit entry. Owned. */
static IumAuditEntry *
last_audit (ServerFixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_store_open_existing (f->base.db, &error);
  g_autoptr (GPtrArray) entries = NULL;

  g_assert_no_error (error);
  entries = ium_store_list_audit (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  return g_ptr_array_steal_index (entries, entries->len - 1);
}

static guint
n_audit (ServerFixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_store_open_existing (f->base.db, &error);
  g_autoptr (GPtrArray) entries = NULL;

  g_assert_no_error (error);
  entries = ium_store_list_audit (store, NULL, NULL, &error);
  g_assert_no_error (error);
  return entries->len;
}

static void
expect (Reply *reply, guint status, const char *message)
{
  if (reply->status != status)
    g_error ("expected %u, got %u: %s", status, reply->status, reply->body);
  if (message != NULL && strstr (reply_error (reply), message) == NULL)
    g_error ("“%s” does not say “%s”", reply_error (reply), message);
}

/* The bearer token */

static void
test_auth (ServerFixture *f, gconstpointer data)
{
  static const char body[] = "{\"release\": \"12.3.1.365\"}";
  guint             before = n_audit (f);
  Reply             reply;

  start_server_with_token (f);

  reply = http (f, "PUT", "/api/v1/instruments/ZOOM/pin", body, NULL);
  expect (&reply, 401, "Authorization: Bearer TOKEN");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "WWW-Authenticate"), ==,
                   "Bearer realm=\"ium\"");
  reply_clear (&reply);

  reply = http (f, "PUT", "/api/v1/instruments/ZOOM/pin", body, "Authorization",
                "Basic YWxpY2U6c2VjcmV0", NULL);
  expect (&reply, 401, "must be “Bearer TOKEN”");
  g_assert_nonnull (strstr (soup_message_headers_get_one (reply.headers, "WWW-Authenticate"),
                            "error=\"invalid_request\""));
  reply_clear (&reply);

  reply = http (f, "PUT", "/api/v1/instruments/ZOOM/pin", body, "Authorization", "Bearer ", NULL);
  expect (&reply, 401, NULL);
  reply_clear (&reply);

  /* Wrong, whether shorter, longer or one character off. */
  {
    const char *wrong[] = { "Bearer x", "Bearer " TEST_TOKEN "0",
                            "Bearer test-token-0123456789abcdeF" };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        reply =
          http (f, "PUT", "/api/v1/instruments/ZOOM/pin", body, "Authorization", wrong[i], NULL);
        expect (&reply, 403, "the bearer token is wrong");
        reply_clear (&reply);
      }
  }

  /* Nothing changed. */
  g_assert_cmpuint (n_audit (f), ==, before);
  reply = http (f, "GET", "/api/v1/instruments/ZOOM", NULL, NULL);
  g_assert_false (has_flag (reply.json, "pinned"));
  reply_clear (&reply);

  /* The scheme is case-insensitive, as HTTP says. */
  reply = http (f, "PUT", "/api/v1/instruments/ZOOM/pin", body, "Authorization",
                "bearer " TEST_TOKEN, NULL);
  expect (&reply, 200, NULL);
  g_assert_true (has_flag (reply.json, "pinned"));
  reply_clear (&reply);

  /* An unknown path is a 404 whatever the token. */
  reply = http (f, "PUT", "/api/v1/nothing", body, NULL);
  expect (&reply, 404, NULL);
  reply_clear (&reply);
}

static void
test_read_only (ServerFixture *f, gconstpointer data)
{
  static const struct
  {
    const char *method, *path, *body;
  } changes[] = {
    { "PUT", "/api/v1/instruments/ZOOM/pin", "{\"release\": \"12.3.1.365\"}" },
    { "DELETE", "/api/v1/instruments/ZOOM/busy", NULL },
    { "PUT", "/api/v1/instruments/ZOOM", "{\"site\": \"x\"}" },
    { "POST", "/api/v1/downtime", "{}" },
    { "PUT", "/api/v1/token", NULL },
  };
  guint before = n_audit (f);

  start_server (f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      /* Even with the right token: there is none to compare it with. */
      Reply reply = http (f, changes[i].method, changes[i].path, changes[i].body, "Authorization",
                          "Bearer " TEST_TOKEN, "X-IUM-User", "alice", NULL);
      expect (&reply, 403, "started read-only (without --token-file)");
      reply_clear (&reply);
    }
  g_assert_cmpuint (n_audit (f), ==, before);
}

/* Pins and busy marks */

static void
test_pin (ServerFixture *f, gconstpointer data)
{
  g_autoptr (IumAuditEntry) anonymous = NULL;
  g_autoptr (IumAuditEntry) named = NULL;
  Reply reply;

  start_server_with_token (f);

  reply =
    http_change (f, "PUT", "/api/v1/instruments/ZOOM/pin", "{\"release\": \"12.3.1.365\"}", NULL);
  expect (&reply, 200, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "name"), ==, "ZOOM");
  g_assert_cmpstr (json_member_string (reply.json, "target"), ==, "12.3.1.365");
  g_assert_true (has_flag (reply.json, "pinned"));
  reply_clear (&reply);

  /* Without X-IUM-User the audit log names the client. */
  anonymous = last_audit (f);
  g_assert_cmpstr (anonymous->action, ==, "pin");
  g_assert_cmpstr (anonymous->key, ==, "ZOOM");
  g_assert_cmpstr (anonymous->who, ==, "HTTP client 127.0.0.1");

  /* The check sees it at once. */
  reply = http (f, "GET", "/api/v1/check?instrument=ZOOM&component=ibex-gui&version=12.3.0.350",
                NULL, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "recommended_version"), ==, "12.3.1.365");
  reply_clear (&reply);

  reply = http_change (f, "DELETE", "/api/v1/instruments/ZOOM/pin", NULL, "carol");
  expect (&reply, 200, NULL);
  g_assert_false (has_flag (reply.json, "pinned"));
  g_assert_cmpstr (json_member_string (reply.json, "target"), ==, "12.3.2.380");
  reply_clear (&reply);
  named = last_audit (f);
  g_assert_cmpstr (named->action, ==, "unpin");
  g_assert_cmpstr (named->who, ==, "carol");

  {
    static const struct
    {
      const char *method, *path, *body;
      guint       status;
      const char *message;
    } bad[] = {
      { "PUT", "/api/v1/instruments/ZOOM/pin", "{\"release\": \"99.0\"}", 404,
        "unknown release “99.0”" },
      { "PUT", "/api/v1/instruments/NOPE/pin", "{\"release\": \"12.3.1.365\"}", 404,
        "unknown instrument “NOPE”" },
      { "PUT", "/api/v1/instruments/ZOOM/pin", NULL, 400, "needs a JSON object body with release" },
      { "PUT", "/api/v1/instruments/ZOOM/pin", "{}", 400, "“release” is missing" },
      { "PUT", "/api/v1/instruments/ZOOM/pin", "{\"release\": 12}", 400, "“release” must be text" },
      { "PUT", "/api/v1/instruments/ZOOM/pin", "{\"release\": \"12.3.1.365\", \"x\": 1}", 400,
        "unknown key “x”" },
      { "PUT", "/api/v1/instruments/ZOOM/pin", "[\"12.3.1.365\"]", 400, "must be a JSON object" },
      { "PUT", "/api/v1/instruments/ZOOM/pin", "{\"release\": ", 400, "the body is not JSON" },
      { "DELETE", "/api/v1/instruments/ZOOM/pin", "{\"release\": \"12\"}", 400,
        "unknown key “release”" },
      { "DELETE", "/api/v1/instruments/NOPE/pin", NULL, 404, "unknown instrument" },
      { "POST", "/api/v1/instruments/ZOOM/pin", NULL, 405, "this path takes PUT, DELETE" },
    };
    guint before = n_audit (f);

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        reply = http_change (f, bad[i].method, bad[i].path, bad[i].body, "carol");
        expect (&reply, bad[i].status, bad[i].message);
        reply_clear (&reply);
      }
    g_assert_cmpuint (n_audit (f), ==, before);
  }
}

static void
test_busy (ServerFixture *f, gconstpointer data)
{
  Reply reply;

  start_server_with_token (f);

  reply = http_change (f, "PUT", "/api/v1/instruments/LARMOR/busy",
                       "{\"note\": \"Cycle 2026/2 user experiment\"}", "dave");
  expect (&reply, 200, NULL);
  g_assert_true (has_flag (reply.json, "busy"));
  reply_clear (&reply);

  /* ium sees it. */
  {
    Result r = run_ium (f->base.db, "status", "LARMOR", NULL);
    g_assert_nonnull (strstr (r.out, "Cycle 2026/2 user experiment"));
    result_clear (&r);
  }

  reply = http_change (f, "PUT", "/api/v1/instruments/LARMOR/busy", "{\"note\": 3}", "dave");
  expect (&reply, 400, "“note” must be text");
  reply_clear (&reply);

  reply = http_change (f, "DELETE", "/api/v1/instruments/LARMOR/busy", NULL, "dave");
  expect (&reply, 200, NULL);
  g_assert_false (has_flag (reply.json, "busy"));
  reply_clear (&reply);

  /* A note needs no body: an empty PUT is busy without one. */
  reply = http_change (f, "PUT", "/api/v1/instruments/ZOOM/busy", NULL, NULL);
  expect (&reply, 200, NULL);
  g_assert_true (has_flag (reply.json, "busy"));
  reply_clear (&reply);

  reply = http_change (f, "PUT", "/api/v1/instruments/NOPE/busy", NULL, NULL);
  expect (&reply, 404, "unknown instrument “NOPE”");
  reply_clear (&reply);
}

/* Instrument edits */

static void
test_edit_instrument (ServerFixture *f, gconstpointer data)
{
  static const char hosts_edit[] =
    "{\"hosts\": [{\"name\": \"NDXSURF\", \"installed\": {\"ibex-server\": \"12.3.2.380\", "
    "\"ibex-gui\": \"12.3.2.380\", \"genie-python\": \"12.3.2.380\"}}]}";
  g_autoptr (IumAuditEntry) entry = NULL;
  Reply reply;
  guint before;

  start_server_with_token (f);

  reply = http_change (f, "PUT", "/api/v1/instruments/SURF",
                       "{\"site\": \"TS1 east\", \"tags\": "
                       "[\"reflectometry\", \"<b>new</b>\"]}",
                       "erin");
  expect (&reply, 200, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "site"), ==, "TS1 east");
  reply_clear (&reply);
  entry = last_audit (f);
  g_assert_cmpstr (entry->action, ==, "edit");
  g_assert_cmpstr (entry->who, ==, "erin");
  g_assert_nonnull (strstr (entry->after, "<b>new</b>"));

  /* Installed versions are a deployment: a name, and the deploy token held under it. */
  before = n_audit (f);
  reply = http_change (f, "PUT", "/api/v1/instruments/SURF", hosts_edit, NULL);
  expect (&reply, 400, "X-IUM-User");
  reply_clear (&reply);
  reply = http_change (f, "PUT", "/api/v1/instruments/SURF", hosts_edit, "erin");
  expect (&reply, 409, "take the deploy token first");
  reply_clear (&reply);
  g_assert_cmpuint (n_audit (f), ==, before);

  reply = http_change (f, "PUT", "/api/v1/token", NULL, "erin");
  expect (&reply, 200, NULL);
  reply_clear (&reply);

  /* What the host had before: SURF has a control PC and may have more hosts. */
  reply = http_change (f, "PUT", "/api/v1/instruments/SURF", hosts_edit, "erin");
  expect (&reply, 200, NULL);
  {
    JsonArray  *hosts = json_object_get_array_member (json_node_get_object (reply.json), "hosts");
    JsonObject *control = json_array_get_object_element (hosts, 0);
    JsonObject *installed = json_object_get_object_member (control, "installed");

    g_assert_cmpstr (json_object_get_string_member (control, "name"), ==, "NDXSURF");
    g_assert_cmpstr (json_object_get_string_member (installed, "ibex-server"), ==, "12.3.2.380");
  }
  reply_clear (&reply);

  {
    static const struct
    {
      const char *body;
      guint       status;
      const char *message;
    } bad[] = {
      { "{\"hosts\": [{\"name\": \"NDXSURF\", \"installed\": {\"ibex-gui\": \"12.x\"}}]}", 400,
        "hosts[0].installed.ibex-gui: " },
      { "{\"hosts\": [{\"name\": \"NOHOST\", \"installed\": {}}]}", 400,
        "hosts[0].name: SURF has no host “NOHOST”" },
      { "{\"pin\": \"12.3.1.365\"}", 400, "pin: unknown key" },
      { "{\"site\": 4}", 400, "site: " },
      { "\"TS1\"", 400, "an instrument edit is an object" },
      { NULL, 400, "needs a JSON object body" },
    };

    before = n_audit (f);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        reply = http_change (f, "PUT", "/api/v1/instruments/SURF", bad[i].body, "erin");
        expect (&reply, bad[i].status, bad[i].message);
        reply_clear (&reply);
      }
    g_assert_cmpuint (n_audit (f), ==, before);
  }

  reply = http_change (f, "PUT", "/api/v1/instruments/NOPE", "{\"site\": \"x\"}", "erin");
  expect (&reply, 404, "unknown instrument “NOPE”");
  reply_clear (&reply);
}

/* Downtime windows */

static void
test_downtime (ServerFixture *f, gconstpointer data)
{
  static const char window[] =
    "{\"start\": \"2027-06-01T09:00:00+01:00\", \"end\": \"2027-06-01T17:00:00Z\", "
    "\"label\": \"Extra window\", \"instruments\": [\"ZOOM\", \"LARMOR\"]}";
  const char      *location;
  g_autofree char *location_copy = NULL;
  JsonArray       *array;
  Reply            reply;

  start_server_with_token (f);

  reply = http_change (f, "POST", "/api/v1/downtime", window, "frank");
  expect (&reply, 201, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "key"), ==,
                   "2027-06-01T08:00:00Z|2027-06-01T17:00:00Z|Extra window");
  g_assert_cmpstr (json_member_string (reply.json, "start"), ==, "2027-06-01T09:00:00+01:00");
  location = soup_message_headers_get_one (reply.headers, "Location");
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, "/api/v1/downtime/2027-06-01T08%3A00%3A00Z%7C"));
  location_copy = g_strdup (location);
  reply_clear (&reply);

  reply = http (f, "GET", "/api/v1/downtime", NULL, NULL);
  array = json_object_get_array_member (json_node_get_object (reply.json), "downtime");
  g_assert_cmpuint (json_array_get_length (array), ==, 61);
  reply_clear (&reply);

  {
    static const struct
    {
      const char *body;
      const char *message;
    } bad[] = {
      { "{\"start\": \"2027-06-01T09:00:00Z\", \"end\": \"2027-06-01T08:00:00Z\", \"label\": "
        "\"X\"}",
        "end: the window must end after it starts" },
      { "{\"start\": \"2027-06-01 09:00\", \"end\": \"2027-06-01T10:00:00Z\", \"label\": \"X\"}",
        "start: " },
      { "{\"start\": \"2027-06-01T09:00:00Z\", \"end\": \"2027-06-01T10:00:00Z\", \"label\": "
        "\"X\", "
        "\"instruments\": [\"NOPE\"]}",
        "NOPE" },
      { "[]", "a downtime window is an object" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        reply = http_change (f, "POST", "/api/v1/downtime", bad[i].body, "frank");
        expect (&reply, 400, bad[i].message);
        reply_clear (&reply);
      }
    reply = http_change (f, "POST", "/api/v1/downtime", NULL, "frank");
    expect (&reply, 400, "needs a JSON object body");
    reply_clear (&reply);
  }

  /* The Location names it for DELETE. */
  reply = http_change (f, "DELETE", location_copy, NULL, "frank");
  expect (&reply, 200, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "label"), ==, "Extra window");
  reply_clear (&reply);

  reply = http_change (f, "DELETE", location_copy, NULL, "frank");
  expect (&reply, 404, "there is no downtime window with the key");
  reply_clear (&reply);

  reply = http (f, "GET", "/api/v1/downtime", NULL, NULL);
  array = json_object_get_array_member (json_node_get_object (reply.json), "downtime");
  g_assert_cmpuint (json_array_get_length (array), ==, 60);
  reply_clear (&reply);
}

/* Rollouts and the deploy token */

static void
test_rollout_states (ServerFixture *f, gconstpointer data)
{
  Reply  reply;
  Result r;

  r = run_ium (f->base.db, "plan", "12.3.2.380", "--from", "2026-12-01", "--save", "r12.3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_ium (f->base.db, "instrument", "busy", "SURF", "--note", "long scan", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  start_server_with_token (f);

  reply = http_change (f, "POST", "/api/v1/rollouts/r12.3/instruments/ARGUS",
                       "{\"state\": \"in-progress\"}", NULL);
  expect (&reply, 400, "X-IUM-User");
  reply_clear (&reply);

  reply = http_change (f, "POST", "/api/v1/rollouts/r12.3/instruments/ARGUS",
                       "{\"state\": \"in-progress\"}", "gina");
  expect (&reply, 409, "take the deploy token first");
  reply_clear (&reply);

  reply = http_change (f, "PUT", "/api/v1/token", "{\"note\": \"12.3 wave 1\"}", "gina");
  expect (&reply, 200, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "holder"), ==, "gina");
  reply_clear (&reply);

  reply = http_change (f, "POST", "/api/v1/rollouts/r12.3/instruments/ARGUS",
                       "{\"state\": \"in-progress\", \"note\": \"starting\"}", "gina");
  expect (&reply, 200, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "name"), ==, "r12.3");
  reply_clear (&reply);

  {
    static const struct
    {
      const char *path, *body;
      guint       status;
      const char *message;
    } bad[] = {
      /* in-progress → planned is not a move the state machine has. */
      { "/api/v1/rollouts/r12.3/instruments/ARGUS", "{\"state\": \"planned\"}", 409, "planned" },
      { "/api/v1/rollouts/r12.3/instruments/ARGUS", "{\"state\": \"finished\"}", 400, "finished" },
      { "/api/v1/rollouts/r12.3/instruments/ARGUS", "{}", 400, "“state” is missing" },
      { "/api/v1/rollouts/r12.3/instruments/ARGUS", "{\"state\": \"done\", \"force\": \"yes\"}",
        400, "“force” must be true or false" },
      { "/api/v1/rollouts/nope/instruments/ARGUS", "{\"state\": \"done\"}", 404, "nope" },
      { "/api/v1/rollouts/r12.3/instruments/NOPE", "{\"state\": \"done\"}", 404, "NOPE" },
      /* SURF is busy: starting it needs force. */
      { "/api/v1/rollouts/r12.3/instruments/SURF", "{\"state\": \"in-progress\"}", 409, "busy" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        reply = http_change (f, "POST", bad[i].path, bad[i].body, "gina");
        expect (&reply, bad[i].status, bad[i].message);
        reply_clear (&reply);
      }
  }

  reply = http_change (f, "POST", "/api/v1/rollouts/r12.3/instruments/SURF",
                       "{\"state\": \"in-progress\", \"force\": true}", "gina");
  expect (&reply, 200, NULL);
  reply_clear (&reply);

  /* Done installs the release on every host: the instrument runs it at once. */
  reply = http_change (f, "POST", "/api/v1/rollouts/r12.3/instruments/ARGUS",
                       "{\"state\": \"done\"}", "gina");
  expect (&reply, 200, NULL);
  reply_clear (&reply);
  reply = http (f, "GET", "/api/v1/instruments/ARGUS", NULL, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "release"), ==, "12.3.2.380");
  g_assert_true (has_flag (reply.json, "up-to-date"));
  reply_clear (&reply);

  reply = http_change (f, "POST", "/api/v1/rollouts/nope/resume", NULL, "gina");
  expect (&reply, 404, NULL);
  reply_clear (&reply);
  reply = http_change (f, "POST", "/api/v1/rollouts/r12.3/resume", NULL, NULL);
  expect (&reply, 400, "X-IUM-User");
  reply_clear (&reply);
}

static void
test_token (ServerFixture *f, gconstpointer data)
{
  Reply reply;

  start_server_with_token (f);

  reply = http_change (f, "PUT", "/api/v1/token", NULL, NULL);
  expect (&reply, 400, "X-IUM-User");
  reply_clear (&reply);

  reply = http_change (f, "PUT", "/api/v1/token", "{\"note\": \"patch 12.3.2\"}", "alice");
  expect (&reply, 200, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "holder"), ==, "alice");
  g_assert_cmpstr (json_member_string (reply.json, "note"), ==, "patch 12.3.2");
  reply_clear (&reply);

  reply = http_change (f, "PUT", "/api/v1/token", NULL, "bob");
  expect (&reply, 409, "held by alice since");
  reply_clear (&reply);

  reply = http_change (f, "PUT", "/api/v1/token", "{\"steal\": true}", "bob");
  expect (&reply, 400, NULL);
  reply_clear (&reply);
  reply = http_change (f, "PUT", "/api/v1/token", "{\"reason\": \"away\"}", "bob");
  expect (&reply, 400, "“reason” goes with");
  reply_clear (&reply);

  reply = http_change (f, "DELETE", "/api/v1/token", NULL, "bob");
  expect (&reply, 409, "alice");
  reply_clear (&reply);

  reply = http_change (f, "PUT", "/api/v1/token",
                       "{\"steal\": true, \"reason\": \"alice is on "
                       "leave\"}",
                       "bob");
  expect (&reply, 200, NULL);
  g_assert_cmpstr (json_member_string (reply.json, "holder"), ==, "bob");
  reply_clear (&reply);

  /* `ium token show` agrees. */
  {
    Result r = run_ium (f->base.db, "token", "show", NULL);
    g_assert_nonnull (strstr (r.out, "held by bob"));
    result_clear (&r);
  }

  reply = http_change (f, "DELETE", "/api/v1/token", "{\"note\": \"done\"}", "bob");
  expect (&reply, 200, NULL);
  g_assert_true (json_object_get_null_member (json_node_get_object (reply.json), "holder"));
  reply_clear (&reply);

  /* X-IUM-User must be a name. */
  reply = http (f, "PUT", "/api/v1/token", NULL, "Authorization", "Bearer " TEST_TOKEN,
                "X-IUM-User", "   ", NULL);
  expect (&reply, 400, "X-IUM-User must be a name");
  reply_clear (&reply);
}

#define ADD(path, func)                                                                   \
  g_test_add ("/ium/server-write/" path, ServerFixture, NULL, server_fixture_setup, func, \
              server_fixture_teardown)

int
main (int argc, char *argv[])
{
  server_test_init (&argc, &argv);

  ADD ("auth", test_auth);
  ADD ("read-only", test_read_only);
  ADD ("pin", test_pin);
  ADD ("busy", test_busy);
  ADD ("instrument-edit", test_edit_instrument);
  ADD ("downtime", test_downtime);
  ADD ("rollout-states", test_rollout_states);
  ADD ("token", test_token);

  return g_test_run ();
}
