"""The browser tests' one set of helpers: a Chromium, live servers, tabs, axe, the phone check and screenshots.

Registered as a pytest plugin in ``tests/conftest.py`` so every browser test module shares the same fixtures:
one Chromium for the whole session (launching one costs seconds on a busy machine) and one waitress server per
application (the page fixture's ``app``, the real build's ``real_app``), started the first time a test asks.
Playwright drives Debian's ``/usr/bin/chromium``; axe-core (vendored by ``scripts/vendor.sh``) is injected into
the pages under test only -- readers' pages never load it.  Screenshots land in ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
#: Where screenshots go: looked at by people, never compared by the tests.
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "server" / "leidraad" / "static" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: The WCAG levels the pages are held to.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
#: The phone width every page must fit without scrolling sideways, and the desktop width beside it.
PHONE, DESKTOP = 390, 1280


def serve(app: Any) -> Iterator[str]:
    """``app`` served by waitress on a free loopback port in a thread, for as long as the generator lives."""
    from waitress.server import create_server

    httpd = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=httpd.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.effective_port}"
    httpd.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for every browser test of the session; each test opens contexts of its own."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: 'make browser' installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def fixture_server(app) -> Iterator[str]:
    """The small page fixture (``tests/fixtures/pages.ttl``), served: its names are what the path tests follow."""
    yield from serve(app)


@pytest.fixture(scope="session")
def real_server(real_app) -> Iterator[str]:
    """The real build, whose long titles, tables and filters are what a phone must fit."""
    yield from serve(real_app)


@contextmanager
def open_tab(chromium: Any, lang: str = "en", width: int = DESKTOP, height: int = 900, **options: Any) -> Iterator[Any]:
    """A tab in a fresh context (``lang`` as the browser's locale), closed after; a script error fails the test.

    ``options`` go to ``new_context``: ``bypass_csp=True`` lets axe be injected, ``java_script_enabled=False``
    reads a page as a browser without scripts does.
    """
    context = chromium.new_context(locale=lang, viewport={"width": width, "height": height}, **options)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield tab
    finally:
        context.close()
    assert errors == [], errors


def with_lang(path: str, lang: str) -> str:
    """``path`` asking for the page in ``lang`` (the parameter every page reads)."""
    return path + ("&" if "?" in path else "?") + "lang=" + lang


_AXE_START = """([tags, contrast]) => { window.__leidraadAxe = axe.run(document, {resultTypes: ['violations'],
  runOnly: {type: 'tag', values: tags}, rules: {'color-contrast': {enabled: contrast}}}).then(result =>
  result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v =>
    `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3).map(n => n.target))}`)); }"""


def axe_findings(tab: Any, contrast: bool = True) -> list[str]:
    """axe-core's serious and critical findings on the page ``tab`` shows (its context needs ``bypass_csp``)."""
    return axe_findings_at_once([(tab, contrast)])[0]


def axe_findings_at_once(tabs: list[tuple[Any, bool]]) -> list[list[str]]:
    """axe-core's serious and critical findings on several tabs, run side by side: each tab of its own context
    has a renderer process of its own, so two cores check two pages in the time of one.

    ``contrast=False`` leaves out colour contrast -- most of axe's time on a long page -- for a tab whose page
    has had it checked already.
    """
    assert AXE.exists(), "axe-core is not vendored: 'make install' runs scripts/vendor.sh"
    for tab, contrast in tabs:
        if not tab.evaluate("typeof axe !== 'undefined'"):
            tab.add_script_tag(path=str(AXE))
        tab.evaluate(_AXE_START, [AXE_TAGS, contrast])  # started, not awaited
    return [tab.evaluate("() => window.__leidraadAxe") for tab, _ in tabs]


def overflow(tab: Any) -> int:
    """How many pixels the page is wider than the window (0 when a reader never scrolls sideways)."""
    scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return max(0, scroll - inner)


def shot(tab: Any, name: str, max_height: int | None = None, jpeg: bool = False) -> Path:
    """Save what ``tab`` shows as ``test-artifacts/<name>.png``: the window, or the page's top ``max_height`` px.

    ``jpeg=True`` saves ``<name>.jpg`` instead: a third of the encoding time, for a module taking hundreds.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.{'jpg' if jpeg else 'png'}"
    kind: dict[str, Any] = {"type": "jpeg", "quality": 80} if jpeg else {}
    if max_height is None:
        tab.screenshot(path=str(path), **kind)
    else:
        width, height = tab.evaluate("[window.innerWidth, document.documentElement.scrollHeight]")
        tab.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width,
                                                             "height": min(height, max_height)}, **kind)
    return path
