/* test-compat-matrix.c: the compatibility view's model without a display, on the demo
 * facility: rows from the check log (this client's only, each version once) and entered by
 * hand, columns from the server versions the client check compares with, every cell the
 * client check's verdicts, and the words on hover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "compat/ium-compat-matrix.h"
#include "ium-inventory-file.h"

static IumFleet *
demo_fleet (void)
{
  g_autofree char *path =
    g_build_filename (g_getenv ("IUM_SOURCE_ROOT"), "data", "demo-inventory.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) loaded = ium_inventory_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return ium_fleet_new (ium_inventory_file_get_inventory (loaded));
}

static IumClientSeen *
seen_new (const char *instrument,
          const char *component,
          const char *version,
          guint       n_checks,
          gint64      last_seen)
{
  IumClientSeen *seen = g_new0 (IumClientSeen, 1);

  seen->instrument = g_strdup (instrument);
  seen->component = g_strdup (component);
  seen->version = g_strdup (version);
  seen->n_checks = n_checks;
  seen->first_seen = last_seen;
  seen->last_seen = last_seen;
  return seen;
}

static void
test_matrix (void)
{
  g_autoptr (IumFleet) fleet = demo_fleet ();
  g_autoptr (GPtrArray) seen =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_client_seen_free);
  g_autoptr (IumCompatMatrix) matrix = NULL;
  g_autoptr (GError) error = NULL;
  const char *entered[] = { "12.2", "12.3.2.380", NULL };
  guint       n_instruments = 0;

  g_ptr_array_add (seen, seen_new ("LARMOR", "ibex-gui", "12.3.2.380", 4, 1796000000));
  g_ptr_array_add (seen, seen_new ("ZOOM", "ibex-gui", "12.3.2.380", 1, 1796100000));
  g_ptr_array_add (seen, seen_new ("MARI", "ibex-gui", "11.2.0.95", 2, 1796000000));
  g_ptr_array_add (seen, seen_new ("MARI", "genie-python", "12.0", 2, 1796000000));
  g_ptr_array_add (seen, seen_new ("WISH", "ibex-gui", "garbage", 1, 1796000000));

  matrix = ium_compat_matrix_new (fleet, "ibex-gui", seen, entered, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (matrix->server, ==, "ibex-server");
  g_assert_cmpstr (matrix->policy, ==, "minor-backward");
  g_assert_cmpstr (matrix->client_name, ==, "IBEX GUI");

  /* Each version once, newest first; another component's and a bad version left out. */
  g_assert_cmpuint (matrix->rows->len, ==, 3);
  g_assert_cmpstr (ium_compat_row_get_version (g_ptr_array_index (matrix->rows, 0)), ==,
                   "12.3.2.380");
  g_assert_cmpstr (ium_compat_row_get_version (g_ptr_array_index (matrix->rows, 1)), ==, "12.2");
  g_assert_cmpstr (ium_compat_row_get_version (g_ptr_array_index (matrix->rows, 2)), ==,
                   "11.2.0.95");
  g_assert_cmpuint (matrix->skipped->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (matrix->skipped, 0), ==, "garbage");
  {
    IumCompatRow *both = g_ptr_array_index (matrix->rows, 0);

    g_assert_true (ium_compat_row_get_entered (both));
    g_assert_nonnull (strstr (ium_compat_row_get_origin (both), "seen 5×"));
    g_assert_nonnull (strstr (ium_compat_row_get_origin (both), "2 instruments"));
    g_assert_nonnull (strstr (ium_compat_row_get_origin (both), "entered here"));
  }

  /* Columns: newest server version first, every instrument with a server in one of them. */
  for (guint c = 0; c < matrix->columns->len; c++)
    {
      IumCompatColumn *column = g_ptr_array_index (matrix->columns, c);

      n_instruments += column->instruments->len;
      for (guint i = 0; i < column->instruments->len; i++)
        g_assert_cmpstr (ium_fleet_get_server_version (
                           fleet, g_ptr_array_index (column->instruments, i), "ibex-gui"),
                         ==, column->version);
    }
  g_assert_cmpuint (n_instruments + matrix->n_no_server, ==, 34);
  g_assert_cmpstr (((IumCompatColumn *) g_ptr_array_index (matrix->columns, 0))->version, ==,
                   "13.1.0.420");

  /* Every cell counts the client check's verdicts, and shows the most common. */
  for (guint r = 0; r < matrix->rows->len; r++)
    for (guint c = 0; c < matrix->columns->len; c++)
      {
        IumCompatRow        *row = g_ptr_array_index (matrix->rows, r);
        IumCompatColumn     *column = g_ptr_array_index (matrix->columns, c);
        const IumCompatCell *cell = ium_compat_row_get_cell (row, c);
        guint                counts[IUM_N_VERDICTS] = { 0 };
        g_autofree char     *tooltip = ium_compat_cell_dup_tooltip (matrix, row, c);

        for (guint i = 0; i < column->instruments->len; i++)
          {
            g_autoptr (IumVerdict) verdict =
              ium_fleet_check (fleet, g_ptr_array_index (column->instruments, i), "ibex-gui",
                               ium_compat_row_get_version (row), &error);
            g_assert_no_error (error);
            counts[ium_verdict_get_status (verdict)]++;
          }
        for (guint s = 0; s < IUM_N_VERDICTS; s++)
          {
            g_assert_cmpuint (cell->counts[s], ==, counts[s]);
            g_assert_cmpuint (counts[cell->status], >=, counts[s]);
          }
        g_assert_nonnull (cell->message);
        g_assert_nonnull (strstr (tooltip, "ibex-gui → ibex-server, policy minor-backward"));
      }

  /* The newest client on the newest line's server is fine; an 11 client meets 12 servers. */
  g_assert_cmpint (ium_compat_row_get_cell (g_ptr_array_index (matrix->rows, 2), 0)->status, ==,
                   IUM_VERDICT_INCOMPATIBLE);
}

static void
test_clients_and_refusals (void)
{
  g_autoptr (IumFleet) fleet = demo_fleet ();
  IumInventory *inventory = ium_fleet_get_inventory (fleet);
  g_autoptr (GPtrArray) clients = ium_compat_list_clients (inventory);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (clients->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (clients, 0), ==, "ibex-gui");
  g_assert_cmpstr (g_ptr_array_index (clients, 1), ==, "IBEX GUI");

  /* A library is nobody's client. */
  g_assert_null (ium_compat_matrix_new (fleet, "genie-python", NULL, NULL, NULL, &error));
  g_assert_error (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_NO_RULE);
  g_clear_error (&error);

  g_assert_true (ium_compat_check_version (inventory, "ibex-gui", "v12.1", NULL));
  g_assert_false (ium_compat_check_version (inventory, "ibex-gui", "12.x", &error));
  g_assert_nonnull (strstr (error->message, "12.x"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LC_ALL", "C", TRUE);

  g_test_add_func ("/ium/compat-matrix/matrix", test_matrix);
  g_test_add_func ("/ium/compat-matrix/clients-and-refusals", test_clients_and_refusals);

  return g_test_run ();
}
