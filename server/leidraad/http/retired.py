"""Answers for IRIs an earlier release published and this one retired: published IRIs never break.

One successor: ``301`` to it.  Several (a split): ``300 Multiple Choices``
with a page (or a URI list) of every part.  None: ``410 Gone`` with why and
the last release that had it.  The table comes from the build
(``successors.json`` and ``retired.json``, see :mod:`..pipeline.successors`).
"""

from __future__ import annotations

from flask import Response, redirect, render_template, request

from ..core import conneg, iris
from ..web import labels, linkeddata
from .context import dataset
from .page_context import page_language as _lang


def answer(iri: str, suffix_format) -> Response:
    """An IRI an earlier release published and this one retired: 301 to its successor, or 300 with the choices.

    Published IRIs never break: a merged resource redirects to what it was merged into, a split one offers
    every part (``Link: rel="alternate"`` and a list, in the format asked for by suffix or ``Accept``).
    """
    suffix = suffix_format.suffix if suffix_format else ""
    targets = [iris.local_href(new) + suffix for new in dataset().successors[iri]]
    html = suffix_format is linkeddata.HTML if suffix_format else _wants_html()
    if not targets:
        return _gone(iri, html)
    if len(targets) == 1:
        response = redirect(targets[0], code=301)
    else:
        parts = [(href, new, labels.label(dataset(), new, _lang()))
                 for href, new in zip(targets, dataset().successors[iri], strict=True)]
        response = Response(render_template("retired.html", iri=iri, successors=parts), status=300,
                            mimetype="text/html")
        if not html:
            response = Response("".join(f"{new}\n" for new in dataset().successors[iri]), status=300,
                                mimetype="text/uri-list")
        response.headers["Link"] = ", ".join(f'<{href}>; rel="alternate"' for href in targets)
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.vary.add("Accept")
    return response


def _gone(iri: str, html: bool) -> Response:
    """``410 Gone``: an earlier release published ``iri``, this one retired it with nothing in its place."""
    about = dataset().retired.get(iri, {})
    why, last = about.get("why", ""), about.get("last_release", "")
    if html:
        response = Response(render_template("retired.html", iri=iri, successors=[], why=why, last_release=last),
                            status=410, mimetype="text/html")
    else:
        text = f"{iri} was retired without a successor" + (f" after release {last}" if last else "")
        response = Response(text + (f": {why}\n" if why else "\n"), status=410, mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.vary.add("Accept")
    return response


def _wants_html() -> bool:
    found = conneg.negotiate(request.headers.get("Accept"), (linkeddata.HTML, *linkeddata.RDF_FORMATS))
    return found is not None and found[0] is linkeddata.HTML
