/* ium-test-checks.c: prints the client check log of a database, one check a line, for the
 * tests of programs that do not link core (the client library carries its own copy of the
 * verdict and must not share a process with libium).
 *
 *   ium-test-checks DB
 *   -> "EVENT INSTRUMENT COMPONENT VERSION STATUS" per check, oldest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ium-check-log.h"
#include "ium-enums.h"

int
main (int argc, char *argv[])
{
  g_autoptr (IumStore) store = NULL;
  g_autoptr (GPtrArray) checks = NULL;
  g_autoptr (GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: ium-test-checks DB\n");
      return 2;
    }

  store = ium_store_open_existing (argv[1], &error);
  if (store != NULL)
    checks = ium_store_list_checks (store, NULL, NULL, 0, &error);
  if (checks == NULL)
    {
      g_printerr ("ium-test-checks: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < checks->len; i++)
    {
      IumCheckRecord *record = g_ptr_array_index (checks, i);

      g_print ("%s %s %s %s %s\n", ium_check_event_to_string (record->event), record->instrument,
               record->component, record->version,
               ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, record->status));
    }

  return 0;
}
