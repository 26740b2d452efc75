/* ium-version.h: version strings of the three schemes: parse, compare, format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ium-types.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_VERSION_ERROR (ium_version_error_quark ())

typedef enum {
  IUM_VERSION_ERROR_INVALID,
} IumVersionError;

GQuark ium_version_error_quark (void);

#define IUM_TYPE_VERSION (ium_version_get_type ())

/* An immutable, parsed version. Heap-allocated boxed type. */
typedef struct _IumVersion IumVersion;

GType        ium_version_get_type       (void) G_GNUC_CONST;

IumVersion  *ium_version_parse          (IumScheme         scheme,
                                         const char       *text,
                                         GError          **error);
IumVersion  *ium_version_copy           (const IumVersion *self);
void         ium_version_free           (IumVersion       *self);

IumScheme    ium_version_get_scheme     (const IumVersion *self);
const char  *ium_version_get_text       (const IumVersion *self);
guint64      ium_version_get_major      (const IumVersion *self);
guint64      ium_version_get_minor      (const IumVersion *self);
guint64      ium_version_get_patch      (const IumVersion *self);
guint64      ium_version_get_build      (const IumVersion *self);
const char  *ium_version_get_prerelease (const IumVersion *self);

int          ium_version_compare        (const IumVersion *a,
                                         const IumVersion *b);
gboolean     ium_version_equal          (const IumVersion *a,
                                         const IumVersion *b);
gboolean     ium_version_same_line      (const IumVersion *a,
                                         const IumVersion *b);
char        *ium_version_to_canonical   (const IumVersion *self);

const char  *ium_scheme_to_string       (IumScheme         scheme);
gboolean     ium_scheme_from_string     (const char       *text,
                                         IumScheme        *scheme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumVersion, ium_version_free)

/* clang-format on */

G_END_DECLS
