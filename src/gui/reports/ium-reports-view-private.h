/* ium-reports-view-private.h: what the reports view's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-reports-view.h"

G_BEGIN_DECLS

/* clang-format off */

struct _IumReportsView
{
  GtkWidget            parent_instance;

  GtkDropDown         *release_dropdown;
  GtkStringList       *release_names;
  GtkSpinButton       *days_spin;
  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  GtkButton           *zoom_button;
  GtkMenuButton       *export_button;
  IumBanner           *banner;
  GtkStack            *stack;
  GtkLabel            *empty_label;
  GtkLabel            *title_label;
  GtkLabel            *instruments_value;
  GtkLabel            *on_release_value;
  GtkLabel            *update_value;
  GtkLabel            *behind_value;
  GtkLabel            *planned_value;
  GtkLabel            *done_value;
  GtkLabel            *failed_value;
  GtkLabel            *clients_value;
  GtkLabel            *pages_value;
  GtkWidget           *sections_box;
  GtkScrolledWindow   *preview_scroller;
  GtkListView         *pages_view;

  IumInventoryService *service;     /* owned */
  GPtrArray           *versions;    /* owned: the release drop-down's versions, in its order */
  IumReport           *report;      /* owned, nullable: the report shown */
  IumReportPages      *pages;       /* owned, nullable: its pages */
  char                *report_path; /* owned, nullable: the database it was made from */
  IumInventory        *inventory;   /* owned, nullable: the inventory when it was made */
  GtkStringList       *page_model;  /* owned: one item per page */
  GCancellable        *cancellable; /* owned, nullable: the report being made or saved */
  GtkPrintOperation   *print_operation; /* owned, nullable: the last one started */
  GFile               *export_folder; /* owned, nullable: where the last export went */
  GFile               *export_file; /* owned, nullable: the file being written */
  guint                pulse_id;
  guint                n_reports;
  guint                zoom_level;
};

/* Shows the progress bar with @text for new work and returns its cancellable (borrowed); a
 * negative @fraction pulses. */
GCancellable *ium_reports_view_begin_work     (IumReportsView *self,
                                               const char     *text,
                                               double          fraction);
void          ium_reports_view_end_work       (IumReportsView *self);
/* Whether the reply of the work with @cancellable is still wanted. */
gboolean      ium_reports_view_is_current     (IumReportsView *self,
                                               GCancellable   *cancellable);
void          ium_reports_view_update_actions (IumReportsView *self);
/* Shows @error in the view's banner under @title, as a sentence. */
void          ium_reports_view_show_failure   (IumReportsView *self,
                                               const char     *title,
                                               const GError   *error);

/* ium-reports-view-export.c: the actions reports.export (a format) and reports.print. */
void          ium_reports_view_export_action  (GtkWidget      *widget,
                                               const char     *action_name,
                                               GVariant       *parameter);
void          ium_reports_view_print_action   (GtkWidget      *widget,
                                               const char     *action_name,
                                               GVariant       *parameter);

/* ium-reports-view-preview.c: the pages' list and its zoom. */
void          ium_reports_view_init_preview        (IumReportsView *self);
/* The rows let go of the pages shown, before the view does. */
void          ium_reports_view_unbind_pages        (IumReportsView *self);
void          ium_reports_view_update_zoom_actions (IumReportsView *self);
/* reports.zoom-in, reports.zoom-out, reports.zoom-reset. */
void          ium_reports_view_zoom_action         (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);

/* clang-format on */

G_END_DECLS
