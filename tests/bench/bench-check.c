/* bench-check.c: how many client checks one thread answers per second.
 *
 * Loads an inventory file into memory, builds the fleet once, and times in-process calls of
 * ium_fleet_check(), the function behind `ium check` and GET /api/v1/check. The checks cycle
 * over every instrument with a mix of client versions chosen before the timed loop (mostly
 * current clients, some older ones, a few ahead of the server, a few of another major), so
 * the loop times the check and nothing else.
 *
 *   bench-check FILE [--checks N] [--verbose]
 *
 * Prints one line: "checks: 100000 in 0.123 s = 813008 checks/s".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-bench"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "ium-fleet.h"
#include "ium-inventory-file.h"

typedef enum
{
  CLIENT_RECOMMENDED,
  CLIENT_OLDER,
  CLIENT_AHEAD,
  CLIENT_OTHER_MAJOR,
} ClientKind;

/* Instrument i gets a client of kind client_mix[i % 8]: half of the clients are current, a
 * quarter are older than recommended, and the rest are ahead of the server or of another
 * major, so every verdict shows up. */
static const ClientKind client_mix[] = {
  CLIENT_RECOMMENDED, CLIENT_OLDER, CLIENT_RECOMMENDED, CLIENT_OTHER_MAJOR,
  CLIENT_RECOMMENDED, CLIENT_OLDER, CLIENT_AHEAD,       CLIENT_RECOMMENDED,
};

typedef struct
{
  const char *instrument; /* borrowed from the inventory */
  char       *version;    /* owned */
} Check;

static gint64             n_checks = 100000;
static gboolean           verbose;

static const GOptionEntry entries[] = { { "checks", 'n', 0, G_OPTION_ARG_INT64, &n_checks,
                                          "Number of checks to time (default 100000)", "N" },
                                        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
                                          "Also print load times and the verdict mix", NULL },
                                        { NULL } };

static void
check_clear (gpointer data)
{
  Check *check = data;

  g_clear_pointer (&check->version, g_free);
}

/* Some version that parses in @scheme, to ask the fleet for the server version. */
static const char *
any_version (IumScheme scheme)
{
  switch (scheme)
    {
    case IUM_SCHEME_SEMVER:
      return "0.0.0";
    case IUM_SCHEME_CALVER:
      return "20000101.0";
    case IUM_SCHEME_QUAD:
    default:
      return "0";
    }
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* A client version of @kind for a server at @server_text, or NULL when @scheme has no such
 * simple spelling (then the recommended version is used). */
static char *
make_client_version (ClientKind  kind,
                     IumScheme   scheme,
                     const char *server_text,
                     const char *recommended)
{
  g_autoptr (IumVersion) server = NULL;
  guint64 major;
  guint64 minor;

  if (kind == CLIENT_RECOMMENDED || scheme != IUM_SCHEME_QUAD)
    return g_strdup (recommended);

  server = ium_version_parse (scheme, server_text, NULL);
  if (server == NULL)
    return g_strdup (recommended);

  major = ium_version_get_major (server);
  minor = ium_version_get_minor (server);

  switch (kind)
    {
    case CLIENT_OLDER:
      /* Compatible under minor-backward, and older than any recommended build of the line. */
      return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT ".0.0", major,
                              minor > 0 ? minor - 1 : minor);
    case CLIENT_AHEAD:
      return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT ".0.0", major, minor + 1);
    case CLIENT_OTHER_MAJOR:
      return g_strdup_printf ("%" G_GUINT64_FORMAT ".0.0.0", major + 1);
    case CLIENT_RECOMMENDED:
    default:
      return g_strdup (recommended);
    }
}

/* One check per instrument that has a server, each with a client version of the mix. */
static GArray *
choose_checks (IumFleet *fleet, const char *client, IumScheme scheme, guint *n_skipped)
{
  IumInventory *inventory = ium_fleet_get_inventory (fleet);
  GListModel   *instruments = ium_inventory_get_instruments (inventory);
  guint         n = g_list_model_get_n_items (instruments);
  g_autoptr (GArray) checks = g_array_sized_new (FALSE, TRUE, sizeof (Check), n);

  g_array_set_clear_func (checks, check_clear);
  *n_skipped = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      const char *name = ium_instrument_get_name (instrument);
      g_autoptr (IumVerdict) probe = NULL;
      const char *recommended;
      ClientKind  kind;
      Check       check;

      /* A first check finds the server version and the recommended client version. */
      probe = ium_fleet_check (fleet, name, client, any_version (scheme), NULL);
      if (probe == NULL)
        {
          /* No host carries the server: every check would be an error. */
          (*n_skipped)++;
          continue;
        }

      recommended = ium_verdict_get_recommended_version (probe);
      if (recommended == NULL)
        recommended = ium_verdict_get_server_version (probe);

      kind = client_mix[i % G_N_ELEMENTS (client_mix)];

      /* The instrument name is borrowed: the inventory outlives the checks. */
      check.instrument = name;
      check.version =
        make_client_version (kind, scheme, ium_verdict_get_server_version (probe), recommended);
      g_array_append_val (checks, check);
    }

  return g_steal_pointer (&checks);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (IumInventoryFile) inventory_file = NULL;
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (GArray) checks = NULL;
  g_autoptr (IumRule) rule = NULL;
  IumInventory *inventory;
  GListModel   *rules;
  IumComponent *component;
  const char   *client;
  guint         counts[IUM_VERDICT_INCOMPATIBLE + 1] = { 0 };
  guint         n_errors = 0;
  guint         n_skipped;
  gint64        start;
  double        load_seconds;
  double        fleet_seconds;
  double        seconds;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("FILE - time in-process client checks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-check: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr (
        "bench-check: give one inventory file, e.g. bench-check big.json --checks 100000\n");
      return 2;
    }
  if (n_checks < 1 || n_checks > G_MAXUINT)
    {
      g_printerr ("bench-check: --checks must be between 1 and %u\n", G_MAXUINT);
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  start = g_get_monotonic_time ();
  inventory_file = ium_inventory_file_load (file, NULL, &error);
  if (inventory_file == NULL)
    {
      g_printerr ("bench-check: %s: %s\n", argv[1], error->message);
      return 2;
    }
  load_seconds = seconds_since (start);
  inventory = ium_inventory_file_get_inventory (inventory_file);

  start = g_get_monotonic_time ();
  fleet = ium_fleet_new (inventory);
  fleet_seconds = seconds_since (start);

  /* The client of the first rule, e.g. ibex-gui. */
  rules = ium_inventory_get_rules (inventory);
  if (g_list_model_get_n_items (rules) == 0)
    {
      g_printerr ("bench-check: %s has no compatibility rule, so there is nothing to check\n",
                  argv[1]);
      return 2;
    }
  rule = g_list_model_get_item (rules, 0);
  client = ium_rule_get_client (rule);
  component = ium_inventory_lookup_component (inventory, client);
  if (component == NULL)
    {
      g_printerr ("bench-check: the rule's client “%s” is not a component of %s\n", client,
                  argv[1]);
      return 2;
    }

  checks = choose_checks (fleet, client, ium_component_get_scheme (component), &n_skipped);
  if (checks->len == 0)
    {
      g_printerr ("bench-check: no instrument of %s has a host with the server component\n",
                  argv[1]);
      return 2;
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < (guint) n_checks; i++)
    {
      const Check *check = &g_array_index (checks, Check, i % checks->len);
      IumVerdict  *verdict;

      verdict = ium_fleet_check (fleet, check->instrument, client, check->version, NULL);
      if (verdict == NULL)
        {
          n_errors++;
          continue;
        }
      counts[ium_verdict_get_status (verdict)]++;
      g_object_unref (verdict);
    }
  seconds = seconds_since (start);

  if (verbose)
    {
      g_print ("load: %u instruments in %.3f s, fleet built in %.3f s, %u without a server\n",
               g_list_model_get_n_items (ium_inventory_get_instruments (inventory)), load_seconds,
               fleet_seconds, n_skipped);
      g_print (
        "verdicts: ok %u, update-available %u, client-newer %u, incompatible %u, errors %u\n",
        counts[IUM_VERDICT_OK], counts[IUM_VERDICT_UPDATE_AVAILABLE],
        counts[IUM_VERDICT_CLIENT_NEWER], counts[IUM_VERDICT_INCOMPATIBLE], n_errors);
    }

  g_print ("checks: %u in %.3f s = %.0f checks/s\n", (guint) n_checks, seconds,
           seconds > 0 ? n_checks / seconds : 0.0);

  return n_errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
