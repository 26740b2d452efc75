/* test-gui-i18n.c: the application in German. The window runs with LANGUAGE=de (under
 * LC_ALL=C.UTF-8, which honours LANGUAGE: no de_DE locale needs to be installed) and reads
 * the catalogue that the build compiled from po/de.po; the view switcher, the fleet's
 * columns, the primary menu and the token button speak German, and the menu's mnemonics do
 * not collide. The desktop file and the metainfo that the build merged carry German too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-gui-i18n"

#include "config.h"

#include <string.h>

#include "fleet/ium-fleet-view.h"
#include "ium-i18n.h"
#include "ium-test-gui.h"
#include "ium-views.h"
#include "widgets/ium-token-button.h"

typedef IumTestGui Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  ium_test_gui_setup (f, TRUE);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  ium_test_gui_teardown (f);
}

/* The first widget of @type below @widget (depth first), or NULL. */
static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The header bar's primary menu button (F10 opens it), or NULL. */
static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Appends the text of every label below @widget to @texts, separated by '|'. */
static void
collect_labels (GtkWidget *widget, GString *texts)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "|%s", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* The labels of @menu and of its sections and submenus, in order. */
static void
collect_menu_labels (GMenuModel *menu, GPtrArray *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr (GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, g_steal_pointer (&label));
      if (section != NULL)
        collect_menu_labels (section, labels);
      if (submenu != NULL)
        collect_menu_labels (submenu, labels);
    }
}

/* The catalogue is the build tree's: the test runs from there, before any install. */
static void
test_catalogue (void)
{
  g_autofree char *mo =
    g_build_filename (ium_i18n_get_locale_dir (), "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  g_assert_cmpstr (ium_i18n_get_locale_dir (), ==, BUILD_LOCALE_DIR);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  /* A message of each kind: C source, GtkBuilder, a plural. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Fleet"), ==, "Flotte");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Site"), ==, "Standort");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u instrument", "%u instruments", 3), ==,
                   "%u Instrumente");
}

static void
test_window (Fixture *f, gconstpointer data)
{
  GtkWidget  *titlebar;
  GtkWidget  *switcher;
  GtkWidget  *menu_button;
  GtkWidget  *fleet;
  GMenuModel *menu;
  g_autoptr (GString) switcher_labels = g_string_new (NULL);
  g_autoptr (GPtrArray) menu_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) mnemonics = g_hash_table_new (NULL, NULL);
  IumTokenButton *token_button;

  ium_test_gui_open (f, FALSE);
  titlebar = gtk_window_get_titlebar (GTK_WINDOW (f->window));

  /* The view switcher: every view's title, as the header bar shows it. */
  switcher = find_descendant (titlebar, GTK_TYPE_STACK_SWITCHER);
  g_assert_nonnull (switcher);
  collect_labels (switcher, switcher_labels);
  g_string_append_c (switcher_labels, '|');
  for (const char *const *title =
         (const char *const[]){ "Flotte", "Rollouts", "Wartung", "Releases", "Kompatibilität",
                                "Audit-Protokoll", NULL };
       *title != NULL; title++)
    {
      g_autofree char *item = g_strdup_printf ("|%s|", *title);

      if (strstr (switcher_labels->str, item) == NULL)
        g_test_fail_printf ("the view switcher shows %s, without %s", switcher_labels->str, *title);
    }
  g_assert_null (strstr (switcher_labels->str, "|Fleet|"));

  /* The fleet view's columns. */
  fleet = ium_main_window_get_view (f->window, "fleet");
  g_assert_cmpstr (
    gtk_column_view_column_get_title (ium_fleet_view_get_column (IUM_FLEET_VIEW (fleet), "site")),
    ==, "Standort");
  g_assert_cmpstr (
    gtk_column_view_column_get_title (ium_fleet_view_get_column (IUM_FLEET_VIEW (fleet), "window")),
    ==, "Nächste Wartung");

  /* The primary menu, and a mnemonic of its own for every item. */
  menu_button = find_primary_menu_button (titlebar);
  g_assert_nonnull (menu_button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  collect_menu_labels (menu, menu_labels);
  g_assert_cmpuint (menu_labels->len, >=, 8);
  g_assert_true (
    g_ptr_array_find_with_equal_func (menu_labels, "_Einstellungen", g_str_equal, NULL));
  g_assert_true (
    g_ptr_array_find_with_equal_func (menu_labels, "Inventar _öffnen …", g_str_equal, NULL));
  for (guint i = 0; i < menu_labels->len; i++)
    {
      const char *label = g_ptr_array_index (menu_labels, i);
      const char *underscore = strchr (label, '_');
      gunichar    key;

      if (underscore == NULL)
        {
          g_test_fail_printf ("the menu item “%s” has no mnemonic", label);
          continue;
        }
      key = g_unichar_tolower (g_utf8_get_char (underscore + 1));
      if (g_hash_table_contains (mnemonics, GUINT_TO_POINTER (key)))
        g_test_fail_printf ("the menu item “%s” has the mnemonic of “%s”", label,
                            (char *) g_hash_table_lookup (mnemonics, GUINT_TO_POINTER (key)));
      else
        g_hash_table_insert (mnemonics, GUINT_TO_POINTER (key), (gpointer) label);
    }

  /* The header bar's token button, and the status line's plural. */
  token_button = IUM_TOKEN_BUTTON (ium_main_window_get_token_button (f->window));
  g_assert_cmpstr (ium_token_button_get_label (token_button), ==, "Token frei");
  g_assert_nonnull (strstr (ium_main_window_get_status (f->window), " Instrumente"));
}

/* The desktop entry and the AppStream metainfo that data/meson.build merged from po/. */
static void
test_data_files (void)
{
  g_autoptr (GKeyFile) desktop = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *metainfo = NULL;

  g_key_file_load_from_file (desktop, g_getenv ("IUM_DESKTOP_FILE"), G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  comment = g_key_file_get_locale_string (desktop, G_KEY_FILE_DESKTOP_GROUP,
                                          G_KEY_FILE_DESKTOP_KEY_COMMENT, "de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==,
                   "Die Software der Instrumente einer Forschungseinrichtung aktuell halten");

  g_file_get_contents (g_getenv ("IUM_METAINFO_FILE"), &metainfo, NULL, &error);
  g_assert_no_error (error);
  /* The description, a screenshot's caption and the release notes. */
  g_assert_nonnull (strstr (metainfo, "<p xml:lang=\"de\">Instrument Update Manager verfolgt"));
  g_assert_nonnull (strstr (metainfo, "<caption xml:lang=\"de\">Das Audit-Protokoll</caption>"));
  g_assert_nonnull (strstr (metainfo, "<p xml:lang=\"de\">Das erste Release:"));
}

int
main (int argc, char *argv[])
{
  ium_test_gui_init_language (&argc, &argv, "de");

  g_test_add_func ("/ium/gui/i18n/catalogue", test_catalogue);
  g_test_add ("/ium/gui/i18n/window", Fixture, NULL, setup, test_window, teardown);
  g_test_add_func ("/ium/gui/i18n/data-files", test_data_files);

  return g_test_run ();
}
