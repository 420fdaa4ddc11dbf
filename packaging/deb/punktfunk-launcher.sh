#!/bin/sh
# punktfunk, installed (Debian package): runs the CLI on the bundled Java runtime.
#   PUNKTFUNK_JVM_OPTS   extra JVM options (e.g. -Xmx4g)
set -eu
prefix="$(dirname "$(dirname "$(readlink -f "$0")")")"
# shellcheck disable=SC2086 # PUNKTFUNK_JVM_OPTS is a list of options
exec "$prefix/runtime/bin/java" \
  --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED --add-opens java.desktop/java.awt.event=ALL-UNNAMED \
  -XX:+UseZGC -Xss4m ${PUNKTFUNK_JVM_OPTS:-} -Dpunktfunk.home="$prefix" \
  -cp "$prefix/lib/*" io.punktfunk.cli.Main "$@"
