/* ium-release-row.h: one release as the releases view shows it, with its patches under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-fleet.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_RELEASE_ROW (ium_release_row_get_type ())
G_DECLARE_FINAL_TYPE (IumReleaseRow, ium_release_row, IUM, RELEASE_ROW, GObject)

/* Read-only properties: "version", "tier" (nick), "date", "notes" (first line),
 * "patch-of", "n-running" (instruments that run it), "running" (their names, joined). */

/* The releases of @fleet's inventory as a tree: releases that patch nothing (or a release
 * not in the inventory) at the top, newest first; each patch under the release it patches.
 * A GListModel of IumReleaseRow, owned. */
GListModel    *ium_release_rows_build          (IumFleet      *fleet);

IumRelease    *ium_release_row_get_release     (IumReleaseRow *self);
const char    *ium_release_row_get_version     (IumReleaseRow *self);
guint          ium_release_row_get_n_running   (IumReleaseRow *self);
/* Names of the instruments that run it, sorted. Borrowed. */
const char * const *ium_release_row_get_running_names (IumReleaseRow *self);
/* Its patches (of IumReleaseRow), newest first, or NULL when there are none. Borrowed. */
GListModel    *ium_release_row_get_patches     (IumReleaseRow *self);

/* clang-format on */

G_END_DECLS
