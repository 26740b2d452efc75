/* ium-planner-form.h: the rollout planner's form as a view-model: what the person typed,
 * and a pure function from it to a plan request or the words to show under each field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ium-inventory.h"
#include "ium-planner.h"
#include "ium-rollouts.h"

G_BEGIN_DECLS

/* clang-format off */

typedef struct {
  char      *release;      /* owned, nullable: the target release's version */
  GPtrArray *waves;        /* owned, of char *: each wave's selectors as typed */
  char      *from;         /* owned: "YYYY-MM-DD" or an RFC 3339 time, as typed */
  char      *until;        /* owned: the same, or "" for no end */
  guint      per_day;
  guint      hours;
  guint      soak_days;
  guint      max_failures;
} IumPlannerForm;

/* What the form gives: a request, or why not, field by field (NULL where a field is fine). */
typedef struct {
  IumPlanRequest *request;       /* owned, NULL when a field is wrong */
  char           *release_error; /* owned */
  char           *from_error;    /* owned */
  char           *until_error;   /* owned */
  char           *waves_error;   /* owned */
} IumPlannerFormCheck;

/* A new plan: the newest official release (else the newest of any tier), one wave of every
 * instrument (no waves), from @today's date, the policy's per-day, hours and soak, a failure
 * pauses the rollout. Owned. */
IumPlannerForm      *ium_planner_form_new              (IumInventory         *inventory,
                                                        GDateTime            *today);
/* The form of a saved rollout, from the request it was saved with. IUM_PLAN_ERROR_INVALID
 * when the saved request cannot be read. Owned. */
IumPlannerForm      *ium_planner_form_new_from_rollout (IumInventory         *inventory,
                                                        const IumRollout     *rollout,
                                                        GError              **error);
IumPlannerForm      *ium_planner_form_copy             (const IumPlannerForm *form);
void                 ium_planner_form_free             (IumPlannerForm       *form);
/* Whether @a and @b ask for the same plan (waves compared as the planner reads them). */
gboolean             ium_planner_form_equal            (const IumPlannerForm *a,
                                                        const IumPlannerForm *b);

IumPlannerFormCheck *ium_planner_form_check            (const IumPlannerForm *form,
                                                        IumInventory         *inventory);
void                 ium_planner_form_check_free       (IumPlannerFormCheck  *check);

/* How a saved instant is shown in a date field: "2027-01-04" for midnight UTC (with
 * @end_of_day, the day that ends at it), else RFC 3339. Owned. */
char                *ium_planner_form_format_time      (GDateTime            *time,
                                                        gboolean              end_of_day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumPlannerForm, ium_planner_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumPlannerFormCheck, ium_planner_form_check_free)

/* clang-format on */

G_END_DECLS
