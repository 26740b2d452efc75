/* test-rollouts.c: saved rollouts, the upgrade state machine, the deploy token, busy
 * instruments, the failure threshold, and re-planning a rollout that has started.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ium-fleet.h"
#include "ium-host.h"
#include "ium-instrument.h"
#include "ium-planner.h"
#include "ium-rollouts.h"
#include "ium-store.h"
#include "ium-time.h"
#include "ium-token.h"

/* Four instruments, one long window for all; release 2.0 ships gui 2.0.5. A has two hosts. */
static const char inventory_text[] =
  "{\"format\": \"ium-inventory\", \"format_version\": 1,"
  " \"components\": ["
  "  {\"id\": \"srv\", \"name\": \"Server\", \"role\": \"server\"},"
  "  {\"id\": \"gui\", \"name\": \"GUI\", \"role\": \"client\"}],"
  " \"rules\": [{\"client\": \"gui\", \"server\": \"srv\"}],"
  " \"releases\": ["
  "  {\"version\": \"1.0\", \"tier\": \"official\", \"date\": \"2029-01-01\"},"
  "  {\"version\": \"2.0\", \"tier\": \"official\", \"date\": \"2029-06-01\","
  "   \"components\": {\"gui\": \"2.0.5\"}},"
  "  {\"version\": \"3.0\", \"tier\": \"official\", \"date\": \"2029-09-01\"}],"
  " \"instruments\": ["
  "  {\"name\": \"A\", \"site\": \"S1\", \"hosts\": ["
  "    {\"name\": \"a-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"1.0\", \"gui\": "
  "\"1.0\"}},"
  "    {\"name\": \"a-cl\", \"role\": \"cluster\", \"installed\": {\"srv\": \"1.0\"}}]},"
  "  {\"name\": \"B\", \"site\": \"S1\", \"hosts\": ["
  "    {\"name\": \"b-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"1.0\", \"gui\": "
  "\"1.0\"}}]},"
  "  {\"name\": \"C\", \"site\": \"S2\", \"hosts\": ["
  "    {\"name\": \"c-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"1.0\", \"gui\": "
  "\"1.0\"}}]},"
  "  {\"name\": \"D\", \"site\": \"S2\", \"hosts\": ["
  "    {\"name\": \"d-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"1.0\", \"gui\": "
  "\"1.0\"}}]}],"
  " \"downtime\": [{\"start\": \"2030-01-01T08:00:00Z\", \"end\": \"2030-12-31T18:00:00Z\","
  "   \"label\": \"Long shutdown\", \"instruments\": \"all\"}]}";

typedef struct
{
  char     *dir;   /* owned */
  char     *path;  /* owned */
  IumStore *store; /* owned */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ium-rollouts-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "inventory.db", NULL);
  f->store = ium_store_open (f->path, &error);
  g_assert_no_error (error);
  ium_store_import (f->store, inventory_text, strlen (inventory_text), FALSE, "tester", NULL,
                    &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Plans @release in two waves (A,B then C,D) and saves it as @name. */
static void
save_rollout (Fixture *f, const char *name, const char *release, guint max_failures)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = ium_store_load (f->store, &error);
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  request = ium_plan_request_new (inventory, release);
  ium_plan_request_add_wave (request, "A,B");
  ium_plan_request_add_wave (request, "C,D");
  g_clear_pointer (&request->from, g_date_time_unref);
  request->from = g_date_time_new_utc (2030, 1, 1, 0, 0, 0);
  request->per_day = 10;
  ium_rollout_add_fixed (f->store, name, request, &error);
  g_assert_no_error (error);

  fleet = ium_fleet_new (inventory);
  plan = ium_plan_new (fleet, request, NULL, &error);
  g_assert_no_error (error);
  text = ium_plan_request_to_text (request);
  ium_rollout_save (f->store, name, plan, text, max_failures, "planner", &error);
  g_assert_no_error (error);
}

static IumRolloutUpgrade *
get_upgrade (IumRollout *rollout, const char *instrument)
{
  for (guint i = 0; i < rollout->upgrades->len; i++)
    {
      IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, i);
      if (g_str_equal (upgrade->instrument, instrument))
        return upgrade;
    }
  g_assert_not_reached ();
  return NULL;
}

static IumUpgradeState
state_of (Fixture *f, const char *name, const char *instrument)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRollout) rollout = ium_rollout_load (f->store, name, &error);

  g_assert_no_error (error);
  return get_upgrade (rollout, instrument)->state;
}

static void
take_token (Fixture *f, const char *who)
{
  g_autoptr (GError) error = NULL;

  ium_token_take (f->store, who, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
}

static void
mark_ok (Fixture *f, const char *instrument, IumUpgradeState state)
{
  g_autoptr (GError) error = NULL;

  ium_rollout_mark (f->store, "r", instrument, state, NULL, FALSE, "alice", &error);
  g_assert_no_error (error);
  g_assert_cmpint (state_of (f, "r", instrument), ==, state);
}

static guint
count_audit (Fixture *f, const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = ium_audit_list (f->store, NULL, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += g_str_equal (((IumAuditEntry *) g_ptr_array_index (entries, i))->action, action);
  return n;
}

static const char *
installed (Fixture *f, const char *instrument, const char *host, const char *component)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = ium_store_load (f->store, &error);
  IumInstrument *i;
  IumHost       *h;

  g_assert_no_error (error);
  i = ium_inventory_lookup_instrument (inventory, instrument);
  h = ium_instrument_find_host (i, host);
  /* Interned so the caller can compare after the inventory is gone. */
  return g_intern_string (ium_host_get_installed_version (h, component));
}

static void
test_state_machine (void)
{
  const IumUpgradeState P = IUM_UPGRADE_PLANNED, I = IUM_UPGRADE_IN_PROGRESS, D = IUM_UPGRADE_DONE,
                        F = IUM_UPGRADE_FAILED, R = IUM_UPGRADE_ROLLED_BACK,
                        S = IUM_UPGRADE_SKIPPED;
  const IumUpgradeState all[] = { P, I, D, F, R, S };
  const struct
  {
    IumUpgradeState from, to;
  } allowed[] = {
    { P, I }, { I, D }, { I, F }, { F, P }, { F, R }, { D, R }, { P, S },
  };
  guint n_allowed = 0;

  for (guint a = 0; a < G_N_ELEMENTS (all); a++)
    for (guint b = 0; b < G_N_ELEMENTS (all); b++)
      {
        gboolean expected = FALSE;

        for (guint k = 0; k < G_N_ELEMENTS (allowed); k++)
          expected |= allowed[k].from == all[a] && allowed[k].to == all[b];
        g_assert_cmpint (ium_upgrade_state_can_move (all[a], all[b]), ==, expected);
        n_allowed += expected;
      }
  g_assert_cmpuint (n_allowed, ==, 7);

  for (guint a = 0; a < G_N_ELEMENTS (all); a++)
    {
      IumUpgradeState parsed;
      g_assert_true (
        ium_upgrade_state_from_string (ium_upgrade_state_to_string (all[a]), &parsed, NULL));
      g_assert_cmpint (parsed, ==, all[a]);
    }
  {
    g_autoptr (GError) error = NULL;
    IumUpgradeState parsed;
    g_assert_false (ium_upgrade_state_from_string ("finished", &parsed, &error));
    g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID);
  }
}

/* Every allowed move through the store, and every refused one from each state. */
static void
test_moves_in_store (Fixture *f, gconstpointer data)
{
  const IumUpgradeState all[] = {
    IUM_UPGRADE_PLANNED, IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_DONE,
    IUM_UPGRADE_FAILED,  IUM_UPGRADE_ROLLED_BACK, IUM_UPGRADE_SKIPPED
  };
  /* Paths that visit every state; max_failures is high so nothing pauses. */
  const IumUpgradeState path_a[] = { IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_FAILED,
                                     IUM_UPGRADE_PLANNED,     IUM_UPGRADE_IN_PROGRESS,
                                     IUM_UPGRADE_DONE,        IUM_UPGRADE_ROLLED_BACK };
  const IumUpgradeState path_b[] = { IUM_UPGRADE_IN_PROGRESS, IUM_UPGRADE_FAILED,
                                     IUM_UPGRADE_ROLLED_BACK };
  const IumUpgradeState path_c[] = { IUM_UPGRADE_SKIPPED };
  struct
  {
    const char            *instrument;
    const IumUpgradeState *path;
    guint                  n;
  } paths[] = {
    { "A", path_a, G_N_ELEMENTS (path_a) },
    { "B", path_b, G_N_ELEMENTS (path_b) },
    { "C", path_c, G_N_ELEMENTS (path_c) },
  };

  save_rollout (f, "r", "2.0", 100);
  take_token (f, "alice");

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      IumUpgradeState current = IUM_UPGRADE_PLANNED;

      g_assert_cmpint (state_of (f, "r", paths[p].instrument), ==, current);
      for (guint step = 0; step <= paths[p].n; step++)
        {
          /* From the current state, every move the machine forbids is refused, with both
           * states and the allowed moves in the message, and changes nothing. */
          for (guint t = 0; t < G_N_ELEMENTS (all); t++)
            {
              g_autoptr (GError) error = NULL;

              if (ium_upgrade_state_can_move (current, all[t]))
                continue;
              g_assert_false (ium_rollout_mark (f->store, "r", paths[p].instrument, all[t], NULL,
                                                FALSE, "alice", &error));
              g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID_MOVE);
              g_assert_nonnull (strstr (error->message, ium_upgrade_state_to_string (current)));
              g_assert_nonnull (strstr (error->message, ium_upgrade_state_to_string (all[t])));
              g_assert_nonnull (strstr (error->message, "can move to"));
              g_assert_cmpint (state_of (f, "r", paths[p].instrument), ==, current);
            }
          if (step == paths[p].n)
            break;
          mark_ok (f, paths[p].instrument, paths[p].path[step]);
          current = paths[p].path[step];
        }
    }

  {
    g_autoptr (GError) error = NULL;
    g_assert_false (ium_rollout_mark (f->store, "r", "NOPE", IUM_UPGRADE_IN_PROGRESS, NULL, FALSE,
                                      "alice", &error));
    g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND);
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (ium_rollout_mark (f->store, "nope", "A", IUM_UPGRADE_IN_PROGRESS, NULL, FALSE,
                                      "alice", &error));
    g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND);
  }
}

static void
test_token (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumToken) token = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) audit = NULL;

  token = ium_token_get (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (token->holder);
  g_clear_pointer (&token, ium_token_free);

  /* Releasing a free token is refused. */
  g_assert_false (ium_token_release (f->store, "alice", NULL, &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (ium_token_take (f->store, "alice", "deploying 2.0", FALSE, NULL, &error));
  g_assert_no_error (error);
  token = ium_token_get (f->store, &error);
  g_assert_cmpstr (token->holder, ==, "alice");
  g_assert_cmpstr (token->note, ==, "deploying 2.0");
  g_assert_nonnull (token->since);

  /* Taking a held token names the holder, since when and the note. */
  g_assert_false (ium_token_take (f->store, "bob", NULL, FALSE, NULL, &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "alice"));
  g_assert_nonnull (strstr (error->message, token->since));
  g_assert_nonnull (strstr (error->message, "deploying 2.0"));
  g_clear_error (&error);

  /* Only the holder releases it. */
  g_assert_false (ium_token_release (f->store, "bob", NULL, &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_clear_error (&error);

  /* A steal needs a reason. */
  g_assert_false (ium_token_take (f->store, "bob", NULL, TRUE, NULL, &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ium_token_take (f->store, "bob", NULL, TRUE, "", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (f, "steal"), ==, 0);

  g_assert_true (ium_token_take (f->store, "bob", "night fix", TRUE, "alice is on leave", &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, ium_token_free);
  token = ium_token_get (f->store, &error);
  g_assert_cmpstr (token->holder, ==, "bob");
  g_assert_cmpuint (count_audit (f, "steal"), ==, 1);
  audit = ium_audit_list (f->store, NULL, NULL, &error);
  {
    IumAuditEntry *last = g_ptr_array_index (audit, audit->len - 1);
    g_assert_cmpstr (last->kind, ==, "token");
    g_assert_cmpstr (last->who, ==, "bob");
    g_assert_nonnull (strstr (last->before, "alice"));
    g_assert_nonnull (strstr (last->after, "alice is on leave"));
  }

  /* The old holder cannot release it any more. */
  g_assert_false (ium_token_release (f->store, "alice", NULL, &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (ium_token_release (f->store, "bob", "done for tonight", &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, ium_token_free);
  token = ium_token_get (f->store, &error);
  g_assert_null (token->holder);

  history = ium_token_list_history (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  {
    IumTokenEvent *e0 = g_ptr_array_index (history, 0);
    IumTokenEvent *e1 = g_ptr_array_index (history, 1);
    IumTokenEvent *e2 = g_ptr_array_index (history, 2);

    g_assert_cmpstr (e0->action, ==, "take");
    g_assert_cmpstr (e0->who, ==, "alice");
    g_assert_cmpstr (e0->note, ==, "deploying 2.0");
    g_assert_cmpstr (e1->action, ==, "steal");
    g_assert_cmpstr (e1->who, ==, "bob");
    g_assert_cmpstr (e1->reason, ==, "alice is on leave");
    g_assert_cmpstr (e2->action, ==, "release");
    g_assert_cmpstr (e2->note, ==, "done for tonight");
  }
}

static void
test_mark_needs_token (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  save_rollout (f, "r", "2.0", 1);

  g_assert_false (
    ium_rollout_mark (f->store, "r", "A", IUM_UPGRADE_IN_PROGRESS, NULL, FALSE, "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "ium token take"));
  g_clear_error (&error);

  take_token (f, "bob");
  g_assert_false (
    ium_rollout_mark (f->store, "r", "A", IUM_UPGRADE_IN_PROGRESS, NULL, FALSE, "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "held by bob"));
  g_clear_error (&error);
  g_assert_cmpint (state_of (f, "r", "A"), ==, IUM_UPGRADE_PLANNED);

  g_assert_false (ium_rollout_resume (f->store, "r", "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
}

static void
test_done_upgrades_hosts (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) audit = NULL;

  save_rollout (f, "r", "2.0", 1);
  take_token (f, "alice");
  mark_ok (f, "A", IUM_UPGRADE_IN_PROGRESS);
  /* Nothing is installed until the upgrade is done. */
  g_assert_cmpstr (installed (f, "A", "a-ctl", "srv"), ==, "1.0");
  mark_ok (f, "A", IUM_UPGRADE_DONE);

  /* Every component each host carries, at the release's version of it; nothing added. */
  g_assert_cmpstr (installed (f, "A", "a-ctl", "srv"), ==, "2.0");
  g_assert_cmpstr (installed (f, "A", "a-ctl", "gui"), ==, "2.0.5");
  g_assert_cmpstr (installed (f, "A", "a-cl", "srv"), ==, "2.0");
  g_assert_null (installed (f, "A", "a-cl", "gui"));
  /* Other instruments are left alone. */
  g_assert_cmpstr (installed (f, "B", "b-ctl", "srv"), ==, "1.0");

  audit = ium_audit_list (f->store, NULL, "A", &error);
  g_assert_no_error (error);
  {
    gboolean seen = FALSE;
    for (guint i = 0; i < audit->len; i++)
      {
        IumAuditEntry *entry = g_ptr_array_index (audit, i);
        if (!g_str_equal (entry->action, "upgrade"))
          continue;
        seen = TRUE;
        g_assert_cmpstr (entry->kind, ==, "instrument");
        g_assert_cmpstr (entry->who, ==, "alice");
        g_assert_nonnull (strstr (entry->before, "\"gui\":\"1.0\""));
        g_assert_nonnull (strstr (entry->after, "\"gui\":\"2.0.5\""));
      }
    g_assert_true (seen);
  }
}

/* Rolling back a done upgrade puts back the versions it replaced, except where something
 * else changed them since; rolling back a failed one changes no host. */
static void
test_rollback_restores_hosts (Fixture *f, gconstpointer data)
{
  static const char changed_since[] =
    "{\"format\": \"ium-inventory\", \"format_version\": 1, \"instruments\": ["
    " {\"name\": \"A\", \"site\": \"S1\", \"hosts\": ["
    "  {\"name\": \"a-ctl\", \"role\": \"control\", \"installed\": {\"srv\": \"2.0\", \"gui\": "
    "\"2.0.5\"}},"
    "  {\"name\": \"a-cl\", \"role\": \"cluster\", \"installed\": {\"srv\": \"2.0.1\"}}]}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  gboolean seen = FALSE;

  save_rollout (f, "r", "2.0", 100);
  take_token (f, "alice");
  mark_ok (f, "A", IUM_UPGRADE_IN_PROGRESS);
  mark_ok (f, "A", IUM_UPGRADE_DONE);
  g_assert_cmpstr (installed (f, "A", "a-cl", "srv"), ==, "2.0");

  /* Someone records a hot fix on the cluster host after the upgrade. */
  ium_store_import (f->store, changed_since, strlen (changed_since), FALSE, "bob", NULL, &error);
  g_assert_no_error (error);

  mark_ok (f, "A", IUM_UPGRADE_ROLLED_BACK);
  g_assert_cmpstr (installed (f, "A", "a-ctl", "srv"), ==, "1.0");
  g_assert_cmpstr (installed (f, "A", "a-ctl", "gui"), ==, "1.0");
  g_assert_cmpstr (installed (f, "A", "a-cl", "srv"), ==, "2.0.1");

  audit = ium_audit_list (f->store, NULL, "A", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      IumAuditEntry *entry = g_ptr_array_index (audit, i);

      if (!g_str_equal (entry->action, "roll-back"))
        continue;
      g_assert_false (seen);
      seen = TRUE;
      g_assert_cmpstr (entry->kind, ==, "instrument");
      g_assert_cmpstr (entry->who, ==, "alice");
      g_assert_nonnull (strstr (entry->before, "\"gui\":\"2.0.5\""));
      g_assert_nonnull (strstr (entry->after, "\"gui\":\"1.0\""));
      g_assert_nonnull (strstr (entry->after, "\"srv\":\"2.0.1\""));
    }
  g_assert_true (seen);

  /* A failed upgrade recorded no versions, so rolling it back changes none. */
  mark_ok (f, "B", IUM_UPGRADE_IN_PROGRESS);
  mark_ok (f, "B", IUM_UPGRADE_FAILED);
  mark_ok (f, "B", IUM_UPGRADE_ROLLED_BACK);
  g_assert_cmpstr (installed (f, "B", "b-ctl", "srv"), ==, "1.0");
  g_assert_cmpuint (count_audit (f, "roll-back"), ==, 1);
}

/* A failure half-way through the hosts leaves every host, the state and the log as they were. */
static void
test_done_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  guint    n_audit_before, n_audit_after;

  save_rollout (f, "r", "2.0", 1);
  take_token (f, "alice");
  mark_ok (f, "A", IUM_UPGRADE_IN_PROGRESS);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER break_second_host BEFORE UPDATE ON installed "
                                 "WHEN NEW.host_id = (SELECT id FROM hosts WHERE name = 'a-cl') "
                                 "BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr (GPtrArray) all = ium_audit_list (f->store, NULL, NULL, &error);
    n_audit_before = all->len;
  }
  g_assert_false (
    ium_rollout_mark (f->store, "r", "A", IUM_UPGRADE_DONE, NULL, FALSE, "alice", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "disk full"));
  g_clear_error (&error);

  g_assert_cmpstr (installed (f, "A", "a-ctl", "srv"), ==, "1.0");
  g_assert_cmpstr (installed (f, "A", "a-ctl", "gui"), ==, "1.0");
  g_assert_cmpstr (installed (f, "A", "a-cl", "srv"), ==, "1.0");
  g_assert_cmpint (state_of (f, "r", "A"), ==, IUM_UPGRADE_IN_PROGRESS);
  {
    g_autoptr (GPtrArray) all = ium_audit_list (f->store, NULL, NULL, &error);
    n_audit_after = all->len;
  }
  g_assert_cmpuint (n_audit_after, ==, n_audit_before);
}

static void
test_busy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) audit = NULL;

  save_rollout (f, "r", "2.0", 1);
  take_token (f, "alice");
  ium_store_set_busy (f->store, "B", TRUE, "long scan", "scientist", &error);
  g_assert_no_error (error);

  g_assert_false (
    ium_rollout_mark (f->store, "r", "B", IUM_UPGRADE_IN_PROGRESS, NULL, FALSE, "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "busy"));
  g_assert_nonnull (strstr (error->message, "--force"));
  g_clear_error (&error);
  g_assert_cmpint (state_of (f, "r", "B"), ==, IUM_UPGRADE_PLANNED);
  g_assert_cmpuint (count_audit (f, "forced-start"), ==, 0);

  /* A free instrument starts without --force and nothing says it was forced. */
  mark_ok (f, "A", IUM_UPGRADE_IN_PROGRESS);
  g_assert_cmpuint (count_audit (f, "forced-start"), ==, 0);

  g_assert_true (ium_rollout_mark (f->store, "r", "B", IUM_UPGRADE_IN_PROGRESS, "agreed with PI",
                                   TRUE, "alice", &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (f, "r", "B"), ==, IUM_UPGRADE_IN_PROGRESS);
  g_assert_cmpuint (count_audit (f, "forced-start"), ==, 1);
  audit = ium_audit_list (f->store, NULL, "B", &error);
  {
    IumAuditEntry *last = g_ptr_array_index (audit, audit->len - 1);
    g_assert_cmpstr (last->action, ==, "forced-start");
    g_assert_cmpstr (last->who, ==, "alice");
    g_assert_nonnull (strstr (last->after, "\"forced\":true"));
  }
}

static void
test_failure_threshold (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRollout) rollout = NULL;

  save_rollout (f, "r", "2.0", 2);
  take_token (f, "alice");

  /* One failure in wave 1 is under the threshold of 2: wave 2 may start. */
  mark_ok (f, "A", IUM_UPGRADE_IN_PROGRESS);
  mark_ok (f, "A", IUM_UPGRADE_FAILED);
  rollout = ium_rollout_load (f->store, "r", &error);
  g_assert_false (rollout->paused);
  g_clear_pointer (&rollout, ium_rollout_free);
  mark_ok (f, "C", IUM_UPGRADE_IN_PROGRESS);

  /* The second failure pauses the rollout. */
  mark_ok (f, "B", IUM_UPGRADE_IN_PROGRESS);
  mark_ok (f, "B", IUM_UPGRADE_FAILED);
  rollout = ium_rollout_load (f->store, "r", &error);
  g_assert_true (rollout->paused);
  g_assert_cmpuint (rollout->paused_wave, ==, 1);
  g_clear_pointer (&rollout, ium_rollout_free);

  g_assert_false (
    ium_rollout_mark (f->store, "r", "D", IUM_UPGRADE_IN_PROGRESS, NULL, FALSE, "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "rollout r is paused after 2 failures in wave 1; "
                   "resume it with ium rollout resume r");
  g_clear_error (&error);
  /* Not even --force starts a later wave of a paused rollout. */
  g_assert_false (
    ium_rollout_mark (f->store, "r", "D", IUM_UPGRADE_IN_PROGRESS, NULL, TRUE, "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (state_of (f, "r", "D"), ==, IUM_UPGRADE_PLANNED);

  /* What is already running in a later wave can still be finished, and the paused wave's
   * failures can be retried. */
  mark_ok (f, "C", IUM_UPGRADE_DONE);
  mark_ok (f, "A", IUM_UPGRADE_PLANNED);
  mark_ok (f, "A", IUM_UPGRADE_IN_PROGRESS);

  g_assert_true (ium_rollout_resume (f->store, "r", "alice", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (f, "resume"), ==, 1);
  g_assert_cmpuint (count_audit (f, "pause"), ==, 1);
  rollout = ium_rollout_load (f->store, "r", &error);
  g_assert_false (rollout->paused);
  g_clear_pointer (&rollout, ium_rollout_free);
  mark_ok (f, "D", IUM_UPGRADE_IN_PROGRESS);

  /* Resuming a rollout that is not paused is a mistake, not a refusal. */
  g_assert_false (ium_rollout_resume (f->store, "r", "alice", &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID_MOVE);
}

static void
test_resave_keeps_states (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumRollout) before = NULL;
  g_autoptr (IumRollout) after = NULL;
  g_autoptr (JsonNode) node = NULL;

  save_rollout (f, "r", "2.0", 1);
  take_token (f, "alice");
  mark_ok (f, "A", IUM_UPGRADE_IN_PROGRESS);
  mark_ok (f, "B", IUM_UPGRADE_SKIPPED);
  mark_ok (f, "C", IUM_UPGRADE_IN_PROGRESS);
  mark_ok (f, "C", IUM_UPGRADE_DONE);
  before = ium_rollout_load (f->store, "r", &error);

  save_rollout (f, "r", "2.0", 1);
  after = ium_rollout_load (f->store, "r", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->upgrades->len, ==, 4);

  {
    const char *kept[] = { "A", "B", "C" };
    for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
      {
        IumRolloutUpgrade *old = get_upgrade (before, kept[i]);
        IumRolloutUpgrade *new = get_upgrade (after, kept[i]);

        g_assert_cmpint (new->state, ==, old->state);
        g_assert_cmpstr (new->start, ==, old->start);
        g_assert_cmpstr (new->end, ==, old->end);
        g_assert_cmpstr (new->updated, ==, old->updated);
        g_assert_cmpstr (new->who, ==, "alice");
      }
  }
  g_assert_cmpint (get_upgrade (after, "D")->state, ==, IUM_UPGRADE_PLANNED);
  g_assert_cmpstr (get_upgrade (after, "D")->who, ==, "planner");
  g_assert_nonnull (get_upgrade (after, "D")->start);

  /* A started rollout cannot change its target release. */
  {
    g_autoptr (IumInventory) inventory = ium_store_load (f->store, &error);
    g_autoptr (IumPlanRequest) request = ium_plan_request_new (inventory, "3.0");
    g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
    g_autoptr (IumPlan) plan = NULL;

    g_clear_pointer (&request->from, g_date_time_unref);
    request->from = g_date_time_new_utc (2030, 1, 1, 0, 0, 0);
    plan = ium_plan_new (fleet, request, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (ium_rollout_save (f->store, "r", plan, "{}", 1, "planner", &error));
    g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID);
  }

  node = ium_rollout_to_json (after);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "release"), ==,
                   "2.0");
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (json_node_get_object (node), "upgrades")),
    ==, 4);
}

static void
test_list_and_audit_filters (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rollouts = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GDateTime) future = g_date_time_new_utc (2999, 1, 1, 0, 0, 0);

  save_rollout (f, "second", "2.0", 1);
  save_rollout (f, "first", "3.0", 3);
  rollouts = ium_rollout_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rollouts->len, ==, 2);
  g_assert_cmpstr (((IumRollout *) g_ptr_array_index (rollouts, 0))->name, ==, "first");
  g_assert_cmpuint (((IumRollout *) g_ptr_array_index (rollouts, 0))->max_failures, ==, 3);

  entries = ium_audit_list (f->store, future, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = ium_audit_list (f->store, NULL, "B", &error);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpstr (((IumAuditEntry *) g_ptr_array_index (entries, i))->key, ==, "B");
  g_assert_cmpuint (entries->len, >, 0);

  {
    g_autoptr (IumRollout) missing = ium_rollout_load (f->store, "third", &error);
    g_assert_null (missing);
    g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_NOT_FOUND);
  }
}

static void
test_names (void)
{
  const char *good[] = { "dec-2026", "12.3.2 on TS2", "Ü-rollout", "a" };
  const struct
  {
    const char *name, *why;
  } bad[] = {
    { "", "needs a name" },
    { " dec", "starts or ends with a space" },
    { "dec\n", "starts or ends with a space" },
    { "ts1/ts2", "contains \"/\"" },
    { "a\tb", "control character" },
    { "a\x7f"
      "b",
      "control character" },
    { "\xff", "not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_true (ium_rollout_check_name (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_false (ium_rollout_check_name (bad[i].name, &error));
      g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].why));
    }
}

/* The request a rollout keeps comes back as the same request, and a damaged one is refused
 * with the key at fault. */
static void
test_request_text (void)
{
  g_autoptr (IumPlanRequest) request = ium_plan_request_new (NULL, "2.0");
  g_autoptr (IumPlanRequest) back = NULL;
  g_autoptr (IumPlanRequest) bare = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  const struct
  {
    const char *text;
    const char *why;
  } bad[] = {
    { "not json", "not a JSON object" },   { "[1, 2]", "not a JSON object" },
    { "{\"waves\": [\"A\"]}", "“waves”" }, { "{\"waves\": [[1]]}", "“waves”" },
    { "{\"per_day\": 0}", "“per_day”" },   { "{\"hours\": \"4\"}", "“hours”" },
    { "{\"soak\": -1}", "“soak”" },        { "{\"from\": \"yesterday\"}", "“from”" },
    { "{\"until\": 5}", "“until”" },
  };

  ium_plan_request_add_wave (request, "A, tag:x");
  ium_plan_request_add_wave (request, "rest");
  g_clear_pointer (&request->from, g_date_time_unref);
  request->from = g_date_time_new_utc (2030, 1, 1, 0, 0, 0);
  request->until = g_date_time_new_utc (2030, 6, 30, 0, 0, 0);
  request->per_day = 2;
  request->hours = 6;
  request->soak_days = 3;
  text = ium_plan_request_to_text (request);

  back = ium_plan_request_new_from_text (NULL, "2.0", text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->release, ==, "2.0");
  g_assert_cmpuint (back->waves->len, ==, 2);
  g_assert_cmpstrv (g_ptr_array_index (back->waves, 0), ((const char *[]){ "A", "tag:x", NULL }));
  g_assert_cmpstrv (g_ptr_array_index (back->waves, 1), ((const char *[]){ "rest", NULL }));
  g_assert_cmpuint (back->per_day, ==, 2);
  g_assert_cmpuint (back->hours, ==, 6);
  g_assert_cmpuint (back->soak_days, ==, 3);
  again = ium_plan_request_to_text (back);
  g_assert_cmpstr (again, ==, text);

  /* What the text leaves out keeps the defaults. */
  bare = ium_plan_request_new_from_text (NULL, "2.0", "{\"until\": null}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bare->waves->len, ==, 0);
  g_assert_null (bare->until);
  g_assert_cmpuint (bare->per_day, ==, 3);
  g_assert_cmpuint (bare->soak_days, ==, 7);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (IumPlanRequest) none =
        ium_plan_request_new_from_text (NULL, "2.0", bad[i].text, &error);
      g_assert_null (none);
      g_assert_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].why));
      g_clear_error (&error);
    }
}

/* Re-planning a saved rollout keeps what happened where it happened and its failure
 * threshold, as `ium plan --save` does; a new name starts at 1; a bad name is refused. */
static void
test_replan (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumPlanRequest) request = NULL;
  g_autoptr (IumPlanRequest) fresh = NULL;
  g_autoptr (IumPlan) plan = NULL;
  g_autoptr (IumPlan) other = NULL;
  g_autoptr (IumRollout) saved = NULL;
  g_autoptr (IumPlanRequest) from_memory = NULL;
  IumRolloutUpgrade *a;
  guint              max_failures = 0;

  save_rollout (f, "r", "2.0", 2);
  take_token (f, "alice");
  mark_ok (f, "A", IUM_UPGRADE_IN_PROGRESS);
  saved = ium_rollout_load (f->store, "r", &error);
  g_assert_no_error (error);
  a = get_upgrade (saved, "A");

  inventory = ium_store_load (f->store, &error);
  g_assert_no_error (error);
  fleet = ium_fleet_new (inventory);
  /* A later start would move every planned upgrade, but not the one in progress. */
  request = ium_plan_request_new (inventory, "2.0");
  g_clear_pointer (&request->from, g_date_time_unref);
  request->from = g_date_time_new_utc (2030, 3, 1, 0, 0, 0);
  plan = ium_rollout_replan (f->store, fleet, "r", request, &max_failures, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (max_failures, ==, 2);
  g_assert_cmpuint (request->fixed->len, ==, 1);
  /* The planner leaves the fixed upgrade out of its own: it is in the rollout already, at
   * the time it started. */
  g_assert_cmpstr (((IumPlannedUpgrade *) g_ptr_array_index (request->fixed, 0))->instrument, ==,
                   "A");
  {
    g_autofree char *start =
      ium_timestamp_format (((IumPlannedUpgrade *) g_ptr_array_index (request->fixed, 0))->start);
    g_assert_cmpstr (start, ==, a->start);
  }
  g_assert_cmpuint (ium_plan_get_upgrades (plan)->len, ==, 3);
  for (guint i = 0; i < ium_plan_get_upgrades (plan)->len; i++)
    {
      IumPlannedUpgrade *upgrade = g_ptr_array_index (ium_plan_get_upgrades (plan), i);
      g_assert_cmpstr (upgrade->instrument, !=, "A");
      g_assert_cmpint (g_date_time_get_month (upgrade->start), >=, 3);
    }

  /* A copy is the same rollout. */
  {
    g_autoptr (IumRollout) copy = ium_rollout_copy (saved);
    g_autoptr (JsonNode) a_json = ium_rollout_to_json (saved);
    g_autoptr (JsonNode) b_json = ium_rollout_to_json (copy);
    g_autofree char *a_text = json_to_string (a_json, FALSE);
    g_autofree char *b_text = json_to_string (b_json, FALSE);

    g_assert_true (copy->upgrades != saved->upgrades);
    g_assert_cmpstr (a_text, ==, b_text);
  }

  /* The same fixed upgrades from the rollout in memory. */
  from_memory = ium_plan_request_new (inventory, "2.0");
  ium_plan_request_add_fixed (from_memory, saved);
  g_assert_cmpuint (from_memory->fixed->len, ==, 1);
  g_assert_cmpstr (((IumPlannedUpgrade *) g_ptr_array_index (from_memory->fixed, 0))->instrument,
                   ==, "A");

  max_failures = 0;
  fresh = ium_plan_request_new (inventory, "2.0");
  other = ium_rollout_replan (f->store, fleet, "new", fresh, &max_failures, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (max_failures, ==, 1);
  g_assert_cmpuint (fresh->fixed->len, ==, 0);

  g_assert_null (ium_rollout_replan (f->store, fleet, " r", fresh, &max_failures, NULL, &error));
  g_assert_error (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/rollouts/state-machine", test_state_machine);
  g_test_add_func ("/ium/rollouts/names", test_names);
  g_test_add_func ("/ium/rollouts/request-text", test_request_text);
#define ADD(path, func) \
  g_test_add ("/ium/rollouts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("moves-in-store", test_moves_in_store);
  ADD ("token", test_token);
  ADD ("mark-needs-token", test_mark_needs_token);
  ADD ("done-upgrades-hosts", test_done_upgrades_hosts);
  ADD ("done-all-or-nothing", test_done_all_or_nothing);
  ADD ("rollback-restores-hosts", test_rollback_restores_hosts);
  ADD ("busy", test_busy);
  ADD ("failure-threshold", test_failure_threshold);
  ADD ("resave-keeps-states", test_resave_keeps_states);
  ADD ("list-and-audit-filters", test_list_and_audit_filters);
  ADD ("replan", test_replan);
#undef ADD

  return g_test_run ();
}
