/* test-gui-releases.c: the releases view on the demo facility: patch lineage, which
 * instruments run each release, and adding and editing a release through its dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-releases"

#include "config.h"

#include <string.h>

#include "fleet/ium-fleet-row.h"
#include "ium-test-gui.h"
#include "releases/ium-release-editor.h"
#include "releases/ium-release-row.h"
#include "releases/ium-releases-view.h"

typedef IumTestGui Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ium_test_gui_setup (f, TRUE);
  ium_test_gui_open (f, FALSE);
  ium_main_window_show_view (f->window, "releases");
  ium_test_gui_flush ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (f);
}

static IumReleasesView *
releases_view (Fixture *f)
{
  return IUM_RELEASES_VIEW (ium_test_gui_get_view (f, "releases"));
}

/* The row at @position and its depth in the tree. */
static const char *
version_at (Fixture *f, guint position, guint *depth)
{
  g_autoptr (GtkTreeListRow) row =
    g_list_model_get_item (ium_releases_view_get_model (releases_view (f)), position);
  g_autoptr (IumReleaseRow) item = gtk_tree_list_row_get_item (row);

  if (depth != NULL)
    *depth = gtk_tree_list_row_get_depth (row);
  return ium_release_row_get_version (item);
}

static guint
position_of (Fixture *f, const char *version)
{
  GListModel *model = ium_releases_view_get_model (releases_view (f));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (version_at (f, i, NULL), version))
      return i;
  return G_MAXUINT;
}

static void
test_lineage (Fixture *f, gconstpointer data)
{
  GListModel *model = ium_releases_view_get_model (releases_view (f));
  guint       depth, base, patch1, patch2;

  /* All 16 releases of the demo are shown, newest base first. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 16);
  g_assert_cmpstr (version_at (f, 0, &depth), ==, "13.1.0.420");
  g_assert_cmpuint (depth, ==, 0);

  /* 12.3.0.350's two patches come right under it, one level in. */
  base = position_of (f, "12.3.0.350");
  patch1 = position_of (f, "12.3.2.380");
  patch2 = position_of (f, "12.3.1.365");
  g_assert_cmpuint (patch1, ==, base + 1);
  g_assert_cmpuint (patch2, ==, base + 2);
  version_at (f, patch1, &depth);
  g_assert_cmpuint (depth, ==, 1);
  version_at (f, base, &depth);
  g_assert_cmpuint (depth, ==, 0);
}

static void
test_running (Fixture *f, gconstpointer data)
{
  IumFleet   *fleet = ium_inventory_service_get_fleet (ium_main_window_get_service (f->window));
  GListModel *instruments = ium_inventory_get_instruments (ium_fleet_get_inventory (fleet));
  g_autofree char *expected = NULL;
  guint            n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      IumInstrumentStatus status;
      ium_fleet_get_status (fleet, instrument, &status);
      if (status.release != NULL
          && g_str_equal (ium_release_get_version_text (status.release), "12.3.2.380"))
        n++;
    }
  g_assert_cmpuint (n, >, 1);

  g_assert_true (ium_releases_view_select (releases_view (f), "12.3.2.380"));
  ium_test_gui_flush ();
  expected = g_strdup_printf ("%u instruments: ", n);
  g_assert_true (
    g_str_has_prefix (ium_releases_view_get_running_text (releases_view (f)), expected));
  g_assert_nonnull (strstr (ium_releases_view_get_running_text (releases_view (f)), "LARMOR"));
}

static IumReleaseEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (IUM_IS_RELEASE_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return IUM_RELEASE_EDITOR (window);
    }
  return NULL;
}

static IumRelease *
stored_release (Fixture *f, const char *version, IumInventory **keep)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_test_gui_open_store (f);

  *keep = ium_store_load (store, &error);
  g_assert_no_error (error);
  return ium_inventory_lookup_release (*keep, version);
}

static void
test_add (Fixture *f, gconstpointer data)
{
  g_autoptr (IumInventory) stored = NULL;
  IumReleaseEditor *editor;
  IumRelease       *release;

  gtk_widget_activate_action (GTK_WIDGET (releases_view (f)), "releases.add", NULL);
  ium_test_gui_flush ();
  editor = find_editor ();
  g_assert_nonnull (editor);

  /* An existing version is refused in the form. */
  gtk_editable_set_text (ium_release_editor_get_field (editor, "version"), "12.3.2.380");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  ium_test_gui_flush ();
  g_assert_nonnull (find_editor ());

  gtk_editable_set_text (ium_release_editor_get_field (editor, "version"), "12.4.0.450");
  gtk_editable_set_text (ium_release_editor_get_field (editor, "date"), "2026-12-14");
  gtk_editable_set_text (ium_release_editor_get_field (editor, "url"),
                         "https://downloads.example.org/ibex/12.4.0.450");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  WAIT_FOR (find_editor () == NULL);

  release = stored_release (f, "12.4.0.450", &stored);
  g_assert_nonnull (release);
  g_assert_cmpstr (ium_release_get_date (release), ==, "2026-12-14");
  g_assert_cmpint (ium_release_get_tier (release), ==, IUM_TIER_OFFICIAL);
  /* Shown, and, as the newest official release, the target of every unpinned instrument. */
  WAIT_FOR (position_of (f, "12.4.0.450") != G_MAXUINT);
  g_assert_cmpstr (ium_fleet_row_get_target (ium_inventory_service_lookup_row (
                     ium_main_window_get_service (f->window), "LARMOR")),
                   ==, "12.4.0.450");
}

static void
test_edit (Fixture *f, gconstpointer data)
{
  g_autoptr (IumInventory) stored = NULL;
  IumReleaseEditor *editor;
  IumRelease       *release;
  GtkEditable      *version;

  g_assert_true (ium_releases_view_select (releases_view (f), "12.2.0.290"));
  ium_test_gui_flush ();
  gtk_widget_activate_action (GTK_WIDGET (releases_view (f)), "releases.edit", NULL);
  ium_test_gui_flush ();
  editor = find_editor ();
  g_assert_nonnull (editor);

  /* The version is the release's key: it is shown, not edited. */
  version = ium_release_editor_get_field (editor, "version");
  g_assert_cmpstr (gtk_editable_get_text (version), ==, "12.2.0.290");
  g_assert_false (gtk_editable_get_editable (version));

  gtk_editable_set_text (ium_release_editor_get_field (editor, "date"), "2025-05-20");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  WAIT_FOR (find_editor () == NULL);

  release = stored_release (f, "12.2.0.290", &stored);
  g_assert_cmpstr (ium_release_get_date (release), ==, "2025-05-20");
  /* What the form did not touch is kept. */
  g_assert_cmpint (ium_release_get_tier (release), ==, IUM_TIER_TEST);
  g_assert_nonnull (ium_release_get_notes (release));
}

#define ADD(path, func) \
  g_test_add ("/ium/gui/releases/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char *argv[])
{
  ium_test_gui_init (&argc, &argv);

  ADD ("lineage", test_lineage);
  ADD ("running", test_running);
  ADD ("add", test_add);
  ADD ("edit", test_edit);

  return g_test_run ();
}
