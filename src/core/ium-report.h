/* ium-report.h: the release report, one immutable model.
 *
 * An IumReport is built once, for one release, from the inventory (through an IumFleet), the
 * saved rollouts that target the release and the client check log, at a given "now". It is
 * only read afterwards: every writer (HTML, Markdown, CSV, JSON, PDF), the charts
 * (ium-report-chart.h), the paged layout (ium-report-pages.h) and the GUI preview read the same
 * numbers, so every format says the same thing. Once built, threads may share it.
 *
 * Building takes a GCancellable and reports progress, so that the GUI can build it on a worker
 * thread (ium_report_new_async() does that) behind a progress bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-check-log.h"
#include "ium-fleet.h"
#include "ium-rollouts.h"
#include "ium-store.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_REPORT_ERROR (ium_report_error_quark ())

typedef enum {
  IUM_REPORT_ERROR_UNKNOWN_RELEASE, /* the release is not in the inventory */
  IUM_REPORT_ERROR_INVALID,         /* a bad argument: days out of range, an unknown format */
  IUM_REPORT_ERROR_FAILED,          /* drawing or writing the report failed */
} IumReportError;

GQuark ium_report_error_quark (void);

/* The client window: checks seen in the last N days. */
#define IUM_REPORT_DEFAULT_DAYS 30
#define IUM_REPORT_MAX_DAYS     3650

/* The number of upgrade states (IumUpgradeState), for the by_state arrays below. */
#define IUM_REPORT_N_STATES (IUM_UPGRADE_SKIPPED + 1)

/* Called while a report is built (or rendered) with how far it got, from 0 to 1, and what it
 * is doing ("Loading the inventory", ...). Called on the thread that builds the report; the
 * async variant below delivers it on the caller's main context instead. */
typedef void (*IumReportProgressFunc) (double      fraction,
                                       const char *stage,
                                       gpointer    user_data);

/* One host of an instrument and the release it runs. */
typedef struct {
  IumHost    *host;    /* borrowed */
  IumRelease *release; /* borrowed; NULL when the host fits no release (custom) */
} IumReportHost;

typedef struct _IumReportUpgrade IumReportUpgrade;

/* One line of the per-instrument table. Every pointer is borrowed from the report. */
typedef struct {
  IumInstrument          *instrument;
  const char             *name;
  const char             *site;     /* nullable */
  IumRelease             *release;  /* what it runs; NULL when custom or without hosts */
  IumRelease             *target;   /* its pin, else the newest official release; nullable */
  guint                   behind;
  IumStatusFlags          flags;
  const IumReportHost    *hosts;
  guint                   n_hosts;
  const IumReportUpgrade *upgrade;  /* its upgrade to the release; NULL when in no rollout */
  guint                   n_outdated_clients;     /* update-available clients in the window */
  guint                   n_incompatible_clients; /* incompatible clients in the window */
} IumReportRow;

/* One upgrade of the merged rollouts (see docs/reports.md for how rollouts are merged). */
struct _IumReportUpgrade {
  const IumRollout        *rollout; /* borrowed: the rollout it comes from */
  const IumRolloutUpgrade *upgrade; /* borrowed: wave, start, end, window, state, note, ... */
  const IumReportRow      *row;     /* borrowed: the instrument's row */
  gboolean                 scheduled; /* FALSE when the planner found no window */
  gint64                   start;   /* seconds since 1970, UTC; 0 when not scheduled */
  gint64                   end;
};

/* How many instruments run one release. */
typedef struct {
  IumRelease *release;       /* borrowed; NULL for instruments that run no release (custom
                              * builds, or no hosts) */
  guint       n_instruments;
} IumReportVersionCount;

/* One wave of one rollout, for the timeline. */
typedef struct {
  const IumRollout *rollout;       /* borrowed */
  guint             wave;          /* from 1 */
  gint64            start;         /* the earliest scheduled start, seconds since 1970, UTC */
  gint64            end;           /* the latest scheduled end; both 0 when none is scheduled */
  guint             n_upgrades;
  guint             n_unscheduled;
  guint             by_state[IUM_REPORT_N_STATES];
} IumReportWave;

/* The upgrades that start on one UTC day, by state, for the timeline chart. */
typedef struct {
  gint64 day; /* 00:00 UTC of the day, seconds since 1970 */
  guint  by_state[IUM_REPORT_N_STATES];
} IumReportDay;

/* The report's headline numbers. */
typedef struct {
  guint n_instruments;
  guint by_flag[IUM_N_STATUS_FLAGS]; /* index: the flag's bit (IUM_FLAG_PARTIAL is 1 << 3) */
  guint by_tier[IUM_TIER_INTERNAL + 1]; /* the tier of the release each instrument runs */
  guint n_no_release;   /* instruments that run no release (custom, or no hosts) */
  guint on_release;     /* run exactly the report's release */
  guint newer;          /* run a newer release */
  guint older;          /* run an older release */
  guint n_in_rollout;   /* instruments with an upgrade to the release */
  guint by_state[IUM_REPORT_N_STATES]; /* their upgrades by state */
  guint n_unscheduled;  /* planned upgrades without a window */
  guint n_outdated_clients;     /* distinct update-available clients seen in the window */
  guint n_incompatible_clients; /* distinct incompatible clients seen in the window */
  guint n_instruments_with_clients; /* instruments with at least one of either */
} IumReportSummary;

#define IUM_TYPE_REPORT (ium_report_get_type ())
G_DECLARE_FINAL_TYPE (IumReport, ium_report, IUM, REPORT, GObject)

/* Builds the report of @release (any spelling that compares equal) from @store: its
 * inventory, every saved rollout that targets the release, and the clients seen in the
 * @days days (1 to IUM_REPORT_MAX_DAYS) before @now (NULL: the current time). Errors are
 * IUM_REPORT_ERROR (an unknown release, days out of range), IUM_STORE_ERROR, or
 * G_IO_ERROR_CANCELLED. @progress (nullable) is called on this thread. Owned. */
IumReport   *ium_report_new             (IumStore              *store,
                                         const char            *release,
                                         guint                  days,
                                         GDateTime             *now,
                                         GCancellable          *cancellable,
                                         IumReportProgressFunc  progress,
                                         gpointer               progress_data,
                                         GError               **error);

/* The same from data already loaded: @fleet's inventory, @rollouts (GPtrArray of IumRollout:
 * any rollouts; those for other releases are ignored; nullable) and @clients (GPtrArray of
 * IumClientSeen, as ium_store_list_clients_seen() returns them; those last seen before the
 * window are ignored; nullable). The report keeps references to the three. Owned. */
IumReport   *ium_report_new_for_fleet   (IumFleet              *fleet,
                                         const char            *release,
                                         GPtrArray             *rollouts,
                                         GPtrArray             *clients,
                                         guint                  days,
                                         GDateTime             *now,
                                         GCancellable          *cancellable,
                                         IumReportProgressFunc  progress,
                                         gpointer               progress_data,
                                         GError               **error);

/* Builds the report on a worker thread, over its own connection to the database at
 * @db_path. @progress is called on the thread-default main context of the caller, at most
 * about a hundred times; @progress_data_free (nullable) frees @progress_data afterwards.
 * @callback gets the result on that main context too. */
void         ium_report_new_async       (const char            *db_path,
                                         const char            *release,
                                         guint                  days,
                                         GDateTime             *now,
                                         GCancellable          *cancellable,
                                         IumReportProgressFunc  progress,
                                         gpointer               progress_data,
                                         GDestroyNotify         progress_data_free,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
/* Owned, or NULL with @error set. */
IumReport   *ium_report_new_finish      (GAsyncResult          *result,
                                         GError               **error);

/* Borrowed. */
IumFleet    *ium_report_get_fleet       (IumReport             *self);
/* The facility's name; never NULL (empty when the inventory has none). Borrowed. */
const char  *ium_report_get_facility    (IumReport             *self);
IumRelease  *ium_report_get_release     (IumReport             *self);
/* The client window in days. */
guint        ium_report_get_days        (IumReport             *self);
/* When the report was made (UTC), and the start of the client window. Borrowed. */
GDateTime   *ium_report_get_generated   (IumReport             *self);
GDateTime   *ium_report_get_clients_since (IumReport           *self);

const IumReportSummary *ium_report_get_summary (IumReport *self);

/* Every instrument, by name. Borrowed array of @n_rows. */
const IumReportRow     *ium_report_get_rows    (IumReport *self,
                                                guint     *n_rows);
/* The row of @instrument, or NULL. Borrowed. */
const IumReportRow     *ium_report_lookup_row  (IumReport  *self,
                                                const char *instrument);

/* The rows of one section, by name: too far behind (flag too-far-behind), on an unsupported
 * tier (flag unsupported-tier), partial upgrades (flag partial), custom builds (flag
 * custom). Borrowed arrays of borrowed pointers. */
const IumReportRow * const *ium_report_get_too_far_behind   (IumReport *self,
                                                             guint     *n);
const IumReportRow * const *ium_report_get_unsupported_tier (IumReport *self,
                                                             guint     *n);
const IumReportRow * const *ium_report_get_partial          (IumReport *self,
                                                             guint     *n);
const IumReportRow * const *ium_report_get_custom           (IumReport *self,
                                                             guint     *n);

/* The out-of-date (update-available) and incompatible clients seen in the window, one per
 * instrument, component and version: by instrument, incompatible first, then component and
 * version. Borrowed. */
IumClientSeen * const      *ium_report_get_clients          (IumReport *self,
                                                             guint     *n);

/* The rollouts that target the release, by name. Borrowed. */
const IumRollout * const   *ium_report_get_rollouts         (IumReport *self,
                                                             guint     *n);
/* The merged upgrades, one per instrument, in timeline order: scheduled ones by start, then
 * instrument; the unscheduled after them by wave, then instrument. Borrowed. */
const IumReportUpgrade     *ium_report_get_upgrades         (IumReport *self,
                                                             guint     *n);
/* The waves of those upgrades, by start (unscheduled-only waves last). Borrowed. */
const IumReportWave        *ium_report_get_waves            (IumReport *self,
                                                             guint     *n);
/* Every UTC day from the first scheduled start to the last, with the upgrades that start on
 * it (days without any included). Empty when nothing is scheduled. Borrowed. */
const IumReportDay         *ium_report_get_timeline         (IumReport *self,
                                                             guint     *n);
/* How many instruments run each release, newest first, then those that run none (release
 * NULL) when there are any. Releases nobody runs are left out. Borrowed. */
const IumReportVersionCount *ium_report_get_versions        (IumReport *self,
                                                             guint     *n);

/* The formats a report is written in. */
typedef enum {
  IUM_REPORT_FORMAT_HTML,
  IUM_REPORT_FORMAT_MARKDOWN,
  IUM_REPORT_FORMAT_CSV,
  IUM_REPORT_FORMAT_JSON,
  IUM_REPORT_FORMAT_PDF,
} IumReportFormat;

/* "html", "md", "csv", "json", "pdf"; an unknown name is IUM_REPORT_ERROR_INVALID with the
 * list of known ones. */
gboolean     ium_report_format_from_string (const char      *text,
                                            IumReportFormat *format,
                                            GError         **error);
const char  *ium_report_format_to_string   (IumReportFormat  format);
/* Whether the format is binary (PDF), so not for a terminal. */
gboolean     ium_report_format_is_binary   (IumReportFormat  format);

/* The report in @format. Owned. */
GBytes      *ium_report_render          (IumReport             *self,
                                         IumReportFormat        format,
                                         GCancellable          *cancellable,
                                         GError               **error);
/* Renders the report and writes it to @path atomically: to a temporary file in the same
 * folder, then renamed over @path (mode 0644), so that an error leaves no partial file and
 * an existing @path unchanged. */
gboolean     ium_report_save            (IumReport             *self,
                                         IumReportFormat        format,
                                         const char            *path,
                                         GCancellable          *cancellable,
                                         GError               **error);

/* clang-format on */

G_END_DECLS
