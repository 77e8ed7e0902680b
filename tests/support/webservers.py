"""Real web servers for the static export's tests: nginx and Apache as unprivileged foreground processes.

Each runs on a free loopback port with a configuration written into a work
folder of its own, serving an export made by ``leidraad export``.  A missing
binary fails the test with the command that installs it (``make test`` does).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .processes import free_port, stop

#: Who the servers run as when the tests run as root: nobody, so they are unprivileged.
NOBODY = 65534
APACHE_MODULES = ("mpm_event", "authz_core", "mime", "rewrite", "headers", "asis", "dir")
MODULE_DIR = Path("/usr/lib/apache2/modules")


class Missing(RuntimeError):
    """A web server the tests need is not installed."""


@dataclass
class Served:
    """A web server serving an export at ``url`` (``http://127.0.0.1:PORT``)."""

    name: str
    url: str
    process: subprocess.Popen
    work: Path

    def stop(self) -> None:
        stop(self.process)

    def log(self) -> str:
        found = self.work / "error.log"
        return found.read_text(encoding="utf-8", errors="replace")[-4000:] if found.exists() else ""


def binary(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        raise Missing(f"{name} is not installed: `make test` installs it "
                      f"(apt-get install -y nginx apache2), or install it yourself")
    return found


def readable(path: Path) -> None:
    """Let an unprivileged server read ``path``: every folder above it searchable."""
    for folder in [path, *path.parents]:
        if folder == Path("/"):
            break
        os.chmod(folder, os.stat(folder).st_mode | 0o755)


def _work(parent: Path, name: str) -> Path:
    work = parent / f"{name}-run"
    work.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chown(work, NOBODY, NOBODY)
    os.chmod(work, 0o777)
    return work


def _start(name: str, command: list[str], work: Path, port: int) -> Served:
    as_nobody = {"user": NOBODY, "group": NOBODY, "extra_groups": []} if os.geteuid() == 0 else {}
    process = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=open(work / "stderr.log", "wb"),
                               **as_nobody)
    served = Served(name, f"http://127.0.0.1:{port}", process, work)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} ended at start: {(work / 'stderr.log').read_text()} {served.log()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return served
        except OSError:
            time.sleep(0.05)
    served.stop()
    raise RuntimeError(f"{name} did not listen on {port} within 15 s: {served.log()}")


def nginx(export: Path, parent: Path) -> Served:
    """nginx serving ``export`` (``export/site``, ``export/nginx/*.conf``) in the foreground."""
    exe = binary("nginx")
    work, port = _work(parent, "nginx"), free_port()
    temps = "\n".join(f"    {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                        "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(f"""daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
{temps}
    include {export}/nginx/maps.conf;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {export}/nginx/site.conf;
    }}
}}
""", encoding="utf-8")
    return _start("nginx", [exe, "-e", str(work / "error.log"), "-p", str(work), "-c", str(work / "nginx.conf")],
                  work, port)


def apache(export: Path, parent: Path) -> Served:
    """Apache httpd serving ``export/site`` with its ``.htaccess`` (AllowOverride All), in the foreground."""
    exe = binary("apache2")
    work, port = _work(parent, "apache"), free_port()
    modules = "\n".join(f"LoadModule {m}_module {MODULE_DIR}/mod_{m}.so" for m in APACHE_MODULES)
    site = export / "site"
    (work / "httpd.conf").write_text(f"""ServerRoot {work}
{modules}
Listen 127.0.0.1:{port}
ServerName localhost
PidFile {work}/httpd.pid
DefaultRuntimeDir {work}
Mutex file:{work} default
ErrorLog {work}/error.log
LogLevel warn
TypesConfig /etc/mime.types
DocumentRoot {site}
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {site}>
    AllowOverride All
    Require all granted
</Directory>
""", encoding="utf-8")
    return _start("apache", [exe, "-f", str(work / "httpd.conf"), "-DFOREGROUND"], work, port)
