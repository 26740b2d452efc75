/* ium-rollout-row.c: one instrument of a planned rollout, as the planner's list shows it.
 *
 * Rows are made on the planning thread, thousands at a time; the time range, the one text
 * that costs something to format, is made on the main thread when a cell first shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-rollout-row.h"

#include "ium-rollout-text.h"

struct _IumRolloutRow
{
  GObject           parent_instance;

  char             *instrument; /* owned */
  guint             wave;
  char             *wave_text; /* owned */
  IumRolloutRowKind kind;
  gint64            start;
  gint64            end;
  char             *when;   /* owned: made when first asked for */
  char             *window; /* owned */
  IumUpgradeState   state;
  const char       *state_text; /* static */
  char             *note;       /* owned */
  guint             item;
};

enum
{
  PROP_0,
  PROP_INSTRUMENT,
  PROP_WAVE,
  PROP_WAVE_TEXT,
  PROP_KIND,
  PROP_WHEN,
  PROP_START,
  PROP_WINDOW,
  PROP_STATE,
  PROP_NOTE,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumRolloutRow, ium_rollout_row, G_TYPE_OBJECT)

static void
ium_rollout_row_finalize (GObject *object)
{
  IumRolloutRow *self = IUM_ROLLOUT_ROW (object);

  g_free (self->instrument);
  g_free (self->wave_text);
  g_free (self->when);
  g_free (self->window);
  g_free (self->note);

  G_OBJECT_CLASS (ium_rollout_row_parent_class)->finalize (object);
}

static void
ium_rollout_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumRolloutRow *self = IUM_ROLLOUT_ROW (object);

  switch (prop_id)
    {
    case PROP_INSTRUMENT:
      g_value_set_string (value, self->instrument);
      break;
    case PROP_WAVE:
      g_value_set_uint (value, self->wave);
      break;
    case PROP_WAVE_TEXT:
      g_value_set_string (value, self->wave_text);
      break;
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_WHEN:
      g_value_set_string (value, ium_rollout_row_get_when (self));
      break;
    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;
    case PROP_WINDOW:
      g_value_set_string (value, self->window);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state_text);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_ITEM:
      g_value_set_uint (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_rollout_row_class_init (IumRolloutRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ium_rollout_row_finalize;
  object_class->get_property = ium_rollout_row_get_property;

  properties[PROP_INSTRUMENT] = g_param_spec_string ("instrument", NULL, NULL, NULL, ro);
  properties[PROP_WAVE] = g_param_spec_uint ("wave", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_WAVE_TEXT] = g_param_spec_string ("wave-text", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL, 0, IUM_ROLLOUT_ROW_SKIPPED, 0, ro);
  properties[PROP_WHEN] = g_param_spec_string ("when", NULL, NULL, NULL, ro);
  properties[PROP_START] = g_param_spec_int64 ("start", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_WINDOW] = g_param_spec_string ("window", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  properties[PROP_ITEM] = g_param_spec_uint ("item", NULL, NULL, 0, G_MAXUINT, G_MAXUINT, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_rollout_row_init (IumRolloutRow *self)
{
}

IumRolloutRow *
ium_rollout_row_new (const char       *instrument,
                     guint             wave,
                     IumRolloutRowKind kind,
                     gint64            start,
                     gint64            end,
                     const char       *window,
                     IumUpgradeState   state,
                     const char       *note,
                     guint             item)
{
  IumRolloutRow *self = g_object_new (IUM_TYPE_ROLLOUT_ROW, NULL);

  self->instrument = g_strdup (instrument);
  self->wave = wave;
  self->wave_text = wave > 0 ? g_strdup_printf ("%u", wave) : g_strdup ("—");
  self->kind = kind;
  self->start = kind == IUM_ROLLOUT_ROW_SCHEDULED ? start : 0;
  self->end = kind == IUM_ROLLOUT_ROW_SCHEDULED ? end : 0;
  self->window = g_strdup (window ? window : "");
  self->state = state;
  switch (kind)
    {
    case IUM_ROLLOUT_ROW_SCHEDULED:
      self->state_text = ium_upgrade_state_get_label (state);
      break;
    case IUM_ROLLOUT_ROW_UNSCHEDULED:
      self->state_text = _ ("Unscheduled");
      break;
    case IUM_ROLLOUT_ROW_SKIPPED:
    default:
      self->state_text = _ ("Not in the rollout");
      break;
    }
  self->note = g_strdup (note ? note : "");
  self->item = item;
  return self;
}

const char *
ium_rollout_row_get_instrument (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), NULL);
  return self->instrument;
}

guint
ium_rollout_row_get_wave (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), 0);
  return self->wave;
}

IumRolloutRowKind
ium_rollout_row_get_kind (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), 0);
  return self->kind;
}

IumUpgradeState
ium_rollout_row_get_state (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), 0);
  return self->state;
}

const char *
ium_rollout_row_get_state_text (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), NULL);
  return self->state_text;
}

const char *
ium_rollout_row_get_note (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), NULL);
  return self->note;
}

const char *
ium_rollout_row_get_when (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), NULL);

  /* Formatted for the rows on screen only: a plan has thousands. */
  if (self->when == NULL)
    self->when = self->kind == IUM_ROLLOUT_ROW_SCHEDULED
                   ? ium_format_time_range (self->start, self->end)
                   : g_strdup ("—");
  return self->when;
}

gint64
ium_rollout_row_get_start (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), 0);
  return self->start;
}

guint
ium_rollout_row_get_item (IumRolloutRow *self)
{
  g_return_val_if_fail (IUM_IS_ROLLOUT_ROW (self), G_MAXUINT);
  return self->item;
}
