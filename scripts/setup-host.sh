#!/usr/bin/env bash
# Prepares this host for Skiff: a container engine and the base image. Idempotent.
# Prints the DOCKER_HOST to use on stdout.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

docker_host="$("$SKIFF_REPO/scripts/setup-engine.sh")"
DOCKER_HOST="$docker_host" "$SKIFF_REPO/scripts/setup-base-image.sh"
printf '%s\n' "$docker_host"
