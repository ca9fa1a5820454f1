"""``sanctionwatch screen-payment``: the JSON line shape, the exit codes (0 all pass, 3 any held,
2 bad input) and the error line, on real samples and an edited copy."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from sanctionwatch.cli.app import run

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "payments"
MT103 = SAMPLES / "mt" / "ballerina_p.2.3.1.b_MT103_A_D.fin"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data/payments absent")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]],
                                                               str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, [orjson.loads(line) for line in captured.out.splitlines()], captured.err


@needs_samples
def test_clean_iso_samples_pass_with_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = cli(capsys, "screen-payment", str(SAMPLES / "iso20022"), "--json")
    assert (code, err) == (0, "")
    assert len(lines) == 26 and {line["verdict"] for line in lines} == {"pass"}
    first = lines[0]
    assert set(first) == {"message", "verdict", "reasons", "hits"}
    assert set(first["message"]) == {"file", "index", "type", "reference", "uetr"}  # type: ignore[arg-type]


@needs_samples
def test_held_payment_exits_3_with_the_hit(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    edited = tmp_path / "held.fin"
    edited.write_bytes(MT103.read_bytes().replace(b"1/B Creditor Co",
                                                  b"1/KOREA MINING DEVELOPMENT TRADING CORPORATION"))
    code, (line,), _ = cli(capsys, "screen-payment", str(edited), "--json")
    assert code == 3 and line["verdict"] == "hold"
    (hit,) = line["hits"]  # type: ignore[misc]
    assert {k: hit[k] for k in ("kind", "field", "role")} == {
        "kind": "party", "field": ":59F: line 1", "role": "creditor"}
    assert set(hit) == {"kind", "field", "role", "value", "entity", "score", "explanation"}
    assert set(hit["entity"]) == {"id", "caption", "schema", "datasets"}


def test_bad_input_is_held_and_exits_2(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<Document><FIToFICstmrCdtTrf>")
    code, (line,), err = cli(capsys, "screen-payment", str(broken), "--json")
    assert code == 2 and line["verdict"] == "hold"
    assert err.startswith(f"error: {broken}: XML line 1: malformed XML")
    code, (line,), err = cli(capsys, "screen-payment", str(tmp_path / "none.fin"), "--json")
    assert code == 2 and err == f"error: {tmp_path / 'none.fin'}: file: no such file\n"
