"""Parser stub: to be written."""
from __future__ import annotations

from perfdash.extract.document import SourceDocument


def extract(document: SourceDocument) -> dict[str, list[dict]]:
    return {}
