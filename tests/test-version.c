/* test-version.c: parsing, ordering and formatting of quad, semver and calver versions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-version"

#include "config.h"

#include <string.h>

#include "ium-version.h"

#define Q IUM_SCHEME_QUAD
#define S IUM_SCHEME_SEMVER
#define C IUM_SCHEME_CALVER

#define U64_MAX_TEXT  "18446744073709551615"
#define U64_OVER_TEXT "18446744073709551616"

typedef struct
{
  IumScheme   scheme;
  const char *text;
  guint64     major;
  guint64     minor;
  guint64     patch;
  guint64     build;
  const char *prerelease;
  const char *canonical;
} ValidCase;

static const ValidCase valid_cases[] = {
  /* quad */
  { Q, "12.1.0.130", 12, 1, 0, 130, NULL, "12.1.0.130" },
  { Q, "12.1", 12, 1, 0, 0, NULL, "12.1.0.0" },
  { Q, "12", 12, 0, 0, 0, NULL, "12.0.0.0" },
  { Q, "12.1.2", 12, 1, 2, 0, NULL, "12.1.2.0" },
  { Q, "0", 0, 0, 0, 0, NULL, "0.0.0.0" },
  { Q, "00", 0, 0, 0, 0, NULL, "0.0.0.0" },
  { Q, "0.0.0.0", 0, 0, 0, 0, NULL, "0.0.0.0" },
  { Q, "v12.1.2", 12, 1, 2, 0, NULL, "12.1.2.0" },
  { Q, "V3.4.5.6", 3, 4, 5, 6, NULL, "3.4.5.6" },
  { Q, "v0", 0, 0, 0, 0, NULL, "0.0.0.0" },
  { Q, "012.001.0002.00003", 12, 1, 2, 3, NULL, "12.1.2.3" },
  { Q, "10.20.30.40", 10, 20, 30, 40, NULL, "10.20.30.40" },
  { Q, "2024.3.1.7", 2024, 3, 1, 7, NULL, "2024.3.1.7" },
  { Q, U64_MAX_TEXT, G_MAXUINT64, 0, 0, 0, NULL, U64_MAX_TEXT ".0.0.0" },
  { Q, "1." U64_MAX_TEXT, 1, G_MAXUINT64, 0, 0, NULL, "1." U64_MAX_TEXT ".0.0" },
  { Q, U64_MAX_TEXT "." U64_MAX_TEXT "." U64_MAX_TEXT "." U64_MAX_TEXT, G_MAXUINT64, G_MAXUINT64,
    G_MAXUINT64, G_MAXUINT64, NULL,
    U64_MAX_TEXT "." U64_MAX_TEXT "." U64_MAX_TEXT "." U64_MAX_TEXT },
  { Q, "000000000000000000000000000001", 1, 0, 0, 0, NULL, "1.0.0.0" },

  /* semver, many from the semver.org list of valid versions */
  { S, "0.0.4", 0, 0, 4, 0, NULL, "0.0.4" },
  { S, "1.2.3", 1, 2, 3, 0, NULL, "1.2.3" },
  { S, "10.20.30", 10, 20, 30, 0, NULL, "10.20.30" },
  { S, "1.1.2-prerelease+meta", 1, 1, 2, 0, "prerelease", "1.1.2-prerelease" },
  { S, "1.1.2+meta", 1, 1, 2, 0, NULL, "1.1.2" },
  { S, "1.1.2+meta-valid", 1, 1, 2, 0, NULL, "1.1.2" },
  { S, "1.0.0-alpha", 1, 0, 0, 0, "alpha", "1.0.0-alpha" },
  { S, "1.0.0-beta", 1, 0, 0, 0, "beta", "1.0.0-beta" },
  { S, "1.0.0-alpha.beta", 1, 0, 0, 0, "alpha.beta", "1.0.0-alpha.beta" },
  { S, "1.0.0-alpha.beta.1", 1, 0, 0, 0, "alpha.beta.1", "1.0.0-alpha.beta.1" },
  { S, "1.0.0-alpha.1", 1, 0, 0, 0, "alpha.1", "1.0.0-alpha.1" },
  { S, "1.0.0-alpha0.valid", 1, 0, 0, 0, "alpha0.valid", "1.0.0-alpha0.valid" },
  { S, "1.0.0-alpha.0valid", 1, 0, 0, 0, "alpha.0valid", "1.0.0-alpha.0valid" },
  { S, "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay", 1, 0, 0, 0,
    "alpha-a.b-c-somethinglong", "1.0.0-alpha-a.b-c-somethinglong" },
  { S, "1.0.0-rc.1+build.1", 1, 0, 0, 0, "rc.1", "1.0.0-rc.1" },
  { S, "2.0.0-rc.1+build.123", 2, 0, 0, 0, "rc.1", "2.0.0-rc.1" },
  { S, "10.2.3-DEV-SNAPSHOT", 10, 2, 3, 0, "DEV-SNAPSHOT", "10.2.3-DEV-SNAPSHOT" },
  { S, "1.2.3-SNAPSHOT-123", 1, 2, 3, 0, "SNAPSHOT-123", "1.2.3-SNAPSHOT-123" },
  { S, "2.0.0+build.1848", 2, 0, 0, 0, NULL, "2.0.0" },
  { S, "2.0.1-alpha.1227", 2, 0, 1, 0, "alpha.1227", "2.0.1-alpha.1227" },
  { S, "1.0.0-alpha+beta", 1, 0, 0, 0, "alpha", "1.0.0-alpha" },
  { S, "1.2.3----RC-SNAPSHOT.12.9.1--.12+788", 1, 2, 3, 0, "---RC-SNAPSHOT.12.9.1--.12",
    "1.2.3----RC-SNAPSHOT.12.9.1--.12" },
  { S, "1.2.3----R-S.12.9.1--.12+meta", 1, 2, 3, 0, "---R-S.12.9.1--.12",
    "1.2.3----R-S.12.9.1--.12" },
  { S, "1.0.0+0.build.1-rc.10000aaa-kk-0.1", 1, 0, 0, 0, NULL, "1.0.0" },
  { S, "1.0.0-0A.is.legal", 1, 0, 0, 0, "0A.is.legal", "1.0.0-0A.is.legal" },
  { S, "1.0.0-0", 1, 0, 0, 0, "0", "1.0.0-0" },
  { S, "1.0.0-x.7.z.92", 1, 0, 0, 0, "x.7.z.92", "1.0.0-x.7.z.92" },
  { S, "1.0.0+001", 1, 0, 0, 0, NULL, "1.0.0" },
  { S, "1.0.0-rc.1+001.0002", 1, 0, 0, 0, "rc.1", "1.0.0-rc.1" },
  { S, "0.0.0", 0, 0, 0, 0, NULL, "0.0.0" },
  { S, U64_MAX_TEXT "." U64_MAX_TEXT "." U64_MAX_TEXT, G_MAXUINT64, G_MAXUINT64, G_MAXUINT64, 0,
    NULL, U64_MAX_TEXT "." U64_MAX_TEXT "." U64_MAX_TEXT },
  /* SemVer sets no size limit on pre-release numbers; they are compared exactly. */
  { S, "1.0.0-99999999999999999999999", 1, 0, 0, 0, "99999999999999999999999",
    "1.0.0-99999999999999999999999" },

  /* calver */
  { C, "20240323.0", 20240323, 0, 0, 0, NULL, "20240323.0" },
  { C, "20240229.1", 20240229, 1, 0, 0, NULL, "20240229.1" },
  { C, "20000229.0", 20000229, 0, 0, 0, NULL, "20000229.0" },
  { C, "20240101.007", 20240101, 7, 0, 0, NULL, "20240101.7" },
  { C, "20241231." U64_MAX_TEXT, 20241231, G_MAXUINT64, 0, 0, NULL, "20241231." U64_MAX_TEXT },
  { C, "00010101.0", 10101, 0, 0, 0, NULL, "00010101.0" },
  { C, "99991231.3", 99991231, 3, 0, 0, NULL, "99991231.3" },
  { C, "19700101.12", 19700101, 12, 0, 0, NULL, "19700101.12" },
  { C, "20240430.2", 20240430, 2, 0, 0, NULL, "20240430.2" },
};

typedef struct
{
  IumScheme   scheme;
  const char *a;
  const char *b;
  int         expected;
} CompareCase;

static const CompareCase compare_cases[] = {
  /* quad */
  { Q, "12.1", "12.1.0.0", 0 },
  { Q, "12.1", "v12.1", 0 },
  { Q, "V2.0", "v2", 0 },
  { Q, "12.1.0.0", "012.01", 0 },
  { Q, "0.0.0.0", "0", 0 },
  { Q, "1.9", "1.10", -1 },
  { Q, "1.2.3.4", "1.2.3.5", -1 },
  { Q, "1.2.3.99", "1.2.4.0", -1 },
  { Q, "1.2.3", "1.2.3.1", -1 },
  { Q, "2", "1.99.99.99", 1 },
  { Q, "12.0.1.130", "12.0.1.99", 1 },
  { Q, "11.2.0.5", "12.0.1.130", -1 },
  { Q, U64_MAX_TEXT, "18446744073709551614.99", 1 },
  { Q, "1.0.0." U64_MAX_TEXT, "1.0.1", -1 },
  { Q, "1.0." U64_MAX_TEXT, "1.1", -1 },

  /* semver */
  { S, "1.0.0+a", "1.0.0+b", 0 },
  { S, "1.0.0-rc.1+x", "1.0.0-rc.1+y", 0 },
  { S, "1.0.0-alpha+001", "1.0.0-alpha", 0 },
  { S, "1.0.0", "2.0.0", -1 },
  { S, "2.0.0", "2.1.0", -1 },
  { S, "2.1.0", "2.1.1", -1 },
  { S, "1.9.0", "1.10.0", -1 },
  { S, "1.0.0-2", "1.0.0-10", -1 },
  { S, "1.0.0-a10", "1.0.0-a2", -1 },
  { S, "1.0.0-999", "1.0.0-a", -1 },
  { S, "1.0.0-0", "1.0.0-0a", -1 },
  { S, "1.0.0-alpha", "1.0.0-alpha.0", -1 },
  { S, "1.0.0-rc.1", "1.0.0", -1 },
  { S, "1.0.0-rc.1+build.9", "1.0.0+build.1", -1 },
  { S, "1.0.0-Beta", "1.0.0-alpha", -1 },
  { S, "1.0.0-rc.1", "1.0.0-rc-1", -1 },
  { S, "1.0.0-99999999999999999999", "1.0.0-" U64_MAX_TEXT, 1 },
  { S, "1.0.0-99999999999999999999", "1.0.0-100000000000000000000", -1 },
  { S, "2.0.0-rc.1", "1.99.99", 1 },
  { S, "1.0.0-x.7.z.92", "1.0.0-x.7.z.92", 0 },
  { S, "1.0.0-x.7.z.92", "1.0.0-x.7.z.93", -1 },

  /* calver */
  { C, "20240323.0", "20240323.1", -1 },
  { C, "20240323.9", "20240324.0", -1 },
  { C, "20231231.5", "20240101.0", -1 },
  { C, "20240323.01", "20240323.1", 0 },
  { C, "20240323.2", "20240323.10", -1 },
  { C, "19991231.99", "20000101.0", -1 },
  { C, "20240401.0", "20240331.7", 1 },
};

typedef struct
{
  IumScheme   scheme;
  const char *text;
  const char *reason; /* a fragment the message must contain */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  /* quad */
  { Q, "", "it is empty" },
  { Q, "12..1", "part 2 is empty" },
  { Q, ".1", "part 1 is empty" },
  { Q, "1.", "part 2 is empty" },
  { Q, "1.2.3.", "part 4 is empty" },
  { Q, ".", "part 1 is empty" },
  { Q, "+1", "part 1 contains \"+\"" },
  { Q, "-1", "part 1 contains \"-\"" },
  { Q, "1.-2", "part 2 contains \"-\"" },
  { Q, "1.+2", "part 2 contains \"+\"" },
  { Q, " 1.2", "part 1 contains a space" },
  { Q, "1.2 ", "part 2 contains a space" },
  { Q, "1. 2", "part 2 contains a space" },
  { Q, "1 .2", "part 1 contains a space" },
  { Q, "1.2a", "part 2 contains \"a\"" },
  { Q, "abc", "part 1 contains \"a\"" },
  { Q, "1.2.3-rc1", "part 3 contains \"-\"" },
  { Q, "0x10", "part 1 contains \"x\"" },
  { Q, "1e3", "part 1 contains \"e\"" },
  { Q, "1,2", "part 1 contains \",\"" },
  { Q, "1_2", "part 1 contains \"_\"" },
  { Q, "vv1", "part 1 contains \"v\"" },
  { Q, "1.v2", "part 2 contains \"v\"" },
  { Q, "v", "there is no number after the \"v\"" },
  { Q, "v.1", "part 1 is empty" },
  { Q, "\xef\xbc\x91.2", "part 1 contains a non-ASCII character" },
  { Q, "1.2.3.4.5", "more than four parts" },
  { Q, "1.2.3.4.", "more than four parts" },
  { Q, U64_OVER_TEXT, "part 1 does not fit in 64 bits" },
  { Q, "99999999999999999999", "part 1 does not fit in 64 bits" },
  { Q, "1." U64_OVER_TEXT, "part 2 does not fit in 64 bits" },
  { Q, "1.2.3.99999999999999999999", "part 4 does not fit in 64 bits" },

  /* semver, many from the semver.org list of invalid versions */
  { S, "", "it is empty" },
  { S, "1", "the minor version is missing" },
  { S, "1.2", "the patch version is missing" },
  { S, "1.2-SNAPSHOT", "the patch version is missing" },
  { S, "1.2-RC-SNAPSHOT", "the patch version is missing" },
  { S, "1.2+meta", "the patch version is missing" },
  { S, "1.2.", "the patch version is empty" },
  { S, "1..3", "the minor version is empty" },
  { S, "1.2.3.4", "more than three parts" },
  { S, "1.2.3.DEV", "more than three parts" },
  { S, "01.1.1", "numeric identifier \"01\" has a leading zero" },
  { S, "1.02.3", "numeric identifier \"02\" has a leading zero" },
  { S, "1.1.01", "numeric identifier \"01\" has a leading zero" },
  { S, "1.2.3-0123", "numeric identifier \"0123\" has a leading zero" },
  { S, "1.2.3-0123.0123", "numeric identifier \"0123\" has a leading zero" },
  { S, "1.0.0-alpha.01", "numeric identifier \"01\" has a leading zero" },
  { S, "1.0.0-00", "numeric identifier \"00\" has a leading zero" },
  { S, "1.1.2+.123", "build metadata identifier 1 is empty" },
  { S, "1.1.2+a..b", "build metadata identifier 2 is empty" },
  { S, "1.1.2+a.", "build metadata identifier 2 is empty" },
  { S, "+invalid", "the major version is empty" },
  { S, "-invalid", "the major version is empty" },
  { S, "-1.0.3-gamma+b7718", "the major version is empty" },
  { S, "alpha", "the major version contains \"a\"" },
  { S, "1.0.x", "the patch version contains \"x\"" },
  { S, "1.0.0-alpha_beta", "the pre-release contains \"_\"" },
  { S, "1.0.0-alpha..", "pre-release identifier 2 is empty" },
  { S, "1.0.0-alpha..1", "pre-release identifier 2 is empty" },
  { S, "1.0.0-alpha.", "pre-release identifier 2 is empty" },
  { S, "1.0.0-.alpha", "pre-release identifier 1 is empty" },
  { S, "1.0.0-", "the pre-release is empty" },
  { S, "1.0.0-+meta", "the pre-release is empty" },
  { S, "1.0.0+", "the build metadata is empty" },
  { S, "9.8.7+meta+meta", "the build metadata contains \"+\"" },
  { S, "9.8.7-whatever+meta+meta", "the build metadata contains \"+\"" },
  { S, "v1.2.3", "it starts with \"v\"" },
  { S, "V1.2.3", "it starts with \"V\"" },
  { S, U64_OVER_TEXT ".0.0", "the major version does not fit in 64 bits" },
  { S, "1." U64_OVER_TEXT ".0", "the minor version does not fit in 64 bits" },
  { S, "1.0." U64_OVER_TEXT, "the patch version does not fit in 64 bits" },
  { S, "99999999999999999999999.999999999999999999.99999999999999999",
    "the major version does not fit in 64 bits" },
  { S, " 1.2.3", "the major version contains a space" },
  { S, "1.2.3 ", "the patch version contains a space" },
  { S, "1.2.3-rc 1", "the pre-release contains a space" },
  { S, "1.2.3-\xce\xb1", "the pre-release contains a non-ASCII character" },

  /* calver */
  { C, "", "it is empty" },
  { C, "20240323", "the release index is missing" },
  { C, "20240323.", "the release index is empty" },
  { C, "20240323..1", "the release index is empty" },
  { C, "20241301.0", "2024-13-01 is not a calendar date" },
  { C, "20240001.0", "2024-00-01 is not a calendar date" },
  { C, "20240132.0", "2024-01-32 is not a calendar date" },
  { C, "20240100.0", "2024-01-00 is not a calendar date" },
  { C, "20240431.0", "2024-04-31 is not a calendar date" },
  { C, "20230229.0", "2023-02-29 is not a calendar date" },
  { C, "21000229.0", "2100-02-29 is not a calendar date" },
  { C, "00000101.0", "0000-01-01 is not a calendar date" },
  { C, "2024323.0", "the date has 7 digits" },
  { C, "202403230.0", "the date has 9 digits" },
  { C, ".0", "the date is empty" },
  { C, "2024-03-23.0", "the date contains \"-\"" },
  { C, "v20240323.0", "the date contains \"v\"" },
  { C, " 20240323.0", "the date contains a space" },
  { C, "20240323 .0", "the date contains a space" },
  { C, "20240323.-1", "the release index contains \"-\"" },
  { C, "20240323.+1", "the release index contains \"+\"" },
  { C, "20240323.1a", "the release index contains \"a\"" },
  { C, "20240323.0 ", "the release index contains a space" },
  { C, "20240323.1.2", "more than two parts" },
  { C, "20240323." U64_OVER_TEXT, "the release index does not fit in 64 bits" },
};

static IumVersion *
parse_ok (IumScheme scheme, const char *text)
{
  g_autoptr (GError) error = NULL;
  IumVersion *version;

  version = ium_version_parse (scheme, text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (version);

  return version;
}

static void
test_valid (gconstpointer data)
{
  const ValidCase *c = data;
  g_autoptr (IumVersion) version = NULL;
  g_autoptr (IumVersion) reparsed = NULL;
  g_autofree char *canonical = NULL;

  g_test_message ("%s version \"%s\"", ium_scheme_to_string (c->scheme), c->text);

  version = parse_ok (c->scheme, c->text);
  g_assert_cmpint (ium_version_get_scheme (version), ==, c->scheme);
  g_assert_cmpstr (ium_version_get_text (version), ==, c->text);
  g_assert_cmpuint (ium_version_get_major (version), ==, c->major);
  g_assert_cmpuint (ium_version_get_minor (version), ==, c->minor);
  g_assert_cmpuint (ium_version_get_patch (version), ==, c->patch);
  g_assert_cmpuint (ium_version_get_build (version), ==, c->build);
  g_assert_cmpstr (ium_version_get_prerelease (version), ==, c->prerelease);

  canonical = ium_version_to_canonical (version);
  g_assert_cmpstr (canonical, ==, c->canonical);

  /* The canonical form parses back to an equal version. */
  reparsed = parse_ok (c->scheme, canonical);
  g_assert_cmpint (ium_version_compare (version, reparsed), ==, 0);
  g_assert_true (ium_version_equal (version, reparsed));
}

static void
test_compare (gconstpointer data)
{
  const CompareCase *c = data;
  g_autoptr (IumVersion) a = NULL;
  g_autoptr (IumVersion) b = NULL;

  g_test_message ("%s \"%s\" vs \"%s\"", ium_scheme_to_string (c->scheme), c->a, c->b);

  a = parse_ok (c->scheme, c->a);
  b = parse_ok (c->scheme, c->b);

  g_assert_cmpint (ium_version_compare (a, b), ==, c->expected);
  g_assert_cmpint (ium_version_compare (b, a), ==, -c->expected);
  g_assert_cmpint (ium_version_compare (a, a), ==, 0);
  g_assert_true (ium_version_equal (a, b) == (c->expected == 0));
}

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (IumVersion) version = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *scheme_part = NULL;

  g_test_message ("%s version \"%s\"", ium_scheme_to_string (c->scheme), c->text);

  version = ium_version_parse (c->scheme, c->text, &error);
  g_assert_null (version);
  g_assert_error (error, IUM_VERSION_ERROR, IUM_VERSION_ERROR_INVALID);

  quoted = g_strdup_printf ("\"%s\" is not a valid ", c->text);
  g_assert_true (g_str_has_prefix (error->message, quoted));

  scheme_part = g_strdup_printf ("a valid %s version: ", ium_scheme_to_string (c->scheme));
  g_assert_nonnull (strstr (error->message, scheme_part));
  g_assert_nonnull (strstr (error->message, c->reason));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* Callers that only want a yes or no may pass no GError. */
  g_assert_null (ium_version_parse (c->scheme, c->text, NULL));
}

static void
test_exact_messages (void)
{
  static const struct
  {
    IumScheme   scheme;
    const char *text;
    const char *message;
  } cases[] = {
    { Q, "12..1", "\"12..1\" is not a valid quad version: part 2 is empty" },
    { Q, "1.2.3.4.5", "\"1.2.3.4.5\" is not a valid quad version: more than four parts" },
    { Q, "99999999999999999999",
      "\"99999999999999999999\" is not a valid quad version: part 1 does not fit in 64 bits" },
    { S, "1.02.3",
      "\"1.02.3\" is not a valid semver version: numeric identifier \"02\" has a leading zero" },
    { C, "20230229.0",
      "\"20230229.0\" is not a valid calver version: 2023-02-29 is not a calendar date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IumVersion) version = NULL;

      version = ium_version_parse (cases[i].scheme, cases[i].text, &error);
      g_assert_null (version);
      g_assert_error (error, IUM_VERSION_ERROR, IUM_VERSION_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

#define DIGITS_ONLY "; only decimal digits are allowed"

/* Input that would make the quote ambiguous or the message invalid UTF-8 is escaped. */
static void
test_escaped_messages (void)
{
  static const struct
  {
    const char *text;
    const char *quoted;
  } cases[] = {
    { "1.2\t",
      "\"1.2\\t\" is not a valid quad version: part 2 contains a control character" DIGITS_ONLY },
    { "1\"2",
      "\"1\\\"2\" is not a valid quad version: part 1 contains a double quote" DIGITS_ONLY },
    { "1\\2", "\"1\\\\2\" is not a valid quad version: part 1 contains \"\\\"" DIGITS_ONLY },
    { "1.\xff", "\"1.\\xff\" is not a valid quad version: part 2 contains a non-ASCII "
                "character" DIGITS_ONLY },
    { "1\n",
      "\"1\\n\" is not a valid quad version: part 1 contains a control character" DIGITS_ONLY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IumVersion) version = NULL;

      version = ium_version_parse (IUM_SCHEME_QUAD, cases[i].text, &error);
      g_assert_null (version);
      g_assert_error (error, IUM_VERSION_ERROR, IUM_VERSION_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpstr (error->message, ==, cases[i].quoted);
    }
}

static void
test_null_text (void)
{
  for (guint i = IUM_SCHEME_QUAD; i <= IUM_SCHEME_CALVER; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IumVersion) version = NULL;
      const char *name = ium_scheme_to_string ((IumScheme) i);

      version = ium_version_parse ((IumScheme) i, NULL, &error);
      g_assert_null (version);
      g_assert_error (error, IUM_VERSION_ERROR, IUM_VERSION_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, name));

      g_assert_null (ium_version_parse ((IumScheme) i, NULL, NULL));
    }
}

/* Every pair of a list in ascending order compares as the list says. */
static void
assert_ascending (IumScheme scheme, const char *const *texts, guint n_texts)
{
  g_autoptr (GPtrArray) versions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ium_version_free);

  for (guint i = 0; i < n_texts; i++)
    g_ptr_array_add (versions, parse_ok (scheme, texts[i]));

  for (guint i = 0; i < n_texts; i++)
    {
      for (guint j = 0; j < n_texts; j++)
        {
          int expected = (i > j) - (i < j);

          g_test_message ("\"%s\" vs \"%s\"", texts[i], texts[j]);
          g_assert_cmpint (ium_version_compare (versions->pdata[i], versions->pdata[j]), ==,
                           expected);
        }
    }
}

static void
test_semver_precedence (void)
{
  /* The chain in item 11 of the SemVer 2.0.0 specification, and item 11.2's core order. */
  static const char *const chain[] = {
    "1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
    "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0",
  };
  static const char *const core[] = { "1.0.0", "2.0.0", "2.1.0", "2.1.1" };

  assert_ascending (IUM_SCHEME_SEMVER, chain, G_N_ELEMENTS (chain));
  assert_ascending (IUM_SCHEME_SEMVER, core, G_N_ELEMENTS (core));
}

static void
test_quad_order (void)
{
  static const char *const chain[] = {
    "0",   "0.0.0.1", "0.0.1",    "0.1",       "1",          "1.0.0.9", "1.0.0.10",   "1.0.1.0",
    "1.9", "1.10",    "11.2.0.5", "12.0.1.99", "12.0.1.130", "12.1",    U64_MAX_TEXT,
  };

  assert_ascending (IUM_SCHEME_QUAD, chain, G_N_ELEMENTS (chain));
}

static void
test_calver_order (void)
{
  static const char *const chain[] = {
    "00010101.0",  "19991231.99", "20000101.0",
    "20240229.0",  "20240229.1",  "20240229.2",
    "20240229.10", "20240301.0",  "99991231.18446744073709551615",
  };

  assert_ascending (IUM_SCHEME_CALVER, chain, G_N_ELEMENTS (chain));
}

static void
test_same_line (void)
{
  static const struct
  {
    IumScheme   scheme;
    const char *a;
    const char *b;
    gboolean    same;
  } cases[] = {
    { Q, "12.1.0.5", "12.1.3.0", TRUE },
    { Q, "12.1", "v12.1.9.9", TRUE },
    { Q, "12.1", "12.2", FALSE },
    { Q, "12.1", "13.1", FALSE },
    { S, "1.2.3-rc.1", "1.2.9+build", TRUE },
    { S, "1.2.3", "1.3.3", FALSE },
    { S, "1.2.3", "2.2.3", FALSE },
    { C, "20240323.0", "20240323.00", TRUE },
    { C, "20240323.0", "20240323.1", FALSE },
    { C, "20240323.0", "20240324.0", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (IumVersion) a = parse_ok (cases[i].scheme, cases[i].a);
      g_autoptr (IumVersion) b = parse_ok (cases[i].scheme, cases[i].b);

      g_test_message ("\"%s\" vs \"%s\"", cases[i].a, cases[i].b);
      g_assert_true (ium_version_same_line (a, b) == cases[i].same);
      g_assert_true (ium_version_same_line (b, a) == cases[i].same);
    }
}

static void
test_copy (void)
{
  IumVersion *original = parse_ok (IUM_SCHEME_SEMVER, "1.2.3-rc.1+build.7");
  g_autoptr (IumVersion) copy = ium_version_copy (original);
  g_autoptr (IumVersion) boxed = NULL;

  g_assert_true (copy != original);
  ium_version_free (original);

  /* The copy owns its strings: it outlives the original. */
  g_assert_cmpstr (ium_version_get_text (copy), ==, "1.2.3-rc.1+build.7");
  g_assert_cmpstr (ium_version_get_prerelease (copy), ==, "rc.1");
  g_assert_cmpint (ium_version_get_scheme (copy), ==, IUM_SCHEME_SEMVER);
  g_assert_cmpuint (ium_version_get_major (copy), ==, 1);
  g_assert_cmpuint (ium_version_get_minor (copy), ==, 2);
  g_assert_cmpuint (ium_version_get_patch (copy), ==, 3);
  g_assert_cmpuint (ium_version_get_build (copy), ==, 0);

  g_assert_true (G_TYPE_IS_BOXED (IUM_TYPE_VERSION));
  boxed = g_boxed_copy (IUM_TYPE_VERSION, copy);
  g_assert_true (boxed != copy);
  g_assert_true (ium_version_equal (boxed, copy));
  g_assert_cmpstr (ium_version_get_text (boxed), ==, ium_version_get_text (copy));
  g_assert_cmpstr (ium_version_get_prerelease (boxed), ==, "rc.1");
  g_assert_true (ium_version_get_prerelease (boxed) != ium_version_get_prerelease (copy));

  /* A version without a pre-release copies too. */
  {
    g_autoptr (IumVersion) quad = parse_ok (IUM_SCHEME_QUAD, "v12.1");
    g_autoptr (IumVersion) quad_copy = ium_version_copy (quad);

    g_assert_cmpstr (ium_version_get_text (quad_copy), ==, "v12.1");
    g_assert_null (ium_version_get_prerelease (quad_copy));
    g_assert_true (ium_version_equal (quad, quad_copy));
  }

  ium_version_free (NULL);
}

static void
test_text_preserved (void)
{
  static const struct
  {
    IumScheme   scheme;
    const char *text;
  } cases[] = {
    { Q, "v12.1" },     { Q, "V012.001" },     { S, "1.0.0-rc.1+build.5" },
    { S, "1.0.0+001" }, { C, "20240323.007" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup (cases[i].text);
      g_autoptr (IumVersion) version = parse_ok (cases[i].scheme, text);

      /* The version keeps its own copy, not the caller's buffer. */
      memset (text, 'x', strlen (text));
      g_assert_cmpstr (ium_version_get_text (version), ==, cases[i].text);
    }
}

static void
test_mixed_schemes (void)
{
  g_autoptr (IumVersion) quad = parse_ok (IUM_SCHEME_QUAD, "20240323.0");
  g_autoptr (IumVersion) calver = parse_ok (IUM_SCHEME_CALVER, "20240323.0");
  g_autoptr (IumVersion) semver = parse_ok (IUM_SCHEME_SEMVER, "1.0.0-rc.1");
  g_autoptr (IumVersion) quad_one = parse_ok (IUM_SCHEME_QUAD, "1.0.0");

  /* Mixing schemes is a caller's mistake, but it must give a stable order, not a crash. */
  g_assert_cmpint (ium_version_compare (quad, calver), ==, 0);
  g_assert_cmpint (ium_version_compare (semver, quad_one), ==, -1);
  g_assert_cmpint (ium_version_compare (quad_one, semver), ==, 1);
  g_assert_cmpint (ium_version_compare (semver, calver), ==, -1);
}

static void
test_scheme_strings (void)
{
  static const char *const bad[] = { "", "Quad", "SEMVER", " calver", "calver ", "date", "q" };
  IumScheme                scheme;

  g_assert_cmpstr (ium_scheme_to_string (IUM_SCHEME_QUAD), ==, "quad");
  g_assert_cmpstr (ium_scheme_to_string (IUM_SCHEME_SEMVER), ==, "semver");
  g_assert_cmpstr (ium_scheme_to_string (IUM_SCHEME_CALVER), ==, "calver");

  for (guint i = IUM_SCHEME_QUAD; i <= IUM_SCHEME_CALVER; i++)
    {
      scheme = (IumScheme) 99;
      g_assert_true (ium_scheme_from_string (ium_scheme_to_string ((IumScheme) i), &scheme));
      g_assert_cmpint (scheme, ==, i);
    }

  g_assert_true (ium_scheme_from_string ("semver", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      scheme = IUM_SCHEME_SEMVER;
      g_assert_false (ium_scheme_from_string (bad[i], &scheme));
      g_assert_cmpint (scheme, ==, IUM_SCHEME_SEMVER);
    }

  g_assert_false (ium_scheme_from_string (NULL, &scheme));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ium/version/valid/%s/%u",
                                               ium_scheme_to_string (valid_cases[i].scheme), i);
      g_test_add_data_func (path, &valid_cases[i], test_valid);
    }

  for (guint i = 0; i < G_N_ELEMENTS (compare_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ium/version/compare/%s/%u",
                                               ium_scheme_to_string (compare_cases[i].scheme), i);
      g_test_add_data_func (path, &compare_cases[i], test_compare);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ium/version/invalid/%s/%u",
                                               ium_scheme_to_string (invalid_cases[i].scheme), i);
      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }

  g_test_add_func ("/ium/version/exact-messages", test_exact_messages);
  g_test_add_func ("/ium/version/escaped-messages", test_escaped_messages);
  g_test_add_func ("/ium/version/null-text", test_null_text);
  g_test_add_func ("/ium/version/semver-precedence", test_semver_precedence);
  g_test_add_func ("/ium/version/quad-order", test_quad_order);
  g_test_add_func ("/ium/version/calver-order", test_calver_order);
  g_test_add_func ("/ium/version/same-line", test_same_line);
  g_test_add_func ("/ium/version/copy", test_copy);
  g_test_add_func ("/ium/version/text-preserved", test_text_preserved);
  g_test_add_func ("/ium/version/mixed-schemes", test_mixed_schemes);
  g_test_add_func ("/ium/version/scheme-strings", test_scheme_strings);

  return g_test_run ();
}
