"""End to end in headless Chromium: the views built for arguments, the downloads page and the query page's keys.

Each new page kind is opened in Dutch and English at 1280 and 390 px on the real build: a phone never scrolls
sideways, and a screenshot of each lands in ``test-artifacts/`` to be looked at.  A keyboard alone reaches a
mark of the debate explorer and follows it, and walks the query page from its editor to Run without a trap.
The query page's result columns sort by their header buttons, and its editor completes the ontology's terms.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from test_browser_pages import AXE, CHROMIUM, CHROMIUM_ARGS, _serve

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CLAIM = "/doc/claim/gemeentelijke-organisatiemodellen--minder-integraliteit-hoeft-niet-erg-te-zijn"
#: The new page kinds, by name (for the screenshots) and path.
PAGES = {
    "debate": "/stances",
    "debate-filtered": "/stances?text=https%3A%2F%2Fw3id.org%2Fleidraad%2Fid%2Ftext%2Fambtelijk-vakmanschap-reacties"
                       "&voice=reported",
    "debate-kind": "/stances?kind=cited",
    "reading": "/reading/ambtelijk-vakmanschap-reacties",
    "comparison": "/compare/dienend-leiderschap",
    "comparisons": "/comparisons",
    "downloads": "/dumps/",
    "claim-tree": CLAIM,
    "sparql": "/sparql",
}


@pytest.fixture(scope="module")
def views_server(real_app) -> Iterator[str]:
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
def test_new_pages_fit_a_phone_and_are_photographed(chromium, views_server, width, lang) -> None:
    context = chromium.new_context(locale=lang, viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    ARTIFACTS.mkdir(exist_ok=True)
    too_wide = {}
    for name, path in PAGES.items():
        response = tab.goto(views_server + path + ("&" if "?" in path else "?") + "lang=" + lang)
        assert response is not None and response.status == 200, path
        assert tab.locator("html").get_attribute("lang") == lang
        scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            too_wide[name] = scroll
        tab.screenshot(path=str(ARTIFACTS / f"views-{name}-{lang}-{width}.png"))
    context.close()
    assert too_wide == {} and errors == []


def test_a_keyboard_reaches_a_mark_of_the_debate_explorer_and_follows_it(chromium, views_server) -> None:
    context = chromium.new_context(locale="en", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(views_server + "/stances?lang=en")
    tab.focus("button[type=submit] >> text=Show")
    for _ in range(40):  # the legend's links, then the first subject, then its marks
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.closest('svg.debate-bar') !== null"):
            break
    mark = tab.evaluate("document.activeElement.getAttribute('href')")
    assert mark and mark.startswith("#t1-")
    tab.keyboard.press("Enter")
    tab.wait_for_function("location.hash.length > 1")
    assert tab.evaluate("location.hash") == mark
    assert tab.locator(mark).is_visible()
    tab.locator(mark).screenshot(path=str(ARTIFACTS / "views-debate-group-en-1280.png"))
    context.close()


def test_tab_walks_the_query_page_through_the_editor_to_run_and_ctrl_enter_runs(chromium, views_server) -> None:
    context = chromium.new_context(locale="en", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(views_server + "/sparql?lang=en")
    tab.wait_for_selector(".CodeMirror")
    visited = []
    for _ in range(60):
        tab.keyboard.press("Tab")
        visited.append(tab.evaluate("document.activeElement.closest('.CodeMirror') ? 'editor' "
                                    ": document.activeElement.id || document.activeElement.tagName"))
        if visited[-1] == "sparql-run":
            break
    assert "editor" in visited and visited[-1] == "sparql-run"
    assert visited[visited.index("editor") + 1] == "sparql-format"  # Tab left the editor at once
    label = tab.evaluate("document.querySelector('.CodeMirror textarea').getAttribute('aria-labelledby')")
    assert tab.locator("#" + label).inner_text() == "Query"
    contrast = tab.evaluate("""() => {
      const lum = c => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const n = document.querySelector('.CodeMirror-linenumber');
      const fg = lum(getComputedStyle(n).color);
      const bg = lum(getComputedStyle(document.querySelector('.CodeMirror-gutters')).backgroundColor);
      return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05); }""")
    assert contrast >= 4.5
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Shift+Tab")
    assert tab.evaluate("document.activeElement.closest('.CodeMirror') !== null")
    tab.keyboard.press("Control+a")
    tab.keyboard.type("SELECT (1 AS ?one) WHERE {}")
    with tab.expect_navigation():
        tab.keyboard.press("Control+Enter")
    assert tab.locator("#sparql-table td").first.inner_text().startswith("1")
    tab.screenshot(path=str(ARTIFACTS / "views-sparql-after-run-en-1280.png"))
    context.close()


def test_a_result_column_sorts_the_page_by_its_header_button(chromium, views_server) -> None:
    context = chromium.new_context(locale="en", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    query = ("SELECT ?text (COUNT(?p) AS ?n) WHERE { ?p a lei:Position ; lei:statedIn ?text } "
             "GROUP BY ?text ORDER BY ?text")
    tab.goto(views_server + "/sparql?" + urlencode({"format": "html", "lang": "en", "query": query}))

    def counts() -> list[int]:
        return [int(c.split()[0]) for c in tab.locator("#sparql-table tbody td:nth-child(2)").all_inner_texts()]

    served = counts()
    assert len(served) > 5 and served != sorted(served)  # the server's order is not already the numeric one
    header = tab.locator("#sparql-table th").nth(1)
    assert header.get_attribute("aria-sort") is None
    header.locator("button").click()
    assert counts() == sorted(served) and header.get_attribute("aria-sort") == "ascending"
    header.locator("button").press("Enter")  # a keyboard sorts too: the header is a real button
    assert counts() == sorted(served, reverse=True) and header.get_attribute("aria-sort") == "descending"
    first = tab.locator("#sparql-table th").nth(0)
    first.locator("button").click()
    names = tab.locator("#sparql-table tbody td:nth-child(1) a").all_inner_texts()
    assert names == sorted(names, key=_folded) and header.get_attribute("aria-sort") is None
    assert first.get_attribute("aria-sort") == "ascending"
    assert "Sorted by text, ascending" in tab.locator("#sparql-sort-status").inner_text()
    tab.screenshot(path=str(ARTIFACTS / "views-sparql-sorted-en-1280.png"))
    context.close()


def _until(condition: Callable[[], bool], seconds: float = 5) -> None:
    """Wait for what the page shows to catch up with the keys typed (no script evaluated: the page's CSP)."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the page did not catch up"
        time.sleep(0.05)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower().strip()


def test_typing_a_prefixed_name_offers_the_ontologys_terms_and_enter_takes_one(chromium, views_server) -> None:
    context = chromium.new_context(locale="nl", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(views_server + "/sparql?lang=nl")
    tab.wait_for_selector(".CodeMirror")
    tab.locator(".CodeMirror-line").last.click()
    tab.keyboard.press("Control+End")
    tab.keyboard.type("\n?x a lei:Cl")
    hints = tab.locator(".CodeMirror-hints [role=option]")
    _until(lambda: all(h.lower().startswith("lei:cl") for h in hints.all_inner_texts()))  # the list caught up
    assert hints.first.inner_text().split() == ["lei:Claim", "bewering", "·", "klasse"]
    listbox = tab.evaluate("document.querySelector('.CodeMirror textarea').getAttribute('aria-activedescendant')")
    assert listbox == hints.first.get_attribute("id")  # a screen reader hears the option chosen
    tab.screenshot(path=str(ARTIFACTS / "views-sparql-completion-nl-1280.png"))
    tab.keyboard.press("Enter")
    text = tab.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert text.endswith("?x a lei:Claim") and tab.locator(".CodeMirror-hints").count() == 0
    tab.keyboard.type(" .\nPREFIX ")
    _until(lambda: hints.all_inner_texts()[:1] == ["lei: <https://w3id.org/leidraad/def#>"])
    tab.keyboard.press("Escape")
    tab.keyboard.type("\n?y sk")  # a bare word offers nothing while typing, the prefixes it starts when asked
    assert tab.locator(".CodeMirror-hints").count() == 0
    tab.keyboard.press("Control+Space")
    _until(lambda: hints.all_inner_texts()[:1] == ["skos: http://www.w3.org/2004/02/skos/core#"])
    tab.keyboard.press("Tab")  # the open list does not keep the keyboard in the editor
    assert tab.evaluate("document.activeElement.id") == "sparql-format"
    tab.locator(".CodeMirror-hints").wait_for(state="detached")
    context.close()


@pytest.mark.parametrize("path", ["/stances?voice=reported", "/stances?kind=respondent", PAGES["comparison"],
                                  PAGES["downloads"], CLAIM, "/sparql", "/reading/gemeentelijke-organisatiemodellen"])
def test_new_pages_have_no_serious_accessibility_violations(chromium, views_server, path) -> None:
    context = chromium.new_context(bypass_csp=True, locale="nl-NL")
    tab = context.new_page()
    tab.goto(views_server + path)
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    context.close()
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_models_page_fits_a_phone_and_has_no_serious_accessibility_violations(chromium, views_server, width,
                                                                                   lang) -> None:
    context = chromium.new_context(bypass_csp=True, locale=lang, viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(views_server + "/models?lang=" + lang)
    assert tab.locator(".model-features .feature").count() > 0 and tab.locator(".not-stated").count() > 0
    scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    table = tab.locator(".models-wrap")
    assert table.evaluate("e => e.scrollWidth > e.clientWidth") == (width < 500)  # a phone scrolls the table only
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"views-models-{lang}-{width}.png"))
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    context.close()
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert scroll <= inner and serious == []
