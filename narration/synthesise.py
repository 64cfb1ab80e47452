"""The synthesis child process: ``python -m narration.synthesise OUTPUT.mp3`` reads a job as
JSON on stdin (backend path, its options, the spoken paragraphs), speaks it sentence by
sentence, streams the PCM into an MP3 encoder (mono, 64 kbps) and prints a JSON result.

It runs apart from the worker so that the parent can kill it when it exceeds its time limit
(or when a newer revision supersedes it) and so that the voice's memory (about 500 MB for a
medium Piper voice) is returned when it exits. It needs no Django settings or database.
It dies with the worker that started it (``die_with_parent``).
"""

import ctypes
import json
import os
import resource
import signal
import sys
import threading
import time

import lameenc

from narration.backends import load_backend
from narration.text import sentences

BIT_RATE_KBPS = 64
PARAGRAPH_PAUSE_SECONDS = 0.4


def synthesise(*, backend, paragraphs, output):
    """Write the MP3 to the open binary file ``output``; return what was made."""
    encoder, sample_rate, samples = None, None, 0
    started = time.monotonic()
    backend.load()
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            for pcm in backend.synthesise(sentence):
                if encoder is None:
                    sample_rate = backend.sample_rate
                    encoder = _encoder(sample_rate)
                samples += len(pcm) // 2
                output.write(encoder.encode(pcm))
        if encoder is not None:
            pause = int(sample_rate * PARAGRAPH_PAUSE_SECONDS)
            samples += pause
            output.write(encoder.encode(bytes(2 * pause)))
    if encoder is None:
        raise ValueError("Nothing to say: the text produced no audio")
    output.write(encoder.flush())
    return {
        "voice": backend.voice_name,
        "sample_rate": sample_rate,
        "samples": samples,
        "seconds": samples / sample_rate,
        "synthesis_seconds": time.monotonic() - started,
        # Linux reports kilobytes.
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def _encoder(sample_rate):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE_KBPS)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return encoder


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_POLL_SECONDS = 1.0


def die_with_parent(parent_pid):
    """Be killed when the worker that started us goes, however it goes (``kill -9`` too).

    On Linux the kernel does it: PR_SET_PDEATHSIG sends SIGKILL when the thread that started
    us exits (the worker thread waits on us until we end, so that is the worker going).
    Elsewhere a thread checks every second that our parent is still the worker. Either way,
    a parent gone before this ran is noticed by its pid: we were handed to another.
    """
    libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
    if libc is None or libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:

        def watch():
            while os.getppid() == parent_pid:
                time.sleep(PARENT_POLL_SECONDS)
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if os.getppid() != parent_pid:
        os._exit(1)


def main(argv):
    if parent := os.environ.get("MASTHEAD_SYNTHESIS_PARENT"):
        die_with_parent(int(parent))
    job = json.load(sys.stdin)
    try:
        backend = load_backend(job["backend"], job["options"])
        with open(argv[1], "wb") as output:
            result = synthesise(backend=backend, paragraphs=job["paragraphs"], output=output)
    except Exception as error:  # reported to the parent, which records it on the narration
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
