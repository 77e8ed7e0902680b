"""IRIs ↔ local paths: the one place that maps our canonical IRIs onto this server.

The rules are those of ``docs/iri-policy.md``: the configured base is mapped
onto the server's root, so ``<base>id/x`` is served at ``/id/x`` (303 to the
document ``/doc/x``), ontology terms ``<base>def#T`` at ``/def``, named graphs
at ``/graph/...``.  RDF keeps canonical IRIs; only HTML links are local.
"""

from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox

from .namespaces import BASE

#: Characters that may not appear in an IRI we put into a path or a query.
_UNSAFE = frozenset(' <>"{}|\\^`\n\r\t')
#: Longest IRI accepted from a request.
MAX_IRI = 2048


def is_ours(iri: str) -> bool:
    return iri.startswith(BASE)


def local_href(iri: str) -> str:
    """Where a page links for ``iri``: our IRIs map onto this server, web IRIs stay as they are, others to nowhere.

    Things link to their document (``/doc/...``) rather than to ``/id/...`` so a
    reader's click costs no redirect.  ``javascript:`` and the like never
    become an href: the answer is then the empty string.
    """
    if not is_ours(iri):
        return iri if iri.startswith(("http://", "https://")) and safe_iri(iri) else ""
    rest = iri[len(BASE):]
    if rest.startswith("id/"):
        return "/doc/" + quote(rest[3:], safe="/-._~%#")
    return "/" + quote(rest, safe="/-._~%#")


def thing_iri(path: str) -> str:
    """The thing IRI served at ``/id/<path>``."""
    return BASE + "id/" + path


def graph_iri(name: str) -> str:
    """The named graph served at ``/graph/<name>``."""
    return BASE + "graph/" + name


def safe_iri(iri: str) -> bool:
    """Whether ``iri`` can be a SPARQL/RDF IRI at all (no spaces, brackets or quotes; absolute, as Oxigraph checks)."""
    if not iri or _UNSAFE & set(iri) or len(iri) >= MAX_IRI:
        return False
    try:
        ox.NamedNode(iri)  # rejects what the store would: no scheme, U+FFFD, other non-IRI code points
    except ValueError:
        return False
    return True
