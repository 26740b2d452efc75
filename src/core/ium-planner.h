/* ium-planner.h: the staged rollout planner: a pure function from an inventory and a request
 * to a plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-fleet.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_PLAN_ERROR (ium_plan_error_quark ())

typedef enum {
  IUM_PLAN_ERROR_UNKNOWN_RELEASE,  /* the target release is not in the inventory */
  IUM_PLAN_ERROR_INVALID,          /* a bad selector, date, or number in the request */
} IumPlanError;

GQuark ium_plan_error_quark (void);

/* Parses a --from or --until value: an RFC 3339 timestamp with an offset, or a date
 * "YYYY-MM-DD" meaning 00:00 UTC that day, or with @end_of_day the end of that day (00:00 UTC
 * the next day). Errors are IUM_PLAN_ERROR_INVALID quoting @text. Owned. */
GDateTime *ium_plan_parse_time (const char  *text,
                                gboolean     end_of_day,
                                GError     **error);

typedef struct {
  char      *instrument; /* owned */
  guint      wave;       /* from 1 */
  GDateTime *start;      /* owned; NULL when unscheduled or skipped */
  GDateTime *end;        /* owned */
  char      *window;     /* owned: the window's label */
  char      *reason;     /* owned: why it is unscheduled or skipped, else NULL */
} IumPlannedUpgrade;

IumPlannedUpgrade *ium_planned_upgrade_copy (const IumPlannedUpgrade *upgrade);
void               ium_planned_upgrade_free (IumPlannedUpgrade       *upgrade);

/* What to plan. Build with ium_plan_request_new(), set fields, free with
 * ium_plan_request_free(). */
typedef struct {
  char       *release;   /* owned: the target release version */
  GPtrArray  *waves;     /* owned, of GStrv: each wave's selectors ("LARMOR", "tag:sans",
                          * "site:TS2", "rest"); empty means one wave of every instrument */
  GDateTime  *from;      /* owned: wave 1 starts here */
  GDateTime  *until;     /* owned, nullable: nothing may end after this */
  guint       per_day;   /* upgrades of this rollout that may start on one UTC day */
  guint       hours;     /* the duration of one upgrade */
  guint       soak_days; /* between the latest end of wave k and the start of wave k+1 */
  GPtrArray  *fixed;     /* owned, of IumPlannedUpgrade: upgrades of a saved rollout that
                          * already started or ended; kept as they are, counted against
                          * per_day, and their instruments are not placed again */
} IumPlanRequest;

/* A request with the inventory policy's defaults (per_day, hours, soak) and from = now. */
IumPlanRequest *ium_plan_request_new   (IumInventory   *inventory,
                                        const char     *release);
void            ium_plan_request_free  (IumPlanRequest *request);
/* Adds a wave from a comma-separated list of selectors ("LARMOR,ZOOM" or "tag:sans"). */
void            ium_plan_request_add_wave (IumPlanRequest *request,
                                           const char     *selectors);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumPlanRequest, ium_plan_request_free)


#define IUM_TYPE_PLAN (ium_plan_get_type ())
G_DECLARE_FINAL_TYPE (IumPlan, ium_plan, IUM, PLAN, GObject)

/* Plans @request over @fleet's inventory. Deterministic: the same inputs give the same plan.
 * Errors are IUM_PLAN_ERROR. */
IumPlan    *ium_plan_new             (IumFleet             *fleet,
                                      const IumPlanRequest *request,
                                      GCancellable         *cancellable,
                                      GError              **error);
const char *ium_plan_get_release     (IumPlan              *self);
/* Arrays of IumPlannedUpgrade, borrowed: upgrades in start order (then instrument name),
 * unscheduled in wave then placement order, skipped by name. */
GPtrArray  *ium_plan_get_upgrades    (IumPlan              *self);
GPtrArray  *ium_plan_get_unscheduled (IumPlan              *self);
GPtrArray  *ium_plan_get_skipped     (IumPlan              *self);
guint       ium_plan_get_n_waves     (IumPlan              *self);
/* The spec's plan JSON. Owned. */
JsonNode   *ium_plan_to_json         (IumPlan              *self);

/* clang-format on */

G_END_DECLS
