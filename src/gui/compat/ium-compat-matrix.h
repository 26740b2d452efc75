/* ium-compat-matrix.h: client versions against the server versions the instruments run,
 * each pair given the verdict core's client check gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-check-log.h"
#include "ium-fleet.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_N_VERDICTS (IUM_VERDICT_INCOMPATIBLE + 1)

/* One server version: the instruments whose client check compares with it. */
typedef struct {
  char      *version;     /* owned: as installed */
  GPtrArray *instruments; /* owned, of char *: by name */
} IumCompatColumn;

/* One client version against one server version: ium_fleet_check() for each instrument of
 * the column. Instruments of one server version may still differ (a pin changes the
 * recommended version), so the cell counts them. */
typedef struct {
  IumVerdictStatus  status;                  /* the verdict of the most instruments */
  guint             counts[IUM_N_VERDICTS];  /* instruments per verdict */
  char             *instrument;              /* owned: the first instrument with @status */
  char             *message;                 /* owned: its verdict's message */
  char             *warning;                 /* owned, nullable: its verdict's warning */
} IumCompatCell;

#define IUM_TYPE_COMPAT_ROW (ium_compat_row_get_type ())
G_DECLARE_FINAL_TYPE (IumCompatRow, ium_compat_row, IUM, COMPAT_ROW, GObject)

/* Read-only properties: "version", "origin" (words: "seen 12 times on 3 instruments, last
 * 2 Dec", "entered here"), "entered" (boolean). */
const char          *ium_compat_row_get_version (IumCompatRow *self);
const char          *ium_compat_row_get_origin  (IumCompatRow *self);
gboolean             ium_compat_row_get_entered (IumCompatRow *self);
guint                ium_compat_row_get_n_cells (IumCompatRow *self);
const IumCompatCell *ium_compat_row_get_cell    (IumCompatRow *self,
                                                 guint         column);

typedef struct {
  char      *client;       /* owned: the client component's id */
  char      *client_name;  /* owned */
  char      *server;       /* owned: the server component its rule names */
  char      *server_name;  /* owned */
  char      *policy;       /* owned: the rule's policy, e.g. "minor-backward" */
  GPtrArray *columns;      /* owned, of IumCompatColumn, newest version first */
  GPtrArray *rows;         /* owned, of IumCompatRow, newest version first */
  guint      n_no_server;  /* instruments none of whose hosts carries the server */
  GPtrArray *skipped;      /* owned, of char *: versions seen that do not parse */
} IumCompatMatrix;

/* The clients of @inventory's rules, as (id, name) pairs: a GPtrArray of char *, id then
 * name, by id. Owned. */
GPtrArray       *ium_compat_list_clients   (IumInventory     *inventory);

/* The matrix for @client: a row per version in @seen (IumClientSeen of the check log,
 * nullable; other components' are left out) and per version in @entered (nullable), a
 * column per server version the instruments run. Errors are IUM_CHECK_ERROR for a component
 * that is no rule's client. Safe on any thread. Owned. */
IumCompatMatrix *ium_compat_matrix_new     (IumFleet            *fleet,
                                            const char          *client,
                                            GPtrArray           *seen,
                                            const char * const  *entered,
                                            GCancellable        *cancellable,
                                            GError             **error);
void             ium_compat_matrix_free    (IumCompatMatrix     *matrix);

/* Whether @version is a version of @client (its scheme); else an error quoting it. */
gboolean         ium_compat_check_version  (IumInventory        *inventory,
                                            const char          *client,
                                            const char          *version,
                                            GError             **error);

/* "ok", "update-available", "client-newer", "incompatible": the CSS class of a cell. */
const char      *ium_verdict_status_to_css   (IumVerdictStatus   status);
/* "OK", "Update available", ... (translated). */
const char      *ium_verdict_status_to_label (IumVerdictStatus   status);
/* What hovering over a cell says: the pair, the rule and its policy, the verdict's message,
 * and how many of the column's instruments get each verdict. Pango markup, owned. */
char            *ium_compat_cell_dup_tooltip (const IumCompatMatrix *matrix,
                                              IumCompatRow          *row,
                                              guint                  column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumCompatMatrix, ium_compat_matrix_free)

/* clang-format on */

G_END_DECLS
