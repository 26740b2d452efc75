/* test-gui-compat.c: the compatibility view on the demo facility with a check log: a row per
 * client version seen, a column per server version the instruments run, and every cell
 * coloured as `ium check` answers for the same pair; versions entered by hand, and a version
 * that is not one refused in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-compat"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "compat/ium-compat-view.h"
#include "ium-check-log.h"
#include "ium-test-gui.h"

typedef IumTestGui Fixture;

/* Client versions that connected, and where. */
static const struct
{
  const char *instrument;
  const char *version;
} seen[] = {
  { "LARMOR", "12.3.2.380" }, { "ZOOM", "12.3.2.380" }, { "LARMOR", "12.0.1.130" },
  { "WISH", "12.1.0.200" },   { "MARI", "11.2.0.95" },  { "LOQ", "13.0.0.400" },
};

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);

  ium_test_gui_setup (f, TRUE);
  store = ium_test_gui_open_store (f);
  inventory = ium_store_load (store, &error);
  g_assert_no_error (error);
  fleet = ium_fleet_new (inventory);
  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    {
      g_autoptr (IumVerdict) verdict =
        ium_fleet_check (fleet, seen[i].instrument, "ibex-gui", seen[i].version, &error);

      g_assert_no_error (error);
      g_ptr_array_add (records, ium_check_record_new_from_verdict (verdict, IUM_CHECK_EVENT_CHECK,
                                                                   NULL, "127.0.0.1"));
    }
  ium_store_append_checks (store, records, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  ium_test_gui_open (f, FALSE);
  ium_main_window_show_view (f->window, "compat");
  WAIT_FOR (ium_compat_view_get_n_updates (IUM_COMPAT_VIEW (ium_test_gui_get_view (f, "compat")))
            > 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (f);
}

static IumCompatView *
compat_view (Fixture *f)
{
  return IUM_COMPAT_VIEW (ium_test_gui_get_view (f, "compat"));
}

/* `ium check INSTRUMENT ibex-gui VERSION --json`'s status. */
static char *
cli_status (Fixture *f, const char *instrument, const char *version)
{
  const char *argv[] = { g_getenv ("IUM_BIN"), "--db",     f->path, "--json", "check",
                         instrument,           "ibex-gui", version, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  int              status;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return g_strdup (
    json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "status"));
}

static void
test_matrix_as_ium_check (Fixture *f, gconstpointer data)
{
  const IumCompatMatrix *matrix = ium_compat_view_get_matrix (compat_view (f));
  IumFleet *fleet = ium_inventory_service_get_fleet (ium_main_window_get_service (f->window));
  guint     n_instruments = 0, n_cli = 0;

  g_assert_cmpstr (matrix->client, ==, "ibex-gui");
  g_assert_cmpstr (matrix->server, ==, "ibex-server");
  g_assert_cmpstr (matrix->policy, ==, "minor-backward");

  /* Five distinct versions were seen; the newest comes first. */
  g_assert_cmpuint (matrix->rows->len, ==, 5);
  g_assert_cmpstr (ium_compat_row_get_version (g_ptr_array_index (matrix->rows, 0)), ==,
                   "13.0.0.400");
  g_assert_nonnull (
    strstr (ium_compat_row_get_origin (g_ptr_array_index (matrix->rows, 1)), "2 instruments"));

  for (guint c = 0; c < matrix->columns->len; c++)
    n_instruments += ((IumCompatColumn *) g_ptr_array_index (matrix->columns, c))->instruments->len;
  g_assert_cmpuint (n_instruments + matrix->n_no_server, ==, 34);

  /* Every cell is the client check's verdict for its instruments; for one instrument of
   * each column the built `ium check` is asked too. */
  for (guint r = 0; r < matrix->rows->len; r++)
    {
      IumCompatRow *row = g_ptr_array_index (matrix->rows, r);
      const char   *version = ium_compat_row_get_version (row);

      for (guint c = 0; c < matrix->columns->len; c++)
        {
          IumCompatColumn     *column = g_ptr_array_index (matrix->columns, c);
          const IumCompatCell *cell = ium_compat_row_get_cell (row, c);
          guint                counts[IUM_N_VERDICTS] = { 0 };

          for (guint i = 0; i < column->instruments->len; i++)
            {
              g_autoptr (GError) error = NULL;
              g_autoptr (IumVerdict) verdict = ium_fleet_check (
                fleet, g_ptr_array_index (column->instruments, i), "ibex-gui", version, &error);

              g_assert_no_error (error);
              g_assert_cmpstr (ium_verdict_get_server_version (verdict), ==, column->version);
              counts[ium_verdict_get_status (verdict)]++;
            }
          for (guint s = 0; s < IUM_N_VERDICTS; s++)
            g_assert_cmpuint (cell->counts[s], ==, counts[s]);
          if (counts[cell->status] == column->instruments->len && r < 2)
            {
              g_autofree char *status = cli_status (f, cell->instrument, version);
              g_assert_cmpstr (status, ==, ium_verdict_status_to_css (cell->status));
              n_cli++;
            }
        }
    }
  g_assert_cmpuint (n_cli, >, 2);
}

static void
test_cells_coloured (Fixture *f, gconstpointer data)
{
  const IumCompatMatrix *matrix = ium_compat_view_get_matrix (compat_view (f));
  gboolean               incompatible = FALSE, ok = FALSE;

  ium_test_gui_flush ();
  for (guint r = 0; r < matrix->rows->len; r++)
    for (guint c = 0; c < MIN (matrix->columns->len, 4); c++)
      {
        const IumCompatCell *cell =
          ium_compat_row_get_cell (g_ptr_array_index (matrix->rows, r), c);
        GtkWidget       *label = NULL;
        g_autofree char *tooltip = NULL;

        WAIT_FOR ((label = ium_compat_view_get_cell_widget (compat_view (f), r, c)) != NULL);
        /* The colour is the verdict's, and so is the word. */
        g_assert_true (gtk_widget_has_css_class (label, "verdict"));
        g_assert_true (gtk_widget_has_css_class (label, ium_verdict_status_to_css (cell->status)));
        for (guint s = 0; s < IUM_N_VERDICTS; s++)
          if (s != cell->status)
            g_assert_false (gtk_widget_has_css_class (label, ium_verdict_status_to_css (s)));
        g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)),
                                         ium_verdict_status_to_label (cell->status)));
        /* Hovering says which rule and policy decided, and the message a client sees. */
        tooltip = gtk_widget_get_tooltip_markup (label)
                    ? g_strdup (gtk_widget_get_tooltip_markup (label))
                    : NULL;
        g_assert_nonnull (tooltip);
        g_assert_nonnull (strstr (tooltip, "ibex-gui → ibex-server, policy minor-backward"));
        g_assert_nonnull (strstr (tooltip, "IBEX GUI"));
        incompatible |= cell->status == IUM_VERDICT_INCOMPATIBLE;
        ok |= cell->status == IUM_VERDICT_OK;
      }
  g_assert_true (incompatible && ok);
}

static void
test_entered_versions (Fixture *f, gconstpointer data)
{
  IumCompatView *view = compat_view (f);
  GtkEntry      *entry = GTK_ENTRY (
         gtk_widget_get_template_child (GTK_WIDGET (view), IUM_TYPE_COMPAT_VIEW, "version_entry"));
  IumBanner *banner =
    IUM_BANNER (gtk_widget_get_template_child (GTK_WIDGET (view), IUM_TYPE_COMPAT_VIEW, "banner"));
  guint                  before = ium_compat_view_get_n_updates (view);
  const IumCompatMatrix *matrix;
  gboolean               found = FALSE;

  /* Not a version: refused in words, the entry marked, nothing added. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "12.x");
  gtk_widget_activate_action (GTK_WIDGET (view), "compat.add-version", NULL);
  g_assert_true (ium_banner_get_revealed (banner));
  g_assert_nonnull (strstr (ium_banner_get_title (banner), "12.x is not a version"));
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "12.x"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  ium_test_gui_flush ();
  g_assert_cmpuint (ium_compat_view_get_n_updates (view), ==, before);

  /* A version nobody uses yet gets its row, marked as entered. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "12.2");
  gtk_widget_activate_action (GTK_WIDGET (view), "compat.add-version", NULL);
  WAIT_FOR (ium_compat_view_get_n_updates (view) > before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  matrix = ium_compat_view_get_matrix (view);
  g_assert_cmpuint (matrix->rows->len, ==, 6);
  for (guint r = 0; r < matrix->rows->len; r++)
    {
      IumCompatRow *row = g_ptr_array_index (matrix->rows, r);

      if (g_str_equal (ium_compat_row_get_version (row), "12.2"))
        {
          found = TRUE;
          g_assert_true (ium_compat_row_get_entered (row));
          g_assert_cmpstr (ium_compat_row_get_origin (row), ==, "entered here");
        }
    }
  g_assert_true (found);

  /* Cleared again. */
  before = ium_compat_view_get_n_updates (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "compat.clear-versions", NULL);
  WAIT_FOR (ium_compat_view_get_n_updates (view) > before);
  g_assert_cmpuint (ium_compat_view_get_matrix (view)->rows->len, ==, 5);
}

int
main (int argc, char *argv[])
{
  ium_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/ium/gui-compat/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("matrix-as-ium-check", test_matrix_as_ium_check);
  ADD ("cells-coloured", test_cells_coloured);
  ADD ("entered-versions", test_entered_versions);
#undef ADD

  return g_test_run ();
}
