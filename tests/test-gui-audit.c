/* test-gui-audit.c: the audit view: every entry of the log, and the filters by instrument,
 * person and date; the instrument details open it on their instrument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-audit"

#include "config.h"

#include <string.h>

#include "audit/ium-audit-row.h"
#include "audit/ium-audit-view.h"
#include "fleet/ium-fleet-view.h"
#include "ium-rollouts.h"
#include "ium-test-gui.h"

typedef IumTestGui Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = NULL;

  ium_test_gui_setup (f, TRUE);
  /* Two more people's changes. */
  store = ium_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ium_store_set_pin (store, "IRIS", "12.2.0.300", "alice", &error));
  g_assert_true (ium_store_set_busy (store, "OSIRIS", TRUE, "sample change", "bob", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  ium_test_gui_open (f, FALSE);
  ium_main_window_show_view (f->window, "audit");
  WAIT_FOR (ium_audit_view_get_n_loaded (IUM_AUDIT_VIEW (ium_test_gui_get_view (f, "audit"))) > 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (f);
}

static IumAuditView *
audit_view (Fixture *f)
{
  return IUM_AUDIT_VIEW (ium_test_gui_get_view (f, "audit"));
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (ium_audit_view_get_model (audit_view (f)));
}

static IumAuditRow *
row_at (Fixture *f, guint position)
{
  IumAuditRow *row = g_list_model_get_item (ium_audit_view_get_model (audit_view (f)), position);

  g_object_unref (row); /* the model keeps it */
  return row;
}

static void
test_all (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_test_gui_open_store (f);
  g_autoptr (GPtrArray) entries = ium_audit_list (store, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ium_audit_view_get_n_loaded (audit_view (f)), ==, entries->len);
  g_assert_cmpuint (n_shown (f), ==, entries->len);
  /* Newest first: bob's busy mark was the last change. */
  g_assert_cmpstr (ium_audit_row_get_who (row_at (f, 0)), ==, "bob");
  for (guint i = 1; i < n_shown (f); i++)
    g_assert_cmpint (ium_audit_row_get_unix (row_at (f, i - 1)), >=,
                     ium_audit_row_get_unix (row_at (f, i)));
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  guint all = n_shown (f);

  /* An instrument's whole name: IRIS, not OSIRIS. */
  ium_audit_view_set_instrument (audit_view (f), "iris");
  WAIT_FOR (n_shown (f) < all);
  g_assert_cmpuint (n_shown (f), ==, 2); /* its import and alice's pin */
  for (guint i = 0; i < n_shown (f); i++)
    g_assert_cmpstr (ium_audit_row_get_instrument (row_at (f, i)), ==, "IRIS");
  g_assert_cmpstr (ium_audit_row_get_action (row_at (f, 0)), ==, "pin");
  g_assert_nonnull (strstr (ium_audit_row_get_summary (row_at (f, 0)), "12.2.0.300"));

  /* And by person. */
  g_assert_true (ium_audit_view_set_who (audit_view (f), "alice"));
  WAIT_FOR (n_shown (f) == 1);
  ium_audit_view_set_instrument (audit_view (f), NULL);
  WAIT_FOR (n_shown (f) == 1);
  g_assert_cmpstr (ium_audit_row_get_who (row_at (f, 0)), ==, "alice");
  g_assert_false (ium_audit_view_set_who (audit_view (f), "nobody"));
  g_assert_true (ium_audit_view_set_who (audit_view (f), NULL));
  WAIT_FOR (n_shown (f) == all);

  /* By date: everything here happened today. */
  ium_audit_view_set_since (audit_view (f), 1);
  ium_test_gui_flush ();
  g_assert_cmpuint (n_shown (f), ==, all);
}

static void
test_from_details (Fixture *f, gconstpointer data)
{
  IumFleetView *fleet = IUM_FLEET_VIEW (ium_test_gui_get_view (f, "fleet"));

  ium_main_window_show_view (f->window, "fleet");
  g_assert_true (ium_fleet_view_select (fleet, "OSIRIS"));
  ium_test_gui_flush ();
  gtk_widget_activate_action (GTK_WIDGET (ium_fleet_view_get_detail (fleet)), "detail.show-history",
                              NULL);
  ium_test_gui_flush ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (audit_view (f))));
  WAIT_FOR (n_shown (f) == 2);
  g_assert_cmpstr (ium_audit_row_get_who (row_at (f, 0)), ==, "bob");
}

static void
test_reloads (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) other = ium_test_gui_open_store (f);
  guint before = ium_audit_view_get_n_loaded (audit_view (f));

  g_assert_true (ium_store_set_pin (other, "ZOOM", "12.2.0.300", "dave", &error));
  WAIT_FOR (ium_audit_view_get_n_loaded (audit_view (f)) == before + 1);
  g_assert_cmpstr (ium_audit_row_get_who (row_at (f, 0)), ==, "dave");
}

#define ADD(path, func) \
  g_test_add ("/ium/gui/audit/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char *argv[])
{
  ium_test_gui_init (&argc, &argv);

  ADD ("all", test_all);
  ADD ("filters", test_filters);
  ADD ("from-details", test_from_details);
  ADD ("reloads", test_reloads);

  return g_test_run ();
}
