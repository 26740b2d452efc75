/* ium-audit-row.h: one entry of the audit log as the audit view and the instrument history
 * show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_AUDIT_ROW (ium_audit_row_get_type ())
G_DECLARE_FINAL_TYPE (IumAuditRow, ium_audit_row, IUM, AUDIT_ROW, GObject)

/* Read-only properties: "time" (local, for display), "unix" (seconds, for sorting), "who",
 * "action", "kind", "key", "object" ("instrument LARMOR"), "summary" (what changed, in
 * words), "instrument" (the instrument it is about, or NULL). */

/* Rows for @entries (of IumAuditEntry), newest first. Safe on any thread. Owned. */
GPtrArray  *ium_audit_rows_build          (GPtrArray   *entries);

gint64      ium_audit_row_get_unix        (IumAuditRow *self);
const char *ium_audit_row_get_time        (IumAuditRow *self);
const char *ium_audit_row_get_who         (IumAuditRow *self);
const char *ium_audit_row_get_action      (IumAuditRow *self);
const char *ium_audit_row_get_kind        (IumAuditRow *self);
const char *ium_audit_row_get_key         (IumAuditRow *self);
const char *ium_audit_row_get_summary     (IumAuditRow *self);
/* The instrument the entry is about (an instrument, or one of its upgrades), or NULL. */
const char *ium_audit_row_get_instrument  (IumAuditRow *self);

/* What an entry changed, in words: "pin: none → 12.1.1.215", "NDXLARMOR ibex-server
 * 12.0.0.100 → 12.1.0.200", "added", "dec-2026: planned → in-progress". @before and
 * @after are the entry's JSON texts (NULL when added or removed). Owned. */
char       *ium_audit_describe            (const char  *kind,
                                           const char  *action,
                                           const char  *before,
                                           const char  *after);

/* clang-format on */

G_END_DECLS
