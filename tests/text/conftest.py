"""Text screening fixtures: the seed articles and examples (the gazetteer and its screener over
every bundled list are session fixtures in tests/conftest.py, shared with the payment tests).

``SEEDS`` are the two seed articles in ../shared/seeds (read there, never copied into the
repository); tests that need them are skipped only when that directory is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples" / "articles"
ANNOTATED = ROOT / "benchmarks" / "text" / "annotated.yml"

@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    """The seed articles (the test is skipped when ../shared/seeds is absent)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
