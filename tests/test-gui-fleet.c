/* test-gui-fleet.c: the fleet view on the demo facility: rows, search, filters, sorting,
 * the details, and the edits made from them (pin, busy, host versions with and without the
 * deploy token), and changes made by another program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-fleet"

#include "config.h"

#include <string.h>

#include "fleet/ium-fleet-row.h"
#include "fleet/ium-fleet-view.h"
#include "fleet/ium-host-editor.h"
#include "ium-enums.h"
#include "ium-test-gui.h"
#include "ium-token.h"
#include "widgets/ium-badges.h"
#include "rollout/ium-wave-row.h"

#define DEMO_INSTRUMENTS 34

typedef IumTestGui Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ium_test_gui_setup (f, TRUE);
  ium_test_gui_open (f, FALSE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (f);
}

static IumFleetView *
fleet_view (Fixture *f)
{
  return IUM_FLEET_VIEW (ium_test_gui_get_view (f, "fleet"));
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (ium_fleet_view_get_model (fleet_view (f)));
}

static IumFleetRow *
row_at (Fixture *f, guint position)
{
  IumFleetRow *row = g_list_model_get_item (ium_fleet_view_get_model (fleet_view (f)), position);

  g_assert_nonnull (row);
  g_object_unref (row); /* the model keeps it */
  return row;
}

/* The instrument as stored, read through a second connection. Owned. */
static IumInventory *
load_stored (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_test_gui_open_store (f);
  IumInventory *inventory = ium_store_load (store, &error);

  g_assert_no_error (error);
  return inventory;
}

static void
test_rows (Fixture *f, gconstpointer data)
{
  g_autoptr (IumInventory) stored = load_stored (f);
  g_autoptr (IumFleet) fleet = ium_fleet_new (stored);
  GListModel *instruments = ium_inventory_get_instruments (stored);

  /* Every instrument of the demo, in name order, with what core says of it. */
  g_assert_cmpuint (n_rows (f), ==, DEMO_INSTRUMENTS);
  g_assert_cmpuint (g_list_model_get_n_items (instruments), ==, DEMO_INSTRUMENTS);
  for (guint i = 0; i < DEMO_INSTRUMENTS; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      IumFleetRow        *row = row_at (f, i);
      IumInstrumentStatus status;

      ium_fleet_get_status (fleet, instrument, &status);
      g_assert_cmpstr (ium_fleet_row_get_name (row), ==, ium_instrument_get_name (instrument));
      g_assert_cmpuint (ium_fleet_row_get_behind (row), ==, status.behind);
      g_assert_cmpuint (ium_fleet_row_get_flags (row), ==, status.flags);
      g_assert_cmpstr (ium_fleet_row_get_release (row), ==,
                       status.release ? ium_release_get_version_text (status.release) : "custom");
    }
  /* MARI was marked busy. */
  for (guint i = 0; i < DEMO_INSTRUMENTS; i++)
    if (g_str_equal (ium_fleet_row_get_name (row_at (f, i)), "MARI"))
      g_assert_true (ium_fleet_row_get_flags (row_at (f, i)) & IUM_FLAG_BUSY);
  g_assert_nonnull (strstr (ium_main_window_get_status (f->window), "34 instruments"));
}

static void
test_search (Fixture *f, gconstpointer data)
{
  GtkEditable *search = ium_fleet_view_get_search_entry (fleet_view (f));

  gtk_editable_set_text (search, "larmor");
  WAIT_FOR (n_rows (f) == 1);
  g_assert_cmpstr (ium_fleet_row_get_name (row_at (f, 0)), ==, "LARMOR");

  /* Every word must match, in any field: a site and a tag. */
  gtk_editable_set_text (search, "muon");
  WAIT_FOR (n_rows (f) < DEMO_INSTRUMENTS);
  for (guint i = 0; i < n_rows (f); i++)
    {
      IumFleetRow     *row = row_at (f, i);
      g_autofree char *text = g_utf8_casefold (ium_fleet_row_get_search_text (row), -1);
      g_assert_nonnull (strstr (text, "muon"));
    }

  gtk_editable_set_text (search, "no such instrument");
  WAIT_FOR (n_rows (f) == 0);

  gtk_editable_set_text (search, "");
  WAIT_FOR (n_rows (f) == DEMO_INSTRUMENTS);
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  GtkDropDown *flag = ium_fleet_view_get_filter (fleet_view (f), "flag");
  GtkDropDown *site = ium_fleet_view_get_filter (fleet_view (f), "site");
  GtkDropDown *tier = ium_fleet_view_get_filter (fleet_view (f), "tier");
  g_autoptr (IumInventory) stored = load_stored (f);
  g_autoptr (IumFleet) fleet = ium_fleet_new (stored);
  GListModel *instruments = ium_inventory_get_instruments (stored);
  guint       expected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      IumInstrumentStatus status;
      ium_fleet_get_status (fleet, instrument, &status);
      if (status.flags & IUM_FLAG_TOO_FAR_BEHIND)
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);

  /* The flag drop-down lists "any" and then the flags in the spec's order. */
  gtk_drop_down_set_selected (flag, 3);
  WAIT_FOR (n_rows (f) == expected);
  for (guint i = 0; i < n_rows (f); i++)
    g_assert_true (ium_fleet_row_get_flags (row_at (f, i)) & IUM_FLAG_TOO_FAR_BEHIND);

  /* Filters add up: too far behind and at the Muon site. */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (site)); i++)
    if (g_str_equal (
          gtk_string_object_get_string (g_list_model_get_item (gtk_drop_down_get_model (site), i)),
          "Muon"))
      gtk_drop_down_set_selected (site, i);
  WAIT_FOR (n_rows (f) < expected);
  for (guint i = 0; i < n_rows (f); i++)
    g_assert_cmpstr (ium_fleet_row_get_site (row_at (f, i)), ==, "Muon");

  gtk_widget_activate_action (GTK_WIDGET (fleet_view (f)), "fleet.clear-filters", NULL);
  WAIT_FOR (n_rows (f) == DEMO_INSTRUMENTS);

  /* The tier filter: "custom" is an instrument on no release (IMAT in the demo). */
  gtk_drop_down_set_selected (tier, 4);
  WAIT_FOR (n_rows (f) == 1);
  g_assert_cmpstr (ium_fleet_row_get_name (row_at (f, 0)), ==, "IMAT");
}

static void
test_sort_behind (Fixture *f, gconstpointer data)
{
  GtkColumnView       *view = ium_fleet_view_get_column_view (fleet_view (f));
  GtkColumnViewColumn *behind = ium_fleet_view_get_column (fleet_view (f), "behind");
  GtkColumnViewColumn *name = ium_fleet_view_get_column (fleet_view (f), "name");

  gtk_column_view_sort_by_column (view, behind, GTK_SORT_DESCENDING);
  ium_test_gui_flush ();
  g_assert_cmpuint (n_rows (f), ==, DEMO_INSTRUMENTS);
  /* ARGUS runs 11.0: the furthest behind of the demo. */
  g_assert_cmpstr (ium_fleet_row_get_name (row_at (f, 0)), ==, "ARGUS");
  for (guint i = 1; i < DEMO_INSTRUMENTS; i++)
    g_assert_cmpuint (ium_fleet_row_get_behind (row_at (f, i - 1)), >=,
                      ium_fleet_row_get_behind (row_at (f, i)));

  gtk_column_view_sort_by_column (view, behind, GTK_SORT_ASCENDING);
  ium_test_gui_flush ();
  for (guint i = 1; i < DEMO_INSTRUMENTS; i++)
    g_assert_cmpuint (ium_fleet_row_get_behind (row_at (f, i - 1)), <=,
                      ium_fleet_row_get_behind (row_at (f, i)));

  gtk_column_view_sort_by_column (view, name, GTK_SORT_DESCENDING);
  ium_test_gui_flush ();
  g_assert_cmpstr (ium_fleet_row_get_name (row_at (f, 0)), ==, "ZOOM");
}

static void
test_detail (Fixture *f, gconstpointer data)
{
  IumInstrumentDetail *detail = ium_fleet_view_get_detail (fleet_view (f));
  g_autofree char     *hosts = NULL;

  g_assert_false (ium_fleet_view_get_detail_shown (fleet_view (f)));
  g_assert_true (ium_fleet_view_select (fleet_view (f), "MAPS"));
  ium_test_gui_flush ();
  g_assert_true (ium_fleet_view_get_detail_shown (fleet_view (f)));
  g_assert_cmpstr (ium_instrument_detail_get_name (detail), ==, "MAPS");

  /* Both hosts of MAPS and what they carry. */
  hosts = ium_instrument_detail_dup_hosts_text (detail);
  g_assert_nonnull (strstr (hosts, "NDXMAPS"));
  g_assert_nonnull (strstr (hosts, "maps-cluster"));
  g_assert_nonnull (strstr (hosts, "12.1.1.215"));

  /* Its history from the audit log: at least the import that added it. */
  WAIT_FOR (ium_instrument_detail_get_n_history (detail) > 0);

  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.close", NULL);
  ium_test_gui_flush ();
  g_assert_false (ium_fleet_view_get_detail_shown (fleet_view (f)));
}

static gboolean
stored_pin_is (Fixture *f, const char *name, const char *pin)
{
  g_autoptr (IumInventory) stored = load_stored (f);
  return g_strcmp0 (ium_instrument_get_pin (ium_inventory_lookup_instrument (stored, name)), pin)
         == 0;
}

static void
test_pin (Fixture *f, gconstpointer data)
{
  IumInstrumentDetail *detail = ium_fleet_view_get_detail (fleet_view (f));
  GtkDropDown         *pin = ium_instrument_detail_get_pin_drop_down (detail);
  GListModel          *items;
  guint                position = GTK_INVALID_LIST_POSITION;
  g_autoptr (IumStore) store = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  g_autoptr (GError) error = NULL;
  IumAuditEntry *last;

  g_assert_true (ium_fleet_view_select (fleet_view (f), "MAPS"));
  ium_test_gui_flush ();
  g_assert_cmpuint (gtk_drop_down_get_selected (pin), ==, 0);
  g_assert_true (stored_pin_is (f, "MAPS", NULL));

  items = gtk_drop_down_get_model (pin);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (items, i);
      if (g_str_has_prefix (gtk_string_object_get_string (item), "12.2.0.300 "))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (pin, position);

  /* Written to the database, audited under our name, and shown in the list. */
  WAIT_FOR (stored_pin_is (f, "MAPS", "12.2.0.300"));
  store = ium_test_gui_open_store (f);
  audit = ium_store_list_audit (store, "instrument", "MAPS", &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "pin");
  g_assert_cmpstr (last->who, ==, IUM_TEST_GUI_WHO);
  WAIT_FOR (ium_fleet_row_get_flags (
              ium_inventory_service_lookup_row (ium_main_window_get_service (f->window), "MAPS"))
            & IUM_FLAG_PINNED);
  /* The details still show MAPS, now pinned. */
  g_assert_cmpstr (ium_instrument_detail_get_name (detail), ==, "MAPS");
  g_assert_cmpuint (gtk_drop_down_get_selected (pin), ==, position);

  gtk_drop_down_set_selected (pin, 0);
  WAIT_FOR (stored_pin_is (f, "MAPS", NULL));
}

static void
test_host_refused_without_token (Fixture *f, gconstpointer data)
{
  IumInstrumentDetail *detail = ium_fleet_view_get_detail (fleet_view (f));
  g_autoptr (IumInventory) before = load_stored (f);
  g_autoptr (IumInventory) after = NULL;
  GListModel *toplevels; /* borrowed from GTK */
  guint       n_windows;
  IumHost    *host;

  g_assert_true (ium_fleet_view_select (fleet_view (f), "MAPS"));
  ium_test_gui_flush ();
  toplevels = gtk_window_get_toplevels ();
  n_windows = g_list_model_get_n_items (toplevels);

  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.edit-host", "s", "NDXMAPS");
  ium_test_gui_flush ();

  /* A sentence that says what to do, and no editor. */
  g_assert_nonnull (ium_instrument_detail_get_message (detail));
  g_assert_nonnull (strstr (ium_instrument_detail_get_message (detail), "deploy token"));
  g_assert_nonnull (strstr (ium_instrument_detail_get_message (detail), "NDXMAPS"));
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows);

  after = load_stored (f);
  host = ium_instrument_find_host (ium_inventory_lookup_instrument (after, "MAPS"), "NDXMAPS");
  g_assert_cmpstr (ium_host_get_installed_version (host, "ibex-server"), ==, "12.1.1.215");
}

static IumHostEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (IUM_IS_HOST_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return IUM_HOST_EDITOR (window);
    }
  return NULL;
}

static gboolean
stored_version_is (
  Fixture *f, const char *instrument, const char *host, const char *component, const char *version)
{
  g_autoptr (IumInventory) stored = load_stored (f);
  IumHost *found =
    ium_instrument_find_host (ium_inventory_lookup_instrument (stored, instrument), host);
  return g_strcmp0 (ium_host_get_installed_version (found, component), version) == 0;
}

static void
test_host_edit_with_token (Fixture *f, gconstpointer data)
{
  IumInventoryService *service = ium_main_window_get_service (f->window);
  IumInstrumentDetail *detail = ium_fleet_view_get_detail (fleet_view (f));
  GtkWidget           *token = ium_main_window_get_token_button (f->window);
  IumHostEditor       *editor;
  GtkEditable         *entry;

  gtk_widget_activate_action (token, "token.take", NULL);
  WAIT_FOR (ium_inventory_service_get_holds_token (service));

  g_assert_true (ium_fleet_view_select (fleet_view (f), "MAPS"));
  ium_test_gui_flush ();
  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.edit-host", "s", "NDXMAPS");
  ium_test_gui_flush ();
  g_assert_null (ium_instrument_detail_get_message (detail));
  editor = find_editor ();
  g_assert_nonnull (editor);

  /* A version that does not parse is refused in the form, next to the field. */
  entry = ium_host_editor_get_entry (editor, "ibex-server");
  gtk_editable_set_text (entry, "12.3.x");
  g_assert_false (ium_host_editor_get_can_save (editor));
  g_assert_nonnull (strstr (ium_host_editor_get_message (editor), "Fix"));

  gtk_editable_set_text (entry, "12.3.2.380");
  g_assert_true (ium_host_editor_get_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  WAIT_FOR (stored_version_is (f, "MAPS", "NDXMAPS", "ibex-server", "12.3.2.380"));
  WAIT_FOR (find_editor () == NULL);
  /* The other components and the other host are as they were. */
  g_assert_true (stored_version_is (f, "MAPS", "NDXMAPS", "ibex-gui", "12.1.0.200"));
  g_assert_true (stored_version_is (f, "MAPS", "maps-cluster", "ibex-server", "12.1.1.215"));
}

static void
test_busy (Fixture *f, gconstpointer data)
{
  IumInventoryService *service = ium_main_window_get_service (f->window);

  g_assert_true (ium_fleet_view_select (fleet_view (f), "LARMOR"));
  ium_test_gui_flush ();
  g_assert_false (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (service, "LARMOR"))
                  & IUM_FLAG_BUSY);
  ium_inventory_service_set_busy_async (service, "LARMOR", TRUE, "Beam tuning", NULL, NULL, NULL);
  WAIT_FOR (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (service, "LARMOR"))
            & IUM_FLAG_BUSY);
  {
    g_autoptr (IumInventory) stored = load_stored (f);
    IumInstrument *larmor = ium_inventory_lookup_instrument (stored, "LARMOR");
    g_assert_true (ium_instrument_get_busy (larmor));
    g_assert_cmpstr (ium_instrument_get_busy_note (larmor), ==, "Beam tuning");
  }
}

/* The first GtkLabel or GtkInscription (the fleet's cells) under @widget showing @text with
 * CSS class @css_class, or NULL. */
static GtkWidget *
find_label (GtkWidget *widget, const char *text, const char *css_class)
{
  const char *shown = GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget))
                      : GTK_IS_INSCRIPTION (widget)
                        ? gtk_inscription_get_text (GTK_INSCRIPTION (widget))
                        : NULL;

  if (shown != NULL && g_strcmp0 (shown, text) == 0 && gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* @widget's first controller of @type. */
static GtkEventController *
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller; /* the widget keeps it */
    }
  return NULL;
}

/* An instrument's name cell can be dragged, and what it offers, dropped on a wave of the
 * rollout planner, adds the instrument to the wave. */
static void
test_drag_to_wave (Fixture *f, gconstpointer data)
{
  const char         *name = ium_fleet_row_get_name (row_at (f, 0));
  GtkWidget          *label = find_label (GTK_WIDGET (fleet_view (f)), name, "heading");
  GtkEventController *source;
  GtkEventController *target;
  GtkWidget          *wave = g_object_ref_sink (ium_wave_row_new ());
  g_autoptr (GdkContentProvider) content = NULL;
  g_auto (GValue) value = G_VALUE_INIT;
  g_autoptr (GError) error = NULL;
  gboolean dropped = FALSE;

  g_assert_nonnull (label);
  source = find_controller (label, GTK_TYPE_DRAG_SOURCE);
  g_assert_nonnull (source);
  g_signal_emit_by_name (source, "prepare", 1.0, 1.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (&value), ==, name);

  ium_wave_row_set (IUM_WAVE_ROW (wave), 0, 2, "tag:sans");
  target = find_controller (wave, GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", &value, 1.0, 1.0, &dropped);
  g_assert_true (dropped);
  g_assert_true (g_str_has_prefix (ium_wave_row_get_text (IUM_WAVE_ROW (wave)), "tag:sans"));
  g_assert_nonnull (strstr (ium_wave_row_get_text (IUM_WAVE_ROW (wave)), name));
  g_object_unref (wave);
}

static void
test_external_change (Fixture *f, gconstpointer data)
{
  IumInventoryService *service = ium_main_window_get_service (f->window);
  g_autoptr (IumStore) other = ium_test_gui_open_store (f);
  g_autoptr (GError) error = NULL;

  /* Another program (the CLI, the server) pins an instrument: the window follows. */
  g_assert_true (ium_store_set_pin (other, "ZOOM", "12.2.0.300", "someone-else", &error));
  g_assert_no_error (error);
  WAIT_FOR (ium_fleet_row_get_flags (ium_inventory_service_lookup_row (service, "ZOOM"))
            & IUM_FLAG_PINNED);
  g_assert_cmpstr (ium_fleet_row_get_target (ium_inventory_service_lookup_row (service, "ZOOM")),
                   ==, "12.2.0.300");
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static IumFlagBadges *
find_flag_badges (GtkWidget *widget)
{
  if (IUM_IS_FLAG_BADGES (widget) && ium_flag_badges_get_flags (IUM_FLAG_BADGES (widget)) != 0)
    return IUM_FLAG_BADGES (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      IumFlagBadges *found = find_flag_badges (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The badges draw their pills themselves: they take the room of their words, say them as
 * their accessible label, and find their colours in the app's style. */
static void
test_badges (Fixture *f, gconstpointer data)
{
  GtkWidget       *flags = g_object_ref_sink (ium_flag_badges_new ());
  GtkWidget       *tier = g_object_ref_sink (ium_tier_badge_new ());
  GtkStyleContext *style = gtk_widget_get_style_context (flags);
  IumFlagBadges   *shown;
  GdkRGBA          colour;
  int              one, two;

  g_assert_cmpint (natural_width (flags), ==, 0);
  ium_flag_badges_set_flags (IUM_FLAG_BADGES (flags), IUM_FLAG_UPDATE_AVAILABLE);
  one = natural_width (flags);
  gtk_test_accessible_assert_property (flags, GTK_ACCESSIBLE_PROPERTY_LABEL, "Update available");
  ium_flag_badges_set_flags (IUM_FLAG_BADGES (flags), IUM_FLAG_UPDATE_AVAILABLE | IUM_FLAG_PINNED);
  two = natural_width (flags);
  g_assert_cmpint (one, >, 0);
  g_assert_cmpint (two, >, one);
  gtk_test_accessible_assert_property (flags, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Update available, Pinned");

  g_assert_cmpint (natural_width (tier), ==, 0);
  ium_tier_badge_set_tier (IUM_TIER_BADGE (tier), "official");
  g_assert_cmpint (natural_width (tier), >, 0);
  gtk_test_accessible_assert_property (tier, GTK_ACCESSIBLE_PROPERTY_LABEL, "Official");
  ium_tier_badge_set_tier (IUM_TIER_BADGE (tier), NULL);
  g_assert_cmpint (natural_width (tier), ==, 0);

  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    {
      g_autofree char *name = g_strdup_printf ("ium_badge_%s", ium_status_flag_to_nick (1u << i));
      g_autofree char *text = NULL;

      g_strdelimit (name, "-", '_');
      text = g_strconcat (name, "_text", NULL);
      g_assert_true (gtk_style_context_lookup_color (style, name, &colour));
      g_assert_true (gtk_style_context_lookup_color (style, text, &colour));
    }

  /* The fleet's flags column is made of them, bound to the rows. */
  shown = find_flag_badges (GTK_WIDGET (ium_fleet_view_get_column_view (fleet_view (f))));
  g_assert_nonnull (shown);
  g_assert_cmpint (natural_width (GTK_WIDGET (shown)), >, 0);

  g_object_unref (flags);
  g_object_unref (tier);
}

#define ADD(path, func) \
  g_test_add ("/ium/gui/fleet/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char *argv[])
{
  /* Accessible labels are read from GTK's test context (GTK_A11Y=none would give none). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ium_test_gui_init (&argc, &argv);

  ADD ("rows", test_rows);
  ADD ("search", test_search);
  ADD ("filters", test_filters);
  ADD ("sort-behind", test_sort_behind);
  ADD ("detail", test_detail);
  ADD ("pin", test_pin);
  ADD ("busy", test_busy);
  ADD ("host/refused-without-token", test_host_refused_without_token);
  ADD ("host/edit-with-token", test_host_edit_with_token);
  ADD ("drag-to-wave", test_drag_to_wave);
  ADD ("external-change", test_external_change);
  ADD ("badges", test_badges);

  return g_test_run ();
}
