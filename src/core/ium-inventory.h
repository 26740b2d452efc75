/* ium-inventory.h: the whole inventory in memory, as list models the views bind to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-component.h"
#include "ium-cycle.h"
#include "ium-instrument.h"
#include "ium-release.h"
#include "ium-rule.h"
#include "ium-types.h"
#include "ium-window.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_INVENTORY (ium_inventory_get_type ())
G_DECLARE_FINAL_TYPE (IumInventory, ium_inventory, IUM, INVENTORY, GObject)

/* Every list is kept sorted by its key: components by id, rules by client, releases by
 * version (oldest first), instruments by name (strcmp), windows by start then label, cycles
 * by start then name. A put replaces the item with the same key, else inserts it. */
IumInventory    *ium_inventory_new                (void);

const char      *ium_inventory_get_facility       (IumInventory    *self);
void             ium_inventory_set_facility       (IumInventory    *self,
                                                   const char      *facility);
IumScheme        ium_inventory_get_release_scheme (IumInventory    *self);
void             ium_inventory_set_release_scheme (IumInventory    *self,
                                                   IumScheme        scheme);
const IumPolicy *ium_inventory_get_policy         (IumInventory    *self);
void             ium_inventory_set_policy         (IumInventory    *self,
                                                   const IumPolicy *policy);

/* Borrowed list models. */
GListModel      *ium_inventory_get_components     (IumInventory    *self);
GListModel      *ium_inventory_get_rules          (IumInventory    *self);
GListModel      *ium_inventory_get_releases       (IumInventory    *self);
GListModel      *ium_inventory_get_instruments    (IumInventory    *self);
GListModel      *ium_inventory_get_windows        (IumInventory    *self);
GListModel      *ium_inventory_get_cycles         (IumInventory    *self);

/* Lookups return borrowed objects or NULL. A release is found by any spelling of its version
 * that compares equal ("12.1" finds "12.1.0.0"). */
IumComponent    *ium_inventory_lookup_component   (IumInventory    *self,
                                                   const char      *id);
IumRule         *ium_inventory_lookup_rule        (IumInventory    *self,
                                                   const char      *client);
IumRelease      *ium_inventory_lookup_release     (IumInventory    *self,
                                                   const char      *version);
IumInstrument   *ium_inventory_lookup_instrument  (IumInventory    *self,
                                                   const char      *name);
IumWindow       *ium_inventory_lookup_window      (IumInventory    *self,
                                                   const char      *key);
IumCycle        *ium_inventory_lookup_cycle       (IumInventory    *self,
                                                   const char      *name);

void             ium_inventory_put_component      (IumInventory    *self,
                                                   IumComponent    *component);
void             ium_inventory_put_rule           (IumInventory    *self,
                                                   IumRule         *rule);
void             ium_inventory_put_release        (IumInventory    *self,
                                                   IumRelease      *release);
void             ium_inventory_put_instrument     (IumInventory    *self,
                                                   IumInstrument   *instrument);
void             ium_inventory_put_window         (IumInventory    *self,
                                                   IumWindow       *window);
void             ium_inventory_put_cycle          (IumInventory    *self,
                                                   IumCycle        *cycle);

/* Removes the window with key @key (see ium_window_dup_key()); FALSE when there is none. */
gboolean         ium_inventory_remove_window      (IumInventory    *self,
                                                   const char      *key);
/* Removes the cycle named @name; FALSE when there is none. */
gboolean         ium_inventory_remove_cycle       (IumInventory    *self,
                                                   const char      *name);

/* A new inventory with the same settings and the same objects, shared and not copied: change
 * the copy only by putting new objects into it. Owned. */
IumInventory    *ium_inventory_copy               (IumInventory    *self);

/* The newest release of @tier (or of any tier when @any_tier), or NULL. Borrowed. */
IumRelease      *ium_inventory_get_newest_release (IumInventory    *self,
                                                   gboolean         any_tier,
                                                   IumTier          tier);

/* Parses @text in the scheme of component @component_id. */
IumVersion      *ium_inventory_parse_component_version (IumInventory  *self,
                                                        const char    *component_id,
                                                        const char    *text,
                                                        GError       **error);

/* clang-format on */

G_END_DECLS
