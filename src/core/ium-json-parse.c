/* ium-json-parse.c: a fast reader for plain JSON that builds the tree json-glib would build.
 *
 * json-glib's JsonParser reads a large inventory file one character at a time through its
 * scanner; most of an import's reading went there. This reader takes the plain JSON that
 * files hold (objects, arrays, strings with the short escapes, whole numbers, true, false,
 * null) and builds the same JsonNode tree, members in file order. Anything else — a \u
 * escape, a fraction, a duplicate or empty member name, a comment, any syntax error — makes
 * it give up, and the caller lets JsonParser read the text: what JsonParser accepts, how it
 * reads it and how it words an error stay as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-json"

#include "config.h"

#include "ium-json-parse.h"

#include <string.h>

/* Deeper than any inventory file; JsonParser reads what is deeper. */
#define MAX_DEPTH 64

/* Member names this long or shorter are copied on the stack. */
#define SHORT_NAME 64

typedef struct
{
  const char *p;
  const char *end;
  GString    *text;  /* the string being read, unescaped */
  guint       depth;
} Parser;

static JsonNode *parse_value (Parser *ps);

static void
skip_space (Parser *ps)
{
  while (ps->p < ps->end
         && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
    ps->p++;
}

/* Reads the string at ps->p (its opening quote) into ps->text. */
static gboolean
parse_string (Parser *ps)
{
  const char *run;

  g_string_truncate (ps->text, 0);
  run = ++ps->p;
  while (ps->p < ps->end)
    {
      guchar c = (guchar) *ps->p;
      char unescaped;

      if (c == '"')
        {
          g_string_append_len (ps->text, run, ps->p - run);
          ps->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          ps->p++;
          continue;
        }

      g_string_append_len (ps->text, run, ps->p - run);
      if (++ps->p == ps->end)
        return FALSE;
      switch (*ps->p)
        {
        case '"': unescaped = '"'; break;
        case '\\': unescaped = '\\'; break;
        case '/': unescaped = '/'; break;
        case 'b': unescaped = '\b'; break;
        case 'f': unescaped = '\f'; break;
        case 'n': unescaped = '\n'; break;
        case 'r': unescaped = '\r'; break;
        case 't': unescaped = '\t'; break;
        default: return FALSE; /* \u and anything else: JsonParser's */
        }
      g_string_append_c (ps->text, unescaped);
      run = ++ps->p;
    }
  return FALSE;
}

static JsonNode *
parse_number (Parser *ps)
{
  gboolean negative = FALSE;
  gint64 value = 0;
  guint digits = 0;

  if (*ps->p == '-')
    {
      negative = TRUE;
      ps->p++;
    }
  if (ps->p == ps->end || !g_ascii_isdigit (*ps->p) || (*ps->p == '0' && negative))
    return NULL;
  if (*ps->p == '0' && ps->p + 1 < ps->end && g_ascii_isdigit (ps->p[1]))
    return NULL;

  while (ps->p < ps->end && g_ascii_isdigit (*ps->p))
    {
      if (++digits > 18)
        return NULL;
      value = value * 10 + (*ps->p - '0');
      ps->p++;
    }
  if (ps->p < ps->end && (*ps->p == '.' || *ps->p == 'e' || *ps->p == 'E'))
    return NULL;

  return json_node_init_int (json_node_alloc (), negative ? -value : value);
}

static gboolean
skip_word (Parser     *ps,
           const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (ps->end - ps->p) < n || memcmp (ps->p, word, n) != 0)
    return FALSE;
  ps->p += n;
  return TRUE;
}

static JsonNode *
parse_object (Parser *ps)
{
  g_autoptr(JsonObject) object = json_object_new ();

  ps->p++;
  skip_space (ps);
  if (ps->p < ps->end && *ps->p == '}')
    {
      ps->p++;
      return json_node_init_object (json_node_alloc (), object);
    }

  for (;;)
    {
      char short_name[SHORT_NAME + 1];
      g_autofree char *long_name = NULL;
      const char *name;
      JsonNode *value;

      skip_space (ps);
      if (ps->p == ps->end || *ps->p != '"' || !parse_string (ps) || ps->text->len == 0)
        return NULL;
      if (ps->text->len <= SHORT_NAME)
        {
          memcpy (short_name, ps->text->str, ps->text->len + 1);
          name = short_name;
        }
      else
        name = long_name = g_strdup (ps->text->str);
      if (json_object_has_member (object, name))
        return NULL;

      skip_space (ps);
      if (ps->p == ps->end || *ps->p != ':')
        return NULL;
      ps->p++;
      if ((value = parse_value (ps)) == NULL)
        return NULL;
      json_object_set_member (object, name, value);

      skip_space (ps);
      if (ps->p == ps->end)
        return NULL;
      if (*ps->p == '}')
        {
          ps->p++;
          return json_node_init_object (json_node_alloc (), object);
        }
      if (*ps->p != ',')
        return NULL;
      ps->p++;
    }
}

static JsonNode *
parse_array (Parser *ps)
{
  g_autoptr(JsonArray) array = json_array_new ();

  ps->p++;
  skip_space (ps);
  if (ps->p < ps->end && *ps->p == ']')
    {
      ps->p++;
      return json_node_init_array (json_node_alloc (), array);
    }

  for (;;)
    {
      JsonNode *value;

      if ((value = parse_value (ps)) == NULL)
        return NULL;
      json_array_add_element (array, value);

      skip_space (ps);
      if (ps->p == ps->end)
        return NULL;
      if (*ps->p == ']')
        {
          ps->p++;
          return json_node_init_array (json_node_alloc (), array);
        }
      if (*ps->p != ',')
        return NULL;
      ps->p++;
    }
}

static JsonNode *
parse_value (Parser *ps)
{
  JsonNode *node = NULL;

  skip_space (ps);
  if (ps->p == ps->end || ps->depth >= MAX_DEPTH)
    return NULL;

  ps->depth++;
  switch (*ps->p)
    {
    case '{':
      node = parse_object (ps);
      break;
    case '[':
      node = parse_array (ps);
      break;
    case '"':
      if (parse_string (ps))
        node = json_node_init_string (json_node_alloc (), ps->text->str);
      break;
    case 't':
      if (skip_word (ps, "true"))
        node = json_node_init_boolean (json_node_alloc (), TRUE);
      break;
    case 'f':
      if (skip_word (ps, "false"))
        node = json_node_init_boolean (json_node_alloc (), FALSE);
      break;
    case 'n':
      if (skip_word (ps, "null"))
        node = json_node_init_null (json_node_alloc ());
      break;
    default:
      node = parse_number (ps);
      break;
    }
  ps->depth--;

  /* A value runs up to a delimiter: "truex" or "12a" is JsonParser's to word. */
  if (node != NULL && ps->p < ps->end && (*ps->p == '\0' || !strchr (" \t\r\n,:]}", *ps->p)))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

JsonNode *
ium_json_parse_plain (const char *data,
                      gsize       length)
{
  g_autoptr(GString) text = g_string_sized_new (256);
  Parser ps = { data, data + length, text, 0 };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if ((root = parse_value (&ps)) == NULL)
    return NULL;
  skip_space (&ps);
  if (ps.p != ps.end)
    g_clear_pointer (&root, json_node_unref);
  return root;
}
