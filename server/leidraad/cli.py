"""The ``leidraad`` command: build, validate, query and serve the graph.

Each subcommand is a small function; errors a user can cause (bad Turtle, a failed validation, a malformed
query, a missing build) print one clear message and exit non-zero, never a traceback. Every subcommand acts on
the project folder it is run in (found from the current directory upwards, as git finds its repository), or on
``--root``; outside any project it says so and exits 2 (:mod:`.pipeline.sources`).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from .pipeline.reason import REASONERS
from .pipeline.scaffold import GENRES
from .pipeline.sources import NoProject, Sources, default_sources

STORE_HELP = "an external SPARQL store, sparql+http://HOST:PORT/PATH (default: the embedded store)"
REASONER_HELP = "OWL 2 RL engine: the fast SPARQL rule set (default) or owlrl, the reference"
EXIT_FAILED = 1
EXIT_NO_PROJECT = 2


def _sources(args: argparse.Namespace) -> Sources:
    """The project this command acts on: ``--root``, else ``LEIDRAAD_ROOT``, else the one around the cwd."""
    return default_sources(args.root, args.seeds)


def _progress(args: argparse.Namespace):
    """Progress lines on stderr when it is a terminal (or when asked), silent otherwise."""
    if getattr(args, "quiet", False):
        return lambda _msg: None
    return lambda msg: print(msg, file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline.build import BuildFailed, build
    from .pipeline.validate import ShapesError

    sources = _sources(args)
    try:
        outcome = build(sources, _progress(args), args.reasoner)
    except (BuildFailed, ShapesError) as exc:
        print(f"build failed; {sources.dist} left as it was\n\n{exc}", file=sys.stderr)
        return EXIT_FAILED
    if outcome.warnings:  # the build passes, but a researcher should see what is not quite right
        print("\n".join(["warnings:", *(f"  {w}" for w in outcome.warnings)]), file=sys.stderr)
    total = sum(outcome.timings.values())
    print(
        f"built {sources.dist}: {outcome.asserted} asserted + {outcome.inferred} inferred triples, "
        f"{outcome.quotes_checked} quotes checked, {len(outcome.files)} files, {total:.2f} s "
        f"({', '.join(f'{k} {v:.2f} s' for k, v in outcome.timings.items())})"
    )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .pipeline import build, stats
    from .pipeline.report import format_json
    from .pipeline.validate import ShapesError

    try:
        outcome, checked = build.check(_sources(args), _progress(args), args.reasoner)
    except ShapesError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    if args.format == "turtle":
        print(outcome.report.graph.serialize(format="turtle"))
    elif args.format == "json":
        print(format_json(outcome.report))
    else:
        print(outcome.describe_problems(args.lang) or ("Conforms." if args.lang == "en" else "Voldoet."))
        counts = f"{outcome.asserted} asserted + {outcome.inferred} inferred triples"
        print(f"{counts}; {outcome.quotes_checked} quotes checked")
    if args.stats:  # after the report; on stderr when stdout holds Turtle or JSON
        print(stats.report(checked.everything, outcome.annotated), file=None if args.format == "text" else sys.stderr)
    return 0 if outcome.ok else EXIT_FAILED


def cmd_check(args: argparse.Namespace) -> int:
    from .pipeline.check_file import check_file, report_lines
    from .pipeline.validate import ShapesError

    path = Path(args.file)
    if not path.is_file():
        print(f"leidraad: {path}: no such data file", file=sys.stderr)
        return EXIT_FAILED
    try:
        outcome = check_file(_sources(args), path)
    except ShapesError as exc:
        print(f"leidraad: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print("\n".join(report_lines(outcome)))
    return 0 if outcome.ok else EXIT_FAILED


def cmd_new_text(args: argparse.Namespace) -> int:
    from .pipeline.scaffold import ScaffoldError, new_text

    sources = _sources(args)
    try:
        made = new_text(sources, Path(args.seed), slug=args.slug, genre=args.genre, force=args.force)
    except (ScaffoldError, OSError) as exc:
        print(f"leidraad: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"seed file   {sources.seeds / made.seed_name}  (SHA-256 {made.checksum})\ndata file   {made.data_file}\n"
          f"next        leidraad suggest {sources.seeds / made.seed_name} > /tmp/proposals.ttl ; "
          f"edit the data file; leidraad check {made.data_file.relative_to(sources.root)}")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from .pipeline.suggest_turtle import SuggestError, proposals_for

    try:
        turtle, count = proposals_for(_sources(args), args.seed, args.text, Path(args.output) if args.output else None)
    except SuggestError as exc:
        print(f"leidraad: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{count} proposals written to {args.output}", file=sys.stderr) if args.output else sys.stdout.write(turtle)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from .sparql.cli_query import run_query_cli

    return run_query_cli(_sources(args).dist, args.query, args.file, args.format)


def cmd_diff(args: argparse.Namespace) -> int:
    from .pipeline import diff

    for folder in (args.old, args.new):
        if not (folder / diff.NQUADS).exists():
            print(f"leidraad: no build in {folder} (expected {diff.NQUADS} there)", file=sys.stderr)
            return EXIT_FAILED
    change = diff.compare(args.old, args.new)
    print(diff.as_json(change) if args.format == "json" else diff.as_text(change), end="")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from .store.loader import LoadFailed, load, target_for

    dist = _sources(args).dist
    try:
        sent = load(dist, target_for(args.store, args.graph_store, args.user, args.password), _progress(args))
    except (LoadFailed, ValueError) as exc:
        print(f"leidraad: load failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"loaded {sent} triples from {dist} into {args.store}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .http import reload, serving
    from .http.app import create_app, warm_up

    dist = _sources(args).dist
    app = create_app(dist, config={"STORE": args.store} if args.store else None)
    warm_up(app)  # the query workers and every per-dataset index, before the first visitor
    reload.on_hangup(app)  # kill -HUP <pid>: serve a new build without a restart (http/reload.py)
    # kill <pid> (SIGTERM) ends like Ctrl-C: the workers are stopped and their snapshot is removed
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    source = args.store or dist
    print(f"Leidraad serving {source} on http://{args.host}:{args.port}/", file=sys.stderr)
    try:  # waitress, with threads for pages beside every admitted query, and per-client connection limits
        serving.serve(app, args.host, args.port, args.threads)
    except OSError as exc:  # the port is taken (or not ours to take): say so, no traceback
        app.extensions["leidraad.sparql"].executor.close()
        print(f"leidraad: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}; "
              "is another server running there? Choose another port with --port", file=sys.stderr)
        return EXIT_FAILED
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import time

    from .http.export import export

    dist, started = _sources(args).dist, time.perf_counter()
    report = export(dist, args.dir, args.sparql_endpoint, _progress(args))
    for problem in report.problems:
        print(f"leidraad: not exported: {problem}", file=sys.stderr)
    print(f"exported {dist} to {args.dir}: {report.pages} pages, {report.documents} documents, "
          f"{report.retired} retired IRIs, {report.files} files, {report.bytes / 1e6:.1f} MB, "
          f"{time.perf_counter() - started:.1f} s")
    return EXIT_FAILED if report.problems else 0


def parser() -> argparse.ArgumentParser:
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument("--root", metavar="DIR",
                         help="the project folder (holding ontology/ data/ shapes/); default: the one around the "
                              "current directory, or $LEIDRAAD_ROOT")
    project.add_argument("--seeds", metavar="DIR",
                         help="the seed texts (default: ../shared/seeds beside the project, or $LEIDRAAD_SEEDS)")
    p = argparse.ArgumentParser(prog="leidraad", description="Build, check, query and serve the Leidraad graph.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", parents=[project], help="parse, reason, validate and write the dumps to dist/")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    b.add_argument("--reasoner", choices=REASONERS, default="rules", help=REASONER_HELP)
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", parents=[project], help="check the sources against the shapes and the seed texts")
    v.add_argument("--format", choices=["text", "turtle", "json"], default="text")
    v.add_argument("--lang", choices=["nl", "en"], default="en", help="language of the report's messages")
    v.add_argument("-q", "--quiet", action="store_true")
    v.add_argument("--reasoner", choices=REASONERS, default="rules", help=REASONER_HELP)
    v.add_argument("--stats", action="store_true", help="print the graph's figures: relations, links, evidence")
    v.set_defaults(func=cmd_validate)

    c = sub.add_parser("check", parents=[project],
                       help="check one data file (quotes, shapes, names and kinds) against the rest, at file:line")
    c.add_argument("file", help="the data file, e.g. data/my-text.ttl")
    c.set_defaults(func=cmd_check)

    n = sub.add_parser("new-text", parents=[project],
                       help="place a seed text under its conventional name and write a data file skeleton for it")
    n.add_argument("seed", help="the plain-text seed file")
    n.add_argument("--slug", help="the text's slug (default: from its first line)")
    n.add_argument("--genre", default="essay", choices=GENRES)
    n.add_argument("--force", action="store_true", help="overwrite an existing data file")
    n.set_defaults(func=cmd_new_text)

    sg = sub.add_parser("suggest", parents=[project],
                        help="propose persons, cited works, concepts and lists from a seed text, as commented Turtle")
    sg.add_argument("seed", help="the seed file (a path, or a name in the seeds folder)")
    sg.add_argument("--text", help="the text's slug, for lei:inText (default: from the seed's name)")
    sg.add_argument("-o", "--output", help="write to this file (never inside data/); default: stdout")
    sg.set_defaults(func=cmd_suggest)

    q = sub.add_parser("query", parents=[project], help="run a SPARQL query against the built graph and print a table")
    q.add_argument("query", nargs="?", help="the query text (or use --file)")
    q.add_argument("-f", "--file", help="read the query from a .rq file")
    q.add_argument("--format", choices=["table", "json", "csv", "tsv"], default="table")
    q.set_defaults(func=cmd_query)

    s = sub.add_parser("serve", parents=[project], help="serve pages, SPARQL and dumps from the built graph")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--threads", type=int, default=8)
    s.add_argument("--store", metavar="URL", help=STORE_HELP)
    s.set_defaults(func=cmd_serve)

    e = sub.add_parser("export", parents=[project],
                       help="write the whole site as static files, with rules for Apache and nginx")
    e.add_argument("dir", type=Path, help="where to write it: DIR/site (the document root) and DIR/nginx")
    e.add_argument("--sparql-endpoint", metavar="URL",
                   help="a SPARQL endpoint /sparql redirects to (default: a page saying there is none)")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    e.set_defaults(func=cmd_export)

    d = sub.add_parser("diff", help="what changed between two builds: resources added, merged, split, retired")
    d.add_argument("old", type=Path, help="the older build's folder (its dist/)")
    d.add_argument("new", type=Path, help="the newer build's folder")
    d.add_argument("--format", choices=["text", "json"], default="text")
    d.set_defaults(func=cmd_diff)

    ld = sub.add_parser("load", parents=[project], help="push the build in dist/ into an external SPARQL store")
    ld.add_argument("--store", metavar="URL", required=True, help=STORE_HELP)
    ld.add_argument("--graph-store", metavar="URL",
                    help="its Graph Store Protocol URL (default: Virtuoso's, /sparql-graph-crud-auth)")
    ld.add_argument("--user", help="user for the graph store (Virtuoso: dba)")
    ld.add_argument("--password", default=os.environ.get("LEIDRAAD_STORE_PASSWORD"),
                    help="password (default: $LEIDRAAD_STORE_PASSWORD)")
    ld.add_argument("-q", "--quiet", action="store_true")
    ld.set_defaults(func=cmd_load)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from .pipeline.parse import SourceError
    from .store.dataset import NotBuilt

    try:
        return args.func(args)
    except NoProject as exc:
        print(f"leidraad: {exc}", file=sys.stderr)
        return EXIT_NO_PROJECT
    except (SourceError, NotBuilt) as exc:
        print(f"leidraad: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # ``leidraad query ... | head``: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")
        return 0


if __name__ == "__main__":
    sys.exit(main())
