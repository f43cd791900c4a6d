#!/usr/bin/env bash
# Deploy benchmark for the shop example (examples/shop) on this host, against podman-compose as the
# peer, in the same run and on the same engine:
#   cold up with no images (build everything) · cold up with images present · no-op up ·
#   update after a one-file change in one service · down
# Each peer run starts from the same image state as the Skiff run it is compared with: for the
# "no images" runs every Dockerfile gets a fresh first step, so no layer comes from any cache.
# Prints a table and ratios; asserts nothing. Bounded: every wait has a time limit.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skiff="$repo/artifacts/skiff/skiff"
[ -x "$skiff" ] || { echo "bench: build the CLI first (./run build)" >&2; exit 2; }
: "${DOCKER_HOST:?DOCKER_HOST must point at the engine (./run bench sets it)}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$repo/scripts/podman/containers.conf}"
# The peer is installed here, as the benchmark needs it; without it the benchmark stops at once.
source "$repo/scripts/lib.sh"
command -v podman-compose >/dev/null || apt_install podman-compose
command -v podman-compose >/dev/null || { echo "bench: podman-compose is not installed and could not be installed (apt-get install podman-compose)" >&2; exit 2; }
rounds="${BENCH_ROUNDS:-5}"

work="$(mktemp -d /tmp/skiff-bench.XXXXXX)"
export SKIFF_HOME="$work/home"
port=7171
export SKIFF_SERVER="http://127.0.0.1:$port"
peer_project="skiffbenchpeer"
peer_port=18080
env_name="benchshop"
cp -r "$repo/examples/shop" "$work/app"
server_pid=""

cleanup() {
  "$skiff" down "$env_name" >/dev/null 2>&1 || true
  (cd "$work/app" && podman-compose -p "$peer_project" down -v >/dev/null 2>&1) || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  remove_built_images
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Makes every Dockerfile of the app copy start with a step no cache has seen, so the next build of
# each image really builds everything (both tools share the engine's layer cache otherwise).
fresh_build_context() {
  local nonce="$1" dockerfile
  for dockerfile in "$work"/app/*/Dockerfile; do
    sed -i '/^RUN echo "bench nonce/d' "$dockerfile"
    sed -i '0,/^FROM /{/^FROM /a RUN echo "bench nonce '"$nonce"'" > /etc/skiff-bench-nonce
}' "$dockerfile"
  done
}

# Removes the images this run built (Skiff's by tag, the peer's by project name).
remove_built_images() {
  podman images --format '{{.Repository}}:{{.Tag}}' | grep -E '^localhost/'"$peer_project"'_' | xargs -r podman rmi -f >/dev/null 2>&1 || true
  [ -f "$work/images" ] && sort -u "$work/images" | xargs -r podman rmi -f >/dev/null 2>&1 || true
  [ "${BENCH_PRUNE:-0}" = 1 ] && podman image prune -f >/dev/null 2>&1 || true
}

# Waits (at most 5 min) until the peer's page answers 200 through web -> api -> db.
wait_peer_serving() {
  local deadline=$(( $(date +%s) + 300 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$peer_port/")" = "200" ] \
        && curl -s --max-time 2 "http://127.0.0.1:$peer_port/" | grep -q "<table"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: podman-compose app not serving after 5 min" >&2; return 1; }
    sleep 0.2
  done
}

peer_up() {
  local start end
  start=$(now)
  (cd "$work/app" && podman-compose -p "$peer_project" up -d >"$work/peer.log" 2>&1)
  wait_peer_serving
  end=$(now)
  elapsed "$start" "$end"
}

peer_down() { (cd "$work/app" && podman-compose -p "$peer_project" down -v >/dev/null 2>&1) || true; }

skiff_up() {
  local start end
  start=$(now)
  "$skiff" up "$work/app" --name "$env_name" >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; return 1; }
  end=$(now)
  "$skiff" status "$env_name" --json | python3 -c 'import json,sys; [print(s["image"]) for s in json.load(sys.stdin)["services"]]' >>"$work/images"
  elapsed "$start" "$end"
}

skiff_down() {
  local start end
  start=$(now)
  "$skiff" down "$env_name" >/dev/null
  end=$(now)
  elapsed "$start" "$end"
}

# The peer binds web to a port of its own so it never collides with anything on 8080
# (Skiff ignores Compose host ports: it publishes on a random 127.0.0.1 port and routes by host name).
sed -i 's/ports: \["8080:8080"\]/ports: ["127.0.0.1:'"$peer_port"':8080"]/' "$work/app/compose.yaml"
grep -q "127.0.0.1:$peer_port:8080" "$work/app/compose.yaml" || { echo "bench: could not rebind the peer's port" >&2; exit 1; }

mkdir -p "$SKIFF_HOME"
SKIFF_LISTEN="$SKIFF_SERVER" "$skiff" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "$SKIFF_SERVER/healthz" && break; sleep 0.1; done

echo "Deploy benchmark: examples/shop (web, api, db) on $(nproc) cores, engine $(curl -s --unix-socket "${DOCKER_HOST#unix://}" http://e/version | sed -n 's/.*"Components":\[{"Name":"\([^"]*\)","Version":"\([^"]*\)".*/\1 \2/p')"
echo

remove_built_images
fresh_build_context "peer-$$-$(date +%s)"
peer_cold_fresh=$(peer_up); peer_down
fresh_build_context "skiff-$$-$(date +%s)"
skiff_cold_fresh=$(skiff_up)
skiff_down >/dev/null

peer_cold_cached=$(peer_up); peer_down
skiff_cold_cached=$(skiff_up)

noop=(); for _ in $(seq 1 "$rounds"); do noop+=("$(skiff_up)"); done
noop_median=$(printf '%s\n' "${noop[@]}" | median)
replaced=$("$skiff" status "$env_name" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["deployments"][0]["containersChanged"])')

update=()
template="$work/app/web/templates/index.html"
for i in $(seq 1 "$rounds"); do
  sed -i "s|<h1>Skiff Shop[^<]*|<h1>Skiff Shop bench $i|" "$template"
  update+=("$(skiff_up)")
done
update_median=$(printf '%s\n' "${update[@]}" | median)
down_time=$(skiff_down)

printf '%-52s %10s %10s %8s\n' "measure (seconds)" "skiff" "peer" "ratio"
printf '%-52s %10s %10s %8s\n' "cold up, no images (build all) -> serving" "$skiff_cold_fresh" "$peer_cold_fresh" "$(ratio "$skiff_cold_fresh" "$peer_cold_fresh")"
printf '%-52s %10s %10s %8s\n' "cold up, images present -> serving" "$skiff_cold_cached" "$peer_cold_cached" "$(ratio "$skiff_cold_cached" "$peer_cold_cached")"
printf '%-52s %10s %10s %8s\n' "no-op up (median of $rounds)" "$noop_median" "-" "-"
printf '%-52s %10s %10s %8s\n' "update, one file in web (median of $rounds)" "$update_median" "-" "-"
printf '%-52s %10s %10s %8s\n' "down (containers, network, volume)" "$down_time" "-" "-"
echo
echo "no-op runs: ${noop[*]} (containers changed by the last no-op: $replaced)"
echo "update runs: ${update[*]}"
echo "skiff figures are the wall time of 'skiff up' / 'skiff down' (CLI process included) until every service is ready;"
echo "peer figures are 'podman-compose up -d' until its page answers 200 with the product table."
