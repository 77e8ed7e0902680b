"""Leidraad: a linked-data knowledge graph of Dutch writing on public-sector leadership.

The package is laid out as the pipeline runs:

- ``namespaces``  the IRIs everything else agrees on;
- ``sources``     where the ontology, data, shapes and seed texts live;
- ``evidence``    finding quotes in the seed texts;
- ``graph``       loading the sources into named graphs and reasoning over them;
- ``validation``  SHACL validation and its reports;
- ``dumps``       writing the versioned dumps and their VoID/DCAT description;
- ``build``       the whole pipeline behind ``leidraad build``;
- ``store``       the embedded Oxigraph store the server queries;
- ``sparql``      the SPARQL 1.1 protocol endpoint;
- ``pages``       the browsable pages and content negotiation;
- ``app``         the Flask application and its route table;
- ``cli``         the ``leidraad`` command.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("leidraad")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0"
