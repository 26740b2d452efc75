/* ium-json-parse.h: a fast reader for plain JSON that builds the tree json-glib would build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parses @data (@length bytes of valid UTF-8) into the same tree as JsonParser, or returns
 * %NULL for anything outside the plain subset it reads: then JsonParser must read @data,
 * which also words every syntax error. Owned. */
JsonNode *ium_json_parse_plain (const char *data,
                                gsize       length);

G_END_DECLS
