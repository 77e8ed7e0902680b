"""leidraad export, served by real nginx and Apache: the same linked-data answers as ``leidraad serve``.

A small fixture build (with a successor map: one IRI moved, one split, one
retired) is exported once; nginx and Apache each serve it on a loopback port,
and every check compares their answers with the Python server's (RDF as
graphs).  ``make test`` installs both servers; a missing one fails, never skips.
"""

from __future__ import annotations

import filecmp
import hashlib
import http.client
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from leidraad.core.namespaces import BASE
from leidraad.http import export_rules
from leidraad.http.app import create_app
from leidraad.http.export import export
from pages_support import FIXTURE, write_fixture_dist
from rdflib import Graph
from rdflib.compare import isomorphic
from support import webservers

MOVED, SPLIT, GONE = "person/anna-oud", "concept/gesplitst", "person/vertrokken"
ANNA = "person/anna-de-vries"
#: One document of each kind of IRI the fixture has, and the ontology and a named graph.
KINDS = ("person", "concept", "framework", "text", "position", "item", "axis", "cell", "column", "assertion")
FORMATS = {".ttl": ("text/turtle", "turtle"), ".nt": ("application/n-triples", "nt"),
           ".jsonld": ("application/ld+json", "json-ld"), ".rdf": ("application/rdf+xml", "xml")}


@pytest.fixture(scope="module")
def export_dir() -> Iterator[Path]:
    parent = Path(tempfile.mkdtemp(prefix="leidraad-export-test-"))
    dist = write_fixture_dist(parent / "dist", FIXTURE.read_text(encoding="utf-8"), "pages")
    split_into = [f"{BASE}id/concept/{c}" for c in ("dienend-leiderschap", "directiemodel")]
    (dist / "successors.json").write_text(json.dumps({
        f"{BASE}id/{MOVED}": [f"{BASE}id/{ANNA}"], f"{BASE}id/{SPLIT}": split_into, f"{BASE}id/{GONE}": []}))
    gone = {"why": "never existed", "last_release": "0.1.0"}
    (dist / "retired.json").write_text(json.dumps({f"{BASE}id/{GONE}": gone}))
    _add_void(dist)
    out = parent / "export"
    report = export(dist, out)
    assert report.problems == []
    webservers.readable(out / "site")
    yield out
    shutil.rmtree(parent, ignore_errors=True)


def _add_void(dist: Path) -> None:
    """A VoID description among the fixture's dumps, as a real build has (``/.well-known/void`` points to it)."""
    void = f"<{BASE}id/dataset/leidraad> a <http://rdfs.org/ns/void#Dataset> .\n".encode()
    (dist / "void.ttl").write_bytes(void)
    manifest = json.loads((dist / "manifest.json").read_text())
    manifest["files"]["void.ttl"] = {"sha256": hashlib.sha256(void).hexdigest(), "mediaType": "text/turtle",
                                     "bytes": len(void)}
    (dist / "manifest.json").write_text(json.dumps(manifest))


@pytest.fixture(scope="module")
def python_server(export_dir: Path):
    app = create_app(export_dir.parent / "dist")
    yield app.test_client(use_cookies=False)
    app.extensions["leidraad.sparql"].executor.close()


@pytest.fixture(scope="module", params=["nginx", "apache"])
def served(request, export_dir: Path) -> Iterator[webservers.Served]:
    try:
        server = getattr(webservers, request.param)(export_dir, export_dir.parent)
    except webservers.Missing as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


class Answer:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def get(server: webservers.Served, path: str, **headers: str) -> Answer:
    host = urlsplit(server.url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = connection.getresponse()
    found = {}
    for key, val in response.getheaders():
        found[key.lower()] = f"{found[key.lower()]}, {val}" if key.lower() in found else val
    answer = Answer(response.status, found, response.read())
    connection.close()
    return answer


def location(server: webservers.Served, answer: Answer, path: str) -> str:
    return urlsplit(urljoin(server.url + path, answer.header("Location"))).path


def documents(export_dir: Path) -> list[str]:
    found = []
    for kind in KINDS:
        first = sorted((export_dir / "site" / "doc" / kind).glob("*.ttl"))[0]
        found.append(f"/doc/{kind}/{first.stem}")
    return found + ["/def", "/graph/pages"]


def test_every_iri_kind_answers_303_to_its_document(served, export_dir) -> None:
    for doc in documents(export_dir)[:-2]:
        thing = doc.replace("/doc/", "/id/", 1)
        for suffix in ("", ".ttl"):
            answer = get(served, thing + suffix + "?x=1", Accept="text/turtle")
            assert answer.status == 303, (served.name, thing)
            assert location(served, answer, thing) == doc + suffix
            assert "accept" in answer.header("Vary").lower()


def test_conneg_by_accept_and_by_suffix_gives_the_python_servers_rdf(served, export_dir, python_server) -> None:
    for doc in documents(export_dir):
        for suffix, (media, parser) in FORMATS.items():
            expected = Graph().parse(data=python_server.get(doc + suffix).get_data(), format=parser)
            for path, headers in ((doc, {"Accept": media}), (doc + suffix, {}), (f"{doc}?format={suffix[1:]}", {})):
                answer = get(served, path, **headers)
                assert answer.status == 200, (served.name, path, headers)
                assert answer.header("Content-Type").split(";")[0] == media, (served.name, path)
                assert isomorphic(Graph().parse(data=answer.body, format=parser), expected), (served.name, path)
            assert "accept" in get(served, doc, Accept=media).header("Vary").lower()


def test_documents_are_html_by_default_in_the_readers_language(served, python_server) -> None:
    doc = f"/doc/{ANNA}"
    for headers in ({}, {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, {"Accept": "*/*"}):
        answer = get(served, doc, **headers)
        assert answer.header("Content-Type").startswith("text/html")
        assert answer.body == python_server.get(doc, headers={"Accept-Language": "nl"}).get_data()
    english = python_server.get(doc, headers={"Accept-Language": "en"}).get_data()
    assert get(served, doc, Accept_Language="en-GB,en;q=0.9").body == english
    assert get(served, doc, Cookie="lang=en").body == english
    switched = get(served, doc + "?lang=en")
    assert switched.body == english and "lang=en" in switched.header("Set-Cookie")
    vary = get(served, doc).header("Vary").lower()
    assert "accept" in vary and "accept-language" in vary and "cookie" in vary


def test_unknown_iris_are_404(served) -> None:
    for path in ("/id/person/niemand", "/doc/person/niemand", "/doc/person/niemand.ttl", "/id/person/niemand.ttl",
                 "/browse/niets", "/nergens"):
        assert get(served, path, Accept="text/html").status == 404, (served.name, path)


def test_successor_map_answers_301_300_and_410_as_the_python_server(served, python_server) -> None:
    for area in ("id", "doc"):
        moved = get(served, f"/{area}/{MOVED}")
        assert moved.status == 301 and location(served, moved, f"/{area}/{MOVED}") == f"/doc/{ANNA}"
        moved = get(served, f"/{area}/{MOVED}.ttl")
        assert moved.status == 301 and location(served, moved, f"/{area}/{MOVED}") == f"/doc/{ANNA}.ttl"
        for headers in ({"Accept": "text/turtle"}, {"Accept": "text/html"}):
            split = get(served, f"/{area}/{SPLIT}", **headers)
            # kept as /id/ answers it: on /doc/ the server's language switch links to /doc/
            expected = python_server.get(f"/id/{SPLIT}", headers=headers)
            assert (split.status, split.body) == (300, expected.get_data()), (served.name, area, headers)
            assert split.header("Content-Type").split(";")[0] == expected.mimetype
            assert split.header("Link") == expected.headers["Link"]
            gone = get(served, f"/{area}/{GONE}", **headers)
            assert (gone.status, gone.body) == (410, python_server.get(f"/id/{GONE}", headers=headers).get_data())
        assert get(served, f"/{area}/{SPLIT}.nt").status == 300
        assert get(served, f"/{area}/{GONE}.nt").status == 410


def test_dumps_void_and_assets_have_their_media_types(served, export_dir) -> None:
    expected = {"/dumps/leidraad.nq": "application/n-quads", "/dumps/": "application/json",
                "/static/style.css": "text/css", "/static/search.js": "application/javascript",
                "/search-index.json": "application/json", "/def.ttl": "text/turtle", "/health": "application/json"}
    for path, media in expected.items():
        answer = get(served, path)
        assert (answer.status, answer.header("Content-Type").split(";")[0]) == (200, media), (served.name, path)
    void = get(served, "/.well-known/void")
    assert void.status == 303 and location(served, void, "/") == "/dumps/void.ttl"
    shapes = get(served, "/def/shapes")  # the ontology's rdfs:seeAlso, as the server answers it
    assert shapes.status == 303 and location(served, shapes, "/") == "/dumps/shapes.ttl"
    nq = (export_dir.parent / "dist" / "leidraad.nq").read_bytes()
    assert get(served, "/dumps/leidraad.nq").body == nq


def test_search_page_searches_the_exported_index_and_links_the_indexes(served) -> None:
    page = get(served, "/search?q=anna").body.decode()
    assert "/static/offline-search.js" in page and 'data-index="/search-index.json"' in page
    assert all(f'href="/browse/{kind}"' in page for kind in ("persons", "texts", "frameworks"))
    index = json.loads(get(served, "/search-index.json").body)
    assert any(r["href"] == f"/doc/{ANNA}" for r in index["resources"])
    assert get(served, "/static/offline-search.js").status == 200


def test_sparql_is_a_note_page_or_redirects_to_the_given_endpoint(served) -> None:
    note = get(served, "/sparql", Accept_Language="en")
    assert note.status == 200 and b"SPARQL is not available here" in note.body
    assert "RewriteRule ^sparql$ https://example.org/sparql [R=307,L]" in export_rules.htaccess([], "https://example.org/sparql")


def test_exported_html_has_no_broken_internal_links(served, export_dir) -> None:
    links: set[str] = set()
    for page in (export_dir / "site").rglob("*.html"):
        if page.parts[len(export_dir.parts) + 1] in ("_errors", "_retired"):
            continue  # their language switch links to the very IRI that is missing or gone
        for href in re.findall(r'(?:href|src)="([^"]*)"', page.read_text(encoding="utf-8")):
            href = unescape(href).split("#")[0]
            if href.startswith("/") and not href.startswith("//"):
                links.add(href)
    broken = []
    for link in sorted(links):
        answer = get(served, link, Accept="text/html")
        if answer.status in (301, 302, 303, 307):
            answer = get(served, location(served, answer, link), Accept="text/html")
        if answer.status not in (200, 300):
            broken.append(f"{link}: {answer.status}")
    assert len(links) > 500
    assert broken == [], (served.name, broken[:20])


def test_export_is_byte_identical_twice(export_dir, tmp_path) -> None:
    again = tmp_path / "again"
    export(export_dir.parent / "dist", again)
    comparison = filecmp.dircmp(export_dir / "site", again / "site")
    assert _differences(comparison) == []
    assert (export_dir / "nginx" / "maps.conf").read_bytes() == (again / "nginx" / "maps.conf").read_bytes()
    site = (again / "nginx" / "site.conf").read_text().replace(str(again.resolve()), str(export_dir.resolve()))
    assert site == (export_dir / "nginx" / "site.conf").read_text()


def _differences(comparison: filecmp.dircmp) -> list[str]:
    found = comparison.left_only + comparison.right_only + comparison.diff_files + comparison.funny_files
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    found += mismatch + errors
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found
