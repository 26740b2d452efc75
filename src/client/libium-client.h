/* libium-client.h: the client side of Instrument Update Manager, in one include.
 *
 * A client GUI asks the server on connect whether its version works with the instrument
 * (IumClient), and shows the update prompt (IumUpdatePrompt) for what the verdict
 * (IumVerdict) says; IumPromptModel is the prompt's words and buttons without GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-types.h"
#include "ium-enums.h"
#include "ium-verdict.h"
#include "ium-client.h"
#include "ium-prompt-model.h"
#include "ium-client-enums.h"
#include "ium-update-prompt.h"
