#!/bin/sh
# A game in gamescope, filling a punktfunk virtual desktop (host --source virtual):
#   punktfunk host --source virtual --desktop-session "/usr/share/punktfunk/sessions/gamescope-session.sh steam -gamepadui"
# The host runs this with DISPLAY=:N (an Xvfb at the client's mode) and PUNKTFUNK_DESKTOP_DIR; gamescope
# runs nested on that display as one fullscreen window at the display's size, the game inside it.
# Arguments: the game's command line (default: $PUNKTFUNK_GAMESCOPE_APP, else "steam -gamepadui").
#   PUNKTFUNK_GAMESCOPE_REFRESH   gamescope's refresh rate in Hz (default 60)
#   PUNKTFUNK_GAMESCOPE_OPTS      more gamescope options (e.g. "--filter fsr -w 1280 -h 720")
set -eu

if [ -z "${DISPLAY:-}" ]; then
  echo "gamescope-session: DISPLAY is not set; the punktfunk host sets it for a virtual desktop" >&2
  exit 2
fi
if ! command -v gamescope >/dev/null 2>&1; then
  echo "gamescope-session: gamescope not found; install gamescope" >&2
  exit 2
fi
if ! command -v xwininfo >/dev/null 2>&1; then
  echo "gamescope-session: xwininfo not found; install x11-utils" >&2
  exit 2
fi

# The desktop's size is the client's mode: read it from the root window.
geometry="$(xwininfo -root)"
width="$(printf '%s\n' "$geometry" | sed -n 's/^ *Width: *\([0-9]*\)$/\1/p')"
height="$(printf '%s\n' "$geometry" | sed -n 's/^ *Height: *\([0-9]*\)$/\1/p')"
if [ -z "$width" ] || [ -z "$height" ]; then
  echo "gamescope-session: cannot read the size of $DISPLAY from xwininfo -root" >&2
  exit 2
fi
refresh="${PUNKTFUNK_GAMESCOPE_REFRESH:-60}"

if [ "$#" -eq 0 ]; then
  # shellcheck disable=SC2086 # one shell line, split into words like a terminal would
  set -- ${PUNKTFUNK_GAMESCOPE_APP:-steam -gamepadui}
fi
# shellcheck disable=SC2086 # extra options, split into words
exec gamescope -W "$width" -H "$height" -r "$refresh" -f ${PUNKTFUNK_GAMESCOPE_OPTS:-} -- "$@"
