/* ium-audit-view.c: the audit log, filterable by instrument, person and date.
 *
 * The log can be long (an import of 10,000 instruments writes 10,000 entries), so it is read
 * and turned into rows on the store worker, and only when the view is on screen: a change to
 * the inventory marks the view stale, and it loads again when it is next shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-audit-view.h"

#include "audit/ium-audit-row.h"
#include "ium-inventory-service.h"
#include "ium-rollouts.h"

/* The "since" drop-down, in days back (0: any time; -1 would be today). */
static const int since_days[] = { 0, -1, 7, 30, 365 };

struct _IumAuditView
{
  GtkWidget            parent_instance;

  GtkSearchEntry      *instrument_entry;
  GtkDropDown         *who_drop_down;
  GtkDropDown         *since_drop_down;
  GtkLabel            *count_label;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *time_column;

  IumInventoryService *service;      /* owned */
  GListStore          *rows;         /* owned, of IumAuditRow */
  GtkCustomFilter     *filter;       /* owned */
  GtkFilterListModel  *filter_model; /* owned */
  GtkSortListModel    *sort_model;   /* owned */
  GCancellable        *cancellable;  /* owned: the load in flight */
  GStrv                people;       /* owned: the person drop-down after "anyone" */
  GHashTable          *instruments;  /* owned: instrument names in the log, case-folded */
  char                *instrument;   /* owned: the filter, case-folded; NULL for any */
  char                *who;          /* owned: the filter; NULL for anyone */
  gint64               since;        /* the filter: entries at or after, 0 for any */
  gboolean             stale;
  gboolean             updating;
};

enum
{
  PROP_0,
  PROP_SERVICE,
  PROP_INSTRUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumAuditView, ium_audit_view, GTK_TYPE_WIDGET)

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  IumAuditView *self = user_data;
  IumAuditRow  *row = item;

  if (self->since != 0 && ium_audit_row_get_unix (row) < self->since)
    return FALSE;
  if (self->who != NULL && g_strcmp0 (ium_audit_row_get_who (row), self->who) != 0)
    return FALSE;
  if (self->instrument != NULL)
    {
      const char      *name = ium_audit_row_get_instrument (row);
      g_autofree char *folded = NULL;

      if (name == NULL)
        return FALSE;
      folded = g_utf8_casefold (name, -1);
      /* A whole name means that instrument only (IRIS, not OSIRIS); else a prefix. */
      if (g_hash_table_contains (self->instruments, self->instrument))
        return g_str_equal (folded, self->instrument);
      return g_str_has_prefix (folded, self->instrument);
    }
  return TRUE;
}

static void
update_count (IumAuditView *self)
{
  guint            total = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint            shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", total), total);
  else
    text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u of %u entry", "%u of %u entries", total), shown, total);
  gtk_label_set_label (self->count_label, text);
}

static gint64
since_for (guint choice)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) midnight = NULL;
  g_autoptr (GDateTime) start = NULL;

  if (choice == 0 || choice >= G_N_ELEMENTS (since_days))
    return 0;
  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  if (since_days[choice] < 0)
    return g_date_time_to_unix (midnight);
  start = g_date_time_add_days (midnight, -since_days[choice]);
  return g_date_time_to_unix (start);
}

static void
filters_changed_cb (IumAuditView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->instrument_entry));
  guint       who = gtk_drop_down_get_selected (self->who_drop_down);

  if (self->updating)
    return;
  g_free (self->instrument);
  self->instrument = *text ? g_utf8_casefold (text, -1) : NULL;
  g_free (self->who);
  self->who = who > 0 && self->people && who <= g_strv_length (self->people)
                ? g_strdup (self->people[who - 1])
                : NULL;
  self->since = since_for (gtk_drop_down_get_selected (self->since_drop_down));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUMENT]);
}

static int
compare_names (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

static void
refill_people (IumAuditView *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree gpointer *names = NULL;
  g_autofree char     *keep = g_strdup (self->who);
  guint                n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint                n_names, position = 0;

  g_hash_table_remove_all (self->instruments);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumAuditRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const char *instrument = ium_audit_row_get_instrument (row);

      g_hash_table_add (seen, (gpointer) ium_audit_row_get_who (row));
      if (instrument != NULL)
        g_hash_table_add (self->instruments, g_utf8_casefold (instrument, -1));
    }

  names = g_hash_table_get_keys_as_array (seen, &n_names);
  g_qsort_with_data (names, (int) n_names, sizeof (gpointer), compare_names, NULL);
  g_strfreev (self->people);
  self->people = g_new0 (char *, n_names + 1);
  gtk_string_list_append (model, _ ("Anyone"));
  for (guint i = 0; i < n_names; i++)
    {
      self->people[i] = g_strdup (names[i]);
      gtk_string_list_append (model, names[i]);
      if (g_strcmp0 (keep, names[i]) == 0)
        position = i + 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->who_drop_down, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->who_drop_down, position);
  self->updating = FALSE;
}

/* On the worker: the whole log, as rows. */
static gpointer
load_job (IumStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) entries = ium_audit_list (store, NULL, NULL, error);

  if (entries == NULL)
    return NULL;
  return ium_audit_rows_build (entries);
}

static void
loaded_rows_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumAuditView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows =
    ium_inventory_service_run_finish (IUM_INVENTORY_SERVICE (object), result, &error);

  if (ium_inventory_service_was_cancelled (result)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (rows == NULL)
    {
      /* No inventory open, or it could not be read: the window's banner says why. */
      g_list_store_remove_all (self->rows);
      update_count (self);
      return;
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  refill_people (self);
  filters_changed_cb (self);
}

static void
load (IumAuditView *self)
{
  self->stale = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ium_inventory_service_run_async (self->service, load_job, NULL, NULL,
                                   (GDestroyNotify) g_ptr_array_unref, IUM_SERVICE_JOB_DEFAULT,
                                   self->cancellable, loaded_rows_cb, g_object_ref (self));
}

static void
service_loaded_cb (IumAuditView *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (IUM_AUDIT_VIEW (widget)->instrument_entry));
}

static void
ium_audit_view_map (GtkWidget *widget)
{
  IumAuditView *self = IUM_AUDIT_VIEW (widget);

  GTK_WIDGET_CLASS (ium_audit_view_parent_class)->map (widget);
  if (self->stale && ium_inventory_service_get_inventory (self->service) != NULL)
    load (self);
}

static void
ium_audit_view_constructed (GObject *object)
{
  IumAuditView       *self = IUM_AUDIT_VIEW (object);
  GtkSingleSelection *selection;

  G_OBJECT_CLASS (ium_audit_view_parent_class)->constructed (object);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_column_view_sort_by_column (self->column_view, self->time_column, GTK_SORT_DESCENDING);

  g_signal_connect_object (self->service, "loaded", G_CALLBACK (service_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  refill_people (self);
  update_count (self);
}

static void
ium_audit_view_dispose (GObject *object)
{
  IumAuditView *self = IUM_AUDIT_VIEW (object);
  GtkWidget    *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_AUDIT_VIEW);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_audit_view_parent_class)->dispose (object);
}

static void
ium_audit_view_finalize (GObject *object)
{
  IumAuditView *self = IUM_AUDIT_VIEW (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->cancellable);
  g_strfreev (self->people);
  g_hash_table_unref (self->instruments);
  g_free (self->instrument);
  g_free (self->who);

  G_OBJECT_CLASS (ium_audit_view_parent_class)->finalize (object);
}

static void
ium_audit_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumAuditView *self = IUM_AUDIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_INSTRUMENT:
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->instrument_entry)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_audit_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumAuditView *self = IUM_AUDIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    case PROP_INSTRUMENT:
      ium_audit_view_set_instrument (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_audit_view_class_init (IumAuditViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ium_audit_view_constructed;
  object_class->dispose = ium_audit_view_dispose;
  object_class->finalize = ium_audit_view_finalize;
  object_class->get_property = ium_audit_view_get_property;
  object_class->set_property = ium_audit_view_set_property;
  widget_class->map = ium_audit_view_map;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTRUMENT] =
    g_param_spec_string ("instrument", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IUM_TYPE_AUDIT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "audit/ium-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IumAuditView, instrument_entry);
  gtk_widget_class_bind_template_child (widget_class, IumAuditView, who_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumAuditView, since_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumAuditView, count_label);
  gtk_widget_class_bind_template_child (widget_class, IumAuditView, column_view);
  gtk_widget_class_bind_template_child (widget_class, IumAuditView, time_column);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_install_action (widget_class, "view.search", NULL, search_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ium_audit_view_init (IumAuditView *self)
{
  self->rows = g_list_store_new (IUM_TYPE_AUDIT_ROW);
  self->instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stale = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GListModel *
ium_audit_view_get_model (IumAuditView *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_VIEW (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

guint
ium_audit_view_get_n_loaded (IumAuditView *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

void
ium_audit_view_set_instrument (IumAuditView *self, const char *instrument)
{
  g_return_if_fail (IUM_IS_AUDIT_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->instrument_entry), instrument ? instrument : "");
  /* At once, not after the search entry's typing delay. */
  filters_changed_cb (self);
}

gboolean
ium_audit_view_set_who (IumAuditView *self, const char *who)
{
  g_return_val_if_fail (IUM_IS_AUDIT_VIEW (self), FALSE);

  if (who == NULL)
    {
      gtk_drop_down_set_selected (self->who_drop_down, 0);
      return TRUE;
    }
  for (guint i = 0; self->people != NULL && self->people[i] != NULL; i++)
    if (g_str_equal (self->people[i], who))
      {
        gtk_drop_down_set_selected (self->who_drop_down, i + 1);
        return TRUE;
      }
  return FALSE;
}

void
ium_audit_view_set_since (IumAuditView *self, guint choice)
{
  g_return_if_fail (IUM_IS_AUDIT_VIEW (self));
  gtk_drop_down_set_selected (self->since_drop_down, choice);
}
