"""Where the wall time of one `minutes extract` run goes: a timeline taken from inside the run.

    python -m benchmarks.timeline RAW OUT --workers 2 [--json FILE]

Runs what `minutes extract RAW OUT --quiet` runs (the early fork server, the runner, the local pool), with clocks
around it: every document's start and end inside its worker (worker pid, wall and CPU seconds), when each outcome
reaches the runner, each commit and the archive-wide step, and the main process's own CPU at each of those points.
It prints one JSON object: the time before the first document starts, each worker's busy and idle time, the tail
after the last document ends, and the main process's CPU before, during and after the documents. The clock is
CLOCK_MONOTONIC, which every process of the machine shares. OUT must be a new folder (a first extraction).
"""
from __future__ import annotations

import time

T_START = time.monotonic()  # before any pipeline import, as near the process start as a module can get

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

EVENTS: list[tuple[str, float, float]] = []  # (what, monotonic, this process's CPU seconds)
GC = {"collections": 0, "seconds": 0.0, "started": 0.0}  # this process's garbage collections
FULL_GC: list[tuple[float, float]] = []  # (monotonic start, seconds) of each collection of the oldest generation


def _on_gc(phase: str, info: dict) -> None:
    if phase == "start":
        GC["started"] = time.perf_counter()
        GC["started_mono"] = time.monotonic()
    else:
        GC["collections"] += 1
        GC["seconds"] += time.perf_counter() - GC["started"]
        if info.get("generation") == 2:
            FULL_GC.append((GC["started_mono"], time.perf_counter() - GC["started"]))


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def mark(what: str) -> None:
    EVENTS.append((what, time.monotonic(), _cpu()))


def timed_extract(source, settings, user_gazetteer_dir):
    """extract_document inside a worker, with the worker's pid and its clocks around the document."""
    import os

    from pipeline.extract import extract_document

    t0, c0 = time.monotonic(), time.process_time()
    outcome = extract_document(source, settings, user_gazetteer_dir)
    return outcome, {"pid": os.getpid(), "start": t0, "end": time.monotonic(), "cpu": time.process_time() - c0,
                     "path": source.source_path, "bytes": len(source.data)}


def _wrap(obj, name: str, label: str) -> None:
    fn = getattr(obj, name)

    def wrapped(*args, **kwargs):
        mark(f"{label}:start")
        try:
            return fn(*args, **kwargs)
        finally:
            mark(f"{label}:end")

    setattr(obj, name, wrapped)


def run(raw: Path, out: Path, workers: int) -> dict:
    import gc

    gc.callbacks.append(_on_gc)
    mark("main:start")
    from pipeline import executors
    from pipeline.config import load_settings

    settings = load_settings(workers=workers)
    executors.start_early_for(raw, out, settings)
    mark("fork_server:asked")
    from pipeline.runner import Runner

    docs: list[dict] = []
    executors.extract_document = timed_extract  # what run_local schedules: pickled by name, so workers import it

    def executor(sources, settings, gazetteer_dir):
        for item in executors.run_local(sources, settings, gazetteer_dir):
            if isinstance(item, tuple):  # failures built in the parent (timeouts, crashes) come back bare
                item, info = item
                docs.append({**info, "received": time.monotonic()})
            yield item
            mark("outcome")

    _wrap(Runner, "_commit", "commit")
    _wrap(Runner, "_archive_tables", "archive")
    from pipeline.store import Store
    _wrap(Store, "write_all", "write")
    try:
        summary = Runner(raw, out, settings, executor=executor).run()
    finally:
        executors.discard_early()
    mark("main:end")
    return report(docs, summary)


def report(docs: list[dict], summary) -> dict:
    ev = {}
    for what, t, c in EVENTS:
        ev.setdefault(what, []).append((t, c))
    t_main, c_main = ev["main:start"][0]
    t_end, c_end = ev["main:end"][-1]
    first = min(d["start"] for d in docs)
    last = max(d["end"] for d in docs)
    outcomes = ev.get("outcome", [])
    c_first_back = min((c for _, c in outcomes), default=c_end)
    c_last_back = max((c for _, c in outcomes), default=c_end)
    workers = {}
    for d in docs:
        w = workers.setdefault(d["pid"], {"docs": 0, "busy_s": 0.0, "cpu_s": 0.0, "first": d["start"], "last": d["end"],
                                          "first_doc_cpu_s": d["cpu"]})
        if d["start"] < w["first"]:
            w["first_doc_cpu_s"] = d["cpu"]
        w["docs"] += 1
        w["busy_s"] += d["end"] - d["start"]
        w["cpu_s"] += d["cpu"]
        w["first"], w["last"] = min(w["first"], d["start"]), max(w["last"], d["end"])
    span = last - first
    per_worker = [{"pid": pid, "docs": w["docs"], "busy_s": round(w["busy_s"], 2), "cpu_s": round(w["cpu_s"], 2),
                   "first_doc_cpu_s": round(w["first_doc_cpu_s"], 2), "starts_after_s": round(w["first"] - first, 2), "ends_before_s": round(last - w["last"], 2),
                   "idle_in_span": round(1 - w["busy_s"] / span, 3) if span else 0.0}
                  for pid, w in sorted(workers.items())]

    def total(label: str) -> tuple[float, float]:
        starts, ends = ev.get(f"{label}:start", []), ev.get(f"{label}:end", [])
        return (round(sum(e[0] - s[0] for s, e in zip(starts, ends)), 3),
                round(sum(e[1] - s[1] for s, e in zip(starts, ends)), 3))

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "docs": len(docs), "wall_s": round(t_end - T_START, 2), "run_s": summary.seconds,
        "to_first_doc_s": round(first - T_START, 2), "docs_span_s": round(span, 2),
        "after_last_doc_s": round(t_end - last, 2),
        "last_doc_back_after_s": round(max(d["received"] for d in docs) - last, 3),
        "main_cpu_s": {"before_first_outcome": round(c_first_back, 2),
                       "while_documents": round(c_last_back - c_first_back, 2),
                       "after_last_outcome": round(c_end - c_last_back, 2), "total": round(c_end, 2),
                       "imports_to_main_start": round(c_main, 2)},
        "main_gc": {"collections": GC["collections"], "seconds": round(GC["seconds"], 2),
                    "full": len(FULL_GC), "full_s": round(sum(s for _, s in FULL_GC), 2),
                    "full_after_last_doc_s": round(sum(s for t, s in FULL_GC if t > last), 3)},
        "commits": len(ev.get("commit:start", [])), "commit_wall_cpu_s": total("commit"),
        "archive_wall_cpu_s": total("archive"), "write_wall_cpu_s": total("write"),
        "children_cpu_s": round(children.ru_utime + children.ru_stime, 2),
        "doc_cpu_s": round(sum(d["cpu"] for d in docs), 2), "workers": per_worker,
        "longest_docs_s": sorted((round(d["end"] - d["start"], 2) for d in docs), reverse=True)[:3],
        "last_docs": [{"path": d["path"], "bytes": d["bytes"], "s": round(d["end"] - d["start"], 2),
                       "cpu_s": round(d["cpu"], 2), "ends_before_s": round(last - d["end"], 2)}
                      for d in sorted(docs, key=lambda d: d["end"])[-4:]],
        "slowest_docs": [{"path": d["path"], "bytes": d["bytes"], "cpu_s": round(d["cpu"], 2)}
                         for d in sorted(docs, key=lambda d: -d["cpu"])[:4]],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("raw", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, help="also write the report here")
    args = ap.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        raise SystemExit(f"{args.out} is not empty: the timeline measures a first extraction")
    line = json.dumps(run(args.raw, args.out, args.workers))
    if args.json:
        args.json.write_text(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
