/* ium-releases-view.h: the releases, their tiers and patch lineage, and which instruments
 * run each; adding and editing a release.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_RELEASES_VIEW (ium_releases_view_get_type ())
G_DECLARE_FINAL_TYPE (IumReleasesView, ium_releases_view, IUM, RELEASES_VIEW, GtkWidget)

/* A view of ium-views.c: property "service" (construct-only); actions "releases.add",
 * "releases.edit". */

/* The rows as shown, patches under their base (of GtkTreeListRow). Borrowed. */
GListModel *ium_releases_view_get_model        (IumReleasesView *self);
gboolean    ium_releases_view_select           (IumReleasesView *self,
                                                const char      *version);
/* What the details pane says about the selected release's instruments. Borrowed. */
const char *ium_releases_view_get_running_text (IumReleasesView *self);

/* clang-format on */

G_END_DECLS
