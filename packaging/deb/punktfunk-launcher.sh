#!/usr/bin/env bash
# punktfunk, installed (Debian package): runs the CLI on the bundled Java runtime.
#   PUNKTFUNK_JVM_OPTS     extra JVM options (e.g. -Xmx4g)
#   PUNKTFUNK_RAW_STDERR=1 keep the JVM's incubator warning (see below)
set -euo pipefail
prefix="$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")"
java_cmd=("$prefix/runtime/bin/java"
  --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
  --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED --add-opens java.desktop/java.awt.event=ALL-UNNAMED
  -XX:+UseZGC -Xss4m)
# shellcheck disable=SC2206 # PUNKTFUNK_JVM_OPTS is a list of options
java_cmd+=(${PUNKTFUNK_JVM_OPTS:-} -Dpunktfunk.home="$prefix" -cp "$prefix/lib/*" io.punktfunk.cli.Main "$@")

# As ./punktfunk does: on a terminal, drop the one line "WARNING: Using incubator modules:
# jdk.incubator.vector" the JVM prints first on every start (the FEC kernels need the Vector API);
# under a service manager or a pipe the JVM is exec'd as is.
if [ "${PUNKTFUNK_RAW_STDERR:-0}" = 1 ] || [ ! -t 2 ]; then
  exec "${java_cmd[@]}"
fi
exec {filtered}> >(trap '' INT TERM
                   IFS= read -r first || { printf '%s' "$first" >&2; exit 0; }
                   [ "$first" = "WARNING: Using incubator modules: jdk.incubator.vector" ] \
                     || printf '%s\n' "$first" >&2
                   exec cat >&2)
filter_pid=$!
set +e
"${java_cmd[@]}" 2>&"$filtered"
rc=$?
exec {filtered}>&-
wait "$filter_pid" 2>/dev/null
exit $rc
