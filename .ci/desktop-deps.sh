#!/usr/bin/env bash
# Debian packages the desktop app needs to open its window: every library Qt's X11 (xcb)
# platform plugin loads that this system lacks (found with ldd, so the list follows the
# installed Qt). Installs them when root, names them otherwise. Used by `make run`.
set -euo pipefail
PY="${1:-.venv/bin/python}"
command -v apt-get >/dev/null 2>&1 || exit 0   # not Debian/Ubuntu: the app names what is missing
mapfile -t need < <("$PY" -m fieldapp.ui.startup)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Field App's window needs these Debian packages: ${need[*]} (run: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "Installing Debian packages for the Qt window: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
