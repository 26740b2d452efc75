/* test-gui-rollout.c: the rollout planner on the demo facility, through its real widgets: a
 * plan when the release is chosen, a new plan when the per-day limit or the waves change,
 * saving a rollout that `ium rollout show` reads, marking a state without the deploy token
 * (refused in the banner, nothing written) and with it (written), opening a saved rollout, and
 * the timeline's bars, tooltips and popover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-rollout"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ium-rollouts.h"
#include "ium-test-gui.h"
#include "rollout/ium-rollout-row.h"
#include "rollout/ium-rollout-view.h"
#include "rollout/ium-timeline.h"
#include "rollout/ium-wave-row.h"

typedef IumTestGui Fixture;

static IumRolloutView *
rollout_view (Fixture *f)
{
  return IUM_ROLLOUT_VIEW (ium_test_gui_get_view (f, "rollout"));
}

static gpointer
child (Fixture *f, const char *name)
{
  GObject *object =
    gtk_widget_get_template_child (GTK_WIDGET (rollout_view (f)), IUM_TYPE_ROLLOUT_VIEW, name);

  g_assert_nonnull (object);
  return object;
}

/* Waits for a plan after the one counted in @before, and for the view to be idle. */
static void
wait_plan (Fixture *f, guint before)
{
  WAIT_FOR (ium_rollout_view_get_n_plans (rollout_view (f)) > before
            && !ium_rollout_view_get_busy (rollout_view (f)));
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ium_test_gui_setup (f, TRUE);
  f->width = 1400;
  f->height = 900;
  ium_test_gui_open (f, FALSE);
  ium_main_window_show_view (f->window, "rollout");
  /* The view plans the default form as soon as the inventory is there. */
  wait_plan (f, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (f);
}

static const IumPlannerResult *
result (Fixture *f)
{
  const IumPlannerResult *planned = ium_rollout_view_get_result (rollout_view (f));

  g_assert_nonnull (planned);
  return planned;
}

/* Chooses @version in the release drop-down, as a click would. */
static void
choose_release (Fixture *f, const char *version)
{
  GtkDropDown *dropdown = child (f, "release_dropdown");
  GListModel  *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), version))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("no release %s in the drop-down", version);
}

static void
test_release_makes_plan (Fixture *f, gconstpointer data)
{
  IumTimeline *timeline = child (f, "timeline");
  guint        before;

  /* The newest official release is planned from the start. */
  g_assert_cmpstr (ium_plan_get_release (result (f)->plan), ==, "12.3.2.380");
  g_assert_cmpuint (result (f)->n_scheduled, >, 0);
  g_assert_cmpuint (ium_timeline_data_get_n_items (ium_timeline_get_data (timeline)), ==,
                    result (f)->n_scheduled + result (f)->n_unscheduled);
  g_assert_true (ium_timeline_get_data (timeline) == result (f)->timeline);

  before = ium_rollout_view_get_n_plans (rollout_view (f));
  choose_release (f, "12.3.1.365");
  wait_plan (f, before);
  g_assert_cmpstr (ium_plan_get_release (result (f)->plan), ==, "12.3.1.365");
  /* The list shows every instrument: the rollout's and those left out, with their reasons.
   * It is filled when shown, and filtered a slice at a time. */
  gtk_stack_set_visible_child_name (child (f, "results_stack"), "list");
  {
    GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (child (f, "column_view")));
    guint       n, skipped = 0;

    WAIT_FOR (g_list_model_get_n_items (rows) == 34);
    n = g_list_model_get_n_items (rows);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (IumRolloutRow) row = g_list_model_get_item (rows, i);

        if (ium_rollout_row_get_kind (row) == IUM_ROLLOUT_ROW_SKIPPED)
          {
            skipped++;
            g_assert_cmpstr (ium_rollout_row_get_note (row), !=, "");
          }
      }
    g_assert_cmpuint (skipped, ==, result (f)->n_skipped);
    g_assert_cmpuint (skipped, >, 0);
  }
  {
    g_autofree char *summary = g_strdup_printf ("%u scheduled", result (f)->n_scheduled);
    g_assert_nonnull (strstr (gtk_label_get_label (child (f, "summary_label")), summary));
  }
}

static void
test_per_day_changes_plan (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) days = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64     start3, end3, start1, end1;
  guint      before = ium_rollout_view_get_n_plans (rollout_view (f));
  GPtrArray *upgrades;

  ium_timeline_data_get_range (result (f)->timeline, &start3, &end3);
  gtk_spin_button_set_value (child (f, "per_day_spin"), 1);
  wait_plan (f, before);

  /* One upgrade a UTC day now, so the rollout ends later. */
  upgrades = ium_plan_get_upgrades (result (f)->plan);
  g_assert_cmpuint (upgrades->len, >, 1);
  for (guint i = 0; i < upgrades->len; i++)
    {
      IumPlannedUpgrade *upgrade = g_ptr_array_index (upgrades, i);
      gint64             day = g_date_time_to_unix (upgrade->start) / 86400;

      g_assert_false (g_hash_table_contains (days, GINT_TO_POINTER (day)));
      g_hash_table_add (days, GINT_TO_POINTER (day));
    }
  ium_timeline_data_get_range (result (f)->timeline, &start1, &end1);
  g_assert_cmpint (end1, >, end3);
  g_assert_cmpuint (ium_rollout_view_get_form (rollout_view (f))->per_day, ==, 1);
}

/* The wave rows the list view shows, in order. */
static GPtrArray *
wave_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *view = child (f, "waves_view");

  /* Rows are created when the list lays out. */
  ium_test_gui_flush ();
  for (GtkWidget *item = gtk_widget_get_first_child (view); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && IUM_IS_WAVE_ROW (row))
        g_ptr_array_add (rows, row);
    }
  return rows;
}

static GtkEditable *
wave_entry (IumWaveRow *row)
{
  return GTK_EDITABLE (
    gtk_widget_get_template_child (GTK_WIDGET (row), IUM_TYPE_WAVE_ROW, "entry"));
}

static void
test_waves (Fixture *f, gconstpointer data)
{
  IumRolloutView *view = rollout_view (f);
  g_autoptr (GPtrArray) rows = NULL;
  guint     before = ium_rollout_view_get_n_plans (view);
  GtkLabel *waves_error = child (f, "waves_error");

  /* The first wave added takes the rest; a second goes before it once moved up. */
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.add-wave", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.add-wave", NULL);
  rows = wave_rows (f);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (ium_wave_row_get_text (g_ptr_array_index (rows, 0)), ==, "rest");
  gtk_editable_set_text (wave_entry (g_ptr_array_index (rows, 1)), "tag:sans");
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.wave-up", "u", 1);
  wait_plan (f, before);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = wave_rows (f);
  g_assert_cmpstr (ium_wave_row_get_text (g_ptr_array_index (rows, 0)), ==, "tag:sans");

  /* Wave 1 holds the SANS instruments, wave 2 the rest. */
  g_assert_cmpuint (ium_timeline_data_get_n_waves (result (f)->timeline), ==, 2);
  {
    const IumTimelineItem *first = ium_timeline_data_get_item (result (f)->timeline, 0);
    g_autoptr (GError) error = NULL;
    IumInventory *inventory =
      ium_inventory_service_get_inventory (ium_main_window_get_service (f->window));
    const char *const *tags =
      ium_instrument_get_tags (ium_inventory_lookup_instrument (inventory, first->instrument));

    g_assert_cmpuint (first->wave, ==, 1);
    g_assert_true (g_strv_contains (tags, "sans"));
  }

  /* A selector that names nothing is shown under the waves, and the last plan stays. */
  before = ium_rollout_view_get_n_plans (view);
  gtk_editable_set_text (wave_entry (g_ptr_array_index (rows, 0)), "tag:sans, NOSUCH");
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (waves_error)));
  g_assert_nonnull (strstr (gtk_label_get_label (waves_error), "NOSUCH"));
  WAIT_FOR (!ium_rollout_view_get_busy (view));
  g_assert_cmpuint (ium_rollout_view_get_n_plans (view), ==, before);

  /* Removing the wave plans again without it. */
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.wave-remove", "u", 0);
  wait_plan (f, before);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (waves_error)));
  g_assert_cmpuint (ium_rollout_view_get_form (view)->waves->len, ==, 1);
}

/* Runs the built `ium` on the test's inventory; returns its standard output. */
static char *
run_ium (Fixture *f, int *status, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char            *out = NULL;
  va_list          args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("IUM_BIN"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_getenv ("IUM_BIN"));
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, status,
                &error);
  g_assert_no_error (error);
  return out;
}

static void
save_as (Fixture *f, const char *name)
{
  IumRolloutView *view = rollout_view (f);

  gtk_editable_set_text (GTK_EDITABLE (child (f, "name_entry")), name);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.save", NULL);
  WAIT_FOR (g_strcmp0 (ium_rollout_view_get_rollout (view), name) == 0
            && !ium_rollout_view_get_busy (view));
}

static void
test_save (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) planned = g_ptr_array_new_with_free_func (g_free);
  guint       n_unscheduled;
  JsonObject *rollout;
  JsonArray  *upgrades;
  int         status;

  gtk_spin_button_set_value (child (f, "per_day_spin"), 2);
  wait_plan (f, ium_rollout_view_get_n_plans (rollout_view (f)));
  /* What the window shows, before the save re-plans. */
  for (guint i = 0; i < ium_plan_get_upgrades (result (f)->plan)->len; i++)
    {
      IumPlannedUpgrade *upgrade = g_ptr_array_index (ium_plan_get_upgrades (result (f)->plan), i);
      g_autofree char   *start = g_date_time_format (upgrade->start, "%Y-%m-%dT%H:%M:%SZ");

      g_ptr_array_add (planned, g_strdup_printf ("%s %s", upgrade->instrument, start));
    }
  n_unscheduled = ium_plan_get_unscheduled (result (f)->plan)->len;
  save_as (f, "winter");
  g_assert_true (ium_banner_get_revealed (ium_rollout_view_get_banner (rollout_view (f))));
  g_assert_cmpstr (ium_banner_get_title (ium_rollout_view_get_banner (rollout_view (f))), ==,
                   "Saved as rollout winter");
  g_assert_false (gtk_widget_get_visible (child (f, "dirty_label")));

  /* `ium rollout show` reads what the window saved: the same upgrades at the same times. */
  out = run_ium (f, &status, "--json", "rollout", "show", "winter", NULL);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  rollout = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (rollout, "release"), ==, "12.3.2.380");
  upgrades = json_object_get_array_member (rollout, "upgrades");
  g_assert_cmpuint (planned->len, >, 0);
  g_assert_cmpuint (json_array_get_length (upgrades), ==, planned->len + n_unscheduled);
  for (guint j = 0; j < json_array_get_length (upgrades); j++)
    {
      JsonObject      *saved = json_array_get_object_element (upgrades, j);
      const char      *start = json_object_get_string_member_with_default (saved, "start", NULL);
      g_autofree char *key = NULL;
      guint            index;

      g_assert_cmpstr (json_object_get_string_member (saved, "state"), ==, "planned");
      if (start == NULL)
        continue;
      key = g_strdup_printf ("%s %s", json_object_get_string_member (saved, "instrument"), start);
      g_assert_true (g_ptr_array_find_with_equal_func (planned, key, g_str_equal, &index));
    }

  /* The request was saved too: opening the rollout again gives the same form. */
  ium_rollout_view_open_rollout (rollout_view (f), NULL);
  WAIT_FOR (ium_rollout_view_get_form (rollout_view (f))->per_day == 3);
  g_assert_true (gtk_widget_get_visible (child (f, "dirty_label")));
  gtk_drop_down_set_selected (child (f, "rollout_dropdown"), 1);
  WAIT_FOR (g_strcmp0 (ium_rollout_view_get_rollout (rollout_view (f)), "winter") == 0);
  g_assert_cmpuint (ium_rollout_view_get_form (rollout_view (f))->per_day, ==, 2);
  g_assert_cmpfloat (gtk_spin_button_get_value (child (f, "per_day_spin")), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "name_entry"))), ==, "winter");
}

static IumUpgradeState
saved_state (Fixture *f, const char *rollout, const char *instrument)
{
  g_autoptr (IumStore) store = ium_test_gui_open_store (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRollout) saved = ium_rollout_load (store, rollout, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < saved->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (saved->upgrades, i);
      if (g_str_equal (upgrade->instrument, instrument))
        return upgrade->state;
    }
  g_assert_not_reached ();
  return IUM_UPGRADE_PLANNED;
}

/* The first scheduled instrument that is not busy. */
static const char *
first_free (Fixture *f)
{
  for (guint i = 0; i < ium_timeline_data_get_n_items (result (f)->timeline); i++)
    {
      const IumTimelineItem *item = ium_timeline_data_get_item (result (f)->timeline, i);

      if (item->scheduled && !g_str_equal (item->instrument, "MARI"))
        return item->instrument;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_mark_needs_token (Fixture *f, gconstpointer data)
{
  IumRolloutView      *view = rollout_view (f);
  IumBanner           *banner = ium_rollout_view_get_banner (view);
  IumInventoryService *service = ium_main_window_get_service (f->window);
  g_autofree char     *instrument = NULL;
  GtkPopover          *popover = child (f, "state_popover");
  guint                index, before;

  save_as (f, "spring");
  instrument = g_strdup (first_free (f));

  /* The popover offers what the state machine allows from planned. */
  g_assert_true (ium_rollout_view_select (view, instrument, TRUE));
  ium_test_gui_flush ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  {
    GtkWidget *buttons = child (f, "popover_buttons");
    guint      n = 0;

    for (GtkWidget *b = gtk_widget_get_first_child (buttons); b;
         b = gtk_widget_get_next_sibling (b))
      n++;
    g_assert_cmpuint (n, ==, 2); /* Start, Skip */
  }

  /* Without the token: refused, in words, and nothing is written. */
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "in-progress");
  WAIT_FOR (!ium_rollout_view_get_busy (view) && ium_banner_get_revealed (banner));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_WARNING);
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "Take the deploy token first");
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "Nothing was changed"));
  g_assert_null (strstr (ium_banner_get_body (banner), "ium token"));
  g_assert_cmpint (saved_state (f, "spring", instrument), ==, IUM_UPGRADE_PLANNED);

  /* The banner's button takes the token; marking again writes the state, and the timeline
   * shows it once the inventory has reloaded. */
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.take-token", NULL);
  WAIT_FOR (ium_inventory_service_get_holds_token (service) && !ium_rollout_view_get_busy (view));
  before = ium_rollout_view_get_n_plans (view);
  ium_rollout_view_select (view, instrument, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "in-progress");
  wait_plan (f, before);
  WAIT_FOR (saved_state (f, "spring", instrument) == IUM_UPGRADE_IN_PROGRESS);
  index = ium_timeline_data_find (result (f)->timeline, instrument);
  WAIT_FOR ((index = ium_timeline_data_find (result (f)->timeline, instrument)) != G_MAXUINT
            && ium_timeline_data_get_item (result (f)->timeline, index)->state
                 == IUM_UPGRADE_IN_PROGRESS);
  g_assert_false (ium_banner_get_revealed (banner)
                  && ium_banner_get_kind (banner) == IUM_BANNER_ERROR);

  /* A move the state machine forbids is refused with the moves it allows. */
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "skipped");
  WAIT_FOR (!ium_rollout_view_get_busy (view) && ium_banner_get_revealed (banner));
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_ERROR);
  g_assert_nonnull (
    strstr (ium_banner_get_title (banner), "cannot go from In progress to Skipped"));
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "Done"));
  g_assert_cmpint (saved_state (f, "spring", instrument), ==, IUM_UPGRADE_IN_PROGRESS);

  /* Done: the hosts now run the release. */
  before = ium_rollout_view_get_n_plans (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "done");
  WAIT_FOR (saved_state (f, "spring", instrument) == IUM_UPGRADE_DONE);
  wait_plan (f, before);
}

static void
test_busy_needs_force (Fixture *f, gconstpointer data)
{
  IumRolloutView      *view = rollout_view (f);
  IumBanner           *banner = ium_rollout_view_get_banner (view);
  IumInventoryService *service = ium_main_window_get_service (f->window);

  /* MARI is busy in the demo: its start is refused until started anyway. */
  save_as (f, "busy");
  ium_inventory_service_take_token_async (service, NULL, FALSE, NULL, NULL, NULL, NULL);
  WAIT_FOR (ium_inventory_service_get_holds_token (service));
  g_assert_true (ium_rollout_view_select (view, "MARI", FALSE));
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "in-progress");
  WAIT_FOR (!ium_rollout_view_get_busy (view) && ium_banner_get_revealed (banner));
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "MARI is busy");
  g_assert_cmpint (saved_state (f, "busy", "MARI"), ==, IUM_UPGRADE_PLANNED);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.force-start", NULL);
  WAIT_FOR (saved_state (f, "busy", "MARI") == IUM_UPGRADE_IN_PROGRESS);
}

/* A failure pauses the rollout (threshold 1): the next wave's start is refused with
 * Resume in the banner and the toolbar; resuming lets it start. */
static void
test_paused_resume (Fixture *f, gconstpointer data)
{
  IumRolloutView      *view = rollout_view (f);
  IumBanner           *banner = ium_rollout_view_get_banner (view);
  IumInventoryService *service = ium_main_window_get_service (f->window);
  GtkWidget           *resume = child (f, "resume_button");
  g_autofree char     *first = NULL;
  g_autofree char     *later = NULL;
  GPtrArray           *rows;

  /* Two waves: the SANS instruments, then the rest. */
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.add-wave", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.add-wave", NULL);
  rows = wave_rows (f);
  gtk_editable_set_text (wave_entry (g_ptr_array_index (rows, 1)), "tag:sans");
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.wave-up", "u", 1);
  g_ptr_array_unref (rows);
  wait_plan (f, ium_rollout_view_get_n_plans (view));
  save_as (f, "paused");
  for (guint i = 0; i < ium_timeline_data_get_n_items (result (f)->timeline); i++)
    {
      const IumTimelineItem *item = ium_timeline_data_get_item (result (f)->timeline, i);

      if (!item->scheduled || g_str_equal (item->instrument, "MARI"))
        continue;
      /* Copied: the next plan replaces the timeline's data. */
      if (item->wave == 1 && first == NULL)
        first = g_strdup (item->instrument);
      if (item->wave == 2 && later == NULL)
        later = g_strdup (item->instrument);
    }
  g_assert_nonnull (first);
  g_assert_nonnull (later);

  ium_inventory_service_take_token_async (service, NULL, FALSE, NULL, NULL, NULL, NULL);
  WAIT_FOR (ium_inventory_service_get_holds_token (service));
  ium_rollout_view_select (view, first, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "in-progress");
  WAIT_FOR (saved_state (f, "paused", first) == IUM_UPGRADE_IN_PROGRESS
            && !ium_rollout_view_get_busy (view));
  ium_rollout_view_select (view, first, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "failed");
  WAIT_FOR (gtk_widget_get_visible (resume));

  ium_rollout_view_select (view, later, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "in-progress");
  WAIT_FOR (!ium_rollout_view_get_busy (view) && ium_banner_get_revealed (banner));
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "Rollout paused is paused");
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "wave 1"));
  g_assert_cmpint (saved_state (f, "paused", later), ==, IUM_UPGRADE_PLANNED);

  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.resume", NULL);
  WAIT_FOR (!gtk_widget_get_visible (resume) && !ium_rollout_view_get_busy (view));
  ium_rollout_view_select (view, later, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view), "rollout.mark", "s", "in-progress");
  WAIT_FOR (saved_state (f, "paused", later) == IUM_UPGRADE_IN_PROGRESS);
}

static void
test_timeline (Fixture *f, gconstpointer data)
{
  IumTimeline     *timeline = child (f, "timeline");
  IumTimelineData *timeline_data = ium_timeline_get_data (timeline);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (timeline));
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autofree char *tooltip = NULL;
  GdkRectangle     area;
  guint            item = 0;

  ium_test_gui_flush ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (timeline)), >, 200);

  /* A bar is where the timeline says, its tooltip names the instrument and its window, and a
   * click there selects it. */
  while (!ium_timeline_data_get_item (timeline_data, item)->scheduled)
    item++;
  g_assert_true (ium_timeline_get_bar_area (timeline, item, &area));
  g_assert_cmpuint (
    ium_timeline_item_at (timeline, area.x + area.width / 2.0, area.y + area.height / 2.0), ==,
    item);
  tooltip =
    ium_timeline_dup_tooltip_at (timeline, area.x + area.width / 2.0, area.y + area.height / 2.0);
  g_assert_nonnull (strstr (tooltip, ium_timeline_data_get_item (timeline_data, item)->instrument));
  g_assert_nonnull (strstr (tooltip, "Planned"));
  g_assert_nonnull (strstr (tooltip, "UTC"));

  /* Zooming in keeps drawing, and widens the bars. */
  {
    double before = ium_timeline_layout_get_px_per_day (ium_timeline_get_layout (timeline));

    gtk_widget_activate_action (GTK_WIDGET (rollout_view (f)), "rollout.zoom-in", NULL);
    g_assert_cmpfloat (ium_timeline_layout_get_px_per_day (ium_timeline_get_layout (timeline)), >,
                       before);
  }
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (GTK_WIDGET (timeline)),
                          gtk_widget_get_height (GTK_WIDGET (timeline)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
}

int
main (int argc, char *argv[])
{
  ium_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/ium/gui-rollout/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("release-makes-plan", test_release_makes_plan);
  ADD ("per-day-changes-plan", test_per_day_changes_plan);
  ADD ("waves", test_waves);
  ADD ("save", test_save);
  ADD ("mark-needs-token", test_mark_needs_token);
  ADD ("busy-needs-force", test_busy_needs_force);
  ADD ("paused-resume", test_paused_resume);
  ADD ("timeline", test_timeline);
#undef ADD

  return g_test_run ();
}
