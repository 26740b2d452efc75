/* ium-test-client.c: what the client library's tests add to the server harness.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-client.h"

#define WAIT_LIMIT_US (10 * G_USEC_PER_SEC)
#define POLL_US       (20 * 1000)

void
client_fixture_setup (ServerFixture *f, gconstpointer data)
{
  server_fixture_setup (f, data);
  start_server (f, NULL);
}

char *
dup_checks (ServerFixture *f)
{
  const char *bin = g_getenv ("IUM_TEST_CHECKS_BIN");
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  char *out = NULL;

  g_assert_nonnull (bin);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, bin, f->base.db, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  return out;
}

void
wait_for_check (ServerFixture *f, const char *line)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  for (;;)
    {
      g_autofree char *checks = dup_checks (f);
      g_auto (GStrv) lines = g_strsplit (checks, "\n", -1);

      if (g_strv_contains ((const char *const *) lines, line))
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("the check log has no “%s” after 10 s; it has:\n%s", line, checks);
      g_usleep (POLL_US);
    }
}

void
async_wait_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

GAsyncResult *
async_wait_run (AsyncWait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);

  wait->done = FALSE;
  return g_steal_pointer (&wait->result);
}
