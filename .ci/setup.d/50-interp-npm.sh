#!/usr/bin/env bash
# Installs the npm packages of the interpreter's runtime checks (LiteRT.js, tfjs-tflite,
# playwright-core) exactly as locked in src/it/js/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../../src/it/js"
npm ci --no-audit --no-fund
