import pytest

from perfdash import paths
from perfdash.plans.build import extract_all
from perfdash.plans.check import read_tables


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
