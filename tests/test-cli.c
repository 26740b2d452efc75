/* test-cli.c: runs the built `ium` as a person would and checks what it prints, its exit
 * codes, and what it leaves in the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-test-cli.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

/* Every command of ium, as its command words. */
static const char *const every_command[][2] = { { "import", NULL },        { "export", NULL },
                                                { "version", "compare" },  { "status", NULL },
                                                { "check", NULL },         { "instrument", "pin" },
                                                { "instrument", "unpin" }, { "instrument", "busy" },
                                                { "instrument", "free" },  { "plan", NULL },
                                                { "rollout", "list" },     { "rollout", "show" },
                                                { "rollout", "mark" },     { "rollout", "resume" },
                                                { "token", "show" },       { "token", "take" },
                                                { "token", "release" },    { "token", "history" },
                                                { "downtime", "import" },  { "downtime", "export" },
                                                { "audit", NULL },         { NULL, NULL } };

static void
test_help (Fixture *f, gconstpointer data)
{
  static const char *const commands[] = { "import",  "export",     "status", "check",
                                          "version", "instrument", NULL };
  Result                   r = run_ium (NULL, "--help", NULL);

  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; commands[i] != NULL; i++)
    g_assert_nonnull (strstr (r.out, commands[i]));
  g_assert_nonnull (strstr (r.out, "Exit status"));
  result_clear (&r);

  /* Every command answers --help with its usage and the global options, and is listed by
   * ium --help. */
  for (guint i = 0; every_command[i][0] != NULL; i++)
    {
      const char      *name = every_command[i][0], *sub = every_command[i][1];
      g_autofree char *words = g_strdup_printf ("%s%s%s", name, sub ? " " : "", sub ? sub : "");
      g_autofree char *listed = g_strdup_printf ("\n  %s ", words);
      g_autofree char *usage = g_strdup_printf ("] %s ", words);

      r = run_ium (NULL, "--help", NULL);
      if (strstr (r.out, listed) == NULL)
        g_error ("ium --help does not list %s", words);
      result_clear (&r);

      r = sub ? run_ium (NULL, name, sub, "--help", NULL) : run_ium (NULL, name, "--help", NULL);
      if (r.status != 0 || !g_str_has_prefix (r.out, "Usage:") || strstr (r.out, usage) == NULL)
        g_error ("ium %s --help: exit %d: %s%s", words, r.status, r.out, r.err);
      g_assert_nonnull (strstr (r.out, "--db"));
      g_assert_nonnull (strstr (r.out, "--json"));
      g_assert_nonnull (strstr (r.out, "--as"));
      result_clear (&r);
    }

  r = run_ium (NULL, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Usage"));
  result_clear (&r);

  r = run_ium (NULL, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“frobnicate” is not a command"));
  result_clear (&r);

  r = run_ium (f->db, "import", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "expected FILE"));
  result_clear (&r);

  r = run_ium (f->db, "status", "--bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--bogus"));
  result_clear (&r);

  /* An empty --db or --as is refused, not taken as the current folder or a blank name. */
  r = run_ium (NULL, "--db", "", "status", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--db: the path is empty"));
  result_clear (&r);

  r = run_ium (f->db, "--as", " ", "import", "nothing.json", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--as: the name is empty"));
  result_clear (&r);

  /* Usage errors never create a database. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_version_compare (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *scheme, *a, *b, *answer;
  } cases[] = {
    { NULL, "12.1", "12.1.0.0", "=" },
    { NULL, "12.0.1.130", "12.0.0.999", ">" },
    { NULL, "v2", "10", "<" },
    { "semver", "1.0.0-rc.1", "1.0.0", "<" },
    { "semver", "1.0.0+build.1", "1.0.0+build.2", "=" },
    { "calver", "20240323.1", "20240323.0", ">" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result           r = cases[i].scheme
                             ? run_ium (NULL, "version", "compare", "--scheme", cases[i].scheme, cases[i].a,
                                        cases[i].b, NULL)
                             : run_ium (NULL, "version", "compare", cases[i].a, cases[i].b, NULL);
      g_autofree char *expected = g_strconcat (cases[i].answer, "\n", NULL);

      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.out, ==, expected);
      result_clear (&r);
    }

  {
    Result r = run_ium (NULL, "version", "compare", "12..1", "12", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "\"12..1\""));
    g_assert_cmpstr (r.out, ==, "");
    result_clear (&r);

    r = run_ium (NULL, "version", "compare", "--scheme", "roman", "1", "2", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "roman"));
    result_clear (&r);

    r =
      run_ium (NULL, "version", "compare", "--scheme", "calver", "20230229.0", "20230301.0", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "20230229.0"));
    result_clear (&r);

    r = run_ium (NULL, "--json", "version", "compare", "1.2", "1.10", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "\"result\" : \"<\""));
    result_clear (&r);
  }
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *first = g_build_filename (f->dir, "first.json", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.json", NULL);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;
  Result r;

  import_demo (f);

  r = run_ium (f->db, "export", "-o", first, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run_ium (other_db, "import", first, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run_ium (other_db, "export", "-o", second, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  a = read_bytes (first);
  b = read_bytes (second);
  g_assert_true (g_bytes_equal (a, b));

  /* Export to standard output is the same document. */
  r = run_ium (other_db, "export", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, g_bytes_get_data (a, NULL));
  result_clear (&r);

  /* Importing the same file again changes nothing. */
  r = run_ium (other_db, "--json", "import", first, NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr (JsonNode) node = parse_json (r.out);
    JsonObject *o = json_node_get_object (node);
    g_assert_cmpint (json_object_get_int_member (o, "added"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "changed"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "unchanged"), >, 100);
  }
  result_clear (&r);
}

static void
test_merge_and_replace (Fixture *f, gconstpointer data)
{
  g_autofree char *extra = NULL;
  Result           r;

  import_demo (f);

  /* A file with one new instrument merges: the demo's stay. */
  extra = write_temp (f, "extra.json",
                      "{\"format\": \"ium-inventory\", \"format_version\": 1,"
                      " \"instruments\": [{\"name\": \"NEWINST\", \"site\": \"TS3\","
                      " \"hosts\": [{\"name\": \"NDXNEW\", \"role\": \"control\","
                      " \"installed\": {\"ibex-server\": \"12.3.2.380\"}}]}]}");
  r = run_ium (f->db, "import", extra, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "1 added"));
  result_clear (&r);

  r = run_ium (f->db, "status", NULL);
  g_assert_nonnull (strstr (r.out, "NEWINST"));
  g_assert_nonnull (strstr (r.out, "LARMOR"));
  result_clear (&r);

  /* The same file with --replace cannot stand alone: it names components it does not
   * define, so it is refused and nothing changes. */
  r = run_ium (f->db, "import", "--replace", extra, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "instruments[0].hosts[0].installed.ibex-server"));
  result_clear (&r);

  r = run_ium (f->db, "status", NULL);
  g_assert_nonnull (strstr (r.out, "LARMOR"));
  result_clear (&r);
}

typedef struct
{
  const char *name;
  const char *contents;
  const char *path; /* what the message must contain */
} BadFile;

#define HEAD    "{\"format\": \"ium-inventory\", \"format_version\": 1, "
#define HOST(v) "\"hosts\": [{\"name\": \"H\", \"installed\": {\"ibex-server\": \"" v "\"}}]"

static const BadFile bad_files[] = {
  { "truncated", HEAD "\"instruments\": [{\"name\": ", "not valid JSON: line 1, column " },
  { "empty", "", "not valid JSON" },
  { "not-an-object", "[1, 2, 3]", "expected an object" },
  { "wrong-format", "{\"format\": \"something-else\", \"format_version\": 1}", "format:" },
  { "wrong-version", "{\"format\": \"ium-inventory\", \"format_version\": 2}", "format_version:" },
  { "unknown-key", HEAD "\"instrumentz\": []}", "instrumentz: unknown key" },
  { "unknown-host-key",
    HEAD "\"instruments\": [{\"name\": \"X\", \"hosts\": [{\"name\": \"H\","
         " \"instaled\": {}}]}]}",
    "instruments[0].hosts[0].instaled: unknown key" },
  { "bad-installed-version", HEAD "\"instruments\": [{\"name\": \"X\", " HOST ("12..0") "}]}",
    "instruments[0].hosts[0].installed.ibex-server: \"12..0\" is not a valid quad version" },
  { "bad-release-version", HEAD "\"releases\": [{\"version\": \"12.x\", \"tier\": \"official\"}]}",
    "releases[0].version: \"12.x\"" },
  { "unknown-component",
    HEAD "\"instruments\": [{\"name\": \"X\", \"hosts\": [{\"name\": \"H\","
         " \"installed\": {\"ibex-gooey\": \"1.0\"}}]}]}",
    "instruments[0].hosts[0].installed.ibex-gooey: unknown component" },
  { "unknown-release",
    HEAD "\"instruments\": [{\"name\": \"X\", \"pin\": \"99.0\", " HOST ("12.0") "}]}",
    "instruments[0].pin: unknown release “99.0”" },
  { "unknown-patch-base",
    HEAD "\"releases\": [{\"version\": \"12.9.1\", \"tier\": \"official\","
         " \"patch_of\": \"12.9.0\"}]}",
    "releases[0].patch_of: unknown release" },
  { "duplicate-instrument",
    HEAD
    "\"instruments\": [{\"name\": \"X\", " HOST ("12.0") "},"
                                                         " {\"name\": \"X\", " HOST ("12.0") "}]}",
    "instruments[1].name: instrument “X” is already defined at instruments[0]" },
  { "duplicate-release",
    HEAD "\"releases\": [{\"version\": \"12.9\", \"tier\": \"official\"},"
         " {\"version\": \"12.9.0.0\", \"tier\": \"test\"}]}",
    "releases[1]: release “12.9.0.0” is already defined at releases[0]" },
  { "window-ends-first",
    HEAD "\"downtime\": [{\"start\": \"2027-03-04T18:00:00Z\","
         " \"end\": \"2027-03-04T08:00:00Z\", \"label\": \"Backwards\"}]}",
    "downtime[0].end: the window must end after it starts" },
  { "bad-timestamp",
    HEAD "\"downtime\": [{\"start\": \"2027-03-04 08:00\","
         " \"end\": \"2027-03-04T18:00:00Z\", \"label\": \"L\"}]}",
    "downtime[0].start: “2027-03-04 08:00” is not an RFC 3339 timestamp" },
  { "timestamp-without-offset",
    HEAD "\"cycles\": [{\"name\": \"C\", \"start\": \"2027-03-04T08:00:00\","
         " \"end\": \"2027-03-05T18:00:00Z\"}]}",
    "cycles[0].start:" },
  { "wrong-type-number", HEAD "\"policy\": {\"max_minor_behind\": \"two\"}}",
    "policy.max_minor_behind: expected a whole number, got a string" },
  { "wrong-type-name", HEAD "\"instruments\": [{\"name\": 42, " HOST ("12.0") "}]}",
    "instruments[0].name: expected a string, got a whole number" },
  { "wrong-type-bool",
    HEAD "\"cycles\": [{\"name\": \"C\", \"start\": \"2027-03-04T08:00:00Z\","
         " \"end\": \"2027-03-05T18:00:00Z\", \"freeze\": \"yes\"}]}",
    "cycles[0].freeze: expected true or false" },
  { "wrong-type-list", HEAD "\"instruments\": {\"name\": \"X\"}}",
    "instruments: expected an array" },
  { "unknown-window-instrument",
    HEAD "\"downtime\": [{\"start\": \"2027-03-04T08:00:00Z\","
         " \"end\": \"2027-03-04T18:00:00Z\", \"label\": \"L\", \"instruments\": [\"LARMOR\", "
         "\"NOPE\"]}]}",
    "downtime[0].instruments[1]: unknown instrument “NOPE”" },
};

static void
test_import_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) before = NULL;

  import_demo (f);
  before = read_bytes (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = write_temp (f, "bad.json", bad_files[i].contents);
      g_autoptr (GBytes) after = NULL;
      Result r = run_ium (f->db, "import", path, NULL);

      g_test_message ("bad file: %s", bad_files[i].name);
      g_assert_cmpint (r.status, ==, 2);
      if (strstr (r.err, bad_files[i].path) == NULL)
        g_error ("%s: expected “%s” in: %s", bad_files[i].name, bad_files[i].path, r.err);
      g_assert_nonnull (strstr (r.err, "Nothing was imported"));
      g_assert_nonnull (strstr (r.err, path));
      g_assert_cmpstr (r.out, ==, "");
      result_clear (&r);

      after = read_bytes (f->db);
      g_assert_true (g_bytes_equal (before, after));
    }

  /* Into a database that does not exist yet, a bad file creates neither the database nor its
   * folder, so the next command does not take the path for an empty facility. */
  {
    g_autofree char *path = write_temp (f, "bad.json", bad_files[0].contents);
    g_autofree char *folder = g_build_filename (f->dir, "new", NULL);
    g_autofree char *fresh = g_build_filename (folder, "inventory.db", NULL);
    Result           r = run_ium (fresh, "import", path, NULL);

    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, bad_files[0].path));
    g_assert_nonnull (strstr (r.err, "Nothing was imported"));
    result_clear (&r);
    g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

    r = run_ium (fresh, "status", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "there is no inventory at"));
    result_clear (&r);
  }

  /* A missing file is reported by name. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
    Result           r = run_ium (f->db, "import", missing, NULL);

    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "missing.json"));
    result_clear (&r);
  }
}

static void
test_status (Fixture *f, gconstpointer data)
{
  static const char *const all_flags[] = {
    "up-to-date",       "update-available", "too-far-behind", "partial", "custom",
    "unsupported-tier", "pinned",           "busy",           NULL
  };
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (JsonNode) node = NULL;
  JsonArray *instruments;
  Result     r;

  import_demo (f);
  r = run_ium (f->db, "instrument", "busy", "MARI", "--note", "Long run", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run_ium (f->db, "--json", "status", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  result_clear (&r);

  instruments = json_object_get_array_member (json_node_get_object (node), "instruments");
  g_assert_cmpuint (json_array_get_length (instruments), >=, 25);
  for (guint i = 0; i < json_array_get_length (instruments); i++)
    {
      JsonObject *instrument = json_array_get_object_element (instruments, i);
      JsonArray  *flags = json_object_get_array_member (instrument, "flags");

      g_assert_true (json_object_has_member (instrument, "release"));
      g_assert_true (json_object_has_member (instrument, "target"));
      g_assert_true (json_object_has_member (instrument, "behind"));
      g_assert_true (json_object_has_member (instrument, "hosts"));
      for (guint k = 0; k < json_array_get_length (flags); k++)
        g_hash_table_add (seen, (gpointer) json_array_get_string_element (flags, k));
    }

  /* The demo facility shows every flag of the spec at least once. */
  for (guint i = 0; all_flags[i] != NULL; i++)
    if (!g_hash_table_contains (seen, all_flags[i]))
      g_error ("no instrument of the demo shows the flag %s", all_flags[i]);

  r = run_ium (f->db, "status", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "INSTRUMENT"));
  g_assert_nonnull (strstr (r.out, "FLAGS"));
  g_assert_true (g_regex_match_simple ("^MARI +TS1 .* busy$", r.out, G_REGEX_MULTILINE, 0));
  result_clear (&r);

  r = run_ium (f->db, "status", "LARMOR", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "NDXLARMOR"));
  g_assert_nonnull (strstr (r.out, "ibex-server"));
  result_clear (&r);

  r = run_ium (f->db, "--json", "status", "LARMOR", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr (JsonNode) one = parse_json (r.out);
    JsonArray *list = json_object_get_array_member (json_node_get_object (one), "instruments");
    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (list, 0), "name"), ==,
      "LARMOR");
  }
  result_clear (&r);

  r = run_ium (f->db, "status", "larmor", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "unknown instrument “larmor”"));
  result_clear (&r);
}

static void
test_check (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject *verdict;
  Result      r;

  import_demo (f);

  r = run_ium (f->db, "--json", "check", "LARMOR", "ibex-gui", "11.2.0.5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  node = parse_json (r.out);
  verdict = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (verdict, "status"), ==, "incompatible");
  g_assert_cmpstr (json_object_get_string_member (verdict, "instrument"), ==, "LARMOR");
  g_assert_cmpstr (json_object_get_string_member (verdict, "server_component"), ==, "ibex-server");
  g_assert_nonnull (json_object_get_string_member (verdict, "recommended_version"));
  g_assert_nonnull (
    strstr (json_object_get_string_member (verdict, "message"), "major versions differ"));
  result_clear (&r);

  r = run_ium (f->db, "check", "LARMOR", "ibex-gui", "12.3.0.350", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "update-available: "));
  result_clear (&r);

  r = run_ium (f->db, "check", "NOPE", "ibex-gui", "12.3.0.350", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "NOPE"));
  result_clear (&r);

  r = run_ium (f->db, "check", "LARMOR", "ibex-gooey", "12.3.0.350", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "ibex-gooey"));
  result_clear (&r);

  r = run_ium (f->db, "check", "LARMOR", "ibex-gui", "12.3.x", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "\"12.3.x\""));
  result_clear (&r);
}

static void
test_database_choice (Fixture *f, gconstpointer data)
{
  g_autofree char *demo = source_path ("data/demo-inventory.json");
  g_autofree char *env_db = g_build_filename (f->dir, "nested", "from-env.db", NULL);
  const char      *import_args[] = { "import", demo, NULL };
  g_autoptr (GSubprocess) process = NULL;
  GStatBuf st;
  Result   r;

  /* IUM_DB chooses the database when --db is not given; the folder is created. */
  process = spawn_ium (import_args, env_db);
  r = finish (process);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  g_assert_cmpint (g_stat (env_db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* --db wins over IUM_DB; a reading command never creates a database, so a mistyped path
   * is an error rather than an empty inventory. */
  g_clear_object (&process);
  {
    const char *args[] = { "--db", f->db, "status", NULL };
    process = spawn_ium (args, env_db);
    r = finish (process);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "there is no inventory at"));
    g_assert_nonnull (strstr (r.err, f->db));
    result_clear (&r);
    g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  }

  /* Only import creates a database: no other command may mistake a wrong path for an
   * empty facility. */
  {
    static const char *const commands[][5] = {
      { "export", NULL },
      { "check", "LARMOR", "ibex-gui", "1.0", NULL },
      { "instrument", "busy", "LARMOR", NULL },
      { "token", "show", NULL },
      { "token", "take", NULL },
      { "rollout", "list", NULL },
      { "audit", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autoptr (GPtrArray) args = g_ptr_array_new ();

        g_ptr_array_add (args, (gpointer) "--db");
        g_ptr_array_add (args, f->db);
        for (guint k = 0; commands[i][k] != NULL; k++)
          g_ptr_array_add (args, (gpointer) commands[i][k]);
        g_ptr_array_add (args, NULL);

        g_clear_object (&process);
        process = spawn_ium ((const char *const *) args->pdata, NULL);
        r = finish (process);
        if (r.status != 2 || strstr (r.err, "there is no inventory at") == NULL)
          g_error ("ium %s on a missing database: exit %d: %s", commands[i][0], r.status, r.err);
        result_clear (&r);
        g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
      }
  }

  g_clear_object (&process);
  {
    const char *args[] = { "status", "LARMOR", NULL };
    process = spawn_ium (args, env_db);
    r = finish (process);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "NDXLARMOR"));
    result_clear (&r);
  }
}

static void
test_corrupt_database (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *demo = source_path ("data/demo-inventory.json");
  guint8           garbage[8192];
  Result           r;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (f->db, (const char *) garbage, sizeof garbage, NULL));
  before = read_bytes (f->db);

  r = run_ium (f->db, "status", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, f->db));
  g_assert_nonnull (strstr (r.err, "not a readable inventory database"));
  result_clear (&r);

  r = run_ium (f->db, "import", demo, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  after = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));
}

/* The one instrument of `ium --json status NAME`. */
static JsonNode *
status_of (Fixture *f, const char *name)
{
  Result r = run_ium (f->db, "--json", "status", name, NULL);
  g_autoptr (JsonNode) node = NULL;
  JsonArray *list;

  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  result_clear (&r);
  list = json_object_get_array_member (json_node_get_object (node), "instruments");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  return json_node_copy (json_array_get_element (list, 0));
}

static gboolean
has_flag (JsonNode *instrument, const char *flag)
{
  JsonArray *flags = json_object_get_array_member (json_node_get_object (instrument), "flags");

  for (guint i = 0; i < json_array_get_length (flags); i++)
    if (g_str_equal (json_array_get_string_element (flags, i), flag))
      return TRUE;
  return FALSE;
}

/* The audit actions recorded for @instrument, oldest first, as "who:action" words. */
static char *
audit_actions (Fixture *f, const char *instrument)
{
  Result r = run_ium (f->db, "--json", "audit", "--instrument", instrument, NULL);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  JsonArray *entries;

  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  result_clear (&r);
  entries = json_object_get_array_member (json_node_get_object (node), "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      g_string_append_printf (text, "%s%s:%s", i ? " " : "",
                              json_object_get_string_member (entry, "who"),
                              json_object_get_string_member (entry, "action"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* pin, unpin, busy and free change one instrument, are audited under --as, and need no
 * deploy token, even while someone else holds it. Mistakes change nothing. */
static void
test_instrument (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) before = NULL;
  g_autoptr (JsonNode) sxd = NULL;
  g_autofree char *actions = NULL;
  Result           r;

  import_demo (f);
  r = run_ium (f->db, "--as", "carol", "token", "take", "--note", "deploying", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  sxd = status_of (f, "SXD");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (sxd), "target"), ==,
                   "12.3.2.380");
  g_assert_false (has_flag (sxd, "pinned"));
  g_clear_pointer (&sxd, json_node_unref);

  /* Any spelling of a release pins to it. */
  r = run_ium (f->db, "--as", "alice", "instrument", "pin", "SXD", "v12.1.1.215", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "SXD is pinned"));
  result_clear (&r);
  sxd = status_of (f, "SXD");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (sxd), "target"), ==,
                   "12.1.1.215");
  g_assert_true (has_flag (sxd, "pinned"));
  g_clear_pointer (&sxd, json_node_unref);

  r = run_ium (f->db, "--as", "alice", "instrument", "busy", "SXD", "--note", "Magnet test", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  sxd = status_of (f, "SXD");
  g_assert_true (has_flag (sxd, "busy"));
  g_clear_pointer (&sxd, json_node_unref);
  r = run_ium (f->db, "status", "SXD", NULL);
  g_assert_nonnull (strstr (r.out, "busy:     Magnet test"));
  result_clear (&r);

  /* Mistakes: exit 2, the name quoted, the database untouched. */
  before = read_bytes (f->db);
  {
    static const struct
    {
      const char *args[6];
      const char *message;
    } bad[] = {
      { { "instrument", "pin", "SXD", "12.9", NULL }, "unknown release “12.9”" },
      { { "instrument", "pin", "SXD", "12..1", NULL }, "unknown release “12..1”" },
      { { "instrument", "pin", "NOPE", "12.3.2.380", NULL }, "unknown instrument “NOPE”" },
      { { "instrument", "pin", "SXD", NULL }, "expected NAME RELEASE" },
      { { "instrument", "unpin", "sxd", NULL }, "unknown instrument “sxd”" },
      { { "instrument", "busy", "NOPE", NULL }, "unknown instrument “NOPE”" },
      { { "instrument", "free", "NOPE", NULL }, "unknown instrument “NOPE”" },
      { { "instrument", "free", NULL }, "expected NAME" },
      { { "instrument", "busy", "SXD", "extra", NULL }, "expected NAME" },
      { { "instrument", "reserve", "SXD", NULL }, "“instrument reserve” is not a command" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (GBytes) after = NULL;

        r = run_ium (f->db, bad[i].args[0], bad[i].args[1], bad[i].args[2], bad[i].args[3],
                     bad[i].args[4], NULL);
        if (r.status != 2 || strstr (r.err, bad[i].message) == NULL)
          g_error ("ium %s %s: exit %d: %s", bad[i].args[0], bad[i].args[1], r.status, r.err);
        result_clear (&r);
        after = read_bytes (f->db);
        g_assert_true (g_bytes_equal (before, after));
      }
  }

  r = run_ium (f->db, "--as", "bob", "instrument", "unpin", "SXD", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "SXD is no longer pinned"));
  result_clear (&r);
  r = run_ium (f->db, "--as", "bob", "instrument", "free", "SXD", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "SXD is no longer busy"));
  result_clear (&r);
  sxd = status_of (f, "SXD");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (sxd), "target"), ==,
                   "12.3.2.380");
  g_assert_false (has_flag (sxd, "pinned"));
  g_assert_false (has_flag (sxd, "busy"));

  /* Freeing a free instrument and unpinning an unpinned one change nothing and log nothing. */
  r = run_ium (f->db, "--as", "bob", "instrument", "free", "SXD", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_ium (f->db, "--as", "bob", "instrument", "unpin", "SXD", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  actions = audit_actions (f, "SXD");
  {
    /* import_demo() imports as the login name. */
    g_autofree char *expected = g_strdup_printf ("%s:import alice:pin alice:busy bob:unpin "
                                                 "bob:free",
                                                 g_get_user_name ());
    g_assert_cmpstr (actions, ==, expected);
  }

  /* --json prints nothing for these commands. */
  r = run_ium (f->db, "--json", "instrument", "busy", "SXD", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
}

static void
test_export_unwritable (Fixture *f, gconstpointer data)
{
  g_autofree char *target = g_build_filename (f->dir, "no-such-folder", "out.json", NULL);
  Result           r;

  import_demo (f);
  r = run_ium (f->db, "export", "-o", target, NULL);
  g_assert_cmpint (r.status, ==, 2);
  /* The message names the file asked for (not a temporary one) and why. */
  {
    g_autofree char *expected = g_strdup_printf ("ium export: cannot write “%s”: its folder does "
                                                 "not exist\n",
                                                 target);
    g_assert_cmpstr (r.err, ==, expected);
  }
  result_clear (&r);

  /* A folder given as the file is refused the same way, and stays a folder. */
  r = run_ium (f->db, "export", "-o", f->dir, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "it is a folder"));
  g_assert_true (g_file_test (f->dir, G_FILE_TEST_IS_DIR));
  result_clear (&r);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* Two processes import into one database at the same moment: both succeed (the second
 * waits for the first), nobody sees "database is locked", and neither import is lost. */
static void
test_concurrent_writers (Fixture *f, gconstpointer data)
{
  g_autofree char *demo = source_path ("data/demo-inventory.json");

  for (guint round = 0; round < 4; round++)
    {
      g_autofree char *name = g_strdup_printf ("extra-%u.json", round);
      g_autofree char *db = g_strdup_printf ("%s-%u", f->db, round);
      g_autoptr (GString) big = g_string_new (HEAD "\"components\": [{\"id\": \"srv\", "
                                                   "\"role\": \"server\"}], \"instruments\": [");
      g_autofree char *extra = NULL;
      g_autoptr (GSubprocess) one = NULL;
      g_autoptr (GSubprocess) two = NULL;
      Result a, b, r;

      for (guint i = 0; i < 2000; i++)
        g_string_append_printf (big,
                                "%s{\"name\": \"BULK%04u\", \"hosts\": [{\"name\": \"h\","
                                " \"installed\": {\"srv\": \"1.%u\"}}]}",
                                i ? ", " : "", i, i);
      g_string_append (big, "]}");
      extra = write_temp (f, name, big->str);

      {
        const char *args_one[] = { "--db", db, "import", demo, NULL };
        const char *args_two[] = { "--db", db, "import", extra, NULL };
        one = spawn_ium (args_one, NULL);
        two = spawn_ium (args_two, NULL);
      }
      a = finish (one);
      b = finish (two);
      if (a.status != 0 || b.status != 0)
        g_error ("concurrent import failed: %s / %s", a.err, b.err);
      g_assert_null (strstr (a.err, "locked"));
      g_assert_null (strstr (b.err, "locked"));
      result_clear (&a);
      result_clear (&b);

      r = run_ium (db, "status", NULL);
      g_assert_nonnull (strstr (r.out, "2034 instruments"));
      result_clear (&r);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/ium/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("help", test_help);
  ADD ("version-compare", test_version_compare);
  ADD ("round-trip", test_round_trip);
  ADD ("merge-and-replace", test_merge_and_replace);
  ADD ("import-errors", test_import_errors);
  ADD ("status", test_status);
  ADD ("check", test_check);
  ADD ("instrument", test_instrument);
  ADD ("database-choice", test_database_choice);
  ADD ("corrupt-database", test_corrupt_database);
  ADD ("export-unwritable", test_export_unwritable);
  ADD ("concurrent-writers", test_concurrent_writers);
#undef ADD

  return g_test_run ();
}
