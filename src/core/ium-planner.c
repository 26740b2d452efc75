/* ium-planner.c: the staged rollout planner.
 *
 * The planner is a pure function of the inventory (through an IumFleet, which knows what every
 * instrument runs and how far behind it is) and a request. It follows the six rules of the
 * spec's "Planning a rollout":
 *
 *  1. Instruments already at or above the target are skipped ("already at X"), and so are
 *     instruments pinned to another release ("pinned to X").
 *  2. Each remaining instrument belongs to the first wave that selects it (an exact name,
 *     "tag:X", "site:X", or "rest": every instrument no earlier selector took). A selector that
 *     matches no instrument at all is an error, so a typo cannot silently drop instruments.
 *  3. Within a wave, instruments are placed by `behind` (largest first), then name.
 *  4. Each instrument gets the earliest start over the windows that apply to it: in a window,
 *     s = max(window start, wave start), then s + k days while the upgrade still ends inside
 *     the window (and by `until`); a start is taken when fewer than per_day upgrades of this
 *     rollout start on its UTC day and, for a non-patch target, the window overlaps no frozen
 *     cycle. Ties go to the window that starts first, then to its label.
 *  5. Wave 1 starts at `from`; wave k+1 starts soak days after the latest end of wave k, or
 *     when wave k started if wave k has nothing scheduled.
 *  6. Whatever finds no start is unscheduled with a reason. The constraints are checked in the
 *     order a window passes them: it applies to the instrument, it has time between the wave
 *     start and `until`, the upgrade fits in that time, it overlaps no frozen cycle, its days
 *     have room under per_day. The reason names the last of these that stopped any window,
 *     i.e. what stopped the windows that came closest:
 *       "no downtime window applies to X"
 *       "no downtime window before UNTIL" ("after the wave starts" without until)
 *       "every window is too short for a H h upgrade"
 *       "every window before UNTIL overlaps a frozen cycle (NAME)" (the first one hit)
 *       "the per-day limit (N) is reached on every day with room"
 *
 * Speed: windows are sorted once; each instrument looks only at the windows that apply to it
 * (the facility-wide ones merged with its own, both in sorted order), starting by binary search
 * at the first that can still end after the wave starts and stopping as soon as a window starts
 * at or after the best start found. Times are unix seconds; per-day counts live in a hash by
 * UTC day number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-planner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-planner.h"

#include "ium-time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_SECONDS  ((gint64) 86400)
#define HOUR_SECONDS ((gint64) 3600)
#define CANCEL_EVERY 256

struct _IumPlan
{
  GObject    parent_instance;

  char      *release;     /* owned */
  GPtrArray *upgrades;    /* owned, of IumPlannedUpgrade */
  GPtrArray *unscheduled; /* owned, of IumPlannedUpgrade */
  GPtrArray *skipped;     /* owned, of IumPlannedUpgrade */
  guint      n_waves;
};

G_DEFINE_FINAL_TYPE (IumPlan, ium_plan, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (ium-plan-error-quark, ium_plan_error)
/* clang-format on */

/* A window as the planner sees it. */
/* Why a window can take no more upgrades in the current wave. */
typedef enum
{
  ALIVE,
  DEAD_NO_TIME,   /* no time between the wave start and until */
  DEAD_TOO_SHORT, /* the upgrade does not fit in that time */
  DEAD_FROZEN,    /* it overlaps a frozen cycle and the target is not a patch */
  DEAD_PER_DAY,   /* every day it could start on is full */
} Dead;

typedef struct
{
  IumWindow  *window;       /* borrowed */
  guint       facility_pos; /* its position in Planner.facility, or G_MAXUINT */
  guint8      dead;         /* a Dead, for the current wave */
  gint64      start;
  gint64      end;
  const char *label;  /* borrowed from the window */
  int         frozen; /* index into Planner.frozen of the first frozen cycle it overlaps, or -1 */
} Win;

/* Windows in sorted order (indices into Planner.wins, ascending) and the longest of them.
 * The indices live in one flat array per kind, so building the lists of 100,000 instruments
 * costs no allocation per instrument. */
typedef struct
{
  const guint *idx;    /* borrowed from Planner.facility_idx or Planner.own_idx */
  guint        offset; /* into Planner.own_idx */
  guint        n;
  guint        last; /* the last window added, to drop a name listed twice */
  gint64       max_len;
} WinList;

typedef struct
{
  gint64      start;
  gint64      end;
  const char *name; /* borrowed */
} FrozenCycle;

typedef struct
{
  Win         *wins; /* owned */
  guint        n_wins;
  WinList      facility;     /* windows for every instrument */
  GArray      *facility_idx; /* owned, of guint */
  GHashTable  *own;          /* instrument name (borrowed) -> index + 1 into own_lists */
  GArray      *own_lists;    /* owned, of WinList: each instrument's own windows */
  guint       *own_idx;      /* owned */
  FrozenCycle *frozen;       /* owned */
  guint        n_frozen;
  GHashTable  *day_counts; /* UTC day number -> upgrades starting that day */
  guint        per_day;
  gint64       duration;
  gboolean     has_until;
  gint64       until;
  gboolean     patch;
  /* The current wave. */
  gint64       wave_start;
  guint       *facility_next; /* owned: next alive facility position, see facility_find() */
  guint        dead_kinds;    /* bit set of the Dead kinds of dead facility windows */
  guint        dead_frozen;   /* the first dead frozen facility window, or G_MAXUINT */
} Planner;

/* An instrument waiting for its place. */
typedef struct
{
  const char *name; /* borrowed */
  guint       behind;
  guint       wave;     /* from 1 */
  guint       position; /* in the inventory, which keeps instruments sorted by name */
} Item;

typedef enum
{
  STOP_NO_WINDOW, /* no window applies at all */
  STOP_NO_TIME,   /* none has time between the wave start and until */
  STOP_TOO_SHORT,
  STOP_PER_DAY,
  STOP_FROZEN, /* last: reasons are cached by STOP_FROZEN + the cycle's index */
} Stop;

/* Static helpers. */

static gint64
day_of (gint64 t)
{
  return t >= 0 ? t / DAY_SECONDS : -((-t + DAY_SECONDS - 1) / DAY_SECONDS);
}

static guint
day_count (Planner *planner, gint64 t)
{
  return GPOINTER_TO_UINT (
    g_hash_table_lookup (planner->day_counts, GINT_TO_POINTER ((int) day_of (t))));
}

static void
count_day (Planner *planner, gint64 t)
{
  gpointer key = GINT_TO_POINTER ((int) day_of (t));
  guint    n = GPOINTER_TO_UINT (g_hash_table_lookup (planner->day_counts, key));

  g_hash_table_insert (planner->day_counts, key, GUINT_TO_POINTER (n + 1));
}

/* Seconds since the epoch, rounded up so that nothing starts before @time. */
static gint64
to_unix_ceil (GDateTime *time)
{
  return g_date_time_to_unix (time) + (g_date_time_get_microsecond (time) > 0 ? 1 : 0);
}

static int
compare_wins (gconstpointer a, gconstpointer b)
{
  const Win *wa = a;
  const Win *wb = b;
  int        cmp;

  if (wa->start != wb->start)
    return wa->start < wb->start ? -1 : 1;
  cmp = strcmp (wa->label, wb->label);
  if (cmp != 0)
    return cmp;
  if (wa->end != wb->end)
    return wa->end < wb->end ? -1 : 1;
  return 0;
}

static int
compare_frozen (gconstpointer a, gconstpointer b)
{
  const FrozenCycle *ca = a;
  const FrozenCycle *cb = b;

  if (ca->start != cb->start)
    return ca->start < cb->start ? -1 : 1;
  return strcmp (ca->name, cb->name);
}

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const Item *ia = a;
  const Item *ib = b;

  if (ia->behind != ib->behind)
    return ia->behind > ib->behind ? -1 : 1;
  /* The same as comparing names (strcmp), without touching them. */
  return ia->position < ib->position ? -1 : ia->position > ib->position ? 1 : 0;
}

static int
compare_upgrades (gconstpointer a, gconstpointer b)
{
  const IumPlannedUpgrade *ua = *(IumPlannedUpgrade *const *) a;
  const IumPlannedUpgrade *ub = *(IumPlannedUpgrade *const *) b;
  int                      cmp = g_date_time_compare (ua->start, ub->start);

  return cmp != 0 ? cmp : strcmp (ua->instrument, ub->instrument);
}

static int
compare_by_instrument (gconstpointer a, gconstpointer b)
{
  const IumPlannedUpgrade *ua = *(IumPlannedUpgrade *const *) a;
  const IumPlannedUpgrade *ub = *(IumPlannedUpgrade *const *) b;

  return strcmp (ua->instrument, ub->instrument);
}

/* Counts window @index into @list; the indices are filled in later. */
static void
win_list_count (WinList *list, const Win *wins, guint index)
{
  /* A window that lists a name twice is still one window. */
  if (list->n > 0 && list->last == index)
    return;
  list->n++;
  list->last = index;
  list->max_len = MAX (list->max_len, wins[index].end - wins[index].start);
}

/* The first position in @list whose window could still end after @from: windows are in start
 * order and none is longer than max_len, so any starting before from - max_len ends before. */
static guint
win_list_lower_bound (const WinList *list, const Win *wins, gint64 from)
{
  gint64 threshold = from - list->max_len;
  guint  lo = 0, hi = list->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (wins[list->idx[mid]].start < threshold)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
planner_clear (Planner *planner)
{
  g_clear_pointer (&planner->wins, g_free);
  g_clear_pointer (&planner->facility_idx, g_array_unref);
  g_clear_pointer (&planner->own, g_hash_table_unref);
  g_clear_pointer (&planner->own_lists, g_array_unref);
  g_clear_pointer (&planner->own_idx, g_free);
  g_clear_pointer (&planner->frozen, g_free);
  g_clear_pointer (&planner->day_counts, g_hash_table_unref);
  g_clear_pointer (&planner->facility_next, g_free);
}

static void
planner_init (Planner              *planner,
              IumInventory         *inventory,
              const IumPlanRequest *request,
              gboolean              patch)
{
  GListModel *windows = ium_inventory_get_windows (inventory);
  GListModel *cycles = ium_inventory_get_cycles (inventory);
  guint       n_cycles = g_list_model_get_n_items (cycles);

  memset (planner, 0, sizeof *planner);
  planner->per_day = request->per_day;
  planner->duration = (gint64) request->hours * HOUR_SECONDS;
  planner->has_until = request->until != NULL;
  planner->until = request->until != NULL ? g_date_time_to_unix (request->until) : 0;
  planner->patch = patch;
  planner->day_counts = g_hash_table_new (g_direct_hash, g_direct_equal);

  /* Frozen cycles matter only for a non-patch target. */
  planner->frozen = g_new0 (FrozenCycle, MAX (n_cycles, 1));
  for (guint i = 0; i < n_cycles && !patch; i++)
    {
      g_autoptr (IumCycle) cycle = g_list_model_get_item (cycles, i);

      if (!ium_cycle_get_freeze (cycle))
        continue;
      planner->frozen[planner->n_frozen].start = g_date_time_to_unix (ium_cycle_get_start (cycle));
      planner->frozen[planner->n_frozen].end = to_unix_ceil (ium_cycle_get_end (cycle));
      planner->frozen[planner->n_frozen].name = ium_cycle_get_name (cycle);
      planner->n_frozen++;
    }
  qsort (planner->frozen, planner->n_frozen, sizeof (FrozenCycle), compare_frozen);

  planner->n_wins = g_list_model_get_n_items (windows);
  planner->wins = g_new0 (Win, MAX (planner->n_wins, 1));
  for (guint i = 0; i < planner->n_wins; i++)
    {
      g_autoptr (IumWindow) window = g_list_model_get_item (windows, i);
      Win        *w = &planner->wins[i];
      const char *label = ium_window_get_label (window);

      /* The inventory holds a reference, so a borrowed pointer outlives the plan. */
      w->window = window;
      w->start = to_unix_ceil (ium_window_get_start (window));
      w->end = g_date_time_to_unix (ium_window_get_end (window));
      w->label = label != NULL ? label : "";
      w->frozen = -1;
      /* Cycles are few; the first frozen one (by start) that overlaps names the reason. */
      for (guint c = 0; c < planner->n_frozen; c++)
        if (w->start < planner->frozen[c].end && planner->frozen[c].start < w->end)
          {
            w->frozen = (int) c;
            break;
          }
    }
  qsort (planner->wins, planner->n_wins, sizeof (Win), compare_wins);

  planner->facility_idx = g_array_new (FALSE, FALSE, sizeof (guint));
  planner->own = g_hash_table_new (g_str_hash, g_str_equal);
  planner->own_lists = g_array_new (FALSE, TRUE, sizeof (WinList));
  /* First pass: the facility list, and how many windows each instrument has of its own. */
  for (guint i = 0; i < planner->n_wins; i++)
    {
      const char *const *names = ium_window_get_instruments (planner->wins[i].window);

      planner->wins[i].facility_pos = G_MAXUINT;
      if (names == NULL)
        {
          planner->wins[i].facility_pos = planner->facility_idx->len;
          g_array_append_val (planner->facility_idx, i);
          planner->facility.max_len =
            MAX (planner->facility.max_len, planner->wins[i].end - planner->wins[i].start);
          continue;
        }
      for (guint n = 0; names[n] != NULL; n++)
        {
          guint group = GPOINTER_TO_UINT (g_hash_table_lookup (planner->own, names[n]));

          if (group == 0)
            {
              WinList empty = { 0 };

              g_array_append_val (planner->own_lists, empty);
              group = planner->own_lists->len;
              g_hash_table_insert (planner->own, (gpointer) names[n], GUINT_TO_POINTER (group));
            }
          win_list_count (&g_array_index (planner->own_lists, WinList, group - 1), planner->wins,
                          i);
        }
    }
  planner->facility.idx = (const guint *) planner->facility_idx->data;
  planner->facility.n = planner->facility_idx->len;

  /* Second pass: fill each own list, in window order. */
  {
    guint total = 0;

    for (guint g = 0; g < planner->own_lists->len; g++)
      {
        WinList *list = &g_array_index (planner->own_lists, WinList, g);

        list->offset = total;
        total += list->n;
        list->n = 0;
      }
    planner->own_idx = g_new (guint, MAX (total, 1));
    for (guint g = 0; g < planner->own_lists->len; g++)
      g_array_index (planner->own_lists, WinList, g).idx =
        planner->own_idx + g_array_index (planner->own_lists, WinList, g).offset;
    for (guint i = 0; i < planner->n_wins; i++)
      {
        const char *const *names = ium_window_get_instruments (planner->wins[i].window);

        for (guint n = 0; names != NULL && names[n] != NULL; n++)
          {
            guint    group = GPOINTER_TO_UINT (g_hash_table_lookup (planner->own, names[n]));
            WinList *list = &g_array_index (planner->own_lists, WinList, group - 1);

            if (list->n > 0 && list->idx[list->n - 1] == i)
              continue;
            planner->own_idx[list->offset + list->n++] = i;
          }
      }
  }
  planner->facility_next = g_new (guint, planner->facility.n + 1);
}

/* Reset at the start of every wave: no window is dead yet. */
static void
planner_start_wave (Planner *planner, gint64 wave_start)
{
  planner->wave_start = wave_start;
  for (guint i = 0; i < planner->n_wins; i++)
    planner->wins[i].dead = ALIVE;
  for (guint p = 0; p <= planner->facility.n; p++)
    planner->facility_next[p] = p;
  planner->dead_kinds = 0;
  planner->dead_frozen = G_MAXUINT;
}

/* The first facility position at or after @p whose window is alive (path halving). */
static guint
facility_find (Planner *planner, guint p)
{
  guint *next = planner->facility_next;

  while (next[p] != p)
    {
      next[p] = next[next[p]];
      p = next[p];
    }
  return p;
}

/* Looks at window @index for a start earlier than *best (any start when !found). Whether a
 * window can still take an upgrade does not depend on the instrument, and per-day counts
 * only grow within a wave, so a window that has no start left is marked dead for the rest of
 * the wave with the reason why, and nobody looks at it again. Returns TRUE with *start set
 * when it found one. */
static gboolean
try_window (Planner *planner, guint index, gboolean found, gint64 best, gint64 *start)
{
  Win   *w = &planner->wins[index];
  gint64 lo = MAX (w->start, planner->wave_start);
  gint64 hi = planner->has_until ? MIN (w->end, planner->until) : w->end;
  Dead   dead;

  if (lo >= hi)
    dead = DEAD_NO_TIME;
  else if (lo + planner->duration > hi)
    dead = DEAD_TOO_SHORT;
  else if (w->frozen >= 0)
    dead = DEAD_FROZEN;
  else
    {
      /* The same time of day on each following day of the window. */
      for (gint64 s = lo; s + planner->duration <= hi; s += DAY_SECONDS)
        {
          if (found && s >= best)
            return FALSE;
          if (day_count (planner, s) < planner->per_day)
            {
              *start = s;
              return TRUE;
            }
        }
      dead = DEAD_PER_DAY;
    }

  w->dead = dead;
  if (w->facility_pos != G_MAXUINT)
    {
      planner->facility_next[w->facility_pos] = w->facility_pos + 1;
      planner->dead_kinds |= 1u << dead;
      if (dead == DEAD_FROZEN)
        planner->dead_frozen = MIN (planner->dead_frozen, index);
    }
  return FALSE;
}

/* Finds the earliest start for @name in the current wave. Returns TRUE with *start and *win
 * set, else FALSE with *stop (and *frozen, the cycle for STOP_FROZEN) saying why. */
static gboolean
place (Planner *planner, const char *name, gint64 *start, guint *win, Stop *stop, int *frozen)
{
  guint          group = GPOINTER_TO_UINT (g_hash_table_lookup (planner->own, name));
  const WinList *own = group > 0 ? &g_array_index (planner->own_lists, WinList, group - 1) : NULL;
  const WinList *facility = &planner->facility;
  guint          n_fac = facility->n;
  guint          n_own = own != NULL ? own->n : 0;
  guint          i =
    facility_find (planner, win_list_lower_bound (facility, planner->wins, planner->wave_start));
  guint    j = own != NULL ? win_list_lower_bound (own, planner->wins, planner->wave_start) : 0;
  gboolean found = FALSE;
  guint    kinds = 0;
  guint    first_frozen = G_MAXUINT;
  gint64   best = 0;
  guint    best_win = 0;

  if (n_fac == 0 && n_own == 0)
    {
      *stop = STOP_NO_WINDOW;
      return FALSE;
    }

  /* Merge the two lists (both hold indices in window order), skipping dead facility
   * windows; what killed them is summed up in planner->dead_kinds. */
  while (i < n_fac || j < n_own)
    {
      guint      index;
      const Win *w;
      gint64     candidate = 0;

      if (j >= n_own || (i < n_fac && facility->idx[i] < own->idx[j]))
        {
          index = facility->idx[i];
          i = facility_find (planner, i + 1);
        }
      else
        index = own->idx[j++];
      w = &planner->wins[index];

      /* Every later window starts no earlier, so none can do better (ties go to the earlier
       * window) or end by until. */
      if (found && w->start >= best)
        break;
      if (planner->has_until && w->start >= planner->until)
        break;

      if (w->dead == ALIVE && try_window (planner, index, found, best, &candidate))
        {
          found = TRUE;
          best = candidate;
          best_win = index;
          continue;
        }
      if (w->dead != ALIVE)
        {
          kinds |= 1u << w->dead;
          if (w->dead == DEAD_FROZEN)
            first_frozen = MIN (first_frozen, index);
        }
    }

  if (found)
    {
      *start = best;
      *win = best_win;
      return TRUE;
    }

  kinds |= planner->dead_kinds;
  first_frozen = MIN (first_frozen, planner->dead_frozen);
  if (kinds & (1u << DEAD_PER_DAY))
    *stop = STOP_PER_DAY;
  else if (kinds & (1u << DEAD_FROZEN))
    {
      *stop = STOP_FROZEN;
      *frozen = planner->wins[first_frozen].frozen;
    }
  else if (kinds & (1u << DEAD_TOO_SHORT))
    *stop = STOP_TOO_SHORT;
  else
    *stop = STOP_NO_TIME;
  return FALSE;
}

static GDateTime *
utc_from_unix (gint64 t)
{
  return g_date_time_new_from_unix_utc (t);
}

/* "2025-06-30" when @until is midnight UTC, else the full UTC timestamp. */
static char *
format_until (GDateTime *until)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (until);

  if (g_date_time_get_hour (utc) == 0 && g_date_time_get_minute (utc) == 0
      && g_date_time_get_seconds (utc) == 0.0)
    return g_date_time_format (utc, "%Y-%m-%d");
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
describe_stop (
  const Planner *planner, const IumPlanRequest *request, const char *name, Stop stop, int frozen)
{
  g_autofree char *until = request->until != NULL ? format_until (request->until) : NULL;
  g_autofree char *when =
    until != NULL ? g_strdup_printf ("before %s", until) : g_strdup ("after the wave starts");

  switch (stop)
    {
    case STOP_NO_WINDOW:
      return g_strdup_printf ("no downtime window applies to %s", name);
    case STOP_NO_TIME:
      return g_strdup_printf ("no downtime window %s", when);
    case STOP_TOO_SHORT:
      return g_strdup_printf ("every window is too short for a %u h upgrade", request->hours);
    case STOP_FROZEN:
      return g_strdup_printf ("every window %s overlaps a frozen cycle (%s)", when,
                              planner->frozen[frozen].name);
    case STOP_PER_DAY:
      return g_strdup_printf ("the per-day limit (%u) is reached on every day with room",
                              request->per_day);
    default:
      g_assert_not_reached ();
    }
}

static IumPlannedUpgrade *
planned_upgrade_new (const char *instrument, guint wave, char *reason)
{
  IumPlannedUpgrade *upgrade = g_new0 (IumPlannedUpgrade, 1);

  upgrade->instrument = g_strdup (instrument);
  upgrade->wave = wave;
  upgrade->reason = reason;
  return upgrade;
}

static gboolean
set_bad_selector (GError **error, guint wave, const char *selector, const char *why)
{
  g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID, _ ("wave %u: selector “%s” %s"), wave,
               selector, why);
  return FALSE;
}

/* Assigns wave numbers (from 1) in @wave_of, indexed like the inventory's instruments; 0 means
 * no wave selects it. */
static gboolean
select_waves (IumInventory         *inventory,
              const IumPlanRequest *request,
              guint                *wave_of,
              GError              **error)
{
  GListModel *instruments = ium_inventory_get_instruments (inventory);
  guint       n = g_list_model_get_n_items (instruments);
  g_autoptr (GPtrArray) objects = NULL;
  g_autoptr (GHashTable) index_of = NULL;

  if (request->waves == NULL || request->waves->len == 0)
    {
      for (guint i = 0; i < n; i++)
        wave_of[i] = 1;
      return TRUE;
    }

  objects = g_ptr_array_new_full (n, g_object_unref);
  index_of = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      IumInstrument *instrument = g_list_model_get_item (instruments, i);

      g_ptr_array_add (objects, instrument);
      g_hash_table_insert (index_of, (gpointer) ium_instrument_get_name (instrument),
                           GUINT_TO_POINTER (i + 1));
    }

  for (guint w = 0; w < request->waves->len; w++)
    {
      const char *const *selectors = g_ptr_array_index (request->waves, w);
      guint              wave = w + 1;

      if (selectors == NULL || selectors[0] == NULL)
        {
          g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                       _ ("wave %u has no selectors"), wave);
          return FALSE;
        }

      for (guint s = 0; selectors[s] != NULL; s++)
        {
          const char *selector = selectors[s];

          if (g_str_equal (selector, "rest"))
            {
              for (guint i = 0; i < n; i++)
                if (wave_of[i] == 0)
                  wave_of[i] = wave;
            }
          else if (g_str_has_prefix (selector, "tag:") || g_str_has_prefix (selector, "site:"))
            {
              gboolean    tag = selector[0] == 't';
              const char *value = selector + (tag ? 4 : 5);
              gboolean    matched = FALSE;

              if (value[0] == '\0')
                return set_bad_selector (error, wave, selector, "names no tag or site");
              for (guint i = 0; i < n; i++)
                {
                  IumInstrument *instrument = g_ptr_array_index (objects, i);
                  gboolean       hit = tag ? ium_instrument_has_tag (instrument, value)
                                           : g_strcmp0 (ium_instrument_get_site (instrument), value) == 0;

                  if (!hit)
                    continue;
                  matched = TRUE;
                  if (wave_of[i] == 0)
                    wave_of[i] = wave;
                }
              if (!matched)
                return set_bad_selector (error, wave, selector,
                                         tag ? "matches no instrument: none has that tag"
                                             : "matches no instrument: none is at that site");
            }
          else
            {
              guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, selector));

              if (i == 0)
                return set_bad_selector (error, wave, selector,
                                         "matches no instrument: none has that name");
              if (wave_of[i - 1] == 0)
                wave_of[i - 1] = wave;
            }
        }
    }

  return TRUE;
}

static void
ium_plan_finalize (GObject *object)
{
  IumPlan *self = IUM_PLAN (object);

  g_clear_pointer (&self->release, g_free);
  g_clear_pointer (&self->upgrades, g_ptr_array_unref);
  g_clear_pointer (&self->unscheduled, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);

  G_OBJECT_CLASS (ium_plan_parent_class)->finalize (object);
}

static void
ium_plan_class_init (IumPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ium_plan_finalize;
}

static void
ium_plan_init (IumPlan *self)
{
  self->upgrades = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_planned_upgrade_free);
  self->unscheduled = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_planned_upgrade_free);
  self->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_planned_upgrade_free);
}

/* Public API. */

/**
 * ium_plan_parse_time:
 * @text: "2025-03-04T08:00:00Z" or "2025-03-04"
 * @end_of_day: for a date, the end of that day instead of its start
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the instant, or %NULL with an IUM_PLAN_ERROR_INVALID
 *   error quoting @text
 */
GDateTime *
ium_plan_parse_time (const char *text, gboolean end_of_day, GError **error)
{
  g_autoptr (GDateTime) day = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text != NULL && strchr (text, 'T') == NULL && strchr (text, 't') == NULL)
    {
      int year, month, mday;

      if (!ium_date_validate (text, NULL) || sscanf (text, "%d-%d-%d", &year, &month, &mday) != 3)
        {
          g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                       _ ("“%s” is not a date (YYYY-MM-DD) or an RFC 3339 time such as "
                          "2025-03-04T08:00:00Z"),
                       text);
          return NULL;
        }
      day = g_date_time_new_utc (year, month, mday, 0, 0, 0);
      if (day == NULL)
        {
          g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID, _ ("“%s” is out of range"),
                       text);
          return NULL;
        }
      return end_of_day ? g_date_time_add_days (day, 1) : g_steal_pointer (&day);
    }
  else
    {
      g_autoptr (GError) local = NULL;
      GDateTime *time = ium_timestamp_parse (text, &local);

      if (time == NULL)
        {
          g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                       _ ("“%s” is not a date (YYYY-MM-DD) or an RFC 3339 time such as "
                          "2025-03-04T08:00:00Z"),
                       text != NULL ? text : "");
          return NULL;
        }
      return time;
    }
}

/**
 * ium_planned_upgrade_copy:
 * @upgrade: an upgrade
 *
 * Returns: (transfer full): a deep copy
 */
IumPlannedUpgrade *
ium_planned_upgrade_copy (const IumPlannedUpgrade *upgrade)
{
  IumPlannedUpgrade *copy;

  g_return_val_if_fail (upgrade != NULL, NULL);

  copy = g_new0 (IumPlannedUpgrade, 1);
  copy->instrument = g_strdup (upgrade->instrument);
  copy->wave = upgrade->wave;
  copy->start = upgrade->start != NULL ? g_date_time_ref (upgrade->start) : NULL;
  copy->end = upgrade->end != NULL ? g_date_time_ref (upgrade->end) : NULL;
  copy->window = g_strdup (upgrade->window);
  copy->reason = g_strdup (upgrade->reason);
  return copy;
}

/**
 * ium_planned_upgrade_free:
 * @upgrade: (nullable): an upgrade
 */
void
ium_planned_upgrade_free (IumPlannedUpgrade *upgrade)
{
  if (upgrade == NULL)
    return;
  g_free (upgrade->instrument);
  g_clear_pointer (&upgrade->start, g_date_time_unref);
  g_clear_pointer (&upgrade->end, g_date_time_unref);
  g_free (upgrade->window);
  g_free (upgrade->reason);
  g_free (upgrade);
}

/**
 * ium_plan_request_new:
 * @inventory: (nullable): the inventory whose policy gives the defaults
 * @release: the target release version
 *
 * Returns: (transfer full): a request for one wave of every instrument from now, with the
 *   policy's per-day limit, upgrade hours and soak days (the spec's defaults without
 *   @inventory)
 */
IumPlanRequest *
ium_plan_request_new (IumInventory *inventory, const char *release)
{
  IumPolicy        defaults = IUM_POLICY_INIT;
  const IumPolicy *policy = &defaults;
  IumPlanRequest  *request;

  g_return_val_if_fail (inventory == NULL || IUM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (release != NULL, NULL);

  if (inventory != NULL)
    policy = ium_inventory_get_policy (inventory);

  request = g_new0 (IumPlanRequest, 1);
  request->release = g_strdup (release);
  request->waves = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  request->from = g_date_time_new_now_utc ();
  request->per_day = policy->max_upgrades_per_day;
  request->hours = policy->upgrade_hours;
  request->soak_days = policy->soak_days;
  request->fixed = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_planned_upgrade_free);
  return request;
}

/**
 * ium_plan_request_free:
 * @request: (nullable): a request
 */
void
ium_plan_request_free (IumPlanRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->release);
  g_clear_pointer (&request->waves, g_ptr_array_unref);
  g_clear_pointer (&request->from, g_date_time_unref);
  g_clear_pointer (&request->until, g_date_time_unref);
  g_clear_pointer (&request->fixed, g_ptr_array_unref);
  g_free (request);
}

/**
 * ium_plan_request_add_wave:
 * @request: a request
 * @selectors: comma-separated selectors, e.g. "LARMOR,ZOOM" or "tag:sans"
 *
 * Spaces around each selector are dropped, and so are empty ones; a wave left with no
 * selector is refused by ium_plan_new().
 */
void
ium_plan_request_add_wave (IumPlanRequest *request, const char *selectors)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (request != NULL);
  g_return_if_fail (selectors != NULL);

  parts = g_strsplit (selectors, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  if (request->waves == NULL)
    request->waves = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (request->waves, g_strv_builder_end (builder));
}

/**
 * ium_plan_new:
 * @fleet: the fleet of the inventory to plan over
 * @request: what to plan
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Plans @request by the spec's six rules (see the top of this file for the order in which
 * the reasons of unscheduled instruments are chosen).
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with an IUM_PLAN_ERROR (or
 *   G_IO_ERROR_CANCELLED) error
 */
IumPlan *
ium_plan_new (IumFleet             *fleet,
              const IumPlanRequest *request,
              GCancellable         *cancellable,
              GError              **error)
{
  IumInventory     *inventory;
  IumRelease       *target;
  GListModel       *instruments;
  guint             n, n_waves;
  g_autofree guint *wave_of = NULL;
  g_autoptr (GHashTable) fixed_names = NULL;
  g_autofree gint64 *fixed_latest = NULL;
  g_autoptr (GArray) items = NULL;
  g_autoptr (IumPlan) self = NULL;
  g_autoptr (GPtrArray) reasons = NULL;
  Planner planner;
  gint64  wave_start;

  g_return_val_if_fail (IUM_IS_FLEET (fleet), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->release != NULL, NULL);
  g_return_val_if_fail (request->from != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  inventory = ium_fleet_get_inventory (fleet);
  target = ium_inventory_lookup_release (inventory, request->release);
  if (target == NULL)
    {
      g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_UNKNOWN_RELEASE,
                   _ ("unknown release “%s”"), request->release);
      return NULL;
    }
  if (request->per_day == 0)
    {
      g_set_error_literal (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                           _ ("the per-day limit must be at least 1"));
      return NULL;
    }
  if (request->hours == 0)
    {
      g_set_error_literal (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                           _ ("an upgrade must take at least 1 hour"));
      return NULL;
    }
  if (request->until != NULL && g_date_time_compare (request->until, request->from) <= 0)
    {
      g_autofree char *from = ium_timestamp_format (request->from);
      g_autofree char *until = ium_timestamp_format (request->until);

      g_set_error (error, IUM_PLAN_ERROR, IUM_PLAN_ERROR_INVALID,
                   _ ("the end of the plan (%s) is not after its start (%s)"), until, from);
      return NULL;
    }

  instruments = ium_inventory_get_instruments (inventory);
  n = g_list_model_get_n_items (instruments);
  n_waves = request->waves != NULL && request->waves->len > 0 ? request->waves->len : 1;

  wave_of = g_new0 (guint, MAX (n, 1));
  if (!select_waves (inventory, request, wave_of, error))
    return NULL;

  self = g_object_new (IUM_TYPE_PLAN, NULL);
  self->release = g_strdup (ium_release_get_version_text (target));
  self->n_waves = n_waves;

  planner_init (&planner, inventory, request, ium_release_is_patch (target));
  reasons = g_ptr_array_new_with_free_func (g_free);
  /* One allocation each instead of a run of reallocations. */
  g_ptr_array_unref (self->unscheduled);
  self->unscheduled = g_ptr_array_new_full (n, (GDestroyNotify) ium_planned_upgrade_free);

  /* Upgrades that already happened keep their day and their wave's end. */
  fixed_names = g_hash_table_new (g_str_hash, g_str_equal);
  fixed_latest = g_new (gint64, n_waves + 1);
  for (guint w = 0; w <= n_waves; w++)
    fixed_latest[w] = G_MININT64;
  for (guint f = 0; request->fixed != NULL && f < request->fixed->len; f++)
    {
      const IumPlannedUpgrade *fixed = g_ptr_array_index (request->fixed, f);

      if (fixed->instrument != NULL)
        g_hash_table_add (fixed_names, fixed->instrument);
      if (fixed->start != NULL)
        count_day (&planner, g_date_time_to_unix (fixed->start));
      if (fixed->end != NULL && fixed->wave >= 1 && fixed->wave <= n_waves)
        {
          gint64 end = to_unix_ceil (fixed->end);

          fixed_latest[fixed->wave] = MAX (fixed_latest[fixed->wave], end);
        }
    }

  /* Rule 1, then the wave of what is left. */
  items = g_array_sized_new (FALSE, FALSE, sizeof (Item), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      const char         *name = ium_instrument_get_name (instrument);
      const char         *pin = ium_instrument_get_pin (instrument);
      IumInstrumentStatus status;

      if (i % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          planner_clear (&planner);
          return NULL;
        }
      /* Instruments selected by no wave are not part of the rollout, not even skipped. */
      if (wave_of[i] == 0
          || (g_hash_table_size (fixed_names) > 0 && g_hash_table_contains (fixed_names, name)))
        continue;

      ium_fleet_get_status (fleet, instrument, &status);
      if (status.release != NULL
          && ium_version_compare (ium_release_get_version (status.release),
                                  ium_release_get_version (target))
               >= 0)
        {
          g_ptr_array_add (
            self->skipped,
            planned_upgrade_new (
              name, wave_of[i],
              g_strdup_printf ("already at %s", ium_release_get_version_text (status.release))));
          continue;
        }
      if (pin != NULL && ium_inventory_lookup_release (inventory, pin) != target)
        {
          g_ptr_array_add (
            self->skipped,
            planned_upgrade_new (name, wave_of[i], g_strdup_printf ("pinned to %s", pin)));
          continue;
        }
      g_array_append_val (items, ((Item){ name, status.behind, wave_of[i], i }));
    }

  /* Rule 3: stable order within each wave; waves are placed one after another. */
  g_array_sort (items, compare_items);

  wave_start = to_unix_ceil (request->from);
  for (guint wave = 1, placed = 0; wave <= n_waves; wave++)
    {
      gint64 latest = fixed_latest[wave];

      planner_start_wave (&planner, wave_start);

      for (guint k = 0; k < items->len; k++)
        {
          Item  *item = &g_array_index (items, Item, k);
          gint64 start = 0;
          guint  win = 0;
          Stop   stop = STOP_NO_WINDOW;
          int    frozen = -1;

          if (item->wave != wave)
            continue;
          if (placed++ % CANCEL_EVERY == 0
              && g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              planner_clear (&planner);
              return NULL;
            }

          if (place (&planner, item->name, &start, &win, &stop, &frozen))
            {
              IumPlannedUpgrade *upgrade = planned_upgrade_new (item->name, wave, NULL);
              gint64             end = start + planner.duration;

              upgrade->start = utc_from_unix (start);
              upgrade->end = utc_from_unix (end);
              upgrade->window = g_strdup (planner.wins[win].label);
              g_ptr_array_add (self->upgrades, upgrade);
              count_day (&planner, start);
              latest = MAX (latest, end);
            }
          else
            {
              /* Reasons other than "applies to NAME" repeat: write each once. */
              guint slot = stop == STOP_FROZEN ? STOP_FROZEN + (guint) frozen : stop;
              char *reason;

              if (stop == STOP_NO_WINDOW)
                reason = describe_stop (&planner, request, item->name, stop, frozen);
              else
                {
                  if (slot >= reasons->len)
                    g_ptr_array_set_size (reasons, slot + 1);
                  if (g_ptr_array_index (reasons, slot) == NULL)
                    reasons->pdata[slot] =
                      describe_stop (&planner, request, item->name, stop, frozen);
                  reason = g_strdup (g_ptr_array_index (reasons, slot));
                }
              g_ptr_array_add (self->unscheduled, planned_upgrade_new (item->name, wave, reason));
            }
        }

      /* Rule 5. */
      if (latest != G_MININT64)
        wave_start = latest + (gint64) request->soak_days * DAY_SECONDS;
    }

  planner_clear (&planner);

  g_ptr_array_sort (self->upgrades, compare_upgrades);
  g_ptr_array_sort (self->skipped, compare_by_instrument);

  return g_steal_pointer (&self);
}

/**
 * ium_plan_get_release:
 * @self: a plan
 *
 * Returns: the target release's version as the inventory writes it
 */
const char *
ium_plan_get_release (IumPlan *self)
{
  g_return_val_if_fail (IUM_IS_PLAN (self), NULL);

  return self->release;
}

/**
 * ium_plan_get_upgrades:
 * @self: a plan
 *
 * Returns: (transfer none) (element-type IumPlannedUpgrade): the scheduled upgrades by start,
 *   then instrument name
 */
GPtrArray *
ium_plan_get_upgrades (IumPlan *self)
{
  g_return_val_if_fail (IUM_IS_PLAN (self), NULL);

  return self->upgrades;
}

/**
 * ium_plan_get_unscheduled:
 * @self: a plan
 *
 * Returns: (transfer none) (element-type IumPlannedUpgrade): instruments that found no start,
 *   each with its wave and reason, in wave then placement order
 */
GPtrArray *
ium_plan_get_unscheduled (IumPlan *self)
{
  g_return_val_if_fail (IUM_IS_PLAN (self), NULL);

  return self->unscheduled;
}

/**
 * ium_plan_get_skipped:
 * @self: a plan
 *
 * Returns: (transfer none) (element-type IumPlannedUpgrade): skipped instruments by name, each
 *   with its reason and the wave that selected it
 */
GPtrArray *
ium_plan_get_skipped (IumPlan *self)
{
  g_return_val_if_fail (IUM_IS_PLAN (self), NULL);

  return self->skipped;
}

/**
 * ium_plan_get_n_waves:
 * @self: a plan
 *
 * Returns: the number of waves (1 when the request had none)
 */
guint
ium_plan_get_n_waves (IumPlan *self)
{
  g_return_val_if_fail (IUM_IS_PLAN (self), 0);

  return self->n_waves;
}

static void
add_time (JsonBuilder *builder, const char *member, GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

/**
 * ium_plan_to_json:
 * @self: a plan
 *
 * Returns: (transfer full): the spec's plan object: release, upgrades, unscheduled, skipped;
 *   times in UTC
 */
JsonNode *
ium_plan_to_json (IumPlan *self)
{
  g_autoptr (JsonBuilder) builder = NULL;

  g_return_val_if_fail (IUM_IS_PLAN (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "release");
  json_builder_add_string_value (builder, self->release);

  json_builder_set_member_name (builder, "upgrades");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->upgrades->len; i++)
    {
      IumPlannedUpgrade *upgrade = g_ptr_array_index (self->upgrades, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "instrument");
      json_builder_add_string_value (builder, upgrade->instrument);
      json_builder_set_member_name (builder, "wave");
      json_builder_add_int_value (builder, upgrade->wave);
      add_time (builder, "start", upgrade->start);
      add_time (builder, "end", upgrade->end);
      json_builder_set_member_name (builder, "window");
      json_builder_add_string_value (builder, upgrade->window);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "unscheduled");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->unscheduled->len; i++)
    {
      IumPlannedUpgrade *upgrade = g_ptr_array_index (self->unscheduled, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "instrument");
      json_builder_add_string_value (builder, upgrade->instrument);
      json_builder_set_member_name (builder, "wave");
      json_builder_add_int_value (builder, upgrade->wave);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, upgrade->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->skipped->len; i++)
    {
      IumPlannedUpgrade *upgrade = g_ptr_array_index (self->skipped, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "instrument");
      json_builder_add_string_value (builder, upgrade->instrument);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, upgrade->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
