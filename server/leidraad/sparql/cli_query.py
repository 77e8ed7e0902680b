"""``leidraad query``: run a SPARQL query against the built graph and print the answer.

The same embedded store and the same evaluation as ``/sparql`` (the default
graph as the union of all named graphs, the standard prefixes predefined), so
a query answers here as it does there.  Also used by the tests of the example
catalogue.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pyoxigraph as ox

from ..core.namespaces import BASE
from ..core.prefixes import shorten
from ..core.sparql_lexer import inspect
from ..store.dataset import Dataset
from .errors import QueryFailed
from .evaluate import Job, dataset_fields
from .executors import InlineExecutor

Row = dict[str, str | None]
#: ``leidraad query`` prints every row: a trusted local user, no row cap.
NO_ROW_CAP = sys.maxsize - 1


def _plain(term: dict | None) -> str | None:
    return None if term is None else term["value"]


def select(dataset: Dataset, query: str) -> tuple[list[str], list[Row]] | bool:
    """Evaluate ``query`` as ``/sparql`` does: a boolean for ASK, otherwise variable names and plain-string rows.

    The same :func:`~leidraad.sparql.evaluate.evaluate` as the endpoint's
    workers, with the same dataset (the union of the named graphs), base and
    predefined prefixes.  CONSTRUCT and DESCRIBE answers come back as
    subject/predicate/object rows.  Raises :class:`QueryFailed` (with the
    parser's message) for a malformed query.
    """
    facts = inspect(query)
    graph = facts.form in ("CONSTRUCT", "DESCRIBE")
    job = Job(query=query, format="ntriples" if graph else "json", max_rows=NO_ROW_CAP, base_iri=BASE,
              **dataset_fields(facts))
    outcome = InlineExecutor(dataset.store).run(job, 0)
    if graph:
        names = ["subject", "predicate", "object"]
        triples = ox.parse(outcome.body, format=ox.RdfFormat.N_TRIPLES)
        return names, [dict(zip(names, (t.subject.value, t.predicate.value, t.object.value), strict=True))
                       for t in triples]
    answer = json.loads(outcome.body)
    if "boolean" in answer:
        return bool(answer["boolean"])
    names = answer["head"]["vars"]
    return names, [{n: _plain(binding.get(n)) for n in names} for binding in answer["results"]["bindings"]]


def shorten_value(value: str | None) -> str:
    return "" if value is None else shorten(value)


def format_table(names: list[str], rows: list[Row], width: int = 60) -> str:
    cells = [[shorten_value(r[n])[:width] for n in names] for r in rows]
    widths = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def run_query_cli(dist: Path, text: str | None, file: str | None, fmt: str) -> int:
    if file:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"leidraad: cannot read {file}: {exc.strerror}", file=sys.stderr)
            return 1
    if not text:
        print("leidraad: give a query, or --file FILE.rq", file=sys.stderr)
        return 2
    try:
        answer = select(Dataset.load(dist), text)
    except QueryFailed as exc:
        print(f"leidraad: {exc.title.lower()}: {exc.message}", file=sys.stderr)
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
