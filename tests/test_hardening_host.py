"""Second hardening round, first findings: no 5xx for a query the engine cannot run, and no trust in Host."""

from __future__ import annotations

import pytest

EVIL = "evil.example"


def test_an_unknown_extension_function_is_a_400_with_the_engines_message(real_app) -> None:
    response = real_app.test_client().get(
        "/sparql", query_string={"query": "SELECT (<http://example.org/f>(1) AS ?x) {}", "format": "json"},
        headers={"Accept": "text/plain"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "http://example.org/f" in body and "RuntimeError" not in body and "Traceback" not in body


@pytest.mark.parametrize("path", ["/dumps", "/browse", "/dumps?x=1", "/sparql?lang=en", "/doc/person/paul-t-hart/"])
def test_no_answer_names_the_host_a_client_sent(real_app, path) -> None:
    response = real_app.test_client().get(path, headers={"Host": EVIL, "Accept": "text/html"})
    assert response.status_code < 500
    assert EVIL not in response.headers.get("Location", "")
    assert EVIL not in response.get_data(as_text=True)


def test_sigterm_stops_the_server_and_leaves_no_worker_snapshot_behind(real_dist, tmp_path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    from tests.support.processes import free_port

    port, temp = free_port(), tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")} | {
        "LEIDRAAD_DIST": str(real_dist), "TMPDIR": str(temp), "LEIDRAAD_MAX_CONCURRENT_QUERIES": "1"}
    server = subprocess.Popen([sys.executable, "-m", "leidraad.cli", "serve", "--port", str(port)],
                              cwd=Path(__file__).resolve().parent.parent, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180  # a loaded machine starts slowly; SIGTERM only once it serves
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D&format=json", timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start serving"
                time.sleep(0.3)
        assert list(temp.glob("leidraad-workers-*"))  # the workers' snapshot while serving
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        assert list(temp.glob("leidraad-workers-*")) == []
    finally:
        if server.poll() is None:
            server.kill()


def test_workers_start_under_a_temporary_folder_too_long_for_the_fork_servers_socket(tmp_path, monkeypatch) -> None:
    """The fork server listens on a Unix socket in the temporary folder; when its path cannot hold that
    address, workers are spawned instead of never starting."""
    import tempfile

    from leidraad.sparql import sandbox

    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    assert sandbox.worker_context().get_start_method() == "spawn"
    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    assert sandbox.worker_context().get_start_method() == "forkserver"
