#!/usr/bin/env bash
# Temporal's Java test server for workflow tests, kept in a cache outside the repo.
#   fetch             copy the server's jars into the cache once (needs mvn and Maven Central)
#   path              print the cache directory
#   run <port> [...]  start the server from the cache (args go to TestServer); never downloads
# The version lives in infra/temporal/testserver/pom.xml only, so bumping it there makes a new cache dir.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pom="$root/infra/temporal/testserver/pom.xml"
version="$(sed -n 's:.*<temporal.test-server.version>\(.*\)</temporal.test-server.version>.*:\1:p' "$pom")"
if [[ -z "$version" ]]; then
  echo "temporal-test-server: no <temporal.test-server.version> in $pom" >&2
  exit 1
fi
dir="${TRELLIS_CACHE_DIR:-$HOME/.cache/trellis}/temporal-test-server-$version"
# Written last, so a fetch that died halfway is redone rather than trusted.
marker="$dir/.complete"

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "temporal-test-server: '$1' is not on PATH (Debian: apt-get install -y maven default-jre-headless)" >&2
    exit 1
  fi
}

main_class=io.temporal.testserver.TestServer

# @temporalio/testing gives the server 5 s to answer; a cold JVM takes 1.5–2.5 s on a busy 2-CPU
# machine. A class-data archive of one start-up cuts that to under 1 s. Best effort: without it the
# server only starts slower. Written under a temporary name, since a truncated archive crashes the JVM.
archive_classes() {
  local port=$((20000 + RANDOM % 40000)) pid
  java -XX:ArchiveClassesAtExit="$dir/server.jsa.tmp" -cp "$dir/*" "$main_class" "$port" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # The archive is written as the JVM exits; SIGTERM (143) is the clean exit here.
  kill -TERM "$pid" 2>/dev/null || true
  if { wait "$pid" || [[ $? -eq 143 ]]; } && [[ -s "$dir/server.jsa.tmp" ]]; then
    mv "$dir/server.jsa.tmp" "$dir/server.jsa"
  else
    rm -f "$dir/server.jsa.tmp"
    echo "temporal-test-server: no class-data archive; the server will start slower" >&2
  fi
}

case "${1:-}" in
  fetch)
    if [[ -f "$marker" ]]; then
      exit 0
    fi
    need mvn
    need java
    echo "temporal-test-server: fetching $version into $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    # Maven 3.8 prints stray colour codes even with -q, so its output is shown only when it fails.
    if ! log="$(mvn -B -q -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dir" -DincludeScope=runtime 2>&1)"; then
      echo "$log" >&2
      echo "temporal-test-server: fetch failed" >&2
      exit 1
    fi
    archive_classes
    echo "$version" >"$marker"
    ;;
  path)
    echo "$dir"
    ;;
  run)
    shift
    if [[ ! -f "$marker" ]]; then
      echo "temporal-test-server: $version is not fetched; run: bash scripts/temporal-test-server.sh fetch" >&2
      exit 1
    fi
    need java
    cds=()
    if [[ -f "$dir/server.jsa" ]]; then
      cds=(-XX:SharedArchiveFile="$dir/server.jsa")
    fi
    # exec keeps the pid the SDK spawned, so its kill on teardown reaches the JVM itself.
    exec java "${cds[@]}" -cp "$dir/*" "$main_class" "$@"
    ;;
  *)
    echo "usage: $0 fetch | path | run <port> [--enable-time-skipping]" >&2
    exit 2
    ;;
esac
