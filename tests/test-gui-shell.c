/* test-gui-shell.c: the window around the views: it opens on an inventory, the deploy token
 * is taken, taken over and released from the header bar, and an inventory that cannot be
 * opened is explained in the window, with nothing lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-shell"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ium-settings.h"
#include "ium-test-gui.h"
#include "ium-token.h"
#include "ium-views.h"
#include "widgets/ium-token-button.h"

typedef IumTestGui Fixture;

static void
setup_seeded (Fixture *f, gconstpointer data)
{
  ium_test_gui_setup (f, TRUE);
}

static void
setup_empty (Fixture *f, gconstpointer data)
{
  ium_test_gui_setup (f, FALSE);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (f);
}

static IumToken *
stored_token (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = ium_test_gui_open_store (f);
  IumToken *token = ium_token_get (store, &error);

  g_assert_no_error (error);
  return token;
}

static void
test_opens (Fixture *f, gconstpointer data)
{
  GtkWidget *window;

  ium_test_gui_open (f, FALSE);
  window = GTK_WIDGET (f->window);
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Instrument Update Manager");
  /* The views of ium-views.c, and the window's own actions. */
  g_assert_nonnull (ium_main_window_get_view (f->window, "fleet"));
  g_assert_nonnull (ium_main_window_get_view (f->window, "releases"));
  g_assert_nonnull (ium_main_window_get_view (f->window, "audit"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  g_assert_nonnull (
    strstr (ium_main_window_get_status (f->window), "Example Neutron and Muon Source"));
  g_assert_false (ium_banner_get_revealed (ium_main_window_get_banner (f->window)));

  /* Views switch through win.view, as Alt+1... do. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("audit"));
  ium_test_gui_flush ();
  g_assert_true (gtk_widget_get_mapped (ium_main_window_get_view (f->window, "audit")));
  g_assert_false (gtk_widget_get_mapped (ium_main_window_get_view (f->window, "fleet")));
}

/* The window opens on the view it was closed on. */
static void
test_last_view (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = ium_settings_new (&error);
  g_autofree char *last = NULL;

  g_assert_no_error (error);
  g_settings_set_string (settings, "last-view", "releases");
  ium_test_gui_open (f, FALSE);
  g_assert_true (gtk_widget_get_mapped (ium_main_window_get_view (f->window, "releases")));
  g_assert_false (gtk_widget_get_mapped (ium_main_window_get_view (f->window, "fleet")));

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "view",
                                  g_variant_new_string ("audit"));
  ium_test_gui_flush ();
  last = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last, ==, "audit");
}

/* The application as a person starts it, with --db: the inventory starts loading in the
 * application's startup, before GTK and the window, and the window shows that load, which is
 * the only one. */
typedef struct
{
  GApplication  *application;
  IumMainWindow *window;
  char          *path;        /* the window's inventory, once shown */
  guint          instruments; /* rows when the load was done */
  guint          loads;
  gint64         until; /* long enough for a change of the files to settle and be checked */
} Started;

static void
started_loaded_cb (Started *started)
{
  started->loads++;
}

static gboolean
started_check_cb (gpointer data)
{
  Started             *started = data;
  IumInventoryService *service = ium_main_window_get_service (started->window);

  if (started->path == NULL)
    {
      /* Once the window is built and the command line handled. */
      started->path = g_strdup (ium_inventory_service_get_path (service));
      g_signal_connect_swapped (service, "loaded", G_CALLBACK (started_loaded_cb), started);
      started->loads = ium_inventory_service_get_inventory (service) != NULL;
    }
  if (ium_inventory_service_get_loading (service) || g_get_monotonic_time () < started->until)
    return G_SOURCE_CONTINUE;
  started->instruments = g_list_model_get_n_items (ium_inventory_service_get_instruments (service));
  g_signal_handlers_disconnect_by_data (service, started);
  gtk_window_destroy (GTK_WINDOW (started->window));
  g_application_quit (started->application);
  return G_SOURCE_REMOVE;
}

static void
started_window_added_cb (GtkApplication *application, GtkWindow *window, Started *started)
{
  started->window = IUM_MAIN_WINDOW (window);
  started->until = g_get_monotonic_time () + G_USEC_PER_SEC;
  g_timeout_add (20, started_check_cb, started);
}

static void
test_started_with_db (Fixture *f, gconstpointer data)
{
  g_autoptr (IumApplication) application = ium_application_new (G_APPLICATION_NON_UNIQUE);
  char   *argv[] = { (char *) "instrument-update-manager", (char *) "--db", f->path, NULL };
  Started started = { G_APPLICATION (application) };
  int     status;

  g_signal_connect (application, "window-added", G_CALLBACK (started_window_added_cb), &started);
  status = g_application_run (G_APPLICATION (application), 3, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (started.path, ==, f->path);
  g_assert_cmpuint (started.instruments, >, 0);
  g_assert_cmpuint (started.loads, ==, 1);
  g_free (started.path);
  ium_test_gui_flush ();
}

static void
test_token (Fixture *f, gconstpointer data)
{
  IumInventoryService *service;
  IumTokenButton      *button;
  g_autoptr (IumToken) token = NULL;

  ium_test_gui_open (f, FALSE);
  service = ium_main_window_get_service (f->window);
  button = IUM_TOKEN_BUTTON (ium_main_window_get_token_button (f->window));
  g_assert_cmpstr (ium_token_button_get_label (button), ==, "Token free");

  gtk_widget_activate_action (GTK_WIDGET (button), "token.take", NULL);
  WAIT_FOR (ium_inventory_service_get_holds_token (service));
  token = stored_token (f);
  g_assert_cmpstr (token->holder, ==, IUM_TEST_GUI_WHO);
  g_assert_true (g_str_has_prefix (ium_token_button_get_label (button), "You hold the token"));
  g_clear_pointer (&token, ium_token_free);

  gtk_widget_activate_action (GTK_WIDGET (button), "token.release", NULL);
  WAIT_FOR (!ium_inventory_service_get_holds_token (service));
  token = stored_token (f);
  g_assert_null (token->holder);
  g_assert_cmpstr (ium_token_button_get_label (button), ==, "Token free");
}

static void
test_token_steal (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) other = ium_test_gui_open_store (f);
  g_autoptr (IumToken) token = NULL;
  g_autoptr (GPtrArray) history = NULL;
  IumInventoryService *service;
  IumTokenButton      *button;
  IumTokenEvent       *last;
  GtkEditable         *reason;

  /* Someone else holds it before the window opens. */
  g_assert_true (ium_token_take (other, "carol", "deploying TS1", FALSE, NULL, &error));
  ium_test_gui_open (f, FALSE);
  service = ium_main_window_get_service (f->window);
  button = IUM_TOKEN_BUTTON (ium_main_window_get_token_button (f->window));
  g_assert_nonnull (strstr (ium_token_button_get_label (button), "carol"));

  /* Taking it plainly is not offered; taking over asks for a reason first. */
  ium_token_button_popup (button);
  ium_test_gui_flush ();
  gtk_widget_activate_action (GTK_WIDGET (button), "token.take", NULL);
  gtk_widget_activate_action (GTK_WIDGET (button), "token.steal", NULL);
  ium_test_gui_flush ();
  token = stored_token (f);
  g_assert_cmpstr (token->holder, ==, "carol");
  g_clear_pointer (&token, ium_token_free);

  reason = ium_token_button_get_reason_entry (button);
  g_assert_nonnull (reason);
  gtk_editable_set_text (reason, "carol is away and TS1 is down");
  gtk_widget_activate_action (GTK_WIDGET (button), "token.steal", NULL);
  WAIT_FOR (ium_inventory_service_get_holds_token (service));

  token = stored_token (f);
  g_assert_cmpstr (token->holder, ==, IUM_TEST_GUI_WHO);
  history = ium_token_list_history (other, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpstr (last->action, ==, "steal");
  g_assert_cmpstr (last->reason, ==, "carol is away and TS1 is down");
}

static void
test_token_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) other = ium_test_gui_open_store (f);
  IumInventoryService *service;
  IumTokenButton      *button;

  ium_test_gui_open (f, FALSE);
  service = ium_main_window_get_service (f->window);
  button = IUM_TOKEN_BUTTON (ium_main_window_get_token_button (f->window));

  /* carol takes it between the window's last look and our click. */
  g_assert_true (ium_token_take (other, "carol", NULL, FALSE, NULL, &error));
  gtk_widget_activate_action (GTK_WIDGET (button), "token.take", NULL);
  WAIT_FOR (ium_token_button_get_error (button) != NULL);
  g_assert_nonnull (strstr (ium_token_button_get_error (button), "Refused"));
  /* ...and then the window shows who has it. */
  WAIT_FOR (strstr (ium_token_button_get_label (button), "carol") != NULL);
  g_assert_false (ium_inventory_service_get_holds_token (service));
}

static void
test_corrupt (Fixture *f, gconstpointer data)
{
  const char garbage[] = "Not an inventory: the first page of someone's thesis.\n";
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;
  IumBanner       *banner;

  g_file_set_contents (f->path, garbage, -1, &error);
  g_assert_no_error (error);
  ium_test_gui_open (f, TRUE);
  banner = ium_main_window_get_banner (f->window);

  /* In the window, in words, with what to do, and the file as it was. */
  WAIT_FOR (ium_banner_get_revealed (banner));
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_ERROR);
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "The inventory is damaged");
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "has not been changed"));
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "open another inventory"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "import"));
  g_file_get_contents (f->path, &after, NULL, &error);
  g_assert_cmpstr (after, ==, garbage);
}

static void
test_missing (Fixture *f, gconstpointer data)
{
  IumBanner           *banner;
  IumInventoryService *service;

  /* Nothing at the path: the window says so and offers to create it. */
  ium_test_gui_open (f, TRUE);
  banner = ium_main_window_get_banner (f->window);
  service = ium_main_window_get_service (f->window);
  WAIT_FOR (ium_banner_get_revealed (banner));
  g_assert_cmpstr (ium_banner_get_title (banner), ==, "There is no inventory here yet");
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "create", NULL);
  WAIT_FOR (ium_inventory_service_get_inventory (service) != NULL);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  WAIT_FOR (!ium_banner_get_revealed (banner));
}

static gboolean
toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static void
close_toplevels_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* borrowed */

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i - 1);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
test_dialogs (Fixture *f, gconstpointer data)
{
  GActionGroup *app;

  ium_test_gui_open (f, FALSE);
  app = G_ACTION_GROUP (f->application);

  /* The main menu's entries open what they say, with no warnings (which are fatal here). */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-help-overlay", NULL);
  WAIT_FOR (toplevel_of_type (GTK_TYPE_SHORTCUTS_WINDOW));
  close_toplevels_of_type (GTK_TYPE_SHORTCUTS_WINDOW);

  g_action_group_activate_action (app, "preferences", NULL);
  WAIT_FOR (toplevel_of_type (g_type_from_name ("IumPreferencesDialog")));
  close_toplevels_of_type (g_type_from_name ("IumPreferencesDialog"));

  g_action_group_activate_action (app, "about", NULL);
  WAIT_FOR (toplevel_of_type (GTK_TYPE_ABOUT_DIALOG));
  close_toplevels_of_type (GTK_TYPE_ABOUT_DIALOG);

  /* The accelerators of the shortcuts window and the menu are set. */
  {
    guint               n_views;
    const IumViewEntry *views = ium_views_get (&n_views);

    /* Alt+N for the N-th view of ium-views.c. */
    for (guint i = 0; i < n_views && i < 9; i++)
      {
        g_autofree char *action = g_strdup_printf ("win.view::%s", views[i].name);
        g_autofree char *expected = g_strdup_printf ("<Alt>%u", i + 1);
        g_auto (GStrv) accels =
          gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);
        g_assert_cmpstr (accels[0], ==, expected);
      }
  }
  {
    g_auto (GStrv) accels =
      gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.open");
    g_assert_cmpstr (accels[0], ==, "<Control>o");
  }
  ium_test_gui_flush ();
}

static void
test_preferences_identity (Fixture *f, gconstpointer data)
{
  GSettings *settings;

  ium_test_gui_open (f, FALSE);
  settings = ium_application_get_settings (f->application);
  g_assert_nonnull (settings);

  /* --as (set by the harness) wins over the setting; without it, the setting is used. */
  g_settings_set_string (settings, "identity", "Grace Hopper");
  ium_test_gui_flush ();
  g_assert_cmpstr (ium_inventory_service_get_who (ium_main_window_get_service (f->window)), ==,
                   IUM_TEST_GUI_WHO);
  ium_application_set_identity (f->application, NULL);
  g_assert_cmpstr (ium_inventory_service_get_who (ium_main_window_get_service (f->window)), ==,
                   "Grace Hopper");
  g_settings_set_string (settings, "identity", "");
  g_assert_cmpstr (ium_inventory_service_get_who (ium_main_window_get_service (f->window)), ==,
                   g_get_user_name ());
}

static void
test_progress (Fixture *f, gconstpointer data)
{
  GCancellable *cancellable;

  ium_test_gui_open (f, FALSE);
  g_assert_false (ium_main_window_get_busy (f->window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "cancel-job"));

  /* Long work shows a progress bar whose Cancel cancels it. */
  cancellable = ium_main_window_begin_job (f->window, "Planning 10,000 instruments…");
  g_assert_true (ium_main_window_get_busy (f->window));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "cancel-job"));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "cancel-job", NULL);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  ium_main_window_end_job (f->window, cancellable);
  g_assert_false (ium_main_window_get_busy (f->window));
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *good_path = g_build_filename (f->dir, "good.json", NULL);
  g_autoptr (GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr (GFile) good = g_file_new_for_path (good_path);
  IumInventoryService *service;
  IumBanner           *banner;

  g_file_set_contents (bad_path,
                       "{\"format\": \"ium-inventory\", \"format_version\": 1, \"instruments\": ["
                       "{\"name\": \"NEWONE\", \"site\": \"TS1\", \"hosts\": [{\"name\": \"h\","
                       " \"role\": \"control\", \"installed\": {\"ibex-server\": \"12.x\"}}]}]}",
                       -1, &error);
  g_file_set_contents (
    good_path,
    "{\"format\": \"ium-inventory\", \"format_version\": 1, \"instruments\": ["
    "{\"name\": \"NEWONE\", \"site\": \"TS1\", \"hosts\": [{\"name\": \"h\","
    " \"role\": \"control\", \"installed\": {\"ibex-server\": \"12.3.2.380\"}}]}]}",
    -1, &error);
  g_assert_no_error (error);
  ium_test_gui_open (f, FALSE);
  service = ium_main_window_get_service (f->window);
  banner = ium_main_window_get_banner (f->window);

  /* A bad file: the banner names the file and the JSON path, and nothing is imported. */
  ium_main_window_import (f->window, bad, FALSE);
  g_assert_true (ium_main_window_get_busy (f->window));
  WAIT_FOR (!ium_main_window_get_busy (f->window));
  g_assert_true (ium_banner_get_revealed (banner));
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_ERROR);
  g_assert_nonnull (strstr (ium_banner_get_title (banner), "bad.json"));
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "instruments[0].hosts[0]"));
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "Nothing was changed"));
  g_assert_null (ium_inventory_service_lookup_row (service, "NEWONE"));

  ium_main_window_import (f->window, good, FALSE);
  WAIT_FOR (!ium_main_window_get_busy (f->window));
  g_assert_cmpint (ium_banner_get_kind (banner), ==, IUM_BANNER_INFO);
  g_assert_nonnull (strstr (ium_banner_get_body (banner), "1 added"));
  g_assert_nonnull (ium_inventory_service_lookup_row (service, "NEWONE"));
}

#define ADD(path, setup, func) \
  g_test_add ("/ium/gui/shell/" path, Fixture, NULL, setup, func, teardown)

int
main (int argc, char *argv[])
{
  ium_test_gui_init (&argc, &argv);

  ADD ("opens", setup_seeded, test_opens);
  ADD ("started-with-db", setup_seeded, test_started_with_db);
  ADD ("last-view", setup_seeded, test_last_view);
  ADD ("token/take-release", setup_seeded, test_token);
  ADD ("token/steal-needs-reason", setup_seeded, test_token_steal);
  ADD ("token/refused", setup_seeded, test_token_refused);
  ADD ("dialogs", setup_seeded, test_dialogs);
  ADD ("identity", setup_seeded, test_preferences_identity);
  ADD ("progress", setup_seeded, test_progress);
  ADD ("import", setup_seeded, test_import);
  ADD ("corrupt-database", setup_empty, test_corrupt);
  ADD ("missing-database", setup_empty, test_missing);

  return g_test_run ();
}
