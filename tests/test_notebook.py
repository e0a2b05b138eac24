"""notebooks/explore.ipynb: executed over a fresh extraction of data/raw, so it never rots; committed with outputs."""
from __future__ import annotations

import os

import nbformat
import pytest

from pipeline.config import PROJECT_ROOT
from tests.analyst_archive import sample_out  # noqa: F401  (a fixture)

NOTEBOOK = PROJECT_ROOT / "notebooks" / "explore.ipynb"
SECTIONS = ["Most active organisations over time", "Places mentioned per month", "Open and overdue actions by owner"]


def _outputs(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _text(nb) -> str:
    parts = []
    for o in _outputs(nb):
        parts.append(o.get("text", "") if o["output_type"] == "stream" else o.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("section", SECTIONS)
def test_notebook_is_committed_with_outputs(section):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert any(c.cell_type == "markdown" and f"## {section}" in c.source for c in nb.cells)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code) and all(c.outputs for c in code)
    assert not [o for o in _outputs(nb) if o["output_type"] == "error"]


@pytest.mark.slow
def test_notebook_runs_over_the_sample_archive(sample_out, monkeypatch):
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    monkeypatch.setenv("MINUTES_OUT", str(sample_out))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]))
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = _outputs(nb)
    assert not [o for o in outputs if o["output_type"] == "error"]
    charts = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(charts) == 3  # organisations by month, places per month, open actions by owner
    text = _text(nb)
    assert "meetings from" in text and "open (" in text and "overdue" in text
    assert "WFP" in text and "UNICEF" in text  # the sample archive's most active organisations
