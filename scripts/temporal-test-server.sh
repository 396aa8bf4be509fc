#!/usr/bin/env bash
# Temporal's Java test server for workflow tests, kept in a cache outside the repo.
#   fetch             copy the server's jars into the cache once (needs mvn and Maven Central)
#   path              print the cache directory
#   run <port> [...]  start the server from the cache; never downloads anything
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
    # exec keeps the pid the SDK spawned, so its kill on teardown reaches the JVM itself.
    exec java -cp "$dir/*" io.temporal.testserver.TestServer "$@"
    ;;
  *)
    echo "usage: $0 fetch | path | run <port> [--enable-time-skipping]" >&2
    exit 2
    ;;
esac
