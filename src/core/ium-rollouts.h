/* ium-rollouts.h: saved rollouts and the state of each upgrade.
 *
 * A rollout is a saved plan for one target release. Each scheduled upgrade moves through
 * planned → in-progress → done | failed, failed → planned | rolled-back, done → rolled-back,
 * planned → skipped. Every state change needs the deploy token (ium-token.h), which one person
 * holds at a time; taking, releasing and stealing it is kept in its history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-planner.h"
#include "ium-store.h"
#include "ium-token.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_ROLLOUT_ERROR (ium_rollout_error_quark ())

typedef enum {
  IUM_ROLLOUT_ERROR_REFUSED,      /* the token is held by someone else or not taken, the
                                   * instrument is busy, the rollout is paused */
  IUM_ROLLOUT_ERROR_INVALID_MOVE, /* a state change the state machine does not allow */
  IUM_ROLLOUT_ERROR_NOT_FOUND,    /* an unknown rollout, instrument or release */
  IUM_ROLLOUT_ERROR_INVALID,      /* bad input: an unknown state, a steal without reason */
} IumRolloutError;

GQuark ium_rollout_error_quark (void);

typedef enum {
  IUM_UPGRADE_PLANNED,
  IUM_UPGRADE_IN_PROGRESS,
  IUM_UPGRADE_DONE,
  IUM_UPGRADE_FAILED,
  IUM_UPGRADE_ROLLED_BACK,
  IUM_UPGRADE_SKIPPED,
} IumUpgradeState;

const char *ium_upgrade_state_to_string   (IumUpgradeState  state);
/* Parses "planned", "in-progress", ...; an unknown name is IUM_ROLLOUT_ERROR_INVALID. */
gboolean    ium_upgrade_state_from_string (const char      *text,
                                           IumUpgradeState *state,
                                           GError         **error);
/* Whether the state machine allows @from → @to. */
gboolean    ium_upgrade_state_can_move    (IumUpgradeState  from,
                                           IumUpgradeState  to);

/* One upgrade of a saved rollout. */
typedef struct {
  char            *instrument; /* owned */
  guint            wave;       /* from 1 */
  char            *start;      /* owned, RFC 3339 UTC; NULL when unscheduled */
  char            *end;        /* owned, nullable */
  char            *window;     /* owned, nullable: the window's label */
  IumUpgradeState  state;
  char            *note;       /* owned, nullable; the planner's reason when unscheduled */
  char            *updated;    /* owned: when the state last changed */
  char            *who;        /* owned: who changed it */
} IumRolloutUpgrade;

typedef struct {
  char      *name;         /* owned */
  char      *release;      /* owned: the target release version */
  char      *request;      /* owned: the plan request as JSON text */
  guint      max_failures; /* failures in one wave that pause the rollout */
  gboolean   paused;
  guint      paused_wave;  /* the wave whose failures paused it, 0 when not paused */
  char      *created;      /* owned */
  char      *who;          /* owned: who saved it last */
  GPtrArray *upgrades;     /* owned, of IumRolloutUpgrade, by wave then start then name */
} IumRollout;

/* A deep copy, for another thread. Owned. */
IumRollout *ium_rollout_copy (const IumRollout *rollout);
void        ium_rollout_free (IumRollout *rollout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumRollout, ium_rollout_free)

/* The request as JSON text for ium_rollout_save(). Owned. */
char       *ium_plan_request_to_text (const IumPlanRequest *request);

/* The request saved as @text by ium_plan_request_to_text(), for the target @release; keys
 * it lacks keep @inventory's defaults (ium_plan_request_new()). IUM_PLAN_ERROR_INVALID when
 * the text is not such a request. Owned. */
IumPlanRequest *ium_plan_request_new_from_text (IumInventory  *inventory,
                                                const char    *release,
                                                const char    *text,
                                                GError       **error);

/* Adds to @request->fixed every upgrade of @rollout that is no longer planned (in progress,
 * done, failed, rolled back, skipped), so that re-planning keeps them. */
void        ium_plan_request_add_fixed (IumPlanRequest   *request,
                                        const IumRollout *rollout);
/* The same for the saved rollout @name. Does nothing when there is no such rollout. */
gboolean    ium_rollout_add_fixed    (IumStore       *store,
                                      const char     *name,
                                      IumPlanRequest *request,
                                      GError        **error);
/* Plans @request over @fleet as the rollout @name, to be saved with ium_rollout_save(): the
 * upgrades of the saved rollout @name that already happened are kept (added to
 * @request->fixed), and when *@max_failures is 0 it is set to the saved rollout's threshold
 * (1 for a new rollout). A bad name is IUM_ROLLOUT_ERROR_INVALID. Owned. */
IumPlan    *ium_rollout_replan       (IumStore       *store,
                                      IumFleet       *fleet,
                                      const char     *name,
                                      IumPlanRequest *request,
                                      guint          *max_failures,
                                      GCancellable   *cancellable,
                                      GError        **error);

/* Whether @name may name a rollout: not empty, no spaces at either end, no control
 * characters and no "/" (names appear in tables, URLs and file names). IUM_ROLLOUT_ERROR_INVALID
 * quoting it when not. */
gboolean    ium_rollout_check_name   (const char     *name,
                                      GError        **error);

/* Saves @plan as the rollout @name (no token needed: saving a plan records no deployment).
 * When @name exists, its upgrades that are no longer planned are kept as they are and only
 * the planned ones are replaced; changing the target release of a rollout that has started
 * is refused (IUM_ROLLOUT_ERROR_INVALID). Unscheduled instruments are kept as planned
 * upgrades without a window, with the planner's reason as note. */
gboolean    ium_rollout_save         (IumStore       *store,
                                      const char     *name,
                                      IumPlan        *plan,
                                      const char     *request_text,
                                      guint           max_failures,
                                      const char     *who,
                                      GError        **error);
/* The rollout @name, or IUM_ROLLOUT_ERROR_NOT_FOUND. Owned. */
IumRollout *ium_rollout_load         (IumStore       *store,
                                      const char     *name,
                                      GError        **error);
/* Every saved rollout, by name. GPtrArray of IumRollout, owned. */
GPtrArray  *ium_rollout_list         (IumStore       *store,
                                      GError        **error);
/* Moves @instrument's upgrade in rollout @name to @state, for @who, who must hold the token.
 * "in-progress" on a busy instrument is refused unless @force (a forced start is audited) and
 * refused for a wave after the one that paused the rollout. "done" sets every component each
 * host carries to the target release's version of it, audited, in the same transaction as
 * the state change. A failure that brings the wave's failures to max_failures pauses the
 * rollout. All or nothing. */
gboolean    ium_rollout_mark         (IumStore       *store,
                                      const char     *name,
                                      const char     *instrument,
                                      IumUpgradeState state,
                                      const char     *note,
                                      gboolean        force,
                                      const char     *who,
                                      GError        **error);
/* Resumes a paused rollout; needs the token; audited. */
gboolean    ium_rollout_resume       (IumStore       *store,
                                      const char     *name,
                                      const char     *who,
                                      GError        **error);
/* The rollout as JSON. Owned. */
JsonNode   *ium_rollout_to_json      (const IumRollout *rollout);

/* The audit log, oldest first: entries at or after @since (nullable), about @instrument
 * (nullable: every entry; else entries about the instrument itself and its upgrades).
 * GPtrArray of IumAuditEntry, owned. */
GPtrArray  *ium_audit_list           (IumStore       *store,
                                      GDateTime      *since,
                                      const char     *instrument,
                                      GError        **error);

/* clang-format on */

G_END_DECLS
