/* ium-compat-view.c: the compatibility matrix.
 *
 * A GtkColumnView: a row per client version, a column per server version, so the header
 * with the server versions stays in view while the rows scroll, and only the visible cells
 * exist. The matrix is read and computed on the service's worker (the check log is in the
 * database) from the fleet the window shows; every cell is core's client check.
 *
 * Versions entered here are kept for the session, per client component.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-compat-view.h"

#include "ium-error-text.h"
#include "ium-inventory-service-compat.h"

struct _IumCompatView
{
  GtkWidget            parent_instance;

  GtkDropDown         *client_dropdown;
  GtkStringList       *client_names;
  GtkEntry            *version_entry;
  GtkSpinner          *spinner;
  GtkDropDown         *since_dropdown;
  IumBanner           *banner;
  GtkLabel            *rule_label;
  GtkStack            *stack;
  GtkColumnView       *matrix_view;
  GtkColumnViewColumn *version_column;
  GtkLabel            *empty_label;
  GtkLabel            *legend_label;

  IumInventoryService *service;     /* owned */
  GPtrArray           *clients;     /* owned: ids and names, in pairs */
  GHashTable          *entered;     /* owned: client id -> GPtrArray of versions */
  IumCompatMatrix     *matrix;      /* owned: the one shown */
  GListStore          *rows;        /* owned, of IumCompatRow */
  GPtrArray           *columns;     /* owned, of GtkColumnViewColumn: the server versions */
  GCancellable        *cancellable; /* owned: the matrix being computed */
  guint                n_updates;
  gboolean             updating;
  gboolean             refresh_pending; /* the matrix waits for the view to be shown */
};

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumCompatView, ium_compat_view, GTK_TYPE_WIDGET)

static void refresh (IumCompatView *self);

static const char *
get_client (IumCompatView *self)
{
  guint selected = gtk_drop_down_get_selected (self->client_dropdown);

  if (self->clients == NULL || selected == GTK_INVALID_LIST_POSITION
      || 2 * selected >= self->clients->len)
    return NULL;
  return g_ptr_array_index (self->clients, 2 * selected);
}

static GPtrArray *
get_entered (IumCompatView *self, const char *client)
{
  GPtrArray *versions = g_hash_table_lookup (self->entered, client);

  if (versions == NULL)
    {
      versions = g_ptr_array_new_null_terminated (4, g_free, TRUE);
      g_hash_table_insert (self->entered, g_strdup (client), versions);
    }
  return versions;
}

/* Cells */

static void
cell_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, IumCompatView *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "verdict");
  gtk_widget_set_has_tooltip (label, TRUE);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, IumCompatView *self)
{
  guint         column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "ium-column"));
  IumCompatRow *row = gtk_list_item_get_item (item);
  GtkWidget    *label = gtk_list_item_get_child (item);
  const IumCompatCell *cell;
  g_autofree char     *tooltip = NULL;

  if (self->matrix == NULL || column >= ium_compat_row_get_n_cells (row))
    return;
  cell = ium_compat_row_get_cell (row, column);
  for (guint s = 0; s < IUM_N_VERDICTS; s++)
    gtk_widget_remove_css_class (label, ium_verdict_status_to_css (s));
  gtk_widget_add_css_class (label, ium_verdict_status_to_css (cell->status));
  if (cell->counts[cell->status]
      < ((IumCompatColumn *) g_ptr_array_index (self->matrix->columns, column))->instruments->len)
    {
      /* Not every instrument of this server version gets the same verdict. */
      g_autofree char *text =
        g_strdup_printf (_ ("%s *"), ium_verdict_status_to_label (cell->status));
      gtk_label_set_label (GTK_LABEL (label), text);
    }
  else
    gtk_label_set_label (GTK_LABEL (label), ium_verdict_status_to_label (cell->status));
  tooltip = ium_compat_cell_dup_tooltip (self->matrix, row, column);
  gtk_widget_set_tooltip_markup (label, tooltip);
  g_object_set_data (G_OBJECT (label), "ium-row", row);
  g_object_set_data (G_OBJECT (label), "ium-column", GUINT_TO_POINTER (column));
}

static void
remove_columns (IumCompatView *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    gtk_column_view_remove_column (self->matrix_view, g_ptr_array_index (self->columns, i));
  g_ptr_array_set_size (self->columns, 0);
}

static void
add_columns (IumCompatView *self)
{
  for (guint i = 0; i < self->matrix->columns->len; i++)
    {
      IumCompatColumn *column = g_ptr_array_index (self->matrix->columns, i);
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autofree char     *title = NULL;
      GtkColumnViewColumn *view_column;

      g_object_set_data (G_OBJECT (factory), "ium-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
      /* Translators: a column of the matrix: a server version and how many instruments run
       * it. */
      title = g_strdup_printf (_ ("%s (%u)"), column->version, column->instruments->len);
      view_column = gtk_column_view_column_new (title, g_object_ref (factory));
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_append_column (self->matrix_view, view_column);
      g_ptr_array_add (self->columns, view_column);
    }
}

static void
show_matrix (IumCompatView *self, IumCompatMatrix *matrix)
{
  g_autofree char *rule = NULL;
  g_autofree char *client = NULL;
  g_autofree char *server = NULL;

  remove_columns (self);
  g_list_store_remove_all (self->rows);
  ium_compat_matrix_free (self->matrix);
  self->matrix = matrix;
  add_columns (self);
  g_list_store_splice (self->rows, 0, 0, matrix->rows->pdata, matrix->rows->len);

  client = g_markup_escape_text (matrix->client_name, -1);
  server = g_markup_escape_text (matrix->server_name, -1);
  /* Translators: above the matrix: the rule, and where the rows and columns come from. */
  rule = g_strdup_printf (_ ("<b>%s</b> against <b>%s</b>, policy <b>%s</b>. Rows: the "
                             "versions clients connected with, and those entered above. Columns: "
                             "the server versions the instruments run, and how many run each. "
                             "Each cell is what <tt>ium check</tt> answers; * marks a server "
                             "version whose instruments do not all get the same answer (a pin "
                             "changes the recommended version)."),
                          client, server, matrix->policy);
  if (matrix->n_no_server > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            " %u instrument has no %s and is "
                                                            "left out.",
                                                            " %u instruments have no %s and "
                                                            "are left out.",
                                                            matrix->n_no_server),
                                               matrix->n_no_server, server);
      g_autofree char *joined = g_strconcat (rule, more, NULL);
      g_free (rule);
      rule = g_steal_pointer (&joined);
    }
  gtk_label_set_markup (self->rule_label, rule);

  if (matrix->rows->len == 0)
    {
      g_autofree char *empty = g_strdup_printf (_ ("No client has checked a %s version in this "
                                                   "period. Choose a longer period, or enter a "
                                                   "version above to see how it would fare on "
                                                   "each server version."),
                                                matrix->client_name);
      gtk_label_set_label (self->empty_label, empty);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "matrix");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compat.clear-versions",
                                 get_entered (self, matrix->client)->len > 0);
}

/* Computing */

static GDateTime *
dup_since (IumCompatView *self)
{
  static const int days[] = { 7, 30, 90 };
  guint            selected = gtk_drop_down_get_selected (self->since_dropdown);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  if (selected >= G_N_ELEMENTS (days))
    return NULL;
  return g_date_time_add_days (now, -days[selected]);
}

static void
matrix_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumCompatView) self = user_data;
  g_autoptr (GError) error = NULL;
  IumCompatMatrix *matrix;

  matrix =
    ium_inventory_service_compat_matrix_finish (IUM_INVENTORY_SERVICE (source), result, &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable || self->service == NULL)
    {
      ium_compat_matrix_free (matrix);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (matrix == NULL)
    {
      g_autofree char *sentence = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      sentence = ium_error_sentence (error);
      ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("The matrix cannot be shown"), sentence);
      return;
    }
  show_matrix (self, matrix);
  self->n_updates++;
}

static void
refresh (IumCompatView *self)
{
  const char *client = get_client (self);
  g_autoptr (GDateTime) since = NULL;

  if (client == NULL || ium_inventory_service_get_fleet (self->service) == NULL)
    return;
  /* The matrix checks every instrument for every row: only for a view someone looks at. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->refresh_pending = TRUE;
      return;
    }
  self->refresh_pending = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  since = dup_since (self);
  gtk_spinner_start (self->spinner);
  ium_inventory_service_compat_matrix_async (
    self->service, client, since, (const char *const *) get_entered (self, client)->pdata,
    self->cancellable, matrix_done_cb, g_object_ref (self));
}

static void
update_clients (IumCompatView *self)
{
  IumInventory    *inventory = ium_inventory_service_get_inventory (self->service);
  g_autofree char *current = g_strdup (get_client (self));
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  g_clear_pointer (&self->clients, g_ptr_array_unref);
  self->clients =
    inventory ? ium_compat_list_clients (inventory) : g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i + 1 < self->clients->len; i += 2)
    {
      if (g_strcmp0 (g_ptr_array_index (self->clients, i), current) == 0)
        selected = i / 2;
      g_ptr_array_add (names, g_ptr_array_index (self->clients, i + 1));
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->client_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->client_names)),
                          (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->client_dropdown, selected);
  self->updating = FALSE;
}

static void
service_loaded_cb (IumCompatView *self)
{
  update_clients (self);
  if (self->clients->len == 0)
    {
      gtk_label_set_label (self->empty_label,
                           _ ("This inventory has no compatibility rule, so there is nothing to "
                              "compare. Rules come with the inventory file."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_label (self->rule_label, "");
      return;
    }
  refresh (self);
}

static void
client_selected_cb (IumCompatView *self)
{
  if (!self->updating)
    refresh (self);
}

static void
since_selected_cb (IumCompatView *self)
{
  refresh (self);
}

static void
version_changed_cb (IumCompatView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->version_entry), "error");
}

static void
version_activate_cb (IumCompatView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "compat.add-version", NULL);
}

/* Actions */

static void
add_version_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumCompatView   *self = IUM_COMPAT_VIEW (widget);
  g_autofree char *text =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->version_entry))));

  if (*text == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->version_entry));
      return;
    }
  if (ium_compat_view_add_version (self, text))
    gtk_editable_set_text (GTK_EDITABLE (self->version_entry), "");
}

static void
clear_versions_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumCompatView *self = IUM_COMPAT_VIEW (widget);
  const char    *client = get_client (self);

  if (client == NULL)
    return;
  g_ptr_array_set_size (get_entered (self, client), 0);
  refresh (self);
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  refresh (IUM_COMPAT_VIEW (widget));
}

static void
build_legend (IumCompatView *self)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->legend_label));
  GtkWidget *legend = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* The legend is made of the same pills as the cells, so the colours cannot disagree. */
  for (guint s = 0; s < IUM_N_VERDICTS; s++)
    {
      GtkWidget *pill = gtk_label_new (ium_verdict_status_to_label (s));

      gtk_widget_add_css_class (pill, "verdict");
      gtk_widget_add_css_class (pill, ium_verdict_status_to_css (s));
      gtk_box_append (GTK_BOX (legend), pill);
    }
  gtk_widget_set_margin_start (legend, 12);
  gtk_widget_set_margin_top (legend, 6);
  gtk_box_insert_child_after (GTK_BOX (box), legend, GTK_WIDGET (self->stack));
  gtk_label_set_label (self->legend_label,
                       _ ("OK: connect silently. Update available: connect, and offer the "
                          "recommended version. Client newer: connect, and warn. Incompatible: "
                          "refuse until updated. Hover over a cell for the rule and the message "
                          "a client would see."));
}

/* GObject */

static void
ium_compat_view_constructed (GObject *object)
{
  IumCompatView *self = IUM_COMPAT_VIEW (object);

  G_OBJECT_CLASS (ium_compat_view_parent_class)->constructed (object);

  g_return_if_fail (self->service != NULL);
  g_signal_connect_object (self->service, "loaded", G_CALLBACK (service_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  if (ium_inventory_service_get_inventory (self->service) != NULL)
    service_loaded_cb (self);
}

static void
ium_compat_view_map (GtkWidget *widget)
{
  IumCompatView *self = IUM_COMPAT_VIEW (widget);

  GTK_WIDGET_CLASS (ium_compat_view_parent_class)->map (widget);
  if (self->refresh_pending)
    refresh (self);
}

static void
ium_compat_view_dispose (GObject *object)
{
  IumCompatView *self = IUM_COMPAT_VIEW (object);
  GtkWidget     *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->matrix_view != NULL)
    gtk_column_view_set_model (self->matrix_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_COMPAT_VIEW);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->rows);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_compat_view_parent_class)->dispose (object);
}

static void
ium_compat_view_finalize (GObject *object)
{
  IumCompatView *self = IUM_COMPAT_VIEW (object);

  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->entered, g_hash_table_unref);
  ium_compat_matrix_free (self->matrix);

  G_OBJECT_CLASS (ium_compat_view_parent_class)->finalize (object);
}

static void
ium_compat_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumCompatView *self = IUM_COMPAT_VIEW (object);

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
ium_compat_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IumCompatView *self = IUM_COMPAT_VIEW (object);

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
ium_compat_view_class_init (IumCompatViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ium_compat_view_constructed;
  object_class->dispose = ium_compat_view_dispose;
  object_class->finalize = ium_compat_view_finalize;
  object_class->get_property = ium_compat_view_get_property;
  object_class->set_property = ium_compat_view_set_property;
  widget_class->map = ium_compat_view_map;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IUM_TYPE_BANNER);
  g_type_ensure (IUM_TYPE_COMPAT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "compat/ium-compat-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, IumCompatView, name)
  BIND (client_dropdown);
  BIND (client_names);
  BIND (version_entry);
  BIND (spinner);
  BIND (since_dropdown);
  BIND (banner);
  BIND (rule_label);
  BIND (stack);
  BIND (matrix_view);
  BIND (version_column);
  BIND (empty_label);
  BIND (legend_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, client_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, since_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_activate_cb);

  gtk_widget_class_install_action (widget_class, "compat.add-version", NULL, add_version_action);
  gtk_widget_class_install_action (widget_class, "compat.clear-versions", NULL,
                                   clear_versions_action);
  gtk_widget_class_install_action (widget_class, "compat.refresh", NULL, refresh_action);
}

static void
ium_compat_view_init (IumCompatView *self)
{
  GtkNoSelection *selection;

  self->entered =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (IUM_TYPE_COMPAT_ROW);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->matrix_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compat.clear-versions", FALSE);
  build_legend (self);
}

/* Public API */

GtkWidget *
ium_compat_view_new (IumInventoryService *service)
{
  return g_object_new (IUM_TYPE_COMPAT_VIEW, "service", service, NULL);
}

gboolean
ium_compat_view_add_version (IumCompatView *self, const char *version)
{
  IumInventory *inventory;
  const char   *client;
  g_autoptr (GError) error = NULL;
  GPtrArray *versions;

  g_return_val_if_fail (IUM_IS_COMPAT_VIEW (self), FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  inventory = ium_inventory_service_get_inventory (self->service);
  client = get_client (self);
  if (inventory == NULL || client == NULL)
    return FALSE;
  if (!ium_compat_check_version (inventory, client, version, &error))
    {
      g_autofree char *sentence = ium_error_sentence (error);
      g_autofree char *title = g_strdup_printf (_ ("%s is not a version of %s"), version, client);

      gtk_widget_add_css_class (GTK_WIDGET (self->version_entry), "error");
      ium_banner_show (self->banner, IUM_BANNER_ERROR, title, sentence);
      return FALSE;
    }
  ium_banner_dismiss (self->banner);
  versions = get_entered (self, client);
  for (guint i = 0; i < versions->len; i++)
    if (g_str_equal (g_ptr_array_index (versions, i), version))
      return TRUE;
  g_ptr_array_add (versions, g_strdup (version));
  refresh (self);
  return TRUE;
}

const IumCompatMatrix *
ium_compat_view_get_matrix (IumCompatView *self)
{
  g_return_val_if_fail (IUM_IS_COMPAT_VIEW (self), NULL);
  return self->matrix;
}

guint
ium_compat_view_get_n_updates (IumCompatView *self)
{
  g_return_val_if_fail (IUM_IS_COMPAT_VIEW (self), 0);
  return self->n_updates;
}

/* Depth-first through @widget for the label bound to (@row, @column). */
static GtkWidget *
find_cell (GtkWidget *widget, IumCompatRow *row, guint column)
{
  if (GTK_IS_LABEL (widget) && g_object_get_data (G_OBJECT (widget), "ium-row") == row
      && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "ium-column")) == column)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, row, column);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ium_compat_view_get_cell_widget (IumCompatView *self, guint row, guint column)
{
  g_autoptr (IumCompatRow) item = NULL;

  g_return_val_if_fail (IUM_IS_COMPAT_VIEW (self), NULL);

  if (row >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  return find_cell (GTK_WIDGET (self->matrix_view), item, column);
}
