#!/usr/bin/env bash
# Session start at the database's speed (issue 12), in one sitting on one machine:
#   1. a throw-away PostgreSQL 15 (fsync off unless PG_FSYNC=on, pg_stat_statements on) and the server
#      jar (from a copy) on it, with its default pool (10 connections);
#   2. wrk against the server, for the four kinds of start: an authenticated start of an existing user
#      on a new device ("auth"), a resumed visitor ("resume"), an anonymous start ("anon") and an
#      upgrade of an anonymous visitor ("upgrade"): warm-up rounds, then measured rounds, each with
#      the CPU the server and PostgreSQL spent per start and the statements per start the server sent;
#   3. gRPC StartSession ("auth") and VerifyVisitorToken with the Java load client GrpcLoad (benchmarks
#      module; its CPU per call is over warm-up and measured period together);
#   4. pgbench beside it on the same database and users: start-lean.pgbench (the least an "auth"
#      start needs) and start-many.pgbench (what the server sent on 2026-11-30), at the same
#      connection count, with p50/p99 from pgbench's per-transaction log.
# Usage: benchmarks/scripts/start/start-bench.sh JAR [connections] [seconds] [users] [warmups] [rounds]
#   defaults: 64 connections, 20 s rounds, 2,000 users, 3 warm-ups, 3 rounds.
#   KINDS (default "auth resume anon upgrade grpc") and PGBENCH (default "start-lean start-many") pick
#   parts, e.g. KINDS=auth PGBENCH=start-lean for the issue's criterion alone; SERVER_JAVA_OPTS and any
#   SERVER_*/SPRING_* variables of the environment reach the server.
# Needs: root (PostgreSQL runs as the postgres user), Debian's postgresql-15 (with contrib), wrk,
# curl, python3, and the benchmarks jar ($BENCH_JAR, default benchmarks/target/benchmarks.jar). Uses ports $PGPORT (54339), 18180, 18181, 19190. Prints one line per round and
# writes them to $OUT (default /tmp/start-bench.txt). Measure on a quiet machine: 2 cores are shared
# by wrk, the server and PostgreSQL.
set -euo pipefail
jar=$(realpath "$1"); c=${2:-64}; d=${3:-20}; n=${4:-2000}; warm=${5:-3}; rounds=${6:-3}
here=$(cd "$(dirname "$0")" && pwd)
bench_jar=${BENCH_JAR:-$here/../../target/benchmarks.jar} # mvn -q -DskipTests package -pl benchmarks -am
out=${OUT:-/tmp/start-bench.txt}
pgport=${PGPORT:-54339}
pgbin=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/start-bench.XXXXXX)
chmod 755 "$work"
: > "$out"
say() { echo "$*" | tee -a "$out"; }

install -d -o postgres -g postgres "$work/pg" "$work/pg/sock"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg/data" -U postgres -A trust -E UTF8 --no-sync > /dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 30 -o "-p $pgport -k $work/pg/sock \
  -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB -c fsync=${PG_FSYNC:-off} \
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top" start > /dev/null
psql_() { psql -h 127.0.0.1 -p "$pgport" -U postgres -qtAX "$@"; }
psql_ -c "CREATE DATABASE bench"
psql_ -d bench -c "CREATE EXTENSION pg_stat_statements"
postmaster=$(head -1 "$work/pg/data/postmaster.pid")

cp "$jar" "$work/server.jar"
export VISITORAUTH_SYSTEM_API_KEY=bench-system-key-0123456789abcdef
VISITORAUTH_DATA_DIR="$work/data" SERVER_PORT=18180 VISITORAUTH_MANAGEMENT_PORT=18181 VISITORAUTH_GRPC_PORT=19190 \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$pgport/bench" SPRING_DATASOURCE_USERNAME=postgres \
  VISITORAUTH_NEW_VISITOR_LIMIT=100000000 \
  java ${SERVER_JAVA_OPTS:-} -jar "$work/server.jar" > "$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2> /dev/null && wait "$server" 2> /dev/null || true
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -m fast stop > /dev/null 2>&1 || true
  cp "$work/server.log" /tmp/start-bench-server.log 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18180/actuator/health/readiness)" = 200 ]; do
  kill -0 "$server" 2> /dev/null || { tail -20 "$work/server.log"; exit 1; }
  sleep 0.2
done

ticks() { # CPU ticks (user + system) of the given pids
  local t=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$t"
}
pg_ticks() { # PostgreSQL's CPU ticks: the live processes, and the backends that have ended (the postmaster's cutime/cstime)
  echo $(( $(ticks $(pgrep -P "$postmaster")) + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat") ))
}
hz=$(getconf CLK_TCK)
# Statements the server sent since the reset: not the webhook workers' polls (a few a second, whatever
# the load), nor those of the event log's commit-time trigger (V10: run inside PostgreSQL at commit,
# they reference NEW), which are listed below all the same.
sent="query NOT LIKE '%webhook%' AND query NOT LIKE '%NEW.%' AND query NOT LIKE '%pg_stat_statements%'"
statements() {
  psql_ -d bench -c "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database
    WHERE datname = 'bench') AND $sent"
}

# run KIND LABEL [env...]: one wrk round, with CPU and statements per start
run() {
  local kind=$1 label=$2; shift 2
  psql_ -d bench -c "SELECT pg_stat_statements_reset()" > /dev/null
  local s0 p0 s1 p1 line rps
  s0=$(ticks "$server"); p0=$(pg_ticks)
  line=$(env BODIES="$work/$kind.txt" "$@" wrk -t2 -c"$c" -d"${d}s" --latency -s "$here/post.lua" "$(cat "$work/url")" | tail -n 1)
  s1=$(ticks "$server"); p1=$(pg_ticks)
  rps=$(echo "$line" | sed 's/.*rps=\([0-9]*\).*/\1/')
  local starts=$((rps * d))
  say "$kind $label $line server_cpu_us=$(( (s1 - s0) * 1000000 / hz / starts )) postgres_cpu_us=$(( (p1 - p0) * 1000000 / hz / starts )) statements=$(python3 -c "print(round($(statements) / $starts, 2))")"
  if [ "$label" = measured ]; then # what they were: each statement sent at least once every 20 starts
    psql_ -d bench -F ' ' -c "SELECT round(calls::numeric / $starts, 2), round(mean_exec_time::numeric * 1000), left(regexp_replace(query, '\s+', ' ', 'g'), 90)
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench') AND calls >= $starts / 20
      AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC" | sed 's/^/    per_start mean_us: /' | tee -a "$out"
  fi
}

python3 "$here/prepare.py" users http://127.0.0.1:18180 "$VISITORAUTH_SYSTEM_API_KEY" "$work" "$n"
kinds=" ${KINDS:-auth resume anon upgrade grpc} "
wanted() { [[ "$kinds" == *" $1 "* ]]; }
for kind in auth resume; do
  wanted "$kind" || continue
  for i in $(seq 1 "$warm"); do run "$kind" warmup; done
  for i in $(seq 1 "$rounds"); do run "$kind" measured; done
done
if wanted anon || wanted upgrade; then
  for i in $(seq 1 "$warm"); do run anon warmup; done
  for i in $(seq 1 "$rounds"); do
    rm -f "$work"/anon-ids.*
    run anon measured COLLECT="$work/anon-ids"
  done
fi
if wanted upgrade; then # the last anonymous round's visitors, each upgraded once (tokens minted now)
  cat "$work"/anon-ids.* > "$work/anon-ids"
  python3 "$here/prepare.py" upgrade "$work" "$work/anon-ids" > /dev/null
  run upgrade measured START_ONCE=1
fi

# gRPC: StartSession (the "auth" kind) and VerifyVisitorToken, with the Java load client, fresh tokens.
wanted grpc && python3 "$here/prepare.py" tokens "$work"
for rpc in start verify; do
  wanted grpc || continue
  psql_ -d bench -c "SELECT pg_stat_statements_reset()" > /dev/null
  s0=$(ticks "$server"); p0=$(pg_ticks)
  line=$(java -cp "$bench_jar" dev.visitorauth.benchmarks.GrpcLoad "$rpc" 127.0.0.1:19190 "$(cat "$work/apikey")" \
    "$(cat "$work/widget")" "$work/tokens.txt" "$c" "$d" "$d")
  s1=$(ticks "$server"); p1=$(pg_ticks)
  calls=$(echo "$line" | sed 's/.*calls_per_s=\([0-9]*\).*/\1/')
  say "$line server_cpu_us=$(( (s1 - s0) * 1000000 / hz / (calls * 2 * d) )) postgres_cpu_us=$(( (p1 - p0) * 1000000 / hz / (calls * 2 * d) ))"
done

kill "$server"; wait "$server" 2> /dev/null || true
ws=$(psql_ -d bench -c "SELECT workspace_id FROM widgets WHERE widget_id = '$(cat "$work/widget")'")
psql_ -d bench -c "CREATE TABLE bench_users AS SELECT row_number() OVER (ORDER BY external_id) n, workspace_id ws,
  external_id ext, user_id uid FROM users WHERE workspace_id = '$ws'; ANALYZE"
for f in ${PGBENCH:-start-lean start-many}; do
  for i in $(seq 1 $((warm + rounds))); do
    rm -rf "$work/pgl" && mkdir "$work/pgl"
    p0=$(pg_ticks)
    tps=$(cd "$work/pgl" && pgbench -h 127.0.0.1 -p "$pgport" -U postgres -n -M prepared -c "$c" -j 2 -T "$d" -l \
      -f "$here/$f.pgbench" -D wid="$(cat "$work/widget")" -D nusers="$n" bench 2> /dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
    p1=$(pg_ticks)
    label=$([ "$i" -le "$warm" ] && echo warmup || echo measured)
    lat=$(cat "$work"/pgl/pgbench_log* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "p50_ms=%.2f p99_ms=%.2f", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')
    say "$f $label tps=${tps%.*} $lat postgres_cpu_us=$(python3 -c "print(int(($p1 - $p0) * 1e6 / $hz / ($tps * $d)))")"
  done
done
