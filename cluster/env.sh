# Sourced by cluster/up, cluster/down and cluster/chaos: where the cluster lives and which loopback
# ports it uses. Every value can be overridden from the environment.
CLUSTER_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CLUSTER_HOME/.." && pwd)"
CLUSTER_DIR="${CLUSTER_DIR:-$CLUSTER_HOME/.state}"
CLUSTER_HOST=127.0.0.1
CLUSTER_NODES="${CLUSTER_NODES:-3}"
# PostgreSQL: monitor, then the two data nodes (primary and synchronous standby).
CLUSTER_PG_MONITOR_PORT="${CLUSTER_PG_MONITOR_PORT:-55400}"
CLUSTER_PG1_PORT="${CLUSTER_PG1_PORT:-55401}"
CLUSTER_PG2_PORT="${CLUSTER_PG2_PORT:-55402}"
CLUSTER_DB="${CLUSTER_DB:-visitorauth}"
# HAProxy: REST and gRPC front ends, stats page.
CLUSTER_HTTP_PORT="${CLUSTER_HTTP_PORT:-28080}"
CLUSTER_GRPC_PORT="${CLUSTER_GRPC_PORT:-29090}"
CLUSTER_STATS_PORT="${CLUSTER_STATS_PORT:-28404}"
# Server node i (1..N): HTTP on CLUSTER_NODE_HTTP_BASE+i, gRPC on CLUSTER_NODE_GRPC_BASE+i,
# management on CLUSTER_NODE_MGMT_BASE+i.
CLUSTER_NODE_HTTP_BASE="${CLUSTER_NODE_HTTP_BASE:-28080}"
CLUSTER_NODE_GRPC_BASE="${CLUSTER_NODE_GRPC_BASE:-29090}"
CLUSTER_NODE_MGMT_BASE="${CLUSTER_NODE_MGMT_BASE:-28180}"
CLUSTER_NODE_HEAP="${CLUSTER_NODE_HEAP:-384m}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# PostgreSQL's files live in the cluster directory, unless the postgres user cannot reach it (a checkout
# below a directory only root may enter, as `mktemp -d` makes): then cluster/up puts them under /var/tmp
# and records where in CLUSTER_DIR/pg-dir.
if [ -f "$CLUSTER_DIR/pg-dir" ]; then PG_DIR="$(cat "$CLUSTER_DIR/pg-dir")"; else PG_DIR="$CLUSTER_DIR/pg"; fi
JDBC_URL="jdbc:postgresql://$CLUSTER_HOST:$CLUSTER_PG1_PORT,$CLUSTER_HOST:$CLUSTER_PG2_PORT/$CLUSTER_DB?targetServerType=primary&connectTimeout=2&socketTimeout=30&loginTimeout=5"

# Runs pg_autoctl (or any command) as the postgres user (initdb refuses root), with its
# configuration and state files inside the cluster directory rather than in postgres's home.
as_pg() {
  local envs=(PATH="$PG_BIN:/usr/bin:/bin" XDG_CONFIG_HOME="$PG_DIR/xdg/config"
    XDG_DATA_HOME="$PG_DIR/xdg/data" XDG_RUNTIME_DIR="$PG_DIR/xdg/run")
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- env "${envs[@]}" "$@"
  else
    env "${envs[@]}" "$@"
  fi
}

node_http_port() { echo $((CLUSTER_NODE_HTTP_BASE + $1)); }
node_grpc_port() { echo $((CLUSTER_NODE_GRPC_BASE + $1)); }
node_mgmt_port() { echo $((CLUSTER_NODE_MGMT_BASE + $1)); }

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Waits up to $1 seconds for the command that follows to succeed.
wait_for() {
  local limit=$1; shift
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

SECRETS="$CLUSTER_DIR/secrets.env"

# Starts server node $1 in its own session from the cluster's copy of the jar; pid in nodeN.pid.
# The request limits are raised: every load client of the chaos run shares one address.
start_node() {
  local i=$1
  local dir="$CLUSTER_DIR/nodes/node$i"
  mkdir -p "$dir"
  # shellcheck disable=SC2046
  setsid env $(cat "$SECRETS") \
    SERVER_ADDRESS="$CLUSTER_HOST" \
    SERVER_PORT="$(node_http_port "$i")" \
    VISITORAUTH_GRPC_PORT="$(node_grpc_port "$i")" \
    VISITORAUTH_MANAGEMENT_PORT="$(node_mgmt_port "$i")" \
    VISITORAUTH_DATA_DIR="$dir/data" \
    SPRING_DATASOURCE_URL="$JDBC_URL" \
    SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATASOURCE_PASSWORD= \
    VISITORAUTH_NEW_VISITOR_LIMIT="${VISITORAUTH_NEW_VISITOR_LIMIT:-1000000}" \
    VISITORAUTH_CONVERSATION_LIMIT="${VISITORAUTH_CONVERSATION_LIMIT:-1000000}" \
    VISITORAUTH_MESSAGE_LIMIT="${VISITORAUTH_MESSAGE_LIMIT:-1000000}" \
    VISITORAUTH_FAILURE_LIMIT="${VISITORAUTH_FAILURE_LIMIT:-1000000}" \
    VISITORAUTH_STREAM_MAX_PER_WORKSPACE="${VISITORAUTH_STREAM_MAX_PER_WORKSPACE:-500}" \
    VISITORAUTH_STREAM_HEARTBEAT="${VISITORAUTH_STREAM_HEARTBEAT:-5s}" \
    java -Xmx"$CLUSTER_NODE_HEAP" -XX:+ExitOnOutOfMemoryError -jar "$CLUSTER_DIR/visitorauth-server.jar" \
    >>"$CLUSTER_DIR/logs/node$i.log" 2>&1 < /dev/null &
  echo $! > "$CLUSTER_DIR/node$i.pid"
}
node_ready() { curl -fsS -o /dev/null "http://$CLUSTER_HOST:$(node_http_port "$1")/actuator/health/readiness"; }

