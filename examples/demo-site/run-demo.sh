#!/usr/bin/env bash
# One command for the whole demo: the visitorauth server, a workspace and a widget (made once, with
# curl, and remembered), and the demo site that embeds the widget. Ctrl-C stops both.
#
#   examples/demo-site/run-demo.sh          then open http://localhost:3000
#
# Needs JDK 17+, Maven and curl. Ports: SERVER_PORT (8080), DEMO_PORT (3000), VISITORAUTH_GRPC_PORT
# (9090). Data (database, keys, the demo widget) in DEMO_DATA_DIR (examples/demo-site/target/demo-data).
set -euo pipefail
cd "$(dirname "$0")/../.."

SERVER_PORT=${SERVER_PORT:-8080}
DEMO_PORT=${DEMO_PORT:-3000}
DATA=${DEMO_DATA_DIR:-$PWD/examples/demo-site/target/demo-data}
SERVER_JAR=server/target/visitorauth-server.jar
DEMO_JAR=examples/demo-site/target/visitorauth-example-demo-site.jar
B=http://localhost:$SERVER_PORT

if [ ! -f "$SERVER_JAR" ]; then
  echo "Building the server (mvn -q -DskipTests package)…"
  mvn -q -DskipTests package
fi
if [ ! -f "$DEMO_JAR" ]; then
  echo "Building the demo site…"
  mvn -q -DskipTests -f examples/demo-site/pom.xml package
fi
mkdir -p "$DATA"

echo "Starting visitorauth on $B (log: $DATA/server.log)…"
# A longer database timeout than the server's fail-fast 5 s: the embedded database's first start on a busy machine.
VISITORAUTH_DATA_DIR="$DATA" SERVER_PORT=$SERVER_PORT VISITORAUTH_GRPC_PORT=${VISITORAUTH_GRPC_PORT:-9090} \
  java -jar "$SERVER_JAR" --spring.datasource.hikari.connection-timeout=30000 > "$DATA/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do
  if curl -fs "$B/actuator/health" > /dev/null 2>&1; then break; fi
  if ! kill -0 $SERVER_PID 2>/dev/null; then echo "The server stopped; see $DATA/server.log"; exit 1; fi
  sleep 1
done
curl -fs "$B/actuator/health" > /dev/null || { echo "The server did not start; see $DATA/server.log"; exit 1; }

json() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

if [ -f "$DATA/demo-widget.env" ]; then
  # shellcheck disable=SC1091
  . "$DATA/demo-widget.env"
else
  SYS=${VISITORAUTH_SYSTEM_API_KEY:-$(cat "$DATA/system-api-key")}
  API_KEY=$(curl -fs -X POST "$B/v1/workspaces" -H "Authorization: Bearer $SYS" \
              -H 'Content-Type: application/json' -d '{"name":"Acme Rockets"}' | json apiKey)
  W=$(curl -fs -X POST "$B/v1/admin/widgets" -H "Authorization: Bearer $API_KEY" \
        -H 'Content-Type: application/json' -d '{"name":"Acme Rockets support"}')
  WIDGET_ID=$(echo "$W" | json id)
  WIDGET_SECRET=$(echo "$W" | json secret)
  printf 'API_KEY=%s\nWIDGET_ID=%s\nWIDGET_SECRET=%s\n' "$API_KEY" "$WIDGET_ID" "$WIDGET_SECRET" > "$DATA/demo-widget.env"
  chmod 600 "$DATA/demo-widget.env"
fi

# The server's own /widget.js when it serves one; otherwise the demo site serves the repository's.
WIDGET_SCRIPT_ARG=()
if ! curl -fs "$B/widget.js" > /dev/null 2>&1; then
  WIDGET_SCRIPT_ARG=(--widget-script="$PWD/widget/src/widget.js")
fi

cat <<INFO

  Demo site:  http://localhost:$DEMO_PORT   (sign in as Ada, Grace or Alan; /app is a single-page app)
  Widget:     $WIDGET_ID   (secret and workspace API key in $DATA/demo-widget.env)

  Answer as an agent (Ada is user 1001):
    K=\$(sed -n 's/^API_KEY=//p' $DATA/demo-widget.env)
    curl -s $B/v1/admin/users/1001 -H "Authorization: Bearer \$K"        # her conversations
    curl -s -X POST $B/v1/admin/conversations/<conversation id>/messages -H "Authorization: Bearer \$K" \\
         -H 'Content-Type: application/json' -d '{"text":"Hi Ada, how can we help?"}'
    curl -s $B/v1/admin/widgets/$WIDGET_ID/auth-failures -H "Authorization: Bearer \$K"

INFO
# The secret goes by environment, not on the command line (where ps would show it).
VISITORAUTH_URL="$B" WIDGET_ID="$WIDGET_ID" WIDGET_SECRET="$WIDGET_SECRET" PORT="$DEMO_PORT" \
  java -jar "$DEMO_JAR" "${WIDGET_SCRIPT_ARG[@]}"
