#!/usr/bin/env bash
# run-bench-gui.sh: the GTK application on a large facility, next to a bare GtkColumnView of
# as many rows, on one private Xvfb display. A benchmark, not a test: it prints figures and
# never fails because one is slow.
#
#   tests/bench/run-bench-gui.sh [--instruments N] [--runs N] [--planner | --report] [BUILD_DIR]
#
# BUILD_DIR defaults to _build. Writes an inventory of N instruments (default 10000) with
# gen-inventory.py, imports it with `ium` into a scratch database, then runs
# bench-bare-columnview and bench-gui --runs times each (default 3), one process per run.
# With --planner it measures the rollout planner and its timeline instead: an own downtime
# window for every third instrument, and bench-gui-planner --runs times with GTK's default
# renderer (GL, which Xvfb runs in software) and --runs times with GSK_RENDERER=cairo, planning
# from 2027-01-01 (the generated windows start on 2027-01-05).
# With --report it measures the Reports view instead: a rollout of the newest official release
# saved (`ium plan --save`) and the client check log filled (seed-check-log), then
# bench-gui-report makes that release's report --runs times in one window, with GSK_RENDERER=cairo.
# Everything happens in a scratch directory that is removed at the end.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instruments=10000
runs=3
planner=0
report=0
build=""

while [ $# -gt 0 ]; do
  case "$1" in
    --instruments) instruments="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --planner) planner=1; shift ;;
    --report) report=1; shift ;;
    -h|--help) sed -n 's/^#   //p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "run-bench-gui.sh: unknown option $1" >&2; exit 2 ;;
    *) build="$1"; shift ;;
  esac
done
build="$(cd "${build:-$srcdir/_build}" && pwd)"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" GSETTINGS_BACKEND=memory \
  GSETTINGS_SCHEMA_DIR="$build/data"

gen_args=()
if [ "$planner" = 1 ]; then
  gen_args=(--own-windows-every 3)
fi
python3 "$srcdir/tests/bench/gen-inventory.py" --instruments "$instruments" "${gen_args[@]}" \
  -o "$scratch/inv.json"
"$build/src/cli/ium" --db "$scratch/inv.db" import "$scratch/inv.json" >/dev/null
echo "inventory: $instruments instruments ($(du -h "$scratch/inv.json" | cut -f1) file)"

if [ "$report" = 1 ]; then
  release="$("$build/src/cli/ium" --db "$scratch/inv.db" status |
    sed -n '1s/.*newest official release \([^ ]*\).*/\1/p')"
  "$build/src/cli/ium" --db "$scratch/inv.db" plan "$release" --from 2027-01-01 --save bench \
    >/dev/null
  "$build/tests/bench/seed-check-log" "$scratch/inv.db" --per-instrument 2 --every 3 --days 25 \
    >/dev/null
  echo "report of $release (a saved rollout, clients in the check log), GSK_RENDERER=cairo"
  xvfb-run -a -s '-screen 0 1600x1000x24' \
    env -u WAYLAND_DISPLAY GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo \
    "$build/tests/bench/bench-gui-report" "$scratch/inv.db" "$release" --runs "$runs"
  exit 0
fi

if [ "$planner" = 1 ]; then
  xvfb-run -a -s '-screen 0 1600x1000x24' \
    env -u WAYLAND_DISPLAY GDK_BACKEND=x11 GTK_A11Y=none bash -c '
      build=$1 runs=$2 db=$3
      for renderer in default cairo; do
        for i in $(seq "$runs"); do
          echo "--- bench-gui-planner run $i, renderer: $renderer"
          if [ "$renderer" = default ]; then
            "$build/tests/bench/bench-gui-planner" "$db" --from 2027-01-01
          else
            GSK_RENDERER=cairo "$build/tests/bench/bench-gui-planner" "$db" --from 2027-01-01
          fi
        done
      done
    ' _ "$build" "$runs" "$scratch/inv.db"
  exit 0
fi

xvfb-run -a -s '-screen 0 1600x1000x24' \
  env -u WAYLAND_DISPLAY GDK_BACKEND=x11 GTK_A11Y=none bash -c '
    build=$1 runs=$2 db=$3 rows=$4
    echo "renderer: ${GSK_RENDERER:-GTK default}"
    for i in $(seq "$runs"); do "$build/tests/bench/bench-bare-columnview" --rows "$rows"; done
    for i in $(seq "$runs"); do echo "--- bench-gui run $i"; "$build/tests/bench/bench-gui" "$db"; done
  ' _ "$build" "$runs" "$scratch/inv.db" "$instruments"
