/* test-update-prompt.c: the update prompt's real widgets under Xvfb, for verdicts from a
 * live server.
 *
 * With IUM_SCREENSHOT_DIR set, each prompt is also saved as update-prompt-STATUS.png there
 * (docs/screenshots/ holds the ones in the documentation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "libium-client.h"

#include "ium-test-client.h"

static IumVerdict *
check (ServerFixture *server, const char *instrument, const char *version)
{
  g_autoptr (IumClient) client = ium_client_new (server->url);
  g_autoptr (GError) error = NULL;
  IumVerdict *verdict;

  verdict = ium_client_check_sync (client, instrument, "ibex-gui", version, NULL, &error);
  g_assert_no_error (error);
  return verdict;
}

/* Presents @prompt through ium_update_prompt_run_async() and waits until it is on screen. */
static void
run_prompt (IumUpdatePrompt *prompt, GCancellable *cancellable, AsyncWait *wait)
{
  ium_update_prompt_run_async (prompt, cancellable, async_wait_cb, wait);
  while (!gtk_widget_get_mapped (GTK_WIDGET (prompt)))
    g_main_context_iteration (NULL, TRUE);
  /* Let the first frame be drawn. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static IumPromptResponse
finish_prompt (IumUpdatePrompt *prompt, AsyncWait *wait, GError **error)
{
  g_autoptr (GAsyncResult) result = async_wait_run (wait);

  return ium_update_prompt_run_finish (prompt, result, error);
}

/* The visible labels and buttons of the prompt's content, top to bottom, as one text:
 * "[Button]" for a button (with " (default)" for the window's default), a label's text
 * otherwise. */
static void
describe_widget (GtkWidget *widget, GtkWindow *window, GString *text)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_BUTTON (widget))
    {
      g_string_append_printf (text, "[%s%s] ", gtk_button_get_label (GTK_BUTTON (widget)),
                              gtk_window_get_default_widget (window) == widget ? " (default)" : "");
      return;
    }

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe_widget (child, window, text);
}

static char *
describe_prompt (IumUpdatePrompt *prompt)
{
  GString *text = g_string_new (NULL);

  describe_widget (gtk_window_get_child (GTK_WINDOW (prompt)), GTK_WINDOW (prompt), text);
  g_strchomp (text->str);
  text->len = strlen (text->str);
  return g_string_free (text, FALSE);
}

static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
icon_of (IumUpdatePrompt *prompt)
{
  GtkWidget *box = gtk_window_get_child (GTK_WINDOW (prompt));

  return gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_first_child (box)));
}

/* Saves what @prompt shows, window decorations included, when IUM_SCREENSHOT_DIR is set. */
static void
save_screenshot (IumUpdatePrompt *prompt, const char *name)
{
  const char *dir = g_getenv ("IUM_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int              width = gtk_widget_get_width (GTK_WIDGET (prompt));
  int              height = gtk_widget_get_height (GTK_WIDGET (prompt));

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (GTK_WIDGET (prompt));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (prompt)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("update-prompt-%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

typedef struct
{
  const char *name;
  const char *instrument;
  const char *version;
  const char *icon;
  const char *shown;
} Case;

static const Case cases[] = {
  { "ok", "LARMOR", "12.3.2.380", "emblem-ok-symbolic",
    "Up to date\n"
    "IBEX GUI 12.3.2.380 is up to date for LARMOR.\n"
    "This client: 12.3.2.380 · Recommended: 12.3.2.380\n"
    "LARMOR’s server: 12.3.2.380\n"
    "[Connect (default)]" },
  { "update-available", "LARMOR", "12.3.0.350", "software-update-available-symbolic",
    "Version 12.3.2.380 is available\n"
    "IBEX GUI 12.3.0.350 works with the IBEX server 12.3.2.380 on LARMOR. "
    "Version 12.3.2.380 is available.\n"
    "This client: 12.3.0.350 · Recommended: 12.3.2.380\n"
    "LARMOR’s server: 12.3.2.380\n"
    "[Remind me later] [Get version 12.3.2.380 (default)]" },
  { "client-newer", "LARMOR", "12.4.0.1", "dialog-warning-symbolic",
    "This version is newer than LARMOR’s server\n"
    "IBEX GUI 12.4.0.1 is newer than the IBEX server 12.3.2.380 on LARMOR and may use "
    "features it lacks. Install 12.3.2.380 to be safe.\n"
    "This client: 12.4.0.1 · Recommended: 12.3.2.380\n"
    "LARMOR’s server: 12.3.2.380\n"
    "Features that the server lacks may fail or give wrong results.\n"
    "[Connect (default)] [Get version 12.3.2.380]" },
  { "incompatible", "LARMOR", "11.2.0.5", "dialog-error-symbolic",
    "This version cannot connect to LARMOR\n"
    "IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.3.2.380 on LARMOR: major versions "
    "differ. Install 12.3.2.380.\n"
    "This client: 11.2.0.5 · Recommended: 12.3.2.380\n"
    "LARMOR’s server: 12.3.2.380\n"
    "Connecting anyway may fail or give wrong results, and support staff are told that you "
    "did.\n"
    "[Connect anyway] [Do not connect] [Get version 12.3.2.380 (default)]" },
  { "partial", "WISH", "12.3.0.350", "software-update-available-symbolic",
    "Version 12.3.2.380 is available\n"
    "IBEX GUI 12.3.0.350 works with the IBEX server 12.3.1.365 on WISH. "
    "Version 12.3.2.380 is available.\n"
    "This client: 12.3.0.350 · Recommended: 12.3.2.380\n"
    "WISH’s server: 12.3.1.365\n"
    "WISH is part-way through an upgrade: its computers run different server versions, and "
    "the lowest (12.3.1.365) was checked.\n"
    "[Remind me later] [Get version 12.3.2.380 (default)]" },
};

static void
test_shows_verdict (ServerFixture *server, gconstpointer data)
{
  const Case *c = data;
  g_autoptr (IumClient) client = ium_client_new (server->url);
  g_autoptr (IumVerdict) verdict = check (server, c->instrument, c->version);
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *title = NULL;
  IumUpdatePrompt *prompt = ium_update_prompt_new (client, model);
  AsyncWait        wait = { 0 };

  run_prompt (prompt, NULL, &wait);

  shown = describe_prompt (prompt);
  g_assert_cmpstr (shown, ==, c->shown);
  g_assert_cmpstr (icon_of (prompt), ==, c->icon);
  title = g_strdup_printf ("Connecting to %s", c->instrument);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (prompt)), ==, title);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (prompt)));
  save_screenshot (prompt, c->name);

  /* Closing the window is the model's dismiss answer. */
  gtk_window_close (GTK_WINDOW (prompt));
  g_assert_cmpint (finish_prompt (prompt, &wait, &error), ==,
                   ium_prompt_model_get_dismiss_response (model));
  g_assert_no_error (error);
}

static void
test_unreachable (void)
{
  g_autoptr (IumPromptModel) model =
    ium_prompt_model_new_unreachable ("LARMOR", "ibex-gui", "12.3.0.350",
                                      "Could not reach the Instrument Update Manager server "
                                      "at http://127.0.0.1:8080: Connection refused");
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;
  IumUpdatePrompt *prompt = ium_update_prompt_new (NULL, model);
  AsyncWait        wait = { 0 };

  run_prompt (prompt, NULL, &wait);

  shown = describe_prompt (prompt);
  g_assert_cmpstr (shown, ==,
                   "Could not check for updates\n"
                   "The Instrument Update Manager server did not answer, so whether version "
                   "12.3.0.350 works with LARMOR is unknown. You can connect; the check runs "
                   "again next time.\n"
                   "Could not reach the Instrument Update Manager server at "
                   "http://127.0.0.1:8080: Connection refused\n"
                   "[Connect (default)]");
  g_assert_cmpstr (icon_of (prompt), ==, "network-offline-symbolic");
  save_screenshot (prompt, "unreachable");

  gtk_widget_activate (find_button (GTK_WIDGET (prompt), "Connect"));
  g_assert_cmpint (finish_prompt (prompt, &wait, &error), ==, IUM_PROMPT_RESPONSE_CONNECT);
  g_assert_no_error (error);
}

static void
response_cb (IumUpdatePrompt *prompt, IumPromptResponse response, GArray *responses)
{
  g_array_append_val (responses, response);
}

static void
test_connect_anyway (ServerFixture *server, gconstpointer data)
{
  g_autoptr (IumClient) client = ium_client_new (server->url);
  g_autoptr (IumVerdict) verdict = check (server, "LARMOR", "11.2.0.5");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autoptr (GArray) responses = g_array_new (FALSE, FALSE, sizeof (IumPromptResponse));
  g_autoptr (GError) error = NULL;
  g_autofree char *checks = NULL;
  IumUpdatePrompt *prompt = ium_update_prompt_new (client, model);
  g_autoptr (IumUpdatePrompt) hold = g_object_ref (prompt);
  AsyncWait wait = { 0 };

  g_signal_connect (prompt, "response", G_CALLBACK (response_cb), responses);
  run_prompt (prompt, NULL, &wait);

  /* Nothing is reported before the user chooses. */
  wait_for_check (server, "check LARMOR ibex-gui 11.2.0.5 incompatible");
  checks = dup_checks (server);
  g_assert_null (strstr (checks, "connect-anyway"));

  gtk_widget_activate (find_button (GTK_WIDGET (prompt), "Connect anyway"));
  g_assert_cmpint (finish_prompt (prompt, &wait, &error), ==, IUM_PROMPT_RESPONSE_CONNECT);
  g_assert_no_error (error);
  wait_for_check (server, "connect-anyway LARMOR ibex-gui 11.2.0.5 incompatible");

  /* One response, and the prompt is gone. */
  g_assert_cmpuint (responses->len, ==, 1);
  g_assert_cmpint (g_array_index (responses, IumPromptResponse, 0), ==,
                   IUM_PROMPT_RESPONSE_CONNECT);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (prompt)));
}

static gboolean
open_download_cb (IumUpdatePrompt *prompt, const char *url, char **opened)
{
  g_free (*opened);
  *opened = g_strdup (url);
  return TRUE;
}

/* Shows the prompt for LARMOR's verdict on @version, chooses @label (NULL: the default
 * button, by Enter) and returns the response; @opened gets the URL it opened, if any. */
static IumPromptResponse
choose (ServerFixture *server, const char *version, const char *label, char **opened)
{
  g_autoptr (IumClient) client = ium_client_new (server->url);
  g_autoptr (IumVerdict) verdict = check (server, "LARMOR", version);
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autoptr (GError) error = NULL;
  IumUpdatePrompt  *prompt = ium_update_prompt_new (client, model);
  IumPromptResponse response;
  AsyncWait         wait = { 0 };

  g_signal_connect (prompt, "open-download", G_CALLBACK (open_download_cb), opened);
  run_prompt (prompt, NULL, &wait);
  if (label != NULL)
    gtk_widget_activate (find_button (GTK_WIDGET (prompt), label));
  else
    gtk_widget_activate_default (GTK_WIDGET (prompt));
  response = finish_prompt (prompt, &wait, &error);
  g_assert_no_error (error);

  return response;
}

static void
test_choices (ServerFixture *server, gconstpointer data)
{
  const struct
  {
    const char       *version;
    const char       *label;
    IumPromptResponse response;
    gboolean          opens;
  } choices[] = {
    /* Enter: "Get version X". The running version works, so the client connects while the
     * update downloads; an incompatible one does not. */
    { "12.3.0.350", NULL, IUM_PROMPT_RESPONSE_CONNECT, TRUE },
    { "11.2.0.5", NULL, IUM_PROMPT_RESPONSE_DO_NOT_CONNECT, TRUE },
    { "12.4.0.1", NULL, IUM_PROMPT_RESPONSE_CONNECT, FALSE },
    { "12.4.0.1", "Get version 12.3.2.380", IUM_PROMPT_RESPONSE_CONNECT, TRUE },
    { "12.3.0.350", "Remind me later", IUM_PROMPT_RESPONSE_REMIND_LATER, FALSE },
    { "11.2.0.5", "Do not connect", IUM_PROMPT_RESPONSE_DO_NOT_CONNECT, FALSE },
  };
  g_autoptr (IumVerdict) later = NULL;
  g_autofree char *checks = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autofree char *opened = NULL;

      g_assert_cmpint (choose (server, choices[i].version, choices[i].label, &opened), ==,
                       choices[i].response);
      g_assert_cmpstr (opened, ==,
                       choices[i].opens ? "https://downloads.example.org/ibex/12.3.2.380" : NULL);
    }

  /* Only "Connect anyway" is reported: once a later check is in the log, a report would be. */
  later = check (server, "LARMOR", "12.3.2.380");
  wait_for_check (server, "check LARMOR ibex-gui 12.3.2.380 ok");
  checks = dup_checks (server);
  g_assert_null (strstr (checks, "connect-anyway"));
}

static void
test_cancel (void)
{
  g_autoptr (IumVerdict) verdict =
    ium_verdict_new ("LARMOR", "ibex-gui", "11.2.0.5", "ibex-server", "12.3.2.380",
                     IUM_VERDICT_INCOMPATIBLE, NULL, NULL, NULL, "No.");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  IumUpdatePrompt *prompt = ium_update_prompt_new (NULL, model);
  g_autoptr (IumUpdatePrompt) hold = g_object_ref (prompt);
  AsyncWait wait = { 0 };

  /* The caller gave up (it quit, or the user picked another instrument): the prompt goes. */
  run_prompt (prompt, cancellable, &wait);
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (finish_prompt (prompt, &wait, &error), ==, IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (prompt)));
}

static Result
run_demo (const char *const *args)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_ptr_array_add (argv, (gpointer) g_getenv ("IUM_CLIENT_DEMO"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return finish (process);
}

/* ium-client-demo: what it prints, and its exit status when it does not connect. */
static void
test_demo (ServerFixture *server, gconstpointer data)
{
  const char *missing[] = { "--server", server->url, "--instrument", "LARMOR", "--component",
                            "ibex-gui", NULL };
  const char *unknown[] = { "--server", server->url, "--instrument", "NOSUCH", "--component",
                            "ibex-gui", "--version", "12.3.2.380",   NULL };
  const char *bad_timeout[] = { "--server",  server->url,   "--instrument",
                                "LARMOR",    "--component", "ibex-gui",
                                "--version", "1",           "--timeout",
                                "-1",        NULL };
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out_path = g_build_filename (server->base.dir, "demo.out", NULL);
  g_autofree char *out = NULL;
  gint64           deadline;
  Result           r;

  r = run_demo (missing);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==,
                   "ium-client-demo: --version is required\n"
                   "Try “ium-client-demo --help”.\n");
  result_clear (&r);

  r = run_demo (bad_timeout);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--timeout must be 0 or more seconds, not -1"));
  result_clear (&r);

  /* The server refused the question: a setup error, in the server's words. */
  r = run_demo (unknown);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "NOSUCH"));
  result_clear (&r);

  /* An up-to-date client prints the verdict and connects without a prompt; its "connected"
   * window then stays until closed. */
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("IUM_CLIENT_DEMO"), "--server",
                                         server->url, "--instrument", "LARMOR", "--component",
                                         "ibex-gui", "--version", "12.3.2.380", NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (out == NULL || strstr (out, "choice: connect\n") == NULL)
    {
      g_clear_pointer (&out, g_free);
      g_file_get_contents (out_path, &out, NULL, NULL);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_str_has_prefix (out, "{\n  \"instrument\" : \"LARMOR\",\n"));
  g_assert_nonnull (strstr (out, "\"status\" : \"ok\""));
  g_assert_true (g_str_has_suffix (out, "}\nchoice: connect\n"));
}

int
main (int argc, char *argv[])
{
  g_auto (GStrv) system_dirs = NULL;
  GtkIconTheme *icon_theme;

  /* G_TEST_OPTION_ISOLATE_DIRS hides the system's data directories, where the MIME database
   * (which tells gdk-pixbuf that an icon is SVG) and the icon theme live: keep both. */
  g_content_type_set_mime_dirs (NULL);
  system_dirs = g_strdupv ((char **) g_get_system_data_dirs ());

  server_test_init (&argc, &argv);
  /* The prompt's words in English whatever the environment says (test-prompt-i18n checks
   * them in German); gtk_init () sets the locale from these. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  gtk_init ();

  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icon_theme, icons);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ium/update-prompt/shows/%s", cases[i].name);

      g_test_add (path, ServerFixture, &cases[i], client_fixture_setup, test_shows_verdict,
                  client_fixture_teardown);
    }
  g_test_add_func ("/ium/update-prompt/shows/unreachable", test_unreachable);
  g_test_add ("/ium/update-prompt/connect-anyway", ServerFixture, NULL, client_fixture_setup,
              test_connect_anyway, client_fixture_teardown);
  g_test_add ("/ium/update-prompt/choices", ServerFixture, NULL, client_fixture_setup, test_choices,
              client_fixture_teardown);
  g_test_add_func ("/ium/update-prompt/cancel", test_cancel);
  g_test_add ("/ium/update-prompt/demo", ServerFixture, NULL, client_fixture_setup, test_demo,
              client_fixture_teardown);

  return g_test_run ();
}
