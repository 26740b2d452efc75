/* ium-json-out.h: writes JSON one value at a time, as text json-glib's generator would write
 * for the same tree, or as a tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* clang-format off */

#define IUM_JSON_OUT_MAX_DEPTH 16

/* The writer's state; lives on the stack. Either @text or @builder is set. */
typedef struct
{
  GString     *text;    /* borrowed, or NULL */
  JsonBuilder *builder; /* owned, or NULL */
  gboolean     pretty;
  guint        margin;  /* spaces that start every line after the first */
  guint        depth;
  gboolean     after_name;
  guint        n_items[IUM_JSON_OUT_MAX_DEPTH];
  gboolean     in_object[IUM_JSON_OUT_MAX_DEPTH];
} IumJsonOut;

/* A function that writes one object (@data) as one JSON value. */
typedef void (*IumJsonWriteFunc) (IumJsonOut *out,
                                  gpointer    data);

/* Appends to @text: compact as json_to_string() writes, or pretty as a JsonGenerator with
 * "pretty" and an indent of 2 spaces writes, every line after the first starting with
 * @margin more spaces. The bytes are the generator's, escaping and empty objects included. */
void      ium_json_out_init_text    (IumJsonOut  *out,
                                     GString     *text,
                                     gboolean     pretty,
                                     guint        margin);
/* Builds a JsonNode tree instead; ium_json_out_end_tree() returns it. */
void      ium_json_out_init_tree    (IumJsonOut  *out);
JsonNode *ium_json_out_end_tree     (IumJsonOut  *out);

void      ium_json_out_begin_object (IumJsonOut  *out);
void      ium_json_out_end_object   (IumJsonOut  *out);
void      ium_json_out_begin_array  (IumJsonOut  *out);
void      ium_json_out_end_array    (IumJsonOut  *out);
/* The name of the next member of the object being written. */
void      ium_json_out_name         (IumJsonOut  *out,
                                     const char  *name);
/* A string, or null when @value is NULL. */
void      ium_json_out_string       (IumJsonOut  *out,
                                     const char  *value);
void      ium_json_out_int          (IumJsonOut  *out,
                                     gint64       value);
void      ium_json_out_boolean      (IumJsonOut  *out,
                                     gboolean     value);
void      ium_json_out_null         (IumJsonOut  *out);

/* Shorthands for one member. */
void      ium_json_out_string_member (IumJsonOut *out,
                                      const char *name,
                                      const char *value);
void      ium_json_out_int_member    (IumJsonOut *out,
                                      const char *name,
                                      gint64      value);

/* @write's value for @data as a tree, or as compact text (what the audit log keeps). Owned. */
JsonNode *ium_json_out_to_node      (IumJsonWriteFunc  write,
                                     gpointer          data);
char     *ium_json_out_to_text      (IumJsonWriteFunc  write,
                                     gpointer          data);

/* How deeply arrays and objects nest in the JSON text @text, outside strings: json-glib's
 * parser recurses once per level, so text nested deeply enough overflows its stack. */
guint     ium_json_depth            (const char       *text,
                                     gsize             length);

/* clang-format on */

G_END_DECLS
