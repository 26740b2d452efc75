/* ium-fleet-cells.c: the cells of the fleet's columns.
 *
 * Made in C with GtkSignalListItemFactory rather than in the template with
 * GtkBuilderListItemFactory: scrolling 10,000 rows re-binds every cell on screen each frame,
 * and a builder factory's property expressions (a watch per cell, set up and torn down on
 * every bind) cost about as much again as drawing the cells (see docs/performance.md). The
 * text cells are GtkInscriptions, not GtkLabels: an inscription's size is a number of
 * characters, so a new text on every bind is drawn without the row being measured again (a
 * page step a fifth cheaper). The columns themselves, their titles and sorters, stay in
 * ui/fleet/ium-fleet-view.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include "ium-fleet-cells.h"

#include "fleet/ium-fleet-row.h"
#include "widgets/ium-badges.h"

/* A name cell offers its instrument as text: dropped on a wave of the rollout planner (drag
 * over the Rollouts button of the view switcher to get there), or into any other application. */
static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, GtkListItem *item)
{
  IumFleetRow *row = gtk_list_item_get_item (item);
  GtkWidget   *child = gtk_list_item_get_child (item);
  g_autoptr (GdkPaintable) icon = NULL;

  if (row == NULL)
    return NULL;
  icon = gtk_widget_paintable_new (child);
  gtk_drag_source_set_icon (source, icon, 0, 0);
  return gdk_content_provider_new_typed (G_TYPE_STRING, ium_fleet_row_get_name (row));
}

/* How wide each text column is, in characters. */
static const guint nat_chars[IUM_FLEET_COLUMN_PLANNED + 1] = {
  [IUM_FLEET_COLUMN_NAME] = 10,    [IUM_FLEET_COLUMN_SITE] = 7,   [IUM_FLEET_COLUMN_RELEASE] = 11,
  [IUM_FLEET_COLUMN_TARGET] = 11,  [IUM_FLEET_COLUMN_BEHIND] = 6, [IUM_FLEET_COLUMN_WINDOW] = 16,
  [IUM_FLEET_COLUMN_PLANNED] = 22,
};

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  IumFleetColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget     *child;

  switch (column)
    {
    case IUM_FLEET_COLUMN_TIER:
      child = ium_tier_badge_new ();
      break;
    case IUM_FLEET_COLUMN_FLAGS:
      child = ium_flag_badges_new ();
      break;
    case IUM_FLEET_COLUMN_NAME:
    case IUM_FLEET_COLUMN_SITE:
    case IUM_FLEET_COLUMN_RELEASE:
    case IUM_FLEET_COLUMN_TARGET:
    case IUM_FLEET_COLUMN_BEHIND:
    case IUM_FLEET_COLUMN_WINDOW:
    case IUM_FLEET_COLUMN_PLANNED:
    default:
      child = gtk_inscription_new (NULL);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (child),
                                  column == IUM_FLEET_COLUMN_BEHIND ? 1 : 0);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (child),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (child), nat_chars[column]);
      if (column == IUM_FLEET_COLUMN_NAME)
        {
          GtkDragSource *source = gtk_drag_source_new ();

          gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
          g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), item, 0);
          gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (source));
          gtk_widget_add_css_class (child, "heading");
        }
      else if (column != IUM_FLEET_COLUMN_SITE)
        gtk_widget_add_css_class (child, "numeric");
      break;
    }
  gtk_list_item_set_child (item, child);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  IumFleetColumn column = GPOINTER_TO_UINT (user_data);
  IumFleetRow   *row = gtk_list_item_get_item (item);
  GtkWidget     *child = gtk_list_item_get_child (item);
  char           behind[16];

  switch (column)
    {
    case IUM_FLEET_COLUMN_NAME:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), ium_fleet_row_get_name (row));
      break;
    case IUM_FLEET_COLUMN_SITE:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), ium_fleet_row_get_site (row));
      break;
    case IUM_FLEET_COLUMN_RELEASE:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), ium_fleet_row_get_release (row));
      break;
    case IUM_FLEET_COLUMN_TIER:
      ium_tier_badge_set_tier (IUM_TIER_BADGE (child), ium_fleet_row_get_tier (row));
      break;
    case IUM_FLEET_COLUMN_TARGET:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), ium_fleet_row_get_target (row));
      break;
    case IUM_FLEET_COLUMN_BEHIND:
      g_snprintf (behind, sizeof behind, "%u", ium_fleet_row_get_behind (row));
      gtk_inscription_set_text (GTK_INSCRIPTION (child), behind);
      break;
    case IUM_FLEET_COLUMN_FLAGS:
      ium_flag_badges_set_flags (IUM_FLAG_BADGES (child), ium_fleet_row_get_flags (row));
      break;
    case IUM_FLEET_COLUMN_WINDOW:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), ium_fleet_row_get_next_window (row));
      break;
    case IUM_FLEET_COLUMN_PLANNED:
      /* No tooltip for what does not fit: setting one on every bind costs more than the rest
       * of the cell; the details pane shows the whole text. */
      gtk_inscription_set_text (GTK_INSCRIPTION (child), ium_fleet_row_get_planned (row));
      break;
    default:
      g_assert_not_reached ();
    }
}

GtkListItemFactory *
ium_fleet_cell_factory_new (IumFleetColumn column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (column));
  return factory;
}
