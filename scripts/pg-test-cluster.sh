#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the tests of the PostgreSQL engine and prints its
# connection string (a Unix socket in the cluster's folder; no TCP port, so runs never clash).
#
# usage: eval "$(bash scripts/pg-test-cluster.sh start [DIR])"   # sets FLOWDECK_TEST_PG
#        bash scripts/pg-test-cluster.sh stop DIR
#
# Needs the distribution's PostgreSQL server (Debian: `apt-get install -y postgresql`). As
# root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root). Durability
# is off (fsync=off): the data is thrown away after the run.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg-test-cluster: no PostgreSQL server found under /usr/lib/postgresql (apt-get install -y postgresql)" >&2
    exit 1
fi
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
    dir=${2:-$(mktemp -d /tmp/flowdeck-pg.XXXXXX)}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U flowdeck --no-sync > "$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=200" start > /dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "export FLOWDECK_TEST_PG='postgresql://flowdeck@localhost/postgres?host=$dir'"
    echo "export FLOWDECK_TEST_PG_DIR='$dir'"
    ;;
stop)
    dir=${2:?which cluster folder}
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start [DIR] | stop DIR" >&2
    exit 2
    ;;
esac
