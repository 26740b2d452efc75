/* ium-badges.h: status flags and release tiers as coloured badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-release.h"
#include "ium-types.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_FLAG_BADGES (ium_flag_badges_get_type ())
G_DECLARE_FINAL_TYPE (IumFlagBadges, ium_flag_badges, IUM, FLAG_BADGES, GtkWidget)

/* Property "flags" (IumStatusFlags): one badge per flag, in the spec's order. */
GtkWidget      *ium_flag_badges_new       (void);
IumStatusFlags  ium_flag_badges_get_flags (IumFlagBadges *self);
void            ium_flag_badges_set_flags (IumFlagBadges *self,
                                           IumStatusFlags flags);

#define IUM_TYPE_TIER_BADGE (ium_tier_badge_get_type ())
G_DECLARE_FINAL_TYPE (IumTierBadge, ium_tier_badge, IUM, TIER_BADGE, GtkWidget)

/* Property "tier": a tier's nick ("official", "test", "internal"); empty or NULL shows
 * nothing. */
GtkWidget      *ium_tier_badge_new        (void);
const char     *ium_tier_badge_get_tier   (IumTierBadge  *self);
void            ium_tier_badge_set_tier   (IumTierBadge  *self,
                                           const char    *tier);

/* The words for a tier's nick, translated. */
const char     *ium_tier_get_label        (const char    *tier);
/* A release as the drop-downs name it, its tier in words: "12.3.2.380 (Official)". Owned. */
char           *ium_release_dup_label     (IumRelease    *release);

/* clang-format on */

G_END_DECLS
