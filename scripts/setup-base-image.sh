#!/usr/bin/env bash
# Makes sure the base image the examples build FROM (debian:bookworm-slim) is in the engine.
# Pulls it when a registry answers; otherwise builds it offline with debootstrap from Debian's
# mirror and imports it under the same name. Idempotent. Needs DOCKER_HOST (a unix socket).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

socket="$(docker_host_socket)"
[ -n "$socket" ] || die "DOCKER_HOST must be a unix socket for the base image set-up (got '${DOCKER_HOST:-}')"
api() { curl -s --unix-socket "$socket" "$@"; }

repo="docker.io/library/debian"
tag="bookworm-slim"
image_present() { [ "$(api -o /dev/null -w '%{http_code}' "http://engine/images/$repo:$tag/json")" = "200" ]; }

if image_present; then
  log "base image $repo:$tag is present"
  exit 0
fi

log "pulling $repo:$tag (30 s at most)"
if api --max-time 30 -X POST "http://engine/images/create?fromImage=$repo&tag=$tag" >/dev/null 2>&1 && image_present; then
  log "pulled $repo:$tag"
  exit 0
fi

log "no registry answered: building $repo:$tag with debootstrap (about a minute)"
apt_install debootstrap
cache="$SKIFF_HOME/cache"
tarball="$cache/debian-bookworm-minbase.tar"
mkdir -p "$cache"
if [ ! -s "$tarball" ]; then
  rootfs="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$cache/debootstrap.log" 2>&1 \
    || die "debootstrap failed (see $cache/debootstrap.log)"
  # Slim it as the official -slim image is: no package caches, no docs.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
         "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
  tar -C "$rootfs" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
fi
api -X POST -H 'Content-Type: application/x-tar' --data-binary @"$tarball" \
  "http://engine/images/create?fromSrc=-&repo=$repo:$tag&changes=CMD%20%5B%22bash%22%5D" >/dev/null \
  || die "importing $tarball into the engine failed"
image_present || die "imported $repo:$tag but the engine does not list it"
log "built and imported $repo:$tag"
