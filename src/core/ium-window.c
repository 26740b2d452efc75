/* ium-window.c: a downtime window in which instruments may be upgraded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include "ium-window.h"

struct _IumWindow
{
  GObject    parent_instance;

  GDateTime *start;       /* owned */
  GDateTime *end;         /* owned */
  char      *label;       /* owned */
  char     **instruments; /* owned; NULL for every instrument */
};

enum
{
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_LABEL,
  PROP_INSTRUMENTS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumWindow, ium_window, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static char *
format_utc (GDateTime *date_time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
strv_equal_nullable (const char *const *a, const char *const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static void
ium_window_finalize (GObject *object)
{
  IumWindow *self = (IumWindow *) object;

  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->instruments, g_strfreev);

  G_OBJECT_CLASS (ium_window_parent_class)->finalize (object);
}

static void
ium_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumWindow *self = IUM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_boxed (value, self->start);
      break;

    case PROP_END:
      g_value_set_boxed (value, self->end);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_INSTRUMENTS:
      g_value_set_boxed (value, self->instruments);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumWindow *self = IUM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_START:
      self->start = g_value_dup_boxed (value);
      break;

    case PROP_END:
      self->end = g_value_dup_boxed (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_INSTRUMENTS:
      ium_window_set_instruments (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_window_class_init (IumWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ium_window_finalize;
  object_class->get_property = ium_window_get_property;
  object_class->set_property = ium_window_set_property;

  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INSTRUMENTS] =
    g_param_spec_boxed ("instruments", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_window_init (IumWindow *self)
{
}

/**
 * ium_window_new:
 * @start: when the window opens; kept in the offset it was given in
 * @end: when the window closes
 * @label: (nullable): what the window is, e.g. "Machine physics"
 *
 * Returns: (transfer full): a new window that applies to every instrument
 */
IumWindow *
ium_window_new (GDateTime *start, GDateTime *end, const char *label)
{
  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (end != NULL, NULL);

  return g_object_new (IUM_TYPE_WINDOW, "start", start, "end", end, "label", label, NULL);
}

GDateTime *
ium_window_get_start (IumWindow *self)
{
  g_return_val_if_fail (IUM_IS_WINDOW (self), NULL);

  return self->start;
}

GDateTime *
ium_window_get_end (IumWindow *self)
{
  g_return_val_if_fail (IUM_IS_WINDOW (self), NULL);

  return self->end;
}

const char *
ium_window_get_label (IumWindow *self)
{
  g_return_val_if_fail (IUM_IS_WINDOW (self), NULL);

  return self->label;
}

/**
 * ium_window_get_instruments:
 * @self: a window
 *
 * Returns: (nullable) (transfer none): the names of the instruments the window applies to,
 *   or %NULL when it applies to every instrument
 */
const char *const *
ium_window_get_instruments (IumWindow *self)
{
  g_return_val_if_fail (IUM_IS_WINDOW (self), NULL);

  return (const char *const *) self->instruments;
}

/**
 * ium_window_set_instruments:
 * @self: a window
 * @names: (nullable): instrument names, or %NULL for every instrument
 */
void
ium_window_set_instruments (IumWindow *self, const char *const *names)
{
  g_return_if_fail (IUM_IS_WINDOW (self));

  if (strv_equal_nullable ((const char *const *) self->instruments, names))
    return;

  g_strfreev (self->instruments);
  self->instruments = g_strdupv ((char **) names);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUMENTS]);
}

/**
 * ium_window_applies_to:
 * @self: a window
 * @instrument: an instrument name
 *
 * Returns: %TRUE when the window is for every instrument or lists @instrument
 */
gboolean
ium_window_applies_to (IumWindow *self, const char *instrument)
{
  g_return_val_if_fail (IUM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (instrument != NULL, FALSE);

  if (self->instruments == NULL)
    return TRUE;

  return g_strv_contains ((const char *const *) self->instruments, instrument);
}

/**
 * ium_window_dup_key:
 * @self: a window
 *
 * The key compares instants, not spellings: the same window written with another offset
 * has the same key.
 *
 * Returns: (transfer full): "START|END|LABEL" with START and END in UTC, e.g.
 *   "2025-03-01T08:00:00Z|2025-03-01T12:00:00Z|Machine physics"
 */
char *
ium_window_dup_key (IumWindow *self)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (IUM_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->start != NULL && self->end != NULL, NULL);

  start = format_utc (self->start);
  end = format_utc (self->end);

  return g_strdup_printf ("%s|%s|%s", start, end, self->label != NULL ? self->label : "");
}
