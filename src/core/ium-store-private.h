/* ium-store-private.h: the schema migrations, shared by the store and its tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* clang-format off */

/* PRAGMA application_id of an inventory database: "IUM1". */
#define IUM_STORE_APPLICATION_ID 0x49554D31

/* ium_store_migrations[i] takes a database from user_version i to i + 1. */
extern const char * const ium_store_migrations[];
extern const guint ium_store_n_migrations;

/* clang-format on */

G_END_DECLS
