import pandas as pd
import pytest

from perfdash import paths

KNOWN_TABLES = ("councils", "plans", "indicators", "priorities", "indicator_values")


@pytest.fixture(scope="session")
def known() -> dict[str, pd.DataFrame]:
    """The bundled extracts a register is checked against, as the import command passes them."""
    return {table: pd.read_parquet(paths.DEFAULT_EXTRACTS_DIR / f"{table}.parquet") for table in KNOWN_TABLES}
