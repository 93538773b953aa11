#!/usr/bin/env bash
# Set up (with the test tools), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
# on every core, up to four (a worker runs the analyses' own threads and the Whisper worker): a
# test module's tests go to one worker together, so its module-scoped media are made once
exec .venv/bin/python -m pytest -n auto --maxprocesses 4 --dist loadfile "$@"
