/* ium-test-cli.h: the harness the CLI test programs share: a temporary directory per test,
 * running the built `ium` and collecting its exit status and output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* clang-format off */

typedef struct
{
  char *dir; /* owned, removed at teardown */
  char *db;  /* owned */
} Fixture;

typedef struct
{
  int   status;
  char *out; /* owned */
  char *err; /* owned */
} Result;

void         result_clear     (Result             *r);
/* A path below the source tree (IUM_SOURCE_ROOT). Owned. */
char        *source_path      (const char         *relative);
/* Starts the built ium (IUM_BIN) with @args (NULL-terminated, without the program), IUM_DB
 * set to @db_env or unset, LC_ALL=C.UTF-8 and LANGUAGE unset (English). Owned. */
GSubprocess *spawn_ium        (const char * const *args,
                               const char         *db_env);
/* The same with LANGUAGE=@language (LC_ALL=C.UTF-8 still), or LANGUAGE unset when NULL. */
GSubprocess *spawn_ium_in     (const char         *language,
                               const char * const *args,
                               const char         *db_env);
/* Waits for @process and collects its exit status and output. */
Result       finish           (GSubprocess        *process);
/* Runs ium with --db DB (when @db is set) and the NULL-terminated arguments. */
Result       run_ium          (const char         *db,
                               ...) G_GNUC_NULL_TERMINATED;
/* The same in @language (LANGUAGE=@language; NULL: English). */
Result       run_ium_in       (const char         *language,
                               const char         *db,
                               ...) G_GNUC_NULL_TERMINATED;
/* Imports data/demo-inventory.json into the fixture's database. */
void         import_demo      (Fixture            *f);
/* Writes @contents to @name in the fixture's directory; returns the path, owned. */
char        *write_temp       (Fixture            *f,
                               const char         *name,
                               const char         *contents);
GBytes      *read_bytes       (const char         *path);
/* Parses @text, which must be JSON. Owned. */
JsonNode    *parse_json       (const char         *text);
/* Removes @path and everything below it. */
void         remove_tree      (const char         *path);
void         fixture_setup    (Fixture            *f,
                               gconstpointer       data);
void         fixture_teardown (Fixture            *f,
                               gconstpointer       data);

/* clang-format on */

G_END_DECLS
