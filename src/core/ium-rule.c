/* ium-rule.c: a compatibility rule between a client component and its server component.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include "ium-rule.h"

#include "ium-enums.h"

struct _IumRule
{
  GObject         parent_instance;

  char           *client; /* owned */
  char           *server; /* owned */
  IumCompatPolicy policy;
};

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_SERVER,
  PROP_POLICY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumRule, ium_rule, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ium_rule_finalize (GObject *object)
{
  IumRule *self = (IumRule *) object;

  g_clear_pointer (&self->client, g_free);
  g_clear_pointer (&self->server, g_free);

  G_OBJECT_CLASS (ium_rule_parent_class)->finalize (object);
}

static void
ium_rule_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumRule *self = IUM_RULE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_string (value, self->client);
      break;

    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;

    case PROP_POLICY:
      g_value_set_enum (value, self->policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_rule_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumRule *self = IUM_RULE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_string (value);
      break;

    case PROP_SERVER:
      ium_rule_set_server (self, g_value_get_string (value));
      break;

    case PROP_POLICY:
      ium_rule_set_policy (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_rule_class_init (IumRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ium_rule_finalize;
  object_class->get_property = ium_rule_get_property;
  object_class->set_property = ium_rule_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_string ("client", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_POLICY] = g_param_spec_enum (
    "policy", NULL, NULL, IUM_TYPE_COMPAT_POLICY, IUM_COMPAT_POLICY_MINOR_BACKWARD,
    (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_rule_init (IumRule *self)
{
  self->policy = IUM_COMPAT_POLICY_MINOR_BACKWARD;
}

/**
 * ium_rule_new:
 * @client: the client component id, the rule's key
 * @server: the server component id the client talks to
 * @policy: what versions of the two may work together
 *
 * Returns: (transfer full): a new rule
 */
IumRule *
ium_rule_new (const char *client, const char *server, IumCompatPolicy policy)
{
  g_return_val_if_fail (client != NULL, NULL);
  g_return_val_if_fail (server != NULL, NULL);

  return g_object_new (IUM_TYPE_RULE, "client", client, "server", server, "policy", policy, NULL);
}

const char *
ium_rule_get_client (IumRule *self)
{
  g_return_val_if_fail (IUM_IS_RULE (self), NULL);

  return self->client;
}

const char *
ium_rule_get_server (IumRule *self)
{
  g_return_val_if_fail (IUM_IS_RULE (self), NULL);

  return self->server;
}

void
ium_rule_set_server (IumRule *self, const char *server)
{
  g_return_if_fail (IUM_IS_RULE (self));

  if (g_strcmp0 (self->server, server) == 0)
    return;

  g_free (self->server);
  self->server = g_strdup (server);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
}

IumCompatPolicy
ium_rule_get_policy (IumRule *self)
{
  g_return_val_if_fail (IUM_IS_RULE (self), IUM_COMPAT_POLICY_MINOR_BACKWARD);

  return self->policy;
}

void
ium_rule_set_policy (IumRule *self, IumCompatPolicy policy)
{
  g_return_if_fail (IUM_IS_RULE (self));

  if (self->policy == policy)
    return;

  self->policy = policy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}
