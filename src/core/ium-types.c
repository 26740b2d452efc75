/* ium-types.c: string forms of the shared enumerations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-model"

#include "config.h"

#include "ium-types.h"

#include "ium-enums.h"

/**
 * ium_enum_to_nick:
 * @enum_type: a GEnum type, such as IUM_TYPE_TIER
 * @value: a value of @enum_type
 *
 * Returns: (nullable) (transfer none): the nick of @value ("official"), or %NULL when
 *   @value is not a member of @enum_type. The string is static.
 */
const char *
ium_enum_to_nick (GType enum_type, int value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;
  const char *nick;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);
  /* The nicks live in the type's static value table, so they outlive the class reference. */
  nick = enum_value != NULL ? enum_value->value_nick : NULL;
  g_type_class_unref (klass);

  return nick;
}

/**
 * ium_enum_from_nick:
 * @enum_type: a GEnum type
 * @nick: (nullable): the text to read
 * @value: (out) (optional): where to store the value
 *
 * Returns: %TRUE when @nick is a nick of @enum_type; @value is left alone otherwise.
 */
gboolean
ium_enum_from_nick (GType enum_type, const char *nick, int *value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;
  gboolean    found = FALSE;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value != NULL)
    {
      found = TRUE;
      if (value != NULL)
        *value = enum_value->value;
    }
  g_type_class_unref (klass);

  return found;
}

/**
 * ium_enum_list_nicks:
 * @enum_type: a GEnum type
 *
 * Lists the accepted spellings for error messages, e.g. "official, test, internal".
 *
 * Returns: (transfer full): the nicks of @enum_type in declaration order, joined by ", ".
 */
char *
ium_enum_list_nicks (GType enum_type)
{
  GEnumClass *klass;
  GString    *str;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  str = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, klass->values[i].value_nick);
    }
  g_type_class_unref (klass);

  return g_string_free (str, FALSE);
}

/**
 * ium_status_flag_to_nick:
 * @flag: exactly one status flag
 *
 * Returns: (nullable) (transfer none): the nick of @flag ("update-available"), or %NULL
 *   when @flag is not exactly one known flag.
 */
const char *
ium_status_flag_to_nick (IumStatusFlags flag)
{
  GFlagsClass *klass;
  const char  *nick = NULL;

  klass = g_type_class_ref (IUM_TYPE_STATUS_FLAGS);
  /* g_flags_get_first_value() would also accept a combination; only a single flag has a nick. */
  for (guint i = 0; i < klass->n_values; i++)
    {
      if (klass->values[i].value == (guint) flag)
        {
          nick = klass->values[i].value_nick;
          break;
        }
    }
  g_type_class_unref (klass);

  return nick;
}

/**
 * ium_status_flag_from_nick:
 * @nick: (nullable): the text to read
 * @flag: (out) (optional): where to store the flag
 *
 * Returns: %TRUE when @nick names a status flag; @flag is left alone otherwise.
 */
gboolean
ium_status_flag_from_nick (const char *nick, IumStatusFlags *flag)
{
  GFlagsClass *klass;
  GFlagsValue *flags_value;
  gboolean     found = FALSE;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (IUM_TYPE_STATUS_FLAGS);
  flags_value = g_flags_get_value_by_nick (klass, nick);
  if (flags_value != NULL)
    {
      found = TRUE;
      if (flag != NULL)
        *flag = (IumStatusFlags) flags_value->value;
    }
  g_type_class_unref (klass);

  return found;
}
