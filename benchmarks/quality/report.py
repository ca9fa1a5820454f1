"""The quality report: one compact table (systems as columns) and the full JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from quality.scripts import SCRIPTS

NA = "n/a"


def _prf(cell: Any) -> str:
    if not isinstance(cell, dict) or "f1" not in cell:
        return NA
    return f"{cell['precision']:.3f} / {cell['recall']:.3f} / {cell['f1']:.3f}"


def _share(cell: Any, key: str, count: str) -> str:
    if not isinstance(cell, dict) or key not in cell:
        return NA
    return f"{cell[key]:.4f} ({cell[count]}/{cell['n']})"


def _checks(cell: Any) -> str:
    if not isinstance(cell, dict) or "passed" not in cell:
        return NA
    return f"{cell['passed']}/{cell['total']} ({cell['alerted']} alerted)"


def table(results: dict[str, Any]) -> Table:
    systems: dict[str, Any] = results["systems"]
    tasks: dict[str, Any] = results["tasks"]
    out = Table(title="sanctionwatch quality (P / R / F1; shares with counts)")
    out.add_column("measure")
    for info in systems.values():
        threshold = info.get("threshold")
        suffix = f"\nthreshold {threshold:.2f}" if isinstance(threshold, float) else ""
        out.add_column(f"{info['label']}{suffix}")

    def row(label: str, task: str, render: Any, *path: str) -> None:
        by_system = tasks.get(task, {}).get("by_system", {})
        cells = []
        for key in systems:
            cell: Any = by_system.get(key)
            for part in path:
                cell = cell.get(part) if isinstance(cell, dict) else None
            cells.append(render(cell))
        out.add_row(label, *cells)

    pairs = tasks.get("name_pairs", {})
    row(f"nomenklatura name pairs (n={pairs.get('n', '?')})", "name_pairs", _prf)
    un = tasks.get("un_recall", {})
    mapped = un.get("mapping", {}).get("mapped", "?")
    row(
        f"yente UN perturbed: recall@1 (n={mapped})",
        "un_recall",
        lambda c: _share(c, "recall_at_1", "hits"),
    )
    row(
        "  … and alerted (score >= threshold)",
        "un_recall",
        lambda c: _share(c, "recall_at_1_alerted", "hits_alerted"),
    )
    negatives = tasks.get("negatives", {})
    row(
        f"yente US negatives: false-alert rate (n={negatives.get('n', '?')})",
        "negatives",
        lambda c: _share(c, "false_alert_rate", "alerts"),
    )
    labelled = tasks.get("labelled", {})
    row(f"our labelled pairs, all (n={labelled.get('n', '?')})", "labelled", _prf, "all")
    for script in SCRIPTS:
        if script in labelled.get("counts", {}):
            n = labelled["counts"][script]
            row(f"  {script} (n={n})", "labelled", _prf, script)
    row("native-script checks, top 1", "native_checks", _checks)
    return out


def print_report(results: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console(width=160)
    console.print(table(results))
    for key, info in results["systems"].items():
        if info.get("note"):
            console.print(f"[bold]{info['label']}[/bold]: {info['note']}")
    reference = results["tasks"].get("name_pairs", {}).get("by_system", {})
    for key, cell in reference.items():
        if isinstance(cell, dict) and "frozen_reference" in cell:
            ref = cell["frozen_reference"]
            console.print(
                f"{results['systems'][key]['label']}: {ref['within_0.01']}/{ref['pairs']} name-pair "
                "scores within 0.01 of nomenklatura's frozen logic-v2 reference"
            )
    un = results["tasks"].get("un_recall", {})
    if "mapping" in un:
        console.print(f"UN mapping: {un['mapping']}")
    checks = results["tasks"].get("native_checks", {}).get("by_system", {})
    for key, cell in checks.items():
        if isinstance(cell, dict) and "checks" in cell:
            failed = [c for c in cell["checks"] if not c["ok"]]
            for check in failed:
                why = (
                    ""
                    if check["top"] not in check["expected"]
                    else (" — scored 0" if not check["score"] else " — tied with another party")
                )
                console.print(
                    f"{results['systems'][key]['label']}: {check['query']!r} -> "
                    f"{check['top']} ({check['score']}), expected {check['expected']}{why}"
                )
    for task, body in results["tasks"].items():
        for key, cell in body.get("by_system", {}).items():
            if isinstance(cell, dict) and NA in cell:
                console.print(f"{task} / {results['systems'][key]['label']}: n/a — {cell[NA]}")


def write_json(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
