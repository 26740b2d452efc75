/* ium-error-text.c: errors from core, in words for the people who use the window.
 *
 * Core's messages say what and where; they are written for the command line and sometimes
 * name an `ium` command. The window puts them in a sentence of its own that says what to do
 * in the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ium-error-text.h"

#include "ium-store.h"

static gboolean
starts_with_word (const char *text)
{
  const char *p;

  for (p = text; *p != '\0' && *p != ' ' && *p != ':'; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)) && *p != '-' && *p != '\'')
      return FALSE;
  return p != text;
}

char *
ium_error_sentence (const GError *error)
{
  GString *text;
  gunichar first;

  g_return_val_if_fail (error != NULL, NULL);

  text = g_string_new (NULL);
  first = g_utf8_get_char (error->message);
  /* A message that starts with a word gets its capital; one that starts with a JSON path,
   * a file name or a version ("instruments[3].hosts[0]: ...") stays as it is. */
  if (starts_with_word (error->message))
    {
      g_string_append_unichar (text, g_unichar_totitle (first));
      g_string_append (text, g_utf8_next_char (error->message));
    }
  else
    g_string_append (text, error->message);
  while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);
  if (text->len > 0 && !strchr (".!?", text->str[text->len - 1]))
    g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

IumErrorFix
ium_error_describe_open (const GError *error, const char *path, char **title, char **body)
{
  g_autofree char *sentence = ium_error_sentence (error);
  g_autofree char *name = g_filename_display_name (path);

  if (error->domain == IUM_STORE_ERROR)
    switch ((IumStoreError) error->code)
      {
      case IUM_STORE_ERROR_NOT_FOUND:
        *title = g_strdup (_ ("There is no inventory here yet"));
        *body = g_strdup_printf (_ ("No inventory was found at %s. Create a new, empty inventory "
                                    "there, or open the one you meant."),
                                 name);
        return IUM_ERROR_FIX_CREATE;

      case IUM_STORE_ERROR_CORRUPT:
        *title = g_strdup (_ ("The inventory is damaged"));
        *body = g_strdup_printf (_ ("%s cannot be read: it is not an SQLite database, or it is "
                                    "damaged (%s) It has not been changed. Restore it from a "
                                    "backup, or open another inventory."),
                                 name, sentence);
        return IUM_ERROR_FIX_OPEN_OTHER;

      case IUM_STORE_ERROR_NOT_INVENTORY:
        *title = g_strdup (_ ("This is not an inventory"));
        *body = g_strdup_printf (_ ("%s is a database of another program. It has not been "
                                    "changed. Open the inventory you meant, or create a new "
                                    "one."),
                                 name);
        return IUM_ERROR_FIX_OPEN_OTHER;

      case IUM_STORE_ERROR_TOO_NEW:
        *title = g_strdup (_ ("The inventory is from a newer version"));
        *body = g_strdup_printf (_ ("%s was written by a newer version of Instrument Update "
                                    "Manager (%s) It has not been changed. Update this "
                                    "application to open it."),
                                 name, sentence);
        return IUM_ERROR_FIX_OPEN_OTHER;

      case IUM_STORE_ERROR_BUSY:
        *title = g_strdup (_ ("The inventory is busy"));
        *body = g_strdup_printf (_ ("Another program kept %s locked for too long. Try again in "
                                    "a moment."),
                                 name);
        return IUM_ERROR_FIX_RETRY;

      case IUM_STORE_ERROR_OPEN:
        *title = g_strdup (_ ("The inventory cannot be opened"));
        *body = g_strdup_printf (_ ("%s Check that the folder exists and that you may write "
                                    "to it, or open another inventory."),
                                 sentence);
        return IUM_ERROR_FIX_OPEN_OTHER;

      case IUM_STORE_ERROR_FAILED:
      case IUM_STORE_ERROR_INVALID:
      default:
        break;
      }

  *title = g_strdup (_ ("The inventory cannot be loaded"));
  *body = g_strdup_printf (_ ("%s (%s) Nothing has been changed. Try again, or open another "
                              "inventory."),
                           sentence, name);
  return IUM_ERROR_FIX_RETRY;
}
