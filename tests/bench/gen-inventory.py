#!/usr/bin/env python3
# gen-inventory.py: writes a large, synthetic inventory file for the benchmarks.
#
# Python 3 standard library only. The output depends only on the options (--seed included), so
# figures from different machines are comparable. The file is in the spec's inventory format
# and imports with `ium import`.
#
#   python3 tests/bench/gen-inventory.py --instruments 10000 -o /path/to/big.json
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import datetime
import json
import random
import sys

COMPONENTS = [
    {"id": "ibex-server", "name": "IBEX server", "role": "server", "scheme": "quad"},
    {"id": "ibex-gui", "name": "IBEX GUI", "role": "client", "scheme": "quad"},
    {"id": "genie-python", "name": "genie_python", "role": "library", "scheme": "quad"},
]
ALL_COMPONENTS = [c["id"] for c in COMPONENTS]
SITES = ["TS1", "TS2", "Muon", "North Hall", "South Hall", "Cold Lab"]
TAGS = ["sans", "diffraction", "spectroscopy", "reflectometry", "muon", "imaging", "powder",
        "single-crystal", "polarised", "engineering", "disordered", "high-pressure"]
WEEKLY_FROM = datetime.datetime(2027, 1, 5, 8, 0, tzinfo=datetime.timezone.utc)
WEEKS = 104
LAST_RELEASE_DATE = datetime.date(2026, 11, 2)


def quad(major, minor, patch, build):
    return "%d.%d.%d.%d" % (major, minor, patch, build)


def stamp(when):
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class Releases:
    """Builds releases line by line (MAJOR.MINOR): sometimes a test release candidate, the
    official base, a few patches, now and then an internal build."""

    def __init__(self, rng, count):
        self.rng = rng
        self.items = []
        self.build = 10
        self.date = datetime.date(2000, 1, 3)
        major, minor = 1, 0
        while len(self.items) < count:
            self.add_line(major, minor, count)
            if minor >= 2 and rng.random() < 0.3:
                major, minor = major + 1, 0
            else:
                minor += 1
        # Shift the dates so that the newest release came out shortly before the benchmark's
        # "today" (2026-11-25).
        shift = LAST_RELEASE_DATE - self.date
        for release in self.items:
            day = datetime.date.fromisoformat(release["date"]) + shift
            release["date"] = day.isoformat()

    def next_build(self):
        self.build += self.rng.randint(5, 30)
        return self.build

    def add(self, major, minor, patch, tier, count, patch_of=None, components=None):
        if len(self.items) >= count:
            return None
        self.date += datetime.timedelta(days=self.rng.randint(3, 14))
        version = quad(major, minor, patch, self.next_build())
        release = {"version": version, "tier": tier, "date": self.date.isoformat()}
        if patch_of:
            release["patch_of"] = patch_of
        release["notes"] = "%s release %s." % (tier.capitalize(), version)
        if tier == "official":
            release["url"] = "https://downloads.example.org/ibex/" + version
        if components:
            release["components"] = components
        self.items.append(release)
        return release

    def add_line(self, major, minor, count):
        rng = self.rng
        # A release candidate, when it leaves room for the official release after it.
        if rng.random() < 0.25 and len(self.items) + 1 < count:
            self.add(major, minor, 0, "test", count)
        base = self.add(major, minor, 0, "official", count)
        if base is None:
            return
        if rng.random() < 0.15:
            # The library was rebuilt a few builds after the suite; later builds stay clear of
            # its build number.
            base["components"] = {"genie-python": quad(major, minor, 0, self.build + 2)}
            self.build += 4
        for patch in range(1, rng.randint(0, 3) + 1):
            tier = "official" if rng.random() < 0.9 else "test"
            patch_components = None
            if rng.random() < 0.2:
                # A server-only patch: the GUI stays at the base's version.
                patch_components = {"ibex-gui": base["version"]}
            self.add(major, minor, patch, tier, count, patch_of=base["version"],
                     components=patch_components)
        if rng.random() < 0.15:
            self.add(major, minor, 0, "internal", count)


def component_version(release, component):
    return release.get("components", {}).get(component, release["version"])


def installed(release, components):
    return {c: component_version(release, c) for c in components}


def make_instruments(rng, count, releases, own_every):
    # "_order" is a release's place in version order (dropped on output).
    for n, r in enumerate(releases):
        r["_order"] = n
    official = [r for r in releases if r["tier"] == "official"]
    other = [r for r in releases if r["tier"] != "official"]
    recent = official[-15:]
    newest_line = [r for r in official
                   if r["version"].split(".")[:2] == official[-1]["version"].split(".")[:2]]
    instruments = []
    windows = []
    for i in range(count):
        name = "INST%05d" % i
        roll = rng.random()
        if roll < 0.35:
            release = rng.choice(newest_line)
        elif roll < 0.80:
            release = rng.choice(recent)
        elif roll < 0.95 or not other:
            release = rng.choice(official)
        else:
            release = rng.choice(other)
        custom = rng.random() < 0.02

        n_hosts = rng.choice((1, 2, 2, 2, 3))
        hosts = []
        control = installed(release, ALL_COMPONENTS)
        if custom:
            major, minor = release["version"].split(".")[:2]
            control["ibex-server"] = "%s.%s.0.99999" % (major, minor)
        hosts.append({"name": "NDX" + name, "role": "control", "installed": control})
        if n_hosts >= 2:
            # Now and then the cluster was not upgraded with the control PC: a partial upgrade.
            cluster_release = release
            older = [r for r in official if r["_order"] < release["_order"]]
            if older and rng.random() < 0.05:
                cluster_release = rng.choice(older)
            carried = ["ibex-server", "genie-python"] if rng.random() < 0.5 else ["genie-python"]
            hosts.append({"name": name.lower() + "-cluster", "role": "cluster",
                          "installed": installed(cluster_release, carried)})
        if n_hosts >= 3:
            hosts.append({"name": name.lower() + "-analysis", "role": "analysis",
                          "installed": installed(release, ["genie-python"])})

        instrument = {"name": name, "site": rng.choice(SITES),
                      "tags": sorted(rng.sample(TAGS, rng.randint(1, 2)))}
        if rng.random() < 0.03:
            # Pinned to what it runs, or to a newer official release it should move to.
            later = [r for r in official if r["_order"] >= release["_order"]]
            instrument["pin"] = rng.choice(later or official)["version"]
        instrument["hosts"] = hosts
        instruments.append(instrument)

        if own_every > 0 and (i + 1) % own_every == 0:
            start = WEEKLY_FROM + datetime.timedelta(days=rng.randrange(WEEKS * 7) + 1,
                                                     hours=rng.randint(0, 2))
            end = start + datetime.timedelta(days=rng.randint(0, 2), hours=rng.randint(6, 10))
            windows.append({"start": stamp(start), "end": stamp(end),
                            "label": name + " service", "instruments": [name]})
    return instruments, windows


def make_weekly():
    windows = []
    for week in range(WEEKS):
        start = WEEKLY_FROM + datetime.timedelta(weeks=week)
        windows.append({"start": stamp(start), "end": stamp(start + datetime.timedelta(hours=10)),
                        "label": "Maintenance day", "instruments": "all"})
    return windows


def make_cycles():
    # Four cycles a year of about seven weeks, with shutdowns between; one is not frozen.
    cycles = []
    for year in (2027, 2028):
        starts = [(2, 9), (4, 27), (7, 13), (10, 12)]
        for n, (month, day) in enumerate(starts, 1):
            start = datetime.datetime(year, month, day, 8, 0, tzinfo=datetime.timezone.utc)
            end = start + datetime.timedelta(weeks=7)
            cycles.append({"name": "%d/%d" % (year, n), "start": stamp(start), "end": stamp(end),
                           "freeze": not (year == 2027 and n == 3)})
    return cycles


def main():
    parser = argparse.ArgumentParser(description="Write a large synthetic inventory file.")
    parser.add_argument("--instruments", type=int, default=10000, metavar="N",
                        help="number of instruments (default 10000)")
    parser.add_argument("--releases", type=int, default=200, metavar="N",
                        help="number of releases (default 200)")
    parser.add_argument("--own-windows-every", type=int, default=0, metavar="K",
                        help="give every K-th instrument a window of its own (default 0: none)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--indent", type=int, default=None, metavar="N",
                        help="indent the JSON by N spaces (default: compact)")
    parser.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    args = parser.parse_args()
    if args.instruments < 1 or args.releases < 1 or args.own_windows_every < 0:
        parser.error("--instruments and --releases must be at least 1, "
                     "--own-windows-every at least 0")

    rng = random.Random(args.seed)
    releases = sorted(Releases(rng, args.releases).items,
                      key=lambda r: tuple(int(p) for p in r["version"].split(".")))
    if not any(r["tier"] == "official" for r in releases):
        parser.error("--releases is too small to hold an official release")
    instruments, own_windows = make_instruments(rng, args.instruments, releases,
                                                args.own_windows_every)
    for r in releases:
        del r["_order"]
    inventory = {
        "format": "ium-inventory",
        "format_version": 1,
        "facility": "Synthetic Benchmark Facility",
        "release_scheme": "quad",
        "policy": {"max_minor_behind": 2, "max_upgrades_per_day": 3, "upgrade_hours": 4,
                   "soak_days": 7},
        "components": COMPONENTS,
        "rules": [{"client": "ibex-gui", "server": "ibex-server", "policy": "minor-backward"}],
        "releases": releases,
        "instruments": instruments,
        "downtime": make_weekly() + own_windows,
        "cycles": make_cycles(),
    }

    if args.indent is None:
        text = json.dumps(inventory, separators=(",", ":"))
    else:
        text = json.dumps(inventory, indent=args.indent)
    if args.output == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
