#!/usr/bin/env bash
# Installs playwright-core for the Binder browser test (NotebookBrowserIT) exactly as locked in
# src/it/js/binder/package-lock.json. It drives Debian's /usr/bin/chromium; no browser download.
set -euo pipefail
cd "$(dirname "$0")/../../src/it/js/binder"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
