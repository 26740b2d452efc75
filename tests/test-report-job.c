/* test-report-job.c: the Reports view's work off the main thread, without a display, on the
 * demo facility: pages laid out on a worker and drawn on this thread, cancelling, freeing on
 * a worker, saving (and refusing to save) a file, the file name offered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "ium-i18n.h"
#include "ium-inventory-file.h"
#include "reports/ium-report-job.h"

static IumReport *
demo_report (void)
{
  g_autofree char *path =
    g_build_filename (g_getenv ("IUM_SOURCE_ROOT"), "data", "demo-inventory.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) loaded = ium_inventory_file_load (file, NULL, &error);
  g_autoptr (IumFleet) fleet = NULL;
  IumReport *report;

  g_assert_no_error (error);
  fleet = ium_fleet_new (ium_inventory_file_get_inventory (loaded));
  report =
    ium_report_new_for_fleet (fleet, "12.3.2.380", NULL, NULL, 30, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
finalized_cb (gpointer data, GObject *where)
{
  g_atomic_pointer_set ((gpointer *) data, g_thread_self ());
}

static void
test_layout (void)
{
  g_autoptr (IumReport) report = demo_report ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  IumReportPages  *pages;
  gpointer         finalized_on = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;

  ium_report_job_layout_async (report, NULL, done_cb, &result);
  pages = ium_report_job_layout_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (IUM_IS_REPORT_PAGES (pages));
  g_assert_true (ium_report_pages_get_report (pages) == report);
  g_assert_cmpuint (ium_report_pages_get_n_pages (pages), >, 1);

  /* Laid out on a worker, drawn here, as the preview does. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 420);
  cr = cairo_create (surface);
  cairo_scale (cr, 300 / IUM_REPORT_PAGE_A4_WIDTH, 420 / IUM_REPORT_PAGE_A4_HEIGHT);
  for (guint page = 0; page < ium_report_pages_get_n_pages (pages); page++)
    ium_report_pages_draw_page (pages, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* Freed on a worker, not here. */
  g_object_weak_ref (G_OBJECT (pages), finalized_cb, &finalized_on);
  ium_report_job_unref_in_thread (pages);
  while (g_atomic_pointer_get (&finalized_on) == NULL)
    g_usleep (1000);
  g_assert_true (g_atomic_pointer_get (&finalized_on) != (gpointer) g_thread_self ());
}

static void
test_layout_cancelled (void)
{
  g_autoptr (IumReport) report = demo_report ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  ium_report_job_layout_async (report, cancellable, done_cb, &result);
  g_assert_null (ium_report_job_layout_finish (wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
save (IumReport *report, IumReportFormat format, GFile *file, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ium_report_job_save_async (report, format, file, NULL, done_cb, &result);
  return ium_report_job_save_finish (wait_for (&result), error);
}

static void
test_save (void)
{
  g_autoptr (IumReport) report = demo_report ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-job-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "report.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr (GFile) remote = g_file_new_for_uri ("sftp://example.org/report.json");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_true (save (report, IUM_REPORT_FORMAT_JSON, file, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
    json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "format"),
    ==, "ium-report");

  /* A folder that does not exist: an error, and no file. */
  g_assert_false (save (report, IUM_REPORT_FORMAT_PDF, missing_file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* Only local files. */
  g_assert_false (save (report, IUM_REPORT_FORMAT_PDF, remote, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  name = ium_report_job_dup_file_name (report, IUM_REPORT_FORMAT_MARKDOWN);
  g_assert_cmpstr (name, ==, "report-12.3.2.380.md");

  g_unlink (path);
  g_rmdir (dir);
}

/* The refusal of a file that is not local is worded in the user's language, like every
 * other error the Reports view shows. Last: it switches the process to German. */
static void
test_save_remote_in_german (void)
{
  g_autoptr (IumReport) report = demo_report ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) remote = g_file_new_for_uri ("sftp://example.org/report.json");

  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  ium_i18n_init ();
  textdomain (GETTEXT_PACKAGE);

  g_assert_false (save (report, IUM_REPORT_FORMAT_PDF, remote, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "keine lokale Datei"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/report-job/layout", test_layout);
  g_test_add_func ("/ium/report-job/layout-cancelled", test_layout_cancelled);
  g_test_add_func ("/ium/report-job/save", test_save);
  g_test_add_func ("/ium/report-job/save-remote-in-german", test_save_remote_in_german);

  return g_test_run ();
}
