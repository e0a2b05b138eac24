"""The add-one measurement of benchmarks/run.py at a chosen size, with CPU split between the runner and its workers.

    PYTHONPATH=$PWD python -m benchmarks.add_one --series 100 --others 100 --reps 3 [--work DIR]

Builds what run.py's third step builds (one long series of 2 x --series meetings plus --others documents of other
series), extracts it once with --workers 2, then --reps times: restores that extraction, adds the series' next
meeting and extracts again (add), and extracts that meeting alone into a new folder (own). Each run is a fresh
`minutes extract` process; every line printed is one JSON object with wall seconds, CPU seconds of the run and
its reaped workers (cpu), and of the runner process alone (main_cpu). On a shared machine compare CPU seconds and
repeat: the wall time of one run moved by several seconds between repetitions of the same code.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.generate import write_archive, write_series  # noqa: E402
from benchmarks.run import SERIES  # noqa: E402

# Runs the CLI in a child process and prints that process's own CPU seconds (user + sys) as it exits.
_WRAP = ("import atexit, json, resource, sys\n"
         "def _own():\n"
         "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
         "    print('MAIN_CPU', json.dumps(u.ru_utime + u.ru_stime), file=sys.stderr)\n"
         "atexit.register(_own)\n"
         "from pipeline.cli import app\n"
         "sys.argv = ['minutes', *sys.argv[1:]]\n"
         "app()\n")


def run_extract(raw: Path, out: Path) -> dict:
    """One `minutes extract RAW OUT --quiet --workers 2` of this checkout: wall, cpu (workers included), main_cpu."""
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _WRAP, "extract", str(raw), str(out), "--quiet", "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    main = [float(line.split(" ", 1)[1]) for line in err.splitlines() if line.startswith("MAIN_CPU ")]
    return {"wall": round(time.monotonic() - t0, 2), "cpu": round(usage.ru_utime + usage.ru_stime, 2),
            "main_cpu": round(main[-1], 2) if main else None, "rc": os.waitstatus_to_exitcode(status)}


def build(work: Path, n_series: int, n_others: int) -> tuple[Path, Path]:
    """The archive and the next meeting of its long series (written alone under work/alone)."""
    raw = work / "raw"
    write_series(raw, SERIES, 2 * n_series, seed=7)
    if n_others:
        write_archive(raw, n_others, seed=11, series_len=100)
    write_series(work / "extra", SERIES, 2 * n_series + 1, seed=7)
    newest = sorted((work / "extra" / SERIES.lower().replace(" ", "-")).iterdir())[-1]
    alone = work / "alone" / newest.parent.name
    alone.mkdir(parents=True)
    shutil.copy2(newest, alone / newest.name)
    return raw, alone / newest.name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--series", type=int, default=100, help="half the long series' meetings (run.py: 200)")
    ap.add_argument("--others", type=int, default=100, help="documents of other series (run.py: 600)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--work", type=Path, required=True, help="a new folder for the archive and the extractions")
    args = ap.parse_args()
    work = args.work
    work.mkdir(parents=True)
    raw, new = build(work, args.series, args.others)
    first = run_extract(raw, work / "out-built")
    print(json.dumps({"built": first, "documents": sum(1 for p in raw.rglob("*") if p.is_file())}), flush=True)
    dest = raw / new.parent.name / new.name
    for rep in range(args.reps):
        out = work / "out-add"
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(work / "out-built", out)
        shutil.copy2(new, dest)
        try:
            add = run_extract(raw, out)
        finally:
            dest.unlink()
        shutil.rmtree(work / "out-own", ignore_errors=True)
        own = run_extract(new.parent.parent, work / "out-own")
        print(json.dumps({"rep": rep, "add": add, "own": own, "overhead_wall": round(add["wall"] - own["wall"], 2),
                          "overhead_cpu": round(add["cpu"] - own["cpu"], 2)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
