/* test-gui-downtime.c: the downtime view on the demo facility, through its real widgets: an
 * .ics file imported and its windows listed; a broken one refused with its line and reason,
 * changing nothing; windows and cycles added, edited and removed (and the removal undone)
 * in the editor beside the lists; the schedule exported as iCalendar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-downtime"

#include "config.h"

#include <string.h>

#include "downtime/ium-downtime-row.h"
#include "downtime/ium-downtime-view.h"
#include "ium-inventory-file.h"
#include "ium-test-gui.h"

typedef IumTestGui Fixture;

static IumDowntimeView *
downtime_view (Fixture *f)
{
  return IUM_DOWNTIME_VIEW (ium_test_gui_get_view (f, "downtime"));
}

static gpointer
child (Fixture *f, const char *name)
{
  GObject *object =
    gtk_widget_get_template_child (GTK_WIDGET (downtime_view (f)), IUM_TYPE_DOWNTIME_VIEW, name);

  g_assert_nonnull (object);
  return object;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ium_test_gui_setup (f, TRUE);
  ium_test_gui_open (f, FALSE);
  ium_main_window_show_view (f->window, "downtime");
  ium_test_gui_flush ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (f);
}

static guint
n_windows (Fixture *f)
{
  return g_list_model_get_n_items (ium_downtime_view_get_windows (downtime_view (f)));
}

static IumDowntimeRow *
find_row (GListModel *rows, const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (IumDowntimeRow) row = g_list_model_get_item (rows, i);

      if (g_str_equal (ium_downtime_row_get_label (row), label))
        return row;
    }
  return NULL;
}

/* The stored inventory as its file, to see that nothing changed. */
static char *
dump (Fixture *f)
{
  g_autoptr (IumStore) store = ium_test_gui_open_store (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = ium_store_load (store, &error);

  g_assert_no_error (error);
  return ium_inventory_to_data (inventory, NULL);
}

static void
wait_idle (Fixture *f)
{
  ium_test_gui_flush ();
  WAIT_FOR (!ium_downtime_view_get_busy (downtime_view (f)));
  ium_test_gui_flush ();
}

static void
test_import (Fixture *f, gconstpointer data)
{
  IumBanner       *banner = child (f, "banner");
  g_autofree char *path =
    g_build_filename (g_getenv ("IUM_SOURCE_ROOT"), "data", "facility-schedule.ics", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  guint           before = n_windows (f);
  IumDowntimeRow *shutdown;

  g_assert_cmpuint (before, ==, 60);
  g_assert_null (find_row (ium_downtime_view_get_windows (downtime_view (f)), "TS2 long shutdown"));

  ium_downtime_view_import_file (downtime_view (f), file);
  wait_idle (f);
  WAIT_FOR (n_windows (f) > before);

  /* Weekly machine physics for 2027 less one date, and the TS2 shutdown: 52 windows. */
  g_assert_cmpuint (n_windows (f), ==, before + 52);
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_INFO);
  g_assert_cmpstr (ium_banner_get_title (banner), ==,
                   "Imported 52 windows from facility-schedule.ics");
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "52 new, 0 changed, 0 already there"));
  shutdown = find_row (ium_downtime_view_get_windows (downtime_view (f)), "TS2 long shutdown");
  g_assert_nonnull (shutdown);
  g_assert_cmpstr (ium_downtime_row_get_start (shutdown), ==, "2027-07-19 00:00");
  g_assert_cmpstr (ium_downtime_row_get_applies (shutdown), ==, "All instruments");

  /* The same file again changes nothing and says so. */
  ium_downtime_view_import_file (downtime_view (f), file);
  wait_idle (f);
  WAIT_FOR (strstr (ium_banner_get_body (banner), "0 new, 0 changed, 52 already there") != NULL);
  g_assert_cmpuint (n_windows (f), ==, before + 52);
}

static void
test_broken_import (Fixture *f, gconstpointer data)
{
  IumBanner       *banner = child (f, "banner");
  g_autofree char *path = g_build_filename (f->dir, "broken.ics", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  guint            n = n_windows (f);
  /* The second event has no start: line 10 is where it ends. */
  const char      *text = "BEGIN:VCALENDAR\r\n"
                          "VERSION:2.0\r\n"
                          "PRODID:-//test//EN\r\n"
                          "BEGIN:VEVENT\r\n"
                          "UID:a@test\r\n"
                          "SUMMARY:Good\r\n"
                          "DTSTART:20270301T080000Z\r\n"
                          "DTEND:20270301T180000Z\r\n"
                          "END:VEVENT\r\n"
                          "BEGIN:VEVENT\r\n"
                          "UID:b@test\r\n"
                          "SUMMARY:No start\r\n"
                          "DTEND:20270302T180000Z\r\n"
                          "END:VEVENT\r\n"
                          "END:VCALENDAR\r\n";

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  ium_downtime_view_import_file (downtime_view (f), file);
  wait_idle (f);
  WAIT_FOR (ium_banner_get_revealed (banner));

  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_ERROR);
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "broken.ics was not imported");
  /* The line and the reason, in a sentence, and that nothing was imported. */
  g_assert_true (g_str_has_prefix (ium_banner_get_body (banner), "Line 1"));
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "DTSTART"));
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "Nothing was imported"));
  g_assert_cmpuint (n_windows (f), ==, n);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

static void
set_text (Fixture *f, const char *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f, entry)), text);
}

static void
test_add_and_edit_window (Fixture *f, gconstpointer data)
{
  IumDowntimeView *view = downtime_view (f);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkLabel        *end_error = child (f, "end_error");
  GtkLabel        *instruments_error = child (f, "instruments_error");
  guint            n = n_windows (f);
  IumDowntimeRow  *row;

  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.add-window", NULL);
  g_assert_nonnull (ium_downtime_view_get_editing (view));
  g_assert_true (gtk_revealer_get_reveal_child (child (f, "editor_revealer")));

  /* Refused in the form: an end before the start, an unknown instrument; nothing saved. */
  before = dump (f);
  set_text (f, "start_entry", "2027-04-06 08:00");
  set_text (f, "end_entry", "2027-04-06 07:00");
  set_text (f, "label_entry", "Detector swap");
  set_text (f, "instruments_entry", "LARMOR, NOSUCH");
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.save-edit", NULL);
  wait_idle (f);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (end_error)));
  g_assert_nonnull (strstr (gtk_label_get_label (end_error), "after the start"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (instruments_error)));
  g_assert_nonnull (strstr (gtk_label_get_label (instruments_error), "“NOSUCH”"));
  g_assert_nonnull (ium_downtime_view_get_editing (view));
  after = dump (f);
  g_assert_cmpstr (after, ==, before);

  /* Corrected as typed, then saved. */
  set_text (f, "end_entry", "2027-04-06 16:00");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (end_error)));
  set_text (f, "instruments_entry", "LARMOR, ZOOM");
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.save-edit", NULL);
  wait_idle (f);
  WAIT_FOR (n_windows (f) == n + 1);
  g_assert_null (ium_downtime_view_get_editing (view));
  row = find_row (ium_downtime_view_get_windows (view), "Detector swap");
  g_assert_nonnull (row);
  g_assert_cmpstr (ium_downtime_row_get_applies (row), ==, "LARMOR, ZOOM");

  /* Edited: selected and opened, moved an hour; the old window is replaced, not kept. */
  {
    GtkSingleSelection *selection =
      GTK_SINGLE_SELECTION (gtk_column_view_get_model (child (f, "windows_view")));
    GListModel *model = G_LIST_MODEL (selection);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr (IumDowntimeRow) item = g_list_model_get_item (model, i);
        if (g_str_equal (ium_downtime_row_get_label (item), "Detector swap"))
          gtk_single_selection_set_selected (selection, i);
      }
  }
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.edit", NULL);
  g_assert_cmpstr (ium_downtime_view_get_editing (view)->start, ==, "2027-04-06 08:00");
  set_text (f, "start_entry", "2027-04-06 09:00");
  set_text (f, "end_entry", "2027-04-06 17:00");
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.save-edit", NULL);
  wait_idle (f);
  WAIT_FOR (ium_downtime_view_get_editing (view) == NULL);
  g_assert_cmpuint (n_windows (f), ==, n + 1);
  row = find_row (ium_downtime_view_get_windows (view), "Detector swap");
  g_assert_cmpstr (ium_downtime_row_get_start (row), ==, "2027-04-06 09:00");

  /* Removed, then brought back from the banner. */
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.remove", NULL);
  wait_idle (f);
  WAIT_FOR (n_windows (f) == n);
  g_assert_cmpstr (ium_banner_get_title (child (f, "banner")), ==, "The window was removed");
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.undo-remove", NULL);
  wait_idle (f);
  WAIT_FOR (n_windows (f) == n + 1);
  g_assert_nonnull (find_row (ium_downtime_view_get_windows (view), "Detector swap"));
}

static void
test_cycles (Fixture *f, gconstpointer data)
{
  IumDowntimeView *view = downtime_view (f);
  GListModel      *cycles = ium_downtime_view_get_cycles (view);
  guint            n = g_list_model_get_n_items (cycles);
  IumDowntimeRow  *row;

  g_assert_cmpuint (n, ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.add-cycle", NULL);
  g_assert_false (gtk_widget_get_visible (child (f, "instruments_entry")));
  g_assert_true (gtk_widget_get_visible (child (f, "freeze_switch")));

  /* A name already taken is refused in the form: saving would replace that cycle. */
  set_text (f, "label_entry", "2027/1");
  set_text (f, "start_entry", "2028-02-08 08:00");
  set_text (f, "end_entry", "2028-03-24 08:00");
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.save-edit", NULL);
  wait_idle (f);
  g_assert_nonnull (
    strstr (gtk_label_get_label (child (f, "label_error")), "already a cycle “2027/1”"));
  g_assert_cmpuint (g_list_model_get_n_items (cycles), ==, n);

  set_text (f, "label_entry", "2028/1");
  set_text (f, "start_entry", "2028-02-08 08:00");
  set_text (f, "end_entry", "2028-03-24 08:00");
  gtk_switch_set_active (child (f, "freeze_switch"), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view), "downtime.save-edit", NULL);
  wait_idle (f);
  WAIT_FOR (g_list_model_get_n_items (cycles) == n + 1);
  row = find_row (cycles, "2028/1");
  g_assert_nonnull (row);
  g_assert_cmpstr (ium_downtime_row_get_freeze (row), ==, "Open");

  /* Windows inside a frozen cycle say so. */
  {
    GListModel *windows = ium_downtime_view_get_windows (view);
    gboolean    frozen = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
      {
        g_autoptr (IumDowntimeRow) window = g_list_model_get_item (windows, i);
        frozen |= strstr (ium_downtime_row_get_freeze (window), "2027/1") != NULL;
      }
    g_assert_true (frozen);
  }
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.ics", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint            events = 0;

  ium_downtime_view_export_file (downtime_view (f), file);
  wait_idle (f);
  WAIT_FOR (g_file_test (path, G_FILE_TEST_EXISTS));
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR"));
  for (const char *p = text; (p = strstr (p, "BEGIN:VEVENT")) != NULL; p++)
    events++;
  /* One event per window and per cycle. */
  g_assert_cmpuint (
    events, ==,
    n_windows (f) + g_list_model_get_n_items (ium_downtime_view_get_cycles (downtime_view (f))));
  g_assert_cmpstr (ium_banner_get_title (child (f, "banner")), ==,
                   "Wrote the downtime schedule to out.ics");
}

int
main (int argc, char *argv[])
{
  ium_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/ium/gui-downtime/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import", test_import);
  ADD ("broken-import", test_broken_import);
  ADD ("add-and-edit-window", test_add_and_edit_window);
  ADD ("cycles", test_cycles);
  ADD ("export", test_export);
#undef ADD

  return g_test_run ();
}
