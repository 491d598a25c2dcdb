#!/usr/bin/env bash
# Memory and delivery with N open widget streams (issue 10), end to end: starts the server jar (from a
# copy), runs open-streams.py against it, and while the streams are held forces a full GC and prints the
# live heap and VmRSS of the node holding them.
#   benchmarks/scripts/open-streams-run.sh JAR N [JVM options of the node holding the streams...]
#   e.g. MALLOC_ARENA_MAX=2 benchmarks/scripts/open-streams-run.sh /tmp/sb/jetty.jar 5000 -Xmx192m
# One node on its embedded H2 by default. TWO_NODES=1: a throw-away PostgreSQL 15 (as root: Debian's
# postgresql-15, run as the postgres user) with node A (JVM defaults) posting every agent reply and
# node B holding the streams, so each event crosses nodes through pg_notify. Ports 18491/18492 (the
# streams' node), 18591/18592 (node A), 54329 (PostgreSQL). 300 replies at 20 per second.
set -euo pipefail
jar=$(realpath "$1"); n=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/open-streams.XXXXXX); chmod 755 "$work"
cp "$jar" "$work/server.jar"
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  [ -d "$work/pg/data" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg/data" -w stop >/dev/null || true
}
trap cleanup EXIT
env_common=(VISITORAUTH_SYSTEM_API_KEY=bench-system-key-0123456789abcdef VISITORAUTH_NEW_VISITOR_LIMIT=1000000
            VISITORAUTH_CONVERSATION_LIMIT=1000000 VISITORAUTH_MESSAGE_LIMIT=1000000 VISITORAUTH_GRPC_PORT=0)
reply_url=http://127.0.0.1:18491
if [ "${TWO_NODES:-0}" = 1 ]; then
  install -d -o postgres -g postgres "$work/pg" "$work/pg/sock"
  runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$work/pg/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg/data" -l "$work/pg/log" -w -t 30 \
    -o "-p 54329 -k $work/pg/sock -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  env_common+=(SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:54329/postgres SPRING_DATASOURCE_USERNAME=postgres
               "VISITORAUTH_MASTER_KEY=$(openssl rand -base64 32)")
  env "${env_common[@]}" SERVER_PORT=18591 VISITORAUTH_MANAGEMENT_PORT=18592 VISITORAUTH_DATA_DIR="$work/a" \
    java -jar "$work/server.jar" > "$work/node-a.log" 2>&1 &
  pids+=($!)
  reply_url=http://127.0.0.1:18591
fi
env "${env_common[@]}" SERVER_PORT=18491 VISITORAUTH_MANAGEMENT_PORT=18492 VISITORAUTH_DATA_DIR="$work/b" \
  java "$@" -jar "$work/server.jar" > "$work/node.log" 2>&1 &
node=$!; pids+=($node)
for url in http://127.0.0.1:18491 "$reply_url"; do
  for _ in $(seq 1 240); do curl -sf "$url/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
done
out="$work/open-streams.out"
REPLY_BASE_URL=$reply_url HOLD_SECONDS=40 python3 "$here/open-streams.py" http://127.0.0.1:18491 "$node" \
  bench-system-key-0123456789abcdef "$n" 300 20 > "$out" 2>&1 &
bench=$!
until grep -q holding "$out" 2>/dev/null || ! kill -0 "$bench" 2>/dev/null; do sleep 1; done
cat "$out"
jcmd "$node" GC.run >/dev/null; sleep 2
echo "live heap after a full GC: $(jcmd "$node" GC.heap_info | sed -n 2p | sed 's/^ *//')"
echo "RSS after a full GC: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$node/status)"
[ "${TWO_NODES:-0}" = 1 ] && echo "node A's RSS: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/${pids[0]}/status)"
wait "$bench"
