/* ium-rule.h: a compatibility rule between a client component and its server component.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ium-types.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_RULE (ium_rule_get_type ())
G_DECLARE_FINAL_TYPE (IumRule, ium_rule, IUM, RULE, GObject)

/* Properties: "client" (construct-only, the key), "server", "policy" (IumCompatPolicy). */
IumRule         *ium_rule_new        (const char      *client,
                                      const char      *server,
                                      IumCompatPolicy  policy);
const char      *ium_rule_get_client (IumRule         *self);
const char      *ium_rule_get_server (IumRule         *self);
void             ium_rule_set_server (IumRule         *self,
                                      const char      *server);
IumCompatPolicy  ium_rule_get_policy (IumRule         *self);
void             ium_rule_set_policy (IumRule         *self,
                                      IumCompatPolicy  policy);

/* clang-format on */

G_END_DECLS
