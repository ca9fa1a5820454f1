"""Fault injection for the list loader: every file of every source missing, empty, cut at
random points (hypothesis) and in the wrong encoding. The loader answers with an error naming
the broken file, or with the complete list: never a part of it.

Seeds: the OFAC SDN CSV set and the EU and UK files from the slices under tests/fixtures (small,
so that hypothesis can cut them often), the non-SDN XML and the UN list as bundled (real, whole:
the XML parser stops at a cut at once). The bundled SDN CSV set is cut at sampled points too.

The one cut the UK format cannot show: its CSV states no record count and has no end mark, so a
file cut just after a row, or inside the last field of its last row, reads as a shorter list.
The test pins that this is the only way a UK cut gets through, and that the comparison with the
last good load (``sources.history``) then refuses any such load that lost more than 20%.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.exc import (
    IncompleteListError,
    ListDropped,
    ListError,
    ListFileMissing,
    ListParseError,
)
from sanctionwatch.model import SourceInfo
from sanctionwatch.sources import load_specs, parse_source
from sanctionwatch.sources.catalog import SourceSpec
from sanctionwatch.sources.history import LoadHistory

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
#: source -> role -> the real file it is seeded from: ("fixtures" | "lists", relative path)
SEEDS: dict[str, dict[str, tuple[str, str]]] = {
    "ofac_sdn": {"primary": ("fixtures", "ofac/sdn.csv"), "address": ("fixtures", "ofac/add.csv"),
                 "alias": ("fixtures", "ofac/alt.csv"),
                 "comments": ("fixtures", "ofac/sdn_comments.csv")},
    "ofac_nonsdn": {"primary": ("lists", "ofac/consolidated/consolidated.xml")},
    "un_sc": {"primary": ("lists", "un/consolidated.xml")},
    "eu_fsf": {"primary": ("fixtures", "eu/sample.xml")},
    "uk_hmt": {"primary": ("fixtures", "uk/ConList.csv")},
}
FILES = [(source, role) for source, roles in SEEDS.items() for role in roles]
CUTS = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def seeds(source: str, data_dir: Path) -> dict[str, Path]:
    """The seed files of a source by role (the bundled lists reached through ``data_dir``)."""
    bases = {"fixtures": FIXTURES, "lists": data_dir}
    return {role: bases[base] / rel for role, (base, rel) in SEEDS[source].items()}


def spec_of(source: str) -> SourceSpec:
    return next(s for s in load_specs() if s.name == source)


def lay_out(directory: Path, source: str, files: Mapping[str, Path]) -> Path:
    """The source's files under directory, where its definition puts them."""
    spec = spec_of(source)
    for role, path in files.items():
        target = spec.paths(directory)[role]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    return directory


def intact_files(intact: Mapping[str, Path], source: str) -> dict[str, Path]:
    """The files of the whole source laid out by the ``intact`` fixture."""
    return spec_of(source).paths(intact[source])


@cache
def full_load(source: str, base: Path) -> tuple[SourceInfo, frozenset[str]]:
    """The source loaded from its intact seed files: what a complete load gives."""
    info, entities = parse_source(spec_of(source), base)
    return info, frozenset(e.id for e in entities)


def load_or_error(source: str, directory: Path, broken: Path, full_dir: Path) -> str:
    """``"error"`` (naming the broken file) or ``"complete"``; fails on anything else."""
    try:
        info, entities = parse_source(spec_of(source), directory)
    except ListError as exc:
        assert str(broken) in str(exc)
        return "error"
    full, ids = full_load(source, full_dir)
    assert (info.records, frozenset(e.id for e in entities)) == (full.records, ids)
    return "complete"


@pytest.fixture(scope="module")
def intact(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> dict[str, Path]:
    """Each source laid out whole, once per module."""
    return {s: lay_out(tmp_path_factory.mktemp(s), s, seeds(s, data_dir)) for s in SEEDS}


@pytest.mark.parametrize(("source", "role"), FILES)
def test_a_missing_file_is_named(source: str, role: str, tmp_path: Path,
                                 intact: dict[str, Path]) -> None:
    directory = lay_out(tmp_path, source, intact_files(intact, source))
    path = spec_of(source).paths(directory)[role]
    path.unlink()
    with pytest.raises(ListFileMissing) as info:
        parse_source(spec_of(source), directory)
    assert str(info.value).startswith(f"{path}: the {role} file of source {source!r} is missing")


@pytest.mark.parametrize(("source", "role"), FILES)
def test_an_empty_file_is_named(source: str, role: str, tmp_path: Path,
                                intact: dict[str, Path]) -> None:
    directory = lay_out(tmp_path, source, intact_files(intact, source))
    path = spec_of(source).paths(directory)[role]
    path.write_bytes(b"")
    with pytest.raises(IncompleteListError) as info:
        parse_source(spec_of(source), directory)
    assert info.value.path == str(path) and info.value.problem == "the file is empty"


@pytest.mark.parametrize(("source", "role"), [f for f in FILES if f[0] != "uk_hmt"])
@CUTS
@given(share=st.floats(min_value=0.0, max_value=1.0))
def test_a_cut_file_is_an_error_or_the_whole_list(
    source: str, role: str, share: float, tmp_path_factory: pytest.TempPathFactory,
    intact: dict[str, Path],
) -> None:
    directory = lay_out(tmp_path_factory.mktemp("cut"), source, intact_files(intact, source))
    path = spec_of(source).paths(directory)[role]
    data = path.read_bytes()
    cut = int(len(data) * share)
    path.write_bytes(data[:cut])
    outcome = load_or_error(source, directory, path, intact[source])
    # only the whole file loads (a cut in the trailing line end keeps the whole content)
    assert outcome == "error" or data[:cut].rstrip() == data.rstrip()


@pytest.mark.parametrize("role", ["primary", "address", "alias", "comments"])
@pytest.mark.parametrize("share", [0.001, 0.37, 0.999])
def test_the_bundled_sdn_set_cut_anywhere_is_refused(
    role: str, share: float, tmp_path: Path, data_dir: Path,
) -> None:
    spec = spec_of("ofac_sdn")
    real = {r: data_dir / rel for r, rel in spec.files.items()}
    directory = lay_out(tmp_path, "ofac_sdn", real)
    path = spec.paths(directory)[role]
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[: max(int(len(lines) * share), 1)]))  # `head -n`
    with pytest.raises(IncompleteListError) as info:
        parse_source(spec, directory)
    assert info.value.path == str(path) and "cut short" in info.value.problem


@CUTS
@given(share=st.floats(min_value=0.0, max_value=1.0))
def test_a_cut_uk_file_loads_only_whole_rows_and_a_big_loss_is_refused(
    share: float, tmp_path_factory: pytest.TempPathFactory, intact: dict[str, Path],
) -> None:
    directory = lay_out(tmp_path_factory.mktemp("cut"), "uk_hmt", intact_files(intact, "uk_hmt"))
    path = spec_of("uk_hmt").paths(directory)["primary"]
    data = path.read_bytes()
    cut = int(len(data) * share)
    path.write_bytes(data[:cut])
    try:
        info, _ = parse_source(spec_of("uk_hmt"), directory)
    except ListError as exc:
        assert str(path) in str(exc)
        return
    full, _ = full_load("uk_hmt", intact["uk_hmt"])
    if info.records == full.records and data[:cut].rstrip() == data.rstrip():
        return
    # what got through: every row whole up to its last field (the format's blind spot)
    last_line = data[:cut].rstrip(b"\r\n").rsplit(b"\n", 1)[-1]
    header = data.splitlines()[1]
    assert last_line.count(b",") == header.count(b",")
    history = LoadHistory(tmp_path_factory.mktemp("home") / "loaded.json")
    history.accept([full])
    if info.records < full.records * 0.8:
        with pytest.raises(ListDropped, match="source 'uk_hmt' has"):
            history.check([info])


@pytest.mark.parametrize(("source", "role"), FILES)
@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_a_file_in_another_encoding_is_an_error_or_the_whole_list(
    source: str, role: str, encoding: str, tmp_path: Path, intact: dict[str, Path],
) -> None:
    directory = lay_out(tmp_path, source, intact_files(intact, source))
    path = spec_of(source).paths(directory)[role]
    path.write_bytes(path.read_bytes().decode("utf-8").encode(encoding, errors="replace"))
    load_or_error(source, directory, path, intact[source])


def test_a_utf16_ofac_file_says_it_is_not_text(tmp_path: Path,
                                               intact: dict[str, Path]) -> None:
    directory = lay_out(tmp_path, "ofac_sdn", intact_files(intact, "ofac_sdn"))
    path = spec_of("ofac_sdn").paths(directory)["alias"]
    path.write_bytes(path.read_bytes().decode("ascii").encode("utf-16"))
    with pytest.raises(ListParseError) as info:
        parse_source(spec_of("ofac_sdn"), directory)
    assert info.value.path == str(path) and "control character" in info.value.problem
    assert not isinstance(info.value, IncompleteListError)


def test_fewer_entries_than_the_record_count_is_refused(tmp_path: Path) -> None:
    # the slice keeps OFAC's header, Record_Count 442, and five sdnEntry elements
    directory = lay_out(tmp_path, "ofac_nonsdn", {"primary": FIXTURES / "ofac" / "consolidated.xml"})
    with pytest.raises(IncompleteListError) as info:
        parse_source(spec_of("ofac_nonsdn"), directory)
    assert info.value.problem == "5 records, but the file states 442"


def test_a_un_list_without_its_entities_is_cut_short(tmp_path: Path,
                                                     intact: dict[str, Path]) -> None:
    data = intact_files(intact, "un_sc")["primary"].read_bytes()
    start, end = data.index(b"<ENTITIES>"), data.index(b"</ENTITIES>") + len(b"</ENTITIES>")
    directory = lay_out(tmp_path, "un_sc", intact_files(intact, "un_sc"))
    path = spec_of("un_sc").paths(directory)["primary"]
    path.write_bytes(data[:start] + data[end:])
    with pytest.raises(IncompleteListError, match="no <ENTITIES> group"):
        parse_source(spec_of("un_sc"), directory)
