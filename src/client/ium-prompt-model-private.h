/* ium-prompt-model-private.h: what ium-prompt-model.c and ium-prompt-model-words.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-prompt-model.h"

G_BEGIN_DECLS

/* clang-format off */

struct _IumPromptModel
{
  GObject            parent_instance;

  /* What the model was made from. */
  IumVerdict        *verdict;      /* owned, nullable: NULL when unreachable */
  char              *instrument;   /* owned */
  char              *component;    /* owned */
  char              *version;      /* owned */
  char              *reason;       /* owned, nullable: why the server was unreachable */

  /* What the prompt shows, computed once in constructed(). */
  char              *title;        /* owned */
  char              *headline;     /* owned */
  char              *body;         /* owned */
  char              *details;      /* owned, nullable */
  char              *warning;      /* owned, nullable */
  const char        *icon_name;    /* static */
  IumPromptTone      tone;
  char              *get_label;    /* owned, nullable */
  IumPromptButton    buttons;
  IumPromptButton    default_button;
  IumPromptResponse  dismiss_response;
  gboolean           needs_prompt;
  gboolean           can_connect;
};

/* Fills in what the prompt shows from what the model was made of (verdict, or the
 * instrument, component, version and reason of an unreachable server). */
G_GNUC_INTERNAL
void ium_prompt_model_compute (IumPromptModel *self);

/* clang-format on */

G_END_DECLS
