#!/usr/bin/env bash
# Builds the punktfunk .deb: a jlink'd Java runtime with only the modules the jars use (found by jdeps),
# the jars, the installed launcher, systemd units, udev rules, the uinput module load, the sysctl drop-in,
# the session scripts and docs. Needs a JDK 25 (jdeps, jlink) and dpkg-deb; no root (fakeroot not needed:
# dpkg-deb --root-owner-group).
#   ./punktfunk package deb [--out DIR] [--fast]         (the launcher passes --jdk, --version and the jars)
#   build-deb.sh --jdk DIR --version VERSION [--out DIR] [--fast] JAR_OR_DIR...
# JAR_OR_DIR: the CLI jar and its runtime libraries (jars, or directories of jars). --fast: gzip -1
# instead of xz (tests). Prints the path of the .deb on stdout.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packaging="$(dirname "$here")"
repo="$(dirname "$packaging")"

usage() { sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
die() { echo "build-deb: $*" >&2; exit 1; }

jdk="" version="" out="$PWD" compress=(-Zxz)
inputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) jdk="${2:?--jdk needs a directory}"; shift 2 ;;
    --version) version="${2:?--version needs a value}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --fast) compress=(-Zgzip -z1); shift ;;
    -h|--help) usage ;;
    -*) echo "build-deb: unknown option $1" >&2; usage ;;
    *) inputs+=("$1"); shift ;;
  esac
done
[ -n "$jdk" ] || die "--jdk is required (a JDK 25 with jlink and jdeps)"
if [ ! -x "$jdk/bin/jlink" ] || [ ! -x "$jdk/bin/jdeps" ]; then
  die "$jdk has no bin/jlink and bin/jdeps; a full JDK 25 is needed"
fi
[ -n "$version" ] || die "--version is required"
# Debian versions: digits first; Maven's -SNAPSHOT sorts before the release (~).
deb_version="${version/-SNAPSHOT/~snapshot}"
[[ "$deb_version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "version '$version' is not usable as a Debian version"
[ ${#inputs[@]} -gt 0 ] || die "no jars given"
command -v dpkg-deb >/dev/null || die "dpkg-deb not found (apt-get install dpkg)"

jars=()
for i in "${inputs[@]}"; do
  if [ -d "$i" ]; then
    for j in "$i"/*.jar; do [ -f "$j" ] && jars+=("$j"); done
  elif [ -f "$i" ] && [[ "$i" == *.jar ]]; then
    jars+=("$i")
  else
    die "$i is neither a jar nor a directory"
  fi
done
[ ${#jars[@]} -gt 0 ] || die "no jars found in ${inputs[*]}"
main_found=0
for j in "${jars[@]}"; do
  if "$jdk/bin/jar" tf "$j" 2>/dev/null | grep -qx 'io/punktfunk/cli/Main.class'; then main_found=1; break; fi
done
[ "$main_found" = 1 ] || die "no jar holds io.punktfunk.cli.Main (the punktfunk-cli jar is missing)"

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/punktfunk-deb.XXXXXX")"
trap 'rm -rf "$work"' EXIT
pkg="$work/punktfunk"
opt="$pkg/opt/punktfunk"
mkdir -p "$opt/bin" "$opt/lib" "$pkg/DEBIAN"

# 1. The jars (names as given; the launcher puts lib/* on the class path).
cp "${jars[@]}" "$opt/lib/"

# 2. The runtime: only the modules the jars need (jdeps), the Vector API of the FEC kernels among them
#    (an incubator module: the launcher adds it with --add-modules; listed here in case jdeps misses it).
cp_arg="$(printf '%s:' "${jars[@]}")"
modules="$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps \
           --class-path "${cp_arg%:}" "${jars[@]}" 2>/dev/null | tail -n 1)"
[[ "$modules" =~ ^[a-z][a-z0-9.,]*$ ]] || die "jdeps did not print a module list (got: $modules)"
[[ ",$modules," == *,jdk.incubator.vector,* ]] || modules="$modules,jdk.incubator.vector"
echo "build-deb: runtime modules $modules" >&2
# --strip-debug also strips the native libraries' symbols, which needs objcopy (binutils); without it the
# runtime keeps them (a few MB larger) rather than the build failing on a minimal machine.
strip=(--strip-debug)
if ! command -v objcopy >/dev/null 2>&1; then
  strip=(--strip-java-debug-attributes)
  echo "build-deb: objcopy not found (Debian package binutils): native debug symbols stay in the runtime" >&2
fi
"$jdk/bin/jlink" --add-modules "$modules" --output "$opt/runtime" \
  "${strip[@]}" --no-header-files --no-man-pages --compress=zip-6 >&2 \
  || die "jlink failed"

# 3. Launcher, units, rules, sysctl, sessions, docs.
install -m 0755 "$here/punktfunk-launcher.sh" "$opt/bin/punktfunk"
mkdir -p "$pkg/usr/bin"
ln -s /opt/punktfunk/bin/punktfunk "$pkg/usr/bin/punktfunk"
install -D -m 0644 "$packaging/systemd/system/punktfunk.service" "$pkg/usr/lib/systemd/system/punktfunk.service"
install -D -m 0644 "$packaging/systemd/user/punktfunk.service" "$pkg/usr/lib/systemd/user/punktfunk.service"
install -D -m 0644 "$packaging/udev/70-punktfunk-uinput.rules" "$pkg/usr/lib/udev/rules.d/70-punktfunk-uinput.rules"
install -D -m 0644 "$packaging/modules-load/punktfunk.conf" "$pkg/usr/lib/modules-load.d/punktfunk.conf"
install -D -m 0644 "$packaging/sysctl/99-punktfunk.conf" "$pkg/usr/lib/sysctl.d/99-punktfunk.conf"
install -D -m 0755 "$packaging/sessions/kde-plasma-session.sh" "$pkg/usr/share/punktfunk/sessions/kde-plasma-session.sh"
install -D -m 0755 "$packaging/sessions/gamescope-session.sh" "$pkg/usr/share/punktfunk/sessions/gamescope-session.sh"
for d in README.md docs/packaging.md docs/host-config.md docs/management-api.md docs/virtual-displays.md docs/input.md; do
  [ -f "$repo/$d" ] && install -D -m 0644 "$repo/$d" "$pkg/usr/share/doc/punktfunk/$(basename "$d")"
done

# 4. Control files.
for s in postinst prerm postrm; do install -m 0755 "$here/$s" "$pkg/DEBIAN/$s"; done
size_kib="$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
sed -e "s/@VERSION@/$deb_version/" -e "s/@SIZE@/$size_kib/" "$here/control.in" > "$pkg/DEBIAN/control"

deb="$out/punktfunk_${deb_version}_amd64.deb"
dpkg-deb --root-owner-group "${compress[@]}" --build "$pkg" "$deb" >/dev/null || die "dpkg-deb failed"
echo "$deb"
