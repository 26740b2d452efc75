/* ium-rollout-view.h: the rollout planner: choose a release, build waves, set the schedule;
 * the plan recomputes off the main thread and is drawn as a timeline; save it, then follow
 * it by marking each upgrade's state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-inventory-service.h"
#include "ium-planner-form.h"
#include "ium-planner-job.h"
#include "widgets/ium-banner.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_ROLLOUT_VIEW (ium_rollout_view_get_type ())
G_DECLARE_FINAL_TYPE (IumRolloutView, ium_rollout_view, IUM, ROLLOUT_VIEW, GtkWidget)

/* Property "service" (construct-only). Actions (prefix "rollout."): save (Ctrl+S),
 * add-wave (Ctrl+Shift+W), wave-up/-down/-remove (uint32 index), mark (state name),
 * force-start, resume, take-token, new, zoom-in/-out/-fit; "view.search" (Ctrl+F) finds an
 * instrument in the list. */
GtkWidget              *ium_rollout_view_new          (IumInventoryService *service);

/* The saved rollout shown, NULL for a new plan. */
const char             *ium_rollout_view_get_rollout  (IumRolloutView      *self);
/* Opens the saved rollout @name (NULL: a new plan). FALSE when there is no such rollout. */
gboolean                ium_rollout_view_open_rollout (IumRolloutView      *self,
                                                       const char          *name);
/* The form as the widgets show it. Borrowed, nullable before the first load. */
const IumPlannerForm   *ium_rollout_view_get_form     (IumRolloutView      *self);
/* The plan shown, NULL before the first one. Borrowed. */
const IumPlannerResult *ium_rollout_view_get_result   (IumRolloutView      *self);
/* How many plans have been computed and shown; a test waits for it to move. */
guint                   ium_rollout_view_get_n_plans  (IumRolloutView      *self);
/* Whether a plan, a save or a mark is running. */
gboolean                ium_rollout_view_get_busy     (IumRolloutView      *self);
IumBanner              *ium_rollout_view_get_banner   (IumRolloutView      *self);
/* Makes @instrument the one the state actions apply to, as clicking its bar does, and
 * shows its popover when @popup. FALSE when it is not on the timeline. */
gboolean                ium_rollout_view_select       (IumRolloutView      *self,
                                                       const char          *instrument,
                                                       gboolean             popup);

/* clang-format on */

G_END_DECLS
