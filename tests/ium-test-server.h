/* ium-test-server.h: the harness the server test programs share: a demo database in a
 * temporary directory, the real `ium serve` started on an ephemeral loopback port, HTTP
 * requests through libsoup, and raw bytes for requests libsoup would refuse to send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "ium-test-cli.h"

G_BEGIN_DECLS

/* clang-format off */

/* The token in the fixture's token file. */
#define TEST_TOKEN "test-token-0123456789abcdef"

typedef struct
{
  Fixture           base;       /* dir, db (the demo inventory, imported) */
  char             *token_file; /* owned: mode 0600, holding TEST_TOKEN */
  GSubprocess      *process;    /* owned, nullable: the running server */
  GDataInputStream *out;        /* owned, nullable: its standard output */
  char             *url;        /* owned, nullable: "http://127.0.0.1:PORT/" */
  SoupSession      *session;    /* owned */
} ServerFixture;

typedef struct
{
  guint               status;
  char               *body;    /* owned, NUL-terminated */
  gsize               length;
  SoupMessageHeaders *headers; /* owned */
  JsonNode           *json;    /* owned, nullable: the body when it is JSON */
} Reply;

/* g_test_init() with isolated directories, and GIO told not to look for the desktop's proxy
 * settings (whose schemas the isolated directories do not have). */
void         server_test_init        (int                *argc,
                                      char             ***argv);
void         server_fixture_setup    (ServerFixture      *f,
                                      gconstpointer       data);
void         server_fixture_teardown (ServerFixture      *f,
                                      gconstpointer       data);

/* Starts `ium --db DB serve --listen 127.0.0.1:0` with the NULL-terminated extra arguments
 * and waits for the line that gives its URL. */
void         start_server            (ServerFixture      *f,
                                      ...) G_GNUC_NULL_TERMINATED;
/* The same with "--token-file" and the fixture's token file. */
void         start_server_with_token (ServerFixture      *f);
/* Sends @signal_number and waits for the exit; returns the exit status (asserting that it
 * exited rather than crashed). The server's stderr in @err (nullable, owned). */
int          stop_server             (ServerFixture      *f,
                                      int                 signal_number,
                                      char              **err);

/* A request to the server; @body (nullable) as the request body; then NULL-terminated pairs
 * of header name and value. */
Reply        http                    (ServerFixture      *f,
                                      const char         *method,
                                      const char         *path,
                                      const char         *body,
                                      ...) G_GNUC_NULL_TERMINATED;
/* A change with the fixture's bearer token and X-IUM-User @user (nullable). */
Reply        http_change             (ServerFixture      *f,
                                      const char         *method,
                                      const char         *path,
                                      const char         *body,
                                      const char         *user);
/* The same on @session, to @url (for other threads and for HTTPS). */
Reply        http_on                 (SoupSession        *session,
                                      const char         *url,
                                      const char         *method,
                                      const char         *path,
                                      const char         *body,
                                      const char * const *headers);
void         reply_clear             (Reply              *reply);
/* The "error" member of a JSON error reply, asserting there is one. Borrowed. */
const char  *reply_error             (Reply              *reply);
const char  *json_member_string      (JsonNode           *object,
                                      const char         *member);

/* Writes @length bytes to the server over a plain TCP connection and reads until it closes
 * the connection or @timeout_ms pass. Returns what was read (owned, possibly empty); sets
 * @closed when the server closed the connection. */
GBytes      *raw_request             (ServerFixture      *f,
                                      const char         *data,
                                      gsize               length,
                                      guint               timeout_ms,
                                      gboolean           *closed);
/* The status code of a raw HTTP answer, 0 when there is none. */
guint        raw_status              (GBytes             *answer);

/* A self-signed certificate for 127.0.0.1 and its key, as PEM files in the fixture's
 * directory (through openssl). */
gboolean     make_certificate        (ServerFixture      *f,
                                      char              **cert,
                                      char              **key);

/* clang-format on */

G_END_DECLS
