/* ium-server-page.c: GET /, the status page people open in a browser: the facility at a
 * glance, every instrument with what it runs, its tier, flags and next downtime window, and the
 * out-of-date or incompatible clients seen in the last seven days.
 *
 * One self-contained HTML document: inline CSS, no scripts, no external assets (the
 * Content-Security-Policy forbids them), a layout that turns the tables into cards on a
 * phone, and colours that follow the system's dark mode. Every value from the inventory or the
 * check log is escaped with g_markup_escape_text(), which is right both for text and for
 * attribute values in double quotes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-server"

#include "config.h"

#include "ium-server-private.h"

#include "ium-enums.h"

#define CLIENTS_DAYS 7

static const char style[] =
  ":root{color-scheme:light dark;--bg:#f6f7f9;--fg:#1d2330;--muted:#5b6473;--card:#fff;"
  "--line:#dde1e7;--head:#eef1f5;--accent:#1c5fb8;"
  "--ok:#1a7f37;--ok-bg:#dcf5e3;--info:#1c5fb8;--info-bg:#dde9fb;--bad:#b42318;"
  "--bad-bg:#fde2df;--warn:#9a5b00;--warn-bg:#fdefd6;--odd:#6b3fa0;--odd-bg:#ece2f8;"
  "--quiet:#4a5565;--quiet-bg:#e6e9ee}"
  "@media (prefers-color-scheme:dark){:root{--bg:#14171c;--fg:#e4e7ec;--muted:#9aa3b2;"
  "--card:#1d2128;--line:#303641;--head:#252a33;--accent:#7fb0ff;"
  "--ok:#7ee2a0;--ok-bg:#173824;--info:#9cc3ff;--info-bg:#1b2c47;--bad:#ff9d92;"
  "--bad-bg:#4a1f1b;--warn:#ffcf7a;--warn-bg:#43310f;--odd:#d2b4ff;--odd-bg:#33264a;"
  "--quiet:#c3cad6;--quiet-bg:#2c323c}}"
  "*{box-sizing:border-box}"
  "body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"
  "'Segoe UI',Cantarell,'Noto Sans',sans-serif}"
  "main{max-width:1200px;margin:0 auto;padding:24px 20px 40px}"
  "h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.15rem;margin:32px 0 10px}"
  ".sub{color:var(--muted);margin:0 0 20px}"
  ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}"
  ".card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 12px}"
  ".card b{display:block;font-size:1.5rem;line-height:1.2}"
  ".card span{color:var(--muted);font-size:.85rem}"
  ".window{background:var(--card);border:1px solid var(--line);border-radius:10px;"
  "padding:12px 14px;margin-top:14px}"
  ".window strong{display:block}"
  "table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);"
  "border-radius:10px;overflow:hidden}"
  "th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}"
  "th{background:var(--head);font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;"
  "color:var(--muted)}"
  "tr:last-child td{border-bottom:0}"
  "td.name{font-weight:600}td.num{font-variant-numeric:tabular-nums}"
  ".badge{display:inline-block;border-radius:999px;padding:1px 8px;margin:1px 3px 1px 0;"
  "font-size:.78rem;font-weight:600;white-space:nowrap}"
  ".b-up-to-date,.b-ok{color:var(--ok);background:var(--ok-bg)}"
  ".b-update-available{color:var(--info);background:var(--info-bg)}"
  ".b-too-far-behind,.b-incompatible{color:var(--bad);background:var(--bad-bg)}"
  ".b-partial,.b-unsupported-tier,.b-client-newer{color:var(--warn);background:var(--warn-bg)}"
  ".b-custom{color:var(--odd);background:var(--odd-bg)}"
  ".b-pinned,.b-busy,.b-tier{color:var(--quiet);background:var(--quiet-bg)}"
  ".muted{color:var(--muted)}.empty{color:var(--muted);font-style:italic}"
  "footer{margin-top:30px;color:var(--muted);font-size:.85rem}"
  "a{color:var(--accent)}"
  "@media (max-width:700px){main{padding:16px 12px 32px}"
  "table,thead,tbody,tr,td{display:block;border:0}thead{display:none}"
  "table{background:none}"
  "tr{background:var(--card);border:1px solid var(--line);border-radius:10px;margin-bottom:10px;"
  "padding:6px 4px}"
  "td{border:0;padding:3px 10px}td[data-label]{display:flex;gap:8px}"
  "td[data-label]::before{content:attr(data-label);flex:0 0 7.5em;color:var(--muted);"
  "font-size:.8rem;padding-top:2px}td[data-label]>.v{flex:1;min-width:0}"
  "td.name{font-size:1.05rem}}";

/* Appends @text, escaped. */
static void
add_text (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

static void
add_badge (GString *out, const char *kind, const char *text)
{
  g_string_append (out, "<span class=\"badge b-");
  add_text (out, kind);
  g_string_append (out, "\">");
  add_text (out, text);
  g_string_append (out, "</span>");
}

static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M");
}

/* "2026-12-01 08:00–18:00 UTC", or both dates when it spans days. */
static char *
format_span (IumWindow *window)
{
  g_autoptr (GDateTime) start = g_date_time_to_utc (ium_window_get_start (window));
  g_autoptr (GDateTime) end = g_date_time_to_utc (ium_window_get_end (window));
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d %H:%M");
  g_autofree char *to = NULL;

  if (g_date_time_get_year (start) == g_date_time_get_year (end)
      && g_date_time_get_day_of_year (start) == g_date_time_get_day_of_year (end))
    to = g_date_time_format (end, "%H:%M");
  else
    to = g_date_time_format (end, "%Y-%m-%d %H:%M");
  return g_strdup_printf ("%s–%s UTC", from, to);
}

/* The windows that have not ended, up to and including the first for every instrument: the
 * next window of any instrument is among them. Borrowed from @inventory. */
static GPtrArray *
list_upcoming (IumInventory *inventory, GDateTime *now)
{
  GListModel *windows = ium_inventory_get_windows (inventory);
  GPtrArray  *upcoming = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (IumWindow) window = g_list_model_get_item (windows, i);

      if (g_date_time_compare (ium_window_get_end (window), now) <= 0)
        continue;
      g_ptr_array_add (upcoming, window); /* still held by the inventory */
      if (ium_window_get_instruments (window) == NULL)
        break;
    }
  return upcoming;
}

static IumWindow *
next_window_of (GPtrArray *upcoming, const char *instrument)
{
  for (guint i = 0; i < upcoming->len; i++)
    if (ium_window_applies_to (g_ptr_array_index (upcoming, i), instrument))
      return g_ptr_array_index (upcoming, i);
  return NULL;
}

static void
add_summary (GString *out, IumSnapshot *snapshot)
{
  g_string_append (out, "<section class=\"cards\" aria-label=\"Instruments by status\">");
  g_string_append_printf (out, "<div class=\"card\"><b>%u</b><span>instruments</span></div>",
                          snapshot->n_instruments);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    {
      const char *nick = ium_status_flag_to_nick (1u << bit);

      g_string_append_printf (out, "<div class=\"card\"><b>%u</b>", snapshot->flag_counts[bit]);
      add_badge (out, nick, nick);
      g_string_append (out, "</div>");
    }
  g_string_append (out, "</section>");
}

static void
add_next_window (GString *out, GPtrArray *upcoming)
{
  IumWindow         *window = upcoming->len > 0 ? g_ptr_array_index (upcoming, 0) : NULL;
  g_autofree char   *span = NULL;
  const char *const *names;

  g_string_append (out, "<div class=\"window\"><span class=\"muted\">Next downtime window</span>");
  if (window == NULL)
    {
      g_string_append (out, "<strong class=\"empty\">None planned</strong></div>");
      return;
    }
  span = format_span (window);
  g_string_append (out, "<strong>");
  add_text (out, ium_window_get_label (window));
  g_string_append (out, "</strong>");
  add_text (out, span);
  names = ium_window_get_instruments (window);
  g_string_append (out, " · ");
  if (names == NULL)
    add_text (out, "every instrument");
  else
    {
      g_autofree char *list = g_strjoinv (", ", (char **) names);
      add_text (out, list);
    }
  g_string_append (out, "</div>");
}

/* Opens a table cell; on a phone, where rows become cards, @label is shown before the value
 * (NULL: the row's title). */
static void
open_cell (GString *out, const char *label, const char *class_name)
{
  if (label == NULL)
    {
      g_string_append (out, "<td class=\"name\">");
      return;
    }
  g_string_append_printf (out, "<td data-label=\"%s\"%s%s%s><span class=\"v\">", label,
                          class_name ? " class=\"" : "", class_name ? class_name : "",
                          class_name ? "\"" : "");
}

static void
close_cell (GString *out, const char *label)
{
  g_string_append (out, label ? "</span></td>" : "</td>");
}

/* A cell holding @text, escaped. */
static void
add_cell (GString *out, const char *label, const char *text)
{
  open_cell (out, label, NULL);
  add_text (out, text);
  close_cell (out, label);
}

static void
add_instrument_row (GString *out, IumFleet *fleet, IumInstrument *instrument, GPtrArray *upcoming)
{
  IumInstrumentStatus status;
  IumWindow          *next = next_window_of (upcoming, ium_instrument_get_name (instrument));

  ium_fleet_get_status (fleet, instrument, &status);

  g_string_append (out, "<tr>");
  add_cell (out, NULL, ium_instrument_get_name (instrument));
  add_cell (out, "Site", ium_instrument_get_site (instrument));

  open_cell (out, "Runs", NULL);
  if (status.release != NULL)
    add_text (out, ium_release_get_version_text (status.release));
  else
    g_string_append (out, "<span class=\"muted\">custom</span>");
  close_cell (out, "Runs");

  add_cell (out, "Tier",
            status.release ? ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (status.release))
                           : "");
  add_cell (out, "Target", status.target ? ium_release_get_version_text (status.target) : "");

  open_cell (out, "Behind", "num");
  g_string_append_printf (out, "%u", status.behind);
  close_cell (out, "Behind");

  open_cell (out, "Flags", NULL);
  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    if (status.flags & (1u << bit))
      {
        const char *nick = ium_status_flag_to_nick (1u << bit);
        add_badge (out, nick, nick);
      }
  if (ium_instrument_get_busy (instrument) && ium_instrument_get_busy_note (instrument) != NULL)
    {
      g_string_append (out, "<br><span class=\"muted\">");
      add_text (out, ium_instrument_get_busy_note (instrument));
      g_string_append (out, "</span>");
    }
  close_cell (out, "Flags");

  open_cell (out, "Next window", NULL);
  if (next != NULL)
    {
      g_autofree char *when = format_time (ium_window_get_start (next));
      add_text (out, when);
      g_string_append (out, " <span class=\"muted\">");
      add_text (out, ium_window_get_label (next));
      g_string_append (out, "</span>");
    }
  else
    g_string_append (out, "<span class=\"muted\">none</span>");
  close_cell (out, "Next window");
  g_string_append (out, "</tr>");
}

static void
add_instruments (GString *out, IumSnapshot *snapshot, GPtrArray *upcoming)
{
  GListModel *instruments =
    ium_inventory_get_instruments (ium_fleet_get_inventory (snapshot->fleet));

  g_string_append (out, "<h2>Instruments</h2>");
  if (g_list_model_get_n_items (instruments) == 0)
    {
      g_string_append (out, "<p class=\"empty\">The inventory has no instruments yet.</p>");
      return;
    }
  g_string_append (out, "<table><thead><tr><th>Instrument</th><th>Site</th><th>Runs</th>"
                        "<th>Tier</th><th>Target</th><th>Behind</th><th>Flags</th>"
                        "<th>Next window</th></tr></thead><tbody>");
  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      add_instrument_row (out, snapshot->fleet, instrument, upcoming);
    }
  g_string_append (out, "</tbody></table>");
}

static void
add_clients (GString *out, GPtrArray *clients)
{
  guint shown = 0;

  g_string_append_printf (out, "<h2>Out-of-date and incompatible clients, last %u days</h2>",
                          (guint) CLIENTS_DAYS);
  for (guint i = 0; i < clients->len; i++)
    {
      IumClientSeen *seen = g_ptr_array_index (clients, i);
      g_autoptr (GDateTime) last = NULL;
      g_autofree char *last_text = NULL;
      const char      *nick;

      if (seen->status != IUM_VERDICT_UPDATE_AVAILABLE && seen->status != IUM_VERDICT_INCOMPATIBLE)
        continue;
      if (shown++ == 0)
        g_string_append (out,
                         "<table><thead><tr><th>Instrument</th><th>Client</th>"
                         "<th>Version</th><th>Verdict</th><th>Recommended</th>"
                         "<th>Last seen</th><th>Checks</th><th>Address</th></tr></thead><tbody>");

      nick = ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, seen->status);
      last = g_date_time_new_from_unix_utc (seen->last_seen);
      last_text = last ? format_time (last) : g_strdup ("");

      g_string_append (out, "<tr>");
      add_cell (out, NULL, seen->instrument);
      add_cell (out, "Client", seen->component);
      add_cell (out, "Version", seen->version);
      open_cell (out, "Verdict", NULL);
      add_badge (out, nick, nick);
      if (seen->n_connect_anyway > 0)
        g_string_append_printf (out, "<br><span class=\"muted\">connected anyway %u×</span>",
                                seen->n_connect_anyway);
      close_cell (out, "Verdict");
      add_cell (out, "Recommended", seen->recommended);
      open_cell (out, "Last seen", NULL);
      add_text (out, last_text);
      g_string_append (out, " UTC");
      close_cell (out, "Last seen");
      open_cell (out, "Checks", "num");
      g_string_append_printf (out, "%u", seen->n_checks);
      close_cell (out, "Checks");
      add_cell (out, "Address", seen->last_address);
      g_string_append (out, "</tr>");
    }
  if (shown == 0)
    g_string_append (out, "<p class=\"empty\">No client that asked was out of date or "
                          "incompatible.</p>");
  else
    g_string_append (out, "</tbody></table>");
}

static char *
render (IumSnapshot *snapshot, GPtrArray *clients, GDateTime *now, gsize *length)
{
  IumInventory *inventory = ium_fleet_get_inventory (snapshot->fleet);
  IumRelease   *newest = ium_inventory_get_newest_release (inventory, FALSE, IUM_TIER_OFFICIAL);
  const char   *facility = ium_inventory_get_facility (inventory);
  g_autoptr (GPtrArray) upcoming = list_upcoming (inventory, now);
  g_autoptr (GDateTime) loaded = g_date_time_new_from_unix_utc (snapshot->built / G_USEC_PER_SEC);
  g_autofree char *now_text = format_time (now);
  g_autofree char *loaded_text = format_time (loaded);
  GString         *out = g_string_sized_new (4096 + 700 * (gsize) snapshot->n_instruments);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        "<meta name=\"color-scheme\" content=\"light dark\"><title>");
  add_text (out, facility ? facility : "Instrument Update Manager");
  g_string_append (out, " · instrument status</title><style>");
  g_string_append (out, style);
  g_string_append (out, "</style></head><body><main><h1>");
  add_text (out, facility ? facility : "Instrument Update Manager");
  g_string_append (out, "</h1><p class=\"sub\">Instrument status at ");
  add_text (out, now_text);
  g_string_append (out, " UTC · newest official release ");
  add_text (out, newest ? ium_release_get_version_text (newest) : "(none)");
  g_string_append (out, "</p>");

  add_summary (out, snapshot);
  add_next_window (out, upcoming);
  add_clients (out, clients);
  add_instruments (out, snapshot, upcoming);

  g_string_append (out, "<footer>Instrument Update Manager · inventory loaded ");
  add_text (out, loaded_text);
  g_string_append (out, " UTC · machine-readable: <a href=\"/api/v1/instruments\">"
                        "/api/v1/instruments</a>, <a href=\"/metrics\">/metrics</a></footer>"
                        "</main></body></html>\n");

  *length = out->len;
  return g_string_free (out, FALSE);
}

/* GET / */
IumResponse *
ium_server_handle_page (IumRequest *request)
{
  g_autoptr (IumSnapshot) snapshot = ium_server_dup_snapshot (request->server);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) since = g_date_time_add_days (now, -CLIENTS_DAYS);
  g_autoptr (GPtrArray) clients = NULL;
  g_autoptr (GError) error = NULL;
  IumResponse *response;
  char        *html;
  gsize        length;

  clients = ium_store_list_clients_seen (request->server->store, since, &error);
  if (clients == NULL)
    return ium_response_from_error (error);

  g_mutex_lock (&snapshot->models_lock);
  html = render (snapshot, clients, now, &length);
  g_mutex_unlock (&snapshot->models_lock);
  response =
    ium_response_new (SOUP_STATUS_OK, "text/html; charset=utf-8", g_bytes_new_take (html, length));
  ium_response_add_header (response, "Content-Security-Policy",
                           "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                           "form-action 'none'; frame-ancestors 'none'");
  return response;
}
