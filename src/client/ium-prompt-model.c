/* ium-prompt-model.c: what the update prompt shows for a verdict, without GTK.
 *
 * The prompt's words, buttons and icon are computed once, from a verdict (or from "the
 * server could not be reached"), by ium-prompt-model-words.c, so that tests can check them
 * without a display and a client with its own toolkit can show the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-client"

#include "config.h"

#include "ium-prompt-model.h"

#include "ium-client-enums.h"
#include "ium-client-i18n-private.h"
#include "ium-prompt-model-private.h"

#include <glib/gi18n-lib.h>

enum
{
  PROP_0,
  PROP_VERDICT,
  PROP_INSTRUMENT,
  PROP_COMPONENT,
  PROP_VERSION,
  PROP_REASON,
  PROP_UNREACHABLE,
  PROP_NEEDS_PROMPT,
  PROP_CAN_CONNECT,
  PROP_TITLE,
  PROP_HEADLINE,
  PROP_BODY,
  PROP_DETAILS,
  PROP_WARNING,
  PROP_ICON_NAME,
  PROP_TONE,
  PROP_BUTTONS,
  PROP_DEFAULT_BUTTON,
  PROP_DISMISS_RESPONSE,
  PROP_DOWNLOAD_URL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumPromptModel, ium_prompt_model, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ium_prompt_model_constructed (GObject *object)
{
  IumPromptModel *self = IUM_PROMPT_MODEL (object);

  G_OBJECT_CLASS (ium_prompt_model_parent_class)->constructed (object);

  /* A verdict names what was checked; it wins over the separate properties. */
  if (self->verdict != NULL)
    {
      g_free (self->instrument);
      g_free (self->component);
      g_free (self->version);
      self->instrument = g_strdup (ium_verdict_get_instrument (self->verdict));
      self->component = g_strdup (ium_verdict_get_component (self->verdict));
      self->version = g_strdup (ium_verdict_get_client_version (self->verdict));
    }

  if (self->instrument == NULL)
    self->instrument = g_strdup (_ ("the instrument"));
  if (self->component == NULL)
    self->component = g_strdup ("");
  if (self->version == NULL)
    self->version = g_strdup (_ ("unknown"));

  self->title = g_strdup_printf (_ ("Connecting to %s"), self->instrument);

  ium_prompt_model_compute (self);
}

static void
ium_prompt_model_dispose (GObject *object)
{
  IumPromptModel *self = IUM_PROMPT_MODEL (object);

  g_clear_object (&self->verdict);

  G_OBJECT_CLASS (ium_prompt_model_parent_class)->dispose (object);
}

static void
ium_prompt_model_finalize (GObject *object)
{
  IumPromptModel *self = IUM_PROMPT_MODEL (object);

  g_clear_pointer (&self->instrument, g_free);
  g_clear_pointer (&self->component, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->get_label, g_free);

  G_OBJECT_CLASS (ium_prompt_model_parent_class)->finalize (object);
}

static void
ium_prompt_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumPromptModel *self = IUM_PROMPT_MODEL (object);

  switch (prop_id)
    {
    case PROP_VERDICT:
      g_value_set_object (value, self->verdict);
      break;

    case PROP_INSTRUMENT:
      g_value_set_string (value, self->instrument);
      break;

    case PROP_COMPONENT:
      g_value_set_string (value, self->component);
      break;

    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_UNREACHABLE:
      g_value_set_boolean (value, self->verdict == NULL);
      break;

    case PROP_NEEDS_PROMPT:
      g_value_set_boolean (value, self->needs_prompt);
      break;

    case PROP_CAN_CONNECT:
      g_value_set_boolean (value, self->can_connect);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    case PROP_WARNING:
      g_value_set_string (value, self->warning);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_TONE:
      g_value_set_enum (value, self->tone);
      break;

    case PROP_BUTTONS:
      g_value_set_flags (value, self->buttons);
      break;

    case PROP_DEFAULT_BUTTON:
      g_value_set_flags (value, self->default_button);
      break;

    case PROP_DISMISS_RESPONSE:
      g_value_set_enum (value, self->dismiss_response);
      break;

    case PROP_DOWNLOAD_URL:
      g_value_set_string (value, ium_prompt_model_get_download_url (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_prompt_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IumPromptModel *self = IUM_PROMPT_MODEL (object);

  switch (prop_id)
    {
    case PROP_VERDICT:
      self->verdict = g_value_dup_object (value);
      break;

    case PROP_INSTRUMENT:
      self->instrument = g_value_dup_string (value);
      break;

    case PROP_COMPONENT:
      self->component = g_value_dup_string (value);
      break;

    case PROP_VERSION:
      self->version = g_value_dup_string (value);
      break;

    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_prompt_model_class_init (IumPromptModelClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags input = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags output = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  ium_client_i18n_init ();

  object_class->constructed = ium_prompt_model_constructed;
  object_class->dispose = ium_prompt_model_dispose;
  object_class->finalize = ium_prompt_model_finalize;
  object_class->get_property = ium_prompt_model_get_property;
  object_class->set_property = ium_prompt_model_set_property;

  /**
   * IumPromptModel:verdict:
   *
   * The verdict shown, or %NULL when the server could not be reached.
   */
  properties[PROP_VERDICT] = g_param_spec_object ("verdict", NULL, NULL, IUM_TYPE_VERDICT, input);
  /**
   * IumPromptModel:instrument:
   *
   * The instrument checked (the verdict's, when there is one).
   */
  properties[PROP_INSTRUMENT] = g_param_spec_string ("instrument", NULL, NULL, NULL, input);
  /**
   * IumPromptModel:component:
   *
   * The client component checked (the verdict's, when there is one).
   */
  properties[PROP_COMPONENT] = g_param_spec_string ("component", NULL, NULL, NULL, input);
  /**
   * IumPromptModel:version:
   *
   * The client version checked (the verdict's, when there is one).
   */
  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, input);
  /**
   * IumPromptModel:reason:
   *
   * Why the server could not be reached, for the details line; unused with a verdict.
   */
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, input);

  /**
   * IumPromptModel:unreachable:
   *
   * Whether the model is of a server that could not be reached (there is no verdict).
   */
  properties[PROP_UNREACHABLE] = g_param_spec_boolean ("unreachable", NULL, NULL, TRUE, output);
  /**
   * IumPromptModel:needs-prompt:
   *
   * Whether a client should show the prompt on connect: %FALSE for `ok` and for an
   * unreachable server, where the client connects silently.
   */
  properties[PROP_NEEDS_PROMPT] = g_param_spec_boolean ("needs-prompt", NULL, NULL, FALSE, output);
  /**
   * IumPromptModel:can-connect:
   *
   * Whether the client may connect without the user choosing "Connect anyway".
   */
  properties[PROP_CAN_CONNECT] = g_param_spec_boolean ("can-connect", NULL, NULL, TRUE, output);
  /**
   * IumPromptModel:title:
   *
   * The window title.
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, output);
  /**
   * IumPromptModel:headline:
   *
   * The prompt's headline, a few words.
   */
  properties[PROP_HEADLINE] = g_param_spec_string ("headline", NULL, NULL, NULL, output);
  /**
   * IumPromptModel:body:
   *
   * The verdict in sentences: the server's message.
   */
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, output);
  /**
   * IumPromptModel:details:
   *
   * The versions involved in one line, or why the server was unreachable; may be %NULL.
   */
  properties[PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, output);
  /**
   * IumPromptModel:warning:
   *
   * Warnings to show apart, one a line, or %NULL.
   */
  properties[PROP_WARNING] = g_param_spec_string ("warning", NULL, NULL, NULL, output);
  /**
   * IumPromptModel:icon-name:
   *
   * A symbolic icon name of the freedesktop naming specification.
   */
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, output);
  /**
   * IumPromptModel:tone:
   *
   * How alarming the prompt is, for its colours.
   */
  properties[PROP_TONE] =
    g_param_spec_enum ("tone", NULL, NULL, IUM_TYPE_PROMPT_TONE, IUM_PROMPT_TONE_INFO, output);
  /**
   * IumPromptModel:buttons:
   *
   * The buttons the prompt shows.
   */
  properties[PROP_BUTTONS] = g_param_spec_flags ("buttons", NULL, NULL, IUM_TYPE_PROMPT_BUTTON,
                                                 IUM_PROMPT_BUTTON_NONE, output);
  /**
   * IumPromptModel:default-button:
   *
   * The one button Enter activates.
   */
  properties[PROP_DEFAULT_BUTTON] = g_param_spec_flags (
    "default-button", NULL, NULL, IUM_TYPE_PROMPT_BUTTON, IUM_PROMPT_BUTTON_NONE, output);
  /**
   * IumPromptModel:dismiss-response:
   *
   * What closing the prompt (Escape, the window's close button) means.
   */
  properties[PROP_DISMISS_RESPONSE] = g_param_spec_enum (
    "dismiss-response", NULL, NULL, IUM_TYPE_PROMPT_RESPONSE, IUM_PROMPT_RESPONSE_CONNECT, output);
  /**
   * IumPromptModel:download-url:
   *
   * Where to get the recommended version, or %NULL.
   */
  properties[PROP_DOWNLOAD_URL] = g_param_spec_string ("download-url", NULL, NULL, NULL, output);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_prompt_model_init (IumPromptModel *self)
{
  self->can_connect = TRUE;
}

/**
 * ium_prompt_model_new:
 * @verdict: the server's verdict
 *
 * What the update prompt shows for @verdict.
 *
 * Returns: (transfer full): a new, immutable model
 */
IumPromptModel *
ium_prompt_model_new (IumVerdict *verdict)
{
  g_return_val_if_fail (IUM_IS_VERDICT (verdict), NULL);

  return g_object_new (IUM_TYPE_PROMPT_MODEL, "verdict", verdict, NULL);
}

/**
 * ium_prompt_model_new_unreachable:
 * @instrument: the instrument the client is about to connect to
 * @component: the client's component id
 * @version: the client's own version
 * @reason: (nullable): why the server could not be reached, e.g. the error's message
 *
 * What the update prompt shows when the check got no verdict (%IUM_CLIENT_ERROR_UNREACHABLE).
 *
 * Returns: (transfer full): a new, immutable model
 */
IumPromptModel *
ium_prompt_model_new_unreachable (const char *instrument,
                                  const char *component,
                                  const char *version,
                                  const char *reason)
{
  g_return_val_if_fail (instrument != NULL, NULL);
  g_return_val_if_fail (component != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);

  return g_object_new (IUM_TYPE_PROMPT_MODEL, "instrument", instrument, "component", component,
                       "version", version, "reason", reason, NULL);
}

/**
 * ium_prompt_model_get_verdict:
 * @self: a model
 *
 * Returns: (transfer none) (nullable): the verdict, or %NULL when the server was unreachable
 */
IumVerdict *
ium_prompt_model_get_verdict (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->verdict;
}

/**
 * ium_prompt_model_get_unreachable:
 * @self: a model
 *
 * Returns: whether the server could not be reached (there is no verdict)
 */
gboolean
ium_prompt_model_get_unreachable (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), TRUE);

  return self->verdict == NULL;
}

/**
 * ium_prompt_model_get_instrument:
 * @self: a model
 *
 * Returns: (transfer none): the instrument checked
 */
const char *
ium_prompt_model_get_instrument (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->instrument;
}

/**
 * ium_prompt_model_get_component:
 * @self: a model
 *
 * Returns: (transfer none): the client component checked
 */
const char *
ium_prompt_model_get_component (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->component;
}

/**
 * ium_prompt_model_get_version:
 * @self: a model
 *
 * Returns: (transfer none): the client version checked
 */
const char *
ium_prompt_model_get_version (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->version;
}

/**
 * ium_prompt_model_get_needs_prompt:
 * @self: a model
 *
 * Returns: whether a client should show the prompt on connect (%FALSE for `ok` and for an
 *   unreachable server)
 */
gboolean
ium_prompt_model_get_needs_prompt (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), FALSE);

  return self->needs_prompt;
}

/**
 * ium_prompt_model_get_can_connect:
 * @self: a model
 *
 * Returns: whether the client may connect without the user choosing "Connect anyway"
 */
gboolean
ium_prompt_model_get_can_connect (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), TRUE);

  return self->can_connect;
}

/**
 * ium_prompt_model_get_title:
 * @self: a model
 *
 * Returns: (transfer none): the window title
 */
const char *
ium_prompt_model_get_title (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->title;
}

/**
 * ium_prompt_model_get_headline:
 * @self: a model
 *
 * Returns: (transfer none): the headline
 */
const char *
ium_prompt_model_get_headline (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->headline;
}

/**
 * ium_prompt_model_get_body:
 * @self: a model
 *
 * Returns: (transfer none): the verdict in sentences
 */
const char *
ium_prompt_model_get_body (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->body;
}

/**
 * ium_prompt_model_get_details:
 * @self: a model
 *
 * Returns: (transfer none) (nullable): the versions involved in one line, or why the
 *   server was unreachable
 */
const char *
ium_prompt_model_get_details (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->details;
}

/**
 * ium_prompt_model_get_warning:
 * @self: a model
 *
 * Returns: (transfer none) (nullable): warnings, one a line, or %NULL
 */
const char *
ium_prompt_model_get_warning (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->warning;
}

/**
 * ium_prompt_model_get_icon_name:
 * @self: a model
 *
 * Returns: (transfer none): a symbolic icon name
 */
const char *
ium_prompt_model_get_icon_name (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  return self->icon_name;
}

/**
 * ium_prompt_model_get_tone:
 * @self: a model
 *
 * Returns: how alarming the prompt is: success for `ok`, info for `update-available` and an
 *   unreachable server, warning for `client-newer`, error for `incompatible`
 */
IumPromptTone
ium_prompt_model_get_tone (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), IUM_PROMPT_TONE_INFO);

  return self->tone;
}

/**
 * ium_prompt_model_get_buttons:
 * @self: a model
 *
 * Returns: the buttons the prompt shows
 */
IumPromptButton
ium_prompt_model_get_buttons (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), IUM_PROMPT_BUTTON_NONE);

  return self->buttons;
}

/**
 * ium_prompt_model_get_default_button:
 * @self: a model
 *
 * Returns: the button Enter activates, one of ium_prompt_model_get_buttons()
 */
IumPromptButton
ium_prompt_model_get_default_button (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), IUM_PROMPT_BUTTON_NONE);

  return self->default_button;
}

/**
 * ium_prompt_model_get_button_label:
 * @self: a model
 * @button: one button
 *
 * Returns: (transfer none) (nullable): the label of @button, or %NULL when the prompt does
 *   not show it
 */
const char *
ium_prompt_model_get_button_label (IumPromptModel *self, IumPromptButton button)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  if ((self->buttons & button) == 0)
    return NULL;

  switch (button)
    {
    case IUM_PROMPT_BUTTON_GET_UPDATE:
      return self->get_label;
    case IUM_PROMPT_BUTTON_REMIND_LATER:
      return _ ("Remind me later");
    case IUM_PROMPT_BUTTON_CONNECT:
      return _ ("Connect");
    case IUM_PROMPT_BUTTON_DO_NOT_CONNECT:
      return _ ("Do not connect");
    case IUM_PROMPT_BUTTON_CONNECT_ANYWAY:
      return _ ("Connect anyway");
    case IUM_PROMPT_BUTTON_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ium_prompt_model_get_button_response:
 * @self: a model
 * @button: one button
 *
 * What choosing @button means. "Get version X" opens the download page and connects where
 * the running version may connect; "Connect anyway" connects.
 *
 * Returns: the response of @button
 */
IumPromptResponse
ium_prompt_model_get_button_response (IumPromptModel *self, IumPromptButton button)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);

  switch (button)
    {
    case IUM_PROMPT_BUTTON_GET_UPDATE:
      return self->can_connect ? IUM_PROMPT_RESPONSE_CONNECT : IUM_PROMPT_RESPONSE_DO_NOT_CONNECT;
    case IUM_PROMPT_BUTTON_REMIND_LATER:
      return IUM_PROMPT_RESPONSE_REMIND_LATER;
    case IUM_PROMPT_BUTTON_CONNECT:
    case IUM_PROMPT_BUTTON_CONNECT_ANYWAY:
      return IUM_PROMPT_RESPONSE_CONNECT;
    case IUM_PROMPT_BUTTON_DO_NOT_CONNECT:
      return IUM_PROMPT_RESPONSE_DO_NOT_CONNECT;
    case IUM_PROMPT_BUTTON_NONE:
    default:
      g_return_val_if_reached (self->dismiss_response);
    }
}

/**
 * ium_prompt_model_get_dismiss_response:
 * @self: a model
 *
 * Returns: what closing the prompt without a button means: "Remind me later" for
 *   `update-available`, "Do not connect" for `incompatible`, "Connect" otherwise
 */
IumPromptResponse
ium_prompt_model_get_dismiss_response (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);

  return self->dismiss_response;
}

/**
 * ium_prompt_model_get_download_url:
 * @self: a model
 *
 * Returns: (transfer none) (nullable): where to get the recommended version, or %NULL when
 *   the prompt has no "Get version X" button
 */
const char *
ium_prompt_model_get_download_url (IumPromptModel *self)
{
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (self), NULL);

  if ((self->buttons & IUM_PROMPT_BUTTON_GET_UPDATE) == 0)
    return NULL;

  return ium_verdict_get_download_url (self->verdict);
}
