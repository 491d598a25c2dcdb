#!/usr/bin/env bash
# Session-start load on PostgreSQL: starts the server jar (from a copy) on the given database, then
# drives authenticated starts of existing users on new devices with wrk (start-many.sh), warm-up
# rounds first. Prints one wrk line per measured round: rps, p50, p99, non-201 answers.
# Every start creates a visitor, so the new-visitor limit is turned up for the load (the limit is
# still checked on every start: that cost is part of what is measured).
# Usage: benchmarks/scripts/session-start-load.sh JAR JDBC_URL [connections] [seconds] [users] [warmups] [rounds]
# Needs wrk, curl, python3. Ports 18080, 18081 and 19090 free.
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
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/actuator/health/readiness)" = 200 ]; do
  kill -0 $pid 2>/dev/null || { tail -20 "$work/server.log"; exit 1; }
  sleep 0.2
done
export BASE_URL=http://127.0.0.1:18080 SYSTEM_KEY=$VISITORAUTH_SYSTEM_API_KEY
for i in $(seq 1 "$warm"); do WORK=$(mktemp -d) "$here/start-many.sh" "$c" "$d" "$n" > /dev/null; done
for i in $(seq 1 "$rounds"); do WORK=$(mktemp -d) "$here/start-many.sh" "$c" "$d" "$n"; done
