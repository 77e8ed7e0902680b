"""The SPARQL 1.1 service: reading protocol requests, refusing what may not run, evaluating in
sandboxed worker processes, and writing results.
"""
