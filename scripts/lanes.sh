#!/usr/bin/env bash
# Run commands side by side, each line of output prefixed with its lane's name:
#
#   scripts/lanes.sh NAME 'COMMAND' [NAME 'COMMAND' ...]
#
# `make test` runs the SQLite + browser suites in one lane and the PostgreSQL suite in the
# other, so the two cores are both busy (the PostgreSQL suite alone waits on its server much
# of the time). Exits 0 only if every lane did; Ctrl-C or a TERM stops every lane.
set -euo pipefail

(($# > 0 && $# % 2 == 0)) || { echo "usage: $0 NAME 'COMMAND' [NAME 'COMMAND' ...]" >&2; exit 2; }

pids=() names=()
stop() { kill -- "${pids[@]}" 2>/dev/null || true; }
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

while (($#)); do
    name=$1 command=$2
    shift 2
    # A subshell of its own: `wait` on it gives the command's status, not sed's.
    (set -o pipefail; bash -c "$command" 2>&1 | sed -u "s/^/$name | /") &
    pids+=("$!") names+=("$name")
done

status=0
for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
        echo "lane ${names[$i]}: passed"
    else
        code=$?
        echo "lane ${names[$i]}: FAILED (exit $code)"
        status=1
    fi
done
exit "$status"
