"""One upload through an image field in a child process with capped memory (test_upload_safety).

    python -m core.tests.upload_probe <masthead|wagtail> <path> <upload name>

"masthead" is the field editors use (core.uploads.UploadImageField); "wagtail" is Wagtail's own,
for showing that the probe sees a decode. The address space is capped, so a regression that
decodes a bomb fails in this process rather than hurting the machine. Prints JSON: the error
code (null if accepted), the messages and how far peak memory grew during the check.
"""

import io
import json
import os
import resource
import shutil
import sys

ADDRESS_SPACE_BYTES = 1024**3


def peak_rss_mb():
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux carries that over
    from the parent through fork and exec, so it would start at the test runner's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def uploaded(path, name):
    """The file as Django's upload handlers would hand it over: in memory, or on disk if big."""
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

    size = os.path.getsize(path)
    if size <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE:
        with open(path, "rb") as f:
            return SimpleUploadedFile(name, f.read())
    upload = TemporaryUploadedFile(name, "application/octet-stream", size, None)
    with open(path, "rb") as f:
        shutil.copyfileobj(f, upload)
    upload.seek(0)
    return upload


def main():
    field_name, path, name = sys.argv[1:]
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_BYTES, ADDRESS_SPACE_BYTES))

    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image
    from wagtail.images.fields import WagtailImageField

    from core.uploads import UploadImageField

    field = UploadImageField() if field_name == "masthead" else WagtailImageField()
    # Warm up (lazy imports, Pillow's plugins), so that only the check itself is measured.
    small = io.BytesIO()
    Image.new("RGB", (8, 8)).save(small, "PNG")
    field.clean(SimpleUploadedFile("small.png", small.getvalue()))

    upload = uploaded(path, name)
    before = peak_rss_mb()
    try:
        field.clean(upload)
        code, messages = None, []
    except ValidationError as error:
        code, messages = error.code, error.messages
    print(json.dumps({"code": code, "messages": messages, "growth_mb": peak_rss_mb() - before}))


if __name__ == "__main__":
    main()
