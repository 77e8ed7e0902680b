"""Content negotiation: which representation a client asked for.

Shared by the SPARQL endpoint and the linked-data pages, so both read
``Accept`` the same way (RFC 9110 §12.5.1):

- every media range may carry a ``q`` weight; ``q=0`` means "never this";
- the most specific range that matches an offered type decides its weight
  (``text/turtle;q=0`` beats ``text/*`` beats ``*/*``);
- among equally weighted offers the server's order of preference wins;
- a missing or empty header means ``*/*``; malformed entries are skipped, and
  an absurdly long header is read only up to a bound, never rejected with 5xx.

The module also names every format Leidraad can produce, so ``?format=``
values, file suffixes and media types map onto one another in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Longest ``Accept`` header read, and most media ranges considered in it.
MAX_HEADER_CHARS = 8_192
MAX_RANGES = 64


@dataclass(frozen=True)
class Format:
    """One serialisation: its short name, canonical media type and aliases."""

    name: str
    media_type: str
    kind: str  # "results" (SELECT/ASK), "rdf" (graphs) or "html"
    suffix: str = ""
    aliases: tuple[str, ...] = ()
    label: str = ""
    #: Other names ``format=`` may give it (SPARQLWrapper's ``xml`` asks a graph query for RDF/XML).
    short_names: tuple[str, ...] = ()
    #: Media types of neighbouring formats it answers when nothing offered matches them exactly: a graph asked
    #: for as N-Quads gets N-Triples (a graph has no named graphs), as SPARQL XML results gets RDF/XML.
    stand_ins: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


#: Every format, in the server's order of preference within each kind.
FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "results", ".srj", ("application/json",), "SPARQL JSON",
           ("srj",)),
    Format("xml", "application/sparql-results+xml", "results", ".srx", ("application/xml", "text/xml"), "SPARQL XML",
           ("srx",)),
    Format("csv", "text/csv", "results", ".csv", (), "CSV"),
    Format("tsv", "text/tab-separated-values", "results", ".tsv", (), "TSV"),
    Format("turtle", "text/turtle", "rdf", ".ttl", ("application/x-turtle",), "Turtle",
           ("ttl", "n3", "trig"), ("text/n3", "text/rdf+n3", "application/trig")),
    Format("ntriples", "application/n-triples", "rdf", ".nt", ("text/plain",), "N-Triples",
           ("nt", "nquads", "nq"), ("application/n-quads",)),
    Format("jsonld", "application/ld+json", "rdf", ".jsonld", ("application/json",), "JSON-LD",
           ("json-ld", "json"), ("application/sparql-results+json",)),
    Format("rdfxml", "application/rdf+xml", "rdf", ".rdf", ("application/xml", "text/xml"), "RDF/XML",
           ("rdf", "xml", "rdf+xml"), ("application/sparql-results+xml",)),
    Format("html", "text/html", "html", ".html", ("application/xhtml+xml",), "HTML"),
)

BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}
BY_SUFFIX: dict[str, Format] = {f.suffix: f for f in FORMATS if f.suffix}



def formats_of(kind: str) -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if f.kind == kind)


def by_media_type(media_type: str, kinds: tuple[str, ...] | None = None) -> Format | None:
    """The format a media type stands for (first match in preference order, then a stand-in)."""
    wanted = media_type.split(";")[0].strip().lower()
    chosen = [fmt for fmt in FORMATS if kinds is None or fmt.kind in kinds]
    for fmt in chosen:
        if wanted in fmt.media_types:
            return fmt
    return next((fmt for fmt in chosen if wanted in fmt.stand_ins), None)


def named(name: str, kinds: tuple[str, ...]) -> Format | None:
    """The format ``format=`` means for a query of these kinds: a name, a short name, or a media type.

    Short names are read per kind: ``xml`` is SPARQL XML for a SELECT and RDF/XML for a CONSTRUCT.
    """
    wanted = name.strip().lower()
    chosen = [fmt for fmt in FORMATS if fmt.kind in kinds]
    for fmt in chosen:
        if wanted == fmt.name:
            return fmt
    for fmt in chosen:
        if wanted in fmt.short_names or (fmt.suffix and wanted == fmt.suffix[1:]):
            return fmt
    return by_media_type(wanted, kinds) if "/" in wanted else None


def jsonld_profile(accept_header: str | None) -> str | None:
    """The JSON-LD profile asked for (``expanded``, ``compacted``, ``flattened``), if any, in ``Accept``."""
    for item in (accept_header or "")[:MAX_HEADER_CHARS].split(",")[:MAX_RANGES]:
        media, *params = item.split(";")
        if media.strip().lower() != "application/ld+json":
            continue
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "profile":
                for profile in value.strip().strip('"').split():
                    found = profile.rpartition("#")[2]
                    if profile.startswith(JSONLD_NS) and found in JSONLD_PROFILES:
                        return found
    return None


JSONLD_NS = "http://www.w3.org/ns/json-ld#"
JSONLD_PROFILES = ("expanded", "compacted", "flattened")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """Specificity of the match (2 exact, 1 ``type/*``, 0 ``*/*``), or -1 for none."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def _parse_q(params: list[str]) -> float | None:
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "q":
            try:
                q = float(value.strip())
            except ValueError:
                return None
            return q if 0.0 <= q <= 1.0 else None
    return 1.0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; ``*/*`` when it is absent or empty."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges: list[MediaRange] = []
    for item in header[:MAX_HEADER_CHARS].split(",")[:MAX_RANGES]:
        media, *params = item.split(";")
        kind, slash, sub = media.strip().lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q = _parse_q(params)
        if q is not None:
            ranges.append(MediaRange(kind, sub, q))
    return ranges


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """The weight the client gives ``media_type``: that of its most specific matching range."""
    best_specificity, best_q = -1, 0.0
    for media_range in ranges:
        specificity = media_range.matches(media_type)
        if specificity > best_specificity or (specificity == best_specificity and media_range.q > best_q):
            best_specificity, best_q = specificity, media_range.q
    return best_q if best_specificity >= 0 else 0.0


def best_match(accept_header: str | None, offered_media_types: list[str] | tuple[str, ...]) -> str | None:
    """The offered media type the client prefers, or ``None`` when it accepts none of them.

    Ties go to the earlier offer, so list offers in the server's preference order.
    """
    ranges = parse_accept(accept_header)
    best, best_q = None, 0.0
    for offered in offered_media_types:
        q = quality(ranges, offered.lower())
        if q > best_q:
            best, best_q = offered, q
    return best


def negotiate(accept_header: str | None, offered: tuple[Format, ...]) -> tuple[Format, str] | None:
    """The format (and the media type to answer with) the client prefers among ``offered``.

    A stand-in type competes after every real one and, when it wins, is answered with the format's own
    media type: a client asking a graph query for ``application/n-quads`` gets ``application/n-triples``.
    """
    candidates = [(fmt, media, media) for fmt in offered for media in fmt.media_types]
    candidates += [(fmt, stand_in, fmt.media_type) for fmt in offered for stand_in in fmt.stand_ins]
    winner = best_match(accept_header, [media for _, media, _ in candidates])
    if winner is None:
        return None
    for fmt, media, answered in candidates:
        if media == winner:
            return fmt, answered
    return None
