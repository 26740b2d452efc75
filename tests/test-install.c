/* test-install.c: what `meson install` puts in place, checked after a staged install.
 *
 * The first test installs the build tree into a temporary DESTDIR (meson install --destdir);
 * the others check every file a distribution package would ship, each with its ecosystem's
 * own tool: desktop-file-validate, appstreamcli, glib-compile-schemas, man and lexgrog,
 * pkg-config and the C compiler, PyGObject, bash, systemd-analyze and systemd-sysusers (when
 * systemd is installed; a parser of our own otherwise). The staged `ium` is the one run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ium-test-install.h"

static void
test_install_staged (void)
{
  if (!install_stage ())
    return;
  /* Post-install steps change the live system only: nothing compiled into the stage. */
  {
    g_autofree char *compiled = staged_path ("IUM_DATADIR", "glib-2.0/schemas/gschemas.compiled");
    g_autofree char *cache = staged_path ("IUM_DATADIR", "icons/hicolor/icon-theme.cache");
    g_assert_false (g_file_test (compiled, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  }
}

typedef struct
{
  const char *dir_variable;
  const char *path;
  gboolean    executable;
} Expected;

static void
test_install_files (void)
{
  static const Expected expected[] = {
    { "IUM_BINDIR", "ium", TRUE },
    { "IUM_BINDIR", "instrument-update-manager", TRUE },
    { "IUM_BINDIR", "ium-client-demo", TRUE },
    { "IUM_LIBDIR", "libium-client-1.so", FALSE },
    { "IUM_LIBDIR", "libium-client-1.so.0", FALSE },
    { "IUM_LIBDIR", "pkgconfig/ium-client-1.pc", FALSE },
    { "IUM_LIBDIR", "girepository-1.0/IumClient-1.typelib", FALSE },
    { "IUM_INCLUDEDIR", "ium-client-1/libium-client.h", FALSE },
    { "IUM_INCLUDEDIR", "ium-client-1/ium-client.h", FALSE },
    { "IUM_INCLUDEDIR", "ium-client-1/ium-client-enums.h", FALSE },
    { "IUM_INCLUDEDIR", "ium-client-1/ium-prompt-model.h", FALSE },
    { "IUM_INCLUDEDIR", "ium-client-1/ium-update-prompt.h", FALSE },
    { "IUM_INCLUDEDIR", "ium-client-1/ium-verdict.h", FALSE },
    { "IUM_INCLUDEDIR", "ium-client-1/ium-types.h", FALSE },
    { "IUM_INCLUDEDIR", "ium-client-1/ium-enums.h", FALSE },
    { "IUM_DATADIR", "gir-1.0/IumClient-1.gir", FALSE },
    { "IUM_DATADIR", "applications/" APPLICATION_ID ".desktop", FALSE },
    { "IUM_DATADIR", "metainfo/" APPLICATION_ID ".metainfo.xml", FALSE },
    { "IUM_DATADIR", "glib-2.0/schemas/" APPLICATION_ID ".gschema.xml", FALSE },
    { "IUM_DATADIR", "icons/hicolor/scalable/apps/" APPLICATION_ID ".svg", FALSE },
    { "IUM_DATADIR", "icons/hicolor/symbolic/apps/" APPLICATION_ID "-symbolic.svg", FALSE },
    { "IUM_MANDIR", "man1/ium.1", FALSE },
    { "IUM_BASHCOMPLETIONDIR", "ium", FALSE },
    { "IUM_SYSTEMDUNITDIR", "ium-serve.service", FALSE },
    { "IUM_SYSUSERSDIR", "ium.conf", FALSE },
  };
  g_auto (GStrv) languages = NULL;

  if (!install_stage ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = NULL;

      if (g_str_equal (install_env (expected[i].dir_variable), "no"))
        {
          g_test_message ("%s is \"no\": %s is not installed", expected[i].dir_variable,
                          expected[i].path);
          continue;
        }
      path = staged_path (expected[i].dir_variable, expected[i].path);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_test_fail_printf ("not installed: %s", path);
      else if (expected[i].executable && !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        g_test_fail_printf ("installed but not executable: %s", path);
    }

  /* A catalogue for every language in po/LINGUAS. */
  languages = read_linguas ();
  g_assert_cmpuint (g_strv_length (languages), >, 0);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *relative =
        g_strdup_printf ("%s/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", languages[i]);
      g_autofree char *mo = staged_path ("IUM_LOCALEDIR", relative);
      g_autofree char *msgunfmt = need_program ("msgunfmt", "gettext");
      Result           r;

      if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        {
          g_test_fail_printf ("no catalogue for %s: %s", languages[i], mo);
          continue;
        }
      if (msgunfmt == NULL)
        return;
      /* A catalogue with translations in it, not just the header. */
      r = RUN (NULL, msgunfmt, mo);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "\nmsgid \""));
      result_clear (&r);
    }

  /* The installed programs run (no build-tree library paths left in them). */
  {
    Result r = run_ium (NULL, "--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Usage: ium"));
    result_clear (&r);
  }
}

static void
test_install_desktop_file (void)
{
  g_autofree char *validate = need_program ("desktop-file-validate", "desktop-file-utils");
  g_autofree char *path = NULL;
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *comment_de = NULL;
  g_autofree char *exec = NULL;
  Result           r;

  if (validate == NULL || !install_stage ())
    return;
  path = staged_path ("IUM_DATADIR", "applications/" APPLICATION_ID ".desktop");

  r = RUN (NULL, validate, path);
  g_assert_cmpstr (r.out, ==, "");
  assert_clean_exit (&r);

  g_key_file_load_from_file (keys, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (keys, G_KEY_FILE_DESKTOP_GROUP, "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "instrument-update-manager");
  /* The translations are merged into the installed file. */
  comment = g_key_file_get_string (keys, G_KEY_FILE_DESKTOP_GROUP, "Comment", &error);
  g_assert_no_error (error);
  comment_de = g_key_file_get_string (keys, G_KEY_FILE_DESKTOP_GROUP, "Comment[de]", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment_de, !=, comment);
}

static void
test_install_metainfo (void)
{
  g_autofree char *appstreamcli = need_program ("appstreamcli", "appstream");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  Result r;

  if (appstreamcli == NULL || !install_stage ())
    return;
  path = staged_path ("IUM_DATADIR", "metainfo/" APPLICATION_ID ".metainfo.xml");

  r = RUN (NULL, appstreamcli, "validate", "--no-net", "--explain", path);
  if (r.status != 0)
    g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (
    strstr (contents, "<launchable type=\"desktop-id\">" APPLICATION_ID ".desktop</launchable>"));
  g_assert_nonnull (strstr (contents, "<summary xml:lang=\"de\">"));
}

static void
test_install_gschema (void)
{
  g_autofree char *compile = need_program ("glib-compile-schemas", "libglib2.0-bin");
  g_autofree char *dir = NULL;
  Result           r;

  if (compile == NULL || !install_stage ())
    return;
  dir = staged_path ("IUM_DATADIR", "glib-2.0/schemas");
  r = RUN (NULL, compile, "--strict", "--dry-run", dir);
  assert_clean_exit (&r);
}

static void
test_install_icons (void)
{
  static const char *icons[] = {
    "icons/hicolor/scalable/apps/" APPLICATION_ID ".svg",
    "icons/hicolor/symbolic/apps/" APPLICATION_ID "-symbolic.svg",
  };

  if (!install_stage ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      g_autofree char *path = staged_path ("IUM_DATADIR", icons[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (GdkPixbufLoader) loader = NULL;
      g_autoptr (GBytes) bytes = NULL;
      GdkPixbuf *pixbuf;

      /* librsvg's loader (librsvg2-common) draws it: a valid, square SVG. The type is given,
       * since G_TEST_OPTION_ISOLATE_DIRS hides the MIME database that sniffing needs. */
      bytes = read_bytes (path);
      loader = gdk_pixbuf_loader_new_with_type ("svg", &error);
      g_assert_no_error (error);
      gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
      g_assert_no_error (error);
      gdk_pixbuf_loader_close (loader, &error);
      g_assert_no_error (error);
      pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
      g_assert_nonnull (pixbuf);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >, 0);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, gdk_pixbuf_get_height (pixbuf));
    }
}

static void
test_install_pkg_config (void)
{
  g_autofree char *pkg_config = need_program ("pkg-config", "pkg-config");
  g_autofree char *cc = need_program ("cc", "build-essential");
  g_autofree char *pc = NULL;
  g_autofree char *pcdir = NULL;
  g_autofree char *libdir = NULL;
  g_autofree char *env_path = NULL;
  g_autofree char *env_libs = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *source = NULL;
  g_autofree char *program = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) flags = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  guint  moved_flags = 0;
  Result r;

  if (pkg_config == NULL || cc == NULL || !install_stage ())
    return;
  pcdir = staged_path ("IUM_LIBDIR", "pkgconfig");
  pc = g_build_filename (pcdir, "ium-client-1.pc", NULL);
  libdir = staged_path ("IUM_LIBDIR", NULL);

  r = RUN (NULL, pkg_config, "--validate", pc);
  assert_clean_exit (&r);

  /* A client builds against the installed headers and library, and what the .pc file says
   * they need. The flags name the final places: the directories that exist in the stage are
   * taken from there (a --define-variable would move GLib's too). */
  env_path = g_strconcat ("PKG_CONFIG_PATH=", pcdir, NULL);
  r = RUN (ENV (env_path), pkg_config, "--cflags", "--libs", "ium-client-1");
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_shell_parse_argv (r.out, NULL, &flags, &error);
  g_assert_no_error (error);
  result_clear (&r);
  for (guint i = 0; flags[i] != NULL; i++)
    if (g_str_has_prefix (flags[i], "-I") || g_str_has_prefix (flags[i], "-L"))
      {
        g_autofree char *staged = g_build_filename (staged_root (), flags[i] + 2, NULL);

        if (g_file_test (staged, G_FILE_TEST_IS_DIR))
          {
            char *moved = g_strdup_printf ("%.2s%s", flags[i], staged);

            g_free (flags[i]);
            flags[i] = moved;
            moved_flags++;
          }
      }
  /* -I.../ium-client-1 and -L...: the headers and the library are the staged ones. */
  g_assert_cmpuint (moved_flags, ==, 2);

  dir = g_dir_make_tmp ("ium-install-cc-XXXXXX", &error);
  g_assert_no_error (error);
  source = g_build_filename (dir, "client.c", NULL);
  program = g_build_filename (dir, "client", NULL);
  g_file_set_contents (source,
                       "#include <libium-client.h>\n"
                       "int\n"
                       "main (void)\n"
                       "{\n"
                       "  g_autoptr(IumClient) client = ium_client_new (\"http://127.0.0.1:9\");\n"
                       "  return client == NULL || ium_verdict_status_get_type () == 0;\n"
                       "}\n",
                       -1, &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, cc);
  g_ptr_array_add (argv, (gpointer) "-Wall");
  g_ptr_array_add (argv, (gpointer) "-Werror");
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, source);
  for (guint i = 0; flags[i] != NULL; i++)
    g_ptr_array_add (argv, flags[i]);
  g_ptr_array_add (argv, NULL);
  r = run_tool (NULL, (const char *const *) argv->pdata);
  if (r.status != 0)
    g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* It runs with the staged library (nothing else has it). */
  env_libs = g_strconcat ("LD_LIBRARY_PATH=", libdir, NULL);
  r = RUN (ENV (env_libs), program);
  assert_clean_exit (&r);

  remove_tree (dir);
}

static void
test_install_typelib (void)
{
  g_autofree char *typelibs = NULL;
  g_autofree char *libdir = NULL;
  g_autofree char *env_typelibs = NULL;
  g_autofree char *env_libs = NULL;
  g_autofree char *gir = NULL;
  g_autofree char *compiler = need_program ("g-ir-compiler", "gobject-introspection");
  g_autofree char *dir = NULL;
  g_autofree char *recompiled = NULL;
  g_autoptr (GError) error = NULL;
  Result r;

  if (compiler == NULL || !install_stage ())
    return;
  typelibs = staged_path ("IUM_LIBDIR", "girepository-1.0");
  libdir = staged_path ("IUM_LIBDIR", NULL);
  env_typelibs = g_strconcat ("GI_TYPELIB_PATH=", typelibs, NULL);
  env_libs = g_strconcat ("LD_LIBRARY_PATH=", libdir, NULL);

  /* PyGObject finds the typelib, and the library it names, in the stage alone. */
  r = RUN (ENV (env_typelibs, env_libs), install_env ("IUM_PYTHON"), "-c",
           "import gi\n"
           "gi.require_version('IumClient', '1')\n"
           "from gi.repository import IumClient\n"
           "client = IumClient.Client.new('http://127.0.0.1:9')\n"
           "print(client.props.base_url, IumClient.VerdictStatus.INCOMPATIBLE.value_nick)\n");
  /* Importing it imports GTK, which opens the display when there is one, and the graphics
   * driver may say something on stderr (Mesa about its shader cache): only a failure counts. */
  if (r.err[0] != '\0')
    g_test_message ("python3 said on stderr: %s", r.err);
  g_assert_null (strstr (r.err, "Traceback"));
  g_assert_cmpstr (r.out, ==, "http://127.0.0.1:9 incompatible\n");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* The installed .gir compiles again, with the system's GIRs for what it includes. */
  gir = staged_path ("IUM_DATADIR", "gir-1.0/IumClient-1.gir");
  dir = g_dir_make_tmp ("ium-install-gir-XXXXXX", &error);
  g_assert_no_error (error);
  recompiled = g_build_filename (dir, "IumClient-1.typelib", NULL);
  r = RUN (NULL, compiler, "--output", recompiled, gir);
  assert_clean_exit (&r);
  remove_tree (dir);
}

static void
test_install_sysusers (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sysusers = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found = FALSE;
  g_auto (GStrv) lines = NULL;

  if (!install_stage ())
    return;
  if (g_str_equal (install_env ("IUM_SYSUSERSDIR"), "no"))
    {
      g_test_skip ("configured with -Dsysusersdir=no");
      return;
    }
  path = staged_path ("IUM_SYSUSERSDIR", "ium.conf");
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  /* u NAME ID GECOS HOME: the user the unit runs as, at home in its state directory. */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char **fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_assert_true (g_str_has_prefix (lines[i], "u ium - \""));
      g_assert_true (g_str_has_suffix (lines[i], "\" /var/lib/ium"));
      found = TRUE;
    }
  g_assert_true (found);

  sysusers = g_find_program_in_path ("systemd-sysusers");
  if (sysusers != NULL)
    {
      g_autofree char *root = g_dir_make_tmp ("ium-sysusers-XXXXXX", &error);
      g_autofree char *etc = NULL;
      g_autofree char *root_arg = NULL;
      Result           r;

      g_assert_no_error (error);
      etc = g_build_filename (root, "etc", NULL);
      g_assert_cmpint (g_mkdir (etc, 0755), ==, 0);
      root_arg = g_strconcat ("--root=", root, NULL);
      r = RUN (NULL, sysusers, "--dry-run", root_arg, path);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.err, "Creating user 'ium'"));
      result_clear (&r);
      remove_tree (root);
    }
  else
    g_test_message ("systemd-sysusers is not installed: the file was checked by its format only");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/install/staged", test_install_staged);
  g_test_add_func ("/ium/install/files", test_install_files);
  g_test_add_func ("/ium/install/desktop-file", test_install_desktop_file);
  g_test_add_func ("/ium/install/metainfo", test_install_metainfo);
  g_test_add_func ("/ium/install/gschema", test_install_gschema);
  g_test_add_func ("/ium/install/icons", test_install_icons);
  g_test_add_func ("/ium/install/pkg-config", test_install_pkg_config);
  g_test_add_func ("/ium/install/typelib", test_install_typelib);
  g_test_add_func ("/ium/install/sysusers", test_install_sysusers);
  install_add_man_tests ();
  install_add_completion_tests ();
  install_add_systemd_tests ();

  status = g_test_run ();

  install_stage_remove ();
  return status;
}
