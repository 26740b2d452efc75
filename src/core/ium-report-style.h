/* ium-report-style.h: what the report's formats share, so that they say the same thing in
 * the same words and colours: the palette, the badges, how times and windows are written,
 * the summary cards, and the sections with their tables (ium-report-sections.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-report.h"

G_BEGIN_DECLS

/* clang-format off */

/* Colours are 0xRRGGBB. */
#define IUM_REPORT_INK        0x1d2530 /* body text */
#define IUM_REPORT_MUTED      0x5b6675 /* captions, secondary text */
#define IUM_REPORT_FAINT      0x8a94a3 /* axis labels, empty cells */
#define IUM_REPORT_RULE       0xd9dee5 /* table rules, grid lines */
#define IUM_REPORT_ZEBRA      0xf5f7fa /* every other table row */
#define IUM_REPORT_HEAD_BG    0xeaeef3 /* table header */
#define IUM_REPORT_BAND       0x1f3a5f /* the title band */
#define IUM_REPORT_ACCENT     0x2f6fb3 /* links, the report's release */
#define IUM_REPORT_CARD_BG    0xf3f6fa

/* A badge: text colour on a tinted background, and the solid colour charts use. */
typedef struct
{
  guint32 fg;
  guint32 bg;
  guint32 solid;
} IumReportTone;

/* The kinds of coloured things, and the tone of each value. */
typedef enum
{
  IUM_REPORT_BADGE_FLAG,    /* value: the flag's bit */
  IUM_REPORT_BADGE_STATE,   /* value: an IumUpgradeState */
  IUM_REPORT_BADGE_TIER,    /* value: an IumTier, or IUM_REPORT_NO_TIER */
  IUM_REPORT_BADGE_VERDICT, /* value: an IumVerdictStatus */
} IumReportBadge;

#define IUM_REPORT_NO_TIER 3

const IumReportTone *ium_report_tone           (IumReportBadge  badge,
                                                int             value);
/* The CSS class of a badge, e.g. "flag-too-far-behind", "state-done", "tier-official". */
const char          *ium_report_badge_class    (IumReportBadge  badge,
                                                int             value);
/* The text of a badge: the spec's names ("too-far-behind", "in-progress", "official";
 * "custom" for IUM_REPORT_NO_TIER). */
const char          *ium_report_badge_text     (IumReportBadge  badge,
                                                int             value);
/* A label for people: "Too far behind", "In progress", "Official". */
const char          *ium_report_badge_label    (IumReportBadge  badge,
                                                int             value);
/* The order in which the timeline stacks and lists states. */
extern const IumUpgradeState ium_report_state_order[IUM_REPORT_N_STATES];

/* "rgb" helpers for cairo and CSS. */
void                 ium_report_rgb            (guint32         colour,
                                                double         *r,
                                                double         *g,
                                                double         *b);
/* "#1d2530" into @out (8 bytes). */
void                 ium_report_css_colour     (guint32         colour,
                                                char            out[8]);

/* Appends @text (nullable) to @out escaped for HTML and XML text and attribute values:
 * & < > " ' become entities. */
void                 ium_report_append_escaped (GString        *out,
                                                const char     *text);

/* "2026-12-01 05:20 UTC". Owned. */
char                *ium_report_format_time    (GDateTime      *time);
/* "1 December 2026". Owned. */
char                *ium_report_format_date_long (GDateTime    *time);
/* "2027-01-05" for seconds since 1970. Owned. */
char                *ium_report_format_day     (gint64          time);
/* The planned window of @upgrade: "2027-01-05 08:00–12:00", "2027-01-05 22:00 – 2027-01-06
 * 02:00", "unscheduled"; NULL when @upgrade is NULL. Owned. */
char                *ium_report_format_window  (const IumReportUpgrade *upgrade);
/* The flags as the spec names them, comma separated ("update-available, pinned"). Owned. */
char                *ium_report_format_flags   (IumStatusFlags  flags);
/* The hosts of @row with what each runs: "NDXWISH (control) 12.3.2.380; wish-cluster
 * (cluster) custom: ibex-server 12.3.2.381". Owned. */
char                *ium_report_format_hosts   (const IumReportRow *row);
/* "12.3.2.380 (official release of 2026-09-07, a patch of 12.3.0.350)". Owned. */
char                *ium_report_describe_release (IumRelease   *release);
/* The saved rollouts the report merges: "Rollout dec-2026 (saved 2026-11-30 by alice)",
 * "Rollouts a (...) and b (...)", or that there is none. Owned. */
char                *ium_report_describe_rollouts (IumReport   *report);
/* The tier of what @row runs: its release's tier, else IUM_REPORT_NO_TIER. */
int                  ium_report_row_tier       (const IumReportRow *row);

/* One summary card: a big number, a label and a caption. */
typedef struct
{
  char          *label;    /* owned */
  guint          value;
  char          *caption;  /* owned */
  IumReportBadge badge;    /* the card's accent colour */
  int            tone;
} IumReportCard;

#define IUM_REPORT_N_CARDS 8

/* Fills @cards (free with ium_report_cards_clear()). */
void                 ium_report_cards_init     (IumReport      *report,
                                                IumReportCard   cards[IUM_REPORT_N_CARDS]);
void                 ium_report_cards_clear    (IumReportCard   cards[IUM_REPORT_N_CARDS]);

/* What a table cell holds. */
typedef enum
{
  IUM_REPORT_CELL_TEXT,
  IUM_REPORT_CELL_NUMBER,  /* right-aligned */
  IUM_REPORT_CELL_FLAGS,   /* badges for cell.flags */
  IUM_REPORT_CELL_BADGE,   /* one badge: cell.badge and cell.value; no badge when value < 0 */
} IumReportCellKind;

typedef struct
{
  const char        *title;
  IumReportCellKind  kind;
  double             weight; /* its share of the table's width in the PDF */
} IumReportColumn;

typedef struct
{
  const char     *text;     /* borrowed, or scratch/owned; NULL: nothing to show (a dash) */
  IumStatusFlags  flags;
  IumReportBadge  badge;
  int             value;
  gboolean        is_badge; /* show text as the badge (badge, value), whatever the column */
  gboolean        blank;    /* leave the cell empty, without a dash (a repeated group) */
  gboolean        emphasis; /* the report's release, say */
  char            scratch[96];
  char           *owned;    /* freed by ium_report_cells_clear() */
} IumReportCell;

#define IUM_REPORT_MAX_COLUMNS 10

typedef struct
{
  const char            *id;       /* an anchor name: "too-far-behind" */
  const char            *title;
  gboolean               counted;  /* its rows are things worth counting in the heading */
  double                 width;    /* its table's share of the page width, up to 1 */
  const IumReportColumn *columns;
  guint                  n_columns;
  /* What the section means, for @report; owned. */
  char                *(*dup_intro) (IumReport *report);
  /* What to say when it has no rows; owned. */
  char                *(*dup_empty) (IumReport *report);
  guint                (*n_rows)    (IumReport *report);
  /* Fills the cells of @row; clear them with ium_report_cells_clear(). */
  void                 (*fill)      (IumReport     *report,
                                     guint          row,
                                     IumReportCell *cells);
} IumReportSection;

/* The sections in the order every format shows them. */
const IumReportSection *ium_report_get_sections (guint *n_sections);
void                    ium_report_cells_clear  (IumReportCell *cells,
                                                 guint          n_cells);

/* clang-format on */

G_END_DECLS
