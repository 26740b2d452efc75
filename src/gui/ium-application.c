/* ium-application.c: the GtkApplication io.github.ium.InstrumentUpdateManager.
 *
 * One instance per session (GApplication's D-Bus uniqueness): starting the app again presents
 * its window, or opens another window when --db names another inventory. The command line is
 * handled in the primary instance with the caller's environment, so IUM_DB means what it
 * means to `ium`.
 *
 * The first window's inventory starts loading on its service's worker before GTK is set up
 * (startup), so that GTK's start and the window's construction overlap the load; the window
 * takes that service when it opens the same inventory (docs/performance.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#ifdef HAVE_MALLOPT
#include <malloc.h>
#endif

#include "ium-application.h"

#include "ium-preferences-dialog.h"
#include "ium-resources.h"
#include "ium-settings.h"
#include "ium-store.h"
#include "ium-style-monitor.h"
#include "ium-views.h"
#include "ium-main-window.h"

struct _IumApplication
{
  GtkApplication       parent_instance;

  GSettings           *settings;       /* owned, nullable */
  IumStyleMonitor     *style_monitor;  /* owned */
  GtkCssProvider      *css;            /* owned */
  GtkCssProvider      *dark_css;       /* owned */
  char                *identity;       /* owned: from --as, nullable */
  char                *login_identity; /* owned: the setting or the login name */
  char                *early_path;     /* owned: the inventory the command line will open */
  IumInventoryService *early;          /* owned: loading early_path since startup, nullable */
  gboolean             settings_tried;
};

G_DEFINE_FINAL_TYPE (IumApplication, ium_application, GTK_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_ ("The inventory database (default: $IUM_DB, else the last one opened, else "
        "~/.local/share/ium/inventory.db)"),
    N_ ("PATH") },
  { "as", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Your name in the audit log and on the deploy token (default: the login name)"),
    N_ ("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
  { NULL }
};

static void
update_dark_css (IumApplication *self)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;
  if (ium_style_monitor_get_dark (self->style_monitor))
    gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->dark_css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  else
    gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (self->dark_css));
}

static void
apply_style_setting (IumApplication *self)
{
  if (self->settings != NULL)
    ium_style_monitor_set_style (self->style_monitor,
                                 (IumStyle) g_settings_get_enum (self->settings, "style"));
}

static void
identity_setting_changed_cb (IumApplication *self)
{
  GList           *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  g_autofree char *setting =
    self->settings ? g_settings_get_string (self->settings, "identity") : NULL;

  g_free (self->login_identity);
  self->login_identity = g_strdup (setting != NULL && *setting ? setting : g_get_user_name ());

  for (GList *l = windows; l != NULL; l = l->next)
    if (IUM_IS_MAIN_WINDOW (l->data))
      ium_inventory_service_set_who (ium_main_window_get_service (l->data),
                                     ium_application_get_identity (self));
}

/* The inventory to open when the command line names none: IUM_DB, else the one opened last
 * (if it is still there), else the default path. */
static char *
choose_path (IumApplication *self, const char *env)
{
  g_autofree char *last = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-inventory");
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&last);
  return ium_store_dup_default_path ();
}

static IumMainWindow *
find_window (IumApplication *self, const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (IUM_IS_MAIN_WINDOW (l->data)
        && (path == NULL
            || g_strcmp0 (ium_inventory_service_get_path (ium_main_window_get_service (l->data)),
                          path)
                 == 0))
      return l->data;
  return NULL;
}

static void
ensure_settings (IumApplication *self)
{
  g_autoptr (GError) error = NULL;

  if (self->settings_tried)
    return;
  self->settings_tried = TRUE;
  self->settings = ium_settings_new (&error);
  if (self->settings == NULL)
    g_warning ("%s Window size, the last inventory and preferences will not be kept.",
               error->message);
}

static int
ium_application_handle_local_options (GApplication *application, GVariantDict *dict)
{
  IumApplication  *self = IUM_APPLICATION (application);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  /* What command_line() will open if this process is the primary instance, where the
   * command line is its own: startup() begins loading it. */
  g_free (self->early_path);
  if (g_variant_dict_lookup (dict, "db", "^ay", &db) && db != NULL && *db != '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (db);
      self->early_path = g_file_get_path (file);
    }
  else
    {
      ensure_settings (self);
      self->early_path = choose_path (self, g_getenv ("IUM_DB"));
    }
  return -1;
}

static int
ium_application_command_line (GApplication *application, GApplicationCommandLine *command_line)
{
  IumApplication  *self = IUM_APPLICATION (application);
  GVariantDict    *dict = g_application_command_line_get_options_dict (command_line);
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  const char      *as = NULL;
  IumMainWindow   *window;
  g_autoptr (IumInventoryService) early = NULL;

  if (g_variant_dict_lookup (dict, "db", "^ay", &db) && db != NULL && *db != '\0')
    {
      /* A relative path means what it meant where the command was typed. */
      g_autoptr (GFile) file = g_application_command_line_create_file_for_arg (command_line, db);
      path = g_file_get_path (file);
    }
  if (g_variant_dict_lookup (dict, "as", "&s", &as))
    ium_application_set_identity (self, as);

  if (path == NULL && (window = find_window (self, NULL)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return 0;
    }
  if (path == NULL)
    path = choose_path (self, g_application_command_line_getenv (command_line, "IUM_DB"));
  if ((window = find_window (self, path)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return 0;
    }

  early = g_steal_pointer (&self->early);
  if (early != NULL && !g_application_command_line_get_is_remote (command_line)
      && g_strcmp0 (ium_inventory_service_get_path (early), path) == 0)
    window = ium_main_window_new_for_service (self, early);
  else
    {
      window = ium_main_window_new (self);
      /* An inventory named on the command line is not remembered as the last one opened. */
      ium_main_window_open (window, path, FALSE, FALSE);
    }
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
ium_application_activate (GApplication *application)
{
  IumApplication  *self = IUM_APPLICATION (application);
  IumMainWindow   *window = find_window (self, NULL);
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  path = ium_store_dup_default_path ();
  window = ium_main_window_new (self);
  ium_main_window_open (window, path, FALSE, FALSE);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GApplication *application = user_data;

  /* Through close-request, so that every window keeps its size and cancels its work. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (application);
}

static void
about_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *application = user_data;
  const char     *authors[] = { _ ("The Instrument Update Manager authors"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (application), "program-name",
                         _ ("Instrument Update Manager"), "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION, "comments",
                         _ ("Keep the software of a facility's instruments up to "
                            "date: the fleet at a glance, releases, rollouts and "
                            "the deploy token."),
                         "license-type", GTK_LICENSE_GPL_3_0, "authors", authors,
                         "translator-credits", _ ("translator-credits"), "website",
                         "https://github.com/ium/instrument-update-manager", NULL);
}

static void
preferences_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumApplication *self = user_data;
  GtkWindow      *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget      *dialog;

  if (self->settings == NULL)
    return;
  dialog = ium_preferences_dialog_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
};

static void
set_accels (GtkApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.reload", { "F5", "<Control>r", NULL } },
    { "win.search", { "<Control>f", NULL } },
  };
  guint               n_views;
  const IumViewEntry *views = ium_views_get (&n_views);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);

  /* Alt+1, Alt+2, ... in the order of the switcher. */
  for (guint i = 0; i < n_views && i < 9; i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.view::%s", views[i].name);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      const char      *list[] = { accel, NULL };
      gtk_application_set_accels_for_action (application, detailed, list);
    }
}

static void
ium_application_startup (GApplication *application)
{
  IumApplication *self = IUM_APPLICATION (application);
  GdkDisplay     *display;

  /* Before GTK is set up: only the primary instance gets here, and the load on the service's
   * worker overlaps everything until the window is shown. An inventory that cannot be opened
   * is reported by the window that takes the service, as any other. */
  if (self->early_path != NULL)
    {
      self->early = ium_inventory_service_new ();
      ium_inventory_service_open (self->early, self->early_path, FALSE);
    }

  G_APPLICATION_CLASS (ium_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  ensure_settings (self);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::style", G_CALLBACK (apply_style_setting),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::identity",
                               G_CALLBACK (identity_setting_changed_cb), self, G_CONNECT_SWAPPED);
    }
  identity_setting_changed_cb (self);

  self->style_monitor = ium_style_monitor_new ();
  g_signal_connect_object (self->style_monitor, "notify::dark", G_CALLBACK (update_dark_css), self,
                           G_CONNECT_SWAPPED);
  apply_style_setting (self);

  display = gdk_display_get_default ();
  self->css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->css,
                                       "/io/github/ium/InstrumentUpdateManager/style.css");
  self->dark_css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->dark_css,
                                       "/io/github/ium/InstrumentUpdateManager/style-dark.css");
  if (display != NULL)
    gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  update_dark_css (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  set_accels (GTK_APPLICATION (self));
}

static void
ium_application_dispose (GObject *object)
{
  IumApplication *self = IUM_APPLICATION (object);

  g_clear_object (&self->early);
  g_clear_object (&self->style_monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->css);
  g_clear_object (&self->dark_css);

  G_OBJECT_CLASS (ium_application_parent_class)->dispose (object);
}

static void
ium_application_finalize (GObject *object)
{
  IumApplication *self = IUM_APPLICATION (object);

  g_free (self->identity);
  g_free (self->login_identity);
  g_free (self->early_path);

  G_OBJECT_CLASS (ium_application_parent_class)->finalize (object);
}

static void
ium_application_class_init (IumApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ium_application_dispose;
  object_class->finalize = ium_application_finalize;
  application_class->startup = ium_application_startup;
  application_class->activate = ium_application_activate;
  application_class->command_line = ium_application_command_line;
  application_class->handle_local_options = ium_application_handle_local_options;

  /* Before any widget class is initialised: their templates are in the resource. */
  ium_register_resource ();

#ifdef HAVE_MALLOPT
  /* Before the store worker and the GL renderer start their threads. glibc gives a thread
   * that finds the heap locked an arena of its own (up to eight per core), and memory freed in
   * one arena is of no use to the others: the inventory's load on the worker, the renderer's
   * threads and the main thread each kept their own free space, 20-60 MB more at the peak on
   * 10,000 instruments, and how much depended on which thread got which arena
   * (docs/performance.md). With one arena, the memory a load frees is what the next frames
   * and the next load use. MALLOC_ARENA_MAX in the environment still wins. */
  if (g_getenv ("MALLOC_ARENA_MAX") == NULL)
    mallopt (M_ARENA_MAX, 1);
#endif
}

static void
ium_application_init (IumApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _ ("Keep the software of a facility's instruments "
                                               "up to date."));
}

IumApplication *
ium_application_new (GApplicationFlags flags)
{
  return g_object_new (IUM_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       flags | G_APPLICATION_HANDLES_COMMAND_LINE, "resource-base-path",
                       "/io/github/ium/InstrumentUpdateManager", NULL);
}

GSettings *
ium_application_get_settings (IumApplication *self)
{
  g_return_val_if_fail (IUM_IS_APPLICATION (self), NULL);
  return self->settings;
}

const char *
ium_application_get_identity (IumApplication *self)
{
  g_return_val_if_fail (IUM_IS_APPLICATION (self), NULL);
  if (self->identity != NULL)
    return self->identity;
  return self->login_identity ? self->login_identity : g_get_user_name ();
}

void
ium_application_set_identity (IumApplication *self, const char *identity)
{
  g_return_if_fail (IUM_IS_APPLICATION (self));

  g_free (self->identity);
  self->identity = identity != NULL && *identity != '\0' ? g_strdup (identity) : NULL;
  identity_setting_changed_cb (self);
}
