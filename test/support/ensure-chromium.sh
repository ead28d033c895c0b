#!/usr/bin/env sh
# The browser tests drive Debian's Chromium (/usr/bin/chromium); no browser is ever downloaded by npm.
# Installs it with apt-get when it is missing and this user may; otherwise says what to do.
set -eu
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "The browser tests need Chromium: install Debian's package 'chromium' (apt-get install chromium)." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
