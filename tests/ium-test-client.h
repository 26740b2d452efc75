/* ium-test-client.h: what the client library's tests add to the server harness: a fixture
 * with the real `ium serve` running, the check log as the server wrote it, and waiting for
 * an asynchronous call.
 *
 * These programs link libium-client and not libium (each has its own IumVerdict type), so
 * they read the check log through tests/ium-test-checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-test-server.h"

G_BEGIN_DECLS

/* clang-format off */

/* server_fixture_setup(), then the server started on the demo facility. */
void          client_fixture_setup         (ServerFixture *f,
                                            gconstpointer  data);
#define client_fixture_teardown server_fixture_teardown

/* The check log, "EVENT INSTRUMENT COMPONENT VERSION STATUS" a line, oldest first. Owned. */
char         *dup_checks                   (ServerFixture *f);
/* Waits until the check log holds @line, as the server writes it in batches; fails the test
 * after 10 s. */
void          wait_for_check               (ServerFixture *f,
                                            const char    *line);

/* Waiting for an asynchronous call on the thread-default main context:
 *   AsyncWait wait = { 0 };
 *   ium_client_check_async (..., async_wait_cb, &wait);
 *   g_autoptr(GAsyncResult) result = async_wait_run (&wait);   */
typedef struct
{
  gboolean      done;
  GAsyncResult *result; /* owned */
} AsyncWait;

void          async_wait_cb                (GObject      *object,
                                            GAsyncResult *result,
                                            gpointer      user_data);
/* Runs the context until the call completes; returns its result, owned. */
GAsyncResult *async_wait_run               (AsyncWait    *wait);

/* clang-format on */

G_END_DECLS
