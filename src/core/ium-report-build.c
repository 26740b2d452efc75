/* ium-report-build.c: computing the release report from a fleet, rollouts and the client log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-report.h"

#include "ium-fleet-private.h"
#include "ium-report-private.h"

#define SECONDS_PER_DAY ((gint64) 24 * 60 * 60)

/* How often the loop over instruments looks at the cancellable and reports progress. */
#define ROWS_PER_STEP 512

/* The candidate upgrade of one instrument while the rollouts are merged. */
typedef struct
{
  const IumRollout        *rollout;
  const IumRolloutUpgrade *upgrade;
} Candidate;

static guint
release_rank (IumFleet *fleet, IumRelease *release)
{
  ReleaseInfo *info = g_hash_table_lookup (fleet->releases_by_object, release);

  return info != NULL ? info->rank : 0;
}

/* How far along a state is, for merging: what records a deployment beats a plan. */
static int
state_weight (IumUpgradeState state)
{
  switch (state)
    {
    case IUM_UPGRADE_PLANNED:
      return 0;
    case IUM_UPGRADE_SKIPPED:
      return 1;
    case IUM_UPGRADE_IN_PROGRESS:
      return 2;
    case IUM_UPGRADE_FAILED:
      return 3;
    case IUM_UPGRADE_ROLLED_BACK:
      return 4;
    case IUM_UPGRADE_DONE:
      return 5;
    default:
      return 0;
    }
}

/* Whether @a should replace @b as an instrument's upgrade: the latest state change wins (the
 * timestamps are all RFC 3339 UTC of one length, so they compare as text), then the state
 * further along, then the rollout whose name sorts first. */
static gboolean
candidate_wins (const Candidate *a, const Candidate *b)
{
  int cmp = g_strcmp0 (a->upgrade->updated, b->upgrade->updated);

  if (cmp != 0)
    return cmp > 0;
  if (state_weight (a->upgrade->state) != state_weight (b->upgrade->state))
    return state_weight (a->upgrade->state) > state_weight (b->upgrade->state);
  return strcmp (a->rollout->name, b->rollout->name) < 0;
}

static gint64
parse_utc (const char *text)
{
  g_autoptr (GDateTime) time = NULL;

  if (text == NULL)
    return 0;
  time = g_date_time_new_from_iso8601 (text, NULL);
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

static gint64
day_of (gint64 time)
{
  gint64 day = time / SECONDS_PER_DAY;

  if (time < 0 && time % SECONDS_PER_DAY != 0)
    day--;
  return day * SECONDS_PER_DAY;
}

static int
compare_upgrades (gconstpointer a, gconstpointer b)
{
  const IumReportUpgrade *ua = a, *ub = b;

  if (ua->scheduled != ub->scheduled)
    return ua->scheduled ? -1 : 1;
  if (ua->scheduled && ua->start != ub->start)
    return ua->start < ub->start ? -1 : 1;
  if (!ua->scheduled && ua->upgrade->wave != ub->upgrade->wave)
    return ua->upgrade->wave < ub->upgrade->wave ? -1 : 1;
  return strcmp (ua->row->name, ub->row->name);
}

static int
compare_waves (gconstpointer a, gconstpointer b)
{
  const IumReportWave *wa = a, *wb = b;
  gboolean sa = wa->n_upgrades > wa->n_unscheduled, sb = wb->n_upgrades > wb->n_unscheduled;
  int      cmp;

  if (sa != sb)
    return sa ? -1 : 1;
  if (sa && wa->start != wb->start)
    return wa->start < wb->start ? -1 : 1;
  if ((cmp = strcmp (wa->rollout->name, wb->rollout->name)) != 0)
    return cmp;
  return (wa->wave > wb->wave) - (wa->wave < wb->wave);
}

static int
compare_clients (gconstpointer a, gconstpointer b)
{
  const IumClientSeen *ca = *(IumClientSeen *const *) a;
  const IumClientSeen *cb = *(IumClientSeen *const *) b;
  int                  cmp;

  if ((cmp = strcmp (ca->instrument, cb->instrument)) != 0)
    return cmp;
  if (ca->status != cb->status)
    return ca->status == IUM_VERDICT_INCOMPATIBLE ? -1 : 1;
  if ((cmp = strcmp (ca->component, cb->component)) != 0)
    return cmp;
  return strcmp (ca->version, cb->version);
}

static int
compare_rollouts (gconstpointer a, gconstpointer b)
{
  const IumRollout *ra = *(IumRollout *const *) a;
  const IumRollout *rb = *(IumRollout *const *) b;

  return strcmp (ra->name, rb->name);
}

static gboolean
step (const IumReportProgress *progress,
      GCancellable            *cancellable,
      double                   fraction,
      const char              *stage,
      GError                 **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  ium_report_progress_report (progress, fraction, stage);
  return TRUE;
}

static gboolean
build_rows (IumReport               *self,
            const IumReportProgress *progress,
            GCancellable            *cancellable,
            GError                 **error)
{
  GListModel *instruments = ium_inventory_get_instruments (ium_fleet_get_inventory (self->fleet));
  guint       n = g_list_model_get_n_items (instruments);
  IumReportSummary *summary = &self->summary;
  guint             n_hosts = 0, h = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      n_hosts += ium_instrument_get_n_hosts (instrument);
    }

  self->rows = g_new0 (IumReportRow, MAX (n, 1));
  self->n_rows = n;
  self->hosts = g_new0 (IumReportHost, MAX (n_hosts, 1));
  self->n_hosts = n_hosts;
  summary->n_instruments = n;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      IumReportRow       *row = &self->rows[i];
      IumInstrumentStatus status;
      guint               n_instrument_hosts = ium_instrument_get_n_hosts (instrument);

      if (i % ROWS_PER_STEP == 0
          && !step (progress, cancellable, 0.2 + 0.5 * i / MAX (n, 1),
                    _ ("Going through the instruments"), error))
        return FALSE;

      ium_fleet_get_status (self->fleet, instrument, &status);
      row->instrument = instrument; /* the fleet holds a reference */
      row->name = ium_instrument_get_name (instrument);
      row->site = ium_instrument_get_site (instrument);
      row->release = status.release;
      row->target = status.target;
      row->behind = status.behind;
      row->flags = status.flags;
      row->hosts = &self->hosts[h];
      row->n_hosts = n_instrument_hosts;
      for (guint k = 0; k < n_instrument_hosts; k++, h++)
        {
          self->hosts[h].host = ium_instrument_get_host (instrument, k);
          self->hosts[h].release = ium_fleet_get_host_release (self->fleet, self->hosts[h].host);
        }
      g_hash_table_insert (self->rows_by_name, (gpointer) row->name, row);

      for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
        if (row->flags & (1u << bit))
          summary->by_flag[bit]++;
      if (row->release != NULL)
        {
          guint rank = release_rank (self->fleet, row->release);

          summary->by_tier[ium_release_get_tier (row->release)]++;
          if (rank == self->release_rank)
            summary->on_release++;
          else if (rank > self->release_rank)
            summary->newer++;
          else
            summary->older++;
        }
      else
        summary->n_no_release++;

      if (row->flags & IUM_FLAG_TOO_FAR_BEHIND)
        g_ptr_array_add (self->too_far_behind, row);
      if (row->flags & IUM_FLAG_UNSUPPORTED_TIER)
        g_ptr_array_add (self->unsupported_tier, row);
      if (row->flags & IUM_FLAG_PARTIAL)
        g_ptr_array_add (self->partial, row);
      if (row->flags & IUM_FLAG_CUSTOM)
        g_ptr_array_add (self->custom, row);
    }
  return TRUE;
}

static void
build_versions (IumReport *self)
{
  guint             n_releases = self->fleet->n_releases;
  g_autofree guint *counts = g_new0 (guint, MAX (n_releases, 1));

  for (guint i = 0; i < self->n_rows; i++)
    if (self->rows[i].release != NULL)
      counts[release_rank (self->fleet, self->rows[i].release)]++;

  for (guint r = n_releases; r-- > 0;)
    if (counts[r] > 0)
      {
        IumReportVersionCount count = { self->fleet->releases[r].release, counts[r] };
        g_array_append_val (self->versions, count);
      }
  if (self->summary.n_no_release > 0)
    {
      IumReportVersionCount count = { NULL, self->summary.n_no_release };
      g_array_append_val (self->versions, count);
    }
}

/* One upgrade per instrument from every rollout of the release; see docs/reports.md. */
static void
merge_rollouts (IumReport *self)
{
  g_autoptr (GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  Candidate     *candidate;
  guint          n = 0;

  for (guint r = 0; r < self->rollouts->len; r++)
    {
      const IumRollout *rollout = g_ptr_array_index (self->rollouts, r);

      for (guint u = 0; u < rollout->upgrades->len; u++)
        {
          Candidate  c = { rollout, g_ptr_array_index (rollout->upgrades, u) };
          Candidate *current;

          /* An upgrade of an instrument that has left the inventory is not reported. */
          if (!g_hash_table_contains (self->rows_by_name, c.upgrade->instrument))
            continue;
          current = g_hash_table_lookup (best, c.upgrade->instrument);
          if (current == NULL)
            g_hash_table_insert (best, c.upgrade->instrument, g_memdup2 (&c, sizeof c));
          else if (candidate_wins (&c, current))
            *current = c;
        }
    }

  self->n_upgrades = g_hash_table_size (best);
  self->upgrades = g_new0 (IumReportUpgrade, MAX (self->n_upgrades, 1));
  g_hash_table_iter_init (&iter, best);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &candidate))
    {
      IumReportUpgrade *upgrade = &self->upgrades[n++];

      upgrade->rollout = candidate->rollout;
      upgrade->upgrade = candidate->upgrade;
      upgrade->row = g_hash_table_lookup (self->rows_by_name, candidate->upgrade->instrument);
      upgrade->scheduled = candidate->upgrade->start != NULL;
      upgrade->start = parse_utc (candidate->upgrade->start);
      upgrade->end = MAX (parse_utc (candidate->upgrade->end), upgrade->start);
    }
  qsort (self->upgrades, self->n_upgrades, sizeof (IumReportUpgrade), compare_upgrades);

  /* Only now, in their final place, may the rows point at them. */
  for (guint i = 0; i < self->n_upgrades; i++)
    {
      IumReportUpgrade *upgrade = &self->upgrades[i];
      IumReportRow     *row = (IumReportRow *) upgrade->row;

      row->upgrade = upgrade;
      self->summary.n_in_rollout++;
      self->summary.by_state[upgrade->upgrade->state]++;
      if (!upgrade->scheduled && upgrade->upgrade->state == IUM_UPGRADE_PLANNED)
        self->summary.n_unscheduled++;
    }
}

static void
build_timeline (IumReport *self)
{
  g_autoptr (GHashTable) waves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64         first = 0, last = 0;
  gboolean       any = FALSE;
  GHashTableIter iter;
  IumReportWave *wave;

  for (guint i = 0; i < self->n_upgrades; i++)
    {
      const IumReportUpgrade *upgrade = &self->upgrades[i];
      g_autofree char        *key =
        g_strdup_printf ("%s\n%u", upgrade->rollout->name, upgrade->upgrade->wave);

      wave = g_hash_table_lookup (waves, key);
      if (wave == NULL)
        {
          wave = g_new0 (IumReportWave, 1);
          wave->rollout = upgrade->rollout;
          wave->wave = upgrade->upgrade->wave;
          g_hash_table_insert (waves, g_steal_pointer (&key), wave);
        }
      wave->n_upgrades++;
      wave->by_state[upgrade->upgrade->state]++;
      if (!upgrade->scheduled)
        {
          wave->n_unscheduled++;
          continue;
        }
      if (wave->n_upgrades - wave->n_unscheduled == 1 || upgrade->start < wave->start)
        wave->start = upgrade->start;
      wave->end = MAX (wave->end, upgrade->end);

      if (!any || upgrade->start < first)
        first = upgrade->start;
      if (!any || upgrade->start > last)
        last = upgrade->start;
      any = TRUE;
    }

  g_hash_table_iter_init (&iter, waves);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &wave))
    g_array_append_vals (self->waves, wave, 1);
  g_array_sort (self->waves, compare_waves);

  if (!any)
    return;
  first = day_of (first);
  last = day_of (last);
  g_array_set_size (self->timeline, (guint) ((last - first) / SECONDS_PER_DAY) + 1);
  for (guint d = 0; d < self->timeline->len; d++)
    g_array_index (self->timeline, IumReportDay, d).day = first + d * SECONDS_PER_DAY;
  for (guint i = 0; i < self->n_upgrades; i++)
    {
      const IumReportUpgrade *upgrade = &self->upgrades[i];
      guint                   d;

      if (!upgrade->scheduled)
        continue;
      d = (guint) ((day_of (upgrade->start) - first) / SECONDS_PER_DAY);
      g_array_index (self->timeline, IumReportDay, d).by_state[upgrade->upgrade->state]++;
    }
}

static void
build_clients (IumReport *self)
{
  gint64 since = g_date_time_to_unix (self->clients_since);
  g_autoptr (GHashTable) counted = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->all_clients == NULL)
    return;

  for (guint i = 0; i < self->all_clients->len; i++)
    {
      IumClientSeen *seen = g_ptr_array_index (self->all_clients, i);

      if (seen->last_seen < since)
        continue;
      if (seen->status != IUM_VERDICT_UPDATE_AVAILABLE && seen->status != IUM_VERDICT_INCOMPATIBLE)
        continue;
      g_ptr_array_add (self->clients, seen);
    }
  g_ptr_array_sort (self->clients, compare_clients);

  for (guint i = 0; i < self->clients->len; i++)
    {
      IumClientSeen *seen = g_ptr_array_index (self->clients, i);
      IumReportRow  *row = g_hash_table_lookup (self->rows_by_name, seen->instrument);

      if (seen->status == IUM_VERDICT_INCOMPATIBLE)
        self->summary.n_incompatible_clients++;
      else
        self->summary.n_outdated_clients++;
      g_hash_table_add (counted, seen->instrument);
      if (row == NULL)
        continue;
      if (seen->status == IUM_VERDICT_INCOMPATIBLE)
        row->n_incompatible_clients++;
      else
        row->n_outdated_clients++;
    }
  self->summary.n_instruments_with_clients = g_hash_table_size (counted);
}

static gboolean
rollout_targets (IumReport *self, const IumRollout *rollout)
{
  IumInventory *inventory = ium_fleet_get_inventory (self->fleet);

  return ium_inventory_lookup_release (inventory, rollout->release) == self->release;
}

gboolean
ium_report_build (IumReport               *self,
                  const IumReportProgress *progress,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  self->release_rank = release_rank (self->fleet, self->release);

  if (self->all_rollouts != NULL)
    for (guint i = 0; i < self->all_rollouts->len; i++)
      {
        IumRollout *rollout = g_ptr_array_index (self->all_rollouts, i);
        if (rollout_targets (self, rollout))
          g_ptr_array_add (self->rollouts, rollout);
      }
  g_ptr_array_sort (self->rollouts, compare_rollouts);

  if (!build_rows (self, progress, cancellable, error))
    return FALSE;
  build_versions (self);

  if (!step (progress, cancellable, 0.75, _ ("Merging the rollouts"), error))
    return FALSE;
  merge_rollouts (self);
  build_timeline (self);

  if (!step (progress, cancellable, 0.9, _ ("Reading the clients seen"), error))
    return FALSE;
  build_clients (self);

  /* Translators: the report's progress, finished. */
  ium_report_progress_report (progress, 1.0, C_ ("progress", "Done"));
  return TRUE;
}
