/* ium-main-window.h: the main window: header bar, view switcher, banner, progress, the views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ium-application.h"
#include "ium-inventory-service.h"
#include "widgets/ium-banner.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_MAIN_WINDOW (ium_main_window_get_type ())
G_DECLARE_FINAL_TYPE (IumMainWindow, ium_main_window, IUM, MAIN_WINDOW, GtkApplicationWindow)

IumMainWindow           *ium_main_window_new          (IumApplication *application);
/* A window showing @service, which may already have an inventory open or on its way: the
 * application starts the load before GTK and the window are set up. */
IumMainWindow           *ium_main_window_new_for_service (IumApplication      *application,
                                                          IumInventoryService *service);
/* The window's inventory service, shared by all its views. Borrowed. */
IumInventoryService *ium_main_window_get_service  (IumMainWindow      *self);
/* Opens the inventory at @path (creating it with @create) and remembers it in GSettings
 * unless @remember is FALSE. */
void                 ium_main_window_open         (IumMainWindow      *self,
                                              const char     *path,
                                              gboolean        create,
                                              gboolean        remember);
/* The view @name of ium-views.c, or NULL; created now if it was never shown. Borrowed. */
GtkWidget           *ium_main_window_get_view     (IumMainWindow      *self,
                                              const char     *name);
void                 ium_main_window_show_view    (IumMainWindow      *self,
                                              const char     *name);
IumBanner           *ium_main_window_get_banner   (IumMainWindow      *self);
/* The header bar's deploy token button (an IumTokenButton). Borrowed. */
GtkWidget           *ium_main_window_get_token_button (IumMainWindow  *self);
/* The status line under the views. Borrowed. */
const char          *ium_main_window_get_status   (IumMainWindow      *self);

/* Imports the inventory file @file (merging, or replacing everything with @replace) with a
 * progress bar and Cancel; the outcome is shown in the banner. What Import… does after its
 * file chooser. */
void                 ium_main_window_import       (IumMainWindow      *self,
                                                   GFile              *file,
                                                   gboolean            replace);
/* Whether the progress bar of long work is shown. */
gboolean             ium_main_window_get_busy     (IumMainWindow      *self);

/* Long work (an import, a plan, a report): shows @label with a progress bar and a Cancel
 * button until ium_main_window_end_job(). Returns the cancellable to give the work; Cancel
 * cancels it. Borrowed until end_job. */
GCancellable        *ium_main_window_begin_job    (IumMainWindow      *self,
                                              const char     *label);
void                 ium_main_window_end_job      (IumMainWindow      *self,
                                              GCancellable   *cancellable);
/* Shows @error in the window's banner under @title, as a sentence. */
void                 ium_main_window_show_error   (IumMainWindow      *self,
                                              const char     *title,
                                              const GError   *error);
/* Shows a message (not an error) in the banner. */
void                 ium_main_window_show_message (IumMainWindow      *self,
                                              const char     *title,
                                              const char     *body);

/* clang-format on */

G_END_DECLS
