"""The command line refuses what it cannot do: exit 2, one exact line on stderr, never a traceback, nothing written.

None of these cases loads the spaCy model: every refusal comes before any work starts.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import filelock
import pytest
from typer.testing import CliRunner

from pipeline import __version__
from pipeline.cli import app
from pipeline.config import PROJECT_ROOT, SUPPORTED_SUFFIXES
from pipeline.store import LOCK_NAME

SUPPORTED = ", ".join(SUPPORTED_SUFFIXES)


def _invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def _one_line(result, expected: str, code: int = 2) -> None:
    """The result is `code`, its stderr is exactly `expected` (one line), and nothing shows a traceback."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.stderr.splitlines() == [expected], result.output
    assert "Traceback" not in result.output


def _archive(root: Path) -> Path:
    raw = root / "raw"
    raw.mkdir()
    (raw / "minutes.txt").write_text("Parish council meeting, 4 March 2024\nThe clerk will book the hall.\n")
    return raw.resolve()


def _subprocess_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS")}
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT_ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


@pytest.mark.parametrize("case", ["missing model"])
def test_cli_model_that_cannot_load_is_exit_2_before_any_work(tmp_path, case):
    raw, out = _archive(tmp_path), tmp_path / "out"
    result = _invoke("extract", str(raw), str(out), "--model", "en_core_web_nonexistent")
    _one_line(result, "error: cannot load the spaCy model 'en_core_web_nonexistent': no installed pipeline package "
                      "or folder by that name (install it, e.g. python -m spacy download en_core_web_nonexistent, "
                      "or pass --model with another)")
    assert not out.exists(), "nothing may be written, not even the lock"


@pytest.mark.parametrize("files,expected", [
    ([], "error: no documents to extract: the archive {raw} holds no files"),
    (["a.xlsx", "b.pptx", "c.jpg"], "error: no documents to extract in {raw}: 3 files not read: unsupported format "
                                    "(.xlsx, .pptx, .jpg) (supported: " + SUPPORTED + ")"),
    (["a.xlsx", "empty.txt"], "error: no documents to extract in {raw}: 2 files not read: unsupported format (.xlsx); "
                              "empty file (empty.txt) (supported: " + SUPPORTED + ")"),
])
def test_cli_archive_without_documents_says_so(tmp_path, files, expected):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name in files:
        (raw / name).write_bytes(b"" if name.startswith("empty") else b"\x00\x01 not minutes")
    _one_line(_invoke("extract", str(raw), str(out)), expected.format(raw=raw.resolve()))
    assert not out.exists()


@pytest.mark.parametrize("case", ["existing file", "under a file", "inside RAW", "equal to RAW", "not writable"])
def test_cli_unusable_output_folder_is_exit_2_and_leaves_no_lock(tmp_path, case):
    raw = _archive(tmp_path)
    blocker = tmp_path / "tables.parquet"
    blocker.write_text("not a folder")
    if case == "existing file":
        out, expected = blocker, f"error: the output folder {blocker.resolve()} is an existing file: give a folder"
    elif case == "under a file":
        out = blocker / "out"
        expected = f"error: cannot create the output folder {out.resolve()}: {blocker.resolve()} is a file"
    elif case == "inside RAW":
        out = raw / "processed"
        expected = f"error: the output folder {out} is inside the archive {raw}: choose a folder outside it"
    elif case == "equal to RAW":
        out, expected = raw, f"error: the output folder is the archive folder {raw}: choose a folder outside it"
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes through any permission bits")
        out = tmp_path / "locked"
        out.mkdir(mode=0o500)
        expected = f"error: cannot write to the output folder {out.resolve()}: permission denied on {out.resolve()}"
    _one_line(_invoke("extract", str(raw), str(out)), expected)
    assert not (out / LOCK_NAME).exists() and not (raw / "processed").exists()


@pytest.mark.parametrize("args,expected", [
    (["extract", "{raw}", "{out}", "--wait", "-1"],
     "error: Invalid value for '--wait': Input should be greater than or equal to 0 (see `minutes extract --help`)"),
    (["extract", "{raw}", "{out}", "--workers", "0"],
     "error: Invalid value for '--workers': Input should be greater than or equal to 1 (see `minutes extract --help`)"),
    (["extract", "{raw}", "{out}", "--bogus"], "error: No such option: --bogus (see `minutes extract --help`)"),
    (["show", "{out}"], "error: Missing argument 'DOC' (see `minutes show --help`)"),
    (["extract", "{tmp}/no-such-archive", "{out}"], "error: archive folder not found: {tmp}/no-such-archive"),
    (["status", "{tmp}/no-such-out"],
     "error: output folder not found: {tmp}/no-such-out (run `minutes extract RAW {tmp}/no-such-out` first)"),
    (["show", "{tmp}/no-such-out", "x"],
     "error: output folder not found: {tmp}/no-such-out (run `minutes extract RAW {tmp}/no-such-out` first)"),
    (["list", "{raw}"], "error: output folder holds no pipeline output: {raw} (run `minutes extract RAW {raw}` first)"),
])
def test_cli_bad_option_or_path_is_one_line_and_exit_2(tmp_path, args, expected):
    raw, out, tmp = _archive(tmp_path), tmp_path / "out", tmp_path.resolve()
    fill = {"raw": str(raw), "out": str(out), "tmp": str(tmp)}
    _one_line(_invoke(*[a.format(**fill) for a in args]), expected.format(**fill))
    assert not out.exists()


@pytest.mark.parametrize("case", ["missing --raw"])
def test_cli_status_with_a_missing_archive_is_exit_2(tmp_path, case):
    from pipeline.schema import conform
    from pipeline.store import Store

    out = tmp_path / "out"
    Store(out).write("runs", conform("runs", []))
    _one_line(_invoke("status", str(out), "--raw", str(tmp_path / "gone")),
              f"error: archive folder not found: {tmp_path.resolve() / 'gone'}")


@pytest.mark.parametrize("wait", ["0"])
def test_cli_output_folder_held_by_another_run_is_exit_2(tmp_path, wait):
    raw, out = _archive(tmp_path), tmp_path / "out"
    out.mkdir()
    with filelock.FileLock(str(out / LOCK_NAME)):
        result = _invoke("extract", str(raw), str(out), "--wait", wait)
    _one_line(result, f"error: another run is writing to {out.resolve()}; wait for it to finish "
                      "(or pass --wait SECONDS)")
    assert not (out / "manifest.parquet").exists()


@pytest.mark.parametrize("command", ["extract", "status"])
def test_cli_unexpected_exception_is_one_line_naming_the_log_with_the_traceback(tmp_path, monkeypatch, command):
    import pipeline.runner
    import pipeline.status

    def boom(*args, **kwargs):
        raise RuntimeError("disk controller on fire")

    monkeypatch.setattr(pipeline.runner.Runner, "run", boom)
    monkeypatch.setattr(pipeline.status, "read_status", boom)
    monkeypatch.setenv("MINUTES_LOG_DIR", str(tmp_path / "logs"))
    raw = _archive(tmp_path)
    result = _invoke(*(["extract", str(raw), str(tmp_path / "out")] if command == "extract" else ["status", str(raw)]))
    (log,) = (tmp_path / "logs").iterdir()
    _one_line(result, f"error: unexpected RuntimeError: disk controller on fire; the traceback is in {log} "
                      "(please report it)")
    assert "Traceback (most recent call last)" in log.read_text() and "disk controller on fire" in log.read_text()


@pytest.mark.parametrize("args", [["extract", "{raw}", "{tmp}/file/out", "--json"], ["status", "{tmp}/none", "--json"]])
def test_cli_json_error_is_one_object_on_stdout(tmp_path, args):
    raw = _archive(tmp_path)
    (tmp_path / "file").write_text("x")
    result = _invoke(*[a.format(raw=raw, tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    obj = json.loads(result.stdout)
    assert obj["exit_code"] == 2 and obj["error"] == result.stderr.strip().removeprefix("error: ")


@pytest.mark.parametrize("how", ["CliRunner", "python -m pipeline.cli"])
def test_cli_version(how):
    if how == "CliRunner":
        result = _invoke("--version")
        code, stdout = result.exit_code, result.stdout
    else:
        proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "--version"], capture_output=True, text=True,
                              env=_subprocess_env(), timeout=120)
        code, stdout = proc.returncode, proc.stdout
    assert (code, stdout) == (0, f"minutes-pipeline {__version__}\n")


@pytest.mark.parametrize("command", [[], ["extract"], ["status"], ["show"], ["list"]])
def test_cli_help_documents_the_exit_codes(command):
    result = _invoke(*command, "--help")
    assert result.exit_code == 0
    shown = " ".join(result.output.replace("│", " ").split())
    assert ("Exit codes: 0 everything extracted, or nothing to do; 3 ran, but some documents failed (see the errors "
            "table); 2 could not run (one line on stderr says why).") in shown


@pytest.mark.parametrize("option, named", [("--executor dask", "--executor dask"), ("--scheduler tcp://127.0.0.1:9", "--scheduler")])
def test_cli_missing_optional_dependency_is_exit_2_in_a_real_process(tmp_path, option, named):
    """`distributed` made unimportable in the child process, as on an install without the dask extra."""
    raw, out = _archive(tmp_path), tmp_path / "out"
    code = "import sys; sys.modules['distributed'] = None; from pipeline.cli import app; app()"
    proc = subprocess.run([sys.executable, "-c", code, "extract", str(raw), str(out), *option.split()],
                          capture_output=True, text=True, env=_subprocess_env(), timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == (f"error: {named} needs the Python package 'distributed', which is not installed "
                           "(pip install distributed)\n")
    assert proc.stdout == "" and not out.exists()


@pytest.mark.parametrize("args", [["--wait", "-1"], ["--model", "en_core_web_nonexistent"]])
def test_cli_refusals_are_the_same_from_the_installed_script(tmp_path, args):
    raw, out = _archive(tmp_path), tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(raw), str(out), *args],
                          capture_output=True, text=True, env=_subprocess_env(), timeout=120)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("error: ")
    assert "Traceback" not in proc.stderr + proc.stdout and not out.exists()
