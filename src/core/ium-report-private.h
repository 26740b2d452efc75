/* ium-report-private.h: the report's fields, and what its writers share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-report.h"

G_BEGIN_DECLS

/* clang-format off */

struct _IumReport
{
  GObject            parent_instance;

  IumFleet          *fleet;          /* owned */
  IumRelease        *release;        /* borrowed from the fleet's inventory */
  guint              release_rank;   /* its position among the releases, oldest first */
  char              *facility;       /* owned */
  guint              days;
  GDateTime         *generated;      /* owned, UTC */
  GDateTime         *clients_since;  /* owned, UTC */

  GPtrArray         *all_rollouts;   /* owned reference to what the caller gave */
  GPtrArray         *rollouts;       /* owned array of borrowed IumRollout, the release's */
  GPtrArray         *all_clients;    /* owned reference to what the caller gave */
  GPtrArray         *clients;        /* owned array of borrowed IumClientSeen, filtered */

  IumReportSummary   summary;
  IumReportRow      *rows;           /* owned array */
  guint              n_rows;
  IumReportHost     *hosts;          /* owned array; rows point into it */
  guint              n_hosts;
  GHashTable        *rows_by_name;   /* name -> IumReportRow, borrowed */
  GPtrArray         *too_far_behind; /* owned arrays of borrowed rows */
  GPtrArray         *unsupported_tier;
  GPtrArray         *partial;
  GPtrArray         *custom;

  IumReportUpgrade  *upgrades;       /* owned array; rows point into it */
  guint              n_upgrades;
  GArray            *waves;          /* owned, of IumReportWave */
  GArray            *timeline;       /* owned, of IumReportDay */
  GArray            *versions;       /* owned, of IumReportVersionCount */
};

/* Reports progress from 0 to 1 through a callback, mapped into a part of the whole. */
typedef struct
{
  IumReportProgressFunc func;
  gpointer              data;
  double                offset;
  double                scale;
} IumReportProgress;

void         ium_report_progress_report (const IumReportProgress *progress,
                                         double                   fraction,
                                         const char              *stage);

/* Fills @self, which already holds the fleet, the release, the times and the caller's
 * arrays (ium-report-build.c). */
gboolean     ium_report_build           (IumReport               *self,
                                         const IumReportProgress *progress,
                                         GCancellable            *cancellable,
                                         GError                 **error);

/* The writers. Each returns the whole file, or NULL with an error (cancelled, or cairo
 * failed). */
GBytes      *ium_report_to_html         (IumReport     *self,
                                         GCancellable  *cancellable,
                                         GError       **error);
GBytes      *ium_report_to_markdown     (IumReport     *self,
                                         GCancellable  *cancellable,
                                         GError       **error);
GBytes      *ium_report_to_csv          (IumReport     *self,
                                         GCancellable  *cancellable,
                                         GError       **error);
GBytes      *ium_report_to_json         (IumReport     *self,
                                         GCancellable  *cancellable,
                                         GError       **error);
GBytes      *ium_report_to_pdf          (IumReport     *self,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* clang-format on */

G_END_DECLS
