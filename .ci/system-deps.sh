#!/usr/bin/env bash
# Debian packages the test suite needs. Installs only what is missing (needs root).
set -euo pipefail
need=()
command -v age >/dev/null 2>&1 || need+=(age)
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # opens the exported offline map
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
ldconfig -p | grep -q libxkbcommon-x11 || need+=(libxkbcommon-x11-0)
ldconfig -p | grep -q libEGL.so.1 || need+=(libegl1)
ldconfig -p | grep -q libnss3.so || need+=(libnss3)
command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)  # the .desktop file
command -v appstreamcli >/dev/null 2>&1 || need+=(appstream)                    # AppStream metainfo
ldconfig -p | grep -q libfontconfig.so.1 || need+=(libfontconfig1)
ldconfig -p | grep -q libxcb-cursor.so.0 || need+=(libxcb-cursor0)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "The tests need these Debian packages: ${need[*]} (run: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "Installing Debian packages for the tests: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
