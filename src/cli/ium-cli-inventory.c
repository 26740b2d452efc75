/* ium-cli-inventory.c: `ium import` and `ium export`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include "ium-cli-common.h"
#include "ium-inventory-file.h"

static gboolean           opt_replace;
static char              *opt_output;

static const GOptionEntry import_entries[] = {
  { "replace", 0, 0, G_OPTION_ARG_NONE, &opt_replace,
    N_ ("Remove everything the file does not hold (default: merge)"), NULL },
  { NULL }
};

static const GOptionEntry export_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    N_ ("Write to FILE instead of standard output"), N_ ("FILE") },
  { NULL }
};

static int
run_import (IumCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (IumInventoryFile) checked = NULL;
  IumStoreChanges changes;
  IumStore       *store;
  gsize           length;

  if (!g_file_get_contents (argv[0], &contents, &length, &error))
    return ium_cli_fail_error (cli, error);

  /* A first import of a bad file must not leave an empty database behind (which every later
   * command would take for an empty facility): check the file before creating one. When the
   * database exists, the store checks the file against what it holds. */
  if (!g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      checked = ium_inventory_file_new_from_data (contents, length, NULL, &error);
      if (checked == NULL)
        return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("%s: %s\nNothing was imported."), argv[0],
                             error->message);
    }

  if ((store = ium_cli_create_store (cli)) == NULL)
    return IUM_EXIT_USAGE;

  /* The file read above is the import into the new database: it is not read twice. Another
   * process may have filled the database meanwhile; the store then reads the file again
   * over what it holds. */
  if (checked != NULL
        ? !ium_store_import_checked (store, contents, length, checked, opt_replace, cli->who,
                                     &changes, &error)
        : !ium_store_import (store, contents, length, opt_replace, cli->who, &changes, &error))
    return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("%s: %s\nNothing was imported."), argv[0],
                         error->message);

  if (cli->json)
    {
      g_autoptr (JsonObject) object = json_object_new ();
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

      json_object_set_int_member (object, "added", changes.added);
      json_object_set_int_member (object, "changed", changes.changed);
      json_object_set_int_member (object, "removed", changes.removed);
      json_object_set_int_member (object, "unchanged", changes.unchanged);
      ium_cli_print_json (node);
    }
  else
    /* Translators: the file, the database, then four counts of items (the sum of every kind:
     * components, releases, instruments, ...). */
    g_print (_ ("Imported %s into %s: %u added, %u changed, %u removed, %u unchanged.\n"), argv[0],
             cli->db_path, changes.added, changes.changed, changes.removed, changes.unchanged);
  return IUM_EXIT_OK;
}

static int
run_export (IumCli *cli, int argc, char **argv)
{
  return ium_cli_export_inventory (cli, opt_output, ium_inventory_to_data);
}

const IumCliCommand ium_cli_inventory_commands[] = {
  { "import", NULL, N_ ("FILE"), N_ ("Import an inventory file (merging by key)"),
    N_ ("Adds what the file holds to the inventory, replacing what has the same key (component "
        "id, release version, instrument name, window, cycle name). With --replace, what the "
        "file does not hold is removed. A file with any error changes nothing."),
    import_entries, run_import, 1, 1 },
  { "export", NULL, "", N_ ("Write the inventory file"),
    N_ ("Writes the whole inventory as an inventory file; importing it gives back the same "
        "inventory."),
    export_entries, run_export, 0, 0 },
  { NULL }
};
