/* ium-error-text.h: errors from core, in words for the people who use the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* clang-format off */

/* What the banner offers to do about an error. */
typedef enum {
  IUM_ERROR_FIX_NONE,
  IUM_ERROR_FIX_OPEN_OTHER, /* open another inventory */
  IUM_ERROR_FIX_CREATE,     /* create the missing inventory */
  IUM_ERROR_FIX_RETRY,      /* try the same again */
} IumErrorFix;

/* @error's message as a sentence: a capital first letter and a full stop. Owned. */
char        *ium_error_sentence      (const GError  *error);

/* A title and a body (owned) for an inventory at @path that could not be opened or loaded,
 * and what the window should offer. The body says that nothing was changed and what to do. */
IumErrorFix  ium_error_describe_open (const GError  *error,
                                      const char    *path,
                                      char         **title,
                                      char         **body);

/* clang-format on */

G_END_DECLS
