"""The Typer application every command module registers on, and the error policy.

Errors reach the user as one line on stderr: ``error: <input>: <problem>``. Exit codes:
2 for bad options, arguments or input (usage, query, input errors); 1 for anything else that
stopped the work (a missing or broken list, a store failure).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

# typer >= 0.25 vendors click; its exception classes are only importable from here
from typer._click import exceptions as click_exc

from sanctionwatch.exc import InputError, QueryError, SanctionwatchError

app = typer.Typer(
    name="sanctionwatch",
    help="Sanctions screening against the official lists, with explained matches.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)

lists_app = typer.Typer(
    help="Show the loaded sanctions lists (and update or diff them).",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(lists_app, name="lists")

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
