#!/usr/bin/env bash
# The Debian packages as a user gets them: built by CPack from this build tree, checked by
# lintian (no errors), appstreamcli and desktop-file-validate, unpacked into a scratch root with
# dpkg -x, and the installed binary run from there: --version, demo-data, an offscreen
# screenshot in Chinese that must find ShopPilot's and Qt's translations and the installed icon.
# Usage: test_package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cd "$work"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" > cpack.log 2>&1 || { cat cpack.log; fail "cpack"; }
app=$(ls out/shoppilot_*_amd64.deb)
sim=$(ls out/shoppilot-platform-sim_*_amd64.deb)
dbg=$(ls out/shoppilot-dbgsym_*_amd64.ddeb)
echo "packages: $(cd out && ls *.deb *.ddeb | tr '\n' ' ')"

# lintian: errors fail the test (warnings are printed).
lintian --fail-on error --tag-display-limit 0 "$app" "$sim" 2>&1 | grep -v "root privileges" || fail "lintian reported errors"

dpkg -x "$app" root
dpkg -x "$sim" simroot
dpkg -x "$dbg" dbgroot
usr=root/usr
[ -x $usr/bin/shoppilot ] || fail "no /usr/bin/shoppilot"
[ -x simroot/usr/bin/shoppilot-platform-sim ] || fail "no simulator in shoppilot-platform-sim"
[ ! -e $usr/bin/shoppilot-platform-sim ] || fail "the simulator is in the app package"
# Stripped, with its debug information in -dbgsym under its build id.
file $usr/bin/shoppilot | grep -q ", stripped" || fail "/usr/bin/shoppilot is not stripped"
id=$(readelf -n $usr/bin/shoppilot | sed -n 's/.*Build ID: \([0-9a-f]*\).*/\1/p')
[ -s "dbgroot/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug" ] || fail "no debug symbols for build id $id"
size=$(stat -c %s $usr/bin/shoppilot)
echo "installed /usr/bin/shoppilot: $size bytes (debug symbols: $(stat -c %s dbgroot/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug) bytes)"

# Desktop integration and documents.
appstreamcli validate --no-net $usr/share/metainfo/org.shoppilot.ShopPilot.metainfo.xml || fail "appstreamcli"
desktop-file-validate $usr/share/applications/org.shoppilot.ShopPilot.desktop || fail "desktop-file-validate"
grep -q "^Icon=org.shoppilot.ShopPilot$" $usr/share/applications/org.shoppilot.ShopPilot.desktop || fail "desktop Icon"
for s in 16 24 32 48 64 128 256; do
    f=$usr/share/icons/hicolor/${s}x${s}/apps/org.shoppilot.ShopPilot.png
    file "$f" | grep -q "PNG image data, $s x $s" || fail "icon $f"
done
[ -s $usr/share/icons/hicolor/scalable/apps/org.shoppilot.ShopPilot.svg ] || fail "scalable icon"
zcat $usr/share/man/man1/shoppilot.1.gz | grep -q "^\.TH" || fail "man page"
# Model cards (both languages) and recipes, readable outside the app.
grep -q "^## Evaluation" $usr/share/shoppilot/models/recs/sasrec.card.en.md || fail "English model card"
grep -q "^## 评估" $usr/share/shoppilot/models/risk/fraud.card.zh.md || fail "Chinese model card"
[ -s $usr/share/shoppilot/models/pricing/recipe.json ] || fail "pricing recipe"
for p in shoppilot shoppilot-platform-sim; do
    r=root; [ $p = shoppilot ] || r=simroot
    [ -s $r/usr/share/doc/$p/copyright ] || fail "copyright of $p"
    [ -s $r/usr/share/doc/$p/changelog.gz ] || fail "changelog of $p"
done

# The installed binary, run from the scratch root (its libraries are the system's, and so is
# the hicolor theme's index, from the hicolor-icon-theme package the app depends on).
export XDG_DATA_DIRS="$work/root/usr/share:/usr/share" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export QT_QPA_PLATFORM=offscreen
$usr/bin/shoppilot --version | grep -q "^shoppilot [0-9]" || fail "--version"
$usr/bin/shoppilot demo-data --size tiny --db "$work/tiny.db" --quiet || fail "demo-data"
out=$(timeout 300 $usr/bin/shoppilot --db "$work/tiny.db" --lang zh_CN --screenshot "$work/zh.png") || fail "screenshot exit status"
echo "$out"
echo "$out" | grep -q "language zh_CN shoppilot=yes qtbase=yes" || fail "translations not found: $out"
echo "$out" | grep -q "icon theme" || fail "installed icon not found: $out"
file "$work/zh.png" | grep -q "PNG image data" || fail "no screenshot"
echo "package test passed"
