#!/bin/sh
# Installs Debian's chromium for the report's browser test (test/scenario/report.test.ts).
# Idempotent and quiet: exits 0 at once when /usr/bin/chromium is already there.
# Needs root (or sudo) and network access to the Debian mirrors; apt's lock may be held by
# another process for a while, so the install is retried a few times.
set -eu

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "install-chromium: $CHROMIUM is missing and this user cannot install packages (not root, no sudo)" >&2
  exit 1
fi

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
export DEBIAN_FRONTEND=noninteractive

attempt=1
while :; do
  if $SUDO apt-get update -qq >"$LOG" 2>&1 \
    && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >>"$LOG" 2>&1; then
    break
  fi
  if [ "$attempt" -ge 6 ]; then
    echo "install-chromium: apt-get failed after $attempt attempts; last output:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  # Most often the dpkg/apt lock is held by another install; wait and retry.
  sleep $((attempt * 5))
  attempt=$((attempt + 1))
done

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: apt-get reported success but $CHROMIUM is still missing" >&2
  exit 1
fi
