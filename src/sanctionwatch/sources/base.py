"""What every list parser provides, and the registry that finds a parser by its NAME.

A parser module (``sources/ofac.py``, ``sources/un.py``, ...) exposes one or more parser
functions registered under a format NAME (``ofac_csv``, ``ofac_xml``, ``un_xml``, ...). A parser
takes the list's files by role (``primary``, ``address``, ...) and returns a
:class:`ParsedList`; it never returns half a list: any malformed file raises
:class:`~sanctionwatch.exc.ListParseError` naming the file, the line or element and the problem,
and a file cut short (no end mark, no closing element) its subclass
:class:`~sanctionwatch.exc.IncompleteListError`. Where the publisher states a record count in
the file, the parser returns it as ``declared`` and the loader (``catalog.parse_source``)
refuses a list holding fewer records.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sanctionwatch.exc import ListError
from sanctionwatch.model import Entity


@dataclass(frozen=True, slots=True)
class ParsedList:
    """The entities of one list, its version date when the files carry one, the record count
    its publisher states in it (None: the format states none) and what showed each file
    complete (``sdn.csv: ends with OFAC's end-of-file mark``)."""

    entities: list[Entity]
    version: str | None = None
    declared: int | None = None
    checks: tuple[str, ...] = ()


#: parse(files by role, dataset name, version date from the config) -> ParsedList
Parser = Callable[[Mapping[str, Path], str, str | None], ParsedList]

#: format NAME -> "module:function"; modules are imported on first use
PARSERS: dict[str, str] = {
    "ofac_csv": "sanctionwatch.sources.ofac:parse_ofac_csv",
    "ofac_cons_csv": "sanctionwatch.sources.ofac:parse_ofac_cons_csv",
    "ofac_xml": "sanctionwatch.sources.ofac:parse_ofac_xml",
    "un_xml": "sanctionwatch.sources.un:parse_un_xml",
    "eu_xml": "sanctionwatch.sources.eu:parse_eu_xml",
    "uk_csv": "sanctionwatch.sources.uk:parse_uk_csv",
    "uk_fcdo_xml": "sanctionwatch.sources.uk_fcdo:parse_fcdo_xml",
    "uk_fcdo_csv": "sanctionwatch.sources.uk_fcdo:parse_fcdo_csv",
    "ftm_json": "sanctionwatch.sources.ftm:parse_ftm_json",
}


def get_parser(name: str) -> Parser:
    """The parser registered under a format NAME."""
    target = PARSERS.get(name)
    if target is None:
        raise ListError(f"unknown list format {name!r}; known: {', '.join(sorted(PARSERS))}")
    module_name, func_name = target.split(":")
    func: Parser = getattr(importlib.import_module(module_name), func_name)
    return func
