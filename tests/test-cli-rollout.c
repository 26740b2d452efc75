/* test-cli-rollout.c: rollouts through the built `ium`: the exit codes of refusals and
 * mistakes, busy instruments and paused rollouts, two processes racing for the token. The
 * newcomer's walk-through (plan, save, take the token, mark upgrades through to done and see
 * the status change) is docs/user-guide.md, run by test-user-guide.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-cli.h"

static void
assert_run (Result r, int status, const char *in_out, const char *in_err)
{
  if (r.status != status)
    g_error ("expected exit %d, got %d: %s%s", status, r.status, r.out, r.err);
  if (in_out != NULL && strstr (r.out, in_out) == NULL)
    g_error ("expected “%s” in the output: %s", in_out, r.out);
  if (in_err != NULL && strstr (r.err, in_err) == NULL)
    g_error ("expected “%s” on stderr: %s", in_err, r.err);
  result_clear (&r);
}

static void
test_token_refusals (Fixture *f, gconstpointer data)
{
  import_demo (f);

  assert_run (run_ium (f->db, "--as", "alice", "token", "take", "--note", "patching", NULL), 0,
              NULL, NULL);
  /* Exit 3 naming the holder and the note. */
  assert_run (run_ium (f->db, "--as", "bob", "token", "take", NULL), 3, NULL, "alice");
  assert_run (run_ium (f->db, "--as", "bob", "token", "take", NULL), 3, NULL, "patching");
  /* --steal without a reason is a usage error. */
  assert_run (run_ium (f->db, "--as", "bob", "token", "take", "--steal", NULL), 2, NULL,
              "--reason");
  assert_run (
    run_ium (f->db, "--as", "bob", "token", "take", "--steal", "--reason", "alice is away", NULL),
    0, "bob", NULL);
  assert_run (run_ium (f->db, "token", "show", "--json", NULL), 0, "\"bob\"", NULL);
  assert_run (run_ium (f->db, "token", "history", NULL), 0, "alice is away", NULL);
  assert_run (run_ium (f->db, "audit", NULL), 0, "steal", NULL);
}

static void
test_plan_exit_codes (Fixture *f, gconstpointer data)
{
  g_autofree char *ics = g_build_filename (f->dir, "plan.ics", NULL);
  Result           r;

  import_demo (f);

  /* Nothing fits before the end of the year: --strict makes that exit 1. */
  assert_run (
    run_ium (f->db, "plan", "12.3.2.380", "--from", "2026-12-01", "--until", "2026-12-02", NULL), 0,
    "Unscheduled", NULL);
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--from", "2026-12-01", "--until", "2026-12-02",
                       "--strict", NULL),
              1, "Unscheduled", NULL);
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--from", "2026-12-01", "--strict", NULL), 0,
              NULL, NULL);

  /* Bad input is exit 2 with the value quoted. */
  assert_run (run_ium (f->db, "plan", "99.0", NULL), 2, NULL, "99.0");
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--from", "someday", NULL), 2, NULL, "someday");
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--per-day", "0", NULL), 2, NULL, "--per-day");
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--hours", "four", NULL), 2, NULL, "four");
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--max-failures", "2", NULL), 2, NULL,
              "--save");

  r = run_ium (f->db, "plan", "12.3.2.380", "--from", "2026-12-01", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr (JsonNode) node = parse_json (r.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "release"), ==,
                     "12.3.2.380");
  }
  result_clear (&r);

  /* The schedule as iCalendar, one event per scheduled upgrade. */
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--from", "2026-12-01", "--ics", ics, NULL), 0,
              NULL, NULL);
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "BEGIN:VCALENDAR"));
    g_assert_nonnull (strstr (text, "SANS2D"));
  }
  {
    g_autofree char *bad = g_build_filename (f->dir, "no-such-dir", "plan.ics", NULL);
    g_autofree char *expected = g_strdup_printf ("--ics: cannot write “%s”: its folder does "
                                                 "not exist",
                                                 bad);
    assert_run (run_ium (f->db, "plan", "12.3.2.380", "--ics", bad, NULL), 2, NULL, expected);
  }

  /* A name that cannot name a rollout: nothing is saved and no calendar is written. */
  {
    g_autofree char *never = g_build_filename (f->dir, "never.ics", NULL);
    g_autoptr (GBytes) before = read_bytes (f->db);
    g_autoptr (GBytes) after = NULL;

    assert_run (run_ium (f->db, "plan", "12.3.2.380", "--save", "ts1/ts2", "--ics", never, NULL), 2,
                NULL, "--save: “ts1/ts2” cannot name a rollout: it contains \"/\"");
    g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
    after = read_bytes (f->db);
    g_assert_true (g_bytes_equal (before, after));
  }

  /* No such rollout: exit 2. */
  assert_run (run_ium (f->db, "rollout", "show", "nope", NULL), 2, NULL, "nope");
  assert_run (run_ium (f->db, "--as", "a", "rollout", "resume", "nope", NULL), 2, NULL, "nope");
}

/* Two processes take a free token at the same moment: exactly one wins, the other is told
 * who holds it. */
static void
test_token_race (Fixture *f, gconstpointer data)
{
  import_demo (f);

  for (guint round = 0; round < 8; round++)
    {
      const char *one_args[] = { "--db", f->db, "--as", "alice", "token", "take", NULL };
      const char *two_args[] = { "--db", f->db, "--as", "bob", "token", "take", NULL };
      g_autoptr (GSubprocess) one = spawn_ium (one_args, NULL);
      g_autoptr (GSubprocess) two = spawn_ium (two_args, NULL);
      Result      a = finish (one);
      Result      b = finish (two);
      const char *winner;

      if (!((a.status == 0 && b.status == 3) || (a.status == 3 && b.status == 0)))
        g_error ("round %u: expected one winner, got exits %d and %d: %s / %s", round, a.status,
                 b.status, a.err, b.err);
      winner = a.status == 0 ? "alice" : "bob";
      g_assert_nonnull (strstr (a.status == 3 ? a.err : b.err, winner));
      result_clear (&a);
      result_clear (&b);

      assert_run (run_ium (f->db, "--as", winner, "token", "release", NULL), 0, NULL, NULL);
    }

  {
    Result r = run_ium (f->db, "token", "history", "--json", NULL);
    g_autoptr (JsonNode) node = NULL;

    g_assert_cmpint (r.status, ==, 0);
    node = parse_json (r.out);
    /* Eight takes and eight releases, and nothing else. */
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 16);
    result_clear (&r);
  }
}

static void
test_busy_and_pause (Fixture *f, gconstpointer data)
{
  import_demo (f);

  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--wave", "site:TS2", "--wave", "tag:sans",
                       "--wave", "rest", "--from", "2026-12-01", "--save", "r", NULL),
              0, NULL, NULL);
  assert_run (run_ium (f->db, "--as", "alice", "token", "take", NULL), 0, NULL, NULL);
  assert_run (run_ium (f->db, "instrument", "busy", "IMAT", "--note", "tomography", NULL), 0, NULL,
              NULL);
  assert_run (run_ium (f->db, "--as", "alice", "rollout", "mark", "r", "IMAT", "in-progress", NULL),
              3, NULL, "busy");
  assert_run (run_ium (f->db, "--as", "alice", "rollout", "mark", "r", "IMAT", "in-progress",
                       "--force", NULL),
              0, NULL, NULL);
  assert_run (run_ium (f->db, "audit", "--instrument", "IMAT", NULL), 0, "forced-start", NULL);

  /* One failure in wave 1 pauses the rollout (the default threshold): wave 3 cannot start. */
  assert_run (run_ium (f->db, "--as", "alice", "rollout", "mark", "r", "IMAT", "failed", NULL), 0,
              "paused", NULL);
  assert_run (run_ium (f->db, "--as", "alice", "rollout", "mark", "r", "SXD", "in-progress", NULL),
              3, NULL, "rollout r is paused after 1 failure in wave 1");
  assert_run (run_ium (f->db, "rollout", "show", "r", NULL), 0, "PAUSED", NULL);
  assert_run (run_ium (f->db, "--as", "bob", "rollout", "resume", "r", NULL), 3, NULL, "alice");
  assert_run (run_ium (f->db, "--as", "alice", "rollout", "resume", "r", NULL), 0, NULL, NULL);
  assert_run (run_ium (f->db, "--as", "alice", "rollout", "mark", "r", "SXD", "in-progress", NULL),
              0, NULL, NULL);

  /* Re-planning keeps the threshold unless --max-failures changes it. */
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--wave", "site:TS2", "--wave", "tag:sans",
                       "--wave", "rest", "--from", "2026-12-01", "--save", "r", "--max-failures",
                       "3", NULL),
              0, NULL, NULL);
  assert_run (run_ium (f->db, "plan", "12.3.2.380", "--wave", "site:TS2", "--wave", "tag:sans",
                       "--wave", "rest", "--from", "2026-12-01", "--save", "r", NULL),
              0, NULL, NULL);
  assert_run (run_ium (f->db, "rollout", "show", "r", NULL), 0,
              "it pauses when 3 upgrades of one wave fail", NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/ium/cli-rollout/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("token-refusals", test_token_refusals);
  ADD ("plan-exit-codes", test_plan_exit_codes);
  ADD ("token-race", test_token_race);
  ADD ("busy-and-pause", test_busy_and_pause);
#undef ADD

  return g_test_run ();
}
