/* ium-store-schema.c: the database schema, as forward migrations.
 *
 * A migration is never edited once released: a change to the schema is a new entry at the
 * end, which takes every existing database forward (PRAGMA user_version counts them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-store"

#include "config.h"

#include "ium-store-private.h"

const char *const ium_store_migrations[] = {
  /* 1: the inventory, operational state that import leaves alone, and the audit log. */
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE components ("
  "  id     TEXT PRIMARY KEY NOT NULL,"
  "  name   TEXT NOT NULL,"
  "  role   TEXT NOT NULL,"
  "  scheme TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE rules ("
  "  client TEXT PRIMARY KEY NOT NULL REFERENCES components (id),"
  "  server TEXT NOT NULL REFERENCES components (id),"
  "  policy TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE releases ("
  "  id       INTEGER PRIMARY KEY,"
  "  key      TEXT NOT NULL UNIQUE," /* the canonical version: 12.1 and 12.1.0.0 are one */
  "  version  TEXT NOT NULL,"
  "  tier     TEXT NOT NULL,"
  "  date     TEXT,"
  "  notes    TEXT,"
  "  patch_of TEXT,"
  "  url      TEXT"
  ");"

  "CREATE TABLE release_components ("
  "  release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,"
  "  component  TEXT NOT NULL REFERENCES components (id),"
  "  version    TEXT NOT NULL,"
  "  PRIMARY KEY (release_id, component)"
  ") WITHOUT ROWID;"

  "CREATE TABLE instruments ("
  "  id   INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  site TEXT NOT NULL,"
  "  pin  TEXT"
  ");"

  "CREATE TABLE instrument_tags ("
  "  instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL,"
  "  tag           TEXT NOT NULL,"
  "  PRIMARY KEY (instrument_id, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE hosts ("
  "  id            INTEGER PRIMARY KEY,"
  "  instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL,"
  "  name          TEXT NOT NULL,"
  "  role          TEXT NOT NULL,"
  "  UNIQUE (instrument_id, name)"
  ");"
  "CREATE INDEX hosts_by_instrument ON hosts (instrument_id, position);"

  "CREATE TABLE installed ("
  "  host_id   INTEGER NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,"
  "  component TEXT NOT NULL REFERENCES components (id),"
  "  version   TEXT NOT NULL,"
  "  PRIMARY KEY (host_id, component)"
  ") WITHOUT ROWID;"
  "CREATE INDEX installed_by_component ON installed (component);"

  "CREATE TABLE windows ("
  "  id              INTEGER PRIMARY KEY,"
  "  key             TEXT NOT NULL UNIQUE,"
  "  start           TEXT NOT NULL,"
  "  end             TEXT NOT NULL,"
  "  start_unix      INTEGER NOT NULL,"
  "  end_unix        INTEGER NOT NULL,"
  "  label           TEXT NOT NULL,"
  "  all_instruments INTEGER NOT NULL"
  ");"

  "CREATE TABLE window_instruments ("
  "  window_id  INTEGER NOT NULL REFERENCES windows (id) ON DELETE CASCADE,"
  "  position   INTEGER NOT NULL,"
  "  instrument TEXT NOT NULL,"
  "  PRIMARY KEY (window_id, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE cycles ("
  "  name       TEXT PRIMARY KEY NOT NULL,"
  "  start      TEXT NOT NULL,"
  "  end        TEXT NOT NULL,"
  "  start_unix INTEGER NOT NULL,"
  "  end_unix   INTEGER NOT NULL,"
  "  freeze     INTEGER NOT NULL"
  ") WITHOUT ROWID;"

  /* Busy is what is happening on an instrument now, not what it is: an import that
   * replaces the instrument keeps it. */
  "CREATE TABLE instrument_busy ("
  "  instrument TEXT PRIMARY KEY NOT NULL,"
  "  note       TEXT,"
  "  since      TEXT NOT NULL,"
  "  who        TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE audit ("
  "  id     INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  time   TEXT NOT NULL,"
  "  who    TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  kind   TEXT NOT NULL,"
  "  key    TEXT NOT NULL,"
  "  before TEXT,"
  "  after  TEXT"
  ");"
  "CREATE INDEX audit_by_object ON audit (kind, key);",

  /* 2: saved rollouts with the state of each upgrade, and the deploy token. */
  "CREATE TABLE rollouts ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  release      TEXT NOT NULL,"
  "  request      TEXT NOT NULL," /* JSON: waves, from, until, per_day, hours, soak */
  "  max_failures INTEGER NOT NULL DEFAULT 1,"
  "  paused       INTEGER NOT NULL DEFAULT 0,"
  "  paused_wave  INTEGER,"
  "  created      TEXT NOT NULL,"
  "  who          TEXT NOT NULL"
  ");"

  "CREATE TABLE rollout_upgrades ("
  "  rollout_id INTEGER NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,"
  "  instrument TEXT NOT NULL,"
  "  wave       INTEGER NOT NULL,"
  "  start      TEXT," /* NULL while unscheduled */
  "  end        TEXT,"
  "  window     TEXT,"
  "  state      TEXT NOT NULL DEFAULT 'planned',"
  "  note       TEXT,"
  "  updated    TEXT NOT NULL,"
  "  who        TEXT NOT NULL,"
  "  PRIMARY KEY (rollout_id, instrument)"
  ") WITHOUT ROWID;"

  /* One row: who holds the deploy token now (holder NULL when nobody does). */
  "CREATE TABLE token ("
  "  id     INTEGER PRIMARY KEY CHECK (id = 1),"
  "  holder TEXT,"
  "  since  TEXT,"
  "  note   TEXT"
  ");"
  "INSERT INTO token (id) VALUES (1);"

  "CREATE TABLE token_history ("
  "  id     INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  time   TEXT NOT NULL,"
  "  who    TEXT NOT NULL,"
  "  action TEXT NOT NULL," /* take, release or steal */
  "  note   TEXT,"
  "  reason TEXT"
  ");",

  /* 3: the client check log (not the inventory: never audited, exported or imported). */
  "CREATE TABLE check_log ("
  "  id             INTEGER PRIMARY KEY,"
  "  time           INTEGER NOT NULL," /* seconds since 1970, UTC */
  "  event          TEXT NOT NULL,"    /* check or connect-anyway */
  "  instrument     TEXT NOT NULL,"
  "  component      TEXT NOT NULL,"
  "  version        TEXT NOT NULL,"
  "  status         TEXT NOT NULL,"
  "  server_version TEXT,"
  "  recommended    TEXT,"
  "  address        TEXT"
  ");"
  "CREATE INDEX check_log_by_time ON check_log (time);"
  "CREATE INDEX check_log_by_client ON check_log (instrument, component, version, time);",

  /* 4: the check log's queries all start from a time range (check_log_by_time); the index by
   * client served none of them and cost every logged check an insertion at a random place. */
  "DROP INDEX check_log_by_client;",
};

const guint ium_store_n_migrations = G_N_ELEMENTS (ium_store_migrations);
