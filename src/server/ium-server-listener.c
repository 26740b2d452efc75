/* ium-server-listener.c: the listening sockets and the threads that serve them.
 *
 * One listener thread is one core at most. The server runs several: each has its own main context,
 * SoupServer and listening socket, all bound to the same address with SO_REUSEPORT so that the
 * kernel shares the incoming connections between them. They share everything else (the snapshot,
 * the counters, the check log queue, the request store), which is safe from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

#include <errno.h>
#include <sys/socket.h>

/* The kernel caps it at net.core.somaxconn. GSocket's default of 10 overflows under a few
 * dozen clients connecting at once, and a dropped SYN costs the client a second. */
#define LISTEN_BACKLOG 4096
/* How long a stop waits for requests that are changing the database. */
#define STOP_WAIT_US (30 * G_TIME_SPAN_SECOND)

/* A listening TCP socket on @address. With @share, the socket is bound with SO_REUSEPORT,
 * which g_socket_bind() would turn off again, so it is bound by hand. */
GSocket *
ium_listener_make_socket (GSocketAddress *address, gboolean share, GError **error)
{
  g_autoptr (GSocket) socket = NULL;
  struct sockaddr_storage native;

  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);

  if (!share)
    {
      if (!g_socket_bind (socket, address, TRUE, error))
        return NULL;
    }
  else
    {
      if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, error)
          || !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, 1, error)
          || !g_socket_address_to_native (address, &native, sizeof native, error))
        return NULL;
      if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native,
                (socklen_t) g_socket_address_get_native_size (address))
          != 0)
        {
          int saved = errno;
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                               g_strerror (saved));
          return NULL;
        }
    }

  if (!g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

/**
 * ium_listener_new:
 * @server: the server
 * @socket: a listening socket
 * @error: the error of soup_server_listen_socket()
 *
 * A SoupServer on @socket whose sources live in the listener's own main context. It serves
 * nothing until ium_listener_start().
 *
 * Returns: (transfer full) (nullable): the listener
 */
IumListener *
ium_listener_new (IumServer *server, GSocket *socket, GError **error)
{
  IumListener *self = g_new0 (IumListener, 1);
  gboolean     ok;

  self->server = server;
  self->socket = g_object_ref (socket);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  /* libsoup attaches its sources to the thread-default context of the caller. */
  g_main_context_push_thread_default (self->context);
  self->soup = soup_server_new ("server-header", "ium/" PACKAGE_VERSION,
                                /* Decoded segment by segment by the router instead. */
                                "raw-paths", TRUE, NULL);
  if (server->tls != NULL)
    soup_server_set_tls_certificate (self->soup, server->tls);
  ium_server_router_attach (self);
  ok = soup_server_listen_socket (self->soup, socket, server->tls ? SOUP_SERVER_LISTEN_HTTPS : 0,
                                  error);
  /* On plain HTTP, ium-server-fast.c accepts the connections before libsoup's own source sees
   * them, answers client checks itself and gives the connection of any other request to the
   * SoupServer (which keeps a connection alive only while it has a listener). */
  if (ok && server->tls == NULL)
    ium_fast_start (self);
  g_main_context_pop_thread_default (self->context);

  if (!ok)
    {
      ium_listener_free (self);
      return NULL;
    }
  return self;
}

static gpointer
listener_main (gpointer data)
{
  IumListener *self = data;
  gint64       deadline;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);

  /* Stopping: the sockets are closed. Requests that are changing the database finish (their
   * answers go nowhere now, but a change that has begun is not cut off). */
  deadline = g_get_monotonic_time () + STOP_WAIT_US;
  while (self->n_tasks > 0 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (self->context, FALSE))
      g_usleep (G_TIME_SPAN_MILLISECOND);

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

void
ium_listener_start (IumListener *self)
{
  g_return_if_fail (self->thread == NULL);

  self->thread = g_thread_new ("ium-server-listener", listener_main, self);
}

static gboolean
stop_cb (gpointer data)
{
  IumListener *self = data;

  ium_fast_stop (self);
  soup_server_disconnect (self->soup);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

/* Closes the socket and the connections, on the listener's thread. */
void
ium_listener_ask_stop (IumListener *self)
{
  if (self->thread != NULL)
    g_main_context_invoke (self->context, stop_cb, self);
}

/* Waits for the thread that ium_listener_ask_stop() stopped. */
void
ium_listener_join (IumListener *self)
{
  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
}

void
ium_listener_free (IumListener *self)
{
  if (self == NULL)
    return;
  g_assert (self->thread == NULL);
  ium_fast_stop (self);
  g_clear_object (&self->soup);
  g_clear_object (&self->socket);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self);
}
