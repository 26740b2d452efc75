/* ium-report-pages-private.h: what the layout (ium-report-pages.c) and the drawing
 * (ium-report-pages-draw.c) of the paged report share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-report-chart.h"
#include "ium-report-draw.h"
#include "ium-report-pages.h"
#include "ium-report-style.h"

G_BEGIN_DECLS

/* clang-format off */

#define MARGIN_X      46.0
#define MARGIN_TOP    58.0 /* below the running header */
#define MARGIN_BOTTOM 50.0 /* above the footer */
#define BAND_HEIGHT   128.0
#define BODY_SIZE     9.0
#define SMALL_SIZE    7.6
#define TABLE_SIZE    7.4
#define HEAD_SIZE     6.4
#define BADGE_SIZE    6.2
#define BADGE_HEIGHT  10.0
#define BADGE_PAD     4.0
#define BADGE_GAP     2.5
#define BADGE_RAISE   0.8 /* badges sit this much higher than the text beside them */
#define BADGE_RADIUS  4.0
#define CELL_PAD_X    4.0
#define CELL_PAD_Y    3.4
#define CARD_HEIGHT   62.0
#define CARD_GAP      8.0
#define CHART_PAD     9.0
#define ROWS_PER_STEP 512

typedef enum
{
  ITEM_PARAGRAPH, /* layout */
  ITEM_CARDS,
  ITEM_CHART,        /* chart, x, width */
  ITEM_HEADING,      /* section */
  ITEM_CONTINUED,    /* section */
  ITEM_TABLE_HEADER, /* section */
  ITEM_TABLE_ROW,    /* section, row */
  ITEM_EMPTY,        /* section, layout */
} ItemKind;

typedef struct
{
  ItemKind       kind;
  double         x;
  double         y;
  double         width;
  double         height;
  guint          section;
  guint          row;
  IumReportChart chart;
  PangoLayout   *layout; /* borrowed from the pages' layouts */
  guint32        colour;
} Item;

/* The text of a table cell, laid out once for every cell that shows it. */
typedef struct
{
  PangoLayout     *layout; /* owned */
  IumReportGlyphs *glyphs; /* owned, made when first drawn */
  double           width;  /* of the layout's logical extents */
  double           height;
} Cell;

/* One section's table: where its columns are and the layouts of its cells, by text. */
typedef struct
{
  double       x[IUM_REPORT_MAX_COLUMNS];
  double       width[IUM_REPORT_MAX_COLUMNS];
  GHashTable  *cells[IUM_REPORT_MAX_COLUMNS][2]; /* text -> Cell, owned; [bold] */
  PangoLayout *titles[IUM_REPORT_MAX_COLUMNS];   /* owned */
  double       header_height;
  double       total_width;
} Table;

struct _IumReportPages
{
  GObject                 parent_instance;

  IumReport              *report; /* owned */
  double                  width;
  double                  height;
  PangoContext           *context;  /* owned */
  GHashTable             *fonts;    /* owned: size and weight -> PangoFontDescription */
  GPtrArray              *layouts;  /* owned PangoLayouts that items borrow */
  GPtrArray              *pages;    /* owned, of GArray of Item */
  const IumReportSection *sections; /* static */
  guint                   n_sections;
  Table                  *tables;                              /* owned, one per section */
  int                    *section_pages;                       /* owned, one per section */
  PangoLayout            *badges[4][IUM_N_STATUS_FLAGS];       /* owned, by badge kind and value */
  IumReportGlyphs        *badge_glyphs[4][IUM_N_STATUS_FLAGS]; /* owned, their glyphs */
  double                  badge_widths[4][IUM_N_STATUS_FLAGS]; /* the pill's, 0 until known */
  double                  badge_baseline; /* from the top of a badge's layout */
  PangoLayout            *header[3];      /* owned: running header left and right, footer left */
  IumReportCard           cards[IUM_REPORT_N_CARDS];
  PangoLayout            *band[4]; /* owned: facility, title, two meta lines */
  char                   *running; /* owned: the running header's text */
  char                   *date;    /* owned */

  double                  y; /* while laying out: where the next block goes */
};

double       ium_pages_content_width (IumReportPages      *self);
double       ium_pages_width         (PangoLayout         *layout);
double       ium_pages_height        (PangoLayout         *layout);
/* A layout of @text wrapped at @width, in the report's font at @size. Owned. */
PangoLayout *ium_pages_wrap          (IumReportPages      *self,
                                      const char          *text,
                                      double               size,
                                      gboolean             bold,
                                      double               width);
/* The laid out text of @cell, shared by every cell of the column with the same text. */
Cell        *ium_pages_cell          (IumReportPages      *self,
                                      guint                section,
                                      guint                column,
                                      const IumReportCell *cell);
/* A badge: a pill of its tone with its text, gathered in @batch. */
void         ium_pages_badge         (IumReportPages      *self,
                                      IumReportBatch      *batch,
                                      IumReportBadge       badge,
                                      int                  value,
                                      double               x,
                                      double               y);
/* The badges of @flags flowed into @width, gathered in @batch when it is set. Returns the
 * height they take. */
double       ium_pages_flow_flags    (IumReportPages      *self,
                                      IumStatusFlags       flags,
                                      double               width,
                                      IumReportBatch      *batch,
                                      double               x0,
                                      double               y0);

/* clang-format on */

G_END_DECLS
