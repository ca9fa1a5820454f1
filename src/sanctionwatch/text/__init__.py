"""Text screening: find listed parties in news, reports and documents.

A document (plain text, HTML with its page furniture stripped, or a JSON line) is tokenised,
every listed name is searched for in one pass (a dictionary automaton over all aliases), rare
surnames anchor misspelt, inflected and partial names, Korean names are read in Hangul, hanja
and Cyrillic, and each candidate is verified in context before it becomes a :class:`Mention`
linked to its listing, with the sentence as evidence and the risk context around it.
:func:`group_stories` groups documents that cover the same event. This layer does no I/O:
callers pass bytes or strings.
"""

from sanctionwatch.text.document import (
    MAX_DOCUMENT_BYTES,
    Document,
    decode_bytes,
    parse_html,
    parse_json_lines,
    parse_text,
    read_documents,
)
from sanctionwatch.text.gazetteer import EntityInfo, Gazetteer, build_gazetteer
from sanctionwatch.text.lexicon import default_context_words, default_risk_terms, parse_risk_terms
from sanctionwatch.text.risk import Risk
from sanctionwatch.text.screening import (
    DEFAULT_TEXT_THRESHOLD,
    MAX_TEXT_CHARS,
    Mention,
    TextResult,
    TextScreener,
)
from sanctionwatch.text.stories import Story, StoryConfig, group_stories

__all__ = [
    "DEFAULT_TEXT_THRESHOLD",
    "MAX_DOCUMENT_BYTES",
    "MAX_TEXT_CHARS",
    "Document",
    "EntityInfo",
    "Gazetteer",
    "Mention",
    "Risk",
    "Story",
    "StoryConfig",
    "TextResult",
    "TextScreener",
    "build_gazetteer",
    "decode_bytes",
    "default_context_words",
    "default_risk_terms",
    "group_stories",
    "parse_html",
    "parse_json_lines",
    "parse_risk_terms",
    "parse_text",
    "read_documents",
]
