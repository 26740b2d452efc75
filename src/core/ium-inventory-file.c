/* ium-inventory-file.c: reads the inventory file, checks every value and names its JSON path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-inventory-file"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-inventory-file.h"

#include "ium-enums.h"
#include "ium-json-out.h"
#include "ium-time.h"
#include "ium-version.h"

#include <stdio.h>
#include <string.h>

struct _IumInventoryFile
{
  GObject       parent_instance;

  IumInventory *inventory; /* owned */
};

G_DEFINE_FINAL_TYPE (IumInventoryFile, ium_inventory_file, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (ium-inventory-file-error-quark, ium_inventory_file_error)
/* clang-format on */

/* The state of one read: the JSON path of the value being read, the merged inventory, and
 * where in the file each object came from so that the final checks can name it. */
typedef struct
{
  GString      *path;
  IumInventory *inventory;
  GHashTable   *origins;    /* GObject* -> char* JSON path, owned */
  GHashTable   *defined_at; /* "kind:key" -> char* JSON path, owned */
  GError      **error;
} Reader;

static const char *
describe_type (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _ ("an array");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _ ("an object");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _ ("a string");
    case G_TYPE_BOOLEAN:
      return _ ("true or false");
    case G_TYPE_INT64:
      return _ ("a whole number");
    case G_TYPE_DOUBLE:
      return _ ("a number with a fraction");
    default:
      return _ ("a value of another type");
    }
}

static gsize
path_push_key (Reader *r, const char *key)
{
  gsize saved = r->path->len;

  if (r->path->len > 0)
    g_string_append_c (r->path, '.');
  g_string_append (r->path, key);
  return saved;
}

static gsize
path_push_index (Reader *r, guint index)
{
  gsize saved = r->path->len;
  char  digits[16];
  guint n = 0;

  /* By hand rather than with printf: every element of every list passes here. */
  do
    digits[n++] = (char) ('0' + index % 10);
  while ((index /= 10) > 0);
  g_string_append_c (r->path, '[');
  while (n > 0)
    g_string_append_c (r->path, digits[--n]);
  g_string_append_c (r->path, ']');
  return saved;
}

static void
path_pop (Reader *r, gsize saved)
{
  g_string_truncate (r->path, saved);
}

static gboolean fail (Reader *r, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Reader *r, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (r->error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID, "%s: %s",
               r->path->len > 0 ? r->path->str : _ ("(top level)"), message);
  return FALSE;
}

/* Fails at the path of @key below the current one. */
static gboolean fail_at (Reader *r, const char *key, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (Reader *r, const char *key, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path_push_key (r, key);
  return fail (r, "%s", message);
}

static gboolean
check_keys (Reader *r, JsonObject *object, const char *const *allowed)
{
  JsonObjectIter iter;
  const char    *key;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    {
      if (!g_strv_contains (allowed, key))
        {
          g_autofree char *expected = g_strjoinv (", ", (char **) allowed);
          return fail_at (r, key, _ ("unknown key; expected one of: %s"), expected);
        }
    }
  return TRUE;
}

static JsonObject *
expect_object (Reader *r, JsonNode *node)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (r, _ ("expected an object, got %s"), describe_type (node));
      return NULL;
    }
  return json_node_get_object (node);
}

/**
 * ium_text_find_control_character:
 * @text: UTF-8 text
 * @multiline: whether line breaks and tabs are part of the text (release notes)
 *
 * Names, labels and notes never hold a control character (U+0000 to U+001F, U+007F to
 * U+009F): a terminal, a CSV cell or a strict JSON reader would take it for something else.
 * Every way in (an inventory file, an edit, an iCalendar file) refuses text that does.
 *
 * Returns: the first one in @text, 0 if none
 */
gunichar
ium_text_find_control_character (const char *text, gboolean multiline)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
        return c;
    }
  return 0;
}

/* Reads an optional string member: absent leaves *out untouched and succeeds; a present
 * member must be a string (and non-empty when @non_empty) without control characters (but
 * the line breaks and tabs of release notes). */
static gboolean
read_string (Reader      *r,
             JsonObject  *object,
             const char  *key,
             gboolean     required,
             gboolean     non_empty,
             const char **out)
{
  JsonNode *node = json_object_get_member (object, key);
  gunichar  control;

  if (node == NULL)
    {
      if (required)
        return fail_at (r, key, _ ("missing; it is required"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_at (r, key, _ ("expected a string, got %s"), describe_type (node));
  if (non_empty && *json_node_get_string (node) == '\0')
    return fail_at (r, key, _ ("must not be empty"));
  control =
    ium_text_find_control_character (json_node_get_string (node), g_str_equal (key, "notes"));
  if (control != 0)
    return fail_at (r, key, _ ("contains the control character U+%04X"), control);

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_uint (Reader *r, JsonObject *object, const char *key, guint *out)
{
  JsonNode *node = json_object_get_member (object, key);
  gint64    value;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_at (r, key, _ ("expected a whole number, got %s"), describe_type (node));

  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXINT32)
    /* %lld rather than G_GINT64_FORMAT, which xgettext cannot see through. */
    return fail_at (r, key, _ ("%lld is out of range (0 to %d)"), (long long) value, G_MAXINT32);

  *out = (guint) value;
  return TRUE;
}

static gboolean
read_bool (Reader *r, JsonObject *object, const char *key, gboolean *out)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail_at (r, key, _ ("expected true or false, got %s"), describe_type (node));

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_enum (
  Reader *r, JsonObject *object, const char *key, gboolean required, GType enum_type, int *out)
{
  const char *text = NULL;

  if (!read_string (r, object, key, required, FALSE, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!ium_enum_from_nick (enum_type, text, out))
    {
      g_autofree char *expected = ium_enum_list_nicks (enum_type);
      return fail_at (r, key, _ ("“%s” is not one of: %s"), text, expected);
    }
  return TRUE;
}

static gboolean
read_timestamp (Reader *r, JsonObject *object, const char *key, GDateTime **out)
{
  g_autoptr (GError) local_error = NULL;
  const char *text = NULL;

  if (!read_string (r, object, key, TRUE, FALSE, &text))
    return FALSE;

  *out = ium_timestamp_parse (text, &local_error);
  if (*out == NULL)
    return fail_at (r, key, "%s", local_error->message);
  return TRUE;
}

/* Reads a member that must be an array (absent is an empty array unless required). */
static gboolean
read_array (Reader *r, JsonObject *object, const char *key, gboolean required, JsonArray **out)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        return fail_at (r, key, _ ("missing; it is required"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_at (r, key, _ ("expected an array, got %s"), describe_type (node));

  *out = json_node_get_array (node);
  return TRUE;
}

/* Remembers that @kind @key is defined at the current path; a second definition in the same
 * file is an error that names the first. */
static gboolean
define_once (Reader *r, const char *kind, const char *key, const char *what)
{
  g_autofree char *id = g_strconcat (kind, ":", key, NULL);
  const char      *first = g_hash_table_lookup (r->defined_at, id);

  if (first != NULL)
    return fail (r, _ ("%s is already defined at %s"), what, first);

  g_hash_table_insert (r->defined_at, g_steal_pointer (&id), g_strdup (r->path->str));
  return TRUE;
}

static void
remember_origin (Reader *r, gpointer object)
{
  g_hash_table_insert (r->origins, object, g_strdup (r->path->str));
}

static gboolean
is_component_id (const char *id)
{
  if (!g_ascii_islower (*id) && !g_ascii_isdigit (*id))
    return FALSE;
  for (const char *p = id + 1; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
read_policy (Reader *r, JsonNode *node)
{
  static const char *const keys[] = { "max_minor_behind", "max_upgrades_per_day", "upgrade_hours",
                                      "soak_days", NULL };
  IumPolicy                policy = *ium_inventory_get_policy (r->inventory);
  JsonObject              *object;

  if (!(object = expect_object (r, node)) || !check_keys (r, object, keys)
      || !read_uint (r, object, "max_minor_behind", &policy.max_minor_behind)
      || !read_uint (r, object, "max_upgrades_per_day", &policy.max_upgrades_per_day)
      || !read_uint (r, object, "upgrade_hours", &policy.upgrade_hours)
      || !read_uint (r, object, "soak_days", &policy.soak_days))
    return FALSE;

  if (policy.max_upgrades_per_day == 0)
    return fail_at (r, "max_upgrades_per_day", _ ("must be at least 1"));
  if (policy.upgrade_hours == 0)
    return fail_at (r, "upgrade_hours", _ ("must be at least 1"));

  ium_inventory_set_policy (r->inventory, &policy);
  return TRUE;
}

static gboolean
read_component (Reader *r, JsonNode *node)
{
  static const char *const keys[] = { "id", "name", "role", "scheme", NULL };
  g_autoptr (IumComponent) component = NULL;
  const char *id = NULL, *name = NULL;
  int         role = IUM_ROLE_LIBRARY, scheme = IUM_SCHEME_QUAD;
  JsonObject *object;

  if (!(object = expect_object (r, node)) || !check_keys (r, object, keys)
      || !read_string (r, object, "id", TRUE, TRUE, &id)
      || !read_string (r, object, "name", FALSE, TRUE, &name)
      || !read_enum (r, object, "role", TRUE, IUM_TYPE_ROLE, &role)
      || !read_enum (r, object, "scheme", FALSE, IUM_TYPE_SCHEME, &scheme))
    return FALSE;

  if (!is_component_id (id))
    return fail_at (r, "id",
                    _ ("“%s” is not a component id: use lower-case letters, digits, "
                       "'.', '_' and '-', starting with a letter or digit"),
                    id);

  {
    g_autofree char *what = g_strdup_printf (_ ("component “%s”"), id);
    if (!define_once (r, "component", id, what))
      return FALSE;
  }

  component = ium_component_new (id, name ? name : id, role, scheme);
  remember_origin (r, component);
  ium_inventory_put_component (r->inventory, component);
  return TRUE;
}

static gboolean
read_rule (Reader *r, JsonNode *node)
{
  static const char *const keys[] = { "client", "server", "policy", NULL };
  g_autoptr (IumRule) rule = NULL;
  const char *client = NULL, *server = NULL;
  int         policy = IUM_COMPAT_POLICY_MINOR_BACKWARD;
  JsonObject *object;

  if (!(object = expect_object (r, node)) || !check_keys (r, object, keys)
      || !read_string (r, object, "client", TRUE, TRUE, &client)
      || !read_string (r, object, "server", TRUE, TRUE, &server)
      || !read_enum (r, object, "policy", FALSE, IUM_TYPE_COMPAT_POLICY, &policy))
    return FALSE;

  if (g_strcmp0 (client, server) == 0)
    return fail_at (r, "server", _ ("a component cannot be its own server"));

  {
    g_autofree char *what = g_strdup_printf (_ ("a rule for client “%s”"), client);
    if (!define_once (r, "rule", client, what))
      return FALSE;
  }

  rule = ium_rule_new (client, server, policy);
  remember_origin (r, rule);
  ium_inventory_put_rule (r->inventory, rule);
  return TRUE;
}

static gboolean
read_version_map (Reader     *r,
                  JsonObject *object,
                  const char *key,
                  void (*set) (gpointer target, const char *component, const char *version),
                  gpointer target)
{
  JsonNode      *node = json_object_get_member (object, key);
  JsonObjectIter iter;
  const char    *component;
  JsonNode      *value;
  gsize          saved;
  gboolean       ok = TRUE;

  if (node == NULL)
    return TRUE;

  saved = path_push_key (r, key);
  if (expect_object (r, node) == NULL)
    return FALSE;

  json_object_iter_init (&iter, json_node_get_object (node));
  while (ok && json_object_iter_next (&iter, &component, &value))
    {
      gsize member = path_push_key (r, component);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        ok = fail (r, _ ("expected a version string, got %s"), describe_type (value));
      else
        set (target, component, json_node_get_string (value));
      path_pop (r, member);
    }
  path_pop (r, saved);
  return ok;
}

static void
set_release_component (gpointer target, const char *component, const char *version)
{
  ium_release_set_component (target, component, version);
}

static void
set_host_installed (gpointer target, const char *component, const char *version)
{
  ium_host_set_installed (target, component, version);
}

static gboolean
read_release (Reader *r, JsonNode *node)
{
  static const char *const keys[] = { "version",  "tier", "date",       "notes",
                                      "patch_of", "url",  "components", NULL };
  g_autoptr (IumRelease) release = NULL;
  g_autoptr (IumVersion) version = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *canonical = NULL;
  const char      *text = NULL, *date = NULL, *notes = NULL, *patch_of = NULL, *url = NULL;
  int              tier = IUM_TIER_OFFICIAL;
  JsonObject      *object;

  if (!(object = expect_object (r, node)) || !check_keys (r, object, keys)
      || !read_string (r, object, "version", TRUE, TRUE, &text)
      || !read_enum (r, object, "tier", TRUE, IUM_TYPE_TIER, &tier)
      || !read_string (r, object, "date", FALSE, FALSE, &date)
      || !read_string (r, object, "notes", FALSE, FALSE, &notes)
      || !read_string (r, object, "patch_of", FALSE, TRUE, &patch_of)
      || !read_string (r, object, "url", FALSE, TRUE, &url))
    return FALSE;

  version = ium_version_parse (ium_inventory_get_release_scheme (r->inventory), text, &local_error);
  if (version == NULL)
    return fail_at (r, "version", _ ("%s (release_scheme is %s)"), local_error->message,
                    ium_scheme_to_string (ium_inventory_get_release_scheme (r->inventory)));

  if (date != NULL && !ium_date_validate (date, &local_error))
    return fail_at (r, "date", "%s", local_error->message);

  canonical = ium_version_to_canonical (version);
  {
    g_autofree char *what = g_strdup_printf (_ ("release “%s”"), text);
    if (!define_once (r, "release", canonical, what))
      return FALSE;
  }

  release = ium_release_new (version, tier);
  ium_release_set_date (release, date);
  ium_release_set_notes (release, notes);
  ium_release_set_patch_of (release, patch_of);
  ium_release_set_url (release, url);
  if (!read_version_map (r, object, "components", set_release_component, release))
    return FALSE;

  remember_origin (r, release);
  ium_inventory_put_release (r->inventory, release);
  return TRUE;
}

static gboolean
read_host (Reader *r, JsonNode *node, IumInstrument *instrument)
{
  static const char *const keys[] = { "name", "role", "installed", NULL };
  g_autoptr (IumHost) host = NULL;
  const char *name = NULL, *role = NULL;
  JsonObject *object;

  if (!(object = expect_object (r, node)) || !check_keys (r, object, keys)
      || !read_string (r, object, "name", TRUE, TRUE, &name)
      || !read_string (r, object, "role", FALSE, FALSE, &role))
    return FALSE;

  if (ium_instrument_find_host (instrument, name) != NULL)
    return fail_at (r, "name", _ ("host “%s” is listed twice for %s"), name,
                    ium_instrument_get_name (instrument));

  host = ium_host_new (name, role ? role : "");
  if (!read_version_map (r, object, "installed", set_host_installed, host))
    return FALSE;

  remember_origin (r, host);
  ium_instrument_add_host (instrument, host);
  return TRUE;
}

static gboolean
read_string_list (Reader *r, JsonArray *array, GPtrArray *out)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize     saved = path_push_index (r, i);
      gunichar  control;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return fail (r, _ ("expected a string, got %s"), describe_type (element));
      if (*json_node_get_string (element) == '\0')
        return fail (r, _ ("must not be empty"));
      control = ium_text_find_control_character (json_node_get_string (element), FALSE);
      if (control != 0)
        return fail (r, _ ("contains the control character U+%04X"), control);
      g_ptr_array_add (out, (gpointer) json_node_get_string (element));
      path_pop (r, saved);
    }
  g_ptr_array_add (out, NULL);
  return TRUE;
}

static gboolean
read_instrument (Reader *r, JsonNode *node)
{
  static const char *const keys[] = { "name", "site", "tags", "pin", "hosts", NULL };
  g_autoptr (IumInstrument) instrument = NULL;
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();
  const char *name = NULL, *site = NULL, *pin = NULL;
  JsonArray  *tag_array, *hosts;
  JsonObject *object;
  gsize       saved;

  if (!(object = expect_object (r, node)) || !check_keys (r, object, keys)
      || !read_string (r, object, "name", TRUE, TRUE, &name)
      || !read_string (r, object, "site", FALSE, FALSE, &site)
      || !read_string (r, object, "pin", FALSE, TRUE, &pin)
      || !read_array (r, object, "tags", FALSE, &tag_array)
      || !read_array (r, object, "hosts", TRUE, &hosts))
    return FALSE;

  {
    g_autofree char *what = g_strdup_printf (_ ("instrument “%s”"), name);
    saved = path_push_key (r, "name");
    if (!define_once (r, "instrument", name, what))
      return FALSE;
    path_pop (r, saved);
  }

  instrument = ium_instrument_new (name);
  ium_instrument_set_site (instrument, site ? site : "");
  ium_instrument_set_pin (instrument, pin);

  if (tag_array != NULL)
    {
      saved = path_push_key (r, "tags");
      if (!read_string_list (r, tag_array, tags))
        return FALSE;
      path_pop (r, saved);
      ium_instrument_set_tags (instrument, (const char *const *) tags->pdata);
    }

  saved = path_push_key (r, "hosts");
  if (json_array_get_length (hosts) == 0)
    return fail (r, _ ("an instrument needs at least one host (the control PC, a cluster "
                       "account, ...)"));
  for (guint i = 0; i < json_array_get_length (hosts); i++)
    {
      gsize host_saved = path_push_index (r, i);
      if (!read_host (r, json_array_get_element (hosts, i), instrument))
        return FALSE;
      path_pop (r, host_saved);
    }
  path_pop (r, saved);

  remember_origin (r, instrument);
  ium_inventory_put_instrument (r->inventory, instrument);
  return TRUE;
}

static gboolean
read_window (Reader *r, JsonNode *node)
{
  static const char *const keys[] = { "start", "end", "label", "instruments", NULL };
  g_autoptr (IumWindow) window = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autofree char *key = NULL;
  const char      *label = NULL;
  JsonObject      *object;
  JsonNode        *instruments;

  if (!(object = expect_object (r, node)) || !check_keys (r, object, keys)
      || !read_timestamp (r, object, "start", &start) || !read_timestamp (r, object, "end", &end)
      || !read_string (r, object, "label", TRUE, TRUE, &label))
    return FALSE;

  if (g_date_time_compare (end, start) <= 0)
    {
      g_autofree char *start_text = ium_timestamp_format (start);
      g_autofree char *end_text = ium_timestamp_format (end);
      return fail_at (r, "end",
                      _ ("the window must end after it starts: it ends %s and "
                         "starts %s"),
                      end_text, start_text);
    }

  window = ium_window_new (start, end, label);

  instruments = json_object_get_member (object, "instruments");
  if (instruments != NULL && JSON_NODE_HOLDS_VALUE (instruments)
      && json_node_get_value_type (instruments) == G_TYPE_STRING)
    {
      if (g_strcmp0 (json_node_get_string (instruments), "all") != 0)
        return fail_at (r, "instruments",
                        _ ("expected \"all\" or an array of instrument names, "
                           "got “%s”"),
                        json_node_get_string (instruments));
    }
  else if (instruments != NULL && JSON_NODE_HOLDS_ARRAY (instruments))
    {
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      gsize saved = path_push_key (r, "instruments");

      if (!read_string_list (r, json_node_get_array (instruments), names))
        return FALSE;
      if (names->len == 1)
        return fail (r, _ ("the list is empty; use \"all\" for every instrument"));
      path_pop (r, saved);
      ium_window_set_instruments (window, (const char *const *) names->pdata);
    }
  else if (instruments != NULL)
    return fail_at (r, "instruments",
                    _ ("expected \"all\" or an array of instrument names, "
                       "got %s"),
                    describe_type (instruments));

  key = ium_window_dup_key (window);
  {
    g_autofree char *what =
      g_strdup_printf (_ ("the window “%s” with the same start and end"), label);
    if (!define_once (r, "window", key, what))
      return FALSE;
  }

  remember_origin (r, window);
  ium_inventory_put_window (r->inventory, window);
  return TRUE;
}

static gboolean
read_cycle (Reader *r, JsonNode *node)
{
  static const char *const keys[] = { "name", "start", "end", "freeze", NULL };
  g_autoptr (IumCycle) cycle = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  const char *name = NULL;
  gboolean    freeze = FALSE;
  JsonObject *object;

  if (!(object = expect_object (r, node)) || !check_keys (r, object, keys)
      || !read_string (r, object, "name", TRUE, TRUE, &name)
      || !read_timestamp (r, object, "start", &start) || !read_timestamp (r, object, "end", &end)
      || !read_bool (r, object, "freeze", &freeze))
    return FALSE;

  if (g_date_time_compare (end, start) <= 0)
    {
      g_autofree char *start_text = ium_timestamp_format (start);
      g_autofree char *end_text = ium_timestamp_format (end);
      return fail_at (r, "end",
                      _ ("the cycle must end after it starts: it ends %s and "
                         "starts %s"),
                      end_text, start_text);
    }

  {
    g_autofree char *what = g_strdup_printf (_ ("cycle “%s”"), name);
    if (!define_once (r, "cycle", name, what))
      return FALSE;
  }

  cycle = ium_cycle_new (name, start, end, freeze);
  remember_origin (r, cycle);
  ium_inventory_put_cycle (r->inventory, cycle);
  return TRUE;
}

static gboolean
read_list (Reader     *r,
           JsonObject *root,
           const char *key,
           gboolean (*read_item) (Reader *r, JsonNode *node))
{
  JsonArray *array;
  gsize      saved;

  if (!read_array (r, root, key, FALSE, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  saved = path_push_key (r, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize item = path_push_index (r, i);
      if (!read_item (r, json_array_get_element (array, i)))
        return FALSE;
      path_pop (r, item);
    }
  path_pop (r, saved);
  return TRUE;
}

/* The final checks run over the merged inventory, so a file may refer to what the database
 * already holds. Objects from the file are named by their JSON path; objects that were
 * already there are named in words. */
static void
set_path_of (Reader *r, gpointer object, const char *description)
{
  const char *origin = g_hash_table_lookup (r->origins, object);

  g_string_assign (r->path, origin ? origin : description);
}

static gboolean
check_version_of (Reader *r, const char *component, const char *text, const char *what)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (IumVersion) version = NULL;

  version = ium_inventory_parse_component_version (r->inventory, component, text, &local_error);
  if (version != NULL)
    return TRUE;

  if (ium_inventory_lookup_component (r->inventory, component) == NULL)
    return fail (r, _ ("unknown component “%s”; define it under \"components\""), component);
  return fail (r, "%s%s", what ? what : "", local_error->message);
}

static gboolean
check_rules (Reader *r)
{
  GListModel *rules = ium_inventory_get_rules (r->inventory);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr (IumRule) rule = g_list_model_get_item (rules, i);
      g_autofree char *description =
        g_strdup_printf (_ ("the rule for “%s”"), ium_rule_get_client (rule));
      const char *ends[] = { ium_rule_get_client (rule), ium_rule_get_server (rule) };
      const char *keys[] = { "client", "server" };

      for (guint k = 0; k < G_N_ELEMENTS (ends); k++)
        {
          if (ium_inventory_lookup_component (r->inventory, ends[k]) != NULL)
            continue;
          set_path_of (r, rule, description);
          return fail_at (r, keys[k], _ ("unknown component “%s”"), ends[k]);
        }
    }
  return TRUE;
}

static gboolean
check_releases (Reader *r)
{
  GListModel *releases = ium_inventory_get_releases (r->inventory);
  GListModel *components = ium_inventory_get_components (r->inventory);

  for (guint i = 0; i < g_list_model_get_n_items (releases); i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, i);
      g_autofree char *description =
        g_strdup_printf (_ ("release “%s”"), ium_release_get_version_text (release));
      const char *patch_of = ium_release_get_patch_of (release);
      GHashTable *explicit = ium_release_get_components (release);
      GHashTableIter iter;
      gpointer       key, value;

      g_hash_table_iter_init (&iter, explicit);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          set_path_of (r, release, description);
          path_push_key (r, "components");
          path_push_key (r, key);
          if (!check_version_of (r, key, value, NULL))
            return FALSE;
        }

      /* A component a release does not list is at the release's own version, which must
       * then make sense in that component's scheme. */
      for (guint c = 0; c < g_list_model_get_n_items (components); c++)
        {
          g_autoptr (IumComponent) component = g_list_model_get_item (components, c);
          const char      *id = ium_component_get_id (component);
          g_autofree char *what = NULL;

          if (g_hash_table_contains (explicit, id))
            continue;
          set_path_of (r, release, description);
          path_push_key (r, "version");
          what = g_strdup_printf (_ ("“%s” does not list %s, so %s would be at the release's "
                                     "own version, but "),
                                  ium_release_get_version_text (release), id, id);
          if (!check_version_of (r, id, ium_release_get_version_text (release), what))
            return FALSE;
        }

      if (patch_of != NULL)
        {
          IumRelease *base = ium_inventory_lookup_release (r->inventory, patch_of);

          set_path_of (r, release, description);
          if (base == NULL)
            return fail_at (r, "patch_of", _ ("unknown release “%s”"), patch_of);
          if (ium_version_compare (ium_release_get_version (base),
                                   ium_release_get_version (release))
              >= 0)
            return fail_at (r, "patch_of",
                            _ ("a patch release must be newer than the release it "
                               "patches (“%s”)"),
                            patch_of);
        }
    }
  return TRUE;
}

/* Fails at @host's installed version of @component, described in words when it was not read
 * from the file. */
static gboolean
fail_installed (
  Reader *r, IumInstrument *instrument, IumHost *host, const char *component, const char *version)
{
  g_autofree char *description =
    g_strdup_printf (_ ("instrument “%s” host “%s”"), ium_instrument_get_name (instrument),
                     ium_host_get_name (host));

  set_path_of (r, host, description);
  path_push_key (r, "installed");
  path_push_key (r, component);
  return check_version_of (r, component, version, NULL);
}

static gboolean
check_instruments (Reader *r)
{
  GListModel *instruments = ium_inventory_get_instruments (r->inventory);
  guint       n = g_list_model_get_n_items (instruments);

  /* Most instruments are right: the words and paths that name one are made only for a fault. */
  for (guint i = 0; i < n; i++)
    {
      IumInstrument *instrument = g_list_model_get_item (instruments, i);
      const char    *pin = ium_instrument_get_pin (instrument);
      guint          n_hosts = ium_instrument_get_n_hosts (instrument);

      g_object_unref (instrument); /* the inventory keeps it alive */

      if (pin != NULL && ium_inventory_lookup_release (r->inventory, pin) == NULL)
        {
          g_autofree char *description =
            g_strdup_printf (_ ("instrument “%s”"), ium_instrument_get_name (instrument));
          set_path_of (r, instrument, description);
          return fail_at (r, "pin", _ ("unknown release “%s”"), pin);
        }

      for (guint h = 0; h < n_hosts; h++)
        {
          IumHost *host = ium_instrument_get_host (instrument, h);

          for (guint c = 0; c < ium_host_get_n_installed (host); c++)
            {
              const IumInstalled *installed = ium_host_get_installed_nth (host, c);
              g_autoptr (IumVersion) version = ium_inventory_parse_component_version (
                r->inventory, installed->component, installed->version, NULL);

              if (version == NULL)
                return fail_installed (r, instrument, host, installed->component,
                                       installed->version);
            }
        }
    }
  return TRUE;
}

static gboolean
check_windows (Reader *r)
{
  GListModel *windows = ium_inventory_get_windows (r->inventory);

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (IumWindow) window = g_list_model_get_item (windows, i);
      const char *const *names = ium_window_get_instruments (window);

      for (guint n = 0; names != NULL && names[n] != NULL; n++)
        {
          g_autofree char *description = NULL;
          g_autofree char *index = NULL;

          if (ium_inventory_lookup_instrument (r->inventory, names[n]) != NULL)
            continue;
          description = g_strdup_printf (_ ("window “%s”"), ium_window_get_label (window));
          set_path_of (r, window, description);
          path_push_key (r, "instruments");
          path_push_index (r, n);
          return fail (r, _ ("unknown instrument “%s”"), names[n]);
        }
    }
  return TRUE;
}

static gboolean
read_root (Reader *r, JsonNode *root_node)
{
  static const char *const keys[] = { "format",      "format_version", "facility", "release_scheme",
                                      "policy",      "components",     "rules",    "releases",
                                      "instruments", "downtime",       "cycles",   NULL };
  const char              *format = NULL, *facility = NULL;
  JsonObject              *root;
  JsonNode                *node;
  int                      scheme;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (r->error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_FORMAT,
                   _ ("(top level): expected an object with \"format\": \"%s\", got %s"),
                   IUM_INVENTORY_FILE_FORMAT, describe_type (root_node));
      return FALSE;
    }
  root = json_node_get_object (root_node);

  /* The format is checked before anything else so that another kind of JSON file gets one
   * clear message rather than a list of unknown keys. */
  node = json_object_get_member (root, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (node), IUM_INVENTORY_FILE_FORMAT) != 0)
    {
      g_set_error (r->error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_FORMAT,
                   _ ("format: expected \"%s\"; this is not an inventory file"),
                   IUM_INVENTORY_FILE_FORMAT);
      return FALSE;
    }
  format = json_node_get_string (node);

  node = json_object_get_member (root, "format_version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) != IUM_INVENTORY_FILE_VERSION)
    {
      g_set_error (r->error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_FORMAT,
                   _ ("format_version: this version of ium reads %s format version %d only"),
                   format, IUM_INVENTORY_FILE_VERSION);
      return FALSE;
    }

  if (!check_keys (r, root, keys) || !read_string (r, root, "facility", FALSE, FALSE, &facility))
    return FALSE;
  if (facility != NULL)
    ium_inventory_set_facility (r->inventory, facility);

  scheme = ium_inventory_get_release_scheme (r->inventory);
  if (!read_enum (r, root, "release_scheme", FALSE, IUM_TYPE_SCHEME, &scheme))
    return FALSE;
  if ((IumScheme) scheme != ium_inventory_get_release_scheme (r->inventory))
    {
      if (g_list_model_get_n_items (ium_inventory_get_releases (r->inventory)) > 0)
        return fail_at (r, "release_scheme",
                        _ ("the inventory already holds %s releases; "
                           "change the release scheme with import --replace"),
                        ium_scheme_to_string (ium_inventory_get_release_scheme (r->inventory)));
      ium_inventory_set_release_scheme (r->inventory, scheme);
    }

  if ((node = json_object_get_member (root, "policy")) != NULL)
    {
      gsize saved = path_push_key (r, "policy");
      if (!read_policy (r, node))
        return FALSE;
      path_pop (r, saved);
    }

  return read_list (r, root, "components", read_component)
         && read_list (r, root, "rules", read_rule) && read_list (r, root, "releases", read_release)
         && read_list (r, root, "instruments", read_instrument)
         && read_list (r, root, "downtime", read_window)
         && read_list (r, root, "cycles", read_cycle) && check_rules (r) && check_releases (r)
         && check_instruments (r) && check_windows (r);
}

/**
 * ium_inventory_check:
 * @inventory: an inventory
 * @error: an #IUM_INVENTORY_FILE_ERROR_INVALID naming the object at fault
 *
 * Returns: %TRUE when every cross-object rule of the inventory file holds
 */
gboolean
ium_inventory_check (IumInventory *inventory, GError **error)
{
  Reader   r = { 0 };
  gboolean ok;

  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), FALSE);

  r.path = g_string_new (NULL);
  r.inventory = inventory;
  r.origins = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  r.defined_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.error = error;

  ok = check_rules (&r) && check_releases (&r) && check_instruments (&r) && check_windows (&r);

  g_string_free (r.path, TRUE);
  g_hash_table_unref (r.origins);
  g_hash_table_unref (r.defined_at);
  return ok;
}

static void
ium_inventory_file_finalize (GObject *object)
{
  IumInventoryFile *self = (IumInventoryFile *) object;

  g_clear_object (&self->inventory);

  G_OBJECT_CLASS (ium_inventory_file_parent_class)->finalize (object);
}

static void
ium_inventory_file_class_init (IumInventoryFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ium_inventory_file_finalize;
}

static void
ium_inventory_file_init (IumInventoryFile *self)
{
}

/* How deeply a file may nest arrays and objects: an inventory file nests five levels
 * (instruments, hosts, installed); json-glib's parser would overflow the stack on text that
 * nests tens of thousands. */
#define MAX_DEPTH 64

/* JsonParser's reading of @data, with its syntax errors in words for people. */
static JsonNode *
parse_with_json_glib (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;

  if (ium_json_depth (data, length) > MAX_DEPTH)
    {
      g_set_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_SYNTAX,
                   _ ("not an inventory file: arrays and objects nest deeper than %d levels"),
                   MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      /* json-glib says "<data>:3:14: Parse error: unexpected ..."; people read lines. */
      unsigned int line = 0, column = 0;
      int          consumed = 0;
      const char  *reason = parse_error->message;

      if (sscanf (reason, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        {
          reason += consumed;
          if (g_str_has_prefix (reason, "Parse error: "))
            reason += strlen ("Parse error: ");
          g_set_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_SYNTAX,
                       _ ("not valid JSON: line %u, column %u: %s"), line, column, reason);
        }
      else
        g_set_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_SYNTAX,
                     _ ("not valid JSON: %s"), parse_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_SYNTAX,
                   _ ("not valid JSON: the file is empty"));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/**
 * ium_inventory_file_new_from_data:
 * @data: the file's text, UTF-8 JSON
 * @length: its length in bytes
 * @base: (nullable): the inventory to merge over; not modified
 * @error: an #IUM_INVENTORY_FILE_ERROR naming the JSON path of the first fault
 *
 * Returns: (transfer full) (nullable): the read file, whose inventory is @base with the
 *   file merged over it
 */
IumInventoryFile *
ium_inventory_file_new_from_data (const char   *data,
                                  gsize         length,
                                  IumInventory *base,
                                  GError      **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (IumInventoryFile) self = NULL;
  Reader   r = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (base == NULL || IUM_IS_INVENTORY (base), NULL);

  if (length > G_MAXSSIZE)
    {
      g_set_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_SYNTAX,
                   _ ("the file is too large"));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_SYNTAX,
                   _ ("not JSON: the file is not valid UTF-8 text"));
      return NULL;
    }

  if ((root = parse_with_json_glib (data, length, error)) == NULL)
    return NULL;

  self = g_object_new (IUM_TYPE_INVENTORY_FILE, NULL);
  /* The objects are shared: an object the file replaces is replaced by a new one, never
   * changed in place, so @base stays as it was. */
  self->inventory = base ? ium_inventory_copy (base) : ium_inventory_new ();

  r.path = g_string_new (NULL);
  r.inventory = self->inventory;
  r.origins = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  r.defined_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.error = error;

  ok = read_root (&r, root);

  g_string_free (r.path, TRUE);
  g_hash_table_unref (r.origins);
  g_hash_table_unref (r.defined_at);

  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * ium_inventory_file_load:
 * @file: the inventory file
 * @cancellable: (nullable): cancels reading
 * @error: an I/O error or an #IUM_INVENTORY_FILE_ERROR
 *
 * Returns: (transfer full) (nullable): the file read over an empty inventory
 */
IumInventoryFile *
ium_inventory_file_load (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  return ium_inventory_file_new_from_data (contents, length, NULL, error);
}

/**
 * ium_inventory_file_get_inventory:
 *
 * Returns: (transfer none): the merged inventory
 */
IumInventory *
ium_inventory_file_get_inventory (IumInventoryFile *self)
{
  g_return_val_if_fail (IUM_IS_INVENTORY_FILE (self), NULL);

  return self->inventory;
}
