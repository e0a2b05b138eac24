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

from pipeline import __version__
from pipeline.config import DEFAULT_OUT, DEFAULT_RAW, load_settings
from pipeline.terminal import EXIT_CANNOT_RUN, EXIT_CODES_HELP, Group, console, fail, print_json

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
    executor: Annotated[str, typer.Option(help="Where documents are processed: local (worker processes) or dask "
                                          "(an embedded LocalCluster of --workers processes, or --scheduler's).")
                        ] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (tcp://HOST:8786): run on that "
                                                     "cluster.")] = None,
    commit_every: Annotated[Optional[int], typer.Option(help="Write the tables every N documents.", min=1)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Extract every new or changed file of RAW into OUT; unchanged files are skipped.

    Example: minutes extract data/raw data/processed --workers 2
    """
    try:
        settings = load_settings(workers=workers, model_name=model, commit_every=commit_every)
    except (ValueError, TypeError) as exc:
        raise fail(str(exc))
    from pipeline.executors import ExecutorUnavailable, discard_early, make_executor, run_local, start_early_for

    try:
        run_on = make_executor(executor, scheduler)
    except ExecutorUnavailable as exc:
        raise fail(str(exc))
    if run_on is run_local:
        start_early_for(raw, out, settings)
    try:
        _extract(raw, out, settings, run_on, run_local, scheduler, force, wait, quiet, json_out)
    finally:
        discard_early()


def _extract(raw: Path, out: Path, settings, run_on, run_local, scheduler: str | None, force: bool, wait: float,
             quiet: bool, json_out: bool) -> None:
    from pipeline.executors import ExecutorUnavailable
    from pipeline.runner import CannotRun, Runner, skipped_text
    from pipeline.status import failures_of_run
    from pipeline.store import StoreLocked

    # Checked by the runner's pre-flight, before the lock: one line naming the option and the package.
    needs = {"distributed": "--scheduler" if scheduler else "--executor dask"} if run_on is not run_local else {}

    err = console(stderr=True)
    bar = _Bar(err, enabled=not quiet and not json_out and err.is_terminal)
    try:
        with bar:
            summary = Runner(raw, out, settings, executor=run_on, on_progress=bar.update).run(
                force=force, wait_s=wait, needs=needs)
    except (CannotRun, StoreLocked, ExecutorUnavailable) as exc:
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
        if self.progress is None:  # rich.progress imported here: not before the fork server starts
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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


# --- analyst commands: sql, actions, report, export (thin wiring over pipeline.sql/tracker/report/export/hxl) ---
# Their errors are terminal.fail lines too: one line on stderr, exit 2.

def _analyst_archive(out: Path):
    from pipeline.api import load

    try:
        return load(out)
    except (FileNotFoundError, OSError, ValueError, TypeError) as exc:
        raise fail(exc)


def _as_of(value: Optional[str]):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise fail(f"--as-of {value!r} is not a date like 2024-03-31")


@app.command(epilog=EXIT_CODES_HELP)
def sql(
    out: Annotated[Path, typer.Argument(help="Output folder of a previous run.")],
    query: Annotated[Optional[str], typer.Argument(help="SQL over the tables (views named after them); "
                                                         "none: read statements from stdin.")] = None,
    csv: Annotated[bool, typer.Option("--csv", help="CSV instead of a table.")] = False,
) -> None:
    """Query the tables with SQL (embedded DuckDB): one view per table; no query opens a prompt (.quit ends it).

    Example: minutes sql data/processed "SELECT label, count(*) FROM entities GROUP BY label"
    """
    import sys

    import duckdb

    from pipeline import sql as minutes_sql

    try:
        con = minutes_sql.connect(out)
    except (OSError, duckdb.Error) as exc:
        raise fail(exc)
    if query is None:
        tty = sys.stdin.isatty()
        failed = minutes_sql.interactive(con, sys.stdin, lambda s: typer.echo(s, nl=False),
                                         lambda p: typer.echo(p, nl=False, err=True) if tty else None, as_csv=csv)
        raise typer.Exit(EXIT_CANNOT_RUN if failed and not tty else 0)
    try:
        typer.echo(minutes_sql.render(minutes_sql.query(con, query), csv), nl=False)
    except duckdb.Error as exc:
        raise fail(minutes_sql.one_line(exc))


@app.command(epilog=EXIT_CODES_HELP)
def actions(
    out: Annotated[Path, typer.Argument(help="Output folder of a previous run.")],
    open_only: Annotated[bool, typer.Option("--open", help="Only actions not done (carried over counts as open).")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open actions past their due date.")] = False,
    owner: Annotated[Optional[str], typer.Option(help="Only actions whose owner contains this (any case).")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date for --overdue (default today), YYYY-MM-DD.")] = None,
    csv: Annotated[bool, typer.Option("--csv", help="CSV on stdout.")] = False,
    xlsx: Annotated[Optional[Path], typer.Option(help="Write an Excel workbook to this file.")] = None,
    json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
) -> None:
    """List actions with owner, due date, meeting and latest status across the series.

    Example: minutes actions data/processed --open --owner UNICEF --as-of 2024-06-30
    """
    from pipeline import tracker
    from pipeline.export import frame_csv, write_file, xlsx_bytes
    from pipeline.sql import plain_table

    if sum([csv, json, xlsx is not None]) > 1:
        raise fail("choose one of --csv, --json and --xlsx")
    date = _as_of(as_of)
    rows = tracker.select(tracker.track(_analyst_archive(out), as_of=date), open_only=open_only, overdue=overdue,
                          owner=owner)
    if json:
        typer.echo(tracker.as_json(rows), nl=False)
    elif csv:
        typer.echo(frame_csv(tracker.for_export(rows)), nl=False)
    elif xlsx is not None:
        try:
            write_file(xlsx, xlsx_bytes({"actions": tracker.for_export(rows)}))
        except OSError as exc:
            raise fail(exc)
        typer.echo(f"{len(rows)} actions -> {xlsx}")
    else:
        typer.echo(plain_table(tracker.for_export(rows)[tracker.SHOWN]))


@app.command(epilog=EXIT_CODES_HELP)
def report(
    out: Annotated[Path, typer.Argument(help="Output folder of a previous run.")],
    to: Annotated[Path, typer.Option(help="Folder to write the site into (index.html, doc/*.html).")],
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date for overdue actions (default today).")] = None,
) -> None:
    """Write a static review site: counts, mentions over time, open actions, failures; a page per document.

    Example: minutes report data/processed --to site && open site/index.html
    """
    from pipeline.report import build_site

    archive, date = _analyst_archive(out), _as_of(as_of)
    try:
        written = build_site(archive, to, as_of=date)
    except (OSError, ValueError) as exc:
        raise fail(exc)
    typer.echo(f"{len(written)} pages -> {to}/index.html")


@app.command(epilog=EXIT_CODES_HELP)
def export(
    out: Annotated[Path, typer.Argument(help="Output folder of a previous run.")],
    to: Annotated[Path, typer.Option(help="Folder to write the files into.")],
    hxl: Annotated[bool, typer.Option("--hxl", help="Also HXL-tagged CSVs of entities, actions and meetings.")] = False,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date for overdue actions in HXL (default today).")] = None,
) -> None:
    """Write CSV and XLSX of every table (formula-like cells neutralised); --hxl adds hxl/*.csv.

    Example: minutes export data/processed --to exports --hxl
    """
    from pipeline.export import export_tables

    date = _as_of(as_of)
    try:
        written = export_tables(out, to)
        if hxl:
            from pipeline.hxl import export_hxl

            written += export_hxl(_analyst_archive(out), to, as_of=date)
    except (OSError, ValueError) as exc:
        raise fail(exc)
    typer.echo(f"{len(written)} files -> {to}")

# --- end of analyst commands ---


if __name__ == "__main__":
    app()
