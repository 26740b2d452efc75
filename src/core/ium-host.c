/* ium-host.c: one place an instrument's software is installed on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include "ium-host.h"

#include <string.h>

struct _IumHost
{
  GObject       parent_instance;

  char         *name; /* owned */
  /* Interned (g_intern_string()): a facility's hosts repeat a few roles, component ids and
   * versions, and 25,000 hosts holding copies of each cost megabytes. */
  const char   *role; /* interned */
  /* Sorted by component id (strcmp): a host carries a few components, and a hash table for
   * them cost 300 bytes a host, a third of a large inventory in memory (docs/performance.md). */
  IumInstalled *installed; /* owned array of n_installed, both strings interned */
  guint         n_installed;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_ROLE,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (IumHost, ium_host, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
ium_host_finalize (GObject *object)
{
  IumHost *self = (IumHost *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->installed, g_free);

  G_OBJECT_CLASS (ium_host_parent_class)->finalize (object);
}

static void
ium_host_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumHost *self = IUM_HOST (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_host_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumHost *self = IUM_HOST (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_ROLE:
      ium_host_set_role (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_host_class_init (IumHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ium_host_finalize;
  object_class->get_property = ium_host_get_property;
  object_class->set_property = ium_host_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IumHost::changed:
   *
   * Emitted after a version installed on the host was set, changed or removed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
ium_host_init (IumHost *self)
{
}

/* The position of @component_id in self->installed, or where it would go (*found FALSE). */
static guint
find_installed (IumHost *self, const char *component_id, gboolean *found)
{
  guint lo = 0, hi = self->n_installed;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int   cmp = strcmp (self->installed[mid].component, component_id);

      if (cmp == 0)
        {
          *found = TRUE;
          return mid;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = FALSE;
  return lo;
}

/**
 * ium_host_new:
 * @name: the host name, unique within its instrument
 * @role: (nullable): free text such as "control" or "cluster"
 *
 * Returns: (transfer full): a new host with nothing installed
 */
IumHost *
ium_host_new (const char *name, const char *role)
{
  IumHost *self;

  g_return_val_if_fail (name != NULL, NULL);

  /* The fields are set here rather than through construct properties: a large inventory
   * makes tens of thousands of hosts, and the property machinery would cost more than the
   * rest of loading one. g_object_new() with "name" and "role" gives the same object. */
  self = g_object_new (IUM_TYPE_HOST, NULL);
  self->name = g_strdup (name);
  self->role = g_intern_string (role);
  return self;
}

const char *
ium_host_get_name (IumHost *self)
{
  g_return_val_if_fail (IUM_IS_HOST (self), NULL);

  return self->name;
}

const char *
ium_host_get_role (IumHost *self)
{
  g_return_val_if_fail (IUM_IS_HOST (self), NULL);

  return self->role;
}

void
ium_host_set_role (IumHost *self, const char *role)
{
  g_return_if_fail (IUM_IS_HOST (self));

  if (g_strcmp0 (self->role, role) == 0)
    return;

  self->role = g_intern_string (role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/**
 * ium_host_get_n_installed:
 * @self: a host
 *
 * Returns: how many components the host carries.
 */
guint
ium_host_get_n_installed (IumHost *self)
{
  g_return_val_if_fail (IUM_IS_HOST (self), 0);

  return self->n_installed;
}

/**
 * ium_host_get_installed_nth:
 * @self: a host
 * @index: below ium_host_get_n_installed()
 *
 * Returns: (transfer none): the @index-th component installed on the host, its id and
 *   version, in the order of the ids (strcmp()); the strings live as long as the process.
 */
const IumInstalled *
ium_host_get_installed_nth (IumHost *self, guint index)
{
  g_return_val_if_fail (IUM_IS_HOST (self), NULL);
  g_return_val_if_fail (index < self->n_installed, NULL);

  return &self->installed[index];
}

/**
 * ium_host_get_installed_version:
 * @self: a host
 * @component_id: a component id
 *
 * Returns: (nullable) (transfer none): the version of @component_id installed on the host,
 *   or %NULL when the host does not carry it.
 */
const char *
ium_host_get_installed_version (IumHost *self, const char *component_id)
{
  gboolean found;
  guint    position;

  g_return_val_if_fail (IUM_IS_HOST (self), NULL);
  g_return_val_if_fail (component_id != NULL, NULL);

  position = find_installed (self, component_id, &found);
  return found ? self->installed[position].version : NULL;
}

/**
 * ium_host_set_installed:
 * @self: a host
 * @component_id: a component id
 * @version: (nullable): the installed version text, or %NULL to remove the component
 *
 * Emits #IumHost::changed when this changes what is installed.
 */
void
ium_host_set_installed (IumHost *self, const char *component_id, const char *version)
{
  gboolean found;
  guint    position;

  g_return_if_fail (IUM_IS_HOST (self));
  g_return_if_fail (component_id != NULL);

  position = find_installed (self, component_id, &found);
  if (g_strcmp0 (found ? self->installed[position].version : NULL, version) == 0)
    return;

  if (version == NULL)
    {
      memmove (&self->installed[position], &self->installed[position + 1],
               (self->n_installed - position - 1) * sizeof (IumInstalled));
      self->n_installed--;
    }
  else if (found)
    self->installed[position].version = g_intern_string (version);
  else
    {
      /* Exactly as long as needed: hosts are many, and their components few. */
      self->installed = g_renew (IumInstalled, self->installed, self->n_installed + 1);
      memmove (&self->installed[position + 1], &self->installed[position],
               (self->n_installed - position) * sizeof (IumInstalled));
      self->installed[position].component = g_intern_string (component_id);
      self->installed[position].version = g_intern_string (version);
      self->n_installed++;
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ium_host_dup_component_ids:
 * @self: a host
 *
 * Returns: (transfer full): the installed component ids, sorted; free with g_strfreev().
 */
char **
ium_host_dup_component_ids (IumHost *self)
{
  char **ids;

  g_return_val_if_fail (IUM_IS_HOST (self), NULL);

  ids = g_new (char *, self->n_installed + 1);
  for (guint i = 0; i < self->n_installed; i++)
    ids[i] = g_strdup (self->installed[i].component);
  ids[self->n_installed] = NULL;
  return ids;
}
