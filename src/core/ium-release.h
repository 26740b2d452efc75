/* ium-release.h: a version of the whole suite that support staff deploy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ium-types.h"
#include "ium-version.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_RELEASE (ium_release_get_type ())
G_DECLARE_FINAL_TYPE (IumRelease, ium_release, IUM, RELEASE, GObject)

/* Properties: "version" (construct-only IumVersion, parsed in the facility's release scheme),
 * "tier", "date" (YYYY-MM-DD or NULL), "notes", "patch-of" (a release version text or NULL),
 * "url". The component map holds only the versions given explicitly; every other component
 * is at the release's own version. */
IumRelease       *ium_release_new                   (const IumVersion *version,
                                                     IumTier           tier);
const IumVersion *ium_release_get_version           (IumRelease       *self);
/* The version as written, e.g. "12.0.1.130"; borrowed. */
const char       *ium_release_get_version_text      (IumRelease       *self);
IumTier           ium_release_get_tier              (IumRelease       *self);
void              ium_release_set_tier              (IumRelease       *self,
                                                     IumTier           tier);
const char       *ium_release_get_date              (IumRelease       *self);
void              ium_release_set_date              (IumRelease       *self,
                                                     const char       *date);
const char       *ium_release_get_notes             (IumRelease       *self);
void              ium_release_set_notes             (IumRelease       *self,
                                                     const char       *notes);
const char       *ium_release_get_patch_of          (IumRelease       *self);
void              ium_release_set_patch_of          (IumRelease       *self,
                                                     const char       *patch_of);
gboolean          ium_release_is_patch              (IumRelease       *self);
const char       *ium_release_get_url               (IumRelease       *self);
void              ium_release_set_url               (IumRelease       *self,
                                                     const char       *url);

/* Explicit component versions: component id -> version text. Borrowed; never NULL. */
GHashTable       *ium_release_get_components        (IumRelease       *self);
void              ium_release_set_component         (IumRelease       *self,
                                                     const char       *component_id,
                                                     const char       *version);
/* The explicit version of @component_id, else the release's own version text. Borrowed. */
const char       *ium_release_get_component_version (IumRelease       *self,
                                                     const char       *component_id);
/* Sorted component ids of the explicit map, owned (free with g_strfreev). */
char            **ium_release_dup_component_ids     (IumRelease       *self);

/* clang-format on */

G_END_DECLS
