#!/usr/bin/env bash
# Makes sure a Docker-compatible engine API answers, installing and starting Podman's
# Docker-compatible service when none does. Idempotent. Prints the DOCKER_HOST to use on stdout;
# everything else goes to stderr.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

existing="$(docker_host_socket)"
if [ -n "$existing" ] && engine_answers "$existing"; then
  log "engine answers at unix://$existing"
  printf 'unix://%s\n' "$existing"
  exit 0
fi
if [ -n "${DOCKER_HOST:-}" ] && [ -z "$existing" ]; then
  # A TCP or SSH DOCKER_HOST is the user's own choice: trust it, we cannot install anything there.
  log "using DOCKER_HOST=$DOCKER_HOST as given"
  printf '%s\n' "$DOCKER_HOST"
  exit 0
fi

if engine_answers "$PODMAN_SOCKET"; then
  log "Podman's Docker-compatible API answers at unix://$PODMAN_SOCKET"
  printf 'unix://%s\n' "$PODMAN_SOCKET"
  exit 0
fi

command -v curl >/dev/null || apt_install curl
apt_install podman runc netavark aardvark-dns iptables

mkdir -p "$(dirname "$PODMAN_SOCKET")" "$SKIFF_HOME/logs"
rm -f "$PODMAN_SOCKET"
log "starting podman system service (log: $SKIFF_HOME/logs/podman-service.log)"
setsid nohup podman system service --time=0 "unix://$PODMAN_SOCKET" \
  >"$SKIFF_HOME/logs/podman-service.log" 2>&1 </dev/null &

for _ in $(seq 1 100); do
  engine_answers "$PODMAN_SOCKET" && break
  sleep 0.1
done
engine_answers "$PODMAN_SOCKET" || die "podman system service did not answer at $PODMAN_SOCKET within 10 s (see $SKIFF_HOME/logs/podman-service.log)"
log "Podman's Docker-compatible API answers at unix://$PODMAN_SOCKET"
printf 'unix://%s\n' "$PODMAN_SOCKET"
