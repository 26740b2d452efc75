/* ium-reports-view.c: the release report in the window.
 *
 * Generating runs in two steps off the main thread: core's ium_report_new_async() builds the
 * model over its own connection to the database (with progress), then ium-report-job.c lays
 * it out on A4 pages. The preview is a GtkListView of those pages, so only the pages in view
 * exist and are drawn, each with ium_report_pages_draw_page() as the PDF writer draws it.
 * Export writes any format on a worker (ium_report_save(): no partial file); Print… hands the
 * same pages to a GtkPrintOperation (ium-reports-view-export.c). The preview and its zoom
 * are in ium-reports-view-preview.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-reports-view-private.h"

#include "ium-enums.h"
#include "ium-error-text.h"
#include "ium-report-job.h"
#include "ium-report-style.h"
#include "widgets/ium-badges.h"

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumReportsView, ium_reports_view, GTK_TYPE_WIDGET)

/* What the progress callback needs: the view, and which job it reports on. */
typedef struct
{
  IumReportsView *view;        /* owned */
  GCancellable   *cancellable; /* owned */
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->view);
  g_object_unref (progress->cancellable);
  g_free (progress);
}

void
ium_reports_view_update_actions (IumReportsView *self)
{
  gboolean   busy = self->cancellable != NULL;
  gboolean   shown = self->pages != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "reports.generate", !busy && self->versions->len > 0);
  gtk_widget_action_set_enabled (widget, "reports.cancel", busy);
  gtk_widget_action_set_enabled (widget, "reports.export", !busy && shown);
  gtk_widget_action_set_enabled (widget, "reports.export-menu", !busy && shown);
  gtk_widget_action_set_enabled (widget, "reports.print", !busy && shown);
  ium_reports_view_update_zoom_actions (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy && shown);
}

static gboolean
pulse_cb (gpointer user_data)
{
  IumReportsView *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Shows the progress bar with @text for new work, and returns the work's cancellable. A
 * negative @fraction pulses (saving has no steps to count). */
GCancellable *
ium_reports_view_begin_work (IumReportsView *self, const char *text, double fraction)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_text (self->progress_bar, text);
  if (fraction < 0)
    self->pulse_id = g_timeout_add (120, pulse_cb, self);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_widget_set_visible (self->progress_box, TRUE);
  ium_reports_view_update_actions (self);
  return self->cancellable;
}

void
ium_reports_view_end_work (IumReportsView *self)
{
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_set_visible (self->progress_box, FALSE);
  ium_reports_view_update_actions (self);
}

/* Whether a job's reply is still wanted: not when it was cancelled or another job replaced
 * it, or when the view is gone. */
gboolean
ium_reports_view_is_current (IumReportsView *self, GCancellable *cancellable)
{
  return self->service != NULL && cancellable != NULL && cancellable == self->cancellable
         && !g_cancellable_is_cancelled (cancellable);
}

/* Releases */

static const char *
get_selected_version (IumReportsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->release_dropdown);

  return selected < self->versions->len ? g_ptr_array_index (self->versions, selected) : NULL;
}

static void
select_version (IumReportsView *self, const char *version)
{
  guint index;

  if (version != NULL
      && g_ptr_array_find_with_equal_func (self->versions, version, g_str_equal, &index))
    gtk_drop_down_set_selected (self->release_dropdown, index);
}

static void
update_releases (IumReportsView *self)
{
  IumInventory    *inventory = ium_inventory_service_get_inventory (self->service);
  GListModel      *releases = inventory ? ium_inventory_get_releases (inventory) : NULL;
  guint            n = releases ? g_list_model_get_n_items (releases) : 0;
  guint            n_old = g_list_model_get_n_items (G_LIST_MODEL (self->release_names));
  g_autofree char *current = g_strdup (get_selected_version (self));
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  IumRelease *newest;

  g_ptr_array_set_size (self->versions, 0);
  /* Newest first: the release a report is usually wanted for is at the top. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, n - 1 - i);

      g_ptr_array_add (self->versions, g_strdup (ium_release_get_version_text (release)));
      g_ptr_array_add (labels, ium_release_dup_label (release));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->release_names, 0, n_old, (const char *const *) labels->pdata);

  /* Keep the choice; else the newest official release, whose rollout a report follows. */
  newest =
    inventory ? ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL) : NULL;
  select_version (self, newest ? ium_release_get_version_text (newest) : NULL);
  select_version (self, current);
  gtk_label_set_label (self->empty_label,
                       n > 0 ? _ ("Choose a release and press Generate. The report says, for that "
                                  "release, what runs where, what is behind, what is planned and "
                                  "done, and which clients are out of date: the same report as "
                                  "ium report, shown page by page as it prints.")
                             : _ ("This inventory has no release, so there is nothing to report "
                                  "on yet. Add one in Releases, or import an inventory file."));
  ium_reports_view_update_actions (self);
}

/* The report */

static void
set_count (GtkLabel *label, guint value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  gtk_label_set_label (label, text);
}

static void
section_clicked_cb (GtkButton *button, IumReportsView *self)
{
  guint          page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ium-page"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->preview_scroller);
  guint          n_pages = self->pages ? ium_report_pages_get_n_pages (self->pages) : 0;

  /* Every row of the list is a page of the same height. */
  if (n_pages > 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * page / n_pages);
}

static void
update_sections (IumReportsView *self)
{
  guint                   n_sections;
  const IumReportSection *sections = ium_report_get_sections (&n_sections);
  GtkWidget              *child;

  while ((child = gtk_widget_get_first_child (self->sections_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->sections_box), child);
  for (guint i = 0; i < n_sections; i++)
    {
      int              page = ium_report_pages_get_section_page (self->pages, sections[i].id);
      g_autofree char *text = NULL;
      GtkWidget       *button;
      GtkWidget       *label;

      if (page < 0)
        continue;
      /* Translators: a section of the report (its title, translated) and the
       * page it starts on. */
      text = g_strdup_printf (_ ("%s · page %d"), _ (sections[i].title), page + 1);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _ ("Show this page"));
      g_object_set_data (G_OBJECT (button), "ium-page", GUINT_TO_POINTER ((guint) page));
      g_signal_connect_object (button, "clicked", G_CALLBACK (section_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (self->sections_box), button);
    }
}

static void
update_title (IumReportsView *self)
{
  IumReport       *report = self->report;
  IumRelease      *release = ium_report_get_release (report);
  g_autofree char *version = g_markup_escape_text (ium_release_get_version_text (release), -1);
  g_autofree char *facility = g_markup_escape_text (ium_report_get_facility (report), -1);
  /* In UTC, as the report itself says. */
  g_autofree char *when =
    g_date_time_format (ium_report_get_generated (report), "%Y-%m-%d %H:%M UTC");
  g_autofree char *markup = NULL;
  guint            days = ium_report_get_days (report);

  markup = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the report's title in the summary: the
                                          * release, the facility, when it was made and the
                                          * client window. */
                                         "<big><b>Release %s</b></big>\n%s\nMade %s, clients "
                                         "seen in the last %u day",
                                         "<big><b>Release %s</b></big>\n%s\nMade %s, clients "
                                         "seen in the last %u days",
                                         days),
                            version, facility, when, days);
  gtk_label_set_markup (self->title_label, markup);
}

/* Lets go of the report shown: the rows first, then the pages, freed on a worker. */
static void
drop_report (IumReportsView *self)
{
  gtk_string_list_splice (self->page_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->page_model)), NULL);
  ium_reports_view_unbind_pages (self);
  g_clear_object (&self->report);
  if (self->pages != NULL)
    ium_report_job_unref_in_thread (g_steal_pointer (&self->pages));
}

static void
show_report (IumReportsView *self, IumReportPages *pages)
{
  const IumReportSummary *summary;
  guint                   n_pages = ium_report_pages_get_n_pages (pages);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  drop_report (self);
  self->pages = g_object_ref (pages);
  self->report = g_object_ref (ium_report_pages_get_report (pages));
  summary = ium_report_get_summary (self->report);

  update_title (self);
  set_count (self->instruments_value, summary->n_instruments);
  set_count (self->on_release_value, summary->on_release);
  set_count (self->update_value, summary->by_flag[g_bit_nth_lsf (IUM_FLAG_UPDATE_AVAILABLE, -1)]);
  set_count (self->behind_value, summary->by_flag[g_bit_nth_lsf (IUM_FLAG_TOO_FAR_BEHIND, -1)]);
  set_count (self->planned_value, summary->by_state[IUM_UPGRADE_PLANNED]);
  set_count (self->done_value, summary->by_state[IUM_UPGRADE_DONE]);
  set_count (self->failed_value, summary->by_state[IUM_UPGRADE_FAILED]);
  set_count (self->clients_value, summary->n_outdated_clients + summary->n_incompatible_clients);
  set_count (self->pages_value, n_pages);
  update_sections (self);

  for (guint i = 0; i < n_pages; i++)
    g_ptr_array_add (items, g_strdup_printf ("%u", i + 1));
  g_ptr_array_add (items, NULL);
  gtk_string_list_splice (self->page_model, 0, 0, (const char *const *) items->pdata);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->preview_scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "report");
  self->n_reports++;
}

void
ium_reports_view_show_failure (IumReportsView *self, const char *title, const GError *error)
{
  g_autofree char *sentence = ium_error_sentence (error);

  ium_banner_show (self->banner, IUM_BANNER_ERROR, title, sentence);
}

static void
layout_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumReportsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (IumReportPages) pages = ium_report_job_layout_finish (result, &error);

  if (!ium_reports_view_is_current (self, g_task_get_cancellable (G_TASK (result))))
    {
      /* Cancelled after all the work was done: freeing it is work too. */
      if (pages != NULL)
        ium_report_job_unref_in_thread (g_steal_pointer (&pages));
      return;
    }
  ium_reports_view_end_work (self);
  if (pages == NULL)
    {
      ium_reports_view_show_failure (self, _ ("The report cannot be shown"), error);
      return;
    }
  show_report (self, pages);
  ium_reports_view_update_actions (self);
}

static void
report_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumReportsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (IumReport) report = ium_report_new_finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  if (!ium_reports_view_is_current (self, cancellable))
    {
      if (report != NULL)
        ium_report_job_unref_in_thread (g_steal_pointer (&report));
      return;
    }
  if (report == NULL)
    {
      ium_reports_view_end_work (self);
      ium_reports_view_show_failure (self, _ ("The report cannot be made"), error);
      return;
    }
  /* The layout has no steps to count: the bar pulses, so the window is seen to be alive. */
  gtk_progress_bar_set_text (self->progress_bar, _ ("Laying out the pages…"));
  self->pulse_id = g_timeout_add (120, pulse_cb, self);
  ium_report_job_layout_async (report, cancellable, layout_done_cb, g_object_ref (self));
}

static void
report_progress_cb (double fraction, const char *stage, gpointer user_data)
{
  Progress       *progress = user_data;
  IumReportsView *self = progress->view;

  if (!ium_reports_view_is_current (self, progress->cancellable))
    return;
  /* The stages are core's words; the bar counts the model as most of the work, the layout
   * as the rest. */
  gtk_progress_bar_set_fraction (self->progress_bar, 0.9 * CLAMP (fraction, 0, 1));
}

static void
generate (IumReportsView *self)
{
  const char   *path = ium_inventory_service_get_path (self->service);
  const char   *version = get_selected_version (self);
  guint         days = (guint) gtk_spin_button_get_value_as_int (self->days_spin);
  GCancellable *cancellable;
  Progress     *progress;

  if (path == NULL || version == NULL)
    return;
  ium_banner_dismiss (self->banner);
  g_set_object (&self->inventory, ium_inventory_service_get_inventory (self->service));
  g_free (self->report_path);
  self->report_path = g_strdup (path);
  cancellable = ium_reports_view_begin_work (self, _ ("Making the report…"), 0);
  progress = g_new0 (Progress, 1);
  progress->view = g_object_ref (self);
  progress->cancellable = g_object_ref (cancellable);
  ium_report_new_async (path, version, days, NULL, cancellable, report_progress_cb, progress,
                        (GDestroyNotify) progress_free, report_done_cb, g_object_ref (self));
}

/* Callbacks and actions */

static void
clear_report (IumReportsView *self)
{
  ium_reports_view_cancel (self);
  ium_banner_dismiss (self->banner);
  drop_report (self);
  g_clear_object (&self->inventory);
  g_clear_pointer (&self->report_path, g_free);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  ium_reports_view_update_actions (self);
}

static void
service_loaded_cb (IumReportsView *self)
{
  update_releases (self);
  /* Another inventory was opened: its report is not this one's. */
  if (self->report != NULL
      && g_strcmp0 (self->report_path, ium_inventory_service_get_path (self->service)) != 0)
    clear_report (self);
  /* A report is a picture of one moment: say when the inventory moved on since. */
  if (self->report != NULL && self->inventory != NULL
      && self->inventory != ium_inventory_service_get_inventory (self->service))
    {
      ium_banner_show (self->banner, IUM_BANNER_INFO,
                       _ ("The inventory has changed since this report was made"),
                       _ ("Generate it again to include the changes."));
      ium_banner_set_action (self->banner, _ ("_Generate Again"), "reports.generate");
    }
}

static void
export_menu_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_menu_button_popup (IUM_REPORTS_VIEW (widget)->export_button);
}

static void
generate_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  generate (IUM_REPORTS_VIEW (widget));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ium_reports_view_cancel (IUM_REPORTS_VIEW (widget));
}

/* GObject */

static void
ium_reports_view_constructed (GObject *object)
{
  IumReportsView *self = IUM_REPORTS_VIEW (object);

  G_OBJECT_CLASS (ium_reports_view_parent_class)->constructed (object);

  g_return_if_fail (self->service != NULL);
  g_signal_connect_object (self->service, "loaded", G_CALLBACK (service_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  if (ium_inventory_service_get_inventory (self->service) != NULL)
    update_releases (self);
}

static void
ium_reports_view_dispose (GObject *object)
{
  IumReportsView *self = IUM_REPORTS_VIEW (object);
  GtkWidget      *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->pages_view != NULL)
    gtk_list_view_set_model (self->pages_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_REPORTS_VIEW);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->page_model);
  g_clear_object (&self->print_operation);
  g_clear_object (&self->pages);
  g_clear_object (&self->report);
  g_clear_object (&self->inventory);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_reports_view_parent_class)->dispose (object);
}

static void
ium_reports_view_finalize (GObject *object)
{
  IumReportsView *self = IUM_REPORTS_VIEW (object);

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_object (&self->export_file);
  g_clear_object (&self->export_folder);
  g_free (self->report_path);

  G_OBJECT_CLASS (ium_reports_view_parent_class)->finalize (object);
}

static void
ium_reports_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumReportsView *self = IUM_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_reports_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IumReportsView *self = IUM_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_reports_view_class_init (IumReportsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ium_reports_view_constructed;
  object_class->dispose = ium_reports_view_dispose;
  object_class->finalize = ium_reports_view_finalize;
  object_class->get_property = ium_reports_view_get_property;
  object_class->set_property = ium_reports_view_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IUM_TYPE_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "reports/ium-reports-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, IumReportsView, name)
  BIND (release_dropdown);
  BIND (release_names);
  BIND (days_spin);
  BIND (progress_box);
  BIND (progress_bar);
  BIND (zoom_button);
  BIND (export_button);
  BIND (banner);
  BIND (stack);
  BIND (empty_label);
  BIND (title_label);
  BIND (instruments_value);
  BIND (on_release_value);
  BIND (update_value);
  BIND (behind_value);
  BIND (planned_value);
  BIND (done_value);
  BIND (failed_value);
  BIND (clients_value);
  BIND (pages_value);
  BIND (sections_box);
  BIND (preview_scroller);
  BIND (pages_view);
#undef BIND

  gtk_widget_class_install_action (widget_class, "reports.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "reports.export", "s",
                                   ium_reports_view_export_action);
  gtk_widget_class_install_action (widget_class, "reports.export-menu", NULL, export_menu_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL,
                                   ium_reports_view_print_action);
  gtk_widget_class_install_action (widget_class, "reports.zoom-in", NULL,
                                   ium_reports_view_zoom_action);
  gtk_widget_class_install_action (widget_class, "reports.zoom-out", NULL,
                                   ium_reports_view_zoom_action);
  gtk_widget_class_install_action (widget_class, "reports.zoom-reset", NULL,
                                   ium_reports_view_zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "reports.generate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "reports.generate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "reports.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reports.export-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "reports.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "reports.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "reports.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "reports.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "reports.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "reports.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "reports.cancel", NULL);
}

static void
ium_reports_view_init (IumReportsView *self)
{
  self->versions = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  ium_reports_view_init_preview (self);
}

/* Public API */

GtkWidget *
ium_reports_view_new (IumInventoryService *service)
{
  return g_object_new (IUM_TYPE_REPORTS_VIEW, "service", service, NULL);
}

gboolean
ium_reports_view_generate (IumReportsView *self, const char *release, guint days)
{
  guint index;

  g_return_val_if_fail (IUM_IS_REPORTS_VIEW (self), FALSE);
  g_return_val_if_fail (release != NULL, FALSE);

  if (!g_ptr_array_find_with_equal_func (self->versions, release, g_str_equal, &index))
    return FALSE;
  gtk_drop_down_set_selected (self->release_dropdown, index);
  gtk_spin_button_set_value (self->days_spin, days);
  generate (self);
  return TRUE;
}

void
ium_reports_view_cancel (IumReportsView *self)
{
  g_return_if_fail (IUM_IS_REPORTS_VIEW (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  ium_reports_view_end_work (self);
}

gboolean
ium_reports_view_get_busy (IumReportsView *self)
{
  g_return_val_if_fail (IUM_IS_REPORTS_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

IumReport *
ium_reports_view_get_report (IumReportsView *self)
{
  g_return_val_if_fail (IUM_IS_REPORTS_VIEW (self), NULL);
  return self->report;
}

IumReportPages *
ium_reports_view_get_pages (IumReportsView *self)
{
  g_return_val_if_fail (IUM_IS_REPORTS_VIEW (self), NULL);
  return self->pages;
}

guint
ium_reports_view_get_n_reports (IumReportsView *self)
{
  g_return_val_if_fail (IUM_IS_REPORTS_VIEW (self), 0);
  return self->n_reports;
}

IumBanner *
ium_reports_view_get_banner (IumReportsView *self)
{
  g_return_val_if_fail (IUM_IS_REPORTS_VIEW (self), NULL);
  return self->banner;
}
