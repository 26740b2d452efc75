/* ium-prompt-model-words.c: the update prompt's words, icon and buttons for each verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-client"

#include "config.h"

#include "ium-prompt-model-private.h"

#include <glib/gi18n-lib.h>

/* "This client: 11.2.0.5 · Recommended: 12.0.1.130\nLARMOR’s server: 12.0.1.130": two
 * lines of their own, so that a narrow prompt does not break one in the middle. */
static char *
describe_versions (IumVerdict *verdict)
{
  GString    *text = g_string_new (NULL);
  const char *recommended = ium_verdict_get_recommended_version (verdict);

  if (recommended != NULL)
    /* Translators: the version of the client that asked, and the version recommended. */
    g_string_append_printf (text, _ ("This client: %s · Recommended: %s"),
                            ium_verdict_get_client_version (verdict), recommended);
  else
    g_string_append_printf (text, _ ("This client: %s"), ium_verdict_get_client_version (verdict));
  g_string_append_c (text, '\n');
  /* Translators: an instrument's name, and the version its server runs. */
  g_string_append_printf (text, _ ("%s’s server: %s"), ium_verdict_get_instrument (verdict),
                          ium_verdict_get_server_version (verdict));

  return g_string_free (text, FALSE);
}

/* The warnings in words: the status's own, then the server's, one sentence each. */
static char *
describe_warnings (IumVerdict *verdict, const char *status_warning)
{
  GString           *text = g_string_new (status_warning);
  const char *const *warnings = ium_verdict_get_warnings (verdict);

  for (guint i = 0; warnings[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');

      /* The server words it "partial: the hosts of WISH run ...", for support staff; a
       * scientist gets the gist. */
      if (g_str_equal (warnings[i], "partial") || g_str_has_prefix (warnings[i], "partial:"))
        g_string_append_printf (text,
                                _ ("%s is part-way through an upgrade: its computers run "
                                   "different server versions, and the lowest (%s) was "
                                   "checked."),
                                ium_verdict_get_instrument (verdict),
                                ium_verdict_get_server_version (verdict));
      else
        g_string_append_printf (text, _ ("The server also warns: “%s”."), warnings[i]);
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

static void
compute_unreachable (IumPromptModel *self)
{
  self->needs_prompt = FALSE;
  self->can_connect = TRUE;
  self->icon_name = "network-offline-symbolic";
  self->tone = IUM_PROMPT_TONE_INFO;
  self->headline = g_strdup (_ ("Could not check for updates"));
  self->body = g_strdup_printf (_ ("The Instrument Update Manager server did not answer, so "
                                   "whether version %s works with %s is unknown. You can "
                                   "connect; the check runs again next time."),
                                self->version, self->instrument);
  self->details = g_strdup (self->reason);
  self->buttons = IUM_PROMPT_BUTTON_CONNECT;
  self->default_button = IUM_PROMPT_BUTTON_CONNECT;
  self->dismiss_response = IUM_PROMPT_RESPONSE_CONNECT;
}

static void
compute_verdict (IumPromptModel *self)
{
  IumVerdict *verdict = self->verdict;
  const char *instrument = self->instrument;
  const char *recommended = ium_verdict_get_recommended_version (verdict);
  const char *download_url = ium_verdict_get_download_url (verdict);
  const char *message = ium_verdict_get_message (verdict);
  const char *status_warning = NULL;
  gboolean    can_get = recommended != NULL && download_url != NULL;

  if (can_get)
    self->get_label = g_strdup_printf (_ ("Get version %s"), recommended);

  switch (ium_verdict_get_status (verdict))
    {
    case IUM_VERDICT_UPDATE_AVAILABLE:
      self->needs_prompt = TRUE;
      self->can_connect = TRUE;
      self->icon_name = "software-update-available-symbolic";
      self->tone = IUM_PROMPT_TONE_INFO;
      self->headline = recommended != NULL
                         ? g_strdup_printf (_ ("Version %s is available"), recommended)
                         : g_strdup (_ ("An update is available"));
      self->body = can_get
                     ? g_strdup (message)
                     /* Translators: the server's message, then what to do about it. */
                     : g_strdup_printf (_ ("%s Ask support staff how to install it."), message);
      self->buttons = IUM_PROMPT_BUTTON_REMIND_LATER;
      self->dismiss_response = IUM_PROMPT_RESPONSE_REMIND_LATER;
      break;

    case IUM_VERDICT_CLIENT_NEWER:
      self->needs_prompt = TRUE;
      self->can_connect = TRUE;
      self->icon_name = "dialog-warning-symbolic";
      self->tone = IUM_PROMPT_TONE_WARNING;
      self->headline = g_strdup_printf (_ ("This version is newer than %s’s server"), instrument);
      self->body = g_strdup (message);
      status_warning = _ ("Features that the server lacks may fail or give wrong results.");
      self->buttons = IUM_PROMPT_BUTTON_CONNECT;
      self->default_button = IUM_PROMPT_BUTTON_CONNECT;
      self->dismiss_response = IUM_PROMPT_RESPONSE_CONNECT;
      break;

    case IUM_VERDICT_INCOMPATIBLE:
      self->needs_prompt = TRUE;
      self->can_connect = FALSE;
      self->icon_name = "dialog-error-symbolic";
      self->tone = IUM_PROMPT_TONE_ERROR;
      self->headline = g_strdup_printf (_ ("This version cannot connect to %s"), instrument);
      self->body = g_strdup (message);
      status_warning = _ ("Connecting anyway may fail or give wrong results, and support "
                          "staff are told that you did.");
      self->buttons = IUM_PROMPT_BUTTON_CONNECT_ANYWAY | IUM_PROMPT_BUTTON_DO_NOT_CONNECT;
      self->default_button = IUM_PROMPT_BUTTON_DO_NOT_CONNECT;
      self->dismiss_response = IUM_PROMPT_RESPONSE_DO_NOT_CONNECT;
      break;

    case IUM_VERDICT_OK:
    default:
      self->needs_prompt = FALSE;
      self->can_connect = TRUE;
      self->icon_name = "emblem-ok-symbolic";
      self->tone = IUM_PROMPT_TONE_SUCCESS;
      self->headline = g_strdup (_ ("Up to date"));
      self->body = g_strdup (message);
      self->buttons = IUM_PROMPT_BUTTON_CONNECT;
      self->default_button = IUM_PROMPT_BUTTON_CONNECT;
      self->dismiss_response = IUM_PROMPT_RESPONSE_CONNECT;
      /* Nothing to get: the client already runs what is recommended, or newer. */
      g_clear_pointer (&self->get_label, g_free);
      can_get = FALSE;
      break;
    }

  /* Getting the recommended version is what the prompt is for, so it is the default
   * wherever there is one; "Connect anyway" never is. */
  if (can_get)
    {
      self->buttons |= IUM_PROMPT_BUTTON_GET_UPDATE;
      if (ium_verdict_get_status (verdict) != IUM_VERDICT_CLIENT_NEWER)
        self->default_button = IUM_PROMPT_BUTTON_GET_UPDATE;
    }
  else if (self->default_button == IUM_PROMPT_BUTTON_NONE)
    self->default_button = IUM_PROMPT_BUTTON_REMIND_LATER;

  self->details = describe_versions (verdict);
  self->warning = describe_warnings (verdict, status_warning);
}

void
ium_prompt_model_compute (IumPromptModel *self)
{
  if (self->verdict != NULL)
    compute_verdict (self);
  else
    compute_unreachable (self);
}
