#!/usr/bin/env bash
# Is a change to the engine faster? Compares the working tree's pipeline-core with the core of
# other git revisions in one JVM (class EngineAb): each build drives deals through the
# transition benchmark's operation in alternating batches, so a slow stretch of a noisy machine
# hits every build alike. The working tree is listed twice; the two copies show the resolution
# (how far apart equal code lands). A tool for engine work, not part of BENCHMARKS.md.
#
#   pipeline-benchmarks/ab.sh HEAD          working tree vs the last commit
#   pipeline-benchmarks/ab.sh HEAD~3 main   working tree vs each revision
#   ROUNDS=120 pipeline-benchmarks/ab.sh HEAD    more rounds (default 80, about 10 s per build)
set -euo pipefail

if [[ $# -eq 0 ]]; then
  sed -n '2,12p' "$0"
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"
work="$(mktemp -d)"
trap 'git -C "$root" worktree prune; rm -rf "$work"' EXIT

core_jar() { # the main jar of pipeline-core under $1
  ls "$1"/pipeline-core/target/pipeline-core-*.jar | grep -v -e sources -e javadoc | head -1
}

echo "== building the working tree (pipeline-core, pipeline-benchmarks)"
mvn -B -ntp -q -pl pipeline-benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$work/deps.txt"
cp "$(core_jar "$root")" "$work/core-worktree.jar"
classes="$here/target/classes"
jar cf "$work/harness.jar" -C "$classes" dev/pipelinesdk/benchmarks/ab/EngineAb.class
jar cf "$work/driver.jar" -C "$classes" dev/pipelinesdk/benchmarks/ab/AbDriver.class
# the parent class path: Guava, SLF4J, jmh-core (the Blackhole) and the rest, but no build of ours
deps="$(tr ':' '\n' < "$work/deps.txt" | grep -v -e '/pipeline-' | paste -sd: -)"

builds=("worktree=$work/driver.jar:$work/core-worktree.jar")
i=0
for ref in "$@"; do
  i=$((i + 1))
  echo "== building pipeline-core at $ref"
  git worktree add -q --detach "$work/src-$i" "$ref"
  (cd "$work/src-$i" && mvn -B -ntp -q -pl pipeline-core -am package -DskipTests)
  cp "$(core_jar "$work/src-$i")" "$work/core-$i.jar"
  git worktree remove --force "$work/src-$i"
  builds+=("$ref=$work/driver.jar:$work/core-$i.jar")
done
builds+=("worktree-again=$work/driver.jar:$work/core-worktree.jar")

echo "== running (one JVM, -Xms1g -Xmx1g)"
java -Xms1g -Xmx1g -cp "$work/harness.jar:$deps" dev.pipelinesdk.benchmarks.ab.EngineAb \
  "${ROUNDS:-80}" "${builds[@]}"
