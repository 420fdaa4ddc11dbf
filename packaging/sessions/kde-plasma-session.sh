#!/bin/sh
# Headless KDE Plasma desktop for a punktfunk virtual desktop (host --source virtual):
#   punktfunk host --source virtual --desktop-session /usr/share/punktfunk/sessions/kde-plasma-session.sh
# The host runs this with DISPLAY=:N (an Xvfb at the client's mode), PUNKTFUNK_DESKTOP_DIR (this desktop's
# directory) and PUNKTFUNK_DESKTOP (its tag); output goes to desktop.log there. Its processes end with the
# session. Needs plasma-workspace and kwin-x11 (Plasma 6; Plasma 5 is used when only it is installed)
# and dbus (dbus-run-session).
#   PUNKTFUNK_KDE_WM   window manager command (default: kwin_x11 --replace; "none" for none)
set -eu

if [ -z "${DISPLAY:-}" ]; then
  echo "kde-plasma-session: DISPLAY is not set; the punktfunk host sets it for a virtual desktop" >&2
  exit 2
fi

# Plasma 6 (kbuildsycoca6) when present, else Plasma 5.
if command -v kbuildsycoca6 >/dev/null 2>&1; then
  kde_version=6
elif command -v kbuildsycoca5 >/dev/null 2>&1; then
  kde_version=5
else
  echo "kde-plasma-session: kbuildsycoca6 not found; install plasma-workspace (KDE Plasma)" >&2
  exit 2
fi
if ! command -v plasmashell >/dev/null 2>&1; then
  echo "kde-plasma-session: plasmashell not found; install plasma-workspace" >&2
  exit 2
fi

# The session environment a display manager would set for "Plasma (X11)". Without XDG_MENU_PREFIX,
# kbuildsycoca reads applications.menu instead of plasma-applications.menu and the launcher menu is empty.
export XDG_SESSION_TYPE=x11
export XDG_CURRENT_DESKTOP=KDE
export XDG_SESSION_DESKTOP=KDE
export DESKTOP_SESSION=plasma
export XDG_MENU_PREFIX=plasma-
export KDE_FULL_SESSION=true
export KDE_SESSION_VERSION="$kde_version"
export QT_QPA_PLATFORM=xcb
# A system service has no login session: give Plasma a private runtime directory.
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -w "${XDG_RUNTIME_DIR}" ]; then
  XDG_RUNTIME_DIR="${PUNKTFUNK_DESKTOP_DIR:-${TMPDIR:-/tmp}}/xdg-runtime"
  mkdir -p "$XDG_RUNTIME_DIR"
  chmod 0700 "$XDG_RUNTIME_DIR"
  export XDG_RUNTIME_DIR
fi

# Its own D-Bus session bus: re-run this script under dbus-run-session, which ends the bus with it.
if [ -z "${PUNKTFUNK_KDE_BUS:-}" ]; then
  if ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "kde-plasma-session: dbus-run-session not found; install dbus (dbus-daemon)" >&2
    exit 2
  fi
  PUNKTFUNK_KDE_BUS=1 exec dbus-run-session -- "$0" "$@"
fi

# The service cache (menus, applications) must exist before plasmashell reads it.
"kbuildsycoca$kde_version" --noincremental

wm="${PUNKTFUNK_KDE_WM:-kwin_x11 --replace}"
if [ "$wm" != none ]; then
  sh -c "$wm" &
fi
exec plasmashell
