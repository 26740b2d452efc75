/* test-install-systemd.c: the installed ium-serve.service.
 *
 * A parser of our own reads the unit strictly (every line a comment, a section or a known
 * key, every variable and specifier accounted for) and checks what the service relies on:
 * its user, its database in its state directory, the token as a credential, the hardening.
 * Where systemd is installed, systemd-analyze verifies the unit (with the staged ium and man
 * page) and rates its exposure. Then the unit's ExecStart runs, as systemd would run it, on
 * the demo facility.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "ium-test-install.h"

/* The keys a unit of this kind may use (systemd.unit(5), systemd.service(5), systemd.exec(5),
 * systemd.kill(5), systemd.resource-control(5)): a misspelt key fails the test even where
 * systemd-analyze is not installed. */
/* clang-format off */
static const char *unit_keys[] = {
  "Description", "Documentation", "Wants", "Requires", "Requisite", "BindsTo", "PartOf",
  "Upholds", "Conflicts", "Before", "After", "OnFailure", "OnSuccess", "StartLimitIntervalSec",
  "StartLimitBurst", "ConditionPathExists", "AssertPathExists", "DefaultDependencies", NULL
};
static const char *service_keys[] = {
  "Type", "ExitType", "RemainAfterExit", "ExecStartPre", "ExecStart", "ExecStartPost",
  "ExecReload", "ExecStop", "ExecStopPost", "RestartSec", "TimeoutStartSec", "TimeoutStopSec",
  "TimeoutSec", "WatchdogSec", "Restart", "RestartPreventExitStatus", "RestartForceExitStatus",
  "SuccessExitStatus", "NotifyAccess", "User", "Group", "DynamicUser", "SupplementaryGroups",
  "WorkingDirectory", "RootDirectory", "Environment", "EnvironmentFile", "PassEnvironment",
  "UnsetEnvironment", "LoadCredential", "LoadCredentialEncrypted", "SetCredential",
  "StateDirectory", "StateDirectoryMode", "RuntimeDirectory", "RuntimeDirectoryMode",
  "CacheDirectory", "LogsDirectory", "ConfigurationDirectory", "UMask", "Nice",
  "StandardOutput", "StandardError", "SyslogIdentifier", "LimitNOFILE", "KillMode",
  "KillSignal", "NoNewPrivileges", "CapabilityBoundingSet", "AmbientCapabilities",
  "ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices", "PrivateNetwork",
  "PrivateUsers", "PrivateMounts", "PrivateIPC", "DevicePolicy", "DeviceAllow",
  "ProtectHostname", "ProtectClock", "ProtectKernelTunables", "ProtectKernelModules",
  "ProtectKernelLogs", "ProtectControlGroups", "ProtectProc", "ProcSubset",
  "RestrictAddressFamilies", "RestrictNamespaces", "RestrictRealtime", "RestrictSUIDSGID",
  "RestrictFileSystems", "LockPersonality", "MemoryDenyWriteExecute", "RemoveIPC",
  "KeyringMode", "SystemCallArchitectures", "SystemCallFilter", "SystemCallErrorNumber",
  "IPAddressAllow", "IPAddressDeny", "ReadWritePaths", "ReadOnlyPaths", "InaccessiblePaths",
  "BindPaths", "BindReadOnlyPaths", "MemoryMax", "MemoryHigh", "TasksMax", "CPUQuota", NULL
};
static const char *install_keys[] = { "WantedBy", "RequiredBy", "Alias", "Also", NULL };
/* clang-format on */

typedef struct
{
  char *section; /* owned */
  char *key;     /* owned */
  char *value;   /* owned */
  guint line;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->section);
  g_free (entry->key);
  g_free (entry->value);
  g_free (entry);
}

static const char **
keys_of_section (const char *section)
{
  if (g_str_equal (section, "Unit"))
    return unit_keys;
  if (g_str_equal (section, "Service"))
    return service_keys;
  if (g_str_equal (section, "Install"))
    return install_keys;
  return NULL;
}

/* Reads a unit file the way systemd does, but refuses what systemd would only warn about.
 * Fails the test (naming the line) and returns NULL on any problem. */
static GPtrArray *
parse_unit (const char *contents)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autofree char *section = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup (lines[i]);
      const char      *equals;
      const char     **keys;
      Entry           *entry;
      guint            number = i + 1;

      /* A backslash at the end continues the line. */
      while (g_str_has_suffix (line, "\\") && lines[i + 1] != NULL)
        {
          g_autofree char *joined = NULL;

          line[strlen (line) - 1] = ' ';
          joined = g_strconcat (line, lines[++i], NULL);
          g_free (line);
          line = g_steal_pointer (&joined);
        }

      if (line[0] == '\0' || line[0] == '#' || line[0] == ';')
        continue;
      if (line[0] == '[')
        {
          if (!g_str_has_suffix (line, "]"))
            {
              g_test_fail_printf ("line %u: “%s” is not a section header", number, line);
              return NULL;
            }
          g_free (section);
          section = g_strndup (line + 1, strlen (line) - 2);
          if (keys_of_section (section) == NULL)
            {
              g_test_fail_printf ("line %u: unknown section [%s]", number, section);
              return NULL;
            }
          continue;
        }
      equals = strchr (line, '=');
      if (equals == NULL || equals == line || g_ascii_isspace (line[0]))
        {
          g_test_fail_printf ("line %u: “%s” is neither a comment, a section nor KEY=VALUE", number,
                              line);
          return NULL;
        }
      if (section == NULL)
        {
          g_test_fail_printf ("line %u: a key before any section", number);
          return NULL;
        }
      entry = g_new0 (Entry, 1);
      entry->section = g_strdup (section);
      entry->key = g_strstrip (g_strndup (line, equals - line));
      entry->value = g_strstrip (g_strdup (equals + 1));
      entry->line = number;
      g_ptr_array_add (entries, entry);
      keys = keys_of_section (section);
      if (!g_strv_contains (keys, entry->key))
        {
          g_test_fail_printf ("line %u: [%s] has no key %s", number, section, entry->key);
          return NULL;
        }
    }
  return g_steal_pointer (&entries);
}

/* The values of @key in @section, in order. */
static GPtrArray *
values_of (GPtrArray *entries, const char *section, const char *key)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->section, section) && g_str_equal (entry->key, key))
        g_ptr_array_add (values, entry->value);
    }
  return values;
}

/* The one value of @key in @section; fails the test when there are none or several. */
static const char *
value_of (GPtrArray *entries, const char *section, const char *key)
{
  g_autoptr (GPtrArray) values = values_of (entries, section, key);

  if (values->len != 1)
    {
      g_test_fail_printf ("[%s] %s= is set %u times, not once", section, key, values->len);
      return "";
    }
  return g_ptr_array_index (values, 0);
}

static char *
unit_path (void)
{
  return staged_path ("IUM_SYSTEMDUNITDIR", "ium-serve.service");
}

static gboolean
have_unit (void)
{
  if (!install_stage ())
    return FALSE;
  if (g_str_equal (install_env ("IUM_SYSTEMDUNITDIR"), "no"))
    {
      g_test_skip ("configured with -Dsystemdsystemunitdir=no");
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
load_unit (void)
{
  g_autofree char *path = unit_path ();
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return parse_unit (contents);
}

/* The installed ium, as the unit names it. */
static char *
installed_ium (void)
{
  const char *bindir = install_env ("IUM_BINDIR");

  if (g_path_is_absolute (bindir))
    return g_build_filename (bindir, "ium", NULL);
  return g_build_filename (install_env ("IUM_PREFIX"), bindir, "ium", NULL);
}

static void
test_unit_file (void)
{
  static const struct
  {
    const char *key, *value;
  } hardening[] = {
    { "NoNewPrivileges", "yes" },
    { "CapabilityBoundingSet", "" },
    { "ProtectSystem", "strict" },
    { "ProtectHome", "yes" },
    { "PrivateTmp", "yes" },
    { "PrivateDevices", "yes" },
    { "PrivateUsers", "yes" },
    { "ProtectKernelTunables", "yes" },
    { "ProtectKernelModules", "yes" },
    { "ProtectControlGroups", "yes" },
    { "RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX" },
    { "RestrictNamespaces", "yes" },
    { "RestrictSUIDSGID", "yes" },
    { "LockPersonality", "yes" },
    { "MemoryDenyWriteExecute", "yes" },
    { "SystemCallArchitectures", "native" },
  };
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) environment = NULL;
  g_autoptr (GPtrArray) filters = NULL;
  g_autofree char *ium = NULL;
  g_autofree char *exec_start = NULL;
  g_autofree char *db = NULL;
  g_auto (GStrv) words = NULL;
  gboolean listen_set = FALSE;

  if (!have_unit ())
    return;
  entries = load_unit ();
  if (entries == NULL)
    return;

  g_assert_cmpstr (value_of (entries, "Unit", "Documentation"), ==, "man:ium(1)");
  g_assert_nonnull (strstr (value_of (entries, "Unit", "After"), "network-online.target"));
  g_assert_cmpstr (value_of (entries, "Install", "WantedBy"), ==, "multi-user.target");

  /* The command: the installed ium, the listen address from the environment, the token
   * from the credential. */
  ium = installed_ium ();
  exec_start = g_strconcat (ium, " serve --listen=${IUM_LISTEN} --token-file=%d/token", NULL);
  g_assert_cmpstr (value_of (entries, "Service", "ExecStart"), ==, exec_start);
  g_assert_cmpstr (value_of (entries, "Service", "LoadCredential"), ==,
                   "token:/etc/ium/serve-token");
  g_assert_cmpstr (value_of (entries, "Service", "User"), ==, "ium");
  g_assert_cmpstr (value_of (entries, "Service", "Group"), ==, "ium");

  /* The database lives in the state directory systemd makes for the user. */
  db = g_strconcat ("IUM_DB=/var/lib/", value_of (entries, "Service", "StateDirectory"),
                    "/inventory.db", NULL);
  g_assert_cmpstr (db, ==, "IUM_DB=/var/lib/ium/inventory.db");
  environment = values_of (entries, "Service", "Environment");
  g_assert_true (g_ptr_array_find_with_equal_func (environment, db, g_str_equal, NULL));
  for (guint i = 0; i < environment->len; i++)
    listen_set |= g_str_has_prefix (g_ptr_array_index (environment, i), "IUM_LISTEN=");
  g_assert_true (listen_set);

  /* Every ${VARIABLE} of ExecStart is set, and %d is the only specifier. */
  words = g_strsplit (value_of (entries, "Service", "ExecStart"), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *dollar = strstr (words[i], "${");
      const char *percent = strchr (words[i], '%');

      if (dollar != NULL)
        {
          g_autofree char *name = g_strndup (dollar + 2, strcspn (dollar + 2, "}"));
          g_autofree char *prefix = g_strconcat (name, "=", NULL);
          gboolean         set = FALSE;

          for (guint j = 0; j < environment->len; j++)
            set |= g_str_has_prefix (g_ptr_array_index (environment, j), prefix);
          if (!set)
            g_test_fail_printf ("ExecStart uses ${%s}, which no Environment= sets", name);
        }
      if (percent != NULL && percent[1] != 'd')
        g_test_fail_printf ("ExecStart uses the specifier %%%c", percent[1]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (hardening); i++)
    g_assert_cmpstr (value_of (entries, "Service", hardening[i].key), ==, hardening[i].value);
  filters = values_of (entries, "Service", "SystemCallFilter");
  g_assert_true (g_ptr_array_find_with_equal_func (filters, "@system-service", g_str_equal, NULL));
}

/* A copy of the unit whose ExecStart runs the staged ium; in @dir, owned. */
static char *
write_staged_unit (const char *dir)
{
  g_autofree char *path = unit_path ();
  g_autofree char *contents = NULL;
  g_autofree char *ium = installed_ium ();
  g_autofree char *staged_ium = staged_path ("IUM_BINDIR", "ium");
  g_autofree char *copy = g_build_filename (dir, "ium-serve.service", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, ium, staged_ium, 0), ==, 1);
  g_file_set_contents (copy, text->str, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&copy);
}

static void
test_unit_verify (Fixture *f, gconstpointer data)
{
  g_autofree char *analyze = g_find_program_in_path ("systemd-analyze");
  g_autofree char *copy = NULL;
  g_autofree char *mandir = NULL;
  g_autofree char *manpath = NULL;
  g_auto (GStrv) lines = NULL;
  Result r;

  if (!have_unit ())
    return;
  if (analyze == NULL)
    {
      g_test_skip ("systemd-analyze is not installed: the unit is checked by "
                   "/ium/install/systemd/unit-file's parser alone");
      return;
    }
  copy = write_staged_unit (f->dir);
  /* Documentation=man:ium(1) must find the staged page. */
  mandir = staged_path ("IUM_MANDIR", NULL);
  manpath = g_strconcat ("MANPATH=", mandir, NULL);

  r = RUN (ENV (manpath), analyze, "verify", copy);
  if (r.status != 0)
    g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  /* Warnings (an unknown key, a bad value) are not errors to systemd-analyze: none may be
   * about this unit. Other units of the machine are not ours to judge. */
  lines = g_strsplit (r.err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "ium-serve") != NULL)
      g_test_fail_printf ("systemd-analyze verify: %s", lines[i]);
  result_clear (&r);

  /* The exposure systemd rates the sandbox at (0 is the best, 10 the worst). */
  r = RUN (NULL, analyze, "security", "--offline=true", copy);
  if (r.status == 0)
    {
      const char *overall = strstr (r.out, "Overall exposure level for ium-serve.service: ");
      double      exposure;

      g_assert_nonnull (overall);
      exposure =
        g_ascii_strtod (overall + strlen ("Overall exposure level for ium-serve.service: "), NULL);
      g_test_message ("systemd-analyze security: exposure %.1f", exposure);
      g_assert_cmpfloat (exposure, <=, 2.0);
    }
  else
    g_test_message ("systemd-analyze security --offline is not supported here: %s", r.err);
  result_clear (&r);
}

/* The unit's ExecStart, run as systemd would: the credential in a directory of its own, the
 * environment from the unit (with a free port and the fixture's database). */
static void
test_unit_exec_start (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) rest = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *token = NULL;
  g_autofree char *command = NULL;
  g_autofree char *ium = NULL;
  g_autofree char *staged_ium = NULL;
  g_autofree char *line = NULL;
  g_autofree char *err_text = NULL;
  g_autoptr (GString) text = NULL;
  g_auto (GStrv) argv = NULL;

  if (!have_unit ())
    return;
  entries = load_unit ();
  if (entries == NULL)
    return;
  import_demo (f);

  /* systemd makes the credential readable by the service's user alone. */
  credentials = g_build_filename (f->dir, "credentials", NULL);
  g_assert_cmpint (g_mkdir (credentials, 0700), ==, 0);
  token = g_build_filename (credentials, "token", NULL);
  g_file_set_contents (token, "0123456789abcdef0123456789abcdef\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (token, 0400), ==, 0);

  ium = installed_ium ();
  staged_ium = staged_path ("IUM_BINDIR", "ium");
  text = g_string_new (value_of (entries, "Service", "ExecStart"));
  g_string_replace (text, ium, staged_ium, 1);
  g_string_replace (text, "%d", credentials, 0);
  g_string_replace (text, "${IUM_LISTEN}", "127.0.0.1:0", 0);
  command = g_string_free (g_steal_pointer (&text), FALSE);
  g_shell_parse_argv (command, NULL, &argv, &error);
  g_assert_no_error (error);

  launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "IUM_DB", f->db, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    {
      g_autoptr (GBytes) err =
        g_input_stream_read_bytes (g_subprocess_get_stderr_pipe (process), 4096, NULL, NULL);
      g_test_fail_printf ("the unit's ExecStart did not start: %.*s", (int) g_bytes_get_size (err),
                          (const char *) g_bytes_get_data (err, NULL));
      g_subprocess_force_exit (process);
      return;
    }
  g_assert_true (g_str_has_prefix (line, "ium serve: listening on http://127.0.0.1:"));
  g_assert_nonnull (strstr (line, "changes need the bearer token"));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  rest = g_input_stream_read_bytes (G_INPUT_STREAM (out), 4096, NULL, &error);
  g_assert_no_error (error);
  err_text = g_strndup (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest));
  g_assert_nonnull (strstr (err_text, "ium serve: stopped"));
}

void
install_add_systemd_tests (void)
{
  g_test_add_func ("/ium/install/systemd/unit-file", test_unit_file);
  g_test_add ("/ium/install/systemd/verify", Fixture, NULL, fixture_setup, test_unit_verify,
              fixture_teardown);
  g_test_add ("/ium/install/systemd/exec-start", Fixture, NULL, fixture_setup, test_unit_exec_start,
              fixture_teardown);
}
