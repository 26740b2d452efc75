/* ium-rollout-text.h: rollout states and times in words for the planner's widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ium-rollouts.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_N_UPGRADE_STATES (IUM_UPGRADE_SKIPPED + 1)

/* "Planned", "In progress", ... (translated). Static. */
const char *ium_upgrade_state_get_label  (IumUpgradeState state);
/* The button that moves an upgrade to @state: "Start", "Mark Done", ... (translated, with a
 * mnemonic). Static. */
const char *ium_upgrade_state_get_action (IumUpgradeState state);
/* "Tue 2 Mar 2027, 08:00–12:00 UTC", or both dates when the end is on another day. Times are
 * seconds since 1970. Owned. */
char       *ium_format_time_range        (gint64          start,
                                          gint64          end);
/* "2 Mar 2027" (UTC). Owned. */
char       *ium_format_day               (gint64          time);

/* What the window offers when marking an upgrade was refused. */
typedef enum {
  IUM_MARK_FIX_NONE,
  IUM_MARK_FIX_TAKE_TOKEN, /* take the deploy token (from the header bar) */
  IUM_MARK_FIX_FORCE,      /* start the upgrade of a busy instrument anyway */
  IUM_MARK_FIX_RESUME,     /* resume the paused rollout */
} IumMarkFix;

/* What the window knew when the mark was refused. */
typedef struct {
  const char      *who;          /* the person the window acts as */
  const char      *token_holder; /* nullable */
  const char      *token_since;  /* nullable */
  const char      *rollout;
  const char      *instrument;
  gboolean         busy;
  const char      *busy_note;    /* nullable */
  gboolean         paused;
  guint            paused_wave;
  IumUpgradeState  from;
  IumUpgradeState  to;
} IumMarkContext;

/* A title and a body (owned) for @error, from ium_rollout_mark() or ium_rollout_resume(), in
 * words for the window rather than the command line: what happened, that nothing changed,
 * and what to do here. */
IumMarkFix  ium_describe_mark_error      (const GError         *error,
                                          const IumMarkContext *context,
                                          char                **title,
                                          char                **body);

/* clang-format on */

G_END_DECLS
