/* ium-store-write.h: the store's internal API shared by its reading and writing halves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

sqlite3      *ium_store_get_db           (IumStore     *self);
sqlite3_stmt *ium_store_prepare          (IumStore     *self,
                                          const char   *sql,
                                          GError      **error);
gboolean      ium_store_step_done        (IumStore     *self,
                                          sqlite3_stmt *stmt,
                                          const char   *doing,
                                          GError      **error);
gboolean      ium_store_exec             (IumStore     *self,
                                          const char   *sql,
                                          const char   *doing,
                                          GError      **error);
gboolean      ium_store_set_sqlite_error (IumStore     *self,
                                          int           code,
                                          const char   *doing,
                                          GError      **error);
gboolean      ium_store_check_text       (const char   *what,
                                          const char   *text,
                                          GError      **error);
gboolean      ium_store_begin            (IumStore     *self,
                                          GError      **error);
gboolean      ium_store_commit           (IumStore     *self,
                                          GError      **error);
void          ium_store_rollback         (IumStore     *self);
IumInventory *ium_store_load_locked      (IumStore     *self,
                                          GError      **error);
/* ium_store_load_locked(), or the inventory kept by ium_store_keep_inventory() while it is
 * still what the database holds: what a write starts from. Owned; never change it. */
IumInventory *ium_store_load_current     (IumStore     *self,
                                          GError      **error);
gboolean      ium_store_check_inventory  (IumInventory *inventory,
                                          GError      **error);

/* Makes the inventory as it should be from the stored one, @before, which it must not change
 * (ium_inventory_copy() and new objects). Runs inside the write transaction. Owned. */
typedef IumInventory *(*IumStoreMakeAfter) (IumInventory  *before,
                                            gpointer       data,
                                            GError       **error);

/* Runs @make_after inside one IMMEDIATE transaction and writes the difference between the
 * stored inventory and what it made, with an audit entry per changed object (@action, by
 * @who). All or nothing. */
gboolean      ium_store_run_write        (IumStore          *self,
                                          const char        *action,
                                          const char        *who,
                                          IumStoreChanges   *changes,
                                          IumStoreMakeAfter  make_after,
                                          gpointer           data,
                                          GError           **error);

/* In ium-store-edit.c: @before with @object, an object as the inventory file writes it, read
 * over it as the one element of the file's list @list, checked as an import would be. Errors
 * name paths from @object on ("hosts[0].installed.ibex-gui: ..."). Owned. */
IumInventory *ium_store_read_over        (IumInventory      *before,
                                          const char        *list,
                                          JsonNode          *object,
                                          GError           **error);

/* Helpers shared by everything that reads or writes the store. */

/* Now, as RFC 3339 UTC text. Owned. */
char       *ium_dup_now     (void);
/* Column @column of the current row, borrowed from @stmt; NULL for SQL NULL. */
const char *ium_column_text (sqlite3_stmt *stmt,
                             int           column);
/* Binds @text (nullable: SQL NULL), copied. */
void        ium_bind_text   (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text);
/* @node as compact JSON text. Owned. */
char       *ium_node_text   (JsonNode     *node);
/* Inside a transaction: appends one entry to the audit log. */
gboolean    ium_write_audit (IumStore     *store,
                             const char   *now,
                             const char   *who,
                             const char   *action,
                             const char   *kind,
                             const char   *key,
                             const char   *before,
                             const char   *after,
                             GError      **error);

/* clang-format on */

G_END_DECLS
