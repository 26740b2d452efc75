/* test-timeline-layout.c: the rollout timeline's geometry without a display: rows grouped by
 * wave, time to x and back, the visible range, bars and hit testing, zoom around a point,
 * fitting, ticks and their labels, and the windows each row shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "ium-time.h"
#include "rollout/ium-timeline-layout.h"

#define DAY 86400
static const IumTimelineMetrics metrics = { 24, 30 };

static gint64
at (const char *text)
{
  g_autoptr (GDateTime) time = ium_timestamp_parse (text, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static void
add_item (GArray *items, const char *name, guint wave, const char *start, const char *end)
{
  IumTimelineItem item = { 0 };

  item.instrument = g_strdup (name);
  item.wave = wave;
  item.scheduled = start != NULL;
  item.start = start ? at (start) : 0;
  item.end = end ? at (end) : 0;
  item.state = IUM_UPGRADE_PLANNED;
  g_array_append_val (items, item);
}

/* Wave 1: A and B on Tuesday 2 and Wednesday 3 March 2027; wave 2: C unscheduled and D on
 * Monday 15 March. */
static IumTimelineData *
make_data (IumInventory *inventory)
{
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (IumTimelineItem));

  g_array_set_clear_func (items, (GDestroyNotify) ium_timeline_item_clear);
  add_item (items, "A", 1, "2027-03-02T08:00:00Z", "2027-03-02T12:00:00Z");
  add_item (items, "B", 1, "2027-03-03T08:00:00Z", "2027-03-03T12:00:00Z");
  add_item (items, "C", 2, NULL, NULL);
  add_item (items, "D", 2, "2027-03-15T08:00:00Z", "2027-03-15T12:00:00Z");
  return ium_timeline_data_new (items, inventory, at ("2027-03-01T10:00:00Z"));
}

static void
test_rows (void)
{
  g_autoptr (IumTimelineData) data = make_data (NULL);
  g_autoptr (IumTimelineLayout) layout = ium_timeline_layout_new (data, &metrics, 24);
  const IumTimelineRow *row;
  IumTimelineRowKind    kinds[] = { IUM_TIMELINE_ROW_WAVE, IUM_TIMELINE_ROW_ITEM,
                                    IUM_TIMELINE_ROW_ITEM, IUM_TIMELINE_ROW_WAVE,
                                    IUM_TIMELINE_ROW_ITEM, IUM_TIMELINE_ROW_ITEM };
  double                y = 0;
  guint                 first, end;

  g_assert_cmpuint (ium_timeline_data_get_n_waves (data), ==, 2);
  g_assert_cmpuint (ium_timeline_data_find (data, "C"), ==, 2);
  g_assert_cmpuint (ium_timeline_data_find (data, "Z"), ==, G_MAXUINT);

  g_assert_cmpuint (ium_timeline_layout_get_n_rows (layout), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      row = ium_timeline_layout_get_row (layout, i);
      g_assert_cmpint (row->kind, ==, kinds[i]);
      g_assert_cmpfloat (row->y, ==, y);
      g_assert_cmpfloat (row->height, ==, kinds[i] == IUM_TIMELINE_ROW_WAVE ? 30 : 24);
      g_assert_cmpuint (row->wave, ==, i < 3 ? 1 : 2);
      y += row->height;
    }
  g_assert_cmpfloat (ium_timeline_layout_get_height (layout), ==, 2 * 30 + 4 * 24);
  g_assert_cmpuint (ium_timeline_layout_item_row (layout, 0), ==, 1);
  g_assert_cmpuint (ium_timeline_layout_item_row (layout, 3), ==, 5);

  /* Row boundaries belong to the row below; outside the rows is no row. */
  g_assert_cmpuint (ium_timeline_layout_row_at_y (layout, 0), ==, 0);
  g_assert_cmpuint (ium_timeline_layout_row_at_y (layout, 29.9), ==, 0);
  g_assert_cmpuint (ium_timeline_layout_row_at_y (layout, 30), ==, 1);
  g_assert_cmpuint (ium_timeline_layout_row_at_y (layout, 78), ==, 3);
  g_assert_cmpuint (ium_timeline_layout_row_at_y (layout, -1), ==, G_MAXUINT);
  g_assert_cmpuint (ium_timeline_layout_row_at_y (layout, 156), ==, G_MAXUINT);

  /* The visible rows are exactly those that intersect the band. */
  ium_timeline_layout_visible_rows (layout, 40, 80, &first, &end);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (end, ==, 4);
  ium_timeline_layout_visible_rows (layout, 0, 1000, &first, &end);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (end, ==, 6);
  ium_timeline_layout_visible_rows (layout, 500, 600, &first, &end);
  g_assert_cmpuint (first, ==, end);
}

static void
test_time_and_bars (void)
{
  g_autoptr (IumTimelineData) data = make_data (NULL);
  g_autoptr (IumTimelineLayout) layout = ium_timeline_layout_new (data, &metrics, 24);
  gint64 t0, t1;
  double x, y, w, h;

  /* Whole days, three of them around the upgrades: 27 Feb to 19 March. */
  ium_timeline_layout_get_span (layout, &t0, &t1);
  g_assert_cmpint (t0, ==, at ("2027-02-27T00:00:00Z"));
  g_assert_cmpint (t1, ==, at ("2027-03-19T00:00:00Z"));
  g_assert_cmpfloat (ium_timeline_layout_get_width (layout), ==, 20 * 24);

  /* 24 px a day is one pixel an hour. */
  g_assert_cmpfloat (ium_timeline_layout_time_to_x (layout, at ("2027-03-02T08:00:00Z")), ==,
                     3 * 24 + 8);
  g_assert_cmpint (ium_timeline_layout_x_to_time (layout, 3 * 24 + 8), ==,
                   at ("2027-03-02T08:00:00Z"));
  g_assert_cmpint (
    ium_timeline_layout_x_to_time (layout, ium_timeline_layout_time_to_x (layout, t1)), ==, t1);

  /* At 2 px an hour a four-hour bar is 8 px wide; at 1 px an hour it is widened to the
   * minimum, around its middle. */
  ium_timeline_layout_set_px_per_day (layout, 48);
  g_assert_true (ium_timeline_layout_bar_rect (layout, 0, &x, &y, &w, &h));
  g_assert_cmpfloat (x, ==, 160);
  g_assert_cmpfloat (w, ==, 8);
  ium_timeline_layout_set_px_per_day (layout, 24);
  g_assert_true (ium_timeline_layout_bar_rect (layout, 0, &x, &y, &w, &h));
  g_assert_cmpfloat (x, ==, 82 - IUM_TIMELINE_MIN_BAR_WIDTH / 2);
  g_assert_cmpfloat (w, ==, IUM_TIMELINE_MIN_BAR_WIDTH);
  g_assert_cmpfloat (y, >, 30);
  g_assert_cmpfloat (y + h, <, 54);
  g_assert_false (ium_timeline_layout_bar_rect (layout, 2, &x, &y, &w, &h));

  /* Zoomed out to a year on screen, a four-hour bar keeps its minimum width, centred. */
  ium_timeline_layout_set_px_per_day (layout, 1);
  g_assert_true (ium_timeline_layout_bar_rect (layout, 0, &x, &y, &w, &h));
  g_assert_cmpfloat (w, ==, IUM_TIMELINE_MIN_BAR_WIDTH);
  g_assert_cmpfloat_with_epsilon (x + w / 2, 3 + 10.0 / 24, 1e-9);
}

static void
test_hit (void)
{
  g_autoptr (IumTimelineData) data = make_data (NULL);
  g_autoptr (IumTimelineLayout) layout = ium_timeline_layout_new (data, &metrics, 24);
  double row_a = 30 + 12, row_c = 30 + 48 + 30 + 12;

  g_assert_cmpuint (ium_timeline_layout_hit (layout, 82, row_a), ==, 0);
  g_assert_cmpuint (ium_timeline_layout_hit (layout, 80, row_a), ==, 0);
  /* Left of the bar, in the wave's header, on the unscheduled row, below everything. */
  g_assert_cmpuint (ium_timeline_layout_hit (layout, 70, row_a), ==, G_MAXUINT);
  g_assert_cmpuint (ium_timeline_layout_hit (layout, 82, 10), ==, G_MAXUINT);
  g_assert_cmpuint (ium_timeline_layout_hit (layout, 82, row_c), ==, G_MAXUINT);
  g_assert_cmpuint (ium_timeline_layout_hit (layout, 82, 1000), ==, G_MAXUINT);
  /* B's bar, a day later on the next row. */
  g_assert_cmpuint (ium_timeline_layout_hit (layout, 24 + 82, row_a + 24), ==, 1);
}

static void
test_zoom_and_fit (void)
{
  g_autoptr (IumTimelineData) data = make_data (NULL);
  g_autoptr (IumTimelineLayout) layout = ium_timeline_layout_new (data, &metrics, 24);
  gint64 anchored = ium_timeline_layout_x_to_time (layout, 100 + 50);
  double scroll;

  /* The time under the pointer stays under the pointer. */
  scroll = ium_timeline_layout_zoom (layout, 2, 50, 100);
  g_assert_cmpfloat (ium_timeline_layout_get_px_per_day (layout), ==, 48);
  g_assert_cmpint (ium_timeline_layout_x_to_time (layout, scroll + 50), ==, anchored);

  /* Zoom stops at its limits. */
  ium_timeline_layout_zoom (layout, 1e6, 0, 0);
  g_assert_cmpfloat (ium_timeline_layout_get_px_per_day (layout), ==, IUM_TIMELINE_MAX_PX_PER_DAY);
  ium_timeline_layout_zoom (layout, 1e-9, 0, 0);
  g_assert_cmpfloat (ium_timeline_layout_get_px_per_day (layout), ==, IUM_TIMELINE_MIN_PX_PER_DAY);

  /* 2 to 15 March is 14 days, plus two either side. */
  scroll = ium_timeline_layout_fit (layout, 800);
  g_assert_cmpfloat (ium_timeline_layout_get_px_per_day (layout), ==, 800.0 / 18);
  g_assert_cmpint (ium_timeline_layout_x_to_time (layout, scroll), ==, at ("2027-02-28T00:00:00Z"));
  g_assert_cmpfloat (ium_timeline_layout_time_to_x (layout, at ("2027-03-18T00:00:00Z")) - scroll,
                     <=, 800 + 1e-9);
}

static void
test_ticks (void)
{
  g_autoptr (IumTimelineData) data = make_data (NULL);
  g_autoptr (IumTimelineLayout) layout = ium_timeline_layout_new (data, &metrics, 48);
  g_autoptr (GArray) days = NULL;
  g_autoptr (GArray) weeks = NULL;
  g_autoptr (GArray) months = NULL;
  IumTimelineTick *tick;
  g_autofree char *day_label = NULL;
  g_autofree char *week_label = NULL;
  g_autofree char *month_label = NULL;

  /* Days at 48 px a day: from Saturday 27 February, Monday 1 March the major one. */
  g_assert_cmpint (ium_timeline_layout_get_tick_unit (layout), ==, IUM_TIMELINE_TICK_DAY);
  days = ium_timeline_layout_ticks (layout, 0, 48 * 4);
  g_assert_cmpuint (days->len, ==, 5);
  for (guint i = 0; i < days->len; i++)
    {
      tick = &g_array_index (days, IumTimelineTick, i);
      g_assert_cmpfloat (tick->x, ==, 48 * i);
      g_assert_true (tick->major == (i == 2));
    }
  day_label =
    ium_timeline_tick_label (&g_array_index (days, IumTimelineTick, 2), IUM_TIMELINE_TICK_DAY);
  g_assert_cmpstr (day_label, ==, "Mon 1");

  /* Weeks: Mondays only; the first Monday of a month is major. */
  ium_timeline_layout_set_px_per_day (layout, 8);
  g_assert_cmpint (ium_timeline_layout_get_tick_unit (layout), ==, IUM_TIMELINE_TICK_WEEK);
  weeks = ium_timeline_layout_ticks (layout, 0, ium_timeline_layout_get_width (layout));
  g_assert_cmpuint (weeks->len, ==, 3);
  tick = &g_array_index (weeks, IumTimelineTick, 0);
  g_assert_cmpint (tick->time, ==, at ("2027-03-01T00:00:00Z"));
  g_assert_true (tick->major);
  g_assert_false (g_array_index (weeks, IumTimelineTick, 1).major);
  week_label = ium_timeline_tick_label (tick, IUM_TIMELINE_TICK_WEEK);
  g_assert_cmpstr (week_label, ==, "1 Mar");

  /* Months: the first of each month in view. */
  ium_timeline_layout_set_px_per_day (layout, 1);
  g_assert_cmpint (ium_timeline_layout_get_tick_unit (layout), ==, IUM_TIMELINE_TICK_MONTH);
  months = ium_timeline_layout_ticks (layout, 0, ium_timeline_layout_get_width (layout));
  g_assert_cmpuint (months->len, ==, 1);
  month_label =
    ium_timeline_tick_label (&g_array_index (months, IumTimelineTick, 0), IUM_TIMELINE_TICK_MONTH);
  g_assert_cmpstr (month_label, ==, "Mar 2027");
}

static void
test_windows (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  g_autoptr (IumTimelineData) data = NULL;
  const IumTimelineSpan *spans;
  guint                  n;
  struct
  {
    const char *start, *end, *label;
    const char *only;
  } windows[] = {
    { "2027-03-02T08:00:00Z", "2027-03-02T18:00:00Z", "Maintenance", NULL },
    { "2027-03-03T08:00:00Z", "2027-03-03T18:00:00Z", "B's own", "B" },
    { "2027-03-15T08:00:00Z", "2027-03-15T18:00:00Z", "D's own", "D" },
    { "2029-01-01T08:00:00Z", "2029-01-01T18:00:00Z", "Far away", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_autoptr (GDateTime) start = ium_timestamp_parse (windows[i].start, NULL);
      g_autoptr (GDateTime) end = ium_timestamp_parse (windows[i].end, NULL);
      g_autoptr (IumWindow) window = ium_window_new (start, end, windows[i].label);
      const char *names[] = { windows[i].only, NULL };

      if (windows[i].only != NULL)
        ium_window_set_instruments (window, names);
      ium_inventory_put_window (inventory, window);
    }
  {
    g_autoptr (GDateTime) start = ium_timestamp_parse ("2027-02-09T08:00:00Z", NULL);
    g_autoptr (GDateTime) end = ium_timestamp_parse ("2027-03-26T08:00:00Z", NULL);
    g_autoptr (IumCycle) cycle = ium_cycle_new ("2027/1", start, end, TRUE);
    ium_inventory_put_cycle (inventory, cycle);
  }

  data = make_data (inventory);
  /* The facility-wide window near the rollout, not the one two years on. */
  spans = ium_timeline_data_get_facility_windows (data, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (spans[0].label, ==, "Maintenance");
  spans = ium_timeline_data_get_item_windows (data, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (spans[0].label, ==, "B's own");
  spans = ium_timeline_data_get_item_windows (data, 3, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (spans[0].label, ==, "D's own");
  ium_timeline_data_get_item_windows (data, 0, &n);
  g_assert_cmpuint (n, ==, 0);
  spans = ium_timeline_data_get_cycles (data, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (spans[0].freeze);
}

/* Ten thousand rows: the visible band is found by search and stays a screenful. */
static void
test_many_rows (void)
{
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (IumTimelineItem));
  g_autoptr (IumTimelineData) data = NULL;
  g_autoptr (IumTimelineLayout) layout = NULL;
  guint first, end;

  g_array_set_clear_func (items, (GDestroyNotify) ium_timeline_item_clear);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("INST%05u", i);
      add_item (items, name, 1 + i / 2500, "2027-03-02T08:00:00Z", "2027-03-02T12:00:00Z");
    }
  data = ium_timeline_data_new (items, NULL, 0);
  g_assert_cmpuint (items->len, ==, 0);
  layout = ium_timeline_layout_new (data, &metrics, 24);
  g_assert_cmpuint (ium_timeline_layout_get_n_rows (layout), ==, 10004);
  ium_timeline_layout_visible_rows (layout, 120000, 120000 + 600, &first, &end);
  g_assert_cmpuint (end - first, <=, 600 / 24 + 2);
  g_assert_cmpfloat (ium_timeline_layout_get_row (layout, first)->y, <=, 120000);
  g_assert_cmpuint (ium_timeline_data_find (data, "INST09999"), ==, 9999);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The labels are checked in English. */
  g_setenv ("LC_ALL", "C", TRUE);

  g_test_add_func ("/ium/timeline-layout/rows", test_rows);
  g_test_add_func ("/ium/timeline-layout/time-and-bars", test_time_and_bars);
  g_test_add_func ("/ium/timeline-layout/hit", test_hit);
  g_test_add_func ("/ium/timeline-layout/zoom-and-fit", test_zoom_and_fit);
  g_test_add_func ("/ium/timeline-layout/ticks", test_ticks);
  g_test_add_func ("/ium/timeline-layout/windows", test_windows);
  g_test_add_func ("/ium/timeline-layout/many-rows", test_many_rows);

  return g_test_run ();
}
