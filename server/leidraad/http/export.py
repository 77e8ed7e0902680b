"""leidraad export: the whole site as files a plain web server serves, crawled from the app itself.

Every page and document is fetched in-process through Flask's test client, so
each exported byte is what ``leidraad serve`` sends.  The layout under
``DIR/site`` (see ``docs/static-hosting.md``):

- a page at ``/p`` as ``p.nl.html`` and ``p.en.html`` (``/`` as ``index.*.html``); a paged variant
  ``/p?page=2`` as ``p@page=2.nl.html``;
- a document's RDF at its suffixed path (``doc/x.ttl``, ``doc/x.nt``, ``doc/x.jsonld``, ``doc/x.rdf``);
- the dumps under ``dumps/`` (``dumps/index.json`` is ``/dumps/``), static assets under ``static/``;
- the answers of retired IRIs under ``_retired/`` and the error pages under ``_errors/``.

The rewrite rules that turn these files back into 303s, content negotiation,
redirects and 410s are written by :mod:`.export_rules`; the offline search
and the SPARQL note by :mod:`.export_extras`.
"""

from __future__ import annotations

import re
import shutil
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from flask import Flask

from ..core.namespaces import BASE
from ..store.lookup import rows, value
from ..web import catalogue, linkeddata
from . import export_extras, export_nginx, export_rules
from .app import create_app
from .context import DATASET

LANGS = ("nl", "en")
#: The RDF representations of a document, by suffix, as the server names them.
SUFFIXES = tuple(fmt.suffix for fmt in linkeddata.RDF_FORMATS)
#: The one query parameter a page may be exported for: a pager's (``page=2``, ``out:dcterms:creator=2``).
PAGE_PARAM = re.compile(r"(?:page|(?:out|in):[A-Za-z0-9:_.-]+)")
_LINK = re.compile(r'(?:href|src|action)="([^"]*)"')
#: Paths answered by the rules alone, or not at all, in a static export.
_NOT_FILES = ("/sparql", "/search.json", "/.well-known/", "/browse/", "/id/", "/def/")

_IRIS = f"""
SELECT DISTINCT ?x WHERE {{
  {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }}
  FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{BASE}id/"))
}}
"""


@dataclass
class Report:
    """What an export wrote."""

    files: int = 0
    bytes: int = 0
    pages: int = 0
    documents: int = 0
    retired: int = 0
    problems: list[str] = field(default_factory=list)


class Exporter:
    """Crawl one app and write what it answers under ``site``."""

    def __init__(self, app: Flask, site: Path, progress: Callable[[str], None],
                 sparql_endpoint: str | None = None) -> None:
        self.app = app
        self.sparql_endpoint = sparql_endpoint
        self.retired_answers: list[export_extras.RetiredAnswer] = []
        self.site = site
        self.progress = progress
        self.client = app.test_client(use_cookies=False)
        self.ds = app.extensions[DATASET]
        self.report = Report()
        self.seen: set[str] = set()
        self.queue: deque[str] = deque()

    # -- writing ---------------------------------------------------------------------------------------------

    def write(self, relative: str, body: bytes) -> None:
        target = self.site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.report.files += 1
        self.report.bytes += len(body)

    def get(self, url: str, accept: str | None = None, lang: str | None = None):
        headers = {"Accept": accept or "*/*"}
        if lang:
            headers["Accept-Language"] = lang
        return self.client.get(url, headers=headers)

    def fetch(self, url: str, relative: str, accept: str | None = None, lang: str | None = None) -> bytes | None:
        """``url`` written to ``relative``; ``None`` (and a problem noted) unless the server answers 200."""
        response = self.get(url, accept, lang)
        if response.status_code != 200:
            self.report.problems.append(f"{url}: {response.status_code}")
            return None
        body = response.get_data()
        self.write(relative, body)
        return body

    # -- crawling --------------------------------------------------------------------------------------------

    def add(self, url: str) -> None:
        if url not in self.seen:
            self.seen.add(url)
            self.queue.append(url)

    def seeds(self) -> list[str]:
        found = ["/", "/search", "/stances", "/models", "/def", "/dumps/", "/health"]
        found += [f"/browse/{kind.slug}" for kind in catalogue.KINDS]
        found += ["/graph/" + str(g)[len(BASE) + len("graph/"):] for g in sorted(map(str, self.ds.named_graphs()))
                  if str(g).startswith(BASE + "graph/")]
        found += [f"/dumps/{name}" for name in sorted(self.ds.manifest["files"])]
        static = Path(self.app.static_folder or "")
        found += ["/static/" + p.relative_to(static).as_posix() for p in sorted(static.rglob("*"))
                  if p.is_file() and not p.name.startswith(".")]
        retired = set(self.ds.successors)
        iris = sorted(value(r["x"]) for r in rows(self.ds, _IRIS))
        found += ["/doc/" + iri[len(BASE) + 3:] for iri in iris if iri not in retired and _plain(iri)]
        return found

    def run(self) -> Report:
        for url in self.seeds():
            self.add(url)
        while self.queue:
            self.visit(self.queue.popleft())
            if len(self.seen) % 1000 == 0:
                self.progress(f"  {len(self.seen)} URLs, {len(self.queue)} to go")
        self.report.retired = export_extras.write_retired(self)
        export_extras.write_search(self)
        export_extras.write_sparql_note(self)
        export_extras.write_errors(self)
        return self.report

    def visit(self, url: str) -> None:
        path, _, query = url.partition("?")
        if path.startswith(("/static/", "/dumps/")) and path != "/dumps/":
            self.fetch(url, unquote(path[1:]))
        elif path == "/dumps/":
            self.fetch(url, "dumps/index.json")
        elif path == "/health":
            self.fetch(url, "health.json")
        elif path.startswith(("/doc/", "/graph/")) or path == "/def":
            self.document(path, query)
        else:
            self.page(path, query)

    def document(self, path: str, query: str) -> None:
        if not query:
            self.report.documents += 1
            for suffix in SUFFIXES:
                self.fetch(path + suffix, unquote(path[1:]) + suffix)
        self.page(path, query)

    def page(self, path: str, query: str) -> None:
        stem = unquote(path.strip("/")) or "index"
        variant = f"@{query}" if query else ""
        for lang in LANGS:
            url = path + (f"?{query}" if query else "")
            body = self.fetch(url, f"{stem}{variant}.{lang}.html", "text/html", lang)
            if body is not None:
                self.report.pages += 1
                for link in links(body):
                    self.add(link)


def _plain(iri: str) -> bool:
    """An IRI whose path can be a file name: no query, fragment, spaces or parent steps."""
    rest = iri[len(BASE):]
    return not any(ch in rest for ch in "?#\\ ") and "/../" not in f"/{rest}/" and not rest.endswith("/")


def _document_of(path: str) -> str:
    """A document's RDF (``/doc/x.ttl``) is exported with the document (``/doc/x``)."""
    if path.startswith(("/doc/", "/graph/", "/def.")):
        base, fmt = linkeddata.split_suffix(path)
        return base if fmt else path
    return path


def links(html: bytes) -> list[str]:
    """The internal URLs a page links to, as the export names them: pager queries kept, other queries dropped."""
    found: list[str] = []
    for raw in _LINK.findall(html.decode("utf-8", "replace")):
        href = unescape(raw)
        if not href.startswith("/") or href.startswith("//"):
            continue
        parts = urlsplit(href)
        if parts.path.startswith(_NOT_FILES) or parts.path == "/sparql":
            continue
        params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
        path = _document_of(parts.path)
        if not params:
            found.append(path)
        elif len(params) == 1 and PAGE_PARAM.fullmatch(params[0][0]) and params[0][1].isdigit():
            found.append(f"{path}?{params[0][0]}={params[0][1]}")
    return found


def export(dist: Path, out: Path, sparql_endpoint: str | None = None,
           progress: Callable[[str], None] = lambda _m: None, config: dict[str, object] | None = None) -> Report:
    """Export the build in ``dist`` into ``out``: ``out/site`` (the document root, with ``.htaccess``) and
    ``out/nginx/`` (``maps.conf`` for the ``http`` block, ``site.conf`` for a ``server`` block)."""
    app = create_app(dist, config={**(config or {}), "MAX_CONCURRENT_QUERIES": 1})
    try:
        site = out / "site"
        for old in (site, out / "nginx"):
            if old.exists():
                shutil.rmtree(old)
        site.mkdir(parents=True)
        exporter = Exporter(app, site, progress, sparql_endpoint)
        report = exporter.run()
        versions = export_rules.ontology_versions(exporter)
        export_rules.write(exporter, versions, sparql_endpoint)
        export_nginx.write(exporter, out / "nginx", versions, sparql_endpoint)
        return report
    finally:
        executor = app.extensions.get("leidraad.sparql")
        if executor is not None:
            executor.executor.close()
