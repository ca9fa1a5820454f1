"""Every package explains its concept and exports exactly what its ``__all__`` names."""

from __future__ import annotations

import importlib

import pytest

import sanctionwatch

PACKAGES = ["model", "names", "index", "match", "text", "payments", "sources", "store", "monitor", "batch",
            "service", "web", "cli"]


def test_top_level_surface_is_pinned() -> None:
    assert set(sanctionwatch.__all__) == {"__version__", "compare"}
    assert callable(sanctionwatch.compare)


@pytest.mark.parametrize("name", PACKAGES)
def test_package_has_a_docstring_and_a_true_all(name: str) -> None:
    module = importlib.import_module(f"sanctionwatch.{name}")
    assert module.__doc__ and len(module.__doc__.split()) >= 8
    exported = module.__all__
    assert len(exported) == len(set(exported))
    missing = [n for n in exported if not hasattr(module, n)]
    assert missing == []
