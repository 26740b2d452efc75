/* seed-check-log.c: fills a database's client check log with plausible checks, for the report
 * benchmark and for trying reports on the demo facility before `ium serve` has logged any.
 *
 * Each chosen instrument gets checks from clients of releases picked at random from the
 * inventory (half of them the release recommended for the instrument), so that every verdict
 * shows up: ok, update-available, client-newer and incompatible. The verdicts come from
 * ium_fleet_check(), as the server's would; the times are spread over the last --days days.
 *
 *   seed-check-log DB [--per-instrument N] [--every K] [--days D] [--seed S]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "ium-check-log.h"
#include "ium-fleet.h"

static gint               per_instrument = 3;
static gint               every = 1;
static gint               days = 20;
static gint               seed = 1;

static const GOptionEntry entries[] = {
  { "per-instrument", 'n', 0, G_OPTION_ARG_INT, &per_instrument,
    "Checks per chosen instrument (default 3)", "N" },
  { "every", 'k', 0, G_OPTION_ARG_INT, &every, "Choose every K-th instrument (default 1)", "K" },
  { "days", 'd', 0, G_OPTION_ARG_INT, &days, "Spread the checks over the last D days (default 20)",
    "D" },
  { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "S" },
  { NULL }
};

/* The client component of the first rule: what client GUIs check with. */
static const char *
client_component (IumInventory *inventory)
{
  GListModel *rules = ium_inventory_get_rules (inventory);
  g_autoptr (IumRule) rule = g_list_model_get_item (rules, 0);

  return rule != NULL ? ium_rule_get_client (rule) : NULL;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("DB - seed the client check log");
  g_autoptr (GError) error = NULL;
  g_autoptr (IumStore) store = NULL;
  g_autoptr (IumInventory) inventory = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (GPtrArray) batch = NULL;
  g_autoptr (GRand) rand = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GListModel *instruments, *releases;
  const char *client;
  guint       n_instruments, n_releases, n_checks = 0, n_chosen = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || per_instrument < 1
      || every < 1 || days < 1)
    {
      g_printerr ("seed-check-log: %s\nUsage: seed-check-log DB [--per-instrument N] "
                  "[--every K] [--days D] [--seed S]\n",
                  error ? error->message : "bad arguments");
      return 2;
    }

  if ((store = ium_store_open_existing (argv[1], &error)) == NULL
      || (inventory = ium_store_load (store, &error)) == NULL)
    {
      g_printerr ("seed-check-log: %s\n", error->message);
      return 2;
    }
  if ((client = client_component (inventory)) == NULL)
    {
      g_printerr ("seed-check-log: the inventory has no compatibility rule, so no client\n");
      return 2;
    }

  fleet = ium_fleet_new (inventory);
  rand = g_rand_new_with_seed ((guint32) seed);
  instruments = ium_inventory_get_instruments (inventory);
  releases = ium_inventory_get_releases (inventory);
  n_instruments = g_list_model_get_n_items (instruments);
  n_releases = g_list_model_get_n_items (releases);
  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);

  for (guint i = 0; i < n_instruments; i += (guint) every)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      const char *name = ium_instrument_get_name (instrument);

      n_chosen++;
      for (int k = 0; k < per_instrument; k++)
        {
          g_autoptr (IumRelease) release = g_list_model_get_item (
            releases, (guint) g_rand_int_range (rand, 0, (gint32) MAX (n_releases, 1)));
          g_autoptr (IumVerdict) verdict = NULL;
          g_autoptr (GDateTime) at = NULL;
          g_autofree char *address = NULL;
          const char      *version;

          if (release == NULL)
            break;
          version = ium_release_get_component_version (release, client);
          verdict = ium_fleet_check (fleet, name, client, version, NULL);
          if (verdict == NULL)
            break; /* no host carries the server */
          if (g_rand_boolean (rand) && ium_verdict_get_recommended_version (verdict) != NULL)
            {
              g_autoptr (IumVerdict) current = ium_fleet_check (
                fleet, name, client, ium_verdict_get_recommended_version (verdict), NULL);
              if (current != NULL)
                g_set_object (&verdict, current);
            }

          at = g_date_time_add_seconds (now, -g_rand_double_range (rand, 60, days * 86400.0));
          address =
            g_strdup_printf ("10.%d.%d.%d", g_rand_int_range (rand, 0, 255),
                             g_rand_int_range (rand, 0, 255), g_rand_int_range (rand, 1, 255));
          g_ptr_array_add (
            batch, ium_check_record_new_from_verdict (verdict, IUM_CHECK_EVENT_CHECK, at, address));
          n_checks++;
          if (ium_verdict_get_status (verdict) == IUM_VERDICT_INCOMPATIBLE
              && g_rand_int_range (rand, 0, 4) == 0)
            {
              g_autoptr (GDateTime) later = g_date_time_add_seconds (at, 5);
              g_ptr_array_add (batch, ium_check_record_new_from_verdict (
                                        verdict, IUM_CHECK_EVENT_CONNECT_ANYWAY, later, address));
            }
        }

      if (batch->len >= 5000 || i + (guint) every >= n_instruments)
        {
          if (!ium_store_append_checks (store, batch, &error))
            {
              g_printerr ("seed-check-log: %s\n", error->message);
              return 1;
            }
          g_ptr_array_set_size (batch, 0);
        }
    }

  g_print ("seeded %u checks for %u instruments over the last %d days\n", n_checks, n_chosen, days);
  return 0;
}
