/* ium-store-edit.c: the small edits of one object: an instrument's busy mark, pin and host
 * versions, and one release. Each is one transaction with an audit entry.
 *
 * Edits that go through the writer (ium_store_run_write) make the new object from the stored
 * one's file form and read it back as an import would, so an edit is held to exactly the
 * rules of the inventory file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-store"

#include "config.h"

#include <string.h>

#include "ium-store.h"

#include "ium-inventory-file.h"
#include "ium-rollouts-private.h"
#include "ium-store-write.h"

static JsonNode *
busy_to_json (gboolean    busy,
              const char *note)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

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
ium_store_set_busy (IumStore    *self,
                    const char  *instrument,
                    gboolean     busy,
                    const char  *note,
                    const char  *who,
                    GError     **error)
{
  g_autoptr(IumInventory) before = NULL;
  g_autoptr(JsonNode) old_node = NULL;
  g_autoptr(JsonNode) new_node = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *now = ium_dup_now ();
  IumInstrument *current;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (instrument != NULL && who != NULL, FALSE);

  if (!ium_store_begin (self, error))
    return FALSE;
  if (!(before = ium_store_load_locked (self, error)))
    goto failed;

  current = ium_inventory_lookup_instrument (before, instrument);
  if (current == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   "unknown instrument “%s”", instrument);
      goto failed;
    }

  old_node = busy_to_json (ium_instrument_get_busy (current), ium_instrument_get_busy_note (current));
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
      stmt = ium_store_prepare (self, "INSERT OR REPLACE INTO instrument_busy "
                                "(instrument, note, since, who) VALUES (?, ?, ?, ?)", error);
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

  if (!ium_store_step_done (self, stmt, "marking the instrument", error)
      || !ium_write_audit (self, now, who, busy ? "busy" : "free", "instrument", instrument,
                           old_text, new_text, error)
      || !ium_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  ium_store_rollback (self);
  return FALSE;
}

/* @before with @node, one object of the inventory file's list @member, put in: read back
 * over @before exactly as an import reads a file. An error about the object names it by
 * @what ("release 12.4.0.1") rather than by a JSON path the user never saw. */
static IumInventory *
put_from_json (IumInventory  *before,
               const char    *member,
               JsonNode      *node,
               const char    *what,
               GError       **error)
{
  g_autoptr(JsonObject) root_object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), root_object);
  g_autoptr(IumInventoryFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_strdup_printf ("%s[0]", member);
  JsonArray *list = json_array_new ();

  json_object_set_string_member (root_object, "format", IUM_INVENTORY_FILE_FORMAT);
  json_object_set_int_member (root_object, "format_version", IUM_INVENTORY_FILE_VERSION);
  json_array_add_element (list, json_node_copy (node));
  json_object_set_array_member (root_object, member, list);
  text = json_to_string (root, FALSE);

  file = ium_inventory_file_new_from_data (text, strlen (text), before, &local_error);
  if (file == NULL)
    {
      const char *message = local_error->message;

      if (g_str_has_prefix (message, path))
        g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID, "%s%s", what,
                     message + strlen (path));
      else
        g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID, "%s: %s", what, message);
      return NULL;
    }
  return g_object_ref (ium_inventory_file_get_inventory (file));
}

typedef struct
{
  const char *instrument;
  const char *release;
} PinRequest;

static IumInventory *
make_pinned (IumInventory  *before,
             gpointer       data,
             GError       **error)
{
  PinRequest *request = data;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *what = NULL;
  IumInstrument *current = ium_inventory_lookup_instrument (before, request->instrument);
  IumRelease *release = NULL;

  if (current == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   "unknown instrument “%s”", request->instrument);
      return NULL;
    }
  if (request->release != NULL
      && (release = ium_inventory_lookup_release (before, request->release)) == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   "unknown release “%s”", request->release);
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

  what = g_strdup_printf ("instrument “%s”", request->instrument);
  return put_from_json (before, "instruments", node, what, error);
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
ium_store_set_pin (IumStore    *self,
                   const char  *instrument,
                   const char  *release,
                   const char  *who,
                   GError     **error)
{
  PinRequest request = { instrument, release };

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (instrument != NULL && who != NULL, FALSE);

  return ium_store_run_write (self, release ? "pin" : "unpin", who, NULL, make_pinned, &request,
                              error);
}

typedef struct
{
  IumStore   *store;
  const char *instrument;
  const char *host;
  GHashTable *installed;
  const char *who;
} InstalledRequest;

static IumInventory *
make_installed (IumInventory  *before,
                gpointer       data,
                GError       **error)
{
  InstalledRequest *request = data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) ids = NULL;
  g_autofree char *what = NULL;
  JsonObject *host_object = NULL;
  JsonObject *installed;
  IumInstrument *current;
  JsonArray *hosts;

  /* Read under the write lock, so that the token cannot change hands before the commit. */
  if (!ium_check_token (request->store, request->who, error))
    return NULL;

  current = ium_inventory_lookup_instrument (before, request->instrument);
  if (current == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   "unknown instrument “%s”", request->instrument);
      return NULL;
    }
  if (ium_instrument_find_host (current, request->host) == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   "instrument “%s” has no host “%s”", request->instrument, request->host);
      return NULL;
    }

  /* Every version is checked here first, so that the message names the host and the
   * component in words. */
  ids = g_list_sort (g_hash_table_get_keys (request->installed), (GCompareFunc) strcmp);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *version = g_hash_table_lookup (request->installed, l->data);
      g_autoptr(IumVersion) parsed = NULL;
      g_autoptr(GError) local_error = NULL;

      if (ium_inventory_lookup_component (before, l->data) == NULL)
        {
          g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID,
                       "host “%s” of %s: there is no component “%s” in the inventory",
                       request->host, request->instrument, (const char *) l->data);
          return NULL;
        }
      if (version == NULL
          || !(parsed = ium_inventory_parse_component_version (before, l->data, version,
                                                                &local_error)))
        {
          g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID,
                       "host “%s” of %s, %s: %s", request->host, request->instrument,
                       (const char *) l->data,
                       local_error ? local_error->message : "a version is needed");
          return NULL;
        }
    }

  node = ium_instrument_to_json (current);
  hosts = json_object_get_array_member (json_node_get_object (node), "hosts");
  for (guint i = 0; hosts != NULL && i < json_array_get_length (hosts); i++)
    {
      JsonObject *candidate = json_array_get_object_element (hosts, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (candidate, "name", ""),
                     request->host) == 0)
        host_object = candidate;
    }
  g_assert (host_object != NULL);

  installed = json_object_new ();
  for (GList *l = ids; l != NULL; l = l->next)
    json_object_set_string_member (installed, l->data,
                                   g_hash_table_lookup (request->installed, l->data));
  json_object_set_object_member (host_object, "installed", installed);

  what = g_strdup_printf ("instrument “%s”", request->instrument);
  return put_from_json (before, "instruments", node, what, error);
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
ium_store_set_installed (IumStore    *self,
                         const char  *instrument,
                         const char  *host,
                         GHashTable  *installed,
                         const char  *who,
                         GError     **error)
{
  InstalledRequest request = { self, instrument, host, installed, who };

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (instrument != NULL && host != NULL && who != NULL, FALSE);
  g_return_val_if_fail (installed != NULL, FALSE);

  return ium_store_run_write (self, "install", who, NULL, make_installed, &request, error);
}

static IumInventory *
make_with_release (IumInventory  *before,
                   gpointer       data,
                   GError       **error)
{
  IumRelease *release = data;
  g_autoptr(JsonNode) node = ium_release_to_json (release);
  g_autofree char *what = g_strdup_printf ("release %s", ium_release_get_version_text (release));

  return put_from_json (before, "releases", node, what, error);
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
ium_store_put_release (IumStore    *self,
                       IumRelease  *release,
                       const char  *who,
                       GError     **error)
{
  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (IUM_IS_RELEASE (release), FALSE);
  g_return_val_if_fail (who != NULL, FALSE);

  return ium_store_run_write (self, "edit", who, NULL, make_with_release, release, error);
}
