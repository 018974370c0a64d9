#!/usr/bin/env bash
# Installs the npm packages of the interpreter's runtime checks (LiteRT.js, tfjs-tflite,
# playwright-core) exactly as locked in src/it/js/package-lock.json.
set -euo pipefail
if ! command -v npm >/dev/null 2>&1; then
  # Debian's nodejs comes without npm (a NodeSource nodejs bundles it and conflicts with this).
  apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
cd "$(dirname "$0")/../../src/it/js"
npm ci --no-audit --no-fund
