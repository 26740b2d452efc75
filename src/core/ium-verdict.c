/* ium-verdict.c: the answer to one client check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-verdict.h"

#include "ium-enums.h"

#include <gio/gio.h>

struct _IumVerdict
{
  GObject          parent_instance;

  char            *instrument;       /* owned */
  char            *component;        /* owned */
  char            *client_version;   /* owned */
  char            *server_component; /* owned */
  char            *server_version;   /* owned */
  IumVerdictStatus status;
  char            *recommended_version; /* owned, nullable */
  char            *download_url;        /* owned, nullable */
  char           **warnings;            /* owned, never NULL */
  char            *message;             /* owned */
};

enum
{
  PROP_0,
  PROP_INSTRUMENT,
  PROP_COMPONENT,
  PROP_CLIENT_VERSION,
  PROP_SERVER_COMPONENT,
  PROP_SERVER_VERSION,
  PROP_STATUS,
  PROP_RECOMMENDED_VERSION,
  PROP_DOWNLOAD_URL,
  PROP_WARNINGS,
  PROP_MESSAGE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumVerdict, ium_verdict, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static gboolean
set_invalid (GError **error, const char *key, const char *problem)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("Invalid verdict: key “%s” %s"), key,
               problem);
  return FALSE;
}

/* Reads the string member @key of @object into @value (borrowed). */
static gboolean
read_string (
  JsonObject *object, const char *key, gboolean nullable, const char **value, GError **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return set_invalid (error, key, "is missing");

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        return set_invalid (error, key, "must be a string, not null");

      *value = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return set_invalid (error, key, nullable ? "must be a string or null" : "must be a string");

  *value = json_node_get_string (node);
  return TRUE;
}

static char **
read_warnings (JsonObject *object, GError **error)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonNode  *node = json_object_get_member (object, "warnings");
  JsonArray *array;
  guint      length;

  if (node == NULL)
    {
      set_invalid (error, "warnings", "is missing");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, "warnings", "must be an array of strings");
      return NULL;
    }

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          set_invalid (error, "warnings", "must be an array of strings");
          return NULL;
        }

      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

static void
add_nullable_string (JsonBuilder *builder, const char *key, const char *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
ium_verdict_finalize (GObject *object)
{
  IumVerdict *self = (IumVerdict *) object;

  g_clear_pointer (&self->instrument, g_free);
  g_clear_pointer (&self->component, g_free);
  g_clear_pointer (&self->client_version, g_free);
  g_clear_pointer (&self->server_component, g_free);
  g_clear_pointer (&self->server_version, g_free);
  g_clear_pointer (&self->recommended_version, g_free);
  g_clear_pointer (&self->download_url, g_free);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ium_verdict_parent_class)->finalize (object);
}

static void
ium_verdict_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumVerdict *self = IUM_VERDICT (object);

  switch (prop_id)
    {
    case PROP_INSTRUMENT:
      g_value_set_string (value, self->instrument);
      break;

    case PROP_COMPONENT:
      g_value_set_string (value, self->component);
      break;

    case PROP_CLIENT_VERSION:
      g_value_set_string (value, self->client_version);
      break;

    case PROP_SERVER_COMPONENT:
      g_value_set_string (value, self->server_component);
      break;

    case PROP_SERVER_VERSION:
      g_value_set_string (value, self->server_version);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_RECOMMENDED_VERSION:
      g_value_set_string (value, self->recommended_version);
      break;

    case PROP_DOWNLOAD_URL:
      g_value_set_string (value, self->download_url);
      break;

    case PROP_WARNINGS:
      g_value_set_boxed (value, self->warnings);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_verdict_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumVerdict *self = IUM_VERDICT (object);

  switch (prop_id)
    {
    case PROP_INSTRUMENT:
      self->instrument = g_value_dup_string (value);
      break;

    case PROP_COMPONENT:
      self->component = g_value_dup_string (value);
      break;

    case PROP_CLIENT_VERSION:
      self->client_version = g_value_dup_string (value);
      break;

    case PROP_SERVER_COMPONENT:
      self->server_component = g_value_dup_string (value);
      break;

    case PROP_SERVER_VERSION:
      self->server_version = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_RECOMMENDED_VERSION:
      self->recommended_version = g_value_dup_string (value);
      break;

    case PROP_DOWNLOAD_URL:
      self->download_url = g_value_dup_string (value);
      break;

    case PROP_WARNINGS:
      g_strfreev (self->warnings);
      self->warnings =
        g_value_get_boxed (value) != NULL ? g_value_dup_boxed (value) : g_new0 (char *, 1);
      break;

    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_verdict_class_init (IumVerdictClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  /* A verdict is immutable: every property is set once, at construction. */
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ium_verdict_finalize;
  object_class->get_property = ium_verdict_get_property;
  object_class->set_property = ium_verdict_set_property;

  properties[PROP_INSTRUMENT] = g_param_spec_string ("instrument", NULL, NULL, NULL, flags);
  properties[PROP_COMPONENT] = g_param_spec_string ("component", NULL, NULL, NULL, flags);
  properties[PROP_CLIENT_VERSION] = g_param_spec_string ("client-version", NULL, NULL, NULL, flags);
  properties[PROP_SERVER_COMPONENT] =
    g_param_spec_string ("server-component", NULL, NULL, NULL, flags);
  properties[PROP_SERVER_VERSION] = g_param_spec_string ("server-version", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, IUM_TYPE_VERDICT_STATUS, IUM_VERDICT_OK, flags);
  properties[PROP_RECOMMENDED_VERSION] =
    g_param_spec_string ("recommended-version", NULL, NULL, NULL, flags);
  properties[PROP_DOWNLOAD_URL] = g_param_spec_string ("download-url", NULL, NULL, NULL, flags);
  properties[PROP_WARNINGS] = g_param_spec_boxed ("warnings", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_verdict_init (IumVerdict *self)
{
  self->warnings = g_new0 (char *, 1);
}

/**
 * ium_verdict_new:
 * @instrument: the instrument checked
 * @component: the client component
 * @client_version: the client version as given
 * @server_component: the server component of the rule
 * @server_version: the instrument's server version
 * @status: the verdict
 * @recommended_version: (nullable): the client version the instrument should use
 * @download_url: (nullable): where to get it
 * @warnings: (nullable) (array zero-terminated=1): short warning nicks such as "partial"
 * @message: one sentence for people
 *
 * Returns: (transfer full): a new, immutable verdict
 */
IumVerdict *
ium_verdict_new (const char        *instrument,
                 const char        *component,
                 const char        *client_version,
                 const char        *server_component,
                 const char        *server_version,
                 IumVerdictStatus   status,
                 const char        *recommended_version,
                 const char        *download_url,
                 const char *const *warnings,
                 const char        *message)
{
  g_return_val_if_fail (instrument != NULL, NULL);
  g_return_val_if_fail (component != NULL, NULL);
  g_return_val_if_fail (client_version != NULL, NULL);
  g_return_val_if_fail (server_component != NULL, NULL);
  g_return_val_if_fail (server_version != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (IUM_TYPE_VERDICT, "instrument", instrument, "component", component,
                       "client-version", client_version, "server-component", server_component,
                       "server-version", server_version, "status", status, "recommended-version",
                       recommended_version, "download-url", download_url, "warnings", warnings,
                       "message", message, NULL);
}

/**
 * ium_verdict_get_instrument:
 * @self: a verdict
 *
 * Returns: (transfer none): the instrument checked, e.g. "LARMOR"
 */
const char *
ium_verdict_get_instrument (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return self->instrument;
}

/**
 * ium_verdict_get_component:
 * @self: a verdict
 *
 * Returns: (transfer none): the client component checked, e.g. "ibex-gui"
 */
const char *
ium_verdict_get_component (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return self->component;
}

/**
 * ium_verdict_get_client_version:
 * @self: a verdict
 *
 * Returns: (transfer none): the client version as the client gave it
 */
const char *
ium_verdict_get_client_version (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return self->client_version;
}

/**
 * ium_verdict_get_server_component:
 * @self: a verdict
 *
 * Returns: (transfer none): the server component of the compatibility rule, e.g. "ibex-server"
 */
const char *
ium_verdict_get_server_component (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return self->server_component;
}

/**
 * ium_verdict_get_server_version:
 * @self: a verdict
 *
 * Returns: (transfer none): the instrument's server version (the lowest where its hosts
 *   disagree)
 */
const char *
ium_verdict_get_server_version (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return self->server_version;
}

/**
 * ium_verdict_get_status:
 * @self: a verdict
 *
 * Returns: the verdict: ok, update-available, client-newer or incompatible
 */
IumVerdictStatus
ium_verdict_get_status (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), IUM_VERDICT_OK);

  return self->status;
}

/**
 * ium_verdict_get_recommended_version:
 * @self: a verdict
 *
 * Returns: (transfer none) (nullable): the client version the instrument should use, or
 *   %NULL when no release gives one
 */
const char *
ium_verdict_get_recommended_version (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return self->recommended_version;
}

/**
 * ium_verdict_get_download_url:
 * @self: a verdict
 *
 * Returns: (transfer none) (nullable): where to get the recommended version, or %NULL
 */
const char *
ium_verdict_get_download_url (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return self->download_url;
}

/**
 * ium_verdict_get_warnings:
 * @self: a verdict
 *
 * Returns: (transfer none) (array zero-terminated=1): the warnings; an empty array when
 *   there are none, never %NULL
 */
const char *const *
ium_verdict_get_warnings (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return (const char *const *) self->warnings;
}

/**
 * ium_verdict_get_message:
 * @self: a verdict
 *
 * Returns: (transfer none): the verdict in one sentence for people
 */
const char *
ium_verdict_get_message (IumVerdict *self)
{
  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  return self->message;
}

/**
 * ium_verdict_to_json:
 * @self: a verdict
 *
 * The object `ium check --json` prints and the server returns, keys in the spec's order;
 * "recommended_version" and "download_url" are null when unknown.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
ium_verdict_to_json (IumVerdict *self)
{
  g_autoptr (JsonBuilder) builder = NULL;

  g_return_val_if_fail (IUM_IS_VERDICT (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_nullable_string (builder, "instrument", self->instrument);
  add_nullable_string (builder, "component", self->component);
  add_nullable_string (builder, "client_version", self->client_version);
  add_nullable_string (builder, "server_component", self->server_component);
  add_nullable_string (builder, "server_version", self->server_version);
  add_nullable_string (builder, "status", ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, self->status));
  add_nullable_string (builder, "recommended_version", self->recommended_version);
  add_nullable_string (builder, "download_url", self->download_url);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; self->warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, self->warnings[i]);
  json_builder_end_array (builder);

  add_nullable_string (builder, "message", self->message);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * ium_verdict_new_from_json:
 * @node: a JSON object as written by ium_verdict_to_json()
 * @error: return location for a #GError
 *
 * Every key of the spec must be present with the right type; unknown keys are ignored so
 * that a newer server can add some. Errors are G_IO_ERROR_INVALID_DATA and name the bad key.
 *
 * Returns: (transfer full) (nullable): the verdict, or %NULL with @error set
 */
IumVerdict *
ium_verdict_new_from_json (JsonNode *node, GError **error)
{
  JsonObject *object;
  const char *instrument;
  const char *component;
  const char *client_version;
  const char *server_component;
  const char *server_version;
  const char *status_nick;
  const char *recommended_version;
  const char *download_url;
  const char *message;
  g_auto (GStrv) warnings = NULL;
  int status;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("Invalid verdict: expected a JSON object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!read_string (object, "instrument", FALSE, &instrument, error)
      || !read_string (object, "component", FALSE, &component, error)
      || !read_string (object, "client_version", FALSE, &client_version, error)
      || !read_string (object, "server_component", FALSE, &server_component, error)
      || !read_string (object, "server_version", FALSE, &server_version, error)
      || !read_string (object, "status", FALSE, &status_nick, error)
      || !read_string (object, "recommended_version", TRUE, &recommended_version, error)
      || !read_string (object, "download_url", TRUE, &download_url, error))
    return NULL;

  if (!ium_enum_from_nick (IUM_TYPE_VERDICT_STATUS, status_nick, &status))
    {
      g_autofree char *nicks = ium_enum_list_nicks (IUM_TYPE_VERDICT_STATUS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("Invalid verdict: key “status” has unknown value “%s” (expected one of %s)"),
                   status_nick, nicks);
      return NULL;
    }

  if (!(warnings = read_warnings (object, error)))
    return NULL;

  if (!read_string (object, "message", FALSE, &message, error))
    return NULL;

  return ium_verdict_new (instrument, component, client_version, server_component, server_version,
                          status, recommended_version, download_url, (const char *const *) warnings,
                          message);
}
