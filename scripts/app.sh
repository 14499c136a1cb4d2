#!/usr/bin/env bash
# Install what the app needs (in .venv unless a virtual environment is active) and start it.
# It listens on localhost only (.streamlit/config.toml); to serve others see README.md, "Serving others".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements.txt
exec streamlit run app.py "$@"
