"""End to end in headless Chromium: a reader's path through the pages, the keyboard, and pages without scripts.

The page fixture is served by waitress on a free loopback port; Playwright drives Debian's ``/usr/bin/chromium``
(both from ``tests/support/browser.py``).  Screenshots go to ``test-artifacts/``.  Every page kind's phone width
and accessibility are checked in ``test_browser_every_page.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.browser import open_tab, shot

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(chromium) -> Iterator:
    with open_tab(chromium, lang="nl-NL", width=1200) as tab:
        yield tab


def test_reader_goes_from_home_to_a_person_a_concept_switches_language_searches_and_opens_a_framework(page,
                                                                                                   fixture_server):
    page.goto(fixture_server + "/")
    shot(page, "pages-1-home")
    page.get_by_role("link", name="Personen").first.click()
    page.get_by_role("link", name="Bert Jansen").click()
    assert page.locator("h1").inner_text() == "Bert Jansen"
    shot(page, "pages-2-person")

    page.locator("#h-positions").locator("xpath=..").get_by_role("link", name="dienend leiderschap").first.click()
    assert page.locator("h1").inner_text() == "dienend leiderschap"
    shot(page, "pages-3-concept")

    page.locator("a.lang-switch").click()
    assert page.locator("h1").inner_text() == "servant leadership"
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "pages-4-concept-en")

    box = page.locator("#site-q")
    box.fill("compass")
    page.locator(".suggestions a").first.wait_for()
    shot(page, "pages-5-typeahead")
    box.press("Enter")
    page.wait_for_url("**/search?q=compass")
    page.locator("ol.hits a", has_text="test compass").click()
    assert page.locator("h1").inner_text() == "test compass"
    assert page.locator("section.framework table.compass-table tbody th[scope=row]").count() == 2
    assert page.locator("section.framework svg.compass-svg a.mark").count() == 4
    shot(page, "pages-6-framework")


def test_search_and_pages_work_without_javascript(chromium, fixture_server):
    with open_tab(chromium, lang="en", java_script_enabled=False) as tab:
        tab.goto(fixture_server + "/")
        tab.fill("#site-q", "integrity")
        tab.press("#site-q", "Enter")
        tab.wait_for_url("**/search?q=integrity")
        assert tab.locator("ol.hits li").count() >= 1
        shot(tab, "pages-7-no-js-search")


def test_keyboard_reaches_the_search_box_and_typeahead(page, fixture_server):
    page.goto(fixture_server + "/")
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


def test_markup_in_data_is_not_executed(page, fixture_server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(fixture_server + "/doc/concept/integriteit")
    assert "<script>alert(1)</script>" in page.locator("p.definition").inner_text()
    assert dialogs == []
