"""Editors' uploads: hostile images are refused before they are decoded, documents are inert.

Each hostile file is built here and posted through Wagtail's real admin views (single and
multiple upload); then each goes through the upload check in a child process with capped memory
(upload_probe.py), so a regression that decodes a bomb fails a test instead of the machine.
"""

import io
import json
import struct
import subprocess
import sys
import zlib
from functools import cache
from pathlib import Path

import pytest
import willow
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import UploadedFile

pytestmark = [
    pytest.mark.django_db,
    # Pillow warns when it reads the header of an image over its limit: expected here.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]

BASE_DIR = Path(django_settings.BASE_DIR)
# Peak memory a refused upload may add in the probe (it adds well under 1 MB); decoding the
# smallest bomb here adds 95 MB.
MAX_GROWTH_MB = 16


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def png_of_zeros(width, height):
    """A real black-and-white PNG whose every pixel decodes (Pillow: one byte a pixel)."""
    row = bytes(1 + (width + 7) // 8)  # filter byte, then one bit a pixel
    deflate = zlib.compressobj(9)
    rows = b"".join(deflate.compress(row * 100) for _ in range(height // 100))
    rows += deflate.compress(row * (height % 100)) + deflate.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", rows)
        + png_chunk(b"IEND", b"")
    )


@cache
def gif_animation(frames, size=(200, 200)):
    """Each frame differs from the last by one pixel, so Pillow keeps every one of them."""
    images = []
    for n in range(frames):
        frame = PILImage.new("P", size, 0)
        frame.putpalette([0, 0, 0, 255, 255, 255])
        frame.putpixel((n % size[0], n // size[0] % size[1]), 1)
        images.append(frame)
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=20)
    return buffer.getvalue()


def still_image(image_format, size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 40, 40)).save(buffer, image_format)
    return buffer.getvalue()


@cache
def over_byte_limit():
    """A valid PNG of 24 MB, over the 20 MB limit (Pillow ignores what follows IEND)."""
    png = still_image("PNG")
    return png + bytes(24 * 1024 * 1024 - len(png))


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/admin/').then(r => r.text()).then(alert)</script></svg>"
)
PHP = b"<?php system($_GET['c']); ?>\n"

TIMES = "\N{MULTIPLICATION SIGN}"
MB = "\N{NO-BREAK SPACE}MB"  # as Django's filesizeformat writes it
# name, content, what the editor is told
HOSTILE = {
    "pixel bomb": ("bomb.png", lambda: png_of_zeros(20_000, 20_000), "over 100 megapixels"),
    # Under Pillow's own limit: Wagtail alone decodes this one before refusing it.
    "bomb under Pillow's limit": (
        "big.png",
        lambda: png_of_zeros(9_950, 9_950),
        f"9,950{TIMES}9,950 pixels",
    ),
    "2,000 frames": (
        "loop.gif",
        lambda: gif_animation(2000),
        f"2,000 frames of 200{TIMES}200 pixels",
    ),
    "SVG with script": ("logo.svg", lambda: SVG_WITH_SCRIPT, "SVG files are not accepted"),
    "SVG named .png": ("logo.png", lambda: SVG_WITH_SCRIPT, "not an image in a supported format"),
    "PHP named .jpg": ("evil.jpg", lambda: PHP, "not an image in a supported format"),
    "over the byte limit": (
        "huge.png",
        over_byte_limit,
        f"too big (24.0{MB}). Maximum filesize 20.0{MB}.",
    ),
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(folder):
    return [path for path in Path(folder).rglob("*") if path.is_file()]


@pytest.mark.parametrize("case", HOSTILE)
def test_the_add_view_refuses_with_a_clear_message(admin_client, media, case):
    name, content, message = HOSTILE[case]
    response = admin_client.post(
        "/admin/images/add/",
        {"title": case, "file": SimpleUploadedFile(name, content())},
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert message in error
    assert message in response.content.decode()
    assert not Image.objects.exists()
    assert files_in(media) == []


@pytest.mark.parametrize("case", HOSTILE)
def test_the_multiple_uploader_refuses_with_a_json_message(admin_client, media, case):
    name, content, message = HOSTILE[case]
    response = admin_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content())}
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert message in response.json()["error_message"]
    assert not Image.objects.exists()
    assert not UploadedFile.objects.exists()
    assert files_in(media) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", still_image("JPEG")),
        ("photo.jpeg", still_image("JPEG")),
        ("chart.png", still_image("PNG")),
        ("photo.webp", still_image("WEBP")),
        ("photo.avif", still_image("AVIF")),
        ("loop.gif", gif_animation(10)),
    ],
)
def test_ordinary_images_still_upload(admin_client, media, name, content):
    response = admin_client.post(
        "/admin/images/add/", {"title": "Ordinary", "file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 302, response.context["form"].errors
    image = Image.objects.get()
    assert image.file.name == f"original_images/{name}"
    assert (image.width, image.height) == PILImage.open(io.BytesIO(content)).size
    assert files_in(media) == [Path(image.file.path)]


def test_the_multiple_uploader_still_takes_an_ordinary_image(admin_client, media):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("photo.jpg", still_image("JPEG"))},
    )

    assert response.json()["success"] is True
    assert Image.objects.get().file.name == "original_images/photo.jpg"


def test_an_image_named_as_another_format_is_kept_under_its_real_extension(admin_client, media):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Screenshot", "file": SimpleUploadedFile("shot.jpg", still_image("PNG"))},
    )

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name == "original_images/shot.png"
    assert PILImage.open(image.file.path).format == "PNG"


def test_svg_is_not_an_allowed_image_format():
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS


def test_pillow_itself_refuses_a_bomb_anywhere_in_the_process():
    """Renditions and dimensions open images through Willow and Pillow, not the upload form."""
    limit = django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert limit == 50_000_000
    assert limit == PILImage.MAX_IMAGE_PIXELS

    with pytest.raises(PILImage.DecompressionBombError):
        willow.Image.open(io.BytesIO(png_of_zeros(20_000, 20_000))).get_size()


def probe(field, path, name):
    result = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-m", "core.tests.upload_probe", field, str(path), name],
        cwd=BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "masthead.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize("case", HOSTILE)
def test_memory_stays_bounded_while_a_hostile_file_is_checked(tmp_path, case):
    name, content, message = HOSTILE[case]
    path = tmp_path / name
    path.write_bytes(content())

    result = probe("masthead", path, name)

    assert result["growth_mb"] < MAX_GROWTH_MB
    assert result["code"] is not None
    assert message in result["messages"][0]


def test_the_probe_sees_a_decode(tmp_path):
    """Wagtail's field alone decodes a bomb under Pillow's limit before refusing it: the probe
    must notice, or the test above would pass whatever the code did."""
    path = tmp_path / "big.png"
    path.write_bytes(png_of_zeros(9_950, 9_950))

    result = probe("wagtail", path, "big.png")

    assert result["code"] == "file_too_many_pixels"
    assert result["growth_mb"] > 4 * MAX_GROWTH_MB


@pytest.mark.parametrize(
    ("name", "content"),
    [("page.html", b"<script>alert(1)</script>"), ("logo.svg", SVG_WITH_SCRIPT)],
)
def test_documents_that_could_run_script_are_refused(admin_client, media, name, content):
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Doc", "file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert "File extension" in response.content.decode()
    assert "is not allowed" in response.content.decode()
    assert not Document.objects.exists()
    assert files_in(media) == []


@pytest.mark.parametrize(
    ("name", "disposition"),
    [("notes.txt", "attachment"), ("report.pdf", "inline")],
)
def test_documents_are_served_inert(client, media, name, disposition):
    document = Document.objects.create(
        title="Doc", file=ContentFile(b"<script>alert(1)</script>", name=name)
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"].startswith(disposition)
    response.close()
