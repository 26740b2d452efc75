#!/usr/bin/env bash
# run-bench-gui-planner.sh: the GTK application's rollout planner and timeline on a large
# facility, on a private Xvfb display. A benchmark, not a test: it prints figures and never
# fails because one is slow.
#
#   tests/bench/run-bench-gui-planner.sh [--instruments N] [--runs N] [BUILD_DIR]
#
# BUILD_DIR defaults to _build. Writes an inventory of N instruments (default 10000; two years
# of weekly facility windows, an own window for every third instrument) with
# gen-inventory.py, imports it with `ium` into a scratch database and runs
# bench-gui-planner --runs times (default 3) with GTK's default renderer and --runs times with
# GSK_RENDERER=cairo, one process per run, planning from 2027-01-01 (the generated windows
# start on 2027-01-05). The scratch directory is removed at the end.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instruments=10000
runs=3
build=""

while [ $# -gt 0 ]; do
  case "$1" in
    --instruments) instruments="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n 's/^#   //p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "run-bench-gui-planner.sh: unknown option $1" >&2; exit 2 ;;
    *) build="$1"; shift ;;
  esac
done
build="$(cd "${build:-$srcdir/_build}" && pwd)"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" GSETTINGS_BACKEND=memory \
  GSETTINGS_SCHEMA_DIR="$build/data"

python3 "$srcdir/tests/bench/gen-inventory.py" --instruments "$instruments" \
  --own-windows-every 3 -o "$scratch/inv.json"
"$build/src/cli/ium" --db "$scratch/inv.db" import "$scratch/inv.json" >/dev/null
echo "inventory: $instruments instruments ($(du -h "$scratch/inv.json" | cut -f1) file)"

xvfb-run -a -s '-screen 0 1600x1000x24' \
  env -u WAYLAND_DISPLAY GDK_BACKEND=x11 GTK_A11Y=none bash -c '
    build=$1 runs=$2 db=$3
    # GTK picks the GL renderer, which Xvfb runs in software (llvmpipe); the cairo renderer is
    # what a machine without a GPU would rather use. Both are measured.
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
