"""sanctionwatch: sanctions screening with explained, calibrated matches.

Load the official lists, screen names, records and text against them, and review the alerts.
The public surface is small: :func:`compare` scores two FollowTheMoney entities;
:mod:`sanctionwatch.screen` holds the screening use cases.
"""

from sanctionwatch.match import compare

__version__ = "0.1.0"

__all__ = ["__version__", "compare"]
