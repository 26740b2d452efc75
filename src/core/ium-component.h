/* ium-component.h: a versioned piece of software (ibex-server, ibex-gui, ...).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ium-types.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_COMPONENT (ium_component_get_type ())
G_DECLARE_FINAL_TYPE (IumComponent, ium_component, IUM, COMPONENT, GObject)

/* Properties: "id" (construct-only), "name", "role" (IumRole), "scheme" (IumScheme). */
IumComponent *ium_component_new        (const char   *id,
                                        const char   *name,
                                        IumRole       role,
                                        IumScheme     scheme);
const char   *ium_component_get_id     (IumComponent *self);
const char   *ium_component_get_name   (IumComponent *self);
void          ium_component_set_name   (IumComponent *self,
                                        const char   *name);
IumRole       ium_component_get_role   (IumComponent *self);
void          ium_component_set_role   (IumComponent *self,
                                        IumRole       role);
IumScheme     ium_component_get_scheme (IumComponent *self);
void          ium_component_set_scheme (IumComponent *self,
                                        IumScheme     scheme);

/* clang-format on */

G_END_DECLS
