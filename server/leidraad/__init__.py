"""Leidraad: a linked-data knowledge graph of Dutch writing on public-sector leadership.

The package is grouped by concern, in layers that import only downwards
(enforced by ``lint-imports``; see ``docs/architecture.md``):

- ``cli``       the ``leidraad`` command;
- ``http``      the Flask app, its single route table, thin views and middleware;
- ``web``       what pages show: view models, labels, search, linked-data negotiation;
- ``sparql``    the SPARQL 1.1 service: protocol, guard, evaluation, worker pool, results;
- ``store``     the built dataset in a store: embedded Oxigraph, or an external one;
- ``pipeline``  ``leidraad build``: parse, skolemise, reason, validate, evidence, dumps;
- ``core``      the rules everything agrees on: IRIs, prefixes, terms, formats, SPARQL lexing.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("leidraad")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0"
