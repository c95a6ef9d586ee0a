"""Every store test runs against both backends: an embedded DuckDB file and a real PostgreSQL server."""
import pytest


@pytest.fixture(params=["duckdb", "postgres"])
def store_location(request, tmp_path):
    """A new, empty store: a DuckDB file path, or a fresh database on the session's throwaway server."""
    if request.param == "duckdb":
        return str(tmp_path / "store" / "actuals.duckdb")
    return request.getfixturevalue("postgres_cluster").new_database()
