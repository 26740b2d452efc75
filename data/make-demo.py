#!/usr/bin/env python3
# make-demo.py: writes data/demo-inventory.json, the demo facility that the GUI, the CLI
# documentation and the manual tests use.
#
# Python 3 standard library only, and deterministic: running it twice gives the same bytes.
# The file is in the inventory format of the spec ("Inventory file (import and export)");
# `ium import data/demo-inventory.json` loads it.
#
# Every special case the demo is meant to show (partial upgrade, pin, hand-made build, test and
# internal tiers, too far behind, ...) is checked at the end with the spec's own rules for
# "runs", "behind" and the status flags, so a change that loses one fails loudly.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import datetime
import json
import os
import sys

FACILITY = "Example Neutron and Muon Source"
MAX_MINOR_BEHIND = 2

COMPONENTS = [
    {"id": "ibex-server", "name": "IBEX server", "role": "server", "scheme": "quad"},
    {"id": "ibex-gui", "name": "IBEX GUI", "role": "client", "scheme": "quad"},
    {"id": "genie-python", "name": "genie_python", "role": "library", "scheme": "quad"},
]
COMPONENT_IDS = [c["id"] for c in COMPONENTS]

RULES = [{"client": "ibex-gui", "server": "ibex-server", "policy": "minor-backward"}]

DOWNLOADS = "https://downloads.example.org/ibex/"

# (version, tier, date, patch_of, explicit components, notes). Official and test releases get
# a download URL; internal builds are fetched from the build server by hand and have none.
RELEASES = [
    ("11.0.0.50", "official", "2024-01-15", None, None,
     "First release on the new EPICS base; drops the Python 2 scripting layer."),
    ("11.1.0.80", "official", "2024-03-18", None, None,
     "New motion setpoint view and faster block archiving."),
    ("11.1.1.92", "official", "2024-04-22", "11.1.0.80", None,
     "Patch: fixes lost run titles after a server restart."),
    ("11.2.0.95", "official", "2024-06-10", None, None,
     "Script generator in the GUI; last release of the 11 series."),
    ("12.0.0.100", "official", "2024-09-02", None, None,
     "Major release: new configuration format and server API. GUIs must be 12.x."),
    ("12.0.1.130", "official", "2024-10-14", "12.0.0.100", None,
     "Patch: fixes the IOC restart loop seen on some Eurotherm setups."),
    ("12.1.0.200", "official", "2025-01-20", None, None,
     "Reflectometry and SANS scripting helpers; journal viewer search."),
    ("12.1.1.215", "official", "2025-03-03", "12.1.0.200", {"ibex-gui": "12.1.0.200"},
     "Server-only patch for the DAE timeout fix; the GUI stays at 12.1.0.200."),
    ("12.2.0.290", "test", "2025-05-19", None, None,
     "Release candidate of 12.2 for the beta instruments."),
    ("12.2.0.300", "official", "2025-06-16", None, {"genie-python": "12.2.0.305"},
     "Block alerts by e-mail; ships genie_python 12.2.0.305 with the numpy 2 rebuild."),
    ("12.3.0.340", "internal", "2025-10-13", None, None,
     "Nightly build used to commission the new detector electronics."),
    ("12.3.0.350", "official", "2025-11-10", None, None,
     "Live data view, configuration diff and faster synoptics."),
    ("12.3.1.365", "official", "2026-02-09", "12.3.0.350", None,
     "Patch: fixes a memory leak in the archiver and slow GUI start-up."),
    ("13.0.0.400", "test", "2026-06-15", None, None,
     "13.0 beta: new messaging layer between server and GUI; GUIs must be 13.x."),
    ("12.3.2.380", "official", "2026-09-07", "12.3.0.350", None,
     "Patch: security update of the web dashboard and the CA gateway."),
    ("13.1.0.420", "internal", "2026-10-26", None, None,
     "Developer build of 13.1 for the LET detector upgrade."),
]

NEWEST_OFFICIAL = "12.3.2.380"

# (name, site, tags, control release, cluster, cluster release, pin)
#   cluster: None (no cluster host), "server" (ibex-server and genie-python) or "genie"
#   (genie-python only); cluster release None means the same as the control host.
INSTRUMENTS = [
    # TS1
    ("MAPS", "TS1", ["spectroscopy"], "12.1.1.215", "server", None, None),
    ("MARI", "TS1", ["spectroscopy"], "12.2.0.300", "genie", None, None),
    ("MERLIN", "TS1", ["spectroscopy"], "12.1.0.200", "server", None, None),
    ("HRPD", "TS1", ["diffraction", "powder"], "12.1.1.215", "genie", None, "12.1.1.215"),
    ("GEM", "TS1", ["diffraction", "powder"], "12.3.2.380", "server", None, None),
    ("POLARIS", "TS1", ["diffraction", "powder"], "12.3.2.380", "genie", None, None),
    ("PEARL", "TS1", ["diffraction", "high-pressure"], "12.3.1.365", "genie", None, None),
    ("SANDALS", "TS1", ["diffraction", "disordered"], "12.3.2.380", "genie", None, None),
    ("SXD", "TS1", ["diffraction", "single-crystal"], "11.2.0.95", "genie", None, None),
    ("TOSCA", "TS1", ["spectroscopy"], "12.2.0.300", "server", None, None),
    ("VESUVIO", "TS1", ["spectroscopy"], "12.3.0.350", None, None, None),
    ("ENGIN-X", "TS1", ["diffraction", "engineering"], "13.0.0.400", "genie", None, None),
    ("CRISP", "TS1", ["reflectometry"], "12.0.1.130", "genie", None, None),
    ("SURF", "TS1", ["reflectometry"], "11.1.1.92", "genie", None, None),
    ("LOQ", "TS1", ["sans"], "12.3.1.365", "genie", None, None),
    ("ALF", "TS1", ["diffraction", "single-crystal"], "12.2.0.300", None, None, None),
    ("INES", "TS1", ["diffraction", "powder"], "12.0.0.100", "genie", None, None),
    ("OSIRIS", "TS1", ["spectroscopy", "diffraction"], "12.2.0.290", "genie", None, None),
    ("IRIS", "TS1", ["spectroscopy"], "12.3.2.380", "genie", None, None),
    # TS2
    ("LARMOR", "TS2", ["sans", "polarised"], "12.3.2.380", "server", None, None),
    ("ZOOM", "TS2", ["sans"], "12.3.2.380", "server", None, None),
    ("SANS2D", "TS2", ["sans"], "12.3.0.350", "server", None, None),
    ("WISH", "TS2", ["diffraction", "single-crystal"], "12.3.2.380", "server", "12.3.1.365", None),
    ("LET", "TS2", ["spectroscopy"], "13.1.0.420", "genie", None, None),
    ("INTER", "TS2", ["reflectometry"], "12.3.2.380", "genie", None, None),
    ("POLREF", "TS2", ["reflectometry", "polarised"], "12.2.0.300", "genie", None, None),
    ("OFFSPEC", "TS2", ["reflectometry", "polarised"], "12.3.2.380", "genie", None, None),
    ("IMAT", "TS2", ["imaging", "diffraction"], "custom", None, None, None),
    ("NIMROD", "TS2", ["diffraction", "disordered"], "12.1.1.215", "genie", None, "12.2.0.300"),
    # Muon
    ("MUSR", "Muon", ["muon"], "12.3.2.380", None, None, None),
    ("EMU", "Muon", ["muon"], "12.3.2.380", None, None, None),
    ("HIFI", "Muon", ["muon"], "12.2.0.300", None, None, None),
    ("CHRONUS", "Muon", ["muon"], "12.3.1.365", None, None, None),
    ("ARGUS", "Muon", ["muon"], "11.0.0.50", None, None, None),
]

# IMAT runs a build made by hand on the control PC while its camera is commissioned: a server
# that matches no release, next to the 12.2.0.300 GUI and library.
CUSTOM_INSTALLED = {
    "ibex-server": "12.2.0.999",
    "ibex-gui": "12.2.0.300",
    "genie-python": "12.2.0.305",
}

# Windows that apply to some instruments only: (label, instruments, start, end).
OWN_WINDOWS = [
    ("SANS detector service", ["LARMOR", "ZOOM"],
     "2027-01-11T09:00:00+00:00", "2027-01-13T17:00:00+00:00"),
    ("Back to a supported release", ["ENGIN-X", "LET"],
     "2027-01-19T08:00:00+00:00", "2027-01-21T18:00:00+00:00"),
    ("WISH cluster migration", ["WISH"],
     "2027-04-05T08:00:00+01:00", "2027-04-09T17:00:00+01:00"),
    ("Muon target change", ["MUSR", "EMU", "HIFI", "CHRONUS", "ARGUS"],
     "2027-07-19T08:00:00+01:00", "2027-07-23T18:00:00+01:00"),
    ("IMAT camera rebuild", ["IMAT"],
     "2027-08-16T08:00:00+01:00", "2027-08-20T17:00:00+01:00"),
    ("Reflectometry shutdown works", ["CRISP", "SURF", "INTER", "POLREF", "OFFSPEC"],
     "2027-11-01T08:00:00Z", "2027-11-05T18:00:00Z"),
]

# Operating cycles: (name, start, end, freeze). The gaps between them are shutdowns, when the
# non-patch upgrades happen.
CYCLES = [
    ("2027/1", "2027-02-09T08:00:00Z", "2027-03-26T08:00:00Z", True),
    ("2027/2", "2027-04-27T08:00:00+01:00", "2027-06-18T08:00:00+01:00", True),
    ("2027 summer commissioning", "2027-07-06T08:00:00+01:00", "2027-08-06T08:00:00+01:00", False),
    ("2027/3", "2027-09-14T08:00:00+01:00", "2027-10-29T08:00:00+01:00", True),
    ("2027/4", "2027-11-09T08:00:00Z", "2027-12-21T08:00:00Z", True),
]

# The weekly maintenance day: every Tuesday 08:00-18:00 local time from the first Tuesday of
# December 2026 to the end of 2027, except the Christmas closure.
MAINTENANCE_FROM = datetime.date(2026, 12, 1)
MAINTENANCE_UNTIL = datetime.date(2027, 12, 21)
CLOSED = {datetime.date(2026, 12, 22), datetime.date(2026, 12, 29), datetime.date(2027, 12, 28)}


def last_sunday(year, month):
    day = datetime.date(year, month, 31)
    while day.weekday() != 6:
        day -= datetime.timedelta(days=1)
    return day


def uk_offset(day):
    """The UK offset on @day: "+01:00" in summer time, "Z" otherwise (a day granularity is
    enough because the windows never start on a Sunday)."""
    if last_sunday(day.year, 3) <= day < last_sunday(day.year, 10):
        return "+01:00"
    return "Z"


def release_index():
    return {r[0]: r for r in RELEASES}


def component_version(release, component):
    explicit = release[4] or {}
    return explicit.get(component, release[0])


def installed_for(release, components):
    return {c: component_version(release, c) for c in components}


def make_release(r):
    version, tier, date, patch_of, components, notes = r
    out = {"version": version, "tier": tier, "date": date}
    if patch_of:
        out["patch_of"] = patch_of
    out["notes"] = notes
    if tier == "official":
        out["url"] = DOWNLOADS + version
    elif tier == "test":
        out["url"] = DOWNLOADS + "test/" + version
    if components:
        out["components"] = dict(components)
    return out


def host_name(instrument, role):
    plain = instrument.replace("-", "")
    if role == "control":
        return "NDX" + plain.upper()
    return plain.lower() + "-cluster"


def make_instrument(spec, releases):
    name, site, tags, control_rel, cluster, cluster_rel, pin = spec
    out = {"name": name, "site": site, "tags": list(tags)}
    if pin:
        out["pin"] = pin
    hosts = []
    if control_rel == "custom":
        installed = dict(CUSTOM_INSTALLED)
    else:
        installed = installed_for(releases[control_rel], COMPONENT_IDS)
    hosts.append({"name": host_name(name, "control"), "role": "control", "installed": installed})
    if cluster:
        carried = ["ibex-server", "genie-python"] if cluster == "server" else ["genie-python"]
        rel = releases[cluster_rel or control_rel]
        hosts.append({"name": host_name(name, "cluster"), "role": "cluster",
                      "installed": installed_for(rel, carried)})
    out["hosts"] = hosts
    return out


def make_downtime():
    windows = []
    day = MAINTENANCE_FROM
    while day <= MAINTENANCE_UNTIL:
        if day not in CLOSED:
            offset = uk_offset(day)
            windows.append({
                "start": "%sT08:00:00%s" % (day.isoformat(), offset),
                "end": "%sT18:00:00%s" % (day.isoformat(), offset),
                "label": "Maintenance day",
                "instruments": "all",
            })
        day += datetime.timedelta(days=7)
    for label, names, start, end in OWN_WINDOWS:
        windows.append({"start": start, "end": end, "label": label, "instruments": list(names)})
    windows.sort(key=lambda w: (parse_time(w["start"]), w["label"]))
    return windows


def make_inventory():
    releases = release_index()
    return {
        "format": "ium-inventory",
        "format_version": 1,
        "facility": FACILITY,
        "release_scheme": "quad",
        "policy": {"max_minor_behind": MAX_MINOR_BEHIND, "max_upgrades_per_day": 3,
                   "upgrade_hours": 4, "soak_days": 7},
        "components": [dict(c) for c in COMPONENTS],
        "rules": [dict(r) for r in RULES],
        "releases": [make_release(r) for r in RELEASES],
        "instruments": [make_instrument(i, releases) for i in INSTRUMENTS],
        "downtime": make_downtime(),
        "cycles": [{"name": n, "start": s, "end": e, "freeze": f} for n, s, e, f in CYCLES],
    }


# --- Self-check: the spec's rules, written out independently of the tables above. ---

def parse_quad(text):
    parts = text.split(".")
    assert 1 <= len(parts) <= 4 and all(p.isdigit() for p in parts), text
    return tuple(int(p) for p in parts) + (0,) * (4 - len(parts))


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def host_runs(host, releases):
    """The newest release every carried component of @host is installed at, or None."""
    fits = [r for r in releases
            if all(r.get("components", {}).get(c, r["version"]) == v
                   for c, v in host["installed"].items())]
    if not fits:
        return None
    return max(fits, key=lambda r: parse_quad(r["version"]))


def instrument_status(inst, inv):
    releases = inv["releases"]
    official = [r for r in releases if r["tier"] == "official"]
    newest = max(official, key=lambda r: parse_quad(r["version"]))
    by_version = {r["version"]: r for r in releases}
    target = by_version[inst["pin"]] if "pin" in inst else newest
    runs = [host_runs(h, releases) for h in inst["hosts"]]
    flags = set()
    # Hosts that run different releases (a custom host counts as one more) make it partial.
    if len({r["version"] if r else None for r in runs}) > 1:
        flags.add("partial")
    if any(r is None for r in runs):
        # A custom instrument runs no release; it is measured by its lowest server version,
        # which also says whether an update is available (the spec leaves that open).
        flags.add("custom")
        release = None
        server = min(parse_quad(h["installed"]["ibex-server"])
                     for h in inst["hosts"] if "ibex-server" in h["installed"])
        line = server[:2]
        target_server = target.get("components", {}).get("ibex-server", target["version"])
        if server < parse_quad(target_server):
            flags.add("update-available")
    else:
        release = min(runs, key=lambda r: parse_quad(r["version"]))
        line = parse_quad(release["version"])[:2]
        if parse_quad(release["version"]) >= parse_quad(target["version"]):
            flags.add("up-to-date")
        else:
            flags.add("update-available")
        if release["tier"] != "official":
            flags.add("unsupported-tier")
    behind = len({parse_quad(r["version"])[:2] for r in official
                  if parse_quad(r["version"])[:2] > line})
    if behind > inv["policy"]["max_minor_behind"]:
        flags.add("too-far-behind")
    if "pin" in inst:
        flags.add("pinned")
    return (release["version"] if release else None), behind, flags


def check(inv):
    allowed_top = ["format", "format_version", "facility", "release_scheme", "policy",
                   "components", "rules", "releases", "instruments", "downtime", "cycles"]
    assert list(inv) == allowed_top, list(inv)
    component_ids = {c["id"] for c in inv["components"]}
    assert component_ids == {"ibex-server", "ibex-gui", "genie-python"}

    versions = [r["version"] for r in inv["releases"]]
    assert len(set(versions)) == len(versions), "duplicate release versions"
    for r in inv["releases"]:
        assert set(r) <= {"version", "tier", "date", "notes", "patch_of", "url", "components"}, r
        assert r["tier"] in ("official", "test", "internal"), r
        datetime.date.fromisoformat(r["date"])
        assert "2024-01-01" <= r["date"] <= "2026-12-31", r
        if "patch_of" in r:
            base = r["patch_of"]
            assert base in versions, r
            assert parse_quad(base)[:2] == parse_quad(r["version"])[:2], r
            assert parse_quad(base) < parse_quad(r["version"]), r
        for c, v in r.get("components", {}).items():
            assert c in component_ids, r
            parse_quad(v)
        if r["tier"] == "official":
            assert r["url"].startswith("https://"), r
    tiers = [r["tier"] for r in inv["releases"]]
    assert len(versions) >= 12
    assert {"official", "test", "internal"} <= set(tiers)
    assert sum(1 for r in inv["releases"] if "patch_of" in r) >= 3
    assert any("components" in r for r in inv["releases"])

    names = [i["name"] for i in inv["instruments"]]
    assert len(names) >= 25 and len(set(names)) == len(names)
    assert len({i["site"] for i in inv["instruments"]}) >= 2
    for inst in inv["instruments"]:
        assert set(inst) <= {"name", "site", "tags", "pin", "hosts"}, inst
        if "pin" in inst:
            assert inst["pin"] in versions, inst
        roles = [h["role"] for h in inst["hosts"]]
        assert roles[0] == "control", inst
        host_names = [h["name"] for h in inst["hosts"]]
        assert len(set(host_names)) == len(host_names), inst
        for h in inst["hosts"]:
            assert set(h) == {"name", "role", "installed"}, h
            assert h["installed"] and set(h["installed"]) <= component_ids, h
            for v in h["installed"].values():
                parse_quad(v)
            if h["role"] == "cluster":
                assert set(h["installed"]) in ({"ibex-server", "genie-python"},
                                               {"genie-python"}), h
        # Whoever runs the release with an explicit genie-python has that version installed.
        for h in inst["hosts"]:
            rel = host_runs(h, inv["releases"])
            if rel and "genie-python" in h["installed"]:
                assert h["installed"]["genie-python"] == \
                    rel.get("components", {}).get("genie-python", rel["version"]), h
    assert sum(1 for i in inv["instruments"] if len(i["hosts"]) > 1) > len(names) // 2

    status = {i["name"]: instrument_status(i, inv) for i in inv["instruments"]}

    def expect(name, release, behind, flags):
        assert name in status, "the demo lost %s" % name
        got = status[name]
        assert got == (release, behind, set(flags)), \
            "%s: expected %r, got %r" % (name, (release, behind, set(flags)), got)

    # The special cases the demo exists to show.
    expect("WISH", "12.3.1.365", 0, ["partial", "update-available"])
    expect("HRPD", "12.1.1.215", 2, ["pinned", "up-to-date"])
    expect("NIMROD", "12.1.1.215", 2, ["pinned", "update-available"])
    expect("IMAT", None, 1, ["custom", "update-available"])
    expect("ENGIN-X", "13.0.0.400", 0, ["unsupported-tier", "up-to-date"])
    expect("LET", "13.1.0.420", 0, ["unsupported-tier", "up-to-date"])
    expect("OSIRIS", "12.2.0.290", 1, ["unsupported-tier", "update-available"])
    expect("CRISP", "12.0.1.130", 3, ["too-far-behind", "update-available"])
    expect("MARI", "12.2.0.300", 1, ["update-available"])
    expect("MAPS", "12.1.1.215", 2, ["update-available"])
    expect("LARMOR", NEWEST_OFFICIAL, 0, ["up-to-date"])
    expect("ARGUS", "11.0.0.50", 6, ["too-far-behind", "update-available"])

    counts = {}
    for _, behind, flags in status.values():
        for f in flags:
            counts[f] = counts.get(f, 0) + 1
    assert counts.get("up-to-date", 0) >= 5, counts
    assert counts.get("update-available", 0) >= 5, counts
    for flag in ("too-far-behind", "partial", "custom", "unsupported-tier", "pinned"):
        assert counts.get(flag, 0) >= 1, (flag, counts)
    behinds = {behind for _, behind, _ in status.values()}
    assert {0, 1, 2, 3} <= behinds, behinds

    # Downtime: a year of windows, all after "today", each with an offset and a sane span.
    today = datetime.datetime(2026, 11, 25, tzinfo=datetime.timezone.utc)
    weekly = [w for w in inv["downtime"] if w["instruments"] == "all"]
    assert len(weekly) >= 48, len(weekly)
    for w in inv["downtime"]:
        assert set(w) == {"start", "end", "label", "instruments"}, w
        for key in ("start", "end"):
            assert w[key].endswith("Z") or w[key][-6] in "+-", w
        start, end = parse_time(w["start"]), parse_time(w["end"])
        assert today < start < end, w
        if w["instruments"] != "all":
            assert w["instruments"] and set(w["instruments"]) <= set(names), w
    assert any(w["instruments"] != "all" for w in inv["downtime"])

    cycles = inv["cycles"]
    assert sum(1 for c in cycles if c["freeze"]) >= 4 and any(not c["freeze"] for c in cycles)
    spans = sorted((parse_time(c["start"]), parse_time(c["end"]), c) for c in cycles)
    for (s1, e1, c1), (s2, e2, c2) in zip(spans, spans[1:]):
        assert e1 < s2, "no shutdown between %s and %s" % (c1["name"], c2["name"])
    for s, e, c in spans:
        if c["name"].startswith("2027/"):
            assert datetime.timedelta(weeks=6) <= e - s <= datetime.timedelta(weeks=8), c
    return status


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Write the demo inventory file.")
    parser.add_argument("-o", "--output", default=os.path.join(here, "demo-inventory.json"),
                        help="where to write it (default: data/demo-inventory.json)")
    parser.add_argument("--summary", action="store_true",
                        help="print what every instrument runs and its flags")
    args = parser.parse_args()

    inventory = make_inventory()
    status = check(inventory)

    text = json.dumps(inventory, indent=2, ensure_ascii=False) + "\n"
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)

    if args.summary:
        for name, (release, behind, flags) in status.items():
            print("%-8s %-11s behind %d  %s" % (name, release, behind, " ".join(sorted(flags))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
