#!/usr/bin/env python3
"""How flowdeck's time and memory grow from 1k to 1M items, as one Markdown table.

usage: growth.py [--sizes 1000 10000 100000 1000000] [--runs N] [BINARY]

For each size: generate a database (`dev gen`), export it as flowdeck CSV and import that into
an empty store, then run `rank --limit 20`, `split`, `plan auto` and the TUI to its first frame
(scripts/first_frame.py's harness, warm page cache). Each cell is the median wall time of the
whole process and its peak resident set (GNU time; the TUI's from /proc). Generation and import run once
at 1M (they take seconds), the rest `--runs` times. BINARY defaults to target/release/flowdeck
(build it first: `cargo build --release`). The last row is how much each grew from the first
size to the last. BENCHMARKS.md holds a run.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import first_frame  # noqa: E402  (the pty harness beside this script)


def run_once(argv, env):
    # GNU time reports the peak: a child forked from Python would count Python's own pages in
    # its maxrss (the high-water mark survives exec).
    mem = os.path.join(env["HOME"], "peak-kb")
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", mem, *argv],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    with open(mem) as f:
        return elapsed, int(f.read().split()[-1]) / 1024


def measure(argv, env, runs, prepare=None):
    times, peaks = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        t, mb = run_once(argv, env)
        times.append(t)
        peaks.append(mb)
    return statistics.median(times), max(peaks)


def cell(ms, mb):
    shown = f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"
    return f"{shown} · {mb:.0f} MB"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000, 1000000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("binary", nargs="?", default="target/release/flowdeck")
    args = parser.parse_args()
    fd = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="flowdeck-growth-")
    env = dict(os.environ, XDG_CONFIG_HOME=f"{work}/config", XDG_DATA_HOME=f"{work}/data", HOME=work)
    os.environ.update(env)  # the TUI harness inherits the same sandbox
    columns = ["generate", "import", "rank --limit 20", "split", "plan auto", "TUI first frame"]
    rows = []
    try:
        for n in args.sizes:
            db, csv, target = f"{work}/gen-{n}.sqlite", f"{work}/items-{n}.csv", f"{work}/import.sqlite"
            once = 1 if n >= 1_000_000 else min(args.runs, 3)

            def fresh(path=db):
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(path + suffix):
                        os.remove(path + suffix)

            def empty_store():
                fresh(target)
                run_once([fd, "--db", target, "init"], env)

            figures = [measure([fd, "--db", db, "dev", "gen", "--items", str(n)], env, once, prepare=fresh)]
            run_once([fd, "--db", db, "export", "--format", "csv", "--out", csv], env)
            figures.append(measure([fd, "--db", target, "import", csv], env, once, prepare=empty_store))
            for command in (["rank", "--limit", "20"], ["split"], ["plan", "auto"]):
                figures.append(measure([fd, "--db", db, *command], env, args.runs))
            tui = [first_frame.one_run([fd, "--db", db]) for _ in range(args.runs)]
            figures.append((statistics.median(t for t, _ in tui), max(mb for _, mb in tui)))
            rows.append((n, figures))
            print(f"{n}: " + "; ".join(f"{c} {cell(*f)}" for c, f in zip(columns, figures)), file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("| items | " + " | ".join(columns) + " |")
    print("| ---: | " + " | ".join("---:" for _ in columns) + " |")
    for n, figures in rows:
        print(f"| {n:,} | " + " | ".join(cell(*f) for f in figures) + " |")
    if len(rows) > 1:
        (first, a), (last, b) = rows[0], rows[-1]
        growth = [f"{tb / ta:.0f}× · {mb_b / mb_a:.0f}×" for (ta, mb_a), (tb, mb_b) in zip(a, b)]
        print(f"| growth {first:,} → {last:,} | " + " | ".join(growth) + " |")


if __name__ == "__main__":
    main()
