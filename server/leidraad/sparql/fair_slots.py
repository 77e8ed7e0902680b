"""Query slots handed out lightest client first: who used the least query time lately gets the next free slot.

A plain semaphore wakes whichever waiter the scheduler picks.  When every slot
is taken, the waiters are typically a few clients whose queries run to the time
limit, sent again at once, and a researcher whose query takes milliseconds; the
researcher should not wait behind them.  So each waiter carries a weight -- the
query seconds its client used lately, set by the admission through
:data:`.executors.QUERY_WEIGHT` -- and a freed slot goes to the lightest waiter,
the earliest among equals.  A waiter still gives up at its own time limit.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time


class FairSlots:
    """``size`` slots; :meth:`acquire` waits at most ``timeout`` seconds, lightest waiter first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._free = size
        self._cond = threading.Condition()
        self._waiting: list[tuple[float, int]] = []  # a heap of (weight, arrival)
        self._arrivals = itertools.count()

    def acquire(self, timeout: float, weight: float = 0.0) -> bool:
        """Take a slot; False if none came to this waiter within ``timeout`` seconds."""
        with self._cond:
            if self._free > 0 and not self._waiting:
                self._free -= 1
                return True
            me = (weight, next(self._arrivals))
            heapq.heappush(self._waiting, me)
            deadline = time.monotonic() + timeout
            while not (self._free > 0 and self._waiting[0] == me):
                left = deadline - time.monotonic()
                if left <= 0:
                    self._waiting.remove(me)
                    heapq.heapify(self._waiting)
                    self._cond.notify_all()  # the next lightest may take a slot this one leaves
                    return False
                self._cond.wait(left)
            heapq.heappop(self._waiting)
            self._free -= 1
            if self._free > 0 and self._waiting:
                self._cond.notify_all()
            return True

    def release(self) -> None:
        with self._cond:
            if self._free >= self.size:
                raise ValueError("released more often than acquired")
            self._free += 1
            self._cond.notify_all()

    def waiting(self) -> int:
        with self._cond:
            return len(self._waiting)
