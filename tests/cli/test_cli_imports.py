"""Each command imports only what it uses: the import graph, checked in fresh interpreters.

``--help`` lists every command without importing one; ``screen`` (cold, building the index, and
warm, reading the cache) never loads the service stack, Arrow, NumPy, the text engine's story
grouping, Spark or followthemoney (the parsers read countries through rigour, as it does), and
warm not even pypinyin or rigour's identifier checks; every command in the table loads and says
what the table says of it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from sanctionwatch.cli.app import COMMANDS, app

#: what a screening from the command line must never import
HEAVY = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "pyarrow", "numpy",
         "datasketch", "scipy", "pyspark", "httpx", "followthemoney", "sanctionwatch.service",
         "sanctionwatch.store", "sanctionwatch.web", "sanctionwatch.batch", "sanctionwatch.text")

#: what a warm screening of a name in Latin letters and without identifiers does not need:
#: pypinyin's and cantoroman's dictionaries (names in Han), rigour's identifier checks (python-stdnum) and its
#: territory-name table (the lists' rarer country spellings, read when the index is built)
WARM_UNUSED = ("pypinyin", "cantoroman", "rigour.ids", "stdnum", "rigour.territories.lookup")

PROBE = """
import json, sys
from sanctionwatch.cli import run
code = run(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _imported(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, set[str]]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def _heavy(modules: set[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(f"{h}.") for h in heavy))


@pytest.fixture
def env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    """A home of its own over the UN list alone (quick to index)."""
    lists = tmp_path / "lists"
    (lists / "un").mkdir(parents=True)
    (lists / "un" / "consolidated.xml").symlink_to(data_dir / "un" / "consolidated.xml")
    src = Path(__file__).resolve().parents[2] / "src"
    return {**os.environ, "PYTHONPATH": str(src), "SANCTIONWATCH_HOME": str(tmp_path / "home"),
            "SANCTIONWATCH_DATA_DIR": str(lists), "SANCTIONWATCH_SOURCES": "un_sc"}


def test_help_imports_no_command_module(env: dict[str, str], tmp_path: Path) -> None:
    code, modules = _imported(["--help"], env, tmp_path)
    assert code == 0
    loaded = sorted(m for m in modules if m.startswith("sanctionwatch.cli."))
    assert loaded == ["sanctionwatch.cli.app"]
    assert _heavy(modules) == []
    assert not any(m == "sanctionwatch.match" or m.startswith("sanctionwatch.match.")
                   for m in modules)


def test_screen_cold_and_warm_imports_nothing_heavy(env: dict[str, str], tmp_path: Path) -> None:
    cold_code, cold = _imported(["screen", "Kim Jong Un", "--json"], env, tmp_path)
    assert cold_code == 0
    assert _heavy(cold) == []
    warm_code, warm = _imported(["screen", "Kim Jong Un", "--json"], env, tmp_path)
    assert warm_code == 0
    assert _heavy(warm, (*HEAVY, *WARM_UNUSED)) == []
    assert "sanctionwatch.cli.screen" in warm
    assert not {"sanctionwatch.cli.service", "sanctionwatch.cli.text"} & warm


def test_every_command_loads_from_its_modules_and_matches_its_table_entry() -> None:
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    for name, (_, short_help) in COMMANDS.items():
        command = group.get_command(ctx, name)
        assert command is not None, name
        assert command.get_short_help_str(1000) == short_help, name
    # nothing registers a command the table does not name (it would load only by accident)
    fresh = typer.main.get_group(app)
    assert set(fresh.commands) == set(COMMANDS)


def test_the_first_build_shows_a_progress_bar_on_a_terminal_only() -> None:
    import io

    from rich.console import Console

    from sanctionwatch.cli.context import BuildBar

    for is_terminal in (True, False):
        sink = io.StringIO()
        bar = BuildBar(Console(file=sink, force_terminal=is_terminal, width=100))
        bar("parse", 0, None)
        bar("index", 500, 1000)
        bar("cache", 0, None)
        bar.close()
        shown = sink.getvalue()
        if is_terminal:
            assert "first run: indexing their names" in shown and "500/1000" in shown
        else:
            assert shown == ""
