"""The debate explorer: for each contested concept or claim, who supports, criticises, nuances, proposes, observes.

A target is *contested* when positions of two or more holders are about it (``lei:about``), across all texts.
Each target gets one diverging bar -- critical stances left of the axis, the others right of it, one segment
per stance, every segment a link to that stance's group below -- and the groups list each position with its
holder, reporter (``lei:reportedBy``), quote and text.  Filters narrow the positions shown: by text (its parts
included), by stance, by voice (views in their own words, or reported by someone else) and by the kind of person
holding them: the holder's role in the text the position is stated in, as :mod:`.person_roles` defines it for
the person index too.  The same numbers are offered as a table, so nothing is said by colour or length alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.namespaces import LEI
from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .language import pick
from .memo import built_on_load, per_dataset
from .person_roles import ROLES, role_in
from .resource import Value, iri_value
from .search import fold

#: The closed list of stances: left of the axis (outermost first), then right of it (innermost first).
LEFT = ("criticises", "nuances")
RIGHT = ("observes", "proposes", "supports")
STANCES = LEFT + RIGHT
VOICES = ("own", "reported")

_POSITIONS = """
SELECT ?pos ?holder ?reporter ?stance ?about ?text ?quote ?ev ?in ?start ?summary WHERE {
  ?pos a lei:Position ; lei:about ?about ; lei:heldBy ?holder ; lei:stance ?stance .
  OPTIONAL { ?pos lei:reportedBy ?reporter }
  OPTIONAL { ?pos lei:statedIn ?text }
  OPTIONAL { ?pos lei:evidence ?ev . ?ev oa:exact ?quote ; lei:inText ?in OPTIONAL { ?ev lei:lineStart ?start } }
  OPTIONAL { ?pos lei:summary ?summary }
}
"""
_PARTS = "SELECT ?part WHERE { ?part dcterms:isPartOf* ?this }"


@dataclass
class Entry:
    """One position in the explorer."""

    position: Value
    holder: Value
    stance: str
    text: Value | None = None
    reporter: Value | None = None
    quote: str | None = None
    place: str | None = None  # the quote's place in the reading of its text: "<text slug>#ev-<evidence>"
    summary: str | None = None
    kinds: tuple[str, ...] = ()  # the holder's roles in the text it is stated in (:mod:`.person_roles`)


@dataclass
class Segment:
    """One stance's part of a target's bar: where it starts and how wide it is, in percent of the whole bar."""

    stance: str
    count: int
    x: float
    width: float
    anchor: str


@dataclass
class Target:
    value: Value
    slug: str
    holders: int
    groups: dict[str, list[Entry]] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)

    def count(self, stance: str) -> int:
        return len(self.groups.get(stance, []))

    @property
    def total(self) -> int:
        return sum(len(g) for g in self.groups.values())


@dataclass
class Explorer:
    targets: list[Target]
    stances: list[tuple[str, Value]]
    shown: int  # positions shown after the filters
    contested: int  # contested targets in the whole graph

    def name(self, stance: str) -> str:
        """A stance's label in the reader's language."""
        return next((v.text for key, v in self.stances if key == stance), stance)


@dataclass
class _Raw:
    position: str
    holder: str
    stance: str
    about: str
    text: str | None
    reporter: str | None
    quotes: list[tuple[int, str, str, str]]  # (line, quote, evidence, text it is in)
    summaries: list[tuple[str, str | None]]


@built_on_load
def _all(ds: Dataset) -> dict[str, _Raw]:
    def build(d: Dataset) -> dict[str, _Raw]:
        found: dict[str, _Raw] = {}
        for row in rows(d, _POSITIONS):
            key = value(row["pos"])
            raw = found.get(key)
            if raw is None:
                raw = found[key] = _Raw(key, value(row["holder"]), value(row["stance"]).rsplit("#", 1)[-1],
                                        value(row["about"]), value(row.get("text")) or None,
                                        value(row.get("reporter")) or None, [], [])
            if "quote" in row:
                start = value(row.get("start"))
                quote = (int(start) if start.isdigit() else 0, value(row["quote"]), value(row["ev"]), value(row["in"]))
                if quote not in raw.quotes:
                    raw.quotes.append(quote)
            if "summary" in row:
                pair = (value(row["summary"]), lang_of(row["summary"]))
                if pair not in raw.summaries:
                    raw.summaries.append(pair)
        return found

    return per_dataset(ds, "debate-positions", build)


def contested(ds: Dataset) -> dict[str, int]:
    """Every contested target and how many holders take a position on it."""
    holders: dict[str, set[str]] = {}
    for raw in _all(ds).values():
        holders.setdefault(raw.about, set()).add(raw.holder)
    return {about: len(who) for about, who in holders.items() if len(who) >= 2}


def kinds(ds: Dataset, chosen: str | None = None) -> tuple[str, ...]:
    """The kinds of person the filter offers: the roles holding a contested position, and the one ``chosen``.

    Every role is a valid value (a link with any of them works, and may show nothing), but a choice that could
    only ever show nothing is not offered -- as the person index offers no role no one holds.  In this data no
    merely-mentioned person holds a position, so "mentioned" is offered only once one does.
    """
    counts = contested(ds)
    found = {k for raw in _all(ds).values() if raw.about in counts for k in role_in(ds, raw.holder, raw.text)}
    return tuple(k for k in ROLES if k in found or k == chosen)


def _texts(ds: Dataset, text: str) -> set[str]:
    return {value(r["part"]) for r in rows(ds, _PARTS, this=text)}


def _entry(ds: Dataset, raw: _Raw, lang: str) -> Entry:
    first = min(raw.quotes) if raw.quotes else None
    mine = role_in(ds, raw.holder, raw.text)
    return Entry(
        position=iri_value(ds, raw.position, lang), holder=iri_value(ds, raw.holder, lang), stance=raw.stance,
        text=iri_value(ds, raw.text, lang) if raw.text else None,
        reporter=iri_value(ds, raw.reporter, lang) if raw.reporter else None,
        quote=first[1] if first else None,
        place=f'{first[3].rsplit("/", 1)[-1]}#ev-{first[2].rsplit("/", 1)[-1]}' if first else None,
        summary=pick(raw.summaries, lang),
        kinds=tuple(k for k in ROLES if k in mine),
    )


def explore(ds: Dataset, lang: str, *, text: str | None = None, stance: str | None = None,
            voice: str | None = None, about: str | None = None, kind: str | None = None) -> Explorer:
    """The contested targets and their positions, narrowed by the filters given."""
    counts = contested(ds)
    texts = _texts(ds, text) if text else None
    targets: dict[str, Target] = {}
    shown = 0
    for raw in _all(ds).values():
        if raw.about not in counts or (about and raw.about != about) or (stance and raw.stance != stance):
            continue
        if texts is not None and raw.text not in texts:
            continue
        if (voice == "own" and raw.reporter) or (voice == "reported" and not raw.reporter):
            continue
        if kind and kind not in role_in(ds, raw.holder, raw.text):
            continue
        target = targets.get(raw.about)
        if target is None:
            target = targets[raw.about] = Target(iri_value(ds, raw.about, lang), "", counts[raw.about])
        target.groups.setdefault(raw.stance, []).append(_entry(ds, raw, lang))
        shown += 1
    ordered = sorted(targets.values(), key=lambda t: (-t.holders, -t.total, fold(t.value.text)))
    _draw(ordered)
    return Explorer(ordered, legend(ds, lang), shown, len(counts))


def _draw(targets: list[Target]) -> None:
    """Anchors, groups in the stances' order, and the segments of every bar on one shared scale.

    The axis is at 50 %: critical stances grow leftwards from it (nuances nearest), the others rightwards
    (observes nearest, supports outermost).  The longest side of any bar fills its half.
    """
    scale = max([1] + [max(sum(t.count(s) for s in LEFT), sum(t.count(s) for s in RIGHT)) for t in targets])
    for number, target in enumerate(targets, 1):
        target.slug = f"t{number}"
        target.groups = {s: sorted(target.groups[s], key=lambda e: fold(e.holder.text))
                         for s in STANCES if s in target.groups}
        segments, edge = [], 50.0
        for stance in reversed(LEFT):
            width = 50 * target.count(stance) / scale
            if width:
                edge -= width
                segments.append(Segment(stance, target.count(stance), round(edge, 2), round(width, 2),
                                        f"{target.slug}-{stance}"))
        edge = 50.0
        for stance in RIGHT:
            width = 50 * target.count(stance) / scale
            if width:
                segments.append(Segment(stance, target.count(stance), round(edge, 2), round(width, 2),
                                        f"{target.slug}-{stance}"))
                edge += width
        target.segments = sorted(segments, key=lambda seg: seg.x)


def legend(ds: Dataset, lang: str) -> list[tuple[str, Value]]:
    """Each stance's key and its label (a link to its definition)."""
    return [(name, iri_value(ds, str(LEI[name]), lang)) for name in STANCES]


def choice(raw: str | None, allowed: tuple[str, ...]) -> str | None:
    """A filter's value when it is one of ``allowed``, else no filter."""
    return raw if raw in allowed else None

