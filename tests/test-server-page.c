/* test-server-page.c: the status page at / as people see it: every instrument with what it
 * runs and its flags, the counts, the next downtime window, the out-of-date and incompatible
 * clients of the last seven days, every value HTML-escaped, no external assets; and the page
 * rendered by headless Chromium at a desktop and a phone width.
 *
 * With IUM_SCREENSHOT_DIR set, the screenshots are also copied there (that is how
 * docs/screenshots/status-page*.png are made; see docs/http-api.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-server"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <signal.h>

#include "ium-test-server.h"

static guint
count (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The part of @page from @from up to @to (or the end). Owned. */
static char *
section (const char *page, const char *from, const char *to)
{
  const char *start = strstr (page, from);
  const char *end;

  g_assert_nonnull (start);
  end = to ? strstr (start, to) : NULL;
  return end ? g_strndup (start, end - start) : g_strdup (start);
}

static void
check (ServerFixture *f, const char *instrument, const char *version)
{
  g_autofree char *escaped = g_uri_escape_string (instrument, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/check?instrument=%s&component=ibex-gui"
                                           "&version=%s",
                                           escaped, version);
  Reply            reply = http (f, "GET", path, NULL, NULL);

  g_assert_cmpuint (reply.status, ==, 200);
  reply_clear (&reply);
}

/* The page, once its clients section has @n_clients rows (the check log is written in
 * batches, so a check shows a moment later). Owned. */
static char *
get_page (ServerFixture *f, guint n_clients)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  for (;;)
    {
      Reply            reply = http (f, "GET", "/", NULL, NULL);
      g_autofree char *clients = NULL;
      char            *page;
      guint            rows;

      g_assert_cmpuint (reply.status, ==, 200);
      page = g_steal_pointer (&reply.body);
      reply_clear (&reply);
      clients = section (page, "<h2>Out-of-date", "<h2>Instruments");
      rows = count (clients, "<tr>");
      rows = rows > 0 ? rows - 1 : 0; /* the header row */
      if (rows == n_clients || g_get_monotonic_time () > deadline)
        {
          g_assert_cmpuint (rows, ==, n_clients);
          return page;
        }
      g_free (page);
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
}

/* The first window of /api/v1/downtime that has not ended. Owned, NULL when none. */
static JsonObject *
next_window (ServerFixture *f)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  Reply      reply = http (f, "GET", "/api/v1/downtime", NULL, NULL);
  JsonArray *windows = json_object_get_array_member (json_node_get_object (reply.json), "downtime");
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (windows) && found == NULL; i++)
    {
      JsonObject *window = json_array_get_object_element (windows, i);
      g_autoptr (GDateTime) end =
        g_date_time_new_from_iso8601 (json_object_get_string_member (window, "end"), NULL);

      if (g_date_time_compare (end, now) > 0)
        found = json_object_ref (window);
    }
  reply_clear (&reply);
  return found;
}

static void
test_page_content (ServerFixture *f, gconstpointer data)
{
  g_autofree char *page = NULL;
  g_autofree char *clients = NULL;
  g_autofree char *instruments = NULL;
  g_autoptr (JsonObject) window = NULL;
  Reply reply;

  start_server (f, NULL);

  reply = http (f, "GET", "/", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Content-Type"), ==,
                   "text/html; charset=utf-8");
  g_assert_nonnull (strstr (soup_message_headers_get_one (reply.headers, "Content-Security-Policy"),
                            "default-src 'none'"));
  g_assert_true (g_str_has_prefix (reply.body, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (reply.body, "No client that asked was out of date or incompatible."));
  reply_clear (&reply);

  check (f, "LARMOR", "11.2.0.5"); /* incompatible */
  check (f, "LARMOR", "11.2.0.5");
  check (f, "MAPS", "12.0.0.100"); /* update-available */
  check (f, "ZOOM", "12.3.2.380"); /* ok: not listed */
  check (f, "HRPD", "12.2.0.300"); /* client-newer: not out of date */
  reply = http (f, "POST", "/api/v1/check/connect-anyway",
                "{\"instrument\": \"LARMOR\", "
                "\"component\": \"ibex-gui\", \"version\": \"11.2.0.5\"}",
                NULL);
  reply_clear (&reply);

  page = get_page (f, 2);

  /* The facility, and nothing loaded from elsewhere. */
  g_assert_nonnull (strstr (page, "<h1>Example Neutron and Muon Source</h1>"));
  g_assert_nonnull (strstr (page, "<meta name=\"viewport\""));
  g_assert_nonnull (strstr (page, "prefers-color-scheme:dark"));
  g_assert_null (strstr (page, "<script"));
  g_assert_null (strstr (page, "<link"));
  g_assert_null (strstr (page, "src="));
  g_assert_null (strstr (page, "url("));
  g_assert_null (strstr (page, "@import"));

  /* The counts, from the same flags as `ium status`. */
  g_assert_nonnull (strstr (page, "<b>34</b><span>instruments</span>"));
  g_assert_nonnull (strstr (page, "<b>13</b><span class=\"badge b-up-to-date\">up-to-date</span>"));
  g_assert_nonnull (strstr (page, "<b>5</b><span class=\"badge b-too-far-behind\">"));

  /* The next downtime window. */
  window = next_window (f);
  if (window != NULL)
    {
      g_autofree char *day = g_strndup (json_object_get_string_member (window, "start"), 10);
      g_autofree char *text = section (page, "Next downtime window", "</div>");

      g_assert_nonnull (strstr (text, json_object_get_string_member (window, "label")));
      g_assert_nonnull (strstr (text, day));
    }
  else
    g_assert_nonnull (strstr (page, "None planned"));

  /* The clients: incompatible and out of date, with how often they asked. */
  clients = section (page, "<h2>Out-of-date", "<h2>Instruments");
  g_assert_nonnull (strstr (clients, "<td class=\"name\">LARMOR</td>"));
  g_assert_nonnull (strstr (clients, "11.2.0.5"));
  g_assert_nonnull (strstr (clients, "b-incompatible"));
  g_assert_nonnull (strstr (clients, "connected anyway 1×"));
  g_assert_nonnull (
    strstr (clients, "<td data-label=\"Checks\" class=\"num\"><span class=\"v\">3<"));
  g_assert_nonnull (strstr (clients, "<td class=\"name\">MAPS</td>"));
  g_assert_nonnull (strstr (clients, "b-update-available"));
  g_assert_null (strstr (clients, "ZOOM"));
  g_assert_null (strstr (clients, "HRPD"));

  /* Every instrument, what it runs, its tier and its flags. */
  instruments = section (page, "<h2>Instruments", NULL);
  g_assert_cmpuint (count (instruments, "<td class=\"name\">"), ==, 34);
  g_assert_nonnull (strstr (instruments, "<td class=\"name\">IMAT</td><td data-label=\"Site\">"
                                         "<span class=\"v\">TS2</span></td><td data-label=\"Runs\">"
                                         "<span class=\"v\"><span class=\"muted\">custom</span>"));
  g_assert_nonnull (strstr (instruments,
                            "<td class=\"name\">LET</td><td data-label=\"Site\">"
                            "<span class=\"v\">TS2</span></td><td data-label=\"Runs\">"
                            "<span class=\"v\">13.1.0.420</span></td><td data-label=\"Tier\">"
                            "<span class=\"v\">internal</span>"));
  g_assert_cmpuint (count (instruments, "badge b-pinned"), ==, 2);
  g_assert_cmpuint (count (instruments, "badge b-partial"), ==, 1);
}

static void
test_page_escapes (ServerFixture *f, gconstpointer data)
{
  static const char hostile[] =
    "{\"format\": \"ium-inventory\", \"format_version\": 1,"
    " \"facility\": \"Neutrons <&> \\\"Co\\\"\","
    " \"instruments\": [{\"name\": \"<script>alert(1)</script>\", \"site\": \"\\\"&'\","
    "   \"tags\": [\"<b>\"],"
    "   \"hosts\": [{\"name\": \"<img src=x onerror=alert(2)>\", \"role\": \"control\","
    "     \"installed\": {\"ibex-server\": \"12.3.2.380\", \"ibex-gui\": \"12.3.2.380\"}}]}]}";
  g_autofree char *file = write_temp (&f->base, "hostile.json", hostile);
  g_autofree char *page = NULL;
  Result           r = run_ium (f->base.db, "import", file, NULL);
  Reply            reply;

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  start_server (f, NULL);

  /* A client checks in with that name, so that it shows among the clients too. */
  check (f, "<script>alert(1)</script>", "11.0.0.1");
  page = get_page (f, 1);

  g_assert_null (strstr (page, "<script"));
  g_assert_null (strstr (page, "<img"));
  g_assert_null (strstr (page, "onerror=alert(2)>"));
  g_assert_cmpuint (count (page, "<td class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"),
                    ==, 2);
  g_assert_nonnull (
    strstr (page, "<td data-label=\"Site\"><span class=\"v\">&quot;&amp;&apos;</span>"));
  g_assert_nonnull (
    strstr (page, "<title>Neutrons &lt;&amp;&gt; &quot;Co&quot; · instrument status</title>"));
  g_assert_nonnull (strstr (page, "<h1>Neutrons &lt;&amp;&gt; &quot;Co&quot;</h1>"));

  /* The API gives the name back as it is: escaping is the page's business. */
  reply = http (f, "GET", "/api/v1/instruments/%3Cscript%3Ealert(1)%3C%2Fscript%3E", NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_member_string (reply.json, "site"), ==, "\"&'");
  reply_clear (&reply);
}

/* Headless Chromium */

/* Renders @url at @width × @height into @png with Chromium. */
static void
screenshot (
  ServerFixture *f, const char *url, guint width, guint height, gboolean dark, const char *png)
{
  g_autofree char *chromium = g_find_program_in_path ("chromium");
  g_autofree char *profile = g_build_filename (f->base.dir, "chromium-profile", NULL);
  g_autofree char *user_data = g_strconcat ("--user-data-dir=", profile, NULL);
  g_autofree char *target = g_strconcat ("--screenshot=", png, NULL);
  g_autofree char *size = g_strdup_printf ("--window-size=%u,%u", width, height);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;

  /* build-aux/deps.sh installs it; a missing browser is a broken setup, not a reason to skip. */
  if (chromium == NULL)
    g_error ("chromium is not installed: run build-aux/deps.sh");

  {
    const char *args[] = {
      "timeout",
      "120",
      chromium,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      user_data,
      target,
      size,
    };
    for (guint i = 0; i < G_N_ELEMENTS (args); i++)
      g_ptr_array_add (argv, (gpointer) args[i]);
  }
  if (dark)
    g_ptr_array_add (argv, (gpointer) "--force-dark-mode");
  g_ptr_array_add (argv, (gpointer) url);
  g_ptr_array_add (argv, NULL);

  launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The test's own strictness is not Chromium's: its GLib warns about the missing desktop
   * settings, which G_DEBUG=fatal-criticals would turn into a crash. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_file_test (png, G_FILE_TEST_EXISTS))
    g_error ("chromium made no screenshot (wait status %d): %s", g_subprocess_get_status (process),
             err);
}

/* Asserts that @png is @width × @height and shows something: many colours, not a blank or
 * an error page. */
static void
assert_rendered (const char *png, guint width, guint height)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", &error);
  g_autoptr (GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autoptr (GBytes) bytes = read_bytes (png);
  GdkPixbuf    *pixbuf;
  const guint8 *pixels;
  int           stride, channels;

  /* By type, not by sniffing: GIO's content types need the shared MIME database, which the
   * isolated test directories do not have. */
  g_assert_no_error (error);
  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_nonnull (pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y += 3)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x += 3)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        g_hash_table_add (colours, GUINT_TO_POINTER ((p[0] << 16) | (p[1] << 8) | p[2]));
      }
  /* Text, badges in several colours, lines: hundreds of colours with anti-aliasing. */
  g_test_message ("%s: %u colours", png, g_hash_table_size (colours));
  g_assert_cmpuint (g_hash_table_size (colours), >, 50);
}

static void
keep_screenshot (const char *png, const char *name)
{
  const char *dir = g_getenv ("IUM_SCREENSHOT_DIR");
  g_autoptr (GFile) source = NULL;
  g_autoptr (GFile) target = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  source = g_file_new_for_path (png);
  target = g_file_new_for_path (path);
  g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_page_in_chromium (ServerFixture *f, gconstpointer data)
{
  g_autofree char *desktop = g_build_filename (f->base.dir, "status-page.png", NULL);
  g_autofree char *phone = g_build_filename (f->base.dir, "status-page-phone.png", NULL);
  g_autofree char *page = NULL;
  Result           r;

  /* A facility on a working day: a busy instrument, a few clients that need updating. */
  r = run_ium (f->base.db, "instrument", "busy", "WISH", "--note", "Cycle 2026/2 user experiment",
               NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  start_server (f, NULL);
  check (f, "LARMOR", "11.2.0.5");
  check (f, "MAPS", "12.0.0.100");
  check (f, "SANS2D", "12.3.0.350");
  page = get_page (f, 3);

  screenshot (f, f->url, 1280, 1600, FALSE, desktop);
  assert_rendered (desktop, 1280, 1600);
  keep_screenshot (desktop, "status-page.png");

  screenshot (f, f->url, 390, 1600, FALSE, phone);
  assert_rendered (phone, 390, 1600);
  keep_screenshot (phone, "status-page-phone.png");

  if (g_getenv ("IUM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *dark = g_build_filename (f->base.dir, "status-page-dark.png", NULL);

      screenshot (f, f->url, 1280, 1000, TRUE, dark);
      assert_rendered (dark, 1280, 1000);
      keep_screenshot (dark, "status-page-dark.png");
    }

  g_assert_cmpint (stop_server (f, SIGTERM, NULL), ==, 0);
}

#define ADD(path, func)                                                                  \
  g_test_add ("/ium/server-page/" path, ServerFixture, NULL, server_fixture_setup, func, \
              server_fixture_teardown)

int
main (int argc, char *argv[])
{
  server_test_init (&argc, &argv);

  ADD ("content", test_page_content);
  ADD ("escapes", test_page_escapes);
  ADD ("chromium", test_page_in_chromium);

  return g_test_run ();
}
