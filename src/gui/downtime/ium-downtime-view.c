/* ium-downtime-view.c: the downtime schedule: windows and operating cycles.
 *
 * Two lists (GtkColumnView over rows built from the inventory on every load) and an editor
 * that slides in beside them, no dialog. The editor's state is an IumDowntimeForm; what it
 * may save is decided by ium_downtime_form_check(), and core checks it again with the rules
 * of an import. Imports, exports and edits are jobs for the service's worker thread; their
 * outcome, good or bad, is shown in the view's banner, and a removal can be undone from
 * there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-downtime-view.h"

#include "ium-downtime-row.h"
#include "ium-error-text.h"
#include "ium-inventory-file.h"
#include "ium-inventory-service-downtime.h"
#include "ium-main-window.h"

struct _IumDowntimeView
{
  GtkWidget            parent_instance;

  GtkLabel            *summary_label;
  IumBanner           *banner;
  GtkStack            *stack;
  GtkStackPage        *windows_page;
  GtkStackPage        *cycles_page;
  GtkColumnView       *windows_view;
  GtkColumnView       *cycles_view;
  GtkColumnViewColumn *w_start_column;
  GtkColumnViewColumn *w_end_column;
  GtkColumnViewColumn *w_label_column;
  GtkColumnViewColumn *w_applies_column;
  GtkColumnViewColumn *c_name_column;
  GtkColumnViewColumn *c_start_column;
  GtkRevealer         *editor_revealer;
  GtkLabel            *editor_title;
  GtkEntry            *start_entry;
  GtkLabel            *start_error;
  GtkEntry            *end_entry;
  GtkLabel            *end_error;
  GtkLabel            *label_label;
  GtkEntry            *label_entry;
  GtkLabel            *label_error;
  GtkLabel            *instruments_label;
  GtkEntry            *instruments_entry;
  GtkLabel            *instruments_error;
  GtkLabel            *freeze_label;
  GtkSwitch           *freeze_switch;
  GtkLabel            *other_error;

  IumInventoryService *service;           /* owned */
  GListStore          *windows;           /* owned, of IumDowntimeRow */
  GListStore          *cycles;            /* owned, of IumDowntimeRow */
  GtkSingleSelection  *windows_selection; /* owned */
  GtkSingleSelection  *cycles_selection;  /* owned */
  IumDowntimeForm     *form;              /* owned: the editor's, NULL when it is closed */
  gboolean             tried;             /* Save was pressed: show the form's errors as typed */
  gboolean             updating;
  GCancellable        *cancellable; /* owned */
  GtkNativeDialog     *chooser;     /* owned while a file chooser is open */
  JsonNode            *removed;     /* owned: the last removed object, for undo */
  gboolean             removed_cycle;
  guint                n_running;
};

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumDowntimeView, ium_downtime_view, GTK_TYPE_WIDGET)

/* Lists */

static gboolean
showing_cycles (IumDowntimeView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "cycles") == 0;
}

static IumDowntimeRow *
get_selected (IumDowntimeView *self)
{
  return gtk_single_selection_get_selected_item (showing_cycles (self) ? self->cycles_selection
                                                                       : self->windows_selection);
}

static void
update_actions (IumDowntimeView *self)
{
  gboolean loaded = ium_inventory_service_get_inventory (self->service) != NULL;
  gboolean selected = get_selected (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downtime.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downtime.remove", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downtime.add-window", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downtime.add-cycle", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downtime.import",
                                 loaded && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downtime.export",
                                 loaded && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downtime.save-edit",
                                 self->form != NULL && self->n_running == 0);
}

static void
select_key (GtkSingleSelection *selection, const char *key)
{
  GListModel *model = G_LIST_MODEL (selection);

  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (IumDowntimeRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (ium_downtime_row_get_key (row), key) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
}

static char *
dup_selected_key (GtkSingleSelection *selection)
{
  IumDowntimeRow *row = gtk_single_selection_get_selected_item (selection);

  return row ? g_strdup (ium_downtime_row_get_key (row)) : NULL;
}

static void
replace_rows (GListStore *store, GPtrArray *rows)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), rows->pdata,
                       rows->len);
}

static void
service_loaded_cb (IumDowntimeView *self)
{
  IumInventory    *inventory = ium_inventory_service_get_inventory (self->service);
  g_autofree char *window_key = dup_selected_key (self->windows_selection);
  g_autofree char *cycle_key = dup_selected_key (self->cycles_selection);
  g_autoptr (GPtrArray) windows = NULL;
  g_autoptr (GPtrArray) cycles = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *windows_title = NULL;
  g_autofree char *cycles_title = NULL;

  if (inventory == NULL)
    return;
  windows = ium_downtime_rows_build (inventory, FALSE);
  cycles = ium_downtime_rows_build (inventory, TRUE);
  replace_rows (self->windows, windows);
  replace_rows (self->cycles, cycles);
  select_key (self->windows_selection, window_key);
  select_key (self->cycles_selection, cycle_key);

  windows_title = g_strdup_printf (_ ("_Windows (%u)"), windows->len);
  cycles_title = g_strdup_printf (_ ("_Cycles (%u)"), cycles->len);
  gtk_stack_page_set_title (self->windows_page, windows_title);
  gtk_stack_page_set_title (self->cycles_page, cycles_title);
  summary = g_strdup_printf (_ ("Times in UTC"));
  gtk_label_set_label (self->summary_label, summary);
  update_actions (self);
}

static GtkSorter *
property_sorter (const char *property, gboolean numeric)
{
  GtkExpression *expression = gtk_property_expression_new (IUM_TYPE_DOWNTIME_ROW, NULL, property);

  if (numeric)
    return GTK_SORTER (gtk_numeric_sorter_new (expression));
  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static GtkSingleSelection *
setup_list (IumDowntimeView *self, GtkColumnView *view, GListStore *store)
{
  GtkSortListModel *sorted = gtk_sort_list_model_new (
    g_object_ref (G_LIST_MODEL (store)), g_object_ref (gtk_column_view_get_sorter (view)));
  GtkSingleSelection *selection = gtk_single_selection_new (G_LIST_MODEL (sorted));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect_object (selection, "selection-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  return selection;
}

static void
setup_sorters (IumDowntimeView *self)
{
  struct
  {
    GtkColumnViewColumn *column;
    const char          *property;
    gboolean             numeric;
  } sorters[] = {
    { self->w_start_column, "start-time", TRUE }, { self->w_end_column, "end", FALSE },
    { self->w_label_column, "label", FALSE },     { self->w_applies_column, "applies", FALSE },
    { self->c_name_column, "label", FALSE },      { self->c_start_column, "start-time", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorters); i++)
    {
      g_autoptr (GtkSorter) sorter = property_sorter (sorters[i].property, sorters[i].numeric);
      gtk_column_view_column_set_sorter (sorters[i].column, sorter);
    }
}

static void
page_changed_cb (IumDowntimeView *self)
{
  update_actions (self);
}

/* Long work in the window's progress bar, when there is a window. */
static GCancellable *
begin_work (IumDowntimeView *self, const char *label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->n_running++;
  update_actions (self);
  if (label != NULL && IUM_IS_MAIN_WINDOW (root))
    return ium_main_window_begin_job (IUM_MAIN_WINDOW (root), label);
  return NULL;
}

static void
end_work (IumDowntimeView *self, GCancellable *job)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->n_running > 0)
    self->n_running--;
  if (job != NULL && IUM_IS_MAIN_WINDOW (root))
    ium_main_window_end_job (IUM_MAIN_WINDOW (root), job);
  update_actions (self);
}

/* The editor */

static void
show_error (GtkLabel *label, const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
show_check (IumDowntimeView *self, IumDowntimeFormCheck *check)
{
  show_error (self->start_error, check ? check->start_error : NULL);
  show_error (self->end_error, check ? check->end_error : NULL);
  show_error (self->label_error, check ? check->label_error : NULL);
  show_error (self->instruments_error, check ? check->instruments_error : NULL);
  show_error (self->other_error, check ? check->other_error : NULL);
}

static void
close_editor (IumDowntimeView *self)
{
  g_clear_pointer (&self->form, ium_downtime_form_free);
  gtk_revealer_set_reveal_child (self->editor_revealer, FALSE);
  show_check (self, NULL);
  update_actions (self);
}

static void
open_editor (IumDowntimeView *self, IumDowntimeForm *form)
{
  gboolean window = form->kind == IUM_DOWNTIME_FORM_WINDOW;

  ium_downtime_form_free (self->form);
  self->form = form;
  self->tried = FALSE;

  gtk_label_set_label (self->editor_title,
                       window
                         ? (form->original ? _ ("Edit the Window") : _ ("New Downtime Window"))
                         : (form->original ? _ ("Edit the Cycle") : _ ("New Operating Cycle")));
  gtk_label_set_text_with_mnemonic (self->label_label, window ? _ ("_Label") : _ ("_Name"));
  gtk_widget_set_visible (GTK_WIDGET (self->instruments_label), window);
  gtk_widget_set_visible (GTK_WIDGET (self->instruments_entry), window);
  gtk_widget_set_visible (GTK_WIDGET (self->freeze_label), !window);
  gtk_widget_set_visible (GTK_WIDGET (self->freeze_switch), !window);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry), form->start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_entry), form->end);
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), form->label);
  gtk_editable_set_text (GTK_EDITABLE (self->instruments_entry), form->instruments);
  gtk_switch_set_active (self->freeze_switch, form->freeze);
  self->updating = FALSE;

  show_check (self, NULL);
  gtk_revealer_set_reveal_child (self->editor_revealer, TRUE);
  gtk_stack_set_visible_child_name (self->stack, window ? "windows" : "cycles");
  gtk_widget_grab_focus (GTK_WIDGET (form->original ? self->start_entry : self->label_entry));
  update_actions (self);
}

static void
read_editor (IumDowntimeView *self)
{
  g_free (self->form->start);
  self->form->start = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->start_entry)));
  g_free (self->form->end);
  self->form->end = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->end_entry)));
  g_free (self->form->label);
  self->form->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_entry)));
  g_free (self->form->instruments);
  self->form->instruments =
    g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->instruments_entry)));
  self->form->freeze = gtk_switch_get_active (self->freeze_switch);
}

static void
editor_changed_cb (IumDowntimeView *self)
{
  g_autoptr (IumDowntimeFormCheck) check = NULL;

  if (self->updating || self->form == NULL)
    return;
  read_editor (self);
  /* Errors show once Save was pressed, then follow the typing. */
  if (!self->tried)
    return;
  check = ium_downtime_form_check (self->form, ium_inventory_service_get_inventory (self->service));
  show_check (self, check);
}

typedef struct
{
  IumDowntimeView *view; /* owned */
  char            *key;  /* owned: to select once saved */
  gboolean         cycle;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->view);
  g_free (data->key);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
save_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SaveData) data = user_data;
  IumDowntimeView *self = data->view;
  g_autoptr (GError) error = NULL;

  end_work (self, NULL);
  if (ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (source), result, &error))
    {
      close_editor (self);
      select_key (data->cycle ? self->cycles_selection : self->windows_selection, data->key);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form == NULL)
    return;
  {
    g_autoptr (IumDowntimeFormCheck) check = g_new0 (IumDowntimeFormCheck, 1);

    ium_downtime_form_check_add_error (check, error);
    show_check (self, check);
  }
}

static void
save_edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (widget);
  g_autoptr (IumDowntimeFormCheck) check = NULL;
  SaveData   *data;
  JsonObject *object;

  if (self->form == NULL || self->n_running > 0)
    return;
  read_editor (self);
  self->tried = TRUE;
  check = ium_downtime_form_check (self->form, ium_inventory_service_get_inventory (self->service));
  show_check (self, check);
  if (check->object == NULL)
    return;

  data = g_new0 (SaveData, 1);
  data->view = g_object_ref (self);
  data->cycle = self->form->kind == IUM_DOWNTIME_FORM_CYCLE;
  object = json_node_get_object (check->object);
  if (data->cycle)
    data->key = g_strdup (json_object_get_string_member (object, "name"));
  else
    {
      g_autoptr (GDateTime) start =
        ium_downtime_parse_time (json_object_get_string_member (object, "start"), NULL);
      g_autoptr (GDateTime) end =
        ium_downtime_parse_time (json_object_get_string_member (object, "end"), NULL);
      g_autoptr (IumWindow) window =
        ium_window_new (start, end, json_object_get_string_member (object, "label"));
      data->key = ium_window_dup_key (window);
    }

  begin_work (self, NULL);
  if (data->cycle)
    ium_inventory_service_put_cycle_async (self->service, self->form->original, check->object,
                                           self->cancellable, save_done_cb, data);
  else
    ium_inventory_service_put_window_async (self->service, self->form->original, check->object,
                                            self->cancellable, save_done_cb, data);
}

static void
cancel_edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  close_editor (IUM_DOWNTIME_VIEW (widget));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (widget);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  open_editor (self, ium_downtime_form_new (g_str_equal (action_name, "downtime.add-cycle")
                                              ? IUM_DOWNTIME_FORM_CYCLE
                                              : IUM_DOWNTIME_FORM_WINDOW,
                                            now));
}

static void
edit_selected (IumDowntimeView *self)
{
  IumDowntimeRow *row = get_selected (self);
  GObject        *object;

  if (row == NULL)
    return;
  object = ium_downtime_row_get_object (row);
  open_editor (self, IUM_IS_CYCLE (object)
                       ? ium_downtime_form_new_from_cycle (IUM_CYCLE (object))
                       : ium_downtime_form_new_from_window (IUM_WINDOW (object)));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  edit_selected (IUM_DOWNTIME_VIEW (widget));
}

static void
row_activated_cb (IumDowntimeView *self, guint position)
{
  edit_selected (self);
}

/* Removing, and undoing it */

static void
remove_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumDowntimeView) self = user_data;
  g_autoptr (GError) error = NULL;

  end_work (self, NULL);
  if (!ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (source), result, &error))
    {
      g_autofree char *sentence = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      sentence = ium_error_sentence (error);
      ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("Nothing was removed"), sentence);
      g_clear_pointer (&self->removed, json_node_unref);
      return;
    }
  ium_banner_show (self->banner, IUM_BANNER_INFO,
                   self->removed_cycle ? _ ("The cycle was removed") : _ ("The window was removed"),
                   _ ("The audit log keeps what it was."));
  ium_banner_set_action (self->banner, _ ("_Undo"), "downtime.undo-remove");
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (widget);
  IumDowntimeRow  *row = get_selected (self);
  GObject         *object;

  if (row == NULL)
    return;
  object = ium_downtime_row_get_object (row);
  g_clear_pointer (&self->removed, json_node_unref);
  self->removed_cycle = IUM_IS_CYCLE (object);
  begin_work (self, NULL);
  if (self->removed_cycle)
    {
      self->removed = ium_cycle_to_json (IUM_CYCLE (object));
      ium_inventory_service_remove_cycle_async (self->service, ium_downtime_row_get_key (row),
                                                self->cancellable, remove_done_cb,
                                                g_object_ref (self));
    }
  else
    {
      self->removed = ium_window_to_json (IUM_WINDOW (object));
      ium_inventory_service_remove_window_async (self->service, ium_downtime_row_get_key (row),
                                                 self->cancellable, remove_done_cb,
                                                 g_object_ref (self));
    }
}

static void
undo_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumDowntimeView) self = user_data;
  g_autoptr (GError) error = NULL;

  end_work (self, NULL);
  if (ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (source), result, &error))
    {
      ium_banner_dismiss (self->banner);
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *sentence = ium_error_sentence (error);
      ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("The removal was not undone"), sentence);
    }
}

static void
undo_remove_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (widget);
  g_autoptr (JsonNode) removed = g_steal_pointer (&self->removed);

  if (removed == NULL)
    return;
  begin_work (self, NULL);
  if (self->removed_cycle)
    ium_inventory_service_put_cycle_async (self->service, NULL, removed, self->cancellable,
                                           undo_done_cb, g_object_ref (self));
  else
    ium_inventory_service_put_window_async (self->service, NULL, removed, self->cancellable,
                                            undo_done_cb, g_object_ref (self));
}

/* Calendar files */

typedef struct
{
  IumDowntimeView *view; /* owned */
  GFile           *file; /* owned */
  GCancellable    *job;  /* borrowed from the window */
} FileData;

static void
file_data_free (FileData *data)
{
  g_object_unref (data->view);
  g_object_unref (data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileData, file_data_free)

static char *
dup_file_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path ? g_filename_display_basename (path) : g_file_get_uri (file);
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FileData) data = user_data;
  IumDowntimeView *self = data->view;
  g_autoptr (GError) error = NULL;
  g_autoptr (IumCalendarImport) import = NULL;
  g_autofree char *name = dup_file_name (data->file);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  end_work (self, data->job);
  import =
    ium_inventory_service_import_calendar_finish (IUM_INVENTORY_SERVICE (source), result, &error);
  if (import == NULL)
    {
      g_autofree char *sentence = ium_error_sentence (error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          ium_banner_show (self->banner, IUM_BANNER_INFO, _ ("The import was cancelled"),
                           _ ("Nothing was imported."));
          return;
        }
      title = g_strdup_printf (_ ("%s was not imported"), name);
      if (g_error_matches (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND))
        body = g_strdup_printf (_ ("%s The file names an instrument this inventory does not "
                                   "have. Nothing was imported."),
                                sentence);
      else
        body = g_strdup_printf (_ ("%s Nothing was imported: correct the file, then import it "
                                   "again."),
                                sentence);
      ium_banner_show (self->banner, IUM_BANNER_ERROR, title, body);
      return;
    }

  {
    g_autofree char *horizon = g_date_time_format (import->horizon, "%Y-%m-%d");
    guint            unchanged =
      import->n_windows - MIN (import->n_windows, import->changes.added + import->changes.changed);

    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u window from %s",
                                          "Imported %u windows from %s", import->n_windows),
                             import->n_windows, name);
    /* Translators: after an import: new windows, changed ones, ones already there, and how
     * far repeating events were expanded. */
    body = g_strdup_printf (_ ("%u new, %u changed, %u already there. Repeating events are "
                               "expanded up to %s."),
                            import->changes.added, import->changes.changed, unchanged, horizon);
  }
  ium_banner_show (self->banner, IUM_BANNER_INFO, title, body);
  gtk_stack_set_visible_child_name (self->stack, "windows");
}

void
ium_downtime_view_import_file (IumDowntimeView *self, GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  FileData        *data;

  g_return_if_fail (IUM_IS_DOWNTIME_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = dup_file_name (file);
  label = g_strdup_printf (_ ("Importing %s…"), name);
  data = g_new0 (FileData, 1);
  data->view = g_object_ref (self);
  data->file = g_object_ref (file);
  data->job = begin_work (self, label);
  ium_banner_dismiss (self->banner);
  ium_inventory_service_import_calendar_async (
    self->service, file, data->job ? data->job : self->cancellable, import_done_cb, data);
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FileData) data = user_data;
  IumDowntimeView *self = data->view;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = dup_file_name (data->file);
  g_autofree char *title = NULL;

  end_work (self, data->job);
  if (!ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (source), result, &error))
    {
      g_autofree char *sentence = ium_error_sentence (error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_ ("%s was not written"), name);
      ium_banner_show (self->banner, IUM_BANNER_ERROR, title, sentence);
      return;
    }
  title = g_strdup_printf (_ ("Wrote the downtime schedule to %s"), name);
  ium_banner_show (self->banner, IUM_BANNER_INFO, title,
                   _ ("Calendar applications can import it or subscribe to it. Importing it "
                      "here again brings back the windows, not the cycles."));
}

void
ium_downtime_view_export_file (IumDowntimeView *self, GFile *file)
{
  FileData *data;

  g_return_if_fail (IUM_IS_DOWNTIME_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (FileData, 1);
  data->view = g_object_ref (self);
  data->file = g_object_ref (file);
  data->job = begin_work (self, NULL);
  ium_banner_dismiss (self->banner);
  ium_inventory_service_export_calendar_async (self->service, file, self->cancellable,
                                               export_done_cb, data);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, IumDowntimeView *self)
{
  gboolean saving =
    gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  update_actions (self);
  if (file == NULL)
    return;
  if (saving)
    ium_downtime_view_export_file (self, file);
  else
    ium_downtime_view_import_file (self, file);
}

static void
choose_file (IumDowntimeView *self, GtkFileChooserAction action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (
    action == GTK_FILE_CHOOSER_ACTION_SAVE ? _ ("Export the Downtime Schedule")
                                           : _ ("Import Downtime Windows"),
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
    action == GTK_FILE_CHOOSER_ACTION_SAVE ? _ ("_Export") : _ ("_Import"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("iCalendar files"));
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "downtime.ics");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  update_actions (self);
  gtk_native_dialog_show (self->chooser);
}

static void
file_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_file (IUM_DOWNTIME_VIEW (widget), g_str_equal (action_name, "downtime.export")
                                             ? GTK_FILE_CHOOSER_ACTION_SAVE
                                             : GTK_FILE_CHOOSER_ACTION_OPEN);
}

/* GObject */

static void
ium_downtime_view_constructed (GObject *object)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (object);

  G_OBJECT_CLASS (ium_downtime_view_parent_class)->constructed (object);

  g_return_if_fail (self->service != NULL);
  g_signal_connect_object (self->service, "loaded", G_CALLBACK (service_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  service_loaded_cb (self);
  update_actions (self);
}

static void
ium_downtime_view_dispose (GObject *object)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (object);
  GtkWidget       *child;

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->windows_view != NULL)
    gtk_column_view_set_model (self->windows_view, NULL);
  if (self->cycles_view != NULL)
    gtk_column_view_set_model (self->cycles_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_DOWNTIME_VIEW);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->windows_selection);
  g_clear_object (&self->cycles_selection);
  g_clear_object (&self->windows);
  g_clear_object (&self->cycles);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_downtime_view_parent_class)->dispose (object);
}

static void
ium_downtime_view_finalize (GObject *object)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (object);

  ium_downtime_form_free (self->form);
  g_clear_pointer (&self->removed, json_node_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ium_downtime_view_parent_class)->finalize (object);
}

static void
ium_downtime_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_downtime_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  IumDowntimeView *self = IUM_DOWNTIME_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_downtime_view_class_init (IumDowntimeViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ium_downtime_view_constructed;
  object_class->dispose = ium_downtime_view_dispose;
  object_class->finalize = ium_downtime_view_finalize;
  object_class->get_property = ium_downtime_view_get_property;
  object_class->set_property = ium_downtime_view_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IUM_TYPE_BANNER);
  g_type_ensure (IUM_TYPE_DOWNTIME_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "downtime/ium-downtime-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, IumDowntimeView, name)
  BIND (summary_label);
  BIND (banner);
  BIND (stack);
  BIND (windows_page);
  BIND (cycles_page);
  BIND (windows_view);
  BIND (cycles_view);
  BIND (w_start_column);
  BIND (w_end_column);
  BIND (w_label_column);
  BIND (w_applies_column);
  BIND (c_name_column);
  BIND (c_start_column);
  BIND (editor_revealer);
  BIND (editor_title);
  BIND (start_entry);
  BIND (start_error);
  BIND (end_entry);
  BIND (end_error);
  BIND (label_label);
  BIND (label_entry);
  BIND (label_error);
  BIND (instruments_label);
  BIND (instruments_entry);
  BIND (instruments_error);
  BIND (freeze_label);
  BIND (freeze_switch);
  BIND (other_error);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);

  gtk_widget_class_install_action (widget_class, "downtime.add-window", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "downtime.add-cycle", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "downtime.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "downtime.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "downtime.undo-remove", NULL, undo_remove_action);
  gtk_widget_class_install_action (widget_class, "downtime.import", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "downtime.export", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "downtime.save-edit", NULL, save_edit_action);
  gtk_widget_class_install_action (widget_class, "downtime.cancel-edit", NULL, cancel_edit_action);

  /* Ctrl+N, Ctrl+I and Ctrl+E belong to the window (new inventory, import, export). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "downtime.add-window", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "downtime.add-cycle", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "downtime.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "downtime.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "downtime.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "downtime.cancel-edit",
                                       NULL);
}

static void
ium_downtime_view_init (IumDowntimeView *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_sorters (self);
  self->windows = g_list_store_new (IUM_TYPE_DOWNTIME_ROW);
  self->cycles = g_list_store_new (IUM_TYPE_DOWNTIME_ROW);
  self->windows_selection = setup_list (self, self->windows_view, self->windows);
  self->cycles_selection = setup_list (self, self->cycles_view, self->cycles);
}

/* Public API */

GtkWidget *
ium_downtime_view_new (IumInventoryService *service)
{
  return g_object_new (IUM_TYPE_DOWNTIME_VIEW, "service", service, NULL);
}

GListModel *
ium_downtime_view_get_windows (IumDowntimeView *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_VIEW (self), NULL);
  return G_LIST_MODEL (self->windows);
}

GListModel *
ium_downtime_view_get_cycles (IumDowntimeView *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_VIEW (self), NULL);
  return G_LIST_MODEL (self->cycles);
}

IumBanner *
ium_downtime_view_get_banner (IumDowntimeView *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_VIEW (self), NULL);
  return self->banner;
}

gboolean
ium_downtime_view_get_busy (IumDowntimeView *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_VIEW (self), FALSE);
  return self->n_running > 0;
}

const IumDowntimeForm *
ium_downtime_view_get_editing (IumDowntimeView *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_VIEW (self), NULL);
  return self->form;
}
