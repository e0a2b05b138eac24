"""What an output folder holds: processed, failed and stale files, for `minutes status`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Settings, fingerprint
from pipeline.extract import model_version
from pipeline.runner import plan, scan
from pipeline.store import Store


@dataclass
class Status:
    out: str
    raw_root: str | None
    last_run: dict | None
    n_documents: int
    n_ok: int
    n_failed: int
    n_duplicates: int
    failures: list[dict] = field(default_factory=list)  # source_path, stage, error_type, message
    stale_new_or_changed: list[str] = field(default_factory=list)
    stale_removed: list[str] = field(default_factory=list)
    settings_changed: bool = False


def read_status(out: Path, settings: Settings, raw_root: Path | None = None) -> Status:
    """Compare the output folder with its archive (the last run's, unless raw_root is given)."""
    store = Store(out)
    if not store.exists("runs"):
        raise FileNotFoundError(f"no pipeline output in {out} (run `minutes extract RAW {out}` first)")
    runs = store.read_df("runs")
    last = runs.sort_values("started_at").iloc[-1].to_dict() if len(runs) else None
    manifest = store.read("manifest")
    statuses = manifest.column("status").to_pylist()
    errors = store.read_df("errors")
    st = Status(str(out), None, last, store.read("documents").num_rows, statuses.count("ok"),
                statuses.count("failed"), statuses.count("duplicate"),
                errors[["source_path", "stage", "error_type", "message"]].to_dict("records"))
    root = raw_root or (Path(last["raw_root"]) if last else None)
    if root is not None and root.is_dir():
        st.raw_root = str(root)
        fp = fingerprint(settings, model_version(settings), root)
        st.settings_changed = bool(last) and last["fingerprint"] != fp
        entries, scan_errors = scan(root)
        p = plan(entries, manifest, fp, settings, False, scan_errors)
        st.stale_new_or_changed = [t.entry.source_path for t in p.todo]
        st.stale_removed = p.removed
    return st
