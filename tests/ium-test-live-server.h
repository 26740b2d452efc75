/* ium-test-live-server.h: a real `ium serve` on an ephemeral loopback port, over a
 * temporary database holding the demo facility, for the client library's tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-test-cli.h"

G_BEGIN_DECLS

typedef struct
{
  Fixture      base;     /* the temporary directory and database */
  GSubprocess *process;  /* owned: the server */
  char        *log_path; /* owned: what the server printed */
  char        *url;      /* owned: the URL it listens on, as it printed it */
} LiveServer;

/* Imports data/demo-inventory.json into a new database and starts the server on it. */
void       live_server_start            (LiveServer *server);
/* Stops the server (SIGTERM) and removes the temporary directory. */
void       live_server_stop             (LiveServer *server);
/* Waits until the check log holds @line ("EVENT INSTRUMENT COMPONENT VERSION STATUS"), as
 * the server writes it in batches; fails the test after 10 s. */
void       live_server_wait_for_check   (LiveServer *server,
                                         const char *line);
/* The check log, one check a line. Owned. */
char      *live_server_dup_checks       (LiveServer *server);
/* Fixture functions for g_test_add(). */
void       live_server_setup            (LiveServer    *server,
                                         gconstpointer  data);
void       live_server_teardown         (LiveServer    *server,
                                         gconstpointer  data);

G_END_DECLS
