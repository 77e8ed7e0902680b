"""Position IRIs made from what a position is, and the record of every IRI retired on the way.

A position is one holder's one stance on one target, stated in one text; its
IRI says so:  ``position:<text>--<holder>--<stance>--<target>`` (the local
names of the four IRIs).  Where a holder takes the same stance on the same
target in the same text for distinct reasons, the first keeps that IRI and the
others add ``--<6 hex of the Dutch summary's SHA-256>``.

  python scripts/positions.py split    split every position with several targets into one per target (once)
  python scripts/positions.py rename   give every position the IRI the rule makes; record what was renamed

Every published IRI that disappears is recorded in ``data/releases/successors.tsv``
(``old<TAB>new new …``) so the server can redirect it; a test checks that every
IRI of a release either still exists or has successors that do.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SUCCESSORS = DATA / "releases" / "successors.tsv"
BLOCK = re.compile(r"^(position:\S+)\n    a lei:Position ;\n(.*?)(?=^\S|\Z)", re.M | re.S)


def _value(body: str, prop: str) -> str:
    found = re.search(r"^    " + re.escape(prop) + r" (.*?) ;\n(?=    \S|\Z)", body, re.M | re.S)
    if found is None:
        found = re.search(r"^    " + re.escape(prop) + r" (.*?) \.\n", body, re.M | re.S)
    return found.group(1).strip() if found else ""


def _local(curie: str) -> str:
    return curie.split(":", 1)[1]


def _summary_nl(body: str) -> str:
    found = re.search(r'lei:summary "((?:[^"\\]|\\.)*)"@nl', body)
    return found.group(1) if found else body


def base_name(body: str) -> str:
    stance = _local(_value(body, "lei:stance"))
    parts = (_value(body, "lei:statedIn"), _value(body, "lei:heldBy"), "lei:" + stance, _value(body, "lei:about"))
    return "position:" + "--".join(_local(p) for p in parts)


def read_successors() -> dict[str, list[str]]:
    if not SUCCESSORS.exists():
        return {}
    found = {}
    for line in SUCCESSORS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            old, _, new = line.partition("\t")
            found[old] = new.split()
    return found


def write_successors(found: dict[str, list[str]]) -> None:
    SUCCESSORS.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# IRIs of a release that no longer exist, and what replaced them (space-separated); "
             "see scripts/positions.py"]
    lines += [f"{old}\t{' '.join(new)}" for old, new in sorted(found.items())]
    SUCCESSORS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _expand(curie: str) -> str:
    return "https://w3id.org/leidraad/id/position/" + _local(curie)


def split() -> None:
    """One position per target: the same holder, stance, text, summary and evidence, once per target."""
    successors = read_successors()
    for path in sorted(DATA.glob("*.ttl")):
        text = path.read_text(encoding="utf-8")

        def one_per_target(match: re.Match) -> str:
            name, body = match.group(1), match.group(2)
            about = _value(body, "lei:about")
            targets = [t.strip() for t in re.split(r"\s*,\s*", about) if t.strip()]
            if len(targets) < 2:
                return match.group(0)
            start = body.index("    lei:about ")
            end = body.index(" ;\n", start) + 3
            blocks = []
            for number, target in enumerate(targets, 1):
                blocks.append(f"{name}-target-{number}\n    a lei:Position ;\n"
                              + body[:start] + f"    lei:about {target} ;\n" + body[end:])
            successors[_expand(name)] = [_expand(f"{name}-target-{n}") for n in range(1, len(targets) + 1)]
            return "".join(blocks)

        path.write_text(BLOCK.sub(one_per_target, text), encoding="utf-8")
    write_successors(successors)


def rename() -> None:
    """Every position its rule-made IRI, references updated everywhere, successors kept pointing at live IRIs."""
    renames: dict[str, str] = {}
    taken: set[str] = set()
    files = sorted(DATA.glob("*.ttl"))
    for path in files:
        for match in BLOCK.finditer(path.read_text(encoding="utf-8")):
            name, body = match.group(1), match.group(2)
            wanted = base_name(body)
            if wanted in taken:
                wanted += "--" + hashlib.sha256(_summary_nl(body).encode()).hexdigest()[:6]
            taken.add(wanted)
            if wanted != name:
                renames[name] = wanted
    pattern = re.compile(r"(?<![\w:-])(" + "|".join(re.escape(old) for old in sorted(renames, key=len, reverse=True))
                         + r")(?![\w-])") if renames else None
    for path in files:
        text = path.read_text(encoding="utf-8")
        if pattern is not None:
            text = pattern.sub(lambda m: renames[m.group(1)], text)
        path.write_text(text, encoding="utf-8")
    successors = read_successors()
    full = {_expand(old): _expand(new) for old, new in renames.items()}
    published = _published()
    for old, new in list(successors.items()):
        successors[old] = [full.get(n, n) for n in new]
    for old, new in full.items():
        if old in published:
            successors[old] = [new]
    write_successors(successors)
    print(f"{len(renames)} positions renamed")


def _published() -> set[str]:
    listed = DATA / "releases" / "v0.1.0.iris"
    return set(listed.read_text(encoding="utf-8").split()) if listed.exists() else set()


if __name__ == "__main__":
    {"split": split, "rename": rename}[sys.argv[1]]()
