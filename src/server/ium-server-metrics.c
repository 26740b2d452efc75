/* ium-server-metrics.c: GET /metrics in the Prometheus text exposition format 0.0.4: client
 * checks by verdict, instruments by status flag, the snapshot and the check log, and requests
 * by HTTP status. Every figure is a counter or a number kept as it changes, so a scrape costs
 * nothing per instrument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

#include "ium-enums.h"

static void
begin (GString *out, const char *name, const char *type, const char *help)
{
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void
add_value (GString *out, const char *name, const char *labels, double value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* Counts print as whole numbers; the C locale's dot for the rest. */
  if (value == (double) (gint64) value)
    g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_ascii_formatd (number, sizeof number, "%.3f", value);
  g_string_append_printf (out, "%s%s%s%s %s\n", name, labels ? "{" : "", labels ? labels : "",
                          labels ? "}" : "", number);
}

static void
add_simple (GString *out, const char *name, const char *type, const char *help, double value)
{
  begin (out, name, type, help);
  add_value (out, name, NULL, value);
}

/* GET /metrics */
IumResponse *
ium_server_handle_metrics (IumRequest *request)
{
  static const guint codes[] = { IUM_SERVER_COUNTED_CODES };
  IumServer         *self = request->server;
  IumServerCounters *c = &self->counters;
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (self);
  GString *out = g_string_sized_new (4096);
  gint64   now = g_get_real_time ();
  gsize    length;

  begin (out, "ium_client_checks_total", "counter",
         "Client checks answered since the server started, by verdict.");
  for (guint s = IUM_VERDICT_OK; s <= IUM_VERDICT_INCOMPATIBLE; s++)
    {
      g_autofree char *labels =
        g_strdup_printf ("status=\"%s\"", ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, s));
      add_value (out, "ium_client_checks_total", labels, ium_counter_get (&c->checks[s]));
    }

  begin (out, "ium_client_check_errors_total", "counter",
         "Client checks refused: 400 a missing or bad parameter, 404 an unknown instrument, "
         "component or rule.");
  add_value (out, "ium_client_check_errors_total", "code=\"400\"",
             ium_counter_get (&c->check_errors[0]));
  add_value (out, "ium_client_check_errors_total", "code=\"404\"",
             ium_counter_get (&c->check_errors[1]));

  add_simple (out, "ium_client_connect_anyway_total", "counter",
              "Users of incompatible clients who chose to connect anyway.",
              ium_counter_get (&c->connect_anyway));

  begin (out, "ium_instruments", "gauge", "Instruments with each status flag.");
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    {
      g_autofree char *labels =
        g_strdup_printf ("flag=\"%s\"", ium_status_flag_to_nick (1u << bit));
      add_value (out, "ium_instruments", labels, snapshot->flag_counts[bit]);
    }
  add_simple (out, "ium_instruments_total", "gauge", "Instruments in the inventory.",
              snapshot->n_instruments);

  add_simple (out, "ium_snapshot_reloads_total", "counter",
              "Times the inventory was reloaded because the database changed.",
              ium_counter_get (&c->reloads));
  add_simple (out, "ium_snapshot_reload_failures_total", "counter",
              "Reloads that failed (the previous inventory kept being served).",
              ium_counter_get (&c->reload_failures));
  add_simple (out, "ium_snapshot_age_seconds", "gauge",
              "Seconds since the inventory in memory was loaded (it is reloaded only when the "
              "database changes).",
              (now - snapshot->built) / (double) G_USEC_PER_SEC);
  add_simple (out, "ium_snapshot_generation", "gauge",
              "Which load of the inventory is served: 1 at start, one more per reload.",
              snapshot->generation);

  add_simple (out, "ium_check_log_queue_length", "gauge",
              "Client checks waiting to be written to the check log.",
              ium_server_get_queue_length (self));
  add_simple (out, "ium_check_log_written_total", "counter",
              "Client checks written to the check log.", ium_counter_get (&c->log_written));
  add_simple (out, "ium_check_log_dropped_total", "counter",
              "Client checks dropped because the queue was full while the database could not "
              "be written.",
              ium_counter_get (&c->log_dropped));
  add_simple (out, "ium_check_log_write_failures_total", "counter",
              "Failed writes of the check log (retried).", ium_counter_get (&c->log_failures));

  begin (out, "ium_http_requests_total", "counter", "HTTP requests answered, by status code.");
  for (guint i = 0; i < IUM_SERVER_N_CODES; i++)
    {
      g_autofree char *labels = i < G_N_ELEMENTS (codes) ? g_strdup_printf ("code=\"%u\"", codes[i])
                                                         : g_strdup ("code=\"other\"");
      add_value (out, "ium_http_requests_total", labels, ium_counter_get (&c->requests[i]));
    }

  add_simple (out, "ium_http_fast_answers_total", "counter",
              "Client checks on plain HTTP answered without libsoup's message machinery "
              "(counted in ium_http_requests_total too).",
              ium_counter_get (&c->fast_answers));
  add_simple (out, "ium_http_connections_handed_over_total", "counter",
              "Plain HTTP connections given to libsoup for a request other than a client check.",
              ium_counter_get (&c->handovers));

  add_simple (out, "ium_server_start_time_seconds", "gauge",
              "When the server started, in seconds since 1970.",
              (double) (self->started / G_USEC_PER_SEC));

  length = out->len;
  return ium_response_new (SOUP_STATUS_OK, "text/plain; version=0.0.4; charset=utf-8",
                           g_bytes_new_take (g_string_free (out, FALSE), length));
}
