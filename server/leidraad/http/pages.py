"""Browsable pages and content negotiation for every IRI of ours.

Views stay thin: each reads the request, asks a module for a view model
(``describe``, ``sections``, ``catalogue``, ``search``, ``models``,
``ontodoc``, ``visual``) and renders it.  Every IRI-backed view goes through
:func:`_negotiated`, which picks HTML or an RDF format, adds the linked-data
headers and answers conditional requests, so no view repeats that logic.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyoxigraph as ox
from flask import Response, abort, current_app, jsonify, redirect, render_template, request, url_for

from ..core import conneg, iris
from ..core.namespaces import BASE, DATASET_IRI, GRAPH_INFERRED, ONTOLOGY_IRI
from ..store.dataset import Dataset
from ..store.lookup import exists
from ..web import catalogue, changes, citation, i18n, index_page, jsonld, linkeddata, memo, ontodoc, sections, visual
from ..web import index_facets as facets
from ..web import page_outline as outline
from ..web import search as searching
from ..web import search_page as results
from ..web.resource import iri_value, query_link, resource_view
from . import retired
from .context import dataset
from .page_context import page_language as _lang

#: Query parameters that page the values of one property group: ``?out:dcterms:creator=2``.
_GROUP_PREFIXES = ("out:", "in:")


# -----------------------------------------------------------------------------
# Shared helpers
# -----------------------------------------------------------------------------


def _page(template: str, **context) -> Response:
    return Response(render_template(template, **context), mimetype="text/html")


def cached_page(template: str, build: Callable[[], dict]) -> Response:
    """Render ``template`` with ``build()``'s context once per dataset state, language and URL.

    The data cannot change between builds, so neither the queries behind a
    page nor its rendering are repeated; the cache is bounded (``memo``).
    """
    key = (dataset().etag, _lang(), request.full_path, template)
    body = memo.pages.get_or_render(key, lambda: render_template(template, **build()))
    return Response(body, mimetype="text/html")


def _paging() -> dict[str, int]:
    found: dict[str, int] = {}
    for key, raw in request.args.items():
        if key.startswith(_GROUP_PREFIXES) and raw.isdigit():
            found[key] = int(raw)
    return found


def _page_number(name: str = "page") -> int:
    raw = request.args.get(name, "1")
    return max(1, int(raw)) if raw.isdigit() and len(raw) < 7 else 1


def _negotiated(
    doc_path: str,
    suffix_format,
    triples: Callable[[Dataset], list[ox.Triple]],
    html: Callable[[], Response],
) -> Response:
    """The one place a document's representation is chosen and its linked-data headers set."""
    ds = dataset()
    choice = linkeddata.choose(request, suffix_format)
    if choice.format is None:
        abort(406, description="Available as text/html, text/turtle, application/ld+json, "
                               "application/n-triples and application/rdf+xml.")
    if choice.format is linkeddata.HTML:
        response = html()
        variant = f"html-{_lang()}"
    else:
        profile = conneg.jsonld_profile(request.headers.get("Accept")) if choice.format.name == "jsonld" else None
        body = linkeddata.serialise(triples(ds), choice.format, profile)
        response = Response(body, mimetype=choice.format.media_type)
        if profile:
            response.headers["Content-Type"] = linkeddata.media_type(choice.format, profile)
        variant = choice.format.name + (f"-{profile}" if profile else "")
        if choice.negotiated:
            response.headers["Content-Location"] = doc_path + choice.format.suffix
    if choice.format is linkeddata.HTML and choice.negotiated:
        response.headers["Content-Location"] = doc_path
    return linkeddata.finish(response, request, ds, variant=variant, doc_path=doc_path, negotiated=choice.negotiated)


# -----------------------------------------------------------------------------
# Home, index pages, search
# -----------------------------------------------------------------------------


def home() -> Response:
    ds = dataset()
    lang = _lang()
    texts = catalogue.top_texts(ds, lang)
    about = i18n.translate("site.about", lang, texts=len(texts))
    response = cached_page("home.html", lambda: dict(
        texts=texts,
        counts=catalogue.counts(ds),
        version=ds.version,
        modified=ds.modified,
        triples=len(ds),
        jsonld=jsonld.for_dataset("Leidraad", about, str(DATASET_IRI), ds.version, ds.modified),
        citation=citation.cite(ds.version, ds.modified, lang),
    ))
    return linkeddata.finish(response, request, ds, variant=f"html-{lang}", doc_path=None, negotiated=False)


def browse_index() -> Response:
    return redirect("/", code=302)


def browse(kind: str) -> Response:
    found = catalogue.BY_SLUG.get(kind)
    if found is None:
        abort(404, description=f"There is no index of {kind!r}.")
    ds, lang = dataset(), _lang()
    text = request.args.get("text") or None
    if text and not iris.safe_iri(text):
        text = None
    size = _page_number("size") if "size" in request.args else 0
    per_page = min(max(size, 10), 500) if size else int(current_app.config.get("PAGE_SIZE", 50))

    sort = index_page.pick_sort(found, request.args.get("sort"))
    asked = request.args.get(facets.PARAMETERS.get(found.slug, ""), "")[:200] or None

    def build() -> dict:
        facet, entries = facets.narrow(ds, found.slug, lang, index_page.entries(ds, found, lang, text, sort),
                                             text, asked)
        pages = max(1, -(-len(entries) // per_page))
        page = min(_page_number(), pages)
        shown = entries[(page - 1) * per_page: page * per_page]
        return dict(
            kind=found,
            entries=shown,
            groups=index_page.grouped(shown) if found.slug == "frameworks" else [],
            group_sizes=index_page.group_sizes(entries),
            jumps=index_page.jumps(entries, per_page) if sort == "name" and found.slug != "frameworks" else [],
            sort=sort,
            sorts=index_page.SORTS.get(found.slug, ()),
            total=len(entries),
            page=page,
            pages=pages,
            text=text,
            texts=catalogue.text_choices(ds, lang),
            first=(page - 1) * per_page + 1,
            facet=facet,
            kept={facet.parameter: facet.chosen} if facet and facet.chosen else {},
            roles=facets.role_labels(ds, shown, lang) if found.slug == "persons" else {},
            function_links=index_page.function_links,
        )

    return cached_page("browse.html", build)


def search() -> Response:
    query = request.args.get("q", "")[: searching.MAX_QUERY]
    found = results.results(dataset(), query, _lang(), request.args.get("kind", "")[:100], _page_number())
    return _page("search.html", query=query, hits=found.hits, found=found)


def suggest() -> Response:
    """Type-ahead: a few best hits as JSON for the search box's script."""
    query = request.args.get("q", "")[: searching.MAX_QUERY]
    hits = searching.search(dataset(), query, _lang(), limit=8) if query.strip() else []
    return jsonify({
        "query": query,
        "results": [{"label": h.label, "type": h.type, "href": h.href, "iri": h.iri} for h in hits],
    })


# -----------------------------------------------------------------------------
# Things, documents, the ontology and named graphs
# -----------------------------------------------------------------------------


def thing(path: str) -> Response:
    """``/id/x`` names a thing, not a document: 303 to ``/doc/x`` (suffix and query kept)."""
    if path.endswith("/") and path.strip("/"):
        return _without_trailing_slash()
    base, suffix_format = linkeddata.split_suffix(path)
    iri = iris.thing_iri(base)
    if iri in dataset().successors:
        return retired.answer(iri, suffix_format)
    if not iris.safe_iri(iri) or not exists(dataset(), iri):
        abort(404, description="Leidraad knows nothing by this name.")
    target = "/doc/" + base + (suffix_format.suffix if suffix_format else "")
    if request.query_string:
        target += "?" + request.query_string.decode("latin-1")
    response = redirect(target, code=303)
    response.vary.add("Accept")
    return response


def document(path: str) -> Response:
    if path.endswith("/") and path.strip("/"):
        return _without_trailing_slash()
    base, suffix_format = linkeddata.split_suffix(path)
    iri = iris.thing_iri(base)
    ds = dataset()
    if iri in ds.successors:
        return retired.answer(iri, suffix_format)
    if not iris.safe_iri(iri) or not exists(ds, iri):
        abort(404, description="Leidraad knows nothing by this name.")
    return _negotiated("/doc/" + base, suffix_format, lambda d: linkeddata.resource_triples(d, iri),
                       lambda: _resource_page(ds, iri))


def _without_trailing_slash() -> Response:
    """``/id/x/`` is a typo for ``/id/x``: a permanent redirect, query string kept."""
    target = request.path.rstrip("/")
    if request.query_string:
        target += "?" + request.query_string.decode("latin-1")
    return redirect(target, code=301)


def _resource_page(ds: Dataset, iri: str) -> Response:
    lang = _lang()

    def build() -> dict:
        res = resource_view(ds, iri, lang, _paging())
        return dict(
            res=res,
            sections=sections.sections_for(ds, res, lang),
            neighbourhood=visual.neighbourhood(ds, iri, lang, res.label),
            query_href=query_link(iri),
            citation=citation.cite(ds.version, ds.modified, lang, res.label, iri),
            jsonld=jsonld.for_resource(res, lang),
            change=changes.note(ds, iri),
            version=ds.version,
            crumbs=outline.trail(ds, res, lang),
            headings=outline.headings,
        )

    return cached_page("resource.html", build)


def ontology(ext: str | None = None) -> Response:
    suffix_format = None
    if ext is not None:
        _, suffix_format = linkeddata.split_suffix("def." + ext)
        if suffix_format is None:
            abort(404, description="No such representation of the ontology.")
    ds = dataset()
    onto_graph = BASE + "graph/ontology"

    def html() -> Response:
        return cached_page("ontology.html", lambda: dict(doc=ontodoc.document(ds, _lang()), iri=ONTOLOGY_IRI))

    return _negotiated("/def", suffix_format, lambda d: linkeddata.graph_triples(d, onto_graph), html)


def ontology_version(version: str) -> Response:
    """``/def/0.1.0``, a version IRI of the ontology: 303 to the ontology, which names its prior versions.

    ``/def/shapes``, the shapes graph the ontology names with rdfs:seeAlso: 303 to the build's ``shapes.ttl``.
    """
    if version == "shapes":
        return redirect(url_for("dump", name="shapes.ttl"), code=303)
    known = exists(dataset(), f"{ONTOLOGY_IRI}/{version}") if re.fullmatch(r"\d+\.\d+\.\d+", version) else False
    if not known:
        abort(404, description="No such version of the ontology.")
    return redirect("/def", code=303)


def graph(name: str) -> Response:
    base, suffix_format = linkeddata.split_suffix(name)
    iri = iris.graph_iri(base)
    ds = dataset()
    if iri not in ds.named_graphs():
        abort(404, description="There is no named graph by this name.")

    def html() -> Response:
        triples = linkeddata.graph_triples(ds, iri)
        subjects = sorted({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)})
        per_page = 100
        pages = max(1, -(-len(subjects) // per_page))
        page = min(_page_number(), pages)
        lang = _lang()
        shown = [iri_value(ds, s, lang) for s in subjects[(page - 1) * per_page: page * per_page]]
        return _page("graph.html", iri=iri, triples=len(triples), subjects=shown, page=page, pages=pages,
                     total=len(subjects), inferred=iri == str(GRAPH_INFERRED))

    return _negotiated("/graph/" + base, suffix_format, lambda d: linkeddata.graph_triples(d, iri), html)
