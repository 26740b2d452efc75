/* ium-compat.c: what a compatibility policy says of a client and a server version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-compat"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-compat.h"

static IumCompatResult
set_reason (const char **reason, IumCompatResult result, const char *text)
{
  if (reason != NULL)
    *reason = text;

  return result;
}

/**
 * ium_compat_evaluate:
 * @policy: the compatibility rule's policy
 * @client: the client's version
 * @server: the version of the server it talks to
 * @reason: (out) (optional) (transfer none) (nullable): return location for why the
 *   pair is not simply compatible, a static string, or %NULL when it is
 *
 * Applies @policy alone to a client/server pair; the recommended version and the
 * verdict a client sees are worked out elsewhere from this result.
 *
 * Returns: %IUM_COMPAT_COMPATIBLE, %IUM_COMPAT_CLIENT_NEWER or %IUM_COMPAT_INCOMPATIBLE
 */
IumCompatResult
ium_compat_evaluate (IumCompatPolicy   policy,
                     const IumVersion *client,
                     const IumVersion *server,
                     const char      **reason)
{
  guint64 client_major, server_major;
  guint64 client_minor, server_minor;

  if (reason != NULL)
    *reason = NULL;

  g_return_val_if_fail (client != NULL, IUM_COMPAT_INCOMPATIBLE);
  g_return_val_if_fail (server != NULL, IUM_COMPAT_INCOMPATIBLE);

  client_major = ium_version_get_major (client);
  server_major = ium_version_get_major (server);
  client_minor = ium_version_get_minor (client);
  server_minor = ium_version_get_minor (server);

  switch (policy)
    {
    case IUM_COMPAT_POLICY_MINOR_BACKWARD:
      if (client_major != server_major)
        return set_reason (reason, IUM_COMPAT_INCOMPATIBLE, N_ ("major versions differ"));
      /* A newer client may call what the server lacks, so it works but deserves a warning. */
      if (client_minor > server_minor)
        return set_reason (reason, IUM_COMPAT_CLIENT_NEWER,
                           N_ ("the client's minor version is newer than the server's"));
      return IUM_COMPAT_COMPATIBLE;

    case IUM_COMPAT_POLICY_SAME_MINOR:
      if (client_major != server_major)
        return set_reason (reason, IUM_COMPAT_INCOMPATIBLE, N_ ("major versions differ"));
      if (client_minor != server_minor)
        return set_reason (reason, IUM_COMPAT_INCOMPATIBLE, N_ ("minor versions differ"));
      return IUM_COMPAT_COMPATIBLE;

    case IUM_COMPAT_POLICY_EXACT:
      /* The spec says the build never affects compatibility, so "exact" means equal up to
       * the patch and the semver pre-release: the quad build number and semver build
       * metadata are ignored. */
      if (client_major != server_major || client_minor != server_minor
          || ium_version_get_patch (client) != ium_version_get_patch (server)
          || g_strcmp0 (ium_version_get_prerelease (client), ium_version_get_prerelease (server))
               != 0)
        return set_reason (reason, IUM_COMPAT_INCOMPATIBLE, N_ ("versions differ"));
      return IUM_COMPAT_COMPATIBLE;

    case IUM_COMPAT_POLICY_ANY:
      return IUM_COMPAT_COMPATIBLE;

    default:
      g_return_val_if_reached (IUM_COMPAT_INCOMPATIBLE);
    }
}
