#!/usr/bin/env bash
# run-bench-client.sh: how long a client waits for its verdict. Imports the demo facility
# into a scratch database, starts `ium serve` on an ephemeral loopback port, runs
# bench-client against it (sequential checks through libium-client, asynchronous and
# synchronous, and a dead port), and stops the server. Prints figures; never fails on timing.
#
#   tests/bench/run-bench-client.sh [--checks N] [BUILD_DIR]
#
# BUILD_DIR defaults to _build in the source tree.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
checks=10000
build=""

while [ $# -gt 0 ]; do
  case "$1" in
    --checks) checks="$2"; shift 2 ;;
    -h|--help) sed -n 's/^#   //p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "run-bench-client.sh: unknown option $1" >&2; exit 2 ;;
    *) build="$1"; shift ;;
  esac
done
build="$(cd "${build:-$srcdir/_build}" && pwd)"

scratch="$(mktemp -d)"
server_pid=""
cleanup () {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache"
"$build/src/cli/ium" --db "$scratch/inventory.db" import "$srcdir/data/demo-inventory.json" \
  >/dev/null
"$build/src/cli/ium" --db "$scratch/inventory.db" serve --listen 127.0.0.1:0 \
  >"$scratch/serve.log" 2>&1 &
server_pid=$!

url=""
for _ in $(seq 100); do
  url="$(grep -o 'https\?://[^ ]*' "$scratch/serve.log" | head -n 1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "run-bench-client.sh: ium serve did not start:" >&2
  cat "$scratch/serve.log" >&2
  exit 1
fi

echo "server: $url (demo facility, $(nproc) cores)"
"$build/tests/bench/bench-client" "$url" --checks "$checks"
