#!/usr/bin/env bash
# Sign "Field App.app" with the hardened runtime, then notarize and staple it, and wrap it in
# a .dmg. Runs on a macOS machine or runner with Xcode's command-line tools (not here):
#   MACOS_SIGNING_IDENTITY="Developer ID Application: ... (TEAMID)"
#   NOTARY_PROFILE=<a keychain profile made once with `xcrun notarytool store-credentials`>
#   release/macos/sign-and-notarize.sh "dist/Field App.app"
set -euo pipefail
app="$1"
here="$(cd "$(dirname "$0")" && pwd)"
identity="${MACOS_SIGNING_IDENTITY:?set MACOS_SIGNING_IDENTITY}"
sign() { codesign --force --timestamp --options runtime --sign "$identity" "$@"; }

# Inside out: every library and helper first, the WebEngine helper with its own
# entitlements, the two programs, then the bundle itself.
find "$app/Contents" -type f \( -name '*.so' -o -name '*.dylib' \) -print0 | xargs -0 -n 50 codesign --force --timestamp --options runtime --sign "$identity"
helper="$(find "$app/Contents" -path '*QtWebEngineProcess.app' -type d | head -n 1)"
if [ -n "$helper" ]; then
  sign --entitlements "$here/webengine.entitlements" "$helper"
fi
find "$app/Contents" -name '*.framework' -type d -prune -print0 | xargs -0 -n 20 codesign --force --timestamp --options runtime --sign "$identity"
sign --entitlements "$here/app.entitlements" "$app/Contents/MacOS/fieldapp"
sign --entitlements "$here/app.entitlements" "$app"
codesign --verify --deep --strict --verbose=2 "$app"

dmg="${app%.app}.dmg"
rm -f "$dmg"
hdiutil create -volname "Field App" -srcfolder "$app" -ov -format UDZO "$dmg"
sign "$dmg"
if [ -n "${NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
  xcrun stapler staple "$app"
fi
echo "signed: $dmg"
