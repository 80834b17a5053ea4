#!/usr/bin/env python3
"""Time the TUI from exec to its first ranked frame, in a 120x40 pseudo-terminal.

usage: first_frame.py [--runs N] [--cold] [--json] -- BINARY ARG...

Each run starts BINARY in a fresh pty, reads its output until the Plan screen's candidate list
and the status line are both on screen (the first full frame: ratatui writes it in one flush),
then, half a second later, reads the process's peak resident set (VmHWM in /proc) and quits it with `q`. The clock
starts just before exec and stops when the frame's last byte has been read, so it covers process
start, opening the database, loading, ranking and drawing. `--cold` evicts the database file
(the path after `--db`) from the page cache before each run with posix_fadvise(DONTNEED), which
needs no root. Prints the median and the spread, or one JSON object with `--json`.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

# Both must be on screen: the list's title and the status line's key hints come last.
MARKERS = (b"Candidates", b"q quit")
TIMEOUT_S = 60.0
SETTLE_S = 0.5


def evict(path):
    for p in (path, path + "-wal"):
        try:
            fd = os.open(p, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def one_run(argv):
    start = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed = None
    deadline = start + TIMEOUT_S
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        # Answer a cursor-position query (ESC [ 6 n) as a terminal would.
        if b"\x1b[6n" in chunk:
            os.write(master, b"\x1b[1;1R")
        if all(m in seen for m in MARKERS):
            elapsed = (time.perf_counter() - start) * 1000
            break
    # The peak after what the TUI does once the frame is up (the idle work), not just before.
    time.sleep(SETTLE_S)
    rss = peak_rss_mb(pid)
    try:
        os.write(master, b"q")
        # Drain until the child exits so it never blocks on a full pty.
        while True:
            ready, _, _ = select.select([master], [], [], 2.0)
            if not ready:
                break
            if not os.read(master, 65536):
                break
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(master)
    if elapsed is None:
        sys.exit(f"no first frame within {TIMEOUT_S:.0f} s; the screen so far:\n{seen[-2000:]!r}")
    return elapsed, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("argv", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        parser.error("give the command after --")
    db = argv[argv.index("--db") + 1] if "--db" in argv else None
    times, peaks = [], []
    one_run(argv)  # warm the binary and, unless --cold, the database
    for _ in range(args.runs):
        if args.cold and db:
            evict(db)
        t, rss = one_run(argv)
        times.append(t)
        peaks.append(rss)
    result = {
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "peak_mb": round(max(peaks), 1),
        "runs": args.runs,
        "cold": args.cold,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"first frame: median {result['median_ms']} ms (min {result['min_ms']}, max {result['max_ms']}), "
              f"peak RSS {result['peak_mb']} MB, {args.runs} {'cold' if args.cold else 'warm'} runs")


if __name__ == "__main__":
    main()
