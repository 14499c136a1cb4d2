#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium for the browser tests), then run
# the linter and the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests ..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; }; then
    echo "ERROR: could not install Debian's chromium, which the browser tests need." >&2
    echo "Install it yourself (sudo apt-get install chromium) and run this again." >&2
    exit 1
  fi
fi
ruff check .
python -m pytest "$@"
