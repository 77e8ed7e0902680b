"""A query worker's life in its sandbox: no network, capped memory, low priority.

Workers are cut off from the network: each moves into an empty network
namespace when the kernel allows it (Linux, with the privilege), so even a
``SERVICE`` call that slipped past :mod:`.guard` could reach nothing.  Each
then *proves* it: it tries to connect to a listener the server opened on
loopback (:func:`probe_listener`), and reports itself sandboxed only if that
fails.  The pool gives queries only to proven workers, unless the deployment
explicitly accepts the risk (``ALLOW_UNSANDBOXED_QUERIES=1``).  Each
caps its own address space once its store is loaded (``RLIMIT_AS``; a query
past it is stopped with 503).  A worker starts at the server's CPU priority, so
a quick query is answered as quickly as a page; the pool moves it to
:data:`WORKER_NICENESS` once a query of its has used more CPU than a quick one
ever does (:mod:`.pool`), so heavy queries yield to pages and quick queries.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import resource
import socket
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path

from ..store.dataset import open_store
from .errors import QueryFailed
from .evaluate import evaluate

log = logging.getLogger("leidraad.sparql")

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
#: How much lower a worker running a heavy query is put: it yields the CPU to pages and quick queries.
WORKER_NICENESS = 10
#: The longest path a Unix socket's address may have (108 bytes on Linux, less the terminating zero).
UNIX_SOCKET_PATH = 107
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
TOO_MUCH_MEMORY = ("The query needed more memory than one query may use and was stopped. "
                   "Narrow it down (LIMIT, more specific patterns) or ask for a smaller result.")


def _isolate_network() -> bool:
    """Move this process into an empty network namespace, if the kernel lets it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWNET) == 0 or libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def probe_listener() -> socket.socket:
    """A loopback listener the workers must fail to reach; the caller closes it."""
    return socket.create_server(("127.0.0.1", 0))


def _reaches(port: int | None) -> bool:
    """Whether this process can still connect to the server's probe listener on loopback."""
    if not port:
        return True  # nothing to prove isolation with: assume the worst
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


def _cap_memory(limit_bytes: int | None) -> None:
    """Cap this worker's address space, so an exploding query fails here instead of exhausting the machine.

    Set after the store is loaded; if the store alone already takes more than
    the cap, the worker keeps 256 MiB of headroom rather than failing every query.
    """
    if not limit_bytes:
        return
    statm = Path("/proc/self/statm")
    in_use = int(statm.read_text().split()[0]) * resource.getpagesize() if statm.exists() else 0
    if in_use >= limit_bytes:
        log.warning("the store takes %d MiB, more than the worker memory cap; raising the cap", in_use >> 20)
        limit_bytes = in_use + (256 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


def cpu_seconds(pid: int) -> float | None:
    """CPU time process ``pid`` has used so far (Linux ``/proc``), or None where it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime
    except (OSError, IndexError, ValueError):
        return None


def lower_priority(pid: int) -> None:
    """Put worker ``pid`` :data:`WORKER_NICENESS` below this process; nothing if it has just exited."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + WORKER_NICENESS))
    except (OSError, ValueError):
        pass


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes are made: forked from a server process that imported this module once, so a
    replacement costs a fork and the snapshot's opening, not an interpreter's start (spawn where there is none)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    if len(os.path.join(tempfile.gettempdir(), "pymp-xxxxxxxx", "listener-xxxxxxxx")) > UNIX_SOCKET_PATH:
        # the fork server listens on a socket in the temporary folder; under a long TMPDIR its address does not
        # fit, and no worker would ever start
        log.warning("the temporary folder's path is too long for the workers' fork server; spawning them")
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def worker_main(conn: Connection, snapshot: str, memory_limit: int | None = None, probe_port: int | None = None,
                isolate: bool = True) -> None:
    """A worker's life: isolate (and prove it), load the store once, cap its memory, then answer jobs.

    ``isolate=False`` skips the namespace, for the tests that check the proof notices.
    """
    sandboxed = (_isolate_network() if isolate else False) and not _reaches(probe_port)
    if not sandboxed:
        log.warning("a query worker is NOT cut off from the network (no network namespace)")
    store = open_store(snapshot, merged=True)  # the snapshot database, or N-Quads for another LEIDRAAD_ENGINE
    _cap_memory(memory_limit)
    conn.send(("ready", sandboxed))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", evaluate(store, job)))
        except QueryFailed as exc:
            conn.send(("failed", (exc.status, exc.title, exc.message)))
        except MemoryError:
            conn.send(("failed", (503, "Query too large", TOO_MUCH_MEMORY)))
        except Exception:  # a bug must not kill the worker silently; the client learns nothing of our internals
            log.exception("query worker failed on a query")
            conn.send(("failed", (500, "Query failed", "The query could not be answered; the error has been logged.")))
