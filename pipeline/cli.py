"""The `minutes` command: Typer wiring only. Parse options, call the library, print.

Exit codes: 0 ok; 3 ran, but some documents failed (see the errors table); 2 could not run.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.config import DEFAULT_OUT, DEFAULT_RAW, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn an archive of meeting minutes into source-grounded Parquet tables.")
console = Console(stderr=True)
out_console = Console()

EXIT_OK, EXIT_FAILED_DOCS, EXIT_CANNOT_RUN = 0, 3, 2


def fail(message: str) -> typer.Exit:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(EXIT_CANNOT_RUN)


@app.command()
def extract(
    raw: Annotated[Path, typer.Argument(help="Archive folder of minutes (searched recursively).")] = DEFAULT_RAW,
    out: Annotated[Path, typer.Argument(help="Output folder for the Parquet tables.")] = DEFAULT_OUT,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes.", min=1)] = None,
    force: Annotated[bool, typer.Option("--force", help="Reprocess every file, changed or not.")] = False,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run on OUT to finish.")] = 0.0,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to load (e.g. en_core_web_trf).")] = None,
    dask: Annotated[Optional[str], typer.Option(help="Dask scheduler address, to process on a cluster.")] = None,
    commit_every: Annotated[Optional[int], typer.Option(help="Write the tables every N documents.", min=1)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract every new or changed file of RAW into OUT; unchanged files are skipped.

    Example: minutes extract data/raw data/processed --workers 2
    """
    from pipeline.runner import Runner
    from pipeline.store import StoreLocked

    try:
        settings = load_settings(workers=workers, model_name=model, commit_every=commit_every)
    except (ValueError, TypeError) as exc:
        raise fail(str(exc))
    executor = None
    if dask:
        from functools import partial

        from pipeline.executors import run_dask
        executor = partial(run_dask, address=dask)

    with _progress(quiet) as (bar, task):
        def on_progress(p) -> None:
            rate = p.words / max(time.monotonic() - p.started, 1e-6)
            bar.update(task, total=p.total or None, completed=p.done,
                       info=f"{rate:,.0f} words/s  {p.failed} failed  {p.current[-40:]}")

        try:
            summary = Runner(raw, out, settings, executor=executor, on_progress=on_progress).run(force=force, wait_s=wait)
        except StoreLocked as exc:
            raise fail(str(exc))
        except (FileNotFoundError, NotADirectoryError, PermissionError) as exc:
            raise fail(str(exc))
    colour = "yellow" if summary.n_failed else "green"
    console.print(f"[{colour}]{summary.n_processed} processed, {summary.n_skipped} unchanged, "
                  f"{summary.n_removed} removed, {summary.n_failed} failed[/] in {summary.seconds:.1f} s "
                  f"-> {out}  (run {summary.run_id})", highlight=False)
    if summary.n_failed:
        console.print(f"see the errors table or `minutes status {out}`", highlight=False)
    raise typer.Exit(summary.exit_code)


class _progress:
    """A rich progress bar on stderr, or nothing when quiet / not a terminal."""

    def __init__(self, quiet: bool):
        self.bar = Progress(TextColumn("documents"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            TextColumn("{task.fields[info]}"), console=console, disable=quiet, transient=False)

    def __enter__(self):
        self.bar.__enter__()
        return self.bar, self.bar.add_task("extract", total=None, info="")

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)


@app.command()
def status(
    out: Annotated[Path, typer.Argument(help="Output folder of a previous run.")] = DEFAULT_OUT,
    raw: Annotated[Optional[Path], typer.Option(help="Archive to compare with (default: the last run's).")] = None,
) -> None:
    """Show what is processed, what failed and why, and what is stale.

    Example: minutes status data/processed
    """
    from pipeline.status import read_status

    try:
        st = read_status(out, load_settings(), raw)
    except (FileNotFoundError, ValueError) as exc:
        raise fail(str(exc))
    last = st.last_run
    out_console.print(f"[bold]{st.out}[/]: {st.n_documents} documents extracted, {st.n_failed} files failing, "
                      f"{st.n_duplicates} duplicates", highlight=False)
    if last:
        out_console.print(f"last run {last['run_id']}: {last['n_processed']} processed, {last['n_skipped']} unchanged, "
                          f"{last['n_removed']} removed, {last['n_failed']} failed", highlight=False)
    for f in st.failures:
        out_console.print(f"  [red]{f['error_type']}[/] {f['source_path']} ({f['stage']}): {f['message']}",
                          highlight=False)
    if st.raw_root is None:
        out_console.print("archive not found: pass --raw to see what is stale", highlight=False)
        return
    stale = len(st.stale_new_or_changed) + len(st.stale_removed)
    if st.settings_changed:
        out_console.print("[yellow]settings, model or gazetteers changed: the next run redoes everything[/]")
    out_console.print(f"{stale} stale in {st.raw_root}" + (":" if stale else ""), highlight=False)
    for p in st.stale_new_or_changed:
        out_console.print(f"  new or changed: {p}", highlight=False)
    for p in st.stale_removed:
        out_console.print(f"  removed: {p}", highlight=False)


@app.command()
def show(
    out: Annotated[Path, typer.Argument(help="Output folder.")],
    doc: Annotated[str, typer.Argument(help="doc_id prefix or part of the source path.")],
) -> None:
    """Print one document's extraction: header, sections, participants, entities, actions.

    Example: minutes show data/processed 2024-03-12
    """
    from pipeline.report import render_document

    try:
        render_document(out_console, out, doc)
    except (LookupError, FileNotFoundError) as exc:
        raise fail(str(exc).strip("'\""))


# --- analyst commands: sql, actions, report, export (thin wiring over pipeline.sql/tracker/report/export/hxl) ---

def _analyst_fail(message: object) -> typer.Exit:
    """One clear line on stderr, exit code 2."""
    typer.echo(f"error: {' '.join(str(message).split())}", err=True)
    return typer.Exit(2)


def _analyst_archive(out: Path):
    from pipeline.api import load

    try:
        return load(out)
    except (FileNotFoundError, OSError, ValueError, TypeError) as exc:
        raise _analyst_fail(exc)


def _as_of(value: Optional[str]):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise _analyst_fail(f"--as-of {value!r} is not a date like 2024-03-31")


@app.command()
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
        raise _analyst_fail(exc)
    if query is None:
        tty = sys.stdin.isatty()
        failed = minutes_sql.interactive(con, sys.stdin, lambda s: typer.echo(s, nl=False),
                                         lambda p: typer.echo(p, nl=False, err=True) if tty else None, as_csv=csv)
        raise typer.Exit(2 if failed and not tty else 0)
    try:
        typer.echo(minutes_sql.render(minutes_sql.query(con, query), csv), nl=False)
    except duckdb.Error as exc:
        raise _analyst_fail(minutes_sql.one_line(exc))


@app.command()
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
        raise _analyst_fail("choose one of --csv, --json and --xlsx")
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
            raise _analyst_fail(exc)
        typer.echo(f"{len(rows)} actions -> {xlsx}")
    else:
        typer.echo(plain_table(tracker.for_export(rows)[tracker.SHOWN]))


@app.command()
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
        raise _analyst_fail(exc)
    typer.echo(f"{len(written)} pages -> {to}/index.html")


@app.command()
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
        raise _analyst_fail(exc)
    typer.echo(f"{len(written)} files -> {to}")

# --- end of analyst commands ---


if __name__ == "__main__":
    app()
