#!/usr/bin/env bash
# run-bench-report.sh: times `ium report` on a large facility and prints the figures next to
# their targets (HTML under 1 s, PDF under 3 s for 10,000 instruments). A benchmark, not a
# test: it never fails because a figure is slow unless --strict is given.
#
#   tests/bench/run-bench-report.sh [--instruments N] [--runs N] [--no-hyperfine] [--strict]
#                                   [BUILD_DIR]
#
# It generates an inventory with gen-inventory.py, imports it, saves a rollout of the newest
# official release (`ium plan --save`) and marks a few of its upgrades, fills the client
# check log with seed-check-log (two checks for every third instrument), then times the whole
# `ium report RELEASE --format F -o FILE` process for every format, and prints bench-report's
# stage by stage figures. BUILD_DIR defaults to _build. Needs python3; uses hyperfine when it
# is installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instruments=10000
runs=5
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
    --strict) strict=1; shift ;;
    --no-hyperfine) use_hyperfine=0; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run-bench-report.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *)
      if [ -n "$build" ]; then
        echo "run-bench-report.sh: give one build directory" >&2
        exit 2
      fi
      build="$1"; shift ;;
  esac
done
build="$(cd "${build:-$srcdir/_build}" && pwd)"
if [ "$use_hyperfine" -eq 1 ] && ! command -v hyperfine >/dev/null 2>&1; then
  use_hyperfine=0
  echo "hyperfine is not installed; timing with date instead."
fi

ium="$build/src/cli/ium"
seed="$build/tests/bench/seed-check-log"
bench="$build/tests/bench/bench-report"
for exe in "$ium" "$seed" "$bench"; do
  if [ ! -x "$exe" ]; then
    echo "run-bench-report.sh: $exe is missing; build it with: meson compile -C $build" >&2
    exit 2
  fi
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export IUM_DB="$scratch/unused.db"
file="$scratch/inventory.json"
db="$scratch/bench.db"

echo "Generating and importing $instruments instruments ..."
python3 "$srcdir/tests/bench/gen-inventory.py" --instruments "$instruments" -o "$file"
"$ium" --db "$db" import "$file" >/dev/null
release="$("$ium" --db "$db" status | sed -n '1s/.*newest official release \([^ ]*\).*/\1/p')"
echo "Saving a rollout of $release and seeding the client check log ..."
"$ium" --db "$db" plan "$release" --from 2027-01-01 --save bench >/dev/null
"$ium" --db "$db" --as bench token take >/dev/null
mapfile -t first < <("$ium" --db "$db" rollout show bench --json |
  python3 -c 'import json, sys
for u in json.load(sys.stdin)["upgrades"][:6]:
    if u.get("start"): print(u["instrument"])')
for ((i = 0; i < ${#first[@]}; i++)); do
  "$ium" --db "$db" --as bench rollout mark bench "${first[$i]}" in-progress --force >/dev/null
  if (( i % 3 == 0 )); then
    "$ium" --db "$db" --as bench rollout mark bench "${first[$i]}" done >/dev/null
  fi
done
"$ium" --db "$db" --as bench token release >/dev/null
"$seed" "$db" --per-instrument 2 --every 3 --days 25

q_ium="$(printf %q "$ium")"
q_db="$(printf %q "$db")"

# median_seconds NAME COMMAND: the median wall time of COMMAND in seconds and, with
# hyperfine, the mean CPU time (user + system): on a machine others share, the CPU time says
# what the command costs, the wall time what a person waits.
median_seconds() {
  local name="$1" command="$2"
  if [ "$use_hyperfine" -eq 1 ]; then
    local json="$scratch/hyperfine-$name.json"
    hyperfine --runs "$runs" --warmup 1 --style basic --export-json "$json" -n "$name" \
      "$command" >&2
    python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.3f %.3f" % (r["median"], r["user"] + r["system"]))' "$json"
  else
    local times=() i start end
    for ((i = 0; i < runs; i++)); do
      start="$(date +%s.%N)"
      bash -c "$command" >/dev/null
      end="$(date +%s.%N)"
      times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { printf "%.3f -\n", t[int((NR + 1) / 2)] }'
  fi
}

declare -A seconds cpu
for format in html md csv json pdf; do
  out="$scratch/report.$format"
  echo "Timing ium report --format $format ..."
  read -r seconds[$format] cpu[$format] < <(median_seconds "$format" \
    "$q_ium --db $q_db report $release --format $format -o $(printf %q "$out")")
done
pages="$(python3 -c 'import re, sys; print(len(re.findall(rb"/Type\s*/Page[^s]", open(sys.argv[1], "rb").read())))' "$scratch/report.pdf")"

echo
echo "In process, stage by stage (bench-report, median of 3):"
"$bench" "$db" "$release" --runs 3 | sed 's/^/  /'

verdict() {
  if [ -z "$2" ]; then
    echo ""
  elif awk -v v="$1" -v t="$2" 'BEGIN { exit !(v < t) }'; then
    echo "ok"
  else
    echo "MISSED"
  fi
}

echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') on $(nproc) cores"
printf '%-44s %9s %9s   %-8s %s\n' "ium report $release ($instruments instruments)" "wall" "cpu" \
  "target" ""
missed=0
for format in html md csv json pdf; do
  target=""
  case "$format" in html) target=1 ;; pdf) target=3 ;; esac
  v="$(verdict "${seconds[$format]}" "$target")"
  [ "$v" = MISSED ] && missed=1
  printf '%-44s %7s s %7s s   %-8s %s\n' \
    "--format $format -o FILE$([ "$format" = pdf ] && echo " ($pages pages)")" \
    "${seconds[$format]}" "${cpu[$format]}" "${target:+< $target s}" "$v"
done

if [ "$strict" -eq 1 ] && [ "$missed" -eq 1 ]; then
  exit 1
fi
