"""The rules everything else agrees on: our IRIs and where they are served, the standard prefixes, RDF
terms, formats and content negotiation, and reading SPARQL text.  Imports nothing of Leidraad's.
"""
