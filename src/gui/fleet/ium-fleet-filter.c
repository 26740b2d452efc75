/* ium-fleet-filter.c: which instruments the fleet view shows: the search and the filters.
 *
 * A pure value with a match function, so that the unit suite tests it without a display;
 * the fleet view wraps it in a GtkCustomFilter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <string.h>

#include "ium-fleet-filter.h"

#include "ium-enums.h"

void
ium_fleet_filter_init (IumFleetFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->words = g_new0 (char *, 1);
}

void
ium_fleet_filter_clear (IumFleetFilter *filter)
{
  g_free (filter->search);
  g_strfreev (filter->words);
  g_free (filter->site);
  g_free (filter->tag);
  g_free (filter->tier);
  memset (filter, 0, sizeof *filter);
}

void
ium_fleet_filter_copy (IumFleetFilter *dest, const IumFleetFilter *src)
{
  dest->search = g_strdup (src->search);
  dest->words = g_strdupv (src->words);
  dest->flag = src->flag;
  dest->site = g_strdup (src->site);
  dest->tag = g_strdup (src->tag);
  dest->tier = g_strdup (src->tier);
}

static void
set_string (char **field, const char *value)
{
  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

void
ium_fleet_filter_set_search (IumFleetFilter *filter, const char *search)
{
  g_autofree char *folded = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = NULL;

  set_string (&filter->search, search);
  g_strfreev (filter->words);

  folded = search ? g_utf8_casefold (search, -1) : g_strdup ("");
  parts = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  filter->words = g_strv_builder_end (builder);
}

void
ium_fleet_filter_set_site (IumFleetFilter *filter, const char *site)
{
  set_string (&filter->site, site);
}

void
ium_fleet_filter_set_tag (IumFleetFilter *filter, const char *tag)
{
  set_string (&filter->tag, tag);
}

void
ium_fleet_filter_set_tier (IumFleetFilter *filter, const char *tier)
{
  set_string (&filter->tier, tier);
}

gboolean
ium_fleet_filter_is_empty (const IumFleetFilter *filter)
{
  return filter->words[0] == NULL && filter->flag == 0 && filter->site == NULL
         && filter->tag == NULL && filter->tier == NULL;
}

gboolean
ium_fleet_filter_match (const IumFleetFilter *filter, IumFleetRow *row)
{
  const char *text;

  if (filter->flag != 0 && (ium_fleet_row_get_flags (row) & filter->flag) == 0)
    return FALSE;
  if (filter->site != NULL && g_strcmp0 (ium_fleet_row_get_site (row), filter->site) != 0)
    return FALSE;
  if (filter->tag != NULL
      && !ium_instrument_has_tag (ium_fleet_row_get_instrument (row), filter->tag))
    return FALSE;
  if (filter->tier != NULL)
    {
      const char *tier = ium_fleet_row_get_tier (row);
      if (*tier == '\0')
        tier = "custom";
      if (!g_str_equal (tier, filter->tier))
        return FALSE;
    }

  text = ium_fleet_row_get_search_text (row);
  for (guint i = 0; filter->words[i] != NULL; i++)
    if (strstr (text, filter->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Whether every word of @old_words is contained in some word of @new_words: then whatever
 * the new search keeps, the old one kept too. */
static gboolean
words_narrow (char **old_words, char **new_words)
{
  for (guint i = 0; old_words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; new_words[j] != NULL && !found; j++)
        found = strstr (new_words[j], old_words[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static int
compare_field (const char *old_value, const char *new_value)
{
  /* -1: less strict (dropped), 1: more strict (added), 0: same, 2: different */
  if (g_strcmp0 (old_value, new_value) == 0)
    return 0;
  if (old_value == NULL)
    return 1;
  if (new_value == NULL)
    return -1;
  return 2;
}

IumFleetFilterChange
ium_fleet_filter_compare (const IumFleetFilter *old_filter, const IumFleetFilter *new_filter)
{
  gboolean more = FALSE, less = FALSE;
  int      fields[3] = {
         compare_field (old_filter->site, new_filter->site),
         compare_field (old_filter->tag, new_filter->tag),
         compare_field (old_filter->tier, new_filter->tier),
  };
  gboolean narrower = words_narrow (old_filter->words, new_filter->words);
  gboolean wider = words_narrow (new_filter->words, old_filter->words);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] == 2)
        return IUM_FLEET_FILTER_DIFFERENT;
      more |= fields[i] == 1;
      less |= fields[i] == -1;
    }

  if (old_filter->flag != new_filter->flag)
    {
      if (old_filter->flag == 0)
        more = TRUE;
      else if (new_filter->flag == 0)
        less = TRUE;
      else
        return IUM_FLEET_FILTER_DIFFERENT;
    }

  if (!(narrower && wider))
    {
      if (narrower)
        more = TRUE;
      else if (wider)
        less = TRUE;
      else
        return IUM_FLEET_FILTER_DIFFERENT;
    }

  if (more && less)
    return IUM_FLEET_FILTER_DIFFERENT;
  if (more)
    return IUM_FLEET_FILTER_MORE_STRICT;
  if (less)
    return IUM_FLEET_FILTER_LESS_STRICT;
  return IUM_FLEET_FILTER_SAME;
}
