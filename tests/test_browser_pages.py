"""End to end in headless Chromium: a reader's path through the pages, and an accessibility check.

The fixture build is served by waitress on a free loopback port; Playwright
drives Debian's ``/usr/bin/chromium``.  Screenshots go to ``test-artifacts/``.
axe-core (vendored by ``scripts/vendor.sh``) is injected into the pages under
test only -- readers' pages never load it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "server" / "leidraad" / "static" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

#: The main page types checked with axe-core.
AXE_PAGES = ("/", "/doc/person/bert-jansen", "/doc/concept/dienend-leiderschap", "/doc/framework/kwadrant",
             "/doc/framework/kompas", "/doc/text/bundel", "/search?q=leiderschap", "/def", "/models", "/stances",
             "/browse/persons", "/doc/nothing-here")


def _serve(app) -> Iterator[str]:
    from waitress.server import create_server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    httpd = create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=httpd.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    httpd.close()


@pytest.fixture(scope="module")
def server(app) -> Iterator[str]:
    yield from _serve(app)


@pytest.fixture(scope="module")
def real_server(real_app) -> Iterator[str]:
    """The real build, whose long titles and filters are what a phone must fit."""
    yield from _serve(real_app)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: 'make browser' installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], errors


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pages-{name}.png"), full_page=True)


def test_reader_goes_from_home_to_a_person_a_concept_switches_language_searches_and_opens_a_framework(page, server):
    page.goto(server + "/")
    shot(page, "1-home")
    page.get_by_role("link", name="Personen").first.click()
    page.get_by_role("link", name="Bert Jansen").click()
    assert page.locator("h1").inner_text() == "Bert Jansen"
    shot(page, "2-person")

    page.locator("#h-positions").locator("xpath=..").get_by_role("link", name="dienend leiderschap").first.click()
    assert page.locator("h1").inner_text() == "dienend leiderschap"
    shot(page, "3-concept")

    page.locator("a.lang-switch").click()
    assert page.locator("h1").inner_text() == "servant leadership"
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "4-concept-en")

    box = page.locator("#site-q")
    box.fill("compass")
    page.locator(".suggestions a").first.wait_for()
    shot(page, "5-typeahead")
    box.press("Enter")
    page.wait_for_url("**/search?q=compass")
    page.locator("ol.hits a", has_text="test compass").click()
    assert page.locator("h1").inner_text() == "test compass"
    assert page.locator("section.framework table.compass-table tbody th[scope=row]").count() == 2
    assert page.locator("section.framework svg.compass-svg a.mark").count() == 4
    shot(page, "6-framework")


def test_search_and_pages_work_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="en")
    tab = context.new_page()
    tab.goto(server + "/")
    tab.fill("#site-q", "integrity")
    tab.press("#site-q", "Enter")
    tab.wait_for_url("**/search?q=integrity")
    assert tab.locator("ol.hits li").count() >= 1
    shot(tab, "7-no-js-search")
    context.close()


def test_keyboard_reaches_the_search_box_and_typeahead(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-q"
    page.keyboard.type("dienend")
    page.locator(".suggestions a").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/doc/**")


def test_markup_in_data_is_not_executed(page, server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/doc/concept/integriteit")
    assert "<script>alert(1)</script>" in page.locator("p.definition").inner_text()
    assert dialogs == []


@pytest.mark.parametrize("path", AXE_PAGES)
def test_main_page_types_have_no_serious_accessibility_violations(browser, server, path):
    assert AXE.exists(), "axe-core is not vendored: 'make install' runs scripts/vendor.sh"
    context = browser.new_context(bypass_csp=True, locale="nl-NL")
    tab = context.new_page()
    tab.goto(server + path)
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("path", ["/browse/persons", "/stances", "/doc/concept/dienend-leiderschap"])
def test_no_page_is_wider_than_a_phone(browser, real_server, path):
    context = browser.new_context(locale="en", viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(real_server + path)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
