"""Candidate generation: blocking keys, the compact in-memory index, cross-list links.

:func:`build_index` files every listed name (in all its forms) under blocking keys and every
identifier for exact look-up; :meth:`Index.search` proposes the few entities worth scoring for a
query without walking the list. ``index.links`` links listings of the same party across lists.
"""

from sanctionwatch.index.build import build_index
from sanctionwatch.index.core import Candidate, Index

__all__ = ["Candidate", "Index", "build_index"]
