"""The Typer application every command module registers on, and the error policy.

Command modules load lazily: :data:`COMMANDS` names, per command, the modules that register it
and its one-line help, so ``--help`` lists every command without importing one, and running a
command imports only its own modules (``screen`` never loads the service stack, Arrow or the
text engine). A module registers its commands on :data:`app` when imported, as before.

Errors reach the user as one line on stderr: ``error: <input>: <problem>``. Exit codes:
2 for bad options, arguments or input (usage, query, input errors); 1 for anything else that
stopped the work (a missing or broken list, a store failure); ``screen-payment`` exits 3 when
a payment is held.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Iterable, Sequence
from difflib import get_close_matches
from typing import Annotated

import typer

# typer >= 0.25 vendors click; its exception classes are only importable from here
from typer._click import Command, Context, HelpFormatter
from typer._click import exceptions as click_exc
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup

from sanctionwatch import __version__
from sanctionwatch.exc import InputError, QueryError, SanctionwatchError

#: command -> (the ``sanctionwatch.cli`` modules that register it, its one-line help), in the
#: order ``--help`` lists them. A test checks each entry against the command it loads.
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "lists": (("lists", "batch"), "Show the loaded sanctions lists (and update or diff them)."),
    "screen": (("screen",),
               "Screen a name (or every record of --input) and print ranked, explained matches."),
    "screen-text": (("text",), "Find listed parties in documents, with evidence and risk context."),
    "stories": (("text",),
                "Group documents that cover the same event, with the listed parties involved."),
    "screen-payment": (("payments",), ("Screen payment messages (SWIFT MT, ISO 20022): hold or "
                                        "pass each, with every hit's field and listed party.")),
    "batch": (("batch",),
              "Screen every record of a file; one output row per (record, match >= threshold)."),
    "monitor": (("batch",),
                ("Re-screen stored subjects against what the last list updates changed (once per "
                 "list version: a version the service or an earlier run monitored is not done "
                 "again).")),
    "export": (("export",), ("Write all entities as FollowTheMoney JSON lines, with provenance "
                             "and linked listings.")),
    "serve": (("service",),
              "Run the screening API and the analyst UI (/ui); the API's docs are at /docs."),
    "users": (("service",), "Manage the users of the service and their API keys."),
    "audit": (("service",), "Check the audit trail."),
    "demo": (("demo",), "Screen example customers against the bundled lists and print the hits."),
}


def _import_once(modules: Iterable[str]) -> None:
    """Import the modules not imported yet, without the cyclic collector, and freeze what
    they made: it lives as long as the process, and collecting while it is made, then
    rescanning it, would only cost time (a tenth of a warm screen)."""
    missing = [name for name in modules if name not in sys.modules]
    if not missing:
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        for name in missing:
            importlib.import_module(name)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class LazyGroup(TyperGroup):
    """The top-level group: imports a command's modules the first time the command is asked
    for, and lists the commands it has not loaded from :data:`COMMANDS`."""

    def list_commands(self, ctx: Context) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            _import_once(f"sanctionwatch.cli.{module}" for module in COMMANDS[cmd_name][0])
            self.commands.update(typer.main.get_group(app).commands)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Context, args: list[str]
                        ) -> tuple[str | None, Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click_exc.UsageError as exc:
            # typer suggests among the loaded commands only; suggest among all of them
            close = get_close_matches(args[0], list(COMMANDS)) if args else []
            if close and "Did you mean" not in exc.message:
                suggestions = ", ".join(repr(name) for name in close)
                exc.message = f"{exc.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            loaded = self.commands.get(name)
            if loaded is None:
                rows.append((name, make_default_short_help(COMMANDS[name][1], limit)))
            elif not loaded.hidden:
                rows.append((name, loaded.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _print_version(value: bool) -> None:
    """``--version``: the package's version, then each loaded list's version date."""
    if not value:
        return
    from sanctionwatch.cli import context

    typer.echo(f"sanctionwatch {__version__}")
    for source in context.index().collection.sources:
        typer.echo(f"{source.name} {source.version}")
    raise typer.Exit()


app = typer.Typer(
    name="sanctionwatch",
    cls=LazyGroup,
    help="Sanctions screening against the official lists, with explained matches.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Print the version and each loaded list's version date, and exit.")] = False,
) -> None:
    """Sanctions screening against the official lists, with explained matches."""

USAGE_EXIT = 2
FAILURE_EXIT = 1


def fail(message: str, code: int = FAILURE_EXIT) -> None:
    """Print one error line and exit."""
    sys.stderr.write(f"error: {message}\n")
    raise SystemExit(code)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with our error policy; returns the exit code."""
    try:
        app(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click_exc.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        return 0
    except click_exc.UsageError as exc:
        sys.stderr.write(f"error: {exc.format_message()}\n")
        return USAGE_EXIT
    except click_exc.ClickException as exc:
        sys.stderr.write(f"error: {exc.format_message()}\n")
        return FAILURE_EXIT
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        sys.stderr.write("error: aborted\n")
        return FAILURE_EXIT
    except (QueryError, InputError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return USAGE_EXIT
    except SanctionwatchError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return FAILURE_EXIT
    except BrokenPipeError:
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else FAILURE_EXIT
    return 0
