"""The remote store never passes on a part of an answer as the whole of it.

Virtuoso's "anytime" queries stop at the store's own time limit and send the rows found so far with status 200,
marked only by an ``X-SQL-State`` header.  A research tool that showed those rows would report wrong counts
without a word; the remote store turns such an answer into the time-limit error instead.  A stand-in store on
loopback answers each way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from leidraad.store.remote import RemoteStore

ROWS = b"""<?xml version="1.0"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="n"/></head><results>
<result><binding name="n"><literal>3</literal></binding></result></results></sparql>"""


class StandIn(BaseHTTPRequestHandler):
    """Answers every query with one row; ``incomplete`` marks it as Virtuoso marks an anytime answer."""

    incomplete = False

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+xml")
        if self.incomplete:
            self.send_header("X-SQL-State", "S1TAT")
            self.send_header("X-SQL-Message", "RC...: Returning incomplete results, query interrupted")
        self.send_header("Content-Length", str(len(ROWS)))
        self.end_headers()
        self.wfile.write(ROWS)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def store() -> Iterator[RemoteStore]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield RemoteStore.from_url(f"sparql+http://127.0.0.1:{server.server_address[1]}/sparql", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
        StandIn.incomplete = False


def test_a_complete_answer_is_read(store: RemoteStore) -> None:
    assert [row["n"].value for row in store.query("SELECT ?n {}")] == ["3"]


def test_an_anytime_answer_cut_at_the_stores_limit_is_a_time_limit_error_not_rows(store: RemoteStore) -> None:
    StandIn.incomplete = True
    with pytest.raises(TimeoutError, match="incomplete answer"):
        store.query("SELECT ?n {}")
