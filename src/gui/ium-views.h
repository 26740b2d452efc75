/* ium-views.h: the views of the main window, in the order of the view switcher.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

/* One view: a GtkWidget type with a construct-only "service" property
 * (IumInventoryService), which the window creates once, when it is first shown or asked for
 * (ium_main_window_get_view()): it must show an inventory loaded before it existed. A view
 * may install the widget action "view.search", which Ctrl+F activates while it is shown. */
typedef struct {
  const char *name;            /* the stack page: win.view::NAME, GSettings last-view */
  const char *title;           /* N_(): the switcher's label */
  GType     (*get_type) (void);
} IumViewEntry;

const IumViewEntry *ium_views_get (guint *n_views);

/* clang-format on */

G_END_DECLS
