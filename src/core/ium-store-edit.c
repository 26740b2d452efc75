/* ium-store-edit.c: small changes to the stored inventory, each in one transaction with its
 * audit entries: an instrument's busy mark, pin, site, tags and installed versions, one
 * release, downtime windows added and removed.
 *
 * Every change but the busy mark is made on a new object read back through the inventory
 * file's reader (ium_store_read_over), so it is held to exactly the rules an import is held
 * to, and the writer (ium_store_run_write) audits the difference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "ium-store-edit.h"

#include "ium-inventory-file.h"
#include "ium-rollouts-private.h"
#include "ium-store-write.h"
#include "ium-time.h"

static gboolean fail_invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail_invalid (GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID, message);
  return FALSE;
}

/* The reader names paths in the document the change is wrapped in ("instruments[0].site");
 * the caller gave only the object, so the wrapper's part goes. */
static void
strip_wrapper_path (GError *error, const char *wrapper)
{
  const char *rest;
  char       *message;

  if (error == NULL || error->domain != IUM_INVENTORY_FILE_ERROR
      || !g_str_has_prefix (error->message, wrapper))
    return;

  rest = error->message + strlen (wrapper);
  if (*rest == '.')
    message = g_strdup (rest + 1);
  else
    message = g_strconcat (_ ("(the object)"), rest, NULL);
  g_free (error->message);
  error->message = message;
}

/**
 * ium_store_read_over:
 * @before: the stored inventory; not modified
 * @list: the inventory file's list the object belongs in ("instruments", "downtime", ...)
 * @object: the object as the file writes it
 * @error: an #IUM_INVENTORY_FILE_ERROR whose path starts at @object
 *
 * Returns: (transfer full) (nullable): @before with @object read over it
 */
IumInventory *
ium_store_read_over (IumInventory *before, const char *list, JsonNode *object, GError **error)
{
  g_autoptr (JsonObject) root = json_object_new ();
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), root);
  g_autoptr (IumInventoryFile) file = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *wrapper = g_strdup_printf ("%s[0]", list);
  JsonArray       *array = json_array_new ();

  json_object_set_string_member (root, "format", IUM_INVENTORY_FILE_FORMAT);
  json_object_set_int_member (root, "format_version", IUM_INVENTORY_FILE_VERSION);
  json_array_add_element (array, json_node_copy (object));
  json_object_set_array_member (root, list, array);
  text = json_to_string (node, FALSE);

  file = ium_inventory_file_new_from_data (text, strlen (text), before, &local_error);
  if (file == NULL)
    {
      strip_wrapper_path (local_error, wrapper);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_object_ref (ium_inventory_file_get_inventory (file));
}

/* ium_store_read_over() for the edits made in code rather than sent as JSON: an error names
 * the object in words (@what: "release 12.4.0.1") and is an IUM_STORE_ERROR_INVALID. */
static IumInventory *
read_over_as (
  IumInventory *before, const char *list, JsonNode *object, const char *what, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  IumInventory *after = ium_store_read_over (before, list, object, &local_error);

  if (after == NULL)
    g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID, "%s: %s", what,
                 local_error->message);
  return after;
}

/* Busy marks, pins and releases */

static JsonNode *
busy_to_json (gboolean busy, const char *note)
{
  JsonObject *object = json_object_new ();
  JsonNode   *node = json_node_init_object (json_node_alloc (), object);

  json_object_set_boolean_member (object, "busy", busy);
  if (note != NULL)
    json_object_set_string_member (object, "note", note);
  json_object_unref (object);
  return node;
}

/**
 * ium_store_set_busy:
 * @self: a store
 * @instrument: the instrument's name
 * @busy: %TRUE to mark it busy, %FALSE to free it
 * @note: (nullable): what it is busy with
 * @who: the person, for the audit log
 * @error: %IUM_STORE_ERROR_NOT_FOUND for an unknown instrument, or another #IUM_STORE_ERROR
 *
 * Returns: %TRUE when written (also when nothing changed)
 */
gboolean
ium_store_set_busy (IumStore   *self,
                    const char *instrument,
                    gboolean    busy,
                    const char *note,
                    const char *who,
                    GError    **error)
{
  g_autoptr (IumInventory) before = NULL;
  g_autoptr (JsonNode) old_node = NULL;
  g_autoptr (JsonNode) new_node = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *now = ium_dup_now ();
  IumInstrument   *current;
  sqlite3_stmt    *stmt;

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (instrument != NULL && who != NULL, FALSE);

  if (!ium_store_check_text (_ ("the note"), note, error)
      || !ium_store_check_text (_ ("the name of who made the change"), who, error))
    return FALSE;
  if (!ium_store_begin (self, error))
    return FALSE;
  if (!(before = ium_store_load_current (self, error)))
    goto failed;

  current = ium_inventory_lookup_instrument (before, instrument);
  if (current == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND, _ ("unknown instrument “%s”"),
                   instrument);
      goto failed;
    }

  old_node =
    busy_to_json (ium_instrument_get_busy (current), ium_instrument_get_busy_note (current));
  new_node = busy_to_json (busy, busy ? note : NULL);
  old_text = ium_node_text (old_node);
  new_text = ium_node_text (new_node);
  if (g_str_equal (old_text, new_text))
    {
      ium_store_rollback (self);
      return TRUE;
    }

  if (busy)
    {
      stmt = ium_store_prepare (self,
                                "INSERT OR REPLACE INTO instrument_busy "
                                "(instrument, note, since, who) VALUES (?, ?, ?, ?)",
                                error);
      if (stmt == NULL)
        goto failed;
      ium_bind_text (stmt, 1, instrument);
      ium_bind_text (stmt, 2, note);
      ium_bind_text (stmt, 3, now);
      ium_bind_text (stmt, 4, who);
    }
  else
    {
      stmt = ium_store_prepare (self, "DELETE FROM instrument_busy WHERE instrument = ?", error);
      if (stmt == NULL)
        goto failed;
      ium_bind_text (stmt, 1, instrument);
    }

  if (!ium_store_step_done (self, stmt, N_ ("marking the instrument"), error)
      || !ium_write_audit (self, now, who, busy ? "busy" : "free", "instrument", instrument,
                           old_text, new_text, error)
      || !ium_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  ium_store_rollback (self);
  return FALSE;
}

typedef struct
{
  const char *instrument;
  const char *release;
} PinRequest;

static IumInventory *
make_pinned (IumInventory *before, gpointer data, GError **error)
{
  PinRequest *request = data;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *what = NULL;
  IumInstrument   *current = ium_inventory_lookup_instrument (before, request->instrument);
  IumRelease      *release = NULL;

  if (current == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND, _ ("unknown instrument “%s”"),
                   request->instrument);
      return NULL;
    }
  if (request->release != NULL
      && (release = ium_inventory_lookup_release (before, request->release)) == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND, _ ("unknown release “%s”"),
                   request->release);
      return NULL;
    }

  /* The stored objects are shared with @before, which the writer compares against: the
   * change is made on a new instrument read back from the current one's file form. */
  node = ium_instrument_to_json (current);
  if (release != NULL)
    json_object_set_string_member (json_node_get_object (node), "pin",
                                   ium_release_get_version_text (release));
  else
    json_object_remove_member (json_node_get_object (node), "pin");

  what = g_strdup_printf (_ ("instrument “%s”"), request->instrument);
  return read_over_as (before, "instruments", node, what, error);
}

/**
 * ium_store_set_pin:
 * @self: a store
 * @instrument: the instrument's name
 * @release: (nullable): the release to pin it to, or %NULL to unpin
 * @who: the person, for the audit log
 * @error: %IUM_STORE_ERROR_NOT_FOUND for an unknown instrument or release
 *
 * Returns: %TRUE when written
 */
gboolean
ium_store_set_pin (
  IumStore *self, const char *instrument, const char *release, const char *who, GError **error)
{
  PinRequest request = { instrument, release };

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (instrument != NULL && who != NULL, FALSE);

  return ium_store_run_write (self, release ? "pin" : "unpin", who, NULL, make_pinned, &request,
                              error);
}

static IumInventory *
make_with_release (IumInventory *before, gpointer data, GError **error)
{
  IumRelease *release = data;
  g_autoptr (JsonNode) node = ium_release_to_json (release);
  g_autofree char *what =
    g_strdup_printf (_ ("release %s"), ium_release_get_version_text (release));

  return read_over_as (before, "releases", node, what, error);
}

/**
 * ium_store_put_release:
 * @self: a store
 * @release: the release as it should be stored; it replaces the stored release whose version
 *   compares equal, or is added
 * @who: the person, for the audit log
 * @error: %IUM_STORE_ERROR_INVALID when the release breaks the inventory's rules (a version
 *   that does not parse, an unknown release in patch_of, a bad date or component version)
 *
 * Returns: %TRUE when written (also when nothing changed)
 */
gboolean
ium_store_put_release (IumStore *self, IumRelease *release, const char *who, GError **error)
{
  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (IUM_IS_RELEASE (release), FALSE);
  g_return_val_if_fail (who != NULL, FALSE);

  return ium_store_run_write (self, "edit", who, NULL, make_with_release, release, error);
}

/* Downtime windows */

typedef struct
{
  JsonNode *window;
  char     *key; /* owned, set when read */
} WindowRequest;

static IumInventory *
make_with_window (IumInventory *before, gpointer data, GError **error)
{
  WindowRequest *request = data;
  g_autoptr (IumInventory) after = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (IumWindow) window = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (request->window))
    {
      fail_invalid (error, _ ("a downtime window is an object with \"start\", \"end\", \"label\" "
                              "and optionally \"instruments\""));
      return NULL;
    }
  if (!(after = ium_store_read_over (before, "downtime", request->window, error)))
    return NULL;

  /* The reader has checked all three. */
  object = json_node_get_object (request->window);
  start = ium_timestamp_parse (json_object_get_string_member (object, "start"), NULL);
  end = ium_timestamp_parse (json_object_get_string_member (object, "end"), NULL);
  g_assert (start != NULL && end != NULL);
  window = ium_window_new (start, end, json_object_get_string_member (object, "label"));
  request->key = ium_window_dup_key (window);
  return g_steal_pointer (&after);
}

/**
 * ium_store_put_window:
 * @self: a store
 * @window: the window as a JSON object of the inventory file
 * @who: the person, for the audit log
 * @key: (out) (optional) (transfer full): the window's key
 * @error: an #IUM_INVENTORY_FILE_ERROR for bad input, or an #IUM_STORE_ERROR
 *
 * Returns: %TRUE when written (also when the same window was already there)
 */
gboolean
ium_store_put_window (IumStore *self, JsonNode *window, const char *who, char **key, GError **error)
{
  WindowRequest request = { window, NULL };
  gboolean      ok;

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (window != NULL && who != NULL, FALSE);

  ok = ium_store_run_write (self, "downtime add", who, NULL, make_with_window, &request, error);
  if (ok && key != NULL)
    *key = g_steal_pointer (&request.key);
  g_free (request.key);
  return ok;
}

static IumInventory *
make_without_window (IumInventory *before, gpointer data, GError **error)
{
  const char *key = data;
  g_autoptr (IumInventory) after = NULL;

  if (ium_inventory_lookup_window (before, key) == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   _ ("there is no downtime window with the key “%s” (START|END|LABEL, times "
                      "in UTC)"),
                   key);
      return NULL;
    }

  after = ium_inventory_copy (before);
  ium_inventory_remove_window (after, key);
  return g_steal_pointer (&after);
}

/**
 * ium_store_remove_window:
 * @self: a store
 * @key: the window's key, as ium_window_dup_key() makes it
 * @who: the person, for the audit log
 * @error: %IUM_STORE_ERROR_NOT_FOUND when there is no such window
 *
 * Returns: %TRUE when removed
 */
gboolean
ium_store_remove_window (IumStore *self, const char *key, const char *who, GError **error)
{
  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && who != NULL, FALSE);

  return ium_store_run_write (self, "downtime remove", who, NULL, make_without_window,
                              (gpointer) key, error);
}

/* Instruments */

typedef struct
{
  IumStore   *store;
  const char *name;
  JsonNode   *edit;
  const char *who;
} EditRequest;

static JsonObject *
find_host_object (JsonArray *hosts, const char *name)
{
  for (guint i = 0; i < json_array_get_length (hosts); i++)
    {
      JsonObject *host = json_array_get_object_element (hosts, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (host, "name", NULL), name) == 0)
        return host;
    }
  return NULL;
}

static char *
dup_host_names (JsonArray *hosts)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (hosts); i++)
    {
      JsonObject *host = json_array_get_object_element (hosts, i);

      g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                              json_object_get_string_member (host, "name"));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Applies one element of the edit's "hosts" to @hosts (the instrument's, as the file writes
 * them), checking every component and version; sets *@changed when a version text changes. */
static gboolean
apply_host_edit (IumInventory *before,
                 const char   *instrument,
                 JsonArray    *hosts,
                 guint         index,
                 JsonNode     *node,
                 gboolean     *changed,
                 GError      **error)
{
  JsonObject *edit, *host, *installed, *host_installed;
  JsonNode   *name_node, *installed_node;
  const char *name;
  g_autoptr (GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_invalid (error,
                         _ ("hosts[%u]: expected an object {\"name\": HOST, \"installed\": "
                            "{COMPONENT: VERSION or null}}"),
                         index);
  edit = json_node_get_object (node);
  members = json_object_get_members (edit);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "name") && !g_str_equal (l->data, "installed"))
      return fail_invalid (error,
                           _ ("hosts[%u].%s: unknown key; a host edit has \"name\" and "
                              "\"installed\""),
                           index, (const char *) l->data);

  name_node = json_object_get_member (edit, "name");
  if (name_node == NULL || !JSON_NODE_HOLDS_VALUE (name_node)
      || json_node_get_value_type (name_node) != G_TYPE_STRING)
    return fail_invalid (error, _ ("hosts[%u].name: expected the host's name as text"), index);
  name = json_node_get_string (name_node);
  if ((host = find_host_object (hosts, name)) == NULL)
    {
      g_autofree char *names = dup_host_names (hosts);
      return fail_invalid (error, _ ("hosts[%u].name: %s has no host “%s” (its hosts: %s)"), index,
                           instrument, name, names);
    }

  installed_node = json_object_get_member (edit, "installed");
  if (installed_node == NULL || !JSON_NODE_HOLDS_OBJECT (installed_node))
    return fail_invalid (error,
                         _ ("hosts[%u].installed: expected an object {COMPONENT: VERSION or "
                            "null}"),
                         index);
  installed = json_node_get_object (installed_node);

  if (!json_object_has_member (host, "installed"))
    json_object_set_object_member (host, "installed", json_object_new ());
  host_installed = json_object_get_object_member (host, "installed");

  g_clear_pointer (&members, g_list_free);
  members = json_object_get_members (installed);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char      *component = l->data;
      JsonNode        *value = json_object_get_member (installed, component);
      /* A copy: setting the member frees the old text. */
      g_autofree char *old =
        g_strdup (json_object_get_string_member_with_default (host_installed, component, NULL));
      const char *text = NULL;

      if (ium_inventory_lookup_component (before, component) == NULL)
        return fail_invalid (error, _ ("hosts[%u].installed.%s: unknown component “%s”"), index,
                             component, component);
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          g_autoptr (IumVersion) version = NULL;
          g_autoptr (GError) version_error = NULL;

          text = json_node_get_string (value);
          version = ium_inventory_parse_component_version (before, component, text, &version_error);
          if (version == NULL)
            return fail_invalid (error, _ ("hosts[%u].installed.%s: %s"), index, component,
                                 version_error->message);
          json_object_set_string_member (host_installed, component, text);
        }
      else if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (host_installed, component);
      else
        return fail_invalid (error,
                             _ ("hosts[%u].installed.%s: expected a version as text, or "
                                "null to take the component off the host"),
                             index, component);

      *changed |= g_strcmp0 (old, text) != 0;
    }
  return TRUE;
}

static IumInventory *
make_edited (IumInventory *before, gpointer data, GError **error)
{
  EditRequest   *request = data;
  IumInstrument *current = ium_inventory_lookup_instrument (before, request->name);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *edit, *object;
  JsonNode   *hosts;
  gboolean    installed_changed = FALSE;

  if (current == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND, _ ("unknown instrument “%s”"),
                   request->name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (request->edit))
    {
      fail_invalid (error, _ ("an instrument edit is an object with any of \"site\", \"tags\" and "
                              "\"hosts\""));
      return NULL;
    }

  edit = json_node_get_object (request->edit);
  members = json_object_get_members (edit);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "site") && !g_str_equal (l->data, "tags")
        && !g_str_equal (l->data, "hosts"))
      {
        fail_invalid (error,
                      _ ("%s: unknown key; an instrument edit has \"site\", \"tags\" and "
                         "\"hosts\" (pins and busy marks have their own requests)"),
                      (const char *) l->data);
        return NULL;
      }

  /* The edit is made on the instrument's file form and read back, so that the reader checks
   * site and tags as it would in a file. */
  node = ium_instrument_to_json (current);
  object = json_node_get_object (node);
  if (json_object_has_member (edit, "site"))
    json_object_set_member (object, "site", json_node_copy (json_object_get_member (edit, "site")));
  if (json_object_has_member (edit, "tags"))
    json_object_set_member (object, "tags", json_node_copy (json_object_get_member (edit, "tags")));

  if ((hosts = json_object_get_member (edit, "hosts")) != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (hosts))
        {
          fail_invalid (error, _ ("hosts: expected a list of {\"name\": HOST, \"installed\": "
                                  "{COMPONENT: VERSION or null}}"));
          return NULL;
        }
      array = json_node_get_array (hosts);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!apply_host_edit (before, request->name, json_object_get_array_member (object, "hosts"),
                              i, json_array_get_element (array, i), &installed_changed, error))
          return NULL;
    }

  /* Installing a version is a deployment: only the deploy token's holder records one. */
  if (installed_changed && !ium_check_token (request->store, request->who, error))
    return NULL;

  return ium_store_read_over (before, "instruments", node, error);
}

/**
 * ium_store_edit_instrument:
 * @self: a store
 * @name: the instrument's name
 * @edit: the change, a JSON object with any of "site", "tags" and "hosts"
 * @who: the person, for the audit log and the deploy token
 * @error: %IUM_STORE_ERROR_NOT_FOUND, %IUM_ROLLOUT_ERROR_REFUSED, or
 *   %IUM_INVENTORY_FILE_ERROR_INVALID naming the key at fault
 *
 * Returns: %TRUE when written (also when nothing changed)
 */
gboolean
ium_store_edit_instrument (
  IumStore *self, const char *name, JsonNode *edit, const char *who, GError **error)
{
  EditRequest request = { self, name, edit, who };

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && edit != NULL && who != NULL, FALSE);

  return ium_store_run_write (self, "edit", who, NULL, make_edited, &request, error);
}

typedef struct
{
  IumStore   *store;
  const char *instrument;
  const char *host;
  GHashTable *installed;
  const char *who;
} InstalledRequest;

/* An instrument edit that sets exactly @installed on one host: what the host carries and
 * @installed lacks is taken off it. Made from @before, inside the write transaction. */
static IumInventory *
make_installed (IumInventory *before, gpointer data, GError **error)
{
  InstalledRequest *request = data;
  IumInstrument    *current = ium_inventory_lookup_instrument (before, request->instrument);
  g_autoptr (JsonNode) edit = ium_new_object_node ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) carried = NULL;
  JsonObject    *host_edit, *installed;
  JsonArray     *hosts;
  GHashTableIter iter;
  gpointer       id, version;
  IumInventory  *after;
  IumHost       *host;

  if (current == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND, _ ("unknown instrument “%s”"),
                   request->instrument);
      return NULL;
    }
  if ((host = ium_instrument_find_host (current, request->host)) == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   _ ("instrument “%s” has no host “%s”"), request->instrument, request->host);
      return NULL;
    }

  installed = json_object_new ();
  carried = ium_host_dup_component_ids (host);
  for (guint i = 0; carried[i] != NULL; i++)
    if (!g_hash_table_contains (request->installed, carried[i]))
      json_object_set_null_member (installed, carried[i]);
  g_hash_table_iter_init (&iter, request->installed);
  while (g_hash_table_iter_next (&iter, &id, &version))
    json_object_set_string_member (installed, id, version);

  host_edit = json_object_new ();
  json_object_set_string_member (host_edit, "name", request->host);
  json_object_set_object_member (host_edit, "installed", installed);
  hosts = json_array_new ();
  json_array_add_object_element (hosts, host_edit);
  json_object_set_array_member (json_node_get_object (edit), "hosts", hosts);

  after =
    make_edited (before, &(EditRequest){ request->store, request->instrument, edit, request->who },
                 &local_error);
  if (after != NULL)
    return after;

  /* The edit's path ("hosts[0].installed.ibex-gui") is one the caller never wrote. */
  if (local_error->domain == IUM_INVENTORY_FILE_ERROR)
    {
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "hosts[0]."))
        message += strlen ("hosts[0].");
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID, _ ("host “%s” of %s, %s"),
                   request->host, request->instrument, message);
      return NULL;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * ium_store_set_installed:
 * @self: a store
 * @instrument: the instrument's name
 * @host: the name of one of its hosts
 * @installed: (element-type utf8 utf8): component id to version text: what the host carries
 *   from now on (a component it carried that is absent is removed from it)
 * @who: the person, who must hold the deploy token
 * @error: %IUM_ROLLOUT_ERROR_REFUSED when @who does not hold the token,
 *   %IUM_STORE_ERROR_NOT_FOUND for an unknown instrument or host, %IUM_STORE_ERROR_INVALID
 *   for an unknown component or a version that does not parse in its component's scheme
 *
 * Sets the versions installed on one host: a deployment made by hand, so it needs the deploy
 * token, checked in the same transaction as the write. Audited as "install".
 *
 * Returns: %TRUE when written (also when nothing changed)
 */
gboolean
ium_store_set_installed (IumStore   *self,
                         const char *instrument,
                         const char *host,
                         GHashTable *installed,
                         const char *who,
                         GError    **error)
{
  InstalledRequest request = { self, instrument, host, installed, who };

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (instrument != NULL && host != NULL && who != NULL, FALSE);
  g_return_val_if_fail (installed != NULL, FALSE);

  return ium_store_run_write (self, "install", who, NULL, make_installed, &request, error);
}
