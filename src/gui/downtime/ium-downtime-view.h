/* ium-downtime-view.h: the downtime schedule: windows and operating cycles listed, added,
 * edited and removed, imported from and exported to iCalendar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-inventory-service.h"
#include "widgets/ium-banner.h"

#include "ium-downtime-form.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_DOWNTIME_VIEW (ium_downtime_view_get_type ())
G_DECLARE_FINAL_TYPE (IumDowntimeView, ium_downtime_view, IUM, DOWNTIME_VIEW, GtkWidget)

/* Property "service" (construct-only). Actions (prefix "downtime."): add-window
 * (Ctrl+Shift+N), add-cycle (Ctrl+Shift+Y), edit (Enter on a row), remove (Delete), import
 * (Ctrl+Shift+O), export (Ctrl+Shift+E), save-edit, cancel-edit (Escape), undo-remove. */
GtkWidget  *ium_downtime_view_new          (IumInventoryService *service);

/* Imports @file as the import action does after its file chooser; the outcome is shown in
 * the view's banner. */
void        ium_downtime_view_import_file  (IumDowntimeView     *self,
                                            GFile               *file);
void        ium_downtime_view_export_file  (IumDowntimeView     *self,
                                            GFile               *file);
/* The rows shown: of IumDowntimeRow, windows by start or cycles. Borrowed. */
GListModel *ium_downtime_view_get_windows  (IumDowntimeView     *self);
GListModel *ium_downtime_view_get_cycles   (IumDowntimeView     *self);
IumBanner  *ium_downtime_view_get_banner   (IumDowntimeView     *self);
/* Whether a job of the view (an import, an export, a save) is running. */
gboolean    ium_downtime_view_get_busy     (IumDowntimeView     *self);
/* The editor's form while it is open, else NULL. Borrowed. */
const IumDowntimeForm *ium_downtime_view_get_editing (IumDowntimeView *self);

/* clang-format on */

G_END_DECLS
