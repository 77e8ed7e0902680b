"""The SPARQL 1.1 protocol endpoint.

(Skeleton: the endpoint work fills this module in.)
"""

from __future__ import annotations

from flask import Flask, abort


def install(app: Flask) -> None:
    """Hook for per-application set-up (executor, limits)."""


def endpoint():
    abort(501)
