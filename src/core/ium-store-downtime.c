/* ium-store-downtime.c: the downtime schedule changed in the stored inventory: windows
 * imported or edited, cycles added, edited and removed.
 *
 * Like the edits of ium-store-edit.c, every change is made on a copy of the stored inventory
 * (a new object read through the inventory file's reader, so it is held to the rules an
 * import is held to) inside one write transaction, and the writer audits the difference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-store-downtime.h"

#include "ium-inventory-file.h"
#include "ium-store-write.h"
#include "ium-time.h"

/* Windows */

static IumInventory *
make_with_windows (IumInventory *before, gpointer data, GError **error)
{
  GPtrArray *windows = data;
  g_autoptr (IumInventory) after = ium_inventory_copy (before);

  for (guint i = 0; i < windows->len; i++)
    {
      IumWindow         *window = g_ptr_array_index (windows, i);
      const char *const *names = ium_window_get_instruments (window);

      for (guint k = 0; names != NULL && names[k] != NULL; k++)
        if (ium_inventory_lookup_instrument (before, names[k]) == NULL)
          {
            g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                         _ ("unknown instrument “%s”"), names[k]);
            return NULL;
          }
      ium_inventory_put_window (after, window);
    }
  return g_steal_pointer (&after);
}

/**
 * ium_store_add_windows:
 * @self: a store
 * @windows: (element-type IumWindow): the windows to add
 * @who: the person, for the audit log
 * @changes: (out) (optional): what changed
 * @error: %IUM_STORE_ERROR_NOT_FOUND for a window of an unknown instrument, or another
 *   #IUM_STORE_ERROR
 *
 * Returns: %TRUE when written (also when every window was already there)
 */
gboolean
ium_store_add_windows (
  IumStore *self, GPtrArray *windows, const char *who, IumStoreChanges *changes, GError **error)
{
  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (windows != NULL && who != NULL, FALSE);

  return ium_store_run_write (self, "downtime import", who, changes, make_with_windows, windows,
                              error);
}

typedef struct
{
  const char *old_key;
  JsonNode   *object;
  char       *key; /* owned, set when read */
} ReplaceRequest;

/* The window's key from its object, which the reader has already checked. */
static char *
dup_window_key (JsonNode *node)
{
  JsonObject *object = json_node_get_object (node);
  g_autoptr (GDateTime) start =
    ium_timestamp_parse (json_object_get_string_member (object, "start"), NULL);
  g_autoptr (GDateTime) end =
    ium_timestamp_parse (json_object_get_string_member (object, "end"), NULL);
  g_autoptr (IumWindow) window = NULL;

  g_assert (start != NULL && end != NULL);
  window = ium_window_new (start, end, json_object_get_string_member (object, "label"));
  return ium_window_dup_key (window);
}

static IumInventory *
make_with_replaced_window (IumInventory *before, gpointer data, GError **error)
{
  ReplaceRequest *request = data;
  g_autoptr (IumInventory) without = NULL;
  g_autoptr (IumInventory) after = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (request->object))
    {
      g_set_error_literal (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID,
                           _ ("a downtime window is an object with \"start\", \"end\", \"label\" "
                              "and optionally \"instruments\""));
      return NULL;
    }
  if (ium_inventory_lookup_window (before, request->old_key) == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   _ ("there is no downtime window with the key “%s”; it may have been removed "
                      "meanwhile"),
                   request->old_key);
      return NULL;
    }

  without = ium_inventory_copy (before);
  ium_inventory_remove_window (without, request->old_key);
  if (!(after = ium_store_read_over (without, "downtime", request->object, error)))
    return NULL;
  request->key = dup_window_key (request->object);
  return g_steal_pointer (&after);
}

/**
 * ium_store_replace_window:
 * @self: a store
 * @old_key: the key of the window to replace
 * @window: the new window as a JSON object of the inventory file
 * @who: the person, for the audit log
 * @key: (out) (optional) (transfer full): the new window's key
 * @error: an #IUM_INVENTORY_FILE_ERROR for bad input, or an #IUM_STORE_ERROR
 *
 * Returns: %TRUE when written
 */
gboolean
ium_store_replace_window (IumStore   *self,
                          const char *old_key,
                          JsonNode   *window,
                          const char *who,
                          char      **key,
                          GError    **error)
{
  ReplaceRequest request = { old_key, window, NULL };
  gboolean       ok;

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (old_key != NULL && window != NULL && who != NULL, FALSE);

  ok = ium_store_run_write (self, "downtime edit", who, NULL, make_with_replaced_window, &request,
                            error);
  if (ok && key != NULL)
    *key = g_steal_pointer (&request.key);
  g_free (request.key);
  return ok;
}

/* Cycles */

static IumInventory *
make_with_cycle (IumInventory *before, gpointer data, GError **error)
{
  ReplaceRequest *request = data;
  g_autoptr (IumInventory) base = NULL;
  JsonNode   *name_node;
  const char *name = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (request->object))
    {
      g_set_error_literal (error, IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID,
                           _ ("an operating cycle is an object with \"name\", \"start\", \"end\" "
                              "and \"freeze\""));
      return NULL;
    }
  name_node = json_object_get_member (json_node_get_object (request->object), "name");
  if (name_node != NULL && JSON_NODE_HOLDS_VALUE (name_node)
      && json_node_get_value_type (name_node) == G_TYPE_STRING)
    name = json_node_get_string (name_node);

  base = ium_inventory_copy (before);
  if (request->old_key != NULL)
    {
      if (ium_inventory_lookup_cycle (before, request->old_key) == NULL)
        {
          g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                       _ ("there is no operating cycle “%s”; it may have been removed meanwhile"),
                       request->old_key);
          return NULL;
        }
      if (name != NULL && g_strcmp0 (name, request->old_key) != 0
          && ium_inventory_lookup_cycle (before, name) != NULL)
        {
          g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_INVALID,
                       _ ("name: there is already a cycle “%s”; choose another name"), name);
          return NULL;
        }
      ium_inventory_remove_cycle (base, request->old_key);
    }
  return ium_store_read_over (base, "cycles", request->object, error);
}

/**
 * ium_store_put_cycle:
 * @self: a store
 * @replaces: (nullable): the name of the cycle to replace (the cycle is renamed when the new
 *   object has another name)
 * @cycle: the cycle as a JSON object of the inventory file
 * @who: the person, for the audit log
 * @error: an #IUM_INVENTORY_FILE_ERROR for bad input, or an #IUM_STORE_ERROR
 *
 * Returns: %TRUE when written (also when nothing changed)
 */
gboolean
ium_store_put_cycle (
  IumStore *self, const char *replaces, JsonNode *cycle, const char *who, GError **error)
{
  ReplaceRequest request = { replaces, cycle, NULL };

  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (cycle != NULL && who != NULL, FALSE);

  return ium_store_run_write (self, replaces ? "cycle edit" : "cycle add", who, NULL,
                              make_with_cycle, &request, error);
}

static IumInventory *
make_without_cycle (IumInventory *before, gpointer data, GError **error)
{
  const char *name = data;
  g_autoptr (IumInventory) after = NULL;

  if (ium_inventory_lookup_cycle (before, name) == NULL)
    {
      g_set_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                   _ ("there is no operating cycle “%s”"), name);
      return NULL;
    }
  after = ium_inventory_copy (before);
  ium_inventory_remove_cycle (after, name);
  return g_steal_pointer (&after);
}

/**
 * ium_store_remove_cycle:
 * @self: a store
 * @name: the cycle's name
 * @who: the person, for the audit log
 * @error: %IUM_STORE_ERROR_NOT_FOUND when there is no such cycle
 *
 * Returns: %TRUE when removed
 */
gboolean
ium_store_remove_cycle (IumStore *self, const char *name, const char *who, GError **error)
{
  g_return_val_if_fail (IUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && who != NULL, FALSE);

  return ium_store_run_write (self, "cycle remove", who, NULL, make_without_cycle, (gpointer) name,
                              error);
}
