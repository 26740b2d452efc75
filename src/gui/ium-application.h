/* ium-application.h: the GtkApplication io.github.ium.InstrumentUpdateManager.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_APPLICATION (ium_application_get_type ())
G_DECLARE_FINAL_TYPE (IumApplication, ium_application, IUM, APPLICATION, GtkApplication)

IumApplication *ium_application_new          (GApplicationFlags  flags);
/* The application's settings, NULL when the schema cannot be found. Borrowed. */
GSettings      *ium_application_get_settings (IumApplication    *self);
/* The name recorded in the audit log and on the token: --as, else the "identity" setting,
 * else the login name. Borrowed. */
const char     *ium_application_get_identity (IumApplication    *self);
/* Sets the identity for this run, as --as does (NULL: back to the setting). */
void            ium_application_set_identity (IumApplication    *self,
                                              const char        *identity);

/* clang-format on */

G_END_DECLS
