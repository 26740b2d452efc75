/* ium-downtime-row.c: a downtime window or an operating cycle as the downtime view lists it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-downtime-row.h"

#include "ium-downtime-form.h"

struct _IumDowntimeRow
{
  GObject  parent_instance;

  GObject *object; /* owned: the window or the cycle */
  char    *key;    /* owned */
  char    *start;  /* owned */
  char    *end;    /* owned */
  gint64   start_time;
  char    *duration; /* owned */
  char    *label;    /* owned */
  char    *applies;  /* owned */
  char    *freeze;   /* owned */
};

enum
{
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_START_TIME,
  PROP_DURATION,
  PROP_LABEL,
  PROP_APPLIES,
  PROP_FREEZE,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumDowntimeRow, ium_downtime_row, G_TYPE_OBJECT)

static char *
dup_duration (GDateTime *start, GDateTime *end)
{
  GTimeSpan        span = g_date_time_difference (end, start);
  gint64           days = span / G_TIME_SPAN_DAY;
  gint64           hours = (span % G_TIME_SPAN_DAY) / G_TIME_SPAN_HOUR;
  gint64           minutes = (span % G_TIME_SPAN_HOUR) / G_TIME_SPAN_MINUTE;
  g_autofree char *day_text = NULL;
  g_autofree char *hour_text = NULL;

  /* Plain ints: xgettext cannot read G_GINT64_FORMAT in a message, and a window is never
   * millions of days long. */
  if (days > 0)
    day_text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), (int) days);
  if (hours > 0 || minutes > 0 || days == 0)
    hour_text = minutes > 0
                  ? g_strdup_printf (_ ("%d h %02d min"), (int) hours, (int) minutes)
                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", hours),
                                     (int) hours);
  if (day_text != NULL && hour_text != NULL)
    /* Translators: a length of time: days, then hours. */
    return g_strdup_printf (_ ("%s %s"), day_text, hour_text);
  return g_strdup (day_text ? day_text : hour_text);
}

static void
ium_downtime_row_finalize (GObject *object)
{
  IumDowntimeRow *self = IUM_DOWNTIME_ROW (object);

  g_clear_object (&self->object);
  g_free (self->key);
  g_free (self->start);
  g_free (self->end);
  g_free (self->duration);
  g_free (self->label);
  g_free (self->applies);
  g_free (self->freeze);

  G_OBJECT_CLASS (ium_downtime_row_parent_class)->finalize (object);
}

static void
ium_downtime_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumDowntimeRow *self = IUM_DOWNTIME_ROW (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_string (value, self->start);
      break;
    case PROP_END:
      g_value_set_string (value, self->end);
      break;
    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;
    case PROP_DURATION:
      g_value_set_string (value, self->duration);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_APPLIES:
      g_value_set_string (value, self->applies);
      break;
    case PROP_FREEZE:
      g_value_set_string (value, self->freeze);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_downtime_row_class_init (IumDowntimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ium_downtime_row_finalize;
  object_class->get_property = ium_downtime_row_get_property;

  properties[PROP_START] = g_param_spec_string ("start", NULL, NULL, NULL, ro);
  properties[PROP_END] = g_param_spec_string ("end", NULL, NULL, NULL, ro);
  properties[PROP_START_TIME] =
    g_param_spec_int64 ("start-time", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_DURATION] = g_param_spec_string ("duration", NULL, NULL, NULL, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);
  properties[PROP_APPLIES] = g_param_spec_string ("applies", NULL, NULL, NULL, ro);
  properties[PROP_FREEZE] = g_param_spec_string ("freeze", NULL, NULL, NULL, ro);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_downtime_row_init (IumDowntimeRow *self)
{
}

static IumDowntimeRow *
row_new (GObject *object, GDateTime *start, GDateTime *end)
{
  IumDowntimeRow *self = g_object_new (IUM_TYPE_DOWNTIME_ROW, NULL);

  self->object = g_object_ref (object);
  self->start = ium_downtime_format_time (start);
  self->end = ium_downtime_format_time (end);
  self->start_time = g_date_time_to_unix (start);
  self->duration = dup_duration (start, end);
  return self;
}

/* The frozen cycles the window overlaps, where the planner places no non-patch upgrade. */
static char *
dup_frozen_cycles (IumWindow *window, IumInventory *inventory)
{
  GListModel *cycles = ium_inventory_get_cycles (inventory);
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr (IumCycle) cycle = g_list_model_get_item (cycles, i);

      if (ium_cycle_get_freeze (cycle)
          && g_date_time_compare (ium_cycle_get_start (cycle), ium_window_get_end (window)) < 0
          && g_date_time_compare (ium_window_get_start (window), ium_cycle_get_end (cycle)) < 0)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", ium_cycle_get_name (cycle));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

IumDowntimeRow *
ium_downtime_row_new_window (IumWindow *window, IumInventory *inventory)
{
  IumDowntimeRow *self =
    row_new (G_OBJECT (window), ium_window_get_start (window), ium_window_get_end (window));
  const char *const *names = ium_window_get_instruments (window);

  self->key = ium_window_dup_key (window);
  self->label = g_strdup (ium_window_get_label (window));
  self->applies = names ? g_strjoinv (", ", (char **) names) : g_strdup (_ ("All instruments"));
  self->freeze = inventory ? dup_frozen_cycles (window, inventory) : g_strdup ("");
  return self;
}

IumDowntimeRow *
ium_downtime_row_new_cycle (IumCycle *cycle)
{
  IumDowntimeRow *self =
    row_new (G_OBJECT (cycle), ium_cycle_get_start (cycle), ium_cycle_get_end (cycle));

  self->key = g_strdup (ium_cycle_get_name (cycle));
  self->label = g_strdup (ium_cycle_get_name (cycle));
  self->applies = g_strdup (_ ("All instruments"));
  self->freeze =
    g_strdup (ium_cycle_get_freeze (cycle) ? _ ("Frozen: patch releases only") : _ ("Open"));
  return self;
}

GObject *
ium_downtime_row_get_object (IumDowntimeRow *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_ROW (self), NULL);
  return self->object;
}

const char *
ium_downtime_row_get_key (IumDowntimeRow *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_ROW (self), NULL);
  return self->key;
}

const char *
ium_downtime_row_get_label (IumDowntimeRow *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_ROW (self), NULL);
  return self->label;
}

const char *
ium_downtime_row_get_applies (IumDowntimeRow *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_ROW (self), NULL);
  return self->applies;
}

const char *
ium_downtime_row_get_freeze (IumDowntimeRow *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_ROW (self), NULL);
  return self->freeze;
}

const char *
ium_downtime_row_get_start (IumDowntimeRow *self)
{
  g_return_val_if_fail (IUM_IS_DOWNTIME_ROW (self), NULL);
  return self->start;
}

GPtrArray *
ium_downtime_rows_build (IumInventory *inventory, gboolean cycles)
{
  GListModel *list =
    cycles ? ium_inventory_get_cycles (inventory) : ium_inventory_get_windows (inventory);
  guint      n = g_list_model_get_n_items (list);
  GPtrArray *rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) object = g_list_model_get_item (list, i);

      g_ptr_array_add (rows, cycles ? ium_downtime_row_new_cycle (IUM_CYCLE (object))
                                    : ium_downtime_row_new_window (IUM_WINDOW (object), inventory));
    }
  return rows;
}
