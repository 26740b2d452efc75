/* test-fleet.c: what hosts and instruments run, their status flags, and client checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ium-fleet.h"

#include "ium-enums.h"

#define URL_12_0_1 "https://downloads.example.org/ibex/12.0.1.130"

/* Small inventories built in code. Host specs are "NAME:ROLE:component=version,..." */

static IumInventory *
new_inventory (void)
{
  IumInventory *inventory = ium_inventory_new ();
  g_autoptr (IumComponent) server =
    ium_component_new ("ibex-server", "IBEX server", IUM_ROLE_SERVER, IUM_SCHEME_QUAD);
  g_autoptr (IumComponent) gui =
    ium_component_new ("ibex-gui", "IBEX GUI", IUM_ROLE_CLIENT, IUM_SCHEME_QUAD);
  g_autoptr (IumComponent) genie =
    ium_component_new ("genie-python", "genie_python", IUM_ROLE_LIBRARY, IUM_SCHEME_QUAD);
  g_autoptr (IumRule) rule =
    ium_rule_new ("ibex-gui", "ibex-server", IUM_COMPAT_POLICY_MINOR_BACKWARD);

  ium_inventory_put_component (inventory, server);
  ium_inventory_put_component (inventory, gui);
  ium_inventory_put_component (inventory, genie);
  ium_inventory_put_rule (inventory, rule);

  return inventory;
}

static IumRelease *
add_release (IumInventory *inventory, const char *text, IumTier tier)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumVersion) version = ium_version_parse (IUM_SCHEME_QUAD, text, &error);
  g_autoptr (IumRelease) release = NULL;

  g_assert_no_error (error);
  release = ium_release_new (version, tier);
  ium_inventory_put_release (inventory, release);

  return ium_inventory_lookup_release (inventory, text);
}

static IumHost *
new_host (const char *spec)
{
  g_auto (GStrv) parts = g_strsplit (spec, ":", 3);
  g_autoptr (IumHost) host = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  host = ium_host_new (parts[0], parts[1]);
  if (parts[2][0] != '\0')
    {
      g_auto (GStrv) installed = g_strsplit (parts[2], ",", -1);

      for (guint i = 0; installed[i] != NULL; i++)
        {
          g_auto (GStrv) pair = g_strsplit (installed[i], "=", 2);

          g_assert_cmpuint (g_strv_length (pair), ==, 2);
          ium_host_set_installed (host, pair[0], pair[1]);
        }
    }

  return g_steal_pointer (&host);
}

/* NULL-terminated host specs. Returns the instrument, borrowed from @inventory. */
static IumInstrument *
add_instrument (IumInventory *inventory, const char *name, const char *site, ...)
{
  g_autoptr (IumInstrument) instrument = ium_instrument_new (name);
  const char *spec;
  va_list     args;

  ium_instrument_set_site (instrument, site);
  va_start (args, site);
  while ((spec = va_arg (args, const char *)) != NULL)
    {
      g_autoptr (IumHost) host = new_host (spec);

      ium_instrument_add_host (instrument, host);
    }
  va_end (args);
  ium_inventory_put_instrument (inventory, instrument);

  return ium_inventory_lookup_instrument (inventory, name);
}

static const char *
host_release_text (IumFleet *fleet, IumInstrument *instrument, guint position)
{
  IumRelease *release =
    ium_fleet_get_host_release (fleet, ium_instrument_get_host (instrument, position));

  return release != NULL ? ium_release_get_version_text (release) : NULL;
}

static const char *
release_text (IumRelease *release)
{
  return release != NULL ? ium_release_get_version_text (release) : NULL;
}

static IumInstrumentStatus
status_of (IumFleet *fleet, const char *name)
{
  IumInstrumentStatus status;
  IumInstrument      *instrument =
    ium_inventory_lookup_instrument (ium_fleet_get_inventory (fleet), name);

  g_assert_nonnull (instrument);
  ium_fleet_get_status (fleet, instrument, &status);
  g_assert_true (status.instrument == instrument);

  return status;
}

static char *
flags_to_string (IumStatusFlags flags)
{
  g_autoptr (GString) str = g_string_new (NULL);

  for (guint bit = 0; bit < IUM_N_STATUS_FLAGS; bit++)
    {
      if ((flags & (1u << bit)) == 0)
        continue;
      if (str->len > 0)
        g_string_append_c (str, ',');
      g_string_append (str, ium_status_flag_to_nick (1u << bit));
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

#define assert_flags(status, expected)                               \
  G_STMT_START                                                       \
  {                                                                  \
    g_autofree char *flags_text_ = flags_to_string ((status).flags); \
    g_assert_cmpstr (flags_text_, ==, (expected));                   \
  }                                                                  \
  G_STMT_END

/* ---- what hosts run ---- */

static void
test_host_exact (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumInstrument *larmor;

  add_release (inventory, "12.0.0.100", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.0.1.130", IUM_TIER_OFFICIAL);
  larmor = add_instrument (inventory, "LARMOR", "TS2",
                           "NDXLARMOR:control:ibex-server=12.0.1.130,ibex-gui=12.0.1.130",
                           "OLD:control:ibex-server=12.0.0.100,ibex-gui=12.0.0.100",
                           "MIXED:control:ibex-server=12.0.1.130,ibex-gui=12.0.0.100", NULL);
  fleet = ium_fleet_new (inventory);

  g_assert_true (ium_fleet_get_inventory (fleet) == inventory);
  g_assert_cmpstr (host_release_text (fleet, larmor, 0), ==, "12.0.1.130");
  g_assert_cmpstr (host_release_text (fleet, larmor, 1), ==, "12.0.0.100");
  /* Every component must fit the same release. */
  g_assert_null (host_release_text (fleet, larmor, 2));
}

static void
test_host_spelling (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumInstrument *instrument;

  add_release (inventory, "12.1", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.2.0.0", IUM_TIER_OFFICIAL);
  instrument =
    add_instrument (inventory, "ZOOM", "TS2", "A:control:ibex-server=12.1.0.0,ibex-gui=v12.1.0",
                    "B:control:ibex-server=12.2", "C:control:ibex-server=12.1.0.1", NULL);
  fleet = ium_fleet_new (inventory);

  g_assert_cmpstr (host_release_text (fleet, instrument, 0), ==, "12.1");
  g_assert_cmpstr (host_release_text (fleet, instrument, 1), ==, "12.2.0.0");
  g_assert_null (host_release_text (fleet, instrument, 2));
}

static void
test_host_custom (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumRelease    *release;
  IumInstrument *instrument;

  release = add_release (inventory, "12.1.0.0", IUM_TIER_OFFICIAL);
  /* Only the GUI differs from the release's own version. */
  ium_release_set_component (release, "ibex-gui", "12.1.0.5");
  instrument = add_instrument (
    inventory, "WISH", "TS1", "EXPLICIT:control:ibex-server=12.1.0.0,ibex-gui=12.1.0.5",
    "IMPLICIT:control:ibex-server=12.1.0.0,ibex-gui=12.1.0.0",
    "EMPTY:cluster:", "UNKNOWN:control:ibex-server=12.1.0.0,mystery=12.1.0.0",
    "UNRELEASED:control:ibex-server=12.1.0.7", NULL);
  fleet = ium_fleet_new (inventory);

  g_assert_cmpstr (host_release_text (fleet, instrument, 0), ==, "12.1.0.0");
  g_assert_null (host_release_text (fleet, instrument, 1));
  g_assert_null (host_release_text (fleet, instrument, 2));
  g_assert_null (host_release_text (fleet, instrument, 3));
  g_assert_null (host_release_text (fleet, instrument, 4));
}

static void
test_host_newest (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumRelease    *release;
  IumInstrument *instrument;

  add_release (inventory, "12.0.0.0", IUM_TIER_OFFICIAL);
  /* A GUI-only patch release: the server stays at 12.0.0.0. */
  release = add_release (inventory, "12.0.0.1", IUM_TIER_OFFICIAL);
  ium_release_set_component (release, "ibex-server", "12.0.0.0");
  ium_release_set_component (release, "genie-python", "12.0.0.0");
  release = add_release (inventory, "12.0.0.2", IUM_TIER_OFFICIAL);
  ium_release_set_component (release, "genie-python", "12.0.0.0");
  instrument = add_instrument (inventory, "SANS2D", "TS2", "SERVER:control:ibex-server=12.0.0.0",
                               "OLDGUI:control:ibex-server=12.0.0.0,ibex-gui=12.0.0.0",
                               "GENIE:script:genie-python=12.0.0.0", NULL);
  fleet = ium_fleet_new (inventory);

  g_assert_cmpstr (host_release_text (fleet, instrument, 0), ==, "12.0.0.1");
  g_assert_cmpstr (host_release_text (fleet, instrument, 1), ==, "12.0.0.0");
  g_assert_cmpstr (host_release_text (fleet, instrument, 2), ==, "12.0.0.2");
}

static void
test_host_unindexed (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumHost) late = new_host ("LATE:control:ibex-server=12.0.0.0");
  g_autoptr (IumHost) odd = new_host ("ODD:control:ibex-server=12.0.0.9");

  add_release (inventory, "12.0.0.0", IUM_TIER_OFFICIAL);
  fleet = ium_fleet_new (inventory);

  /* A host the fleet never indexed is matched afresh. */
  g_assert_cmpstr (release_text (ium_fleet_get_host_release (fleet, late)), ==, "12.0.0.0");
  g_assert_null (ium_fleet_get_host_release (fleet, odd));
}

/* ---- what instruments run, and their flags ---- */

static void
test_instrument_partial (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumInstrumentStatus status;

  add_release (inventory, "12.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.0.0", IUM_TIER_OFFICIAL);
  add_instrument (inventory, "SPLIT", "TS1", "A:control:ibex-server=12.1.0.0",
                  "B:cluster:ibex-server=12.0.0.0", NULL);
  add_instrument (inventory, "HALFCUSTOM", "TS1", "A:control:ibex-server=12.1.0.0",
                  "B:cluster:ibex-server=12.1.0.3", NULL);
  add_instrument (inventory, "WHOLE", "TS1", "A:control:ibex-server=12.1.0.0",
                  "B:cluster:ibex-server=12.1", NULL);
  add_instrument (inventory, "NOHOSTS", "TS1", NULL);
  fleet = ium_fleet_new (inventory);

  /* The lowest release among the hosts. */
  status = status_of (fleet, "SPLIT");
  g_assert_cmpstr (release_text (status.release), ==, "12.0.0.0");
  g_assert_cmpstr (release_text (status.target), ==, "12.1.0.0");
  g_assert_cmpuint (status.behind, ==, 1);
  assert_flags (status, "update-available,partial");

  status = status_of (fleet, "HALFCUSTOM");
  g_assert_null (status.release);
  assert_flags (status, "partial,custom");

  status = status_of (fleet, "WHOLE");
  g_assert_cmpstr (release_text (status.release), ==, "12.1.0.0");
  assert_flags (status, "up-to-date");

  status = status_of (fleet, "NOHOSTS");
  g_assert_null (status.release);
  g_assert_cmpstr (release_text (status.target), ==, "12.1.0.0");
  g_assert_cmpuint (status.behind, ==, 0);
  assert_flags (status, "");
}

static void
test_instrument_flags (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumPolicy           policy = IUM_POLICY_INIT;
  IumInstrument      *instrument;
  IumInstrumentStatus status;

  policy.max_minor_behind = 1;
  ium_inventory_set_policy (inventory, &policy);
  add_release (inventory, "11.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.2.0.0", IUM_TIER_TEST);
  add_release (inventory, "12.3.0.0", IUM_TIER_INTERNAL);

  add_instrument (inventory, "CURRENT", "TS1", "A:control:ibex-server=12.1.0.0", NULL);
  add_instrument (inventory, "OLD", "TS1", "A:control:ibex-server=12.0.0.0", NULL);
  add_instrument (inventory, "ANCIENT", "TS1", "A:control:ibex-server=11.0.0.0", NULL);
  add_instrument (inventory, "TESTER", "TS1", "A:control:ibex-server=12.2.0.0", NULL);
  add_instrument (inventory, "INSIDER", "TS1", "A:control:ibex-server=12.3.0.0", NULL);
  instrument = add_instrument (inventory, "PINNED", "TS1", "A:control:ibex-server=12.0.0.0", NULL);
  ium_instrument_set_pin (instrument, "12.0");
  instrument = add_instrument (inventory, "BUSY", "TS1", "A:control:ibex-server=12.1.0.0", NULL);
  ium_instrument_set_busy (instrument, TRUE, "week-long scan");
  add_instrument (inventory, "CUSTOM", "TS1", "A:control:ibex-server=12.1.0.7", NULL);
  fleet = ium_fleet_new (inventory);

  status = status_of (fleet, "CURRENT");
  g_assert_cmpstr (release_text (status.release), ==, "12.1.0.0");
  g_assert_cmpstr (release_text (status.target), ==, "12.1.0.0");
  g_assert_cmpuint (status.behind, ==, 0);
  assert_flags (status, "up-to-date");

  status = status_of (fleet, "OLD");
  g_assert_cmpuint (status.behind, ==, 1);
  assert_flags (status, "update-available");

  status = status_of (fleet, "ANCIENT");
  g_assert_cmpuint (status.behind, ==, 2);
  assert_flags (status, "update-available,too-far-behind");

  /* Newer than the target, but not a supported tier. */
  status = status_of (fleet, "TESTER");
  g_assert_cmpstr (release_text (status.release), ==, "12.2.0.0");
  g_assert_cmpuint (status.behind, ==, 0);
  assert_flags (status, "up-to-date,unsupported-tier");

  status = status_of (fleet, "INSIDER");
  assert_flags (status, "up-to-date,unsupported-tier");

  /* Running exactly its pin: up to date although newer official releases exist. */
  status = status_of (fleet, "PINNED");
  g_assert_cmpstr (release_text (status.target), ==, "12.0.0.0");
  g_assert_cmpuint (status.behind, ==, 1);
  assert_flags (status, "up-to-date,pinned");

  status = status_of (fleet, "BUSY");
  assert_flags (status, "up-to-date,busy");

  status = status_of (fleet, "CUSTOM");
  g_assert_null (status.release);
  g_assert_cmpuint (status.behind, ==, 0);
  assert_flags (status, "custom");
}

static void
test_instrument_behind (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumInstrumentStatus status;

  add_release (inventory, "11.9.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.0.1.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.1.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.2.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.2.0.0", IUM_TIER_TEST);
  add_release (inventory, "13.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "13.0.0.1", IUM_TIER_OFFICIAL);
  add_release (inventory, "14.0.0.0", IUM_TIER_INTERNAL);

  add_instrument (inventory, "A", "TS1", "H:control:ibex-server=11.9.0.0", NULL);
  add_instrument (inventory, "B", "TS1", "H:control:ibex-server=12.0.1.0", NULL);
  add_instrument (inventory, "C", "TS1", "H:control:ibex-server=12.2.0.0", NULL);
  add_instrument (inventory, "D", "TS1", "H:control:ibex-server=13.0.0.0", NULL);
  add_instrument (inventory, "E", "TS1", "H:control:ibex-server=14.0.0.0", NULL);
  fleet = ium_fleet_new (inventory);

  /* Lines 12.0, 12.1 and 13.0; patch releases and the test line 12.2 do not count. */
  g_assert_cmpuint (status_of (fleet, "A").behind, ==, 3);
  g_assert_cmpuint (status_of (fleet, "B").behind, ==, 2);
  g_assert_cmpuint (status_of (fleet, "C").behind, ==, 1);
  /* Same line as the newest official release, but an older patch. */
  status = status_of (fleet, "D");
  g_assert_cmpuint (status.behind, ==, 0);
  g_assert_cmpstr (release_text (status.target), ==, "13.0.0.1");
  assert_flags (status, "update-available");
  g_assert_cmpuint (status_of (fleet, "E").behind, ==, 0);
  /* The default policy allows two lines. */
  assert_flags (status_of (fleet, "A"), "update-available,too-far-behind");
  assert_flags (status_of (fleet, "B"), "update-available");
}

static void
test_instrument_target (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumInstrument      *instrument;
  IumInstrumentStatus status;

  add_release (inventory, "12.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.2.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.3.0.0", IUM_TIER_TEST);

  instrument =
    add_instrument (inventory, "BELOWPIN", "TS1", "H:control:ibex-server=12.0.0.0", NULL);
  ium_instrument_set_pin (instrument, "12.1");
  instrument =
    add_instrument (inventory, "ABOVEPIN", "TS1", "H:control:ibex-server=12.2.0.0", NULL);
  ium_instrument_set_pin (instrument, "12.1.0.0");
  instrument = add_instrument (inventory, "TESTPIN", "TS1", "H:control:ibex-server=12.2.0.0", NULL);
  ium_instrument_set_pin (instrument, "12.3.0.0");
  instrument =
    add_instrument (inventory, "DANGLING", "TS1", "H:control:ibex-server=12.0.0.0", NULL);
  ium_instrument_set_pin (instrument, "99.0");
  add_instrument (inventory, "DEFAULT", "TS1", "H:control:ibex-server=12.0.0.0", NULL);
  fleet = ium_fleet_new (inventory);

  status = status_of (fleet, "BELOWPIN");
  g_assert_cmpstr (release_text (status.target), ==, "12.1.0.0");
  assert_flags (status, "update-available,pinned");

  status = status_of (fleet, "ABOVEPIN");
  g_assert_cmpstr (release_text (status.target), ==, "12.1.0.0");
  assert_flags (status, "up-to-date,pinned");

  /* A pin may name a release of any tier. */
  status = status_of (fleet, "TESTPIN");
  g_assert_cmpstr (release_text (status.target), ==, "12.3.0.0");
  assert_flags (status, "update-available,pinned");

  /* A pin to a release the inventory lacks gives no target, so neither verdict. */
  status = status_of (fleet, "DANGLING");
  g_assert_null (status.target);
  assert_flags (status, "pinned");

  status = status_of (fleet, "DEFAULT");
  g_assert_cmpstr (release_text (status.target), ==, "12.2.0.0");
  assert_flags (status, "update-available");
}

static void
test_instrument_no_target (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  IumInstrumentStatus status;

  add_release (inventory, "12.0.0.0", IUM_TIER_TEST);
  add_release (inventory, "12.1.0.0", IUM_TIER_TEST);
  add_instrument (inventory, "OLD", "TS1", "H:control:ibex-server=12.0.0.0", NULL);
  add_instrument (inventory, "ODD", "TS1", "H:control:ibex-server=11.0.0.0", NULL);
  fleet = ium_fleet_new (inventory);

  status = status_of (fleet, "OLD");
  g_assert_nonnull (status.release);
  g_assert_null (status.target);
  g_assert_cmpuint (status.behind, ==, 0);
  assert_flags (status, "unsupported-tier");

  status = status_of (fleet, "ODD");
  assert_flags (status, "custom");
}

static void
test_instrument_custom_behind (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumComponent) other =
    ium_component_new ("nicos", "NICOS", IUM_ROLE_SERVER, IUM_SCHEME_QUAD);
  g_autoptr (IumFleet) fleet = NULL;
  IumInstrumentStatus status;

  ium_inventory_put_component (inventory, other);
  add_release (inventory, "10.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "11.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.0.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.3.0", IUM_TIER_OFFICIAL);

  /* The lowest server over the hosts decides; the GUI does not. */
  add_instrument (inventory, "HOMEBREW", "TS1", "A:control:ibex-server=12.1.0.0,ibex-gui=12.1.0.0",
                  "B:cluster:ibex-server=10.0.5.0,ibex-gui=12.1.0.9", NULL);
  /* Custom is one value: hosts that are both custom do not make the instrument partial. */
  add_instrument (inventory, "TWOCUSTOM", "TS1", "A:control:ibex-server=12.0.0.5",
                  "B:cluster:ibex-server=12.0.0.6", NULL);
  add_instrument (inventory, "AHEAD", "TS1", "A:control:ibex-server=12.1.4.0", NULL);
  add_instrument (inventory, "GUIONLY", "TS1", "A:control:ibex-gui=9.0.0.1", NULL);
  /* No rule names nicos, but it is a server: the fallback for instruments without IBEX. */
  add_instrument (inventory, "OTHER", "TS1", "A:control:nicos=11.0.0.7", NULL);
  fleet = ium_fleet_new (inventory);

  status = status_of (fleet, "HOMEBREW");
  g_assert_null (status.release);
  g_assert_cmpuint (status.behind, ==, 3);
  assert_flags (status, "update-available,too-far-behind,partial,custom");

  status = status_of (fleet, "TWOCUSTOM");
  g_assert_cmpuint (status.behind, ==, 1);
  assert_flags (status, "update-available,custom");

  status = status_of (fleet, "AHEAD");
  g_assert_cmpuint (status.behind, ==, 0);
  assert_flags (status, "custom");

  status = status_of (fleet, "GUIONLY");
  g_assert_cmpuint (status.behind, ==, 0);
  assert_flags (status, "custom");

  status = status_of (fleet, "OTHER");
  g_assert_cmpuint (status.behind, ==, 2);
  assert_flags (status, "update-available,custom");
}

static void
test_fleet_snapshot (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumFleet) rebuilt = NULL;
  g_autoptr (IumInstrument) copy = ium_instrument_new ("COPY");
  g_autoptr (IumHost) host = new_host ("H:control:ibex-server=12.0.0.0");
  IumInstrument      *instrument;
  IumInstrumentStatus status;

  add_release (inventory, "12.0.0.0", IUM_TIER_OFFICIAL);
  instrument = add_instrument (inventory, "LARMOR", "TS2", "H:control:ibex-server=12.0.0.0", NULL);
  fleet = ium_fleet_new (inventory);

  /* The fleet does not follow edits; a new one does. */
  add_release (inventory, "12.1.0.0", IUM_TIER_OFFICIAL);
  ium_instrument_set_busy (instrument, TRUE, NULL);
  ium_host_set_installed (ium_instrument_get_host (instrument, 0), "ibex-server", "12.1.0.0");
  assert_flags (status_of (fleet, "LARMOR"), "up-to-date");
  g_assert_cmpstr (host_release_text (fleet, instrument, 0), ==, "12.0.0.0");
  rebuilt = ium_fleet_new (inventory);
  assert_flags (status_of (rebuilt, "LARMOR"), "up-to-date,busy");
  g_assert_cmpstr (host_release_text (rebuilt, instrument, 0), ==, "12.1.0.0");
  ium_host_set_installed (ium_instrument_get_host (instrument, 0), "ibex-server", "12.0.0.0");
  g_clear_object (&rebuilt);
  rebuilt = ium_fleet_new (inventory);
  assert_flags (status_of (rebuilt, "LARMOR"), "update-available,busy");

  /* An instrument the fleet never saw is worked out on demand. */
  ium_instrument_add_host (copy, host);
  ium_fleet_get_status (rebuilt, copy, &status);
  g_assert_cmpstr (release_text (status.release), ==, "12.0.0.0");
  g_assert_cmpstr (release_text (status.target), ==, "12.1.0.0");
  assert_flags (status, "update-available");
}

/* ---- status JSON ---- */

/* The streamed text must be what a pretty JsonGenerator makes of the tree. */
static void
assert_data_matches_tree (IumFleet *fleet, IumInstrument *only)
{
  g_autoptr (JsonNode) root = ium_fleet_status_to_json (fleet, only);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *expected = NULL;
  g_autofree char *expected_line = NULL;
  g_autofree char *data = NULL;
  gsize            length = 0;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  expected = json_generator_to_data (generator, NULL);
  expected_line = g_strconcat (expected, "\n", NULL);

  data = ium_fleet_status_to_data (fleet, only, &length);
  g_assert_cmpstr (data, ==, expected_line);
  g_assert_cmpuint (length, ==, strlen (expected_line));
}

static void
test_status_json (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) one = NULL;
  g_autoptr (JsonNode) element = NULL;
  g_autofree char *text = NULL;
  g_autofree char *one_text = NULL;
  g_autofree char *element_text = NULL;
  IumInstrument   *instrument;
  IumPolicy        policy = IUM_POLICY_INIT;

  policy.max_minor_behind = 0;
  ium_inventory_set_policy (inventory, &policy);
  add_release (inventory, "12.0.0.100", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.0.1.130", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.1.0.0", IUM_TIER_TEST);
  instrument =
    add_instrument (inventory, "LARMOR", "TS2",
                    "NDXLARMOR:control:ibex-server=12.0.0.100,ibex-gui=12.0.0.100", NULL);
  ium_instrument_set_pin (instrument, "12.0.1.130");
  instrument = add_instrument (inventory, "ZOOM", NULL,
                               "NDXZOOM:control:ibex-server=11.0.0.1,genie-python=11.0.0.1,"
                               "ibex-gui=11.0.0.2",
                               "SCRIPTS:cluster:ibex-server=12.0.1.130", NULL);
  ium_instrument_set_busy (instrument, TRUE, "commissioning");
  add_instrument (inventory, "ALF", "TS1", "NDXALF:control:ibex-server=12.1", NULL);
  fleet = ium_fleet_new (inventory);

  root = ium_fleet_status_to_json (fleet, NULL);
  text = json_to_string (root, FALSE);
  /* Instruments by name; flags in the spec's order; custom gives null release and tier. */
  g_assert_cmpstr (text, ==,
                   "{\"instruments\":["
                   "{\"name\":\"ALF\",\"site\":\"TS1\",\"release\":\"12.1.0.0\",\"tier\":\"test\","
                   "\"target\":\"12.0.1.130\",\"behind\":0,"
                   "\"flags\":[\"up-to-date\",\"unsupported-tier\"],"
                   "\"hosts\":[{\"name\":\"NDXALF\",\"role\":\"control\","
                   "\"installed\":{\"ibex-server\":\"12.1\"}}]},"
                   "{\"name\":\"LARMOR\",\"site\":\"TS2\",\"release\":\"12.0.0.100\","
                   "\"tier\":\"official\",\"target\":\"12.0.1.130\",\"behind\":0,"
                   "\"flags\":[\"update-available\",\"pinned\"],"
                   "\"hosts\":[{\"name\":\"NDXLARMOR\",\"role\":\"control\","
                   "\"installed\":{\"ibex-gui\":\"12.0.0.100\",\"ibex-server\":\"12.0.0.100\"}}]},"
                   "{\"name\":\"ZOOM\",\"site\":null,\"release\":null,\"tier\":null,"
                   "\"target\":\"12.0.1.130\",\"behind\":1,"
                   "\"flags\":[\"update-available\",\"too-far-behind\",\"partial\","
                   "\"custom\",\"busy\"],"
                   "\"hosts\":[{\"name\":\"NDXZOOM\",\"role\":\"control\","
                   "\"installed\":{\"genie-python\":\"11.0.0.1\",\"ibex-gui\":\"11.0.0.2\","
                   "\"ibex-server\":\"11.0.0.1\"}},"
                   "{\"name\":\"SCRIPTS\",\"role\":\"cluster\","
                   "\"installed\":{\"ibex-server\":\"12.0.1.130\"}}]}"
                   "]}");

  instrument = ium_inventory_lookup_instrument (inventory, "LARMOR");
  one = ium_fleet_status_to_json (fleet, instrument);
  one_text = json_to_string (one, FALSE);
  element = ium_fleet_instrument_to_json (fleet, instrument);
  element_text = json_to_string (element, FALSE);
  g_assert_true (g_str_has_prefix (one_text, "{\"instruments\":[{\"name\":\"LARMOR\""));
  g_assert_true (g_str_has_suffix (one_text, "}]}"));
  g_assert_cmpuint (strlen (one_text), ==, strlen ("{\"instruments\":[]}") + strlen (element_text));
  g_assert_nonnull (strstr (one_text, element_text));

  assert_data_matches_tree (fleet, NULL);
  assert_data_matches_tree (fleet, instrument);

  /* A host with nothing installed: an empty object, laid out as json-glib lays it out in the
   * whole document (as many spaces as its line's indentation). */
  {
    IumInstrument *bare = add_instrument (inventory, "BARE", "TS1", "NDXBARE:control:", NULL);
    g_autoptr (IumFleet) bare_fleet = ium_fleet_new (inventory);
    g_autofree char *data = ium_fleet_status_to_data (bare_fleet, NULL, NULL);

    g_assert_nonnull (strstr (data, "\n          \"installed\" : {          }\n"));
    assert_data_matches_tree (bare_fleet, NULL);
    assert_data_matches_tree (bare_fleet, bare);
  }
}

static void
test_status_json_empty (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (JsonNode) root = ium_fleet_status_to_json (fleet, NULL);
  g_autofree char *text = json_to_string (root, FALSE);

  g_assert_cmpstr (text, ==, "{\"instruments\":[]}");
  assert_data_matches_tree (fleet, NULL);
  g_assert_null (ium_fleet_check (fleet, "LARMOR", "ibex-gui", "12.0", NULL));
}

/* ---- client checks ---- */

static IumInventory *
new_check_inventory (void)
{
  IumInventory *inventory = new_inventory ();
  static const struct
  {
    const char     *id;
    IumCompatPolicy policy;
  } clients[] = {
    { "gui-sm", IUM_COMPAT_POLICY_SAME_MINOR },
    { "gui-exact", IUM_COMPAT_POLICY_EXACT },
    { "gui-any", IUM_COMPAT_POLICY_ANY },
  };
  g_autoptr (IumComponent) standalone =
    ium_component_new ("standalone", "Standalone", IUM_ROLE_CLIENT, IUM_SCHEME_QUAD);
  g_autoptr (IumComponent) nicos =
    ium_component_new ("nicos", "NICOS", IUM_ROLE_SERVER, IUM_SCHEME_QUAD);
  g_autoptr (IumComponent) nicos_gui =
    ium_component_new ("nicos-gui", "NICOS GUI", IUM_ROLE_CLIENT, IUM_SCHEME_QUAD);
  g_autoptr (IumRule) nicos_rule =
    ium_rule_new ("nicos-gui", "nicos", IUM_COMPAT_POLICY_MINOR_BACKWARD);
  IumRelease    *release;
  IumInstrument *instrument;

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr (IumComponent) component =
        ium_component_new (clients[i].id, NULL, IUM_ROLE_CLIENT, IUM_SCHEME_QUAD);
      g_autoptr (IumRule) rule = ium_rule_new (clients[i].id, "ibex-server", clients[i].policy);

      ium_inventory_put_component (inventory, component);
      ium_inventory_put_rule (inventory, rule);
    }
  ium_inventory_put_component (inventory, standalone);
  ium_inventory_put_component (inventory, nicos);
  ium_inventory_put_component (inventory, nicos_gui);
  ium_inventory_put_rule (inventory, nicos_rule);

  add_release (inventory, "11.2.0.0", IUM_TIER_OFFICIAL);
  add_release (inventory, "12.0.0.100", IUM_TIER_OFFICIAL);
  release = add_release (inventory, "12.0.1.130", IUM_TIER_OFFICIAL);
  ium_release_set_url (release, URL_12_0_1);
  ium_release_set_component (release, "gui-any", "12.0.1.131");
  add_release (inventory, "12.1.0.5", IUM_TIER_OFFICIAL);
  release = add_release (inventory, "12.1.0.10", IUM_TIER_TEST);
  ium_release_set_url (release, "https://downloads.example.org/ibex/test");
  add_release (inventory, "13.0.0.0", IUM_TIER_INTERNAL);
  add_release (inventory, "13.0.2.0", IUM_TIER_TEST);

  add_instrument (inventory, "LARMOR", "TS2",
                  "NDXLARMOR:control:ibex-server=12.0.1.130,ibex-gui=12.0.1.130", NULL);
  add_instrument (inventory, "SPLIT", "TS2", "NDXSPLIT:control:ibex-server=12.0.1.130",
                  "CLUSTER:cluster:ibex-server=12.0.0.100", "SPARE:spare:ibex-gui=12.0.0.100",
                  NULL);
  add_instrument (inventory, "AGREE", "TS2", "A:control:ibex-server=12.0.1.130",
                  "B:cluster:ibex-server=v12.0.1.130", NULL);
  instrument =
    add_instrument (inventory, "PINSAME", "TS1", "H:control:ibex-server=12.0.1.130", NULL);
  ium_instrument_set_pin (instrument, "12.0.0.100");
  instrument =
    add_instrument (inventory, "PINOTHER", "TS1", "H:control:ibex-server=12.0.1.130", NULL);
  ium_instrument_set_pin (instrument, "12.1.0.10");
  add_instrument (inventory, "TESTLINE", "TS1", "H:control:ibex-server=12.1.0.10", NULL);
  add_instrument (inventory, "INTERNAL", "TS1", "H:control:ibex-server=13.0.1.0", NULL);
  add_instrument (inventory, "NOWHERE", "TS1", "H:control:ibex-server=14.0.0.0", NULL);
  add_instrument (inventory, "NOSERVER", "TS1", "H:control:ibex-gui=12.0.0.100", NULL);

  return inventory;
}

typedef struct
{
  const char      *instrument;
  const char      *component;
  const char      *version;
  IumVerdictStatus status;
  const char      *recommended;
  const char      *url;
} CheckCase;

static void
test_check_table (void)
{
  static const CheckCase cases[] = {
    /* minor-backward */
    { "LARMOR", "ibex-gui", "12.0.1.130", IUM_VERDICT_OK, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "ibex-gui", "12.0.2.0", IUM_VERDICT_OK, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "ibex-gui", "12.0.0.100", IUM_VERDICT_UPDATE_AVAILABLE, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "ibex-gui", "12.1.0.0", IUM_VERDICT_CLIENT_NEWER, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "ibex-gui", "11.2.0.5", IUM_VERDICT_INCOMPATIBLE, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "ibex-gui", "13.0", IUM_VERDICT_INCOMPATIBLE, "12.0.1.130", URL_12_0_1 },
    /* same-minor */
    { "LARMOR", "gui-sm", "12.0.1.130", IUM_VERDICT_OK, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "gui-sm", "12.0.0.1", IUM_VERDICT_UPDATE_AVAILABLE, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "gui-sm", "12.1.0.0", IUM_VERDICT_INCOMPATIBLE, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "gui-sm", "11.0", IUM_VERDICT_INCOMPATIBLE, "12.0.1.130", URL_12_0_1 },
    /* exact (the build number never matters) */
    { "LARMOR", "gui-exact", "12.0.1.130", IUM_VERDICT_OK, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "gui-exact", "12.0.1.999", IUM_VERDICT_OK, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "gui-exact", "12.0.1.5", IUM_VERDICT_UPDATE_AVAILABLE, "12.0.1.130", URL_12_0_1 },
    { "LARMOR", "gui-exact", "12.0.0.100", IUM_VERDICT_INCOMPATIBLE, "12.0.1.130", URL_12_0_1 },
    /* any; the release's explicit map gives this client its own version */
    { "LARMOR", "gui-any", "1.0", IUM_VERDICT_UPDATE_AVAILABLE, "12.0.1.131", URL_12_0_1 },
    { "LARMOR", "gui-any", "12.0.1.131", IUM_VERDICT_OK, "12.0.1.131", URL_12_0_1 },
    { "LARMOR", "gui-any", "99", IUM_VERDICT_OK, "12.0.1.131", URL_12_0_1 },
    /* the pin wins on the instrument's own line ... */
    { "PINSAME", "ibex-gui", "12.0.0.100", IUM_VERDICT_OK, "12.0.0.100", NULL },
    { "PINSAME", "ibex-gui", "12.0.0.7", IUM_VERDICT_UPDATE_AVAILABLE, "12.0.0.100", NULL },
    /* ... but not on another: the newest official release of the server's line */
    { "PINOTHER", "ibex-gui", "12.0.0.100", IUM_VERDICT_UPDATE_AVAILABLE, "12.0.1.130",
      URL_12_0_1 },
    /* official preferred over a newer test release */
    { "TESTLINE", "ibex-gui", "12.1.0.1", IUM_VERDICT_UPDATE_AVAILABLE, "12.1.0.5", NULL },
    { "TESTLINE", "ibex-gui", "12.1.0.7", IUM_VERDICT_OK, "12.1.0.5", NULL },
    /* no official release on the line: the newest of any tier */
    { "INTERNAL", "ibex-gui", "13.0.0.0", IUM_VERDICT_UPDATE_AVAILABLE, "13.0.2.0", NULL },
    /* no release at all on the line */
    { "NOWHERE", "ibex-gui", "14.0.0.0", IUM_VERDICT_OK, NULL, NULL },
    { "NOWHERE", "ibex-gui", "14.1.0.0", IUM_VERDICT_CLIENT_NEWER, NULL, NULL },
    { "NOWHERE", "ibex-gui", "13.0.0.0", IUM_VERDICT_INCOMPATIBLE, NULL, NULL },
  };
  g_autoptr (IumInventory) inventory = new_check_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CheckCase *c = &cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (IumVerdict) verdict = NULL;

      g_test_message ("case %u: %s %s %s", i, c->instrument, c->component, c->version);
      verdict = ium_fleet_check (fleet, c->instrument, c->component, c->version, &error);
      g_assert_no_error (error);
      g_assert_nonnull (verdict);
      g_assert_cmpstr (ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, ium_verdict_get_status (verdict)),
                       ==, ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, c->status));
      g_assert_cmpstr (ium_verdict_get_instrument (verdict), ==, c->instrument);
      g_assert_cmpstr (ium_verdict_get_component (verdict), ==, c->component);
      g_assert_cmpstr (ium_verdict_get_client_version (verdict), ==, c->version);
      g_assert_cmpstr (ium_verdict_get_server_component (verdict), ==, "ibex-server");
      g_assert_cmpstr (ium_verdict_get_recommended_version (verdict), ==, c->recommended);
      g_assert_cmpstr (ium_verdict_get_download_url (verdict), ==, c->url);
      g_assert_cmpuint (g_strv_length ((char **) ium_verdict_get_warnings (verdict)), ==, 0);
      g_assert_nonnull (ium_verdict_get_message (verdict));

      /* Untranslated (this program never calls setlocale), the sentences for people are the
       * English ones word for word. */
      {
        g_autoptr (IumVerdict) shown =
          ium_fleet_check_translated (fleet, c->instrument, c->component, c->version, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (ium_verdict_get_message (shown), ==, ium_verdict_get_message (verdict));
        g_assert_cmpint (ium_verdict_get_status (shown), ==, ium_verdict_get_status (verdict));
      }
    }
}

static void
assert_message (IumFleet   *fleet,
                const char *instrument,
                const char *component,
                const char *version,
                const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IumVerdict) verdict = ium_fleet_check (fleet, instrument, component, version, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ium_verdict_get_message (verdict), ==, expected);
}

/* The line's newest release may be one a strict rule refuses: an `exact` client must be told
 * the release whose version matches its server exactly, never a newer patch. */
static void
test_check_exact_recommendation (void)
{
  g_autoptr (IumInventory) inventory = new_inventory ();
  g_autoptr (IumRule) rule = ium_rule_new ("ibex-gui", "ibex-server", IUM_COMPAT_POLICY_EXACT);
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumVerdict) old_client = NULL;
  g_autoptr (IumVerdict) new_client = NULL;
  g_autoptr (IumVerdict) right_client = NULL;

  ium_inventory_put_rule (inventory, rule);
  add_release (inventory, "3.2.0.20", IUM_TIER_OFFICIAL);
  add_release (inventory, "3.2.1.25", IUM_TIER_OFFICIAL);
  add_instrument (inventory, "LOQ", "TS1", "NDXLOQ:control:ibex-server=3.2.0.20", NULL);
  fleet = ium_fleet_new (inventory);

  old_client = ium_fleet_check (fleet, "LOQ", "ibex-gui", "3.1.0.1", NULL);
  g_assert_cmpint (ium_verdict_get_status (old_client), ==, IUM_VERDICT_INCOMPATIBLE);
  g_assert_cmpstr (ium_verdict_get_recommended_version (old_client), ==, "3.2.0.20");

  new_client = ium_fleet_check (fleet, "LOQ", "ibex-gui", "3.2.1.25", NULL);
  g_assert_cmpint (ium_verdict_get_status (new_client), ==, IUM_VERDICT_INCOMPATIBLE);
  g_assert_cmpstr (ium_verdict_get_recommended_version (new_client), ==, "3.2.0.20");
  g_assert_nonnull (strstr (ium_verdict_get_message (new_client), "Install 3.2.0.20."));

  right_client = ium_fleet_check (fleet, "LOQ", "ibex-gui", "3.2.0.20", NULL);
  g_assert_cmpint (ium_verdict_get_status (right_client), ==, IUM_VERDICT_OK);
}

static void
test_check_messages (void)
{
  g_autoptr (IumInventory) inventory = new_check_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);

  assert_message (fleet, "LARMOR", "ibex-gui", "11.2.0.5",
                  "IBEX GUI 11.2.0.5 cannot talk to the IBEX server 12.0.1.130 on LARMOR: "
                  "major versions differ. Install 12.0.1.130.");
  assert_message (fleet, "NOWHERE", "ibex-gui", "13.0.0.0",
                  "IBEX GUI 13.0.0.0 cannot talk to the IBEX server 14.0.0.0 on NOWHERE: "
                  "major versions differ. Ask support for a compatible version.");
  assert_message (fleet, "LARMOR", "ibex-gui", "12.0.0.100",
                  "IBEX GUI 12.0.0.100 works with the IBEX server 12.0.1.130 on LARMOR. "
                  "Version 12.0.1.130 is available.");
  assert_message (fleet, "LARMOR", "ibex-gui", "12.2.0.1",
                  "IBEX GUI 12.2.0.1 is newer than the IBEX server 12.0.1.130 on LARMOR and "
                  "may use features it lacks. Install 12.0.1.130 to be safe.");
  assert_message (fleet, "NOWHERE", "ibex-gui", "14.1.0.0",
                  "IBEX GUI 14.1.0.0 is newer than the IBEX server 14.0.0.0 on NOWHERE and "
                  "may use features it lacks.");
  assert_message (fleet, "LARMOR", "ibex-gui", "12.0.1.130",
                  "IBEX GUI 12.0.1.130 is up to date for LARMOR.");
  /* A component without a name is called by its id. */
  assert_message (fleet, "LARMOR", "gui-sm", "12.0.1.130",
                  "gui-sm 12.0.1.130 is up to date for LARMOR.");
}

static void
test_check_partial (void)
{
  g_autoptr (IumInventory) inventory = new_check_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GError) error = NULL;
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (IumVerdict) agreed = NULL;
  const char *const *warnings;

  verdict = ium_fleet_check (fleet, "SPLIT", "ibex-gui", "12.0.1.130", &error);
  g_assert_no_error (error);
  /* The lowest server decides. */
  g_assert_cmpstr (ium_verdict_get_server_version (verdict), ==, "12.0.0.100");
  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_OK);
  g_assert_cmpstr (ium_verdict_get_recommended_version (verdict), ==, "12.0.1.130");
  warnings = ium_verdict_get_warnings (verdict);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
  g_assert_cmpstr (warnings[0], ==,
                   "partial: the hosts of SPLIT run different ibex-server versions "
                   "(12.0.0.100, 12.0.1.130); the lowest is used");

  /* The server version a client of SPLIT is checked against, without a check. */
  g_assert_cmpstr (ium_fleet_get_server_version (fleet, "SPLIT", "ibex-gui"), ==, "12.0.0.100");
  g_assert_null (ium_fleet_get_server_version (fleet, "NOSERVER", "ibex-gui"));
  g_assert_null (ium_fleet_get_server_version (fleet, "UNKNOWN", "ibex-gui"));
  g_assert_null (ium_fleet_get_server_version (fleet, "SPLIT", "ibex-server"));
  g_assert_null (ium_fleet_get_server_version (fleet, "SPLIT", "nosuch"));

  /* Two spellings of one version are not a disagreement. */
  agreed = ium_fleet_check (fleet, "AGREE", "ibex-gui", "12.0.1.130", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) ium_verdict_get_warnings (agreed)), ==, 0);
  g_assert_cmpint (ium_verdict_get_status (agreed), ==, IUM_VERDICT_OK);
  g_assert_cmpstr (ium_fleet_get_server_version (fleet, "AGREE", "ibex-gui"), ==,
                   ium_verdict_get_server_version (agreed));
}

static void
test_check_errors (void)
{
  g_autoptr (IumInventory) inventory = new_check_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  static const struct
  {
    const char *instrument;
    const char *component;
    const char *version;
    int         code;
    const char *message; /* NULL: only check that there is one */
  } cases[] = {
    { "UNKNOWN", "ibex-gui", "12.0", IUM_CHECK_ERROR_UNKNOWN_INSTRUMENT,
      "unknown instrument “UNKNOWN”" },
    /* Instrument names are case-sensitive. */
    { "larmor", "ibex-gui", "12.0", IUM_CHECK_ERROR_UNKNOWN_INSTRUMENT, NULL },
    { "LARMOR", "ibex-gooey", "12.0", IUM_CHECK_ERROR_UNKNOWN_COMPONENT,
      "unknown component “ibex-gooey”" },
    { "LARMOR", "standalone", "12.0", IUM_CHECK_ERROR_NO_RULE,
      "no compatibility rule has “standalone” as its client" },
    /* A server is not anybody's client. */
    { "LARMOR", "ibex-server", "12.0", IUM_CHECK_ERROR_NO_RULE, NULL },
    { "LARMOR", "ibex-gui", "12.x", IUM_CHECK_ERROR_INVALID_VERSION, NULL },
    { "LARMOR", "ibex-gui", "", IUM_CHECK_ERROR_INVALID_VERSION, NULL },
    { "LARMOR", "ibex-gui", "1.2.3.4.5", IUM_CHECK_ERROR_INVALID_VERSION, NULL },
    /* The version is checked before the server is looked for. */
    { "NOSERVER", "ibex-gui", "bad", IUM_CHECK_ERROR_INVALID_VERSION, NULL },
    { "NOSERVER", "ibex-gui", "12.0", IUM_CHECK_ERROR_NO_SERVER, NULL },
    { "LARMOR", "nicos-gui", "1.0", IUM_CHECK_ERROR_NO_SERVER, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (IumVerdict) verdict = NULL;

      g_test_message ("case %u: %s %s %s", i, cases[i].instrument, cases[i].component,
                      cases[i].version);
      verdict =
        ium_fleet_check (fleet, cases[i].instrument, cases[i].component, cases[i].version, &error);
      g_assert_null (verdict);
      g_assert_error (error, IUM_CHECK_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      else
        g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_check_invalid_version_message (void)
{
  g_autoptr (IumInventory) inventory = new_check_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (IumVersion) version = NULL;

  verdict = ium_fleet_check (fleet, "LARMOR", "ibex-gui", "12.x", &error);
  g_assert_error (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_INVALID_VERSION);
  /* The parser's own words, which quote the text and say why. */
  version = ium_version_parse (IUM_SCHEME_QUAD, "12.x", &parse_error);
  g_assert_null (version);
  g_assert_cmpstr (error->message, ==, parse_error->message);
}

static void
test_check_scheme (void)
{
  g_autoptr (IumInventory) inventory = ium_inventory_new ();
  g_autoptr (IumComponent) server =
    ium_component_new ("daq", "DAQ server", IUM_ROLE_SERVER, IUM_SCHEME_SEMVER);
  g_autoptr (IumComponent) client =
    ium_component_new ("daq-ui", "DAQ UI", IUM_ROLE_CLIENT, IUM_SCHEME_SEMVER);
  g_autoptr (IumRule) rule = ium_rule_new ("daq-ui", "daq", IUM_COMPAT_POLICY_MINOR_BACKWARD);
  g_autoptr (IumFleet) fleet = NULL;
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (IumVerdict) ahead = NULL;
  g_autoptr (GError) error = NULL;
  IumRelease *release;

  /* Releases in quad, the components in semver: each is read in its own scheme. */
  ium_inventory_put_component (inventory, server);
  ium_inventory_put_component (inventory, client);
  ium_inventory_put_rule (inventory, rule);
  release = add_release (inventory, "2024.1", IUM_TIER_OFFICIAL);
  ium_release_set_component (release, "daq", "3.1.0");
  ium_release_set_component (release, "daq-ui", "3.1.2");
  add_instrument (inventory, "MARI", "TS1", "H:control:daq=3.1.0", NULL);
  fleet = ium_fleet_new (inventory);

  g_assert_cmpstr (release_text (status_of (fleet, "MARI").release), ==, "2024.1");
  verdict = ium_fleet_check (fleet, "MARI", "daq-ui", "3.1.0-rc.1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ium_verdict_get_status (verdict), ==, IUM_VERDICT_UPDATE_AVAILABLE);
  g_assert_cmpstr (ium_verdict_get_recommended_version (verdict), ==, "3.1.2");
  ahead = ium_fleet_check (fleet, "MARI", "daq-ui", "3.1.2+build.7", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ium_verdict_get_status (ahead), ==, IUM_VERDICT_OK);
  /* The four-part quad spelling is not semver. */
  g_assert_null (ium_fleet_check (fleet, "MARI", "daq-ui", "3.1.2.0", &error));
  g_assert_error (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_INVALID_VERSION);
}

static gpointer
check_thread (gpointer data)
{
  IumFleet *fleet = data;
  guint     failures = 0;

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr (IumVerdict) verdict = NULL;
      g_autoptr (GError) error = NULL;

      verdict =
        ium_fleet_check (fleet, (i % 2) ? "LARMOR" : "SPLIT", "ibex-gui", "12.0.0.100", &error);
      if (verdict == NULL || ium_verdict_get_status (verdict) != IUM_VERDICT_UPDATE_AVAILABLE
          || g_strcmp0 (ium_verdict_get_recommended_version (verdict), "12.0.1.130") != 0
          || g_strv_length ((char **) ium_verdict_get_warnings (verdict)) != ((i % 2) ? 0 : 1))
        failures++;
    }

  return GUINT_TO_POINTER (failures);
}

static void
test_check_threads (void)
{
  g_autoptr (IumInventory) inventory = new_check_inventory ();
  g_autoptr (IumFleet) fleet = ium_fleet_new (inventory);
  GThread *threads[4];

  /* One fleet answers checks from several threads at once. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("check", check_thread, fleet);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ium/fleet/host/exact", test_host_exact);
  g_test_add_func ("/ium/fleet/host/spelling", test_host_spelling);
  g_test_add_func ("/ium/fleet/host/custom", test_host_custom);
  g_test_add_func ("/ium/fleet/host/newest", test_host_newest);
  g_test_add_func ("/ium/fleet/host/unindexed", test_host_unindexed);
  g_test_add_func ("/ium/fleet/instrument/partial", test_instrument_partial);
  g_test_add_func ("/ium/fleet/instrument/flags", test_instrument_flags);
  g_test_add_func ("/ium/fleet/instrument/behind", test_instrument_behind);
  g_test_add_func ("/ium/fleet/instrument/target", test_instrument_target);
  g_test_add_func ("/ium/fleet/instrument/no-target", test_instrument_no_target);
  g_test_add_func ("/ium/fleet/instrument/custom-behind", test_instrument_custom_behind);
  g_test_add_func ("/ium/fleet/snapshot", test_fleet_snapshot);
  g_test_add_func ("/ium/fleet/status-json", test_status_json);
  g_test_add_func ("/ium/fleet/status-json-empty", test_status_json_empty);
  g_test_add_func ("/ium/fleet/check/table", test_check_table);
  g_test_add_func ("/ium/fleet/check/messages", test_check_messages);
  g_test_add_func ("/ium/fleet/check/exact-recommendation", test_check_exact_recommendation);
  g_test_add_func ("/ium/fleet/check/partial", test_check_partial);
  g_test_add_func ("/ium/fleet/check/errors", test_check_errors);
  g_test_add_func ("/ium/fleet/check/invalid-version-message", test_check_invalid_version_message);
  g_test_add_func ("/ium/fleet/check/scheme", test_check_scheme);
  g_test_add_func ("/ium/fleet/check/threads", test_check_threads);

  return g_test_run ();
}
