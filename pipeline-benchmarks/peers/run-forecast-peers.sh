#!/usr/bin/env bash
# The forecast benchmarks side by side with R and numpy (issue 14, "Benchmarks"), and the forecast
# section of BENCHMARKS.md. Never part of `mvn verify`: CI has only a JDK and Maven.
#
#   pipeline-benchmarks/peers/run-forecast-peers.sh          the real run, about 15 minutes on 2
#                                                            cores; run it on a quiet machine
#   QUICK=1 pipeline-benchmarks/peers/run-forecast-peers.sh  smoke run (one short JMH iteration,
#                                                            one R / numpy run); the section says so
#   MVN_ARGS="-o -Dmaven.repo.local=..." ...                 extra arguments for the Maven build
#   SKIP_BUILD=1 ...                                         use the benchmarks jar as it is
#   SKIP_PEERS=1 ...                                         reuse the last export, R and numpy
#                                                            results; rerun JMH and the report only
#
# Steps:
#  1. installs what the peers need from Debian's packages if missing (root, or sudo):
#     r-base-core r-cran-survival r-cran-cmprsk python3-numpy (Python's package index is not used);
#  2. builds pipeline-benchmarks/target/benchmarks.jar;
#  3. ForecastExport writes the data to pipeline-benchmarks/target/forecast-peers: the stage visits
#     of the 1,000,000 histories our fit benchmark fits, our fit of each stage, the 100,000 open
#     deals' probabilities and amounts, our Monte Carlo summary;
#  4. forecast_peers.R checks that our estimate agrees with survfit's to 1e-9 on every stage (and
#     stops if not), then times survfit and cmprsk::cuminc on every stage;
#  5. forecast_peers.py (Debian's /usr/bin/python3 and numpy) times the vectorised Monte Carlo of
#     the same revenue distribution and checks it against ours statistically;
#  6. ForecastReport runs the JMH benchmarks (ForecastFitBenchmark at 10k, 100k, 1M histories;
#     ForecastDistributionBenchmark), prints our time, theirs and the ratios, and writes the
#     forecast section of BENCHMARKS.md (between its markers; run-benchmarks.sh keeps it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
out="$bench/target/forecast-peers"
cd "$root"

quick="${QUICK:-0}"
runs=3
report_args=()
if [[ "$quick" == "1" ]]; then
  echo "== QUICK=1: smoke run, the numbers are not a measurement"
  runs=1
  report_args+=(--quick)
fi

missing=()
for pkg in r-base-core r-cran-survival r-cran-cmprsk python3-numpy; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if (( ${#missing[@]} > 0 )); then
  echo "== installing ${missing[*]} (Debian packages)"
  sudo_cmd=()
  if [[ "$(id -u)" != "0" ]]; then
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi
python=/usr/bin/python3   # Debian's, with python3-numpy; not whatever python3 is first on PATH

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "== building pipeline-benchmarks/target/benchmarks.jar"
  # shellcheck disable=SC2086
  mvn -B -ntp -q ${MVN_ARGS:-} -pl pipeline-benchmarks -am package -DskipTests
fi
jar="$bench/target/benchmarks.jar"
mkdir -p "$out"

if [[ "${SKIP_PEERS:-0}" != "1" ]]; then
  rm -f "$out"/load.txt
  echo "== exporting the benchmark data to $out"
  java -Xmx6g -cp "$jar" dev.pipelinesdk.benchmarks.forecast.ForecastExport --dir "$out"

  echo "== R: agreement check (1e-9) and timing of survfit and cuminc ($runs runs per stage)"
  echo "r=$(cut -d' ' -f1 /proc/loadavg)" >> "$out/load.txt"
  Rscript "$here/forecast_peers.R" "$out" "$runs"

  echo "== numpy: the revenue distribution ($runs runs)"
  echo "numpy=$(cut -d' ' -f1 /proc/loadavg)" >> "$out/load.txt"
  "$python" "$here/forecast_peers.py" "$out" "$runs"
fi

echo "== JMH: ours, and the report"
java -Xmx6g -cp "$jar" dev.pipelinesdk.benchmarks.forecast.ForecastReport --dir "$out" \
  --out "$root/BENCHMARKS.md" "${report_args[@]}"
