/* ium-cli-common.h: what every `ium` command shares: options, exit codes, output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

/* The exit codes of the spec. */
typedef enum {
  IUM_EXIT_OK      = 0, /* success */
  IUM_EXIT_FAILURE = 1, /* the answer is the failure the caller asked about */
  IUM_EXIT_USAGE   = 2, /* bad input or usage; a message on stderr says what and where */
  IUM_EXIT_REFUSED = 3, /* refused: the deploy token is held by someone else */
} IumExit;

typedef struct _IumCli IumCli;

struct _IumCli
{
  const char *command;  /* "import", "version compare", ... */
  char       *db_path;  /* owned; --db, else IUM_DB, else the default */
  char       *who;      /* owned; --as, else the login name */
  gboolean    json;     /* --json */
  IumStore   *store;    /* owned, opened on first use */
};

typedef struct
{
  const char         *name;        /* "import", or "version" for a group */
  const char         *sub;         /* "compare" within a group, else NULL */
  const char         *parameters;  /* "FILE", marked N_() unless empty */
  const char         *summary;     /* N_() */
  const char         *description; /* more help, N_(), or NULL */
  const GOptionEntry *entries;     /* the command's own options, or NULL */
  int               (*run) (IumCli *cli,
                            int     argc,
                            char  **argv);
  guint               min_args;
  guint               max_args;
} IumCliCommand;

extern const IumCliCommand ium_cli_inventory_commands[];
extern const IumCliCommand ium_cli_version_commands[];
extern const IumCliCommand ium_cli_status_commands[];
extern const IumCliCommand ium_cli_instrument_commands[];
extern const IumCliCommand ium_cli_plan_commands[];
extern const IumCliCommand ium_cli_rollout_commands[];
extern const IumCliCommand ium_cli_token_commands[];
extern const IumCliCommand ium_cli_downtime_commands[];
extern const IumCliCommand ium_cli_audit_commands[];
extern const IumCliCommand ium_cli_serve_commands[];
extern const IumCliCommand ium_cli_report_commands[];

/* The command's parameters ("FILE"), translated; "" when it takes none. */
const char   *ium_cli_parameters      (const IumCliCommand *command);
/* Prints "ium COMMAND: MESSAGE" to stderr and returns @code. */
int           ium_cli_fail            (IumCli       *cli,
                                       int           code,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (3, 4);
/* The exit code and message for a GError from core. */
int           ium_cli_fail_error      (IumCli       *cli,
                                       const GError *error);
/* Opens the existing store on first use. Borrowed; NULL after printing the error (also when
 * there is no database at the path). */
IumStore     *ium_cli_get_store       (IumCli       *cli);
/* The same, creating the database when it is missing: for `ium import` only. */
IumStore     *ium_cli_create_store    (IumCli       *cli);
/* Loads the inventory; NULL after printing the error. Owned. */
IumInventory *ium_cli_load_inventory  (IumCli       *cli);
/* Prints @node as pretty JSON on stdout. */
void          ium_cli_print_json      (JsonNode     *node);
/* A new node that owns a new, empty object. Owned. */
JsonNode     *ium_cli_new_object_node (void);
/* Writes @data atomically to the file @path (mode 0644). The exit code, after printing an
 * error that names @path (after "@option: " when @option is not NULL). */
int           ium_cli_write_file      (IumCli       *cli,
                                       const char   *option,
                                       const char   *path,
                                       const char   *data,
                                       gsize         length);
/* Writes @data to stdout when @path is NULL or "-", else as ium_cli_write_file() does. */
int           ium_cli_write_output    (IumCli       *cli,
                                       const char   *path,
                                       const char   *data,
                                       gsize         length);
/* Turns the inventory into a file's contents (ium_inventory_to_data(), ...). */
typedef char *(*IumCliInventoryToData) (IumInventory *inventory,
                                        gsize        *length);
/* Loads the inventory and writes what @to_data makes of it as ium_cli_write_output() does.
 * The exit code. */
int           ium_cli_export_inventory (IumCli                *cli,
                                        const char            *path,
                                        IumCliInventoryToData  to_data);

/* A plain text table whose columns are as wide as their widest cell. */
typedef struct _IumCliTable IumCliTable;

IumCliTable  *ium_cli_table_new       (const char * const *headers);
void          ium_cli_table_add_row   (IumCliTable        *table,
                                       const char * const *cells);
void          ium_cli_table_print     (IumCliTable        *table);
void          ium_cli_table_free      (IumCliTable        *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumCliTable, ium_cli_table_free)

/* clang-format on */

G_END_DECLS
