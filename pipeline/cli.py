"""The `minutes` command: Typer wiring only. Parse options, call the library, print.

Exit codes: 0 everything extracted, or nothing to do; 3 ran, but some documents failed (see the errors
table); 2 could not run, with one line on stderr. Errors, plain output off a terminal and --json work the
same for every command: see pipeline/terminal.py (`fail`, `console`, `print_json`).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline import __version__
from pipeline.config import DEFAULT_OUT, DEFAULT_RAW, load_settings
from pipeline.terminal import EXIT_CODES_HELP, Group, console, fail, print_json

app = typer.Typer(cls=Group, add_completion=False, no_args_is_help=True, epilog=EXIT_CODES_HELP,
                  help="Turn an archive of meeting minutes into source-grounded Parquet tables.")
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout instead of lines.")]
# Failing files named in the run summary; the rest are in `minutes status OUT`.
SHOWN_FAILURES = 10


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"minutes-pipeline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_print_version,
                                          is_eager=True)] = False,
) -> None:
    """Turn an archive of meeting minutes into source-grounded Parquet tables."""


@app.command(epilog=EXIT_CODES_HELP)
def extract(
    raw: Annotated[Path, typer.Argument(metavar="RAW", help="Archive folder of minutes (searched recursively).")
                   ] = DEFAULT_RAW,
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Output folder for the Parquet tables (not inside RAW).")
                   ] = DEFAULT_OUT,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes.", min=1)] = None,
    force: Annotated[bool, typer.Option("--force", help="Reprocess every file, changed or not.")] = False,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run on OUT to finish.", min=0)] = 0.0,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to load (e.g. en_core_web_trf).")] = None,
    dask: Annotated[Optional[str], typer.Option(help="Dask scheduler address, to process on a cluster "
                                                     "(needs the 'distributed' package).")] = None,
    commit_every: Annotated[Optional[int], typer.Option(help="Write the tables every N documents.", min=1)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Extract every new or changed file of RAW into OUT; unchanged files are skipped.

    Example: minutes extract data/raw data/processed --workers 2
    """
    from pipeline.runner import CannotRun, Runner, skipped_text
    from pipeline.status import failures_of_run
    from pipeline.store import StoreLocked

    try:
        settings = load_settings(workers=workers, model_name=model, commit_every=commit_every)
    except (ValueError, TypeError) as exc:
        raise fail(str(exc))
    executor, needs = None, {}
    if dask:
        from functools import partial

        from pipeline.executors import run_dask
        executor, needs = partial(run_dask, address=dask), {"distributed": "--dask"}

    err = console(stderr=True)
    bar = _Bar(err, enabled=not quiet and not json_out and err.is_terminal)
    try:
        with bar:
            summary = Runner(raw, out, settings, executor=executor, on_progress=bar.update).run(
                force=force, wait_s=wait, needs=needs)
    except (CannotRun, StoreLocked) as exc:
        raise fail(str(exc))
    except OSError as exc:
        raise fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
    failures = failures_of_run(Path(summary.out), summary.run_id) if summary.n_failed else []
    skipped = skipped_text(summary.not_read)
    if json_out:
        print_json({**{k: v for k, v in summary.__dict__.items() if k not in ("fingerprint_parts", "not_read")},
                    "skipped": summary.not_read, "failures": failures, "exit_code": summary.exit_code})
        raise typer.Exit(summary.exit_code)
    colour = "yellow" if summary.n_failed else "green"
    err.print(f"[{colour}]{summary.n_processed} processed, {summary.n_skipped} unchanged, {summary.n_removed} removed, "
              f"{summary.n_failed} failed[/] in {summary.seconds:.1f} s -> {escape(summary.out)}  "
              f"(run {summary.run_id})")
    if skipped:
        err.print(skipped, markup=False)
    for f in failures[:SHOWN_FAILURES]:
        err.print(f"  failed: {f['source_path']} ({f['stage']} {f['error_type']}): {f['message']}", markup=False)
    if summary.n_failed:
        more = f"{len(failures) - SHOWN_FAILURES} more failures: " if len(failures) > SHOWN_FAILURES else "see "
        err.print(f"{more}the errors table or `minutes status {summary.out}`", markup=False)
    raise typer.Exit(summary.exit_code)


class _Bar:
    """A progress bar on a terminal, shown only once there is work; nothing otherwise (logs stay plain lines)."""

    def __init__(self, con, *, enabled: bool):
        self.con, self.enabled, self.progress, self.task = con, enabled, None, None

    def __enter__(self) -> "_Bar":
        return self

    def update(self, p) -> None:
        if not self.enabled or not p.total:
            return
        if self.progress is None:
            self.progress = Progress(TextColumn("documents"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                     TextColumn("{task.fields[info]}"), console=self.con)
            self.progress.start()
            self.task = self.progress.add_task("extract", total=p.total, info="")
        rate = p.words / max(time.monotonic() - p.started, 1e-6)
        self.progress.update(self.task, total=p.total, completed=p.done,
                             info=escape(f"{rate:,.0f} words/s  {p.failed} failed  {p.current[-40:]}"))

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.command(epilog=EXIT_CODES_HELP)
def status(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Output folder of a previous run.")] = DEFAULT_OUT,
    raw: Annotated[Optional[Path], typer.Option(help="Archive to compare with (default: the last run's).")] = None,
    json_out: JsonOption = False,
) -> None:
    """Show what is processed, what failed and why, and what is stale.

    Example: minutes status data/processed
    """
    from pipeline.runner import describe_reasons
    from pipeline.status import read_status

    try:
        st = read_status(out, load_settings(), raw)
    except (FileNotFoundError, ValueError) as exc:
        raise fail(str(exc))
    if json_out:
        print_json({**st.as_json(), "exit_code": 0})
        return
    con = console()
    parts = [_n(st.n_documents, "document") + " extracted", _n(st.n_failing, "file") + " failing"]
    parts += [_n(st.n_with_warnings, "document") + " with warnings"] if st.n_with_warnings else []
    parts += [_n(len(st.skipped), "file") + " skipped"] if st.skipped else []
    con.print(f"[bold]{escape(st.out)}[/]: " + ", ".join(parts + [_n(st.n_duplicates, "duplicate")]))
    last = st.last_run
    if last:
        con.print(f"last run {last['run_id']}: {last['n_processed']} processed, {last['n_skipped']} unchanged, "
                  f"{last['n_removed']} removed, {last['n_failed']} failed", markup=False)
    for title, rows in (("failing", st.failing), ("warnings", st.warnings)):
        if rows:
            con.print(f"{title}:", markup=False)
        for f in rows:
            con.print(f"  [red]{f['error_type']}[/] {escape(f['source_path'])} ({f['stage']}): {escape(f['message'])}")
    if st.skipped:
        con.print(f"skipped: {describe_reasons(st.skipped)}", markup=False)
    if st.archive_problem:
        con.print(st.archive_problem, markup=False)
        return
    if st.redo_reasons:
        con.print(f"[yellow]changed since the last run: {escape(', '.join(st.redo_reasons))}; "
                  "the next run redoes every file[/]")
    stale = len(st.stale_new_or_changed) + len(st.stale_removed)
    con.print(f"{stale} stale in {st.raw_root}" + (":" if stale else ""), markup=False)
    for p in st.stale_new_or_changed:
        con.print(f"  new or changed: {p}", markup=False)
    for p in st.stale_removed:
        con.print(f"  removed: {p}", markup=False)


@app.command(epilog=EXIT_CODES_HELP)
def show(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Output folder.")],
    doc: Annotated[str, typer.Argument(metavar="DOC", help="doc_id prefix or part of the source path (any case).")],
) -> None:
    """Print one document's extraction: header, sections, participants, entities, actions.

    Example: minutes show data/processed bangladesh
    """
    from pipeline.report import render_document

    _require_output(out)
    try:
        render_document(console(), out, doc)
    except LookupError as exc:
        raise fail(str(exc.args[0]) if exc.args else str(exc))


@app.command("list", epilog=EXIT_CODES_HELP)
def list_documents(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Output folder.")] = DEFAULT_OUT,
    match: Annotated[Optional[str], typer.Argument(
        metavar="MATCH", help="Only documents whose doc_id starts with, or whose path contains, this text (any case).")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """List the extracted documents: doc_id, meeting date, source path and title, one per line.

    Example: minutes list data/processed wash
    """
    from pipeline.api import load, match_documents

    _require_output(out)
    docs = load(out, "documents").sort_values("source_path")
    if match:
        docs = match_documents(docs, match)
    rows = [{"doc_id": d.doc_id, "meeting_date": None if d.meeting_date is None or d.meeting_date != d.meeting_date
             else str(d.meeting_date), "format": d.format, "source_path": d.source_path, "title": d.title}
            for d in docs.itertuples()]
    if json_out:
        print_json({"out": str(out.resolve()), "n_documents": len(rows), "documents": rows})
        return
    con = console()
    for r in rows:
        con.print(f"{r['doc_id']}  {r['meeting_date'] or '-':<10}  {r['source_path']}  {r['title'] or ''}".rstrip(),
                  markup=False)
    if not rows:
        con.print(f"no documents{f' match {match!r}' if match else ''} in {out.resolve()}", markup=False)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _require_output(out: Path) -> None:
    """Refuse an OUT that holds no pipeline output, before reading any table of it."""
    from pipeline.store import Store

    if not Store(out).exists("documents"):
        what = "not found" if not out.exists() else "holds no pipeline output"
        raise fail(f"output folder {what}: {out.resolve()} (run `minutes extract RAW {out}` first)")


if __name__ == "__main__":
    app()
