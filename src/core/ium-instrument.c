/* ium-instrument.c: an instrument (LARMOR, ZOOM, ...) and the hosts its software lives on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include "ium-instrument.h"

struct _IumInstrument
{
  GObject      parent_instance;

  char        *name; /* owned */
  /* Interned (g_intern_string()): a facility has a few sites and tags over thousands of
   * instruments. */
  const char  *site;      /* interned */
  const char **tags;      /* owned array of interned strings, never NULL */
  char        *pin;       /* owned */
  char        *busy_note; /* owned, NULL unless busy */
  /* A plain array: an instrument has one to three hosts, and a GListStore for them cost 270
   * bytes an instrument (docs/performance.md). */
  IumHost    **hosts; /* owned array of n_hosts owned references */
  guint        n_hosts;
  guint        busy : 1;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_SITE,
  PROP_TAGS,
  PROP_PIN,
  PROP_BUSY,
  PROP_BUSY_NOTE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumInstrument, ium_instrument, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* g_set_str() needs GLib 2.76; the project allows 2.74. */
static gboolean
replace_string (char **ptr, const char *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

static gboolean
find_host_position (IumInstrument *self, const char *name, guint *position)
{
  for (guint i = 0; i < self->n_hosts; i++)
    {
      if (g_strcmp0 (ium_host_get_name (self->hosts[i]), name) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
ium_instrument_dispose (GObject *object)
{
  IumInstrument *self = (IumInstrument *) object;

  for (guint i = 0; i < self->n_hosts; i++)
    g_object_unref (self->hosts[i]);
  g_clear_pointer (&self->hosts, g_free);
  self->n_hosts = 0;

  G_OBJECT_CLASS (ium_instrument_parent_class)->dispose (object);
}

static void
ium_instrument_finalize (GObject *object)
{
  IumInstrument *self = (IumInstrument *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->tags, g_free);
  g_clear_pointer (&self->pin, g_free);
  g_clear_pointer (&self->busy_note, g_free);

  G_OBJECT_CLASS (ium_instrument_parent_class)->finalize (object);
}

static void
ium_instrument_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumInstrument *self = IUM_INSTRUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SITE:
      g_value_set_string (value, self->site);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_PIN:
      g_value_set_string (value, self->pin);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_BUSY_NOTE:
      g_value_set_string (value, self->busy_note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_instrument_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumInstrument *self = IUM_INSTRUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_SITE:
      ium_instrument_set_site (self, g_value_get_string (value));
      break;

    case PROP_TAGS:
      ium_instrument_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_PIN:
      ium_instrument_set_pin (self, g_value_get_string (value));
      break;

    case PROP_BUSY:
      /* Keeps the note while busy; clears it when no longer busy. */
      ium_instrument_set_busy (self, g_value_get_boolean (value), self->busy_note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_instrument_class_init (IumInstrumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ium_instrument_dispose;
  object_class->finalize = ium_instrument_finalize;
  object_class->get_property = ium_instrument_get_property;
  object_class->set_property = ium_instrument_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PIN] =
    g_param_spec_string ("pin", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Read-only: the note only exists while busy, so it is set together with "busy" through
   * ium_instrument_set_busy(). */
  properties[PROP_BUSY_NOTE] =
    g_param_spec_string ("busy-note", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_instrument_init (IumInstrument *self)
{
  self->tags = g_new0 (const char *, 1);
}

/**
 * ium_instrument_new:
 * @name: the instrument name, unique and case-sensitive
 *
 * Returns: (transfer full): a new instrument with no hosts
 */
IumInstrument *
ium_instrument_new (const char *name)
{
  IumInstrument *self;

  g_return_val_if_fail (name != NULL, NULL);

  /* As ium_host_new(): the same object as g_object_new() with "name", made faster. */
  self = g_object_new (IUM_TYPE_INSTRUMENT, NULL);
  self->name = g_strdup (name);
  return self;
}

const char *
ium_instrument_get_name (IumInstrument *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), NULL);

  return self->name;
}

const char *
ium_instrument_get_site (IumInstrument *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), NULL);

  return self->site;
}

void
ium_instrument_set_site (IumInstrument *self, const char *site)
{
  g_return_if_fail (IUM_IS_INSTRUMENT (self));

  if (g_strcmp0 (self->site, site) == 0)
    return;
  self->site = g_intern_string (site);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}

/**
 * ium_instrument_get_tags:
 * @self: an instrument
 *
 * Returns: (transfer none): the tags; an empty array when there are none, never %NULL
 */
const char *const *
ium_instrument_get_tags (IumInstrument *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), NULL);

  return (const char *const *) self->tags;
}

/**
 * ium_instrument_set_tags:
 * @self: an instrument
 * @tags: (nullable): the tags; %NULL for none
 */
void
ium_instrument_set_tags (IumInstrument *self, const char *const *tags)
{
  static const char *const no_tags[] = { NULL };
  guint                    n;

  g_return_if_fail (IUM_IS_INSTRUMENT (self));

  if (tags == NULL)
    tags = no_tags;

  if (g_strv_equal ((const char *const *) self->tags, tags))
    return;

  n = g_strv_length ((char **) tags);
  g_free (self->tags);
  self->tags = g_new (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->tags[i] = g_intern_string (tags[i]);
  self->tags[n] = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
ium_instrument_has_tag (IumInstrument *self, const char *tag)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return g_strv_contains ((const char *const *) self->tags, tag);
}

const char *
ium_instrument_get_pin (IumInstrument *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), NULL);

  return self->pin;
}

/**
 * ium_instrument_set_pin:
 * @self: an instrument
 * @pin: (nullable): the release version text the instrument should run instead of the
 *   facility default, or %NULL to follow the default
 */
void
ium_instrument_set_pin (IumInstrument *self, const char *pin)
{
  g_return_if_fail (IUM_IS_INSTRUMENT (self));

  if (replace_string (&self->pin, pin))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIN]);
}

gboolean
ium_instrument_get_busy (IumInstrument *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), FALSE);

  return self->busy;
}

/**
 * ium_instrument_get_busy_note:
 * @self: an instrument
 *
 * Returns: (nullable) (transfer none): why the instrument is busy; %NULL when it is not
 */
const char *
ium_instrument_get_busy_note (IumInstrument *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), NULL);

  return self->busy_note;
}

/**
 * ium_instrument_set_busy:
 * @self: an instrument
 * @busy: whether the instrument is busy (not to be upgraded now)
 * @note: (nullable): why; ignored and cleared when @busy is %FALSE
 */
void
ium_instrument_set_busy (IumInstrument *self, gboolean busy, const char *note)
{
  g_autofree char *note_copy = NULL;

  g_return_if_fail (IUM_IS_INSTRUMENT (self));

  busy = !!busy;
  /* @note may be our own busy_note (the "busy" property passes it back in). */
  note_copy = busy ? g_strdup (note) : NULL;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->busy != (guint) busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  if (replace_string (&self->busy_note, note_copy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY_NOTE]);

  g_object_thaw_notify (G_OBJECT (self));
}

guint
ium_instrument_get_n_hosts (IumInstrument *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), 0);

  return self->n_hosts;
}

/**
 * ium_instrument_get_host:
 * @self: an instrument
 * @position: the position of the host
 *
 * Returns: (nullable) (transfer none): the host at @position, or %NULL past the end
 */
IumHost *
ium_instrument_get_host (IumInstrument *self, guint position)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), NULL);

  return position < self->n_hosts ? self->hosts[position] : NULL;
}

/**
 * ium_instrument_find_host:
 * @self: an instrument
 * @name: a host name
 *
 * Returns: (nullable) (transfer none): the host called @name, or %NULL
 */
IumHost *
ium_instrument_find_host (IumInstrument *self, const char *name)
{
  guint position;

  g_return_val_if_fail (IUM_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* An instrument has one to three hosts, so a linear search is enough. */
  if (!find_host_position (self, name, &position))
    return NULL;

  return ium_instrument_get_host (self, position);
}

/**
 * ium_instrument_add_host:
 * @self: an instrument
 * @host: the host to add; a host of the same name is replaced in place
 */
void
ium_instrument_add_host (IumInstrument *self, IumHost *host)
{
  guint position;

  g_return_if_fail (IUM_IS_INSTRUMENT (self));
  g_return_if_fail (IUM_IS_HOST (host));

  /* Host names are unique within an instrument. */
  if (find_host_position (self, ium_host_get_name (host), &position))
    {
      /* Referenced first: @host may be the very one replaced. */
      IumHost *old = self->hosts[position];

      self->hosts[position] = g_object_ref (host);
      g_object_unref (old);
    }
  else
    {
      /* Exactly as long as needed: instruments are many, and their hosts few. */
      self->hosts = g_renew (IumHost *, self->hosts, self->n_hosts + 1);
      self->hosts[self->n_hosts++] = g_object_ref (host);
    }
}
