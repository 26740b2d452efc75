/* ium-rollout-view-private.h: shared by the planner view (ium-rollout-view.c) and its state
 * changes (ium-rollout-view-marks.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-rollout-view.h"

#include "ium-rollout-text.h"
#include "ium-timeline.h"

G_BEGIN_DECLS

/* clang-format off */

struct _IumRolloutView
{
  GtkWidget            parent_instance;

  /* Template children. */
  GtkDropDown         *rollout_dropdown;
  GtkStringList       *rollout_names;
  GtkEntry            *name_entry;
  GtkButton           *save_button;
  GtkLabel            *dirty_label;
  GtkSpinner          *spinner;
  GtkLabel            *summary_label;
  GtkButton           *resume_button;
  IumBanner           *banner;
  GtkDropDown         *release_dropdown;
  GtkStringList       *release_names;
  GtkLabel            *release_error;
  GtkEntry            *from_entry;
  GtkEntry            *until_entry;
  GtkLabel            *from_error;
  GtkLabel            *until_error;
  GtkSpinButton       *per_day_spin;
  GtkSpinButton       *hours_spin;
  GtkSpinButton       *soak_spin;
  GtkSpinButton       *failures_spin;
  GtkLabel            *waves_hint;
  GtkListView         *waves_view;
  GtkStringList       *waves_model;
  GtkLabel            *waves_error;
  GtkStack            *results_stack;
  IumTimeline         *timeline;
  GtkLabel            *legend_label;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *kind_dropdown;
  GtkMenuButton       *state_menu_button;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *wave_column;
  GtkColumnViewColumn *instrument_column;
  GtkColumnViewColumn *when_column;
  GtkColumnViewColumn *window_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *note_column;
  GtkPopover          *state_popover;
  GtkLabel            *popover_title;
  GtkLabel            *popover_details;
  GtkEntry            *popover_note;
  GtkBox              *popover_buttons;

  IumInventoryService *service;          /* owned */
  IumPlannerForm      *form;             /* owned: what the widgets show */
  char                *rollout;          /* owned: the saved rollout shown, NULL when new */
  IumPlannerResult    *result;           /* owned: the plan shown */
  GListStore          *rows;             /* owned, of IumRolloutRow */
  GtkCustomFilter     *filter;           /* owned */
  GtkSingleSelection  *selection;        /* owned */
  GMenu               *selector_menu;    /* owned: rest, tags and sites for the waves */
  GCancellable        *plan_cancellable; /* owned: the plan being computed */
  GCancellable        *window_job;       /* borrowed from the window while planning is slow */
  GCancellable        *cancellable;      /* owned: saves and marks, cancelled on dispose */
  guint                plan_timeout_id;
  guint                slow_timeout_id;
  guint                n_plans;
  guint                n_running;        /* saves, marks and resumes in flight */
  gboolean             updating;         /* the widgets are being set from the form */
  gboolean             plan_pending;     /* a plan waits for the view to be shown */
  gboolean             rows_stale;       /* the list's rows wait for the list to be shown */
  gboolean             fit_next;         /* the next plan is another rollout: fit it */
  char                *current;          /* owned: the instrument the state actions act on */
  char                *force_instrument; /* owned: a busy instrument to start anyway */
  char                *saving;           /* owned: the name a save in flight saves under */
};

/* In ium-rollout-view-marks.c. */
void ium_rollout_view_install_mark_actions (GtkWidgetClass *widget_class);
void ium_rollout_view_set_current          (IumRolloutView *self,
                                            const char     *instrument);
void ium_rollout_view_update_state_menu    (IumRolloutView *self);
void ium_rollout_view_show_popover         (IumRolloutView *self,
                                            guint           item);
void ium_rollout_view_end_work             (IumRolloutView *self);

/* clang-format on */

G_END_DECLS
