"""What a static export adds to the crawled pages: retired IRIs' answers, offline search, the SPARQL note, errors.

- Retired IRIs (``successors.json``, ``retired.json``): each answer the server gives -- per language, per
  suffix, for browsers and for everything else -- as an Apache ``.asis`` file (status, headers and body), and
  for nginx the bodies of 300s and 410s, whose status and ``Link`` its configuration sets.
- Search: ``search-index.json`` (every label, definition and quote, each with the resource it describes) and the
  search page with ``offline-search.js``, which searches it in the browser; without JavaScript the page links
  to every browse index.
- ``/sparql``: a note page in each language when no endpoint was given (``--sparql-endpoint``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from http import HTTPStatus

from ..core.iris import local_href
from ..core.namespaces import BASE
from ..web import catalogue, i18n, labels
from ..web import search as searching
from ..web.memo import per_dataset
from .export_rules import Exporter

#: The answers kept per retired IRI: name → (Accept, Accept-Language, suffix).
RETIRED_VARIANTS: dict[str, tuple[str, str | None, str]] = {
    "nl": ("text/html", "nl", ""),
    "en": ("text/html", "en", ""),
    "txt": ("text/turtle", None, ""),
    "ttl": ("*/*", None, ".ttl"),
    "nt": ("*/*", None, ".nt"),
    "jsonld": ("*/*", None, ".jsonld"),
    "rdf": ("*/*", None, ".rdf"),
}
_ASIS_HEADERS = ("Location", "Content-Type", "Link", "Vary", "Cache-Control")
OFFLINE_SCRIPT = "/static/offline-search.js"
SEARCH_INDEX = "search-index.json"


@dataclass(frozen=True)
class RetiredAnswer:
    """What ``/id/<path>`` (and ``/doc/<path>``) answers: its status, and the Location or Link it sends."""

    path: str  # below /id/, suffix included
    status: int
    location: str
    link: str


def write_retired(exporter: Exporter) -> int:
    """Every answer to every retired IRI of ours; returns how many IRIs."""
    answers: list[RetiredAnswer] = []
    for old in sorted(exporter.ds.successors):
        rest = old[len(BASE) + 3:]
        if not old.startswith(BASE + "id/") or any(ch in rest for ch in "?# \\"):
            continue
        for name, (accept, lang, suffix) in RETIRED_VARIANTS.items():
            response = exporter.get(f"/id/{rest}{suffix}", accept, lang)
            body = response.get_data()
            head = [f"Status: {response.status_code} {HTTPStatus(response.status_code).phrase}"]
            head += [f"{key}: {_relative(response.headers[key], rest) if key == 'Location' else response.headers[key]}"
                     for key in _ASIS_HEADERS if key in response.headers]
            exporter.write(f"_retired/{rest}.{name}.asis", ("\n".join(head) + "\n\n").encode() + body)
            if name in ("nl", "en") and response.status_code != 301:
                exporter.write(f"_retired/{rest}.{name}.html", body)
            if name == "txt" and response.status_code != 301:
                exporter.write(f"_retired/{rest}.{'uri' if response.status_code == 300 else 'txt'}", body)
            if name in ("txt", "ttl", "nt", "jsonld", "rdf"):
                answers.append(RetiredAnswer(rest + suffix, response.status_code,
                                             response.headers.get("Location", ""), response.headers.get("Link", "")))
    exporter.retired_answers = answers
    return len({a.path for a in answers if a.path.rpartition(".")[2] not in RETIRED_VARIANTS})


def _relative(location: str, rest: str) -> str:
    """``/doc/new`` as seen from ``/id/<rest>`` or ``/doc/<rest>`` (both as deep): ``../../doc/new``.

    mod_asis follows a Location that starts with ``/`` itself instead of sending the redirect.
    """
    return "../" * rest.count("/") + "../" + location.lstrip("/") if location.startswith("/") else location


# -----------------------------------------------------------------------------
# Search without a server
# -----------------------------------------------------------------------------


def search_index(exporter: Exporter) -> dict:
    """The search index as the page's script reads it: resources (href, label and type per language) and entries."""
    ds = exporter.ds
    entries = per_dataset(ds, "search", searching._build).entries
    types = per_dataset(ds, "search-types", searching._types)
    order = sorted({e.iri for e in entries})
    number = {iri: n for n, iri in enumerate(order)}
    resources = []
    for iri in order:
        kind = types.get(iri)
        resources.append({
            "href": local_href(iri),
            "label": {lang: labels.label(ds, iri, lang) for lang in ("nl", "en")},
            "type": {lang: labels.label(ds, kind, lang) if kind else "" for lang in ("nl", "en")},
        })
    return {"resources": resources,
            "entries": [[number[e.iri], e.field, e.text] for e in entries]}


def write_search(exporter: Exporter) -> None:
    """``search-index.json``, and the search page in each language wired to it."""
    index = search_index(exporter)
    exporter.write(SEARCH_INDEX, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode())
    for lang in ("nl", "en"):
        page = exporter.site / f"search.{lang}.html"
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8")
        script = f'<script src="{OFFLINE_SCRIPT}" defer></script>\n</head>'
        html = html.replace("</head>", script, 1)
        html = html.replace("</form>", "</form>\n" + _offline_block(lang), 1)
        page.write_text(html, encoding="utf-8")


def _offline_block(lang: str) -> str:
    """Where the script puts its results, and, for readers without it, every browse index."""
    t = lambda key, **v: escape(i18n.translate(key, lang, **v))  # noqa: E731
    kinds = "".join(f'<li><a href="/browse/{k.slug}">{escape(k.title(lang))}</a></li>' for k in catalogue.KINDS)
    note = ("Deze kopie zoekt in je browser. Zonder JavaScript vind je alles via de overzichten:" if lang == "nl"
            else "This copy searches in your browser. Without JavaScript, find everything through the indexes:")
    return (f'<div id="offline-results" data-index="/{SEARCH_INDEX}" data-lang="{lang}" '
            f'data-results="{t("search.results")}" data-none="{t("search.none")}"></div>\n'
            f'<p class="hint">{escape(note)}</p>\n<ul class="columns">{kinds}</ul>\n')


# -----------------------------------------------------------------------------
# The SPARQL note and the error pages
# -----------------------------------------------------------------------------

_NOTE = {
    "nl": ("SPARQL is hier niet beschikbaar",
           "Deze kopie van Leidraad is een statische export: er draait geen server die SPARQL-vragen beantwoordt. "
           "Download de dumps en bevraag ze met je eigen SPARQL-engine, of gebruik de overzichten."),
    "en": ("SPARQL is not available here",
           "This copy of Leidraad is a static export: no server runs here to answer SPARQL queries. "
           "Download the dumps and query them with a SPARQL engine of your own, or use the indexes."),
}


def write_sparql_note(exporter: Exporter) -> None:
    if exporter.sparql_endpoint:
        return
    for lang, (title, text) in _NOTE.items():
        kinds = "".join(f'<li><a href="/browse/{k.slug}">{escape(k.title(lang))}</a></li>' for k in catalogue.KINDS)
        html = (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f'<title>{escape(title)} — Leidraad</title>\n<link rel="stylesheet" href="/static/style.css">\n'
                f'</head>\n<body>\n<main id="main">\n<h1>{escape(title)}</h1>\n<p>{escape(text)}</p>\n'
                f'<ul>\n<li><a href="/dumps/">/dumps/</a></li>\n<li><a href="/">Leidraad</a></li>\n</ul>\n'
                f'<ul class="columns">{kinds}</ul>\n</main>\n</body>\n</html>\n')
        exporter.write(f"sparql.{lang}.html", html.encode())


def write_errors(exporter: Exporter) -> None:
    """The server's 404 page for a path it does not know, in each language."""
    for lang in ("nl", "en"):
        response = exporter.get("/doc/not-found", "text/html", lang)
        exporter.write(f"_errors/404.{lang}.html", response.get_data())
