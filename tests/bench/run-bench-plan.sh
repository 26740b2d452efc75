#!/usr/bin/env bash
# run-bench-plan.sh: times the planner on 1,000, 10,000 and 100,000 instruments (two years of
# weekly windows plus one own window for every third instrument) and prints how the time
# grows next to n log n. A benchmark, not a test: it never fails because a figure is slow
# unless --strict is given (then: 10,000 over 0.5 s, or a ratio over 1.5 times n log n).
#
#   tests/bench/run-bench-plan.sh [--sizes "1000 10000 100000"] [--runs N] [--strict]
#                                 [BUILD_DIR]
#
# BUILD_DIR defaults to _build in the source tree. Needs python3. Times ium_plan_new() in
# process with bench-plan (the median of --runs runs, default 5); when BUILD_DIR has an `ium`
# with a `plan` command it also times the whole `ium plan RELEASE --json` process over a
# database imported from the 10,000-instrument file.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes="1000 10000 100000"
runs=5
strict=0
build=""

usage() {
  sed -n 's/^#   //p' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --strict) strict=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run-bench-plan.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *)
      if [ -n "$build" ]; then
        echo "run-bench-plan.sh: give one build directory" >&2
        exit 2
      fi
      build="$1"; shift ;;
  esac
done
build="${build:-$srcdir/_build}"
if [ ! -d "$build" ]; then
  echo "run-bench-plan.sh: no build directory $build; run meson setup and ninja first" >&2
  exit 2
fi
build="$(cd "$build" && pwd)"
bench_plan="$build/tests/bench/bench-plan"
ium="$build/src/cli/ium"
if [ ! -x "$bench_plan" ]; then
  echo "run-bench-plan.sh: $bench_plan is missing; build it with: ninja -C $build" >&2
  exit 2
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export IUM_DB="$scratch/unused.db"

declare -A seconds
for n in $sizes; do
  file="$scratch/inventory-$n.json"
  echo "Generating $n instruments ..."
  python3 "$srcdir/tests/bench/gen-inventory.py" --instruments "$n" --own-windows-every 3 -o "$file"
  line="$("$bench_plan" "$file" --runs "$runs" | tee /dev/stderr | grep '^plan:')"
  seconds[$n]="$(echo "$line" | awk '{ print $(NF - 1) }')"
done

# ratio A B: t(B)/t(A) against (B log B)/(A log A).
ratio() {
  awk -v a="$1" -v b="$2" -v ta="${seconds[$1]}" -v tb="${seconds[$2]}" 'BEGIN {
    nlogn = (b * log(b)) / (a * log(a))
    r = (ta > 0) ? tb / ta : 0
    printf "t(%d)/t(%d) = %.1f   n log n ratio = %.1f   %s\n", b, a, r, nlogn,
      (r <= 1.5 * nlogn) ? "ok" : "MISSED" }'
}

echo
printf '%-12s %12s\n' "instruments" "ium_plan_new"
for n in $sizes; do
  printf '%-12s %10s s\n' "$n" "${seconds[$n]}"
done
missed=0
prev=""
for n in $sizes; do
  if [ -n "$prev" ]; then
    out="$(ratio "$prev" "$n")"
    echo "$out"
    case "$out" in *MISSED*) missed=1 ;; esac
  fi
  prev="$n"
done

# The whole process, when the CLI has a plan command.
if [ -x "$ium" ] && "$ium" plan --help >/dev/null 2>&1 && [ -n "${seconds[10000]:-}" ]; then
  db="$scratch/bench.db"
  "$ium" --db "$db" import "$scratch/inventory-10000.json" >/dev/null
  release="$("$bench_plan" "$scratch/inventory-10000.json" --runs 1 | sed -n 's/.*release \([^,]*\),.*/\1/p')"
  times=()
  for ((i = 0; i < runs; i++)); do
    start="$(date +%s.%N)"
    "$ium" --db "$db" plan "$release" --from 2027-01-01 --json >/dev/null
    end="$(date +%s.%N)"
    times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')")
  done
  whole="$(printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { printf "%.3f", t[int((NR + 1) / 2)] }')"
  verdict="$(awk -v t="$whole" 'BEGIN { print (t < 0.5) ? "ok" : "MISSED" }')"
  echo "ium plan $release --json (10000 instruments, whole process): $whole s   target < 0.5 s   $verdict"
  [ "$verdict" = ok ] || missed=1
else
  echo "ium plan is not built in $build: only the in-process time of ium_plan_new() is measured."
  if [ -n "${seconds[10000]:-}" ]; then
    awk -v t="${seconds[10000]}" 'BEGIN { if (t >= 0.5) exit 1 }' || missed=1
  fi
fi

if [ "$strict" -eq 1 ] && [ "$missed" -eq 1 ]; then
  exit 1
fi
