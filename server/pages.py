"""Browsable pages and content negotiation for every IRI of ours.

(Skeleton: the pages work fills this module in.)
"""

from __future__ import annotations

from flask import Flask, abort, render_template

from .app import dataset


def install(app: Flask) -> None:
    """Hook for template globals and per-request set-up."""


def home():
    ds = dataset()
    return render_template("home.html", version=ds.version, quads=len(ds))


def thing(path: str):
    abort(404)


def document(path: str):
    abort(404)


def ontology():
    abort(404)


def browse(kind: str):
    abort(404)


def search():
    abort(404)


def suggest():
    abort(404)
