/* ium-cli-serve.c: `ium serve`, the HTTP server (src/server) on the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "ium-cli-common.h"
#include "ium-server.h"

static char              *opt_listen;
static char              *opt_token_file;
static char              *opt_tls_cert;
static char              *opt_tls_key;
static int                opt_threads;

static const GOptionEntry serve_entries[] = {
  { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen,
    /* The default is spelled out, not IUM_SERVER_DEFAULT_LISTEN, so that xgettext sees one
     * string; the G_STATIC_ASSERT below catches a default of another length. */
    N_ ("Where to listen: ADDRESS:PORT, [IPV6]:PORT, or a port on 127.0.0.1; port 0 picks a "
        "free one (default: 127.0.0.1:8080)"),
    N_ ("ADDR:PORT") },
  { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_token_file,
    N_ ("Accept changes from clients that send this file's token as 'Authorization: Bearer "
        "TOKEN' (the file must be mode 0600; without it the server is read-only)"),
    N_ ("FILE") },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert,
    N_ ("Serve HTTPS with this PEM certificate (chain); needs --tls-key"), N_ ("FILE") },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key, N_ ("The certificate's PEM private key"),
    N_ ("FILE") },
  { "threads", 0, 0, G_OPTION_ARG_INT, &opt_threads,
    N_ ("Threads that accept and answer requests (default: one per core, at most 4)"), N_ ("N") },
  { NULL }
};

G_STATIC_ASSERT (sizeof (IUM_SERVER_DEFAULT_LISTEN) == sizeof ("127.0.0.1:8080"));

static gboolean
stop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
run_serve (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  guint            term_id, int_id;

  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("--tls-cert and --tls-key go together"));
  if (opt_threads < 0 || opt_threads > 64)
    return ium_cli_fail (cli, IUM_EXIT_USAGE,
                         _ ("--threads takes 1 to 64 (or 0 for one per core)"));

  /* From here on the messages are the server's: its log and the `message` of every JSON
   * answer, which clients and scripts read, are English whatever the user's language
   * (docs/translations.md). Before any server thread exists. */
  setlocale (LC_MESSAGES, "C");

  server = ium_server_new (cli->db_path, &error);
  if (server == NULL)
    return ium_cli_fail_error (cli, error);

  if ((opt_token_file != NULL && !ium_server_load_token_file (server, opt_token_file, &error))
      || (opt_tls_cert != NULL
          && !ium_server_load_tls_files (server, opt_tls_cert, opt_tls_key, &error))
      || !ium_server_listen (server, opt_listen ? opt_listen : IUM_SERVER_DEFAULT_LISTEN,
                             (guint) opt_threads, &error))
    {
      ium_server_stop (server);
      return ium_cli_fail (cli, IUM_EXIT_USAGE, "%s", error->message);
    }

  loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, stop_cb, loop);
  int_id = g_unix_signal_add (SIGINT, stop_cb, loop);

  /* Scripts and tests read the URL from this line, port 0 included. */
  url = ium_server_dup_url (server);
  g_print ("ium serve: listening on %s (inventory %s; %s)\n", url, cli->db_path,
           opt_token_file ? "changes need the bearer token"
                          : "read-only: no --token-file, every change is refused");
  fflush (stdout);

  g_main_loop_run (loop);

  g_print ("ium serve: stopping; writing the check log\n");
  fflush (stdout);
  ium_server_stop (server);
  g_source_remove (term_id);
  g_source_remove (int_id);
  g_print ("ium serve: stopped\n");
  return IUM_EXIT_OK;
}

const IumCliCommand ium_cli_serve_commands[] = {
  { "serve", NULL, "", N_ ("Serve client checks, the inventory and a status page over HTTP"),
    N_ ("Answers client checks (GET /api/v1/check) from the inventory in memory, reloading it "
        "within a second when the database changes; serves the read and write API under "
        "/api/v1/, a status page at / and Prometheus metrics at /metrics. SIGTERM or SIGINT "
        "stops it after writing the check log. See docs/http-api.md."),
    serve_entries, run_serve, 0, 0 },
  { NULL }
};
