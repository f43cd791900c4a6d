#!/usr/bin/env bash
# ./run bench [NAME...]: runs the named benchmarks (default: all) and prints their figures.
#   deploy         cold / no-op / update / down of examples/shop, against podman-compose (deploy.sh)
#   webhooks       webhook ingest latency and throughput (Skiff.Bench)
#   pull-requests  PR opened -> ready and synchronize -> updated (Skiff.Bench)
#   wake           wake latency of a suspended environment, 20 wakes (Skiff.Bench)
#   density        environments one host holds with all but 3 suspended, up to 50 (Skiff.Bench)
#   cost           $/env/day over a 7-day trace, always-on vs idle suspend (Skiff.Bench, simulated time)
# Expects ./run to have prepared the host (DOCKER_HOST) and built the CLI into artifacts/skiff.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(deploy webhooks pull-requests wake density cost)
bench_dll="$here/Skiff.Bench/bin/Release/net10.0/Skiff.Bench.dll"
for name in "${names[@]}"; do
  case "$name" in
    deploy) "$here/deploy.sh" ;;
    webhooks|pull-requests|wake|density|cost)
      # Always (incremental): a stale Skiff.Bench.dll would measure old server code.
      [ -n "${bench_built:-}" ] || { dotnet build "$here/Skiff.Bench/Skiff.Bench.csproj" -c Release --nologo -v quiet >&2; bench_built=1; }
      dotnet "$bench_dll" "$name"
      ;;
    *) echo "bench: no benchmark named '$name' (have: deploy webhooks pull-requests wake density cost)" >&2; exit 2 ;;
  esac
  echo
done
