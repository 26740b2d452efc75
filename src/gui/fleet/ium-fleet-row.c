/* ium-fleet-row.c: one instrument as the fleet view shows it, built off the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-fleet-row.h"

#include "ium-enums.h"

struct _IumFleetRow
{
  GObject        parent_instance;

  IumInstrument *instrument; /* owned */
  IumRelease    *release;    /* owned, nullable */
  IumRelease    *target;     /* owned, nullable */
  /* Borrowed from the release (held) or the translation; 10,000 rows hold no copies. */
  const char    *release_text;
  const char    *tags;             /* interned: a facility repeats a few combinations of tags */
  char          *next_window;      /* owned reference: a GRefString, one per window */
  char          *planned;          /* owned */
  char          *planned_detail;   /* owned */
  char          *search_text;      /* owned */
  gint64         next_window_time; /* G_MAXINT64 when there is none */
  gint64         planned_time;     /* G_MAXINT64 when there is none */
  int            release_rank;     /* -1 when custom */
  int            target_rank;      /* -1 when there is no target */
  guint          behind;
  IumStatusFlags flags;
};

enum
{
  PROP_0,
  PROP_INSTRUMENT,
  PROP_NAME,
  PROP_SITE,
  PROP_TAGS,
  PROP_RELEASE,
  PROP_RELEASE_RANK,
  PROP_TIER,
  PROP_TIER_RANK,
  PROP_TARGET,
  PROP_TARGET_RANK,
  PROP_BEHIND,
  PROP_FLAGS,
  PROP_SEVERITY,
  PROP_NEXT_WINDOW,
  PROP_NEXT_WINDOW_TIME,
  PROP_PLANNED,
  PROP_PLANNED_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumFleetRow, ium_fleet_row, G_TYPE_OBJECT)

/* Worst first: the order in which the flags column sorts descending. */
static const IumStatusFlags severity_order[] = {
  IUM_FLAG_TOO_FAR_BEHIND,   IUM_FLAG_PARTIAL, IUM_FLAG_CUSTOM, IUM_FLAG_UPDATE_AVAILABLE,
  IUM_FLAG_UNSUPPORTED_TIER, IUM_FLAG_BUSY,    IUM_FLAG_PINNED, IUM_FLAG_UP_TO_DATE,
};

static char *
format_when (GDateTime *when, GDateTime *now)
{
  /* In @now's time zone: g_date_time_to_local() would look the local zone up again for every
   * one of 10,000 rows (a readlink() each). */
  g_autoptr (GDateTime) local = g_date_time_to_timezone (when, g_date_time_get_timezone (now));

  /* Translators: a date and time in the fleet's columns, this year (strftime format). */
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    return g_date_time_format (local, _ ("%a %-d %b, %H:%M"));
  /* Translators: a date and time in the fleet's columns, another year (strftime format). */
  return g_date_time_format (local, _ ("%-d %b %Y, %H:%M"));
}

/* The first window that has not ended by @now, for each instrument: one facility-wide
 * window (the earliest) and a table of windows that name instruments. */
typedef struct
{
  IumWindow  *all;     /* borrowed */
  GHashTable *by_name; /* name -> IumWindow, borrowed */
  GHashTable *texts;   /* IumWindow -> its start as shown (GRefString), owned */
} NextWindows;

static void
next_windows_init (NextWindows *next, IumInventory *inventory, GDateTime *now)
{
  GListModel *windows = ium_inventory_get_windows (inventory);
  guint       n = g_list_model_get_n_items (windows);

  next->all = NULL;
  next->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  next->texts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ref_string_release);

  /* Windows are sorted by start, so the first one found for a name is its next one. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumWindow) window = g_list_model_get_item (windows, i);
      const char *const *names = ium_window_get_instruments (window);

      if (g_date_time_compare (ium_window_get_end (window), now) <= 0)
        continue;
      if (names == NULL)
        {
          if (next->all == NULL)
            next->all = window;
          continue;
        }
      for (guint j = 0; names[j] != NULL; j++)
        if (!g_hash_table_contains (next->by_name, names[j]))
          g_hash_table_insert (next->by_name, (gpointer) names[j], window);
    }
}

static IumWindow *
next_windows_lookup (NextWindows *next, const char *name)
{
  IumWindow *own = g_hash_table_lookup (next->by_name, name);

  if (own == NULL)
    return next->all;
  if (next->all == NULL
      || g_date_time_compare (ium_window_get_start (own), ium_window_get_start (next->all)) < 0)
    return own;
  return next->all;
}

/* The pending upgrade of each instrument that comes first: one in progress, else the planned
 * one with the earliest start. */
typedef struct
{
  IumRollout        *rollout; /* borrowed */
  IumRolloutUpgrade *upgrade; /* borrowed */
  GDateTime         *start;   /* owned */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_date_time_unref (pending->start);
  g_free (pending);
}

static GHashTable *
index_pending (GPtrArray *rollouts)
{
  GHashTable *pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, pending_free);

  for (guint r = 0; rollouts != NULL && r < rollouts->len; r++)
    {
      IumRollout *rollout = g_ptr_array_index (rollouts, r);

      for (guint u = 0; u < rollout->upgrades->len; u++)
        {
          IumRolloutUpgrade *upgrade = g_ptr_array_index (rollout->upgrades, u);
          g_autoptr (GDateTime) start = NULL;
          Pending *old;

          if ((upgrade->state != IUM_UPGRADE_PLANNED && upgrade->state != IUM_UPGRADE_IN_PROGRESS)
              || upgrade->start == NULL
              || (start = g_date_time_new_from_iso8601 (upgrade->start, NULL)) == NULL)
            continue;
          /* In progress comes before anything planned. */
          if (upgrade->state == IUM_UPGRADE_IN_PROGRESS)
            {
              g_date_time_unref (start);
              start = g_date_time_new_from_unix_utc (0);
            }

          old = g_hash_table_lookup (pending, upgrade->instrument);
          if (old == NULL || g_date_time_compare (start, old->start) < 0)
            {
              Pending *p = g_new0 (Pending, 1);
              p->rollout = rollout;
              p->upgrade = upgrade;
              p->start = g_steal_pointer (&start);
              g_hash_table_replace (pending, upgrade->instrument, p);
            }
        }
    }
  return pending;
}

static char *
format_pending (Pending *pending, GDateTime *now)
{
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *day = NULL;

  if (pending->upgrade->state == IUM_UPGRADE_IN_PROGRESS)
    /* Translators: the planned-upgrade column: %s is the rollout's name. */
    return g_strdup_printf (_ ("In progress · %s"), pending->rollout->name);

  /* The day is enough in a column; the details give the time. */
  start = g_date_time_new_from_iso8601 (pending->upgrade->start, NULL);
  local = g_date_time_to_timezone (start, g_date_time_get_timezone (now));
  day = g_date_time_get_year (local) == g_date_time_get_year (now)
          /* Translators: a planned upgrade's day this year (strftime format). */
          ? g_date_time_format (local, _ ("%a %-d %b"))
          /* Translators: a planned upgrade's day in another year (strftime format). */
          : g_date_time_format (local, _ ("%-d %b %Y"));
  /* Translators: the planned-upgrade column: a day, then the rollout's name. */
  return g_strdup_printf (_ ("%s · %s"), day, pending->rollout->name);
}

/* The whole of it, for the details: "Tue 19 Jan 2027, 08:00–12:00 in “Maintenance day”, wave
 * 2 of rollout december". */
static char *
format_pending_detail (Pending *pending, GDateTime *now)
{
  IumRolloutUpgrade *upgrade = pending->upgrade;
  g_autoptr (GDateTime) start = g_date_time_new_from_iso8601 (upgrade->start, NULL);
  g_autoptr (GDateTime) end =
    upgrade->end ? g_date_time_new_from_iso8601 (upgrade->end, NULL) : NULL;
  GTimeZone *zone = g_date_time_get_timezone (now);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (start, zone);
  g_autoptr (GDateTime) local_end = end ? g_date_time_to_timezone (end, zone) : NULL;
  /* Translators: when a planned upgrade starts (strftime format). */
  g_autofree char *from = g_date_time_format (local, _ ("%a %-d %b %Y, %H:%M"));
  g_autofree char *until = local_end ? g_date_time_format (local_end, "%H:%M") : NULL;
  g_autofree char *when = until ? g_strdup_printf ("%s–%s", from, until) : g_strdup (from);

  if (upgrade->state == IUM_UPGRADE_IN_PROGRESS)
    /* Translators: an upgrade under way: since when, its wave, its rollout. */
    return g_strdup_printf (_ ("In progress since %s, wave %u of rollout %s"), when, upgrade->wave,
                            pending->rollout->name);
  if (upgrade->window != NULL)
    /* Translators: a planned upgrade: when, in which downtime window, wave, rollout. */
    return g_strdup_printf (_ ("%s in “%s”, wave %u of rollout %s"), when, upgrade->window,
                            upgrade->wave, pending->rollout->name);
  return g_strdup_printf (_ ("%s, wave %u of rollout %s"), when, upgrade->wave,
                          pending->rollout->name);
}

static int
rank_of (GHashTable *ranks, IumRelease *release)
{
  gpointer value;

  if (release == NULL || !g_hash_table_lookup_extended (ranks, release, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value);
}

/* The tags joined with ", ", interned. */
static const char *
join_tags (const char *const *tags)
{
  g_autofree char *joined = NULL;

  if (tags[0] == NULL)
    return g_intern_static_string ("");
  if (tags[1] == NULL)
    return tags[0]; /* interned by the instrument */
  joined = g_strjoinv (", ", (char **) tags);
  return g_intern_string (joined);
}

static char *
build_search_text (IumFleetRow *self, const char *target)
{
  GString         *text = g_string_new (ium_instrument_get_name (self->instrument));
  g_autofree char *folded = NULL;

  g_string_append_c (text, '\n');
  if (ium_instrument_get_site (self->instrument) != NULL)
    g_string_append (text, ium_instrument_get_site (self->instrument));
  g_string_append_c (text, '\n');
  g_string_append (text, self->tags);
  g_string_append_c (text, '\n');
  g_string_append (text, self->release_text);
  g_string_append_c (text, '\n');
  if (target != NULL)
    g_string_append (text, target);

  folded = g_utf8_casefold (text->str, (gssize) text->len);
  g_string_free (text, TRUE);
  return g_steal_pointer (&folded);
}

typedef struct
{
  IumFleet   *fleet;
  GDateTime  *now;
  GHashTable *ranks;   /* release -> its position, oldest first */
  GHashTable *pending; /* instrument name -> Pending */
  NextWindows next;
} RowBuilder;

static void
row_builder_init (RowBuilder *builder, IumFleet *fleet, GPtrArray *rollouts, GDateTime *now)
{
  IumInventory *inventory = ium_fleet_get_inventory (fleet);
  GListModel   *releases = ium_inventory_get_releases (inventory);

  builder->fleet = fleet;
  builder->now = now;
  builder->ranks = g_hash_table_new (NULL, NULL);
  /* Releases are kept oldest first: the position is the order of versions. */
  for (guint i = 0; i < g_list_model_get_n_items (releases); i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, i);
      g_hash_table_insert (builder->ranks, release, GINT_TO_POINTER (i));
    }
  next_windows_init (&builder->next, inventory, now);
  builder->pending = index_pending (rollouts);
}

static void
row_builder_clear (RowBuilder *builder)
{
  g_hash_table_unref (builder->ranks);
  g_hash_table_unref (builder->pending);
  g_hash_table_unref (builder->next.by_name);
  g_hash_table_unref (builder->next.texts);
}

static IumFleetRow *
row_builder_build (RowBuilder *builder, IumInstrument *instrument)
{
  IumFleetRow        *self = g_object_new (IUM_TYPE_FLEET_ROW, NULL);
  IumInstrumentStatus status;
  IumWindow          *window;
  Pending            *p;

  self->instrument = g_object_ref (instrument);
  ium_fleet_get_status (builder->fleet, self->instrument, &status);
  self->release = status.release ? g_object_ref (status.release) : NULL;
  self->target = status.target ? g_object_ref (status.target) : NULL;
  self->behind = status.behind;
  self->flags = status.flags;
  self->release_rank = rank_of (builder->ranks, status.release);
  self->target_rank = rank_of (builder->ranks, status.target);
  self->release_text = status.release
                         ? ium_release_get_version_text (status.release)
                         /* Translators: what an instrument runs when it fits no release. */
                         : _ ("custom");
  self->tags = join_tags (ium_instrument_get_tags (self->instrument));

  window = next_windows_lookup (&builder->next, ium_instrument_get_name (self->instrument));
  if (window != NULL)
    {
      /* Formatted once a window: a facility-wide window is every instrument's next one. */
      char *text = g_hash_table_lookup (builder->next.texts, window);

      if (text == NULL)
        {
          g_autofree char *when = format_when (ium_window_get_start (window), builder->now);
          text = g_ref_string_new (when);
          g_hash_table_insert (builder->next.texts, window, text);
        }
      self->next_window = g_ref_string_acquire (text);
      self->next_window_time = g_date_time_to_unix (ium_window_get_start (window));
    }
  else
    self->next_window_time = G_MAXINT64;

  p = g_hash_table_lookup (builder->pending, ium_instrument_get_name (self->instrument));
  if (p != NULL)
    {
      self->planned = format_pending (p, builder->now);
      self->planned_detail = format_pending_detail (p, builder->now);
      self->planned_time = g_date_time_to_unix (p->start);
    }
  else
    self->planned_time = G_MAXINT64;

  self->search_text =
    build_search_text (self, status.target ? ium_release_get_version_text (status.target) : NULL);
  return self;
}

GPtrArray *
ium_fleet_rows_build (IumFleet *fleet, GPtrArray *rollouts, GDateTime *now)
{
  GListModel *instruments;
  RowBuilder  builder;
  GPtrArray  *rows;
  guint       n;

  g_return_val_if_fail (IUM_IS_FLEET (fleet), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  instruments = ium_inventory_get_instruments (ium_fleet_get_inventory (fleet));
  n = g_list_model_get_n_items (instruments);
  row_builder_init (&builder, fleet, rollouts, now);
  rows = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      g_ptr_array_add (rows, row_builder_build (&builder, instrument));
    }
  row_builder_clear (&builder);
  return rows;
}

IumFleetRow *
ium_fleet_row_new (IumFleet *fleet, IumInstrument *instrument, GPtrArray *rollouts, GDateTime *now)
{
  RowBuilder   builder;
  IumFleetRow *row;

  g_return_val_if_fail (IUM_IS_FLEET (fleet), NULL);
  g_return_val_if_fail (IUM_IS_INSTRUMENT (instrument), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  row_builder_init (&builder, fleet, rollouts, now);
  row = row_builder_build (&builder, instrument);
  row_builder_clear (&builder);
  return row;
}

const char *
ium_status_flag_get_label (IumStatusFlags flag)
{
  switch (flag)
    {
    case IUM_FLAG_UP_TO_DATE:
      return _ ("Up to date");
    case IUM_FLAG_UPDATE_AVAILABLE:
      return _ ("Update available");
    case IUM_FLAG_TOO_FAR_BEHIND:
      return _ ("Too far behind");
    case IUM_FLAG_PARTIAL:
      return _ ("Partial");
    case IUM_FLAG_CUSTOM:
      return _ ("Custom");
    case IUM_FLAG_UNSUPPORTED_TIER:
      return _ ("Unsupported tier");
    case IUM_FLAG_PINNED:
      return _ ("Pinned");
    case IUM_FLAG_BUSY:
      return _ ("Busy");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
ium_fleet_row_finalize (GObject *object)
{
  IumFleetRow *self = IUM_FLEET_ROW (object);

  g_clear_object (&self->instrument);
  g_clear_object (&self->release);
  g_clear_object (&self->target);
  g_clear_pointer (&self->next_window, g_ref_string_release);
  g_free (self->planned);
  g_free (self->planned_detail);
  g_free (self->search_text);

  G_OBJECT_CLASS (ium_fleet_row_parent_class)->finalize (object);
}

static void
ium_fleet_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumFleetRow *self = IUM_FLEET_ROW (object);

  switch (prop_id)
    {
    case PROP_INSTRUMENT:
      g_value_set_object (value, self->instrument);
      break;
    case PROP_NAME:
      g_value_set_string (value, ium_fleet_row_get_name (self));
      break;
    case PROP_SITE:
      g_value_set_string (value, ium_fleet_row_get_site (self));
      break;
    case PROP_TAGS:
      g_value_set_string (value, self->tags);
      break;
    case PROP_RELEASE:
      g_value_set_string (value, self->release_text);
      break;
    case PROP_RELEASE_RANK:
      g_value_set_int (value, self->release_rank);
      break;
    case PROP_TIER:
      g_value_set_string (value, ium_fleet_row_get_tier (self));
      break;
    case PROP_TIER_RANK:
      g_value_set_int (value, self->release ? (int) ium_release_get_tier (self->release) : -1);
      break;
    case PROP_TARGET:
      g_value_set_string (value, ium_fleet_row_get_target (self));
      break;
    case PROP_TARGET_RANK:
      g_value_set_int (value, self->target_rank);
      break;
    case PROP_BEHIND:
      g_value_set_uint (value, self->behind);
      break;
    case PROP_FLAGS:
      g_value_set_flags (value, self->flags);
      break;
    case PROP_SEVERITY:
      g_value_set_uint (value, ium_fleet_row_get_severity (self));
      break;
    case PROP_NEXT_WINDOW:
      g_value_set_string (value, self->next_window);
      break;
    case PROP_NEXT_WINDOW_TIME:
      g_value_set_int64 (value, self->next_window_time);
      break;
    case PROP_PLANNED:
      g_value_set_string (value, self->planned);
      break;
    case PROP_PLANNED_TIME:
      g_value_set_int64 (value, self->planned_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_fleet_row_class_init (IumFleetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ium_fleet_row_finalize;
  object_class->get_property = ium_fleet_row_get_property;

  properties[PROP_INSTRUMENT] =
    g_param_spec_object ("instrument", NULL, NULL, IUM_TYPE_INSTRUMENT, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SITE] = g_param_spec_string ("site", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] = g_param_spec_string ("tags", NULL, NULL, NULL, flags);
  properties[PROP_RELEASE] = g_param_spec_string ("release", NULL, NULL, NULL, flags);
  properties[PROP_RELEASE_RANK] =
    g_param_spec_int ("release-rank", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_TIER] = g_param_spec_string ("tier", NULL, NULL, NULL, flags);
  properties[PROP_TIER_RANK] = g_param_spec_int ("tier-rank", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_TARGET] = g_param_spec_string ("target", NULL, NULL, NULL, flags);
  properties[PROP_TARGET_RANK] =
    g_param_spec_int ("target-rank", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_BEHIND] = g_param_spec_uint ("behind", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL, IUM_TYPE_STATUS_FLAGS, 0, flags);
  properties[PROP_SEVERITY] = g_param_spec_uint ("severity", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NEXT_WINDOW] = g_param_spec_string ("next-window", NULL, NULL, NULL, flags);
  properties[PROP_NEXT_WINDOW_TIME] =
    g_param_spec_int64 ("next-window-time", NULL, NULL, G_MININT64, G_MAXINT64, G_MAXINT64, flags);
  properties[PROP_PLANNED] = g_param_spec_string ("planned", NULL, NULL, NULL, flags);
  properties[PROP_PLANNED_TIME] =
    g_param_spec_int64 ("planned-time", NULL, NULL, G_MININT64, G_MAXINT64, G_MAXINT64, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_fleet_row_init (IumFleetRow *self)
{
}

IumInstrument *
ium_fleet_row_get_instrument (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->instrument;
}

const char *
ium_fleet_row_get_name (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return ium_instrument_get_name (self->instrument);
}

const char *
ium_fleet_row_get_site (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return ium_instrument_get_site (self->instrument);
}

const char *
ium_fleet_row_get_tags (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->tags;
}

const char *
ium_fleet_row_get_release (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->release_text;
}

IumRelease *
ium_fleet_row_get_release_object (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->release;
}

IumRelease *
ium_fleet_row_get_target_object (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->target;
}

const char *
ium_fleet_row_get_tier (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  if (self->release == NULL)
    return "";
  return ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (self->release));
}

const char *
ium_fleet_row_get_target (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->target ? ium_release_get_version_text (self->target) : NULL;
}

guint
ium_fleet_row_get_behind (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), 0);
  return self->behind;
}

IumStatusFlags
ium_fleet_row_get_flags (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), 0);
  return self->flags;
}

const char *
ium_fleet_row_get_next_window (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->next_window;
}

gint64
ium_fleet_row_get_next_window_time (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), G_MAXINT64);
  return self->next_window_time;
}

const char *
ium_fleet_row_get_planned (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->planned;
}

const char *
ium_fleet_row_get_planned_detail (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->planned_detail;
}

gint64
ium_fleet_row_get_planned_time (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), G_MAXINT64);
  return self->planned_time;
}

const char *
ium_fleet_row_get_search_text (IumFleetRow *self)
{
  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), NULL);
  return self->search_text;
}

guint
ium_fleet_row_get_severity (IumFleetRow *self)
{
  guint severity = 0;

  g_return_val_if_fail (IUM_IS_FLEET_ROW (self), 0);

  /* One bit per flag, the worst in the highest bit, so that the numbers sort like the list. */
  for (guint i = 0; i < G_N_ELEMENTS (severity_order); i++)
    if (self->flags & severity_order[i])
      severity |= 1u << (G_N_ELEMENTS (severity_order) - 1 - i);
  return severity;
}
