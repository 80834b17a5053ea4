#!/usr/bin/env bash
# flowdeck beside Taskwarrior on the same generated items, in one run:
#   ranking   `flowdeck rank --limit 20`        vs `task next limit:20`
#   importing `flowdeck import items.csv`        vs `task import tasks.json` (into empty stores)
#   memory    peak resident set size of each of the four (GNU time)
#   TUI       flowdeck's first ranked 120x40 frame in a pty (scripts/first_frame.py), warm and
#             with the database evicted from the page cache, against `task next limit:20`
#             (Taskwarrior's nearest equivalent of a first screen), with the TUI's peak RSS
# at SIZES items (default 1000 10000 100000). Prints medians, ratios and memory as Markdown:
# BENCHMARKS.md holds the latest run. Installs taskwarrior, hyperfine and GNU time with apt-get
# when they are missing. Takes about ten minutes at 100k (Taskwarrior's import dominates).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-10}          # ranking runs per tool and size
IMPORT_RUNS=${IMPORT_RUNS:-5}

missing=()
command -v task >/dev/null || missing+=(taskwarrior)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo build --release --quiet
fd="$PWD/target/release/flowdeck"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" HOME="$work"

# Peak memory in MB of one run of "$@".
peak_mb() {
    /usr/bin/time -f '%M' -o "$work/mem" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%.1f", $1 / 1024 }' "$work/mem"
}

# The median (ms) of hyperfine's result `$2` in the JSON file `$1`.
median_ms() {
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print(round(r['median']*1000, 1))" "$1" "$2"
}

taskrc() { # $1 = data folder
    mkdir -p "$1"
    printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=off\n' "$1" > "$1.rc"
    echo "$1.rc"
}

rows=()
for n in $SIZES; do
    db="$work/gen-$n.sqlite"; tasks="$work/tasks-$n.json"; csv="$work/items-$n.csv"
    "$fd" --db "$db" dev gen --items "$n" --taskwarrior "$tasks" >/dev/null
    "$fd" --db "$db" export --format csv --out "$csv" >/dev/null
    rc=$(taskrc "$work/task-$n")
    TASKRC="$rc" task import "$tasks" >/dev/null 2>&1

    hyperfine -N --style none -w 2 -r "$RUNS" --export-json "$work/rank-$n.json" \
        "$fd --db $db rank --limit 20" \
        "env TASKRC=$rc task next limit:20" >/dev/null
    irc=$(taskrc "$work/import-task")
    hyperfine --style none -w 1 -r "$IMPORT_RUNS" --export-json "$work/import-$n.json" \
        --prepare "rm -f $work/import.sqlite*; $fd --db $work/import.sqlite init" \
        "$fd --db $work/import.sqlite import $csv" \
        --prepare "rm -rf $work/import-task; mkdir -p $work/import-task" \
        "env TASKRC=$irc task import $tasks" >/dev/null

    fr=$(median_ms "$work/rank-$n.json" 0); tr=$(median_ms "$work/rank-$n.json" 1)
    fi=$(median_ms "$work/import-$n.json" 0); ti=$(median_ms "$work/import-$n.json" 1)
    rm -f "$work"/import.sqlite*; "$fd" --db "$work/import.sqlite" init >/dev/null
    rm -rf "$work/import-task"; mkdir -p "$work/import-task"
    fm_rank=$(peak_mb "$fd" --db "$db" rank --limit 20)
    tm_rank=$(TASKRC="$rc" peak_mb task next limit:20)
    fm_import=$(peak_mb "$fd" --db "$work/import.sqlite" import "$csv")
    tm_import=$(TASKRC="$irc" peak_mb task import "$tasks")
    ratio() { python3 -c "print(f'{float($2) / float($1):.1f}×')" "$1" "$2"; }
    frame() { # $1 = --cold or nothing; prints "median peak"
        python3 scripts/first_frame.py --runs "$RUNS" $1 --json -- "$fd" --db "$db" |
            python3 -c "import json,sys; r=json.load(sys.stdin); print(r['median_ms'], r['peak_mb'])"
    }
    read -r fw fw_mb < <(frame "")
    read -r fc fc_mb < <(frame --cold)
    rows+=("| $n | rank | $fr | $tr | $(ratio "$fr" "$tr") | $fm_rank | $tm_rank |")
    rows+=("| $n | import | $fi | $ti | $(ratio "$fi" "$ti") | $fm_import | $tm_import |")
    rows+=("| $n | TUI first frame, warm | $fw | $tr | $(ratio "$fw" "$tr") | $fw_mb | $tm_rank |")
    rows+=("| $n | TUI first frame, cold | $fc | $tr | $(ratio "$fc" "$tr") | $fc_mb | $tm_rank |")
done

echo "Run on $(date -u +%Y-%m-%d) — $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr); flowdeck $("$fd" --version | cut -d' ' -f2), $(task --version | head -1 | sed 's/^/Taskwarrior /')"
echo
echo "| items | operation | flowdeck median (ms) | Taskwarrior median (ms) | flowdeck faster by | flowdeck peak (MB) | Taskwarrior peak (MB) |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
