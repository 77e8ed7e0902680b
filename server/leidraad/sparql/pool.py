"""Running queries with a time limit that really stops them: a pool of worker processes.

pyoxigraph cannot interrupt a query, and a thread cannot be killed, so every
public query runs in a worker *process*: a small pool of spawned processes,
each opening, read-only, a snapshot the server writes of its own store once
(an Oxigraph database on disk: opened in milliseconds, not parsed; so workers
never see a newer build than the pages do).  A query that overruns its limit gets its worker killed (the work
stops at once) and a fresh worker is started in the background, while the
other workers, and every page request, go on being served.  One loaded spare
beyond the query slots replaces a killed worker at once.  What a worker does
inside its sandbox is :mod:`.sandbox`'s business; whether the network sandbox worked is reported by
:attr:`WorkerPool.sandboxed` (each worker proves it cannot reach a loopback listener of ours).  A worker that could
not prove it gets no queries -- they are answered 503 -- unless the pool was made with ``accept_unsandboxed=True``.
The snapshot's folder (:mod:`.snapshots`) goes when the pool closes or its process exits.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import queue
import shutil
import signal
import threading
import time
import weakref
from pathlib import Path

import pyoxigraph as ox

from ..store.dataset import write_snapshot
from . import snapshots
from .errors import QueryFailed
from .evaluate import Job, Outcome
from .executors import KEEP_IDLE, QUERY_WEIGHT, capped
from .fair_slots import FairSlots
from .sandbox import TOO_MUCH_MEMORY, cpu_seconds, lower_priority, probe_listener, worker_context, worker_main

log = logging.getLogger("leidraad.sparql")

#: How long a worker may take to load the store before it is considered broken.
STARTUP_TIMEOUT = 120.0
#: Loaded workers kept beyond the query slots, so a worker killed at the time limit is replaced at once
#: (a fresh one takes seconds to load the store; without a spare, slow clients would starve quick ones).
SPARE_WORKERS = 1
#: CPU seconds a query may use before its worker is moved to low priority: more than a quick query takes, so quick
#: queries run at the priority of pages while heavy ones yield (a worker cannot regain it: it is replaced after).
DEMOTE_AFTER = 0.1
#: How often a running query's CPU time is looked at, until its worker is moved to low priority.
DEMOTE_CHECK = 0.02
NOT_SANDBOXED = ("Queries are switched off: the query workers could not be cut off from the network on this "
                 "machine, so a query could reach other hosts. The operator can allow it anyway "
                 "(LEIDRAAD_ALLOW_UNSANDBOXED_QUERIES=1) or run the server where network namespaces are permitted.")


class _Worker:
    def __init__(self, context: multiprocessing.context.BaseContext, snapshot: Path | None,
                 memory_limit: int | None = None, probe_port: int | None = None, isolate: bool = True) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, daemon=True,
                                       args=(child, str(snapshot), memory_limit, probe_port, isolate))
        self.process.start()
        child.close()
        self.sandboxed = False
        self.demoted = False

    def cpu_seconds(self) -> float | None:
        return cpu_seconds(self.process.pid or 0)

    def demote(self) -> None:
        """Move the process to low CPU priority for good (an unprivileged process cannot move it back)."""
        self.demoted = True
        lower_priority(self.process.pid or 0)

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

    def __init__(self, store: ox.Store, size: int, memory_limit_mb: int = 0, accept_unsandboxed: bool = False,
                 isolate: bool = True, workers_dir: Path | str | None = None) -> None:
        self.store = store
        self.workers_dir = Path(workers_dir) if workers_dir else None  # where the snapshot's folder goes
        self.accept_unsandboxed = accept_unsandboxed
        self.isolate = isolate
        self._probe = probe_listener()
        weakref.finalize(self, self._probe.close)
        self.memory_limit = memory_limit_mb << 20 if memory_limit_mb > 0 else None
        self.snapshot: Path | None = None
        self._remove_snapshot: weakref.finalize | None = None
        self.size = max(1, size)
        self._slots = FairSlots(self.size)  # queries evaluated at once; a freed one goes to the lightest client
        self._context = worker_context()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._taking = threading.Lock()  # taking an idle worker only while more than KEEP_IDLE are idle
        self._started, self._closed, self._starting = False, False, 0
        self._ready_once = threading.Event()
        self.sandboxed = False
        weakref.finalize(self, WorkerPool._kill_all, self._all)
        atexit.register(WorkerPool._kill_all, self._all)

    def wait_ready(self, timeout: float) -> bool:
        """Whether a worker is ready within ``timeout`` seconds (a reload swaps a pool in only then)."""
        return self._ready_once.wait(timeout)

    def wait_full(self, timeout: float) -> bool:
        """Whether every slot's worker and the spare are loaded and idle within ``timeout`` seconds.

        ``leidraad serve`` waits for this before it accepts a connection: a first query must not wait for
        a worker still loading, nor a worker killed at a time limit find no spare while the others load.
        """
        deadline = time.monotonic() + timeout
        while self._idle.qsize() < self.size + SPARE_WORKERS and not self._closed:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return not self._closed

    def start(self) -> None:
        """Start the workers in the background (idempotent); the first query also calls it."""
        with self._lock:
            if self._started:
                return
            self._started = True
            self.snapshot = self._snapshot()
        for _ in range(self.size + SPARE_WORKERS):
            self._spawn_in_background()

    def _snapshot(self) -> Path:
        """The store as this process holds it, for the workers to open: never a newer build written since."""
        folder = snapshots.new_folder(self.workers_dir)
        self._remove_snapshot = weakref.finalize(self, shutil.rmtree, folder, True)
        return write_snapshot(self.store, folder)

    def _spawn_in_background(self) -> None:
        with self._lock:
            self._starting += 1  # alive from now on: a query waits for it rather than being told none will come
        threading.Thread(target=self._spawn, name="leidraad-worker-start", daemon=True).start()

    def _spawn(self) -> None:
        try:
            if self._closed:
                return
            worker = _Worker(self._context, self.snapshot, self.memory_limit, self._probe.getsockname()[1],
                             self.isolate)
            with self._lock:
                self._all.add(worker)
        finally:
            with self._lock:
                self._starting -= 1
        if worker.wait_ready() and not self._closed:
            self.sandboxed = worker.sandboxed and (self.sandboxed or not self._ready_once.is_set())
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
        timeout = capped(timeout)  # a client the server does not know yet gets a shorter limit (http/limits.py)
        # Waiting for a busy pool is bounded by the time limit; waiting for workers still loading, by their start-up.
        wait = timeout if self._ready_once.is_set() else STARTUP_TIMEOUT
        if not self._slots.acquire(wait, QUERY_WEIGHT.get()):
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
        if not worker.sandboxed and not self.accept_unsandboxed:
            self._idle.put(worker)
            raise QueryFailed(503, "Queries switched off", NOT_SANDBOXED, retry_after=3600)
        try:
            worker.conn.send(job)
            if not self._answered(worker, timeout):
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
        if worker.demoted:  # a heavy query ran here: a fresh worker at the pages' priority takes its place
            self._retire(worker)
        else:
            self._idle.put(worker)
        if tag == "failed":
            raise QueryFailed(*payload)
        return payload

    @staticmethod
    def _answered(worker: _Worker, timeout: float) -> bool:
        """Whether the answer came within ``timeout``; a query past :data:`DEMOTE_AFTER` of CPU is demoted."""
        started, deadline = worker.cpu_seconds(), time.monotonic() + timeout
        began = time.monotonic()
        while not worker.demoted:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if worker.conn.poll(min(DEMOTE_CHECK, left)):
                return True
            now = worker.cpu_seconds()
            spent = now - started if now is not None and started is not None else time.monotonic() - began
            if spent >= DEMOTE_AFTER:
                worker.demote()
        return worker.conn.poll(max(0.0, deadline - time.monotonic()))

    def _acquire(self, deadline: float, timeout: float) -> _Worker:
        """An idle worker, waiting until ``deadline``; fails fast when no worker is alive or starting."""
        keep = KEEP_IDLE.get()  # idle workers this query must leave for others (a client not yet proven)
        while True:
            try:
                with self._taking:
                    if self._idle.qsize() > keep:
                        return self._idle.get_nowait()
                if not keep:
                    return self._idle.get(timeout=min(0.2, max(0.0, deadline - time.monotonic())))
                time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                pass
            with self._lock:
                alive = bool(self._all) or self._starting > 0
            if not alive:
                raise QueryFailed(503, "Unavailable", "The query workers could not be started; see the server log.")
            if time.monotonic() >= deadline:
                raise QueryFailed(
                    503, "Busy", f"All {self.size} query workers stayed busy for {timeout:g} s; try again shortly.",
                    retry_after=max(1, int(timeout)),
                )

    def close(self) -> None:
        """Stop the workers and remove their snapshot; safe to call twice."""
        self._closed = True
        WorkerPool._kill_all(self._all)
        self._probe.close()
        with self._lock:  # not while start() writes it
            if self._remove_snapshot is not None:
                self._remove_snapshot()

    def isolation(self) -> str:
        """For /health: "proven" (every worker so far is cut off), "absent", "accepted" (absent, allowed) or
        "unknown" (no worker has started yet)."""
        if not self._ready_once.is_set():
            return "unknown"
        if self.sandboxed:
            return "proven"
        return "accepted" if self.accept_unsandboxed else "absent"

    @staticmethod
    def _kill_all(workers: set[_Worker]) -> None:
        for worker in list(workers):
            worker.kill()
        workers.clear()
