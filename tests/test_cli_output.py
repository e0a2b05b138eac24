"""What the command line prints after real runs: plain unwrapped lines in pipes and logs, the skipped and failed files
by reason, JSON for machines, absolute paths, case-insensitive `show` with document text printed literally, `list`."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import pipeline.config
from pipeline.cli import app, show
from pipeline.config import PROJECT_ROOT
from pipeline.store import LOCK_NAME

pytestmark = pytest.mark.slow
BAR_REMNANTS = ("\r", "\x1b[", "━", "…")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "NO_COLOR")}
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT_ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return {**env, **extra}


def _minutes(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """`minutes ARGS` as a real process, its stdout and stderr pipes (not a terminal)."""
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=_env(**env), timeout=600)


def _make_archive(raw: Path) -> None:
    (raw / "sub").mkdir(parents=True)
    board = ("Board meeting [draft], Springfield, 3 May 2024\n\nPresent: Jo Bloggs, Sam Tran\n\n"
             "1. Budget [/see annex]\nThe treasurer will circulate the revised budget by 10 May 2024.\n\n"
             "2. Any other business\nNone.\n")
    (raw / "a-board.txt").write_text(board, encoding="utf-8")
    (raw / "sub" / "copy.txt").write_text(board, encoding="utf-8")
    (raw / "sub" / "B-Notes.md").write_text("# Parks Committee, 7 June 2024\n\n## Paths\n\n"
                                            "- The clerk will order new signs for the lake path.\n", encoding="utf-8")
    (raw / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (raw / "empty.txt").write_bytes(b"")
    for name in ("a.xlsx", "b.pptx", "c.jpg"):
        (raw / name).write_bytes(b"\x00\x01 not minutes")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One extraction given relative paths, output piped; then an unchanged run asking for JSON."""
    root = tmp_path_factory.mktemp("cli-output").resolve()
    _make_archive(root / "raw")
    first = _minutes("extract", "raw", "out", "--workers", "1", cwd=root)
    again = _minutes("extract", "raw", "out", "--json", cwd=root)
    return root, first, again


def test_cli_summary_names_what_was_skipped_and_what_failed(run):
    root, first, _ = run
    assert first.returncode == 3, first.stderr
    lines = first.stderr.splitlines()
    run_id = pd.read_parquet(root / "out" / "runs.parquet").sort_values("started_at")["run_id"].iloc[0]
    assert re.fullmatch(rf"2 processed, 0 unchanged, 0 removed, 2 failed in \d+\.\d s -> {re.escape(str(root))}/out"
                        rf"  \(run {run_id}\)", lines[0]), lines
    assert lines[1] == ("4 files skipped: unsupported format (.xlsx, .pptx, .jpg); "
                        "same content as another file (sub/copy.txt)")
    assert sorted(lines[2:4]) == ["  failed: broken.docx (ingest corrupt_docx): " + _message(root, "broken.docx"),
                                  "  failed: empty.txt (scan empty_file): the file is empty (0 bytes); "
                                  "re-export or remove it"]
    assert lines[4:] == [f"see the errors table or `minutes status {root}/out`"]


def _message(root: Path, source_path: str) -> str:
    errors = pd.read_parquet(root / "out" / "errors.parquet")
    return errors.loc[errors["source_path"] == source_path, "message"].iloc[0]


def test_cli_piped_output_is_plain_whole_lines(run):
    _, first, again = run
    for proc in (first, again):
        text = proc.stdout + proc.stderr
        assert not any(mark in text for mark in BAR_REMNANTS), text
        assert "Traceback" not in text and "documents" not in text
    assert max(len(line) for line in first.stderr.splitlines()) > 80, "the test needs a line longer than 80 columns"


def test_cli_extract_json_is_one_object(run):
    _, _, again = run
    assert again.returncode == 3 and again.stderr == ""
    obj = json.loads(again.stdout)
    assert (obj["n_processed"], obj["n_skipped"], obj["n_failed"], obj["exit_code"]) == (0, 3, 1, 3)
    assert obj["skipped"] == {"unsupported_format": ["a.xlsx", "b.pptx", "c.jpg"], "duplicate": ["sub/copy.txt"]}
    assert [f["source_path"] for f in obj["failures"]] == ["empty.txt"]


def test_cli_raw_root_is_stored_absolute_and_status_works_from_any_folder(run, tmp_path, monkeypatch):
    root, _, _ = run
    runs = pd.read_parquet(root / "out" / "runs.parquet")
    assert set(runs["raw_root"]) == {str(root / "raw")}
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["status", str(root / "out")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{root}/out: 2 documents extracted, 2 files failing, 3 files skipped, 1 duplicate"
    assert lines[-1] == f"0 stale in {root}/raw"


def test_cli_status_counts_failing_files_as_it_lists_them(run):
    root, _, _ = run
    result = CliRunner().invoke(app, ["status", str(root / "out")])
    lines = result.stdout.splitlines()
    listed = lines[lines.index("failing:") + 1:]
    listed = [line for line in listed[:next((i for i, x in enumerate(listed) if not x.startswith("  ")), None)]]
    assert len({line.split()[1] for line in listed}) == 2 == int(lines[0].split(", ")[1].split()[0])
    assert "skipped: unsupported format (.xlsx, .pptx, .jpg)" in lines
    obj = json.loads(CliRunner().invoke(app, ["status", str(root / "out"), "--json"]).stdout)
    assert obj["n_failing"] == len({f["source_path"] for f in obj["failing"]}) == 2
    assert (obj["n_stale"], obj["exit_code"], obj["raw_root"]) == (0, 0, str(root / "raw"))


def test_cli_status_names_a_code_change_as_the_reason_to_redo(run, tmp_path, monkeypatch):
    root, _, _ = run
    other = tmp_path / "pipeline"
    other.mkdir()
    (other / "segment.py").write_text("RULES = 'the next release'\n")
    monkeypatch.setattr(pipeline.config, "PACKAGE_DIR", other)
    result = CliRunner().invoke(app, ["status", str(root / "out")])
    assert result.exit_code == 0, result.output
    assert "changed since the last run: pipeline code; the next run redoes every file" in result.stdout.splitlines()
    assert f"3 stale in {root}/raw:" in result.stdout.splitlines()  # the two documents and the failed file


@pytest.mark.parametrize("key", ["BOARD", "a-board", "board.TXT"])
def test_cli_show_matches_any_case_and_prints_brackets_literally(run, key):
    root, _, _ = run
    result = CliRunner().invoke(app, ["show", str(root / "out"), key])
    assert result.exit_code == 0, result.output
    sections = pd.read_parquet(root / "out" / "sections.parquet")
    assert "Budget [/see annex]" in set(sections["heading"])
    assert "Budget [/see annex]" in result.stdout
    assert result.stdout.startswith("Board meeting [draft]")


@pytest.mark.parametrize("args,expected", [([], ["a-board.txt", "sub/B-Notes.md"]), (["notes"], ["sub/B-Notes.md"])])
def test_cli_list_names_the_documents(run, args, expected):
    root, _, _ = run
    result = CliRunner().invoke(app, ["list", str(root / "out"), *args])
    assert result.exit_code == 0, result.output
    assert [line.split("  ")[2] for line in result.stdout.splitlines()] == expected
    obj = json.loads(CliRunner().invoke(app, ["list", str(root / "out"), *args, "--json"]).stdout)
    assert [d["source_path"] for d in obj["documents"]] == expected


def test_cli_show_help_example_names_one_sample_document():
    from pipeline.api import match_documents

    example = next(line for line in show.__doc__.splitlines() if "Example:" in line).split()
    assert example[1:4] == ["minutes", "show", "data/processed"]
    raw = PROJECT_ROOT / "data" / "raw"
    paths = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file() and p.name != ".gitkeep")
    docs = pd.DataFrame({"doc_id": [f"{i:016x}" for i in range(len(paths))], "source_path": paths})
    assert len(match_documents(docs, example[4])) == 1


@pytest.mark.parametrize("tty", ["1"])
def test_cli_progress_bar_only_on_a_terminal_and_only_with_work(tmp_path, tty):
    """TTY_COMPATIBLE=1 makes Rich treat the pipe as a terminal: the bar shows while documents are processed,
    and an unchanged run prints no empty bar."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "minutes.txt").write_text("Library committee, 9 April 2024\nThe librarian will renew the licence.\n")
    with_work = _minutes("extract", str(raw), str(tmp_path / "out"), cwd=tmp_path, TTY_COMPATIBLE=tty)
    unchanged = _minutes("extract", str(raw), str(tmp_path / "out"), cwd=tmp_path, TTY_COMPATIBLE=tty)
    assert with_work.returncode == unchanged.returncode == 0, with_work.stderr + unchanged.stderr
    assert "documents" in with_work.stderr and "━" in with_work.stderr
    assert "documents" not in unchanged.stderr and "━" not in unchanged.stderr
    assert "0 processed, 1 unchanged, 0 removed, 0 failed" in unchanged.stderr
    assert not (tmp_path / "raw" / LOCK_NAME).exists()
