#!/usr/bin/env bash
# Installs what the dashboard and its tests need: the pinned Python packages and, from the
# system's packages, Chromium for the browser tests (Playwright cannot download its own browser
# here), PostgreSQL's server for the store tests (they start a throwaway cluster themselves) and
# Pango, which WeasyPrint loads to write the board pack's PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -r requirements.txt
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
{ ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; } || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Not installed and apt-get is unavailable: ${missing[*]}. The browser or PostgreSQL tests, or the board pack's PDF, need them." >&2
  fi
fi
