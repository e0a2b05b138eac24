"""The dependencies pyproject.toml declares are the ones the code imports (deptry, configured in [tool.deptry])."""
from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from pipeline.config import PROJECT_ROOT


@pytest.mark.parametrize("root", [PROJECT_ROOT])
def test_cli_dependencies_declared_are_the_ones_imported(root):
    pytest.importorskip("deptry")
    proc = subprocess.run([sys.executable, "-m", "deptry", "."], cwd=root, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name,declared", [("rich", True), ("wordfreq", True), ("defusedxml", False)])
def test_cli_dependencies_runtime_imports_are_declared_directly(name, declared):
    """rich and wordfreq are imported at run time; defusedxml is not, so it is not declared."""
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].strip().lower() for d in project["dependencies"]}
    assert (name in names) == declared
