/* ium-cli-audit.c: `ium audit`: who changed what, and when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include "ium-cli-common.h"
#include "ium-planner.h"
#include "ium-rollouts.h"

static char              *opt_since;
static char              *opt_instrument;

static const GOptionEntry audit_entries[] = {
  { "since", 0, 0, G_OPTION_ARG_STRING, &opt_since,
    N_ ("Only entries from this time on: YYYY-MM-DD (00:00 UTC) or an RFC 3339 time"),
    N_ ("DATE") },
  { "instrument", 0, 0, G_OPTION_ARG_STRING, &opt_instrument,
    N_ ("Only entries about this instrument and its upgrades"), N_ ("NAME") },
  { NULL }
};

static JsonNode *
parse_or_null (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || json_parser_get_root (parser) == NULL)
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (json_parser_get_root (parser));
}

static const char *
member_or (JsonNode *node, const char *member)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

/* "upgrade SANS2D (rollout dec-2026): planned → in-progress" for state changes; else the
 * object. */
static char *
describe (IumAuditEntry *entry)
{
  if (g_str_equal (entry->kind, "upgrade"))
    {
      g_autoptr (JsonNode) before = parse_or_null (entry->before);
      g_autoptr (JsonNode) after = parse_or_null (entry->after);

      /* Translators: the instrument, the rollout, the state before and after (planned, done,
       * ..., which stay English). */
      return g_strdup_printf (_ ("upgrade %s (rollout %s): %s → %s"), entry->key,
                              member_or (after, "rollout") ? member_or (after, "rollout") : "?",
                              member_or (before, "state") ? member_or (before, "state") : "?",
                              member_or (after, "state") ? member_or (after, "state") : "?");
    }
  return g_strdup_printf ("%s %s", entry->kind, entry->key);
}

static int
run_audit (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (IumInventory) inventory = NULL;

  if (opt_since != NULL && (since = ium_plan_parse_time (opt_since, FALSE, &error)) == NULL)
    return ium_cli_fail (cli, IUM_EXIT_USAGE, "--since: %s", error->message);

  /* Reading the audit log never creates a database. */
  if ((inventory = ium_cli_load_inventory (cli)) == NULL)
    return IUM_EXIT_USAGE;
  if (opt_instrument != NULL && ium_inventory_lookup_instrument (inventory, opt_instrument) == NULL)
    {
      /* An instrument that was removed still has its history; only warn. */
      g_printerr (_ ("ium audit: note: “%s” is not in the inventory now\n"), opt_instrument);
    }

  if ((entries = ium_audit_list (cli->store, since, opt_instrument, &error)) == NULL)
    return ium_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr (JsonNode) root = ium_cli_new_object_node ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < entries->len; i++)
        {
          IumAuditEntry *entry = g_ptr_array_index (entries, i);
          JsonObject    *object = json_object_new ();

          json_object_set_string_member (object, "time", entry->time);
          json_object_set_string_member (object, "who", entry->who);
          json_object_set_string_member (object, "action", entry->action);
          json_object_set_string_member (object, "kind", entry->kind);
          json_object_set_string_member (object, "key", entry->key);
          json_object_set_member (object, "before", parse_or_null (entry->before));
          json_object_set_member (object, "after", parse_or_null (entry->after));
          json_array_add_object_element (array, object);
        }
      json_object_set_array_member (json_node_get_object (root), "entries", array);
      ium_cli_print_json (root);
      return IUM_EXIT_OK;
    }

  if (entries->len == 0)
    {
      g_print (_ ("No audit entries match.\n"));
      return IUM_EXIT_OK;
    }

  {
    /* Translators: the column headings of 'ium audit', in capitals; the actions and kinds in
     * the rows are identifiers and stay English. */
    const char *headers[] = { _ ("TIME"), _ ("WHO"), _ ("ACTION"), _ ("WHAT"), NULL };
    g_autoptr (IumCliTable) table = ium_cli_table_new (headers);

    for (guint i = 0; i < entries->len; i++)
      {
        IumAuditEntry   *entry = g_ptr_array_index (entries, i);
        g_autofree char *what = describe (entry);
        const char      *cells[] = { entry->time, entry->who, entry->action, what, NULL };

        ium_cli_table_add_row (table, cells);
      }
    ium_cli_table_print (table);
  }
  return IUM_EXIT_OK;
}

const IumCliCommand ium_cli_audit_commands[] = {
  { "audit", NULL, "", N_ ("Show the audit log, oldest first"),
    N_ ("Every change to the inventory, every upgrade state change and every forced start: "
        "time, who, action and what. --json adds the before and after of each change."),
    audit_entries, run_audit, 0, 0 },
  { NULL }
};
