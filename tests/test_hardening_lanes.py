"""The lightest client first, when the process has less CPU than its clients ask for (issue 16).

* the CPU each client used lately fades with a half-life (``http/fair_share.py`` ``RecentUse``);
* waiting requests are served lightest client first, each client's own in arrival order (``http/serving.py``);
* heavy clients share one lane: a second request of any of them while one runs is refused at once (429);
* a freed worker slot goes to the waiting query whose client used the least query time (``sparql/fair_slots.py``);
* a page asked for while it is being rendered is rendered once (``web/memo.py``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from flask import Flask
from leidraad.http.fair_share import FairShare, RecentUse, TokenBuckets
from leidraad.http.serving import FairQueue, make_server
from leidraad.sparql.fair_slots import FairSlots
from leidraad.web.memo import PageCache


def test_recent_use_halves_every_half_life_and_adds_up() -> None:
    now = [0.0]
    recent = RecentUse(half_life=5.0, clock=lambda: now[0])
    recent.add("a", 1.0)
    now[0] = 5.0
    assert recent.of("a") == pytest.approx(0.5)
    recent.add("a", 0.25)
    now[0] = 10.0
    assert recent.of("a") == pytest.approx(0.375)
    assert recent.of("never-seen") == 0.0
    assert recent.per_request("a") == pytest.approx(0.375 / 0.75)  # 1.5 requests, faded as the seconds did
    assert recent.per_request("never-seen") == 0.0


def _task(host: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(channel=SimpleNamespace(addr=(host, 40000)), name=name)


def test_waiting_requests_are_served_lightest_client_first_each_clients_in_order() -> None:
    use = {"192.0.2.1": 3.0, "192.0.2.2": 0.01, "192.0.2.3": 0.5}
    queue = FairQueue(lambda host: use.get(host, 0.0))
    for host, name in [("192.0.2.1", "flood-1"), ("192.0.2.1", "flood-2"), ("192.0.2.3", "middle"),
                       ("192.0.2.2", "reader-1"), ("192.0.2.2", "reader-2")]:
        queue.append(_task(host, name))
    assert len(queue) == 5 and queue
    assert [queue.popleft().name for _ in range(5)] == ["reader-1", "reader-2", "middle", "flood-1", "flood-2"]
    assert not queue
    with pytest.raises(IndexError):
        queue.popleft()


def test_the_server_queues_by_recent_use_when_told_whose() -> None:
    app = Flask(__name__)
    fair = make_server(app, "127.0.0.1", 0, 2, weight=lambda _host: 0.0)
    plain = make_server(app, "127.0.0.1", 0, 2)
    try:
        assert isinstance(fair.task_dispatcher.queue, FairQueue)
        assert not isinstance(plain.task_dispatcher.queue, FairQueue)
    finally:
        fair.close()
        plain.close()


def _blocking_app(inside: threading.Event, release: threading.Event) -> Callable:
    def app(environ: dict, start_response: Callable) -> list[bytes]:
        if environ["PATH_INFO"] == "/hold":
            inside.set()
            assert release.wait(30)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    return app


def _call(share: FairShare, client: str, path: str) -> tuple[str, dict[str, str]]:
    seen: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]], _exc=None) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    body = share({"PATH_INFO": path, "REMOTE_ADDR": client, "REQUEST_METHOD": "GET"}, start_response)
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return str(seen["status"]), seen["headers"]  # type: ignore[return-value]


def test_heavy_clients_share_one_lane_while_light_ones_pass() -> None:
    inside, release = threading.Event(), threading.Event()
    share = FairShare(_blocking_app(inside, release), rate=0, burst=0, min_cost=0, heavy=0.5)
    share.recent.add("192.0.2.10", 2.0)  # a flood of searches, lately
    share.recent.add("192.0.2.11", 0.9)  # another heavy client
    holder = threading.Thread(target=_call, args=(share, "192.0.2.10", "/hold"))
    holder.start()
    assert inside.wait(30)
    status, headers = _call(share, "192.0.2.11", "/")
    assert status.startswith("429") and headers["Retry-After"] == "1"
    assert _call(share, "192.0.2.10", "/")[0].startswith("429")  # its own second request too
    assert _call(share, "192.0.2.10", "/static/style.css")[0].startswith("200")  # its page still gets its styles
    assert _call(share, "192.0.2.12", "/")[0].startswith("200")  # a light client is not held up
    for _ in range(1000):  # a thousand cached pages: as much CPU as a heavy client, a millisecond each
        share.recent.add("192.0.2.13", 0.001)
    assert share.recent.of("192.0.2.13") >= 0.5
    assert _call(share, "192.0.2.13", "/")[0].startswith("200")  # many cheap requests are not heavy ones
    release.set()
    holder.join(30)
    assert _call(share, "192.0.2.11", "/")[0].startswith("200")  # the lane is free again
    assert share.recent.of("192.0.2.12") > 0  # every client's use is kept, budget or not


def test_without_a_threshold_there_is_no_lane() -> None:
    inside, release = threading.Event(), threading.Event()
    share = FairShare(_blocking_app(inside, release), rate=0, burst=0, min_cost=0, heavy=0.0)
    share.recent.add("192.0.2.20", 100.0)
    holder = threading.Thread(target=_call, args=(share, "192.0.2.20", "/hold"))
    holder.start()
    assert inside.wait(30)
    assert _call(share, "192.0.2.20", "/")[0].startswith("200")
    release.set()
    holder.join(30)


def test_a_freed_slot_goes_to_the_lightest_waiter_not_the_first() -> None:
    slots = FairSlots(1)
    assert slots.acquire(1.0)
    order: list[str] = []

    def wait(name: str, weight: float) -> None:
        if slots.acquire(30, weight):
            order.append(name)
            time.sleep(0.05)
            slots.release()

    heavy = threading.Thread(target=wait, args=("slow client", 3.0))
    heavy.start()
    while slots.waiting() < 1:
        time.sleep(0.01)
    light = threading.Thread(target=wait, args=("researcher", 0.0))
    light.start()
    while slots.waiting() < 2:
        time.sleep(0.01)
    slots.release()
    heavy.join(30)
    light.join(30)
    assert order == ["researcher", "slow client"]


def test_a_waiter_gives_up_at_its_time_limit_and_leaves_the_slot_to_the_next() -> None:
    slots = FairSlots(1)
    assert slots.acquire(1.0)
    started = time.monotonic()
    assert not slots.acquire(0.2, 0.0)
    assert 0.15 <= time.monotonic() - started < 5
    assert slots.waiting() == 0
    slots.release()
    assert slots.acquire(0.1, 9.0)
    with pytest.raises(ValueError):
        slots.release()
        slots.release()


def test_a_page_asked_for_while_it_renders_is_rendered_once() -> None:
    cache = PageCache()
    calls: list[int] = []
    started = threading.Event()

    def render() -> str:
        calls.append(1)
        started.set()
        time.sleep(0.3)
        return "<html>slow page</html>"

    threads = [threading.Thread(target=cache.get_or_render, args=("page", render))]
    threads[0].start()
    assert started.wait(30)
    threads += [threading.Thread(target=cache.get_or_render, args=("page", render)) for _ in range(5)]
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(calls) == 1
    assert cache.get_or_render("page", render) == b"<html>slow page</html>"


def test_a_query_budget_says_what_a_client_spent() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate=0.5, burst=3.0, clock=lambda: now[0])
    assert buckets.spent("new") == 0.0
    buckets.charge("slow", 1.0)
    assert buckets.spent("slow") == pytest.approx(1.0)
    now[0] = 1.0
    assert buckets.spent("slow") == pytest.approx(0.5)
