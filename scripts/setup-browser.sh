#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (Playwright drives it as
# /usr/bin/chromium; it cannot download browsers here). Idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -x /usr/bin/chromium ]; then
  log "chromium is installed"
  exit 0
fi
apt_install chromium
log "installed $(/usr/bin/chromium --version 2>/dev/null | head -1)"
