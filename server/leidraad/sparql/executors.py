"""Executors that run a query without worker processes: in this process, or on an external store.

:class:`InlineExecutor` has no time limit, so it is meant for trusted local
use (``leidraad query``, benchmarks of the raw engine); the HTTP endpoint on
the embedded store always uses :class:`.pool.WorkerPool`.
:class:`RemoteExecutor` sends the query to an external store, whose HTTP
timeout is the time limit.
"""

from __future__ import annotations

import math
from contextvars import ContextVar

import pyoxigraph as ox

from ..store.remote import RemoteStore, StoreUnavailable
from .errors import QueryFailed
from .evaluate import Job, Outcome, evaluate

#: A lower time limit for the queries run in this context (the HTTP admission sets it for clients it does not know yet).
TIME_CAP: ContextVar[float] = ContextVar("leidraad_time_cap", default=math.inf)

#: Idle workers a query run in this context must leave to others (the admission keeps one for proven clients).
KEEP_IDLE: ContextVar[int] = ContextVar("leidraad_keep_idle", default=0)

#: Query seconds this query's client used lately: a freed worker slot goes to the lightest waiter (.fair_slots).
QUERY_WEIGHT: ContextVar[float] = ContextVar("leidraad_query_weight", default=0.0)


def capped(timeout: float) -> float:
    """``timeout``, lowered to this context's :data:`TIME_CAP`."""
    return min(timeout, TIME_CAP.get())


class InlineExecutor:
    """Evaluates in this process: fast, but with no time limit (trusted use only)."""

    sandboxed = False

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def run(self, job: Job, _timeout: float) -> Outcome:
        return evaluate(self.store, job)

    def close(self) -> None:
        """Nothing to release."""


class RemoteExecutor:
    """Runs the endpoint's jobs on the external store; the HTTP timeout is the query's time limit.

    The same :func:`.evaluate.evaluate` writes the answer, so formats,
    row caps and truncation headers are those of the embedded store.
    """

    sandboxed = False

    def __init__(self, store: RemoteStore) -> None:
        self.store = store

    def run(self, job, timeout: float):
        timeout = capped(timeout)
        try:
            return evaluate(self.store.with_timeout(timeout), job)
        except TimeoutError:
            raise QueryFailed(
                503, "Query timed out",
                f"The store did not answer within the time limit of {timeout:g} s. "
                "Narrow the query down (LIMIT, more specific patterns).",
            ) from None
        except StoreUnavailable as exc:
            raise QueryFailed(503, "Store unavailable", str(exc)) from None

    def start(self) -> None:
        """Nothing to start: the store is already running."""

    def close(self) -> None:
        """Nothing to release."""
