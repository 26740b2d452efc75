/* ium-cycle.c: an operating cycle, frozen or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include "ium-cycle.h"

struct _IumCycle
{
  GObject    parent_instance;

  char      *name;  /* owned */
  GDateTime *start; /* owned */
  GDateTime *end;   /* owned */
  guint      freeze : 1;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_START,
  PROP_END,
  PROP_FREEZE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumCycle, ium_cycle, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ium_cycle_finalize (GObject *object)
{
  IumCycle *self = (IumCycle *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);

  G_OBJECT_CLASS (ium_cycle_parent_class)->finalize (object);
}

static void
ium_cycle_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumCycle *self = IUM_CYCLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_START:
      g_value_set_boxed (value, self->start);
      break;

    case PROP_END:
      g_value_set_boxed (value, self->end);
      break;

    case PROP_FREEZE:
      g_value_set_boolean (value, self->freeze);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_cycle_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumCycle *self = IUM_CYCLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_START:
      self->start = g_value_dup_boxed (value);
      break;

    case PROP_END:
      self->end = g_value_dup_boxed (value);
      break;

    case PROP_FREEZE:
      ium_cycle_set_freeze (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_cycle_class_init (IumCycleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ium_cycle_finalize;
  object_class->get_property = ium_cycle_get_property;
  object_class->set_property = ium_cycle_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Construct-only: the header has no setters, and an inventory sorts cycles by start. */
  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FREEZE] =
    g_param_spec_boolean ("freeze", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_cycle_init (IumCycle *self)
{
}

/**
 * ium_cycle_new:
 * @name: the cycle name, its key
 * @start: when the cycle starts
 * @end: when the cycle ends
 * @freeze: whether only patch upgrades may be scheduled during the cycle
 *
 * Returns: (transfer full): a new cycle
 */
IumCycle *
ium_cycle_new (const char *name, GDateTime *start, GDateTime *end, gboolean freeze)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (end != NULL, NULL);

  return g_object_new (IUM_TYPE_CYCLE, "name", name, "start", start, "end", end, "freeze", freeze,
                       NULL);
}

const char *
ium_cycle_get_name (IumCycle *self)
{
  g_return_val_if_fail (IUM_IS_CYCLE (self), NULL);

  return self->name;
}

GDateTime *
ium_cycle_get_start (IumCycle *self)
{
  g_return_val_if_fail (IUM_IS_CYCLE (self), NULL);

  return self->start;
}

GDateTime *
ium_cycle_get_end (IumCycle *self)
{
  g_return_val_if_fail (IUM_IS_CYCLE (self), NULL);

  return self->end;
}

gboolean
ium_cycle_get_freeze (IumCycle *self)
{
  g_return_val_if_fail (IUM_IS_CYCLE (self), FALSE);

  return self->freeze;
}

void
ium_cycle_set_freeze (IumCycle *self, gboolean freeze)
{
  g_return_if_fail (IUM_IS_CYCLE (self));

  freeze = !!freeze;
  if (self->freeze == (guint) freeze)
    return;

  self->freeze = freeze;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREEZE]);
}
