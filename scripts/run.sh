#!/usr/bin/env bash
# Run the development web server and the task worker side by side (`make run`). The worker
# runs every task queue in a slot of its own (email, mailing, narration, webhooks, default).
#
# Ctrl-C (or SIGTERM) stops both; if either one exits, the other is stopped too and this
# script exits with the status of the one that ended first.
#
#   MASTHEAD_ADDR    where runserver listens (default 127.0.0.1:8000)
#   MASTHEAD_RELOAD  0 to start runserver with --noreload (default: autoreload on)
#   MASTHEAD_PAYMENTS  standin (default): also run the local Stripe stand-in
#                    (manage.py payments_standin) and point the site at it; stripe or off: not
#   MASTHEAD_STANDIN_PORT  the stand-in's port (default 8010)
#   MASTHEAD_PAYMENTS_WEBHOOK_PATH  where on the site it delivers events
#                    (default /members/webhooks/stripe/)
set -euo pipefail
cd -- "$(dirname -- "$0")/.."

python=.venv/bin/python
addr=${MASTHEAD_ADDR:-127.0.0.1:8000}
reload=()
[[ ${MASTHEAD_RELOAD:-1} != 0 ]] || reload=(--noreload)

pids=()
names=()

# The stand-in for Stripe: the web server and the worker reach it at STRIPE_API_BASE, and it
# delivers events, signed with STRIPE_WEBHOOK_SECRET, to the site (docs/payments.md).
payments=${MASTHEAD_PAYMENTS:-standin}
if [[ $payments == standin ]]; then
    standin_port=${MASTHEAD_STANDIN_PORT:-8010}
    export MASTHEAD_PAYMENTS=standin
    export STRIPE_API_BASE="http://127.0.0.1:$standin_port"
    export STRIPE_WEBHOOK_SECRET=${STRIPE_WEBHOOK_SECRET:-whsec_standin_dev_only}
    webhook_url="http://$addr${MASTHEAD_PAYMENTS_WEBHOOK_PATH:-/members/webhooks/stripe/}"
fi

stop_all() {
    trap - INT TERM EXIT
    # Each child leads its own process group (setsid below), so signalling the group
    # also reaches what it started itself, e.g. runserver's autoreloader child.
    local pid
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    # Up to 10 s to shut down cleanly, then SIGKILL whatever is left.
    local _
    for _ in {1..50}; do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.2
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# setsid: a new session and process group per child, so that the terminal's Ctrl-C
# reaches only this script, which then stops the children in order, and so that their
# whole groups can be signalled. (A background child of a non-interactive bash is not a
# group leader, so setsid execs in place and $! is the child's own pid.)
# The stand-in first, so the worker's first price sync for the tiers finds it.
if [[ $payments == standin ]]; then
    # The account is kept in var/ beside the database, so the customers, prices and
    # subscriptions the site stored the ids of survive a restart (make clean removes both).
    mkdir -p var
    setsid "$python" manage.py payments_standin --port "$standin_port" \
        --webhook-url "$webhook_url" --webhook-secret "$STRIPE_WEBHOOK_SECRET" \
        --state var/payments-standin.json &
    pids+=($!) names+=("payments stand-in")
    echo "run.sh: payments stand-in for Stripe (pid $!) on $STRIPE_API_BASE/" >&2
fi
# --skip-checks: setup_demo's migrate has just run them.
setsid "$python" manage.py runserver --skip-checks "${reload[@]}" "$addr" &
pids+=($!) names+=("web server")
setsid "$python" manage.py worker &
pids+=($!) names+=("task worker")
echo "run.sh: web server (pid ${pids[-2]}) on http://$addr/, task worker (pid ${pids[-1]}); Ctrl-C stops all" >&2

# Whichever exits first ends the run; the EXIT trap stops the others.
status=0
wait -n -p ended || status=$?
name="process"
for i in "${!pids[@]}"; do [[ $ended == "${pids[$i]}" ]] && name=${names[$i]}; done
echo "run.sh: the $name exited with status $status; stopping the others" >&2
exit "$status"
