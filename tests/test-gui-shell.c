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

#include "ium-test-gui.h"
#include "ium-token.h"
#include "widgets/ium-token-button.h"

typedef IumTestGui Fixture;

static void
setup_seeded (Fixture       *f,
              gconstpointer  data)
{
  ium_test_gui_setup (f, TRUE);
}

static void
setup_empty (Fixture       *f,
             gconstpointer  data)
{
  ium_test_gui_setup (f, FALSE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  ium_test_gui_teardown (f);
}

static IumToken *
stored_token (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IumStore) store = ium_test_gui_open_store (f);
  IumToken *token = ium_token_get (store, &error);

  g_assert_no_error (error);
  return token;
}

static void
test_opens (Fixture       *f,
            gconstpointer  data)
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
  g_assert_nonnull (strstr (ium_main_window_get_status (f->window),
                            "Example Neutron and Muon Source"));
  g_assert_false (ium_banner_get_revealed (ium_main_window_get_banner (f->window)));

  /* Views switch through win.view, as Alt+1... do. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("audit"));
  ium_test_gui_flush ();
  g_assert_true (gtk_widget_get_mapped (ium_main_window_get_view (f->window, "audit")));
  g_assert_false (gtk_widget_get_mapped (ium_main_window_get_view (f->window, "fleet")));
}

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  IumInventoryService *service;
  IumTokenButton *button;
  g_autoptr(IumToken) token = NULL;

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
test_token_steal (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IumStore) other = ium_test_gui_open_store (f);
  g_autoptr(IumToken) token = NULL;
  g_autoptr(GPtrArray) history = NULL;
  IumInventoryService *service;
  IumTokenButton *button;
  IumTokenEvent *last;
  GtkEditable *reason;

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
test_token_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IumStore) other = ium_test_gui_open_store (f);
  IumInventoryService *service;
  IumTokenButton *button;

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
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  const char garbage[] = "Not an inventory: the first page of someone's thesis.\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  IumBanner *banner;

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
test_missing (Fixture       *f,
              gconstpointer  data)
{
  IumBanner *banner;
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

#define ADD(path, setup, func) \
  g_test_add ("/ium/gui/shell/" path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  ium_test_gui_init (&argc, &argv);

  ADD ("opens", setup_seeded, test_opens);
  ADD ("token/take-release", setup_seeded, test_token);
  ADD ("token/steal-needs-reason", setup_seeded, test_token_steal);
  ADD ("token/refused", setup_seeded, test_token_refused);
  ADD ("corrupt-database", setup_empty, test_corrupt);
  ADD ("missing-database", setup_empty, test_missing);

  return g_test_run ();
}
