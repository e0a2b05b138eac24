"""End to end: the CLI over a small archive built in the test, with the real stages and model."""
from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import PROJECT_ROOT
from pipeline.schema import TABLES
from tests.builders import minutes_docx

pytestmark = pytest.mark.slow
MINUTES = str(Path(sys.executable).with_name("minutes"))
RUN_METADATA = {"runs": None, "errors": ["run_id"]}  # what may differ between two runs over the same input


def _write_docx(path: Path, title: str, body: list[str], rows: list[tuple[str, str, str]]) -> None:
    path.write_bytes(minutes_docx(title, body, rows, created=pd.Timestamp("2024-01-01").to_pydatetime()))


def make_archive(root: Path, n_series: int = 3) -> Path:
    raw = root / "raw"
    (raw / "wash").mkdir(parents=True)
    for i in range(n_series):
        month = ["January", "February", "March", "April", "May", "June", "July", "August"][i % 8]
        _write_docx(raw / "wash" / f"2024-{i + 1:02d}-10-wash-sector.docx", "WASH Sector Coordination Meeting",
                    [f"Date: 10 {month} 2024", "Chair: Amina Yusuf (UNICEF)",
                     "Participants: UNICEF, Oxfam, World Vision, IOM",
                     f"1. Water trucking in Maiduguri: Oxfam reported {100 + i} trucks delivered.",
                     "2. AOB: none", f"Next meeting: 10 {month} 2024 + 1 month"],
                    [(f"Share the borehole assessment report {i}", "UNICEF", "31 May 2024"),
                     ("Map latrine coverage in Bama", "IOM", "next week")])
    (raw / "notes.txt").write_text(
        "Health Cluster meeting, Juba, 5 March 2024\n\nPresent: WHO, UNFPA, MSF\n\n"
        "1. Cholera response\nWHO will deliver 2,000 rapid tests to Malakal by 15 March.\n", encoding="utf-8")
    (raw / "cash.md").write_text(
        "# Cash Working Group – Amman\n\n**Date:** 2024-04-09\n\n## Updates\n\n"
        "- UNHCR: transfer values reviewed.\n- WFP to circulate the MEB revision by end of April.\n", encoding="utf-8")
    return raw


def run_cli(*args: str):
    result = CliRunner().invoke(app, ["extract", *args, "--quiet"])
    return result


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {n: pd.read_parquet(out / f"{n}.parquet") for n in TABLES if (out / f"{n}.parquet").exists()}


def comparable(out: Path) -> dict[str, pd.DataFrame]:
    got = {}
    for name, df in tables(out).items():
        if name in RUN_METADATA and RUN_METADATA[name] is None:
            continue
        got[name] = df.drop(columns=RUN_METADATA.get(name) or []).reset_index(drop=True)
    return got


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    raw, out = make_archive(root), root / "out"
    result = run_cli(str(raw), str(out))
    assert result.exit_code == 0, result.output
    return raw, out


def test_cli_extract_writes_every_table_with_its_schema(extracted):
    _, out = extracted
    for name, table in TABLES.items():
        written = pq.read_schema(out / f"{name}.parquet")
        assert written.names == table.schema.names, name
        assert written.equals(table.schema, check_metadata=False), name
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(docs["source_path"]) == ["cash.md", "notes.txt", "wash/2024-01-10-wash-sector.docx",
                                           "wash/2024-02-10-wash-sector.docx", "wash/2024-03-10-wash-sector.docx"]
    assert docs["doc_id"].is_unique


def test_cli_every_span_points_into_documents_text(extracted):
    _, out = extracted
    got = tables(out)
    text = dict(zip(got["documents"]["doc_id"], got["documents"]["text"]))
    checked = 0
    for name, table in TABLES.items():
        if not table.has_spans:
            continue
        for row in got[name].itertuples():
            assert text[row.doc_id][row.start_char:row.end_char] == row.text, (name, row)
            checked += 1
    assert checked > 50


def test_cli_rerun_with_nothing_new_processes_nothing(extracted):
    raw, out = extracted
    before = comparable(out)
    result = run_cli(str(raw), str(out))
    assert result.exit_code == 0, result.output
    runs = pd.read_parquet(out / "runs.parquet").sort_values("started_at")
    assert runs.iloc[-1]["n_processed"] == 0 and runs.iloc[-1]["n_skipped"] == 5
    after = comparable(out)
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)


@pytest.mark.parametrize("change", ["add", "edit", "remove"])
def test_cli_incremental_redoes_only_the_changed_file(tmp_path, change):
    raw, out = make_archive(tmp_path), tmp_path / "out"
    assert run_cli(str(raw), str(out)).exit_code == 0
    before = pd.read_parquet(out / "documents.parquet")
    target = raw / "notes.txt"
    if change == "add":
        (raw / "new.txt").write_text("Protection sector meeting, Maiduguri, 2 May 2024\nIOM will share the list.\n")
    elif change == "edit":
        target.write_text(target.read_text() + "UNFPA will train 20 midwives in Wau.\n")
    else:
        target.unlink()
    result = run_cli(str(raw), str(out))
    assert result.exit_code == 0, result.output
    last = pd.read_parquet(out / "runs.parquet").sort_values("started_at").iloc[-1]
    assert (last["n_processed"], last["n_removed"]) == {"add": (1, 0), "edit": (1, 0), "remove": (0, 1)}[change]
    after = pd.read_parquet(out / "documents.parquet")
    assert ("notes.txt" in set(after["source_path"])) == (change != "remove")
    kept = before[before["source_path"] != "notes.txt"]
    assert set(kept["doc_id"]) <= set(after["doc_id"])
    for name in ("blocks", "entities", "sections"):
        df = pd.read_parquet(out / f"{name}.parquet")
        assert set(df["doc_id"]) <= set(after["doc_id"]), f"{name} keeps rows of a removed or replaced file"


def test_cli_failing_file_is_an_error_row_and_the_batch_goes_on(tmp_path):
    raw, out = make_archive(tmp_path), tmp_path / "out"
    (raw / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (raw / "empty.txt").write_bytes(b"")
    result = run_cli(str(raw), str(out))
    assert result.exit_code == 3, result.output
    errors = pd.read_parquet(out / "errors.parquet")
    assert {"broken.docx", "empty.txt"} <= set(errors["source_path"])
    assert errors["message"].str.len().min() > 10
    assert len(pd.read_parquet(out / "documents.parquet")) == 5


def test_cli_two_full_runs_write_identical_tables(tmp_path):
    raw = make_archive(tmp_path)
    for name in ("a", "b"):
        assert run_cli(str(raw), str(tmp_path / name)).exit_code == 0
    a, b = comparable(tmp_path / "a"), comparable(tmp_path / "b")
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_cli_killed_run_is_completed_by_the_next(tmp_path):
    raw = make_archive(tmp_path, n_series=8)
    clean, crashed = tmp_path / "clean", tmp_path / "crashed"
    assert run_cli(str(raw), str(clean)).exit_code == 0
    proc = subprocess.Popen([MINUTES, "extract", str(raw), str(crashed), "--quiet", "--commit-every", "1"],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (crashed / "manifest.parquet").exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = pd.read_parquet(crashed / "documents.parquet") if (crashed / "documents.parquet").exists() else None
    assert first is None or len(first) < 10, "the run should have been killed part-way"
    assert subprocess.run([MINUTES, "extract", str(raw), str(crashed), "--quiet"]).returncode == 0
    a, b = comparable(clean), comparable(crashed)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_cli_run_killed_after_its_last_batch_still_gets_its_catalog(tmp_path):
    """Killed between the last per-document commit and the archive-wide one: the next run, with no document
    left to process, still rebuilds entity_catalog and action_links from the committed rows."""
    raw, out = make_archive(tmp_path), tmp_path / "out"
    assert run_cli(str(raw), str(out)).exit_code == 0
    catalog = pd.read_parquet(out / "entity_catalog.parquet")
    pq.write_table(pq.read_table(out / "entity_catalog.parquet").slice(0, 0), out / "entity_catalog.parquet")
    (out / ".archive-pending").touch()  # what a partial commit leaves until the run's final one
    assert run_cli(str(raw), str(out)).exit_code == 0
    assert pd.read_parquet(out / "runs.parquet")["n_processed"].iloc[-1] == 0
    pd.testing.assert_frame_equal(pd.read_parquet(out / "entity_catalog.parquet"), catalog)
    assert not (out / ".archive-pending").exists()


def test_cli_documented_schedule_command_runs_twice_and_second_does_nothing(tmp_path):
    line = next(ln for ln in (PROJECT_ROOT / "deploy" / "crontab").read_text().splitlines()
                if ln.strip() and not ln.startswith("#"))
    command = " ".join(line.split()[5:]).split(">>")[0]
    raw = make_archive(tmp_path)
    command = (command.replace("/opt/minutes-pipeline", shlex.quote(str(PROJECT_ROOT)))
               .replace("/srv/minutes/archive", shlex.quote(str(raw)))
               .replace("/srv/minutes/processed", shlex.quote(str(tmp_path / "out"))))
    for expected in (5, 0):
        subprocess.run(command, shell=True, check=True)
        summary = json.loads((tmp_path / "out" / "last_run.json").read_text())
        assert summary["n_processed"] == expected and summary["exit_code"] == 0


@pytest.mark.parametrize("command", [["status"], ["show", "notes.txt"]])
def test_cli_status_and_show_read_the_output(extracted, command):
    raw, out = extracted
    args = [command[0], str(out), *command[1:]]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ("0 stale" in result.output) if command[0] == "status" else ("Health Cluster" in result.output)


@pytest.mark.parametrize("args", [["extract", "/no/such/folder", "/tmp/x"], ["show", "/no/such/out", "abc"]])
def test_cli_errors_are_one_line_and_exit_2(args):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
