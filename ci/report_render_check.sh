#!/usr/bin/env bash
# End-to-end check of dxpy-report's page: open it in headless Chromium (Debian's
# chromium), fail on any console message, exception or failed load, save
# screenshot.png beside it. Usage: bash ci/report_render_check.sh [REPORT_DIR]
# (default reports/latest). Installs chromium with apt-get when it is missing
# and this runs as root; elsewhere it asks for it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "report_render_check: installing chromium (apt-get)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "report_render_check: chromium is missing; install it (apt-get install chromium)" >&2
    exit 2
  fi
fi
exec python3 ci/report_render_check.py "${1:-reports/latest}"
