# Shared helpers for the host set-up scripts. Source it; do not run it.
set -euo pipefail

SKIFF_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIFF_HOME="${SKIFF_HOME:-$HOME/.skiff}"
PODMAN_SOCKET="/run/podman/podman.sock"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$SKIFF_REPO/scripts/podman/containers.conf}"

log() { printf '[skiff setup] %s\n' "$*" >&2; }
die() { printf '[skiff setup] error: %s\n' "$*" >&2; exit 1; }

# The socket path of DOCKER_HOST when it is a unix socket, else empty.
docker_host_socket() {
  case "${DOCKER_HOST:-}" in
    unix://*) printf '%s' "${DOCKER_HOST#unix://}" ;;
    "") printf '%s' "/var/run/docker.sock" ;;
    *) printf '' ;;
  esac
}

# True when the engine API at the given unix socket answers /_ping with OK.
engine_answers() {
  local socket="$1"
  [ -S "$socket" ] || return 1
  [ "$(curl -s --max-time 3 --unix-socket "$socket" http://engine/_ping 2>/dev/null)" = "OK" ]
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian"
  [ "$(id -u)" -eq 0 ] || die "installing ${missing[*]} needs root (run as root or install them yourself)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}
