/* test-compat.c: what each compatibility policy says of client/server version pairs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-compat"

#include "config.h"

#include "ium-compat.h"

#define MB IUM_COMPAT_POLICY_MINOR_BACKWARD
#define SM IUM_COMPAT_POLICY_SAME_MINOR
#define EX IUM_COMPAT_POLICY_EXACT
#define AN IUM_COMPAT_POLICY_ANY

#define OK    IUM_COMPAT_COMPATIBLE
#define NEWER IUM_COMPAT_CLIENT_NEWER
#define BAD   IUM_COMPAT_INCOMPATIBLE

#define REASON_MAJOR  "major versions differ"
#define REASON_MINOR  "minor versions differ"
#define REASON_NEWER  "the client's minor version is newer than the server's"
#define REASON_DIFFER "versions differ"

typedef struct
{
  const char     *name;
  IumCompatPolicy policy;
  IumScheme       scheme;
  const char     *client;
  const char     *server;
  IumCompatResult expected;
  const char     *reason; /* NULL when compatible */
} CompatCase;

static const CompatCase cases[] = {
  /* minor-backward */
  { "minor-backward/equal", MB, IUM_SCHEME_QUAD, "12.1.0.130", "12.1.0.130", OK, NULL },
  { "minor-backward/client-minor-lower", MB, IUM_SCHEME_QUAD, "12.0.3.1", "12.1.0.130", OK, NULL },
  { "minor-backward/client-minor-higher", MB, IUM_SCHEME_QUAD, "12.2.0.1", "12.1.0.130", NEWER,
    REASON_NEWER },
  { "minor-backward/major-lower", MB, IUM_SCHEME_QUAD, "11.2.0.5", "12.0.1.130", BAD,
    REASON_MAJOR },
  { "minor-backward/major-higher", MB, IUM_SCHEME_QUAD, "13.0.0.0", "12.9.0.0", BAD, REASON_MAJOR },
  { "minor-backward/patch-differs", MB, IUM_SCHEME_QUAD, "12.1.5.0", "12.1.0.0", OK, NULL },
  { "minor-backward/build-differs", MB, IUM_SCHEME_QUAD, "12.1.0.1", "12.1.0.130", OK, NULL },
  { "minor-backward/semver-equal", MB, IUM_SCHEME_SEMVER, "2.3.4", "2.3.4", OK, NULL },
  { "minor-backward/semver-prerelease-differs", MB, IUM_SCHEME_SEMVER, "2.3.4-rc.1", "2.3.4", OK,
    NULL },
  { "minor-backward/semver-build-metadata-differs", MB, IUM_SCHEME_SEMVER, "2.3.4+a", "2.3.4+b", OK,
    NULL },
  { "minor-backward/semver-client-minor-higher", MB, IUM_SCHEME_SEMVER, "2.4.0-alpha", "2.3.9",
    NEWER, REASON_NEWER },
  { "minor-backward/calver-index-lower", MB, IUM_SCHEME_CALVER, "20240323.0", "20240323.1", OK,
    NULL },
  { "minor-backward/calver-index-higher", MB, IUM_SCHEME_CALVER, "20240323.2", "20240323.1", NEWER,
    REASON_NEWER },
  { "minor-backward/calver-date-differs", MB, IUM_SCHEME_CALVER, "20240322.0", "20240323.0", BAD,
    REASON_MAJOR },

  /* same-minor */
  { "same-minor/equal", SM, IUM_SCHEME_QUAD, "12.1.0.130", "12.1.0.130", OK, NULL },
  { "same-minor/client-minor-lower", SM, IUM_SCHEME_QUAD, "12.0.3.1", "12.1.0.130", BAD,
    REASON_MINOR },
  { "same-minor/client-minor-higher", SM, IUM_SCHEME_QUAD, "12.2.0.1", "12.1.0.130", BAD,
    REASON_MINOR },
  { "same-minor/major-differs", SM, IUM_SCHEME_QUAD, "11.1.0.0", "12.1.0.0", BAD, REASON_MAJOR },
  { "same-minor/major-and-minor-differ", SM, IUM_SCHEME_QUAD, "11.2.0.0", "12.1.0.0", BAD,
    REASON_MAJOR },
  { "same-minor/patch-differs", SM, IUM_SCHEME_QUAD, "12.1.5.0", "12.1.0.0", OK, NULL },
  { "same-minor/build-differs", SM, IUM_SCHEME_QUAD, "12.1.0.1", "12.1.0.130", OK, NULL },
  { "same-minor/semver-prerelease-differs", SM, IUM_SCHEME_SEMVER, "2.3.4-rc.1", "2.3.4-rc.2", OK,
    NULL },
  { "same-minor/semver-build-metadata-differs", SM, IUM_SCHEME_SEMVER, "2.3.4+a", "2.3.4+b", OK,
    NULL },
  { "same-minor/semver-minor-differs", SM, IUM_SCHEME_SEMVER, "2.2.4", "2.3.4", BAD, REASON_MINOR },
  { "same-minor/calver-equal", SM, IUM_SCHEME_CALVER, "20240323.1", "20240323.01", OK, NULL },
  { "same-minor/calver-index-differs", SM, IUM_SCHEME_CALVER, "20240323.0", "20240323.1", BAD,
    REASON_MINOR },

  /* exact: the build number and build metadata never affect compatibility */
  { "exact/equal", EX, IUM_SCHEME_QUAD, "12.1.0.130", "12.1.0.130", OK, NULL },
  { "exact/equal-short-form", EX, IUM_SCHEME_QUAD, "v12.1", "12.1.0.0", OK, NULL },
  { "exact/client-minor-lower", EX, IUM_SCHEME_QUAD, "12.0.0.130", "12.1.0.130", BAD,
    REASON_DIFFER },
  { "exact/client-minor-higher", EX, IUM_SCHEME_QUAD, "12.2.0.130", "12.1.0.130", BAD,
    REASON_DIFFER },
  { "exact/major-differs", EX, IUM_SCHEME_QUAD, "11.1.0.130", "12.1.0.130", BAD, REASON_DIFFER },
  { "exact/patch-differs", EX, IUM_SCHEME_QUAD, "12.1.1.130", "12.1.0.130", BAD, REASON_DIFFER },
  { "exact/build-differs", EX, IUM_SCHEME_QUAD, "12.1.0.1", "12.1.0.130", OK, NULL },
  { "exact/semver-equal", EX, IUM_SCHEME_SEMVER, "2.3.4-rc.1", "2.3.4-rc.1", OK, NULL },
  { "exact/semver-prerelease-differs", EX, IUM_SCHEME_SEMVER, "2.3.4-rc.1", "2.3.4-rc.2", BAD,
    REASON_DIFFER },
  { "exact/semver-prerelease-vs-release", EX, IUM_SCHEME_SEMVER, "2.3.4-rc.1", "2.3.4", BAD,
    REASON_DIFFER },
  { "exact/semver-release-vs-prerelease", EX, IUM_SCHEME_SEMVER, "2.3.4", "2.3.4-rc.1", BAD,
    REASON_DIFFER },
  { "exact/semver-build-metadata-differs", EX, IUM_SCHEME_SEMVER, "2.3.4+a", "2.3.4+b", OK, NULL },
  { "exact/semver-patch-differs", EX, IUM_SCHEME_SEMVER, "2.3.5", "2.3.4", BAD, REASON_DIFFER },
  { "exact/calver-equal", EX, IUM_SCHEME_CALVER, "20240323.1", "20240323.1", OK, NULL },
  { "exact/calver-index-differs", EX, IUM_SCHEME_CALVER, "20240323.1", "20240323.2", BAD,
    REASON_DIFFER },
  { "exact/calver-date-differs", EX, IUM_SCHEME_CALVER, "20240324.1", "20240323.1", BAD,
    REASON_DIFFER },

  /* any */
  { "any/equal", AN, IUM_SCHEME_QUAD, "12.1.0.130", "12.1.0.130", OK, NULL },
  { "any/client-minor-lower", AN, IUM_SCHEME_QUAD, "12.0.0.0", "12.1.0.0", OK, NULL },
  { "any/client-minor-higher", AN, IUM_SCHEME_QUAD, "12.2.0.0", "12.1.0.0", OK, NULL },
  { "any/major-differs", AN, IUM_SCHEME_QUAD, "1.0", "12.1.0.0", OK, NULL },
  { "any/patch-differs", AN, IUM_SCHEME_QUAD, "12.1.9.0", "12.1.0.0", OK, NULL },
  { "any/build-differs", AN, IUM_SCHEME_QUAD, "12.1.0.9", "12.1.0.0", OK, NULL },
  { "any/semver-prerelease-differs", AN, IUM_SCHEME_SEMVER, "2.3.4-alpha", "2.3.4", OK, NULL },
  { "any/calver-date-differs", AN, IUM_SCHEME_CALVER, "20200101.0", "20240323.5", OK, NULL },
};

static IumVersion *
parse_ok (IumScheme scheme, const char *text)
{
  g_autoptr (GError) error = NULL;
  IumVersion *version = ium_version_parse (scheme, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (version);

  return version;
}

static void
test_case (gconstpointer data)
{
  const CompatCase *c = data;
  g_autoptr (IumVersion) client = parse_ok (c->scheme, c->client);
  g_autoptr (IumVersion) server = parse_ok (c->scheme, c->server);
  const char *reason = "not set";

  g_test_message ("client \"%s\", server \"%s\"", c->client, c->server);

  g_assert_cmpint (ium_compat_evaluate (c->policy, client, server, &reason), ==, c->expected);
  g_assert_cmpstr (reason, ==, c->reason);

  /* The reason is optional. */
  g_assert_cmpint (ium_compat_evaluate (c->policy, client, server, NULL), ==, c->expected);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ium/compat/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }

  return g_test_run ();
}
