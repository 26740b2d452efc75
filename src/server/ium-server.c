/* ium-server.c: the server object: the database, the bearer token, TLS, the listening socket,
 * and a clean stop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ium-server-private.h"

/* Listener threads when not told: one per core, up to this many. */
#define MAX_DEFAULT_THREADS 4
/* A token file is a line of text; anything this large is something else. */
#define MAX_TOKEN_FILE 4096

/* clang-format off */
G_DEFINE_QUARK (ium-server-error-quark, ium_server_error)
/* clang-format on */

G_DEFINE_FINAL_TYPE (IumServer, ium_server, G_TYPE_OBJECT)

static void
ium_server_dispose (GObject *object)
{
  ium_server_stop (IUM_SERVER (object));

  G_OBJECT_CLASS (ium_server_parent_class)->dispose (object);
}

static void
ium_server_finalize (GObject *object)
{
  IumServer *self = IUM_SERVER (object);

  g_clear_pointer (&self->listeners, g_ptr_array_unref);
  g_clear_object (&self->tls);
  g_clear_pointer (&self->token_digest, g_bytes_unref);
  g_clear_pointer (&self->snapshot, ium_snapshot_unref);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->store);
  g_free (self->last_warning);
  g_free (self->db_path);
  g_free (self->url);
  g_mutex_clear (&self->store_lock);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (ium_server_parent_class)->finalize (object);
}

static void
ium_server_class_init (IumServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ium_server_dispose;
  object_class->finalize = ium_server_finalize;
}

static void
ium_server_init (IumServer *self)
{
  self->listeners = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_listener_free);
  g_mutex_init (&self->store_lock);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

/**
 * ium_server_new:
 * @db_path: the inventory database, which must exist
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the server, not listening yet
 */
IumServer *
ium_server_new (const char *db_path, GError **error)
{
  g_autoptr (IumServer) self = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (IUM_TYPE_SERVER, NULL);
  self->db_path = g_strdup (db_path);
  self->started = g_get_real_time ();

  self->store = ium_store_open_existing (db_path, error);
  if (self->store == NULL || !ium_server_worker_start (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean token_error (GError **error, const char *path, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

static gboolean
token_error (GError **error, const char *path, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, IUM_SERVER_ERROR, IUM_SERVER_ERROR_TOKEN_FILE, "the token file %s %s", path,
               message);
  return FALSE;
}

/* Reads at most MAX_TOKEN_FILE bytes of @fd; NULL on a read error (errno set). */
static char *
read_small_file (int fd, gsize *length)
{
  g_autofree char *buffer = g_malloc (MAX_TOKEN_FILE + 1);
  gsize            total = 0;

  while (total <= MAX_TOKEN_FILE)
    {
      gssize n = read (fd, buffer + total, MAX_TOKEN_FILE + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      total += (gsize) n;
    }
  *length = total;
  buffer[MIN (total, MAX_TOKEN_FILE)] = '\0';
  return g_steal_pointer (&buffer);
}

/**
 * ium_server_load_token_file:
 * @self: a server
 * @path: a file holding the bearer token on one line, mode 0600 or stricter
 * @error: %IUM_SERVER_ERROR_TOKEN_FILE
 *
 * Returns: %TRUE when the token is read; the write API then needs it
 */
gboolean
ium_server_load_token_file (IumServer *self, const char *path, GError **error)
{
  g_autoptr (GChecksum) checksum = NULL;
  g_autofree char *contents = NULL;
  guint8           digest[32];
  gsize            digest_length = sizeof digest;
  struct stat      info;
  gsize            length = 0;
  char            *token;
  int              fd;

  g_return_val_if_fail (IUM_IS_SERVER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return token_error (error, path, "cannot be read: %s", g_strerror (errno));

  /* The mode of the file that was opened, not of whatever the name points to later. */
  if (fstat (fd, &info) != 0)
    {
      int saved = errno;
      close (fd);
      return token_error (error, path, "cannot be read: %s", g_strerror (saved));
    }
  if (!S_ISREG (info.st_mode))
    {
      close (fd);
      return token_error (error, path, "is not a regular file");
    }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      close (fd);
      return token_error (error, path,
                          "can be read or written by group or others (mode "
                          "%04o); only its owner may (run: chmod 600 %s)",
                          (guint) (info.st_mode & 07777), path);
    }

  contents = read_small_file (fd, &length);
  if (contents == NULL)
    {
      int saved = errno;
      close (fd);
      return token_error (error, path, "cannot be read: %s", g_strerror (saved));
    }
  close (fd);

  if (length > MAX_TOKEN_FILE)
    return token_error (error, path,
                        "is larger than %u bytes; it should hold one line, the "
                        "token",
                        MAX_TOKEN_FILE);

  token = g_strstrip (contents);
  if (*token == '\0')
    return token_error (error, path,
                        "is empty; put a long random token in it, for example "
                        "with: (umask 077; openssl rand -hex 32 > %s)",
                        path);
  for (const char *p = token; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return token_error (error, path,
                          "must hold one token of printable ASCII characters "
                          "without spaces (it goes into an HTTP header)");

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) token, -1);
  g_checksum_get_digest (checksum, digest, &digest_length);
  g_clear_pointer (&self->token_digest, g_bytes_unref);
  self->token_digest = g_bytes_new (digest, digest_length);
  return TRUE;
}

/**
 * ium_server_load_tls_files:
 * @self: a server, not listening yet
 * @cert_path: the PEM certificate, or chain
 * @key_path: the PEM private key
 * @error: %IUM_SERVER_ERROR_TLS
 *
 * Returns: %TRUE when the server will serve HTTPS
 */
gboolean
ium_server_load_tls_files (IumServer  *self,
                           const char *cert_path,
                           const char *key_path,
                           GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  GTlsCertificate *certificate;

  g_return_val_if_fail (IUM_IS_SERVER (self), FALSE);
  g_return_val_if_fail (cert_path != NULL && key_path != NULL, FALSE);
  g_return_val_if_fail (self->listeners->len == 0, FALSE);

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &local_error);
  if (certificate == NULL)
    {
      g_set_error (error, IUM_SERVER_ERROR, IUM_SERVER_ERROR_TLS,
                   "cannot use the certificate %s with the key %s: %s", cert_path, key_path,
                   local_error->message);
      return FALSE;
    }
  g_clear_object (&self->tls);
  self->tls = certificate;
  return TRUE;
}

static gboolean
parse_port (const char *text, guint16 *port)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT16, &value, NULL))
    return FALSE;
  *port = (guint16) value;
  return TRUE;
}

static gboolean
parse_listen (const char *text, GInetAddress **address, guint16 *port, GError **error)
{
  g_autofree char *host = NULL;
  const char      *port_text;

  /* "0" or a bare port: the loopback address. */
  if (parse_port (text, port))
    {
      *address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      return TRUE;
    }

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || close[1] != ':')
        goto invalid;
      host = g_strndup (text + 1, close - text - 1);
      port_text = close + 2;
    }
  else
    {
      const char *colon = strrchr (text, ':');

      if (colon == NULL || strchr (text, ':') != colon)
        goto invalid;
      host = g_strndup (text, colon - text);
      port_text = colon + 1;
    }

  if (!parse_port (port_text, port))
    goto invalid;
  if (g_str_equal (host, "localhost"))
    *address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    *address = g_inet_address_new_from_string (host);
  if (*address == NULL)
    goto invalid;
  return TRUE;

invalid:
  g_set_error (error, IUM_SERVER_ERROR, IUM_SERVER_ERROR_ADDRESS,
               "cannot listen on “%s”: give ADDRESS:PORT with an IP address (127.0.0.1:8080, "
               "0.0.0.0:8080, [::1]:8080), or a port alone for 127.0.0.1; port 0 picks a free "
               "one",
               text);
  return FALSE;
}

/**
 * ium_server_listen:
 * @self: a server
 * @address: "ADDRESS:PORT", "[IPV6]:PORT", or "PORT" for 127.0.0.1
 * @n_threads: how many listener threads, 0 for one per core (at most 4)
 * @error: %IUM_SERVER_ERROR_ADDRESS or %IUM_SERVER_ERROR_LISTEN
 *
 * Returns: %TRUE when listening
 */
/* Every connection is a file descriptor, and the usual soft limit of 1,024 is less than the
 * clients that connect at the start of a cycle: the soft limit is raised to the hard one, as
 * much as the system lets this process have without privileges. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
        g_debug ("could not raise the open file limit: %s", g_strerror (errno));
    }
}

gboolean
ium_server_listen (IumServer *self, const char *address, guint n_threads, GError **error)
{
  g_autoptr (GInetAddress) inet = NULL;
  g_autoptr (GSocketAddress) socket_address = NULL;
  g_autoptr (GPtrArray) listeners = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *host = NULL;
  guint16          port;

  g_return_val_if_fail (IUM_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (self->listeners->len == 0, FALSE);

  if (!parse_listen (address, &inet, &port, error))
    return FALSE;
  raise_file_limit ();
  if (n_threads == 0)
    n_threads = CLAMP (g_get_num_processors (), 1, MAX_DEFAULT_THREADS);

  /* Sockets that share a port with SO_REUSEPORT would share it with another server of the
   * same user too, silently: a socket of its own first shows whether the port is free. */
  if (n_threads > 1 && port != 0)
    {
      g_autoptr (GSocketAddress) probe_address = g_inet_socket_address_new (inet, port);
      g_autoptr (GSocket) probe = ium_listener_make_socket (probe_address, FALSE, &local_error);

      if (probe == NULL)
        {
          g_set_error (error, IUM_SERVER_ERROR, IUM_SERVER_ERROR_LISTEN, "cannot listen on %s: %s",
                       address, local_error->message);
          return FALSE;
        }
      g_socket_close (probe, NULL);
    }

  listeners = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_listener_free);
  for (guint i = 0; i < n_threads; i++)
    {
      g_autoptr (GSocket) socket = NULL;
      IumListener *listener;

      /* The first picks the port when asked for port 0; the others join it. */
      if (socket_address == NULL || port == 0)
        {
          g_clear_object (&socket_address);
          socket_address = g_inet_socket_address_new (inet, port);
        }
      socket = ium_listener_make_socket (socket_address, n_threads > 1, &local_error);
      if (socket != NULL && port == 0)
        {
          g_autoptr (GSocketAddress) bound = g_socket_get_local_address (socket, NULL);
          port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
          g_clear_object (&socket_address);
          socket_address = g_inet_socket_address_new (inet, port);
        }
      if (socket == NULL || !(listener = ium_listener_new (self, socket, &local_error)))
        {
          g_set_error (error, IUM_SERVER_ERROR, IUM_SERVER_ERROR_LISTEN, "cannot listen on %s: %s",
                       address, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (listeners, listener);
    }

  g_ptr_array_extend_and_steal (self->listeners, g_steal_pointer (&listeners));
  for (guint i = 0; i < self->listeners->len; i++)
    ium_listener_start (g_ptr_array_index (self->listeners, i));

  host = g_inet_address_to_string (inet);
  self->url =
    g_strdup_printf ("%s://%s%s%s:%u/", self->tls ? "https" : "http", strchr (host, ':') ? "[" : "",
                     host, strchr (host, ':') ? "]" : "", port);
  return TRUE;
}

char *
ium_server_dup_url (IumServer *self)
{
  g_return_val_if_fail (IUM_IS_SERVER (self), NULL);

  return g_strdup (self->url);
}

/**
 * ium_server_stop:
 * @self: a server
 *
 * Closes the listening sockets and every connection, lets the requests that are changing
 * the database finish, writes the queued checks and stops the worker. Blocks until then.
 */
void
ium_server_stop (IumServer *self)
{
  g_return_if_fail (IUM_IS_SERVER (self));

  if (self->stopped)
    return;
  self->stopped = TRUE;

  /* All at once, so that no listener serves on while another is being waited for. */
  for (guint i = 0; i < self->listeners->len; i++)
    ium_listener_ask_stop (g_ptr_array_index (self->listeners, i));
  for (guint i = 0; i < self->listeners->len; i++)
    ium_listener_join (g_ptr_array_index (self->listeners, i));

  ium_server_worker_stop (self);
}
