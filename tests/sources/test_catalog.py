"""The source catalogue: definitions, missing files, empty lists, no lists at all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sanctionwatch.exc import EmptyListError, ListError, ListFileMissing
from sanctionwatch.model import Collection, Entity
from sanctionwatch.sources import load_collection, load_specs, parse_source
from sanctionwatch.sources.catalog import merge_listings


def test_packaged_definitions_name_every_publisher() -> None:
    specs = {s.name: s for s in load_specs()}
    assert [n[:2] for n in specs] == ["of", "of", "un", "eu", "uk", "uk", "uk"]  # hmt, fcdo x2
    assert specs["ofac_sdn"].files["primary"] == "ofac/sdn.csv"
    assert all(s.urls["primary"].startswith("https://") for s in specs.values())
    assert {s.name for s in specs.values() if s.bundled} == {"ofac_sdn", "ofac_nonsdn", "un_sc"}


def test_bad_definitions_name_the_file() -> None:
    with pytest.raises(ListError, match=r"^custom.yml: bad source definition"):
        load_specs("sources: [{name: x}]", origin="custom.yml")
    two = "sources:\n" + "\n".join(
        "  - {name: a, title: t, format: un_xml, files: {primary: f}}" for _ in range(2))
    with pytest.raises(ListError, match="duplicate source names"):
        load_specs(two)


def test_missing_primary_file_is_named(tmp_path: Path) -> None:
    spec = next(s for s in load_specs() if s.name == "un_sc")
    with pytest.raises(ListFileMissing,
                       match=r"un/consolidated.xml: the primary file of source 'un_sc' is missing"):
        parse_source(spec, tmp_path)


def test_a_list_with_no_records_is_refused(tmp_path: Path) -> None:
    spec = next(s for s in load_specs() if s.name == "ofac_sdn")
    for path in spec.paths(tmp_path).values():  # complete files (OFAC's end mark), no rows
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x1a")
    with pytest.raises(EmptyListError, match="holds no records"):
        parse_source(spec, tmp_path)


def test_no_lists_at_all_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EmptyListError, match="no sanctions list found to load"):
        load_collection(tmp_path)


def test_one_source_can_be_loaded_alone(data_dir: Path) -> None:
    collection = load_collection(data_dir, only=["un_sc"])
    assert [s.name for s in collection.sources] == ["un_sc"]
    assert collection.sources[0].counts["Person"] == 730


def test_an_ofac_record_on_two_ofac_lists_is_one_entity_with_both(collection: Collection) -> None:
    zahhar = collection.entities["ofac-9647"]
    assert zahhar.datasets == ("ofac_sdn", "ofac_nonsdn")
    both = [e for e in collection if len(e.datasets) == 2]
    assert len(both) == 61
    assert all(e.id.startswith("ofac-") for e in both)


def test_two_records_claiming_one_id_are_refused() -> None:
    a = Entity(id="x-1", schema="Person", properties={}, datasets=("a",), record_id="1")
    b = Entity(id="x-1", schema="Person", properties={}, datasets=("b",), record_id="2")
    with pytest.raises(ListError, match=r"entity id 'x-1' is listed twice \(a and b\)"):
        merge_listings(a, b)
    merged = merge_listings(replace(a, properties={"name": ("A",)}),
                            replace(a, datasets=("b",), properties={"name": ("A", "B")}))
    assert merged.datasets == ("a", "b") and merged.get("name") == ("A", "B")
