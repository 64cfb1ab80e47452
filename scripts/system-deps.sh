#!/usr/bin/env bash
# Install the system packages the test suite needs, but only those that are missing:
#   chromium    the browser the e2e tests drive (Playwright never downloads one)
#   postgresql  initdb/pg_ctl for the throwaway server of `make test-postgres`
#   redis-server  the page cache's production store, which its tests also run on
#   make        runs everything else
#   openssl     makes the throwaway DKIM keys of the mail-signing tests
#   nodejs, npm run Ghost's official Content API client in the suite (content_api/tests/js)
# Needs root (apt-get); prints what to install and fails otherwise.
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v initdb >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ||
    missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v make >/dev/null || missing+=(make)
command -v openssl >/dev/null || missing+=(openssl)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

((${#missing[@]})) || exit 0
if [[ $EUID -ne 0 ]]; then
    echo "$0: missing system packages; as root run:" >&2
    echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
