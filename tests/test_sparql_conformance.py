"""The W3C SPARQL 1.1 Protocol tests, replayed against the endpoint through the Flask test api.

Query tests must pass as written.  Update tests assume a writable endpoint;
Leidraad is read-only, so each update request must instead be refused (4xx)
and leave the store exactly as it was, which the follow-up ASK requests of
those tests then confirm by answering ``false``.
"""

from __future__ import annotations

import pytest
from conformance.protocol_manifest import check_format, load, parsed_boolean, replay, status_class
from flask import Flask
from sparql_fixtures import CONFORMANCE

TESTS = load(CONFORMANCE / "manifest.ttl") if (CONFORMANCE / "manifest.ttl").exists() else []


def _quads(app: Flask) -> set:
    return set(app.extensions["leidraad"].store)


def test_the_manifest_holds_all_34_protocol_tests():
    if not TESTS:
        pytest.skip("W3C conformance files not available")
    assert len(TESTS) == 34


@pytest.mark.parametrize("test", [t for t in TESTS if not t.is_update], ids=lambda t: t.name)
def test_query_protocol_test_passes(conformance_app: Flask, test):
    api = conformance_app.test_client()
    for step in test.steps:
        response = replay(api, step)
        assert status_class(response.status_code) in step.statuses, response.data[:300]
        if step.expected_format:
            assert not list(check_format(response, step.expected_format))
        if step.expected_boolean is not None:
            assert parsed_boolean(response) is step.expected_boolean


@pytest.mark.parametrize("test", [t for t in TESTS if t.is_update], ids=lambda t: t.name)
def test_update_protocol_test_is_refused_without_change(conformance_app: Flask, test):
    api = conformance_app.test_client()
    before = _quads(conformance_app)
    for step in test.steps:
        response = replay(api, step)
        if step.expected_format == "boolean":  # a follow-up query: it answers, and nothing was written
            assert response.status_code == 200
            assert parsed_boolean(response) is False
        else:
            assert status_class(response.status_code) == "4xx", response.data[:300]
    assert _quads(conformance_app) == before
