#!/usr/bin/env bash
# Load test of a running site (issue 11's last target): 64 connections for 60 s on a mix of
# pages — home, film lists and searches, film, person and studio pages, the API, site
# search — with Debian's wrk and benchmarks/load.lua. It starts nothing: serve the site first
# (`make run`: gunicorn, DEBUG off, on 127.0.0.1:8000), then
#
#   benchmarks/load.sh                         # http://127.0.0.1:8000, 64 connections, 60 s
#   benchmarks/load.sh http://127.0.0.1:8001 16 30
#
# Only this machine's loopback addresses are accepted as a target. The record pages come
# from the site's sitemap. It prints requests/s, p50/p95/p99 and the errors, and exits 1 if
# the target (0 errors, p95 < 500 ms, >= 150 requests/s) is not met.
set -euo pipefail
url=${1:-http://127.0.0.1:8000}
connections=${2:-64}
seconds=${3:-60}
url=${url%/}

if [[ ! $url =~ ^http://(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(:[0-9]+)?$ ]]; then
  echo "load.sh: only a server on this machine's loopback (http://127.0.0.1:PORT) is a target" >&2
  exit 2
fi
if (( seconds < 1 || seconds > 600 )); then
  echo "load.sh: a run lasts from 1 to 600 seconds" >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "load.sh: needs wrk (apt-get install wrk)" >&2; exit 2; }

paths=$(mktemp)
trap 'rm -f "$paths"' EXIT
# The sitemap's page addresses, as paths (its host may be any name the site answers to).
curl -fsS --max-time 30 "$url/sitemap.xml" | grep -o '<loc>[^<]*</loc>' \
  | sed -E 's#<loc>https?://[^/]+##; s#</loc>##' > "$paths" || true
echo "$(wc -l < "$paths") record pages from the sitemap; $connections connections for $seconds s on $url"

here=$(cd "$(dirname "$0")" && pwd)
out=$(NKFILMS_LOAD_PATHS=$paths wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s \
  -s "$here/load.lua" "$url")
echo "$out"
grep -q "): MET" <<<"$out"
