#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium for the browser tests), then run
# the linter and the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements-dev.txt
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_updated=""
apt_install() {  # apt_install PACKAGE: apt-get update once, then install it quietly
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq && apt_updated=1; } &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$1" >/dev/null
}
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests ..."
  if ! apt_install chromium; then
    echo "ERROR: could not install Debian's chromium, which the browser tests need." >&2
    echo "Install it yourself (sudo apt-get install chromium) and run this again." >&2
    exit 1
  fi
fi
# The plan store's tests start a throwaway PostgreSQL server from Debian's package (tests/test_store.py);
# without it they skip, saying why, and the SQLite half still runs.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "Installing Debian's postgresql for the plan-store tests ..."
  apt_install postgresql || echo "WARNING: could not install postgresql; its plan-store tests will be skipped." >&2
fi
ruff check .
python -m pytest "$@"
