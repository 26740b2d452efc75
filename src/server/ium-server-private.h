/* ium-server-private.h: what the server's files share: the server's state, the snapshot,
 * requests and responses, and the handlers of every endpoint.
 *
 * Threads: requests arrive on the listener threads (ium-server-listener.c). The check and
 * the other answers from the snapshot run there; answers that need the database or much work
 * run on GTask threads, using the request store under store_lock. One worker thread owns its
 * own connection: it writes the check log in batches and rebuilds the snapshot when the
 * database changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ium-check-log.h"
#include "ium-fleet.h"
#include "ium-server.h"
#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

/* The largest request body the write API reads. */
#define IUM_SERVER_MAX_BODY (64 * 1024)

/* The inventory as the fast path sees it: immutable once built, shared by reference
 * (g_atomic_rc_box), replaced whole when the database changes. */
typedef struct
{
  IumFleet *fleet;         /* owned */
  /* The inventory's lists (instruments, releases, windows...) are GListStores, whose item
   * cache is not safe for two threads at once. The check does not touch them; everything else that
   * reads the snapshot does, under this lock (and never on a listener thread, so that no
   * check waits for it). */
  GMutex    models_lock;
  gint64    built;         /* real time in µs */
  guint64   generation;    /* 1 for the first, then +1 for each rebuild */
  guint     n_instruments;
  guint     flag_counts[IUM_N_STATUS_FLAGS]; /* instruments per status flag, by bit */
} IumSnapshot;

IumSnapshot *ium_snapshot_ref   (IumSnapshot *snapshot);
void         ium_snapshot_unref (IumSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumSnapshot, ium_snapshot_unref)

/* The HTTP statuses /metrics counts one by one; the rest count as "other". */
#define IUM_SERVER_COUNTED_CODES 200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 500, 503
#define IUM_SERVER_N_CODES       13

/* Counters for /metrics, changed from any thread with g_atomic_pointer_add (gsize wide). */
typedef struct
{
  gsize checks[4];            /* by IumVerdictStatus */
  gsize check_errors[2];      /* 400, 404 */
  gsize connect_anyway;
  gsize reloads;
  gsize reload_failures;
  gsize log_written;
  gsize log_dropped;
  gsize log_failures;
  gsize requests[IUM_SERVER_N_CODES]; /* by IUM_SERVER_COUNTED_CODES, then other */
  gsize fast_answers;         /* answered by ium-server-fast.c */
  gsize handovers;            /* connections it gave to libsoup */
} IumServerCounters;

#define ium_counter_add(counter, n) ((void) g_atomic_pointer_add ((counter), (n)))
#define ium_counter_get(counter)    ((gsize) g_atomic_pointer_get ((counter)))

typedef struct _IumListener IumListener;
typedef struct _IumFastConn IumFastConn;

struct _IumServer
{
  GObject            parent_instance;

  char              *db_path;       /* owned */
  GBytes            *token_digest;  /* owned: SHA-256 of the bearer token; NULL: read-only */
  GTlsCertificate   *tls;           /* owned, nullable */
  GPtrArray         *listeners;     /* owned, of IumListener; empty until listening */
  char              *url;           /* owned */
  gint64             started;       /* real time in µs */
  gboolean           stopped;

  /* The store that requests off the listener thread use, one at a time. */
  GMutex             store_lock;
  IumStore          *store;         /* owned */

  /* The snapshot and the check log queue, shared with the worker (ium-server-worker.c). */
  GMutex             lock;
  GCond              cond;
  IumSnapshot       *snapshot;      /* owned, under lock */
  GPtrArray         *queue;         /* owned, of IumCheckRecord, under lock */
  gboolean           stopping;      /* under lock */
  guint64            reload_asked;  /* under lock: reload tickets handed out */
  guint64            reload_served; /* under lock: the last ticket a reload has served */
  GThread           *worker;
  IumStore          *worker_store;  /* owned; the worker thread's only */
  gint64             data_version;  /* the worker thread's only */
  char              *last_warning;  /* owned; the worker thread's only */

  IumServerCounters  counters;
};

/* One listener thread (ium-server-listener.c): its own main context and SoupServer on a
 * socket that shares the port with the other listeners'. */
struct _IumListener
{
  IumServer    *server;   /* borrowed */
  GMainContext *context;  /* owned */
  GMainLoop    *loop;     /* owned */
  SoupServer   *soup;     /* owned */
  GSocket      *socket;   /* owned */
  GThread      *thread;   /* NULL until started and after joined */
  guint         n_tasks;  /* its requests running on GTask threads; its thread only */
  /* Plain HTTP: connections accepted by ium-server-fast.c (its thread only). */
  GSource      *accept_source; /* owned, nullable: the socket's, or a pause's timeout */
  gint64        accept_warned; /* monotonic µs of the last warning about accept() */
  GQueue        connections;   /* of IumFastConn */
  gint64        date_second;   /* when date was made, in s since 1970 */
  char          date[64];      /* the Date header's value */
};

GSocket     *ium_listener_make_socket (GSocketAddress *address,
                                       gboolean        share,
                                       GError        **error);
IumListener *ium_listener_new         (IumServer      *server,
                                       GSocket        *socket,
                                       GError        **error);
void         ium_listener_start       (IumListener    *self);
void         ium_listener_ask_stop    (IumListener    *self);
void         ium_listener_join        (IumListener    *self);
void         ium_listener_free        (IumListener    *self);

/* ium-server-fast.c: the client check on plain HTTP, without libsoup's message machinery. */
void         ium_fast_start           (IumListener    *listener);
void         ium_fast_stop            (IumListener    *listener);

/* A request, taken out of the SoupServerMessage on the listener thread, so that handlers can
 * run on any thread. */
typedef struct
{
  IumServer   *server;   /* borrowed */
  const char  *method;   /* interned (SOUP_METHOD_GET, ...) */
  char       **params;   /* owned: the decoded path segments the route's "*" matched */
  GHashTable  *query;    /* owned: decoded parameter -> value */
  JsonNode    *body;     /* owned, nullable: the JSON body of a change */
  char        *user;     /* owned, nullable: the X-IUM-User header */
  char        *address;  /* owned, nullable: the client's IP address */
} IumRequest;

/* An answer, made on any thread and given to libsoup on the listener thread. */
typedef struct
{
  guint       status;
  const char *content_type; /* static */
  GBytes     *body;         /* owned */
  GPtrArray  *headers;      /* owned: name, value, name, value, ... (owned strings) */
} IumResponse;

void         ium_response_free        (IumResponse  *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumResponse, ium_response_free)

IumResponse *ium_response_new         (guint         status,
                                       const char   *content_type,
                                       GBytes       *body);
/* @node as pretty JSON (two spaces, a final newline: as `ium ... --json` prints it). */
IumResponse *ium_response_json        (guint         status,
                                       JsonNode     *node);
/* Takes @text, JSON already. */
IumResponse *ium_response_json_text   (guint         status,
                                       char         *text,
                                       gsize         length);
/* {"error": MESSAGE} */
IumResponse *ium_response_error       (guint         status,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (2, 3);
/* The status for a GError from core (400 bad input, 404 unknown, 409 refused, 503 busy, 500
 * anything else) with {"error": message}. */
IumResponse *ium_response_from_error  (const GError *error);
guint        ium_server_status_for_error (const GError *error);
void         ium_response_add_header  (IumResponse  *response,
                                       const char   *name,
                                       const char   *value);
/* Name and value of the headers every answer carries (ium_response_fill_headers()). */
extern const char *const ium_response_common_headers[2][2];
void         ium_response_fill_headers (IumResponse *response,
                                       SoupMessageHeaders *headers);
void         ium_response_apply       (IumResponse  *response,
                                       SoupServerMessage *msg);

/* ium-server-router.c: the endpoints, and turning messages into requests. */
void         ium_server_router_attach (IumListener  *listener);
IumResponse *ium_server_answer_check  (IumServer          *self,
                                       const char         *query,
                                       SoupMessageHeaders *headers,
                                       const char         *address);
/* Counts an answer with @status for /metrics. */
void         ium_server_count_status  (IumServer    *self,
                                       guint         status);

/* ium-server-worker.c */
gboolean     ium_server_worker_start  (IumServer    *self,
                                       GError      **error);
void         ium_server_worker_stop   (IumServer    *self);
/* The current snapshot. Owned (a reference). */
IumSnapshot *ium_server_dup_snapshot  (IumServer    *self);
/* Queues @record (taken) for the check log; never blocks on the database. */
void         ium_server_log_check     (IumServer    *self,
                                       IumCheckRecord *record);
guint        ium_server_get_queue_length (IumServer *self);
/* After a change through the server: has the worker look at the database now and waits
 * until the snapshot reflects it (at most a few seconds). */
void         ium_server_reload_now    (IumServer    *self);

/* Endpoints. Each returns the answer; none touches the SoupServerMessage. */
IumResponse *ium_server_handle_check          (IumRequest *request);
IumResponse *ium_server_handle_connect_anyway (IumRequest *request);
IumResponse *ium_server_handle_instruments    (IumRequest *request);
IumResponse *ium_server_handle_instrument     (IumRequest *request);
IumResponse *ium_server_handle_releases       (IumRequest *request);
IumResponse *ium_server_handle_downtime       (IumRequest *request);
IumResponse *ium_server_handle_rollouts       (IumRequest *request);
IumResponse *ium_server_handle_rollout        (IumRequest *request);
IumResponse *ium_server_handle_token          (IumRequest *request);
IumResponse *ium_server_handle_edit           (IumRequest *request);
IumResponse *ium_server_handle_pin            (IumRequest *request);
IumResponse *ium_server_handle_unpin          (IumRequest *request);
IumResponse *ium_server_handle_busy           (IumRequest *request);
IumResponse *ium_server_handle_free           (IumRequest *request);
IumResponse *ium_server_handle_add_window     (IumRequest *request);
IumResponse *ium_server_handle_remove_window  (IumRequest *request);
IumResponse *ium_server_handle_mark           (IumRequest *request);
IumResponse *ium_server_handle_resume         (IumRequest *request);
IumResponse *ium_server_handle_take_token     (IumRequest *request);
IumResponse *ium_server_handle_release_token  (IumRequest *request);
IumResponse *ium_server_handle_page           (IumRequest *request);
IumResponse *ium_server_handle_metrics        (IumRequest *request);

/* In ium-server-read.c, shared with the write API: the answers that follow a change. Those
 * that read the store run under store_lock. */
/* One instrument's status object from @snapshot, or a 404. */
IumResponse *ium_server_instrument_response   (IumSnapshot *snapshot,
                                               const char  *name);
IumResponse *ium_server_rollout_response      (IumServer   *server,
                                               const char  *name);
IumResponse *ium_server_token_response        (IumServer   *server);
/* A window as the inventory file writes it, with its "key" first. Owned. */
JsonNode    *ium_server_window_to_json        (IumWindow   *window);

/* clang-format on */

G_END_DECLS
