/* ium-version.c: version strings of the three schemes: parse, compare, format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-version"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ium-version.h"

#include <stddef.h>
#include <string.h>

struct _IumVersion
{
  IumScheme   scheme;
  guint64     major;
  guint64     minor;
  guint64     patch;
  guint64     build;
  /* NULL, or points into text[] just after the text's NUL; not separately owned. */
  const char *prerelease;
  /* Size of the whole allocation, so that a copy is a single memdup. */
  gsize       size;
  /* The text exactly as given, NUL-terminated, followed by the pre-release if any. */
  char        text[];
};

/* What a scheme parser found, before the single allocation is made. */
typedef struct
{
  guint64     major;
  guint64     minor;
  guint64     patch;
  guint64     build;
  const char *prerelease; /* borrowed from the input text; not NUL-terminated */
  gsize       prerelease_len;
} Fields;

/* clang-format would put spaces into the quark's name, which is stringified. */
/* clang-format off */
G_DEFINE_QUARK (ium-version-error-quark, ium_version_error)
/* clang-format on */

static gpointer
version_boxed_copy (gpointer boxed)
{
  return ium_version_copy (boxed);
}

static void
version_boxed_free (gpointer boxed)
{
  ium_version_free (boxed);
}

/* Written out instead of G_DEFINE_BOXED_TYPE, whose transparent union trips -Wpedantic
 * (part of warning_level=3) with GLib 2.74. */
GType
ium_version_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType id = g_boxed_type_register_static (g_intern_static_string ("IumVersion"),
                                               version_boxed_copy, version_boxed_free);

      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

static const char *const scheme_names[] = {
  [IUM_SCHEME_QUAD] = "quad",
  [IUM_SCHEME_SEMVER] = "semver",
  [IUM_SCHEME_CALVER] = "calver",
};

static const char *const semver_core_names[] = { "major", "minor", "patch" };

static gboolean
scheme_is_valid (IumScheme scheme)
{
  return (guint) scheme < G_N_ELEMENTS (scheme_names);
}

/* Quotes user input for an error message. GError messages must be UTF-8 and a version
 * that arrives with a stray quote, tab or invalid byte should still read unambiguously,
 * so those are escaped C-style; everything else is kept as given. */
static char *
quote_text (const char *text)
{
  gboolean utf8 = g_utf8_validate (text, -1, NULL);
  GString *quoted = g_string_sized_new (strlen (text) + 2);

  g_string_append_c (quoted, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (quoted, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (quoted, "\\n");
      else if (*p == '\t')
        g_string_append (quoted, "\\t");
      else if (*p < 0x20 || *p == 0x7f || (*p >= 0x80 && !utf8))
        g_string_append_printf (quoted, "\\x%02x", *p);
      else
        g_string_append_c (quoted, (char) *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

/* Names an unexpected character for an error message; @buf must hold 4 bytes. */
static const char *
describe_char (char c, char *buf)
{
  if (c == ' ')
    return "a space";
  if (c == '"')
    return "a double quote";
  if ((guchar) c >= 0x80)
    return "a non-ASCII character";
  if (!g_ascii_isprint (c))
    return "a control character";

  buf[0] = '"';
  buf[1] = c;
  buf[2] = '"';
  buf[3] = '\0';
  return buf;
}

static gboolean
set_invalid (GError **error, IumScheme scheme, const char *text, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

/* Always returns FALSE, so that parsers can `return set_invalid (...)`. */
static gboolean
set_invalid (GError **error, IumScheme scheme, const char *text, const char *format, ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *quoted = NULL;
  va_list          args;

  /* Callers that pass no GError only want to know whether the text parses. */
  if (error == NULL)
    return FALSE;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  quoted = quote_text (text);
  g_set_error (error, IUM_VERSION_ERROR, IUM_VERSION_ERROR_INVALID,
               _ ("%s is not a valid %s version: %s"), quoted, scheme_names[scheme], reason);

  return FALSE;
}

/* Appends a decimal digit to @value; FALSE if the result would not fit in 64 bits. */
static inline gboolean
accumulate_digit (guint64 *value, char digit)
{
  guint d = (guint) (digit - '0');

  if (*value > (G_MAXUINT64 - d) / 10)
    return FALSE;

  *value = *value * 10 + d;
  return TRUE;
}

static gboolean
parse_quad (const char *text, Fields *fields, GError **error)
{
  const char *p = text;
  guint64     parts[4] = { 0, 0, 0, 0 };
  guint       n = 0;
  char        buf[4];

  if (*p == '\0')
    return set_invalid (error, IUM_SCHEME_QUAD, text, _ ("it is empty"));

  /* Tags are often written "v12.1"; the prefix carries no meaning. */
  if (*p == 'v' || *p == 'V')
    {
      p++;
      if (*p == '\0')
        return set_invalid (error, IUM_SCHEME_QUAD, text, _ ("there is no number after the \"%c\""),
                            text[0]);
    }

  for (;;)
    {
      const char *start = p;
      guint64     value = 0;

      for (; g_ascii_isdigit (*p); p++)
        {
          if (!accumulate_digit (&value, *p))
            return set_invalid (error, IUM_SCHEME_QUAD, text, _ ("part %u does not fit in 64 bits"),
                                n + 1);
        }

      if (*p != '\0' && *p != '.')
        return set_invalid (error, IUM_SCHEME_QUAD, text,
                            _ ("part %u contains %s; only decimal digits are allowed"), n + 1,
                            describe_char (*p, buf));
      if (p == start)
        return set_invalid (error, IUM_SCHEME_QUAD, text, _ ("part %u is empty"), n + 1);

      parts[n++] = value;

      if (*p == '\0')
        break;
      if (n == G_N_ELEMENTS (parts))
        return set_invalid (error, IUM_SCHEME_QUAD, text, _ ("more than four parts"));

      p++;
    }

  fields->major = parts[0];
  fields->minor = parts[1];
  fields->patch = parts[2];
  fields->build = parts[3];

  return TRUE;
}

static inline gboolean
is_identifier_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* Parses the dot-separated identifiers of a semver pre-release (@prerelease TRUE, ends at
 * "+" or the end) or build metadata (ends at the end), leaving *@pp on the terminator. */
static gboolean
parse_semver_identifiers (const char *text, const char **pp, gboolean prerelease, GError **error)
{
  const char *what = prerelease ? "pre-release" : "build metadata";
  const char *p = *pp;
  guint       n = 0;
  char        buf[4];

  for (;;)
    {
      const char *start = p;
      gboolean    numeric = TRUE;
      gboolean    at_end;

      n++;
      for (; is_identifier_char (*p); p++)
        {
          if (!g_ascii_isdigit (*p))
            numeric = FALSE;
        }

      at_end = *p == '\0' || (prerelease && *p == '+');
      if (!at_end && *p != '.')
        return set_invalid (error, IUM_SCHEME_SEMVER, text,
                            _ ("the %s contains %s; only ASCII letters, digits, \"-\" and \".\" "
                               "are allowed"),
                            what, describe_char (*p, buf));

      if (p == start)
        {
          if (n == 1 && at_end)
            return set_invalid (error, IUM_SCHEME_SEMVER, text, _ ("the %s is empty"), what);
          return set_invalid (error, IUM_SCHEME_SEMVER, text, _ ("%s identifier %u is empty"), what,
                              n);
        }

      /* Build metadata may have leading zeros ("+001"); pre-release numbers may not. */
      if (prerelease && numeric && p - start > 1 && *start == '0')
        return set_invalid (error, IUM_SCHEME_SEMVER, text,
                            _ ("numeric identifier \"%.*s\" has a leading zero"), (int) (p - start),
                            start);

      if (at_end)
        break;

      p++;
    }

  *pp = p;
  return TRUE;
}

static gboolean
parse_semver (const char *text, Fields *fields, GError **error)
{
  const char *p = text;
  guint64     core[3];
  char        buf[4];

  if (*p == '\0')
    return set_invalid (error, IUM_SCHEME_SEMVER, text, _ ("it is empty"));

  if (*p == 'v' || *p == 'V')
    return set_invalid (error, IUM_SCHEME_SEMVER, text,
                        _ ("it starts with \"%c\"; semver versions have no prefix"), *p);

  for (guint i = 0; i < G_N_ELEMENTS (core); i++)
    {
      const char *name = semver_core_names[i];
      const char *start = p;

      core[i] = 0;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (!accumulate_digit (&core[i], *p))
            return set_invalid (error, IUM_SCHEME_SEMVER, text,
                                _ ("the %s version does not fit in 64 bits"), name);
        }

      if (p == start)
        {
          /* The empty string is handled above, so an empty field here follows a "." or
           * is the major before a "-" or "+". */
          if (*p == '\0' || *p == '.' || *p == '-' || *p == '+')
            return set_invalid (error, IUM_SCHEME_SEMVER, text, _ ("the %s version is empty"),
                                name);
          return set_invalid (error, IUM_SCHEME_SEMVER, text,
                              _ ("the %s version contains %s; only decimal digits are allowed"),
                              name, describe_char (*p, buf));
        }

      if (p - start > 1 && *start == '0')
        return set_invalid (error, IUM_SCHEME_SEMVER, text,
                            _ ("numeric identifier \"%.*s\" has a leading zero"), (int) (p - start),
                            start);

      if (i + 1 < G_N_ELEMENTS (core))
        {
          if (*p == '\0' || *p == '-' || *p == '+')
            return set_invalid (error, IUM_SCHEME_SEMVER, text, _ ("the %s version is missing"),
                                semver_core_names[i + 1]);
          if (*p != '.')
            return set_invalid (error, IUM_SCHEME_SEMVER, text,
                                _ ("the %s version contains %s; only decimal digits are allowed"),
                                name, describe_char (*p, buf));
          p++;
        }
      else if (*p == '.')
        {
          return set_invalid (error, IUM_SCHEME_SEMVER, text,
                              _ ("more than three parts; the form is MAJOR.MINOR.PATCH"));
        }
      else if (*p != '\0' && *p != '-' && *p != '+')
        {
          return set_invalid (error, IUM_SCHEME_SEMVER, text,
                              _ ("the %s version contains %s; only decimal digits are allowed"),
                              name, describe_char (*p, buf));
        }
    }

  fields->major = core[0];
  fields->minor = core[1];
  fields->patch = core[2];
  fields->build = 0;

  if (*p == '-')
    {
      const char *start = ++p;

      if (!parse_semver_identifiers (text, &p, TRUE, error))
        return FALSE;

      fields->prerelease = start;
      fields->prerelease_len = (gsize) (p - start);
    }

  /* Build metadata is checked for validity but kept only as part of the text. */
  if (*p == '+')
    {
      p++;
      if (!parse_semver_identifiers (text, &p, FALSE, error))
        return FALSE;
    }

  g_assert (*p == '\0');

  return TRUE;
}

static gboolean
parse_calver (const char *text, Fields *fields, GError **error)
{
  const char *p = text;
  const char *start;
  guint       date_digits = 0;
  guint       year, month, day;
  guint64     index = 0;
  char        buf[4];

  if (*p == '\0')
    return set_invalid (error, IUM_SCHEME_CALVER, text, _ ("it is empty"));

  while (g_ascii_isdigit (p[date_digits]))
    date_digits++;

  if (p[date_digits] != '\0' && p[date_digits] != '.')
    return set_invalid (error, IUM_SCHEME_CALVER, text,
                        _ ("the date contains %s; it must be 8 digits, YYYYMMDD"),
                        describe_char (p[date_digits], buf));
  if (date_digits == 0)
    return set_invalid (error, IUM_SCHEME_CALVER, text, _ ("the date is empty"));
  if (date_digits != 8)
    return set_invalid (error, IUM_SCHEME_CALVER, text,
                        _ ("the date has %u digits; it must be 8 digits, YYYYMMDD"), date_digits);

  year = (guint) (p[0] - '0') * 1000 + (guint) (p[1] - '0') * 100 + (guint) (p[2] - '0') * 10
         + (guint) (p[3] - '0');
  month = (guint) (p[4] - '0') * 10 + (guint) (p[5] - '0');
  day = (guint) (p[6] - '0') * 10 + (guint) (p[7] - '0');

  /* Range-check before g_date_valid_dmy() so that no out-of-range value is cast to
   * GDateMonth; year 0 is not a GDate year either. */
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return set_invalid (error, IUM_SCHEME_CALVER, text, _ ("%04u-%02u-%02u is not a calendar date"),
                        year, month, day);

  p += 8;
  if (*p == '\0')
    return set_invalid (error, IUM_SCHEME_CALVER, text,
                        _ ("the release index is missing; the form is YYYYMMDD.I"));
  p++;

  start = p;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (!accumulate_digit (&index, *p))
        return set_invalid (error, IUM_SCHEME_CALVER, text,
                            _ ("the release index does not fit in 64 bits"));
    }

  if (*p != '\0' && *p != '.')
    return set_invalid (error, IUM_SCHEME_CALVER, text,
                        _ ("the release index contains %s; only decimal digits are allowed"),
                        describe_char (*p, buf));
  if (p == start)
    return set_invalid (error, IUM_SCHEME_CALVER, text, _ ("the release index is empty"));
  if (*p == '.')
    return set_invalid (error, IUM_SCHEME_CALVER, text,
                        _ ("more than two parts; the form is YYYYMMDD.I"));

  fields->major = (guint64) year * 10000 + month * 100 + day;
  fields->minor = index;
  fields->patch = 0;
  fields->build = 0;

  return TRUE;
}

/**
 * ium_version_parse:
 * @scheme: the version scheme @text is written in
 * @text: (nullable): the version as written, e.g. "12.1.0.130"
 * @error: return location for an %IUM_VERSION_ERROR_INVALID error
 *
 * Parses @text in @scheme. Text that does not parse, including %NULL and the empty
 * string, is an error whose message quotes @text and says why; it is never read as 0.
 *
 * Returns: (transfer full) (nullable): the version, free with ium_version_free(), or
 *   %NULL with @error set
 */
IumVersion *
ium_version_parse (IumScheme scheme, const char *text, GError **error)
{
  Fields fields = {
    0,
  };
  IumVersion *self;
  gsize       text_size;
  gsize       size;
  gboolean    ok = FALSE;

  g_return_val_if_fail (scheme_is_valid (scheme), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    {
      g_set_error (error, IUM_VERSION_ERROR, IUM_VERSION_ERROR_INVALID,
                   _ ("no %s version was given"), scheme_names[scheme]);
      return NULL;
    }

  switch (scheme)
    {
    case IUM_SCHEME_QUAD:
      ok = parse_quad (text, &fields, error);
      break;

    case IUM_SCHEME_SEMVER:
      ok = parse_semver (text, &fields, error);
      break;

    case IUM_SCHEME_CALVER:
      ok = parse_calver (text, &fields, error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return NULL;

  /* One allocation for the struct, the text and the pre-release: parsing is on the hot
   * path of every client check. */
  text_size = strlen (text) + 1;
  size = offsetof (IumVersion, text) + text_size;
  if (fields.prerelease != NULL)
    size += fields.prerelease_len + 1;

  self = g_malloc (size);
  self->scheme = scheme;
  self->major = fields.major;
  self->minor = fields.minor;
  self->patch = fields.patch;
  self->build = fields.build;
  self->size = size;
  memcpy (self->text, text, text_size);

  if (fields.prerelease != NULL)
    {
      char *prerelease = self->text + text_size;

      memcpy (prerelease, fields.prerelease, fields.prerelease_len);
      prerelease[fields.prerelease_len] = '\0';
      self->prerelease = prerelease;
    }
  else
    {
      self->prerelease = NULL;
    }

  return self;
}

/**
 * ium_version_copy:
 * @self: a version
 *
 * Returns: (transfer full): a copy of @self, free with ium_version_free()
 */
IumVersion *
ium_version_copy (const IumVersion *self)
{
  IumVersion *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, self->size);
  if (self->prerelease != NULL)
    copy->prerelease = copy->text + (self->prerelease - self->text);

  return copy;
}

/**
 * ium_version_free:
 * @self: (nullable) (transfer full): a version
 *
 * Frees @self and the strings it holds. %NULL is ignored.
 */
void
ium_version_free (IumVersion *self)
{
  g_free (self);
}

/**
 * ium_version_get_scheme:
 * @self: a version
 *
 * Returns: the scheme @self was parsed in
 */
IumScheme
ium_version_get_scheme (const IumVersion *self)
{
  g_return_val_if_fail (self != NULL, IUM_SCHEME_QUAD);

  return self->scheme;
}

/**
 * ium_version_get_text:
 * @self: a version
 *
 * Returns: (transfer none): the text exactly as it was given to ium_version_parse(),
 *   including any "v" prefix and semver build metadata
 */
const char *
ium_version_get_text (const IumVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

/**
 * ium_version_get_major:
 * @self: a version
 *
 * Returns: the major version; for calver, the date as the integer YYYYMMDD
 */
guint64
ium_version_get_major (const IumVersion *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->major;
}

/**
 * ium_version_get_minor:
 * @self: a version
 *
 * Returns: the minor version; for calver, the release index
 */
guint64
ium_version_get_minor (const IumVersion *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->minor;
}

/**
 * ium_version_get_patch:
 * @self: a version
 *
 * Returns: the patch version; 0 for calver
 */
guint64
ium_version_get_patch (const IumVersion *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->patch;
}

/**
 * ium_version_get_build:
 * @self: a version
 *
 * Returns: the quad build number; 0 for semver (whose build metadata is not a number)
 *   and calver
 */
guint64
ium_version_get_build (const IumVersion *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->build;
}

/**
 * ium_version_get_prerelease:
 * @self: a version
 *
 * Returns: (transfer none) (nullable): the semver pre-release without its "-", e.g.
 *   "rc.1", or %NULL for a release and for the other schemes
 */
const char *
ium_version_get_prerelease (const IumVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->prerelease;
}

static inline int
compare_u64 (guint64 a, guint64 b)
{
  return (a > b) - (a < b);
}

/* SemVer 2.0.0 item 11: identifiers compared one by one; numeric ones numerically and
 * below alphanumeric ones, alphanumeric ones in ASCII order; a shorter set is lower when
 * all of it is equal. Numbers are compared by length then digits, which is exact for any
 * size since they have no leading zeros. */
static int
compare_prerelease (const char *a, const char *b)
{
  for (;;)
    {
      gsize    len_a = strcspn (a, ".");
      gsize    len_b = strcspn (b, ".");
      gboolean numeric_a = strspn (a, "0123456789") == len_a;
      gboolean numeric_b = strspn (b, "0123456789") == len_b;
      int      cmp;

      if (numeric_a && numeric_b)
        {
          cmp = compare_u64 (len_a, len_b);
          if (cmp == 0)
            cmp = memcmp (a, b, len_a);
        }
      else if (numeric_a != numeric_b)
        {
          cmp = numeric_a ? -1 : 1;
        }
      else
        {
          cmp = memcmp (a, b, MIN (len_a, len_b));
          if (cmp == 0)
            cmp = compare_u64 (len_a, len_b);
        }

      if (cmp != 0)
        return cmp < 0 ? -1 : 1;

      a += len_a;
      b += len_b;

      if (*a == '\0' || *b == '\0')
        return (*a != '\0') - (*b != '\0');

      a++;
      b++;
    }
}

/**
 * ium_version_compare:
 * @a: a version
 * @b: another version
 *
 * Orders versions: major, minor, patch and build numerically, then the semver
 * pre-release by SemVer 2.0.0 precedence (a release is above its pre-releases). Semver
 * build metadata is ignored. Versions of different schemes are compared by the same
 * fields, which gives a stable if meaningless order.
 *
 * Returns: -1, 0 or 1 as @a is lower than, equal to or higher than @b
 */
int
ium_version_compare (const IumVersion *a, const IumVersion *b)
{
  int cmp;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if ((cmp = compare_u64 (a->major, b->major)) != 0 || (cmp = compare_u64 (a->minor, b->minor)) != 0
      || (cmp = compare_u64 (a->patch, b->patch)) != 0
      || (cmp = compare_u64 (a->build, b->build)) != 0)
    return cmp;

  if (a->prerelease == NULL || b->prerelease == NULL)
    return (a->prerelease == NULL) - (b->prerelease == NULL);

  return compare_prerelease (a->prerelease, b->prerelease);
}

/**
 * ium_version_equal:
 * @a: a version
 * @b: another version
 *
 * Returns: %TRUE if @a and @b have the same precedence, e.g. quad "12.1" and "12.1.0.0",
 *   or semver "1.0.0+a" and "1.0.0+b"
 */
gboolean
ium_version_equal (const IumVersion *a, const IumVersion *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return ium_version_compare (a, b) == 0;
}

/**
 * ium_version_same_line:
 * @a: a version
 * @b: another version
 *
 * Returns: %TRUE if @a and @b have the same major and minor version (for calver, the
 *   same date and index)
 */
gboolean
ium_version_same_line (const IumVersion *a, const IumVersion *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->major == b->major && a->minor == b->minor;
}

/**
 * ium_version_to_canonical:
 * @self: a version
 *
 * Formats @self in its scheme's canonical form: quad "A.B.C.D" with every part,
 * semver "A.B.C[-PRE]" without build metadata, calver "YYYYMMDD.I". Versions that
 * compare equal have the same canonical form.
 *
 * Returns: (transfer full): the canonical text, free with g_free()
 */
char *
ium_version_to_canonical (const IumVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->scheme)
    {
    case IUM_SCHEME_QUAD:
      return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT
                              ".%" G_GUINT64_FORMAT,
                              self->major, self->minor, self->patch, self->build);

    case IUM_SCHEME_SEMVER:
      return g_strdup_printf (
        "%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT "%s%s", self->major,
        self->minor, self->patch, self->prerelease != NULL ? "-" : "",
        self->prerelease != NULL ? self->prerelease : "");

    case IUM_SCHEME_CALVER:
      /* Years before 1000 still print as 8 digits. */
      return g_strdup_printf ("%08" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, self->major,
                              self->minor);

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ium_scheme_to_string:
 * @scheme: a version scheme
 *
 * Returns: (transfer none): "quad", "semver" or "calver"
 */
const char *
ium_scheme_to_string (IumScheme scheme)
{
  g_return_val_if_fail (scheme_is_valid (scheme), NULL);

  return scheme_names[scheme];
}

/**
 * ium_scheme_from_string:
 * @text: (nullable): "quad", "semver" or "calver"
 * @scheme: (out) (optional): return location for the scheme
 *
 * Reads a scheme name exactly as ium_scheme_to_string() writes it.
 *
 * Returns: %TRUE if @text names a scheme; @scheme is left untouched otherwise
 */
gboolean
ium_scheme_from_string (const char *text, IumScheme *scheme)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (scheme_names); i++)
    {
      if (strcmp (text, scheme_names[i]) == 0)
        {
          if (scheme != NULL)
            *scheme = (IumScheme) i;
          return TRUE;
        }
    }

  return FALSE;
}
