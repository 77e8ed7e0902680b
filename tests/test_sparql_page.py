"""The query page: a plain form that works without JavaScript, and the same page driven in Chromium."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from sparql_fixtures import PERSON

from tests.support.browser import open_tab, shot

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _page(api, **params):
    return api.get("/sparql", query_string=params, headers={"Accept": BROWSER}).data.decode()


def test_the_form_posts_a_query_and_a_format_without_javascript(api):
    html = _page(api)
    assert '<form class="sparql-form" method="get" action="/sparql">' in html
    assert 'name="format"' in html and "PREFIX rdfs:" in html


def test_the_query_page_follows_the_language_parameter_and_cookie_as_every_page_does(api):
    english = api.get("/sparql?lang=en", headers={"Accept": BROWSER, "Accept-Language": "nl"})
    html = english.data.decode()
    assert '<html lang="en">' in html and "Run query" in html and "Uitvoeren" not in html
    assert "lang=en" in english.headers.get("Set-Cookie", "")
    by_cookie = api.get("/sparql", headers={"Accept": BROWSER, "Accept-Language": "nl", "Cookie": "lang=en"})
    assert "Run query" in by_cookie.data.decode()
    dutch = _page(api, lang="nl")
    assert '<html lang="nl">' in dutch and "Uitvoeren" in dutch


def test_the_query_page_lists_the_predefined_prefixes(api):
    html = _page(api, lang="en")
    assert "Predefined prefixes" in html
    assert "<code>lei:</code>" in html and "<code>dcterms:</code>" in html


def test_a_query_from_a_browser_shows_a_result_table(api):
    html = _page(api, query=f"SELECT ?p ?o WHERE {{ <{PERSON}ada> ?p ?o }}")
    assert 'id="sparql-table"' in html
    assert 'href="/doc/person/bob"' in html  # IRIs of ours link to their local pages, as on every page


def test_markup_in_results_is_shown_as_text(api):
    html = _page(api, query="SELECT ?o WHERE { ?s <http://example.org/note> ?o }")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_non_web_iris_are_not_links(api):
    html = _page(api, query="SELECT ?o WHERE { ?s <http://example.org/home> ?o }")
    assert 'href="javascript:' not in html


def test_a_malformed_query_is_shown_back_with_the_error(api):
    response = api.get("/sparql", query_string={"query": "SELECT * {"}, headers={"Accept": BROWSER})
    assert response.status_code == 400
    assert 'role="alert"' in response.data.decode() and "SELECT * {" in response.data.decode()


def test_examples_from_the_catalogue_are_one_click_away(api):
    html = _page(api)
    assert "Alle labels" in html
    assert 'class="sparql-example" href="/sparql?query=' in html


def test_the_page_offers_downloads_and_a_curl_line(api):
    html = _page(api, query="SELECT * { ?s ?p ?o } LIMIT 1")
    assert "format=csv" in html and "curl -H" in html


@pytest.mark.browser
def test_running_an_example_in_chromium_shows_the_table(chromium, live_sparql):
    with open_tab(chromium) as page:
        page.goto(live_sparql + "/sparql")
        page.click("a.sparql-example")
        page.wait_for_selector("#sparql-table")
        cells = page.locator("#sparql-table tbody td").all_inner_texts()
        assert any("Ada" in cell for cell in cells)
        assert parse_qs(urlparse(page.url).query)["query"][0].startswith("# title: Alle labels")
        page.click("#sparql-run")  # the editor's form submits the same query again
        page.wait_for_selector("#sparql-table")
        shot(page, "sparql-page", max_height=4000)


def test_the_editor_completes_the_one_prefix_table_and_the_ontologys_terms(client):
    from leidraad.core.prefixes import PREFIXES

    for lang, label in (("nl", "bewering"), ("en", "claim")):
        html = client.get("/sparql", query_string={"lang": lang}, headers={"Accept": BROWSER}).data.decode()
        block = re.search(r'<script type="application/json" id="sparql-completions">(.*?)</script>', html, re.S)
        found = json.loads(block.group(1))
        assert found["prefixes"] == [[name, ns] for name, ns in PREFIXES.items()]
        assert ["lei:Claim", label, "class"] in found["terms"]
        assert found["kinds"]["class"] == ("klasse" if lang == "nl" else "class")
        kinds = {name: kind for name, _, kind in found["terms"]}
        assert kinds["lei:heldBy"] == "property" and kinds["lei:supports"] == "individual"
        assert all(name.split(":", 1)[0] in PREFIXES for name in kinds)  # only names a query can write as such


def test_numbers_in_a_result_carry_their_value_for_sorting_a_column(api):
    html = _page(api, query='SELECT ?n ?s WHERE { VALUES (?n ?s) { (10 "10") (9 "9") } }', format="html")
    numbers = re.findall(r'<td class="literal" data-number="([^"]+)">', html)
    assert sorted(float(n) for n in numbers) == [9.0, 10.0]
    assert html.count('<td class="literal">') == 2  # the strings are compared as words, not numbers
