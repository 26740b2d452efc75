/* ium-server.h: `ium serve`, the HTTP server over the inventory: client checks from an
 * in-memory snapshot, the read and write API, the status page and /metrics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_SERVER_ERROR (ium_server_error_quark ())

typedef enum {
  IUM_SERVER_ERROR_TOKEN_FILE, /* missing, unreadable, empty, or open to group or others */
  IUM_SERVER_ERROR_ADDRESS,    /* --listen does not parse */
  IUM_SERVER_ERROR_TLS,        /* the certificate or key cannot be read */
  IUM_SERVER_ERROR_LISTEN,     /* the address cannot be bound */
} IumServerError;

GQuark ium_server_error_quark (void);

#define IUM_SERVER_DEFAULT_LISTEN "127.0.0.1:8080"

#define IUM_TYPE_SERVER (ium_server_get_type ())
G_DECLARE_FINAL_TYPE (IumServer, ium_server, IUM, SERVER, GObject)

/* Opens the database at @db_path (which must exist), loads the first snapshot and starts the
 * worker thread that writes the check log and reloads the snapshot when the database
 * changes. Errors are IUM_STORE_ERROR. */
IumServer *ium_server_new             (const char  *db_path,
                                       GError     **error);
/* Reads the bearer token that the write API requires. Without one the server is read-only:
 * every change is refused with 403. */
gboolean   ium_server_load_token_file (IumServer   *self,
                                       const char  *path,
                                       GError     **error);
/* Serves HTTPS with the PEM certificate (chain) and private key. */
gboolean   ium_server_load_tls_files  (IumServer   *self,
                                       const char  *cert_path,
                                       const char  *key_path,
                                       GError     **error);
/* Starts listening on @address, "ADDRESS:PORT", "[IPV6]:PORT" or "PORT" (on 127.0.0.1);
 * port 0, or the address "0", picks a free port. Requests are served by @n_threads listener
 * threads of their own (0: one per core, at most 4); the caller's main context is not used. */
gboolean   ium_server_listen          (IumServer   *self,
                                       const char  *address,
                                       guint        n_threads,
                                       GError     **error);
/* The URL it listens on, e.g. "http://127.0.0.1:8080/". Owned. */
char      *ium_server_dup_url         (IumServer   *self);
/* Stops accepting connections, writes every queued check to the database and stops the
 * worker thread. Blocks until then; safe to call twice. */
void       ium_server_stop            (IumServer   *self);

/* clang-format on */

G_END_DECLS
