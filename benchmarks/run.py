"""Speed and memory benchmarks (`make bench`). Prints one JSON report; targets are checked here, not in tests.

- full: extract an archive of N generated minutes (default 1,000) with W workers: documents/s, words/s,
  peak resident memory of the worker processes;
- noop: re-run over the same archive with nothing new: seconds (target: about 1 s for 1,000 documents).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

MINUTES = str(Path(sys.executable).with_name("minutes"))
TARGETS = {"noop_seconds_per_1000_docs": 2.0, "peak_worker_rss_mb": 1500}

TEMPLATE = """{body} Coordination Meeting
Date: {day} {month} {year}
Chair: {chair} ({org})
Participants: UNICEF, WFP, UNHCR, IOM, Save the Children, {org}

1. Situation update
{org}: {n} households reached in {place} this month; distributions continue next week.
2. Next steps
{org} will share the updated 4W matrix with the cluster by {day2} {month}.
Next meeting: {day2} {month} {year}
"""


def make_archive(root: Path, n: int) -> Path:
    bodies = ["Health Cluster", "WASH Sector", "Food Security Cluster", "Protection Sector", "Shelter Cluster"]
    places = ["Sittwe", "Cox's Bazar", "Juba", "Maiduguri", "Gaziantep", "Kandahar", "Goma", "Mopti"]
    orgs = ["Oxfam", "World Vision", "Plan International", "NRC", "IRC", "CARE"]
    months = ["January", "March", "May", "July", "September", "November"]
    for i in range(n):
        folder = root / bodies[i % len(bodies)].replace(" ", "-").lower()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"minutes-{i:05d}.txt").write_text(TEMPLATE.format(
            body=bodies[i % len(bodies)], day=1 + i % 27, day2=2 + i % 26, month=months[i % 6], year=2018 + i % 7,
            chair=f"Person {i}", org=orgs[i % len(orgs)], n=100 + i, place=places[i % len(places)]), encoding="utf-8")
    return root


def timed(args: list[str]) -> tuple[float, int]:
    t0 = time.monotonic()
    rc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.monotonic() - t0, rc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, help="also write the report here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = make_archive(Path(tmp) / "raw", args.docs), Path(tmp) / "out"
        full_s, rc = timed([MINUTES, "extract", str(raw), str(out), "--quiet", "--workers", str(args.workers)])
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        noop_s, rc2 = timed([MINUTES, "extract", str(raw), str(out), "--quiet"])
        words = pd.read_parquet(out / "documents.parquet")["text"].str.split().str.len().sum()
    report = {
        "docs": args.docs, "workers": args.workers, "exit_codes": [rc, rc2],
        "full_seconds": round(full_s, 2), "docs_per_second": round(args.docs / full_s, 2),
        "words_per_second": round(words / full_s, 1), "peak_worker_rss_mb": round(peak_mb, 1),
        "noop_seconds": round(noop_s, 3), "noop_seconds_per_1000_docs": round(noop_s * 1000 / args.docs, 3),
    }
    report["targets_met"] = {k: report[k] <= v for k, v in TARGETS.items()}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if all(report["targets_met"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
