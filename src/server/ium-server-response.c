/* ium-server-response.c: answers as the server sends them: JSON everywhere (errors as
 * {"error": "..."}), statuses for core's errors, and handing an answer to libsoup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

#include "ium-inventory-file.h"
#include "ium-rollouts.h"
#include "ium-version.h"

void
ium_response_free (IumResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, g_ptr_array_unref);
  g_free (response);
}

IumResponse *
ium_response_new (guint status, const char *content_type, GBytes *body)
{
  IumResponse *response = g_new0 (IumResponse, 1);

  response->status = status;
  response->content_type = content_type;
  response->body = body;
  return response;
}

IumResponse *
ium_response_json_text (guint status, char *text, gsize length)
{
  return ium_response_new (status, "application/json", g_bytes_new_take (text, length));
}

IumResponse *
ium_response_json (guint status, JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  GString *text = g_string_new (NULL);
  gsize    length;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');
  length = text->len;
  return ium_response_json_text (status, g_string_free (text, FALSE), length);
}

IumResponse *
ium_response_error (guint status, const char *format, ...)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Messages quote what the client sent, which need not be UTF-8 when it came from a header;
   * JSON text must be. */
  if (!g_utf8_validate (message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (message, -1);
      g_free (message);
      message = valid;
    }

  json_object_set_string_member (object, "error", message);
  return ium_response_json (status, node);
}

guint
ium_server_status_for_error (const GError *error)
{
  if (error->domain == IUM_CHECK_ERROR)
    return error->code == IUM_CHECK_ERROR_INVALID_VERSION ? SOUP_STATUS_BAD_REQUEST
                                                          : SOUP_STATUS_NOT_FOUND;

  if (error->domain == IUM_ROLLOUT_ERROR)
    switch ((IumRolloutError) error->code)
      {
      case IUM_ROLLOUT_ERROR_REFUSED:
      case IUM_ROLLOUT_ERROR_INVALID_MOVE:
        return SOUP_STATUS_CONFLICT;
      case IUM_ROLLOUT_ERROR_NOT_FOUND:
        return SOUP_STATUS_NOT_FOUND;
      case IUM_ROLLOUT_ERROR_INVALID:
      default:
        return SOUP_STATUS_BAD_REQUEST;
      }

  if (error->domain == IUM_STORE_ERROR)
    switch ((IumStoreError) error->code)
      {
      case IUM_STORE_ERROR_NOT_FOUND:
        return SOUP_STATUS_NOT_FOUND;
      case IUM_STORE_ERROR_INVALID:
        return SOUP_STATUS_BAD_REQUEST;
      case IUM_STORE_ERROR_BUSY:
        return SOUP_STATUS_SERVICE_UNAVAILABLE;
      case IUM_STORE_ERROR_OPEN:
      case IUM_STORE_ERROR_CORRUPT:
      case IUM_STORE_ERROR_NOT_INVENTORY:
      case IUM_STORE_ERROR_TOO_NEW:
      case IUM_STORE_ERROR_FAILED:
      default:
        return SOUP_STATUS_INTERNAL_SERVER_ERROR;
      }

  if (error->domain == IUM_INVENTORY_FILE_ERROR || error->domain == IUM_VERSION_ERROR
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    return SOUP_STATUS_BAD_REQUEST;

  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

IumResponse *
ium_response_from_error (const GError *error)
{
  guint        status = ium_server_status_for_error (error);
  IumResponse *response = ium_response_error (status, "%s", error->message);

  /* The database was locked by another writer for longer than the busy timeout. */
  if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    ium_response_add_header (response, "Retry-After", "1");
  if (status >= 500)
    g_warning ("answered %u: %s", status, error->message);
  return response;
}

void
ium_response_add_header (IumResponse *response, const char *name, const char *value)
{
  if (response->headers == NULL)
    response->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (response->headers, g_strdup (name));
  g_ptr_array_add (response->headers, g_strdup (value));
}

/* The headers every answer carries. Answers describe the inventory at one moment: no cache
 * should keep them. */
const char *const ium_response_common_headers[2][2] = {
  { "Cache-Control", "no-store" },
  { "X-Content-Type-Options", "nosniff" },
};

/* The headers every answer carries, and @response's own, into @headers. */
void
ium_response_fill_headers (IumResponse *response, SoupMessageHeaders *headers)
{
  for (guint i = 0; i < G_N_ELEMENTS (ium_response_common_headers); i++)
    soup_message_headers_replace (headers, ium_response_common_headers[i][0],
                                  ium_response_common_headers[i][1]);
  for (guint i = 0; response->headers != NULL && i + 1 < response->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (response->headers, i),
                                  g_ptr_array_index (response->headers, i + 1));

  if (response->body != NULL)
    soup_message_headers_replace (headers, "Content-Type", response->content_type);
}

void
ium_response_apply (IumResponse *response, SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, response->status, NULL);
  ium_response_fill_headers (response, soup_server_message_get_response_headers (msg));
  /* Shared, not copied: a status of 10,000 instruments is a few megabytes. */
  if (response->body != NULL)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), response->body);
}
