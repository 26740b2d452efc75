/* ium-main-window-actions.c: the window's file actions: open and create an inventory, import an
 * inventory file into it, export it.
 *
 * GTK 4.8 has no GtkFileDialog (4.10); GtkFileChooserNative goes through the desktop portal
 * where there is one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-main-window-private.h"

#include "ium-error-text.h"

typedef void (*ChosenFunc) (IumMainWindow *self, GFile *file, gboolean choice);

/* What to do with the file chosen; a struct, since a function is no gpointer. */
typedef struct
{
  ChosenFunc func;
} Chosen;

#define REPLACE_CHOICE "replace"

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *pattern, const char *mime_type)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  IumMainWindow *self = IUM_MAIN_WINDOW (user_data);
  Chosen        *chosen = g_object_get_data (G_OBJECT (dialog), "ium-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), REPLACE_CHOICE);

      if (file != NULL)
        chosen->func (self, file, g_strcmp0 (choice, "true") == 0);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileChooser *
new_chooser (IumMainWindow       *self,
             const char          *title,
             GtkFileChooserAction action,
             const char          *accept,
             ChosenFunc           func)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _ ("_Cancel"));
  Chosen *chosen = g_new0 (Chosen, 1);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  chosen->func = func;
  g_object_set_data_full (G_OBJECT (dialog), "ium-chosen", chosen, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), self);
  return GTK_FILE_CHOOSER (dialog);
}

static void
show_chooser (GtkFileChooser *chooser)
{
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
set_folder_of_current (IumMainWindow *self, GtkFileChooser *chooser)
{
  const char *path = ium_inventory_service_get_path (ium_main_window_get_service (self));
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) folder = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  folder = g_file_get_parent (file);
  if (folder != NULL && g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

/* Open and New */

/* The local path of @file, or NULL after saying in the banner (under @title) why not. */
static char *
dup_local_path (IumMainWindow *self, GFile *file, const char *title)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autoptr (GError) error =
        g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _ ("an inventory must be a local file"));
      ium_main_window_show_error (self, title, error);
    }
  return path;
}

static void
open_chosen (IumMainWindow *self, GFile *file, gboolean choice)
{
  g_autofree char *path = dup_local_path (self, file, _ ("This file cannot be opened"));

  if (path != NULL)
    ium_main_window_open (self, path, FALSE, TRUE);
}

static void
new_chosen (IumMainWindow *self, GFile *file, gboolean choice)
{
  g_autofree char *path = dup_local_path (self, file, _ ("The inventory cannot be created here"));

  if (path == NULL)
    return;
  /* A new inventory never takes the place of a file: nothing is lost by a wrong click. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_autofree char *body = g_strdup_printf (_ ("%s already exists and has not been changed. "
                                                  "Choose another name, or open it with Open "
                                                  "Inventory."),
                                               name);
      ium_banner_show (ium_main_window_get_banner (self), IUM_BANNER_WARNING,
                       _ ("The file already exists"), body);
      ium_banner_set_action (ium_main_window_get_banner (self), _ ("_Open Inventory…"), "win.open");
      return;
    }
  ium_main_window_open (self, path, TRUE, TRUE);
}

static void
open_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow  *self = user_data;
  GtkFileChooser *chooser = new_chooser (self, _ ("Open Inventory"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _ ("_Open"), open_chosen);

  add_filter (chooser, _ ("Inventories"), "*.db", NULL);
  add_filter (chooser, _ ("All Files"), "*", NULL);
  set_folder_of_current (self, chooser);
  show_chooser (chooser);
}

static void
new_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow  *self = user_data;
  GtkFileChooser *chooser = new_chooser (self, _ ("New Inventory"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _ ("C_reate"), new_chosen);

  gtk_file_chooser_set_current_name (chooser, "inventory.db");
  set_folder_of_current (self, chooser);
  show_chooser (chooser);
}

/* Import and export */

typedef struct
{
  IumMainWindow *window;      /* owned */
  GCancellable  *cancellable; /* borrowed from the window's job */
  char          *name;        /* owned: the file's display name */
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_object_unref (job->window);
  g_free (job->name);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileJob, file_job_free)

static FileJob *
file_job_alloc (IumMainWindow *self, GFile *file)
{
  FileJob *job = g_new0 (FileJob, 1);

  job->window = g_object_ref (self);
  job->name = g_file_get_parse_name (file);
  return job;
}

static FileJob *
file_job_start (FileJob *job, const char *label)
{
  job->cancellable = ium_main_window_begin_job (job->window, label);
  return job;
}

static void
import_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FileJob) job = user_data;
  g_autoptr (GError) error = NULL;
  IumStoreChanges changes = { 0 };

  ium_main_window_end_job (job->window, job->cancellable);
  if (!ium_inventory_service_import_finish (IUM_INVENTORY_SERVICE (object), result, &changes,
                                            &error))
    {
      g_autofree char *title = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *body = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          ium_main_window_show_message (job->window, _ ("Import cancelled"),
                                        _ ("Nothing was imported; the inventory is as it was."));
          return;
        }
      title = g_strdup_printf (_ ("%s was not imported"), job->name);
      sentence = ium_error_sentence (error);
      body =
        g_strdup_printf (_ ("%s Nothing was changed: fix the file and import it again."), sentence);
      ium_banner_show (ium_main_window_get_banner (job->window), IUM_BANNER_ERROR, title, body);
      return;
    }

  {
    g_autofree char *title = g_strdup_printf (_ ("Imported %s"), job->name);
    g_autofree char *body =
      g_strdup_printf (_ ("%u added, %u changed, %u removed, %u unchanged."), changes.added,
                       changes.changed, changes.removed, changes.unchanged);
    ium_main_window_show_message (job->window, title, body);
  }
}

static void
import_chosen (IumMainWindow *self, GFile *file, gboolean replace)
{
  ium_main_window_import (self, file, replace);
}

void
ium_main_window_import (IumMainWindow *self, GFile *file, gboolean replace)
{
  FileJob         *job;
  g_autofree char *label = NULL;

  g_return_if_fail (IUM_IS_MAIN_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = file_job_alloc (self, file);
  label = g_strdup_printf (_ ("Importing %s…"), job->name);
  file_job_start (job, label);
  ium_inventory_service_import_async (ium_main_window_get_service (self), file, replace,
                                      job->cancellable, import_done_cb, job);
}

static void
export_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FileJob) job = user_data;
  g_autoptr (GError) error = NULL;

  ium_main_window_end_job (job->window, job->cancellable);
  if (!ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (object), result, &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_ ("%s was not written"), job->name);
      ium_main_window_show_error (job->window, title, error);
      return;
    }

  {
    g_autofree char *title = g_strdup_printf (_ ("Exported to %s"), job->name);
    ium_main_window_show_message (
      job->window, title,
      _ ("The file holds the whole inventory; importing it gives the same "
         "inventory back."));
  }
}

static void
export_chosen (IumMainWindow *self, GFile *file, gboolean choice)
{
  FileJob         *job = file_job_alloc (self, file);
  g_autofree char *label = g_strdup_printf (_ ("Exporting to %s…"), job->name);

  file_job_start (job, label);

  ium_inventory_service_export_async (ium_main_window_get_service (self), file, job->cancellable,
                                      export_done_cb, job);
}

static void
import_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow  *self = user_data;
  GtkFileChooser *chooser = new_chooser (
    self, _ ("Import Inventory File"), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"), import_chosen);

  add_filter (chooser, _ ("Inventory Files"), "*.json", "application/json");
  add_filter (chooser, _ ("All Files"), "*", NULL);
  /* Import merges; replacing removes whatever the file does not hold, so it is asked for. */
  gtk_file_chooser_add_choice (chooser, REPLACE_CHOICE,
                               _ ("Remove what the file does not hold (replace)"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, REPLACE_CHOICE, "false");
  show_chooser (chooser);
}

static void
export_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow  *self = user_data;
  GtkFileChooser *chooser = new_chooser (self, _ ("Export Inventory"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _ ("_Export"), export_chosen);

  gtk_file_chooser_set_current_name (chooser, "inventory.json");
  add_filter (chooser, _ ("Inventory Files"), "*.json", "application/json");
  show_chooser (chooser);
}

static const GActionEntry file_actions[] = {
  { "open", open_action_cb },
  { "new", new_action_cb },
  { "import", import_action_cb },
  { "export", export_action_cb },
};

void
ium_main_window_install_file_actions (IumMainWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), file_actions, G_N_ELEMENTS (file_actions),
                                   self);
}
