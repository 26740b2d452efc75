/* ium-host.h: one place an instrument's software is installed on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_HOST (ium_host_get_type ())
G_DECLARE_FINAL_TYPE (IumHost, ium_host, IUM, HOST, GObject)

/* Properties: "name" (construct-only, unique within its instrument), "role" (free text such as
 * "control" or "cluster"). Emits "changed" when the installed versions change. */
IumHost     *ium_host_new                   (const char *name,
                                             const char *role);
const char  *ium_host_get_name              (IumHost    *self);
const char  *ium_host_get_role              (IumHost    *self);
void         ium_host_set_role              (IumHost    *self,
                                             const char *role);

/* One installed component: its id and version text (interned: they outlive the host). */
typedef struct {
  const char *component;
  const char *version;
} IumInstalled;

/* Installed versions, in the order of the component ids (strcmp()). Borrowed. */
guint               ium_host_get_n_installed   (IumHost    *self);
const IumInstalled *ium_host_get_installed_nth (IumHost    *self,
                                                guint       index);
const char  *ium_host_get_installed_version (IumHost    *self,
                                             const char *component_id);
/* @version NULL removes the component from the host. */
void         ium_host_set_installed         (IumHost    *self,
                                             const char *component_id,
                                             const char *version);
/* Sorted component ids, owned (free with g_strfreev). */
char       **ium_host_dup_component_ids     (IumHost    *self);

/* clang-format on */

G_END_DECLS
