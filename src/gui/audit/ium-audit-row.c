/* ium-audit-row.c: one entry of the audit log as the audit view and the instrument history
 * show it.
 *
 * The log keeps each object's JSON before and after; the summary compares the two, so that
 * the view says what changed rather than printing both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ium-audit-row.h"

struct _IumAuditRow
{
  GObject parent_instance;

  gint64  unix_time;
  char   *time;    /* owned */
  char   *who;     /* owned */
  char   *action;  /* owned */
  char   *kind;    /* owned */
  char   *key;     /* owned */
  char   *object;  /* owned */
  char   *summary; /* owned */
};

enum
{
  PROP_0,
  PROP_UNIX,
  PROP_TIME,
  PROP_WHO,
  PROP_ACTION,
  PROP_KIND,
  PROP_KEY,
  PROP_OBJECT,
  PROP_SUMMARY,
  PROP_INSTRUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumAuditRow, ium_audit_row, G_TYPE_OBJECT)

#define MAX_PARTS 4

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
object_of (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A member's value as short text: strings as they are, arrays joined, absent as "none". */
static char *
value_text (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_ ("none"));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString   *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          if (i > 0)
            g_string_append (text, ", ");
          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            g_string_append (text, json_node_get_string (element));
          else
            g_string_append (text, "…");
        }
      if (text->len == 0)
        g_string_append (text, _ ("none"));
      return g_string_free (text, FALSE);
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _ ("yes") : _ ("no"));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return json_to_string (node, FALSE);
}

static JsonObject *
find_host (JsonObject *instrument, const char *name)
{
  JsonArray *hosts;

  if (instrument == NULL || !json_object_has_member (instrument, "hosts"))
    return NULL;
  hosts = json_object_get_array_member (instrument, "hosts");
  for (guint i = 0; i < json_array_get_length (hosts); i++)
    {
      JsonObject *host = json_array_get_object_element (hosts, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (host, "name", ""), name) == 0)
        return host;
    }
  return NULL;
}

static JsonObject *
installed_of (JsonObject *host)
{
  if (host == NULL || !json_object_has_member (host, "installed"))
    return NULL;
  return json_object_get_object_member (host, "installed");
}

/* "NDX ibex-server 12.0 → 12.1" for every component that differs on a host in either. */
static void
describe_hosts (GPtrArray *parts, JsonObject *before, JsonObject *after)
{
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sides[] = { before, after };
  g_autoptr (GList) sorted = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    if (sides[s] != NULL && json_object_has_member (sides[s], "hosts"))
      {
        JsonArray *hosts = json_object_get_array_member (sides[s], "hosts");
        for (guint i = 0; i < json_array_get_length (hosts); i++)
          g_hash_table_add (names, (gpointer) json_object_get_string_member_with_default (
                                     json_array_get_object_element (hosts, i), "name", ""));
      }

  sorted = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) g_strcmp0);
  for (GList *l = sorted; l != NULL; l = l->next)
    {
      JsonObject *old_host = find_host (before, l->data);
      JsonObject *new_host = find_host (after, l->data);
      JsonObject *old_installed = installed_of (old_host);
      JsonObject *new_installed = installed_of (new_host);
      g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GList) sorted_ids = NULL;
      JsonObject *maps[] = { old_installed, new_installed };

      if (old_host == NULL)
        {
          g_ptr_array_add (parts, g_strdup_printf (_ ("host %s added"), (char *) l->data));
          continue;
        }
      if (new_host == NULL)
        {
          g_ptr_array_add (parts, g_strdup_printf (_ ("host %s removed"), (char *) l->data));
          continue;
        }

      for (guint m = 0; m < G_N_ELEMENTS (maps); m++)
        if (maps[m] != NULL)
          {
            g_autoptr (GList) members = json_object_get_members (maps[m]);
            for (GList *k = members; k != NULL; k = k->next)
              g_hash_table_add (ids, k->data);
          }
      sorted_ids = g_list_sort (g_hash_table_get_keys (ids), (GCompareFunc) g_strcmp0);
      for (GList *k = sorted_ids; k != NULL; k = k->next)
        {
          g_autofree char *old_version = value_text (old_installed, k->data);
          g_autofree char *new_version = value_text (new_installed, k->data);

          if (!g_str_equal (old_version, new_version))
            /* Translators: a host, a component, its old and new version. */
            g_ptr_array_add (parts, g_strdup_printf (_ ("%s %s %s → %s"), (char *) l->data,
                                                     (char *) k->data, old_version, new_version));
        }
    }
}

static char *
join_parts (GPtrArray *parts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < parts->len && i < MAX_PARTS; i++)
    {
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, g_ptr_array_index (parts, i));
    }
  if (parts->len > MAX_PARTS)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, "; and %u more change",
                                         "; and %u more changes", parts->len - MAX_PARTS),
                            parts->len - MAX_PARTS);
  return g_string_free (text, FALSE);
}

char *
ium_audit_describe (const char *kind, const char *action, const char *before, const char *after)
{
  g_autoptr (JsonNode) old_node = parse (before);
  g_autoptr (JsonNode) new_node = parse (after);
  JsonObject *old_object = object_of (old_node);
  JsonObject *new_object = object_of (new_node);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GList) sorted = NULL;
  JsonObject *sides[2];

  if (before == NULL && after != NULL)
    return g_strdup (_ ("added"));
  if (before != NULL && after == NULL)
    return g_strdup (_ ("removed"));

  /* An upgrade's state: "dec-2026: planned → in-progress". */
  if (g_strcmp0 (kind, "upgrade") == 0 && new_object != NULL)
    {
      g_autofree char *rollout = value_text (new_object, "rollout");
      g_autofree char *from = value_text (old_object, "state");
      g_autofree char *to = value_text (new_object, "state");
      return g_strdup_printf (_ ("%s: %s → %s"), rollout, from, to);
    }

  sides[0] = old_object;
  sides[1] = new_object;
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    if (sides[s] != NULL)
      {
        g_autoptr (GList) members = json_object_get_members (sides[s]);
        for (GList *l = members; l != NULL; l = l->next)
          g_hash_table_add (keys, l->data);
      }

  sorted = g_list_sort (g_hash_table_get_keys (keys), (GCompareFunc) g_strcmp0);
  for (GList *l = sorted; l != NULL; l = l->next)
    {
      const char      *member = l->data;
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (g_str_equal (member, "hosts"))
        {
          describe_hosts (parts, old_object, new_object);
          continue;
        }
      old_value = value_text (old_object, member);
      new_value = value_text (new_object, member);
      if (!g_str_equal (old_value, new_value))
        /* Translators: a field, its old and its new value. */
        g_ptr_array_add (parts, g_strdup_printf (_ ("%s: %s → %s"), member, old_value, new_value));
    }

  if (parts->len == 0)
    return g_strdup (action);
  return join_parts (parts);
}

/* The object an entry is about, in words: "downtime “Maintenance day” 21 Dec 2027" rather
 * than the window's key "2027-12-21T08:00:00Z|2027-12-21T18:00:00Z|Maintenance day". */
static char *
describe_object (const char *kind, const char *key)
{
  if (g_strcmp0 (kind, "window") == 0)
    {
      g_auto (GStrv) parts = g_strsplit (key, "|", 3);
      g_autoptr (GDateTime) start = NULL;
      g_autoptr (GDateTime) local = NULL;
      g_autofree char *day = NULL;

      if (g_strv_length (parts) == 3 && (start = g_date_time_new_from_iso8601 (parts[0], NULL)))
        {
          local = g_date_time_to_local (start);
          /* Translators: the day of a downtime window in the audit log (strftime format). */
          day = g_date_time_format (local, _ ("%-d %b %Y"));
          /* Translators: a downtime window in the audit log: its label and its day. */
          return g_strdup_printf (_ ("downtime “%s” %s"), parts[2], day);
        }
    }
  if (g_strcmp0 (kind, "settings") == 0)
    return g_strdup (_ ("facility settings"));
  if (g_strcmp0 (kind, "token") == 0)
    return g_strdup (_ ("deploy token"));
  if (g_strcmp0 (kind, "upgrade") == 0)
    /* Translators: an instrument's upgrade in a rollout, in the audit log. */
    return g_strdup_printf (_ ("upgrade of %s"), key);
  /* Translators: the object of an audit log entry: the kind of thing, then its name. */
  if (g_strcmp0 (kind, "instrument") == 0)
    return g_strdup_printf (_ ("instrument %s"), key);
  if (g_strcmp0 (kind, "release") == 0)
    return g_strdup_printf (_ ("release %s"), key);
  if (g_strcmp0 (kind, "rollout") == 0)
    return g_strdup_printf (_ ("rollout %s"), key);
  if (g_strcmp0 (kind, "cycle") == 0)
    return g_strdup_printf (_ ("cycle %s"), key);
  if (g_strcmp0 (kind, "component") == 0)
    return g_strdup_printf (_ ("component %s"), key);
  if (g_strcmp0 (kind, "rule") == 0)
    return g_strdup_printf (_ ("compatibility rule %s"), key);
  /* A kind this version does not know: as the log has it. */
  return g_strdup_printf ("%s %s", kind, key);
}

static char *
format_time (GDateTime *when)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (when);

  /* Translators: a time in the audit log (strftime format). */
  return g_date_time_format (local, _ ("%Y-%m-%d %H:%M"));
}

GPtrArray *
ium_audit_rows_build (GPtrArray *entries)
{
  GPtrArray *rows;

  g_return_val_if_fail (entries != NULL, NULL);

  rows = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = entries->len; i > 0; i--)
    {
      IumAuditEntry *entry = g_ptr_array_index (entries, i - 1);
      IumAuditRow   *self = g_object_new (IUM_TYPE_AUDIT_ROW, NULL);
      g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (entry->time, NULL);

      self->unix_time = when ? g_date_time_to_unix (when) : 0;
      self->time = when ? format_time (when) : g_strdup (entry->time);
      self->who = g_strdup (entry->who);
      self->action = g_strdup (entry->action);
      self->kind = g_strdup (entry->kind);
      self->key = g_strdup (entry->key);
      self->object = describe_object (entry->kind, entry->key);
      self->summary = ium_audit_describe (entry->kind, entry->action, entry->before, entry->after);
      g_ptr_array_add (rows, self);
    }
  return rows;
}

static void
ium_audit_row_finalize (GObject *object)
{
  IumAuditRow *self = IUM_AUDIT_ROW (object);

  g_free (self->time);
  g_free (self->who);
  g_free (self->action);
  g_free (self->kind);
  g_free (self->key);
  g_free (self->object);
  g_free (self->summary);

  G_OBJECT_CLASS (ium_audit_row_parent_class)->finalize (object);
}

static void
ium_audit_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumAuditRow *self = IUM_AUDIT_ROW (object);

  switch (prop_id)
    {
    case PROP_UNIX:
      g_value_set_int64 (value, self->unix_time);
      break;
    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;
    case PROP_WHO:
      g_value_set_string (value, self->who);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_OBJECT:
      g_value_set_string (value, self->object);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_INSTRUMENT:
      g_value_set_string (value, ium_audit_row_get_instrument (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_audit_row_class_init (IumAuditRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ium_audit_row_finalize;
  object_class->get_property = ium_audit_row_get_property;

  properties[PROP_UNIX] = g_param_spec_int64 ("unix", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL, flags);
  properties[PROP_WHO] = g_param_spec_string ("who", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_OBJECT] = g_param_spec_string ("object", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_INSTRUMENT] = g_param_spec_string ("instrument", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_audit_row_init (IumAuditRow *self)
{
}

gint64
ium_audit_row_get_unix (IumAuditRow *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_ROW (self), 0);
  return self->unix_time;
}

const char *
ium_audit_row_get_time (IumAuditRow *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_ROW (self), NULL);
  return self->time;
}

const char *
ium_audit_row_get_who (IumAuditRow *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_ROW (self), NULL);
  return self->who;
}

const char *
ium_audit_row_get_action (IumAuditRow *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_ROW (self), NULL);
  return self->action;
}

const char *
ium_audit_row_get_kind (IumAuditRow *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_ROW (self), NULL);
  return self->kind;
}

const char *
ium_audit_row_get_key (IumAuditRow *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_ROW (self), NULL);
  return self->key;
}

const char *
ium_audit_row_get_summary (IumAuditRow *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_ROW (self), NULL);
  return self->summary;
}

const char *
ium_audit_row_get_instrument (IumAuditRow *self)
{
  g_return_val_if_fail (IUM_IS_AUDIT_ROW (self), NULL);

  /* Upgrades are audited under their instrument's name. */
  if (g_strcmp0 (self->kind, "instrument") == 0 || g_strcmp0 (self->kind, "upgrade") == 0)
    return self->key;
  return NULL;
}
