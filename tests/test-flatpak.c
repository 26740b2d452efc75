/* test-flatpak.c: the Flatpak manifest, flatpak/io.github.ium.InstrumentUpdateManager.json.
 *
 * It cannot be built here (no runtime, no network), so it is checked as far as it can be
 * without flatpak-builder: strict JSON, the app id, command and runtime, the permissions it
 * asks for (no file system access: files go through the portal), the project built with meson
 * from this tree, with options meson knows, running tests that exist and need no display,
 * and libical pinned to a tag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <string.h>

#include "ium-test-install.h"

static char *
manifest_path (void)
{
  return source_path ("flatpak/" APPLICATION_ID ".json");
}

static JsonNode *
load_manifest (void)
{
  g_autofree char *path = manifest_path ();
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonObject *
module_named (JsonObject *manifest, const char *name)
{
  JsonArray *modules = json_object_get_array_member (manifest, "modules");

  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);

      if (g_str_equal (json_object_get_string_member (module, "name"), name))
        return module;
    }
  g_test_fail_printf ("the manifest has no module %s", name);
  return NULL;
}

static gboolean
array_has_string (JsonArray *array, const char *string)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_array_get_string_element (array, i), string))
      return TRUE;
  return FALSE;
}

/* What `meson introspect --KIND` says of the build tree. */
static JsonNode *
introspect (const char *kind)
{
  g_autofree char *option = g_strconcat ("--", kind, NULL);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;
  Result r =
    RUN (NULL, install_env ("IUM_MESON"), "introspect", option, install_env ("IUM_BUILD_ROOT"));
  JsonNode *root;

  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_ref (json_parser_get_root (parser));
  result_clear (&r);
  return root;
}

/* flatpak-builder reads it with json-glib; Python's json is stricter still. */
static void
test_flatpak_json (void)
{
  g_autofree char *path = manifest_path ();
  g_autoptr (JsonNode) root = load_manifest ();
  Result r;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  r = RUN (NULL, install_env ("IUM_PYTHON"), "-m", "json.tool", path);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

static void
test_flatpak_app (void)
{
  g_autoptr (JsonNode) root = load_manifest ();
  JsonObject      *manifest = json_node_get_object (root);
  g_autofree char *desktop_path = source_path ("data/" APPLICATION_ID ".desktop.in");
  g_autoptr (GKeyFile) desktop = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *exec = NULL;
  const char      *version;
  char            *end = NULL;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, APPLICATION_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  /* A GNOME release: GTK 4.8 came with GNOME 43. */
  version = json_object_get_string_member (manifest, "runtime-version");
  g_assert_cmpuint (g_ascii_strtoull (version, &end, 10), >=, 43);
  g_assert_cmpstr (end, ==, "");

  /* The command is the program the desktop file starts. */
  g_key_file_load_from_file (desktop, desktop_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (desktop, G_KEY_FILE_DESKTOP_GROUP, "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==,
                   "instrument-update-manager");
  g_assert_cmpstr (exec, ==, "instrument-update-manager");
}

static void
test_flatpak_permissions (void)
{
  static const char *needed[] = {
    "--share=network", /* the client check and the server */
    "--share=ipc",     /* X11 shared memory */
    "--socket=fallback-x11", "--socket=wayland", "--device=dri", /* GTK's GL renderer */
  };
  g_autoptr (JsonNode) root = load_manifest ();
  JsonArray *args = json_object_get_array_member (json_node_get_object (root), "finish-args");

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    if (!array_has_string (args, needed[i]))
      g_test_fail_printf ("finish-args lack %s", needed[i]);

  /* Files are opened and saved through the portal (GtkFileChooserNative): no file system
   * access at all, and nothing the app does not need. */
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);
      gboolean    known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (needed); j++)
        known |= g_str_equal (arg, needed[j]);
      if (g_str_has_prefix (arg, "--filesystem"))
        g_test_fail_printf ("finish-args ask for %s: files go through the portal", arg);
      else if (!known)
        g_test_fail_printf ("finish-args ask for %s, which the app does not need", arg);
    }
}

/* The project's module: meson, this tree, options meson knows. */
static void
test_flatpak_module (void)
{
  g_autoptr (JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);
  JsonArray  *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *module = module_named (manifest, "instrument-update-manager");
  g_autoptr (JsonNode) options = NULL;
  g_autoptr (GPtrArray) option_names = g_ptr_array_new ();
  g_autofree char *flatpak_dir = source_path ("flatpak");
  g_autofree char *project_dir = NULL;
  g_autofree char *meson_build = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *source;
  JsonArray  *config_opts;

  if (module == NULL)
    return;
  /* It comes last: everything it needs is built before it. */
  g_assert_true (json_array_get_object_element (modules, json_array_get_length (modules) - 1)
                 == module);
  g_assert_cmpstr (json_object_get_string_member (module, "buildsystem"), ==, "meson");
  g_assert_true (json_object_get_boolean_member (module, "builddir"));
  g_assert_true (json_object_get_boolean_member (module, "run-tests"));

  source = json_array_get_object_element (json_object_get_array_member (module, "sources"), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "type"), ==, "dir");
  project_dir =
    g_build_filename (flatpak_dir, json_object_get_string_member (source, "path"), NULL);
  meson_build = g_build_filename (project_dir, "meson.build", NULL);
  g_file_get_contents (meson_build, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "project('instrument-update-manager'"));

  options = introspect ("buildoptions");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (options)); i++)
    {
      JsonObject *option = json_array_get_object_element (json_node_get_array (options), i);

      g_ptr_array_add (option_names, (gpointer) json_object_get_string_member (option, "name"));
    }
  config_opts = json_object_get_array_member (module, "config-opts");
  for (guint i = 0; i < json_array_get_length (config_opts); i++)
    {
      const char      *opt = json_array_get_string_element (config_opts, i);
      g_autofree char *name = NULL;

      g_assert_true (g_str_has_prefix (opt, "-D"));
      g_assert_nonnull (strchr (opt, '='));
      name = g_strndup (opt + 2, strchr (opt, '=') - opt - 2);
      if (!g_ptr_array_find_with_equal_func (option_names, name, g_str_equal, NULL))
        g_test_fail_printf ("config-opts: meson has no option %s", name);
    }
}

/* A test's suites without the project's prefix ("unit" for "instrument-update-manager:unit").
 * Owned. */
static GPtrArray *
suites_of (JsonObject *test)
{
  JsonArray *suites = json_object_get_array_member (test, "suite");
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (suites); i++)
    {
      const char *suite = json_array_get_string_element (suites, i);
      const char *colon = strchr (suite, ':');

      g_ptr_array_add (names, (gpointer) (colon != NULL ? colon + 1 : suite));
    }
  return names;
}

static gboolean
has (GPtrArray *strings, const char *string)
{
  return g_ptr_array_find_with_equal_func (strings, string, g_str_equal, NULL);
}

/* The tests it runs exist, and none needs what the sandbox lacks (a display, a browser, the
 * host's packaging tools). */
static void
test_flatpak_tests (void)
{
  static const char *not_in_sandbox[] = { "gui", "install", NULL };
  /* Chromium, Debian's Python with PyGObject, pdftotext: not in the GNOME SDK. */
  static const char *needs_host[] = { "server-page", "client", "report", "cli-report", NULL };
  g_autoptr (JsonNode) root = load_manifest ();
  JsonObject *module = module_named (json_node_get_object (root), "instrument-update-manager");
  g_autoptr (JsonNode) tests = introspect ("tests");
  JsonArray *all = json_node_get_array (tests);
  g_autoptr (GPtrArray) known_suites = g_ptr_array_new ();
  g_autoptr (GPtrArray) known_names = g_ptr_array_new ();
  JsonArray *commands;
  guint      selected = 0;

  if (module == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *test = json_array_get_object_element (all, i);
      g_autoptr (GPtrArray) suites = suites_of (test);

      g_ptr_array_add (known_names, (gpointer) json_object_get_string_member (test, "name"));
      g_ptr_array_extend (known_suites, suites, NULL, NULL);
    }

  /* flatpak-builder runs the commands in the build directory, instead of ninja test. */
  g_assert_cmpstr (json_object_get_string_member (module, "test-rule"), ==, "");
  commands = json_object_get_array_member (module, "test-commands");
  g_assert_cmpuint (json_array_get_length (commands), >, 0);

  for (guint i = 0; i < json_array_get_length (commands); i++)
    {
      const char *command = json_array_get_string_element (commands, i);
      g_auto (GStrv) argv = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) wanted_suites = g_ptr_array_new ();
      g_autoptr (GPtrArray) wanted_names = g_ptr_array_new ();

      g_shell_parse_argv (command, NULL, &argv, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (argv[0], ==, "meson");
      g_assert_cmpstr (argv[1], ==, "test");
      for (guint j = 2; argv[j] != NULL; j++)
        {
          if (g_str_equal (argv[j], "--suite") && argv[j + 1] != NULL)
            g_ptr_array_add (wanted_suites, argv[++j]);
          else if (argv[j][0] != '-')
            g_ptr_array_add (wanted_names, argv[j]);
        }
      for (guint j = 0; j < wanted_suites->len; j++)
        if (!has (known_suites, g_ptr_array_index (wanted_suites, j)))
          g_test_fail_printf ("“%s”: meson has no suite %s", command,
                              (char *) g_ptr_array_index (wanted_suites, j));
      for (guint j = 0; j < wanted_names->len; j++)
        if (!has (known_names, g_ptr_array_index (wanted_names, j)))
          g_test_fail_printf ("“%s”: meson has no test %s", command,
                              (char *) g_ptr_array_index (wanted_names, j));

      /* meson test runs the tests in any of the suites given that have one of the names. */
      for (guint j = 0; j < json_array_get_length (all); j++)
        {
          JsonObject *test = json_array_get_object_element (all, j);
          const char *name = json_object_get_string_member (test, "name");
          g_autoptr (GPtrArray) suites = suites_of (test);
          gboolean in_suites = wanted_suites->len == 0;

          for (guint k = 0; k < suites->len; k++)
            in_suites |= has (wanted_suites, g_ptr_array_index (suites, k));
          if (!in_suites || (wanted_names->len > 0 && !has (wanted_names, name)))
            continue;
          selected++;
          for (guint k = 0; k < suites->len; k++)
            if (g_strv_contains (not_in_sandbox, g_ptr_array_index (suites, k)))
              g_test_fail_printf ("“%s” runs %s of suite %s, which needs a display or the "
                                  "host's tools",
                                  command, name, (char *) g_ptr_array_index (suites, k));
          if (g_strv_contains (needs_host, name))
            g_test_fail_printf (
              "“%s” runs %s, which needs the host's Chromium, Python or pdftotext", command, name);
        }
    }
  g_assert_cmpuint (selected, >, 0);
}

/* libical: built with cmake, only the C library, from a tag (a tarball's checksum cannot be
 * computed offline; a tag names one release). */
static void
test_flatpak_libical (void)
{
  static const char *off[] = {
    "-DICAL_GLIB=OFF",       "-DICAL_GLIB_VAPI=OFF",        "-DGOBJECT_INTROSPECTION=OFF",
    "-DICAL_BUILD_DOCS=OFF", "-DLIBICAL_BUILD_TESTING=OFF",
  };
  g_autoptr (JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);
  JsonObject *module = module_named (manifest, "libical");
  JsonArray  *modules = json_object_get_array_member (manifest, "modules");
  JsonArray  *sources;

  if (module == NULL)
    return;
  g_assert_cmpstr (json_object_get_string_member (module, "buildsystem"), ==, "cmake-ninja");
  for (guint i = 0; i < G_N_ELEMENTS (off); i++)
    if (!array_has_string (json_object_get_array_member (module, "config-opts"), off[i]))
      g_test_fail_printf ("libical's config-opts lack %s", off[i]);

  /* Every git source of every module names a tag or a commit, never a moving branch. */
  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *each = json_array_get_object_element (modules, i);

      sources = json_object_get_array_member (each, "sources");
      for (guint j = 0; j < json_array_get_length (sources); j++)
        {
          JsonObject *source = json_array_get_object_element (sources, j);

          if (!g_str_equal (json_object_get_string_member (source, "type"), "git"))
            continue;
          g_assert_true (
            g_str_has_prefix (json_object_get_string_member (source, "url"), "https://"));
          if (!json_object_has_member (source, "tag") && !json_object_has_member (source, "commit"))
            g_test_fail_printf ("module %s: a git source without a tag or commit",
                                json_object_get_string_member (each, "name"));
          if (json_object_has_member (source, "branch"))
            g_test_fail_printf ("module %s: a git source on a branch",
                                json_object_get_string_member (each, "name"));
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/flatpak/json", test_flatpak_json);
  g_test_add_func ("/ium/flatpak/app", test_flatpak_app);
  g_test_add_func ("/ium/flatpak/permissions", test_flatpak_permissions);
  g_test_add_func ("/ium/flatpak/module", test_flatpak_module);
  g_test_add_func ("/ium/flatpak/tests", test_flatpak_tests);
  g_test_add_func ("/ium/flatpak/libical", test_flatpak_libical);
  return g_test_run ();
}
