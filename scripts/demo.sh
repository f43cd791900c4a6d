#!/usr/bin/env bash
# ./run demo: starts `skiff serve` in the background (if none answers), deploys examples/shop and
# prints its URL. Expects ./run to have prepared the host and built the CLI into artifacts/skiff.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skiff="$repo/artifacts/skiff/skiff"

# `skiff up` starts a server in the background when none answers at the default address.
"$skiff" up "$repo/examples/shop" --name shop
echo
echo "Open the URL above in a browser on this machine (or: curl http://shop.localhost:7070/)."
echo "Try: $skiff ls | $skiff status shop | $skiff logs shop api | $skiff down shop"
