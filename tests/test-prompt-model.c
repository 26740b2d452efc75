/* test-prompt-model.c: what the update prompt shows for each verdict, without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ium-prompt-model.h"

#include "ium-client-enums.h"

#define DOWNLOAD "https://downloads.example.org/ibex/12.0.1.130"

static IumVerdict *
make_verdict (IumVerdictStatus   status,
              const char        *client_version,
              const char        *recommended,
              const char        *download_url,
              const char *const *warnings,
              const char        *message)
{
  return ium_verdict_new ("LARMOR", "ibex-gui", client_version, "ibex-server", "12.0.1.130", status,
                          recommended, download_url, warnings, message);
}

/* Every label the prompt shows, with the buttons named by their labels, so that a test
 * compares the whole prompt at once. */
static char *
describe_buttons (IumPromptModel *model)
{
  static const IumPromptButton order[] = {
    IUM_PROMPT_BUTTON_CONNECT_ANYWAY, IUM_PROMPT_BUTTON_DO_NOT_CONNECT,
    IUM_PROMPT_BUTTON_REMIND_LATER,   IUM_PROMPT_BUTTON_CONNECT,
    IUM_PROMPT_BUTTON_GET_UPDATE,
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *label = ium_prompt_model_get_button_label (model, order[i]);

      g_assert_cmpint ((ium_prompt_model_get_buttons (model) & order[i]) != 0, ==, label != NULL);
      if (label == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, " | ");
      g_string_append (text, label);
      if (ium_prompt_model_get_default_button (model) == order[i])
        g_string_append (text, " (default)");
    }

  return g_string_free (text, FALSE);
}

static void
test_ok (void)
{
  g_autoptr (IumVerdict) verdict =
    make_verdict (IUM_VERDICT_OK, "12.0.1.130", "12.0.1.130", DOWNLOAD, NULL,
                  "IBEX GUI 12.0.1.130 is up to date for LARMOR.");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autofree char *buttons = describe_buttons (model);

  /* A client connects silently; shown on demand, the prompt just says so. */
  g_assert_false (ium_prompt_model_get_needs_prompt (model));
  g_assert_true (ium_prompt_model_get_can_connect (model));
  g_assert_false (ium_prompt_model_get_unreachable (model));
  g_assert_true (ium_prompt_model_get_verdict (model) == verdict);
  g_assert_cmpstr (ium_prompt_model_get_title (model), ==, "Connecting to LARMOR");
  g_assert_cmpstr (ium_prompt_model_get_headline (model), ==, "Up to date");
  g_assert_cmpstr (ium_prompt_model_get_body (model), ==,
                   "IBEX GUI 12.0.1.130 is up to date for LARMOR.");
  g_assert_cmpstr (ium_prompt_model_get_details (model), ==,
                   "This client: 12.0.1.130 · Recommended: 12.0.1.130\n"
                   "LARMOR’s server: 12.0.1.130");
  g_assert_null (ium_prompt_model_get_warning (model));
  g_assert_cmpstr (ium_prompt_model_get_icon_name (model), ==, "emblem-ok-symbolic");
  g_assert_cmpint (ium_prompt_model_get_tone (model), ==, IUM_PROMPT_TONE_SUCCESS);
  /* Nothing to get, even though the server names a download. */
  g_assert_cmpstr (buttons, ==, "Connect (default)");
  g_assert_null (ium_prompt_model_get_download_url (model));
  g_assert_cmpint (ium_prompt_model_get_dismiss_response (model), ==, IUM_PROMPT_RESPONSE_CONNECT);
  g_assert_cmpint (ium_prompt_model_get_button_response (model, IUM_PROMPT_BUTTON_CONNECT), ==,
                   IUM_PROMPT_RESPONSE_CONNECT);
}

static void
test_update_available (void)
{
  g_autoptr (IumVerdict) verdict =
    make_verdict (IUM_VERDICT_UPDATE_AVAILABLE, "12.0.0.100", "12.0.1.130", DOWNLOAD, NULL,
                  "IBEX GUI 12.0.0.100 works with the IBEX server 12.0.1.130 on LARMOR. "
                  "Version 12.0.1.130 is available.");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autofree char *buttons = describe_buttons (model);

  g_assert_true (ium_prompt_model_get_needs_prompt (model));
  g_assert_true (ium_prompt_model_get_can_connect (model));
  g_assert_cmpstr (ium_prompt_model_get_headline (model), ==, "Version 12.0.1.130 is available");
  g_assert_cmpstr (ium_prompt_model_get_body (model), ==, ium_verdict_get_message (verdict));
  g_assert_cmpstr (ium_prompt_model_get_details (model), ==,
                   "This client: 12.0.0.100 · Recommended: 12.0.1.130\n"
                   "LARMOR’s server: 12.0.1.130");
  g_assert_null (ium_prompt_model_get_warning (model));
  g_assert_cmpstr (ium_prompt_model_get_icon_name (model), ==,
                   "software-update-available-symbolic");
  g_assert_cmpint (ium_prompt_model_get_tone (model), ==, IUM_PROMPT_TONE_INFO);
  g_assert_cmpstr (buttons, ==, "Remind me later | Get version 12.0.1.130 (default)");
  g_assert_cmpstr (ium_prompt_model_get_download_url (model), ==, DOWNLOAD);

  /* The running version works: getting the update and putting it off both connect. */
  g_assert_cmpint (ium_prompt_model_get_button_response (model, IUM_PROMPT_BUTTON_GET_UPDATE), ==,
                   IUM_PROMPT_RESPONSE_CONNECT);
  g_assert_cmpint (ium_prompt_model_get_button_response (model, IUM_PROMPT_BUTTON_REMIND_LATER), ==,
                   IUM_PROMPT_RESPONSE_REMIND_LATER);
  g_assert_cmpint (ium_prompt_model_get_dismiss_response (model), ==,
                   IUM_PROMPT_RESPONSE_REMIND_LATER);
}

static void
test_update_available_no_url (void)
{
  g_autoptr (IumVerdict) verdict =
    make_verdict (IUM_VERDICT_UPDATE_AVAILABLE, "12.0.0.100", "12.0.1.130", NULL, NULL,
                  "IBEX GUI 12.0.0.100 works with the IBEX server 12.0.1.130 on LARMOR. "
                  "Version 12.0.1.130 is available.");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autofree char *buttons = describe_buttons (model);

  /* Without a URL there is nothing to open: say who has it instead. */
  g_assert_cmpstr (buttons, ==, "Remind me later (default)");
  g_assert_null (ium_prompt_model_get_download_url (model));
  g_assert_true (g_str_has_suffix (ium_prompt_model_get_body (model),
                                   "is available. Ask support staff how to install it."));
}

static void
test_client_newer (void)
{
  g_autoptr (IumVerdict) verdict =
    make_verdict (IUM_VERDICT_CLIENT_NEWER, "12.2.0.1", "12.0.1.130", DOWNLOAD, NULL,
                  "IBEX GUI 12.2.0.1 is newer than the IBEX server 12.0.1.130 on LARMOR and "
                  "may use features it lacks. Install 12.0.1.130 to be safe.");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autofree char *buttons = describe_buttons (model);

  g_assert_true (ium_prompt_model_get_needs_prompt (model));
  g_assert_true (ium_prompt_model_get_can_connect (model));
  g_assert_cmpstr (ium_prompt_model_get_headline (model), ==,
                   "This version is newer than LARMOR’s server");
  g_assert_cmpstr (ium_prompt_model_get_body (model), ==, ium_verdict_get_message (verdict));
  g_assert_cmpstr (ium_prompt_model_get_warning (model), ==,
                   "Features that the server lacks may fail or give wrong results.");
  g_assert_cmpstr (ium_prompt_model_get_icon_name (model), ==, "dialog-warning-symbolic");
  g_assert_cmpint (ium_prompt_model_get_tone (model), ==, IUM_PROMPT_TONE_WARNING);
  /* Connecting is what the user came for; the older version is offered, not pressed. */
  g_assert_cmpstr (buttons, ==, "Connect (default) | Get version 12.0.1.130");
  g_assert_cmpint (ium_prompt_model_get_button_response (model, IUM_PROMPT_BUTTON_GET_UPDATE), ==,
                   IUM_PROMPT_RESPONSE_CONNECT);
  g_assert_cmpint (ium_prompt_model_get_dismiss_response (model), ==, IUM_PROMPT_RESPONSE_CONNECT);
}

static void
test_incompatible (void)
{
  g_autoptr (IumVerdict) verdict =
    make_verdict (IUM_VERDICT_INCOMPATIBLE, "11.2.0.5", "12.0.1.130", DOWNLOAD, NULL,
                  "IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.0.1.130 on LARMOR: "
                  "major versions differ. Install 12.0.1.130.");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autofree char *buttons = describe_buttons (model);

  g_assert_true (ium_prompt_model_get_needs_prompt (model));
  g_assert_false (ium_prompt_model_get_can_connect (model));
  g_assert_cmpstr (ium_prompt_model_get_headline (model), ==,
                   "This version cannot connect to LARMOR");
  g_assert_cmpstr (ium_prompt_model_get_body (model), ==, ium_verdict_get_message (verdict));
  g_assert_cmpstr (ium_prompt_model_get_warning (model), ==,
                   "Connecting anyway may fail or give wrong results, and support staff are "
                   "told that you did.");
  g_assert_cmpstr (ium_prompt_model_get_icon_name (model), ==, "dialog-error-symbolic");
  g_assert_cmpint (ium_prompt_model_get_tone (model), ==, IUM_PROMPT_TONE_ERROR);
  g_assert_cmpstr (buttons, ==,
                   "Connect anyway | Do not connect | Get version 12.0.1.130 (default)");

  /* Only "Connect anyway" connects; getting the update and closing do not. */
  g_assert_cmpint (ium_prompt_model_get_button_response (model, IUM_PROMPT_BUTTON_CONNECT_ANYWAY),
                   ==, IUM_PROMPT_RESPONSE_CONNECT);
  g_assert_cmpint (ium_prompt_model_get_button_response (model, IUM_PROMPT_BUTTON_GET_UPDATE), ==,
                   IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);
  g_assert_cmpint (ium_prompt_model_get_button_response (model, IUM_PROMPT_BUTTON_DO_NOT_CONNECT),
                   ==, IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);
  g_assert_cmpint (ium_prompt_model_get_dismiss_response (model), ==,
                   IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);
}

static void
test_incompatible_no_release (void)
{
  g_autoptr (IumVerdict) verdict =
    make_verdict (IUM_VERDICT_INCOMPATIBLE, "11.2.0.5", NULL, NULL, NULL,
                  "IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.0.1.130 on LARMOR: "
                  "major versions differ. Ask support for a compatible version.");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autofree char *buttons = describe_buttons (model);

  /* Nothing to recommend: the safe choice is the default, never "Connect anyway". */
  g_assert_cmpstr (buttons, ==, "Connect anyway | Do not connect (default)");
  g_assert_cmpstr (ium_prompt_model_get_details (model), ==,
                   "This client: 11.2.0.5\nLARMOR’s server: 12.0.1.130");
}

static void
test_warnings (void)
{
  /* As the server words them, and a warning this version does not know. */
  const char *const warnings[] = {
    "partial: the hosts of LARMOR run different ibex-server versions (12.0.1.130, 12.1.0.1); "
    "the lowest is used",
    "odd-thing", NULL
  };
  g_autoptr (IumVerdict) verdict =
    make_verdict (IUM_VERDICT_CLIENT_NEWER, "12.2.0.1", NULL, NULL, warnings, "Newer.");
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);
  g_autoptr (IumVerdict) ok_verdict =
    make_verdict (IUM_VERDICT_OK, "12.0.1.130", "12.0.1.130", NULL, warnings, "Fine.");
  g_autoptr (IumPromptModel) ok_model = ium_prompt_model_new (ok_verdict);

  /* The status's own warning first, then the server's, one a line. */
  g_assert_cmpstr (ium_prompt_model_get_warning (model), ==,
                   "Features that the server lacks may fail or give wrong results.\n"
                   "LARMOR is part-way through an upgrade: its computers run different server "
                   "versions, and the lowest (12.0.1.130) was checked.\n"
                   "The server also warns: “odd-thing”.");
  g_assert_true (g_str_has_prefix (ium_prompt_model_get_warning (ok_model),
                                   "LARMOR is part-way through an upgrade"));
  /* A warning does not make an ok verdict worth a prompt. */
  g_assert_false (ium_prompt_model_get_needs_prompt (ok_model));
}

static void
test_unreachable (void)
{
  g_autoptr (IumPromptModel) model =
    ium_prompt_model_new_unreachable ("LARMOR", "ibex-gui", "12.0.0.100",
                                      "Could not reach the Instrument Update Manager server at "
                                      "http://127.0.0.1:1: Connection refused");
  g_autofree char *buttons = describe_buttons (model);

  /* No answer is no reason to keep anyone from the instrument. */
  g_assert_false (ium_prompt_model_get_needs_prompt (model));
  g_assert_true (ium_prompt_model_get_can_connect (model));
  g_assert_true (ium_prompt_model_get_unreachable (model));
  g_assert_null (ium_prompt_model_get_verdict (model));
  g_assert_cmpstr (ium_prompt_model_get_instrument (model), ==, "LARMOR");
  g_assert_cmpstr (ium_prompt_model_get_component (model), ==, "ibex-gui");
  g_assert_cmpstr (ium_prompt_model_get_version (model), ==, "12.0.0.100");
  g_assert_cmpstr (ium_prompt_model_get_headline (model), ==, "Could not check for updates");
  g_assert_cmpstr (ium_prompt_model_get_body (model), ==,
                   "The Instrument Update Manager server did not answer, so whether version "
                   "12.0.0.100 works with LARMOR is unknown. You can connect; the check runs "
                   "again next time.");
  g_assert_cmpstr (ium_prompt_model_get_details (model), ==,
                   "Could not reach the Instrument Update Manager server at "
                   "http://127.0.0.1:1: Connection refused");
  g_assert_null (ium_prompt_model_get_warning (model));
  g_assert_cmpstr (ium_prompt_model_get_icon_name (model), ==, "network-offline-symbolic");
  g_assert_cmpint (ium_prompt_model_get_tone (model), ==, IUM_PROMPT_TONE_INFO);
  g_assert_cmpstr (buttons, ==, "Connect (default)");
  g_assert_null (ium_prompt_model_get_download_url (model));
  g_assert_cmpint (ium_prompt_model_get_dismiss_response (model), ==, IUM_PROMPT_RESPONSE_CONNECT);
}

static void
test_properties (void)
{
  g_autoptr (IumVerdict) verdict =
    make_verdict (IUM_VERDICT_INCOMPATIBLE, "11.2.0.5", "12.0.1.130", DOWNLOAD, NULL, "No.");
  g_autoptr (IumPromptModel) model = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *instrument = NULL;
  IumPromptButton  buttons;
  gboolean         can_connect;

  /* Bindings build the model from properties; the verdict wins over separate names. */
  model = g_object_new (IUM_TYPE_PROMPT_MODEL, "verdict", verdict, "instrument", "WISH", NULL);
  g_object_get (model, "headline", &headline, "instrument", &instrument, "buttons", &buttons,
                "can-connect", &can_connect, NULL);
  g_assert_cmpstr (headline, ==, "This version cannot connect to LARMOR");
  g_assert_cmpstr (instrument, ==, "LARMOR");
  g_assert_cmpuint (buttons, ==,
                    IUM_PROMPT_BUTTON_CONNECT_ANYWAY | IUM_PROMPT_BUTTON_DO_NOT_CONNECT
                      | IUM_PROMPT_BUTTON_GET_UPDATE);
  g_assert_false (can_connect);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/prompt-model/ok", test_ok);
  g_test_add_func ("/ium/prompt-model/update-available", test_update_available);
  g_test_add_func ("/ium/prompt-model/update-available-no-url", test_update_available_no_url);
  g_test_add_func ("/ium/prompt-model/client-newer", test_client_newer);
  g_test_add_func ("/ium/prompt-model/incompatible", test_incompatible);
  g_test_add_func ("/ium/prompt-model/incompatible-no-release", test_incompatible_no_release);
  g_test_add_func ("/ium/prompt-model/warnings", test_warnings);
  g_test_add_func ("/ium/prompt-model/unreachable", test_unreachable);
  g_test_add_func ("/ium/prompt-model/properties", test_properties);

  return g_test_run ();
}
