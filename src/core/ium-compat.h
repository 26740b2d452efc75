/* ium-compat.h: what a compatibility policy says of a client and a server version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-types.h"
#include "ium-version.h"

G_BEGIN_DECLS

/* clang-format off */

IumCompatResult ium_compat_evaluate (IumCompatPolicy   policy,
                                     const IumVersion *client,
                                     const IumVersion *server,
                                     const char      **reason);

/* clang-format on */

G_END_DECLS
