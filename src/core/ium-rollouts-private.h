/* ium-rollouts-private.h: helpers shared by the rollouts (ium-rollouts.c), their changes of
 * state (ium-rollout-mark.c) and the deploy token (ium-token.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ium-rollouts.h"
#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

/* In ium-rollouts.c. */

/* Whether @state is one of IumUpgradeState's values. */
gboolean    ium_upgrade_state_is_valid          (IumUpgradeState   state);
/* The states @from can move to, as "a or b", or "none". Owned. */
char       *ium_upgrade_state_dup_allowed_moves (IumUpgradeState   from);
/* A node that owns a new, empty object. Owned. */
JsonNode   *ium_new_object_node                 (void);
/* Reads the rollout row @name into *@out (nullable; owned, without its upgrades); returns
 * its id, 0 when there is none, -1 on error. */
gint64      ium_rollout_read_row                (IumStore         *store,
                                                 const char       *name,
                                                 IumRollout      **out,
                                                 GError          **error);
/* Loads rollout @name with its upgrades and its row id in *@id_out (nullable); an error
 * IUM_ROLLOUT_ERROR_NOT_FOUND when there is none. Owned. */
IumRollout *ium_rollout_load_with_id            (IumStore         *store,
                                                 const char       *name,
                                                 gint64           *id_out,
                                                 GError          **error);

/* In ium-token.c. */

/* Inside a transaction: refuses (IUM_ROLLOUT_ERROR_REFUSED) unless @who holds the token. */
gboolean    ium_check_token (IumStore     *store,
                             const char   *who,
                             GError      **error);

/* clang-format on */

G_END_DECLS
