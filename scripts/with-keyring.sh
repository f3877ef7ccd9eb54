#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keytar talks
# to a real Secret Service on machines without a desktop session (CI, headless servers).
# Usage: scripts/with-keyring.sh <command> [args...]
set -euo pipefail
if [ "${STEWARD_IN_KEYRING_SESSION:-}" = "1" ]; then exec "$@"; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "steward: '$tool' is missing; install gnome-keyring and dbus (Debian/Ubuntu: apt-get install gnome-keyring dbus-x11 libsecret-1-dev)" >&2
    exit 127
  fi
done
export STEWARD_IN_KEYRING_SESSION=1
exec dbus-run-session -- bash -c '
  # The keyring password only protects the keyring file of this private session.
  printf "%s" "${STEWARD_KEYRING_PASSWORD:-steward-headless}" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  # The daemon detaches from this session, so nothing stops it when the session ends: remember it
  # (the process that owns the Secret Service name on this private bus) and stop it on the way out.
  keyring=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk "{print \$2}")
  trap "[ -n \"$keyring\" ] && kill \"$keyring\" 2>/dev/null" EXIT
  # A signal waits until the command (which gets it too, see stopProcessTree) has finished.
  trap "exit 143" TERM
  trap "exit 129" HUP
  "$@"' steward-keyring "$@"
