"""What can go wrong with the store, each said in plain words naming the store."""
from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message says why in plain words."""


class StoreBusy(StoreError):
    """Another writer held the store for longer than the wait allowed."""


class StoreUnreadable(StoreError):
    """The store exists but cannot be read (damaged, not a store, or the server is down)."""


class StoreFull(StoreError):
    """The disk holding the store ran out of space during a write; nothing was written."""


def is_disk_full(error: BaseException) -> bool:
    """DuckDB and PostgreSQL both say so in words; the errno is not always passed on."""
    text = str(error).lower()
    return any(words in text for words in ("no space left", "disk full", "could not extend file",
                                           "errno 28", "not enough space"))
