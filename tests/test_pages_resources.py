"""What each kind of page shows: persons, concepts, texts, frameworks, models, the ontology, home."""

from __future__ import annotations

import re

import pytest

EN = {"Accept": "text/html", "Accept-Language": "en"}


@pytest.fixture()
def page(client):
    def get(path: str) -> str:
        response = client.get(path, headers=EN)
        assert response.status_code == 200, path
        return response.get_data(as_text=True)

    return get


def section(html: str, heading_id: str) -> str:
    """The HTML of the ``<section>`` labelled by ``heading_id``."""
    match = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, heading_id
    return match.group(0)


def test_home_names_the_texts_counts_and_entry_points(page):
    html = page("/")
    assert "Civil-service craft on trial" in html
    assert "/browse/persons" in html and "/browse/organisation-models" in html
    assert "/sparql" in html and "/dumps/" in html
    assert re.search(r"Persons</span>\s*<span class=\"count\">4<", html)


def test_home_embeds_schema_org_dataset(page):
    assert '<script type="application/ld+json">' in page("/") and '"Dataset"' in page("/")


def test_person_page_lists_functions_texts_and_positions(page):
    html = page("/doc/person/bert-jansen")
    functions = section(html, "h-functions")
    assert "municipal secretary" in functions and "Municipality of Utrecht" in functions
    assert "Serving is not enough" in section(html, "h-wrote")
    positions = section(html, "h-positions")
    assert "criticises" in positions and "nuances" in positions
    assert "Dienen is niet genoeg" in positions
    assert "/doc/concept/dienend-leiderschap" in positions


def test_concept_page_shows_who_says_what_with_quotes(page):
    html = page("/doc/concept/dienend-leiderschap")
    stances = section(html, "h-stances")
    assert "Anna de Vries" in stances and "supports" in stances
    assert "Bert Jansen" in stances and "criticises" in stances
    assert "Dienend leiderschap begint bij de medewerker." in stances


def test_concept_page_shows_relations_and_frameworks(page):
    html = page("/doc/concept/dienend-leiderschap")
    related = section(html, "h-related")
    assert "broader" in related and "/doc/concept/leiderschap" in related
    assert "three points" in section(html, "h-fws")
    assert "Narrower" in section(page("/doc/concept/leiderschap"), "h-related")


def test_resource_page_tells_inferred_from_asserted(page):
    html = page("/doc/person/bert-jansen")
    holds = re.search(r"holds position.*?</dd>", html, re.S).group(0)
    assert 'class="inferred"' in holds
    name = re.search(r">name<.*?</dd>", html, re.S).group(0)
    assert 'class="inferred"' not in name


def test_resource_page_shows_evidence_with_text_and_lines(page):
    evidence = section(page("/doc/concept/dienend-leiderschap"), "h-evidence")
    assert "Dienend leiderschap begint bij de medewerker." in evidence
    assert "lines" in evidence and "5" in evidence and "6" in evidence
    assert "Civil-service craft on trial" in evidence


def test_resource_page_links_type_to_ontology_and_offers_a_query(page):
    html = page("/doc/concept/dienend-leiderschap")
    assert 'href="/def#LeadershipStyle"' in html
    assert 'href="/sparql?query=' in html


def test_long_property_groups_are_paged(client, monkeypatch):
    from leidraad.web import resource as describe

    monkeypatch.setattr(describe, "GROUP_SIZE", 2)
    html = client.get("/doc/scheme/concepts?paging-test=1", headers=EN).get_data(as_text=True)
    assert "in:skos:inScheme=2" in html
    second = client.get("/doc/scheme/concepts?paging-test=1&in:skos:inScheme=2", headers=EN)
    assert "Page 2" in second.get_data(as_text=True)


def test_text_page_of_a_bundle_lists_each_response_with_its_author(page):
    parts = section(page("/doc/text/bundel"), "h-parts")
    assert "Serving is not enough" in parts and "Bert Jansen" in parts


def test_text_page_lists_what_is_drawn_from_it(page):
    drawn = section(page("/doc/text/essay"), "h-drawn")
    assert "servant leadership" in drawn and "three points" in drawn


def test_numbered_list_keeps_the_text_order(page):
    html = section(page("/doc/framework/drie-punten"), "h-fw")
    assert html.index("listening") < html.index("acting with integrity") < html.index("renewing")
    assert "<ol" in html


def test_table_shows_columns_and_cells(page):
    html = section(page("/doc/framework/modellen-tabel"), "h-fw")
    assert "<table" in html and ">period<" in html
    row = re.search(r"<tr><th scope=\"row\">.*?</tr>", html, re.S).group(0)
    assert "secretariat model" in row and "until 1980" in row


def test_compass_nests_dimensions_needles_routes(page):
    html = section(page("/doc/framework/kompas"), "h-fw")
    table = re.search(r'<table class="compass-table">.*?</table>', html, re.S).group(0)
    assert table.index("dimensions") < table.index("needles") < table.index("routes")
    person = next(row for row in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", table, re.S) if "person</a>" in row)
    assert "self-knowledge" in person and "reflecting" in person
    assert "cooperation" not in person


def test_quadrant_is_a_two_by_two_grid_between_its_axes(page):
    html = section(page("/doc/framework/kwadrant"), "h-fw")
    table = re.search(r'<table class="quadrant-table">.*?</table>', html, re.S).group(0)
    cells = re.findall(r'<td data-col="[^"]*">(.*?)</td>', table, re.S)
    assert len(cells) == 4
    assert "connector" in cells[0] and "director" in cells[1] and "coach" in cells[2] and "manager" in cells[3]
    assert "loose" in html and "tight" in html and "internal" in html and "external" in html


def test_models_page_has_timeline_and_comparison_from_the_graph(page):
    html = page("/models")
    timeline = section(html, "h-timeline")
    assert timeline.index("secretariat model") < timeline.index("sector model") < timeline.index("directorate model")
    table = section(html, "h-compare")
    assert "central" in table and "slow" in table and "Succeeded by" in table


def test_ontology_page_documents_terms(page):
    html = page("/def")
    term = re.search(r'<article class="term" id="heldBy">.*?</article>', html, re.S).group(0)
    assert "held by" in term and "Domain" in term and "Range" in term and "Usage in the data" in term


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_ontology_page_names_every_property_it_shows_by_a_label_or_a_prefixed_name(client, lang):
    """The header's vann:preferredNamespacePrefix showed as its bare IRI: VANN had no prefix and no label."""
    html = client.get("/def", headers={"Accept": "text/html", "Accept-Language": lang}).get_data(as_text=True)
    headers = [re.sub(r"<[^>]+>", "", cell).strip()
               for cell in re.findall(r"<(?:dt|th)\b[^>]*>(.*?)</(?:dt|th)>", html, re.S)]
    assert len(headers) > 10
    assert [h for h in headers if re.match(r"https?://", h)] == []
    expected = {"nl": "voorkeursprefix van de namespace", "en": "preferred namespace prefix"}[lang]
    assert re.search(rf'<dt><a href="http://purl.org/vocab/vann/preferredNamespacePrefix">{expected}</a></dt>', html)


def test_every_namespace_the_sources_declare_has_its_prefix_in_the_one_table():
    """One prefix table (``core/prefixes.py``): what the ontology, the vocabularies and the data declare is in it,
    so every term of the graph has a compact name on a page, in a dump and in a query."""
    from leidraad.core.prefixes import PREFIXES
    from leidraad.pipeline import scaffold
    from leidraad.pipeline.sources import default_sources

    sources = default_sources()
    files = sources.ontology_files() + sources.vocabulary_files() + sources.data_files()
    declared = {}
    for path in files:
        for name, ns in re.findall(r"^@prefix\s+([\w-]*):\s*<([^>]+)>", path.read_text(encoding="utf-8"), re.M):
            declared.setdefault(ns, name)
    assert "http://purl.org/vocab/vann/" in declared
    missing = sorted(f"{name}: <{ns}>" for ns, name in declared.items() if ns not in PREFIXES.values())
    assert missing == []
    # the skeleton new-text writes takes its namespaces from that table too
    assert all(PREFIXES[name] == ns for name, ns in scaffold.PREFIXES)


def test_debate_explorer_shows_the_contested_concept_with_both_stances_and_quotes(page):
    html = page("/stances")
    # dienend leiderschap: Anna supports, Bert criticises (two holders); integrity has one holder, so is not shown
    assert html.count('class="seg stance-') == 2 and "stance-criticises" in html and "stance-supports" in html
    assert "Dienend leiderschap begint bij de medewerker." in html and "Dienen is niet genoeg" in html
    assert "Integriteit vraagt meer dan goede wil." not in html


def test_neighbourhood_picture_links_to_neighbours(page):
    html = page("/doc/person/bert-jansen")
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'href="/doc/text/reactie-bert-jansen"' in svg


def test_pages_embed_schema_org_json_ld(page):
    html = page("/doc/person/bert-jansen")
    assert '"@type": "Person"' in html or '"@type":"Person"' in html


def test_pages_work_without_inline_script(page):
    for path in ("/", "/doc/person/bert-jansen", "/search?q=x", "/def"):
        scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page(path))
        assert all('type="application/ld+json"' in attrs for attrs in scripts)
