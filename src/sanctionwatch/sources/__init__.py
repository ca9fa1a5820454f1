"""Sources: one parser per publisher format, the list catalogue, downloads.

The parsers are the product: they read the publishers' own files (OFAC CSV and XML, the UN
consolidated XML, the EU Financial Sanctions Files XML, UK OFSI CSV, FollowTheMoney JSON lines)
into :class:`~sanctionwatch.model.Entity` objects, with every fact the publishers pack into free
text pulled out into properties.
"""

from sanctionwatch.sources.base import PARSERS, ParsedList, Parser, get_parser
from sanctionwatch.sources.catalog import (
    SourceSpec,
    load_collection,
    load_specs,
    parse_source,
)

__all__ = [
    "PARSERS",
    "ParsedList",
    "Parser",
    "SourceSpec",
    "get_parser",
    "load_collection",
    "load_specs",
    "parse_source",
]
