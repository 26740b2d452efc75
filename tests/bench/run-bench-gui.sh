#!/usr/bin/env bash
# run-bench-gui.sh: the GTK application on a large facility, next to a bare GtkColumnView of
# as many rows, on one private Xvfb display. A benchmark, not a test: it prints figures and
# never fails because one is slow.
#
#   tests/bench/run-bench-gui.sh [--instruments N] [--runs N] [BUILD_DIR]
#
# BUILD_DIR defaults to _build. Writes an inventory of N instruments (default 10000) with
# gen-inventory.py, imports it with `ium` into a scratch database, then runs
# bench-bare-columnview and bench-gui --runs times each (default 3), one process per run.
# Everything happens in a scratch directory that is removed at the end.
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

python3 "$srcdir/tests/bench/gen-inventory.py" --instruments "$instruments" -o "$scratch/inv.json"
"$build/src/cli/ium" --db "$scratch/inv.db" import "$scratch/inv.json" >/dev/null
echo "inventory: $instruments instruments ($(du -h "$scratch/inv.json" | cut -f1) file)"

xvfb-run -a -s '-screen 0 1600x1000x24' \
  env -u WAYLAND_DISPLAY GDK_BACKEND=x11 GTK_A11Y=none bash -c '
    build=$1 runs=$2 db=$3 rows=$4
    echo "renderer: ${GSK_RENDERER:-GTK default}"
    for i in $(seq "$runs"); do "$build/tests/bench/bench-bare-columnview" --rows "$rows"; done
    for i in $(seq "$runs"); do echo "--- bench-gui run $i"; "$build/tests/bench/bench-gui" "$db"; done
  ' _ "$build" "$runs" "$scratch/inv.db" "$instruments"
