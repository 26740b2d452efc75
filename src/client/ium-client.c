/* ium-client.c: the client check over HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-client"

#include "config.h"

#include "ium-client.h"

#include "ium-client-i18n-private.h"
#include "ium-client-private.h"

#define DEFAULT_TIMEOUT 5

enum
{
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_TLS_DATABASE,
  PROP_ACCEPT_INVALID_CERTIFICATES,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumClient, ium_client, G_TYPE_OBJECT)

/**
 * ium_client_error_quark:
 *
 * Returns: the quark of the %IUM_CLIENT_ERROR domain
 */
/* clang-format off */
G_DEFINE_QUARK (ium-client-error-quark, ium_client_error)
/* clang-format on */

static GParamSpec *properties[N_PROPS];

/* Source tags of the tasks: addresses, as ISO C cannot turn a function into a pointer. */
static char        check_tag;
static char        report_tag;

static IumVerdict *
send_sync (IumClient *self, SoupMessage *message, GCancellable *cancellable, GError **error)
{
  g_autoptr (GBytes) body = NULL;
  GError *transport_error = NULL;

  body = soup_session_send_and_read (self->session, message, cancellable, &transport_error);
  if (body == NULL)
    {
      ium_client_propagate_transport_error (self, transport_error, error);
      return NULL;
    }

  return ium_client_read_answer (self, message, body, error);
}

static void
send_and_read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  IumClient   *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  GError     *transport_error = NULL;
  GError     *error = NULL;
  IumVerdict *verdict;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &transport_error);
  if (body == NULL)
    {
      ium_client_propagate_transport_error (self, transport_error, &error);
      g_task_return_error (task, error);
      return;
    }

  verdict = ium_client_read_answer (self, message, body, &error);
  if (verdict == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, verdict, g_object_unref);
}

/* Sends @message (owned; NULL when it could not be made, with @error) and completes @task. */
static void
send_async (IumClient *self, GTask *task, SoupMessage *message, GError *error)
{
  if (message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, message, g_object_unref);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_and_read_cb, task);
}

static void
ium_client_constructed (GObject *object)
{
  IumClient *self = IUM_CLIENT (object);

  G_OBJECT_CLASS (ium_client_parent_class)->constructed (object);

  ium_client_parse_base_url (self);
}

static void
ium_client_dispose (GObject *object)
{
  IumClient *self = IUM_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (ium_client_parent_class)->dispose (object);
}

static void
ium_client_finalize (GObject *object)
{
  IumClient *self = IUM_CLIENT (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->base_url_problem, g_free);

  G_OBJECT_CLASS (ium_client_parent_class)->finalize (object);
}

static void
ium_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumClient *self = IUM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;

    case PROP_ACCEPT_INVALID_CERTIFICATES:
      g_value_set_boolean (value, self->accept_invalid_certificates);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_client_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumClient *self = IUM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      ium_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_TLS_DATABASE:
      ium_client_set_tls_database (self, g_value_get_object (value));
      break;

    case PROP_ACCEPT_INVALID_CERTIFICATES:
      ium_client_set_accept_invalid_certificates (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_client_class_init (IumClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  ium_client_i18n_init ();

  object_class->constructed = ium_client_constructed;
  object_class->dispose = ium_client_dispose;
  object_class->finalize = ium_client_finalize;
  object_class->get_property = ium_client_get_property;
  object_class->set_property = ium_client_set_property;

  /**
   * IumClient:base-url:
   *
   * The address of the Instrument Update Manager server, e.g. `http://ium.example.org:8080`
   * or `https://example.org/ium/`; the API paths are appended to it.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * IumClient:timeout:
   *
   * How long, in seconds, to wait for the server to accept a connection and to answer;
   * past it a request fails with %IUM_CLIENT_ERROR_UNREACHABLE. 0 waits for ever.
   */
  properties[PROP_TIMEOUT] = g_param_spec_uint (
    "timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_TIMEOUT,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IumClient:tls-database:
   *
   * The certificate authorities to trust for an https server; %NULL uses the system's.
   */
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IumClient:accept-invalid-certificates:
   *
   * Whether to accept any server certificate, even a self-signed or expired one. Only for
   * test servers: it lets anyone in the middle answer the check.
   */
  properties[PROP_ACCEPT_INVALID_CERTIFICATES] =
    g_param_spec_boolean ("accept-invalid-certificates", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_client_init (IumClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->session = soup_session_new_with_options ("user-agent", "ium-client/" PACKAGE_VERSION,
                                                 "timeout", self->timeout, NULL);
}

/**
 * ium_client_new:
 * @base_url: the server's address, e.g. `http://ium.example.org:8080`
 *
 * Creates a client of the Instrument Update Manager server at @base_url. An unusable
 * @base_url is not an error here: every request then fails with
 * %IUM_CLIENT_ERROR_UNREACHABLE and says why, so a client goes on as it would when the
 * server is down.
 *
 * Returns: (transfer full): a new client
 */
IumClient *
ium_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (IUM_TYPE_CLIENT, "base-url", base_url, NULL);
}

/**
 * ium_client_get_base_url:
 * @self: a client
 *
 * Returns: (transfer none) (nullable): the server's address as given
 */
const char *
ium_client_get_base_url (IumClient *self)
{
  g_return_val_if_fail (IUM_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * ium_client_get_timeout:
 * @self: a client
 *
 * Returns: the timeout of a request in seconds (0: none)
 */
guint
ium_client_get_timeout (IumClient *self)
{
  g_return_val_if_fail (IUM_IS_CLIENT (self), 0);

  return self->timeout;
}

/**
 * ium_client_set_timeout:
 * @self: a client
 * @timeout: seconds to wait for a connection and for an answer; 0 waits for ever
 *
 * Sets #IumClient:timeout. Requests already under way keep the old timeout.
 */
void
ium_client_set_timeout (IumClient *self, guint timeout)
{
  g_return_if_fail (IUM_IS_CLIENT (self));

  if (self->timeout == timeout)
    return;

  self->timeout = timeout;
  soup_session_set_timeout (self->session, timeout);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * ium_client_get_tls_database:
 * @self: a client
 *
 * Returns: (transfer none) (nullable): the certificate authorities trusted, or %NULL for
 *   the system's
 */
GTlsDatabase *
ium_client_get_tls_database (IumClient *self)
{
  g_return_val_if_fail (IUM_IS_CLIENT (self), NULL);

  return self->tls_database;
}

/**
 * ium_client_set_tls_database:
 * @self: a client
 * @database: (nullable): the certificate authorities to trust, or %NULL for the system's
 *
 * Sets #IumClient:tls-database, e.g. to a #GTlsFileDatabase of the facility's own CA.
 */
void
ium_client_set_tls_database (IumClient *self, GTlsDatabase *database)
{
  g_return_if_fail (IUM_IS_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (!g_set_object (&self->tls_database, database))
    return;

  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  else
    soup_session_set_tls_database (
      self->session, g_tls_backend_get_default_database (g_tls_backend_get_default ()));
  /* Open connections were verified against the old database. */
  soup_session_abort (self->session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_DATABASE]);
}

/**
 * ium_client_get_accept_invalid_certificates:
 * @self: a client
 *
 * Returns: whether any server certificate is accepted
 */
gboolean
ium_client_get_accept_invalid_certificates (IumClient *self)
{
  g_return_val_if_fail (IUM_IS_CLIENT (self), FALSE);

  return self->accept_invalid_certificates;
}

/**
 * ium_client_set_accept_invalid_certificates:
 * @self: a client
 * @accept: whether to accept any server certificate
 *
 * Sets #IumClient:accept-invalid-certificates. Only for test servers.
 */
void
ium_client_set_accept_invalid_certificates (IumClient *self, gboolean accept)
{
  g_return_if_fail (IUM_IS_CLIENT (self));

  accept = !!accept;
  if (self->accept_invalid_certificates == accept)
    return;

  self->accept_invalid_certificates = accept;
  soup_session_abort (self->session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCEPT_INVALID_CERTIFICATES]);
}

/**
 * ium_client_check_async:
 * @self: a client
 * @instrument: the instrument the client is about to connect to, e.g. "LARMOR"
 * @component: the client's component id, e.g. "ibex-gui"
 * @version: the client's own version, e.g. "12.0.0.100"
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the verdict or an error is there
 * @user_data: (closure): data for @callback
 *
 * Asks the server whether this client version works with the instrument's server
 * (`GET /api/v1/check`). Call ium_client_check_finish() in @callback.
 */
void
ium_client_check_async (IumClient          *self,
                        const char         *instrument,
                        const char         *component,
                        const char         *version,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  GTask       *task;
  GError      *error = NULL;
  SoupMessage *message;

  g_return_if_fail (IUM_IS_CLIENT (self));
  g_return_if_fail (instrument != NULL);
  g_return_if_fail (component != NULL);
  g_return_if_fail (version != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &check_tag);
  message = ium_client_new_check_message (self, instrument, component, version, &error);
  send_async (self, task, message, error);
}

/**
 * ium_client_check_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an %IUM_CLIENT_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the verdict, or %NULL with @error set
 */
IumVerdict *
ium_client_check_finish (IumClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (IUM_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &check_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ium_client_check_sync:
 * @self: a client
 * @instrument: the instrument the client is about to connect to
 * @component: the client's component id
 * @version: the client's own version
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an %IUM_CLIENT_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * The check of ium_client_check_async(), blocking the calling thread for at most
 * #IumClient:timeout seconds per step. For scripts and worker threads; a GUI uses the
 * asynchronous call.
 *
 * Returns: (transfer full): the verdict, or %NULL with @error set
 */
IumVerdict *
ium_client_check_sync (IumClient    *self,
                       const char   *instrument,
                       const char   *component,
                       const char   *version,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (SoupMessage) message = NULL;

  g_return_val_if_fail (IUM_IS_CLIENT (self), NULL);
  g_return_val_if_fail (instrument != NULL, NULL);
  g_return_val_if_fail (component != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  message = ium_client_new_check_message (self, instrument, component, version, error);
  if (message == NULL)
    return NULL;

  return send_sync (self, message, cancellable, error);
}

/**
 * ium_client_report_connect_anyway_async:
 * @self: a client
 * @instrument: the instrument
 * @component: the client's component id
 * @version: the client's own version
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server has logged the choice, or on error
 * @user_data: (closure): data for @callback
 *
 * Tells the server that the user of an incompatible client chose to connect anyway
 * (`POST /api/v1/check/connect-anyway`), so that support staff see it in the check log.
 * Call ium_client_report_connect_anyway_finish() in @callback.
 */
void
ium_client_report_connect_anyway_async (IumClient          *self,
                                        const char         *instrument,
                                        const char         *component,
                                        const char         *version,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  GTask       *task;
  GError      *error = NULL;
  SoupMessage *message;

  g_return_if_fail (IUM_IS_CLIENT (self));
  g_return_if_fail (instrument != NULL);
  g_return_if_fail (component != NULL);
  g_return_if_fail (version != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &report_tag);
  message = ium_client_new_connect_anyway_message (self, instrument, component, version, &error);
  send_async (self, task, message, error);
}

/**
 * ium_client_report_connect_anyway_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an %IUM_CLIENT_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the verdict the server logged with the choice, or %NULL with
 *   @error set
 */
IumVerdict *
ium_client_report_connect_anyway_finish (IumClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (IUM_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &report_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ium_client_report_connect_anyway_sync:
 * @self: a client
 * @instrument: the instrument
 * @component: the client's component id
 * @version: the client's own version
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an %IUM_CLIENT_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * The report of ium_client_report_connect_anyway_async(), blocking the calling thread.
 *
 * Returns: (transfer full): the verdict the server logged with the choice, or %NULL with
 *   @error set
 */
IumVerdict *
ium_client_report_connect_anyway_sync (IumClient    *self,
                                       const char   *instrument,
                                       const char   *component,
                                       const char   *version,
                                       GCancellable *cancellable,
                                       GError      **error)
{
  g_autoptr (SoupMessage) message = NULL;

  g_return_val_if_fail (IUM_IS_CLIENT (self), NULL);
  g_return_val_if_fail (instrument != NULL, NULL);
  g_return_val_if_fail (component != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  message = ium_client_new_connect_anyway_message (self, instrument, component, version, error);
  if (message == NULL)
    return NULL;

  return send_sync (self, message, cancellable, error);
}
