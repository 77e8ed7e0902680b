"""``leidraad query``: run a SPARQL query against the built graph and print the answer.

The same embedded store the server uses, with the default graph as the union
of all named graphs (asserted and inferred), so a query behaves here as it does
at ``/sparql``.  Also used by the tests of the example catalogue.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pyoxigraph as ox

from .namespaces import PREFIXES
from .sources import default_sources
from .store import Dataset

Row = dict[str, str | None]


def _plain(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal | ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


def select(dataset: Dataset, query: str) -> tuple[list[str], list[Row]] | bool:
    """Evaluate ``query``: a boolean for ASK, otherwise variable names and plain-string rows.

    CONSTRUCT and DESCRIBE answers come back as subject/predicate/object rows.
    Raises ``SyntaxError`` with the parser's message for a malformed query.
    """
    result = dataset.store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        names = ["subject", "predicate", "object"]
        return names, [dict(zip(names, (_plain(t.subject), _plain(t.predicate), _plain(t.object)), strict=True))
                       for t in result]
    names = [v.value for v in result.variables]
    return names, [{n: _plain(sol[n]) for n in names} for sol in result]


def shorten(value: str | None) -> str:
    if value is None:
        return ""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def format_table(names: list[str], rows: list[Row], width: int = 60) -> str:
    cells = [[shorten(r[n])[:width] for n in names] for r in rows]
    widths = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def run_query_cli(text: str | None, file: str | None, fmt: str) -> int:
    if file:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"leidraad: cannot read {file}: {exc.strerror}", file=sys.stderr)
            return 1
    if not text:
        print("leidraad: give a query, or --file FILE.rq", file=sys.stderr)
        return 2
    dataset = Dataset.load(default_sources().dist)
    try:
        answer = select(dataset, text)
    except SyntaxError as exc:
        print(f"leidraad: malformed query: {exc}", file=sys.stderr)
        return 1
    if isinstance(answer, bool):
        print("true" if answer else "false")
        return 0
    names, rows = answer
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t")
        writer.writerow(names)
        writer.writerows([[r[n] or "" for n in names] for r in rows])
        print(buf.getvalue(), end="")
    else:
        print(format_table(names, rows))
    return 0
