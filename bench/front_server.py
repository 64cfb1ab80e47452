"""A stand-in for the front server (nginx, a CDN) that serves uploads in production.

Masthead's production settings serve static files (WhiteNoise) but not media: a front server
does that. Lighthouse loads whole pages, images included, so without one every rendition
would be a 404, the largest contentful paint would be text instead of the lead image, and
best-practices would count the console errors. This server, on 127.0.0.1, answers /media/
from the media folder itself and passes every other request to the server unchanged. wrk does not
go through it: it asks for the HTML only, from the server directly.
"""

import contextlib
import http.client
import mimetypes
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Not in every Python's default table; the renditions are WebP.
mimetypes.add_type("image/webp", ".webp")
mimetypes.add_type("image/avif", ".avif")
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}


def handler_for(upstream_port, media_root):
    media_root = Path(media_root).resolve()

    class FrontHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as browsers expect of a front server
        timeout = 30  # idle keep-alive connections are closed

        def do_GET(self):
            self.answer()

        def do_HEAD(self):
            self.answer()

        def do_POST(self):
            self.answer()

        def answer(self):
            path = urlsplit(self.path).path
            if path.startswith("/media/") and self.command in ("GET", "HEAD"):
                self.send_media(path.removeprefix("/media/"))
            else:
                self.forward()

        def send_media(self, relative):
            file = (media_root / unquote(relative)).resolve()
            if not file.is_relative_to(media_root) or not file.is_file():
                self.send_error(404)
                return
            content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(file.stat().st_size))
            # A new upload gets a new file name, so front servers cache uploads for long.
            self.send_header("Cache-Control", "public, max-age=31536000")
            self.end_headers()
            if self.command == "GET":
                with file.open("rb") as source:
                    shutil.copyfileobj(source, self.wfile)

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                content = response.read()
            except (OSError, http.client.HTTPException) as error:
                # What a front server says when the application is not there; Lighthouse then
                # reports the failed page load itself.
                self.send_error(502, explain=str(error))
                return
            finally:
                upstream.close()
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(content)

        def log_message(self, format, *args):
            """Quiet: the server already logs what went wrong upstream."""

    return FrontHandler


@contextlib.contextmanager
def serving(upstream_port, media_root):
    """Run the front server on a free 127.0.0.1 port in a thread; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(upstream_port, media_root))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
