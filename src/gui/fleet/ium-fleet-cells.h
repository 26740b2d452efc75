/* ium-fleet-cells.h: the cells of the fleet's columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

typedef enum {
  IUM_FLEET_COLUMN_NAME,
  IUM_FLEET_COLUMN_SITE,
  IUM_FLEET_COLUMN_RELEASE,
  IUM_FLEET_COLUMN_TIER,
  IUM_FLEET_COLUMN_TARGET,
  IUM_FLEET_COLUMN_BEHIND,
  IUM_FLEET_COLUMN_FLAGS,
  IUM_FLEET_COLUMN_WINDOW,
  IUM_FLEET_COLUMN_PLANNED,
} IumFleetColumn;

/* A factory for the cells of @column over IumFleetRow items. Owned. */
GtkListItemFactory *ium_fleet_cell_factory_new (IumFleetColumn column);

/* clang-format on */

G_END_DECLS
