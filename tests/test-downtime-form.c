/* test-downtime-form.c: the downtime editor's view-model without a display: times as typed,
 * the new window and cycle, the object core stores, every refusal under its field, and
 * core's own errors put under the field they name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test"

#include "config.h"

#include "downtime/ium-downtime-form.h"
#include "ium-inventory-file.h"
#include "ium-store.h"
#include "ium-time.h"

static IumInventory *
inventory_new (void)
{
  static const char text[] =
    "{\"format\": \"ium-inventory\", \"format_version\": 1,"
    " \"components\": [{\"id\": \"srv\", \"name\": \"Server\", \"role\": \"server\"}],"
    " \"releases\": [{\"version\": \"1.0\", \"tier\": \"official\", \"date\": \"2029-01-01\"}],"
    " \"instruments\": ["
    "  {\"name\": \"LARMOR\", \"site\": \"TS2\", \"hosts\": [{\"name\": \"H\", \"role\": "
    "\"control\","
    "   \"installed\": {\"srv\": \"1.0\"}}]},"
    "  {\"name\": \"ZOOM\", \"site\": \"TS2\", \"hosts\": [{\"name\": \"Z\", \"role\": \"control\","
    "   \"installed\": {\"srv\": \"1.0\"}}]}],"
    " \"cycles\": [{\"name\": \"2030/1\", \"start\": \"2030-02-11T08:00:00Z\","
    "   \"end\": \"2030-03-28T08:00:00Z\", \"freeze\": true}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (IumInventoryFile) file =
    ium_inventory_file_new_from_data (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  return g_object_ref (ium_inventory_file_get_inventory (file));
}

static void
test_times (void)
{
  const struct
  {
    const char *text;
    const char *utc;
  } good[] = {
    { "2027-01-05 08:00", "2027-01-05T08:00:00Z" },
    { " 2027-01-05 ", "2027-01-05T00:00:00Z" },
    { "2027-01-05T09:00:00+01:00", "2027-01-05T08:00:00Z" },
  };
  const char *bad[] = {
    "", "tomorrow", "2027-13-01 08:00", "2027-01-05 25:00", "2027-01-05 08:00x", "2027-02-30"
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GDateTime) time = ium_downtime_parse_time (good[i].text, &error);
      g_autoptr (GDateTime) utc = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      utc = g_date_time_to_utc (time);
      text = ium_timestamp_format (utc);
      g_assert_cmpstr (text, ==, good[i].utc);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (ium_downtime_parse_time (bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD HH:MM"));
    }
}

static void
test_window (void)
{
  g_autoptr (IumInventory) inventory = inventory_new ();
  g_autoptr (GDateTime) now = g_date_time_new_utc (2027, 1, 4, 15, 30, 0);
  g_autoptr (IumDowntimeForm) form = ium_downtime_form_new (IUM_DOWNTIME_FORM_WINDOW, now);
  g_autoptr (IumDowntimeFormCheck) unnamed = NULL;
  g_autoptr (IumDowntimeFormCheck) good = NULL;
  g_autoptr (IumDowntimeFormCheck) bad = NULL;
  JsonObject *object;

  /* Tomorrow, 08:00 to 18:00 UTC, every instrument; the label is the person's to write. */
  g_assert_cmpstr (form->start, ==, "2027-01-05 08:00");
  g_assert_cmpstr (form->end, ==, "2027-01-05 18:00");
  g_assert_cmpstr (form->instruments, ==, "");
  g_assert_null (form->original);
  unnamed = ium_downtime_form_check (form, inventory);
  g_assert_null (unnamed->object);
  g_assert_nonnull (strstr (unnamed->label_error, "label"));

  g_free (form->label);
  form->label = g_strdup (" Detector swap ");
  g_free (form->instruments);
  form->instruments = g_strdup ("LARMOR, ,ZOOM, LARMOR");
  good = ium_downtime_form_check (form, inventory);
  g_assert_nonnull (good->object);
  object = json_node_get_object (good->object);
  g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "2027-01-05T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "label"), ==, "Detector swap");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "instruments")),
                    ==, 2);

  g_free (form->end);
  form->end = g_strdup ("2027-01-05 07:00");
  g_free (form->instruments);
  form->instruments = g_strdup ("LARMOR, larmor");
  bad = ium_downtime_form_check (form, inventory);
  g_assert_null (bad->object);
  g_assert_nonnull (strstr (bad->end_error, "after the start"));
  g_assert_nonnull (strstr (bad->instruments_error, "“larmor”"));
  g_assert_null (bad->start_error);
  g_assert_null (bad->label_error);

  /* An existing window opens with its own values, and remembers its key. */
  {
    g_autoptr (GDateTime) start = ium_timestamp_parse ("2027-03-02T09:00:00+01:00", NULL);
    g_autoptr (GDateTime) end = ium_timestamp_parse ("2027-03-02T17:00:00+01:00", NULL);
    g_autoptr (IumWindow) window = ium_window_new (start, end, "Beam off");
    g_autoptr (IumDowntimeForm) edit = NULL;

    ium_window_set_instruments (window, (const char *[]){ "ZOOM", NULL });
    edit = ium_downtime_form_new_from_window (window);
    g_assert_cmpstr (edit->start, ==, "2027-03-02 08:00");
    g_assert_cmpstr (edit->instruments, ==, "ZOOM");
    g_assert_cmpstr (edit->original, ==, "2027-03-02T08:00:00Z|2027-03-02T16:00:00Z|Beam off");
  }
}

static void
test_cycle (void)
{
  g_autoptr (IumInventory) inventory = inventory_new ();
  g_autoptr (GDateTime) now = g_date_time_new_utc (2027, 1, 4, 15, 30, 0);
  g_autoptr (IumDowntimeForm) form = ium_downtime_form_new (IUM_DOWNTIME_FORM_CYCLE, now);
  IumCycle *existing = ium_inventory_lookup_cycle (inventory, "2030/1");
  g_autoptr (IumDowntimeForm) edit = ium_downtime_form_new_from_cycle (existing);

  g_assert_true (form->freeze);
  g_assert_cmpstr (form->end, ==, "2027-02-16 08:00");

  /* A new cycle may not take an existing name (it would replace that cycle)... */
  g_free (form->label);
  form->label = g_strdup ("2030/1");
  {
    g_autoptr (IumDowntimeFormCheck) check = ium_downtime_form_check (form, inventory);
    g_assert_null (check->object);
    g_assert_nonnull (strstr (check->label_error, "already a cycle “2030/1”"));
  }
  /* ...but an edited one keeps its own. */
  g_assert_cmpstr (edit->original, ==, "2030/1");
  edit->freeze = FALSE;
  {
    g_autoptr (IumDowntimeFormCheck) check = ium_downtime_form_check (edit, inventory);
    JsonObject *object;

    g_assert_nonnull (check->object);
    object = json_node_get_object (check->object);
    g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "2030/1");
    g_assert_false (json_object_get_boolean_member (object, "freeze"));
    g_assert_false (json_object_has_member (object, "instruments"));
  }
}

static void
test_core_errors (void)
{
  g_autoptr (IumDowntimeFormCheck) check = g_new0 (IumDowntimeFormCheck, 1);
  g_autoptr (GError) end =
    g_error_new_literal (IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID,
                         "end: the window must end after it starts");
  g_autoptr (GError) names =
    g_error_new_literal (IUM_INVENTORY_FILE_ERROR, IUM_INVENTORY_FILE_ERROR_INVALID,
                         "instruments[1]: unknown instrument “X”");
  g_autoptr (GError) other = g_error_new_literal (IUM_STORE_ERROR, IUM_STORE_ERROR_NOT_FOUND,
                                                  "there is no operating cycle “2030/9”");

  ium_downtime_form_check_add_error (check, end);
  ium_downtime_form_check_add_error (check, names);
  ium_downtime_form_check_add_error (check, other);
  g_assert_cmpstr (check->end_error, ==, "The window must end after it starts.");
  g_assert_cmpstr (check->instruments_error, ==, "Unknown instrument “X”.");
  g_assert_cmpstr (check->other_error, ==, "There is no operating cycle “2030/9”.");
  g_assert_null (check->start_error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/downtime-form/times", test_times);
  g_test_add_func ("/ium/downtime-form/window", test_window);
  g_test_add_func ("/ium/downtime-form/cycle", test_cycle);
  g_test_add_func ("/ium/downtime-form/core-errors", test_core_errors);

  return g_test_run ();
}
