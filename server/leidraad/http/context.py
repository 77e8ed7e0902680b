"""What a view needs from the application handling the current request: its dataset.

Kept apart from the app factory so that views import it without importing the
app (which imports the views).
"""

from __future__ import annotations

from flask import current_app

from ..store.dataset import Dataset

#: Where the app keeps the loaded build (``app.extensions[DATASET]``).
DATASET = "leidraad"


def dataset() -> Dataset:
    """The dataset of the application handling the current request."""
    return current_app.extensions[DATASET]
