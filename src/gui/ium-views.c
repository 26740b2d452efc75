/* ium-views.c: the views of the main window, in the order of the view switcher.
 *
 * To add a view, write it in its own folder (src/gui/FEATURE/ium-FEATURE-view.c with its
 * template in ui/FEATURE/) and add one line here; the window creates it, adds it to the
 * switcher, and gives it Alt+N and the win.view::NAME action. See docs/HACKING.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-views.h"

#include "compat/ium-compat-view.h"
#include "downtime/ium-downtime-view.h"
#include "rollout/ium-rollout-view.h"

static const IumViewEntry views[] = {
  { "rollout", N_("Rollouts"), "x-office-calendar-symbolic", ium_rollout_view_get_type },
  { "downtime", N_("Downtime"), "appointment-soon-symbolic", ium_downtime_view_get_type },
  { "compat", N_("Compatibility"), "emblem-ok-symbolic", ium_compat_view_get_type },
  { NULL }
};

const IumViewEntry *
ium_views_get (guint *n_views)
{
  *n_views = G_N_ELEMENTS (views) - 1;
  return views;
}
