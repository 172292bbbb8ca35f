#!/usr/bin/env bash
# Install Field App's desktop entry, AppStream metainfo and hicolor icons for this user
# (make install-desktop). The entry starts the standalone build where it is now.
#   release/linux/install-desktop.sh DIST_FOLDER ICONS_FOLDER   (PREFIX=~/.local by default)
set -euo pipefail
dist="$(cd "$1" && pwd)"
icons="$2"
prefix="${PREFIX:-$HOME/.local}"
here="$(cd "$(dirname "$0")" && pwd)"
app_id=org.fieldapp.FieldApp
if [ ! -x "$dist/Field App" ]; then
  echo "install-desktop: no standalone build in $dist (run make dist first)" >&2
  exit 1
fi
install -d "$prefix/share/applications" "$prefix/share/metainfo" "$prefix/bin"
sed "s|@FIELDAPP_DIR@|$dist|g" "$here/$app_id.desktop" > "$prefix/share/applications/$app_id.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$prefix/share/metainfo/$app_id.metainfo.xml"
(cd "$icons" && find hicolor -type f) | while read -r icon; do
  install -D -m 644 "$icons/$icon" "$prefix/share/icons/$icon"
done
ln -sf "$dist/fieldapp" "$prefix/bin/fieldapp"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "Installed $app_id for this user under $prefix (the fieldapp command in $prefix/bin)"
