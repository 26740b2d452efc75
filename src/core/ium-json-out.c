/* ium-json-out.c: writes JSON one value at a time, as json-glib's generator would.
 *
 * Writing a large document this way never builds a tree of hundreds of thousands of nodes:
 * the export and the status of a large facility go straight to text. The layout follows
 * json-glib 1.6's JsonGenerator byte for byte (tests/test-json-out.c compares the two):
 * "name" : value with two-space indentation when pretty; strings escape '"', '\\' and the
 * control characters below 0x1f and 0x7f, and keep every other byte; an empty array is [],
 * and an empty object holds as many spaces as its own line's indentation when pretty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-json"

#include "config.h"

#include "ium-json-out.h"

#include <string.h>

#define INDENT 2

/* g_string_append_len() without its checks when the text fits, which it nearly always does:
 * most of what a large document costs is appending short runs. */
static inline void
put (GString *text, const char *bytes, gsize n)
{
  if (G_LIKELY (text->len + n < text->allocated_len))
    {
      memcpy (text->str + text->len, bytes, n);
      text->len += n;
      text->str[text->len] = '\0';
    }
  else
    g_string_append_len (text, bytes, n);
}

static void
append_spaces (GString *text, guint n)
{
  static const char spaces[] = "                                ";

  while (n > 0)
    {
      guint chunk = MIN (n, (guint) sizeof spaces - 1);

      put (text, spaces, chunk);
      n -= chunk;
    }
}

static void
append_escaped (GString *text, const char *value)
{
  const char *run = value;
  const char *p;

  g_string_append_c (text, '"');
  for (p = value; *p != '\0'; p++)
    {
      guchar      c = (guchar) *p;
      const char *escape;
      char        unicode[8];

      if (c == '"' || c == '\\')
        {
          put (text, run, p - run);
          g_string_append_c (text, '\\');
          g_string_append_c (text, (char) c);
          run = p + 1;
          continue;
        }
      /* json-glib leaves 0x1f as it is. */
      if (!(c < 0x1f || c == 0x7f))
        continue;

      switch (c)
        {
        case '\b':
          escape = "\\b";
          break;
        case '\f':
          escape = "\\f";
          break;
        case '\n':
          escape = "\\n";
          break;
        case '\r':
          escape = "\\r";
          break;
        case '\t':
          escape = "\\t";
          break;
        default:
          g_snprintf (unicode, sizeof unicode, "\\u00%02x", (guint) c);
          escape = unicode;
          break;
        }
      put (text, run, p - run);
      put (text, escape, strlen (escape));
      run = p + 1;
    }
  put (text, run, p - run);
  g_string_append_c (text, '"');
}

/* Starts a value or a member name: the comma and the line break before it. */
static void
separate (IumJsonOut *out)
{
  guint *n_items;

  if (out->after_name)
    {
      out->after_name = FALSE;
      return;
    }
  if (out->depth == 0)
    return;

  n_items = &out->n_items[out->depth - 1];
  if (*n_items > 0)
    g_string_append_c (out->text, ',');
  if (out->pretty)
    {
      g_string_append_c (out->text, '\n');
      append_spaces (out->text, out->margin + out->depth * INDENT);
    }
  (*n_items)++;
}

static void
begin (IumJsonOut *out, gboolean object)
{
  g_return_if_fail (out->depth < IUM_JSON_OUT_MAX_DEPTH);

  if (out->builder != NULL)
    {
      if (object)
        json_builder_begin_object (out->builder);
      else
        json_builder_begin_array (out->builder);
    }
  else
    {
      separate (out);
      g_string_append_c (out->text, object ? '{' : '[');
    }
  out->n_items[out->depth] = 0;
  out->in_object[out->depth] = object;
  out->depth++;
}

static void
end (IumJsonOut *out, gboolean object)
{
  g_return_if_fail (out->depth > 0 && out->in_object[out->depth - 1] == object);

  out->depth--;
  if (out->builder != NULL)
    {
      if (object)
        json_builder_end_object (out->builder);
      else
        json_builder_end_array (out->builder);
      return;
    }

  if (out->pretty && out->n_items[out->depth] > 0)
    {
      g_string_append_c (out->text, '\n');
      append_spaces (out->text, out->margin + out->depth * INDENT);
    }
  else if (out->pretty && object)
    append_spaces (out->text, out->depth * INDENT);
  g_string_append_c (out->text, object ? '}' : ']');
}

void
ium_json_out_init_text (IumJsonOut *out, GString *text, gboolean pretty, guint margin)
{
  *out = (IumJsonOut){ 0 };
  out->text = text;
  out->pretty = pretty;
  out->margin = margin;
}

void
ium_json_out_init_tree (IumJsonOut *out)
{
  *out = (IumJsonOut){ 0 };
  out->builder = json_builder_new ();
}

JsonNode *
ium_json_out_end_tree (IumJsonOut *out)
{
  JsonNode *root;

  g_return_val_if_fail (out->builder != NULL, NULL);

  root = json_builder_get_root (out->builder);
  g_clear_object (&out->builder);
  return root;
}

void
ium_json_out_begin_object (IumJsonOut *out)
{
  begin (out, TRUE);
}

void
ium_json_out_end_object (IumJsonOut *out)
{
  end (out, TRUE);
}

void
ium_json_out_begin_array (IumJsonOut *out)
{
  begin (out, FALSE);
}

void
ium_json_out_end_array (IumJsonOut *out)
{
  end (out, FALSE);
}

void
ium_json_out_name (IumJsonOut *out, const char *name)
{
  g_return_if_fail (out->depth > 0 && out->in_object[out->depth - 1] && !out->after_name);

  if (out->builder != NULL)
    {
      json_builder_set_member_name (out->builder, name);
      return;
    }
  separate (out);
  append_escaped (out->text, name);
  if (out->pretty)
    put (out->text, " : ", 3);
  else
    g_string_append_c (out->text, ':');
  out->after_name = TRUE;
}

void
ium_json_out_string (IumJsonOut *out, const char *value)
{
  if (value == NULL)
    {
      ium_json_out_null (out);
      return;
    }
  if (out->builder != NULL)
    {
      json_builder_add_string_value (out->builder, value);
      return;
    }
  separate (out);
  append_escaped (out->text, value);
}

void
ium_json_out_int (IumJsonOut *out, gint64 value)
{
  if (out->builder != NULL)
    {
      json_builder_add_int_value (out->builder, value);
      return;
    }
  separate (out);
  g_string_append_printf (out->text, "%" G_GINT64_FORMAT, value);
}

void
ium_json_out_boolean (IumJsonOut *out, gboolean value)
{
  if (out->builder != NULL)
    {
      json_builder_add_boolean_value (out->builder, value);
      return;
    }
  separate (out);
  g_string_append (out->text, value ? "true" : "false");
}

void
ium_json_out_null (IumJsonOut *out)
{
  if (out->builder != NULL)
    {
      json_builder_add_null_value (out->builder);
      return;
    }
  separate (out);
  g_string_append (out->text, "null");
}

void
ium_json_out_string_member (IumJsonOut *out, const char *name, const char *value)
{
  ium_json_out_name (out, name);
  ium_json_out_string (out, value);
}

void
ium_json_out_int_member (IumJsonOut *out, const char *name, gint64 value)
{
  ium_json_out_name (out, name);
  ium_json_out_int (out, value);
}

JsonNode *
ium_json_out_to_node (IumJsonWriteFunc write, gpointer data)
{
  IumJsonOut out;

  ium_json_out_init_tree (&out);
  write (&out, data);
  return ium_json_out_end_tree (&out);
}

char *
ium_json_out_to_text (IumJsonWriteFunc write, gpointer data)
{
  GString   *text = g_string_sized_new (256);
  IumJsonOut out;

  ium_json_out_init_text (&out, text, FALSE, 0);
  write (&out, data);
  return g_string_free (text, FALSE);
}

guint
ium_json_depth (const char *text, gsize length)
{
  guint    depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          /* MAX() evaluates its arguments twice. */
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return deepest;
}
