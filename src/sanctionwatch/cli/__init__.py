"""The ``sanctionwatch`` command line: thin commands over the use cases.

Each module registers its commands on :data:`sanctionwatch.cli.app.app`; a command parses its
options, calls a pure function and prints JSON lines or a rich table. The modules load lazily,
each when one of its commands runs (see :data:`sanctionwatch.cli.app.COMMANDS`).
"""

from __future__ import annotations

import sys

from sanctionwatch.cli.app import app, run

__all__ = ["app", "main", "run"]


def main() -> None:
    """Console entry point."""
    sys.exit(run())
