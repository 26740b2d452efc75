/* ium-main-window.c: the main window: header bar, view switcher, banner, progress, the views.
 *
 * The window owns one IumInventoryService and creates each view of ium-views.c with it when
 * the view is first shown (a view never shown costs nothing). It shows what the service
 * reports about the inventory as a whole (loading, an inventory that cannot be opened), and
 * offers the views a banner and a progress bar for their own work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-main-window-private.h"

#include "ium-error-text.h"
#include "ium-views.h"
#include "widgets/ium-token-button.h"

typedef struct
{
  GCancellable *cancellable; /* owned */
  char         *label;       /* owned */
} Job;

struct _IumMainWindow
{
  GtkApplicationWindow parent_instance;

  GtkHeaderBar        *header_bar;
  GtkSpinner          *spinner;
  IumBanner           *banner;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkStack            *stack;
  GtkLabel            *status_label;
  GtkWidget           *token_button;

  IumInventoryService *service;  /* owned */
  GSettings           *settings; /* owned */
  GPtrArray           *jobs;     /* owned, of Job */
  guint                pulse_id;
  gboolean             banner_for_load; /* the banner shows the service's load error */
};

G_DEFINE_FINAL_TYPE (IumMainWindow, ium_main_window, GTK_TYPE_APPLICATION_WINDOW)

static GtkWidget *view_of_page (GtkWidget *page);

static void
job_free (gpointer data)
{
  Job *job = data;

  g_object_unref (job->cancellable);
  g_free (job->label);
  g_free (job);
}

static void
update_status (IumMainWindow *self)
{
  IumInventory    *inventory = ium_inventory_service_get_inventory (self->service);
  const char      *path = ium_inventory_service_get_path (self->service);
  g_autofree char *name = path ? g_filename_display_name (path) : NULL;
  g_autofree char *text = NULL;

  if (path == NULL)
    text = g_strdup (_ ("No inventory open"));
  else if (inventory == NULL)
    text = g_strdup (name);
  else
    {
      guint            n = g_list_model_get_n_items (ium_inventory_get_instruments (inventory));
      const char      *facility = ium_inventory_get_facility (inventory);
      g_autofree char *count =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instrument", "%u instruments", n), n);

      if (facility != NULL)
        /* Translators: the status line: the facility, how many instruments, the file. */
        text = g_strdup_printf (_ ("%s · %s · %s"), facility, count, name);
      else
        text = g_strdup_printf (_ ("%s · %s"), count, name);
    }
  gtk_label_set_label (self->status_label, text);

  /* Import and export need an inventory that loaded. */
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "import")),
    inventory != NULL);
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "export")),
    inventory != NULL);
}

static void
service_error_cb (IumMainWindow *self)
{
  const GError    *error = ium_inventory_service_get_error (self->service);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (error == NULL)
    {
      if (self->banner_for_load)
        ium_banner_dismiss (self->banner);
      self->banner_for_load = FALSE;
      update_status (self);
      return;
    }

  switch (
    ium_error_describe_open (error, ium_inventory_service_get_path (self->service), &title, &body))
    {
    case IUM_ERROR_FIX_CREATE:
      ium_banner_show (self->banner, IUM_BANNER_WARNING, title, body);
      ium_banner_set_secondary_action (self->banner, _ ("_Open Inventory…"), "win.open");
      ium_banner_set_action (self->banner, _ ("_Create Inventory"), "win.create");
      break;
    case IUM_ERROR_FIX_OPEN_OTHER:
      ium_banner_show (self->banner, IUM_BANNER_ERROR, title, body);
      ium_banner_set_action (self->banner, _ ("_Open Another Inventory…"), "win.open");
      break;
    case IUM_ERROR_FIX_RETRY:
    case IUM_ERROR_FIX_NONE:
    default:
      ium_banner_show (self->banner, IUM_BANNER_ERROR, title, body);
      ium_banner_set_secondary_action (self->banner, _ ("_Open Another Inventory…"), "win.open");
      ium_banner_set_action (self->banner, _ ("_Try Again"), "win.reload");
      break;
    }
  self->banner_for_load = TRUE;
  update_status (self);
}

static void
service_loading_cb (IumMainWindow *self)
{
  gboolean loading = ium_inventory_service_get_loading (self->service);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static void
service_loaded_cb (IumMainWindow *self)
{
  update_status (self);
}

static gboolean
pulse_cb (gpointer data)
{
  IumMainWindow *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
update_jobs (IumMainWindow *self)
{
  gboolean busy = self->jobs->len > 0;

  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-job")), busy);
  if (busy)
    {
      Job *job = g_ptr_array_index (self->jobs, self->jobs->len - 1);
      gtk_label_set_label (self->progress_label, job->label);
      if (self->pulse_id == 0)
        self->pulse_id = g_timeout_add (100, pulse_cb, self);
    }
  else
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
visible_view_changed_cb (IumMainWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  GAction    *action = g_action_map_lookup_action (G_ACTION_MAP (self), "view");

  if (name == NULL)
    return;
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (name));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-view", name);
}

static void
view_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow *self = user_data;

  ium_main_window_show_view (self, g_variant_get_string (parameter, NULL));
}

static void
search_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow *self = user_data;
  GtkWidget     *view = view_of_page (gtk_stack_get_visible_child (self->stack));

  if (view != NULL)
    gtk_widget_activate_action (view, "view.search", NULL);
}

/* Shows the audit log of one instrument (an empty name: of all). The audit view takes the
 * instrument as its "instrument" property. */
static void
show_audit_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow *self = user_data;
  GtkWidget     *page = gtk_stack_get_child_by_name (self->stack, "audit");
  GtkWidget     *view = view_of_page (page);
  const char    *name = g_variant_get_string (parameter, NULL);

  if (view == NULL)
    return;
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (view), "instrument") != NULL)
    g_object_set (view, "instrument", *name ? name : NULL, NULL);
  gtk_stack_set_visible_child (self->stack, page);
}

static void
reload_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow *self = user_data;

  ium_inventory_service_reload (self->service);
}

static void
create_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow   *self = user_data;
  g_autofree char *path = g_strdup (ium_inventory_service_get_path (self->service));

  if (path != NULL)
    ium_main_window_open (self, path, TRUE, FALSE);
}

static void
cancel_job_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  IumMainWindow *self = user_data;

  if (self->jobs->len > 0)
    {
      Job *job = g_ptr_array_index (self->jobs, self->jobs->len - 1);
      g_cancellable_cancel (job->cancellable);
      gtk_label_set_label (self->progress_label, _ ("Cancelling…"));
    }
}

static const GActionEntry window_actions[] = {
  { "view", view_action_cb, "s", "'fleet'", NULL },
  { "search", search_action_cb },
  { "show-audit", show_audit_action_cb, "s" },
  { "reload", reload_action_cb },
  { "create", create_action_cb },
  { "cancel-job", cancel_job_action_cb },
};

/* A stack page's place for its view, which is created when the page is first shown (or
 * asked for by ium_main_window_get_view()): a view never shown costs neither its widgets nor
 * the work it does on every load of the inventory, and the window's start builds the one
 * view it shows while the inventory loads on the worker (docs/performance.md). */
#define IUM_TYPE_VIEW_SLOT (ium_view_slot_get_type ())
G_DECLARE_FINAL_TYPE (IumViewSlot, ium_view_slot, IUM, VIEW_SLOT, GtkWidget)

struct _IumViewSlot
{
  GtkWidget            parent_instance;

  const IumViewEntry  *entry;   /* static */
  IumInventoryService *service; /* owned */
  GtkWidget           *view;    /* a child, nullable until first shown */
};

G_DEFINE_FINAL_TYPE (IumViewSlot, ium_view_slot, GTK_TYPE_WIDGET)

static GtkWidget *
ium_view_slot_ensure_view (IumViewSlot *self)
{
  if (self->view == NULL)
    {
      self->view = g_object_new (self->entry->get_type (), "service", self->service, NULL);
      gtk_widget_set_parent (self->view, GTK_WIDGET (self));
    }
  return self->view;
}

static void
ium_view_slot_map (GtkWidget *widget)
{
  /* Before the children are mapped: the new view is mapped with them. */
  ium_view_slot_ensure_view (IUM_VIEW_SLOT (widget));
  GTK_WIDGET_CLASS (ium_view_slot_parent_class)->map (widget);
}

static void
ium_view_slot_dispose (GObject *object)
{
  IumViewSlot *self = IUM_VIEW_SLOT (object);

  g_clear_pointer (&self->view, gtk_widget_unparent);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_view_slot_parent_class)->dispose (object);
}

static void
ium_view_slot_class_init (IumViewSlotClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_view_slot_dispose;
  widget_class->map = ium_view_slot_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ium_view_slot_init (IumViewSlot *self)
{
}

static GtkWidget *
ium_view_slot_new (const IumViewEntry *entry, IumInventoryService *service)
{
  IumViewSlot *self = g_object_new (IUM_TYPE_VIEW_SLOT, NULL);

  self->entry = entry;
  self->service = g_object_ref (service);
  return GTK_WIDGET (self);
}

/* The view on the stack page @page (an IumViewSlot), created now if it was not yet. */
static GtkWidget *
view_of_page (GtkWidget *page)
{
  return page != NULL ? ium_view_slot_ensure_view (IUM_VIEW_SLOT (page)) : NULL;
}

static void
add_views (IumMainWindow *self)
{
  guint               n_views;
  const IumViewEntry *views = ium_views_get (&n_views);

  for (guint i = 0; i < n_views; i++)
    /* No icon on the page: the switcher shows titles, which say more. */
    gtk_stack_add_titled (self->stack, ium_view_slot_new (&views[i], self->service), views[i].name,
                          _ (views[i].title));
}

static void
restore_size (IumMainWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
ium_main_window_close_request (GtkWindow *window)
{
  IumMainWindow *self = IUM_MAIN_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  /* Work in flight is cancelled; a write already running on the worker still completes. */
  for (guint i = 0; i < self->jobs->len; i++)
    g_cancellable_cancel (((Job *) g_ptr_array_index (self->jobs, i))->cancellable);

  return GTK_WINDOW_CLASS (ium_main_window_parent_class)->close_request (window);
}

/* After construction: GtkWindow's "application" is not a construct property, so it is only
 * set once constructed() has run. */
static void
setup (IumMainWindow *self, IumApplication *application)
{
  g_autofree char *last_view = NULL;

  if (application != NULL)
    {
      GSettings *settings = ium_application_get_settings (application);

      self->settings = settings ? g_object_ref (settings) : NULL;
      ium_inventory_service_set_who (self->service, ium_application_get_identity (application));
    }
  restore_size (self);

  /* Read before the views are added: adding the first one makes it visible, which records
   * it as the last view. */
  last_view = self->settings ? g_settings_get_string (self->settings, "last-view") : NULL;
  add_views (self);
  if (last_view != NULL && gtk_stack_get_child_by_name (self->stack, last_view) != NULL)
    gtk_stack_set_visible_child_name (self->stack, last_view);
  visible_view_changed_cb (self);
  update_status (self);
}

static void
ium_main_window_dispose (GObject *object)
{
  IumMainWindow *self = IUM_MAIN_WINDOW (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  /* No gtk_widget_dispose_template(): GtkWindow disposes its child and title bar itself. */

  G_OBJECT_CLASS (ium_main_window_parent_class)->dispose (object);
}

static void
ium_main_window_finalize (GObject *object)
{
  IumMainWindow *self = IUM_MAIN_WINDOW (object);

  g_clear_object (&self->service);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);

  G_OBJECT_CLASS (ium_main_window_parent_class)->finalize (object);
}

static void
ium_main_window_class_init (IumMainWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ium_main_window_dispose;
  object_class->finalize = ium_main_window_finalize;
  window_class->close_request = ium_main_window_close_request;

  g_type_ensure (IUM_TYPE_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "ium-main-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IumMainWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, IumMainWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, IumMainWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, IumMainWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, IumMainWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, IumMainWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, IumMainWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IumMainWindow, status_label);
  gtk_widget_class_bind_template_callback (widget_class, visible_view_changed_cb);
}

static void
ium_main_window_init (IumMainWindow *self)
{
  self->jobs = g_ptr_array_new_with_free_func (job_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  ium_main_window_install_file_actions (self);
}

/* Takes @service, which may have an inventory open or loading already. */
static void
set_service (IumMainWindow *self, IumInventoryService *service)
{
  self->service = service;
  self->token_button = ium_token_button_new (self->service);
  gtk_header_bar_pack_start (self->header_bar, self->token_button);

  g_signal_connect_object (self->service, "notify::error", G_CALLBACK (service_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::loading", G_CALLBACK (service_loading_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "loaded", G_CALLBACK (service_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  service_loading_cb (self);
  service_error_cb (self);
  update_jobs (self);
}

IumMainWindow *
ium_main_window_new (IumApplication *application)
{
  g_autoptr (IumInventoryService) service = ium_inventory_service_new ();

  return ium_main_window_new_for_service (application, service);
}

IumMainWindow *
ium_main_window_new_for_service (IumApplication *application, IumInventoryService *service)
{
  IumMainWindow *self;

  g_return_val_if_fail (IUM_IS_INVENTORY_SERVICE (service), NULL);

  self = g_object_new (IUM_TYPE_MAIN_WINDOW, "application", application, NULL);
  set_service (self, g_object_ref (service));
  setup (self, application);
  return self;
}

IumInventoryService *
ium_main_window_get_service (IumMainWindow *self)
{
  g_return_val_if_fail (IUM_IS_MAIN_WINDOW (self), NULL);
  return self->service;
}

void
ium_main_window_open (IumMainWindow *self, const char *path, gboolean create, gboolean remember)
{
  g_return_if_fail (IUM_IS_MAIN_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->banner_for_load)
    ium_banner_dismiss (self->banner);
  self->banner_for_load = FALSE;
  ium_inventory_service_open (self->service, path, create);
  if (remember && self->settings != NULL)
    g_settings_set_string (self->settings, "last-inventory", path);
  update_status (self);
}

GtkWidget *
ium_main_window_get_view (IumMainWindow *self, const char *name)
{
  g_return_val_if_fail (IUM_IS_MAIN_WINDOW (self), NULL);
  return view_of_page (gtk_stack_get_child_by_name (self->stack, name));
}

void
ium_main_window_show_view (IumMainWindow *self, const char *name)
{
  g_return_if_fail (IUM_IS_MAIN_WINDOW (self));

  if (gtk_stack_get_child_by_name (self->stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->stack, name);
}

IumBanner *
ium_main_window_get_banner (IumMainWindow *self)
{
  g_return_val_if_fail (IUM_IS_MAIN_WINDOW (self), NULL);
  return self->banner;
}

GCancellable *
ium_main_window_begin_job (IumMainWindow *self, const char *label)
{
  Job *job;

  g_return_val_if_fail (IUM_IS_MAIN_WINDOW (self), NULL);

  job = g_new0 (Job, 1);
  job->cancellable = g_cancellable_new ();
  job->label = g_strdup (label);
  g_ptr_array_add (self->jobs, job);
  update_jobs (self);
  return job->cancellable;
}

void
ium_main_window_end_job (IumMainWindow *self, GCancellable *cancellable)
{
  g_return_if_fail (IUM_IS_MAIN_WINDOW (self));

  for (guint i = 0; i < self->jobs->len; i++)
    if (((Job *) g_ptr_array_index (self->jobs, i))->cancellable == cancellable)
      {
        g_ptr_array_remove_index (self->jobs, i);
        break;
      }
  update_jobs (self);
}

void
ium_main_window_show_error (IumMainWindow *self, const char *title, const GError *error)
{
  g_autofree char *sentence = NULL;

  g_return_if_fail (IUM_IS_MAIN_WINDOW (self));
  g_return_if_fail (error != NULL);

  sentence = ium_error_sentence (error);
  ium_banner_show (self->banner, IUM_BANNER_ERROR, title, sentence);
  self->banner_for_load = FALSE;
}

void
ium_main_window_show_message (IumMainWindow *self, const char *title, const char *body)
{
  g_return_if_fail (IUM_IS_MAIN_WINDOW (self));

  ium_banner_show (self->banner, IUM_BANNER_INFO, title, body);
  self->banner_for_load = FALSE;
}

GtkWidget *
ium_main_window_get_token_button (IumMainWindow *self)
{
  g_return_val_if_fail (IUM_IS_MAIN_WINDOW (self), NULL);
  return self->token_button;
}

const char *
ium_main_window_get_status (IumMainWindow *self)
{
  g_return_val_if_fail (IUM_IS_MAIN_WINDOW (self), NULL);
  return gtk_label_get_label (self->status_label);
}

gboolean
ium_main_window_get_busy (IumMainWindow *self)
{
  g_return_val_if_fail (IUM_IS_MAIN_WINDOW (self), FALSE);
  return self->jobs->len > 0;
}
