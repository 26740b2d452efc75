/* ium-client.h: the client check over HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-verdict.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_CLIENT_ERROR (ium_client_error_quark ())

/**
 * IumClientError:
 * @IUM_CLIENT_ERROR_UNREACHABLE: the server could not be reached or did not answer in time
 *   (connection refused, unknown host, timeout, TLS failure, a 5xx answer, a base URL that is
 *   not http or https). A client goes on without the check.
 * @IUM_CLIENT_ERROR_NOT_FOUND: the server does not know the instrument or the component
 *   (HTTP 404); the message is the server's
 * @IUM_CLIENT_ERROR_INVALID: the server refused the request (HTTP 400), e.g. a version that
 *   does not parse; the message is the server's
 * @IUM_CLIENT_ERROR_PROTOCOL: the server answered something that is not a verdict: not JSON,
 *   the wrong shape, or an unexpected HTTP status
 *
 * Errors of the %IUM_CLIENT_ERROR domain.
 */
typedef enum {
  IUM_CLIENT_ERROR_UNREACHABLE,
  IUM_CLIENT_ERROR_NOT_FOUND,
  IUM_CLIENT_ERROR_INVALID,
  IUM_CLIENT_ERROR_PROTOCOL,
} IumClientError;

GQuark ium_client_error_quark (void);

#define IUM_TYPE_CLIENT (ium_client_get_type ())
G_DECLARE_FINAL_TYPE (IumClient, ium_client, IUM, CLIENT, GObject)

IumClient        *ium_client_new                          (const char           *base_url);

const char       *ium_client_get_base_url                 (IumClient            *self);
guint             ium_client_get_timeout                  (IumClient            *self);
void              ium_client_set_timeout                  (IumClient            *self,
                                                           guint                 timeout);
GTlsDatabase     *ium_client_get_tls_database             (IumClient            *self);
void              ium_client_set_tls_database             (IumClient            *self,
                                                           GTlsDatabase         *database);
gboolean          ium_client_get_accept_invalid_certificates (IumClient         *self);
void              ium_client_set_accept_invalid_certificates (IumClient         *self,
                                                           gboolean              accept);

void              ium_client_check_async                  (IumClient            *self,
                                                           const char           *instrument,
                                                           const char           *component,
                                                           const char           *version,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
IumVerdict       *ium_client_check_finish                 (IumClient            *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
IumVerdict       *ium_client_check_sync                   (IumClient            *self,
                                                           const char           *instrument,
                                                           const char           *component,
                                                           const char           *version,
                                                           GCancellable         *cancellable,
                                                           GError              **error);

void              ium_client_report_connect_anyway_async  (IumClient            *self,
                                                           const char           *instrument,
                                                           const char           *component,
                                                           const char           *version,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
IumVerdict       *ium_client_report_connect_anyway_finish (IumClient            *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
IumVerdict       *ium_client_report_connect_anyway_sync   (IumClient            *self,
                                                           const char           *instrument,
                                                           const char           *component,
                                                           const char           *version,
                                                           GCancellable         *cancellable,
                                                           GError              **error);

/* clang-format on */

G_END_DECLS
