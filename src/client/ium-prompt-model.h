/* ium-prompt-model.h: what the update prompt shows for a verdict, without GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ium-verdict.h"

G_BEGIN_DECLS

/* clang-format off */

/**
 * IumPromptButton:
 * @IUM_PROMPT_BUTTON_NONE: no button
 * @IUM_PROMPT_BUTTON_GET_UPDATE: "Get version X": opens the download URL
 * @IUM_PROMPT_BUTTON_REMIND_LATER: "Remind me later": connects, and asks again next time
 * @IUM_PROMPT_BUTTON_CONNECT: "Connect"
 * @IUM_PROMPT_BUTTON_DO_NOT_CONNECT: "Do not connect"
 * @IUM_PROMPT_BUTTON_CONNECT_ANYWAY: "Connect anyway": connects an incompatible client and
 *   tells the server so
 *
 * The buttons of the update prompt, in the order they are laid out from left to right.
 */
typedef enum /*< flags >*/ {
  IUM_PROMPT_BUTTON_NONE           = 0,
  IUM_PROMPT_BUTTON_CONNECT_ANYWAY = 1 << 0,
  IUM_PROMPT_BUTTON_DO_NOT_CONNECT = 1 << 1,
  IUM_PROMPT_BUTTON_REMIND_LATER   = 1 << 2,
  IUM_PROMPT_BUTTON_CONNECT        = 1 << 3,
  IUM_PROMPT_BUTTON_GET_UPDATE     = 1 << 4,
} IumPromptButton;

/**
 * IumPromptResponse:
 * @IUM_PROMPT_RESPONSE_CONNECT: connect to the instrument
 * @IUM_PROMPT_RESPONSE_REMIND_LATER: connect, and offer the update again next time
 * @IUM_PROMPT_RESPONSE_DO_NOT_CONNECT: do not connect
 *
 * What the user chose in the update prompt. Only
 * %IUM_PROMPT_RESPONSE_DO_NOT_CONNECT keeps the client from connecting.
 */
typedef enum {
  IUM_PROMPT_RESPONSE_CONNECT,
  IUM_PROMPT_RESPONSE_REMIND_LATER,
  IUM_PROMPT_RESPONSE_DO_NOT_CONNECT,
} IumPromptResponse;

/**
 * IumPromptTone:
 * @IUM_PROMPT_TONE_INFO: neutral news (an update, an unknown answer)
 * @IUM_PROMPT_TONE_SUCCESS: all is well
 * @IUM_PROMPT_TONE_WARNING: connecting works, with a risk
 * @IUM_PROMPT_TONE_ERROR: connecting is refused
 *
 * How alarming the prompt is, for its colours.
 */
typedef enum {
  IUM_PROMPT_TONE_INFO,
  IUM_PROMPT_TONE_SUCCESS,
  IUM_PROMPT_TONE_WARNING,
  IUM_PROMPT_TONE_ERROR,
} IumPromptTone;

#define IUM_TYPE_PROMPT_MODEL (ium_prompt_model_get_type ())
G_DECLARE_FINAL_TYPE (IumPromptModel, ium_prompt_model, IUM, PROMPT_MODEL, GObject)

IumPromptModel    *ium_prompt_model_new                 (IumVerdict      *verdict);
IumPromptModel    *ium_prompt_model_new_unreachable     (const char      *instrument,
                                                         const char      *component,
                                                         const char      *version,
                                                         const char      *reason);

IumVerdict        *ium_prompt_model_get_verdict         (IumPromptModel  *self);
gboolean           ium_prompt_model_get_unreachable     (IumPromptModel  *self);
const char        *ium_prompt_model_get_instrument      (IumPromptModel  *self);
const char        *ium_prompt_model_get_component       (IumPromptModel  *self);
const char        *ium_prompt_model_get_version         (IumPromptModel  *self);
gboolean           ium_prompt_model_get_needs_prompt    (IumPromptModel  *self);
gboolean           ium_prompt_model_get_can_connect     (IumPromptModel  *self);
const char        *ium_prompt_model_get_title           (IumPromptModel  *self);
const char        *ium_prompt_model_get_headline        (IumPromptModel  *self);
const char        *ium_prompt_model_get_body            (IumPromptModel  *self);
const char        *ium_prompt_model_get_details         (IumPromptModel  *self);
const char        *ium_prompt_model_get_warning         (IumPromptModel  *self);
const char        *ium_prompt_model_get_icon_name       (IumPromptModel  *self);
IumPromptTone      ium_prompt_model_get_tone            (IumPromptModel  *self);
IumPromptButton    ium_prompt_model_get_buttons         (IumPromptModel  *self);
IumPromptButton    ium_prompt_model_get_default_button  (IumPromptModel  *self);
const char        *ium_prompt_model_get_button_label    (IumPromptModel  *self,
                                                         IumPromptButton  button);
IumPromptResponse  ium_prompt_model_get_button_response (IumPromptModel  *self,
                                                         IumPromptButton  button);
IumPromptResponse  ium_prompt_model_get_dismiss_response (IumPromptModel *self);
const char        *ium_prompt_model_get_download_url    (IumPromptModel  *self);

/* clang-format on */

G_END_DECLS
