#!/usr/bin/env bash
# Runs every Jazzer fuzz test in fuzzing mode, one after another (Jazzer fuzzes one @FuzzTest per
# JVM), sharing the total duration equally. In the normal build the same tests only replay their
# committed corpus (src/test/resources/<package>/<Class>Inputs/<method>/).
# Usage: benchmarks/scripts/fuzz.sh [total duration: 3600 (seconds), 90s, 20m, 1h; default 1h]
# A finding (a failed assertion or an unexpected exception) is written by Jazzer as crash-<sha1>
# into that test's Inputs directory, so the normal build replays it from then on; the generated
# corpus grows in <module>/.cifuzz-corpus/ (not committed). Logs: /tmp/fuzz-<Class>-<method>.log.
# Exits non-zero when a target fails.
set -u
cd "$(dirname "$0")/../.."
total=${1:-1h}
case "$total" in
  *h) seconds=$(( ${total%h} * 3600 )) ;;
  *m) seconds=$(( ${total%m} * 60 )) ;;
  *s) seconds=${total%s} ;;
  *) seconds=$total ;;
esac
targets=(
  "adapters-token VisitorTokenFuzzTest#rawTokens"
  "adapters-token VisitorTokenFuzzTest#structuredTokens"
  "adapters-token StrictJsonFuzzTest#acceptsOnlyWhatStrictJacksonAcceptsWithTheSameMembers"
  "domain NumericDatesFuzzTest#readsEveryNumberAsTheBigDecimalReferenceDoes"
  "domain WidgetKeyringFuzzTest#rotationKeepsOneCurrentAtMostTwoVerifyingAndHonoursGrace"
  "domain ProfileMergeFuzzTest#laterTokensOverwriteClearOrKeepAndNeverExceedFiftyKeys"
)
each=$(( seconds / ${#targets[@]} ))
[ "$each" -ge 1 ] || { echo "duration too short for ${#targets[@]} targets" >&2; exit 2; }
echo "fuzzing ${#targets[@]} targets for ${each} s each"
failed=0
for target in "${targets[@]}"; do
  module=${target%% *}
  test=${target#* }
  log=/tmp/fuzz-${test/\#/-}.log
  start=$(date +%s)
  # jazzer.internal.arg.N are libFuzzer's arguments (the first is argv[0]): Jazzer's JUnit
  # integration appends them last, so this -max_total_time wins over @FuzzTest's maxDuration.
  if JAZZER_FUZZ=1 mvn -o -B -q -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$each" > "$log" 2>&1; then
    verdict=passed
  else
    verdict=FAILED
    failed=1
  fi
  runs=$(grep -ao 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1)
  corpus=$(grep -ao 'DONE .*corp: [0-9]*' "$log" | tail -1 | grep -o 'corp: [0-9]*')
  echo "$test: $verdict after $(( $(date +%s) - start )) s (${runs:-no libFuzzer summary}${corpus:+, $corpus inputs}); log $log"
done
git status --short -- '*Inputs/*' | sed 's/^/new finding: /'
exit $failed
