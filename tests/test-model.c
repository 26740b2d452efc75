/* test-model.c: the item objects of the inventory, the verdict and the enum helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ium-component.h"
#include "ium-cycle.h"
#include "ium-enums.h"
#include "ium-host.h"
#include "ium-instrument.h"
#include "ium-release.h"
#include "ium-rule.h"
#include "ium-types.h"
#include "ium-verdict.h"
#include "ium-version.h"
#include "ium-window.h"

static void
count_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
count_signal_cb (gpointer instance, guint *count)
{
  (*count)++;
}

/* Counts "notify::@property" emissions on @object. */
static void
watch (gpointer object, const char *property, guint *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  *count = 0;
  g_signal_connect (object, signal, G_CALLBACK (count_cb), count);
}

static IumVersion *
parse_quad (const char *text)
{
  g_autoptr (GError) error = NULL;
  IumVersion *version = ium_version_parse (IUM_SCHEME_QUAD, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (version);
  return version;
}

static void
test_enum_nicks (void)
{
  g_autofree char *tiers = NULL;
  g_autofree char *statuses = NULL;
  IumStatusFlags   flag = 0;
  int              value = -1;

  g_assert_cmpstr (ium_enum_to_nick (IUM_TYPE_TIER, IUM_TIER_OFFICIAL), ==, "official");
  g_assert_cmpstr (ium_enum_to_nick (IUM_TYPE_TIER, IUM_TIER_INTERNAL), ==, "internal");
  g_assert_cmpstr (ium_enum_to_nick (IUM_TYPE_COMPAT_POLICY, IUM_COMPAT_POLICY_MINOR_BACKWARD), ==,
                   "minor-backward");
  g_assert_cmpstr (ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, IUM_VERDICT_UPDATE_AVAILABLE), ==,
                   "update-available");
  g_assert_cmpstr (ium_enum_to_nick (IUM_TYPE_SCHEME, IUM_SCHEME_CALVER), ==, "calver");
  g_assert_cmpstr (ium_enum_to_nick (IUM_TYPE_ROLE, IUM_ROLE_LIBRARY), ==, "library");
  g_assert_cmpstr (ium_enum_to_nick (IUM_TYPE_COMPAT_RESULT, IUM_COMPAT_CLIENT_NEWER), ==,
                   "client-newer");
  g_assert_null (ium_enum_to_nick (IUM_TYPE_TIER, 42));
  g_assert_null (ium_enum_to_nick (IUM_TYPE_TIER, -1));

  g_assert_true (ium_enum_from_nick (IUM_TYPE_TIER, "test", &value));
  g_assert_cmpint (value, ==, IUM_TIER_TEST);
  g_assert_true (ium_enum_from_nick (IUM_TYPE_COMPAT_POLICY, "same-minor", &value));
  g_assert_cmpint (value, ==, IUM_COMPAT_POLICY_SAME_MINOR);
  g_assert_true (ium_enum_from_nick (IUM_TYPE_TIER, "internal", NULL));

  /* Refused spellings leave the output alone. */
  value = -1;
  g_assert_false (ium_enum_from_nick (IUM_TYPE_TIER, "beta", &value));
  g_assert_false (ium_enum_from_nick (IUM_TYPE_TIER, "Official", &value));
  g_assert_false (ium_enum_from_nick (IUM_TYPE_TIER, "IUM_TIER_OFFICIAL", &value));
  g_assert_false (ium_enum_from_nick (IUM_TYPE_TIER, "", &value));
  g_assert_false (ium_enum_from_nick (IUM_TYPE_TIER, NULL, &value));
  g_assert_cmpint (value, ==, -1);

  tiers = ium_enum_list_nicks (IUM_TYPE_TIER);
  g_assert_cmpstr (tiers, ==, "official, test, internal");
  statuses = ium_enum_list_nicks (IUM_TYPE_VERDICT_STATUS);
  g_assert_cmpstr (statuses, ==, "ok, update-available, client-newer, incompatible");

  g_assert_cmpstr (ium_status_flag_to_nick (IUM_FLAG_UP_TO_DATE), ==, "up-to-date");
  g_assert_cmpstr (ium_status_flag_to_nick (IUM_FLAG_UPDATE_AVAILABLE), ==, "update-available");
  g_assert_cmpstr (ium_status_flag_to_nick (IUM_FLAG_TOO_FAR_BEHIND), ==, "too-far-behind");
  g_assert_cmpstr (ium_status_flag_to_nick (IUM_FLAG_UNSUPPORTED_TIER), ==, "unsupported-tier");
  g_assert_cmpstr (ium_status_flag_to_nick (IUM_FLAG_BUSY), ==, "busy");
  /* Only single flags have a nick. */
  g_assert_null (ium_status_flag_to_nick (IUM_FLAG_BUSY | IUM_FLAG_PINNED));
  g_assert_null (ium_status_flag_to_nick (0));
  g_assert_null (ium_status_flag_to_nick (1 << IUM_N_STATUS_FLAGS));

  g_assert_true (ium_status_flag_from_nick ("partial", &flag));
  g_assert_cmpint (flag, ==, IUM_FLAG_PARTIAL);
  g_assert_true (ium_status_flag_from_nick ("pinned", &flag));
  g_assert_cmpint (flag, ==, IUM_FLAG_PINNED);
  g_assert_false (ium_status_flag_from_nick ("stale", &flag));
  g_assert_false (ium_status_flag_from_nick (NULL, &flag));
  g_assert_cmpint (flag, ==, IUM_FLAG_PINNED);

  /* Every flag has a nick that reads back to it. */
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    {
      const char    *nick = ium_status_flag_to_nick (1 << i);
      IumStatusFlags back = 0;

      g_assert_nonnull (nick);
      g_assert_true (ium_status_flag_from_nick (nick, &back));
      g_assert_cmpint (back, ==, 1 << i);
    }
}

static void
test_component (void)
{
  g_autoptr (IumComponent) component = NULL;
  g_autofree char *id = NULL;
  guint            name_count, role_count, scheme_count;

  component = ium_component_new ("ibex-gui", "IBEX GUI", IUM_ROLE_CLIENT, IUM_SCHEME_QUAD);
  g_assert_cmpstr (ium_component_get_id (component), ==, "ibex-gui");
  g_assert_cmpstr (ium_component_get_name (component), ==, "IBEX GUI");
  g_assert_cmpint (ium_component_get_role (component), ==, IUM_ROLE_CLIENT);
  g_assert_cmpint (ium_component_get_scheme (component), ==, IUM_SCHEME_QUAD);

  g_object_get (component, "id", &id, NULL);
  g_assert_cmpstr (id, ==, "ibex-gui");

  watch (component, "name", &name_count);
  watch (component, "role", &role_count);
  watch (component, "scheme", &scheme_count);

  ium_component_set_name (component, "IBEX client");
  ium_component_set_name (component, "IBEX client");
  g_assert_cmpuint (name_count, ==, 1);
  g_assert_cmpstr (ium_component_get_name (component), ==, "IBEX client");
  ium_component_set_name (component, NULL);
  g_assert_cmpuint (name_count, ==, 2);
  g_assert_null (ium_component_get_name (component));

  ium_component_set_role (component, IUM_ROLE_CLIENT);
  g_assert_cmpuint (role_count, ==, 0);
  ium_component_set_role (component, IUM_ROLE_LIBRARY);
  g_assert_cmpuint (role_count, ==, 1);

  g_object_set (component, "scheme", IUM_SCHEME_SEMVER, NULL);
  g_object_set (component, "scheme", IUM_SCHEME_SEMVER, NULL);
  g_assert_cmpuint (scheme_count, ==, 1);
  g_assert_cmpint (ium_component_get_scheme (component), ==, IUM_SCHEME_SEMVER);
}

static void
test_rule (void)
{
  g_autoptr (IumRule) rule = NULL;
  guint server_count, policy_count;

  rule = ium_rule_new ("ibex-gui", "ibex-server", IUM_COMPAT_POLICY_MINOR_BACKWARD);
  g_assert_cmpstr (ium_rule_get_client (rule), ==, "ibex-gui");
  g_assert_cmpstr (ium_rule_get_server (rule), ==, "ibex-server");
  g_assert_cmpint (ium_rule_get_policy (rule), ==, IUM_COMPAT_POLICY_MINOR_BACKWARD);

  watch (rule, "server", &server_count);
  watch (rule, "policy", &policy_count);

  ium_rule_set_server (rule, "ibex-server");
  ium_rule_set_policy (rule, IUM_COMPAT_POLICY_MINOR_BACKWARD);
  g_assert_cmpuint (server_count, ==, 0);
  g_assert_cmpuint (policy_count, ==, 0);

  ium_rule_set_server (rule, "genie-server");
  ium_rule_set_policy (rule, IUM_COMPAT_POLICY_EXACT);
  g_assert_cmpuint (server_count, ==, 1);
  g_assert_cmpuint (policy_count, ==, 1);
  g_assert_cmpstr (ium_rule_get_server (rule), ==, "genie-server");
  g_assert_cmpint (ium_rule_get_policy (rule), ==, IUM_COMPAT_POLICY_EXACT);
}

static void
test_release (void)
{
  g_autoptr (IumRelease) release = NULL;
  g_auto (GStrv) ids = NULL;
  IumVersion *version;
  IumVersion *got = NULL;
  guint       tier_count, date_count, notes_count, patch_count, url_count;

  /* The release keeps its own copy of the version. */
  version = parse_quad ("12.0.1.130");
  release = ium_release_new (version, IUM_TIER_OFFICIAL);
  ium_version_free (version);

  g_assert_cmpstr (ium_release_get_version_text (release), ==, "12.0.1.130");
  g_assert_cmpuint (ium_version_get_patch (ium_release_get_version (release)), ==, 1);
  g_object_get (release, "version", &got, NULL);
  g_assert_nonnull (got);
  g_assert_cmpstr (ium_version_get_text (got), ==, "12.0.1.130");
  ium_version_free (got);

  g_assert_cmpint (ium_release_get_tier (release), ==, IUM_TIER_OFFICIAL);
  g_assert_null (ium_release_get_date (release));
  g_assert_null (ium_release_get_patch_of (release));
  g_assert_false (ium_release_is_patch (release));

  watch (release, "tier", &tier_count);
  watch (release, "date", &date_count);
  watch (release, "notes", &notes_count);
  watch (release, "patch-of", &patch_count);
  watch (release, "url", &url_count);

  ium_release_set_tier (release, IUM_TIER_OFFICIAL);
  ium_release_set_tier (release, IUM_TIER_TEST);
  ium_release_set_date (release, "2025-02-03");
  ium_release_set_date (release, "2025-02-03");
  ium_release_set_notes (release, "Fixes");
  ium_release_set_notes (release, "Fixes");
  ium_release_set_url (release, "https://downloads.example.org/ibex/12.0.1.130");
  ium_release_set_url (release, "https://downloads.example.org/ibex/12.0.1.130");
  ium_release_set_patch_of (release, "12.0.0.100");
  ium_release_set_patch_of (release, "12.0.0.100");
  g_assert_cmpuint (tier_count, ==, 1);
  g_assert_cmpuint (date_count, ==, 1);
  g_assert_cmpuint (notes_count, ==, 1);
  g_assert_cmpuint (url_count, ==, 1);
  g_assert_cmpuint (patch_count, ==, 1);
  g_assert_cmpint (ium_release_get_tier (release), ==, IUM_TIER_TEST);
  g_assert_cmpstr (ium_release_get_date (release), ==, "2025-02-03");
  g_assert_cmpstr (ium_release_get_notes (release), ==, "Fixes");
  g_assert_cmpstr (ium_release_get_url (release), ==,
                   "https://downloads.example.org/ibex/12.0.1.130");
  g_assert_cmpstr (ium_release_get_patch_of (release), ==, "12.0.0.100");
  g_assert_true (ium_release_is_patch (release));

  ium_release_set_patch_of (release, NULL);
  g_assert_false (ium_release_is_patch (release));
  g_assert_cmpuint (patch_count, ==, 2);

  /* Components without an explicit version are at the release's own version. */
  g_assert_nonnull (ium_release_get_components (release));
  g_assert_cmpuint (g_hash_table_size (ium_release_get_components (release)), ==, 0);
  g_assert_cmpstr (ium_release_get_component_version (release, "ibex-server"), ==, "12.0.1.130");

  ium_release_set_component (release, "genie-python", "3.2.1");
  ium_release_set_component (release, "ibex-gui", "12.0.1.131");
  ium_release_set_component (release, "ibex-gui", "12.0.1.132");
  g_assert_cmpuint (g_hash_table_size (ium_release_get_components (release)), ==, 2);
  g_assert_cmpstr (ium_release_get_component_version (release, "genie-python"), ==, "3.2.1");
  g_assert_cmpstr (ium_release_get_component_version (release, "ibex-gui"), ==, "12.0.1.132");
  g_assert_cmpstr (ium_release_get_component_version (release, "ibex-server"), ==, "12.0.1.130");

  ium_release_set_component (release, "zz-tool", "1");
  ids = ium_release_dup_component_ids (release);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "genie-python");
  g_assert_cmpstr (ids[1], ==, "ibex-gui");
  g_assert_cmpstr (ids[2], ==, "zz-tool");

  /* Dropping the explicit version falls back to the release's. */
  ium_release_set_component (release, "genie-python", NULL);
  g_assert_cmpstr (ium_release_get_component_version (release, "genie-python"), ==, "12.0.1.130");
  g_assert_cmpuint (g_hash_table_size (ium_release_get_components (release)), ==, 2);
}

static void
test_host (void)
{
  g_autoptr (IumHost) host = ium_host_new ("NDXLARMOR", "control");
  g_auto (GStrv) ids = NULL;
  guint changed = 0;
  guint role_count;

  g_assert_cmpstr (ium_host_get_name (host), ==, "NDXLARMOR");
  g_assert_cmpstr (ium_host_get_role (host), ==, "control");
  g_assert_cmpuint (ium_host_get_n_installed (host), ==, 0);
  g_assert_null (ium_host_get_installed_version (host, "ibex-server"));

  g_signal_connect (host, "changed", G_CALLBACK (count_signal_cb), &changed);
  watch (host, "role", &role_count);

  ium_host_set_installed (host, "ibex-server", "12.0.1.130");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (ium_host_get_installed_version (host, "ibex-server"), ==, "12.0.1.130");

  /* The same version again changes nothing. */
  ium_host_set_installed (host, "ibex-server", "12.0.1.130");
  g_assert_cmpuint (changed, ==, 1);

  ium_host_set_installed (host, "ibex-server", "12.0.2.5");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpstr (ium_host_get_installed_version (host, "ibex-server"), ==, "12.0.2.5");

  ium_host_set_installed (host, "ibex-gui", "12.0.2.5");
  ium_host_set_installed (host, "genie-python", "3.2.1");
  g_assert_cmpuint (changed, ==, 4);
  ids = ium_host_dup_component_ids (host);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "genie-python");
  g_assert_cmpstr (ids[1], ==, "ibex-gui");
  g_assert_cmpstr (ids[2], ==, "ibex-server");

  /* NULL removes; removing what is not there changes nothing. */
  ium_host_set_installed (host, "ibex-gui", NULL);
  g_assert_cmpuint (changed, ==, 5);
  g_assert_null (ium_host_get_installed_version (host, "ibex-gui"));
  ium_host_set_installed (host, "ibex-gui", NULL);
  g_assert_cmpuint (changed, ==, 5);
  g_assert_cmpuint (ium_host_get_n_installed (host), ==, 2);
  g_assert_cmpstr (ium_host_get_installed_nth (host, 0)->component, ==, "genie-python");
  g_assert_cmpstr (ium_host_get_installed_nth (host, 0)->version, ==, "3.2.1");
  g_assert_cmpstr (ium_host_get_installed_nth (host, 1)->component, ==, "ibex-server");
  g_assert_cmpstr (ium_host_get_installed_nth (host, 1)->version, ==, "12.0.2.5");
  /* The last one removed, and one put back. */
  ium_host_set_installed (host, "ibex-server", NULL);
  ium_host_set_installed (host, "genie-python", NULL);
  g_assert_cmpuint (ium_host_get_n_installed (host), ==, 0);
  g_assert_null (ium_host_get_installed_version (host, "genie-python"));
  ium_host_set_installed (host, "ibex-gui", "12.0.2.5");
  g_assert_cmpstr (ium_host_get_installed_version (host, "ibex-gui"), ==, "12.0.2.5");
  g_assert_cmpuint (changed, ==, 8);

  ium_host_set_role (host, "control");
  g_assert_cmpuint (role_count, ==, 0);
  ium_host_set_role (host, "cluster");
  g_assert_cmpuint (role_count, ==, 1);
}

static void
test_instrument (void)
{
  g_autoptr (IumInstrument) instrument = ium_instrument_new ("LARMOR");
  g_autoptr (IumHost) control = ium_host_new ("NDXLARMOR", "control");
  g_autoptr (IumHost) cluster = ium_host_new ("larmor-cluster", "cluster");
  g_autoptr (IumHost) control2 = ium_host_new ("NDXLARMOR", "spare");
  const char *tags[] = { "sans", "tgt2", NULL };
  const char *same_tags[] = { "sans", "tgt2", NULL };
  guint       site_count, tags_count, pin_count, busy_count, note_count;

  g_assert_cmpstr (ium_instrument_get_name (instrument), ==, "LARMOR");
  g_assert_null (ium_instrument_get_site (instrument));
  g_assert_nonnull (ium_instrument_get_tags (instrument));
  g_assert_null (ium_instrument_get_tags (instrument)[0]);
  g_assert_false (ium_instrument_has_tag (instrument, "sans"));
  g_assert_null (ium_instrument_get_pin (instrument));
  g_assert_false (ium_instrument_get_busy (instrument));
  g_assert_null (ium_instrument_get_busy_note (instrument));

  watch (instrument, "site", &site_count);
  watch (instrument, "tags", &tags_count);
  watch (instrument, "pin", &pin_count);
  watch (instrument, "busy", &busy_count);
  watch (instrument, "busy-note", &note_count);

  ium_instrument_set_site (instrument, "TS2");
  ium_instrument_set_site (instrument, "TS2");
  g_assert_cmpuint (site_count, ==, 1);
  g_assert_cmpstr (ium_instrument_get_site (instrument), ==, "TS2");

  ium_instrument_set_tags (instrument, tags);
  ium_instrument_set_tags (instrument, same_tags);
  g_assert_cmpuint (tags_count, ==, 1);
  g_assert_true (ium_instrument_has_tag (instrument, "tgt2"));
  g_assert_false (ium_instrument_has_tag (instrument, "TGT2"));
  g_assert_cmpstr (ium_instrument_get_tags (instrument)[1], ==, "tgt2");
  ium_instrument_set_tags (instrument, NULL);
  g_assert_cmpuint (tags_count, ==, 2);
  g_assert_nonnull (ium_instrument_get_tags (instrument));
  g_assert_null (ium_instrument_get_tags (instrument)[0]);

  ium_instrument_set_pin (instrument, "11.2.0.5");
  ium_instrument_set_pin (instrument, "11.2.0.5");
  g_assert_cmpuint (pin_count, ==, 1);
  ium_instrument_set_pin (instrument, NULL);
  g_assert_cmpuint (pin_count, ==, 2);
  g_assert_null (ium_instrument_get_pin (instrument));

  ium_instrument_set_busy (instrument, TRUE, "Experiment until Friday");
  g_assert_true (ium_instrument_get_busy (instrument));
  g_assert_cmpstr (ium_instrument_get_busy_note (instrument), ==, "Experiment until Friday");
  g_assert_cmpuint (busy_count, ==, 1);
  g_assert_cmpuint (note_count, ==, 1);
  ium_instrument_set_busy (instrument, TRUE, "Experiment until Friday");
  g_assert_cmpuint (busy_count, ==, 1);
  g_assert_cmpuint (note_count, ==, 1);

  /* No longer busy: the note goes too, whatever is passed. */
  ium_instrument_set_busy (instrument, FALSE, "ignored");
  g_assert_false (ium_instrument_get_busy (instrument));
  g_assert_null (ium_instrument_get_busy_note (instrument));
  g_assert_cmpuint (busy_count, ==, 2);
  g_assert_cmpuint (note_count, ==, 2);

  /* The "busy" property keeps the note while busy. */
  ium_instrument_set_busy (instrument, TRUE, "Cooling");
  g_object_set (instrument, "busy", TRUE, NULL);
  g_assert_cmpstr (ium_instrument_get_busy_note (instrument), ==, "Cooling");
  g_object_set (instrument, "busy", FALSE, NULL);
  g_assert_null (ium_instrument_get_busy_note (instrument));

  /* Hosts, in the order they were added. */
  g_assert_cmpuint (ium_instrument_get_n_hosts (instrument), ==, 0);
  g_assert_null (ium_instrument_find_host (instrument, "NDXLARMOR"));
  ium_instrument_add_host (instrument, control);
  ium_instrument_add_host (instrument, cluster);
  g_assert_cmpuint (ium_instrument_get_n_hosts (instrument), ==, 2);
  g_assert_true (ium_instrument_get_host (instrument, 0) == control);
  g_assert_true (ium_instrument_get_host (instrument, 1) == cluster);
  g_assert_null (ium_instrument_get_host (instrument, 2));
  g_assert_true (ium_instrument_find_host (instrument, "larmor-cluster") == cluster);
  g_assert_null (ium_instrument_find_host (instrument, "ndxlarmor"));

  /* Host names are unique: a second host of the same name replaces the first in place. */
  ium_instrument_add_host (instrument, control2);
  g_assert_cmpuint (ium_instrument_get_n_hosts (instrument), ==, 2);
  g_assert_true (ium_instrument_get_host (instrument, 0) == control2);
  g_assert_true (ium_instrument_find_host (instrument, "NDXLARMOR") == control2);

  /* Adding a host that is already there keeps it alive. */
  ium_instrument_add_host (instrument, ium_instrument_find_host (instrument, "larmor-cluster"));
  g_assert_cmpuint (ium_instrument_get_n_hosts (instrument), ==, 2);
  g_assert_true (ium_instrument_get_host (instrument, 1) == cluster);
}

static GDateTime *
parse_time (const char *text)
{
  GDateTime *date_time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (date_time);
  return date_time;
}

static void
test_window (void)
{
  g_autoptr (GDateTime) start = parse_time ("2025-03-01T09:00:00+01:00");
  g_autoptr (GDateTime) end = parse_time ("2025-03-01T13:00:00+01:00");
  g_autoptr (GDateTime) start_utc = parse_time ("2025-03-01T08:00:00Z");
  g_autoptr (GDateTime) end_utc = parse_time ("2025-03-01T12:00:00Z");
  g_autoptr (IumWindow) window = ium_window_new (start, end, "Machine physics");
  g_autoptr (IumWindow) same = ium_window_new (start_utc, end_utc, "Machine physics");
  g_autoptr (IumWindow) other = ium_window_new (start_utc, end_utc, "Shutdown");
  g_autofree char *key = NULL;
  g_autofree char *same_key = NULL;
  g_autofree char *other_key = NULL;
  const char      *names[] = { "LARMOR", "ZOOM", NULL };
  const char      *none[] = { NULL };
  guint            instruments_count;

  /* Times keep the offset they were given in. */
  g_assert_cmpint (g_date_time_get_utc_offset (ium_window_get_start (window)), ==,
                   G_TIME_SPAN_HOUR);
  g_assert_true (g_date_time_equal (ium_window_get_start (window), start));
  g_assert_true (g_date_time_equal (ium_window_get_end (window), end));
  g_assert_cmpstr (ium_window_get_label (window), ==, "Machine physics");

  /* The same instants in another offset have the same key. */
  key = ium_window_dup_key (window);
  same_key = ium_window_dup_key (same);
  other_key = ium_window_dup_key (other);
  g_assert_cmpstr (key, ==, "2025-03-01T08:00:00Z|2025-03-01T12:00:00Z|Machine physics");
  g_assert_cmpstr (key, ==, same_key);
  g_assert_cmpstr (key, !=, other_key);

  g_assert_null (ium_window_get_instruments (window));
  g_assert_true (ium_window_applies_to (window, "LARMOR"));
  g_assert_true (ium_window_applies_to (window, "ANYTHING"));

  watch (window, "instruments", &instruments_count);
  ium_window_set_instruments (window, names);
  ium_window_set_instruments (window, names);
  g_assert_cmpuint (instruments_count, ==, 1);
  g_assert_true (ium_window_applies_to (window, "LARMOR"));
  g_assert_true (ium_window_applies_to (window, "ZOOM"));
  g_assert_false (ium_window_applies_to (window, "SANS2D"));
  g_assert_false (ium_window_applies_to (window, "larmor"));

  /* An empty list applies to no instrument; NULL is every instrument again. */
  ium_window_set_instruments (window, none);
  g_assert_cmpuint (instruments_count, ==, 2);
  g_assert_nonnull (ium_window_get_instruments (window));
  g_assert_false (ium_window_applies_to (window, "LARMOR"));
  ium_window_set_instruments (window, NULL);
  g_assert_cmpuint (instruments_count, ==, 3);
  g_assert_true (ium_window_applies_to (window, "LARMOR"));

  /* The key does not depend on which instruments are listed. */
  g_clear_pointer (&same_key, g_free);
  same_key = ium_window_dup_key (window);
  g_assert_cmpstr (key, ==, same_key);
}

static void
test_cycle (void)
{
  g_autoptr (GDateTime) start = parse_time ("2025-04-22T08:00:00+01:00");
  g_autoptr (GDateTime) end = parse_time ("2025-05-30T08:00:00+01:00");
  g_autoptr (IumCycle) cycle = ium_cycle_new ("2025/1", start, end, TRUE);
  guint freeze_count;

  g_assert_cmpstr (ium_cycle_get_name (cycle), ==, "2025/1");
  g_assert_true (g_date_time_equal (ium_cycle_get_start (cycle), start));
  g_assert_true (g_date_time_equal (ium_cycle_get_end (cycle), end));
  g_assert_true (ium_cycle_get_freeze (cycle));

  watch (cycle, "freeze", &freeze_count);
  ium_cycle_set_freeze (cycle, TRUE);
  g_assert_cmpuint (freeze_count, ==, 0);
  ium_cycle_set_freeze (cycle, FALSE);
  g_assert_cmpuint (freeze_count, ==, 1);
  g_assert_false (ium_cycle_get_freeze (cycle));
}

static IumVerdict *
make_verdict (void)
{
  const char *warnings[] = { "partial", NULL };

  return ium_verdict_new ("LARMOR", "ibex-gui", "11.2.0.5", "ibex-server", "12.0.1.130",
                          IUM_VERDICT_INCOMPATIBLE, "12.0.1.130",
                          "https://downloads.example.org/ibex/12.0.1.130", warnings,
                          "IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.0.1.130 on LARMOR: "
                          "major versions differ. Install 12.0.1.130.");
}

static void
test_verdict_json (void)
{
  g_autoptr (IumVerdict) verdict = make_verdict ();
  g_autoptr (IumVerdict) back = NULL;
  g_autoptr (IumVerdict) bare = NULL;
  g_autoptr (IumVerdict) bare_back = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) bare_node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bare_text = NULL;
  g_autofree char *status = NULL;

  g_assert_cmpstr (ium_verdict_get_instrument (verdict), ==, "LARMOR");
  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_INCOMPATIBLE);
  g_object_get (verdict, "client-version", &status, NULL);
  g_assert_cmpstr (status, ==, "11.2.0.5");

  /* The keys of the spec, in its order. */
  node = ium_verdict_to_json (verdict);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"instrument\":\"LARMOR\",\"component\":\"ibex-gui\","
                   "\"client_version\":\"11.2.0.5\",\"server_component\":\"ibex-server\","
                   "\"server_version\":\"12.0.1.130\",\"status\":\"incompatible\","
                   "\"recommended_version\":\"12.0.1.130\","
                   "\"download_url\":\"https://downloads.example.org/ibex/12.0.1.130\","
                   "\"warnings\":[\"partial\"],"
                   "\"message\":\"IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.0.1.130 on "
                   "LARMOR: major versions differ. Install 12.0.1.130.\"}");

  back = ium_verdict_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (ium_verdict_get_instrument (back), ==, "LARMOR");
  g_assert_cmpstr (ium_verdict_get_component (back), ==, "ibex-gui");
  g_assert_cmpstr (ium_verdict_get_client_version (back), ==, "11.2.0.5");
  g_assert_cmpstr (ium_verdict_get_server_component (back), ==, "ibex-server");
  g_assert_cmpstr (ium_verdict_get_server_version (back), ==, "12.0.1.130");
  g_assert_cmpint (ium_verdict_get_status (back), ==, IUM_VERDICT_INCOMPATIBLE);
  g_assert_cmpstr (ium_verdict_get_recommended_version (back), ==, "12.0.1.130");
  g_assert_cmpstr (ium_verdict_get_download_url (back), ==,
                   "https://downloads.example.org/ibex/12.0.1.130");
  g_assert_cmpstrv (ium_verdict_get_warnings (back), ((const char *[]){ "partial", NULL }));
  g_assert_cmpstr (ium_verdict_get_message (back), ==, ium_verdict_get_message (verdict));

  /* Unknown values are null and no warnings is an empty array. */
  bare = ium_verdict_new ("ZOOM", "ibex-gui", "12.0.1.130", "ibex-server", "12.0.1.130",
                          IUM_VERDICT_OK, NULL, NULL, NULL, "Up to date.");
  g_assert_nonnull (ium_verdict_get_warnings (bare));
  g_assert_null (ium_verdict_get_warnings (bare)[0]);
  bare_node = ium_verdict_to_json (bare);
  bare_text = json_to_string (bare_node, FALSE);
  g_assert_nonnull (strstr (bare_text, "\"status\":\"ok\""));
  g_assert_nonnull (strstr (bare_text, "\"recommended_version\":null"));
  g_assert_nonnull (strstr (bare_text, "\"download_url\":null"));
  g_assert_nonnull (strstr (bare_text, "\"warnings\":[]"));

  bare_back = ium_verdict_new_from_json (bare_node, &error);
  g_assert_no_error (error);
  g_assert_null (ium_verdict_get_recommended_version (bare_back));
  g_assert_null (ium_verdict_get_download_url (bare_back));
  g_assert_null (ium_verdict_get_warnings (bare_back)[0]);
  g_assert_cmpint (ium_verdict_get_status (bare_back), ==, IUM_VERDICT_OK);
}

/* Parses the valid verdict's JSON, applies @edit and expects a refusal naming @key. */
static void
assert_rejected (const char *edit, const char *key)
{
  g_autoptr (IumVerdict) verdict = make_verdict ();
  g_autoptr (JsonNode) node = ium_verdict_to_json (verdict);
  g_autoptr (IumVerdict) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", key);
  JsonObject      *object = json_node_get_object (node);

  if (g_str_equal (edit, "remove"))
    json_object_remove_member (object, key);
  else if (g_str_equal (edit, "number"))
    json_object_set_int_member (object, key, 12);
  else if (g_str_equal (edit, "null"))
    json_object_set_null_member (object, key);
  else if (g_str_equal (edit, "object"))
    json_object_set_object_member (object, key, json_object_new ());
  else if (g_str_equal (edit, "bad-status"))
    json_object_set_string_member (object, key, "fine");
  else if (g_str_equal (edit, "bad-warning"))
    {
      JsonArray *array = json_array_new ();

      json_array_add_string_element (array, "partial");
      json_array_add_int_element (array, 3);
      json_object_set_array_member (object, key, array);
    }
  else
    g_assert_not_reached ();

  back = ium_verdict_new_from_json (node, &error);
  g_assert_null (back);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  if (strstr (error->message, quoted) == NULL)
    g_error ("“%s” of “%s”: message “%s” does not name the key", edit, key, error->message);
}

static void
test_verdict_malformed (void)
{
  static const char *keys[] = {
    "instrument", "component",           "client_version", "server_component", "server_version",
    "status",     "recommended_version", "download_url",   "warnings",         "message",
  };
  static const char *required[] = {
    "instrument",     "component", "client_version", "server_component",
    "server_version", "status",    "message",
  };
  g_autoptr (JsonNode) array = json_node_new (JSON_NODE_ARRAY);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumVerdict) verdict = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      assert_rejected ("remove", keys[i]);
      assert_rejected ("number", keys[i]);
      assert_rejected ("object", keys[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    assert_rejected ("null", required[i]);

  assert_rejected ("null", "warnings");
  assert_rejected ("bad-status", "status");
  assert_rejected ("bad-warning", "warnings");

  json_node_take_array (array, json_array_new ());
  verdict = ium_verdict_new_from_json (array, &error);
  g_assert_null (verdict);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_verdict_extra_keys (void)
{
  g_autoptr (IumVerdict) verdict = make_verdict ();
  g_autoptr (JsonNode) node = ium_verdict_to_json (verdict);
  g_autoptr (IumVerdict) back = NULL;
  g_autoptr (GError) error = NULL;

  /* A newer server may add keys; readers ignore them. */
  json_object_set_string_member (json_node_get_object (node), "hint", "later");
  back = ium_verdict_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ium_verdict_get_instrument (back), ==, "LARMOR");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/model/enum-nicks", test_enum_nicks);
  g_test_add_func ("/ium/model/component", test_component);
  g_test_add_func ("/ium/model/rule", test_rule);
  g_test_add_func ("/ium/model/release", test_release);
  g_test_add_func ("/ium/model/host", test_host);
  g_test_add_func ("/ium/model/instrument", test_instrument);
  g_test_add_func ("/ium/model/window", test_window);
  g_test_add_func ("/ium/model/cycle", test_cycle);
  g_test_add_func ("/ium/model/verdict/json", test_verdict_json);
  g_test_add_func ("/ium/model/verdict/malformed", test_verdict_malformed);
  g_test_add_func ("/ium/model/verdict/extra-keys", test_verdict_extra_keys);

  return g_test_run ();
}
