"""Scanning and planning: what a run would (re)do, without running the stages."""
from __future__ import annotations

import os

import pytest

from pipeline.config import Settings
from pipeline.runner import content_id, plan, scan
from pipeline.schema import conform


def _archive(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub dir").mkdir(parents=True)
    (raw / "a.txt").write_text("Minutes A", encoding="utf-8")
    (raw / "sub dir" / "b [draft] – é.md").write_text("# Minutes B", encoding="utf-8")
    (raw / "image.png").write_bytes(b"\x89PNG")
    (raw / ".hidden.txt").write_text("skip me")
    return raw


def test_runner_scan_lists_documents_and_reports_unsupported(tmp_path):
    entries, errors = scan(_archive(tmp_path))
    assert [e.source_path for e in entries] == ["a.txt", "sub dir/b [draft] – é.md"]
    assert [(e["source_path"], e["error_type"]) for e in errors] == [("image.png", "unsupported_format")]


@pytest.mark.parametrize("target", ["loop", "outside"])
def test_runner_scan_reports_bad_symlinks(tmp_path, target):
    raw = _archive(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2")
    if target == "loop":
        os.symlink(raw / "loop2.txt", raw / "loop1.txt")
        os.symlink(raw / "loop1.txt", raw / "loop2.txt")
        os.symlink(raw, raw / "sub dir" / "again")  # a folder loop is not followed at all
    else:
        os.symlink(secret, raw / "link.txt")
    entries, errors = scan(raw)
    kinds = {e["error_type"] for e in errors}
    assert (kinds >= {"symlink_loop"}) if target == "loop" else ("symlink_outside_archive" in kinds)
    assert all("hunter2" not in e["message"] for e in errors)
    assert len(entries) == 2


def _manifest_for(entries, fp):
    return conform("manifest", [{"source_path": e.source_path, "doc_id": content_id(e.path.read_bytes()),
                                 "size_bytes": e.size, "mtime_ns": e.mtime_ns, "fingerprint": fp, "status": "ok",
                                 "extracted_doc_id": content_id(e.path.read_bytes())} for e in entries])


@pytest.mark.parametrize("change", ["none", "add", "edit", "touch", "remove", "settings", "force", "duplicate"])
def test_runner_plan_redoes_only_what_changed(tmp_path, change):
    raw = _archive(tmp_path)
    entries, errs = scan(raw)
    manifest = _manifest_for(entries, "fp1")
    fp, force = "fp1", False
    if change == "add":
        (raw / "c.txt").write_text("Minutes C")
    elif change == "edit":
        (raw / "a.txt").write_text("Minutes A, corrected")
    elif change == "touch":
        os.utime(raw / "a.txt", ns=(1, 1))
    elif change == "remove":
        (raw / "a.txt").unlink()
    elif change == "settings":
        fp = "fp2"
    elif change == "force":
        force = True
    elif change == "duplicate":
        (raw / "copy of a.txt").write_bytes((raw / "a.txt").read_bytes())
    entries, errs = scan(raw)
    p = plan(entries, manifest, fp, Settings(), force, errs)
    todo = sorted(t.entry.source_path for t in p.todo)
    expected = {
        "none": [], "add": ["c.txt"], "edit": ["a.txt"], "touch": [], "remove": [],
        "settings": ["a.txt", "sub dir/b [draft] – é.md"], "force": ["a.txt", "sub dir/b [draft] – é.md"],
        "duplicate": [],
    }[change]
    assert todo == expected
    assert p.removed == (["a.txt"] if change == "remove" else [])
    assert list(p.touched) == (["a.txt"] if change == "touch" else [])
    assert list(p.duplicates) == (["copy of a.txt"] if change == "duplicate" else [])


def test_runner_plan_refuses_files_over_the_size_limit(tmp_path):
    raw = _archive(tmp_path)
    (raw / "big.txt").write_bytes(b"x" * 2000)
    entries, errs = scan(raw)
    p = plan(entries, conform("manifest", []), "fp", Settings(max_file_bytes=1000), False, errs)
    assert "big.txt" not in [t.entry.source_path for t in p.todo]
    assert any(e["source_path"] == "big.txt" and e["error_type"] == "too_large" for e in p.errors)


def test_runner_scan_reports_every_empty_file(tmp_path):
    """Empty files share one content hash; each still gets its own errors row rather than being a duplicate."""
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.docx").write_bytes(b"")
    (tmp_path / "c.txt").write_text("Minutes of the board, 3 May 2021", encoding="utf-8")
    entries, errors = scan(tmp_path)
    assert [e.source_path for e in entries] == ["c.txt"]
    assert sorted((e["source_path"], e["error_type"]) for e in errors) == [("a.txt", "empty_file"),
                                                                           ("sub/b.docx", "empty_file")]


@pytest.mark.parametrize("sizes", [{"a.txt": 10, "b.txt": 300, "c.txt": 20, "d.txt": 300}])
def test_runner_longest_first_hands_out_large_files_first(tmp_path, sizes):
    from pipeline.runner import Planned, longest_first

    raw = tmp_path / "raw"
    raw.mkdir()
    for name, size in sizes.items():
        (raw / name).write_text(name[0] * size)
    entries, _ = scan(raw)
    todo = [Planned(e, content_id(e.path.read_bytes())) for e in entries]
    assert [t.entry.source_path for t in longest_first(todo)] == ["b.txt", "d.txt", "c.txt", "a.txt"]


@pytest.mark.parametrize("threshold", [700])
def test_runner_sparse_gc_restores_the_thresholds(threshold):
    import gc

    from pipeline.runner import BUILD_GC_THRESHOLD, _sparse_gc

    before = gc.get_threshold()
    gc.set_threshold(threshold, *before[1:])
    try:
        seen = _sparse_gc(lambda: gc.get_threshold()[0])
        assert seen == BUILD_GC_THRESHOLD and gc.get_threshold()[0] == threshold
    finally:
        gc.set_threshold(*before)


def _header_rows(doc_ids: list[str], fields=("title", "chair", "meeting_date")) -> list[dict]:
    return [{"doc_id": d, "field": f, "value": f"{f} of {d}", "start_char": 10 * k, "end_char": 10 * k + 5}
            for d in doc_ids for k, f in enumerate(fields)]


@pytest.mark.parametrize("old_ids, new_ids", [
    (["b2", "d4", "f6"], ["a1"]),              # before every stored document
    (["b2", "d4", "f6"], ["c3"]),              # between two
    (["b2", "d4", "f6"], ["g7", "e5", "a1"]),  # several, handed in out of order
    (["b2", "d4", "f6"], ["d4"]),              # a doc_id the table already holds: sorted as a whole
    ([], ["c3"]),
])
def test_runner_inserted_rows_match_a_full_sort(old_ids, new_ids):
    """A few documents' rows put in place in a stored, sorted table give the table a full sort gives."""
    import pyarrow as pa

    from pipeline.runner import _inserted, _sorted

    old = conform("header_fields", _header_rows(old_ids))
    new = [conform("header_fields", _header_rows([d], fields=("location", "chair"))) for d in new_ids]
    got = _inserted("header_fields", old, new)
    want = _sorted("header_fields", pa.concat_tables([old, *new]))
    assert got.to_pylist() == want.to_pylist()
    assert got.schema == want.schema
    assert [r["doc_id"] for r in got.to_pylist()] == sorted(r["doc_id"] for r in want.to_pylist())


def test_runner_archive_ready_compiles_the_action_patterns():
    """The background step that builds the gazetteer catalog while the model loads also compiles the action patterns
    the links need, so the archive step after the last document does not."""
    from pipeline.actions.patterns import default_patterns
    from pipeline.runner import _archive_ready

    default_patterns.cache_clear()
    assert _archive_ready(lambda folder: {"folder": folder}, "gaz") == {"folder": "gaz"}
    assert default_patterns.cache_info().currsize == 1


@pytest.mark.parametrize("threshold", [700])
def test_runner_sparse_gc_overlapping_threads_restore_once(threshold):
    """The catalog thread and a commit overlap: the thresholds stay sparse until the last one leaves, then are the
    ones from before the first came in (not the sparse ones the second found)."""
    import gc
    import threading

    from pipeline.runner import BUILD_GC_THRESHOLD, _sparse_gc

    before = gc.get_threshold()
    gc.set_threshold(threshold, *before[1:])
    inside, leave = threading.Event(), threading.Event()

    def background():
        inside.set()
        leave.wait(10)

    worker = threading.Thread(target=_sparse_gc, args=(background,))

    def commit():  # comes in after the background thread and leaves after it
        leave.set()
        worker.join(10)
        return gc.get_threshold()[0]

    try:
        worker.start()
        assert inside.wait(10)
        assert _sparse_gc(commit) == BUILD_GC_THRESHOLD
        assert gc.get_threshold()[0] == threshold
    finally:
        leave.set()
        gc.set_threshold(*before)
