/* ium-fleet-filter.h: which instruments the fleet view shows: the search and the filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-fleet-row.h"

G_BEGIN_DECLS

/* clang-format off */

/* A plain value: the view keeps one and asks match() for each row. */
typedef struct {
  char           *search; /* owned, nullable: as typed */
  char          **words;  /* owned: the search, case-folded, split at spaces */
  IumStatusFlags  flag;   /* 0: any; else rows with this flag */
  char           *site;   /* owned, nullable: any */
  char           *tag;    /* owned, nullable: any */
  char           *tier;   /* owned, nullable: any; "custom" for rows that run no release */
} IumFleetFilter;

/* How a filter changed, so the view can tell GTK which rows need looking at again. */
typedef enum {
  IUM_FLEET_FILTER_SAME,
  IUM_FLEET_FILTER_MORE_STRICT, /* every row it keeps, the old one kept */
  IUM_FLEET_FILTER_LESS_STRICT, /* it keeps every row the old one kept */
  IUM_FLEET_FILTER_DIFFERENT,
} IumFleetFilterChange;

void                 ium_fleet_filter_init       (IumFleetFilter       *filter);
void                 ium_fleet_filter_clear      (IumFleetFilter       *filter);
void                 ium_fleet_filter_copy       (IumFleetFilter       *dest,
                                                  const IumFleetFilter *src);
/* Sets the search text; every word must appear in the row's name, site, tags, release or
 * target (case-insensitively). */
void                 ium_fleet_filter_set_search (IumFleetFilter       *filter,
                                                  const char           *search);
void                 ium_fleet_filter_set_site   (IumFleetFilter       *filter,
                                                  const char           *site);
void                 ium_fleet_filter_set_tag    (IumFleetFilter       *filter,
                                                  const char           *tag);
void                 ium_fleet_filter_set_tier   (IumFleetFilter       *filter,
                                                  const char           *tier);
gboolean             ium_fleet_filter_is_empty   (const IumFleetFilter *filter);
gboolean             ium_fleet_filter_match      (const IumFleetFilter *filter,
                                                  IumFleetRow          *row);
IumFleetFilterChange ium_fleet_filter_compare    (const IumFleetFilter *old_filter,
                                                  const IumFleetFilter *new_filter);

/* clang-format on */

G_END_DECLS
