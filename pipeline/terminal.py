"""How the `minutes` command talks: plain lines off a terminal, one-line errors, never a traceback.

Every command runs inside `Group.main`, so each one, present or added later, gets the same contract:
a usage error or `fail(...)` is one line `error: ...` on stderr and exit 2; an unexpected exception is
one line naming a log file that holds its traceback, also exit 2; with `--json` the same error is
also printed on stdout as one JSON object. Output to a pipe or a log file is plain: no colour, no
progress bar, no wrapping at 80 columns.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

import typer
from rich.console import Console
from typer.core import TyperGroup

try:  # Typer 0.2x carries its own copy of Click, with its own exception classes
    from typer._click import exceptions as cx
except ImportError:  # older Typer runs on Click itself
    from click import exceptions as cx

EXIT_OK, EXIT_FAILED_DOCS, EXIT_CANNOT_RUN = 0, 3, 2
EXIT_CODES_HELP = ("Exit codes: 0 everything extracted, or nothing to do; 3 ran, but some documents failed "
                   "(see the errors table); 2 could not run (one line on stderr says why).")
# Off a terminal Rich would wrap at 80 columns; lines this long are never cut.
PLAIN_WIDTH = 10_000
# Where the traceback of an unexpected error is written (default: the system's temporary folder).
LOG_DIR_ENV = "MINUTES_LOG_DIR"


def console(*, stderr: bool = False) -> Console:
    """A console for stdout (or stderr): styled on a terminal, plain unwrapped lines otherwise.

    Built per command, not at import, so it writes to the streams of the moment (a test runner swaps them).
    """
    c = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not c.is_terminal:
        c = Console(stderr=stderr, highlight=False, soft_wrap=True, width=PLAIN_WIDTH, no_color=True)
    return c


class CommandError(cx.ClickException):
    """A command that cannot go on: one line on stderr, exit 2."""

    exit_code = EXIT_CANNOT_RUN


def fail(message: str) -> CommandError:
    """The error to raise when a command cannot run: `raise fail("archive folder not found: ...")`."""
    return CommandError(" ".join(str(message).split()))


def print_json(obj: Any) -> None:
    """One JSON object on one line of stdout (plain write: Rich would read brackets as markup)."""
    typer.echo(json.dumps(obj, default=str, ensure_ascii=False))


def write_traceback(exc: BaseException) -> Path | None:
    """Write the exception's traceback to a new log file; its path, or None when it cannot be written."""
    folder = Path(os.environ.get(LOG_DIR_ENV) or tempfile.gettempdir())
    path = folder / f"minutes-error-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(f"minutes {' '.join(sys.argv[1:])}\n\n"
                        + "".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        return None
    return path


def _error_line(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


class Group(TyperGroup):
    """The app's command group: every exit, expected or not, leaves through `main` as a code and one line."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        message = None
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except cx.NoArgsIsHelpError as exc:  # `minutes` alone: the help, not an error line
            exc.show()
            code = EXIT_CANNOT_RUN
        except cx.UsageError as exc:
            # Named as installed, whatever the program was called as (`python -m pipeline.cli`, a test runner).
            command = " ".join(["minutes", *(exc.ctx.command_path.split()[1:] if exc.ctx else [])])
            message = f"{exc.format_message().rstrip('.')} (see `{command} --help`)"
            code = EXIT_CANNOT_RUN
        except cx.ClickException as exc:
            message, code = exc.format_message(), exc.exit_code
        except typer.Abort:
            message, code = "interrupted", 130
        except BrokenPipeError:  # `minutes list OUT | head`: the reader left; say nothing more
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            code = 1
        except Exception as exc:  # noqa: BLE001 - the command line's one boundary: no traceback escapes it
            log = write_traceback(exc)
            where = f"the traceback is in {log}" if log else "the traceback could not be written"
            message = f"unexpected {type(exc).__name__}: {exc}; {where} (please report it)"
            code = EXIT_CANNOT_RUN
        if not isinstance(code, int):
            code = EXIT_OK
        if message is not None:
            _error_line(" ".join(message.split()))
            if "--json" in argv:
                print_json({"exit_code": code, "error": " ".join(message.split())})
        if standalone_mode:
            sys.exit(code)
        return code
