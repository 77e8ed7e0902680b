"""The built dataset in a store the server reads: the embedded Oxigraph store, an external SPARQL
store, look-ups for pages, and ``leidraad load``.
"""
