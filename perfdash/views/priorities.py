"""Priorities in the plan's own order, the actions and indicators that serve each one, and the
scrutiny gaps: priorities no indicator measures.

A link is *stated* when the plan says it: the item's priority_id in the extract (the item is
printed under the priority's heading), or a curated link in data/curated/priority_links.yaml
that quotes the heading naming the priority. A link is *same theme* when it is only inferred
from the shared common theme. The links are counted in DuckDB (queries/priorities_table.sql) and
listed for one priority at a time (queries/priorities_links.sql); this module loads and checks the
curated links, binds them as query parameters and shapes the rows the page draws. Pure functions;
no Streamlit here.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from perfdash import paths
from perfdash.plans.curated import CuratedDataError, quote_on_line
from perfdash.plans.document import CatalogueError, load_document

LINKS_FILE = paths.CURATED_DIR / "priority_links.yaml"
STATED = "stated"
SAME_THEME = "same theme"
LINK_WORDS = {STATED: "✔ Stated in the plan", SAME_THEME: "≈ Same theme (inferred)"}
GAP_WORDS = "⚠ Scrutiny gap: no indicator measures this priority"
MEASURED_WORDS = "✔ Measured"
COUNCILS_DRAWN = 5  # councils drawn as tables at once; more would be a long page and a slow one
_LINK_KEYS = {"priority_ids", "plan_id", "quote", "line", "section", "why"}


def _fail(file: Path, key: str, reason: str):
    raise CuratedDataError(f"{file}: {key}: {reason}")


def load_priority_links(path: Path = LINKS_FILE, known_priorities: dict[str, str] | None = None,
                        known_plans: set[str] | None = None) -> list[dict]:
    """The curated priority links, validated: each quote stands on its line of the plan, each
    section is a line range, and (given `known_priorities`, priority_id -> plan_id) each
    priority exists in the link's plan. A bad file raises CuratedDataError naming file, key, reason.

    Given `known_plans` (the plan_ids in the extracts), a link to a plan the extracts do not hold
    at all is checked as written but left out, not refused: the curated links quote the real plans,
    and an extracts folder without them (a synthetic dataset) has nothing for them to link. A plan
    that is there but lacks the priority is still an error. Each link keeps its place in the file
    as `index`, so later errors name the right key."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CuratedDataError(f"{path}: cannot be read as YAML ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get("links"), list):
        _fail(path, "links", "expected a top-level mapping with a list called 'links'")
    links = []
    for index, link in enumerate(data["links"]):
        key = f"links[{index}]"
        if not isinstance(link, dict):
            _fail(path, key, "each link must be a mapping")
        unknown = set(link) - _LINK_KEYS
        if unknown:
            _fail(path, key, f"unknown keys {', '.join(sorted(map(str, unknown)))}")
        for required in ("priority_ids", "plan_id", "quote", "line", "section"):
            if required not in link:
                _fail(path, f"{key}.{required}", "is missing")
        ids = link["priority_ids"]
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
            _fail(path, f"{key}.priority_ids", "must be a non-empty list of priority ids")
        if not isinstance(link["line"], int) or isinstance(link["line"], bool):
            _fail(path, f"{key}.line", "must be the integer line the quote stands on")
        section = link["section"]
        section = section if isinstance(section, dict) else {}
        first, last = section.get("first_line"), section.get("last_line")
        if not (isinstance(first, int) and isinstance(last, int) and 1 <= first <= last):
            _fail(path, f"{key}.section", "needs integer first_line <= last_line")
        try:
            document = load_document(str(link["plan_id"]))
        except (CatalogueError, KeyError, LookupError) as error:
            _fail(path, f"{key}.plan_id", f"{link['plan_id']!r} is not a plan in the catalogue ({error})")
        if not quote_on_line(document, str(link["quote"]), link["line"]):
            _fail(path, f"{key}.quote", f"{link['quote']!r} is not on line {link['line']} of {document.file_name}")
        if last > len(document.lines):
            _fail(path, f"{key}.section", f"{document.file_name} has only {len(document.lines)} lines")
        if known_plans is not None and link["plan_id"] not in known_plans:
            continue
        for priority_id in ids:
            if known_priorities is not None and known_priorities.get(priority_id) != link["plan_id"]:
                _fail(path, f"{key}.priority_ids", f"{priority_id!r} is not a priority of {link['plan_id']}")
        links.append({**link, "source": document.source(link["line"]), "first_line": first, "last_line": last,
                      "index": index})
    return links


def link_params(curated: list[dict]) -> dict[str, list]:
    """The curated links as the bound parameters of the priorities_* queries: parallel lists
    with one entry per (link, priority it names). link_index is the link's place in the file."""
    pairs = [(link.get("index", number), link, priority_id)
             for number, link in enumerate(curated) for priority_id in link["priority_ids"]]
    return {
        "link_index": [index for index, _, _ in pairs],
        "link_priority_ids": [priority_id for _, _, priority_id in pairs],
        "link_plan_ids": [str(link["plan_id"]) for _, link, _ in pairs],
        "link_first_lines": [int(link["first_line"]) for _, link, _ in pairs],
        "link_last_lines": [int(link["last_line"]) for _, link, _ in pairs],
        "link_evidence": [f"section headed “{link['quote']}” ({link['source']})" for _, link, _ in pairs],
    }


def check_sections(sections: pd.DataFrame, file: Path = LINKS_FILE) -> None:
    """Each curated section must hold at least one action or indicator of its plan, so a
    rebuilt extract that moves the lines cannot leave a link silently empty. `sections` has the
    columns of queries/priorities_sections.sql."""
    empty = sections[(sections["plan_items"] > 0) & (sections["section_items"] == 0)]
    if not empty.empty:
        link = empty.iloc[0]
        _fail(file, f"links[{int(link['link_index'])}].section", f"no action or indicator of {link['plan_id']} "
              f"stands on lines {int(link['first_line'])}-{int(link['last_line'])}")


def with_scrutiny(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of queries/priorities_table.sql with the scrutiny words beside `measured`."""
    return table.assign(scrutiny=np.where(table["measured"].to_numpy(dtype=bool), MEASURED_WORDS, GAP_WORDS))


def councils_to_draw(table: pd.DataFrame, limit: int) -> list[str]:
    """The councils whose tables the page draws: the first `limit` with a priority in `table`,
    in the table's order. The rest stay in the counts and the CSV download."""
    return list(table["council_id"].unique()[:limit])


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The priorities as users read them: sub-priorities indented under their parent.
    `table` has the columns of queries/priorities_table.sql and the scrutiny words; the result
    keeps its index, so one call can serve every plan's table."""
    indented = ["↳ " * depth + title for depth, title in zip(table["depth"].tolist(), table["title"].tolist())]
    return pd.DataFrame({
        "Ref": table["ref"],
        "Priority": pd.Series(indented, index=table.index, dtype="object"),
        "Plan rank": table["rank"].astype("Int64").astype("string").fillna("not ranked"),
        "Delivery timeframe": table["timeframe"].fillna("not stated"),
        "Common theme": table["common_theme"],
        "Scrutiny": table["scrutiny"],
        "Indicators stated": table["indicators_stated"],
        "Actions stated": table["actions_stated"],
        "Same-theme indicators (inferred)": table["indicators_same_theme"],
        "Same-theme actions (inferred)": table["actions_same_theme"],
        "Source line": table["source"],
    }, index=table.index)


def download_table(table: pd.DataFrame) -> pd.DataFrame:
    """Every listed priority for the CSV download: the table the page draws per plan, with the
    council and plan in front so one file holds every council."""
    frame = display_table(table)
    frame.insert(0, "Plan", table["plan_title"])
    frame.insert(0, "Council", table["council_name"])
    return frame.reset_index(drop=True)


def linked_items(links: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The actions or indicators linked to a priority, stated links first, each with the words
    that say how it is linked and the line it is printed on. `links` has the columns of
    queries/priorities_links.sql for that one priority, in its order."""
    chosen = links[links["kind"] == kind]
    frame = pd.DataFrame({"How it is linked": chosen["link"].map(LINK_WORDS), "Title": chosen["title"]})
    if kind == "indicator":
        from perfdash.polarity import polarity_words, unit_label

        frame.insert(1, "Code", chosen["code"].fillna(""))
        frame["Unit"] = chosen["unit"].map(unit_label)
        frame["Polarity"] = chosen["polarity"].map(polarity_words)
    else:
        frame["Status"] = chosen["status"].fillna("not stated")
    frame["Why"] = chosen["evidence"]
    frame["Source line"] = chosen["source"]
    return frame.reset_index(drop=True)

