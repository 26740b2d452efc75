/* ium-audit-view.h: the audit log, filterable by instrument, person and date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_AUDIT_VIEW (ium_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (IumAuditView, ium_audit_view, IUM, AUDIT_VIEW, GtkWidget)

/* A view of ium-views.c: property "service" (construct-only) and "instrument" (the
 * instrument filter, as win.show-audit sets it); action "view.search". */

/* The entries as shown: filtered, newest first unless sorted otherwise (of IumAuditRow).
 * Borrowed. */
GListModel  *ium_audit_view_get_model          (IumAuditView *self);
/* Every entry loaded, before the filters. */
guint        ium_audit_view_get_n_loaded       (IumAuditView *self);
void         ium_audit_view_set_instrument     (IumAuditView *self,
                                                const char   *instrument);
/* Filters to changes made by @who (NULL: anyone); FALSE when nobody of that name appears. */
gboolean     ium_audit_view_set_who            (IumAuditView *self,
                                                const char   *who);
/* 0 any time, 1 today, 2 the last 7 days, 3 the last 30 days, 4 the last 12 months. */
void         ium_audit_view_set_since          (IumAuditView *self,
                                                guint         choice);

/* clang-format on */

G_END_DECLS
