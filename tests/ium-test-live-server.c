/* ium-test-live-server.c: a real `ium serve` on an ephemeral loopback port.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ium-test-live-server.h"

#include <signal.h>

#define WAIT_LIMIT_US (10 * G_USEC_PER_SEC)
#define POLL_US (20 * 1000)

/* The server prints the URL it listens on; take the first http(s) URL of its output. */
static char *
find_url (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("https?://[^\\s\"'<>]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, text, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 0);
}

static char *
read_log (LiveServer *server)
{
  char *text = NULL;

  if (!g_file_get_contents (server->log_path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

void
live_server_start (LiveServer *server)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("IUM_SERVE_BIN") != NULL ? g_getenv ("IUM_SERVE_BIN")
                                                       : g_getenv ("IUM_BIN");
  gint64 deadline;

  g_assert_nonnull (bin);

  fixture_setup (&server->base, NULL);
  import_demo (&server->base);

  /* A file, not a pipe: nobody reads the server's output while a test runs, and a full
   * pipe would stall it. */
  server->log_path = g_build_filename (server->base.dir, "server.log", NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, server->log_path);
  g_subprocess_launcher_unsetenv (launcher, "IUM_DB");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  server->process = g_subprocess_launcher_spawn (launcher, &error, bin,
                                                 "--db", server->base.db,
                                                 "serve", "--listen", "127.0.0.1:0",
                                                 NULL);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + WAIT_LIMIT_US;
  while (server->url == NULL)
    {
      g_autofree char *log = read_log (server);

      server->url = find_url (log);
      if (server->url != NULL)
        break;

      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (server->process) == NULL)
        g_error ("ium serve printed no URL: %s", log);
      g_usleep (POLL_US);
    }
}

void
live_server_stop (LiveServer *server)
{
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }

  g_clear_pointer (&server->url, g_free);
  g_clear_pointer (&server->log_path, g_free);
  if (server->base.dir != NULL)
    {
      fixture_teardown (&server->base, NULL);
      server->base.dir = NULL;
      server->base.db = NULL;
    }
}

char *
live_server_dup_checks (LiveServer *server)
{
  const char *bin = g_getenv ("IUM_TEST_CHECKS_BIN");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_nonnull (bin);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              bin, server->base.db, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  return out;
}

void
live_server_wait_for_check (LiveServer *server,
                            const char *line)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  for (;;)
    {
      g_autofree char *checks = live_server_dup_checks (server);
      g_auto(GStrv) lines = g_strsplit (checks, "\n", -1);

      if (g_strv_contains ((const char * const *) lines, line))
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("the check log has no “%s” after 10 s; it has:\n%s", line, checks);
      g_usleep (POLL_US);
    }
}

void
live_server_setup (LiveServer    *server,
                   gconstpointer  data)
{
  live_server_start (server);
}

void
live_server_teardown (LiveServer    *server,
                      gconstpointer  data)
{
  live_server_stop (server);
}
