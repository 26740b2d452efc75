/* test-check-log.c: the client check log: batches written all or nothing, read back by time
 * and instrument, summarised per distinct client, pruned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-test-check-log"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ium-check-log.h"
#include "ium-store.h"
#include "ium-store-write.h"

typedef struct
{
  char     *dir;   /* owned */
  IumStore *store; /* owned */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("ium-check-log-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "inventory.db", NULL);
  f->store = ium_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *db = g_build_filename (f->dir, "inventory.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (db);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static IumCheckRecord *
record_new (gint64           time,
            const char      *instrument,
            const char      *version,
            IumVerdictStatus status,
            IumCheckEvent    event,
            const char      *address)
{
  g_autoptr (IumVerdict) verdict =
    ium_verdict_new (instrument, "ibex-gui", version, "ibex-server", "12.3.2.380", status,
                     "12.3.2.380", NULL, NULL, "a message");
  g_autoptr (GDateTime) at = g_date_time_new_from_unix_utc (time);

  return ium_check_record_new_from_verdict (verdict, event, at, address);
}

static GPtrArray *
sample_batch (void)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ium_check_record_free);

  /* LARMOR: an old 11.2 client, incompatible, twice, then "Connect anyway". */
  g_ptr_array_add (batch, record_new (1000, "LARMOR", "11.2.0.5", IUM_VERDICT_INCOMPATIBLE,
                                      IUM_CHECK_EVENT_CHECK, "10.0.0.1"));
  g_ptr_array_add (batch, record_new (2000, "LARMOR", "11.2.0.5", IUM_VERDICT_INCOMPATIBLE,
                                      IUM_CHECK_EVENT_CHECK, "10.0.0.2"));
  g_ptr_array_add (batch, record_new (2001, "LARMOR", "11.2.0.5", IUM_VERDICT_INCOMPATIBLE,
                                      IUM_CHECK_EVENT_CONNECT_ANYWAY, "10.0.0.2"));
  /* LARMOR: an up-to-date client. */
  g_ptr_array_add (
    batch, record_new (1500, "LARMOR", "12.3.2.380", IUM_VERDICT_OK, IUM_CHECK_EVENT_CHECK, NULL));
  /* ZOOM: one client whose verdict changed (the server was upgraded between checks). */
  g_ptr_array_add (batch, record_new (3000, "ZOOM", "12.2.0.300", IUM_VERDICT_OK,
                                      IUM_CHECK_EVENT_CHECK, "10.0.1.1"));
  g_ptr_array_add (batch, record_new (4000, "ZOOM", "12.2.0.300", IUM_VERDICT_UPDATE_AVAILABLE,
                                      IUM_CHECK_EVENT_CHECK, "10.0.1.9"));
  return batch;
}

static void
test_append_and_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) batch = sample_batch ();
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) larmor = NULL;
  g_autoptr (GPtrArray) recent = NULL;
  g_autoptr (GPtrArray) newest = NULL;
  g_autoptr (GDateTime) since = g_date_time_new_from_unix_utc (2000);
  const IumCheckRecord *r;

  g_assert_true (ium_store_append_checks (f->store, batch, &error));
  g_assert_no_error (error);

  all = ium_store_list_checks (f->store, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 6);
  /* Oldest first, whatever order they were appended in. */
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (((IumCheckRecord *) all->pdata[i - 1])->time, <=,
                     ((IumCheckRecord *) all->pdata[i])->time);
  r = all->pdata[0];
  g_assert_cmpstr (r->instrument, ==, "LARMOR");
  g_assert_cmpstr (r->component, ==, "ibex-gui");
  g_assert_cmpstr (r->version, ==, "11.2.0.5");
  g_assert_cmpint (r->status, ==, IUM_VERDICT_INCOMPATIBLE);
  g_assert_cmpstr (r->server_version, ==, "12.3.2.380");
  g_assert_cmpstr (r->recommended, ==, "12.3.2.380");
  g_assert_cmpstr (r->address, ==, "10.0.0.1");
  g_assert_cmpint (r->event, ==, IUM_CHECK_EVENT_CHECK);

  larmor = ium_store_list_checks (f->store, NULL, "LARMOR", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (larmor->len, ==, 4);

  recent = ium_store_list_checks (f->store, since, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 4);
  g_assert_cmpint (((IumCheckRecord *) recent->pdata[0])->time, ==, 2000);
  g_assert_cmpint (((IumCheckRecord *) recent->pdata[1])->event, ==,
                   IUM_CHECK_EVENT_CONNECT_ANYWAY);

  /* A limit keeps the newest, still oldest first. */
  newest = ium_store_list_checks (f->store, NULL, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 2);
  g_assert_cmpint (((IumCheckRecord *) newest->pdata[0])->time, ==, 3000);
  g_assert_cmpint (((IumCheckRecord *) newest->pdata[1])->time, ==, 4000);
}

static void
test_clients_seen (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) batch = sample_batch ();
  g_autoptr (GPtrArray) seen = NULL;
  g_autoptr (GPtrArray) late = NULL;
  g_autoptr (GDateTime) since = g_date_time_new_from_unix_utc (3500);
  const IumClientSeen *s;

  g_assert_true (ium_store_append_checks (f->store, batch, &error));
  seen = ium_store_list_clients_seen (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);

  s = seen->pdata[0];
  g_assert_cmpstr (s->instrument, ==, "LARMOR");
  g_assert_cmpstr (s->version, ==, "11.2.0.5");
  g_assert_cmpint (s->status, ==, IUM_VERDICT_INCOMPATIBLE);
  g_assert_cmpint (s->first_seen, ==, 1000);
  g_assert_cmpint (s->last_seen, ==, 2001);
  g_assert_cmpuint (s->n_checks, ==, 3);
  g_assert_cmpuint (s->n_connect_anyway, ==, 1);
  g_assert_cmpstr (s->last_address, ==, "10.0.0.2");

  s = seen->pdata[1];
  g_assert_cmpstr (s->version, ==, "12.3.2.380");
  g_assert_cmpint (s->status, ==, IUM_VERDICT_OK);
  g_assert_cmpuint (s->n_connect_anyway, ==, 0);
  g_assert_null (s->last_address);

  /* The latest verdict wins, not the first. */
  s = seen->pdata[2];
  g_assert_cmpstr (s->instrument, ==, "ZOOM");
  g_assert_cmpint (s->status, ==, IUM_VERDICT_UPDATE_AVAILABLE);
  g_assert_cmpstr (s->last_address, ==, "10.0.1.9");
  g_assert_cmpuint (s->n_checks, ==, 2);

  late = ium_store_list_clients_seen (f->store, since, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (late->len, ==, 1);
  g_assert_cmpuint (((IumClientSeen *) late->pdata[0])->n_checks, ==, 1);
}

/* A batch that fails half-way leaves nothing of itself behind. */
static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) batch = sample_batch ();
  g_autoptr (GPtrArray) all = NULL;
  IumCheckRecord *broken = batch->pdata[3];

  /* NOT NULL on the component makes the fourth insert fail. */
  g_clear_pointer (&broken->component, g_free);
  g_assert_false (ium_store_append_checks (f->store, batch, &error));
  g_assert_error (error, IUM_STORE_ERROR, IUM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "client check log"));
  g_clear_error (&error);

  all = ium_store_list_checks (f->store, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_prune (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) batch = sample_batch ();
  g_autoptr (GPtrArray) left = NULL;
  g_autoptr (GDateTime) before = g_date_time_new_from_unix_utc (2001);
  guint n = 0;

  g_assert_true (ium_store_append_checks (f->store, batch, &error));
  g_assert_true (ium_store_prune_checks (f->store, before, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  left = ium_store_list_checks (f->store, NULL, NULL, 0, &error);
  g_assert_cmpuint (left->len, ==, 3);
  g_assert_cmpint (((IumCheckRecord *) left->pdata[0])->time, ==, 2001);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/ium/check-log/append-and-list", Fixture, NULL, fixture_set_up, test_append_and_list,
              fixture_tear_down);
  g_test_add ("/ium/check-log/clients-seen", Fixture, NULL, fixture_set_up, test_clients_seen,
              fixture_tear_down);
  g_test_add ("/ium/check-log/all-or-nothing", Fixture, NULL, fixture_set_up, test_all_or_nothing,
              fixture_tear_down);
  g_test_add ("/ium/check-log/prune", Fixture, NULL, fixture_set_up, test_prune, fixture_tear_down);

  return g_test_run ();
}
