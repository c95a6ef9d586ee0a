"""The curated priority links (data/curated/priority_links.yaml), checked against the extracts once
per extracts folder, imported plans and file version, not again on every rerun of Priorities."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.query_cache import plans_state, run_query
from perfdash import paths
from perfdash.views import priorities as pr


@st.cache_data(max_entries=4, ttl=3600, show_spinner=False)
def _checked_links(extracts_dir: str, plans: tuple | None, links_file: str, modified_ns: int | None) -> list[dict]:
    # The extracts folder and plans state only key the cache; run_query reads the same ones.
    listed = run_query("priorities_list", councils=None, theme=None)
    links = pr.load_priority_links(Path(links_file), known_priorities=dict(zip(listed["priority_id"].tolist(),
                                                                             listed["plan_id"].tolist())),
                                   known_plans=set(run_query("priorities_plans")["plan_id"]))
    pr.check_sections(run_query("priorities_sections", **pr.link_params(links)), Path(links_file))
    return links


def curated_priority_links(links_file: Path = pr.LINKS_FILE) -> list[dict]:
    """The checked links, as pr.load_priority_links and pr.check_sections give them; a bad file
    raises CuratedDataError on every run until it is mended (errors are not cached)."""
    try:
        modified_ns = links_file.stat().st_mtime_ns
    except OSError:
        modified_ns = None  # load_priority_links says the file cannot be read
    return _checked_links(str(paths.extracts_dir()), plans_state(), str(links_file), modified_ns)
