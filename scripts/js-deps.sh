#!/usr/bin/env bash
# Installs the npm packages of the Node tests (tests/js: ajv, ajv-formats, intl-messageformat)
# exactly as package-lock.json pins them. Needs Node.js >= 20 and npm. Then:
#   node --test tests/js/        (set REPLYC=path/to/replyc to also validate fresh builds)
set -euo pipefail
cd "$(dirname "$0")/../tests/js"
if ! command -v npm >/dev/null 2>&1; then
  echo "js-deps: npm is not installed (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
npm ci --no-audit --no-fund
