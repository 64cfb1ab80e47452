"""Child processes for the benchmarks: every one bounded in time, every one stopped whole.

Each child leads its own process group, so that stopping it also stops what it started itself
(the server's workers, Lighthouse's Chromium, initdb under postgres.sh), and so that the
terminal's Ctrl-C reaches only the benchmark, which then stops its children in order.
"""

import contextlib
import os
import signal
import subprocess


class StepFailed(RuntimeError):
    """A child exited non-zero or ran out of time; the message says which and why."""


def stop_group(process, *, grace=30):
    """SIGTERM the child's whole group, then SIGKILL whatever is still there after `grace` s."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    # The leader may be gone while a member lingers (a worker that ignored SIGTERM).
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def run_bounded(command, *, timeout, what, capture=False, **popen_options):
    """Run `command` to its end within `timeout` seconds; return its stdout if `capture`.

    Unlike `subprocess.run(timeout=...)`, which kills only the direct child, a time-out or an
    interrupt here kills the child's whole process group. `what` names the step in errors.
    A daemon that the child detaches on purpose (PostgreSQL's postmaster) is left alone.
    """
    process = subprocess.Popen(
        command,
        start_new_session=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None,
        text=True,
        **popen_options,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop_group(process, grace=5)
        raise StepFailed(f"{what}: no result within {timeout} s") from None
    except BaseException:
        stop_group(process, grace=5)
        raise
    if process.returncode != 0:
        detail = (stderr or stdout or "").strip()[-2000:] if capture else ""
        raise StepFailed(
            f"{what}: exit status {process.returncode}" + (f"\n{detail}" if detail else "")
        )
    return stdout
