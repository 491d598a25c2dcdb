#!/usr/bin/env bash
# Verifying one visitor token, single thread, in ONE JMH run (docs/performance.md): HS256 ours, the
# hand-written floor, auth0 java-jwt, nimbus-jose-jwt and jose4j's JwtConsumer; ES256 and RS256
# ours, nimbus and jose4j; with JMH's GC profiler for the allocation per token (gc.alloc.rate.norm).
# Usage: benchmarks/scripts/token-bench.sh [extra JMH options]   (from the repository root)
# Defaults: 1 fork, 5 warm-up iterations of 2 s, 5 measured iterations of 2 s (jose4j warms up slowly).
# Results also go to benchmarks/target/token-bench.json. Run it on a quiet machine.
set -eu
cd "$(dirname "$0")/../.."
mvn -o -B -q -DskipTests package -pl benchmarks -am
java -jar benchmarks/target/benchmarks.jar -f 1 -wi 5 -w 2s -i 5 -r 2s -prof gc \
  -rf json -rff benchmarks/target/token-bench.json "$@" TokenVerificationBenchmark
