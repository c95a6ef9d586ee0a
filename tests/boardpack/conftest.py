"""One quarter's board pack, built once for the module's tests from a store in a temporary folder."""
from __future__ import annotations

import pytest

from perfdash.boardpack.source import load_board_pack
from perfdash.rag.settings import load_rules
from tests.boardpack import stores


@pytest.fixture(scope="session")
def quarter_store(tmp_path_factory):
    return stores.quarter_store(tmp_path_factory.mktemp("boardpack"))


@pytest.fixture(scope="session")
def status(quarter_store):
    """The quarter's statuses as the RAG rule gives them from the store."""
    return stores.status_for(quarter_store)


@pytest.fixture(scope="session")
def reds(status):
    return status[status["rag"] == "red"]


@pytest.fixture(scope="session")
def pack(quarter_store):
    return load_board_pack(stores.connection_for(quarter_store), load_rules(), stores.NWL, stores.YEAR,
                           stores.QUARTER)


@pytest.fixture(scope="session")
def pptx_file(pack):
    from perfdash.boardpack.pptx import pptx_bytes

    return pptx_bytes(pack)


@pytest.fixture(scope="session")
def pdf_file(pack):
    from perfdash.boardpack.pdf import pdf_bytes

    return pdf_bytes(pack)
