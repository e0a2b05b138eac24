"""Legacy and open formats (.doc, .odt, .rtf) -> .docx bytes through LibreOffice, then the docx reader.

The one place in a stage that touches disk: soffice only converts files. It runs in a private temporary
directory with its own throwaway profile (-env:UserInstallation), so parallel workers never share or lock a
profile, under a timeout, in its own process group so a hung converter is killed with all its children.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pipeline.config import Settings
from pipeline.model import StageError

MAX_CONVERT_S = 120.0


def convert_to_docx(data: bytes, fmt: str, settings: Settings) -> bytes:
    exe = shutil.which(settings.soffice)
    if exe is None:
        raise StageError("converter_missing", f"reading .{fmt} files needs LibreOffice, and '{settings.soffice}' is "
                         "not on PATH; install LibreOffice (apt-get install libreoffice-writer-nogui) to read "
                         ".doc/.odt/.rtf, or save the file as .docx")
    with tempfile.TemporaryDirectory(prefix="minutes-soffice-") as tmp:
        tmp_path = Path(tmp)
        source = tmp_path / f"input.{fmt}"
        source.write_bytes(data)
        outdir = tmp_path / "out"
        cmd = [exe, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "docx", "--outdir", str(outdir), str(source)]
        _run(cmd, min(settings.doc_timeout_s, MAX_CONVERT_S), fmt)
        result = outdir / "input.docx"
        if not result.is_file():
            raise StageError("conversion_failed", f"LibreOffice could not convert this .{fmt} file (damaged, "
                             "password-protected or not really that format); open it and save it as .docx")
        return result.read_bytes()


def _run(cmd: list[str], timeout: float, fmt: str) -> None:
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, "HOME": str(Path(cmd[-1]).parent)})
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        raise StageError("conversion_failed", f"LibreOffice took longer than {timeout:.0f}s to convert this .{fmt} "
                         "file; save it as .docx instead") from None
