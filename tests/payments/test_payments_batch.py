"""``batch`` over payment messages (batch/payments.py): one JSON line per payment of a folder,
resumed after an interruption without a line lost or written twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from paymentdata import Sample
from test_payments_screening import COVER, MT103, PACS008

from sanctionwatch.batch.payments import is_message_input, run_payment_batch
from sanctionwatch.exc import InputError
from sanctionwatch.payments import PaymentScreener


@pytest.fixture()
def folder(tmp_path: Path, samples: dict[int, Sample]) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in (MT103, PACS008, COVER):
        shutil.copy(samples[number].path, inputs / samples[number].path.name)
    (inputs / "broken.fin").write_text("{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n"
                                       ":20:X\n:32A:NOT AN AMOUNT\n-}")
    return inputs


def lines(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_a_folder_gives_one_line_per_payment(folder: Path, tmp_path: Path,
                                             payment_screener: PaymentScreener) -> None:
    assert is_message_input(folder) and is_message_input(folder / "x.fin")
    assert not is_message_input(tmp_path / "customers.csv")
    out = tmp_path / "out.jsonl"
    summary = run_payment_batch(payment_screener, folder, out)
    verdicts = {Path(str(r["message"]["file"])).name: (r["verdict"], r["reasons"])  # type: ignore[index]
                for r in lines(out)}
    assert list(verdicts) == sorted(p.name for p in folder.iterdir())
    verdict, reasons = verdicts.pop("broken.fin")
    assert verdict == "hold" and "unreadable message" in str(reasons)
    assert {v for v, _ in verdicts.values()} == {"pass"}
    assert (summary.files, summary.payments, summary.held, summary.unreadable) == (4, 4, 1, 1)


def test_an_interrupted_run_resumes_where_it_stopped(folder: Path, tmp_path: Path,
                                                     payment_screener: PaymentScreener) -> None:
    out = tmp_path / "out.jsonl"
    run_payment_batch(payment_screener, folder, out)
    whole = out.read_bytes()
    done = out.with_name("out.jsonl.done")
    first = done.read_text().splitlines()[0]
    done.write_text(first + "\n")  # killed after the first file, half-way through the next
    with out.open("ab") as fh:
        fh.write(b'{"message": {"file": "half a line')
    summary = run_payment_batch(payment_screener, folder, out)
    assert out.read_bytes() == whole
    assert (summary.resumed, summary.payments) == (1, 3)
    summary = run_payment_batch(payment_screener, folder, out, restart=True)
    assert out.read_bytes() == whole and summary.resumed == 0


def test_records_output_or_missing_input_is_refused(folder: Path, tmp_path: Path,
                                                    payment_screener: PaymentScreener) -> None:
    with pytest.raises(InputError, match=r"out\.csv: payment messages are written as JSON"):
        run_payment_batch(payment_screener, folder, tmp_path / "out.csv")
    with pytest.raises(InputError, match="nowhere: no such file or folder"):
        run_payment_batch(payment_screener, Path("nowhere"), tmp_path / "out.jsonl")
