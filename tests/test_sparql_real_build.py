"""One smoke test against the session's build of the real sources."""

from __future__ import annotations

import json

from leidraad.pipeline.sources import default_sources


def test_the_real_build_answers_over_every_named_graph(real_dist):
    from sparql_fixtures import close_app, make_app

    app = make_app(real_dist, QUERIES_DIR=str(default_sources().queries))
    try:
        response = app.test_client().get(
            "/sparql", query_string={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}
        )
        assert response.status_code == 200
        found = int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])
        assert found == len(app.extensions["leidraad"].named_graphs())
    finally:
        close_app(app)
