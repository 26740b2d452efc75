/* ium-store.h: the SQLite inventory database.
 *
 * One IumStore wraps one connection, used by one thread at a time. Every write runs in a
 * BEGIN IMMEDIATE transaction, so two processes writing at once wait for each other (up to
 * the busy timeout) instead of failing with "database is locked".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-inventory.h"
#include "ium-inventory-file.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_STORE_ERROR (ium_store_error_quark ())

typedef enum {
  IUM_STORE_ERROR_OPEN,          /* the file cannot be opened or created */
  IUM_STORE_ERROR_CORRUPT,       /* not an SQLite database, or a damaged one */
  IUM_STORE_ERROR_NOT_INVENTORY, /* an SQLite database of another program */
  IUM_STORE_ERROR_TOO_NEW,       /* written by a newer version of ium */
  IUM_STORE_ERROR_BUSY,          /* another process held the database past the timeout */
  IUM_STORE_ERROR_FAILED,        /* any other SQLite failure */
  IUM_STORE_ERROR_INVALID,       /* a change that would break the inventory's rules */
  IUM_STORE_ERROR_NOT_FOUND,     /* an unknown instrument or release */
} IumStoreError;

GQuark ium_store_error_quark (void);

/* What a write changed, counted per object. */
typedef struct {
  guint added;
  guint changed;
  guint removed;
  guint unchanged;
} IumStoreChanges;

#define IUM_TYPE_STORE (ium_store_get_type ())
G_DECLARE_FINAL_TYPE (IumStore, ium_store, IUM, STORE, GObject)

/* The default database path: $IUM_DB, else $XDG_DATA_HOME/ium/inventory.db. Owned. */
char         *ium_store_dup_default_path   (void);

/* Opens (creating with mode 0600 if needed, and migrating) the database at @path. */
IumStore     *ium_store_open               (const char       *path,
                                            GError          **error);
/* Opens the database at @path only if it exists (IUM_STORE_ERROR_NOT_FOUND otherwise), for
 * commands that only read: a mistyped path must not look like an empty inventory. */
IumStore     *ium_store_open_existing      (const char       *path,
                                            GError          **error);
const char   *ium_store_get_path           (IumStore         *self);
/* A number that changes whenever another connection commits a change to the database; this
 * store's own writes leave it unchanged (PRAGMA data_version). */
gboolean      ium_store_get_data_version   (IumStore         *self,
                                            gint64           *version,
                                            GError          **error);
/* The schema version this build writes (PRAGMA user_version). */
int           ium_store_get_schema_version (void);

/* Loads the whole inventory. Owned. */
IumInventory *ium_store_load               (IumStore         *self,
                                            GError          **error);
/* Keeps @inventory, read after @data_version and never changed, for the next write to start
 * from while the database has not changed since (see ium-store.c). NULL forgets it. */
void          ium_store_keep_inventory     (IumStore         *self,
                                            IumInventory     *inventory,
                                            gint64            data_version);
/* Loads one instrument, hosts and installed versions included, without the rest (after an
 * edit of that instrument). Owned. */
IumInstrument *ium_store_load_instrument (IumStore        *self,
                                          const char      *name,
                                          GError         **error);

/* Reads the inventory file @data and writes it into the database in one transaction: merged
 * over what is there, or replacing everything when @replace. Either all of it is written
 * (with an audit entry per changed object, by @who) or nothing is. */
gboolean      ium_store_import             (IumStore         *self,
                                            const char       *data,
                                            gsize             length,
                                            gboolean          replace,
                                            const char       *who,
                                            IumStoreChanges  *changes,
                                            GError          **error);

/* ium_store_import() with the file already read on its own (over an empty inventory) as
 * @checked, or %NULL: a fresh or --replace import then does not read @data again. */
gboolean      ium_store_import_checked     (IumStore         *self,
                                            const char       *data,
                                            gsize             length,
                                            IumInventoryFile *checked,
                                            gboolean          replace,
                                            const char       *who,
                                            IumStoreChanges  *changes,
                                            GError          **error);

/* Writes @inventory as the new state, in one transaction: every object that differs from
 * the stored one is written and audited (@action, by @who). Objects absent from @inventory
 * are removed. */
gboolean      ium_store_save               (IumStore         *self,
                                            IumInventory     *inventory,
                                            const char       *action,
                                            const char       *who,
                                            IumStoreChanges  *changes,
                                            GError          **error);

/* Marks @instrument busy (running an experiment or a long job) with @note, or free again.
 * Busy is operational state: an import that replaces the instrument keeps it. Audited. */
gboolean      ium_store_set_busy           (IumStore         *self,
                                            const char       *instrument,
                                            gboolean          busy,
                                            const char       *note,
                                            const char       *who,
                                            GError          **error);

/* Pins @instrument to @release (a version in any spelling that compares equal), or unpins
 * it when @release is NULL. Audited. */
gboolean      ium_store_set_pin            (IumStore         *self,
                                            const char       *instrument,
                                            const char       *release,
                                            const char       *who,
                                            GError          **error);

/* Sets the versions installed on host @host of @instrument to exactly @installed (component
 * id -> version text). A deployment made by hand: @who must hold the deploy token
 * (IUM_ROLLOUT_ERROR_REFUSED otherwise, see ium-rollouts.h), checked in the same transaction.
 * Every version must parse in its component's scheme (IUM_STORE_ERROR_INVALID). Audited. */
gboolean      ium_store_set_installed      (IumStore         *self,
                                            const char       *instrument,
                                            const char       *host,
                                            GHashTable       *installed,
                                            const char       *who,
                                            GError          **error);

/* Adds @release, or replaces the stored release whose version compares equal; checked as an
 * import checks a release (IUM_STORE_ERROR_INVALID). Audited. */
gboolean      ium_store_put_release        (IumStore         *self,
                                            IumRelease       *release,
                                            const char       *who,
                                            GError          **error);

/* The audit log, oldest first. */
typedef struct {
  gint64  id;
  char   *time;    /* RFC 3339, UTC */
  char   *who;
  char   *action;  /* "import", "pin", ... */
  char   *kind;    /* "instrument", "release", ... */
  char   *key;     /* the object's key */
  char   *before;  /* JSON text or NULL when added */
  char   *after;   /* JSON text or NULL when removed */
} IumAuditEntry;

void          ium_audit_entry_free         (IumAuditEntry    *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumAuditEntry, ium_audit_entry_free)

/* Entries for @kind/@key (either may be NULL for all), oldest first. A GPtrArray of
 * IumAuditEntry, owned. */
GPtrArray    *ium_store_list_audit         (IumStore         *self,
                                            const char       *kind,
                                            const char       *key,
                                            GError          **error);

/* clang-format on */

G_END_DECLS
