/* ium-fleet-view.h: every instrument, what it runs and what it should run, with search,
 * filters and the details of the one selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fleet/ium-instrument-detail.h"
#include "ium-inventory-service.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_FLEET_VIEW (ium_fleet_view_get_type ())
G_DECLARE_FINAL_TYPE (IumFleetView, ium_fleet_view, IUM, FLEET_VIEW, GtkWidget)

/* A view of ium-views.c: property "service" (construct-only); actions "view.search" and
 * "fleet.clear-filters". */

/* The rows as shown: filtered and sorted (of IumFleetRow). Borrowed. */
GListModel          *ium_fleet_view_get_model        (IumFleetView *self);
GtkColumnView       *ium_fleet_view_get_column_view  (IumFleetView *self);
/* The column with @id: "name", "site", "release", "tier", "target", "behind", "flags",
 * "window" or "planned". Borrowed. */
GtkColumnViewColumn *ium_fleet_view_get_column       (IumFleetView *self,
                                                      const char   *id);
GtkEditable         *ium_fleet_view_get_search_entry (IumFleetView *self);
/* The filter drop-downs: "flag", "site", "tag" or "tier". Borrowed. */
GtkDropDown         *ium_fleet_view_get_filter       (IumFleetView *self,
                                                      const char   *id);
/* Selects the instrument @name (if shown) and opens its details. */
gboolean             ium_fleet_view_select           (IumFleetView *self,
                                                      const char   *name);
IumInstrumentDetail *ium_fleet_view_get_detail       (IumFleetView *self);
gboolean             ium_fleet_view_get_detail_shown (IumFleetView *self);

/* clang-format on */

G_END_DECLS
