"""What an output folder holds: processed, failed and stale files, for `minutes status`.

Files are counted the way they are listed: a file is failing when it was not extracted (the manifest says
failed, or the scan refused it); a document extracted with a later stage's errors row has warnings; a file
of a format the pipeline does not read is skipped. Each list's length is its count.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.config import Settings, fingerprint_of, fingerprint_parts
from pipeline.extract import model_version
from pipeline.runner import plan, scan
from pipeline.store import SUMMARY_NAME, Store

# What each fingerprint part is called when it changed since the last run.
PART_NAMES = {"version": "pipeline version", "code": "pipeline code", "model": "spaCy model",
              "settings": "settings", "data": "gazetteer or model files"}
ERROR_COLUMNS = ["source_path", "stage", "error_type", "message"]


@dataclass
class Status:
    out: str
    raw_root: str | None
    last_run: dict | None
    n_documents: int
    n_duplicates: int
    failing: list[dict] = field(default_factory=list)  # errors rows of files that were not extracted
    warnings: list[dict] = field(default_factory=list)  # errors rows of documents extracted in part
    skipped: list[dict] = field(default_factory=list)  # files of formats the pipeline does not read
    stale_new_or_changed: list[str] = field(default_factory=list)
    stale_removed: list[str] = field(default_factory=list)
    redo_reasons: list[str] = field(default_factory=list)  # why the next run redoes every file; [] if it does not
    archive_problem: str | None = None  # why stale files could not be listed

    @property
    def n_failing(self) -> int:
        return len({r["source_path"] for r in self.failing})

    @property
    def n_with_warnings(self) -> int:
        return len({r["source_path"] for r in self.warnings})

    def as_json(self) -> dict:
        return {**asdict(self), "n_failing": self.n_failing, "n_with_warnings": self.n_with_warnings,
                "n_skipped": len(self.skipped), "n_stale": len(self.stale_new_or_changed) + len(self.stale_removed)}


def classify_errors(errors: pd.DataFrame, manifest: pd.DataFrame) -> tuple[list[dict], list[dict], list[dict]]:
    """The errors rows as (failing, warnings, skipped), by whether their file was extracted."""
    failed_paths = set(manifest.loc[manifest["status"] == "failed", "source_path"])
    rows = errors[ERROR_COLUMNS].astype(object).where(errors[ERROR_COLUMNS].notna(), None).to_dict("records")
    failing, warnings, skipped = [], [], []
    for r in rows:
        if r["error_type"] == "unsupported_format":
            skipped.append(r)
        elif r["stage"] == "scan" or r["source_path"] in failed_paths:
            failing.append(r)
        else:
            warnings.append(r)
    return failing, warnings, skipped


def read_status(out: Path, settings: Settings, raw_root: Path | None = None) -> Status:
    """Compare the output folder with its archive (the last run's, unless raw_root is given)."""
    out = Path(out).expanduser().resolve()
    if raw_root is not None:
        raw_root = Path(raw_root).expanduser().resolve()
        if not raw_root.is_dir():
            raise FileNotFoundError(f"archive folder {'is a file' if raw_root.exists() else 'not found'}: {raw_root}")
    store = Store(out)
    if not store.exists("runs"):
        what = "not found" if not out.exists() else "holds no pipeline output"
        raise FileNotFoundError(f"output folder {what}: {out} (run `minutes extract RAW {out}` first)")
    runs = store.read_df("runs")
    last = runs.sort_values("started_at").iloc[-1].to_dict() if len(runs) else None
    manifest = store.read_df("manifest")
    failing, warnings, skipped = classify_errors(store.read_df("errors"), manifest)
    st = Status(str(out), None, last, store.read("documents", columns=["doc_id"]).num_rows, int((manifest["status"] == "duplicate").sum()),
                failing, warnings, skipped)
    root = raw_root or (Path(last["raw_root"]) if last else None)
    if root is None:
        st.archive_problem = "no run recorded: pass --raw RAW to see what is stale"
    elif not root.is_absolute():
        st.archive_problem = (f"the last run stored its archive as a relative path ({root}): "
                              "pass --raw RAW to see what is stale")
    elif not root.is_dir():
        st.archive_problem = f"the last run's archive {root} is not there: pass --raw RAW to see what is stale"
    else:
        st.raw_root = str(root)
        parts = fingerprint_parts(settings, model_version(settings), root)
        fp = fingerprint_of(parts)
        if last and last["fingerprint"] != fp:
            st.redo_reasons = _changed_parts(store, last, parts)
        entries, scan_errors = scan(root)
        p = plan(entries, store.read("manifest"), fp, settings, False, scan_errors)
        st.stale_new_or_changed = [t.entry.source_path for t in p.todo]
        st.stale_removed = p.removed
    return st


def _changed_parts(store: Store, last: dict, parts: dict[str, str]) -> list[str]:
    """Which parts of the fingerprint changed since the last run, named for a user."""
    try:
        summary = json.loads((store.root / SUMMARY_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        summary = {}
    before = summary.get("fingerprint_parts") if summary.get("run_id") == last["run_id"] else None
    if not isinstance(before, dict):  # written by a pipeline that did not record the parts
        return ["pipeline version or code, spaCy model, settings or gazetteer files"]
    reasons = []
    for key, name in PART_NAMES.items():
        if before.get(key) != parts[key]:
            shown = f" ({before.get(key)} -> {parts[key]})" if key in ("version", "model") else ""
            reasons.append(name + shown)
    return reasons or ["pipeline fingerprint"]


def failures_of_run(out: Path, run_id: str) -> list[dict]:
    """The errors rows a run wrote for the files it could not extract (what its summary names as failed)."""
    store = Store(out)
    errors = store.read_df("errors")
    failing, _, _ = classify_errors(errors[errors["run_id"] == run_id], store.read_df("manifest"))
    return failing
