"""The production server: waitress, with a connection cap per client, a read time-out and safe error pages.

waitress answers some requests itself, before the app sees them, and keeps
its limits global.  Three small extensions of its own classes close the gaps:

* **connections per client**: a client address with ``MAX_CONNECTIONS_PER_CLIENT``
  connections open has any further one closed at once, so one address cannot
  take the ``connection_limit`` everyone shares (slowloris from one address);
* **read time-out**: a request whose headers and body have not all arrived
  ``REQUEST_READ_TIMEOUT`` seconds after its first byte is dropped, however
  steadily it trickles (waitress's ``channel_timeout`` only drops silent ones);
* **security headers** on waitress's own error responses (413 body too large,
  431 headers too large, 400 malformed), as :mod:`.security` adds to the app's;
* **the lightest client first**: when every thread is busy, the next request
  served is the one whose client used the least CPU lately
  (:class:`.fair_share.RecentUse`), not the one that came first, so a flood of
  costly requests queues behind itself instead of in front of every reader.

Threads: enough for every query the app admits (:func:`.limits.query_capacity`)
plus :data:`.limits.PAGE_THREADS`, so pages always find one.  Behind a reverse
proxy every connection comes from the proxy: set ``MAX_CONNECTIONS_PER_CLIENT=0``
there and let the proxy cap connections per client (``docs/security.md``).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable

from flask import Flask
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher

from . import security
from .fair_share import FAIR_SHARE
from .limits import PAGE_THREADS, query_capacity

#: waitress's own settings for Leidraad (its defaults otherwise).
WAITRESS = {
    "ident": "leidraad",
    "channel_timeout": 30,    # an idle connection is closed after this many seconds
    "cleanup_interval": 1,    # how often idle and slow connections are looked for
    "connection_limit": 500,  # all clients together
    "asyncore_use_poll": True,  # poll(), not select(): no limit of 1024 descriptors
}


class FairQueue:
    """waitress's task queue (the ``append``/``popleft``/``len`` it uses), handing out the lightest client's
    request first, each client's own in arrival order.

    Nobody waits for ever: a client's recent use fades while its requests wait, so a heavy client becomes
    the lightest one once the others have used more than it since.
    """

    def __init__(self, weight: Callable[[str], float]) -> None:
        self.weight = weight
        self._tasks: list[object] = []  # in arrival order

    def append(self, task: object) -> None:
        self._tasks.append(task)

    def popleft(self) -> object:
        if not self._tasks:
            raise IndexError("pop from an empty queue")
        weights: dict[str, float] = {}
        best, lightest = 0, float("inf")
        for number, task in enumerate(self._tasks):
            host = _host(getattr(task, "channel", None))
            if host not in weights:
                weights[host] = self.weight(host)
            if weights[host] < lightest:
                best, lightest = number, weights[host]
        return self._tasks.pop(best)

    def __len__(self) -> int:
        return len(self._tasks)


class SecureErrorTask(ErrorTask):
    """waitress's own error responses, with the headers every response of ours carries."""

    def execute(self) -> None:
        self.response_headers.extend(security.HEADERS.items())
        super().execute()


class GuardedChannel(HTTPChannel):
    """A connection that knows when its current request began to arrive."""

    error_task_class = SecureErrorTask
    request_started: float | None = None

    def received(self, data: bytes) -> bool:
        if data and self.request is None and self.request_started is None:
            self.request_started = time.time()
        found = super().received(data)
        if self.request is None:  # nothing half-read: the next request's clock starts with its first byte
            self.request_started = None
        return found


class GuardedServer(TcpWSGIServer):
    """waitress's TCP server with a connection cap per client address and a read time-out per request."""

    channel_class = GuardedChannel
    per_client = 0
    read_timeout = 0.0

    def handle_accept(self) -> None:
        if self.per_client > 0:
            try:
                found = self.accept()
            except OSError:
                return
            if found is None:
                return
            conn, addr = found
            host = addr[0] if isinstance(addr, tuple) else addr
            open_here = sum(1 for channel in list(self.active_channels.values()) if _host(channel) == host)
            if open_here >= self.per_client:
                conn.close()
                return
            try:
                self.set_socket_options(conn)
            except OSError:
                conn.close()
                return
            self.channel_class(self, conn, self.fix_addr(addr), self.adj, map=self._map)
            return
        super().handle_accept()

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        if self.read_timeout <= 0:
            return
        cutoff = now - self.read_timeout
        for channel in list(self.active_channels.values()):
            started = getattr(channel, "request_started", None)
            if started is not None and started < cutoff:
                channel.will_close = True

    def open_per_client(self) -> Counter:
        return Counter(_host(channel) for channel in list(self.active_channels.values()))


def _host(channel: HTTPChannel) -> str:
    addr = getattr(channel, "addr", None)
    return addr[0] if isinstance(addr, tuple) else str(addr)


def threads_for(app: Flask, asked: int) -> int:
    """Request threads: what was asked, but at least every admitted query's plus the pages' own."""
    return max(asked, query_capacity(app.config) + PAGE_THREADS)


def make_server(app, host: str, port: int, threads: int, per_client: int = 0, read_timeout: float = 0.0,
                weight: Callable[[str], float] | None = None, **settings: object) -> TcpWSGIServer | MultiSocketServer:
    """A waitress server (not yet running) for ``app`` on ``host:port`` with the guards above.

    ``weight``: a client address's recent use; given, waiting requests are served lightest client first.
    """
    adj = Adjustments(host=host, port=port, threads=threads, **{**WAITRESS, **settings})
    dispatcher = ThreadedTaskDispatcher()
    if weight is not None:
        dispatcher.queue = FairQueue(weight)  # type: ignore[assignment]
    dispatcher.set_thread_count(adj.threads)
    socket_map: dict = {}
    servers = []
    for sockinfo in adj.listen:
        server = GuardedServer(app, socket_map, True, None, dispatcher=dispatcher, adj=adj, sockinfo=sockinfo)
        server.per_client = per_client
        server.read_timeout = read_timeout
        servers.append(server)
    if len(servers) == 1:
        return servers[0]
    return MultiSocketServer(socket_map, adj, [(s.effective_host, s.effective_port) for s in servers], dispatcher)


def serve(app: Flask, host: str, port: int, threads: int) -> None:
    """Serve ``app`` until interrupted, with the limits its settings name."""
    logging.basicConfig()
    server = make_server(
        app, host, port, threads_for(app, threads),
        per_client=int(app.config["MAX_CONNECTIONS_PER_CLIENT"]),
        read_timeout=float(app.config["REQUEST_READ_TIMEOUT"]),
        weight=app.extensions[FAIR_SHARE].recent.of,
        max_request_body_size=int(app.config["MAX_CONTENT_LENGTH"]),
    )
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
