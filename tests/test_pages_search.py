"""Search over labels, definitions and quotes: folding, ranking, type-ahead, and the box without JS."""

from __future__ import annotations

from leidraad.web.search import fold


def hits(client, q: str, lang: str = "en") -> list[dict]:
    return client.get("/search.json", query_string={"q": q, "lang": lang}).get_json()["results"]


def test_fold_drops_case_and_diacritics():
    assert fold("Zoë  BAKKER") == "zoe bakker"


def test_search_ignores_diacritics_and_case(client):
    assert hits(client, "ZOE")[0]["href"] == "/doc/person/zoe-bakker"


def test_exact_label_ranks_first(client):
    assert hits(client, "dienend leiderschap")[0]["href"] == "/doc/concept/dienend-leiderschap"


def test_search_finds_english_labels(client):
    assert hits(client, "servant")[0]["href"] == "/doc/concept/dienend-leiderschap"


def test_search_finds_quotes_and_definitions(client):
    assert any(h["href"] == "/doc/concept/integriteit" for h in hits(client, "geen bijzaak"))
    assert any(h["href"] == "/doc/concept/gemeentesecretaris" for h in hits(client, "hoogste ambtenaar"))


def test_typeahead_returns_labels_types_and_links(client):
    found = hits(client, "kompas", lang="nl")
    assert found and {"label", "type", "href", "iri"} <= set(found[0])
    assert len(found) <= 8


def test_empty_query_returns_nothing(client):
    assert hits(client, "   ") == []


def test_search_page_works_without_javascript(client):
    html = client.get("/search?q=integriteit", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<form class="search-big" role="search"' in html and 'href="/doc/concept/integriteit"' in html


def test_huge_query_is_cut_not_refused(client):
    assert client.get("/search.json", query_string={"q": "a" * 100_000}).status_code == 200
