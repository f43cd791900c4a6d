#!/usr/bin/env bash
# ./run bench [NAME...]: runs the named benchmarks (default: all) and prints their figures.
# Expects ./run to have prepared the host (DOCKER_HOST) and built the CLI into artifacts/skiff.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(deploy)
for name in "${names[@]}"; do
  script="$here/$name.sh"
  [ -x "$script" ] || { echo "bench: no benchmark named '$name' (have: $(cd "$here" && ls *.sh | grep -v run.sh | sed 's/\.sh$//' | tr '\n' ' '))" >&2; exit 2; }
  "$script"
done
