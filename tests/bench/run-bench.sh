#!/usr/bin/env bash
# run-bench.sh: times the operations a large facility depends on and prints the figures next
# to their targets. A benchmark, not a test: it never fails because a figure is slow unless
# --strict is given.
#
#   tests/bench/run-bench.sh [--instruments N] [--runs N] [--checks N] [--no-hyperfine]
#                            [--strict] [BUILD_DIR]
#
# BUILD_DIR defaults to _build in the source tree. Needs python3; uses hyperfine when it is
# installed (unless --no-hyperfine), else a loop of `date +%s.%N`. --strict exits 1 when a
# figure misses its target. See tests/bench/README.md.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instruments=10000
runs=5
checks=100000
strict=0
use_hyperfine=1
build=""

usage() {
  sed -n 's/^#   //p' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --instruments) instruments="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --checks) checks="$2"; shift 2 ;;
    --strict) strict=1; shift ;;
    --no-hyperfine) use_hyperfine=0; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run-bench.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *)
      if [ -n "$build" ]; then
        echo "run-bench.sh: give one build directory" >&2
        exit 2
      fi
      build="$1"; shift ;;
  esac
done
build="${build:-$srcdir/_build}"
if [ "$use_hyperfine" -eq 1 ] && ! command -v hyperfine >/dev/null 2>&1; then
  use_hyperfine=0
  echo "hyperfine is not installed; timing with date instead."
fi
if [ ! -d "$build" ]; then
  echo "run-bench.sh: no build directory $build; run meson setup and ninja first" >&2
  exit 2
fi
build="$(cd "$build" && pwd)"

ium="$build/src/cli/ium"
bench_check="$build/tests/bench/bench-check"
for exe in "$ium" "$bench_check"; do
  if [ ! -x "$exe" ]; then
    echo "run-bench.sh: $exe is missing; build it with: ninja -C $build" >&2
    exit 2
  fi
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Keep ium away from the user's own data, whatever it falls back to.
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export IUM_DB="$scratch/unused.db"

file="$scratch/inventory.json"
db="$scratch/bench.db"
out="$scratch/export.json"

echo "Generating an inventory of $instruments instruments ..."
python3 "$srcdir/tests/bench/gen-inventory.py" --instruments "$instruments" -o "$file"
echo "  $(du -h "$file" | cut -f1) in $file"

q_ium="$(printf %q "$ium")"
q_db="$(printf %q "$db")"
q_file="$(printf %q "$file")"
q_out="$(printf %q "$out")"

# median_seconds NAME PREPARE COMMAND: prints the median wall time of COMMAND in seconds,
# running PREPARE (untimed, may be empty) before every run.
median_seconds() {
  local name="$1" prepare="$2" command="$3"
  if [ "$use_hyperfine" -eq 1 ]; then
    local json="$scratch/hyperfine-$name.json"
    local args=(--runs "$runs" --warmup 1 --style basic --export-json "$json" -n "$name")
    if [ -n "$prepare" ]; then
      args+=(--prepare "$prepare")
    fi
    hyperfine "${args[@]}" "$command" >&2
    python3 -c 'import json, sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
  else
    local times=() i start end
    for ((i = 0; i < runs; i++)); do
      if [ -n "$prepare" ]; then
        bash -c "$prepare" >/dev/null
      fi
      start="$(date +%s.%N)"
      bash -c "$command" >/dev/null
      end="$(date +%s.%N)"
      times+=("$(echo "$end - $start" | awk '{ printf "%.6f", $1 - $3 }')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END {
      if (NR % 2) m = t[(NR + 1) / 2]; else m = (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%.3f\n", m }'
  fi
}

echo "Timing import ..."
t_import="$(median_seconds import "rm -f $q_db*" "$q_ium --db $q_db import $q_file")"

# The other commands read the database that one more import leaves behind.
rm -f "$db"*
"$ium" --db "$db" import "$file" >/dev/null

echo "Timing status ..."
t_status="$(median_seconds status "" "$q_ium --db $q_db status --json > /dev/null")"

echo "Timing export ..."
t_export="$(median_seconds export "" "$q_ium --db $q_db export -o $q_out")"

echo "Timing $checks client checks in process ..."
check_line="$("$bench_check" "$file" --checks "$checks" | grep '^checks:')"
echo "  $check_line"
rate="$(echo "$check_line" | awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "checks/s") print $i }')"

# verdict VALUE TARGET less|more: "ok" when VALUE is below (or at least) TARGET.
verdict() {
  if awk -v v="$1" -v t="$2" -v how="$3" 'BEGIN { exit !(how == "less" ? v < t : v >= t) }'; then
    echo "ok"
  else
    echo "MISSED"
  fi
}

v_import="$(verdict "$t_import" 1 less)"
v_status="$(verdict "$t_status" 0.3 less)"
v_export="$(verdict "$t_export" 0.5 less)"
v_rate="$(verdict "$rate" 500000 more)"
missed=0
case "$v_import$v_status$v_export$v_rate" in *MISSED*) missed=1 ;; esac

echo
printf '%-40s %14s   %-16s %s\n' "what ($instruments instruments)" "median" "target" ""
printf '%-40s %12s s   %-16s %s\n' "ium import FILE (fresh database)" "$t_import" "< 1 s" "$v_import"
printf '%-40s %12s s   %-16s %s\n' "ium status --json" "$t_status" "< 0.3 s" "$v_status"
printf '%-40s %12s s   %-16s %s\n' "ium export -o FILE" "$t_export" "< 0.5 s" "$v_export"
printf '%-40s %10s c/s   %-16s %s\n' "client checks (in process)" "$rate" ">= 500000 c/s" "$v_rate"

if [ "$strict" -eq 1 ] && [ "$missed" -eq 1 ]; then
  exit 1
fi
