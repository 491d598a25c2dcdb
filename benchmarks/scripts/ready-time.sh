#!/usr/bin/env bash
# Ready time of the server jar on its embedded default: milliseconds from `java -jar` until
# GET /actuator/health/readiness answers 200, polled every 50 ms. Runs each case N times (default 5):
#   first start  - a fresh data directory (creates the H2 database and runs the migrations)
#   restart      - the same data directory again
# Usage: benchmarks/scripts/ready-time.sh [jar] [runs]     (needs curl; ports 18080, 18081, 19090 free)
set -eu
jar=${1:-server/target/visitorauth-server.jar}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$jar" "$work/server.jar"

one() { # $1 = data dir; prints ms to ready
  local start end pid
  start=$(date +%s%N)
  VISITORAUTH_DATA_DIR="$1" SERVER_PORT=18080 VISITORAUTH_MANAGEMENT_PORT=18081 VISITORAUTH_GRPC_PORT=19090 \
    java -jar "$work/server.jar" > "$work/server.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/actuator/health/readiness)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited; log:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

for kind in first restart; do
  times=()
  for i in $(seq 1 "$runs"); do
    if [ "$kind" = first ]; then rm -rf "$work/data"; fi
    [ "$kind" = restart ] && [ ! -d "$work/data" ] && one "$work/data" > /dev/null
    times+=("$(one "$work/data")")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  echo "$kind start: ms to ready over $runs runs (sorted): $sorted"
done
