/* ium-settings.c: the application's GSettings, installed or from the build tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-settings.h"

GSettings *
ium_settings_new (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchemaSource) build_source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    return g_settings_new (APPLICATION_ID);

  /* Running from _build: the schema is compiled there by data/meson.build. */
  build_source =
    g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, source, FALSE, NULL);
  if (build_source != NULL)
    schema = g_settings_schema_source_lookup (build_source, APPLICATION_ID, FALSE);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("The settings schema %s is not installed. Install the application, or "
                      "start it from the source tree with build-aux/run."),
                   APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}
