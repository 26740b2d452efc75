/* ium-component.c: a versioned piece of software (ibex-server, ibex-gui, ...).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include "ium-component.h"

#include "ium-enums.h"

struct _IumComponent
{
  GObject   parent_instance;

  char     *id;   /* owned */
  char     *name; /* owned */
  IumRole   role;
  IumScheme scheme;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_SCHEME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumComponent, ium_component, G_TYPE_OBJECT)

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

static void
ium_component_finalize (GObject *object)
{
  IumComponent *self = (IumComponent *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (ium_component_parent_class)->finalize (object);
}

static void
ium_component_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumComponent *self = IUM_COMPONENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_SCHEME:
      g_value_set_enum (value, self->scheme);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_component_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumComponent *self = IUM_COMPONENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      ium_component_set_name (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      ium_component_set_role (self, g_value_get_enum (value));
      break;

    case PROP_SCHEME:
      ium_component_set_scheme (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_component_class_init (IumComponentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ium_component_finalize;
  object_class->get_property = ium_component_get_property;
  object_class->set_property = ium_component_set_property;

  properties[PROP_ID] = g_param_spec_string (
    "id", NULL, NULL, NULL, (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, IUM_TYPE_ROLE, IUM_ROLE_SERVER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCHEME] =
    g_param_spec_enum ("scheme", NULL, NULL, IUM_TYPE_SCHEME, IUM_SCHEME_QUAD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_component_init (IumComponent *self)
{
  self->role = IUM_ROLE_SERVER;
  self->scheme = IUM_SCHEME_QUAD;
}

/**
 * ium_component_new:
 * @id: the component id, e.g. "ibex-server"
 * @name: (nullable): the name people read
 * @role: whether it is a server, a client or a library
 * @scheme: the version scheme of its versions
 *
 * Returns: (transfer full): a new component
 */
IumComponent *
ium_component_new (const char *id, const char *name, IumRole role, IumScheme scheme)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (IUM_TYPE_COMPONENT, "id", id, "name", name, "role", role, "scheme", scheme,
                       NULL);
}

const char *
ium_component_get_id (IumComponent *self)
{
  g_return_val_if_fail (IUM_IS_COMPONENT (self), NULL);

  return self->id;
}

const char *
ium_component_get_name (IumComponent *self)
{
  g_return_val_if_fail (IUM_IS_COMPONENT (self), NULL);

  return self->name;
}

void
ium_component_set_name (IumComponent *self, const char *name)
{
  g_return_if_fail (IUM_IS_COMPONENT (self));

  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

IumRole
ium_component_get_role (IumComponent *self)
{
  g_return_val_if_fail (IUM_IS_COMPONENT (self), IUM_ROLE_SERVER);

  return self->role;
}

void
ium_component_set_role (IumComponent *self, IumRole role)
{
  g_return_if_fail (IUM_IS_COMPONENT (self));

  if (self->role == role)
    return;

  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

IumScheme
ium_component_get_scheme (IumComponent *self)
{
  g_return_val_if_fail (IUM_IS_COMPONENT (self), IUM_SCHEME_QUAD);

  return self->scheme;
}

void
ium_component_set_scheme (IumComponent *self, IumScheme scheme)
{
  g_return_if_fail (IUM_IS_COMPONENT (self));

  if (self->scheme == scheme)
    return;

  self->scheme = scheme;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEME]);
}
