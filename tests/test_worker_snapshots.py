"""The query workers' snapshot folders go away however a server ends: closed, stopped, or killed.

Each pool writes its store into a folder ``leidraad-workers-<pid>-…``; a closed pool removed it only when the
process exited, and a process killed (a test server past its grace, a test run stopped by ``timeout``) never did:
over a hundred of them piled up in ``/tmp`` in a day of test runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from leidraad.http.app import create_app
from leidraad.sparql import snapshots
from leidraad.sparql.pool import WorkerPool

from tests.support.processes import free_port, stop

ROOT = Path(__file__).resolve().parent.parent


def _folders(parent: Path) -> list[Path]:
    return sorted(parent.rglob(snapshots.PREFIX + "*"))


def _ask(app) -> None:
    answer = app.test_client().get("/sparql", query_string={"query": "ASK {}", "format": "json"})
    assert answer.status_code == 200, answer.data[:300]


def test_closing_an_apps_pool_removes_its_snapshot_folder_at_once(fixture_dist: Path, tmp_path: Path) -> None:
    app = create_app(dist=fixture_dist, config={"WORKERS_DIR": str(tmp_path)})
    try:
        _ask(app)
        (folder,) = _folders(tmp_path)
        assert folder.name.startswith(f"{snapshots.PREFIX}{os.getpid()}-") and any(folder.iterdir())
    finally:
        app.extensions["leidraad.sparql"].executor.close()
    assert _folders(tmp_path) == []
    app.extensions["leidraad.sparql"].executor.close()  # twice is harmless


def test_the_sessions_apps_keep_their_snapshots_in_pytests_own_folder(app, workers_dir: Path) -> None:
    _ask(app)
    pool = app.extensions["leidraad.sparql"].executor
    assert isinstance(pool, WorkerPool)
    assert pool.snapshot is not None and workers_dir in pool.snapshot.parents


def test_a_killed_servers_folder_is_removed_by_the_next_pool_and_a_living_ones_kept(fixture_dist: Path,
                                                                                   tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")} | {
        "LEIDRAAD_DIST": str(fixture_dist), "LEIDRAAD_WORKERS_DIR": str(tmp_path),
        "LEIDRAAD_MAX_CONCURRENT_QUERIES": "1"}
    server = subprocess.Popen([sys.executable, "-m", "leidraad.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D&format=json", timeout=5)
                break
            except OSError:
                time.sleep(0.3)
        (left,) = _folders(tmp_path)
        assert left.name.startswith(f"{snapshots.PREFIX}{server.pid}-")
        server.send_signal(signal.SIGKILL)  # no handler, no exit: the folder stays
        server.wait(timeout=30)
    finally:
        stop(server)
    assert _folders(tmp_path) == [left]
    living = tmp_path / f"{snapshots.PREFIX}{os.getppid()}-x"  # a process that runs: whoever started pytest
    unnamed = tmp_path / f"{snapshots.PREFIX}abc123"            # made before folders carried a pid: nobody's to judge
    living.mkdir()
    unnamed.mkdir()
    app = create_app(dist=fixture_dist, config={"WORKERS_DIR": str(tmp_path), "MAX_CONCURRENT_QUERIES": 1})
    try:
        _ask(app)
        assert not left.exists() and living.exists() and unnamed.exists()
    finally:
        app.extensions["leidraad.sparql"].executor.close()
    assert _folders(tmp_path) == sorted([living, unnamed])


def test_a_test_run_leaves_no_snapshot_folder_behind(tmp_path: Path) -> None:
    """The session's apps, run as a test run runs them: nothing named leidraad-workers-* is left anywhere."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")} | {"TMPDIR": str(temp)}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                           "tests/test_sparql_protocol.py", "-k", "get_with_query_parameter or post_form"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "2 passed" in done.stdout
    assert _folders(temp) == []
