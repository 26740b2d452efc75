/* bench-client.c: how long a client waits for its verdict through libium-client.
 *
 *   bench-client URL [--checks N]
 *
 * Against a running `ium serve` at URL (with the demo facility), it times N checks one after
 * another through one IumClient (so the connection is kept open), asynchronously and then
 * synchronously, cycling through LARMOR's four verdicts, and prints checks per second and
 * the latency percentiles. Then it times how long a client takes to learn that a dead port is
 * unreachable. It prints figures and never fails on timing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "libium-client.h"

#include <stdlib.h>

static const char *const versions[] = {
  "12.3.2.380", /* ok */
  "12.3.0.350", /* update-available */
  "12.4.0.1",   /* client-newer */
  "11.2.0.5",   /* incompatible */
};

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static IumVerdict *
check (IumClient *client, gboolean sync, const char *version, GError **error)
{
  Wait wait = { 0 };
  g_autoptr (GAsyncResult) result = NULL;

  if (sync)
    return ium_client_check_sync (client, "LARMOR", "ibex-gui", version, NULL, error);

  ium_client_check_async (client, "LARMOR", "ibex-gui", version, NULL, done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&wait.result);
  return ium_client_check_finish (client, result, error);
}

static int
compare_times (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
percentile_ms (GArray *times, double fraction)
{
  guint index = (guint) (fraction * (times->len - 1));

  return g_array_index (times, gint64, index) / 1000.0;
}

static gboolean
run (IumClient *client, gboolean sync, guint n_checks, gboolean quiet)
{
  g_autoptr (GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_checks);
  gint64 start = g_get_monotonic_time ();
  double seconds;

  for (guint i = 0; i < n_checks; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IumVerdict) verdict = NULL;
      gint64 before = g_get_monotonic_time ();
      gint64 took;

      verdict = check (client, sync, versions[i % G_N_ELEMENTS (versions)], &error);
      if (verdict == NULL)
        {
          g_printerr ("bench-client: %s\n", error->message);
          return FALSE;
        }
      took = g_get_monotonic_time () - before;
      g_array_append_val (times, took);
    }

  if (quiet)
    return TRUE;

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_array_sort (times, compare_times);
  g_print ("%-5s checks: %u in %.3f s = %.0f checks/s; latency p50 %.3f ms, p90 %.3f ms, "
           "p99 %.3f ms, max %.3f ms\n",
           sync ? "sync" : "async", n_checks, seconds, n_checks / seconds,
           percentile_ms (times, 0.50), percentile_ms (times, 0.90), percentile_ms (times, 0.99),
           percentile_ms (times, 1.0));
  return TRUE;
}

/* A port nothing listens on: bound, never listened on, closed at the end. */
static char *
dead_url (GSocket **socket)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_socket_bind (*socket, address, FALSE, NULL);
  bound = g_socket_get_local_address (*socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static void
run_unreachable (guint n_checks)
{
  g_autoptr (GSocket) socket = NULL;
  g_autofree char *url = dead_url (&socket);
  g_autoptr (IumClient) client = ium_client_new (url);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n_checks; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IumVerdict) verdict = check (client, FALSE, versions[0], &error);

      g_assert (verdict == NULL);
    }

  g_print ("dead port: unreachable after %.3f ms on average (%u checks)\n",
           (g_get_monotonic_time () - start) / 1000.0 / n_checks, n_checks);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("URL");
  g_autoptr (IumClient) client = NULL;
  g_autoptr (GError) error = NULL;
  int                n_checks = 10000;
  const GOptionEntry entries[] = { { "checks", 'n', 0, G_OPTION_ARG_INT, &n_checks,
                                     "Checks per mode (default 10000)", "N" },
                                   { NULL } };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || n_checks < 1)
    {
      g_printerr ("usage: bench-client URL [--checks N]\n");
      return 2;
    }

  client = ium_client_new (argv[1]);
  /* Warm up: the first request opens the connection. */
  if (!run (client, FALSE, 100, TRUE))
    return 1;
  if (!run (client, FALSE, (guint) n_checks, FALSE) || !run (client, TRUE, (guint) n_checks, FALSE))
    return 1;
  run_unreachable (100);

  return 0;
}
