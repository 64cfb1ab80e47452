"""The file cache that holds the page cache's tag times, withdrawals and epoch (``store.py``).

Django's ``FileBasedCache`` with two differences, both needed by ``store.py``:

- it never culls: a page whose tag time is gone is refused, so deleting tag times at random
  would empty the page cache, and there are only as many tags as pieces of content (a file of
  some bytes each);
- ``add`` is atomic across processes: the value is written to a file of its own, then linked
  to the key's name, which fails if the key is there already (Django's ``add`` checks, then
  sets, and may overwrite the time an invalidation has just written).
"""

import contextlib
import os
import tempfile

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class TagFileCache(FileBasedCache):
    def _cull(self):
        """Never: every entry here is needed as long as any stored page names it."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._createdir()
        fname = self._key_to_file(key, version)
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            try:
                os.link(tmp_path, fname)
            except FileExistsError:
                # Even an expired value (``store.py`` writes none): ``get`` deletes it, and a
                # later ``add`` takes the key.
                return False
            return True
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(tmp_path)
