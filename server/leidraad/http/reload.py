"""Serve a new build without a restart and without dropping a request.

``leidraad build`` replaces ``dist/`` atomically; a running server keeps the
old graph in memory until told to reload (``kill -HUP <pid>`` when run by
``leidraad serve``).  :func:`reload` then, in order:

1. loads the new build into a fresh :class:`~leidraad.store.dataset.Dataset` -- if that
   fails (no build, a broken file) the old one stays in service, untouched;
2. starts a fresh query worker pool on it, builds its per-dataset indexes (:func:`leidraad.web.memo.warm`)
   and waits until a worker is ready;
3. swaps the dataset and the executor in: two reference assignments, so every
   request sees either the old build or the new one, never half of each store;
4. closes the old pool only after the longest a query may run, so queries
   already under way finish on the graph they started on.

Pages cached for the old build miss by themselves: caches are keyed by the
dataset's etag (:mod:`leidraad.web.memo`).
"""

from __future__ import annotations

import logging
import signal
import threading

from flask import Flask

from ..sparql.pool import WorkerPool
from ..store.dataset import Dataset
from ..web import memo
from . import endpoint as sparql
from .context import DATASET

log = logging.getLogger("leidraad")

#: How long to wait for the new pool's first worker before giving up on the reload.
READY_TIMEOUT = 120.0
_lock = threading.Lock()


def reload(app: Flask) -> bool:
    """Load the build in the app's ``dist`` and swap it in; False (old build kept) if it could not be loaded."""
    with _lock:  # one reload at a time
        old: Dataset = app.extensions[DATASET]
        try:
            new = Dataset.load(old.dist, store_url=str(app.config.get("STORE") or "") or None)
        except Exception as exc:  # any failure to load keeps the old build in service
            log.error("reload failed; still serving version %s (%s): %s", old.version, old.etag, exc)
            return False
        if new.etag == old.etag and not new.remote:
            log.info("reload: the build in %s is unchanged (%s)", old.dist, old.etag)
            return True
        service = app.extensions[sparql.EXTENSION]
        executor = sparql.make_executor(app, new)
        if isinstance(executor, WorkerPool):
            executor.start()
        memo.warm(new)  # its indexes, while the old build still serves (the workers load meanwhile)
        if isinstance(executor, WorkerPool):
            if not executor.wait_ready(READY_TIMEOUT):
                executor.close()
                log.error("reload failed: the new query workers did not start; still serving %s", old.version)
                return False
        retired = service.executor
        app.extensions[DATASET] = new
        service.executor = executor
        grace = float(app.config["QUERY_TIMEOUT"]) + 5.0
        timer = threading.Timer(grace, retired.close)
        timer.daemon = True
        timer.start()
        log.warning("reloaded: now serving version %s (%s), %d quads", new.version, new.etag, len(new))
        return True


def on_hangup(app: Flask) -> None:
    """Reload on SIGHUP, in a thread of its own so the signal handler returns at once."""

    def handler(_signum: int, _frame: object) -> None:
        threading.Thread(target=reload, args=(app,), name="leidraad-reload", daemon=True).start()

    signal.signal(signal.SIGHUP, handler)
