/* ium-cli-status.c: `ium status` and `ium check`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include <stdio.h>

#include "ium-cli-common.h"
#include "ium-enums.h"
#include "ium-fleet.h"

static char *
dup_flags (IumStatusFlags flags)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    if (flags & (1u << bit))
      {
        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, ium_status_flag_to_nick (1u << bit));
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
release_text (IumRelease *release)
{
  return release ? ium_release_get_version_text (release) : NULL;
}

static void
print_table (IumFleet *fleet)
{
  /* Translators: the column headings of 'ium status', in capitals like the English. */
  const char *const headers[] = { _ ("INSTRUMENT"), _ ("SITE"),   _ ("RELEASE"), _ ("TIER"),
                                  _ ("TARGET"),     _ ("BEHIND"), _ ("FLAGS"),   NULL };
  IumInventory     *inventory = ium_fleet_get_inventory (fleet);
  GListModel       *instruments = ium_inventory_get_instruments (inventory);
  g_autoptr (IumCliTable) table = ium_cli_table_new (headers);
  IumRelease *newest = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);
  guint       n = g_list_model_get_n_items (instruments);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      g_autofree char    *behind = NULL;
      g_autofree char    *flags = NULL;
      IumInstrumentStatus status;

      ium_fleet_get_status (fleet, instrument, &status);
      behind = g_strdup_printf ("%u", status.behind);
      flags = dup_flags (status.flags);
      ium_cli_table_add_row (
        table,
        (const char *[]){
          ium_instrument_get_name (instrument), ium_instrument_get_site (instrument),
          status.release ? release_text (status.release) : "custom",
          status.release ? ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (status.release))
                         : NULL,
          release_text (status.target), behind, flags, NULL });
    }

  if (ium_inventory_get_facility (inventory) != NULL)
    g_print ("%s: ", ium_inventory_get_facility (inventory));
  /* Translators: the heading of 'ium status'; the release is a version, or “(none)”. */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u instrument; newest official release %s\n\n",
                        "%u instruments; newest official release %s\n\n", n),
           n, newest ? release_text (newest) : _ ("(none)"));
  ium_cli_table_print (table);
}

static void
print_instrument (IumFleet *fleet, IumInstrument *instrument)
{
  g_autofree char    *flags = NULL;
  g_autofree char    *tags = g_strjoinv (", ", (char **) ium_instrument_get_tags (instrument));
  IumInstrumentStatus status;

  ium_fleet_get_status (fleet, instrument, &status);
  flags = dup_flags (status.flags);

  g_print ("%s\n", ium_instrument_get_name (instrument));
  /* Translators: the lines of 'ium status INSTRUMENT'; keep the values aligned in one
   * column, as in the English. */
  g_print (_ ("  site:     %s\n"), ium_instrument_get_site (instrument));
  if (*tags != '\0')
    g_print (_ ("  tags:     %s\n"), tags);
  if (status.release != NULL)
    /* Translators: a release version and its tier (official, ...), which stays English. */
    g_print (_ ("  runs:     %s (%s)\n"), release_text (status.release),
             ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (status.release)));
  else
    g_print (_ ("  runs:     no single release (custom)\n"));
  if (ium_instrument_get_pin (instrument))
    g_print (_ ("  target:   %s (pinned)\n"),
             status.target ? release_text (status.target) : _ ("(none)"));
  else
    g_print (_ ("  target:   %s\n"), status.target ? release_text (status.target) : _ ("(none)"));
  g_print (g_dngettext (GETTEXT_PACKAGE, "  behind:   %u release line\n",
                        "  behind:   %u release lines\n", status.behind),
           status.behind);
  /* Translators: the flags (behind, busy, ...) are identifiers of the spec and stay English. */
  g_print (_ ("  flags:    %s\n"), flags);
  if (ium_instrument_get_busy (instrument))
    g_print (_ ("  busy:     %s\n"), ium_instrument_get_busy_note (instrument)
                                       ? ium_instrument_get_busy_note (instrument)
                                       : _ ("yes"));
  g_print (_ ("  hosts:\n"));

  for (guint h = 0; h < ium_instrument_get_n_hosts (instrument); h++)
    {
      IumHost    *host = ium_instrument_get_host (instrument, h);
      IumRelease *runs = ium_fleet_get_host_release (fleet, host);
      g_auto (GStrv) ids = ium_host_dup_component_ids (host);

      g_print ("    %s (%s): %s\n", ium_host_get_name (host), ium_host_get_role (host),
               runs ? release_text (runs) : "custom");
      for (guint c = 0; ids[c] != NULL; c++)
        g_print ("      %-20s %s\n", ids[c], ium_host_get_installed_version (host, ids[c]));
    }
}

static int
run_status (IumCli *cli, int argc, char **argv)
{
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  IumInstrument *only = NULL;

  if ((inventory = ium_cli_load_inventory (cli)) == NULL)
    return IUM_EXIT_USAGE;

  if (argc == 1 && (only = ium_inventory_lookup_instrument (inventory, argv[0])) == NULL)
    return ium_cli_fail (cli, IUM_EXIT_USAGE, _ ("unknown instrument “%s”"), argv[0]);

  fleet = ium_fleet_new (inventory);

  if (cli->json)
    {
      gsize            length;
      g_autofree char *text = ium_fleet_status_to_data (fleet, only, &length);
      fwrite (text, 1, length, stdout);
    }
  else if (only != NULL)
    print_instrument (fleet, only);
  else
    print_table (fleet);
  return IUM_EXIT_OK;
}

static int
run_check (IumCli *cli, int argc, char **argv)
{
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *warnings;

  if ((inventory = ium_cli_load_inventory (cli)) == NULL)
    return IUM_EXIT_USAGE;

  fleet = ium_fleet_new (inventory);
  /* JSON carries the English message of the spec; people read it in their language. */
  verdict = cli->json ? ium_fleet_check (fleet, argv[0], argv[1], argv[2], &error)
                      : ium_fleet_check_translated (fleet, argv[0], argv[1], argv[2], &error);
  if (verdict == NULL)
    return ium_cli_fail_error (cli, error);

  if (cli->json)
    {
      g_autoptr (JsonNode) node = ium_verdict_to_json (verdict);
      ium_cli_print_json (node);
    }
  else
    {
      g_print ("%s: %s\n",
               ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, ium_verdict_get_status (verdict)),
               ium_verdict_get_message (verdict));
      warnings = ium_verdict_get_warnings (verdict);
      for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
        g_print (_ ("warning: %s\n"), warnings[i]);
      if (ium_verdict_get_download_url (verdict) != NULL)
        g_print (_ ("download: %s\n"), ium_verdict_get_download_url (verdict));
    }

  return ium_verdict_get_status (verdict) == IUM_VERDICT_INCOMPATIBLE ? IUM_EXIT_FAILURE
                                                                      : IUM_EXIT_OK;
}

const IumCliCommand ium_cli_status_commands[] = {
  { "status", NULL, N_ ("[INSTRUMENT]"), N_ ("What every instrument runs, its target and flags"),
    N_ ("Shows, for every instrument (or one), the release it runs, its tier, the release it "
        "should run, how many release lines it is behind, and its status flags."),
    NULL, run_status, 0, 1 },
  { "check", NULL, N_ ("INSTRUMENT COMPONENT VERSION"),
    N_ ("Check a client version against an instrument"),
    N_ ("Gives the verdict a client GUI gets on connect: ok, update-available, client-newer or "
        "incompatible (exit 1), with the version to install."),
    NULL, run_check, 3, 3 },
  { NULL }
};
