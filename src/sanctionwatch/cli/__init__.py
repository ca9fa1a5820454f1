"""The ``sanctionwatch`` command line: thin commands over the use cases.

Each module registers its commands on :data:`sanctionwatch.cli.app.app`; a command parses its
options, calls a pure function and prints JSON lines or a rich table.
"""

from __future__ import annotations

import sys

# importing a command module registers its commands on the shared app
from sanctionwatch.cli import batch, demo, export, lists, screen, service, text  # noqa: F401
from sanctionwatch.cli.app import app, lists_app, run

batch.register(app, lists_app)

__all__ = ["app", "main", "run"]


def main() -> None:
    """Console entry point."""
    sys.exit(run())
