#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, kept entirely inside DIR.
#
#   scripts/postgres.sh start DIR   initdb into DIR/data and start it on 127.0.0.1 (free port)
#   scripts/postgres.sh url DIR     print its DATABASE_URL
#   scripts/postgres.sh stop DIR    stop it and delete DIR
#   scripts/postgres.sh down DIR    stop it as a crash would, keeping DIR (a database outage)
#   scripts/postgres.sh up DIR      start it again after `down`, on the same port
#
# The server has a superuser role `masthead` (password `masthead`) and a database
# `masthead`; pytest-django connects with it and creates/drops `test_masthead` itself.
# Durability is switched off: nothing in it outlives the test run (so a `down` loses the last
# commits, as a crash of a server without synchronous commit would). MASTHEAD_PG_DURABLE=1 keeps
# PostgreSQL's defaults, for a fault run that must not lose what was committed.
set -euo pipefail

ROLE=masthead
PASSWORD=masthead
DB=masthead

usage() { echo "usage: $0 start|stop|url|down|up DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
cmd=$1
dir=$(realpath -m -- "$2")

# initdb/pg_ctl: on PATH if linked there, else Debian's versioned folder (newest wins).
pg_bindir() {
    local initdb
    if initdb=$(command -v initdb); then
        dirname -- "$(realpath -- "$initdb")"
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z $found ]]; then
        echo "$0: PostgreSQL server binaries not found; install them with:" >&2
        echo "    apt-get update && apt-get install -y postgresql" >&2
        return 1
    fi
    echo "$found"
}

# PostgreSQL refuses to run as root, so as root we run it as the unprivileged
# `postgres` user (Debian's package creates it; we create it where it is missing).
as_pg() {
    if [[ $EUID -ne 0 ]]; then
        "$@"
    else
        id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        # From DIR, which it owns: the caller's folder may be closed to it.
        (cd -- "$dir" && runuser -u postgres -- "$@")
    fi
}

# 55432 if it is free, else any port the kernel hands out.
free_port() {
    python3 - <<'EOF'
import socket

for port in (55432, 0):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        break
EOF
}

# Start the server in DIR/data on DIR/port.
serve() {
    local bin=$1 port
    port=$(cat "$dir/port")
    # The socket lives in DIR too, since /var/run/postgresql may not exist or be writable.
    local fast=(-o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    [[ ${MASTHEAD_PG_DURABLE:-0} != 1 ]] || fast=()
    as_pg "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" "${fast[@]}" ||
        { cat "$dir/server.log" >&2; return 1; }
}

start() {
    local bin port
    bin=$(pg_bindir)
    port=$(free_port)
    mkdir -p -- "$dir"
    echo "$port" >"$dir/port"
    echo "$PASSWORD" >"$dir/pwfile"
    [[ $EUID -ne 0 ]] || chown -R postgres: "$dir"
    # Local socket connections are trusted; TCP (what DATABASE_URL uses) needs the password.
    as_pg "$bin/initdb" --pgdata="$dir/data" --username="$ROLE" --pwfile="$dir/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale \
        --no-sync >"$dir/initdb.log" || { cat "$dir/initdb.log" >&2; return 1; }
    serve "$bin"
    as_pg "$bin/createdb" --host="$dir" --port="$port" --username="$ROLE" "$DB"
    echo "PostgreSQL started in $dir on 127.0.0.1:$port" >&2
}

# Immediate mode, as in a crash: every connection is cut at once; `up` recovers from the WAL.
down() {
    [[ -f $dir/data/postmaster.pid ]] || { echo "$0: no running server in $dir" >&2; return 1; }
    as_pg "$(pg_bindir)/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait --silent stop
}

up() {
    [[ -f $dir/port && -d $dir/data ]] || { echo "$0: no server in $dir" >&2; return 1; }
    serve "$(pg_bindir)"
}

stop() {
    [[ -d $dir/data ]] || { rm -rf -- "$dir"; return 0; }
    local bin
    bin=$(pg_bindir)
    # Immediate mode: no checkpoint, the data is thrown away next.
    as_pg "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait --silent stop 2>/dev/null || true
    # If pg_ctl could not stop it, kill the postmaster (first line of postmaster.pid) ourselves;
    # its backends exit when it is gone.
    if [[ -f $dir/data/postmaster.pid ]]; then
        kill -KILL "$(head -n 1 "$dir/data/postmaster.pid")" 2>/dev/null || true
    fi
    rm -rf -- "$dir"
}

url() {
    [[ -f $dir/port ]] || { echo "$0: no server in $dir" >&2; return 1; }
    echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$(cat "$dir/port")/$DB"
}

case $cmd in
    start | stop | url | down | up) "$cmd" ;;
    *) usage ;;
esac
