/* ium-time.h: RFC 3339 timestamps and calendar dates as the inventory file writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* clang-format off */

/* Parses an RFC 3339 timestamp with an explicit offset ("2025-03-04T08:00:00Z",
 * "2025-03-04T09:00:00+01:00"). The result keeps the offset it was given in. On failure,
 * sets a G_IO_ERROR_INVALID_DATA error quoting the text. Owned. */
GDateTime *ium_timestamp_parse  (const char  *text,
                                 GError     **error);
/* The RFC 3339 form of @time in its own offset ("Z" for UTC). Owned. */
char      *ium_timestamp_format (GDateTime   *time);
/* Checks a calendar date "YYYY-MM-DD". */
gboolean   ium_date_validate    (const char  *text,
                                 GError     **error);

/* clang-format on */

G_END_DECLS
