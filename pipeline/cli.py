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
    executor: Annotated[str, typer.Option(help="Where documents are processed: local (worker processes) or dask "
                                          "(an embedded LocalCluster of --workers processes, or --scheduler's).")
                        ] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (tcp://HOST:8786): run on that "
                                                     "cluster.")] = None,
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
    from pipeline.executors import ExecutorUnavailable, make_executor

    try:
        run_on = make_executor(executor, scheduler)
    except ExecutorUnavailable as exc:
        raise fail(str(exc))

    with _progress(quiet) as (bar, task):
        def on_progress(p) -> None:
            rate = p.words / max(time.monotonic() - p.started, 1e-6)
            bar.update(task, total=p.total or None, completed=p.done,
                       info=f"{rate:,.0f} words/s  {p.failed} failed  {p.current[-40:]}")

        try:
            summary = Runner(raw, out, settings, executor=run_on, on_progress=on_progress).run(force=force, wait_s=wait)
        except (StoreLocked, ExecutorUnavailable) as exc:
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


if __name__ == "__main__":
    app()
