"""The rules that serve a static export as ``leidraad serve`` would: an Apache ``.htaccess`` and an nginx configuration.

Both do what the W3C "Best Practice Recipes for Publishing RDF Vocabularies"
do with mod_rewrite, without mod_negotiation: ``/id/x`` answers 303 to
``/doc/x`` (suffix and query kept); ``/doc/x`` gives the representation
``?format=`` or ``Accept`` asks for (the first type ``Accept`` names that we
offer, else any it names, HTML first) with ``Vary``; a page comes in the
reader's language (``?lang=``, then the ``lang`` cookie, then
``Accept-Language``, then Dutch); retired IRIs answer 301, 300 or 410 as the
server does (Apache replays the server's answers kept as ``.asis`` files; nginx
looks them up in a map of exact paths).  What this cannot do as the server
does (q-values, 406) is in ``docs/static-hosting.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

from ..core.namespaces import ONTOLOGY_IRI
from ..store.dataset import Dataset
from ..store.lookup import rows, value
from ..web import linkeddata


class Exporter(Protocol):
    """What the export's writers need of the crawl (:class:`.export.Exporter`)."""

    ds: Dataset
    site: Path
    sparql_endpoint: str | None
    retired_answers: list[Any]

    def write(self, relative: str, body: bytes) -> None: ...

    def get(self, url: str, accept: str | None = None, lang: str | None = None) -> Any: ...

RDF = "|".join(fmt.suffix[1:] for fmt in linkeddata.RDF_FORMATS)  # ttl|nt|jsonld|rdf
PAGE = r"(?:page|(?:out|in):[A-Za-z0-9:_.-]+)=[0-9]+"
EN_FIRST = r"^(?:\s*(?!(?:nl|en)\b)[^,]*,)*\s*en\b"
COOKIE = "Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly"
MEDIA_TYPES = {
    "html": "text/html", "css": "text/css", "js": "application/javascript", "json": "application/json",
    "ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml", "nq": "application/n-quads", "trig": "application/trig",
    "uri": "text/uri-list", "txt": "text/plain", "svg": "image/svg+xml", "png": "image/png", "map": "application/json",
}
CHARSET = ("html", "ttl", "css", "js", "txt", "uri")
_VERSIONS = (f'SELECT DISTINCT ?v WHERE {{ {{ ?s ?p ?v }} UNION {{ ?v ?p ?o }} '
             f'FILTER(STRSTARTS(STR(?v), "{ONTOLOGY_IRI}/")) }}')


def _format_tokens() -> list[tuple[str, str, tuple[str, ...]]]:
    """Per RDF format: its suffix, the ``?format=`` values naming it, and its media types (canonical first)."""
    found = []
    for fmt in linkeddata.RDF_FORMATS:
        names = sorted({fmt.name, fmt.suffix[1:], *fmt.short_names}, key=lambda n: (len(n), n))
        found.append((fmt.suffix[1:], "|".join(re.escape(n) for n in names), fmt.media_types))
    return found


def _types_re(types: tuple[str, ...]) -> str:
    return "|".join(re.escape(t) for t in types)


def ontology_versions(exporter: Exporter) -> list[str]:
    found = {value(r["v"])[len(str(ONTOLOGY_IRI)) + 1:] for r in rows(exporter.ds, _VERSIONS)}
    return sorted(v for v in found if re.fullmatch(r"\d+\.\d+\.\d+", v))


def write(exporter: Exporter, versions: list[str], sparql_endpoint: str | None) -> None:
    """The ``.htaccess`` at the root of the export's site."""
    exporter.write(".htaccess", htaccess(versions, sparql_endpoint).encode())


# -----------------------------------------------------------------------------
# Apache
# -----------------------------------------------------------------------------


def _apache_format_rules() -> list[str]:
    lines = ["RewriteRule ^ - [E=LEIDRAAD_FMT:html]"]
    tokens = _format_tokens()
    for suffix, _names, types in reversed(tokens):  # any type it names, HTML first (the last rule wins)
        lines += [f"RewriteCond %{{HTTP_ACCEPT}} {re.escape(types[0])} [NC]",
                  f"RewriteRule ^ - [E=LEIDRAAD_FMT:{suffix}]"]
    lines += [r"RewriteCond %{HTTP_ACCEPT} (?:text/html|application/xhtml\+xml) [NC]",
              "RewriteRule ^ - [E=LEIDRAAD_FMT:html]"]
    for suffix, _names, types in tokens:  # the first type it names
        lines += [f"RewriteCond %{{HTTP_ACCEPT}} ^\\s*(?:{_types_re(types)})\\s*(?:[;,]|$) [NC]",
                  f"RewriteRule ^ - [E=LEIDRAAD_FMT:{suffix}]"]
    lines += [r"RewriteCond %{HTTP_ACCEPT} ^\s*(?:text/html|application/xhtml\+xml) [NC]",
              "RewriteRule ^ - [E=LEIDRAAD_FMT:html]"]
    for suffix, names, _types in tokens:  # ?format= wins
        lines += [f"RewriteCond %{{QUERY_STRING}} (?:^|&)format=(?:{names})(?:&|$) [NC]",
                  f"RewriteRule ^ - [E=LEIDRAAD_FMT:{suffix}]"]
    lines += ["RewriteCond %{QUERY_STRING} (?:^|&)format=html(?:&|$) [NC]", "RewriteRule ^ - [E=LEIDRAAD_FMT:html]"]
    return lines


def htaccess(versions: list[str], sparql_endpoint: str | None) -> str:
    types = "\n".join(f"AddType {media} .{ext}" for ext, media in MEDIA_TYPES.items())
    version_re = "|".join(re.escape(v) for v in versions) or "-"
    sparql = (f"RewriteRule ^sparql$ {sparql_endpoint} [R=307,L]" if sparql_endpoint
              else "# /sparql: the note page sparql.<lang>.html (a page like any other below)")
    return APACHE.format(
        types=types, charset=" ".join(f".{e}" for e in CHARSET), cookie=COOKIE, en_first=EN_FIRST, rdf=RDF,
        page=PAGE, formats="\n".join(_apache_format_rules()), versions=version_re, sparql=sparql)


APACHE = r"""# Leidraad, exported by `leidraad export`: serve this folder as the root of a site.
# Apache 2.4 with mod_rewrite, mod_headers, mod_mime and mod_asis, and AllowOverride All for this folder.
# No mod_negotiation (MultiViews): the rules below negotiate, as in the W3C "Best Practice Recipes
# for Publishing RDF Vocabularies".  See docs/static-hosting.md.
Options -MultiViews -Indexes
DirectoryIndex disabled
{types}
AddCharset utf-8 {charset}
AddHandler send-as-is .asis
ErrorDocument 404 /_errors/404.%{{reqenv:REDIRECT_LEIDRAAD_LANG}}.html

<FilesMatch "\.(?:{rdf})$">
  Header merge Vary Accept
</FilesMatch>
<FilesMatch "\.html$">
  Header merge Vary "Accept, Accept-Language, Cookie"
</FilesMatch>
Header always merge Vary Accept "expr=%{{REQUEST_URI}} =~ m#^/id/#"
Header always set Set-Cookie "lang=%{{LEIDRAAD_SET_LANG}}e; {cookie}" env=LEIDRAAD_SET_LANG
Header always set Set-Cookie "lang=%{{REDIRECT_LEIDRAAD_SET_LANG}}e; {cookie}" env=REDIRECT_LEIDRAAD_SET_LANG

RewriteEngine On
RewriteBase /

# A second pass, after a rule below chose a file: serve it as it is.
RewriteCond %{{ENV:REDIRECT_STATUS}} !^$
RewriteRule ^ - [L]
RewriteRule ^(?:_retired|_errors)/ - [R=404,L]

# The reader's language: ?lang= (remembered in a cookie), the cookie, Accept-Language, else Dutch.
RewriteRule ^ - [E=LEIDRAAD_LANG:nl]
RewriteCond %{{HTTP:Accept-Language}} {en_first} [NC]
RewriteRule ^ - [E=LEIDRAAD_LANG:en]
RewriteCond %{{HTTP_COOKIE}} (?:^|;\s*)lang=(nl|en)(?:;|$)
RewriteRule ^ - [E=LEIDRAAD_LANG:%1]
RewriteCond %{{QUERY_STRING}} (?:^|&)lang=(nl|en)(?:&|$)
RewriteRule ^ - [E=LEIDRAAD_LANG:%1,E=LEIDRAAD_SET_LANG:%1]

# Which representation of a document: ?format=, else the first type Accept names that we offer,
# else any type it names (HTML first), else HTML.
{formats}

# A pager's page (?page=2): its own file, if exported.
RewriteCond %{{QUERY_STRING}} (?:^|&)({page})(?:&|$)
RewriteRule ^ - [E=LEIDRAAD_PAGE:@%1]

# Fixed redirects of the server.
RewriteRule ^(id|doc)/(.+)/$ /$1/$2 [R=301,L]
RewriteRule ^\.well-known/void$ /dumps/void.ttl [R=303,L]
RewriteRule ^browse/?$ / [R=302,L]
RewriteRule ^def/(?:{versions})$ /def [R=303,L]
RewriteRule ^def/shapes$ /dumps/shapes.ttl [R=303,L]
{sparql}

# Retired IRIs (successors.json, retired.json): the server's own answer, 301, 300 or 410, kept as .asis files.
RewriteCond %{{DOCUMENT_ROOT}}/_retired/$2.$3.asis -f
RewriteRule ^(id|doc)/(.+)\.({rdf})$ _retired/$2.$3.asis [L]
RewriteRule ^ - [E=LEIDRAAD_RV:txt]
RewriteCond %{{ENV:LEIDRAAD_FMT}} =html
RewriteRule ^ - [E=LEIDRAAD_RV:%{{ENV:LEIDRAAD_LANG}}]
RewriteCond %{{DOCUMENT_ROOT}}/_retired/$2.%{{ENV:LEIDRAAD_RV}}.asis -f
RewriteRule ^(id|doc)/(.+)$ _retired/$2.%{{ENV:LEIDRAAD_RV}}.asis [L]

# /id/x names a thing: 303 See Other to the document about it, suffix and query kept; else 404.
RewriteCond %{{DOCUMENT_ROOT}}/doc/$1.ttl -f
RewriteRule ^id/(.+?)((?:\.(?:{rdf}))?)$ /doc/$1$2 [R=303,L]

# A document without a suffix (/doc/x, /def, /graph/x) in RDF: the file of the format chosen above.
RewriteCond %{{ENV:LEIDRAAD_FMT}} !=html
RewriteCond %{{DOCUMENT_ROOT}}/$1.%{{ENV:LEIDRAAD_FMT}} -f
RewriteRule ^(doc/.+|def|graph/.+)$ $1.%{{ENV:LEIDRAAD_FMT}} [L]

# Pages (documents in HTML too): the reader's language, the pager's page if any.
RewriteRule ^$ index.%{{ENV:LEIDRAAD_LANG}}.html [L]
RewriteRule ^dumps/$ dumps/index.json [L]
RewriteRule ^health$ health.json [L]
RewriteCond %{{ENV:LEIDRAAD_PAGE}} !^$
RewriteCond %{{DOCUMENT_ROOT}}/$1%{{ENV:LEIDRAAD_PAGE}}.%{{ENV:LEIDRAAD_LANG}}.html -f
RewriteRule ^(.+)$ $1%{{ENV:LEIDRAAD_PAGE}}.%{{ENV:LEIDRAAD_LANG}}.html [L]
RewriteCond %{{DOCUMENT_ROOT}}/$1.%{{ENV:LEIDRAAD_LANG}}.html -f
RewriteRule ^(.+)$ $1.%{{ENV:LEIDRAAD_LANG}}.html [L]
"""
