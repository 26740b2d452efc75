/* ium-rollout-view.c: the rollout planner: the form, planning off the main thread, the
 * timeline and the list, saving. Changing states is in ium-rollout-view-marks.c.
 *
 * The form's widgets write into an IumPlannerForm; 150 ms after the last change the form is
 * checked (a pure function, ium-planner-form.c) and, when it makes a request, planned on a
 * worker thread (ium-planner-job.c) over the fleet the service holds, which is immutable.
 * Each new plan cancels the one before it. A plan that takes longer than a moment shows the
 * window's progress bar, whose Cancel button stops it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ium-rollout-view-private.h"

#include "ium-enums.h"
#include "ium-error-text.h"
#include "ium-inventory-service-rollouts.h"
#include "ium-main-window.h"
#include "ium-rollout-row.h"
#include "ium-wave-row.h"
#include "widgets/ium-badges.h"

/* How long the form must be still before it is planned, and how long a plan may take
 * before the window shows its progress bar. */
#define REPLAN_DELAY_MS 150
#define SLOW_PLAN_MS    300

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumRolloutView, ium_rollout_view, GTK_TYPE_WIDGET)

static void schedule_plan (IumRolloutView *self, guint delay_ms);

/* The form and its widgets */

static void
show_field_error (GtkLabel *label, const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static guint
find_string (GtkStringList *list, const char *text)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; text != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), text) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
update_waves_model (IumRolloutView *self)
{
  guint                   n_old = g_list_model_get_n_items (G_LIST_MODEL (self->waves_model));
  guint                   n = self->form ? self->form->waves->len : 0;
  g_autofree const char **items = g_new0 (const char *, n + 1);

  /* The rows read their text from the form when bound; the model only counts them. */
  for (guint i = 0; i < n; i++)
    items[i] = "";
  gtk_string_list_splice (self->waves_model, 0, n_old, items);
  gtk_widget_set_visible (GTK_WIDGET (self->waves_hint), n == 0);
}

static void
select_release (IumRolloutView *self)
{
  IumInventory *inventory = ium_inventory_service_get_inventory (self->service);
  GListModel   *releases = inventory ? ium_inventory_get_releases (inventory) : NULL;
  guint         n = releases ? g_list_model_get_n_items (releases) : 0;

  /* Newest first, as the list shows them. */
  for (guint i = 0; self->form != NULL && i < n; i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, n - 1 - i);

      if (g_strcmp0 (ium_release_get_version_text (release), self->form->release) == 0)
        {
          gtk_drop_down_set_selected (self->release_dropdown, i);
          return;
        }
    }
  gtk_drop_down_set_selected (self->release_dropdown, GTK_INVALID_LIST_POSITION);
}

static void
set_widgets_from_form (IumRolloutView *self)
{
  IumPlannerForm *form = self->form;

  self->updating = TRUE;
  select_release (self);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), form->from);
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), form->until);
  gtk_spin_button_set_value (self->per_day_spin, form->per_day);
  gtk_spin_button_set_value (self->hours_spin, form->hours);
  gtk_spin_button_set_value (self->soak_spin, form->soak_days);
  gtk_spin_button_set_value (self->failures_spin, form->max_failures);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), self->rollout ? self->rollout : "");
  gtk_drop_down_set_selected (self->rollout_dropdown,
                              self->rollout ? find_string (self->rollout_names, self->rollout) : 0);
  update_waves_model (self);
  self->updating = FALSE;
}

static void
read_widgets_into_form (IumRolloutView *self)
{
  IumInventory *inventory = ium_inventory_service_get_inventory (self->service);
  GListModel   *releases = inventory ? ium_inventory_get_releases (inventory) : NULL;
  guint         selected = gtk_drop_down_get_selected (self->release_dropdown);
  guint         n = releases ? g_list_model_get_n_items (releases) : 0;

  g_clear_pointer (&self->form->release, g_free);
  if (selected < n)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, n - 1 - selected);
      self->form->release = g_strdup (ium_release_get_version_text (release));
    }
  g_free (self->form->from);
  self->form->from = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)));
  g_free (self->form->until);
  self->form->until = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->until_entry)));
  self->form->per_day = (guint) gtk_spin_button_get_value_as_int (self->per_day_spin);
  self->form->hours = (guint) gtk_spin_button_get_value_as_int (self->hours_spin);
  self->form->soak_days = (guint) gtk_spin_button_get_value_as_int (self->soak_spin);
  self->form->max_failures = (guint) gtk_spin_button_get_value_as_int (self->failures_spin);
}

static IumRollout *
get_saved (IumRolloutView *self)
{
  return ium_inventory_service_lookup_rollout (self->service, self->rollout);
}

static void
update_saved_state (IumRolloutView *self)
{
  IumRollout *saved = get_saved (self);
  gboolean    changed = FALSE;

  if (saved != NULL)
    {
      g_autoptr (IumPlannerForm) saved_form = ium_planner_form_new_from_rollout (
        ium_inventory_service_get_inventory (self->service), saved, NULL);

      changed = saved_form == NULL || !ium_planner_form_equal (self->form, saved_form)
                || (self->result != NULL && self->result->differs);
      gtk_label_set_label (self->dirty_label, _ ("Changed since it was saved"));
    }
  else
    gtk_label_set_label (self->dirty_label, _ ("Not saved"));
  gtk_widget_set_visible (GTK_WIDGET (self->dirty_label), saved == NULL || changed);
  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), saved != NULL && saved->paused);
}

static void
form_changed (IumRolloutView *self)
{
  if (self->updating || self->form == NULL)
    return;
  read_widgets_into_form (self);
  update_saved_state (self);
  schedule_plan (self, REPLAN_DELAY_MS);
}

static void
field_changed_cb (IumRolloutView *self)
{
  form_changed (self);
}

static void
release_selected_cb (IumRolloutView *self)
{
  form_changed (self);
}

static void
wave_changed_cb (IumWaveRow *row, const char *text, IumRolloutView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ium-wave-index"));

  if (self->form == NULL || index >= self->form->waves->len)
    return;
  g_free (g_ptr_array_index (self->form->waves, index));
  g_ptr_array_index (self->form->waves, index) = g_strdup (text);
  update_saved_state (self);
  schedule_plan (self, REPLAN_DELAY_MS);
}

static void
wave_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, IumRolloutView *self)
{
  GtkWidget *row = ium_wave_row_new ();

  ium_wave_row_set_menu (IUM_WAVE_ROW (row), G_MENU_MODEL (self->selector_menu));
  g_signal_connect_object (row, "changed", G_CALLBACK (wave_changed_cb), self, 0);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
wave_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, IumRolloutView *self)
{
  IumWaveRow *row = IUM_WAVE_ROW (gtk_list_item_get_child (item));
  guint       index = gtk_list_item_get_position (item);
  guint       n = self->form ? self->form->waves->len : 0;

  g_object_set_data (G_OBJECT (row), "ium-wave-index", GUINT_TO_POINTER (index));
  ium_wave_row_set (row, index, n, index < n ? g_ptr_array_index (self->form->waves, index) : "");
}

static int
compare_names (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Tags, sites and "rest", for the waves' add menus. */
static void
update_selector_menu (IumRolloutView *self)
{
  IumInventory *inventory = ium_inventory_service_get_inventory (self->service);
  GListModel   *instruments = inventory ? ium_inventory_get_instruments (inventory) : NULL;
  g_autoptr (GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) sites = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GMenu) rest = g_menu_new ();
  g_autoptr (GMenu) tag_menu = g_menu_new ();
  g_autoptr (GMenu) site_menu = g_menu_new ();
  g_autofree const char **tag_list = NULL;
  g_autofree const char **site_list = NULL;
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);

  g_menu_remove_all (self->selector_menu);
  for (guint i = 0; instruments != NULL && i < g_list_model_get_n_items (instruments); i++)
    {
      IumInstrument     *instrument = g_list_model_get_item (instruments, i);
      const char *const *its_tags = ium_instrument_get_tags (instrument);

      g_ptr_array_add (keep, instrument);
      for (guint t = 0; its_tags != NULL && its_tags[t] != NULL; t++)
        g_hash_table_add (tags, (gpointer) its_tags[t]);
      if (ium_instrument_get_site (instrument) != NULL)
        g_hash_table_add (sites, (gpointer) ium_instrument_get_site (instrument));
    }

  g_menu_append (rest, _ ("The Rest (every instrument not yet in a wave)"), "wave.append::rest");
  g_menu_append_section (self->selector_menu, NULL, G_MENU_MODEL (rest));

  tag_list = (const char **) g_hash_table_get_keys_as_array (tags, NULL);
  g_qsort_with_data (tag_list, g_hash_table_size (tags), sizeof (char *), compare_names, NULL);
  for (guint i = 0; tag_list[i] != NULL; i++)
    {
      g_autofree char *target = g_strconcat ("tag:", tag_list[i], NULL);
      g_autoptr (GMenuItem) item = g_menu_item_new (target, NULL);

      g_menu_item_set_action_and_target (item, "wave.append", "s", target);
      g_menu_append_item (tag_menu, item);
    }
  site_list = (const char **) g_hash_table_get_keys_as_array (sites, NULL);
  g_qsort_with_data (site_list, g_hash_table_size (sites), sizeof (char *), compare_names, NULL);
  for (guint i = 0; site_list[i] != NULL; i++)
    {
      g_autofree char *target = g_strconcat ("site:", site_list[i], NULL);
      g_autoptr (GMenuItem) item = g_menu_item_new (target, NULL);

      g_menu_item_set_action_and_target (item, "wave.append", "s", target);
      g_menu_append_item (site_menu, item);
    }
  g_menu_append_submenu (self->selector_menu, _ ("Sites"), G_MENU_MODEL (site_menu));
  g_menu_append_submenu (self->selector_menu, _ ("Tags"), G_MENU_MODEL (tag_menu));
}

/* The saved rollouts, after "New Plan". */
static void
update_rollout_names (IumRolloutView *self)
{
  GPtrArray              *rollouts = ium_inventory_service_get_rollouts (self->service);
  guint                   n_old = g_list_model_get_n_items (G_LIST_MODEL (self->rollout_names));
  g_autofree const char **names = g_new0 (const char *, rollouts->len + 2);

  names[0] = _ ("New Plan");
  for (guint i = 0; i < rollouts->len; i++)
    names[i + 1] = ((IumRollout *) g_ptr_array_index (rollouts, i))->name;

  self->updating = TRUE;
  gtk_string_list_splice (self->rollout_names, 0, n_old, names);
  gtk_drop_down_set_selected (self->rollout_dropdown,
                              self->rollout ? find_string (self->rollout_names, self->rollout) : 0);
  self->updating = FALSE;
}

static void
update_release_names (IumRolloutView *self)
{
  IumInventory *inventory = ium_inventory_service_get_inventory (self->service);
  GListModel   *releases = inventory ? ium_inventory_get_releases (inventory) : NULL;
  guint         n = releases ? g_list_model_get_n_items (releases) : 0;
  guint         n_old = g_list_model_get_n_items (G_LIST_MODEL (self->release_names));
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, n - 1 - i);
      g_ptr_array_add (labels, ium_release_dup_label (release));
    }
  g_ptr_array_add (labels, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->release_names, 0, n_old, (const char *const *) labels->pdata);
  select_release (self);
  self->updating = FALSE;
}

/* Planning */

static void
show_summary (IumRolloutView *self)
{
  g_autofree char        *text = NULL;
  const IumPlannerResult *result = self->result;

  if (result == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      return;
    }
  /* Translators: how many instruments the plan scheduled, could not schedule, and left out. */
  text = g_strdup_printf (_ ("%u scheduled · %u unscheduled · %u not in the rollout"),
                          result->n_scheduled, result->n_unscheduled, result->n_skipped);
  gtk_label_set_label (self->summary_label, text);
}

static void
end_window_job (IumRolloutView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_handle_id (&self->slow_timeout_id, g_source_remove);
  if (self->window_job != NULL && IUM_IS_MAIN_WINDOW (root))
    ium_main_window_end_job (IUM_MAIN_WINDOW (root), self->window_job);
  self->window_job = NULL;
}

static void
window_job_cancelled_cb (GCancellable *window_job, gpointer user_data)
{
  GCancellable *plan = user_data;

  g_cancellable_cancel (plan);
}

static gboolean
slow_plan_cb (gpointer data)
{
  IumRolloutView  *self = data;
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *label = NULL;

  self->slow_timeout_id = 0;
  if (!IUM_IS_MAIN_WINDOW (root) || self->plan_cancellable == NULL)
    return G_SOURCE_REMOVE;
  label = g_strdup_printf (_ ("Planning the rollout of %s…"),
                           self->form->release ? self->form->release : "");
  self->window_job = ium_main_window_begin_job (IUM_MAIN_WINDOW (root), label);
  g_cancellable_connect (self->window_job, G_CALLBACK (window_job_cancelled_cb),
                         g_object_ref (self->plan_cancellable), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* Whether the planner's @message is about a wave: it begins "wave 2: ..." in English, and
 * the same word in the language of the catalogue ("Welle 2: ..."), which src/core words it in
 * too. */
static gboolean
is_wave_message (const char *message)
{
  /* Translators: as in the timeline's tooltip; the planner's messages begin the same way. */
  const char *wave = _ ("wave %u");
  const char *number = strstr (wave, "%u");

  if (g_str_has_prefix (message, "wave "))
    return TRUE;
  return number != NULL && number > wave && strncmp (message, wave, number - wave) == 0;
}

/* Where the planner's error belongs: the release, the waves, or the banner. */
static void
show_plan_error (IumRolloutView *self, const GError *error)
{
  g_autofree char *sentence = ium_error_sentence (error);

  if (g_error_matches (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_UNKNOWN_RELEASE))
    show_field_error (self->release_error, sentence);
  else if (g_error_matches (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID)
           && is_wave_message (error->message))
    show_field_error (self->waves_error, sentence);
  else
    ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("The rollout cannot be planned"), sentence);
}

/* The list's rows follow the plan only while the list is shown: with ten thousand rows,
 * filling its models takes a moment the timeline need not wait for. */
static void
update_rows (IumRolloutView *self)
{
  guint n_old;

  if (!self->rows_stale || self->result == NULL
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "list") != 0)
    return;
  self->rows_stale = FALSE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_list_store_splice (self->rows, 0, n_old, self->result->rows->pdata, self->result->rows->len);
}

static void
results_page_changed_cb (IumRolloutView *self)
{
  update_rows (self);
}

static void
plan_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumRolloutView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (IumPlannerResult) planned = ium_planner_job_run_finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* A plan that a newer one replaced, or a view that is gone. */
  if (cancellable != self->plan_cancellable || self->service == NULL)
    return;

  g_clear_object (&self->plan_cancellable);
  end_window_job (self);
  gtk_spinner_stop (self->spinner);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ium_banner_show (self->banner, IUM_BANNER_INFO, _ ("Planning was cancelled"),
                         _ ("The timeline shows the last plan. Change the form to plan again."));
      else
        show_plan_error (self, error);
      return;
    }

  ium_planner_result_free (self->result);
  self->result = g_steal_pointer (&planned);
  ium_timeline_set_data (self->timeline, self->result->timeline);
  /* Another rollout is shown whole; a re-plan of the same one keeps the zoom. */
  if (self->fit_next)
    ium_timeline_zoom_to_fit (self->timeline);
  self->fit_next = FALSE;
  self->rows_stale = TRUE;
  update_rows (self);
  show_summary (self);
  update_saved_state (self);
  ium_rollout_view_update_state_menu (self);
  self->n_plans++;
}

static gboolean
plan_now_cb (gpointer data)
{
  IumRolloutView *self = data;
  IumFleet       *fleet = ium_inventory_service_get_fleet (self->service);
  IumInventory   *inventory = ium_inventory_service_get_inventory (self->service);
  g_autoptr (IumPlannerFormCheck) check = NULL;

  self->plan_timeout_id = 0;
  if (fleet == NULL || self->form == NULL)
    return G_SOURCE_REMOVE;
  /* Nobody looks at a hidden planner: with ten thousand instruments a plan and its rows are
   * work the window's start does not need. It plans when shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->plan_pending = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->plan_pending = FALSE;

  check = ium_planner_form_check (self->form, inventory);
  show_field_error (self->release_error, check->release_error);
  show_field_error (self->from_error, check->from_error);
  show_field_error (self->until_error, check->until_error);
  show_field_error (self->waves_error, check->waves_error);
  if (check->request == NULL)
    return G_SOURCE_REMOVE;

  /* The new plan replaces the one being computed. */
  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  end_window_job (self);

  self->plan_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  self->slow_timeout_id = g_timeout_add (SLOW_PLAN_MS, slow_plan_cb, self);
  ium_planner_job_run_async (fleet, g_steal_pointer (&check->request), get_saved (self),
                             g_get_real_time () / G_USEC_PER_SEC, self->plan_cancellable,
                             plan_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_plan (IumRolloutView *self, guint delay_ms)
{
  g_clear_handle_id (&self->plan_timeout_id, g_source_remove);
  if (delay_ms == 0)
    plan_now_cb (self);
  else
    self->plan_timeout_id = g_timeout_add (delay_ms, plan_now_cb, self);
}

/* Opening rollouts and loading */

static void
open_form (IumRolloutView *self, const char *name)
{
  IumInventory *inventory = ium_inventory_service_get_inventory (self->service);
  IumRollout   *saved = ium_inventory_service_lookup_rollout (self->service, name);
  g_autoptr (GError) error = NULL;
  IumPlannerForm *form = NULL;

  if (inventory == NULL)
    return;
  if (saved != NULL)
    {
      form = ium_planner_form_new_from_rollout (inventory, saved, &error);
      if (form == NULL)
        {
          g_autofree char *sentence = ium_error_sentence (error);
          ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("The saved rollout cannot be read"),
                           sentence);
        }
    }
  if (form == NULL)
    {
      g_autoptr (GDateTime) today = g_date_time_new_now_utc ();

      form = ium_planner_form_new (inventory, today);
      saved = NULL;
    }

  ium_planner_form_free (self->form);
  self->form = form;
  g_free (self->rollout);
  self->rollout = saved ? g_strdup (saved->name) : NULL;
  ium_rollout_view_set_current (self, NULL);
  set_widgets_from_form (self);
  update_saved_state (self);
  self->fit_next = TRUE;
  schedule_plan (self, 0);
}

static void
rollout_selected_cb (IumRolloutView *self)
{
  guint selected = gtk_drop_down_get_selected (self->rollout_dropdown);

  if (self->updating)
    return;
  open_form (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                     ? NULL
                     : gtk_string_list_get_string (self->rollout_names, selected));
}

static void
name_changed_cb (IumRolloutView *self)
{
}

static void
name_activate_cb (IumRolloutView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "rollout.save", NULL);
}

static void
service_loaded_cb (IumRolloutView *self)
{
  update_release_names (self);
  update_selector_menu (self);

  /* The rollout shown was removed by someone else: back to a new plan. */
  if (self->rollout != NULL && get_saved (self) == NULL)
    g_clear_pointer (&self->rollout, g_free);
  update_rollout_names (self);

  if (self->form == NULL)
    {
      open_form (self, NULL);
      return;
    }
  /* The fleet changed (an edit here or elsewhere): the same form, planned again. */
  update_saved_state (self);
  schedule_plan (self, 0);
}

static void
ium_rollout_view_map (GtkWidget *widget)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (widget);

  GTK_WIDGET_CLASS (ium_rollout_view_parent_class)->map (widget);
  /* A plan asked for while the view was hidden runs now. */
  if (self->plan_pending)
    schedule_plan (self, 0);
}

/* List */

static gboolean
row_visible (gpointer item, gpointer user_data)
{
  IumRolloutView *self = user_data;
  IumRolloutRow  *row = item;
  guint           kind = gtk_drop_down_get_selected (self->kind_dropdown);
  const char     *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (kind >= 1 && kind <= 3 && ium_rollout_row_get_kind (row) != kind - 1)
    return FALSE;
  if (search != NULL && *search != '\0')
    {
      g_autofree char *name = g_utf8_casefold (ium_rollout_row_get_instrument (row), -1);
      g_autofree char *needle = g_utf8_casefold (search, -1);
      return strstr (name, needle) != NULL;
    }
  return TRUE;
}

static void
filter_changed_cb (IumRolloutView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
selection_changed_cb (IumRolloutView *self)
{
  IumRolloutRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL)
    return;
  ium_rollout_view_set_current (self, ium_rollout_row_get_instrument (row));
  if (ium_rollout_row_get_item (row) != G_MAXUINT)
    ium_timeline_set_selected (self->timeline, ium_rollout_row_get_item (row));
}

static void
bar_activated_cb (IumRolloutView *self, guint item)
{
  ium_rollout_view_show_popover (self, item);
}

static GtkSorter *
property_sorter (const char *property, gboolean numeric)
{
  GtkExpression *expression = gtk_property_expression_new (IUM_TYPE_ROLLOUT_ROW, NULL, property);

  if (numeric)
    return GTK_SORTER (gtk_numeric_sorter_new (expression));
  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static void
setup_list (IumRolloutView *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  struct
  {
    GtkColumnViewColumn *column;
    const char          *property;
    gboolean             numeric;
  } sorters[] = {
    { self->wave_column, "wave", TRUE },    { self->instrument_column, "instrument", FALSE },
    { self->when_column, "start", TRUE },   { self->window_column, "window", FALSE },
    { self->state_column, "state", FALSE }, { self->note_column, "note", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorters); i++)
    {
      g_autoptr (GtkSorter) sorter = property_sorter (sorters[i].property, sorters[i].numeric);
      gtk_column_view_column_set_sorter (sorters[i].column, sorter);
    }

  self->rows = g_list_store_new (IUM_TYPE_ROLLOUT_ROW);
  self->filter = gtk_custom_filter_new (row_visible, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  /* Ten thousand rows are filtered and sorted a slice per frame, never in one long stall. */
  gtk_filter_list_model_set_incremental (filtered, TRUE);
  gtk_sort_list_model_set_incremental (sorted, TRUE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

/* Actions */

static void
add_wave_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (widget);

  if (self->form == NULL)
    return;
  /* The first wave added starts with the rest, so the plan still covers everyone. */
  g_ptr_array_add (self->form->waves, g_strdup (self->form->waves->len == 0 ? "rest" : ""));
  update_waves_model (self);
  update_saved_state (self);
  schedule_plan (self, REPLAN_DELAY_MS);
}

static void
wave_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (widget);
  guint           index = g_variant_get_uint32 (parameter);
  GPtrArray      *waves;

  if (self->form == NULL || index >= self->form->waves->len)
    return;
  waves = self->form->waves;
  if (g_str_equal (action_name, "rollout.wave-remove"))
    g_ptr_array_remove_index (waves, index);
  else if (g_str_equal (action_name, "rollout.wave-up") && index > 0)
    {
      gpointer wave = waves->pdata[index];
      waves->pdata[index] = waves->pdata[index - 1];
      waves->pdata[index - 1] = wave;
    }
  else if (g_str_equal (action_name, "rollout.wave-down") && index + 1 < waves->len)
    {
      gpointer wave = waves->pdata[index];
      waves->pdata[index] = waves->pdata[index + 1];
      waves->pdata[index + 1] = wave;
    }
  else
    return;
  update_waves_model (self);
  update_saved_state (self);
  schedule_plan (self, REPLAN_DELAY_MS);
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ium_rollout_view_open_rollout (IUM_ROLLOUT_VIEW (widget), NULL);
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (widget);

  gtk_stack_set_visible_child_name (self->results_stack, "timeline");
  if (g_str_equal (action_name, "rollout.zoom-in"))
    ium_timeline_zoom (self->timeline, 1.5);
  else if (g_str_equal (action_name, "rollout.zoom-out"))
    ium_timeline_zoom (self->timeline, 1 / 1.5);
  else
    ium_timeline_zoom_to_fit (self->timeline);
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (widget);

  gtk_stack_set_visible_child_name (self->results_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
save_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumRolloutView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_steal_pointer (&self->saving);

  ium_rollout_view_end_work (self);
  if (!ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (source), result, &error))
    {
      g_autofree char *sentence = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->service == NULL)
        return;
      sentence = ium_error_sentence (error);
      ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("The rollout was not saved"), sentence);
      return;
    }
  if (self->service == NULL)
    return;
  g_free (self->rollout);
  self->rollout = g_steal_pointer (&name);
  update_rollout_names (self);
  update_saved_state (self);
  schedule_plan (self, 0);
  {
    g_autofree char *title = g_strdup_printf (_ ("Saved as rollout %s"), self->rollout);
    ium_banner_show (self->banner, IUM_BANNER_INFO, title,
                     _ ("Take the deploy token before you start its upgrades: click a bar on "
                        "the timeline, or use Change State in the list."));
  }
}

static void
save (IumRolloutView *self, gboolean confirmed)
{
  g_autofree char *name =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autoptr (IumPlannerFormCheck) check = NULL;
  g_autoptr (GError) error = NULL;

  if (self->form == NULL)
    return;
  if (!ium_rollout_check_name (name, &error))
    {
      g_autofree char *sentence = ium_error_sentence (error);

      ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("Give the rollout a name"), sentence);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  /* Saving over another rollout re-plans it: say so before doing it. */
  if (!confirmed && g_strcmp0 (name, self->rollout) != 0
      && ium_inventory_service_lookup_rollout (self->service, name) != NULL)
    {
      g_autofree char *title = g_strdup_printf (_ ("There is already a rollout named %s"), name);

      ium_banner_show (self->banner, IUM_BANNER_WARNING, title,
                       _ ("Saving re-plans that rollout with this form; what already happened "
                          "in it is kept. Choose another name to keep both."));
      ium_banner_set_action (self->banner, _ ("_Re-plan It"), "rollout.save-over");
      return;
    }

  read_widgets_into_form (self);
  check = ium_planner_form_check (self->form, ium_inventory_service_get_inventory (self->service));
  if (check->request == NULL)
    {
      ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("The rollout was not saved"),
                       _ ("Correct the form first: what is wrong is said under the field."));
      return;
    }

  ium_banner_dismiss (self->banner);
  g_free (self->saving);
  self->saving = g_strdup (name);
  self->n_running++;
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollout.save", FALSE);
  ium_inventory_service_save_rollout_async (self->service, name, g_steal_pointer (&check->request),
                                            self->form->max_failures, self->cancellable,
                                            save_done_cb, g_object_ref (self));
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save (IUM_ROLLOUT_VIEW (widget), g_str_equal (action_name, "rollout.save-over"));
}

/* GObject */

static void
ium_rollout_view_constructed (GObject *object)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (object);

  G_OBJECT_CLASS (ium_rollout_view_parent_class)->constructed (object);

  g_return_if_fail (self->service != NULL);
  g_signal_connect_object (self->service, "loaded", G_CALLBACK (service_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  if (ium_inventory_service_get_inventory (self->service) != NULL)
    service_loaded_cb (self);
}

static void
ium_rollout_view_dispose (GObject *object)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (object);
  GtkWidget      *child;

  g_clear_handle_id (&self->plan_timeout_id, g_source_remove);
  end_window_job (self);
  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->state_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->state_popover));
  self->state_popover = NULL;
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_ROLLOUT_VIEW);
  /* The template's top child has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_rollout_view_parent_class)->dispose (object);
}

static void
ium_rollout_view_finalize (GObject *object)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (object);

  ium_planner_form_free (self->form);
  ium_planner_result_free (self->result);
  g_free (self->rollout);
  g_free (self->current);
  g_free (self->force_instrument);
  g_free (self->saving);
  g_clear_object (&self->selector_menu);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ium_rollout_view_parent_class)->finalize (object);
}

static void
ium_rollout_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (object);

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
ium_rollout_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (object);

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
ium_rollout_view_class_init (IumRolloutViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ium_rollout_view_constructed;
  object_class->dispose = ium_rollout_view_dispose;
  object_class->finalize = ium_rollout_view_finalize;
  object_class->get_property = ium_rollout_view_get_property;
  object_class->set_property = ium_rollout_view_set_property;
  widget_class->map = ium_rollout_view_map;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IUM_TYPE_BANNER);
  g_type_ensure (IUM_TYPE_TIMELINE);
  g_type_ensure (IUM_TYPE_ROLLOUT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "rollout/ium-rollout-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, IumRolloutView, name)
  BIND (rollout_dropdown);
  BIND (rollout_names);
  BIND (name_entry);
  BIND (save_button);
  BIND (dirty_label);
  BIND (spinner);
  BIND (summary_label);
  BIND (resume_button);
  BIND (banner);
  BIND (release_dropdown);
  BIND (release_names);
  BIND (release_error);
  BIND (from_entry);
  BIND (until_entry);
  BIND (from_error);
  BIND (until_error);
  BIND (per_day_spin);
  BIND (hours_spin);
  BIND (soak_spin);
  BIND (failures_spin);
  BIND (waves_hint);
  BIND (waves_view);
  BIND (waves_model);
  BIND (waves_error);
  BIND (results_stack);
  BIND (timeline);
  BIND (legend_label);
  BIND (search_entry);
  BIND (kind_dropdown);
  BIND (state_menu_button);
  BIND (column_view);
  BIND (wave_column);
  BIND (instrument_column);
  BIND (when_column);
  BIND (window_column);
  BIND (state_column);
  BIND (note_column);
  BIND (state_popover);
  BIND (popover_title);
  BIND (popover_details);
  BIND (popover_note);
  BIND (popover_buttons);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, rollout_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, release_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, bar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "rollout.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "rollout.save-over", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "rollout.add-wave", NULL, add_wave_action);
  gtk_widget_class_install_action (widget_class, "rollout.wave-up", "u", wave_action);
  gtk_widget_class_install_action (widget_class, "rollout.wave-down", "u", wave_action);
  gtk_widget_class_install_action (widget_class, "rollout.wave-remove", "u", wave_action);
  gtk_widget_class_install_action (widget_class, "rollout.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "rollout.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "rollout.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "rollout.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.search", NULL, search_action);
  ium_rollout_view_install_mark_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "rollout.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "rollout.add-wave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "rollout.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "rollout.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "rollout.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "rollout.zoom-fit", NULL);
}

static void
ium_rollout_view_init (IumRolloutView *self)
{
  GtkListItemFactory *factory;
  g_autofree char    *legend = NULL;

  self->cancellable = g_cancellable_new ();
  self->selector_menu = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->state_popover), GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (wave_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (wave_bind_cb), self);
  gtk_list_view_set_factory (self->waves_view, factory);
  g_object_unref (factory);

  legend = ium_timeline_dup_legend_markup ();
  gtk_label_set_markup (self->legend_label, legend);

  setup_list (self);
  ium_rollout_view_update_state_menu (self);
}

/* Public API */

GtkWidget *
ium_rollout_view_new (IumInventoryService *service)
{
  return g_object_new (IUM_TYPE_ROLLOUT_VIEW, "service", service, NULL);
}

const char *
ium_rollout_view_get_rollout (IumRolloutView *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_VIEW (self), NULL);
  return self->rollout;
}

gboolean
ium_rollout_view_open_rollout (IumRolloutView *self, const char *name)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_VIEW (self), FALSE);

  if (name != NULL && ium_inventory_service_lookup_rollout (self->service, name) == NULL)
    return FALSE;
  open_form (self, name);
  return TRUE;
}

const IumPlannerForm *
ium_rollout_view_get_form (IumRolloutView *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_VIEW (self), NULL);
  return self->form;
}

const IumPlannerResult *
ium_rollout_view_get_result (IumRolloutView *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_VIEW (self), NULL);
  return self->result;
}

guint
ium_rollout_view_get_n_plans (IumRolloutView *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_VIEW (self), 0);
  return self->n_plans;
}

gboolean
ium_rollout_view_get_busy (IumRolloutView *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_VIEW (self), FALSE);
  return self->plan_cancellable != NULL || self->plan_timeout_id != 0 || self->n_running > 0
         || (self->plan_pending && gtk_widget_get_mapped (GTK_WIDGET (self)));
}

IumBanner *
ium_rollout_view_get_banner (IumRolloutView *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_VIEW (self), NULL);
  return self->banner;
}
