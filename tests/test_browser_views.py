"""End to end in headless Chromium: the keys of the debate explorer and the query page, and the models table.

A keyboard alone reaches a mark of the debate explorer and follows it, and walks the query page from its editor
to Run without a trap.  The query page's result columns sort by their header buttons, and its editor completes
the ontology's terms.  (Every page kind's phone width, accessibility and screenshots: ``test_browser_every_page``.)
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from urllib.parse import urlencode

import pytest

from tests.support.browser import ARTIFACTS, PHONE, open_tab, shot

pytestmark = pytest.mark.browser


def test_a_keyboard_reaches_a_mark_of_the_debate_explorer_and_follows_it(chromium, real_server) -> None:
    with open_tab(chromium, lang="en") as tab:
        tab.goto(real_server + "/stances?lang=en")
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
        ARTIFACTS.mkdir(exist_ok=True)
        tab.locator(mark).screenshot(path=str(ARTIFACTS / "views-debate-group-en-1280.png"))


def test_tab_walks_the_query_page_through_the_editor_to_run_and_ctrl_enter_runs(chromium, real_server) -> None:
    with open_tab(chromium, lang="en") as tab:
        tab.goto(real_server + "/sparql?lang=en")
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
        shot(tab, "views-sparql-after-run-en-1280")


def test_a_result_column_sorts_the_page_by_its_header_button(chromium, real_server) -> None:
    with open_tab(chromium, lang="en") as tab:
        query = ("SELECT ?text (COUNT(?p) AS ?n) WHERE { ?p a lei:Position ; lei:statedIn ?text } "
                 "GROUP BY ?text ORDER BY ?text")
        tab.goto(real_server + "/sparql?" + urlencode({"format": "html", "lang": "en", "query": query}))

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
        shot(tab, "views-sparql-sorted-en-1280")


def _until(condition: Callable[[], bool], seconds: float = 5) -> None:
    """Wait for what the page shows to catch up with the keys typed (no script evaluated: the page's CSP)."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the page did not catch up"
        time.sleep(0.05)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower().strip()


def test_typing_a_prefixed_name_offers_the_ontologys_terms_and_enter_takes_one(chromium, real_server) -> None:
    with open_tab(chromium, lang="nl") as tab:
        tab.goto(real_server + "/sparql?lang=nl")
        tab.wait_for_selector(".CodeMirror")
        tab.locator(".CodeMirror-line").last.click()
        tab.keyboard.press("Control+End")
        tab.keyboard.type("\n?x a lei:Cl")
        hints = tab.locator(".CodeMirror-hints [role=option]")
        _until(lambda: all(h.lower().startswith("lei:cl") for h in hints.all_inner_texts()))  # the list caught up
        assert hints.first.inner_text().split() == ["lei:Claim", "bewering", "·", "klasse"]
        listbox = tab.evaluate("document.querySelector('.CodeMirror textarea').getAttribute('aria-activedescendant')")
        assert listbox == hints.first.get_attribute("id")  # a screen reader hears the option chosen
        shot(tab, "views-sparql-completion-nl-1280")
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


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_models_table_scrolls_by_itself_on_a_phone_and_not_on_a_desktop(chromium, real_server, width) -> None:
    with open_tab(chromium, lang="en", width=width) as tab:
        tab.goto(real_server + "/models?lang=en")
        assert tab.locator(".model-features .feature").count() > 0 and tab.locator(".not-stated").count() > 0
        table = tab.locator(".models-wrap")
        assert table.evaluate("e => e.scrollWidth > e.clientWidth") == (width == PHONE)  # the table only
