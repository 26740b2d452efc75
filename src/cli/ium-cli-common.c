/* ium-cli-common.c: what every `ium` command shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include "ium-cli-common.h"

#include <stdio.h>

#include "ium-fleet.h"
#include "ium-inventory-file.h"
#include "ium-rollouts.h"
#include "ium-version.h"

struct _IumCliTable
{
  guint      n_columns;
  GPtrArray *rows;   /* of GStrv, owned; the first row holds the headers */
  guint     *widths; /* owned */
};

const char *
ium_cli_parameters (const IumCliCommand *command)
{
  /* gettext ("") would be the catalogue's header. */
  return *command->parameters != '\0' ? _ (command->parameters) : "";
}

int
ium_cli_fail (IumCli *cli, int code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (cli->command != NULL)
    g_printerr ("ium %s: %s\n", cli->command, message);
  else
    g_printerr ("ium: %s\n", message);
  return code;
}

int
ium_cli_fail_error (IumCli *cli, const GError *error)
{
  /* Everything core reports is about what the caller gave (a file, a name, a version, a
   * database path), so it is exit 2, except refusals: the token is someone else's, the
   * instrument is busy, the rollout is paused. */
  if (g_error_matches (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED))
    return ium_cli_fail (cli, IUM_EXIT_REFUSED, "%s", error->message);
  return ium_cli_fail (cli, IUM_EXIT_USAGE, "%s", error->message);
}

/* Only an import starts a new inventory; every other command on a missing database is a
 * mistyped path, and saying so beats showing an empty facility. */
static IumStore *
open_store (IumCli *cli, gboolean create)
{
  g_autoptr (GError) error = NULL;

  if (cli->store != NULL)
    return cli->store;

  cli->store =
    create ? ium_store_open (cli->db_path, &error) : ium_store_open_existing (cli->db_path, &error);
  if (cli->store == NULL)
    ium_cli_fail_error (cli, error);
  return cli->store;
}

IumStore *
ium_cli_get_store (IumCli *cli)
{
  return open_store (cli, FALSE);
}

IumStore *
ium_cli_create_store (IumCli *cli)
{
  return open_store (cli, TRUE);
}

IumInventory *
ium_cli_load_inventory (IumCli *cli)
{
  g_autoptr (GError) error = NULL;
  IumInventory *inventory;

  if (ium_cli_get_store (cli) == NULL)
    return NULL;

  inventory = ium_store_load (cli->store, &error);
  if (inventory == NULL)
    ium_cli_fail_error (cli, error);
  return inventory;
}

void
ium_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GString) text = g_string_new (NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');
  fwrite (text->str, 1, text->len, stdout);
}

/* json_node_init_object() would take a second reference to the object. */
JsonNode *
ium_cli_new_object_node (void)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  return node;
}

/* GLib's message names the temporary file, which the user never asked for. */
static const char *
describe_write_error (const GError *error)
{
  if (error->domain != G_FILE_ERROR)
    return error->message;
  switch (error->code)
    {
    case G_FILE_ERROR_NOENT:
      return _ ("its folder does not exist");
    case G_FILE_ERROR_NOTDIR:
      return _ ("part of the path is not a folder");
    case G_FILE_ERROR_ISDIR:
      return _ ("it is a folder");
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
      return _ ("permission denied");
    case G_FILE_ERROR_ROFS:
      return _ ("the file system is read-only");
    case G_FILE_ERROR_NOSPC:
      return _ ("the disk is full");
    default:
      return error->message;
    }
}

int
ium_cli_write_file (
  IumCli *cli, const char *option, const char *path, const char *data, gsize length)
{
  g_autoptr (GError) error = NULL;

  /* Written to a temporary file and renamed into place, so a failed export never leaves a
   * half-written file where a good one may have been. */
  if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &error))
    {
      /* Translators: the path, then why (“its folder does not exist”). */
      g_autofree char *message =
        g_strdup_printf (_ ("cannot write “%s”: %s"), path, describe_write_error (error));

      return ium_cli_fail (cli, IUM_EXIT_USAGE, "%s%s%s", option ? option : "", option ? ": " : "",
                           message);
    }
  return IUM_EXIT_OK;
}

int
ium_cli_write_output (IumCli *cli, const char *path, const char *data, gsize length)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      fwrite (data, 1, length, stdout);
      return IUM_EXIT_OK;
    }
  return ium_cli_write_file (cli, NULL, path, data, length);
}

int
ium_cli_export_inventory (IumCli *cli, const char *path, IumCliInventoryToData to_data)
{
  g_autoptr (IumInventory) inventory = NULL;
  g_autofree char *data = NULL;
  gsize            length;

  if ((inventory = ium_cli_load_inventory (cli)) == NULL)
    return IUM_EXIT_USAGE;

  data = to_data (inventory, &length);
  return ium_cli_write_output (cli, path, data, length);
}

IumCliTable *
ium_cli_table_new (const char *const *headers)
{
  IumCliTable *table = g_new0 (IumCliTable, 1);

  table->n_columns = g_strv_length ((char **) headers);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->widths = g_new0 (guint, table->n_columns);
  ium_cli_table_add_row (table, headers);
  return table;
}

void
ium_cli_table_add_row (IumCliTable *table, const char *const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint i = 0; i < table->n_columns; i++)
    {
      row[i] = g_strdup (cells[i] ? cells[i] : "-");
      table->widths[i] = MAX (table->widths[i], (guint) g_utf8_strlen (row[i], -1));
    }
  g_ptr_array_add (table->rows, row);
}

void
ium_cli_table_print (IumCliTable *table)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint i = 0; i < table->n_columns; i++)
        {
          g_string_append (out, row[i]);
          if (i + 1 < table->n_columns)
            for (guint pad = (guint) g_utf8_strlen (row[i], -1); pad < table->widths[i] + 2; pad++)
              g_string_append_c (out, ' ');
        }
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
}

void
ium_cli_table_free (IumCliTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table->widths);
  g_free (table);
}
