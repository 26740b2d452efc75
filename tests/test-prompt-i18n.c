/* test-prompt-i18n.c: the update prompt's words in German. The view-model runs with
 * LANGUAGE=de under LC_ALL=C.UTF-8 (which honours LANGUAGE; no de_DE locale is needed) and
 * libium-client finds the catalogue the build compiled from po/de.po in the build tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ium-prompt-model.h"

static IumVerdict *
make_verdict (IumVerdictStatus status)
{
  /* The message is the server's own, in the server's words: the prompt shows it as given. */
  return ium_verdict_new ("LARMOR", "ibex-gui", "11.2.0.5", "ibex-server", "12.0.1.130", status,
                          "12.0.1.130", "https://downloads.example.org/ibex/12.0.1.130", NULL,
                          "A message from the server.");
}

static void
test_incompatible (void)
{
  g_autoptr (IumVerdict) verdict = make_verdict (IUM_VERDICT_INCOMPATIBLE);
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);

  g_assert_cmpstr (ium_prompt_model_get_title (model), ==, "Verbindung mit LARMOR");
  g_assert_cmpstr (ium_prompt_model_get_headline (model), ==,
                   "Diese Version kann sich nicht mit LARMOR verbinden");
  g_assert_cmpstr (ium_prompt_model_get_warning (model), ==,
                   "Eine Verbindung trotz allem kann scheitern oder falsche Ergebnisse liefern, "
                   "und das Support-Team erfährt davon.");
  g_assert_cmpstr (ium_prompt_model_get_details (model), ==,
                   "Dieser Client: 11.2.0.5 · Empfohlen: 12.0.1.130\n"
                   "Server von LARMOR: 12.0.1.130");
  g_assert_cmpstr (ium_prompt_model_get_button_label (model, IUM_PROMPT_BUTTON_CONNECT_ANYWAY), ==,
                   "Trotzdem verbinden");
  g_assert_cmpstr (ium_prompt_model_get_button_label (model, IUM_PROMPT_BUTTON_DO_NOT_CONNECT), ==,
                   "Nicht verbinden");
  g_assert_cmpstr (ium_prompt_model_get_button_label (model, IUM_PROMPT_BUTTON_GET_UPDATE), ==,
                   "Version 12.0.1.130 holen");
}

static void
test_update_available (void)
{
  g_autoptr (IumVerdict) verdict = make_verdict (IUM_VERDICT_UPDATE_AVAILABLE);
  g_autoptr (IumPromptModel) model = ium_prompt_model_new (verdict);

  g_assert_cmpstr (ium_prompt_model_get_headline (model), ==, "Version 12.0.1.130 ist verfügbar");
  g_assert_cmpstr (ium_prompt_model_get_body (model), ==, "A message from the server.");
  g_assert_cmpstr (ium_prompt_model_get_button_label (model, IUM_PROMPT_BUTTON_REMIND_LATER), ==,
                   "Später erinnern");
}

static void
test_unreachable (void)
{
  g_autoptr (IumPromptModel) model =
    ium_prompt_model_new_unreachable ("LARMOR", "ibex-gui", "11.2.0.5", "timed out");

  g_assert_cmpstr (ium_prompt_model_get_headline (model), ==, "Suche nach Updates nicht möglich");
  g_assert_cmpstr (ium_prompt_model_get_button_label (model, IUM_PROMPT_BUTTON_CONNECT), ==,
                   "Verbinden");
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/prompt-i18n/incompatible", test_incompatible);
  g_test_add_func ("/ium/prompt-i18n/update-available", test_update_available);
  g_test_add_func ("/ium/prompt-i18n/unreachable", test_unreachable);

  return g_test_run ();
}
