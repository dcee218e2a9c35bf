#!/usr/bin/env bash
# The README's test command: install dxpy with its test extras, then hold every
# engine to CPython (properties/) and check the harness itself (tests/).
# Run from the repository root.
set -euo pipefail
python3 -m pip install ".[test]"
# pytest (not `python -m pytest`) so that the installed package, not the
# source folder dxpy/ (which has no compiled module), is imported.
pytest -n "${DXPY_TEST_WORKERS:-2}" properties/ "$@"
pytest -n "${DXPY_TEST_WORKERS:-2}" -q tests/
