#!/usr/bin/env bash
# Create benchmarks/.venv-nk/: an isolated environment holding nomenklatura (OpenSanctions'
# matcher, logic-v2) for the quality baseline. It is NEVER a dependency of sanctionwatch: the
# harness (benchmarks/eval_quality.py) talks to it only through benchmarks/baselines/nk_score.py
# over a pipe. Idempotent; re-run to rebuild.
set -euo pipefail

NOMENKLATURA_VERSION="${NOMENKLATURA_VERSION:-4.17.4}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$(cd "${HERE}/.." && pwd)/.venv-nk"
PYTHON="${PYTHON:-python3.11}"

if [ ! -x "${VENV}/bin/python" ]; then
  "${PYTHON}" -m venv "${VENV}"
fi
"${VENV}/bin/python" -m pip install --quiet --upgrade pip
"${VENV}/bin/python" -m pip install --quiet "nomenklatura==${NOMENKLATURA_VERSION}"
"${VENV}/bin/python" -c "from importlib.metadata import version; print('nomenklatura', version('nomenklatura'))"
echo "environment: ${VENV}"
