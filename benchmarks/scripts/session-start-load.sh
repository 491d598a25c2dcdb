#!/usr/bin/env bash
# Session-start load on PostgreSQL: starts the server jar (from a copy) on the given database, then
# drives authenticated starts of existing users on new devices with wrk (start-many.sh), warm-up
# rounds first. Prints one wrk line per measured round: rps, p50, p99, non-201 answers.
# Every start creates a visitor, so the new-visitor limit is turned up for the load (the limit is
# still checked on every start: that cost is part of what is measured).
# After each measured round it also prints the CPU time the server process and all PostgreSQL
# processes (user postgres) spent per start during wrk's run, from /proc (less sensitive to other
# load on the machine than the rate).
# Usage: benchmarks/scripts/session-start-load.sh JAR JDBC_URL [connections] [seconds] [users] [warmups] [rounds]
# Needs wrk, curl, python3. Ports 18080, 18081 and 19090 free. The server log is kept in
# $SERVER_LOG (default /tmp/session-start-load-server.log).
set -eu
jar=$1; url=$2; c=${3:-64}; d=${4:-20}; n=${5:-2000}; warm=${6:-3}; rounds=${7:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cp "$jar" "$work/server.jar"
export VISITORAUTH_SYSTEM_API_KEY=load-system-key-0123456789abcdef
VISITORAUTH_DATA_DIR="$work/data" SERVER_PORT=18080 VISITORAUTH_MANAGEMENT_PORT=18081 VISITORAUTH_GRPC_PORT=19090 \
  SPRING_DATASOURCE_URL="$url" SPRING_DATASOURCE_USERNAME=${PGUSER:-postgres} SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} \
  VISITORAUTH_NEW_VISITOR_LIMIT=100000000 \
  java -jar "$work/server.jar" > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; cp "$work/server.log" "${SERVER_LOG:-/tmp/session-start-load-server.log}"; rm -rf "$work"' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/actuator/health/readiness)" = 200 ]; do
  kill -0 $pid 2>/dev/null || { tail -20 "$work/server.log"; exit 1; }
  sleep 0.2
done
export BASE_URL=http://127.0.0.1:18080 SYSTEM_KEY=$VISITORAUTH_SYSTEM_API_KEY
for i in $(seq 1 "$warm"); do WORK=$(mktemp -d) "$here/start-many.sh" "$c" "$d" "$n" > /dev/null; done
ticks() { # CPU ticks (user + system) of the given pids
  local t=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo $t
}
export -f ticks
hz=$(getconf CLK_TCK)
for i in $(seq 1 "$rounds"); do
  line=$(WORK=$(mktemp -d) BEFORE_WRK="echo \$(ticks $pid) \$(ticks \$(pgrep -u postgres postgres)) > $work/cpu0" \
    AFTER_WRK="echo \$(ticks $pid) \$(ticks \$(pgrep -u postgres postgres)) > $work/cpu1" \
    "$here/start-many.sh" "$c" "$d" "$n")
  read -r s0 p0 < "$work/cpu0"; read -r s1 p1 < "$work/cpu1"
  rps=$(echo "$line" | sed 's/.*rps=\([0-9]*\).*/\1/')
  echo "$line server_cpu_us_per_start=$(( (s1 - s0) * 1000000 / hz / (rps * d) )) postgres_cpu_us_per_start=$(( (p1 - p0) * 1000000 / hz / (rps * d) ))"
done
