/* test-gui-reports.c: the Reports view on the demo facility, under Xvfb: a report made off
 * the main thread with its summary and pages, cancelling, export in every format, a file that
 * cannot be written, printing through GtkPrintOperation, and errors shown in the view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "ium-test-gui.h"
#include "reports/ium-report-page.h"
#include "reports/ium-reports-view.h"

#define RELEASE "12.3.2.380"

typedef struct
{
  IumTestGui      gui;
  IumReportsView *view;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ium_test_gui_setup (&f->gui, TRUE);
  ium_test_gui_open (&f->gui, FALSE);
  ium_main_window_show_view (f->gui.window, "reports");
  f->view = IUM_REPORTS_VIEW (ium_test_gui_get_view (&f->gui, "reports"));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (&f->gui);
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static const char *
child_label (IumReportsView *view, const char *name)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (view), IUM_TYPE_REPORTS_VIEW, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

static void
assert_count (IumReportsView *view, const char *name, guint expected)
{
  g_autofree char *text = g_strdup_printf ("%u", expected);

  g_assert_cmpstr (child_label (view, name), ==, text);
}

/* Generates the report of RELEASE and waits for it, checking that the main loop ran while
 * it was made. */
static void
generate (Fixture *f)
{
  guint n_reports = ium_reports_view_get_n_reports (f->view);
  guint ticks = 0;
  guint source;

  g_assert_true (ium_reports_view_generate (f->view, RELEASE, 30));
  /* Nothing was made on the way: the work is on other threads. */
  g_assert_true (ium_reports_view_get_busy (f->view));
  g_assert_cmpuint (ium_reports_view_get_n_reports (f->view), ==, n_reports);
  source = g_timeout_add (1, tick_cb, &ticks);
  WAIT_FOR (ium_reports_view_get_n_reports (f->view) > n_reports);
  g_source_remove (source);
  g_assert_false (ium_reports_view_get_busy (f->view));
  g_assert_cmpuint (ticks, >, 0);
}

static void
test_generate (Fixture *f, gconstpointer data)
{
  g_autoptr (IumStore) store = ium_test_gui_open_store (&f->gui);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumReport) expected = NULL;
  const IumReportSummary *summary;
  IumReportPages         *pages;
  GObject                *stack;
  guint                   n_pages;
  GtkWidget              *page;

  g_assert_null (ium_reports_view_get_report (f->view));
  g_assert_false (ium_reports_view_generate (f->view, "99.9.9.9", 30));
  g_assert_false (ium_reports_view_get_busy (f->view));

  generate (f);
  pages = ium_reports_view_get_pages (f->view);
  g_assert_nonnull (pages);
  n_pages = ium_report_pages_get_n_pages (pages);
  g_assert_cmpuint (n_pages, >, 0);
  g_assert_cmpstr (
    ium_release_get_version_text (ium_report_get_release (ium_reports_view_get_report (f->view))),
    ==, RELEASE);
  stack = gtk_widget_get_template_child (GTK_WIDGET (f->view), IUM_TYPE_REPORTS_VIEW, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "report");

  /* The figures shown are those of a report made independently from the same database. */
  expected = ium_report_new (store, RELEASE, 30, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  summary = ium_report_get_summary (expected);
  g_assert_cmpuint (summary->n_instruments, ==, 34);
  assert_count (f->view, "instruments_value", summary->n_instruments);
  assert_count (f->view, "on_release_value", summary->on_release);
  assert_count (f->view, "update_value",
                summary->by_flag[g_bit_nth_lsf (IUM_FLAG_UPDATE_AVAILABLE, -1)]);
  assert_count (f->view, "behind_value",
                summary->by_flag[g_bit_nth_lsf (IUM_FLAG_TOO_FAR_BEHIND, -1)]);
  assert_count (f->view, "planned_value", summary->by_state[IUM_UPGRADE_PLANNED]);
  assert_count (f->view, "done_value", summary->by_state[IUM_UPGRADE_DONE]);
  assert_count (f->view, "failed_value", summary->by_state[IUM_UPGRADE_FAILED]);
  assert_count (f->view, "clients_value",
                summary->n_outdated_clients + summary->n_incompatible_clients);
  assert_count (f->view, "pages_value", n_pages);
  g_assert_nonnull (strstr (child_label (f->view, "title_label"), RELEASE));

  /* The preview shows the first page, drawn at the size of A4 at 100 %. */
  ium_test_gui_flush ();
  page = GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (f->view), IUM_TYPE_REPORTS_VIEW, "pages_view"));
  while (page != NULL && !IUM_IS_REPORT_PAGE (page))
    page = gtk_widget_get_first_child (page) ? gtk_widget_get_first_child (page)
                                             : gtk_widget_get_next_sibling (page);
  g_assert_nonnull (page);
  WAIT_FOR (gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0);
  g_assert_cmpint (ABS (gtk_widget_get_width (page)
                        - (int) (IUM_REPORT_PAGE_A4_WIDTH * IUM_REPORT_PAGE_PIXELS_PER_POINT)),
                   <=, 1);

  /* Zooming changes the pages' size. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.zoom-in", NULL));
  g_assert_cmpfloat (ium_reports_view_get_zoom (f->view), >, 1.0);
  WAIT_FOR (gtk_widget_get_width (page)
            > (int) (IUM_REPORT_PAGE_A4_WIDTH * IUM_REPORT_PAGE_PIXELS_PER_POINT) + 10);
  /* Down to the smallest and back: rows are made and dropped as more pages fit. */
  while (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.zoom-out", NULL)
         && ium_reports_view_get_zoom (f->view) > 0.5)
    ium_test_gui_flush ();
  g_assert_cmpfloat (ium_reports_view_get_zoom (f->view), ==, 0.5);
  ium_test_gui_flush ();
  while (ium_reports_view_get_zoom (f->view) < 1.5)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.zoom-in", NULL));
      ium_test_gui_flush ();
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.zoom-reset", NULL));
  g_assert_cmpfloat (ium_reports_view_get_zoom (f->view), ==, 1.0);

  /* Another program changes the inventory: the view says the report is out of date, and
   * offers to make it again. */
  {
    IumBanner *banner = ium_reports_view_get_banner (f->view);
    guint      n_reports = ium_reports_view_get_n_reports (f->view);

    g_assert_false (ium_banner_get_revealed (banner));
    ium_store_set_busy (store, "LOQ", TRUE, "Calibration", "someone", &error);
    g_assert_no_error (error);
    WAIT_FOR (ium_banner_get_revealed (banner));
    g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_INFO);
    g_assert_cmpstr (ium_banner_get_title (banner), ==,
                     "The inventory has changed since this report was made");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.generate", NULL));
    WAIT_FOR (ium_reports_view_get_n_reports (f->view) > n_reports);
    g_assert_false (ium_banner_get_revealed (banner));
    g_assert_cmpuint (ium_report_get_summary (ium_reports_view_get_report (f->view))
                        ->by_flag[g_bit_nth_lsf (IUM_FLAG_BUSY, -1)],
                      ==, summary->by_flag[g_bit_nth_lsf (IUM_FLAG_BUSY, -1)] + 1);
  }
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  gint64 until;

  g_assert_true (ium_reports_view_generate (f->view, RELEASE, 30));
  g_assert_true (ium_reports_view_get_busy (f->view));
  ium_reports_view_cancel (f->view);
  g_assert_false (ium_reports_view_get_busy (f->view));
  /* Whatever the threads were doing, nothing is shown and nothing is said. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (ium_reports_view_get_n_reports (f->view), ==, 0);
  g_assert_null (ium_reports_view_get_report (f->view));
  g_assert_false (ium_banner_get_revealed (ium_reports_view_get_banner (f->view)));

  /* And the next one is made. */
  generate (f);
  g_assert_nonnull (ium_reports_view_get_pages (f->view));

  /* Cancelling a new one keeps the report shown. */
  g_assert_true (ium_reports_view_generate (f->view, RELEASE, 7));
  ium_reports_view_cancel (f->view);
  ium_test_gui_flush ();
  g_assert_cmpuint (ium_report_get_days (ium_reports_view_get_report (f->view)), ==, 30);
}

static char *export(Fixture *f, const char *name, IumReportFormat format)
{
  g_autofree char *path = g_build_filename (f->gui.dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  char *contents = NULL;
  gsize length;
  g_autoptr (GError) error = NULL;
  IumBanner *banner = ium_reports_view_get_banner (f->view);

  ium_reports_view_export (f->view, file, format);
  g_assert_true (ium_reports_view_get_busy (f->view));
  WAIT_FOR (!ium_reports_view_get_busy (f->view));
  g_assert_true (ium_banner_get_revealed (banner));
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_INFO);
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "The report was saved");
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 100);
  return contents;
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = NULL;
  g_autofree char *html = NULL;
  g_autofree char *md = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  guint       n_rows;

  generate (f);
  pdf = export(f, "report.pdf", IUM_REPORT_FORMAT_PDF);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  html = export(f, "report.html", IUM_REPORT_FORMAT_HTML);
  g_assert_nonnull (strstr (html, "<html"));
  g_assert_nonnull (strstr (html, RELEASE));
  md = export(f, "report.md", IUM_REPORT_FORMAT_MARKDOWN);
  g_assert_true (g_str_has_prefix (md, "# Release report: " RELEASE));
  csv = export(f, "report.csv", IUM_REPORT_FORMAT_CSV);
  g_assert_true (g_str_has_prefix (csv, "instrument,site,release,"));
  ium_report_get_rows (ium_reports_view_get_report (f->view), &n_rows);
  {
    g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);
    /* The header, a row per instrument, and the empty string after the last line end. */
    g_assert_cmpuint (g_strv_length (lines), ==, n_rows + 2);
  }

  json = export(f, "report.json", IUM_REPORT_FORMAT_JSON);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "ium-report");
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (root, "release"), "version"), ==,
    RELEASE);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (root, "summary"), "on_release"), ==,
    ium_report_get_summary (ium_reports_view_get_report (f->view))->on_release);
}

static GtkWidget *
find_toplevel (const char *type_name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      /* By its type's name: GtkPrintUnixDialog's header is gtk4-unix-print's, which nothing
       * else needs. */
      if (g_str_equal (G_OBJECT_TYPE_NAME (window), type_name)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* Export's menu opens a file chooser (GTK's own dialog where there is no portal) with the
 * report's name in the format chosen; cancelling it writes nothing and says nothing. (Choosing
 * a file in GTK's dialog from a test is not reliable: the folder it loads races with the
 * answer. What happens with the file chosen is ium_reports_view_export(), tested above.) */
static void
test_export_chooser (Fixture *f, gconstpointer data)
{
  const char *formats[] = { "pdf", "html", "md", "csv", "json" };

  generate (f);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *suggested = NULL;
      g_autofree char *expected = g_strdup_printf ("report-%s.%s", RELEASE, formats[i]);
      GtkWidget       *dialog;

      g_assert_true (
        gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.export", "s", formats[i]));
      WAIT_FOR ((dialog = find_toplevel ("GtkFileChooserDialog")) != NULL);
      g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
      suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
      g_assert_cmpstr (suggested, ==, expected);
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      WAIT_FOR (find_toplevel ("GtkFileChooserDialog") == NULL);
    }
  ium_test_gui_flush ();
  g_assert_false (ium_reports_view_get_busy (f->view));
  g_assert_false (ium_banner_get_revealed (ium_reports_view_get_banner (f->view)));

  /* An unknown format is not offered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.export", "s", "docx"));
  ium_test_gui_flush ();
  g_assert_null (find_toplevel ("GtkFileChooserDialog"));
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
assert_export_fails (Fixture *f, const char *path, const char *why)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  IumBanner  *banner = ium_reports_view_get_banner (f->view);
  const char *body;

  ium_reports_view_export (f->view, file, IUM_REPORT_FORMAT_PDF);
  WAIT_FOR (!ium_reports_view_get_busy (f->view));
  g_assert_true (ium_banner_get_revealed (banner));
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_ERROR);
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "The report was not saved");
  body = ium_banner_get_body (banner);
  /* Words for people: what, where, and that nothing was written. */
  g_assert_true (g_str_has_prefix (body, why));
  g_assert_nonnull (strstr (body, "Nothing was written to"));
  /* Not GLib's message, which names the temporary file written first. */
  g_assert_null (strstr (body, "Failed to"));
}

static void
test_export_error (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->gui.dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->gui.dir, "a-folder", NULL);
  g_autofree char *locked = g_build_filename (f->gui.dir, "locked", NULL);
  g_autofree char *in_locked = g_build_filename (locked, "report.pdf", NULL);
  guint            n_entries;

  generate (f);

  /* A folder that does not exist. */
  n_entries = count_entries (f->gui.dir);
  assert_export_fails (f, missing, "The folder ");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (f->gui.dir), ==, n_entries);

  /* A path that is a folder: it stays a folder, and nothing is left beside it. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  n_entries = count_entries (f->gui.dir);
  assert_export_fails (f, folder, folder);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (folder), ==, 0);
  g_assert_cmpuint (count_entries (f->gui.dir), ==, n_entries);

  /* A folder without write permission. Root may write in any folder of its own, but not in
   * /sys. */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
      assert_export_fails (f, in_locked, "You may not write in the folder");
      g_assert_cmpuint (count_entries (locked), ==, 0);
      g_chmod (locked, 0755);
    }
  else if (g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    {
      assert_export_fails (f, "/sys/report.pdf", "You may not write in the folder /sys.");
      g_assert_false (g_file_test ("/sys/report.pdf", G_FILE_TEST_EXISTS));
    }

  /* A remote location is refused in words. */
  {
    g_autoptr (GFile) remote = g_file_new_for_uri ("sftp://example.org/report.pdf");
    IumBanner *banner = ium_reports_view_get_banner (f->view);

    ium_reports_view_export (f->view, remote, IUM_REPORT_FORMAT_PDF);
    WAIT_FOR (!ium_reports_view_get_busy (f->view));
    g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_ERROR);
    g_assert_nonnull (strstr (ium_banner_get_body (banner), "not a local file"));
  }
}

/* What pdfinfo (poppler) says of the PDF at @path: its number of pages. */
static guint
count_pdf_pages (const char *path)
{
  const char      *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  const char *pages;
  int         status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
test_print (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->gui.dir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (ium_reports_view_print_to_file (f->view, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);

  generate (f);
  g_assert_true (ium_reports_view_print_to_file (f->view, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* GtkPrintOperation printed every page the preview shows. */
  g_assert_cmpuint (count_pdf_pages (path), ==,
                    ium_report_pages_get_n_pages (ium_reports_view_get_pages (f->view)));
}

/* Print… opens GTK's print dialog over the window; cancelling it prints nothing and says
 * nothing. */
static void
test_print_dialog (Fixture *f, gconstpointer data)
{
  GtkWidget *dialog;

  generate (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.print", NULL));
  WAIT_FOR ((dialog = find_toplevel ("GtkPrintUnixDialog")) != NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->gui.window));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  WAIT_FOR (find_toplevel ("GtkPrintUnixDialog") == NULL);
  ium_test_gui_flush ();
  g_assert_false (ium_banner_get_revealed (ium_reports_view_get_banner (f->view)));

  /* And again: a second operation replaces the first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.print", NULL));
  WAIT_FOR ((dialog = find_toplevel ("GtkPrintUnixDialog")) != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  WAIT_FOR (find_toplevel ("GtkPrintUnixDialog") == NULL);
}

static void
test_error_in_view (Fixture *f, gconstpointer data)
{
  g_autofree char *moved = g_strconcat (f->gui.path, ".moved", NULL);
  IumBanner       *banner = ium_reports_view_get_banner (f->view);

  /* The database goes away under the window: the report cannot be made, and the view says
   * so in words, not in a dialog. */
  g_assert_cmpint (g_rename (f->gui.path, moved), ==, 0);
  g_assert_true (ium_reports_view_generate (f->view, RELEASE, 30));
  WAIT_FOR (!ium_reports_view_get_busy (f->view));
  g_assert_true (ium_banner_get_revealed (banner));
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_ERROR);
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "The report cannot be made");
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "."));
  g_assert_null (ium_reports_view_get_report (f->view));
  g_assert_cmpint (g_rename (moved, f->gui.path), ==, 0);

  /* Once it is back, the report is made and the message goes. */
  generate (f);
  g_assert_false (ium_banner_get_revealed (banner));
}

static void
test_other_inventory (Fixture *f, gconstpointer data)
{
  g_autofree char     *empty = g_build_filename (f->gui.dir, "empty.db", NULL);
  IumInventoryService *service = ium_main_window_get_service (f->gui.window);
  GObject             *stack =
    gtk_widget_get_template_child (GTK_WIDGET (f->view), IUM_TYPE_REPORTS_VIEW, "stack");

  generate (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "report");

  /* A new, empty inventory: the report of the other one goes, and there is no release to
   * report on. */
  ium_main_window_open (f->gui.window, empty, TRUE, FALSE);
  WAIT_FOR (g_strcmp0 (ium_inventory_service_get_path (service), empty) == 0
            && !ium_inventory_service_get_loading (service)
            && ium_inventory_service_get_inventory (service) != NULL);
  ium_test_gui_flush ();
  g_assert_null (ium_reports_view_get_report (f->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_nonnull (strstr (child_label (f->view, "empty_label"), "no release"));
  g_assert_false (ium_reports_view_generate (f->view, RELEASE, 30));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "reports.generate", NULL);
  g_assert_false (ium_reports_view_get_busy (f->view));
}

int
main (int argc, char *argv[])
{
  ium_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/ium/gui-reports/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("generate", test_generate);
  ADD ("cancel", test_cancel);
  ADD ("export", test_export);
  ADD ("export-error", test_export_error);
  ADD ("export-chooser", test_export_chooser);
  ADD ("print", test_print);
  ADD ("print-dialog", test_print_dialog);
  ADD ("error-in-view", test_error_in_view);
  ADD ("other-inventory", test_other_inventory);
#undef ADD

  return g_test_run ();
}
