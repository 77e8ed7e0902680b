"""End to end in headless Chromium: frameworks drawn, index pages, text pages, search and the query page's results.

Each page kind is opened in Dutch and English at 1280 and 390 px on the real build: a phone never scrolls
sideways, and a screenshot of each lands in ``test-artifacts/`` to be looked at.  A keyboard alone reaches a
needle of the compass and follows it; axe finds nothing serious on the new pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser_pages import AXE, CHROMIUM, CHROMIUM_ARGS, _serve

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PAGES = {
    "compass": "/doc/framework/kompas-ambtelijk-leiderschap",
    "quadrant": "/doc/framework/vier-kenmerkende-posities",
    "index-persons": "/browse/persons",
    "index-persons-by-positions": "/browse/persons?sort=positions",
    "index-frameworks": "/browse/frameworks",
    "index-persons-by-role": "/browse/persons?role=respondent",
    "index-organisations-by-type": "/browse/organisations?type=Municipality",
    "text-contents": "/doc/text/ambtelijk-vakmanschap-reacties",
    "item-breadcrumbs": "/doc/item/kompas-ambtelijk-leiderschap-routes-1",
    "search-did-you-mean": "/search?q=dienend+leiderschp",
    "search-facet": "/search?q=leiderschap&page=2",
    "sparql-paged": "/sparql?format=html&page=2&query="
                    "SELECT+%3Fs+%3Fp+%3Fo+WHERE+%7B+%3Fs+a+foaf%3APerson+%3B+%3Fp+%3Fo+%7D",
}


@pytest.fixture(scope="module")
def reference_server(real_app) -> Iterator[str]:
    yield from _serve(real_app)


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: 'make browser' installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_reference_pages_fit_a_phone_and_are_photographed(chromium, reference_server, width, lang) -> None:
    context = chromium.new_context(locale=lang, viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    ARTIFACTS.mkdir(exist_ok=True)
    too_wide = {}
    for name, path in PAGES.items():
        response = tab.goto(reference_server + path + ("&" if "?" in path else "?") + "lang=" + lang)
        assert response is not None and response.status == 200, path
        assert tab.locator("html").get_attribute("lang") == lang
        scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            too_wide[name] = scroll
        tab.screenshot(path=str(ARTIFACTS / f"reference-{name}-{lang}-{width}.png"))
    context.close()
    assert too_wide == {} and errors == []


def test_the_compass_is_drawn_large_enough_to_read_and_a_keyboard_follows_a_needle(chromium, reference_server) -> None:
    context = chromium.new_context(locale="en", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(reference_server + PAGES["compass"] + "?lang=en")
    box = tab.locator("svg.compass-svg").bounding_box()
    assert box is not None and box["width"] >= 600
    tab.locator("svg.compass-svg a").first.focus()
    for _ in range(4):  # the first dimension, then its needles
        if tab.evaluate("document.activeElement.classList.contains('mark')"):
            break
        tab.keyboard.press("Tab")
    target = tab.evaluate("document.activeElement.getAttribute('href')")
    assert target.startswith("/doc/item/kompas-ambtelijk-leiderschap-naalden-")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.split("?")[0].endswith(target)
    context.close()


@pytest.mark.parametrize("path", [PAGES["compass"], PAGES["quadrant"], PAGES["index-persons"],
                                  PAGES["index-persons-by-role"], PAGES["index-organisations-by-type"],
                                  PAGES["index-frameworks"], PAGES["text-contents"], PAGES["search-did-you-mean"],
                                  PAGES["sparql-paged"]])
def test_reference_pages_have_no_serious_accessibility_violations(chromium, reference_server, path) -> None:
    context = chromium.new_context(bypass_csp=True, locale="nl-NL")
    tab = context.new_page()
    tab.goto(reference_server + path)
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    context.close()
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
