/* ium-reports-view-preview.c: the reports view's preview: a GtkListView with a row per page
 * (an IumReportPage), so that only the pages in view exist and are drawn, and its zoom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-reports-view-private.h"

#include "ium-report-page.h"

static const double zoom_levels[] = { 0.5, 0.67, 0.75, 0.85, 1.0, 1.25, 1.5, 2.0 };
#define ZOOM_DEFAULT 4 /* 100 % */

/* Depth-first through the list's rows: they let go of the pages. */
static void
unbind_pages (IumReportsView *self, GtkWidget *widget)
{
  if (IUM_IS_REPORT_PAGE (widget))
    {
      ium_report_page_set (IUM_REPORT_PAGE (widget), NULL, 0, zoom_levels[self->zoom_level]);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    unbind_pages (self, child);
}

/* Depth-first through the list's rows for the pages in it. */
static void
rezoom_pages (IumReportsView *self, GtkWidget *widget)
{
  if (IUM_IS_REPORT_PAGE (widget))
    {
      guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "ium-page"));

      ium_report_page_set (IUM_REPORT_PAGE (widget), self->pages, index,
                           zoom_levels[self->zoom_level]);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rezoom_pages (self, child);
}

static void
set_zoom_level (IumReportsView *self, guint level)
{
  g_autofree char *text = NULL;

  self->zoom_level = MIN (level, G_N_ELEMENTS (zoom_levels) - 1);
  /* Translators: the preview's zoom, as a percentage. */
  text = g_strdup_printf (_ ("%.0f %%"), zoom_levels[self->zoom_level] * 100);
  gtk_button_set_label (self->zoom_button, text);
  rezoom_pages (self, GTK_WIDGET (self->pages_view));
  ium_reports_view_update_actions (self);
}

void
ium_reports_view_zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumReportsView *self = IUM_REPORTS_VIEW (widget);

  if (g_str_equal (action_name, "reports.zoom-in"))
    set_zoom_level (self, self->zoom_level + 1);
  else if (g_str_equal (action_name, "reports.zoom-out") && self->zoom_level > 0)
    set_zoom_level (self, self->zoom_level - 1);
  else if (g_str_equal (action_name, "reports.zoom-reset"))
    set_zoom_level (self, ZOOM_DEFAULT);
}

/* The pages' list */

static void
page_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, IumReportsView *self)
{
  GtkWidget *page = ium_report_page_new ();

  gtk_widget_add_css_class (page, "report-page");
  gtk_list_item_set_child (item, page);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
page_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, IumReportsView *self)
{
  GtkWidget *page = gtk_list_item_get_child (item);
  guint      index = gtk_list_item_get_position (item);

  g_object_set_data (G_OBJECT (page), "ium-page", GUINT_TO_POINTER (index));
  ium_report_page_set (IUM_REPORT_PAGE (page), self->pages, index, zoom_levels[self->zoom_level]);
}

static void
page_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, IumReportsView *self)
{
  ium_report_page_set (IUM_REPORT_PAGE (gtk_list_item_get_child (item)), NULL, 0,
                       zoom_levels[self->zoom_level]);
}

void
ium_reports_view_unbind_pages (IumReportsView *self)
{
  unbind_pages (self, GTK_WIDGET (self->pages_view));
}

void
ium_reports_view_update_zoom_actions (IumReportsView *self)
{
  gboolean   shown = self->pages != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "reports.zoom-in",
                                 shown && self->zoom_level + 1 < G_N_ELEMENTS (zoom_levels));
  gtk_widget_action_set_enabled (widget, "reports.zoom-out", shown && self->zoom_level > 0);
  gtk_widget_action_set_enabled (widget, "reports.zoom-reset", shown);
}

void
ium_reports_view_init_preview (IumReportsView *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  self->page_model = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->page_model)));
  gtk_list_view_set_model (self->pages_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect (factory, "setup", G_CALLBACK (page_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (page_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (page_unbind_cb), self);
  gtk_list_view_set_factory (self->pages_view, factory);
  set_zoom_level (self, ZOOM_DEFAULT);
}

/* Public API */

double
ium_reports_view_get_zoom (IumReportsView *self)
{
  g_return_val_if_fail (IUM_IS_REPORTS_VIEW (self), 1.0);
  return zoom_levels[self->zoom_level];
}
