/* test-inventory-file.c: reading the inventory file (every error with its JSON path), merging
 * it over a base inventory, and writing it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-inventory-file"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ium-inventory-file.h"
#include "ium-json-out.h"
#include "ium-time.h"

/* The smallest file that uses every section. It leaves out "policy", "release_scheme" and
 * every component's "scheme", so that the defaults are what a reader gets. */
static const char minimal_document[] =
  "{"
  "  \"format\": \"ium-inventory\","
  "  \"format_version\": 1,"
  "  \"facility\": \"Test Facility\","
  "  \"components\": ["
  "    {\"id\": \"ibex-server\", \"name\": \"IBEX server\", \"role\": \"server\"},"
  "    {\"id\": \"ibex-gui\", \"name\": \"IBEX GUI\", \"role\": \"client\"}"
  "  ],"
  "  \"rules\": [{\"client\": \"ibex-gui\", \"server\": \"ibex-server\","
  "             \"policy\": \"minor-backward\"}],"
  "  \"releases\": ["
  "    {\"version\": \"12.0.0.100\", \"tier\": \"official\", \"date\": \"2024-11-04\"},"
  "    {\"version\": \"12.0.1.130\", \"tier\": \"official\", \"date\": \"2024-12-02\","
  "     \"patch_of\": \"12.0.0.100\"}"
  "  ],"
  "  \"instruments\": ["
  "    {\"name\": \"LARMOR\", \"site\": \"TS2\", \"tags\": [\"sans\"],"
  "     \"hosts\": [{\"name\": \"NDXLARMOR\", \"role\": \"control\","
  "                \"installed\": {\"ibex-server\": \"12.0.0.100\","
  "                              \"ibex-gui\": \"12.0.0.100\"}}]}"
  "  ],"
  "  \"downtime\": ["
  "    {\"start\": \"2025-03-04T08:00:00Z\", \"end\": \"2025-03-04T18:00:00Z\","
  "     \"label\": \"Maintenance day\", \"instruments\": \"all\"}"
  "  ],"
  "  \"cycles\": [{\"name\": \"2025/1\", \"start\": \"2025-02-11T08:00:00Z\","
  "               \"end\": \"2025-03-28T08:00:00Z\", \"freeze\": true}]"
  "}";

/* A header and nothing else: what a file that only adds to a base starts from. */
static const char empty_document[] = "{\"format\": \"ium-inventory\", \"format_version\": 1}";

/* Editing a document: a path in the reader's own notation ("instruments[0].hosts[0].name")
 * and the JSON text to put there; NULL JSON removes the member or element. An index one past
 * the end of an array appends. */

typedef struct
{
  char *key; /* owned, or NULL for an index */
  guint index;
} Step;

static GArray *
parse_path (const char *path)
{
  GArray     *steps = g_array_new (FALSE, TRUE, sizeof (Step));
  const char *p = path;

  while (*p != '\0')
    {
      Step step = { NULL, 0 };

      if (*p == '.')
        p++;
      if (*p == '[')
        {
          char *end = NULL;
          step.index = (guint) g_ascii_strtoull (p + 1, &end, 10);
          g_assert_true (end != NULL && *end == ']');
          p = end + 1;
        }
      else
        {
          gsize n = strcspn (p, ".[");
          g_assert_cmpuint (n, >, 0);
          step.key = g_strndup (p, n);
          p += n;
        }
      g_array_append_val (steps, step);
    }
  return steps;
}

static void
free_steps (GArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    g_free (g_array_index (steps, Step, i).key);
  g_array_unref (steps);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
doc_set (JsonNode *root, const char *path, const char *json)
{
  GArray   *steps = parse_path (path);
  JsonNode *node = root;
  g_autoptr (JsonNode) value = json ? parse_json (json) : NULL;
  Step *last;

  g_assert_cmpuint (steps->len, >, 0);
  for (guint i = 0; i + 1 < steps->len; i++)
    {
      Step *step = &g_array_index (steps, Step, i);

      if (step->key != NULL)
        {
          g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
          node = json_object_get_member (json_node_get_object (node), step->key);
        }
      else
        {
          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
          g_assert_cmpuint (step->index, <, json_array_get_length (json_node_get_array (node)));
          node = json_array_get_element (json_node_get_array (node), step->index);
        }
      g_assert_nonnull (node);
    }

  last = &g_array_index (steps, Step, steps->len - 1);
  if (last->key != NULL)
    {
      JsonObject *object;

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      object = json_node_get_object (node);
      if (value == NULL)
        {
          g_assert_true (json_object_has_member (object, last->key));
          json_object_remove_member (object, last->key);
        }
      else
        json_object_set_member (object, last->key, g_steal_pointer (&value));
    }
  else
    {
      JsonArray *array;
      guint      length;

      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
      array = json_node_get_array (node);
      length = json_array_get_length (array);
      g_assert_cmpuint (last->index, <=, length);
      if (value == NULL)
        {
          g_assert_cmpuint (last->index, <, length);
          json_array_remove_element (array, last->index);
        }
      else if (last->index == length)
        json_array_add_element (array, g_steal_pointer (&value));
      else
        {
          /* JsonArray cannot replace an element: build the array anew around the value. */
          JsonArray *copy = json_array_sized_new (length);

          for (guint i = 0; i < length; i++)
            json_array_add_element (copy, i == last->index
                                            ? g_steal_pointer (&value)
                                            : json_node_copy (json_array_get_element (array, i)));
          json_node_set_array (node, copy);
          json_array_unref (copy);
        }
    }

  free_steps (steps);
}

static char *
doc_to_text (JsonNode *root)
{
  return json_to_string (root, TRUE);
}

static IumInventoryFile *
read_text (const char *text, IumInventory *base, GError **error)
{
  return ium_inventory_file_new_from_data (text, strlen (text), base, error);
}

static IumInventoryFile *
read_valid (const char *text, IumInventory *base)
{
  g_autoptr (GError) error = NULL;
  IumInventoryFile *file = read_text (text, base, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

/* Checks that @error is @code and that its message starts with "@path: " (the path exactly,
 * not a longer or shorter one), and holds each of @needles. */
static void
assert_file_error (const GError *error, int code, const char *path, const char *needle)
{
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, IUM_INVENTORY_FILE_ERROR, code);
  if (path != NULL)
    {
      g_autofree char *prefix = g_strconcat (path, ": ", NULL);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("expected the message to start with “%s”, got “%s”", prefix, error->message);
    }
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("expected the message to mention “%s”, got “%s”", needle, error->message);
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

/* Errors, table-driven: each case edits the minimal document and expects one error. */

typedef struct
{
  const char *path;
  const char *json; /* NULL removes */
} Edit;

typedef struct
{
  const char *name;
  Edit        edits[3];
  int         code;
  const char *path;   /* the exact JSON path the message starts with */
  const char *needle; /* NULL, or a text the message must hold */
} ErrorCase;

#define INVALID IUM_INVENTORY_FILE_ERROR_INVALID
#define FORMAT  IUM_INVENTORY_FILE_ERROR_FORMAT

static const char larmor_copy[] =
  "{\"name\": \"LARMOR\", \"hosts\": [{\"name\": \"NDXLARMOR2\", \"installed\": {}}]}";

static const ErrorCase error_cases[] = {
  /* Not an inventory file, or another version of the format. */
  { "format/missing", { { "format", NULL } }, FORMAT, "format", "ium-inventory" },
  { "format/wrong", { { "format", "\"ium-plan\"" } }, FORMAT, "format", "ium-inventory" },
  { "format/not-a-string", { { "format", "1" } }, FORMAT, "format", NULL },
  { "format-version/missing", { { "format_version", NULL } }, FORMAT, "format_version", NULL },
  { "format-version/newer", { { "format_version", "2" } }, FORMAT, "format_version", NULL },
  { "format-version/zero", { { "format_version", "0" } }, FORMAT, "format_version", NULL },
  { "format-version/string", { { "format_version", "\"1\"" } }, FORMAT, "format_version", NULL },

  /* Unknown keys are errors, wherever they are. */
  { "unknown-key/top-level", { { "facilty", "\"Test\"" } }, INVALID, "facilty", "unknown key" },
  { "unknown-key/policy",
    { { "policy", "{\"max_behind\": 3}" } },
    INVALID,
    "policy.max_behind",
    "unknown key" },
  { "unknown-key/component",
    { { "components[0].colour", "\"red\"" } },
    INVALID,
    "components[0].colour",
    "unknown key" },
  { "unknown-key/rule",
    { { "rules[0].clients", "\"ibex-gui\"" } },
    INVALID,
    "rules[0].clients",
    "unknown key" },
  { "unknown-key/release",
    { { "releases[1].component", "{}" } },
    INVALID,
    "releases[1].component",
    "unknown key" },
  { "unknown-key/instrument",
    { { "instruments[0].host", "[]" } },
    INVALID,
    "instruments[0].host",
    "unknown key" },
  { "unknown-key/host",
    { { "instruments[0].hosts[0].instaled", "{}" } },
    INVALID,
    "instruments[0].hosts[0].instaled",
    "unknown key" },
  { "unknown-key/window",
    { { "downtime[0].instrument", "\"LARMOR\"" } },
    INVALID,
    "downtime[0].instrument",
    "unknown key" },
  { "unknown-key/cycle",
    { { "cycles[0].frozen", "true" } },
    INVALID,
    "cycles[0].frozen",
    "unknown key" },

  /* Versions that do not parse are errors that quote them, never 0. */
  { "bad-version/installed",
    { { "instruments[0].hosts[0].installed.ibex-gui", "\"12.x\"" } },
    INVALID,
    "instruments[0].hosts[0].installed.ibex-gui",
    "12.x" },
  { "bad-version/installed-empty",
    { { "instruments[0].hosts[0].installed.ibex-server", "\"\"" } },
    INVALID,
    "instruments[0].hosts[0].installed.ibex-server",
    NULL },
  { "bad-version/installed-five-parts",
    { { "instruments[0].hosts[0].installed.ibex-server", "\"12.0.0.100.1\"" } },
    INVALID,
    "instruments[0].hosts[0].installed.ibex-server",
    "12.0.0.100.1" },
  { "bad-version/installed-number",
    { { "instruments[0].hosts[0].installed.ibex-gui", "12" } },
    INVALID,
    "instruments[0].hosts[0].installed.ibex-gui",
    "version string" },
  { "bad-version/release",
    { { "releases[1].version", "\"12.0.1.banana\"" } },
    INVALID,
    "releases[1].version",
    "12.0.1.banana" },
  { "bad-version/release-empty",
    { { "releases[0].version", "\"\"" } },
    INVALID,
    "releases[0].version",
    NULL },
  { "bad-version/release-missing",
    { { "releases[0].version", NULL } },
    INVALID,
    "releases[0].version",
    "missing" },
  { "bad-version/release-scheme-semver",
    { { "release_scheme", "\"semver\"" } },
    INVALID,
    "releases[0].version",
    "12.0.0.100" },
  { "bad-version/release-component",
    { { "releases[0].components", "{\"ibex-gui\": \"12..0\"}" } },
    INVALID,
    "releases[0].components.ibex-gui",
    "12..0" },
  { "bad-version/component-scheme",
    { { "components[1].scheme", "\"semver\"" },
      { "releases[0].components", "{\"ibex-gui\": \"12.0\"}" } },
    INVALID,
    "releases[0].components.ibex-gui",
    "12.0" },

  /* References to components that nobody defined. */
  { "unknown-component/installed",
    { { "instruments[0].hosts[0].installed.genie-python", "\"1.0\"" } },
    INVALID,
    "instruments[0].hosts[0].installed.genie-python",
    "genie-python" },
  { "unknown-component/rule-client",
    { { "rules[0].client", "\"genie-python\"" } },
    INVALID,
    "rules[0].client",
    "genie-python" },
  { "unknown-component/rule-server",
    { { "rules[0].server", "\"ibex-srv\"" } },
    INVALID,
    "rules[0].server",
    "ibex-srv" },
  { "unknown-component/release",
    { { "releases[0].components", "{\"genie-python\": \"1.0\"}" } },
    INVALID,
    "releases[0].components.genie-python",
    "genie-python" },
  { "rule/own-server",
    { { "rules[0].server", "\"ibex-gui\"" } },
    INVALID,
    "rules[0].server",
    NULL },

  /* References to releases that nobody defined, and patches that patch nothing older. */
  { "unknown-release/pin",
    { { "instruments[0].pin", "\"13.0\"" } },
    INVALID,
    "instruments[0].pin",
    "13.0" },
  { "unknown-release/patch-of",
    { { "releases[1].patch_of", "\"11.0\"" } },
    INVALID,
    "releases[1].patch_of",
    "11.0" },
  { "patch-of/newer",
    { { "releases[0].patch_of", "\"12.0.1.130\"" } },
    INVALID,
    "releases[0].patch_of",
    "12.0.1.130" },
  { "patch-of/itself",
    { { "releases[1].patch_of", "\"12.0.1.130\"" } },
    INVALID,
    "releases[1].patch_of",
    NULL },

  /* A key defined twice in one file; the message names the first place. */
  { "duplicate/instrument",
    { { "instruments[1]", larmor_copy } },
    INVALID,
    "instruments[1].name",
    "instruments[0]" },
  { "duplicate/component",
    { { "components[2]", "{\"id\": \"ibex-gui\", \"role\": \"library\"}" } },
    INVALID,
    "components[2]",
    "components[1]" },
  { "duplicate/rule",
    { { "rules[1]",
        "{\"client\": \"ibex-gui\", \"server\": \"ibex-server\", \"policy\": \"any\"}" } },
    INVALID,
    "rules[1]",
    "rules[0]" },
  { "duplicate/release-same-text",
    { { "releases[2]", "{\"version\": \"12.0.0.100\", \"tier\": \"test\"}" } },
    INVALID,
    "releases[2]",
    "releases[0]" },
  { "duplicate/release-equal-versions",
    { { "releases[2]", "{\"version\": \"12.1\", \"tier\": \"test\"}" },
      { "releases[3]", "{\"version\": \"12.1.0.0\", \"tier\": \"official\"}" } },
    INVALID,
    "releases[3]",
    "releases[2]" },
  { "duplicate/host",
    { { "instruments[0].hosts[1]", "{\"name\": \"NDXLARMOR\", \"installed\": {}}" } },
    INVALID,
    "instruments[0].hosts[1].name",
    "NDXLARMOR" },
  { "duplicate/cycle",
    { { "cycles[1]", "{\"name\": \"2025/1\", \"start\": \"2025-05-01T08:00:00Z\","
                     " \"end\": \"2025-06-01T08:00:00Z\"}" } },
    INVALID,
    "cycles[1]",
    "cycles[0]" },
  { "duplicate/window",
    { { "downtime[1]", "{\"start\": \"2025-03-04T09:00:00+01:00\","
                       " \"end\": \"2025-03-04T18:00:00Z\","
                       " \"label\": \"Maintenance day\", \"instruments\": [\"LARMOR\"]}" } },
    INVALID,
    "downtime[1]",
    "downtime[0]" },

  /* Times. */
  { "window/ends-before-start",
    { { "downtime[0].end", "\"2025-03-04T07:00:00Z\"" } },
    INVALID,
    "downtime[0].end",
    NULL },
  { "window/ends-at-start",
    { { "downtime[0].end", "\"2025-03-04T09:00:00+01:00\"" } },
    INVALID,
    "downtime[0].end",
    NULL },
  { "cycle/ends-before-start",
    { { "cycles[0].end", "\"2025-01-01T00:00:00Z\"" } },
    INVALID,
    "cycles[0].end",
    NULL },
  { "timestamp/no-offset",
    { { "downtime[0].start", "\"2025-03-04T08:00:00\"" } },
    INVALID,
    "downtime[0].start",
    "2025-03-04T08:00:00" },
  { "timestamp/date-only",
    { { "downtime[0].start", "\"2025-03-04\"" } },
    INVALID,
    "downtime[0].start",
    "2025-03-04" },
  { "timestamp/nonsense",
    { { "downtime[0].start", "\"next tuesday\"" } },
    INVALID,
    "downtime[0].start",
    "next tuesday" },
  { "timestamp/hour-offset",
    { { "downtime[0].start", "\"2025-03-04T08:00:00+01\"" } },
    INVALID,
    "downtime[0].start",
    NULL },
  { "timestamp/out-of-range",
    { { "downtime[0].start", "\"2025-02-30T08:00:00Z\"" } },
    INVALID,
    "downtime[0].start",
    "2025-02-30" },
  { "timestamp/missing",
    { { "downtime[0].start", NULL } },
    INVALID,
    "downtime[0].start",
    "missing" },
  { "timestamp/number", { { "cycles[0].start", "20250211" } }, INVALID, "cycles[0].start", NULL },
  { "date/not-a-date",
    { { "releases[0].date", "\"2024-02-30\"" } },
    INVALID,
    "releases[0].date",
    "2024-02-30" },

  /* JSON types. */
  { "type/policy-string",
    { { "policy", "{\"max_minor_behind\": \"2\"}" } },
    INVALID,
    "policy.max_minor_behind",
    "a string" },
  { "type/policy-negative",
    { { "policy", "{\"soak_days\": -1}" } },
    INVALID,
    "policy.soak_days",
    "-1" },
  { "type/policy-fraction",
    { { "policy", "{\"upgrade_hours\": 4.5}" } },
    INVALID,
    "policy.upgrade_hours",
    "fraction" },
  { "type/policy-huge",
    { { "policy", "{\"max_minor_behind\": 99999999999}" } },
    INVALID,
    "policy.max_minor_behind",
    NULL },
  { "type/policy-zero-hours",
    { { "policy", "{\"upgrade_hours\": 0}" } },
    INVALID,
    "policy.upgrade_hours",
    NULL },
  { "type/policy-zero-per-day",
    { { "policy", "{\"max_upgrades_per_day\": 0}" } },
    INVALID,
    "policy.max_upgrades_per_day",
    NULL },
  { "type/policy-array", { { "policy", "[]" } }, INVALID, "policy", "an array" },
  { "type/name-number",
    { { "instruments[0].name", "5" } },
    INVALID,
    "instruments[0].name",
    "a whole number" },
  { "type/name-empty",
    { { "instruments[0].name", "\"\"" } },
    INVALID,
    "instruments[0].name",
    NULL },
  { "type/site-null",
    { { "instruments[0].site", "null" } },
    INVALID,
    "instruments[0].site",
    "null" },
  { "type/tags-object",
    { { "instruments[0].tags", "{}" } },
    INVALID,
    "instruments[0].tags",
    "an object" },
  { "type/tag-number",
    { { "instruments[0].tags[1]", "3" } },
    INVALID,
    "instruments[0].tags[1]",
    NULL },
  { "type/installed-array",
    { { "instruments[0].hosts[0].installed", "[]" } },
    INVALID,
    "instruments[0].hosts[0].installed",
    "an array" },
  { "type/host-string",
    { { "instruments[0].hosts[0]", "\"NDXLARMOR\"" } },
    INVALID,
    "instruments[0].hosts[0]",
    "a string" },
  { "type/freeze-string",
    { { "cycles[0].freeze", "\"yes\"" } },
    INVALID,
    "cycles[0].freeze",
    "a string" },
  { "type/components-object", { { "components", "{}" } }, INVALID, "components", "an object" },
  { "type/component-string",
    { { "components[0]", "\"ibex-server\"" } },
    INVALID,
    "components[0]",
    NULL },
  { "type/facility-number", { { "facility", "7" } }, INVALID, "facility", NULL },
  { "type/window-instruments-number",
    { { "downtime[0].instruments", "3" } },
    INVALID,
    "downtime[0].instruments",
    NULL },

  /* Values that are the right type but wrong. */
  { "window/instruments-empty",
    { { "downtime[0].instruments", "[]" } },
    INVALID,
    "downtime[0].instruments",
    "\"all\"" },
  { "window/instruments-word",
    { { "downtime[0].instruments", "\"every\"" } },
    INVALID,
    "downtime[0].instruments",
    "every" },
  { "window/unknown-instrument",
    { { "downtime[0].instruments", "[\"LARMOR\", \"ZOOM\"]" } },
    INVALID,
    "downtime[0].instruments[1]",
    "ZOOM" },
  { "window/missing-label", { { "downtime[0].label", NULL } }, INVALID, "downtime[0].label", NULL },
  { "instrument/no-hosts",
    { { "instruments[0].hosts", "[]" } },
    INVALID,
    "instruments[0].hosts",
    NULL },
  { "instrument/hosts-missing",
    { { "instruments[0].hosts", NULL } },
    INVALID,
    "instruments[0].hosts",
    "missing" },
  { "host/name-missing",
    { { "instruments[0].hosts[0].name", NULL } },
    INVALID,
    "instruments[0].hosts[0].name",
    NULL },
  { "component/bad-id",
    { { "components[0].id", "\"IBEX Server\"" } },
    INVALID,
    "components[0].id",
    "IBEX Server" },
  { "component/id-leading-dash",
    { { "components[0].id", "\"-server\"" } },
    INVALID,
    "components[0].id",
    NULL },
  { "component/id-empty", { { "components[0].id", "\"\"" } }, INVALID, "components[0].id", NULL },
  { "component/role-missing",
    { { "components[0].role", NULL } },
    INVALID,
    "components[0].role",
    NULL },
  { "nick/tier", { { "releases[0].tier", "\"beta\"" } }, INVALID, "releases[0].tier", "beta" },
  { "nick/role",
    { { "components[0].role", "\"daemon\"" } },
    INVALID,
    "components[0].role",
    "daemon" },
  { "nick/scheme",
    { { "components[0].scheme", "\"roman\"" } },
    INVALID,
    "components[0].scheme",
    "roman" },
  { "nick/policy", { { "rules[0].policy", "\"loose\"" } }, INVALID, "rules[0].policy", "loose" },
  { "nick/release-scheme",
    { { "release_scheme", "\"roman\"" } },
    INVALID,
    "release_scheme",
    "roman" },
  /* Control characters: a strict JSON reader refuses U+001F written raw, a terminal or a CSV
   * cell would misread the others. */
  { "control/site",
    { { "instruments[0].site", "\"TS\\u001f2\"" } },
    INVALID,
    "instruments[0].site",
    "U+001F" },
  { "control/name-line-break",
    { { "instruments[0].name", "\"LAR\\nMOR\"" } },
    INVALID,
    "instruments[0].name",
    "U+000A" },
  { "control/tag",
    { { "instruments[0].tags", "[\"sans\", \"a\\u0007\"]" } },
    INVALID,
    "instruments[0].tags[1]",
    "U+0007" },
  { "control/label-c1",
    { { "downtime[0].label", "\"Maintenance\\u0085day\"" } },
    INVALID,
    "downtime[0].label",
    "U+0085" },
  { "control/facility-tab",
    { { "facility", "\"Test\\tFacility\"" } },
    INVALID,
    "facility",
    "U+0009" },
  { "control/notes-escape",
    { { "releases[0].notes", "\"one\\u001b[31mtwo\"" } },
    INVALID,
    "releases[0].notes",
    "U+001B" },
};

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (c->edits) && c->edits[i].path != NULL; i++)
    doc_set (root, c->edits[i].path, c->edits[i].json);
  text = doc_to_text (root);

  file = read_text (text, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, c->code, c->path, c->needle);
}

/* Release notes may have line breaks and tabs; nothing else may. */
static void
test_notes_multiline (void)
{
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (IumRelease) release = NULL;
  g_autofree char *text = NULL;

  doc_set (root, "releases[0].notes", "\"Fixes:\\n\\t- the scan log\\r\\n\\t- units\"");
  text = doc_to_text (root);
  file = read_valid (text, NULL);
  release =
    g_list_model_get_item (ium_inventory_get_releases (ium_inventory_file_get_inventory (file)), 0);
  g_assert_cmpstr (ium_release_get_notes (release), ==, "Fixes:\n\t- the scan log\r\n\t- units");
  g_assert_cmpuint (ium_text_find_control_character ("a\tb", FALSE), ==, '\t');
  g_assert_cmpuint (ium_text_find_control_character ("a\tb\n", TRUE), ==, 0);
  g_assert_cmpuint (ium_text_find_control_character ("Zürich", FALSE), ==, 0);
  g_assert_cmpuint (ium_text_find_control_character ("a\x7f", TRUE), ==, 0x7f);
}

/* Files that are not JSON, or not an object. */

static void
test_syntax_truncated (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) file = NULL;
  gsize length = strlen (minimal_document);

  file = ium_inventory_file_new_from_data (minimal_document, length / 2, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, IUM_INVENTORY_FILE_ERROR_SYNTAX, NULL, "JSON");
  /* Where it broke, as a line and a column. */
  g_assert_true (
    g_regex_match_simple ("^not valid JSON: line [0-9]+, column [0-9]+: .+", error->message, 0, 0));
}

static void
test_syntax_not_utf8 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) file = NULL;
  /* Latin-1 "é" in the facility's name: valid JSON otherwise. */
  const char text[] = "{\"format\": \"ium-inventory\", \"format_version\": 1, "
                      "\"facility\": \"Neutron \xe9tude\"}";

  file = read_text (text, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, IUM_INVENTORY_FILE_ERROR_SYNTAX, NULL, "UTF-8");
}

/* Arrays nested a hundred thousand deep: json-glib's parser would recurse past the end of the
 * stack; the reader refuses the file instead. A real file (five levels) and a little more
 * nesting inside a string read as before. */
static void
test_syntax_too_deep (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) file = NULL;
  g_autofree char *deep = g_strnfill (100000, '[');
  const char       nested_string[] = "{\"format\": \"ium-inventory\", \"format_version\": 1, "
                                     "\"facility\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                                     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}";
  const char       siblings[] = "[{}, {}, {}, [[]], {\"a\": [1]}]";
  const char       in_string[] = "{\"[\\\"\": []}";

  file = ium_inventory_file_new_from_data (deep, strlen (deep), NULL, &error);
  g_assert_null (file);
  assert_file_error (error, IUM_INVENTORY_FILE_ERROR_SYNTAX, NULL, "nest");
  g_clear_error (&error);

  file = read_text (nested_string, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);

  /* Siblings do not add up: only nesting counts. */
  g_assert_cmpuint (ium_json_depth (siblings, strlen (siblings)), ==, 3);
  g_assert_cmpuint (ium_json_depth (in_string, strlen (in_string)), ==, 2);
}

static void
test_syntax_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) file = NULL;

  file = ium_inventory_file_new_from_data ("", 0, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, IUM_INVENTORY_FILE_ERROR_SYNTAX, NULL, NULL);
  g_clear_error (&error);

  /* Only white space is empty too. */
  file = read_text ("  \n\t\n", NULL, &error);
  g_assert_null (file);
  assert_file_error (error, IUM_INVENTORY_FILE_ERROR_SYNTAX, NULL, NULL);
}

static void
test_syntax_trailing_garbage (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) file = NULL;
  g_autofree char *text = g_strconcat (empty_document, " }", NULL);

  file = read_text (text, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, IUM_INVENTORY_FILE_ERROR_SYNTAX, NULL, NULL);
}

static void
test_format_top_level (void)
{
  const char *texts[] = { "[]",
                          "["
                          "{\"format\": \"ium-inventory\", \"format_version\": 1}"
                          "]",
                          "\"ium-inventory\"", "42", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IumInventoryFile) file = read_text (texts[i], NULL, &error);

      g_test_message ("text: %s", texts[i]);
      g_assert_null (file);
      assert_file_error (error, IUM_INVENTORY_FILE_ERROR_FORMAT, "(top level)", NULL);
    }
}

/* The first error is the one reported: an unknown key of a later instrument does not hide a
 * type error of an earlier one, and the index counts from 0. */
static void
test_error_third_instrument (void)
{
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  doc_set (root, "instruments[1]",
           "{\"name\": \"WISH\", \"hosts\": [{\"name\": \"NDXWISH\", \"installed\": {}}]}");
  doc_set (root, "instruments[2]",
           "{\"name\": \"ZOOM\", \"hosts\": [{\"name\": \"NDXZOOM\", \"installed\": {}},"
           " {\"name\": \"ZOOM-CLUSTER\", \"installed\": {\"ibex-gui\": \"twelve\"}}]}");
  doc_set (root, "instruments[3]", "{\"name\": \"ALF\", \"colour\": \"red\"}");
  text = doc_to_text (root);

  file = read_text (text, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, INVALID, "instruments[3].colour", NULL);
  g_clear_error (&error);

  /* Without the later fault, the version check finds the earlier one, at its own host. */
  doc_set (root, "instruments[3]", NULL);
  g_free (text);
  text = doc_to_text (root);
  file = read_text (text, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, INVALID, "instruments[2].hosts[1].installed.ibex-gui", "twelve");
}

/* The minimal document itself is valid, and reads as written. */
static void
test_minimal (void)
{
  g_autoptr (IumInventoryFile) file = read_valid (minimal_document, NULL);
  IumInventory  *inventory = ium_inventory_file_get_inventory (file);
  IumInstrument *larmor;
  IumHost       *host;
  IumRelease    *patch;
  IumRule       *rule;
  IumCycle      *cycle;
  g_autoptr (IumWindow) window = NULL;
  g_autofree char *start = NULL;

  g_assert_cmpstr (ium_inventory_get_facility (inventory), ==, "Test Facility");
  g_assert_cmpuint (n_items (ium_inventory_get_components (inventory)), ==, 2);
  g_assert_cmpuint (n_items (ium_inventory_get_rules (inventory)), ==, 1);
  g_assert_cmpuint (n_items (ium_inventory_get_releases (inventory)), ==, 2);
  g_assert_cmpuint (n_items (ium_inventory_get_instruments (inventory)), ==, 1);
  g_assert_cmpuint (n_items (ium_inventory_get_windows (inventory)), ==, 1);
  g_assert_cmpuint (n_items (ium_inventory_get_cycles (inventory)), ==, 1);

  larmor = ium_inventory_lookup_instrument (inventory, "LARMOR");
  g_assert_nonnull (larmor);
  g_assert_cmpstr (ium_instrument_get_site (larmor), ==, "TS2");
  g_assert_true (ium_instrument_has_tag (larmor, "sans"));
  g_assert_null (ium_instrument_get_pin (larmor));
  g_assert_cmpuint (ium_instrument_get_n_hosts (larmor), ==, 1);
  host = ium_instrument_get_host (larmor, 0);
  g_assert_cmpstr (ium_host_get_name (host), ==, "NDXLARMOR");
  g_assert_cmpstr (ium_host_get_role (host), ==, "control");
  g_assert_cmpstr (ium_host_get_installed_version (host, "ibex-gui"), ==, "12.0.0.100");

  patch = ium_inventory_lookup_release (inventory, "12.0.1.130");
  g_assert_nonnull (patch);
  g_assert_cmpstr (ium_release_get_patch_of (patch), ==, "12.0.0.100");
  g_assert_cmpstr (ium_release_get_date (patch), ==, "2024-12-02");
  g_assert_cmpint (ium_release_get_tier (patch), ==, IUM_TIER_OFFICIAL);

  rule = ium_inventory_lookup_rule (inventory, "ibex-gui");
  g_assert_nonnull (rule);
  g_assert_cmpstr (ium_rule_get_server (rule), ==, "ibex-server");

  cycle = ium_inventory_lookup_cycle (inventory, "2025/1");
  g_assert_nonnull (cycle);
  g_assert_true (ium_cycle_get_freeze (cycle));

  window = g_list_model_get_item (ium_inventory_get_windows (inventory), 0);
  g_assert_cmpstr (ium_window_get_label (window), ==, "Maintenance day");
  g_assert_null (ium_window_get_instruments (window));
  start = ium_timestamp_format (ium_window_get_start (window));
  g_assert_cmpstr (start, ==, "2025-03-04T08:00:00Z");
}

static void
test_load_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ium-test-inventory-file-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GFile) missing = NULL;
  g_autoptr (IumInventoryFile) read = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "inventory.json", NULL);
  g_file_set_contents (path, minimal_document, -1, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  read = ium_inventory_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_nonnull (
    ium_inventory_lookup_instrument (ium_inventory_file_get_inventory (read), "LARMOR"));
  g_clear_object (&read);

  /* A file that is not there is an I/O error, not a format one. */
  folder = g_file_new_for_path (dir);
  missing = g_file_get_child (folder, "missing.json");
  read = ium_inventory_file_load (missing, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Defaults: what the file leaves out. */

static void
test_defaults (void)
{
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autofree char *text = NULL;
  IumInventory    *inventory;
  const IumPolicy *policy;
  IumComponent    *server, *gui;

  doc_set (root, "components[0].name", NULL);
  doc_set (root, "rules[0].policy", NULL);
  doc_set (root, "instruments[0].site", NULL);
  text = doc_to_text (root);
  g_assert_null (strstr (text, "\"policy\""));
  g_assert_null (strstr (text, "scheme"));

  file = read_valid (text, NULL);
  inventory = ium_inventory_file_get_inventory (file);

  policy = ium_inventory_get_policy (inventory);
  g_assert_cmpuint (policy->max_minor_behind, ==, 2);
  g_assert_cmpuint (policy->max_upgrades_per_day, ==, 3);
  g_assert_cmpuint (policy->upgrade_hours, ==, 4);
  g_assert_cmpuint (policy->soak_days, ==, 7);

  g_assert_cmpint (ium_inventory_get_release_scheme (inventory), ==, IUM_SCHEME_QUAD);

  server = ium_inventory_lookup_component (inventory, "ibex-server");
  gui = ium_inventory_lookup_component (inventory, "ibex-gui");
  g_assert_nonnull (server);
  g_assert_nonnull (gui);
  g_assert_cmpint (ium_component_get_scheme (server), ==, IUM_SCHEME_QUAD);
  g_assert_cmpint (ium_component_get_scheme (gui), ==, IUM_SCHEME_QUAD);
  g_assert_cmpstr (ium_component_get_name (server), ==, "ibex-server");
  g_assert_cmpstr (ium_component_get_name (gui), ==, "IBEX GUI");

  g_assert_cmpint (ium_rule_get_policy (ium_inventory_lookup_rule (inventory, "ibex-gui")), ==,
                   IUM_COMPAT_POLICY_MINOR_BACKWARD);
  g_assert_cmpstr (ium_instrument_get_site (ium_inventory_lookup_instrument (inventory, "LARMOR")),
                   ==, "");
}

/* A policy in the file sets only the limits it names. */
static void
test_policy_partial (void)
{
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autofree char *text = NULL;
  const IumPolicy *policy;

  doc_set (root, "policy", "{\"soak_days\": 3, \"max_minor_behind\": 0}");
  text = doc_to_text (root);
  file = read_valid (text, NULL);
  policy = ium_inventory_get_policy (ium_inventory_file_get_inventory (file));
  g_assert_cmpuint (policy->max_minor_behind, ==, 0);
  g_assert_cmpuint (policy->max_upgrades_per_day, ==, 3);
  g_assert_cmpuint (policy->upgrade_hours, ==, 4);
  g_assert_cmpuint (policy->soak_days, ==, 3);
}

/* A release that does not list a component puts it at the release's own version, which must
 * parse in that component's scheme. */
static void
test_release_unlisted_component (void)
{
  const char *tool = "{\"id\": \"tool\", \"role\": \"library\", \"scheme\": \"calver\"}";
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  doc_set (root, "components[2]", tool);
  text = doc_to_text (root);
  file = read_text (text, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, INVALID, "releases[0].version", "tool");
  g_clear_error (&error);

  /* Listing the component with a version of its own scheme makes it valid, release by
   * release: the second release still fails. */
  doc_set (root, "releases[0].components", "{\"tool\": \"20241104.0\"}");
  g_free (text);
  text = doc_to_text (root);
  file = read_text (text, NULL, &error);
  g_assert_null (file);
  assert_file_error (error, INVALID, "releases[1].version", "tool");
  g_clear_error (&error);

  doc_set (root, "releases[1].components", "{\"tool\": \"20241202.1\"}");
  g_free (text);
  text = doc_to_text (root);
  file = read_valid (text, NULL);
  g_assert_cmpstr (
    ium_release_get_component_version (
      ium_inventory_lookup_release (ium_inventory_file_get_inventory (file), "12.0.1.130"), "tool"),
    ==, "20241202.1");
}

/* Merging over a base. */

static void
test_merge (void)
{
  g_autoptr (IumInventoryFile) base_file = read_valid (minimal_document, NULL);
  IumInventory *base = ium_inventory_file_get_inventory (base_file);
  g_autoptr (IumInventoryFile) merged_file = NULL;
  g_autofree char *base_before = ium_inventory_to_data (base, NULL);
  g_autofree char *base_after = NULL;
  IumInventory    *merged;
  IumInstrument   *larmor, *zoom;
  g_autoptr (JsonNode) root = parse_json (empty_document);
  g_autofree char *text = NULL;

  doc_set (root, "facility", "\"Renamed Facility\"");
  doc_set (root, "policy", "{\"soak_days\": 3}");
  doc_set (root, "components",
           "[{\"id\": \"ibex-gui\", \"name\": \"New GUI\", \"role\": \"client\"}]");
  /* LARMOR again, with another host list: the whole instrument is replaced. */
  doc_set (root, "instruments",
           "[{\"name\": \"LARMOR\", \"site\": \"TS1\","
           "  \"hosts\": [{\"name\": \"LARMOR-CLUSTER\", \"role\": \"cluster\","
           "              \"installed\": {\"ibex-server\": \"12.0.1.130\"}}]},"
           " {\"name\": \"ZOOM\", \"pin\": \"12.0.0.100\","
           "  \"hosts\": [{\"name\": \"NDXZOOM\","
           "              \"installed\": {\"ibex-gui\": \"12.0.0.100\"}}]}]");
  doc_set (root, "releases",
           "[{\"version\": \"12.0.2.140\", \"tier\": \"test\", \"patch_of\": \"12.0.1.130\","
           "  \"components\": {\"ibex-gui\": \"12.0.2.141\"}}]");
  text = doc_to_text (root);

  merged_file = read_valid (text, base);
  merged = ium_inventory_file_get_inventory (merged_file);
  g_assert_true (merged != base);

  /* Added, replaced and left alone. */
  g_assert_cmpstr (ium_inventory_get_facility (merged), ==, "Renamed Facility");
  g_assert_cmpuint (ium_inventory_get_policy (merged)->soak_days, ==, 3);
  g_assert_cmpuint (ium_inventory_get_policy (merged)->max_minor_behind, ==, 2);
  g_assert_cmpuint (n_items (ium_inventory_get_components (merged)), ==, 2);
  g_assert_cmpstr (ium_component_get_name (ium_inventory_lookup_component (merged, "ibex-gui")), ==,
                   "New GUI");
  g_assert_cmpstr (ium_component_get_name (ium_inventory_lookup_component (merged, "ibex-server")),
                   ==, "IBEX server");
  g_assert_cmpuint (n_items (ium_inventory_get_rules (merged)), ==, 1);
  g_assert_cmpuint (n_items (ium_inventory_get_releases (merged)), ==, 3);
  g_assert_nonnull (ium_inventory_lookup_release (merged, "12.0.0.100"));
  g_assert_nonnull (ium_inventory_lookup_release (merged, "12.0.2.140"));
  g_assert_cmpuint (n_items (ium_inventory_get_instruments (merged)), ==, 2);
  g_assert_cmpuint (n_items (ium_inventory_get_windows (merged)), ==, 1);
  g_assert_cmpuint (n_items (ium_inventory_get_cycles (merged)), ==, 1);

  larmor = ium_inventory_lookup_instrument (merged, "LARMOR");
  g_assert_cmpstr (ium_instrument_get_site (larmor), ==, "TS1");
  g_assert_false (ium_instrument_has_tag (larmor, "sans"));
  g_assert_cmpuint (ium_instrument_get_n_hosts (larmor), ==, 1);
  g_assert_cmpstr (ium_host_get_name (ium_instrument_get_host (larmor, 0)), ==, "LARMOR-CLUSTER");
  g_assert_null (ium_instrument_find_host (larmor, "NDXLARMOR"));
  zoom = ium_inventory_lookup_instrument (merged, "ZOOM");
  g_assert_nonnull (zoom);
  g_assert_cmpstr (ium_instrument_get_pin (zoom), ==, "12.0.0.100");

  /* The base is as it was, object by object and as a whole. */
  g_assert_cmpstr (ium_inventory_get_facility (base), ==, "Test Facility");
  g_assert_cmpuint (ium_inventory_get_policy (base)->soak_days, ==, 7);
  g_assert_cmpstr (ium_component_get_name (ium_inventory_lookup_component (base, "ibex-gui")), ==,
                   "IBEX GUI");
  g_assert_cmpuint (n_items (ium_inventory_get_releases (base)), ==, 2);
  g_assert_cmpuint (n_items (ium_inventory_get_instruments (base)), ==, 1);
  g_assert_null (ium_inventory_lookup_instrument (base, "ZOOM"));
  larmor = ium_inventory_lookup_instrument (base, "LARMOR");
  g_assert_cmpstr (ium_instrument_get_site (larmor), ==, "TS2");
  g_assert_cmpuint (ium_instrument_get_n_hosts (larmor), ==, 1);
  g_assert_cmpstr (ium_host_get_name (ium_instrument_get_host (larmor, 0)), ==, "NDXLARMOR");
  base_after = ium_inventory_to_data (base, NULL);
  g_assert_cmpstr (base_after, ==, base_before);
}

/* The file may refer to what only the base holds; read alone, the same file is wrong. */
static void
test_merge_references_base (void)
{
  g_autoptr (IumInventoryFile) base_file = read_valid (minimal_document, NULL);
  IumInventory *base = ium_inventory_file_get_inventory (base_file);
  g_autoptr (IumInventoryFile) merged = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = parse_json (empty_document);
  g_autofree char *text = NULL;

  doc_set (root, "instruments",
           "[{\"name\": \"ZOOM\", \"pin\": \"12.0.1.130\","
           "  \"hosts\": [{\"name\": \"NDXZOOM\","
           "              \"installed\": {\"ibex-server\": \"12.0.1.130\"}}]}]");
  doc_set (root, "downtime",
           "[{\"start\": \"2025-04-01T08:00:00Z\", \"end\": \"2025-04-01T18:00:00Z\","
           "  \"label\": \"LARMOR day\", \"instruments\": [\"LARMOR\"]}]");
  text = doc_to_text (root);

  merged = read_valid (text, base);
  g_assert_cmpuint (n_items (ium_inventory_get_windows (ium_inventory_file_get_inventory (merged))),
                    ==, 2);
  g_clear_object (&merged);

  merged = read_text (text, NULL, &error);
  g_assert_null (merged);
  assert_file_error (error, INVALID, "instruments[0].pin", "12.0.1.130");
  g_clear_error (&error);

  /* And a file that refers to what neither holds fails over the base too, naming the file's
   * own path. */
  doc_set (root, "instruments[0].hosts[0].installed.genie-python", "\"1.2\"");
  g_free (text);
  text = doc_to_text (root);
  merged = read_text (text, base, &error);
  g_assert_null (merged);
  assert_file_error (error, INVALID, "instruments[0].hosts[0].installed.genie-python",
                     "genie-python");
}

/* A component the file adds that the base's releases cannot carry is an error about a release
 * the file does not hold: it is named in words. */
static void
test_merge_error_in_base_object (void)
{
  g_autoptr (IumInventoryFile) base_file = read_valid (minimal_document, NULL);
  IumInventory *base = ium_inventory_file_get_inventory (base_file);
  g_autoptr (IumInventoryFile) merged = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = parse_json (empty_document);
  g_autofree char *text = NULL;

  doc_set (root, "components",
           "[{\"id\": \"tool\", \"role\": \"library\", \"scheme\": \"calver\"}]");
  text = doc_to_text (root);

  /* Alone, the file is fine. */
  merged = read_valid (text, NULL);
  g_clear_object (&merged);

  merged = read_text (text, base, &error);
  g_assert_null (merged);
  assert_file_error (error, INVALID, NULL, "12.0.0.100");
  g_assert_nonnull (strstr (error->message, "tool"));
}

static void
test_merge_release_scheme (void)
{
  g_autoptr (IumInventoryFile) base_file = read_valid (minimal_document, NULL);
  IumInventory *base = ium_inventory_file_get_inventory (base_file);
  g_autoptr (IumInventoryFile) merged = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = parse_json (empty_document);
  g_autofree char *text = NULL;

  /* The same scheme said again is no change. */
  doc_set (root, "release_scheme", "\"quad\"");
  text = doc_to_text (root);
  merged = read_valid (text, base);
  g_clear_object (&merged);

  doc_set (root, "release_scheme", "\"semver\"");
  g_free (text);
  text = doc_to_text (root);
  merged = read_text (text, base, &error);
  g_assert_null (merged);
  assert_file_error (error, INVALID, "release_scheme", "quad");
  g_assert_cmpint (ium_inventory_get_release_scheme (base), ==, IUM_SCHEME_QUAD);
  g_clear_error (&error);

  /* Over a base without releases, the scheme may change. */
  {
    g_autoptr (IumInventory) empty = ium_inventory_new ();
    merged = read_valid (text, empty);
    g_assert_cmpint (ium_inventory_get_release_scheme (ium_inventory_file_get_inventory (merged)),
                     ==, IUM_SCHEME_SEMVER);
    g_assert_cmpint (ium_inventory_get_release_scheme (empty), ==, IUM_SCHEME_QUAD);
  }
}

/* A failed read over a base leaves the base as it was, even after part of the file was read. */
static void
test_merge_failure_leaves_base (void)
{
  g_autoptr (IumInventoryFile) base_file = read_valid (minimal_document, NULL);
  IumInventory    *base = ium_inventory_file_get_inventory (base_file);
  g_autofree char *before = ium_inventory_to_data (base, NULL);
  g_autofree char *after = NULL;
  g_autoptr (IumInventoryFile) merged = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = parse_json (empty_document);
  g_autofree char *text = NULL;

  doc_set (root, "facility", "\"Other\"");
  doc_set (root, "instruments",
           "[{\"name\": \"LARMOR\", \"hosts\": [{\"name\": \"X\", \"installed\": {}}]},"
           " {\"name\": \"WISH\", \"pin\": \"99\","
           "  \"hosts\": [{\"name\": \"Y\", \"installed\": {}}]}]");
  text = doc_to_text (root);
  merged = read_text (text, base, &error);
  g_assert_null (merged);
  assert_file_error (error, INVALID, "instruments[1].pin", NULL);

  after = ium_inventory_to_data (base, NULL);
  g_assert_cmpstr (after, ==, before);
}

/* Writing. */

static char *
demo_path (void)
{
  const char *root = g_getenv ("IUM_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", "demo-inventory.json", NULL);
}

static void
assert_same_counts (IumInventory *a, IumInventory *b)
{
  g_assert_cmpuint (n_items (ium_inventory_get_components (a)), ==,
                    n_items (ium_inventory_get_components (b)));
  g_assert_cmpuint (n_items (ium_inventory_get_rules (a)), ==,
                    n_items (ium_inventory_get_rules (b)));
  g_assert_cmpuint (n_items (ium_inventory_get_releases (a)), ==,
                    n_items (ium_inventory_get_releases (b)));
  g_assert_cmpuint (n_items (ium_inventory_get_instruments (a)), ==,
                    n_items (ium_inventory_get_instruments (b)));
  g_assert_cmpuint (n_items (ium_inventory_get_windows (a)), ==,
                    n_items (ium_inventory_get_windows (b)));
  g_assert_cmpuint (n_items (ium_inventory_get_cycles (a)), ==,
                    n_items (ium_inventory_get_cycles (b)));
}

static guint
json_array_length_of (JsonObject *object, const char *key)
{
  return json_array_get_length (json_object_get_array_member (object, key));
}

static void
test_round_trip_demo (void)
{
  g_autofree char *path = demo_path ();
  g_autofree char *contents = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr (IumInventoryFile) demo = NULL;
  g_autoptr (IumInventoryFile) again = NULL;
  g_autoptr (JsonNode) source = NULL;
  g_autoptr (GError) error = NULL;
  gsize       length = 0, first_length = 0, second_length = 0;
  JsonObject *object;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  demo = ium_inventory_file_new_from_data (contents, length, NULL, &error);
  g_assert_no_error (error);
  first = ium_inventory_to_data (ium_inventory_file_get_inventory (demo), &first_length);
  g_assert_cmpuint (first_length, ==, strlen (first));
  g_assert_true (g_str_has_suffix (first, "}\n"));

  again = ium_inventory_file_new_from_data (first, first_length, NULL, &error);
  g_assert_no_error (error);
  second = ium_inventory_to_data (ium_inventory_file_get_inventory (again), &second_length);

  g_assert_cmpuint (first_length, ==, second_length);
  g_assert_cmpstr (first, ==, second);
  assert_same_counts (ium_inventory_file_get_inventory (demo),
                      ium_inventory_file_get_inventory (again));

  /* Nothing of the demo was lost on the way: the counts are the file's own. */
  source = parse_json (contents);
  object = json_node_get_object (source);
  {
    IumInventory *inventory = ium_inventory_file_get_inventory (again);
    g_assert_cmpuint (n_items (ium_inventory_get_components (inventory)), ==,
                      json_array_length_of (object, "components"));
    g_assert_cmpuint (n_items (ium_inventory_get_rules (inventory)), ==,
                      json_array_length_of (object, "rules"));
    g_assert_cmpuint (n_items (ium_inventory_get_releases (inventory)), ==,
                      json_array_length_of (object, "releases"));
    g_assert_cmpuint (n_items (ium_inventory_get_instruments (inventory)), ==,
                      json_array_length_of (object, "instruments"));
    g_assert_cmpuint (n_items (ium_inventory_get_windows (inventory)), ==,
                      json_array_length_of (object, "downtime"));
    g_assert_cmpuint (n_items (ium_inventory_get_cycles (inventory)), ==,
                      json_array_length_of (object, "cycles"));
  }

  /* The demo has windows in British Summer Time: the offset is written as RFC 3339 has it. */
  g_assert_nonnull (strstr (contents, "\"2027-03-30T08:00:00+01:00\""));
  g_assert_nonnull (strstr (first, "\"2027-03-30T08:00:00+01:00\""));
  g_assert_null (strstr (first, "+01\""));
  g_assert_null (strstr (first, "+00:00"));
}

static void
test_round_trip_offsets (void)
{
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (IumInventoryFile) again = NULL;
  g_autoptr (IumWindow) window = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  doc_set (root, "downtime[0].start", "\"2025-06-04T08:00:00+01:00\"");
  doc_set (root, "downtime[0].end", "\"2025-06-04T18:30:00-05:30\"");
  doc_set (root, "cycles[0].start", "\"2025-02-11T08:00:00.250+00:00\"");
  text = doc_to_text (root);

  file = read_valid (text, NULL);
  window =
    g_list_model_get_item (ium_inventory_get_windows (ium_inventory_file_get_inventory (file)), 0);
  g_assert_cmpint (g_date_time_get_utc_offset (ium_window_get_start (window)) / G_TIME_SPAN_HOUR,
                   ==, 1);

  written = ium_inventory_to_data (ium_inventory_file_get_inventory (file), NULL);
  g_test_message ("%s", written);
  g_assert_nonnull (strstr (written, "\"start\" : \"2025-06-04T08:00:00+01:00\""));
  g_assert_nonnull (strstr (written, "\"end\" : \"2025-06-04T18:30:00-05:30\""));
  g_assert_nonnull (strstr (written, "\"start\" : \"2025-02-11T08:00:00.250000Z\""));

  again = read_valid (written, NULL);
  rewritten = ium_inventory_to_data (ium_inventory_file_get_inventory (again), NULL);
  g_assert_cmpstr (written, ==, rewritten);
}

/* Exports are stable: maps sorted, lists in key order, whatever order the file had. */
static void
test_export_order (void)
{
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (JsonNode) reordered = parse_json (minimal_document);
  g_autoptr (IumInventoryFile) a = NULL;
  g_autoptr (IumInventoryFile) b = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;
  const char      *wish = "{\"name\": \"WISH\", \"hosts\": [{\"name\": \"NDXWISH\","
                          " \"installed\": {\"ibex-server\": \"12.0.1.130\","
                          " \"ibex-gui\": \"12.0.1.130\"}}]}";
  const char      *wish_reversed = "{\"hosts\": [{\"installed\": {\"ibex-gui\": \"12.0.1.130\","
                                   " \"ibex-server\": \"12.0.1.130\"}, \"name\": \"NDXWISH\"}],"
                                   " \"name\": \"WISH\"}";

  doc_set (root, "instruments[1]", wish);
  doc_set (reordered, "instruments[0]", wish_reversed);
  doc_set (reordered, "instruments[1]",
           "{\"name\": \"LARMOR\", \"site\": \"TS2\", \"tags\": [\"sans\"],"
           " \"hosts\": [{\"name\": \"NDXLARMOR\", \"role\": \"control\","
           " \"installed\": {\"ibex-gui\": \"12.0.0.100\", \"ibex-server\": \"12.0.0.100\"}}]}");
  doc_set (reordered, "releases[0]",
           "{\"version\": \"12.0.1.130\", \"tier\": \"official\","
           " \"date\": \"2024-12-02\", \"patch_of\": \"12.0.0.100\"}");
  doc_set (reordered, "releases[1]",
           "{\"version\": \"12.0.0.100\", \"tier\": \"official\","
           " \"date\": \"2024-11-04\"}");
  text_a = doc_to_text (root);
  text_b = doc_to_text (reordered);
  g_assert_cmpstr (text_a, !=, text_b);

  a = read_valid (text_a, NULL);
  b = read_valid (text_b, NULL);
  data_a = ium_inventory_to_data (ium_inventory_file_get_inventory (a), NULL);
  data_b = ium_inventory_to_data (ium_inventory_file_get_inventory (b), NULL);
  g_assert_cmpstr (data_a, ==, data_b);

  /* Sorted: LARMOR before WISH, ibex-gui before ibex-server, 12.0.0.100 before 12.0.1.130. */
  g_assert_true (strstr (data_a, "\"LARMOR\"") < strstr (data_a, "\"WISH\""));
  g_assert_true (strstr (data_a, "\"id\" : \"ibex-gui\"")
                 < strstr (data_a, "\"id\" : \"ibex-server\""));
  g_assert_true (strstr (data_a, "\"version\" : \"12.0.0.100\"")
                 < strstr (data_a, "\"version\" : \"12.0.1.130\""));
}

/* What is written for one object is what the file would hold; it reads back the same. */
static void
test_object_json (void)
{
  g_autoptr (IumInventoryFile) file = read_valid (minimal_document, NULL);
  IumInventory *inventory = ium_inventory_file_get_inventory (file);
  g_autoptr (JsonNode) instrument =
    ium_instrument_to_json (ium_inventory_lookup_instrument (inventory, "LARMOR"));
  g_autoptr (JsonNode) component =
    ium_component_to_json (ium_inventory_lookup_component (inventory, "ibex-server"));
  g_autoptr (JsonNode) release =
    ium_release_to_json (ium_inventory_lookup_release (inventory, "12.0.1.130"));
  JsonObject *object;

  object = json_node_get_object (instrument);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "LARMOR");
  g_assert_cmpstr (json_object_get_string_member (object, "site"), ==, "TS2");
  g_assert_false (json_object_has_member (object, "pin"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "hosts")), ==, 1);

  object = json_node_get_object (component);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "server");
  g_assert_cmpstr (json_object_get_string_member (object, "scheme"), ==, "quad");

  object = json_node_get_object (release);
  g_assert_cmpstr (json_object_get_string_member (object, "patch_of"), ==, "12.0.0.100");
  g_assert_false (json_object_has_member (object, "components"));
  g_assert_false (json_object_has_member (object, "url"));
}

/* The export is written straight to text, without a tree: its bytes must be what json-glib's
 * pretty generator writes for the same document, escaping and empty objects included. Read
 * back and written again by json-glib, it gives the same bytes; so does each object's compact
 * text, the audit log's form. */
static void
test_export_generator_bytes (void)
{
  g_autoptr (JsonNode) root = parse_json (minimal_document);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (JsonNode) reread = NULL;
  g_autoptr (JsonNode) tree = NULL;
  g_autoptr (GString) odd = g_string_new ("q\"uote \\ / é ✓ \342\200\250");
  g_autofree char *odd_json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *from_tree = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *compact_expected = NULL;
  IumInstrument   *instrument;
  gsize            length = 0;

  /* Names and labels hold no control characters (the reader refuses them); release notes may
   * hold line breaks and tabs, which json-glib escapes. */
  {
    g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), odd->str);
    odd_json = json_to_string (node, FALSE);
  }
  {
    g_autofree char *notes = g_strconcat (odd->str, "\tline\r\nnext\n", NULL);
    g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), notes);
    g_autofree char *notes_json = json_to_string (node, FALSE);

    doc_set (root, "releases[0].notes", notes_json);
  }

  doc_set (root, "facility", odd_json);
  doc_set (root, "instruments[0].site", odd_json);
  doc_set (root, "instruments[0].tags[1]", odd_json);
  doc_set (root, "instruments[0].hosts[1]", "{\"name\": \"NDXBARE\"}");
  doc_set (root, "downtime[0].label", odd_json);
  doc_set (root, "cycles[0].name", odd_json);
  text = doc_to_text (root);
  file = read_valid (text, NULL);

  written = ium_inventory_to_data (ium_inventory_file_get_inventory (file), &length);
  g_assert_cmpuint (length, ==, strlen (written));
  g_assert_nonnull (strstr (written, "\"installed\" : {          }"));

  reread = parse_json (written);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, reread);
  expected = json_generator_to_data (generator, NULL);
  g_assert_true (g_str_has_suffix (written, "}\n"));
  g_assert_cmpmem (written, length - 1, expected, strlen (expected));

  tree = ium_inventory_to_json (ium_inventory_file_get_inventory (file));
  json_generator_set_root (generator, tree);
  from_tree = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (expected, ==, from_tree);

  instrument = ium_inventory_lookup_instrument (ium_inventory_file_get_inventory (file), "LARMOR");
  compact = ium_json_out_to_text ((IumJsonWriteFunc) ium_instrument_write_json, instrument);
  {
    g_autoptr (JsonNode) node = ium_instrument_to_json (instrument);
    compact_expected = json_to_string (node, FALSE);
  }
  g_assert_cmpstr (compact, ==, compact_expected);
  g_assert_nonnull (strstr (compact, "\"installed\":{}"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/inventory-file/minimal", test_minimal);
  g_test_add_func ("/ium/inventory-file/load-file", test_load_file);

  g_test_add_func ("/ium/inventory-file/syntax/truncated", test_syntax_truncated);
  g_test_add_func ("/ium/inventory-file/syntax/not-utf8", test_syntax_not_utf8);
  g_test_add_func ("/ium/inventory-file/syntax/empty", test_syntax_empty);
  g_test_add_func ("/ium/inventory-file/syntax/too-deep", test_syntax_too_deep);
  g_test_add_func ("/ium/inventory-file/syntax/trailing-garbage", test_syntax_trailing_garbage);
  g_test_add_func ("/ium/inventory-file/format/top-level", test_format_top_level);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ium/inventory-file/error/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }
  g_test_add_func ("/ium/inventory-file/error/first-fault-path", test_error_third_instrument);
  g_test_add_func ("/ium/inventory-file/release-unlisted-component",
                   test_release_unlisted_component);

  g_test_add_func ("/ium/inventory-file/defaults", test_defaults);
  g_test_add_func ("/ium/inventory-file/notes-multiline", test_notes_multiline);
  g_test_add_func ("/ium/inventory-file/policy-partial", test_policy_partial);

  g_test_add_func ("/ium/inventory-file/merge/add-replace-keep", test_merge);
  g_test_add_func ("/ium/inventory-file/merge/references-base", test_merge_references_base);
  g_test_add_func ("/ium/inventory-file/merge/error-in-base-object",
                   test_merge_error_in_base_object);
  g_test_add_func ("/ium/inventory-file/merge/release-scheme", test_merge_release_scheme);
  g_test_add_func ("/ium/inventory-file/merge/failure-leaves-base", test_merge_failure_leaves_base);

  g_test_add_func ("/ium/inventory-file/write/round-trip-demo", test_round_trip_demo);
  g_test_add_func ("/ium/inventory-file/write/round-trip-offsets", test_round_trip_offsets);
  g_test_add_func ("/ium/inventory-file/write/order", test_export_order);
  g_test_add_func ("/ium/inventory-file/write/object-json", test_object_json);
  g_test_add_func ("/ium/inventory-file/write/generator-bytes", test_export_generator_bytes);

  return g_test_run ();
}
