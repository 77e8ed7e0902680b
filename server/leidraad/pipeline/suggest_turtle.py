"""The proposals of :mod:`.suggest` as commented Turtle: a researcher uncomments what is right, deletes the rest.

Every block is commented out (``#: ``), so the output asserts nothing even if
pasted whole into a data file; ``sed 's/^#: //'`` on the chosen lines
makes them Turtle.  Each carries its exact quote and line range, so the
evidence needs no counting.
"""

from __future__ import annotations

from pathlib import Path

from ..core.prefixes import shorten
from .parse import load
from .scaffold import slugify
from .sources import Sources
from .suggest import Proposal, suggest

MARK = "#: "


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _evidence(text: str, p: Proposal, quote: str | None = None, start: int | None = None,
              end: int | None = None) -> list[str]:
    return ["    lei:evidence [",
            f"        lei:inText text:{text} ;",
            f"        lei:lineStart {start or p.start} ; lei:lineEnd {end or p.end} ;",
            f"        oa:exact {_q(quote or p.quote)}",
            "    ] ."]


def _person(text: str, p: Proposal) -> list[str]:
    if p.existing:
        return [f"# {p.label}: in the graph already as {shorten(p.existing)}; add this text's evidence only",
                f"{shorten(p.existing)}", *_evidence(text, p)]
    slug = slugify(p.label)
    lines = [f"# person: {p.label}" + (f", {p.details['function']}" if p.details.get("function") else ""),
             f"person:{slug}", "    a foaf:Person ;", f"    foaf:name {_q(p.label)} ;", *_evidence(text, p), ""]
    function = p.details.get("function")
    if function:
        org = p.details.get("organisation")
        title = function.split(" van ")[0].split(" bij ")[0] if org else function
        lines += [f"membership:{slug}-{slugify(function)[:50].rstrip('-')}", "    a org:Membership ;",
                  f"    org:member person:{slug} ;"]
        if org:
            lines.append(f"    org:organization organisation:{slugify(org)} ;   # as written: {org}")
        lines += [f"    lei:functionTitle {_q(title)}@nl , \"TODO\"@en ;", f"    lei:statedIn text:{text} ;",
                  *_evidence(text, p)]
    return lines


def _reference(text: str, p: Proposal) -> list[str]:
    if p.existing:
        return [f"# reference {p.quote}: the work {shorten(p.existing)} is in the graph",
                f"text:{text} cito:cites {shorten(p.existing)} .",
                f"{shorten(p.existing)}", *_evidence(text, p)]
    authors = p.details.get("authors", ())
    slug = "-".join(slugify(a.split()[-1]) for a in authors) + f"-{p.details.get('year', '')[:4]}"
    return [f"# reference {p.quote}: no work in the graph yet; reuse persons already there as creators",
            f"text:{text} cito:cites work:{slug} .",
            f"work:{slug}", "    a fabio:Expression ;",
            "    dcterms:creator person:TODO ;",
            f"    fabio:hasPublicationYear \"{p.details.get('year', '')[:4]}\"^^xsd:gYear ;",
            f"    dcterms:bibliographicCitation {_q(p.quote)} ;",
            f"    rdfs:label {_q(p.label)}@nl , {_q(p.label)}@en ;", *_evidence(text, p)]


def _concept(text: str, p: Proposal) -> list[str]:
    count = p.details.get("count", 1)
    return [f"# concept {shorten(p.existing or '')} (label {p.label!r}; {count} time(s) in the text; first here)",
            f"{shorten(p.existing or '')}", *_evidence(text, p)]


def _list(text: str, p: Proposal, n: int) -> list[str]:
    kind = "lei:NumberedList" if p.details.get("numbered") else "lei:BulletList"
    slug = f"TODO-lijst-{n}"
    items = p.details.get("items", [])
    lines = [f"# {p.label} at lines {p.start}-{p.end}: a framework candidate",
             f"framework:{slug}", f"    a {kind} ;", '    skos:prefLabel "TODO"@nl , "TODO"@en ;',
             f"    lei:statedIn text:{text} ;", f"    lei:itemCount {len(items)} ;",
             *_evidence(text, p), ""]
    for i, (item, (start, end)) in enumerate(zip(items, p.details.get("spans", []), strict=False), start=1):
        label = item.split(maxsplit=1)[1] if " " in item else item
        lines += [f"item:{slug}-{i}", "    a lei:FrameworkItem ;", f"    lei:inFramework framework:{slug} ;",
                  f"    lei:ordinal {i} ;", f"    skos:prefLabel {_q(label.rstrip('.'))}@nl , \"TODO\"@en ;",
                  *_evidence(text, p, item, start, end), ""]
    return lines


def render(proposals: list[Proposal], text: str, seed_name: str) -> str:
    """All proposals, grouped as the data file's sections are, each block commented out."""
    out = [f"# Proposals for text:{text} from {seed_name}, by `leidraad suggest`.",
           "# Nothing here is asserted: uncomment (strip the leading '#: ') what the text really says, fix the",
           "# TODOs, and paste it into the data file's section; delete the rest. Then run `leidraad check`.", ""]
    heads = (("person", "Persons and their functions"), ("reference", "Cited works"),
             ("concept", "Concepts already in the graph"), ("list", "Lists: framework candidates"))
    for kind, head in heads:
        mine = [p for p in proposals if p.kind == kind]
        out += ["# " + "-" * 77, f"# {head} ({len(mine)})", "# " + "-" * 77, ""]
        for n, p in enumerate(mine, start=1):
            block = {"person": _person, "reference": _reference, "concept": _concept}.get(kind)
            lines = block(text, p) if block else _list(text, p, n)
            out += [line if line.startswith("# ") or not line else MARK + line for line in lines]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


class SuggestError(ValueError):
    """No such seed, or an output file inside ``data/``."""


def proposals_for(sources: Sources, seed: str, text: str | None, output: Path | None) -> tuple[str, int]:
    """``leidraad suggest``: the proposals for ``seed`` (a path, or a name in the seeds folder) as Turtle,
    written to ``output`` if given (never inside ``data/``); the Turtle and the number of proposals."""
    path = Path(seed)
    if not path.is_file() and (sources.seeds / seed).is_file():
        path = sources.seeds / seed
    if not path.is_file():
        raise SuggestError(f"seed file {seed} not found")
    if output is not None and output.resolve().is_relative_to(sources.data.resolve()):
        raise SuggestError(f"suggest never writes into {sources.data}: write the proposals elsewhere and copy "
                           "what is right into the data file yourself")
    proposals = suggest(path.read_text(encoding="utf-8"), load(sources).union())
    turtle = render(proposals, text or slugify(path.stem), path.name)
    if output is not None:
        output.write_text(turtle, encoding="utf-8")
    return turtle, len(proposals)
