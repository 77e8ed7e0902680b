"""The same bytes as a static file, from the same WSGI server: the yardstick for page throughput.

``python -m benchmarks.static FILE PORT`` serves FILE at every path with
waitress on 127.0.0.1, so the difference to a Leidraad page is Leidraad's own
work (routing, conneg, cache look-up, headers), not the server's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from waitress import serve


def app_for(body: bytes):
    def app(_environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]

    return app


if __name__ == "__main__":
    serve(app_for(Path(sys.argv[1]).read_bytes()), host="127.0.0.1", port=int(sys.argv[2]), threads=8,
          ident="static")
