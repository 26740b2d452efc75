#!/usr/bin/env bash
# run-bench-server.sh: client checks per second over HTTP against `ium serve` on a large
# inventory, measured with wrk, next to nginx serving one check's JSON as a static file on the
# same machine. A benchmark, not a test: it prints figures and never fails on them.
#
#   tests/bench/run-bench-server.sh [--instruments N] [--duration SECONDS] [--connections C]
#                                   [--threads N] [--million] [--no-nginx] [BUILD_DIR]
#
# Needs wrk (Debian: apt-get install wrk) and python3; nginx (Debian: nginx-light) for the
# comparison. BUILD_DIR defaults to _build. --threads is `ium serve --threads` and nginx's
# worker_processes. The default is 1: one listener thread against one nginx worker, each with
# a core, while wrk has the other cores (on a 2-core machine, more server threads only take
# wrk's core); --threads 0 gives `ium serve`'s own default, one per core (at most 4).
# --million also runs a million checks and reports the server's memory before and after. See
# docs/performance.md.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
instruments=10000
duration=10
connections=64
threads=1
million=0
use_nginx=1
build=""

usage() {
  sed -n 's/^#   //p' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --instruments) instruments="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --million) million=1; shift ;;
    --no-nginx) use_nginx=0; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run-bench-server.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) build="$1"; shift ;;
  esac
done
build="$(cd "${build:-$srcdir/_build}" && pwd)"
ium="$build/src/cli/ium"

if [ ! -x "$ium" ]; then
  echo "run-bench-server.sh: $ium is missing; build it with: meson compile -C $build" >&2
  exit 2
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "run-bench-server.sh: wrk is not installed (Debian: apt-get install wrk)" >&2
  exit 2
fi
nginx_bin="$(command -v nginx || true)"
if [ "$use_nginx" -eq 1 ] && [ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ]; then
  nginx_bin=/usr/sbin/nginx
fi
if [ "$use_nginx" -eq 1 ] && [ -z "$nginx_bin" ]; then
  echo "nginx is not installed (Debian: apt-get install nginx-light): no comparison."
  use_nginx=0
fi
if [ "$threads" -eq 0 ]; then
  threads="$(nproc)"
  threads=$(( threads > 4 ? 4 : threads ))
fi

scratch="$(mktemp -d)"
server_pid=""
nginx_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$nginx_pid" ]; then kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
db="$scratch/bench.db"

echo "Generating and importing an inventory of $instruments instruments ..."
python3 "$srcdir/tests/bench/gen-inventory.py" --instruments "$instruments" -o "$scratch/inventory.json"
"$ium" --db "$db" import "$scratch/inventory.json" >/dev/null

# One check per instrument, at the GUI version its control host has: the realistic mix of
# verdicts a facility's clients get when they connect.
"$ium" --db "$db" --json status > "$scratch/status.json"
python3 - "$scratch/status.json" "$scratch/checks.lua" <<'PY'
import json, sys, urllib.parse
status = json.load(open(sys.argv[1]))
paths = []
for instrument in status["instruments"]:
    version = instrument["hosts"][0]["installed"].get("ibex-gui")
    if version is None:
        continue
    query = urllib.parse.urlencode({"instrument": instrument["name"], "component": "ibex-gui",
                                    "version": version})
    paths.append("/api/v1/check?" + query)
with open(sys.argv[2], "w") as out:
    out.write("paths = {\n")
    for path in paths:
        out.write('  "%s",\n' % path)
    out.write("}\n")
    out.write("local i = 0\n"
              "function init(args) i = math.random(#paths) end\n"
              "function request()\n"
              "  i = i % #paths + 1\n"
              "  return wrk.format(\"GET\", paths[i])\n"
              "end\n")
PY
echo "  $(grep -c '^  "/' "$scratch/checks.lua") distinct checks"

"$ium" --db "$db" serve --listen 127.0.0.1:0 --threads "$threads" > "$scratch/serve.out" 2> "$scratch/serve.err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q 'listening on' "$scratch/serve.out" 2>/dev/null && break
  sleep 0.1
done
url="$(grep -o 'http://[^ ]*' "$scratch/serve.out")"
echo "ium serve --threads $threads at $url"

rss_kb() {
  awk '/^VmRSS/ { print $2 }' "/proc/$1/status"
}

# run_wrk NAME URL [SCRIPT]: prints "requests/s p50_ms p99_ms errors".
run_wrk() {
  local name="$1" target="$2" script="${3:-}" out="$scratch/wrk-$1.txt"
  local args=(-t2 -c"$connections" -d"${duration}s" --latency)
  if [ -n "$script" ]; then args+=(-s "$script"); fi
  wrk "${args[@]}" "$target" > "$out"
  python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M)
    if not m:
        return float("nan")
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = 0
m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if m:
    errors += int(m.group(1))
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if m:
    errors += sum(int(x) for x in m.groups())
print("%.0f %.2f %.2f %d" % (rps, ms("50%"), ms("99%"), errors))
PY
}

echo "Warming up ..."
wrk -t2 -c"$connections" -d2s -s "$scratch/checks.lua" "$url" > /dev/null
rss_start="$(rss_kb "$server_pid")"

echo "Timing ium serve: $connections connections for ${duration} s ..."
read -r ium_rps ium_p50 ium_p99 ium_errors < <(run_wrk ium "$url" "$scratch/checks.lua")

if [ "$million" -eq 1 ]; then
  echo "Sending a million checks ..."
  seconds=$(( 1000000 / (${ium_rps%.*} + 1) + 2 ))
  wrk -t2 -c"$connections" -d"${seconds}s" -s "$scratch/checks.lua" "$url" > "$scratch/wrk-million.txt"
  sent="$(awk '/requests in/ { print $1 }' "$scratch/wrk-million.txt")"
  rss_end="$(rss_kb "$server_pid")"
fi
metrics="$(curl -s "${url}metrics" 2>/dev/null || true)"

if [ "$use_nginx" -eq 1 ]; then
  mkdir -p "$scratch/nginx/www" "$scratch/nginx/tmp"
  first="$(awk -F'"' '/^  "\// { print $2; exit }' "$scratch/checks.lua")"
  curl -s "${url%/}$first" > "$scratch/nginx/www/check.json"
  # nginx started by root reads files as another user.
  chmod 755 "$scratch" "$scratch/nginx" "$scratch/nginx/www"
  chmod 644 "$scratch/nginx/www/check.json"
  port=$(( 20000 + RANDOM % 20000 ))
  cat > "$scratch/nginx/nginx.conf" <<EOF
worker_processes $threads;
pid $scratch/nginx/nginx.pid;
error_log $scratch/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $scratch/nginx/tmp;
  proxy_temp_path $scratch/nginx/tmp;
  fastcgi_temp_path $scratch/nginx/tmp;
  uwsgi_temp_path $scratch/nginx/tmp;
  scgi_temp_path $scratch/nginx/tmp;
  server {
    listen 127.0.0.1:$port backlog=4096;
    root $scratch/nginx/www;
    location / { default_type application/json; }
  }
}
EOF
  "$nginx_bin" -c "$scratch/nginx/nginx.conf" -p "$scratch/nginx" &
  nginx_pid=$!
  sleep 1
  echo "Timing nginx ($threads workers) serving the same JSON as a file ..."
  wrk -t2 -c"$connections" -d2s "http://127.0.0.1:$port/check.json" > /dev/null
  read -r nginx_rps nginx_p50 nginx_p99 nginx_errors < <(run_wrk nginx "http://127.0.0.1:$port/check.json")
fi

echo
echo "ium serve on $instruments instruments, $threads listener threads, $connections connections, ${duration} s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-34s %10s %9s %9s %8s\n' "" "requests/s" "p50 ms" "p99 ms" "errors"
printf '%-34s %10s %9s %9s %8s\n' "ium serve GET /api/v1/check" "$ium_rps" "$ium_p50" "$ium_p99" "$ium_errors"
if [ "$use_nginx" -eq 1 ]; then
  printf '%-34s %10s %9s %9s %8s\n' "nginx, static file of the JSON" "$nginx_rps" "$nginx_p50" "$nginx_p99" "$nginx_errors"
  echo "ium serve / nginx: $(awk -v a="$ium_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }') (target >= 0.5); p99 target < 10 ms"
fi
echo "server memory (RSS) after warm-up: $((rss_start / 1024)) MB"
if [ "$million" -eq 1 ]; then
  echo "after $sent more checks: $((rss_end / 1024)) MB"
fi
echo "$metrics" | grep -E '^ium_check_log_(queue_length|written_total|dropped_total) ' || true
