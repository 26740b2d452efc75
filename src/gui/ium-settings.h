/* ium-settings.h: the application's GSettings, installed or from the build tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* clang-format off */

/* The settings of APPLICATION_ID. When the schema is not installed (the app runs from the
 * build tree without GSETTINGS_SCHEMA_DIR) it is read from the build tree's data/ folder.
 * NULL with @error when it is in neither place. Owned. */
GSettings *ium_settings_new (GError **error);

/* clang-format on */

G_END_DECLS
