#!/usr/bin/env bash
# Webhooks' cost to session starts, and delivery throughput to a local receiver (issue 11).
# Starts the server jar (from a copy) on the given database with VISITORAUTH_OUTBOUND_ALLOW_PRIVATE
# on, and a receiver on 127.0.0.1 (PORT+620) that answers 204 and counts. Then alternates rounds of
# authenticated starts of existing users on new devices (start-many.sh, wrk): "plain" rounds in a
# workspace with no webhook, "webhook" rounds in a workspace with one endpoint subscribed to every
# event type (every start emits visitor.linked: one delivery per start). After each webhook round it
# waits until the receiver has every delivery and prints the delivery rate over the round and the
# drain that followed.
# Usage: benchmarks/scripts/webhook-bench.sh JAR [JDBC_URL|h2] [connections] [seconds] [users] [warmups] [pairs]
# Needs wrk, curl, python3. Ports $PORT (default 18180), PORT+1, PORT+1010 and PORT+620 free: the
# script stops when something already answers there (another benchmark's server would be measured).
set -eu
jar=$1; url=${2:-h2}; c=${3:-32}; d=${4:-10}; n=${5:-1000}; warm=${6:-2}; pairs=${7:-2}
port=${PORT:-18180}; hook_port=$((port + 620))
for p in $port $((port + 1)) $((port + 1010)) $hook_port; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use; set PORT" >&2; exit 1; fi
done
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cp "$jar" "$work/server.jar"
export VISITORAUTH_SYSTEM_API_KEY=load-system-key-0123456789abcdef
db=()
if [ "$url" != h2 ]; then
  db=(SPRING_DATASOURCE_URL="$url" SPRING_DATASOURCE_USERNAME="${PGUSER:-postgres}" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}")
fi
env "${db[@]}" VISITORAUTH_DATA_DIR="$work/data" SERVER_PORT=$port VISITORAUTH_MANAGEMENT_PORT=$((port + 1)) VISITORAUTH_GRPC_PORT=$((port + 1010)) \
  VISITORAUTH_NEW_VISITOR_LIMIT=100000000 VISITORAUTH_OUTBOUND_ALLOW_PRIVATE=true \
  java -jar "$work/server.jar" > "$work/server.log" 2>&1 &
pid=$!
python3 - "$work/received" "$hook_port" <<'PY' &
import sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
path = sys.argv[1]; lock = threading.Lock(); count = [0]
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
        with lock:
            count[0] += 1
            open(path, "w").write(str(count[0]))
    def log_message(self, *a): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), H).serve_forever()
PY
receiver=$!
trap 'kill $pid $receiver 2>/dev/null; wait $pid 2>/dev/null || true; cp "$work/server.log" "${SERVER_LOG:-/tmp/webhook-bench-server.log}"; rm -rf "$work"' EXIT
echo 0 > "$work/received"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" = 200 ]; do
  kill -0 $pid 2>/dev/null || { tail -20 "$work/server.log"; exit 1; }
  sleep 0.2
done
kill -0 $pid  # the server that answered is this one
export BASE_URL=http://127.0.0.1:$port SYSTEM_KEY=$VISITORAUTH_SYSTEM_API_KEY
for i in $(seq 1 "$warm"); do WORK=$(mktemp -d) "$here/start-many.sh" "$c" "$d" "$n" > /dev/null; done
received() { cat "$work/received"; }
# Let the warm-up's deliveries (none: no endpoint) and anything queued settle.
for i in $(seq 1 "$pairs"); do
  echo "plain   $(WORK=$(mktemp -d) "$here/start-many.sh" "$c" "$d" "$n")"
  before=$(received); t0=$(date +%s.%N)
  line=$(WORK=$(mktemp -d) WEBHOOK_URL=http://127.0.0.1:$hook_port/hook "$here/start-many.sh" "$c" "$d" "$n")
  # The users' first starts (n of them, before wrk) and wrk's starts each emit events; wait until the
  # receiver count stops growing for 3 s.
  last=-1; still=0
  while [ $still -lt 15 ]; do
    now=$(received)
    if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; last=$now; fi
    sleep 0.2
  done
  t1=$(date +%s.%N)
  got=$(( $(received) - before ))
  echo "webhook $line deliveries=$got deliveries_per_s=$(python3 -c "print(round($got / ($t1 - $t0 - 3)))")"
done
