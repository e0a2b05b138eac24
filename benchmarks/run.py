"""Speed, scaling and memory benchmarks (`make bench`). The last line printed is one JSON object.

Archives are generated (benchmarks/generate.py: docx, pdf and txt minutes of long weekly series, varied layouts
and lengths, action tables restated with their status in later meetings), then `minutes extract` runs on them as
a user would, each run a fresh process:

- speedup_vs_stock: words/s of `--workers 2` on docx against the stock pipeline (benchmarks/stock.py: python-docx
  text, the full spaCy model, Parquet of the entities) on the same files, timed in the same run;
  cpu_speedup_vs_stock: words per CPU second (user + sys, workers included) of `--workers 1` against the stock
  pipeline's, the figure a busy shared machine moves least;
- workers_speedup: the same docx archive, `--workers 2` against `--workers 1`;
- series_scaling: wall time of one 400-meeting series against a 200-meeting one; links_per_action on the 400;
- noop_rerun_s: 1,000 documents, nothing changed; add_one_s: one meeting added to that archive, with
  add_one_own_cost_s the same document extracted alone (add_one_overhead_s is the difference);
- rss_ratio_1000_vs_100: peak resident memory of any process of the 1,000-document run against a 100-document run.

BENCH_SCALE (default 1) multiplies every archive size, e.g. `BENCH_SCALE=0.1 make bench` for a quick look;
the targets are for the full size.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.generate import write_archive, write_series  # noqa: E402

MINUTES = str(Path(sys.executable).with_name("minutes"))
STOCK = str(Path(__file__).with_name("stock.py"))
TARGETS = {"speedup_vs_stock": (">=", 1.8), "workers_speedup": (">=", 1.7), "series_scaling": ("<=", 2.2),
           "links_per_action": ("<=", 3.0), "noop_rerun_s": ("<=", 2.0), "add_one_overhead_s": ("<=", 3.0),
           "rss_ratio_1000_vs_100": ("<=", 1.2)}
SERIES = "Highland Logistics Cluster"  # a name write_archive does not use at these sizes


CPU: dict[str, float] = {}  # the last timed() command's CPU seconds (user + sys, its workers included)


def timed(args: list[str]) -> tuple[float, int, int, str]:
    """Wall seconds, exit code, peak RSS in MB of the process and everything it waited for, and its stdout.

    CPU["last"] holds the command's CPU seconds, its reaped children (the workers) included: on a shared machine
    wall times move with the other load, CPU time much less."""
    t0 = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    CPU["last"] = usage.ru_utime + usage.ru_stime  # its workers too, once it has waited for them
    return time.monotonic() - t0, proc.returncode, usage.ru_maxrss // 1024, out


def extract(raw: Path, out: Path, workers: int) -> tuple[float, int, int]:
    s, rc, rss, _ = timed([MINUTES, "extract", str(raw), str(out), "--quiet", "--workers", str(workers)])
    if rc not in (0, 3):
        raise SystemExit(f"minutes extract {raw} failed with exit code {rc}")
    return s, rc, rss


def words(out: Path) -> int:
    return int(pd.read_parquet(out / "documents.parquet", columns=["text"])["text"].str.split().str.len().sum())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    ap.add_argument("--json", type=Path, help="also write the report here")
    args = ap.parse_args()
    f = args.scale

    def n(full: int, least: int) -> int:
        return max(least, round(full * f))

    n_speed, n_series, n_big, n_small = n(60, 6), n(200, 10), n(1000, 30), n(100, 6)
    report: dict = {"scale": f}
    with tempfile.TemporaryDirectory(prefix="minutes-bench-") as tmp_:
        tmp = Path(tmp_)
        t0 = time.monotonic()
        # 1. words/s on docx against the stock pipeline, and --workers 2 against 1
        speed = tmp / "speed"
        write_archive(speed, n_speed, seed=1, series_len=20, words=(1400, 1800), formats=("docx",))
        stock_s, rc, _, out = timed([sys.executable, STOCK, str(speed), str(tmp / "stock.parquet")])
        if rc:
            raise SystemExit("the stock pipeline failed")
        stock_words = int(out.strip().splitlines()[-1])
        stock_cpu = CPU["last"]
        w1_s, _, _ = extract(speed, tmp / "speed-w1", 1)
        w1_cpu = CPU["last"]
        w2_s, _, _ = extract(speed, tmp / "speed-w2", 2)
        w2_cpu = CPU["last"]
        ours_words = words(tmp / "speed-w2")
        report.update(docx_docs=n_speed, docx_words=ours_words, stock_s=round(stock_s, 2),
                      stock_words_per_s=round(stock_words / stock_s), workers1_s=round(w1_s, 2),
                      workers2_s=round(w2_s, 2), words_per_s_workers2=round(ours_words / w2_s),
                      speedup_vs_stock=round((ours_words / w2_s) / (stock_words / stock_s), 2),
                      speedup_vs_stock_workers1=round((ours_words / w1_s) / (stock_words / stock_s), 2),
                      workers_speedup=round(w1_s / w2_s, 2), stock_cpu_s=round(stock_cpu, 2),
                      workers1_cpu_s=round(w1_cpu, 2), workers2_cpu_s=round(w2_cpu, 2),
                      cpu_speedup_vs_stock=round((ours_words / max(w1_cpu, 1e-9)) / (stock_words / max(stock_cpu, 1e-9)), 2))

        # 2. one long series: 2n meetings against n
        half, full = tmp / "series-half", tmp / "series-full"
        write_series(half, SERIES, n_series, seed=7)
        write_series(full, SERIES, 2 * n_series, seed=7)
        half_s, _, _ = extract(half, tmp / "out-half", 2)
        full_s, _, _ = extract(full, tmp / "out-full", 2)
        links = pd.read_parquet(tmp / "out-full" / "action_links.parquet")
        actions = pd.read_parquet(tmp / "out-full" / "action_items.parquet")
        report.update(series_meetings=[n_series, 2 * n_series], series_s=[round(half_s, 2), round(full_s, 2)],
                      series_scaling=round(full_s / half_s, 2), action_items=len(actions), action_links=len(links),
                      links_per_action=round(len(links) / max(1, len(actions)), 2))

        # 3. the 1,000-document archive: the long series plus other series, extracted on top of it
        big_raw, big_out = tmp / "big", tmp / "out-big"
        shutil.copytree(full, big_raw)
        shutil.copytree(tmp / "out-full", big_out)
        write_archive(big_raw, n_big - 2 * n_series, seed=11, series_len=100)
        _, _, big_rss = extract(big_raw, big_out, 2)
        noop_s, _, _ = extract(big_raw, big_out, 2)
        # one more meeting of the long series: the generator's next one, written alone elsewhere, then moved in
        extra = tmp / "extra"
        write_series(extra, SERIES, 2 * n_series + 1, seed=7)
        newest = sorted((extra / SERIES.lower().replace(" ", "-")).iterdir())[-1]
        alone = tmp / "alone"
        (alone / newest.parent.name).mkdir(parents=True)
        shutil.copy2(newest, alone / newest.parent.name / newest.name)
        own_s, _, _ = extract(alone, tmp / "out-alone", 2)
        shutil.copy2(newest, big_raw / newest.parent.name / newest.name)
        add_s, _, _ = extract(big_raw, big_out, 2)
        report.update(big_docs=n_big, noop_rerun_s=round(noop_s, 2), add_one_s=round(add_s, 2),
                      add_one_own_cost_s=round(own_s, 2), add_one_overhead_s=round(add_s - own_s, 2))

        # 4. peak memory: a 100-document archive, fresh, against the 1,000-document run
        small = tmp / "small"
        write_archive(small, n_small, seed=13, series_len=50)
        _, _, small_rss = extract(small, tmp / "out-small", 2)
        report.update(peak_rss_mb_1000=big_rss, peak_rss_mb_100=small_rss,
                      rss_ratio_1000_vs_100=round(big_rss / max(1, small_rss), 2),
                      bench_s=round(time.monotonic() - t0, 1))
    report["targets_met"] = {k: (report[k] >= v if op == ">=" else report[k] <= v) for k, (op, v) in TARGETS.items()}
    line = json.dumps(report)
    if args.json:
        args.json.write_text(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
