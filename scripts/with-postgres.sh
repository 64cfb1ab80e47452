#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL, e.g. `scripts/with-postgres.sh .venv/bin/pytest`.
#
# The server is started in a fresh temporary folder, DATABASE_URL is exported to the
# command, and the server is stopped and its folder deleted whatever happens (failure,
# Ctrl-C); the command's exit status is passed on.
set -euo pipefail

here=$(dirname -- "$(realpath -- "$0")")
# Under /tmp, not the work tree: the `postgres` user must be able to reach it, and the
# socket path must stay short (Unix sockets allow ~100 bytes).
dir=$(mktemp -d /tmp/masthead-pg.XXXXXX)
trap '"$here/postgres.sh" stop "$dir"' EXIT
# The EXIT trap runs on these too once we exit; 128+N is the usual status.
trap 'exit 130' INT
trap 'exit 143' TERM

"$here/postgres.sh" start "$dir"
DATABASE_URL=$("$here/postgres.sh" url "$dir")
export DATABASE_URL
"$@"
