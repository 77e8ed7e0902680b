"""A harness replaying the W3C SPARQL 1.1 Protocol tests against the endpoint."""
