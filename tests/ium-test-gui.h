/* ium-test-gui.h: the harness of the gui suite: the real application and window on a
 * temporary inventory, under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-application.h"
#include "ium-main-window.h"
#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

typedef struct {
  char           *dir;         /* owned: a temporary folder, removed at the end */
  char           *path;        /* owned: the inventory database in it */
  IumApplication *application; /* owned */
  IumMainWindow  *window;      /* borrowed: the application holds it */
  int             width;       /* the window's size when opened; 0 for the setting's */
  int             height;
} IumTestGui;

/* Whoever the window acts as: the audit log and the token show this name. */
#define IUM_TEST_GUI_WHO "tester"

/* Initialises GTK and GTest (isolated XDG folders) for a gui test program, in English
 * whatever the environment says: LC_ALL=C.UTF-8, no LANGUAGE. The application's catalogue
 * is bound as main.c binds it (from the build tree). */
void        ium_test_gui_init        (int          *argc,
                                      char       ***argv);
/* The same in @language (a LANGUAGE value, "de" for example): glibc honours LANGUAGE under
 * any locale but C and POSIX, so LC_ALL=C.UTF-8 (always there) does, and no de_DE locale
 * needs to be installed. */
void        ium_test_gui_init_language (int          *argc,
                                        char       ***argv,
                                        const char   *language);
/* Writes the demo facility (data/demo-inventory.json) into a new database at @path, with
 * MARI marked busy as build-aux/run does. */
void        ium_test_gui_seed_demo   (const char   *path);
/* A fixture: a temporary folder and database path; the database is seeded with the demo
 * when @seed. The window is not opened yet. */
void        ium_test_gui_setup       (IumTestGui   *gui,
                                      gboolean      seed);
/* Opens the window on gui->path and waits until the inventory has loaded (or failed, when
 * @expect_error). */
void        ium_test_gui_open        (IumTestGui   *gui,
                                      gboolean      expect_error);
void        ium_test_gui_teardown    (IumTestGui   *gui);
/* A second connection to the database, as another program would have. Owned. */
IumStore   *ium_test_gui_open_store  (IumTestGui   *gui);
GtkWidget  *ium_test_gui_get_view    (IumTestGui   *gui,
                                      const char   *name);

/* Iterates the main context until @condition holds; fails the test after @timeout_ms with
 * @what. */
void        ium_test_gui_wait_until  (gboolean    (*condition) (gpointer data),
                                      gpointer       data,
                                      guint          timeout_ms,
                                      const char    *what);
/* Iterates the main context for whatever is pending, without waiting for anything. */
void        ium_test_gui_flush       (void);

/* WAIT_FOR (expression): the expression, re-evaluated on every iteration, must become true
 * within 10 seconds. */
#define WAIT_FOR(expr)                                                                        \
  G_STMT_START                                                                                \
  {                                                                                           \
    gint64 ium_deadline_ = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;                     \
    while (!(expr))                                                                           \
      {                                                                                       \
        if (g_get_monotonic_time () > ium_deadline_)                                          \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #expr);             \
        g_main_context_iteration (NULL, FALSE);                                               \
        g_usleep (1000);                                                                      \
      }                                                                                       \
  }                                                                                           \
  G_STMT_END

/* clang-format on */

G_END_DECLS
