"""Audio answers byte ranges wherever it is served, as podcast apps and browsers seeking in
it ask: ``make run``'s media (``core/media.py``, through the whole middleware stack, and the
real development server), and nginx with deploy/nginx.conf's ``/media/`` (skipped where nginx
is not installed). In production WhiteNoise serves only ``/static/``, never media."""

import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from django.utils.http import http_date

from core.tests.test_deployment import BASE_DIR, VENV_BIN, free_port, start, stop

pytestmark = pytest.mark.django_db

# More than one read of the view's chunks (64 KB), and every byte value.
AUDIO = bytes(range(256)) * 800
SIZE = len(AUDIO)
NAME = "narration/7-Xy3kLm9PqRsTuVwZ0aBcDe.mp3"


@pytest.fixture
def dev_media(settings, tmp_path):
    settings.ROOT_URLCONF = "core.tests.dev_urls"
    settings.MEDIA_ROOT = tmp_path / "media"
    path = settings.MEDIA_ROOT / NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(AUDIO)
    return f"/media/{NAME}"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def get(client, url, range_header=None, **headers):
    if range_header is not None:
        headers["HTTP_RANGE"] = range_header
    return client.get(url, **headers)


def test_the_whole_file_says_it_accepts_ranges(client, dev_media):
    response = client.get(dev_media)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/mpeg"
    assert int(response["Content-Length"]) == SIZE
    assert body(response) == AUDIO


@pytest.mark.parametrize(
    ("asked", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, SIZE - 1),
        ("bytes=-500", SIZE - 500, SIZE - 1),
        (f"bytes={SIZE - 10}-{SIZE + 1000}", SIZE - 10, SIZE - 1),  # cut at the end
        ("bytes=70000-140000", 70000, 140000),  # across chunks
        (f"bytes=-{SIZE * 2}", 0, SIZE - 1),
        ("bytes=5-5", 5, 5),
    ],
)
def test_a_range_gets_206_with_exactly_those_bytes(client, dev_media, asked, first, last):
    response = get(client, dev_media, asked)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{SIZE}"
    assert int(response["Content-Length"]) == last - first + 1
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/mpeg"
    assert body(response) == AUDIO[first : last + 1]


@pytest.mark.parametrize(
    "asked", [f"bytes={SIZE}-", f"bytes={SIZE + 5}-{SIZE + 9}", "bytes=9-2", "bytes=-0", "bytes=x-"]
)
def test_a_range_outside_the_file_or_malformed_gets_416(client, dev_media, asked):
    response = get(client, dev_media, asked)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert body(response) == b""


@pytest.mark.parametrize("asked", ["items=0-9", "bytes=0-9,20-29"])
def test_another_unit_or_several_ranges_get_the_whole_file(client, dev_media, asked):
    response = get(client, dev_media, asked)
    assert response.status_code == 200 and body(response) == AUDIO


def test_if_range_gives_a_piece_only_of_the_same_file(client, dev_media):
    last_modified = client.get(dev_media)["Last-Modified"]
    same = get(client, dev_media, "bytes=0-9", HTTP_IF_RANGE=last_modified)
    assert same.status_code == 206 and body(same) == AUDIO[:10]
    for other in [formatdate(0, usegmt=True), '"an-etag"']:
        changed = get(client, dev_media, "bytes=0-9", HTTP_IF_RANGE=other)
        assert changed.status_code == 200 and body(changed) == AUDIO


def test_ranges_are_never_compressed(client, dev_media):
    for asked, status, expected in [("bytes=0-999", 206, AUDIO[:1000]), (None, 200, AUDIO)]:
        response = get(client, dev_media, asked, HTTP_ACCEPT_ENCODING="gzip, deflate")
        assert response.status_code == status
        assert "Content-Encoding" not in response
        assert body(response) == expected


def test_pages_are_still_compressed(client, dev_media, home):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_unchanged_missing_and_outside_files(client, dev_media):
    modified = client.get(dev_media)["Last-Modified"]
    assert client.get(dev_media, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/media/narration/missing.mp3").status_code == 404
    assert client.get("/media/narration/").status_code == 404
    assert client.get("/media/../settings.py").status_code in (400, 404)
    assert client.get("/media/%2e%2e/%2e%2e/etc/passwd").status_code in (400, 404)


def test_make_run_serves_media_ranges(tmp_path):
    """The development server as ``make run`` starts it (dev settings, DEBUG)."""
    media = tmp_path / "media"
    (media / NAME).parent.mkdir(parents=True)
    (media / NAME).write_bytes(AUDIO)
    port = free_port()
    env = {
        "PATH": f"{VENV_BIN}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(media),
        "MASTHEAD_PAGE_CACHE_URL": f"filecache://{tmp_path / 'pages'}",
    }
    command = f"{sys.executable} manage.py runserver --noreload 127.0.0.1:{port}"
    log_path = tmp_path / "runserver.log"
    with log_path.open("w") as log:
        server = start(command, env, log)
        try:
            status, headers, content = http_get(
                port, f"/media/{NAME}", server, log_path, Range="bytes=1000-1999"
            )
            assert status == 206, content[:500]
            assert headers["Content-Range"] == f"bytes 1000-1999/{SIZE}"
            assert content == AUDIO[1000:2000]
            status, headers, _ = http_get(
                port, f"/media/{NAME}", server, log_path, Range=f"bytes={SIZE}-"
            )
            assert status == 416
        finally:
            stop(server)


def http_get(port, path, process, log_path, **headers):
    """(status, headers, body) once the server answers; fails if it never does or dies."""
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, log_path.read_text()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        except OSError:
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.3)
        finally:
            connection.close()


def nginx_program():
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


NGINX_CONFIG = """\
pid {folder}/nginx.pid;
daemon off;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
{locations}
    }}
}}
"""


def media_locations(folder):
    """deploy/nginx.conf's /media/ locations, as they are, with its media folder moved."""
    config = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    blocks = re.findall(r"^    location /media/[^{]*\{.*?^    \}", config, re.M | re.S)
    assert len(blocks) == 2, "deploy/nginx.conf: expected the /media/ and documents locations"
    return "\n".join(blocks).replace("/srv/masthead/media/", f"{folder}/media/")


@pytest.mark.skipif(nginx_program() is None, reason="nginx is not installed (nginx-light)")
def test_nginx_serves_media_ranges_with_the_deployed_config():
    # Not under pytest's tmp_path: nginx's workers run as nobody when started by root, and
    # must reach the files through every folder above them.
    folder = Path(tempfile.mkdtemp(prefix="masthead-nginx-"))
    try:
        serve_with_nginx(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve_with_nginx(folder):
    (folder / "media" / NAME).parent.mkdir(parents=True)
    (folder / "media" / NAME).write_bytes(AUDIO)
    for path in [folder, *(folder / "media").rglob("*"), folder / "media"]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    # Debian's, beside the program's prefix: /usr/sbin/nginx -> /etc/nginx/mime.types.
    mime_types = Path(nginx_program()).resolve().parents[2] / "etc" / "nginx" / "mime.types"
    if not mime_types.exists():
        pytest.skip("nginx's mime.types is missing")
    port = free_port()
    config = folder / "nginx.conf"
    config.write_text(
        NGINX_CONFIG.format(
            folder=folder, port=port, mime_types=mime_types, locations=media_locations(folder)
        )
    )
    log_path = folder / "error.log"
    log_path.touch()
    server = subprocess.Popen(  # noqa: S603 (nginx with our own configuration)
        [nginx_program(), "-c", str(config), "-p", str(folder), "-e", str(log_path)],
        start_new_session=True,
    )
    try:
        status, headers, content = http_get(
            port, f"/media/{NAME}", server, log_path, Range="bytes=1000-1999"
        )
        assert status == 206, content[:500]
        assert headers["Content-Range"] == f"bytes 1000-1999/{SIZE}"
        assert headers["Content-Type"] == "audio/mpeg"
        assert content == AUDIO[1000:2000]
        status, headers, content = http_get(
            port, f"/media/{NAME}", server, log_path, Range="bytes=0-9", **{
                "Accept-Encoding": "gzip"
            }
        )  # fmt: skip
        assert status == 206 and content == AUDIO[:10] and "Content-Encoding" not in headers
        status, headers, _ = http_get(port, f"/media/{NAME}", server, log_path)
        assert status == 200 and headers["Accept-Ranges"] == "bytes"
        assert headers["X-Content-Type-Options"] == "nosniff"
        status, headers, _ = http_get(
            port, f"/media/{NAME}", server, log_path, Range=f"bytes={SIZE}-"
        )
        assert status == 416
        modified = http_date(os.stat(folder / "media" / NAME).st_mtime)
        status, _, _ = http_get(
            port, f"/media/{NAME}", server, log_path, Range="bytes=0-9", **{"If-Range": modified}
        )
        assert status == 206
    finally:
        stop(server)
