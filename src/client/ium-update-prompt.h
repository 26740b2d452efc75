/* ium-update-prompt.h: the update prompt a client GUI shows on connect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-client.h"
#include "ium-prompt-model.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_UPDATE_PROMPT (ium_update_prompt_get_type ())
G_DECLARE_FINAL_TYPE (IumUpdatePrompt, ium_update_prompt, IUM, UPDATE_PROMPT, GtkWindow)

IumUpdatePrompt   *ium_update_prompt_new        (IumClient        *client,
                                                 IumPromptModel   *model);

IumClient         *ium_update_prompt_get_client (IumUpdatePrompt  *self);
IumPromptModel    *ium_update_prompt_get_model  (IumUpdatePrompt  *self);

void               ium_update_prompt_run_async  (IumUpdatePrompt  *self,
                                                 GCancellable     *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
IumPromptResponse  ium_update_prompt_run_finish (IumUpdatePrompt  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

/* clang-format on */

G_END_DECLS
