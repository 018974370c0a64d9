#!/usr/bin/env bash
# npm for the later npm ci steps. Debian's nodejs comes without npm; a NodeSource nodejs (as on the
# build machine) bundles it and conflicts with Debian's npm package, so install it only if missing.
set -euo pipefail
if ! command -v npm >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
echo "node $(node --version), npm $(npm --version)"
