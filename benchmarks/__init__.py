"""Performance measurements of Leidraad against its engine and its peers (not part of ``make test``).

- ``generate``  synthetic graphs shaped like ``data/`` at 10k, 100k and 1M triples;
- ``buildbench`` the build's stages, timed and with peak memory, in a subprocess;
- ``targets``   the systems compared: Leidraad (Oxigraph, rdflib), raw pyoxigraph, and peers;
- ``load``      latency and throughput measurement on loopback;
- ``run``       the one command: ``make bench`` (``python -m benchmarks.run``).
"""
