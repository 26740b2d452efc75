/* ium-report-page.c: one page of a laid out report, drawn with the same cairo calls as the
 * PDF (ium_report_pages_draw_page()), so that the preview is what prints.
 *
 * No template: the widget only draws. The reports view makes one per visible row of its
 * GtkListView, so a report of hundreds of pages draws only the pages in view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-report-page.h"

struct _IumReportPage
{
  GtkWidget       parent_instance;

  IumReportPages *pages; /* owned, nullable */
  guint           page;
  double          zoom;
};

G_DEFINE_FINAL_TYPE (IumReportPage, ium_report_page, GTK_TYPE_WIDGET)

static double
get_scale (IumReportPage *self)
{
  return self->zoom * IUM_REPORT_PAGE_PIXELS_PER_POINT;
}

static void
ium_report_page_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  IumReportPage *self = IUM_REPORT_PAGE (widget);
  double         points = orientation == GTK_ORIENTATION_HORIZONTAL ? IUM_REPORT_PAGE_A4_WIDTH
                                                                    : IUM_REPORT_PAGE_A4_HEIGHT;

  *minimum = *natural = (int) (points * get_scale (self) + 0.5);
}

static void
ium_report_page_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  IumReportPage *self = IUM_REPORT_PAGE (widget);
  int            width = gtk_widget_get_width (widget);
  int            height = gtk_widget_get_height (widget);
  cairo_t       *cr;

  if (self->pages == NULL || self->page >= ium_report_pages_get_n_pages (self->pages))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, (double) width / IUM_REPORT_PAGE_A4_WIDTH,
               (double) height / IUM_REPORT_PAGE_A4_HEIGHT);
  ium_report_pages_draw_page (self->pages, cr, self->page);
  cairo_destroy (cr);
}

static void
ium_report_page_dispose (GObject *object)
{
  IumReportPage *self = IUM_REPORT_PAGE (object);

  g_clear_object (&self->pages);

  G_OBJECT_CLASS (ium_report_page_parent_class)->dispose (object);
}

static void
ium_report_page_class_init (IumReportPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_report_page_dispose;
  widget_class->measure = ium_report_page_measure;
  widget_class->snapshot = ium_report_page_snapshot;
  gtk_widget_class_set_css_name (widget_class, "reportpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ium_report_page_init (IumReportPage *self)
{
  self->zoom = 1.0;
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
ium_report_page_new (void)
{
  return g_object_new (IUM_TYPE_REPORT_PAGE, NULL);
}

void
ium_report_page_set (IumReportPage *self, IumReportPages *pages, guint page, double zoom)
{
  g_return_if_fail (IUM_IS_REPORT_PAGE (self));
  g_return_if_fail (pages == NULL || IUM_IS_REPORT_PAGES (pages));
  g_return_if_fail (zoom > 0);

  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  if (self->pages != pages || self->page != page)
    {
      g_autofree char *label = NULL;

      g_set_object (&self->pages, pages);
      self->page = page;
      if (pages != NULL)
        {
          /* Translators: what a screen reader says of one page of the report preview. */
          label =
            g_strdup_printf (_ ("Page %u of %u"), page + 1, ium_report_pages_get_n_pages (pages));
          gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}
