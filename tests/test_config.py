"""The pipeline fingerprint: what it is made of, and that changing the code changes it."""
from __future__ import annotations

import pytest

import pipeline.config
from pipeline.config import PACKAGE_DIR, Settings, code_files, fingerprint, fingerprint_parts


def test_config_code_files_are_the_package_but_its_presentation_modules():
    names = {p.relative_to(PACKAGE_DIR).as_posix() for p in code_files()}
    assert {"runner.py", "extract.py", "schema.py", "segment/__init__.py", "ingest/pdf.py"} <= names
    assert not names & {"cli.py", "status.py", "terminal.py", "report.py"}
    assert not any("__pycache__" in n for n in names)


@pytest.mark.parametrize("edited,changes", [("segment/rules.py", True), ("cli.py", False), ("__pycache__/x.pyc", False)])
def test_config_fingerprint_changes_with_the_code(tmp_path, monkeypatch, edited, changes):
    package = tmp_path / "pipeline"
    for rel in ("segment/rules.py", "cli.py", "__pycache__/x.pyc"):
        (package / rel).parent.mkdir(parents=True, exist_ok=True)
        (package / rel).write_text("VERSION_OF_THE_RULES = 1\n")
    monkeypatch.setattr(pipeline.config, "PACKAGE_DIR", package)
    before = fingerprint(Settings(), "3.8.0")
    (package / edited).write_text("VERSION_OF_THE_RULES = 2\n")
    assert (fingerprint(Settings(), "3.8.0") != before) == changes


@pytest.mark.parametrize("part,change", [("model", {"model_version": "3.9.0"}), ("settings", {"threshold": 0.7})])
def test_config_fingerprint_parts_name_what_changed(part, change):
    before = fingerprint_parts(Settings(), "3.8.0")
    settings = Settings(action_threshold=change.get("threshold", 0.5))
    after = fingerprint_parts(settings, change.get("model_version", "3.8.0"))
    assert [k for k in before if before[k] != after[k]] == [part]
