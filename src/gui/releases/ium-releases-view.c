/* ium-releases-view.c: the releases, their tiers and patch lineage, and which instruments
 * run each; adding and editing a release.
 *
 * The rows are built from the service's fleet (what each instrument runs) whenever it
 * loads; a GtkTreeListModel puts each patch under the release it patches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-releases-view.h"

#include "ium-enums.h"
#include "ium-inventory-service.h"
#include "releases/ium-release-editor.h"
#include "releases/ium-release-row.h"
#include "widgets/ium-badges.h"

struct _IumReleasesView
{
  GtkWidget            parent_instance;

  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  GtkWidget           *detail_scroller;
  GtkLabel            *title_label;
  IumTierBadge        *tier_badge;
  GtkLabel            *subtitle_label;
  GtkLabel            *notes_label;
  GtkLinkButton       *url_button;
  GtkLabel            *components_label;
  GtkLabel            *running_label;

  IumInventoryService *service;   /* owned */
  GtkSingleSelection  *selection; /* owned */
  char                *selected;  /* owned: the selected release's version */
  gboolean             stale;     /* the rows are older than the service's state */
};

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumReleasesView, ium_releases_view, GTK_TYPE_WIDGET)

static GListModel *
create_patches_cb (gpointer item, gpointer user_data)
{
  GListModel *patches = ium_release_row_get_patches (item);

  return patches ? g_object_ref (patches) : NULL;
}

static IumReleaseRow *
get_selected_row (IumReleasesView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  /* A new reference (or NULL). */
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
show_detail (IumReleasesView *self, IumReleaseRow *row)
{
  IumRelease *release;
  GString    *subtitle;
  GString    *components;
  g_auto (GStrv) ids = NULL;
  g_autofree char *running = NULL;
  guint            n;

  gtk_widget_set_visible (self->detail_scroller, row != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "releases.edit", row != NULL);
  if (row == NULL)
    return;

  release = ium_release_row_get_release (row);
  gtk_label_set_label (self->title_label, ium_release_get_version_text (release));
  ium_tier_badge_set_tier (self->tier_badge,
                           ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (release)));

  subtitle = g_string_new (NULL);
  if (ium_release_get_date (release) != NULL)
    /* Translators: when a release came out. */
    g_string_append_printf (subtitle, _ ("Released %s"), ium_release_get_date (release));
  if (ium_release_get_patch_of (release) != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _ ("a patch of %s"), ium_release_get_patch_of (release));
    }
  gtk_label_set_label (self->subtitle_label, subtitle->str);
  g_string_free (subtitle, TRUE);

  gtk_label_set_label (self->notes_label, ium_release_get_notes (release));
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), ium_release_get_notes (release) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->url_button), ium_release_get_url (release) != NULL);
  if (ium_release_get_url (release) != NULL)
    {
      gtk_link_button_set_uri (self->url_button, ium_release_get_url (release));
      gtk_button_set_label (GTK_BUTTON (self->url_button), ium_release_get_url (release));
    }

  components = g_string_new (NULL);
  ids = ium_release_dup_component_ids (release);
  for (guint i = 0; ids[i] != NULL; i++)
    g_string_append_printf (components, "%s%s %s", i ? "\n" : "", ids[i],
                            ium_release_get_component_version (release, ids[i]));
  if (components->len == 0)
    g_string_append_printf (components, _ ("Every component at %s."),
                            ium_release_get_version_text (release));
  else
    g_string_append_printf (components, _ ("\nEvery other component at %s."),
                            ium_release_get_version_text (release));
  gtk_label_set_label (self->components_label, components->str);
  g_string_free (components, TRUE);

  n = ium_release_row_get_n_running (row);
  if (n == 0)
    running = g_strdup (_ ("No instrument runs this release."));
  else
    {
      g_autofree char *names = g_strjoinv (", ", (char **) ium_release_row_get_running_names (row));
      running = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u instrument: %s", "%u instruments: %s", n), n, names);
    }
  gtk_label_set_label (self->running_label, running);
}

static void
selection_changed_cb (IumReleasesView *self)
{
  g_autoptr (IumReleaseRow) row = get_selected_row (self);

  if (row != NULL)
    {
      g_free (self->selected);
      self->selected = g_strdup (ium_release_row_get_version (row));
    }
  show_detail (self, row);
}

static guint
find_position (IumReleasesView *self, const char *version)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (model, i);
      IumReleaseRow *item = gtk_tree_list_row_get_item (row);
      gboolean       found = g_strcmp0 (ium_release_row_get_version (item), version) == 0;

      g_object_unref (item);
      if (found)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
rebuild (IumReleasesView *self)
{
  IumFleet *fleet = ium_inventory_service_get_fleet (self->service);
  g_autoptr (GListModel) roots =
    fleet ? ium_release_rows_build (fleet) : G_LIST_MODEL (g_list_store_new (IUM_TYPE_RELEASE_ROW));
  g_autofree char  *keep = g_strdup (self->selected);
  GtkTreeListModel *tree;
  guint             n = 0, position;
  g_autofree char  *count = NULL;

  tree = gtk_tree_list_model_new (g_object_ref (roots), FALSE, TRUE, create_patches_cb, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  g_object_unref (tree);

  if (fleet != NULL)
    n = g_list_model_get_n_items (ium_inventory_get_releases (ium_fleet_get_inventory (fleet)));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u release", "%u releases", n), n);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "releases.add", fleet != NULL);

  position = keep ? find_position (self, keep) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (G_LIST_MODEL (tree)) > 0)
    position = 0;
  gtk_single_selection_set_selected (self->selection, position);
  selection_changed_cb (self);
}

/* The rows are built when the view is on screen: a load of 10,000 instruments is not kept
 * waiting for a view nobody is looking at. */
static void
loaded_cb (IumReleasesView *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = FALSE;
      rebuild (self);
    }
}

static void
ium_releases_view_map (GtkWidget *widget)
{
  IumReleasesView *self = IUM_RELEASES_VIEW (widget);

  GTK_WIDGET_CLASS (ium_releases_view_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      rebuild (self);
    }
}

static void
open_editor (IumReleasesView *self, IumRelease *release)
{
  GtkWidget *editor = ium_release_editor_new (self->service, release);

  if (editor == NULL)
    return;
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_editor (IUM_RELEASES_VIEW (widget), NULL);
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumReleasesView *self = IUM_RELEASES_VIEW (widget);
  g_autoptr (IumReleaseRow) row = get_selected_row (self);

  if (row != NULL)
    open_editor (self, ium_release_row_get_release (row));
}

static void
activate_cb (IumReleasesView *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  edit_action (GTK_WIDGET (self), NULL, NULL);
}

static void
ium_releases_view_constructed (GObject *object)
{
  IumReleasesView *self = IUM_RELEASES_VIEW (object);

  G_OBJECT_CLASS (ium_releases_view_parent_class)->constructed (object);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "loaded", G_CALLBACK (loaded_cb), self,
                           G_CONNECT_SWAPPED);
  loaded_cb (self);
}

static void
ium_releases_view_dispose (GObject *object)
{
  IumReleasesView *self = IUM_RELEASES_VIEW (object);
  GtkWidget       *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_RELEASES_VIEW);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_releases_view_parent_class)->dispose (object);
}

static void
ium_releases_view_finalize (GObject *object)
{
  IumReleasesView *self = IUM_RELEASES_VIEW (object);

  g_free (self->selected);

  G_OBJECT_CLASS (ium_releases_view_parent_class)->finalize (object);
}

static void
ium_releases_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumReleasesView *self = IUM_RELEASES_VIEW (object);

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
ium_releases_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  IumReleasesView *self = IUM_RELEASES_VIEW (object);

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
ium_releases_view_class_init (IumReleasesViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ium_releases_view_constructed;
  object_class->dispose = ium_releases_view_dispose;
  object_class->finalize = ium_releases_view_finalize;
  object_class->get_property = ium_releases_view_get_property;
  object_class->set_property = ium_releases_view_set_property;
  widget_class->map = ium_releases_view_map;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IUM_TYPE_RELEASE_ROW);
  g_type_ensure (IUM_TYPE_TIER_BADGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "releases/ium-releases-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, title_label);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, tier_badge);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, notes_label);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, url_button);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, components_label);
  gtk_widget_class_bind_template_child (widget_class, IumReleasesView, running_label);

  gtk_widget_class_install_action (widget_class, "releases.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "releases.edit", NULL, edit_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ium_releases_view_init (IumReleasesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GListModel *
ium_releases_view_get_model (IumReleasesView *self)
{
  g_return_val_if_fail (IUM_IS_RELEASES_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

gboolean
ium_releases_view_select (IumReleasesView *self, const char *version)
{
  guint position;

  g_return_val_if_fail (IUM_IS_RELEASES_VIEW (self), FALSE);

  position = find_position (self, version);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

const char *
ium_releases_view_get_running_text (IumReleasesView *self)
{
  g_return_val_if_fail (IUM_IS_RELEASES_VIEW (self), NULL);
  return gtk_label_get_label (self->running_label);
}
