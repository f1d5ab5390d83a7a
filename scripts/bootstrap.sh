#!/usr/bin/env bash
# One step from a fresh Debian 12 + Node 20 machine to a ready workspace: system packages,
# a pinned pnpm, and the node_modules of every package. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

PNPM_VERSION=10.34.9
# corepack's signature check fails on these machines and pnpm 11 needs Node 22: pin pnpm 10 via npm.
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "bootstrap: installing pnpm@$PNPM_VERSION" >&2
  npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null
fi

if [ -f pnpm-lock.yaml ]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
else
  pnpm install --reporter=append-only >&2
fi
