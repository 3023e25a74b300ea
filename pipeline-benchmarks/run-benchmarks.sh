#!/usr/bin/env bash
# Builds pipeline-benchmarks/target/benchmarks.jar, runs the transition benchmarks (JMH, with
# -prof gc, and a Flight Recorder profile of ours if a throughput target is missed), the
# metrics benchmarks over 1M deals (JMH, -prof gc, a Flight Recorder profile of ours if a
# metrics target is missed; a forked -Xmx2g JVM checks whether the data set fits in 2 GiB) and
# the JOL memory measurement, and writes BENCHMARKS.md at the repository root.
#
#   pipeline-benchmarks/run-benchmarks.sh          the real run: transitions -f 2 -wi 2 -w 2s
#                                                  -i 3 -r 2s; metrics -f 1 -wi 2 -w 3s -i 3
#                                                  -r 3s at 1,000,000 deals; about 8-9 minutes
#                                                  on 2 cores; run it on a quiet machine
#   QUICK=1 pipeline-benchmarks/run-benchmarks.sh  smoke run (1 short iteration each, 5,000
#                                                  deals for JOL, 10,000 for the metrics);
#                                                  BENCHMARKS.md says so
#   DEALS=200000 ...                               deals for the JOL measurement (default 100,000)
#   METRICS_DEALS=100000 ...                       deals for the metrics (default 1,000,000)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

echo "== building pipeline-benchmarks/target/benchmarks.jar"
mvn -B -ntp -q -pl pipeline-benchmarks -am package -DskipTests

args=(--out "$root/BENCHMARKS.md" --json "$here/target/jmh-results.json")
if [[ "${QUICK:-0}" == "1" ]]; then
  echo "== QUICK=1: smoke run, the numbers are not a measurement"
  args+=(--quick)
fi
if [[ -n "${DEALS:-}" ]]; then
  args+=(--deals "$DEALS")
fi
if [[ -n "${METRICS_DEALS:-}" ]]; then
  args+=(--metrics-deals "$METRICS_DEALS")
fi

# The report JVM only drives JMH (which forks its own JVMs: -Xms1g -Xmx1g for transitions,
# -Xms3g -Xmx3g for the metrics) and the -Xmx2g heap check, and runs JOL,
# whose graph walk over 100,000 deals needs a few GB. allowAttachSelf lets JOL use
# Instrumentation for exact object sizes; magicFieldOffset lets it lay out records.
echo "== running benchmarks (transitions, metrics) and JOL"
java -Xmx4g -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true \
  -cp "$here/target/benchmarks.jar" dev.pipelinesdk.benchmarks.BenchmarkReport "${args[@]}"
