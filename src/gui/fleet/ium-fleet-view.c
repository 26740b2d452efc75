/* ium-fleet-view.c: every instrument, what it runs and what it should run, with search,
 * filters and the details of the one selected.
 *
 * The list is the service's model of IumFleetRow composed as GTK intends for large data:
 * a GtkFilterListModel (search and filters, one pure function per row), a GtkSortListModel
 * driven by the column view's own sorter (every column has one), and a GtkSingleSelection.
 * Only the rows on screen have widgets, so 10,000 instruments scroll like 34.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-fleet-view.h"

#include "fleet/ium-fleet-cells.h"
#include "fleet/ium-fleet-filter.h"
#include "fleet/ium-fleet-row.h"
#include "widgets/ium-badges.h"

/* The tier filter's items after "any", as nicks; "custom" is an instrument on no release. */
static const char *tier_nicks[] = { "official", "test", "internal", "custom" };

struct _IumFleetView
{
  GtkWidget            parent_instance;

  GtkSearchEntry      *search_entry;
  GtkDropDown         *flag_drop_down;
  GtkDropDown         *site_drop_down;
  GtkDropDown         *tag_drop_down;
  GtkDropDown         *tier_drop_down;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkLabel            *empty_title;
  GtkLabel            *empty_body;
  GtkWidget           *detail_scroller;
  IumInstrumentDetail *detail;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *site_column;
  GtkColumnViewColumn *release_column;
  GtkColumnViewColumn *tier_column;
  GtkColumnViewColumn *target_column;
  GtkColumnViewColumn *behind_column;
  GtkColumnViewColumn *flags_column;
  GtkColumnViewColumn *window_column;
  GtkColumnViewColumn *planned_column;

  IumInventoryService *service;      /* owned */
  GtkCustomFilter     *filter;       /* owned */
  GtkFilterListModel  *filter_model; /* owned */
  GtkSortListModel    *sort_model;   /* owned */
  GtkSingleSelection  *selection;    /* owned */
  IumFleetFilter       state;        /* what the filter keeps */
  GStrv                sites;        /* owned: the site drop-down's items after "all" */
  GStrv                tags;         /* owned */
  char                *selected;     /* owned: the name of the selected instrument */
  gboolean             updating;     /* drop-downs are being refilled */
};

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumFleetView, ium_fleet_view, GTK_TYPE_WIDGET)

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  IumFleetView *self = user_data;

  return ium_fleet_filter_match (&self->state, item);
}

static void
update_count (IumFleetView *self)
{
  guint total = g_list_model_get_n_items (ium_inventory_service_get_instruments (self->service));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u instrument", "%u instruments", total),
                            total);
  else
    /* Translators: how many instruments the filters keep, of how many. */
    text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u of %u instrument", "%u of %u instruments", total), shown,
      total);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fleet.clear-filters",
                                 !ium_fleet_filter_is_empty (&self->state));

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      if (total == 0)
        {
          gtk_label_set_label (self->empty_title, _ ("No Instruments"));
          gtk_label_set_label (self->empty_body,
                               ium_inventory_service_get_inventory (self->service)
                                 ? _ ("This inventory has no instruments yet. Import an inventory "
                                      "file with Import… in the main menu.")
                                 : _ ("No inventory is loaded."));
        }
      else
        {
          gtk_label_set_label (self->empty_title, _ ("No Matching Instruments"));
          gtk_label_set_label (self->empty_body,
                               _ ("No instrument matches the search and the filters. Clear them "
                                  "to see the whole fleet."));
        }
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
}

/* Item @selected of a drop-down whose first item is "all" and the others @values. */
static const char *
nth_or_null (GStrv values, guint selected)
{
  if (values == NULL || selected == 0 || selected > g_strv_length (values))
    return NULL;
  return values[selected - 1];
}

/* Reads the search entry and the drop-downs into a new filter state, and tells GTK how it
 * changed, so that narrowing a search only looks at the rows still shown. */
static void
apply_filters (IumFleetView *self)
{
  IumFleetFilter  old = { 0 };
  guint           flag = gtk_drop_down_get_selected (self->flag_drop_down);
  guint           site = gtk_drop_down_get_selected (self->site_drop_down);
  guint           tag = gtk_drop_down_get_selected (self->tag_drop_down);
  guint           tier = gtk_drop_down_get_selected (self->tier_drop_down);
  GtkFilterChange change;

  ium_fleet_filter_copy (&old, &self->state);

  ium_fleet_filter_set_search (&self->state,
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->state.flag = flag > 0 && flag <= IUM_N_STATUS_FLAGS ? 1u << (flag - 1) : 0;
  ium_fleet_filter_set_site (&self->state, nth_or_null (self->sites, site));
  ium_fleet_filter_set_tag (&self->state, nth_or_null (self->tags, tag));
  ium_fleet_filter_set_tier (
    &self->state, tier > 0 && tier <= G_N_ELEMENTS (tier_nicks) ? tier_nicks[tier - 1] : NULL);

  switch (ium_fleet_filter_compare (&old, &self->state))
    {
    case IUM_FLEET_FILTER_SAME:
      ium_fleet_filter_clear (&old);
      return;
    case IUM_FLEET_FILTER_MORE_STRICT:
      change = GTK_FILTER_CHANGE_MORE_STRICT;
      break;
    case IUM_FLEET_FILTER_LESS_STRICT:
      change = GTK_FILTER_CHANGE_LESS_STRICT;
      break;
    case IUM_FLEET_FILTER_DIFFERENT:
    default:
      change = GTK_FILTER_CHANGE_DIFFERENT;
      break;
    }
  ium_fleet_filter_clear (&old);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_count (self);
}

static void
search_changed_cb (IumFleetView *self)
{
  apply_filters (self);
}

static void
stop_search_cb (IumFleetView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
filters_changed_cb (IumFleetView *self)
{
  if (!self->updating)
    apply_filters (self);
}

/* Refills a drop-down with "all" and @values, keeping the value selected before. */
static void
refill (IumFleetView *self, GtkDropDown *drop_down, GStrv *current, GStrv values, const char *all)
{
  guint            selected = gtk_drop_down_get_selected (drop_down);
  g_autofree char *keep = NULL;
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
  guint position = 0;

  if (*current != NULL && selected > 0 && selected <= g_strv_length (*current))
    keep = g_strdup ((*current)[selected - 1]);

  gtk_string_list_append (model, all);
  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (model, values[i]);
      if (g_strcmp0 (keep, values[i]) == 0)
        position = i + 1;
    }
  g_strfreev (*current);
  *current = values;

  self->updating = TRUE;
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (drop_down, position);
  self->updating = FALSE;
}

static int
compare_strings (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

static GStrv
sorted_keys (GHashTable *set)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (set, NULL);
  GStrvBuilder        *builder = g_strv_builder_new ();
  GStrv                result;
  guint                n = g_hash_table_size (set);

  g_qsort_with_data (keys, (int) n, sizeof (gpointer), compare_strings, NULL);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

static void
refill_site_and_tag (IumFleetView *self)
{
  IumInventory *inventory = ium_inventory_service_get_inventory (self->service);
  g_autoptr (GHashTable) sites = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);

  if (inventory != NULL)
    {
      GListModel *instruments = ium_inventory_get_instruments (inventory);
      for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
        {
          g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
          const char *const *names = ium_instrument_get_tags (instrument);

          if (ium_instrument_get_site (instrument) != NULL)
            g_hash_table_add (sites, (gpointer) ium_instrument_get_site (instrument));
          for (guint t = 0; names[t] != NULL; t++)
            g_hash_table_add (tags, (gpointer) names[t]);
        }
    }
  refill (self, self->site_drop_down, &self->sites, sorted_keys (sites), _ ("All sites"));
  refill (self, self->tag_drop_down, &self->tags, sorted_keys (tags), _ ("All tags"));
}

static void
show_detail (IumFleetView *self, const char *name)
{
  g_free (self->selected);
  self->selected = g_strdup (name);
  ium_instrument_detail_set_name (self->detail, name);
  gtk_widget_set_visible (self->detail_scroller, name != NULL);
}

static void
selection_changed_cb (IumFleetView *self)
{
  IumFleetRow *row = gtk_single_selection_get_selected_item (self->selection);

  /* A reload replaces every row and leaves nothing selected: the details stay on the
   * instrument's name, and loaded_cb selects its new row. */
  if (row != NULL)
    show_detail (self, ium_fleet_row_get_name (row));
}

static void
detail_closed_cb (IumFleetView *self)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  show_detail (self, NULL);
}

static guint
find_position (IumFleetView *self, const char *name)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (IumFleetRow) row = g_list_model_get_item (model, i);
      if (g_str_equal (ium_fleet_row_get_name (row), name))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
loaded_cb (IumFleetView *self)
{
  refill_site_and_tag (self);
  apply_filters (self);
  update_count (self);
  if (self->selected != NULL)
    {
      guint position = find_position (self, self->selected);
      if (position != GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, position);
    }
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumFleetView *self = IUM_FLEET_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_filters_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumFleetView *self = IUM_FLEET_VIEW (widget);

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->flag_drop_down, 0);
  gtk_drop_down_set_selected (self->site_drop_down, 0);
  gtk_drop_down_set_selected (self->tag_drop_down, 0);
  gtk_drop_down_set_selected (self->tier_drop_down, 0);
  self->updating = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_filters (self);
}

static void
fill_fixed_filters (IumFleetView *self)
{
  g_autoptr (GtkStringList) flags = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) tiers = gtk_string_list_new (NULL);

  gtk_string_list_append (flags, _ ("Any status"));
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    gtk_string_list_append (flags, ium_status_flag_get_label (1u << i));
  gtk_drop_down_set_model (self->flag_drop_down, G_LIST_MODEL (flags));

  gtk_string_list_append (tiers, _ ("Any tier"));
  for (guint i = 0; i < G_N_ELEMENTS (tier_nicks); i++)
    gtk_string_list_append (tiers, g_str_equal (tier_nicks[i], "custom")
                                     ? _ ("Custom (no release)")
                                     : ium_tier_get_label (tier_nicks[i]));
  gtk_drop_down_set_model (self->tier_drop_down, G_LIST_MODEL (tiers));
}

static void
ium_fleet_view_constructed (GObject *object)
{
  IumFleetView *self = IUM_FLEET_VIEW (object);
  GListModel   *instruments;

  G_OBJECT_CLASS (ium_fleet_view_parent_class)->constructed (object);

  g_return_if_fail (self->service != NULL);
  instruments = ium_inventory_service_get_instruments (self->service);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (instruments),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "loaded", G_CALLBACK (loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->detail, "closed", G_CALLBACK (detail_closed_cb), self,
                           G_CONNECT_SWAPPED);
  ium_instrument_detail_set_service (self->detail, self->service);
  loaded_cb (self);
}

static void
ium_fleet_view_dispose (GObject *object)
{
  IumFleetView *self = IUM_FLEET_VIEW (object);
  GtkWidget    *child;

  /* The column view goes first: it holds the selection model. */
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_FLEET_VIEW);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_fleet_view_parent_class)->dispose (object);
}

static void
ium_fleet_view_finalize (GObject *object)
{
  IumFleetView *self = IUM_FLEET_VIEW (object);

  ium_fleet_filter_clear (&self->state);
  g_strfreev (self->sites);
  g_strfreev (self->tags);
  g_free (self->selected);

  G_OBJECT_CLASS (ium_fleet_view_parent_class)->finalize (object);
}

static void
ium_fleet_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumFleetView *self = IUM_FLEET_VIEW (object);

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
ium_fleet_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumFleetView *self = IUM_FLEET_VIEW (object);

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
ium_fleet_view_class_init (IumFleetViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ium_fleet_view_constructed;
  object_class->dispose = ium_fleet_view_dispose;
  object_class->finalize = ium_fleet_view_finalize;
  object_class->get_property = ium_fleet_view_get_property;
  object_class->set_property = ium_fleet_view_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template's sorters name the row type. */
  g_type_ensure (IUM_TYPE_FLEET_ROW);
  g_type_ensure (IUM_TYPE_INSTRUMENT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "fleet/ium-fleet-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, flag_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, site_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, tag_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, tier_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, count_label);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, column_view);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, empty_title);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, empty_body);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, detail);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, name_column);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, site_column);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, release_column);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, tier_column);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, target_column);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, behind_column);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, flags_column);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, window_column);
  gtk_widget_class_bind_template_child (widget_class, IumFleetView, planned_column);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_install_action (widget_class, "view.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "fleet.clear-filters", NULL, clear_filters_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
set_factories (IumFleetView *self)
{
  const struct
  {
    GtkColumnViewColumn *column;
    IumFleetColumn       id;
  } columns[] = {
    { self->name_column, IUM_FLEET_COLUMN_NAME },
    { self->site_column, IUM_FLEET_COLUMN_SITE },
    { self->release_column, IUM_FLEET_COLUMN_RELEASE },
    { self->tier_column, IUM_FLEET_COLUMN_TIER },
    { self->target_column, IUM_FLEET_COLUMN_TARGET },
    { self->behind_column, IUM_FLEET_COLUMN_BEHIND },
    { self->flags_column, IUM_FLEET_COLUMN_FLAGS },
    { self->window_column, IUM_FLEET_COLUMN_WINDOW },
    { self->planned_column, IUM_FLEET_COLUMN_PLANNED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (GtkListItemFactory) factory = ium_fleet_cell_factory_new (columns[i].id);
      gtk_column_view_column_set_factory (columns[i].column, factory);
    }
}

static void
ium_fleet_view_init (IumFleetView *self)
{
  ium_fleet_filter_init (&self->state);
  gtk_widget_init_template (GTK_WIDGET (self));
  set_factories (self);
  fill_fixed_filters (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GListModel *
ium_fleet_view_get_model (IumFleetView *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_VIEW (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

GtkColumnView *
ium_fleet_view_get_column_view (IumFleetView *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_VIEW (self), NULL);
  return self->column_view;
}

GtkColumnViewColumn *
ium_fleet_view_get_column (IumFleetView *self, const char *id)
{
  const struct
  {
    const char          *id;
    GtkColumnViewColumn *column;
  } columns[] = {
    { "name", self->name_column },       { "site", self->site_column },
    { "release", self->release_column }, { "tier", self->tier_column },
    { "target", self->target_column },   { "behind", self->behind_column },
    { "flags", self->flags_column },     { "window", self->window_column },
    { "planned", self->planned_column },
  };

  g_return_val_if_fail (IUM_IS_FLEET_VIEW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].id, id))
      return columns[i].column;
  return NULL;
}

GtkEditable *
ium_fleet_view_get_search_entry (IumFleetView *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_VIEW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkDropDown *
ium_fleet_view_get_filter (IumFleetView *self, const char *id)
{
  g_return_val_if_fail (IUM_IS_FLEET_VIEW (self), NULL);

  if (g_str_equal (id, "flag"))
    return self->flag_drop_down;
  if (g_str_equal (id, "site"))
    return self->site_drop_down;
  if (g_str_equal (id, "tag"))
    return self->tag_drop_down;
  if (g_str_equal (id, "tier"))
    return self->tier_drop_down;
  return NULL;
}

gboolean
ium_fleet_view_select (IumFleetView *self, const char *name)
{
  guint position;

  g_return_val_if_fail (IUM_IS_FLEET_VIEW (self), FALSE);

  position = find_position (self, name);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

IumInstrumentDetail *
ium_fleet_view_get_detail (IumFleetView *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_VIEW (self), NULL);
  return self->detail;
}

gboolean
ium_fleet_view_get_detail_shown (IumFleetView *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_VIEW (self), FALSE);
  return gtk_widget_get_visible (self->detail_scroller);
}
