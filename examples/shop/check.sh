#!/usr/bin/env bash
# End-to-end check of the shop example with podman-compose, outside Skiff. It builds the images
# (cold with --cold), starts the app, waits until every service is healthy, seeds it, reads the
# page through web -> api -> db, and checks that data survives stop/start, SIGTERM and
# `down` without -v, and that a change to web/templates/index.html rebuilds web only. It works on
# a copy of this folder, prints the timings it measured and removes everything it created (the
# images, named PROJECT_db, PROJECT_api and PROJECT_web, are kept).
#
#   examples/shop/check.sh [--cold] [PROJECT]      PROJECT defaults to shopcheck
#
# Needs podman and podman-compose. Podman's health checks run from systemd timers, which this
# kind of host lacks, so the script runs them itself with `podman healthcheck run`.
set -Eeuo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

cold=false
ok=false
changed_image=""
if [ "${1:-}" = --cold ]; then cold=true; shift; fi
project="${1:-shopcheck}"
if [ -z "${CONTAINERS_CONF:-}" ] && [ -f "$here/../../scripts/podman/containers.conf" ]; then
  export CONTAINERS_CONF="$here/../../scripts/podman/containers.conf"
fi

# The check runs on a copy, so the files in the repository are never edited (others may be
# copying or building them at the same time).
work="$(mktemp -d)"
logfile="$work/check.log"
cp -a "$here" "$work/app"
cd "$work/app"
port=8080
template="web/templates/index.html"

say() { printf '%s\n' "$*"; }
fail() { say "FAIL: $*"; say "(log: $logfile)"; exit 1; }
now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
compose() { podman-compose -p "$project" "$@" >>"$logfile" 2>&1; }
ctr() { printf '%s_%s_1' "$project" "$1"; }
# Seconds since a service's container last started (podman-compose up itself takes a few seconds,
# starting the containers one after another).
since_start() { since "$(date -d "$(podman inspect -f '{{.State.StartedAt}}' "$(ctr "$1")" | sed 's/ [A-Z]*$//')" +%s.%N)"; }

cleanup() {
  set +e
  cd "$work/app" && podman-compose -p "$project" down -v >>"$logfile" 2>&1
  # podman-compose 1.0.x leaves its network behind; remove only this project's objects.
  podman ps -aq --filter "label=io.podman.compose.project=$project" | xargs -r podman rm -f >/dev/null
  podman volume ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman volume rm -f >/dev/null
  podman network ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman network rm -f >/dev/null
  # The image built from the edited template, untagged once web is rebuilt from the original.
  if [ -n "$changed_image" ] && [ -z "$(podman image inspect -f '{{.RepoTags}}' "$changed_image" 2>/dev/null | tr -d '[]')" ]; then
    podman rmi "$changed_image" >>"$logfile" 2>&1
  fi
  cd /
  if [ "$ok" = true ]; then
    rm -rf "$work"
    say "cleaned up project $project"
  else
    rm -rf "$work/app"
  say "cleaned up project $project (log kept in $logfile)"
  fi
}
trap cleanup EXIT

# Publish somewhere else when 8080 is taken.
if [ -n "$(ss -ltnH "sport = :8080")" ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  sed -i "s/\"8080:8080\"/\"$port:8080\"/" compose.yaml
  grep -q "\"$port:8080\"" compose.yaml || fail "could not change the published port"
  say "port 8080 is taken; publishing the shop on $port"
fi

wait_healthy() {  # wait_healthy TIMEOUT SERVICE...: every service healthy, via podman healthcheck run
  local timeout="$1"; shift
  local deadline=$(( $(date +%s) + timeout )) pending=("$@") next s
  while [ "${#pending[@]}" -gt 0 ]; do
    next=()
    for s in "${pending[@]}"; do
      podman healthcheck run "$(ctr "$s")" >>"$logfile" 2>&1 || next+=("$s")
    done
    pending=("${next[@]}")
    [ "${#pending[@]}" -eq 0 ] && break
    [ "$(date +%s)" -lt "$deadline" ] || fail "not healthy after ${timeout}s: ${pending[*]}"
    sleep 0.2
  done
}

# `podman-compose up -d`, polling health while it is still starting containers one by one.
timed_up() {
  local t u rc up_pid up_rc up_time
  t="$(now)"
  ( u="$(now)"; rc=0; compose up -d --no-build || rc=$?; echo "$rc $(since "$u")" > "$work/up" ) &
  up_pid=$!
  wait_healthy 120 db; say "  db healthy after $(since "$t") s ($(since_start db) s after its container started)"
  wait_healthy 60 api web; say "  all healthy after $(since "$t") s"
  wait "$up_pid"
  read -r up_rc up_time < "$work/up"
  [ "$up_rc" = 0 ] || fail "podman-compose up"
  say "  (podman-compose up -d itself took $up_time s)"
}

# Outputs are captured before grep reads them: `producer | grep -q` fails under pipefail when grep
# exits early and the producer gets SIGPIPE.
page() { curl -fsS --max-time 10 "http://127.0.0.1:$port/"; }
page_any() { curl -sS --max-time 10 "http://127.0.0.1:$port/"; }  # also a 502 page
page_has() { local p; p="$(page)" && grep -qF -- "$1" <<<"$p"; }
product_rows() { local p; p="$(page)" && { grep -c '<td class="name">' <<<"$p" || true; }; }
db_log_has() { local l; l="$(podman logs "$(ctr db)" 2>&1)"; grep -qE -- "$1" <<<"$l"; }
db_rows() { podman exec "$(ctr db)" psql -X -At -U shop -d shop -c 'SELECT count(*) FROM products'; }
seed() { podman exec -i "$(ctr db)" sh -c 'psql -X -q -v ON_ERROR_STOP=1 -U shop -d shop' < db/seed.sql >>"$logfile" 2>&1; }
expected="$(grep -c "^    ('[A-Z]\{3\}-[0-9]\{3\}'" db/seed.sql)"

say "== build ($([ "$cold" = true ] && echo "cold, --no-cache" || echo "with the layer cache"))"
for s in db api web; do
  t="$(now)"
  if [ "$cold" = true ]; then
    podman build --no-cache -q -t "${project}_$s" "./$s" >>"$logfile" 2>&1 || fail "building $s"
  else
    podman build -q -t "${project}_$s" "./$s" >>"$logfile" 2>&1 || fail "building $s"
  fi
  say "  $s: $(since "$t") s, $(podman image inspect -f '{{.Size}}' "${project}_$s" | awk '{printf "%d MB", $1/1000000}')"
done

say "== first start (empty volume)"
timed_up
[ "$(product_rows)" = 0 ] || fail "a fresh database should have no products"
page_has 'There are no products yet' && page_has '<table id="products">' || fail "the empty page lacks its table and notice"

say "== seed"
t="$(now)"
seed || fail "seeding"
say "  seeded in $(since "$t") s"
rows="$(product_rows)"
[ "$rows" = "$expected" ] || fail "page shows $rows products, expected $expected"
page_has 'Canvas tote bag' || fail "page lacks 'Canvas tote bag'"
seed || fail "a second seed run should be a no-op"
[ "$(db_rows)" = "$expected" ] || fail "a second seed run changed the row count"
say "  page shows $rows products through web -> api -> db; a second seed run is a no-op"

say "== stop and start"
t="$(now)"
compose stop || fail "podman-compose stop"
say "  stopped in $(since "$t") s"
last="$(podman logs --tail 3 "$(ctr db)" 2>&1)"
grep -q 'database system is shut down' <<<"$last" || fail "db did not shut down cleanly"
t="$(now)"
compose start || fail "podman-compose start"
wait_healthy 60 db api web
say "  healthy again after $(since "$t") s"
db_log_has 'skipping initialisation' || fail "db initialised again"
[ "$(product_rows)" = "$expected" ] || fail "products lost across stop/start"
db_log_has 'was interrupted|not properly shut down|automatic recovery' && fail "db needed crash recovery"
say "  data kept, no crash recovery"

say "== SIGTERM to db while the api is in use"
page >/dev/null
t="$(now)"
podman kill --signal TERM "$(ctr db)" >/dev/null
podman wait "$(ctr db)" >/dev/null
code="$(podman inspect -f '{{.State.ExitCode}}' "$(ctr db)")"
say "  db exited with $code after $(since "$t") s"
[ "$code" = 0 ] || fail "db exit code $code after SIGTERM"
unavailable="$(page_any)"
grep -q 'cannot be shown right now' <<<"$unavailable" || fail "web should say the products are unavailable while db is down"
say "  web shows the 'unavailable' notice meanwhile"
podman start "$(ctr db)" >>"$logfile" 2>&1
wait_healthy 60 db api
[ "$(product_rows)" = "$expected" ] || fail "products lost after SIGTERM"
db_log_has 'was interrupted|not properly shut down|automatic recovery' && fail "db needed crash recovery after SIGTERM"
say "  clean shutdown, data kept"

say "== down (without -v) and up"
compose down || fail "podman-compose down"
podman volume exists "${project}_db-data" || fail "the db volume did not survive down"
timed_up
[ "$(product_rows)" = "$expected" ] || fail "products lost across down/up"
say "  volume and data kept"

say "== change web/templates/index.html, rebuild"
# The baseline is a cached build too: after several builds of the same Dockerfile the cache can
# hold more than one candidate layer, so IDs are compared between two cached builds.
compose build || fail "podman-compose build"
declare -A before
for s in db api web; do before[$s]="$(podman image inspect -f '{{.Id}}' "${project}_$s")"; done
heading="Skiff Shop check $$"
sed -i "s|<h1>Skiff Shop</h1>|<h1>$heading</h1>|" "$template"
t="$(now)"
compose build || fail "podman-compose build"
say "  rebuilt all three in $(since "$t") s"
for s in db api; do
  [ "$(podman image inspect -f '{{.Id}}' "${project}_$s")" = "${before[$s]}" ] || fail "$s image changed"
done
changed_image="$(podman image inspect -f '{{.Id}}' "${project}_web")"
[ "$changed_image" != "${before[web]}" ] || fail "web image did not change"
say "  only the web image changed"
podman rm -f "$(ctr web)" >>"$logfile" 2>&1
compose up -d --no-build web || fail "podman-compose up web"
wait_healthy 30 web
page_has "<h1>$heading</h1>" || fail "page does not show the new heading"
[ "$(product_rows)" = "$expected" ] || fail "products missing after the web update"
say "  page shows the new heading and the same $expected products"
# The images are kept: leave web's built from the repository's template.
cp "$here/$template" "$template"
compose build web || fail "podman-compose build web"

ok=true
say "OK"
