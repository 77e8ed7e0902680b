"""The reference views on the real build: frameworks drawn as their texts draw them, index pages, text pages,
search and the query page's results.

Each picture is checked against the graph: every dimension, needle and route of the compass is a link in the
picture and a row of its table, labelled with the part it belongs to; the quadrant puts each item in the cell its
coordinates name, between its axes' poles.
"""

from __future__ import annotations

import json
import re

import pytest

ID = "https://w3id.org/leidraad/id/"
COMPASS = "/doc/framework/kompas-ambtelijk-leiderschap"
QUADRANT = "/doc/framework/vier-kenmerkende-posities"


@pytest.fixture(scope="module")
def client(real_app):
    return real_app.test_client()


def _html(client, path: str, lang: str = "en", **args: str) -> str:
    response = client.get(path, query_string={"lang": lang, **args}, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _select(client, query: str) -> list[dict[str, str]]:
    answer = client.get("/sparql", query_string={"query": query, "format": "json"})
    assert answer.status_code == 200, answer.data[:300]
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(answer.data)["results"]["bindings"]]


def _svg(html: str, css: str) -> str:
    return re.search(rf'<svg[^>]*class="{css}".*?</svg>', html, re.S).group(0)


def test_the_compass_draws_every_dimension_needle_and_route_as_a_labelled_link(client) -> None:
    parts = _select(client, """
        SELECT ?part ?item ?parent WHERE {
          <https://w3id.org/leidraad/id/framework/kompas-ambtelijk-leiderschap> dcterms:hasPart ?part .
          ?item lei:inFramework ?part . OPTIONAL { ?item lei:parentItem ?parent } }""")
    html = _html(client, COMPASS)
    svg = _svg(html, "compass-svg")
    assert "<title" in svg and "<desc" in svg and 'role="group"' in svg
    drawn = set(re.findall(r'<a href="(/doc/item/[^"]+)"', svg))
    assert drawn == {p["item"].replace(ID, "/doc/") for p in parts} and len(drawn) == 25
    # a needle is named as a needle and a route as a route, never an unlabelled a–d
    assert re.search(r'aria-label="Needles \(direction setters\) of the compass 1: ', svg)
    assert re.search(r'aria-label="Route map: possible routes / travel tips a: ', svg)
    table = re.search(r'<table class="compass-table">.*?</table>', html, re.S).group(0)
    assert len(re.findall(r'<th scope="row">', table)) == 5
    assert set(re.findall(r'<a href="(/doc/item/[^"]+)"', table)) == drawn
    # every route sits in the row of its dimension
    for row in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", table, re.S):
        dimension = re.search(r'href="/doc/(item/[^"]+)"', row).group(1)
        children = {p["item"] for p in parts if p.get("parent") == ID + dimension}
        assert set(re.findall(r'<li><a href="/doc/(item/[^"]+)"', row)) == {c.replace(ID, "") for c in children}


def test_the_compass_is_drawn_in_dutch_too(client) -> None:
    svg = _svg(_html(client, COMPASS, "nl"), "compass-svg")
    assert "Het kompas getekend" in svg and "Turbulente tijd" in svg


def test_the_quadrant_is_a_two_by_two_between_its_axes_and_poles(client) -> None:
    html = _html(client, QUADRANT)
    svg = _svg(html, "quadrant-svg")
    assert svg.count('class="cell"') == 4 and svg.count('class="axis"') == 2
    for pole in ("harmonious", "not harmonious", "agreement with challenges as pivot"):
        assert pole in svg
    # item 1 (x 1, y 2) is drawn top left: its cell is the first, at the left edge and the top
    first = re.search(r'<rect x="([\d.]+)" y="([\d.]+)"[^>]*class="cell"></rect>\s*<a href="/doc/item/([^"]+)"', svg)
    assert first.group(3) == "vier-kenmerkende-posities-1"
    table = re.search(r'<table class="quadrant-table">.*?</table>', html, re.S).group(0)
    assert table.count('<th scope="row">') == 2 and table.count('<th scope="col">') == 2


def test_a_surname_decides_a_persons_place_whatever_its_particles_and_titles() -> None:
    from leidraad.web.index_page import surname_key

    assert surname_key("Paul 't Hart") == ("hart paul 't", "H")
    assert surname_key("Prof. dr. Mark van Twist")[1] == "T"
    assert surname_key("Johan van der Steen")[0].startswith("steen johan")
    assert surname_key("Aristoteles") == ("aristoteles", "A")
    assert surname_key("Zoë Bakker") < surname_key("Anna de Vries")


def test_an_organisation_a_function_names_is_linked_in_it_not_named_twice() -> None:
    from leidraad.web.index_page import Entry, function_links
    from leidraad.web.resource import Value

    alkmaar = Value("gemeente Alkmaar", "/doc/organisation/gemeente-alkmaar")
    vu = Value("VU Amsterdam", "/doc/organisation/vu")
    entry = Entry(Value("Coen Aalders"), "aalders", "A", functions=["gemeentesecretaris Gemeente Alkmaar", "lid"],
                  organisations=[alkmaar, vu])
    functions, others = function_links(entry)
    assert functions == [[("gemeentesecretaris ", None), ("Gemeente Alkmaar", alkmaar)], [("lid", None)]]
    assert others == [vu]  # no function names it: listed after the functions, as before
    assert function_links(Entry(Value("X"), "x", "X", organisations=[vu])) == ([], [vu])


def _entries(html: str) -> list[str]:
    return re.findall(r'<li(?: id="letter-\w")?><a href="/doc/[^"]+">([^<]+)</a>', html)


def test_persons_are_indexed_by_surname_with_their_functions_texts_and_an_a_to_z(client) -> None:
    from leidraad.web.index_page import surname_key

    html = _html(client, "/browse/persons", size="500")
    shown = _entries(html)
    assert len(shown) == int(re.search(r"(\d+) results", html).group(1)) > 100
    assert [surname_key(n)[0] for n in shown] == sorted(surname_key(n)[0] for n in shown)
    letters = re.findall(r'<li><a href="[^"]*#letter-(\w)"', html)
    assert letters == sorted(letters) and len(letters) > 10
    for letter in letters:  # every jump lands on an entry
        assert f'id="letter-{letter}"' in html
    assert "municipal secretary" in html and 'class="text" href="/doc/text/' in html


def test_persons_sort_by_number_of_positions_as_the_graph_counts_them(client) -> None:
    counts = {r["name"]: int(r["n"]) for r in _select(client, """
        SELECT ?name (COUNT(DISTINCT ?p) AS ?n) WHERE {
          ?p a lei:Position ; lei:heldBy ?x . ?x a foaf:Person ; foaf:name ?name } GROUP BY ?x ?name""")}
    html = _html(client, "/browse/persons", sort="positions")
    shown = _entries(html)[:10]
    assert [counts.get(n, 0) for n in shown] == sorted(counts.values(), reverse=True)[:10]
    assert "<strong aria-current=\"true\">number of positions</strong>" in html


def test_frameworks_are_grouped_by_text_the_largest_first(client) -> None:
    total = int(_select(client, "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a lei:Framework }")[0]["n"])
    html = _html(client, "/browse/frameworks", size="500")
    assert int(re.search(r"(\d+) results", html).group(1)) == total
    groups = re.findall(r'<h2 class="index-group">(.*?)</ol>', html, re.S)
    assert len(groups) >= 5
    for group in groups:
        sizes = [int(n) for n in re.findall(r"\((\d+) items\)", group)]
        assert sizes == sorted(sizes, reverse=True)


def test_a_text_lists_its_parts_in_reading_order_each_linked_to_its_place_in_the_reading(client) -> None:
    bundle = ID + "text/ambtelijk-vakmanschap-reacties"
    parts = _select(client, f"SELECT ?part WHERE {{ ?part dcterms:isPartOf <{bundle}> }}")
    html = _html(client, "/doc/text/ambtelijk-vakmanschap-reacties")
    contents = re.search(r'<ol class="contents">.*?</ol>', html, re.S).group(0)
    items = re.findall(r"<li>.*?</li>", contents, re.S)
    assert len(items) == len(parts) > 30
    lines = [int(n) for n in re.findall(r"from line (\d+)", contents)]
    assert len(lines) > 30 and lines == sorted(lines)
    reading = _html(client, "/reading/ambtelijk-vakmanschap-reacties")
    for anchor in re.findall(r'href="/reading/ambtelijk-vakmanschap-reacties#(part-[^"]+)"', contents)[:10]:
        assert f'id="{anchor}"' in reading


def test_a_long_page_has_contents_that_lead_to_its_sections_and_a_short_one_none(client) -> None:
    html = _html(client, "/doc/text/ambtelijk-vakmanschap-reacties")
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert len(anchors) >= 5 and all(f'id="{a}"' in html for a in anchors)
    assert "<nav class=\"toc\"" not in _html(client, "/doc/genre/essay")


@pytest.mark.parametrize(("path", "trail"), [
    ("/doc/item/kompas-ambtelijk-leiderschap-routes-1",
     ["Home", "Frameworks", "Compass for civil-service leadership",
      "Compass for civil-service leadership (with route map)", "Route map: possible routes / travel tips",
      "Use crisis logic"]),
    ("/doc/text/publiek-leiderschap-bijdrage-arjen-boin", ["Home", "Texts", None, None]),
    ("/doc/person/paul-t-hart", ["Home", "Persons", "Paul ’t Hart"]),
])
def test_resource_pages_have_breadcrumbs_from_home_through_their_wholes(client, path, trail) -> None:
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', _html(client, path), re.S).group(0)
    shown = [html_text.strip() for html_text in re.sub(r"<[^>]+>", "", crumbs).split("›")]
    assert len(shown) == len(trail)
    assert all(want is None or want == got for want, got in zip(trail, shown, strict=True))
    assert 'aria-current="page"' in crumbs


def _search(client, **args: str) -> str:
    return _html(client, "/search", **args)


def test_search_says_did_you_mean_only_when_the_correction_answered(client) -> None:
    html = _search(client, q="dienend leiderschp")
    assert re.search(r'class="did-you-mean".*?<a href="/search\?q=dienend\+leiderschap"', html, re.S)
    assert "did-you-mean" not in _search(client, q="dienend leiderschap")
    assert "did-you-mean" not in _search(client, q="leider")  # a prefix finds hits of its own


def test_search_facets_count_the_hits_of_each_kind_and_narrow_to_one(client) -> None:
    html = _search(client, q="leiderschap", lang="nl")
    facets = re.search(r'<nav class="facets".*?</nav>', html, re.S).group(0)
    counts = {k: int(n) for k, n in re.findall(r'kind=([^"&]+)">[^<]+<span class="count">\((\d+)\)', facets)}
    assert len(counts) > 5
    kind, count = next((k, n) for k, n in counts.items() if 1 < n < 50)
    narrowed = client.get(f"/search?q=leiderschap&lang=nl&kind={kind}&page=1").get_data(as_text=True)
    hits = re.findall(r'<li><a href="[^"]+">[^<]+</a> <span class="type">([^<]+)</span>', narrowed)
    assert len(hits) == min(count, 50) and len(set(hits)) == 1


def test_search_pages_beyond_fifty_hits(client) -> None:
    first = _search(client, q="leiderschap")
    total = int(re.search(r'<span class="count">\((\d+)\+?\)</span></h2>', first).group(1))
    assert total > 100 and len(re.findall(r'<span class="type">', first)) == 50
    second = _search(client, q="leiderschap", page="2")
    assert '<ol class="hits" start="51">' in second
    def hits(html: str) -> set[str]:
        return set(re.findall(r'<li><a href="([^"]+)"', re.search(r'<ol class="hits".*?</ol>', html, re.S).group(0)))

    one, two = hits(first), hits(second)
    assert two and not one & two


def _sparql_page(client, query: str, **args: str) -> str:
    response = client.get("/sparql", query_string={"query": query, "format": "html", "lang": "en", **args})
    assert response.status_code == 200
    return response.get_data(as_text=True)


PERSONS = "SELECT ?s ?name WHERE { ?s a foaf:Person ; foaf:name ?name } ORDER BY ?name"


def test_query_results_are_paged_a_hundred_rows_at_a_time(client) -> None:
    total = len(_select(client, PERSONS))
    assert total > 100
    first = _sparql_page(client, PERSONS)
    body = re.search(r'<table class="sparql-table".*?</table>', first, re.S).group(0)
    assert body.count("<tr>") == 101  # the header and a hundred rows
    assert f"Rows 1–100 of {total}" in first and 'rel="next"' in first
    last = _sparql_page(client, PERSONS, page="2")
    assert f"Rows 101–{total} of {total}" in last
    assert re.search(r'<table class="sparql-table".*?</table>', last, re.S).group(0).count("<tr>") == total - 100 + 1


def test_query_results_show_iris_by_label_linked_with_their_compact_name(client) -> None:
    html = _sparql_page(client, "SELECT ?s WHERE { BIND(<https://w3id.org/leidraad/id/person/paul-t-hart> AS ?s) }")
    link = r'<a href="/doc/person/paul-t-hart" rel="nofollow" title="[^"]*paul-t-hart">Paul ’t Hart</a>'
    assert re.search(link, html)
    outside = _sparql_page(client, "SELECT ?s WHERE { BIND(<https://example.org/x> AS ?s) }")
    assert '<a href="https://example.org/x" rel="nofollow">' in outside
    unsafe = _sparql_page(client, "SELECT ?s WHERE { BIND(<javascript:alert(1)> AS ?s) }")
    assert 'href="javascript:' not in unsafe
