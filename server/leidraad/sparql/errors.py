"""The one error every step of answering a query raises: it carries the HTTP status the client gets."""

from __future__ import annotations


class QueryFailed(Exception):
    """A query that could not be answered; ``status`` is the HTTP status it deserves."""

    def __init__(self, status: int, title: str, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
        self.retry_after = retry_after
