"""Every kind of page the server has, in Chromium, in Dutch and English, at 1280 and 390 px, on the real build.

Each page kind is opened in each language, at each width: it answers with the status it should, in the language
asked for, never makes a phone (or a desktop) scroll sideways, has no serious or critical axe-core finding and
raises no script error; a screenshot of the window lands in ``test-artifacts/every-<kind>-<lang>-<width>.jpg`` to
be looked at.  The list is tied to the server: every rule of the route table (``http/app.py`` ``ROUTES``) is either
exercised by a page kind here or says why it is no page, every index kind of ``web/catalogue.py`` has its page,
and every kind of thing the build names (``/id/<kind>/…``) and every kind of framework has a resource page
here -- so a new page kind without a check fails a test.  One Chromium, one server and one tab per language
serve the whole module; each page is loaded once and narrowed from 1280 to 390 px.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from leidraad.core.iris import local_href
from leidraad.core.namespaces import BASE, THING_KINDS
from leidraad.http.app import ROUTES
from leidraad.http.context import DATASET
from leidraad.store.lookup import rows, value
from leidraad.web.catalogue import KINDS

from tests.support.browser import DESKTOP, PHONE, axe_findings_at_once, overflow, shot, with_lang

pytestmark = pytest.mark.browser

_TEXT = "ambtelijk-vakmanschap-reacties"
LANGUAGES = ("nl", "en")
_PERSONS_QUERY = "SELECT ?s ?p ?o WHERE { ?s a foaf:Person ; ?p ?o }"


@dataclass(frozen=True)
class Kind:
    """A kind of page: the route rule it exercises, its path on the real build, and the status it answers with."""

    rule: str
    path: str
    status: int = 200


#: The page kinds whose path the real build does not choose, by name.
FIXED = {
    "home": Kind("/", "/"),
    "browse-index": Kind("/browse/", "/browse/"),
    "persons-by-positions": Kind("/browse/<kind>", "/browse/persons?sort=positions"),
    "persons-by-role": Kind("/browse/<kind>", "/browse/persons?role=respondent"),
    "organisations-by-type": Kind("/browse/<kind>", "/browse/organisations?type=Municipality"),
    "search": Kind("/search", "/search?q=leiderschap"),
    "search-page-2": Kind("/search", "/search?q=leiderschap&page=2"),
    "search-did-you-mean": Kind("/search", "/search?q=dienend+leiderschp"),
    "search-nothing": Kind("/search", "/search?q=qqqzzz"),
    "sparql": Kind("/sparql", "/sparql"),
    "sparql-results": Kind("/sparql", "/sparql?" + urlencode({"format": "html", "page": 2, "query": _PERSONS_QUERY})),
    "sparql-graph": Kind("/sparql", "/sparql?" + urlencode(
        {"format": "html", "query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s a lei:Compass ; ?p ?o }"})),
    "sparql-error": Kind("/sparql", "/sparql?" + urlencode({"format": "html", "query": "SELECT ?x WHERE {"}), 400),
    "ontology": Kind("/def", "/def"),
    "graph-inferred": Kind("/graph/<path:name>", "/graph/inferred"),
    "graph-text": Kind("/graph/<path:name>", f"/graph/{_TEXT}"),
    "stances": Kind("/stances", "/stances"),
    "stances-filtered": Kind("/stances", "/stances?" + urlencode({"text": f"{BASE}id/text/{_TEXT}",
                                                                "voice": "reported"})),
    "stances-kind": Kind("/stances", "/stances?kind=cited"),
    "models": Kind("/models", "/models"),
    "changes": Kind("/changes", "/changes"),
    "reading": Kind("/reading/<slug>", "/reading/gemeentelijke-organisatiemodellen"),
    "comparisons": Kind("/comparisons", "/comparisons"),
    "comparison": Kind("/compare/<slug>", "/compare/dienend-leiderschap"),
    "downloads": Kind("/dumps/", "/dumps/"),
    "not-found": Kind("/doc/<path:path>", "/doc/nothing-here", 404),
    "gone": Kind("/doc/<path:path>", "/doc/position/retired-for-the-browser-test", 410),
}
#: Route rules that are no page of their own, and why.
NOT_PAGES = {
    "/sparql/truncated": "a plain-text note for clients of a cut result",
    "/id/<path:path>": "303 to the document at /doc/<path>, checked as the resource kinds",
    "/def/<version>": "303 to /def",
    "/search.json": "the search box's suggestions as JSON",
    "/def.<ext>": "the ontology as RDF",
    "/reading/at/<evidence>": "302 to a place in /reading/<slug>",
    "/dumps/<name>": "a dump file",
    "/.well-known/void": "the VoID description as RDF",
    "/health": "a health check as JSON",
}
#: Kinds of things the build names under ``/id/`` besides the kinds the IRI policy mints by hand.
MINTED_BY_THE_BUILD = ("annotation", "seed", "node")
#: Resource pages that differ by class rather than by the kind in their IRI: class (local name) by page kind.
BY_CLASS = {
    "response": "Response", "organisation-model": "OrganisationModel", "role": "Role",
    "compass": "Compass", "quadrant": "Quadrant", "table": "Table", "bullet-list": "BulletList",
    "numbered-list": "NumberedList", "generation-series": "GenerationSeries",
}
RESOURCE_KINDS = tuple(f"resource-{k}" for k in (*THING_KINDS, *MINTED_BY_THE_BUILD, *BY_CLASS))
INDEX_KINDS = tuple(f"index-{k.slug}" for k in KINDS)
ALL_KINDS = (*FIXED, *INDEX_KINDS, *RESOURCE_KINDS, "retired-split")

#: Of each kind of thing, the one the graph says most about: its page is the longest of its kind.
_RICHEST_BY_SEGMENT = """
SELECT ?s (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?id) && !CONTAINS(STR(?s), "#"))
} GROUP BY ?s
"""
_OF_CLASS = "SELECT DISTINCT ?s ?c WHERE { ?s a ?c FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?id)) }"
_FRAMEWORK_CLASSES = "SELECT DISTINCT ?c WHERE { ?f a ?c . ?c rdfs:subClassOf+ lei:Framework }"
_GONE = BASE + "id/position/retired-for-the-browser-test"


def _segment(iri: str) -> str:
    return iri[len(BASE) + len("id/"):].split("/", 1)[0]


@pytest.fixture(scope="module")
def dataset(real_app) -> Iterator[Any]:
    """The real build's dataset, with one IRI retired without a successor (the real build retired none so)."""
    ds = real_app.extensions[DATASET]
    ds.successors[_GONE], ds.retired[_GONE] = [], {"why": "a test of the page", "last_release": "0.1.0"}
    yield ds
    del ds.successors[_GONE], ds.retired[_GONE]


@pytest.fixture(scope="module")
def paths(dataset) -> dict[str, Kind]:
    return page_kinds(dataset)


def page_kinds(dataset: Any) -> dict[str, Kind]:
    """Every page kind's path on the real build: the fixed ones, each index, and the richest thing of each kind."""
    richness: dict[str, int] = {}
    for row in rows(dataset, _RICHEST_BY_SEGMENT, id=ox.Literal(BASE + "id/")):
        richness[value(row["s"])] = int(value(row["n"]))
    best: dict[str, str] = {}
    for row in rows(dataset, _OF_CLASS, id=ox.Literal(BASE + "id/")):
        iri, cls = value(row["s"]), value(row["c"]).rsplit("#", 1)[-1]
        for name, wanted in BY_CLASS.items():
            if cls == wanted and richness.get(iri, 0) > richness.get(best.get(name, ""), -1):
                best[name] = iri
    shown = set(best.values())  # a kind of thing shows another of its kind than a class's page shows already
    for iri, n in sorted(richness.items()):
        if iri not in shown and richness.get(best.get(_segment(iri), ""), -1) < n:
            best[_segment(iri)] = iri
    found = dict(FIXED)
    found.update({f"index-{k.slug}": Kind("/browse/<kind>", f"/browse/{k.slug}") for k in KINDS})
    found.update({f"resource-{name}": Kind("/doc/<path:path>", local_href(iri)) for name, iri in best.items()})
    split = next(old for old, new in sorted(dataset.successors.items()) if len(new) > 1)
    found["retired-split"] = Kind("/doc/<path:path>", local_href(split), 300)
    return found


def test_every_route_is_a_page_kind_here_or_says_why_it_is_none(paths) -> None:
    rules = {rule for rule, *_ in ROUTES}
    exercised = {kind.rule for kind in paths.values()}
    assert rules - exercised - set(NOT_PAGES) == set()  # a new route: a page kind in FIXED, or a reason
    assert exercised - rules == set() and set(NOT_PAGES) - rules == set()  # nothing stale either
    assert set(ALL_KINDS) - set(paths) == set()  # every kind found a page in the real build


def test_every_kind_of_thing_and_of_framework_in_the_build_has_a_page_kind_here(dataset) -> None:
    segments = {_segment(value(r["s"])) for r in rows(dataset, _RICHEST_BY_SEGMENT, id=ox.Literal(BASE + "id/"))}
    assert segments - set(THING_KINDS) - set(MINTED_BY_THE_BUILD) == set()
    frameworks = {value(r["c"]).rsplit("#", 1)[-1] for r in rows(dataset, _FRAMEWORK_CLASSES)}
    assert frameworks - set(BY_CLASS.values()) == set() and len(frameworks) > 1


@pytest.fixture(scope="module")
def tabs(chromium) -> Iterator[dict[str, tuple[Any, list[str]]]]:
    """A tab per language, each in a context (and a renderer process) of its own, and the script errors it saw."""
    opened = {}
    for lang in LANGUAGES:
        context = chromium.new_context(locale=lang, viewport={"width": DESKTOP, "height": 900}, bypass_csp=True)
        page, errors = context.new_page(), []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        opened[lang] = (context, page, errors)
    yield {lang: (page, errors) for lang, (_, page, errors) in opened.items()}
    for context, _, _ in opened.values():
        context.close()


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_the_page_kind_fits_1280_and_390_px_in_both_languages_has_no_serious_axe_finding_and_is_photographed(
        tabs, real_server, paths, kind) -> None:
    """Loaded once per language at 1280 px, then narrowed to 390 px as a phone turned upright would be.

    Every width and language is measured and photographed.  axe runs where the pages differ in what it checks:
    every rule on the Dutch page at 390 px, every rule but colour contrast (which depends on the colours alone,
    and is axe's costliest rule) on the English page at 1280 px -- both widths and both languages, the two tabs
    side by side in their own renderer processes.
    """
    page = paths[kind]
    for lang, (tab, errors) in tabs.items():
        errors.clear()
        tab.set_viewport_size({"width": DESKTOP, "height": 900})
        response = tab.goto(real_server + with_lang(page.path, lang))
        assert response is not None and response.status == page.status, (page.path, lang)
        assert tab.locator("html").get_attribute("lang") == lang
    found: dict[tuple[str, int], object] = {}

    def look(lang: str, width: int) -> None:
        tab = tabs[lang][0]
        tab.set_viewport_size({"width": width, "height": 900})
        tab.evaluate("() => document.querySelectorAll('.CodeMirror').forEach(e => e.CodeMirror.refresh())")
        shot(tab, f"every-{kind}-{lang}-{width}", jpeg=True)
        found[lang, width] = overflow(tab)

    for lang, width in (("en", DESKTOP), ("nl", DESKTOP), ("nl", PHONE)):
        look(lang, width)
    dutch, english = axe_findings_at_once([(tabs["nl"][0], True), (tabs["en"][0], False)])  # at 390 and 1280 px
    look("en", PHONE)
    assert ({where: wide for where, wide in found.items() if wide}, dutch, english) == ({}, [], [])
    assert {lang: errors for lang, (_, errors) in tabs.items() if errors} == {}
