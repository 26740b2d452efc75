/* ium-token.h: the deploy token.
 *
 * Every state change of a rollout needs the deploy token, which one person holds at a time;
 * taking, releasing and stealing it is kept in its history. Refusals are IUM_ROLLOUT_ERROR
 * errors (ium-rollouts.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */


/* The deploy token. */
typedef struct {
  char *holder; /* owned, NULL when nobody holds it */
  char *since;  /* owned, RFC 3339 UTC */
  char *note;   /* owned, nullable */
} IumToken;

void      ium_token_free (IumToken *token);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumToken, ium_token_free)

typedef struct {
  char *time;   /* owned, RFC 3339 UTC */
  char *who;    /* owned */
  char *action; /* owned: "take", "release" or "steal" */
  char *note;   /* owned, nullable */
  char *reason; /* owned, nullable: why it was stolen */
} IumTokenEvent;

void      ium_token_event_free (IumTokenEvent *event);

/* Who holds the token now. Owned. */
IumToken  *ium_token_get          (IumStore    *store,
                                   GError     **error);
/* Takes the token for @who. Refused (IUM_ROLLOUT_ERROR_REFUSED, naming the holder, since when
 * and the note) while someone else holds it, unless @steal, which needs a @reason
 * (IUM_ROLLOUT_ERROR_INVALID without) and is audited. Taking a token one already holds
 * changes nothing. Atomic: of two processes taking a free token, exactly one wins. */
gboolean   ium_token_take         (IumStore    *store,
                                   const char  *who,
                                   const char  *note,
                                   gboolean     steal,
                                   const char  *reason,
                                   GError     **error);
/* Releases the token; refused unless @who holds it. */
gboolean   ium_token_release      (IumStore    *store,
                                   const char  *who,
                                   const char  *note,
                                   GError     **error);
/* Every take, release and steal, oldest first. GPtrArray of IumTokenEvent, owned. */
GPtrArray *ium_token_list_history (IumStore    *store,
                                   GError     **error);
/* The token as JSON: {"holder": ..., "since": ..., "note": ...}. Owned. */
JsonNode  *ium_token_to_json      (const IumToken *token);

/* clang-format on */

G_END_DECLS
