/* ium-cli-version.c: `ium version compare`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-cli"

#include "config.h"

#include "ium-cli-common.h"
#include "ium-version.h"

static char              *opt_scheme;

static const GOptionEntry compare_entries[] = {
  { "scheme", 0, 0, G_OPTION_ARG_STRING, &opt_scheme,
    N_ ("The version scheme: quad (default), semver or calver"), N_ ("SCHEME") },
  { NULL }
};

static int
run_compare (IumCli *cli, int argc, char **argv)
{
  g_autoptr (IumVersion) a = NULL;
  g_autoptr (IumVersion) b = NULL;
  g_autoptr (GError) error = NULL;
  IumScheme   scheme = IUM_SCHEME_QUAD;
  const char *answer;
  int         order;

  if (opt_scheme != NULL && !ium_scheme_from_string (opt_scheme, &scheme))
    return ium_cli_fail (cli, IUM_EXIT_USAGE,
                         _ ("--scheme: “%s” is not a scheme; use quad, semver or calver"),
                         opt_scheme);

  if ((a = ium_version_parse (scheme, argv[0], &error)) == NULL
      || (b = ium_version_parse (scheme, argv[1], &error)) == NULL)
    return ium_cli_fail_error (cli, error);

  order = ium_version_compare (a, b);
  answer = order < 0 ? "<" : order > 0 ? ">" : "=";

  if (cli->json)
    {
      g_autoptr (JsonObject) object = json_object_new ();
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

      json_object_set_string_member (object, "a", argv[0]);
      json_object_set_string_member (object, "b", argv[1]);
      json_object_set_string_member (object, "scheme", ium_scheme_to_string (scheme));
      json_object_set_string_member (object, "result", answer);
      ium_cli_print_json (node);
    }
  else
    g_print ("%s\n", answer);
  return IUM_EXIT_OK;
}

const IumCliCommand ium_cli_version_commands[] = {
  { "version", "compare", N_ ("A B"), N_ ("Compare two versions: prints <, = or >"),
    N_ ("Compares two versions of one scheme. Missing quad parts are 0, so 12.1 = 12.1.0.0."),
    compare_entries, run_compare, 2, 2 },
  { NULL }
};
