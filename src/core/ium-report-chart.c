/* ium-report-chart.c: the report's charts as shapes, drawn with cairo or written as SVG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-report-chart.h"

#include <math.h>

#include "ium-report-draw.h"
#include "ium-report-style.h"

#define SECONDS_PER_DAY ((gint64) 24 * 60 * 60)

#define TITLE_SIZE 10.5
#define LABEL_SIZE 8.0
#define SMALL_SIZE 7.0
#define TOP        26.0 /* below the title */

/* At most this many bars in the releases chart; the rest are summed in one. */
#define MAX_VERSION_BARS 10

typedef enum
{
  SHAPE_RECT,
  SHAPE_LINE,
  SHAPE_TEXT
} ShapeKind;
typedef enum
{
  ANCHOR_START,
  ANCHOR_MIDDLE,
  ANCHOR_END
} Anchor;

typedef struct
{
  ShapeKind kind;
  double    x, y, w, h; /* a rectangle; a line from (x, y) to (w, h); text at (x, baseline y) */
  double    radius;
  guint32   colour;
  double    line_width;
  gboolean  dashed;
  char     *text; /* owned */
  double    size;
  gboolean  bold;
  Anchor    anchor;
} Shape;

typedef struct
{
  double        width;
  double        height;
  const char   *title;
  GArray       *shapes;  /* of Shape */
  PangoContext *context; /* owned, for measuring */
} Scene;

static const struct
{
  const char *title;
  double      width;
  double      height;
} charts[IUM_REPORT_N_CHARTS] = {
  [IUM_REPORT_CHART_STATUS] = { N_ ("Status flags"), 246, 196 },
  [IUM_REPORT_CHART_VERSIONS] = { N_ ("Releases in use"), 246, 196 },
  [IUM_REPORT_CHART_TIMELINE] = { N_ ("Rollout timeline"), 499, 190 },
};

static void
shape_clear (gpointer data)
{
  g_free (((Shape *) data)->text);
}

static void
scene_init (Scene *scene, IumReportChart chart, double width, double height)
{
  scene->width = width;
  scene->height = height;
  scene->title = _ (charts[chart].title);
  scene->shapes = g_array_new (FALSE, TRUE, sizeof (Shape));
  g_array_set_clear_func (scene->shapes, shape_clear);
  scene->context = ium_report_text_context_new ();
}

static void
scene_clear (Scene *scene)
{
  g_clear_pointer (&scene->shapes, g_array_unref);
  g_clear_object (&scene->context);
}

static void
add_rect (Scene *scene, double x, double y, double w, double h, double radius, guint32 colour)
{
  Shape shape = { SHAPE_RECT, x, y, MAX (w, 0), MAX (h, 0), radius, colour };

  g_array_append_val (scene->shapes, shape);
}

static void
add_line (Scene   *scene,
          double   x1,
          double   y1,
          double   x2,
          double   y2,
          double   line_width,
          gboolean dashed,
          guint32  colour)
{
  Shape shape = { SHAPE_LINE, x1, y1, x2, y2, 0, colour, line_width, dashed };

  g_array_append_val (scene->shapes, shape);
}

static void
add_text (Scene      *scene,
          double      x,
          double      baseline,
          const char *text,
          double      size,
          gboolean    bold,
          Anchor      anchor,
          guint32     colour)
{
  Shape shape = { SHAPE_TEXT, x, baseline, 0, 0, 0, colour };

  shape.size = size;
  shape.bold = bold;
  shape.anchor = anchor;
  g_array_append_val (scene->shapes, shape);
  /* Copied once the array holds the shape: the array's clear func frees it. */
  g_array_index (scene->shapes, Shape, scene->shapes->len - 1).text = g_strdup (text);
}

static double
text_width (Scene *scene, const char *text, double size, gboolean bold)
{
  return ium_report_text_width (scene->context, text, size, bold);
}

static void
add_title (Scene *scene)
{
  add_text (scene, 0, 13, scene->title, TITLE_SIZE, TRUE, ANCHOR_START, IUM_REPORT_INK);
}

/* A legend entry: a swatch and a label; returns the x after it. */
static double
add_legend_entry (Scene *scene, double x, double baseline, guint32 colour, const char *label)
{
  add_rect (scene, x, baseline - 6.5, 8, 8, 2, colour);
  add_text (scene, x + 11, baseline, label, SMALL_SIZE, FALSE, ANCHOR_START, IUM_REPORT_MUTED);
  return x + 11 + text_width (scene, label, SMALL_SIZE, FALSE) + 10;
}

/* Horizontal bars: a label column, a track, a bar and the count after it. */
typedef struct
{
  char    *label;  /* owned */
  gboolean strong; /* the label in bold and ink */
  guint    value;
  guint32  colour;
  char    *note; /* owned, nullable: after the count */
} Bar;

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->note);
}

static void
add_bars (Scene *scene, GArray *bars, double top, double bottom)
{
  double label_width = 0, count_width = 0, row, x0, x1;
  guint  max = 0;

  for (guint i = 0; i < bars->len; i++)
    {
      Bar *bar = &g_array_index (bars, Bar, i);
      char count[32];

      g_snprintf (count, sizeof count, "%u", bar->value);
      label_width = MAX (label_width, text_width (scene, bar->label, LABEL_SIZE, bar->strong));
      count_width = MAX (
        count_width, text_width (scene, count, LABEL_SIZE, TRUE)
                       + (bar->note ? text_width (scene, bar->note, SMALL_SIZE, FALSE) + 4 : 0));
      max = MAX (max, bar->value);
    }
  if (bars->len == 0)
    return;

  label_width = MIN (label_width, scene->width * 0.45);
  row = MIN ((bottom - top) / bars->len, 22.0);
  x0 = label_width + 8;
  x1 = MAX (x0 + 20, scene->width - count_width - 6);

  for (guint i = 0; i < bars->len; i++)
    {
      Bar   *bar = &g_array_index (bars, Bar, i);
      double y = top + i * row, h = MIN (row * 0.62, 12.0), mid = y + row / 2;
      double length = max > 0 ? (x1 - x0) * bar->value / max : 0;
      char   count[32];

      g_snprintf (count, sizeof count, "%u", bar->value);
      add_text (scene, label_width, mid + 3, bar->label, LABEL_SIZE, bar->strong, ANCHOR_END,
                bar->strong ? IUM_REPORT_INK : IUM_REPORT_MUTED);
      add_rect (scene, x0, mid - h / 2, x1 - x0, h, 2, IUM_REPORT_ZEBRA);
      if (bar->value > 0)
        add_rect (scene, x0, mid - h / 2, MAX (length, 2.5), h, 2, bar->colour);
      add_text (scene, x0 + MAX (length, 0) + 4, mid + 3, count, LABEL_SIZE, TRUE, ANCHOR_START,
                bar->value > 0 ? IUM_REPORT_INK : IUM_REPORT_FAINT);
      if (bar->note != NULL)
        add_text (scene, x0 + MAX (length, 0) + 8 + text_width (scene, count, LABEL_SIZE, TRUE),
                  mid + 3, bar->note, SMALL_SIZE, FALSE, ANCHOR_START, IUM_REPORT_ACCENT);
    }
}

static void
build_status (Scene *scene, IumReport *report)
{
  const IumReportSummary *summary = ium_report_get_summary (report);
  g_autoptr (GArray) bars = g_array_new (FALSE, TRUE, sizeof (Bar));

  g_array_set_clear_func (bars, bar_clear);
  add_title (scene);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    {
      Bar bar = { g_strdup (ium_report_badge_label (IUM_REPORT_BADGE_FLAG, bit)), FALSE,
                  summary->by_flag[bit], ium_report_tone (IUM_REPORT_BADGE_FLAG, bit)->solid,
                  NULL };
      g_array_append_val (bars, bar);
    }
  add_bars (scene, bars, TOP, scene->height);
}

static int
compare_counts_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  const IumReportVersionCount *versions = data;
  guint                        ia = *(const guint *) a, ib = *(const guint *) b;

  if (versions[ia].n_instruments != versions[ib].n_instruments)
    return versions[ia].n_instruments > versions[ib].n_instruments ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

static void
build_versions (Scene *scene, IumReport *report)
{
  guint                        n;
  const IumReportVersionCount *versions = ium_report_get_versions (report, &n);
  IumRelease                  *release = ium_report_get_release (report);
  g_autoptr (GArray) bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_autofree gboolean *shown = g_new0 (gboolean, MAX (n, 1));
  gboolean             tiers[IUM_REPORT_NO_TIER + 1] = { FALSE };
  guint                n_other = 0, other = 0;
  double               x;

  g_array_set_clear_func (bars, bar_clear);
  add_title (scene);

  if (n == 0)
    {
      add_text (scene, scene->width / 2, scene->height / 2, _ ("No instruments"), LABEL_SIZE, FALSE,
                ANCHOR_MIDDLE, IUM_REPORT_FAINT);
      return;
    }

  /* With many releases in use, the ones most instruments run keep a bar of their own (and the
   * report's release always does); the rest are summed, in version order. */
  if (n <= MAX_VERSION_BARS)
    for (guint i = 0; i < n; i++)
      shown[i] = TRUE;
  else
    {
      g_autofree guint *order = g_new (guint, n);
      guint             kept = 0;

      for (guint i = 0; i < n; i++)
        order[i] = i;
      g_qsort_with_data (order, n, sizeof (guint), compare_counts_desc, (gpointer) versions);
      for (guint i = 0; i < n; i++)
        if (versions[i].release == release)
          {
            shown[i] = TRUE;
            kept++;
          }
      for (guint i = 0; i < n && kept < MAX_VERSION_BARS - 1; i++)
        if (!shown[order[i]])
          {
            shown[order[i]] = TRUE;
            kept++;
          }
    }

  for (guint i = 0; i < n; i++)
    {
      int tier = versions[i].release != NULL ? (int) ium_release_get_tier (versions[i].release)
                                             : IUM_REPORT_NO_TIER;
      if (!shown[i])
        {
          n_other++;
          other += versions[i].n_instruments;
          continue;
        }
      {
        Bar bar = { g_strdup (versions[i].release
                                ? ium_release_get_version_text (versions[i].release)
                                : _ ("no release")),
                    versions[i].release == release, versions[i].n_instruments,
                    ium_report_tone (IUM_REPORT_BADGE_TIER, tier)->solid,
                    versions[i].release == release ? g_strdup (_ ("this release")) : NULL };
        g_array_append_val (bars, bar);
        tiers[tier] = TRUE;
      }
    }
  if (n_other > 0)
    {
      Bar bar = { g_strdup_printf (
                    g_dngettext (GETTEXT_PACKAGE, "%u other release", "%u other releases", n_other),
                    n_other),
                  FALSE, other, IUM_REPORT_RULE, NULL };
      g_array_append_val (bars, bar);
    }

  add_bars (scene, bars, TOP, scene->height - 16);
  x = 0;
  for (int tier = 0; tier <= IUM_REPORT_NO_TIER; tier++)
    if (tiers[tier])
      x = add_legend_entry (scene, x, scene->height - 3,
                            ium_report_tone (IUM_REPORT_BADGE_TIER, tier)->solid,
                            ium_report_badge_label (IUM_REPORT_BADGE_TIER, tier));
}

/* 1, 2, 5, 10, 20, 50, ...: a step that gives about @ticks grid lines up to @max. */
static guint
nice_step (guint max, guint ticks)
{
  double raw = MAX (1.0, (double) max / ticks);
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;
  double step = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;

  return (guint) MAX (1.0, step * magnitude);
}

static char *
format_tick (gint64 time, gint64 bin)
{
  /* Translators: abbreviated month names on the timeline chart's axis. */
  static const char *months[] = {
    NC_ ("month", "Jan"), NC_ ("month", "Feb"), NC_ ("month", "Mar"), NC_ ("month", "Apr"),
    NC_ ("month", "May"), NC_ ("month", "Jun"), NC_ ("month", "Jul"), NC_ ("month", "Aug"),
    NC_ ("month", "Sep"), NC_ ("month", "Oct"), NC_ ("month", "Nov"), NC_ ("month", "Dec")
  };
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (time);
  const char *month =
    g_dpgettext2 (GETTEXT_PACKAGE, "month", months[g_date_time_get_month (utc) - 1]);

  if (bin >= 28 * SECONDS_PER_DAY)
    return g_strdup_printf ("%s %d", month, g_date_time_get_year (utc));
  return g_strdup_printf ("%d %s", g_date_time_get_day_of_month (utc), month);
}

static void
build_timeline (Scene *scene, IumReport *report)
{
  guint                n_days, n_waves, n_rollouts;
  const IumReportDay  *days = ium_report_get_timeline (report, &n_days);
  const IumReportWave *waves = ium_report_get_waves (report, &n_waves);
  gint64               now = g_date_time_to_unix (ium_report_get_generated (report));
  gint64               bin, x0, x1;
  guint                n_bins, max = 0, step, n_lanes = 0;
  g_autofree guint    *totals = NULL;
  g_autofree guint    *stacks = NULL;
  gint64               lane_end[3] = { 0 };
  g_autofree guint    *lanes = g_new0 (guint, MAX (n_waves, 1));
  gboolean             present[IUM_REPORT_N_STATES] = { FALSE };
  double               left, right, top, bottom, x, label_width;

  ium_report_get_rollouts (report, &n_rollouts);
  add_title (scene);
  if (n_days == 0)
    {
      g_autofree char *text = g_strdup_printf (
        n_rollouts == 0 ? _ ("No rollout of %s is saved") : _ ("No upgrade to %s is scheduled"),
        ium_release_get_version_text (ium_report_get_release (report)));
      add_rect (scene, 0, TOP, scene->width, scene->height - TOP, 4, IUM_REPORT_ZEBRA);
      add_text (scene, scene->width / 2, TOP + (scene->height - TOP) / 2 + 3, text, LABEL_SIZE,
                FALSE, ANCHOR_MIDDLE, IUM_REPORT_MUTED);
      return;
    }

  /* A bar a day for up to five weeks, else a bar a week, else one per 30 days. */
  bin = n_days <= 35 ? SECONDS_PER_DAY : n_days <= 490 ? 7 * SECONDS_PER_DAY : 30 * SECONDS_PER_DAY;
  n_bins = (guint) ((n_days * SECONDS_PER_DAY + bin - 1) / bin);
  x0 = days[0].day;
  x1 = x0 + n_bins * bin;

  totals = g_new0 (guint, n_bins);
  stacks = g_new0 (guint, (gsize) n_bins * IUM_REPORT_N_STATES);
  for (guint d = 0; d < n_days; d++)
    {
      guint b = (guint) ((days[d].day - x0) / bin);
      for (guint s = 0; s < IUM_REPORT_N_STATES; s++)
        {
          stacks[b * IUM_REPORT_N_STATES + s] += days[d].by_state[s];
          totals[b] += days[d].by_state[s];
          present[s] |= days[d].by_state[s] > 0;
        }
    }
  for (guint b = 0; b < n_bins; b++)
    max = MAX (max, totals[b]);
  step = nice_step (max, 3);
  max = ((max + step - 1) / step) * step;

  /* Waves run in lanes above the bars, so that overlapping rollouts stay readable. */
  for (guint w = 0; w < n_waves; w++)
    {
      guint lane = 0;

      if (waves[w].n_upgrades == waves[w].n_unscheduled)
        continue;
      while (lane < n_lanes && lane_end[lane] > waves[w].start)
        lane++;
      if (lane == G_N_ELEMENTS (lane_end))
        lane = G_N_ELEMENTS (lane_end) - 1;
      lane_end[lane] = MAX (lane_end[lane], waves[w].end);
      lanes[w] = lane;
      n_lanes = MAX (n_lanes, lane + 1);
    }

  {
    char label[32];
    g_snprintf (label, sizeof label, "%u", max);
    label_width = text_width (scene, label, SMALL_SIZE, FALSE);
  }
  left = label_width + 6;
  right = scene->width - 4;
  /* Room above the bars for the "today" label, when today is on the chart. */
  top = TOP + n_lanes * 14 + 4 + (now >= x0 && now <= x1 ? 12 : 0);
  bottom = scene->height - 30;

#define X_OF(t) (left + (double) ((t) -x0) / (double) (x1 - x0) * (right - left))

  for (guint w = 0; w < n_waves; w++)
    {
      const IumReportWave *wave = &waves[w];
      double               wx0, wx1, y = TOP + lanes[w] * 14;
      g_autofree char     *label = NULL;

      if (wave->n_upgrades == wave->n_unscheduled)
        continue;
      wx0 = X_OF (CLAMP (wave->start, x0, x1));
      wx1 = MAX (X_OF (CLAMP (wave->end, x0, x1)), wx0 + 3);
      add_rect (scene, wx0, y, wx1 - wx0, 11, 3, 0xdbe6f3);
      /* Translators: a bar of the timeline chart: a rollout's name and a wave. */
      label = n_rollouts > 1 ? g_strdup_printf (_ ("%s · wave %u"), wave->rollout->name, wave->wave)
                             : g_strdup_printf (_ ("Wave %u"), wave->wave);
      if (text_width (scene, label, SMALL_SIZE, TRUE) + 8 <= wx1 - wx0)
        add_text (scene, wx0 + 4, y + 8.3, label, SMALL_SIZE, TRUE, ANCHOR_START, 0x1c4f8a);
      else if (wx1 + 4 + text_width (scene, label, SMALL_SIZE, TRUE) <= right)
        add_text (scene, wx1 + 4, y + 8.3, label, SMALL_SIZE, TRUE, ANCHOR_START, 0x1c4f8a);
    }

  /* Grid lines and their counts. */
  for (guint v = 0; v <= max; v += step)
    {
      double y = bottom - (bottom - top) * v / MAX (max, 1);
      char   label[32];

      g_snprintf (label, sizeof label, "%u", v);
      add_line (scene, left, y, right, y, 0.5, FALSE, v == 0 ? IUM_REPORT_FAINT : IUM_REPORT_RULE);
      add_text (scene, left - 4, y + 2.5, label, SMALL_SIZE, FALSE, ANCHOR_END, IUM_REPORT_FAINT);
    }

  /* The bars, stacked: done at the bottom, planned on top. */
  for (guint b = 0; b < n_bins; b++)
    {
      double slot = (right - left) / n_bins;
      double bw = MAX (slot * 0.72, 1.0), bx = left + b * slot + (slot - bw) / 2;
      double y = bottom;

      for (guint i = 0; i < IUM_REPORT_N_STATES; i++)
        {
          IumUpgradeState state = ium_report_state_order[i];
          guint           count = stacks[b * IUM_REPORT_N_STATES + state];
          double          h = (bottom - top) * count / MAX (max, 1);

          if (count == 0)
            continue;
          add_rect (scene, bx, y - h, bw, h, 0,
                    ium_report_tone (IUM_REPORT_BADGE_STATE, state)->solid);
          y -= h;
        }
    }

  /* Date labels under the axis: about six, never overlapping. */
  {
    guint  every = MAX (1u, (n_bins + 5) / 6);
    double last_end = -1000;

    for (guint b = 0; b < n_bins; b += every)
      {
        g_autofree char *label = format_tick (x0 + b * bin, bin);
        double           cx = left + (b + 0.5) * (right - left) / n_bins;
        double           w = text_width (scene, label, SMALL_SIZE, FALSE);

        if (cx - w / 2 < last_end + 6 || cx + w / 2 > scene->width)
          continue;
        add_line (scene, cx, bottom, cx, bottom + 3, 0.5, FALSE, IUM_REPORT_FAINT);
        add_text (scene, cx, bottom + 12, label, SMALL_SIZE, FALSE, ANCHOR_MIDDLE,
                  IUM_REPORT_MUTED);
        last_end = cx + w / 2;
      }
  }

  if (now >= x0 && now <= x1)
    {
      double nx = X_OF (now);

      /* Translators: the mark of the current day on the timeline chart. */
      double w = text_width (scene, _ ("today"), SMALL_SIZE, TRUE);
      double lx = nx + 3 + w <= right ? nx + 3 : nx - 3 - w;

      add_line (scene, nx, top - 11, nx, bottom, 1.0, TRUE, 0xc01c28);
      add_text (scene, lx, top - 3, _ ("today"), SMALL_SIZE, TRUE, ANCHOR_START, 0xc01c28);
    }
#undef X_OF

  x = left;
  for (guint i = 0; i < IUM_REPORT_N_STATES; i++)
    {
      IumUpgradeState state = ium_report_state_order[i];
      if (present[state])
        x = add_legend_entry (scene, x, scene->height - 3,
                              ium_report_tone (IUM_REPORT_BADGE_STATE, state)->solid,
                              ium_report_badge_label (IUM_REPORT_BADGE_STATE, state));
    }
  {
    const char *unit = bin == SECONDS_PER_DAY       ? _ ("upgrades starting per day (UTC)")
                       : bin == 7 * SECONDS_PER_DAY ? _ ("upgrades starting per week (UTC)")
                                                    : _ ("upgrades starting per 30 days (UTC)");
    add_text (scene, right, scene->height - 3, unit, SMALL_SIZE, FALSE, ANCHOR_END,
              IUM_REPORT_FAINT);
  }
}

static void
build_scene (Scene *scene, IumReport *report, IumReportChart chart, double width, double height)
{
  scene_init (scene, chart, width, height);
  switch (chart)
    {
    case IUM_REPORT_CHART_STATUS:
      build_status (scene, report);
      break;
    case IUM_REPORT_CHART_VERSIONS:
      build_versions (scene, report);
      break;
    case IUM_REPORT_CHART_TIMELINE:
    default:
      build_timeline (scene, report);
      break;
    }
}

const char *
ium_report_chart_get_title (IumReportChart chart)
{
  g_return_val_if_fail ((guint) chart < IUM_REPORT_N_CHARTS, NULL);
  return _ (charts[chart].title);
}

void
ium_report_chart_get_size_hint (IumReportChart chart, double *width, double *height)
{
  g_return_if_fail ((guint) chart < IUM_REPORT_N_CHARTS);
  if (width != NULL)
    *width = charts[chart].width;
  if (height != NULL)
    *height = charts[chart].height;
}

void
ium_report_chart_draw (
  IumReport *report, IumReportChart chart, cairo_t *cr, double width, double height)
{
  Scene scene = { 0 };

  g_return_if_fail (IUM_IS_REPORT (report));
  g_return_if_fail ((guint) chart < IUM_REPORT_N_CHARTS);
  g_return_if_fail (cr != NULL);

  build_scene (&scene, report, chart, width, height);
  cairo_save (cr);
  for (guint i = 0; i < scene.shapes->len; i++)
    {
      const Shape *shape = &g_array_index (scene.shapes, Shape, i);

      ium_report_set_colour (cr, shape->colour);
      switch (shape->kind)
        {
        case SHAPE_RECT:
          ium_report_rounded_rect (cr, shape->x, shape->y, shape->w, shape->h, shape->radius);
          cairo_fill (cr);
          break;
        case SHAPE_LINE:
          {
            static const double dash[] = { 3.0, 2.0 };
            cairo_set_line_width (cr, shape->line_width);
            cairo_set_dash (cr, dash, shape->dashed ? 2 : 0, 0);
            cairo_move_to (cr, shape->x, shape->y);
            cairo_line_to (cr, shape->w, shape->h);
            cairo_stroke (cr);
          }
          break;
        case SHAPE_TEXT:
        default:
          {
            g_autoptr (PangoLayout) layout =
              ium_report_layout_new (scene.context, shape->text, shape->size, shape->bold);
            PangoRectangle logical;
            double         x = shape->x;

            pango_layout_get_extents (layout, NULL, &logical);
            if (shape->anchor == ANCHOR_MIDDLE)
              x -= (double) logical.width / PANGO_SCALE / 2;
            else if (shape->anchor == ANCHOR_END)
              x -= (double) logical.width / PANGO_SCALE;
            ium_report_show_layout (cr, layout, x, shape->y);
          }
          break;
        }
    }
  cairo_restore (cr);
  scene_clear (&scene);
}

static void
append_number (GString *out, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Never the locale's decimal comma. */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

char *
ium_report_chart_to_svg (IumReport *report, IumReportChart chart, double width, double height)
{
  static const char *anchors[] = { "start", "middle", "end" };
  Scene              scene = { 0 };
  GString           *out = g_string_new (NULL);
  char               colour[8];

  g_return_val_if_fail (IUM_IS_REPORT (report), NULL);
  g_return_val_if_fail ((guint) chart < IUM_REPORT_N_CHARTS, NULL);

  build_scene (&scene, report, chart, width, height);
  g_string_append (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
  append_number (out, width);
  g_string_append_c (out, ' ');
  append_number (out, height);
  g_string_append (out, "\" role=\"img\" font-family=\"" IUM_REPORT_CSS_FONTS "\"><title>");
  ium_report_append_escaped (out, scene.title);
  g_string_append (out, "</title>\n");

  for (guint i = 0; i < scene.shapes->len; i++)
    {
      const Shape *shape = &g_array_index (scene.shapes, Shape, i);

      ium_report_css_colour (shape->colour, colour);
      switch (shape->kind)
        {
        case SHAPE_RECT:
          g_string_append (out, "<rect x=\"");
          append_number (out, shape->x);
          g_string_append (out, "\" y=\"");
          append_number (out, shape->y);
          g_string_append (out, "\" width=\"");
          append_number (out, shape->w);
          g_string_append (out, "\" height=\"");
          append_number (out, shape->h);
          if (shape->radius > 0)
            {
              g_string_append (out, "\" rx=\"");
              append_number (out, MIN (shape->radius, MIN (shape->w, shape->h) / 2));
            }
          g_string_append_printf (out, "\" fill=\"%s\"/>\n", colour);
          break;
        case SHAPE_LINE:
          g_string_append (out, "<line x1=\"");
          append_number (out, shape->x);
          g_string_append (out, "\" y1=\"");
          append_number (out, shape->y);
          g_string_append (out, "\" x2=\"");
          append_number (out, shape->w);
          g_string_append (out, "\" y2=\"");
          append_number (out, shape->h);
          g_string_append (out, "\" stroke-width=\"");
          append_number (out, shape->line_width);
          g_string_append_printf (out, "\" stroke=\"%s\"%s/>\n", colour,
                                  shape->dashed ? " stroke-dasharray=\"3 2\"" : "");
          break;
        case SHAPE_TEXT:
        default:
          g_string_append (out, "<text x=\"");
          append_number (out, shape->x);
          g_string_append (out, "\" y=\"");
          append_number (out, shape->y);
          g_string_append (out, "\" font-size=\"");
          append_number (out, shape->size);
          g_string_append_printf (out, "\"%s text-anchor=\"%s\" fill=\"%s\">",
                                  shape->bold ? " font-weight=\"700\"" : "", anchors[shape->anchor],
                                  colour);
          ium_report_append_escaped (out, shape->text);
          g_string_append (out, "</text>\n");
          break;
        }
    }
  g_string_append (out, "</svg>");
  scene_clear (&scene);
  return g_string_free (out, FALSE);
}
