"""CLI fixtures: every test shares one index cache (under pytest's base temp) but re-reads
settings, so a test's environment changes take effect."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sanctionwatch.cli import context


@pytest.fixture(autouse=True)
def fresh_context(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory,
                  ) -> Iterator[None]:
    monkeypatch.setenv("SANCTIONWATCH_HOME", str(tmp_path_factory.getbasetemp() / "home"))
    context.settings.cache_clear()
    yield
    context.settings.cache_clear()
