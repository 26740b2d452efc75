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

#include "audit/ium-audit-view.h"
#include "compat/ium-compat-view.h"
#include "downtime/ium-downtime-view.h"
#include "fleet/ium-fleet-view.h"
#include "releases/ium-releases-view.h"
#include "reports/ium-reports-view.h"
#include "rollout/ium-rollout-view.h"

static const IumViewEntry views[] = {
  { "fleet", N_ ("Fleet"), ium_fleet_view_get_type },
  { "rollout", N_ ("Rollouts"), ium_rollout_view_get_type },
  { "downtime", N_ ("Downtime"), ium_downtime_view_get_type },
  { "releases", N_ ("Releases"), ium_releases_view_get_type },
  { "compat", N_ ("Compatibility"), ium_compat_view_get_type },
  { "reports", N_ ("Reports"), ium_reports_view_get_type },
  { "audit", N_ ("Audit Log"), ium_audit_view_get_type },
};

const IumViewEntry *
ium_views_get (guint *n_views)
{
  *n_views = G_N_ELEMENTS (views);
  return views;
}
