/* ium-check-log.c: the client check log, appended in batches and read back for reports,
 * the status page and the compatibility view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-check-log.h"

#include "ium-enums.h"
#include "ium-store-write.h"

static const char *const event_names[] = {
  [IUM_CHECK_EVENT_CHECK] = "check",
  [IUM_CHECK_EVENT_CONNECT_ANYWAY] = "connect-anyway",
};

const char *
ium_check_event_to_string (IumCheckEvent event)
{
  g_return_val_if_fail (event < G_N_ELEMENTS (event_names), NULL);

  return event_names[event];
}

static IumCheckEvent
event_from_string (const char *text)
{
  if (g_strcmp0 (text, event_names[IUM_CHECK_EVENT_CONNECT_ANYWAY]) == 0)
    return IUM_CHECK_EVENT_CONNECT_ANYWAY;
  return IUM_CHECK_EVENT_CHECK;
}

/* A status the database holds as its nick; one this build does not know (written by a newer
 * one) reads as incompatible, the answer that asks for attention. */
static IumVerdictStatus
status_from_string (const char *text)
{
  int value;

  if (text != NULL && ium_enum_from_nick (IUM_TYPE_VERDICT_STATUS, text, &value))
    return (IumVerdictStatus) value;
  return IUM_VERDICT_INCOMPATIBLE;
}

/**
 * ium_check_record_new_from_verdict:
 * @verdict: the verdict given
 * @event: a check, or a "Connect anyway" choice
 * @time: (nullable): when; %NULL for now
 * @address: (nullable): the client's address
 *
 * Returns: (transfer full): a record of the check
 */
IumCheckRecord *
ium_check_record_new_from_verdict (IumVerdict   *verdict,
                                   IumCheckEvent event,
                                   GDateTime    *time,
                                   const char   *address)
{
  IumCheckRecord *record;

  g_return_val_if_fail (IUM_IS_VERDICT (verdict), NULL);

  record = g_new0 (IumCheckRecord, 1);
  record->time = time ? g_date_time_to_unix (time) : g_get_real_time () / G_USEC_PER_SEC;
  record->event = event;
  record->instrument = g_strdup (ium_verdict_get_instrument (verdict));
  record->component = g_strdup (ium_verdict_get_component (verdict));
  record->version = g_strdup (ium_verdict_get_client_version (verdict));
  record->status = ium_verdict_get_status (verdict);
  record->server_version = g_strdup (ium_verdict_get_server_version (verdict));
  record->recommended = g_strdup (ium_verdict_get_recommended_version (verdict));
  record->address = g_strdup (address);
  return record;
}

IumCheckRecord *
ium_check_record_copy (const IumCheckRecord *record)
{
  IumCheckRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->instrument = g_strdup (record->instrument);
  copy->component = g_strdup (record->component);
  copy->version = g_strdup (record->version);
  copy->server_version = g_strdup (record->server_version);
  copy->recommended = g_strdup (record->recommended);
  copy->address = g_strdup (record->address);
  return copy;
}

void
ium_check_record_free (IumCheckRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->instrument);
  g_free (record->component);
  g_free (record->version);
  g_free (record->server_version);
  g_free (record->recommended);
  g_free (record->address);
  g_free (record);
}

void
ium_client_seen_free (IumClientSeen *seen)
{
  if (seen == NULL)
    return;
  g_free (seen->instrument);
  g_free (seen->component);
  g_free (seen->version);
  g_free (seen->recommended);
  g_free (seen->last_address);
  g_free (seen);
}

static gint64
since_unix (GDateTime *since)
{
  return since ? g_date_time_to_unix (since) : G_MININT64;
}

/**
 * ium_store_append_checks:
 * @store: a store
 * @records: (element-type IumCheckRecord): the checks to log
 * @error: an #IUM_STORE_ERROR
 *
 * Appends every record in one transaction: all of them or none.
 *
 * Returns: whether they were written
 */
gboolean
ium_store_append_checks (IumStore *store, GPtrArray *records, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  if (records->len == 0)
    return TRUE;
  if (!ium_store_begin (store, error))
    return FALSE;
  stmt = ium_store_prepare (store,
                            "INSERT INTO check_log (time, event, instrument, component, "
                            "version, status, server_version, recommended, address) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    goto failed;

  for (guint i = 0; i < records->len; i++)
    {
      const IumCheckRecord *record = g_ptr_array_index (records, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, record->time);
      ium_bind_text (stmt, 2, ium_check_event_to_string (record->event));
      ium_bind_text (stmt, 3, record->instrument);
      ium_bind_text (stmt, 4, record->component);
      ium_bind_text (stmt, 5, record->version);
      ium_bind_text (stmt, 6, ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, record->status));
      ium_bind_text (stmt, 7, record->server_version);
      ium_bind_text (stmt, 8, record->recommended);
      ium_bind_text (stmt, 9, record->address);
      if (!ium_store_step_done (store, stmt, N_ ("writing the client check log"), error))
        goto failed;
    }
  return ium_store_commit (store, error);

failed:
  ium_store_rollback (store);
  return FALSE;
}

/**
 * ium_store_list_checks:
 * @store: a store
 * @since: (nullable): only checks at or after this time
 * @instrument: (nullable): only checks about this instrument
 * @limit: at most this many, the newest; 0 for all
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: (transfer full) (element-type IumCheckRecord): the checks, oldest first
 */
GPtrArray *
ium_store_list_checks (
  IumStore *store, GDateTime *since, const char *instrument, guint limit, GError **error)
{
  g_autoptr (GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (IUM_IS_STORE (store), NULL);

  /* The newest @limit, turned back to oldest first. */
  stmt = ium_store_prepare (store,
                            "SELECT * FROM (SELECT time, event, instrument, component, version, "
                            "status, server_version, recommended, address, id FROM check_log "
                            "WHERE time >= ?1 AND (?2 IS NULL OR instrument = ?2) "
                            "ORDER BY time DESC, id DESC LIMIT ?3) ORDER BY time, id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since_unix (since));
  ium_bind_text (stmt, 2, instrument);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IumCheckRecord *record = g_new0 (IumCheckRecord, 1);

      record->time = sqlite3_column_int64 (stmt, 0);
      record->event = event_from_string (ium_column_text (stmt, 1));
      record->instrument = g_strdup (ium_column_text (stmt, 2));
      record->component = g_strdup (ium_column_text (stmt, 3));
      record->version = g_strdup (ium_column_text (stmt, 4));
      record->status = status_from_string (ium_column_text (stmt, 5));
      record->server_version = g_strdup (ium_column_text (stmt, 6));
      record->recommended = g_strdup (ium_column_text (stmt, 7));
      record->address = g_strdup (ium_column_text (stmt, 8));
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ium_store_set_sqlite_error (store, rc, N_ ("reading the client check log"), error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * ium_store_list_clients_seen:
 * @store: a store
 * @since: (nullable): only checks at or after this time
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: (transfer full) (element-type IumClientSeen): one row per distinct instrument,
 *   component and client version, by instrument, component, then version
 */
GPtrArray *
ium_store_list_clients_seen (IumStore *store, GDateTime *since, GError **error)
{
  g_autoptr (GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_client_seen_free);
  sqlite3_stmt *stmt;
  int           rc;

  g_return_val_if_fail (IUM_IS_STORE (store), NULL);

  /* The counts over every check of a client, the verdict and address of its latest one. */
  stmt = ium_store_prepare (store,
                            "WITH recent AS (SELECT * FROM check_log WHERE time >= ?1), "
                            "counts AS (SELECT instrument, component, version, "
                            "  MIN(time) AS first, MAX(time) AS last, COUNT(*) AS n, "
                            "  SUM(event = 'connect-anyway') AS anyway "
                            "  FROM recent GROUP BY instrument, component, version), "
                            "latest AS (SELECT instrument, component, version, status, "
                            "  recommended, address, ROW_NUMBER() OVER (PARTITION BY "
                            "  instrument, component, version ORDER BY time DESC, id DESC) AS r "
                            "  FROM recent) "
                            "SELECT c.instrument, c.component, c.version, l.status, "
                            "l.recommended, l.address, c.first, c.last, c.n, c.anyway "
                            "FROM counts c JOIN latest l ON l.r = 1 "
                            "AND l.instrument = c.instrument AND l.component = c.component "
                            "AND l.version = c.version "
                            "ORDER BY c.instrument, c.component, c.version",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since_unix (since));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IumClientSeen *seen = g_new0 (IumClientSeen, 1);

      seen->instrument = g_strdup (ium_column_text (stmt, 0));
      seen->component = g_strdup (ium_column_text (stmt, 1));
      seen->version = g_strdup (ium_column_text (stmt, 2));
      seen->status = status_from_string (ium_column_text (stmt, 3));
      seen->recommended = g_strdup (ium_column_text (stmt, 4));
      seen->last_address = g_strdup (ium_column_text (stmt, 5));
      seen->first_seen = sqlite3_column_int64 (stmt, 6);
      seen->last_seen = sqlite3_column_int64 (stmt, 7);
      seen->n_checks = (guint) sqlite3_column_int64 (stmt, 8);
      seen->n_connect_anyway = (guint) sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (rows, seen);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ium_store_set_sqlite_error (store, rc, N_ ("reading the client check log"), error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * ium_store_prune_checks:
 * @store: a store
 * @before: checks older than this are deleted
 * @n_deleted: (out) (optional): how many were
 * @error: an #IUM_STORE_ERROR
 *
 * Returns: whether the log was pruned
 */
gboolean
ium_store_prune_checks (IumStore *store, GDateTime *before, guint *n_deleted, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (before != NULL, FALSE);

  stmt = ium_store_prepare (store, "DELETE FROM check_log WHERE time < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (before));
  if (!ium_store_step_done (store, stmt, N_ ("pruning the client check log"), error))
    return FALSE;
  if (n_deleted != NULL)
    *n_deleted = (guint) sqlite3_changes (ium_store_get_db (store));
  return TRUE;
}
