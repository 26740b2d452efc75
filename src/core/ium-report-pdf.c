/* ium-report-pdf.c: the report as an A4 PDF, drawn page by page from IumReportPages, with
 * an outline (bookmarks) to every section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <cairo-pdf.h>

#include "ium-report-pages.h"
#include "ium-report-private.h"
#include "ium-report-style.h"

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (cairo_surface_t *surface, IumReport *self)
{
  g_autofree char *title =
    g_strdup_printf ("%s %s", _ ("Release report"), ium_release_get_version_text (self->release));
  g_autofree char *date = g_date_time_format (self->generated, "%Y-%m-%dT%H:%M:%SZ");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (*self->facility)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->facility);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Instrument Update Manager " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static void
add_outline (cairo_surface_t *surface, IumReportPages *pages)
{
  guint                   n_sections;
  const IumReportSection *sections = ium_report_get_sections (&n_sections);

  for (guint i = 0; i < n_sections; i++)
    {
      int              page = ium_report_pages_get_section_page (pages, sections[i].id);
      g_autofree char *link = g_strdup_printf ("page=%d", page + 1);

      if (page >= 0)
        cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _ (sections[i].title), link,
                                       0);
    }
}

GBytes *
ium_report_to_pdf (IumReport *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (IumReportPages) pages = NULL;
  g_autoptr (GByteArray) data = NULL;
  cairo_surface_t *surface;
  cairo_status_t   status;
  cairo_t         *cr;
  guint            n_pages;

  pages = ium_report_pages_new (self, IUM_REPORT_PAGE_A4_WIDTH, IUM_REPORT_PAGE_A4_HEIGHT,
                                cancellable, error);
  if (pages == NULL)
    return NULL;
  n_pages = ium_report_pages_get_n_pages (pages);

  data = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (write_cb, data, IUM_REPORT_PAGE_A4_WIDTH,
                                                 IUM_REPORT_PAGE_A4_HEIGHT);
  set_metadata (surface, self);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      ium_report_pages_draw_page (pages, cr, page);
      cairo_show_page (cr);
    }
  add_outline (surface, pages);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, IUM_REPORT_ERROR, IUM_REPORT_ERROR_FAILED,
                   _ ("drawing the PDF failed: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
