"""Running queries with a time limit that really stops them.

pyoxigraph cannot interrupt a query, and a thread cannot be killed, so every
public query runs in a worker *process*: a small pool of spawned processes,
each holding its own copy of the store, loaded once from a snapshot the
server writes of its own store (so workers never see a newer build than the
pages do).
A query that overruns its limit gets its worker killed (the work stops at
once) and a fresh worker is started in the background, while the other
workers, and every page request, go on being served.

Workers are also cut off from the network: each moves into an empty network
namespace when the kernel allows it (Linux, with the privilege), so even a
``SERVICE`` call that slipped past :mod:`server.query_guard` could reach
nothing.  Whether that worked is reported by :attr:`WorkerPool.sandboxed`.

Workers are kept from hurting the rest of the machine too: each caps its own
address space once its store is loaded (``RLIMIT_AS``; a query past it is
stopped with 503), runs at a lower CPU priority than the page threads, and
one loaded spare beyond the query slots replaces a killed worker at once.

:class:`InlineExecutor` evaluates in the calling process.  It has no time
limit, so it is meant for trusted local use (``leidraad query``, benchmarks of
the raw engine); the HTTP endpoint always uses the pool.  Both share
:func:`evaluate`, so their answers are the same byte for byte.
"""

from __future__ import annotations

import atexit
import ctypes
import logging
import multiprocessing
import os
import queue
import resource
import shutil
import signal
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from . import results
from .store import open_store

log = logging.getLogger("leidraad.sparql")

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
#: How long a worker may take to load the store before it is considered broken.
STARTUP_TIMEOUT = 120.0
#: Loaded workers kept beyond the query slots, so a worker killed at the time limit is replaced at once
#: (a fresh one takes seconds to load the store; without a spare, slow clients would starve quick ones).
SPARE_WORKERS = 1
#: Workers yield the CPU to the server process, so pages stay quick while queries grind to their limit.
WORKER_NICENESS = 10
#: Longest parser message passed on to the client.
MAX_MESSAGE_CHARS = 2_000
TOO_MUCH_MEMORY = ("The query needed more memory than one query may use and was stopped. "
                   "Narrow it down (LIMIT, more specific patterns) or ask for a smaller result.")


class QueryFailed(Exception):
    """A query that could not be answered; ``status`` is the HTTP status it deserves."""

    def __init__(self, status: int, title: str, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class Job:
    """One query to evaluate, with its dataset and the output wanted."""

    query: str
    format: str  # a results format name from server.conneg
    max_rows: int
    union_default_graph: bool = True
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """The serialised answer and what the endpoint reports about it."""

    body: bytes
    kind: str  # "solutions", "boolean" or "graph"
    rows: int
    truncated: bool
    seconds: float


def _dataset_arguments(job: Job) -> dict:
    if job.default_graphs is None and job.named_graphs is None:
        return {"use_default_graph_as_union": job.union_default_graph}
    return {
        "default_graph": [ox.NamedNode(iri) for iri in job.default_graphs or ()],
        "named_graphs": [ox.NamedNode(iri) for iri in job.named_graphs or ()],
    }


def evaluate(store: ox.Store, job: Job) -> Outcome:
    """Run ``job`` on ``store``; :class:`QueryFailed` (400) for a query the engine rejects."""
    started = time.perf_counter()
    try:
        answer = store.query(job.query, base_iri=job.base_iri, **_dataset_arguments(job))
    except SyntaxError as exc:
        raise QueryFailed(400, "Malformed query", str(exc)[:MAX_MESSAGE_CHARS]) from None
    except ValueError as exc:
        raise QueryFailed(400, "Invalid request", str(exc)[:MAX_MESSAGE_CHARS]) from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            body, kind, rows, truncated = _boolean(job, bool(answer))
        elif isinstance(answer, ox.QuerySolutions):
            body, kind, rows, truncated = _solutions(job, answer)
        else:
            body, kind, rows, truncated = _graph(job, answer)
    except OSError as exc:  # evaluation errors surface while iterating
        raise QueryFailed(400, "Query failed", str(exc)[:MAX_MESSAGE_CHARS]) from None
    return Outcome(body, kind, rows, truncated, time.perf_counter() - started)


def _boolean(job: Job, value: bool) -> tuple[bytes, str, int, bool]:
    if job.format not in results.BOOLEAN_FORMATS:
        raise QueryFailed(406, "Not Acceptable", f"an ASK result cannot be written as {job.format}")
    return results.write_boolean(job.format, value), "boolean", 1, False


def _solutions(job: Job, answer: ox.QuerySolutions) -> tuple[bytes, str, int, bool]:
    if job.format not in results.SOLUTION_FORMATS:
        raise QueryFailed(406, "Not Acceptable", f"SELECT results cannot be written as {job.format}")
    variables = [variable.value for variable in answer.variables]
    rows = [tuple(solution) for solution in islice(answer, job.max_rows + 1)]
    truncated = len(rows) > job.max_rows
    rows = rows[: job.max_rows]
    return results.write_solutions(job.format, variables, rows), "solutions", len(rows), truncated


def _graph(job: Job, answer: ox.QueryTriples) -> tuple[bytes, str, int, bool]:
    if job.format not in results.RDF_FORMATS:
        raise QueryFailed(406, "Not Acceptable", f"a graph result cannot be written as {job.format}")
    triples = list(islice(answer, job.max_rows + 1))
    truncated = len(triples) > job.max_rows
    triples = triples[: job.max_rows]
    used = {name: ns for name, ns in job.prefixes.items() if any(_mentions(t, ns) for t in triples)}
    return results.write_graph(job.format, triples, used), "graph", len(triples), truncated


def _mentions(triple: ox.Triple, namespace: str) -> bool:
    return any(isinstance(t, ox.NamedNode) and t.value.startswith(namespace) for t in triple)


class InlineExecutor:
    """Evaluates in this process: fast, but with no time limit (trusted use only)."""

    sandboxed = False

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def run(self, job: Job, timeout: float) -> Outcome:
        return evaluate(self.store, job)

    def close(self) -> None:
        """Nothing to release."""


def _isolate_network() -> bool:
    """Move this process into an empty network namespace, if the kernel lets it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWNET) == 0 or libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


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


def _worker_main(conn: Connection, nquads: str, memory_limit: int | None = None) -> None:
    """A worker's life: isolate, load the store once, cap its memory, then answer jobs until the pipe closes."""
    sandboxed = _isolate_network()
    os.nice(WORKER_NICENESS)
    store = open_store(nquads)  # Oxigraph, or rdflib when LEIDRAAD_ENGINE=rdflib (benchmarks)
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
        except Exception as exc:  # a bug must not kill the worker silently
            conn.send(("failed", (500, "Query failed", f"{type(exc).__name__}: {exc}"[:MAX_MESSAGE_CHARS])))


class _Worker:
    def __init__(self, context: multiprocessing.context.SpawnContext, nquads: Path | None,
                 memory_limit: int | None = None) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, str(nquads), memory_limit), daemon=True)
        self.process.start()
        child.close()
        self.sandboxed = False

    def wait_ready(self) -> bool:
        if not self.conn.poll(STARTUP_TIMEOUT):
            return False
        try:
            tag, sandboxed = self.conn.recv()
        except (EOFError, OSError):
            return False
        self.sandboxed = bool(sandboxed)
        return tag == "ready"

    def kill(self) -> None:
        """Stop the process and close its pipe; safe to call twice, from two threads.

        A reload closes the old pool in the background while the pool's owner
        may close it too, so the second close must find nothing left to do.
        """
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        try:
            self.conn.close()
        except OSError:  # already closed by the other caller
            pass


class WorkerPool:
    """A fixed number of worker processes; a query waits at most its time limit for one."""

    def __init__(self, store: ox.Store, size: int, memory_limit_mb: int = 0) -> None:
        self.store = store
        self.memory_limit = memory_limit_mb << 20 if memory_limit_mb > 0 else None
        self.nquads: Path | None = None
        self.size = max(1, size)
        self._slots = threading.BoundedSemaphore(self.size)  # queries evaluated at once
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._ready_once = threading.Event()
        self.sandboxed = False
        weakref.finalize(self, WorkerPool._kill_all, self._all)
        atexit.register(WorkerPool._kill_all, self._all)

    def wait_ready(self, timeout: float) -> bool:
        """Whether a worker is ready within ``timeout`` seconds (a reload swaps a pool in only then)."""
        return self._ready_once.wait(timeout)

    def start(self) -> None:
        """Start the workers in the background (idempotent); the first query also calls it."""
        with self._lock:
            if self._started:
                return
            self._started = True
            self.nquads = self._snapshot()
        for _ in range(self.size + SPARE_WORKERS):
            self._spawn_in_background()

    def _snapshot(self) -> Path:
        """The store as this process holds it, for the workers to load: never a newer build written since."""
        folder = Path(tempfile.mkdtemp(prefix="leidraad-workers-"))
        weakref.finalize(self, shutil.rmtree, folder, True)
        path = folder / "snapshot.nq"
        self.store.dump(str(path), format=ox.RdfFormat.N_QUADS)
        return path

    def _spawn_in_background(self) -> None:
        threading.Thread(target=self._spawn, name="leidraad-worker-start", daemon=True).start()

    def _spawn(self) -> None:
        if self._closed:
            return
        worker = _Worker(self._context, self.nquads, self.memory_limit)
        with self._lock:
            self._all.add(worker)
        if worker.wait_ready() and not self._closed:
            self.sandboxed = worker.sandboxed
            self._ready_once.set()
            self._idle.put(worker)
        else:
            if not self._closed:
                log.error("a query worker failed to start (exit code %s)", worker.process.exitcode)
            self._retire(worker, replace=False)

    def _retire(self, worker: _Worker, replace: bool = True) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        if replace and not self._closed:
            self._spawn_in_background()

    def run(self, job: Job, timeout: float) -> Outcome:
        self.start()
        # Waiting for a busy pool is bounded by the time limit; waiting for workers still loading, by their start-up.
        wait = timeout if self._ready_once.is_set() else STARTUP_TIMEOUT
        if not self._slots.acquire(timeout=wait):
            raise QueryFailed(
                503, "Busy", f"All {self.size} query slots stayed busy for {timeout:g} s; try again shortly.",
                retry_after=max(1, int(timeout)),
            )
        try:
            return self._run_in_worker(job, timeout, time.monotonic() + wait)
        finally:
            self._slots.release()

    def _run_in_worker(self, job: Job, timeout: float, deadline: float) -> Outcome:
        worker = self._acquire(deadline, timeout)
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self._retire(worker)
                raise QueryFailed(
                    503, "Query timed out",
                    f"The query ran longer than its time limit of {timeout:g} s and was stopped. "
                    "Narrow it down (LIMIT, more specific patterns) or ask for a smaller result.",
                )
            tag, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(worker)
            if self.memory_limit and worker.process.exitcode == -signal.SIGABRT:
                raise QueryFailed(503, "Query too large", TOO_MUCH_MEMORY) from None
            raise QueryFailed(
                400, "Query failed", "The query stopped the evaluator (too large or too deeply nested?)."
            ) from None
        self._idle.put(worker)
        if tag == "failed":
            raise QueryFailed(*payload)
        return payload

    def _acquire(self, deadline: float, timeout: float) -> _Worker:
        """An idle worker, waiting until ``deadline``; fails fast when no worker is alive or starting."""
        while True:
            try:
                return self._idle.get(timeout=min(0.2, max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                pass
            with self._lock:
                alive = bool(self._all)
            if not alive:
                raise QueryFailed(503, "Unavailable", "The query workers could not be started; see the server log.")
            if time.monotonic() >= deadline:
                raise QueryFailed(
                    503, "Busy", f"All {self.size} query workers stayed busy for {timeout:g} s; try again shortly.",
                    retry_after=max(1, int(timeout)),
                )

    def close(self) -> None:
        self._closed = True
        WorkerPool._kill_all(self._all)

    @staticmethod
    def _kill_all(workers: set[_Worker]) -> None:
        for worker in list(workers):
            worker.kill()
        workers.clear()
