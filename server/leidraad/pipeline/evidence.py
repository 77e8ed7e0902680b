"""Finding quotes in the seed texts.

Every statement in Leidraad carries evidence: a seed file, a line range and an
exact quote.  The seed files are PDF extractions, so a quote that reads as one
sentence may be broken over lines, with a word hyphenated at a line end.  We
normalise only that (white space, line breaks, line-end hyphenation) and then
demand the quote verbatim inside the lines the evidence states: a word hyphenated
over a line end belongs to both lines, so a quote starting with it starts on the
first.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from ..core.namespaces import DCTERMS, ID, LEI, OA

#: The quote selectors of the build's annotations (:mod:`.annotations`) repeat the quotes checked here.
ANNOTATIONS = str(ID["annotation/"])

_WS = re.compile(r"\s+")
_HYPHEN_BREAK = re.compile(r"(?<=\w)[-\u00ad]\s*\n\s*")


def normalise(text: str) -> str:
    """Fold every run of white space (line breaks included) into one space."""
    return _WS.sub(" ", text.replace("\u00ad", "")).strip()


def _readings(text: str) -> tuple[str, str, str]:
    """The ways a stretch of lines can be read: as is, hyphen joined, hyphen kept."""
    return (
        normalise(text),
        normalise(_HYPHEN_BREAK.sub("", text)),
        normalise(_HYPHEN_BREAK.sub("-", text)),
    )


@lru_cache(maxsize=16)
def seed_lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def quote_in_lines(lines: tuple[str, ...], quote: str, start: int, end: int) -> bool:
    """Whether ``quote`` stands inside lines ``start``..``end`` (1-based)."""
    lo = max(0, start - 1)
    hi = min(len(lines), end)
    window = "\n".join(lines[lo:hi])
    wanted = normalise(quote)
    return bool(wanted) and any(wanted in reading for reading in _readings(window))


def locate(lines: tuple[str, ...], quote: str) -> tuple[int, int] | None:
    """The first line range where ``quote`` stands anywhere in the file, for hints."""
    wanted = normalise(quote)
    first_word = wanted.split(" ")[0] if wanted else ""
    n_lines = max(1, wanted.count(" ") // 4 + 2)
    for i, line in enumerate(lines):
        if first_word and first_word.rstrip("-") not in line and wanted[:12] not in line:
            continue
        for span in (n_lines, n_lines * 2, n_lines * 4):
            if quote_in_lines(lines, quote, i + 1, i + span):
                end = next(e for e in range(i + 1, i + span + 1) if quote_in_lines(lines, quote, i + 1, e))
                return i + 1, end
    return None


@dataclass(frozen=True)
class QuoteProblem:
    """One piece of evidence whose quote was not found where it says."""

    evidence: str
    seed: str
    start: int
    end: int
    quote: str
    found_at: tuple[int, int] | None
    #: The seed file itself is missing: one problem stands for all the evidence pointing into it.
    missing_seed: bool = False

    def __str__(self) -> str:
        if self.missing_seed:
            return f"seed file {self.seed} not found"
        where = f"found at lines {self.found_at[0]}-{self.found_at[1]}" if self.found_at else "not found anywhere"
        return f"{self.evidence}: {self.seed} lines {self.start}-{self.end}: {where}: {self.quote[:90]!r}"


def seed_file(graph: Graph, text: object) -> str | None:
    """The seed file of a text, or of the text it is part of (a response inside a bundle)."""
    seen = set()
    while text is not None and text not in seen:
        seen.add(text)
        seed = graph.value(text, LEI.seedFile)
        if seed is not None:
            return str(seed)
        text = graph.value(text, DCTERMS.isPartOf)
    return None


def check_graph(graph: Graph, seeds: Path, only: set | None = None) -> tuple[int, list[QuoteProblem]]:
    """Check every piece of evidence in ``graph`` (or those in ``only``); return the count checked and the problems.

    A seed file that does not exist is one problem, however much evidence points into it.
    """
    problems: list[QuoteProblem] = []
    checked = 0
    missing: set[str] = set()
    for ev, quote in graph.subject_objects(OA.exact):
        if (only is not None and ev not in only) or str(ev).startswith(ANNOTATIONS):
            continue
        seed = seed_file(graph, graph.value(ev, LEI.inText))
        start = graph.value(ev, LEI.lineStart)
        end = graph.value(ev, LEI.lineEnd) or start
        checked += 1
        if seed is None or start is None:
            problems.append(QuoteProblem(str(ev), str(seed), 0, 0, str(quote), None))
            continue
        path = seeds / str(seed)
        if not path.is_file():
            if str(seed) not in missing:
                missing.add(str(seed))
                problems.append(QuoteProblem(str(ev), str(seed), 0, 0, str(quote), None, missing_seed=True))
            continue
        lines = seed_lines(path)
        s, e = int(start), int(end)
        if not quote_in_lines(lines, str(quote), s, e):
            problems.append(QuoteProblem(str(ev), str(seed), s, e, str(quote), locate(lines, str(quote))))
    return checked, problems


def _main(argv: list[str]) -> int:
    """``python -m leidraad.pipeline.evidence FILE.ttl ...``: check the quotes of some data files."""
    from .sources import default_sources

    src = default_sources()
    graph = Graph()
    for path in src.data_files() if not argv else []:
        graph.parse(path, format="turtle")
    for name in argv:
        graph.parse(name, format="turtle")
    # the texts' seed-file names may live in another data file
    for path in src.data_files():
        if str(path) not in argv:
            g = Graph().parse(path, format="turtle")
            for prop in (LEI.seedFile, DCTERMS.isPartOf):
                for s, o in g.subject_objects(prop):
                    graph.add((s, prop, o))
    checked, problems = check_graph(graph, src.seeds)
    for p in problems:
        print(p)
    print(f"{checked} quotes checked, {len(problems)} not found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

