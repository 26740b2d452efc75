/* ium-fleet-check.c: the client check, which tells a client whether it can talk to the
 * server of an instrument and which version it should run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-fleet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-fleet.h"

#include "ium-compat.h"
#include "ium-fleet-private.h"

/* clang-format off */
G_DEFINE_QUARK (ium-check-error-quark, ium_check_error)
/* clang-format on */

/* g_strconcat() rather than printf: the check is the server's hot path, and formatting is
 * a good part of its time. */
static char *
build_message (IumVerdictStatus     status,
               const ComponentInfo *client,
               const char          *client_version,
               const ComponentInfo *server,
               const char          *server_version,
               const char          *instrument,
               const char          *recommended,
               const char          *reason)
{
  switch (status)
    {
    case IUM_VERDICT_INCOMPATIBLE:
      if (recommended == NULL)
        return g_strconcat (client->name, " ", client_version, " cannot talk to the ", server->name,
                            " ", server_version, " on ", instrument, ": ", reason,
                            ". Ask support for a compatible version.", NULL);
      return g_strconcat (client->name, " ", client_version, " cannot talk to the ", server->name,
                          " ", server_version, " on ", instrument, ": ", reason, ". Install ",
                          recommended, ".", NULL);

    case IUM_VERDICT_CLIENT_NEWER:
      if (recommended == NULL)
        return g_strconcat (client->name, " ", client_version, " is newer than the ", server->name,
                            " ", server_version, " on ", instrument,
                            " and may use features it lacks.", NULL);
      return g_strconcat (client->name, " ", client_version, " is newer than the ", server->name,
                          " ", server_version, " on ", instrument,
                          " and may use features it lacks. Install ", recommended, " to be safe.",
                          NULL);

    case IUM_VERDICT_UPDATE_AVAILABLE:
      return g_strconcat (client->name, " ", client_version, " works with the ", server->name, " ",
                          server_version, " on ", instrument, ". Version ", recommended,
                          " is available.", NULL);

    case IUM_VERDICT_OK:
    default:
      return g_strconcat (client->name, " ", client_version, " is up to date for ", instrument, ".",
                          NULL);
    }
}

/* The line's recommended release is chosen by major and minor, which a strict policy such as
 * `exact` may still refuse. Telling a client to install what its own rule forbids would be
 * worse than no advice, so take the newest release (official first) whose client version
 * the policy accepts against @server_version. Only strict rules get here. */
static const ReleaseInfo *
find_compatible_release (IumFleet         *self,
                         IumCompatPolicy   policy,
                         guint             client_index,
                         const IumVersion *server_version)
{
  const ReleaseInfo *any = NULL;

  for (guint i = self->n_releases; i > 0; i--)
    {
      const ReleaseInfo *release = &self->releases[i - 1];
      const IumVersion  *client_version = release->components[client_index];

      if (client_version == NULL
          || ium_compat_evaluate (policy, client_version, server_version, NULL)
               != IUM_COMPAT_COMPATIBLE)
        continue;
      if (release->tier == IUM_TIER_OFFICIAL)
        return release;
      if (any == NULL)
        any = release;
    }
  return any;
}

/* The same sentences as build_message(), through the catalogue: for people, never for JSON.
 * Under the C locale they are build_message()'s, word for word (test-fleet holds them to it). */
static char *
build_translated_message (IumVerdictStatus     status,
                          const ComponentInfo *client,
                          const char          *client_version,
                          const ComponentInfo *server,
                          const char          *server_version,
                          const char          *instrument,
                          const char          *recommended,
                          const char          *reason)
{
  /* Translators: in the verdicts of the client check, the first two %s are the client
   * component's name and version (“IBEX GUI 12.0.1”), the next two the server's (“IBEX
   * server 12.0.1.130”), then the instrument; the reason comes from the compatibility policy;
   * the last %s is the version to install. */
  switch (status)
    {
    case IUM_VERDICT_INCOMPATIBLE:
      if (recommended == NULL)
        return g_strdup_printf (_ ("%s %s cannot talk to the %s %s on %s: %s. Ask support for a "
                                   "compatible version."),
                                client->name, client_version, server->name, server_version,
                                instrument, _ (reason));
      return g_strdup_printf (_ ("%s %s cannot talk to the %s %s on %s: %s. Install %s."),
                              client->name, client_version, server->name, server_version,
                              instrument, _ (reason), recommended);

    case IUM_VERDICT_CLIENT_NEWER:
      if (recommended == NULL)
        return g_strdup_printf (_ ("%s %s is newer than the %s %s on %s and may use features it "
                                   "lacks."),
                                client->name, client_version, server->name, server_version,
                                instrument);
      return g_strdup_printf (_ ("%s %s is newer than the %s %s on %s and may use features it "
                                 "lacks. Install %s to be safe."),
                              client->name, client_version, server->name, server_version,
                              instrument, recommended);

    case IUM_VERDICT_UPDATE_AVAILABLE:
      return g_strdup_printf (_ ("%s %s works with the %s %s on %s. Version %s is available."),
                              client->name, client_version, server->name, server_version,
                              instrument, recommended);

    case IUM_VERDICT_OK:
    default:
      return g_strdup_printf (_ ("%s %s is up to date for %s."), client->name, client_version,
                              instrument);
    }
}

static IumVerdict *check (IumFleet   *self,
                          const char *instrument,
                          const char *component,
                          const char *client_version,
                          gboolean    translated,
                          GError    **error);

/**
 * ium_fleet_check:
 * @self: a fleet
 * @instrument: the instrument name, e.g. "LARMOR"
 * @component: the client component id, e.g. "ibex-gui"
 * @client_version: the client's version, in the component's scheme
 * @error: return location for an %IUM_CHECK_ERROR
 *
 * The client check of the spec: compares @client_version with the lowest version of the
 * rule's server component on the instrument's hosts, and recommends the client version of
 * the release the instrument should run. Safe to call from several threads at once.
 *
 * Returns: (transfer full) (nullable): the verdict, or %NULL with @error set
 */
IumVerdict *
ium_fleet_check (IumFleet   *self,
                 const char *instrument,
                 const char *component,
                 const char *client_version,
                 GError    **error)
{
  return check (self, instrument, component, client_version, FALSE, error);
}

/**
 * ium_fleet_check_translated:
 * @self: a fleet
 * @instrument: the instrument name
 * @component: the client component id
 * @client_version: the client's version
 * @error: return location for an %IUM_CHECK_ERROR
 *
 * ium_fleet_check(), with the verdict's message in the user's language (LANGUAGE,
 * LC_MESSAGES), for showing to a person. The JSON of a verdict (ium check --json, the server)
 * always carries ium_fleet_check()'s English message.
 *
 * Returns: (transfer full) (nullable): the verdict, or %NULL with @error set
 */
IumVerdict *
ium_fleet_check_translated (IumFleet   *self,
                            const char *instrument,
                            const char *component,
                            const char *client_version,
                            GError    **error)
{
  return check (self, instrument, component, client_version, TRUE, error);
}

static IumVerdict *
check (IumFleet   *self,
       const char *instrument,
       const char *component,
       const char *client_version,
       gboolean    translated,
       GError    **error)
{
  const InstrumentInfo *info;
  const ComponentInfo  *client;
  const RuleInfo       *rule;
  const ServerInfo     *server;
  const ReleaseInfo    *recommended;
  const IumVersion     *recommended_version = NULL;
  const char           *recommended_text = NULL;
  const char           *reason = NULL;
  g_autoptr (IumVersion) version = NULL;
  g_autofree char *message = NULL;
  g_autoptr (GError) local_error = NULL;
  IumVerdictStatus status;

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (instrument != NULL, NULL);
  g_return_val_if_fail (component != NULL, NULL);
  g_return_val_if_fail (client_version != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_hash_table_lookup (self->instruments_by_name, instrument);
  if (info == NULL)
    {
      g_set_error (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_UNKNOWN_INSTRUMENT,
                   _ ("unknown instrument “%s”"), instrument);
      return NULL;
    }

  client = g_hash_table_lookup (self->components_by_id, component);
  if (client == NULL)
    {
      g_set_error (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_UNKNOWN_COMPONENT,
                   _ ("unknown component “%s”"), component);
      return NULL;
    }

  rule = client->rule;
  if (rule == NULL)
    {
      g_set_error (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_NO_RULE,
                   _ ("no compatibility rule has “%s” as its client"), component);
      return NULL;
    }

  version = ium_version_parse (client->scheme, client_version, &local_error);
  if (version == NULL)
    {
      g_set_error_literal (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_INVALID_VERSION,
                           local_error->message);
      return NULL;
    }

  server = rule->server != NULL ? &info->servers[rule->slot] : NULL;
  if (server == NULL || server->lowest == NULL)
    {
      g_set_error (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_NO_SERVER,
                   _ ("no host of “%s” carries the server component “%s”"), info->name,
                   ium_rule_get_server (rule->rule));
      return NULL;
    }

  recommended = server->recommended;
  if (recommended != NULL && recommended->components[client->index] != NULL
      && ium_compat_evaluate (rule->policy, recommended->components[client->index], server->lowest,
                              NULL)
           != IUM_COMPAT_COMPATIBLE)
    recommended = find_compatible_release (self, rule->policy, client->index, server->lowest);
  if (recommended != NULL && recommended->components[client->index] != NULL)
    {
      recommended_version = recommended->components[client->index];
      recommended_text = recommended->texts[client->index];
    }
  else
    {
      recommended = NULL;
    }

  switch (ium_compat_evaluate (rule->policy, version, server->lowest, &reason))
    {
    case IUM_COMPAT_INCOMPATIBLE:
      status = IUM_VERDICT_INCOMPATIBLE;
      break;

    case IUM_COMPAT_CLIENT_NEWER:
      status = IUM_VERDICT_CLIENT_NEWER;
      break;

    case IUM_COMPAT_COMPATIBLE:
    default:
      status = recommended_version != NULL && ium_version_compare (recommended_version, version) > 0
                 ? IUM_VERDICT_UPDATE_AVAILABLE
                 : IUM_VERDICT_OK;
      break;
    }

  if (reason == NULL)
    reason = N_ ("the compatibility policy forbids it");
  message = translated
              ? build_translated_message (status, client, client_version, rule->server,
                                          server->text, info->name, recommended_text, reason)
              : build_message (status, client, client_version, rule->server, server->text,
                               info->name, recommended_text, reason);

  return ium_verdict_new (info->name, client->id, client_version, rule->server->id, server->text,
                          status, recommended_text, recommended != NULL ? recommended->url : NULL,
                          server->warnings, message);
}

/**
 * ium_fleet_get_server_version:
 * @self: a fleet
 * @instrument: the instrument name
 * @client: a client component id
 *
 * The version of the server component that @client talks to on @instrument, as the client
 * check compares it: the lowest among the instrument's hosts, as installed.
 *
 * Returns: (nullable): the version text, borrowed from the fleet; %NULL for an unknown
 *   instrument or component, a component that is no rule's client, or an instrument none
 *   of whose hosts carries the server
 */
const char *
ium_fleet_get_server_version (IumFleet *self, const char *instrument, const char *client)
{
  const InstrumentInfo *info;
  const ComponentInfo  *component;
  const ServerInfo     *server;

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (instrument != NULL && client != NULL, NULL);

  info = g_hash_table_lookup (self->instruments_by_name, instrument);
  component = g_hash_table_lookup (self->components_by_id, client);
  if (info == NULL || component == NULL || component->rule == NULL
      || component->rule->server == NULL)
    return NULL;
  server = &info->servers[component->rule->slot];
  return server->lowest != NULL ? server->text : NULL;
}
