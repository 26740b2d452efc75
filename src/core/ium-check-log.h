/* ium-check-log.h: the client check log.
 *
 * Every client check (time, instrument, component, client version, verdict, address) is kept
 * for reports, the status page and the compatibility view. The server batches appends on a
 * worker thread; readers ask for the checks, or for one summary row per distinct client seen.
 * The log is not the inventory: it is never audited, exported or replaced by an import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-store.h"
#include "ium-types.h"
#include "ium-verdict.h"

G_BEGIN_DECLS

/* clang-format off */

/* What a logged event was. */
typedef enum {
  IUM_CHECK_EVENT_CHECK,          /* a client asked, and was given the verdict */
  IUM_CHECK_EVENT_CONNECT_ANYWAY, /* the user of an incompatible client chose to connect */
} IumCheckEvent;

/* One logged check. */
typedef struct {
  gint64            time;       /* seconds since 1970, UTC */
  IumCheckEvent     event;
  char             *instrument; /* owned */
  char             *component;  /* owned */
  char             *version;    /* owned: the client version as the client sent it */
  IumVerdictStatus  status;
  char             *server_version; /* owned, nullable */
  char             *recommended;    /* owned, nullable: the recommended client version */
  char             *address;    /* owned, nullable: the client's address */
} IumCheckRecord;

/* A record of @verdict at @time (NULL: now) from @address (nullable). Owned. */
IumCheckRecord *ium_check_record_new_from_verdict (IumVerdict      *verdict,
                                                   IumCheckEvent    event,
                                                   GDateTime       *time,
                                                   const char      *address);
IumCheckRecord *ium_check_record_copy            (const IumCheckRecord *record);
void            ium_check_record_free            (IumCheckRecord  *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumCheckRecord, ium_check_record_free)

const char     *ium_check_event_to_string        (IumCheckEvent    event);

/* Appends @records (of IumCheckRecord) in one transaction: all or none. */
gboolean        ium_store_append_checks          (IumStore        *store,
                                                  GPtrArray       *records,
                                                  GError         **error);

/* The checks at or after @since (nullable: all), about @instrument (nullable: every one),
 * oldest first, at most @limit (0: no limit; the newest are kept). GPtrArray of
 * IumCheckRecord, owned. */
GPtrArray      *ium_store_list_checks            (IumStore        *store,
                                                  GDateTime       *since,
                                                  const char      *instrument,
                                                  guint            limit,
                                                  GError         **error);

/* One distinct client seen: an instrument, a client component and version, and the verdict
 * it was given last. */
typedef struct {
  char             *instrument; /* owned */
  char             *component;  /* owned */
  char             *version;    /* owned */
  IumVerdictStatus  status;     /* the verdict of the latest check */
  char             *recommended; /* owned, nullable: as the latest check recommended */
  char             *last_address; /* owned, nullable */
  gint64            first_seen; /* seconds since 1970, UTC */
  gint64            last_seen;
  guint             n_checks;
  guint             n_connect_anyway; /* "Connect anyway" choices among them */
} IumClientSeen;

void            ium_client_seen_free             (IumClientSeen   *seen);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumClientSeen, ium_client_seen_free)

/* Every distinct (instrument, component, version) checked at or after @since (nullable),
 * ordered by instrument, component, then version as text. GPtrArray of IumClientSeen, owned. */
GPtrArray      *ium_store_list_clients_seen      (IumStore        *store,
                                                  GDateTime       *since,
                                                  GError         **error);

/* Deletes checks older than @before; returns how many through @n_deleted (nullable). */
gboolean        ium_store_prune_checks           (IumStore        *store,
                                                  GDateTime       *before,
                                                  guint           *n_deleted,
                                                  GError         **error);

/* clang-format on */

G_END_DECLS
