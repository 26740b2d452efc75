/* ium-client-private.h: what ium-client.c and ium-client-http.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "ium-client.h"

G_BEGIN_DECLS

/* clang-format off */

struct _IumClient
{
  GObject       parent_instance;

  char         *base_url;                    /* owned: as given */
  char         *prefix;                      /* owned: scheme://host[:port][/path], no slash at
                                                the end; NULL when base_url is unusable */
  char         *base_url_problem;            /* owned: why prefix is NULL */
  SoupSession  *session;                     /* owned */
  GTlsDatabase *tls_database;                /* owned, nullable */
  guint         timeout;
  guint         accept_invalid_certificates : 1;
};

/* Sets prefix (or base_url_problem) from base_url. */
G_GNUC_INTERNAL
void         ium_client_parse_base_url            (IumClient     *self);
/* The two requests; NULL with an IUM_CLIENT_ERROR_UNREACHABLE when the URL is unusable. */
G_GNUC_INTERNAL
SoupMessage *ium_client_new_check_message         (IumClient     *self,
                                                   const char    *instrument,
                                                   const char    *component,
                                                   const char    *version,
                                                   GError       **error);
G_GNUC_INTERNAL
SoupMessage *ium_client_new_connect_anyway_message (IumClient    *self,
                                                   const char    *instrument,
                                                   const char    *component,
                                                   const char    *version,
                                                   GError       **error);
/* Turns a failure to get any answer (owned) into @error. */
G_GNUC_INTERNAL
void         ium_client_propagate_transport_error (IumClient     *self,
                                                   GError        *transport_error,
                                                   GError       **error);
/* The verdict in the server's answer @body to @message, or an IUM_CLIENT_ERROR. */
G_GNUC_INTERNAL
IumVerdict  *ium_client_read_answer               (IumClient     *self,
                                                   SoupMessage   *message,
                                                   GBytes        *body,
                                                   GError       **error);

/* clang-format on */

G_END_DECLS
