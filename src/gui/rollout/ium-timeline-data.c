/* ium-timeline-data.c: what the rollout timeline draws, gathered once into flat arrays.
 *
 * The timeline must stay smooth with ten thousand rows, so nothing here is an object per
 * row: items, windows and cycles are plain structs in arrays, and the windows that apply to
 * one instrument only are stored once, each row pointing at its own stretch of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include "ium-timeline-data.h"

struct _IumTimelineData
{
  gatomicrefcount ref_count;
  GArray         *items;            /* owned, of IumTimelineItem */
  GArray         *facility_windows; /* owned, of IumTimelineSpan */
  GArray         *row_windows;      /* owned, of IumTimelineSpan */
  GArray         *cycles;           /* owned, of IumTimelineSpan */
  GHashTable     *by_name;          /* instrument (borrowed) -> index + 1 */
  guint           n_waves;
  gint64          start;
  gint64          end;
  gint64          now;
};

void
ium_timeline_item_clear (IumTimelineItem *item)
{
  g_clear_pointer (&item->instrument, g_free);
  g_clear_pointer (&item->window, g_free);
  g_clear_pointer (&item->note, g_free);
}

static void
span_clear (gpointer data)
{
  IumTimelineSpan *span = data;

  g_clear_pointer (&span->label, g_free);
}

static GArray *
span_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (IumTimelineSpan));

  g_array_set_clear_func (array, span_clear);
  return array;
}

static int
compare_spans (gconstpointer a, gconstpointer b)
{
  const IumTimelineSpan *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

static void
find_range (IumTimelineData *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      const IumTimelineItem *item = &g_array_index (self->items, IumTimelineItem, i);

      if (!item->scheduled)
        continue;
      self->start = any ? MIN (self->start, item->start) : item->start;
      self->end = any ? MAX (self->end, item->end) : item->end;
      any = TRUE;
    }
  if (!any)
    {
      /* Nothing scheduled: a month from today, so the windows and cycles still show. */
      self->start = self->now;
      self->end = self->now + 30 * 24 * 3600;
    }
}

static void
add_span (GArray *array, GDateTime *start, GDateTime *end, const char *label, gboolean freeze)
{
  IumTimelineSpan span = {
    g_date_time_to_unix (start),
    g_date_time_to_unix (end),
    g_strdup (label),
    freeze,
  };

  g_array_append_val (array, span);
}

/* Windows and cycles that overlap [start - margin, end + margin]: the timeline shows a little
 * around the rollout. Instrument windows go to each of their rows. */
static void
gather_spans (IumTimelineData *self, IumInventory *inventory)
{
  const gint64 margin = 62 * 24 * 3600;
  gint64       from = self->start - margin, until = self->end + margin;
  GListModel  *windows = ium_inventory_get_windows (inventory);
  GListModel  *cycles = ium_inventory_get_cycles (inventory);
  g_autoptr (GHashTable) own =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (IumWindow) window = g_list_model_get_item (windows, i);
      GDateTime         *start = ium_window_get_start (window), *end = ium_window_get_end (window);
      const char *const *names = ium_window_get_instruments (window);

      if (g_date_time_to_unix (end) < from || g_date_time_to_unix (start) > until)
        continue;
      if (names == NULL)
        {
          add_span (self->facility_windows, start, end, ium_window_get_label (window), FALSE);
          continue;
        }
      for (guint k = 0; names[k] != NULL; k++)
        {
          GArray *list;

          if (!g_hash_table_contains (self->by_name, names[k]))
            continue;
          list = g_hash_table_lookup (own, names[k]);
          if (list == NULL)
            {
              list = span_array_new ();
              g_hash_table_insert (own, (gpointer) g_intern_string (names[k]), list);
            }
          add_span (list, start, end, ium_window_get_label (window), FALSE);
        }
    }
  g_array_sort (self->facility_windows, compare_spans);

  for (guint i = 0; i < self->items->len; i++)
    {
      IumTimelineItem *item = &g_array_index (self->items, IumTimelineItem, i);
      GArray          *list = g_hash_table_lookup (own, item->instrument);

      item->first_window = self->row_windows->len;
      item->n_windows = 0;
      if (list == NULL)
        continue;
      g_array_sort (list, compare_spans);
      /* The labels move over to row_windows; the emptied list frees nothing. */
      g_array_append_vals (self->row_windows, list->data, list->len);
      item->n_windows = list->len;
      g_array_set_clear_func (list, NULL);
    }

  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr (IumCycle) cycle = g_list_model_get_item (cycles, i);
      GDateTime *start = ium_cycle_get_start (cycle), *end = ium_cycle_get_end (cycle);

      if (g_date_time_to_unix (end) < from || g_date_time_to_unix (start) > until)
        continue;
      add_span (self->cycles, start, end, ium_cycle_get_name (cycle), ium_cycle_get_freeze (cycle));
    }
  g_array_sort (self->cycles, compare_spans);
}

IumTimelineData *
ium_timeline_data_new (GArray *items, IumInventory *inventory, gint64 now)
{
  IumTimelineData *self;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (g_array_get_element_size (items) == sizeof (IumTimelineItem), NULL);

  self = g_new0 (IumTimelineData, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_array_sized_new (FALSE, TRUE, sizeof (IumTimelineItem), items->len);
  g_array_set_clear_func (self->items, (GDestroyNotify) ium_timeline_item_clear);
  g_array_append_vals (self->items, items->data, items->len);
  /* The fields moved over: the caller's array forgets them without freeing. */
  g_array_set_clear_func (items, NULL);
  g_array_set_size (items, 0);

  self->facility_windows = span_array_new ();
  self->row_windows = span_array_new ();
  self->cycles = span_array_new ();
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->now = now;

  for (guint i = 0; i < self->items->len; i++)
    {
      IumTimelineItem *item = &g_array_index (self->items, IumTimelineItem, i);

      g_hash_table_insert (self->by_name, item->instrument, GUINT_TO_POINTER (i + 1));
      self->n_waves = MAX (self->n_waves, item->wave);
    }
  find_range (self);
  if (inventory != NULL)
    gather_spans (self, inventory);
  return self;
}

IumTimelineData *
ium_timeline_data_ref (IumTimelineData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ium_timeline_data_unref (IumTimelineData *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->by_name);
  g_array_unref (self->items);
  g_array_unref (self->facility_windows);
  g_array_unref (self->row_windows);
  g_array_unref (self->cycles);
  g_free (self);
}

guint
ium_timeline_data_get_n_items (IumTimelineData *self)
{
  return self->items->len;
}

const IumTimelineItem *
ium_timeline_data_get_item (IumTimelineData *self, guint index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return &g_array_index (self->items, IumTimelineItem, index);
}

guint
ium_timeline_data_find (IumTimelineData *self, const char *instrument)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_name, instrument));

  return index > 0 ? index - 1 : G_MAXUINT;
}

guint
ium_timeline_data_get_n_waves (IumTimelineData *self)
{
  return self->n_waves;
}

const IumTimelineSpan *
ium_timeline_data_get_facility_windows (IumTimelineData *self, guint *n)
{
  *n = self->facility_windows->len;
  return (const IumTimelineSpan *) self->facility_windows->data;
}

const IumTimelineSpan *
ium_timeline_data_get_item_windows (IumTimelineData *self, guint item, guint *n)
{
  const IumTimelineItem *it = ium_timeline_data_get_item (self, item);

  *n = it->n_windows;
  if (it->n_windows == 0)
    return NULL;
  return &g_array_index (self->row_windows, IumTimelineSpan, it->first_window);
}

const IumTimelineSpan *
ium_timeline_data_get_cycles (IumTimelineData *self, guint *n)
{
  *n = self->cycles->len;
  return (const IumTimelineSpan *) self->cycles->data;
}

void
ium_timeline_data_get_range (IumTimelineData *self, gint64 *start, gint64 *end)
{
  *start = self->start;
  *end = self->end;
}

gint64
ium_timeline_data_get_now (IumTimelineData *self)
{
  return self->now;
}
