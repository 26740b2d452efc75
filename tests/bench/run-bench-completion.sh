#!/usr/bin/env bash
# run-bench-completion.sh: how long one press of Tab takes with the bash completion of ium
# (data/ium/ium.bash-completion): a command name (no database involved), and instrument names
# read from the database with `ium status --json`, on the demo facility and on a generated
# facility of --instruments instruments. Prints the mean of --runs completions each. A
# benchmark, not a test: it never fails because a figure is slow.
#
#   tests/bench/run-bench-completion.sh [--instruments N] [--runs N] [BUILD_DIR]
#
# BUILD_DIR defaults to _build in the source tree; its src/cli/ium is the one completed for.
# Works in a scratch directory (deleted at the end) and never touches your own inventory.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instruments=10000
runs=20
build=""

while [ $# -gt 0 ]; do
  case "$1" in
    --instruments) instruments="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n 's/^#   //p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "run-bench-completion.sh: unknown option $1" >&2; exit 2 ;;
    *) build="$1"; shift ;;
  esac
done
build="${build:-$srcdir/_build}"
ium="$build/src/cli/ium"
if [ ! -x "$ium" ]; then
  echo "run-bench-completion.sh: no $ium; build first (meson compile -C $build)" >&2
  exit 2
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"

"$ium" --db "$scratch/demo.db" import "$srcdir/data/demo-inventory.json" >/dev/null
python3 "$srcdir/tests/bench/gen-inventory.py" --instruments "$instruments" -o "$scratch/big.json"
"$ium" --db "$scratch/big.db" import "$scratch/big.json" >/dev/null

# Completes WORDS... (the last one under the cursor) $runs times in one shell; prints the
# mean in milliseconds and how many words were offered.
measure () {
  local db=$1
  shift
  PATH="$(dirname "$ium"):$PATH" IUM_DB="$db" bash --norc --noprofile -c '
    source "$1"; runs=$2; shift 2
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do COMPREPLY=(); _ium; done
    end=$(date +%s%N)
    printf "%8.1f ms  %6d words\n" "$(( (end - start) / runs ))e-6" "${#COMPREPLY[@]}"
  ' bash "$srcdir/data/ium/ium.bash-completion" "$runs" "$@"
}

printf 'ium %s; %d completions each\n\n' "$("$ium" --help >/dev/null && echo "$ium")" "$runs"
printf '%-58s %s\n' "ium rol<Tab> (no database)" "$(measure "$scratch/none.db" ium rol)"
printf '%-58s %s\n' "ium status <Tab>, the demo facility" \
  "$(measure "$scratch/demo.db" ium status '')"
printf '%-58s %s\n' "ium status <Tab>, $instruments instruments" \
  "$(measure "$scratch/big.db" ium status '')"
printf '%-58s %s\n' "ium plan <Tab> (releases from ium export), $instruments instruments" \
  "$(measure "$scratch/big.db" ium plan '')"
