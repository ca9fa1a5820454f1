"""sanctionwatch: sanctions screening with explained, calibrated matches.

Load the official lists, screen names, records and text against them, and review the alerts.
The public surface is small: :func:`compare` scores two FollowTheMoney entities;
:mod:`sanctionwatch.screen` holds the screening use cases. ``compare`` is imported on first
use, so that the command line starts without the matching engine it may not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sanctionwatch.match import compare

__version__ = "0.1.0"

__all__ = ["__version__", "compare"]


def __getattr__(name: str) -> Any:
    if name == "compare":
        from sanctionwatch.match import compare

        return compare
    raise AttributeError(f"module 'sanctionwatch' has no attribute {name!r}")
