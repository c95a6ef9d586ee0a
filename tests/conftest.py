import pytest

from perfdash import paths
from perfdash.plans.build import extract_all
from perfdash.plans.check import read_tables


@pytest.fixture(autouse=True)
def private_store(tmp_path_factory, monkeypatch):
    """Every test starts with its own empty store, demo store and editors file, never a developer's
    data/store/; a test that sets these itself (monkeypatch.setenv) overrides them."""
    folder = tmp_path_factory.mktemp("store")
    monkeypatch.setenv(paths.STORE_ENV_VAR, str(folder / "actuals.duckdb"))
    monkeypatch.setenv(paths.DEMO_STORE_ENV_VAR, str(folder / "demo-actuals.duckdb"))
    monkeypatch.setenv(paths.EDITORS_ENV_VAR, str(folder / "editors.yaml"))
    return folder


@pytest.fixture(scope="session")
def parsed_tables():
    """Every extract table as the parsers produce it now, in memory."""
    return extract_all()


@pytest.fixture(scope="session")
def committed_tables():
    """The extracts committed under data/extracts, as users and the app read them."""
    tables, problems = read_tables(paths.DEFAULT_EXTRACTS_DIR)
    assert not problems, problems
    return tables


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL server for the whole session, stopped at the end. Skipped only where
    PostgreSQL is not installed and this is not CI (CI installs it, so there it must run)."""
    import os

    from tests.postgres_cluster import ClusterUnavailable, ThrowawayCluster

    try:
        cluster = ThrowawayCluster()
    except ClusterUnavailable as missing:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(missing))
    yield cluster
    cluster.stop()
