"""Run ``narration.synthesise`` in a child process, killed at its time limit or when superseded.

The child also dies with this process (``synthesise.die_with_parent``), so a worker killed with
``kill -9`` leaves no synthesis running on.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

from django.conf import settings

from .backends.base import SynthesisError

POLL_SECONDS = 2.0
PARENT_ENV = "MASTHEAD_SYNTHESIS_PARENT"


def run_synthesis(*, backend, options, paragraphs, output_path, time_limit, still_wanted=None):
    """Synthesise ``paragraphs`` into the MP3 ``output_path``; return the child's result dict.

    Raises SynthesisError with the child's message, or when it ran past ``time_limit``
    seconds. ``still_wanted()`` is asked every few seconds; when it says no (a newer
    revision took over), the child is killed and ``None`` is returned.
    """
    job = json.dumps({"backend": backend, "options": options, "paragraphs": paragraphs})
    deadline = time.monotonic() + time_limit
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(  # noqa: S603 (our own module, run by our own interpreter)
            [sys.executable, "-m", "narration.synthesise", str(output_path)],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=err,
            cwd=settings.BASE_DIR,
            env={**os.environ, PARENT_ENV: str(os.getpid())},
        )
        try:
            child.stdin.write(job.encode())
            child.stdin.close()
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise SynthesisError(f"Synthesis took longer than {time_limit} s; stopped")
                try:
                    child.wait(timeout=min(POLL_SECONDS, remaining))
                    break
                except subprocess.TimeoutExpired:
                    if still_wanted is not None and not still_wanted():
                        return None
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        out.seek(0)
        lines = out.read().decode(errors="replace").strip().splitlines()
        try:
            result = json.loads(lines[-1])
        except (IndexError, ValueError):
            err.seek(0)
            tail = err.read().decode(errors="replace").strip()[-500:]
            how = (
                f"was killed by signal {-child.returncode}"
                if child.returncode < 0
                else f"exited with code {child.returncode}"
            )
            raise SynthesisError(f"Synthesis process {how}. {tail}".strip()) from None
        if "error" in result:
            raise SynthesisError(result["error"])
        return result
