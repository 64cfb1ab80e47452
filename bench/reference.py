"""A yardstick on the same machine: nginx serving the measured article as a plain file.

The targets compare Masthead with figures taken on "these 2 cores", but machines of the same
kind differ: on 2026-12-01 one served the cached article at 13,000-14,000 requests/s, on
2026-12-02 another at 40,000. nginx serving the very same bytes from a file, under the very
same wrk command, is about the fastest any server can answer on the machine at hand, so its
figure (printed beside Masthead's) says how fast the machine itself is.

Needs Debian's nginx (`apt-get install -y nginx-light`); without it the step says so and is
skipped. nginx runs in a temporary folder of its own on a free 127.0.0.1 port, two workers
(one per core, as granian has), no access log, and is stopped however the step ends.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

import http_load
from processes import StepFailed, stop_group

CONFIG = """\
worker_processes {workers};
pid {folder}/nginx.pid;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {folder}/www;
    }}
}}
"""


def nginx():
    """nginx's path: on PATH, or where Debian puts it (/usr/sbin is not on every PATH)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def measure(body, *, seconds, connections, workers):
    """wrk figures (as http_load.wrk gives them) for nginx serving ``body`` as a file."""
    program = nginx()
    if program is None:
        raise StepFailed("nginx is not installed: apt-get update && apt-get install -y nginx-light")
    folder = Path(tempfile.mkdtemp(prefix="masthead-nginx-"))
    try:
        # nginx's workers run as `nobody` when it is started by root: they must read the page.
        folder.chmod(0o755)
        (folder / "www").mkdir(mode=0o755)
        (folder / "www" / "index.html").write_bytes(body)
        (folder / "www" / "index.html").chmod(0o644)
        port = http_load.free_port()
        url = f"http://127.0.0.1:{port}/"
        config = folder / "nginx.conf"
        config.write_text(CONFIG.format(workers=workers, folder=folder, port=port))
        server = subprocess.Popen(
            [program, "-e", str(folder / "error.log"), "-c", str(config), "-p", str(folder)],
            start_new_session=True,
        )
        try:
            try:
                http_load.wait_until_up(url, server, deadline=20, first_view=10)
            except StepFailed as error:
                log = folder / "error.log"
                tail = log.read_text(errors="replace")[-1000:] if log.exists() else ""
                raise StepFailed(f"nginx: {error}\n{tail}") from None
            return http_load.wrk(url, seconds=seconds, connections=connections)
        finally:
            stop_group(server, grace=10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def nginx_version():
    program = nginx()
    if program is None:
        return "(not installed)"
    # `nginx -v` writes "nginx version: nginx/1.22.1" to stderr.
    done = subprocess.run(
        [program, "-v"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return (done.stderr or done.stdout).strip().rpartition("/")[2] or "?"
