"""A throwaway Virtuoso on loopback: for the integration test, the benchmarks and trying scale-out locally.

Debian's ``virtuoso-opensource-7-bin`` provides the server (``virtuoso-t``);
``make virtuoso`` installs it.  :class:`Virtuoso` writes a minimal
``virtuoso.ini`` into a fresh folder (database, log and ports all its own, both
ports on 127.0.0.1), starts the server in the foreground as a child process,
waits until ``/sparql`` answers and stops it on :meth:`stop`.  Nothing is
installed or left behind outside that folder.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import processes
from .processes import free_port

BINARY = "virtuoso-t"
USER, PASSWORD = "dba", "dba"  # Virtuoso's defaults for a new database; only ever on loopback

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
ServerThreads = 20
CheckpointInterval = 60
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 20
MaxClientConnections = 20
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = {timeout}
MaxQueryCostEstimationTime = 0
DefaultQuery = ASK {{}}
"""


class VirtuosoMissing(RuntimeError):
    """``virtuoso-t`` is not installed: run ``make virtuoso``."""


@dataclass
class Virtuoso:
    """One Virtuoso server in ``folder``; use as a context manager or call start()/stop()."""

    folder: Path
    memory_gib: float = 2.0
    timeout: int = 60
    http_port: int = field(default_factory=free_port)
    sql_port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def start(self, wait: float = 120.0) -> Virtuoso:
        binary = shutil.which(BINARY)
        if binary is None:
            raise VirtuosoMissing(f"{BINARY} not found: run 'make virtuoso' (Debian package virtuoso-opensource)")
        self.folder.mkdir(parents=True, exist_ok=True)
        buffers = int(self.memory_gib * 1024 * 1024 * 1024 * 0.66 / 8000)
        (self.folder / "virtuoso.ini").write_text(INI.format(
            dir=self.folder, sql_port=self.sql_port, http_port=self.http_port, buffers=buffers,
            dirty=buffers * 3 // 4, timeout=self.timeout,
        ))
        self.process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
            cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso exited with {self.process.returncode}: {self.log_tail()}")
            if self._answers():
                return self
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"virtuoso did not answer within {wait:g} s: {self.log_tail()}")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.endpoint + "?query=ASK%7B%7D", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def log_tail(self, lines: int = 15) -> str:
        log = self.folder / "virtuoso.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"

    def stop(self) -> None:
        processes.stop(self.process, grace=30)

    def __enter__(self) -> Virtuoso:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
