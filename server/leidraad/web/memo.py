"""Caches keyed by the dataset's etag.

The data is immutable between builds, so anything computed from it -- the
label index, the search index, a rendered page -- stays valid for as long as
the dataset's etag is unchanged.  A new build has a new etag and so misses
every old entry; the page cache is bounded so old entries age out.

Indexes are built when a dataset is loaded, not by the first request that needs one: each module
that keeps one registers how to build it (:func:`built_on_load`), and :func:`warm` builds them all
before the server accepts connections or a reload swaps the new build in.  Built lazily, the first
requests after a start (a flood of searches, a reader's first pages) paid for them all at once,
holding the interpreter for seconds while everyone else waited.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from ..store.dataset import Dataset

T = TypeVar("T")
log = logging.getLogger("leidraad")

_indexes: dict[tuple[str, str], object] = {}
_lock = threading.Lock()
_building: dict[tuple[str, str], threading.Lock] = {}
_on_load: list[Callable[[Dataset], object]] = []


def per_dataset(ds: Dataset, name: str, build: Callable[[Dataset], T]) -> T:
    """``build(ds)`` once per dataset state.

    Concurrent first calls wait for the one that builds: a flood of first requests (a dozen searches at once
    after a start or a reload) must not build the same index a dozen times over and starve everyone else.
    """
    key = (ds.etag, name)
    found = _indexes.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    with _lock:
        building = _building.setdefault(key, threading.Lock())
    with building:
        found = _indexes.get(key)
        if found is None:
            found = build(ds)
            with _lock:
                _indexes[key] = found
                _building.pop(key, None)
    return found  # type: ignore[return-value]


def built_on_load(warmer: Callable[[Dataset], T]) -> Callable[[Dataset], T]:
    """Register ``warmer`` (which calls :func:`per_dataset`) to run by :func:`warm`; returns it unchanged."""
    _on_load.append(warmer)
    return warmer


def warm(ds: Dataset) -> dict[str, float]:
    """Build every registered per-dataset index for ``ds`` now; the CPU seconds each took, by warmer."""
    took: dict[str, float] = {}
    for warmer in list(_on_load):
        name, started = f"{warmer.__module__}.{warmer.__qualname__}", time.thread_time()
        try:
            warmer(ds)
        except Exception:  # an external store that is down: the first request builds it, or says why it cannot
            log.exception("could not build %s when the dataset was loaded", name)
        took[name] = time.thread_time() - started
    return took


def built(ds: Dataset) -> set[str]:
    """The names of the indexes built for ``ds`` so far."""
    with _lock:
        return {name for etag, name in _indexes if etag == ds.etag}


class PageCache:
    """A least-recently-used cache of rendered bodies, bounded in entries and in bytes.

    A page asked for again while it is being rendered waits for that render instead of starting its own:
    after a start, a reader and a flood asking for the same uncached page at once render it once.
    """

    def __init__(self, size: int = 2000, max_bytes: int = 64_000_000) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._rendering: dict[Hashable, threading.Lock] = {}

    def _cached(self, key: Hashable) -> bytes | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return None

    def get_or_render(self, key: Hashable, render: Callable[[], str | bytes]) -> bytes:
        found = self._cached(key)
        if found is not None:
            return found
        with self._lock:
            rendering = self._rendering.setdefault(key, threading.Lock())
        with rendering:
            found = self._cached(key)
            if found is not None:
                return found
            try:
                return self._render(key, render)
            finally:
                with self._lock:
                    self._rendering.pop(key, None)

    def _render(self, key: Hashable, render: Callable[[], str | bytes]) -> bytes:
        body = render()
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self.bytes -= len(self._items.pop(key, b""))
            self._items[key] = data
            self.bytes += len(data)
            while len(self._items) > self.size or self.bytes > self.max_bytes:
                self.bytes -= len(self._items.popitem(last=False)[1])
        return data


pages = PageCache()
