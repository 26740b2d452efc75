/* test-install-man.c: the installed man page, ium(1).
 *
 * man renders it without a warning and lexgrog finds its whatis line; then the page, as man
 * renders it, is held against what the staged ium says of itself: a subsection for every
 * command of `ium --help`, headed by its usage, listing exactly the options of
 * `ium COMMAND --help`; the global options; every exit status; the environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include <string.h>

#include "ium-test-install.h"

/* The rendered page: its sections, and the subsections of COMMANDS. */
typedef struct
{
  GHashTable *sections;      /* heading (owned) → body (owned) */
  GHashTable *commands;      /* subsection heading (owned) → body (owned) */
  GPtrArray  *command_order; /* borrowed headings, in order */
  char       *footer;        /* owned: the last line */
} ManPage;

static void
man_page_free (ManPage *page)
{
  g_hash_table_unref (page->sections);
  g_hash_table_unref (page->commands);
  g_ptr_array_unref (page->command_order);
  g_free (page->footer);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ManPage, man_page_free)

static gsize
indent_of (const char *line)
{
  gsize n = 0;

  while (line[n] == ' ')
    n++;
  return n;
}

/* Renders the page as plain ASCII, wide enough that no option tag wraps, and splits it. */
static ManPage *
render (const char *man, const char *path)
{
  ManPage *page = g_new0 (ManPage, 1);
  g_auto (GStrv) lines = NULL;
  GString         *section = NULL;
  GString         *command = NULL;
  g_autofree char *section_name = NULL;
  g_autofree char *command_name = NULL;
  guint            last = 0;
  Result           r;

  page->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  page->commands = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  page->command_order = g_ptr_array_new_with_free_func (g_free);

  r = RUN (ENV ("MANWIDTH=250"), man, "-E", "ascii", "-l", path);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  result_clear (&r);

  /* The first line is the header; the last non-empty one the footer. */
  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      last = i;
  page->footer = g_strdup (lines[last]);

  for (guint i = 1; i < last; i++)
    {
      const char *line = lines[i];
      gsize       indent = indent_of (line);

      if (line[0] == '\0')
        {
          if (section != NULL)
            g_string_append_c (section, '\n');
          if (command != NULL)
            g_string_append_c (command, '\n');
          continue;
        }
      if (indent == 0)
        {
          if (section != NULL)
            g_hash_table_insert (page->sections, g_steal_pointer (&section_name),
                                 g_string_free (section, FALSE));
          section_name = g_strdup (line);
          section = g_string_new (NULL);
          if (command != NULL)
            {
              g_ptr_array_add (page->command_order, g_strdup (command_name));
              g_hash_table_insert (page->commands, g_steal_pointer (&command_name),
                                   g_string_free (command, FALSE));
              command = NULL;
            }
          continue;
        }
      g_string_append_printf (section, "%s\n", line);
      if (g_str_equal (section_name, "COMMANDS") && indent == 3)
        {
          if (command != NULL)
            {
              g_ptr_array_add (page->command_order, g_strdup (command_name));
              g_hash_table_insert (page->commands, g_steal_pointer (&command_name),
                                   g_string_free (command, FALSE));
            }
          command_name = g_strdup (line + 3);
          command = g_string_new (NULL);
          continue;
        }
      if (command != NULL)
        g_string_append_printf (command, "%s\n", line);
    }
  if (command != NULL)
    {
      g_ptr_array_add (page->command_order, g_strdup (command_name));
      g_hash_table_insert (page->commands, g_steal_pointer (&command_name),
                           g_string_free (command, FALSE));
    }
  if (section != NULL)
    g_hash_table_insert (page->sections, g_steal_pointer (&section_name),
                         g_string_free (section, FALSE));
  return page;
}

typedef gboolean (*TagFilter) (const char *tag);

static gboolean
is_option (const char *tag)
{
  return tag[0] == '-';
}

static gboolean
is_number (const char *tag)
{
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return tag[0] != '\0';
}

static gboolean
is_variable (const char *tag)
{
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_isupper (*p) && *p != '_')
      return FALSE;
  return tag[0] != '\0';
}

/* The tags of a section's tagged paragraphs (.TP) that @filter accepts: "--json", "-o,
 * --output=FILE", "0". man puts a tag at seven spaces and its text at fourteen, on the same
 * line when the tag is short enough, else on the next. A tag ends at the first space, unless
 * after a comma. */
static GPtrArray *
tags_of (const char *body, TagFilter filter)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (body, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char      *start = lines[i] + 7;
      const char      *end = start;
      g_autofree char *tag = NULL;
      gboolean         text_below, text_beside;

      if (indent_of (lines[i]) != 7)
        continue;
      for (;;)
        {
          while (*end != '\0' && *end != ' ')
            end++;
          if (end > start && end[-1] == ',' && *end == ' ')
            {
              end++;
              continue;
            }
          break;
        }
      text_below = *end == '\0' && lines[i + 1] != NULL && indent_of (lines[i + 1]) == 14;
      text_beside = end - lines[i] < 14 && indent_of (end) == (gsize) (lines[i] + 14 - end);
      tag = g_strndup (start, end - start);
      if ((text_below || text_beside) && filter (tag))
        g_ptr_array_add (tags, g_steal_pointer (&tag));
    }
  return tags;
}

static gboolean
contains (GPtrArray *strings, const char *string)
{
  return g_ptr_array_find_with_equal_func (strings, string, g_str_equal, NULL);
}

static char *
installed_man_page (void)
{
  return staged_path ("IUM_MANDIR", "man1/ium.1");
}

static void
test_man_renders (void)
{
  g_autofree char *man = need_program ("man", "man-db");
  g_autofree char *lexgrog = need_program ("lexgrog", "man-db");
  g_autofree char *path = NULL;
  Result           r;

  if (man == NULL || lexgrog == NULL || !install_stage ())
    return;
  path = installed_man_page ();

  /* groff's warnings (-ww) go to stderr: there must be none. */
  r = RUN (ENV ("MANWIDTH=80"), man, "--warnings", "-E", "UTF-8", "-l", path);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "NAME"));
  result_clear (&r);

  /* mandb indexes the page by its NAME line. */
  r = RUN (NULL, lexgrog, path);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"ium - "));
  result_clear (&r);
}

static void
test_man_commands (void)
{
  g_autofree char *man = need_program ("man", "man-db");
  g_autofree char *path = NULL;
  g_autoptr (ManPage) page = NULL;
  g_autoptr (GPtrArray) commands = NULL;
  g_autoptr (GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);

  if (man == NULL || !install_stage ())
    return;
  path = installed_man_page ();
  page = render (man, path);
  commands = help_commands ();

  for (guint i = 0; i < commands->len; i++)
    {
      HelpCommand     *command = g_ptr_array_index (commands, i);
      g_autofree char *heading = g_strconcat ("ium ", command->usage, NULL);
      const char      *body = g_hash_table_lookup (page->commands, heading);
      g_autoptr (GPtrArray) tags = NULL;

      g_ptr_array_add (headings, g_strdup (heading));
      if (body == NULL)
        {
          g_test_fail_printf ("ium(1) has no subsection “%s” under COMMANDS", heading);
          continue;
        }
      tags = tags_of (body, is_option);
      for (guint j = 0; j < command->options->len; j++)
        if (!contains (tags, g_ptr_array_index (command->options, j)))
          g_test_fail_printf ("ium(1), “%s”: option %s of 'ium %s --help' is missing", heading,
                              (char *) g_ptr_array_index (command->options, j), command->name);
      for (guint j = 0; j < tags->len; j++)
        if (!contains (command->options, g_ptr_array_index (tags, j)))
          g_test_fail_printf ("ium(1), “%s”: %s is not an option of 'ium %s --help'", heading,
                              (char *) g_ptr_array_index (tags, j), command->name);
    }

  /* Nothing the command line no longer has. */
  for (guint i = 0; i < page->command_order->len; i++)
    if (!contains (headings, g_ptr_array_index (page->command_order, i)))
      g_test_fail_printf ("ium(1) describes “%s”, which 'ium --help' does not list",
                          (char *) g_ptr_array_index (page->command_order, i));
}

static void
test_man_sections (void)
{
  static const char *global_options[] = { "--db=PATH", "--json", "--as=NAME", "-h, --help" };
  static const char *exit_codes[] = { "0", "1", "2", "3" };
  static const char *variables[] = { "IUM_DB", "XDG_DATA_HOME" };
  static const char *sections[] = { "NAME",  "SYNOPSIS", "DESCRIPTION",
                                    "FILES", "EXAMPLES", "SEE ALSO" };
  g_autofree char   *man = need_program ("man", "man-db");
  g_autofree char   *path = NULL;
  g_autofree char   *version = NULL;
  g_autoptr (ManPage) page = NULL;
  g_autoptr (GPtrArray) tags = NULL;
  const char *body;

  if (man == NULL || !install_stage ())
    return;
  path = installed_man_page ();
  page = render (man, path);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (!g_hash_table_contains (page->sections, sections[i]))
      g_test_fail_printf ("ium(1) has no section %s", sections[i]);

  body = g_hash_table_lookup (page->sections, "GLOBAL OPTIONS");
  g_assert_nonnull (body);
  tags = tags_of (body, is_option);
  for (guint i = 0; i < G_N_ELEMENTS (global_options); i++)
    if (!contains (tags, global_options[i]))
      g_test_fail_printf ("ium(1), GLOBAL OPTIONS: %s is missing", global_options[i]);
  g_clear_pointer (&tags, g_ptr_array_unref);

  /* Exactly the exit statuses the spec gives, each explained. */
  body = g_hash_table_lookup (page->sections, "EXIT STATUS");
  g_assert_nonnull (body);
  tags = tags_of (body, is_number);
  g_assert_cmpuint (tags->len, ==, G_N_ELEMENTS (exit_codes));
  for (guint i = 0; i < G_N_ELEMENTS (exit_codes); i++)
    g_assert_cmpstr (g_ptr_array_index (tags, i), ==, exit_codes[i]);
  g_clear_pointer (&tags, g_ptr_array_unref);

  body = g_hash_table_lookup (page->sections, "ENVIRONMENT");
  g_assert_nonnull (body);
  tags = tags_of (body, is_variable);
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    if (!contains (tags, variables[i]))
      g_test_fail_printf ("ium(1), ENVIRONMENT: %s is missing", variables[i]);

  /* The version meson put in. */
  version = g_strconcat ("Instrument Update Manager ", install_env ("IUM_VERSION"), " ", NULL);
  g_assert_nonnull (strstr (page->footer, version));
}

void
install_add_man_tests (void)
{
  g_test_add_func ("/ium/install/man-page/renders", test_man_renders);
  g_test_add_func ("/ium/install/man-page/commands", test_man_commands);
  g_test_add_func ("/ium/install/man-page/sections", test_man_sections);
}
