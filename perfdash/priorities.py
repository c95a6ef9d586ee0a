"""Priorities in the plan's own order, the actions and indicators that serve each one, and the
scrutiny gaps: priorities no indicator measures.

A link is *stated* when the plan says it: the item's priority_id in the extract (the item is
printed under the priority's heading), or a curated link in data/curated/priority_links.yaml
that quotes the heading naming the priority. A link is *same theme* when it is only inferred
from the shared common theme. Pure functions over data frames; no Streamlit here.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from perfdash import paths
from perfdash.extract.curated import CuratedDataError, quote_on_line
from perfdash.extract.document import CatalogueError, load_document

LINKS_FILE = paths.CURATED_DIR / "priority_links.yaml"
STATED = "stated"
SAME_THEME = "same theme"
LINK_WORDS = {STATED: "✔ Stated in the plan", SAME_THEME: "≈ Same theme (inferred)"}
GAP_WORDS = "⚠ Scrutiny gap: no indicator measures this priority"
MEASURED_WORDS = "✔ Measured"
_LINK_KEYS = {"priority_ids", "plan_id", "quote", "line", "section", "why"}


def _fail(file: Path, key: str, reason: str):
    raise CuratedDataError(f"{file}: {key}: {reason}")


def load_priority_links(path: Path = LINKS_FILE, known_priorities: dict[str, str] | None = None) -> list[dict]:
    """The curated priority links, validated: each quote stands on its line of the plan, each
    section is a line range, and (given `known_priorities`, priority_id -> plan_id) each
    priority exists in the link's plan. A bad file raises CuratedDataError naming file, key, reason."""
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
        for priority_id in ids:
            if known_priorities is not None and known_priorities.get(priority_id) != link["plan_id"]:
                _fail(path, f"{key}.priority_ids", f"{priority_id!r} is not a priority of {link['plan_id']}")
        links.append({**link, "source": document.source(link["line"]), "first_line": first, "last_line": last})
    return links


def parent_ref(ref: str, refs: set[str]) -> str | None:
    """The parent of a hierarchical ref ("2.7" -> "2") when the plan has that parent."""
    if "." not in ref:
        return None
    parent = ref.rsplit(".", 1)[0]
    return parent if parent in refs else None


def plan_order(priorities: pd.DataFrame) -> pd.DataFrame:
    """Priorities by council, by plan, then by source line, with each sub-priority placed right
    after its parent (Leicestershire's "2.7" under "2"). Adds parent_id, depth and position
    (1.. within the council: the plan's own order)."""
    if priorities.empty:
        return priorities.assign(parent_id=pd.Series(dtype="object"), depth=pd.Series(dtype="int64"),
                                 position=pd.Series(dtype="int64"))
    frame = priorities.copy()
    frame["plan_start_year"] = frame.get("plan_start_year", pd.Series(0, index=frame.index)).fillna(0)
    index_by_plan = {}
    for plan_id, group in frame.groupby("plan_id", sort=False):
        refs = set(group["ref"])
        lines = dict(zip(group["ref"], group["source_line"]))
        for idx, ref in zip(group.index, group["ref"]):
            chain, current = [ref], parent_ref(ref, refs)
            while current:
                chain.append(current)
                current = parent_ref(current, refs)
            # Sort key: the source lines from the top ancestor down, so children follow their parent.
            index_by_plan[idx] = (tuple(int(lines[r]) for r in reversed(chain)), len(chain) - 1,
                                  f"{plan_id}:{chain[1]}" if len(chain) > 1 else None)
    frame["_key"] = [index_by_plan[i][0] for i in frame.index]
    frame["depth"] = [index_by_plan[i][1] for i in frame.index]
    frame["parent_id"] = [index_by_plan[i][2] for i in frame.index]
    frame = frame.sort_values(["council_id", "plan_start_year", "plan_id", "_key", "priority_id"], kind="stable")
    frame["position"] = frame.groupby("council_id").cumcount() + 1
    return frame.drop(columns="_key").reset_index(drop=True)


def link_items(priorities: pd.DataFrame, items: pd.DataFrame, curated: list[dict], kind: str) -> pd.DataFrame:
    """One row per (priority, action or indicator) link: link = "stated" (extract priority_id or
    a curated heading) or "same theme" (same council and common theme, not stated for it).
    `items` has the columns of queries/priorities_actions.sql or priorities_indicators.sql."""
    columns = ["priority_id", "kind", "item_id", "link", "evidence"]
    known = set(priorities["priority_id"])
    rows = []
    for item in items[items["priority_id"].isin(known)].itertuples():
        rows.append((item.priority_id, kind, item.item_id, STATED,
                     f"the plan prints it with this priority ({item.source})"))
    for link in curated:
        plan_items = items[items["plan_id"] == link["plan_id"]]
        inside = plan_items[plan_items["source_line"].between(link["first_line"], link["last_line"])]
        for priority_id in link["priority_ids"]:
            if priority_id not in known:
                continue
            for item in inside.itertuples():
                rows.append((priority_id, kind, item.item_id, STATED,
                             f"section headed “{link['quote']}” ({link['source']})"))
    stated = pd.DataFrame(rows, columns=columns).drop_duplicates(["priority_id", "item_id"])
    pairs = priorities[["priority_id", "council_id", "common_theme"]].merge(
        items[["item_id", "council_id", "common_theme"]], on=["council_id", "common_theme"])
    pairs = pairs.merge(stated[["priority_id", "item_id"]], how="left", indicator=True)
    inferred = pairs[pairs["_merge"] == "left_only"]
    same = pd.DataFrame({"priority_id": inferred["priority_id"], "kind": kind, "item_id": inferred["item_id"],
                         "link": SAME_THEME,
                         "evidence": "shares the common theme “" + inferred["common_theme"] + "”"})
    return pd.concat([stated, same], ignore_index=True)[columns]


def coverage(ordered: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Per priority: counts of stated and same-theme actions and indicators, and whether an
    indicator measures it. A priority counts as measured when an indicator is stated for it or
    for one of its sub-priorities; same-theme indicators never close a gap (they are inferred)."""
    counts = (links.groupby(["priority_id", "kind", "link"]).size().unstack(["kind", "link"], fill_value=0)
              if not links.empty else pd.DataFrame())
    def count(priority_id, kind, link):
        try:
            return int(counts.loc[priority_id, (kind, link)])
        except KeyError:
            return 0
    frame = ordered[["priority_id", "parent_id"]].copy()
    for kind in ("action", "indicator"):
        for link, suffix in ((STATED, "stated"), (SAME_THEME, "same_theme")):
            frame[f"{kind}s_{suffix}"] = [count(p, kind, link) for p in frame["priority_id"]]
    measured = set(frame.loc[frame["indicators_stated"] > 0, "priority_id"])
    parents = dict(zip(frame["priority_id"], frame["parent_id"]))
    for priority_id in list(measured):
        parent = parents.get(priority_id)
        while parent:
            measured.add(parent)
            parent = parents.get(parent)
    frame["measured"] = frame["priority_id"].isin(measured)
    frame["scrutiny"] = frame["measured"].map({True: MEASURED_WORDS, False: GAP_WORDS})
    return frame.drop(columns="parent_id")


def check_sections(curated: list[dict], items: pd.DataFrame, file: Path = LINKS_FILE) -> None:
    """Each curated section must hold at least one action or indicator of its plan, so a
    rebuilt extract that moves the lines cannot leave a link silently empty."""
    for index, link in enumerate(curated):
        plan_items = items[items["plan_id"] == link["plan_id"]]
        if plan_items.empty:
            continue  # that plan's items are not loaded
        if not plan_items["source_line"].between(link["first_line"], link["last_line"]).any():
            _fail(file, f"links[{index}].section", f"no action or indicator of {link['plan_id']} stands on lines "
                  f"{link['first_line']}-{link['last_line']}")


def priority_view(priorities: pd.DataFrame, actions: pd.DataFrame, indicators: pd.DataFrame,
                  curated: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The priorities in plan order with their link counts and scrutiny words, and every link.
    plan_rank is the plan's printed rank where it ranks, otherwise the order it prints them in."""
    ordered = plan_order(priorities)
    check_sections(curated, pd.concat([actions, indicators], ignore_index=True))
    links = pd.concat([link_items(ordered, actions, curated, "action"),
                       link_items(ordered, indicators, curated, "indicator")], ignore_index=True)
    table = ordered.merge(coverage(ordered, links), on="priority_id", how="left")
    table["plan_rank"] = table["rank"].astype("Float64").fillna(table["position"].astype("Float64")).astype(int)
    table["ranked_by_plan"] = table["rank"].notna()
    return table, links


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The priorities as users read them: sub-priorities indented under their parent."""
    return pd.DataFrame({
        "Ref": table["ref"],
        "Priority": ["↳ " * int(d) + t for d, t in zip(table["depth"], table["title"])],
        "Plan rank": [str(int(r)) if pd.notna(r) else "not ranked" for r in table["rank"]],
        "Delivery timeframe": table["timeframe"].fillna("not stated"),
        "Common theme": table["common_theme"],
        "Scrutiny": table["scrutiny"],
        "Indicators stated": table["indicators_stated"],
        "Actions stated": table["actions_stated"],
        "Same-theme indicators (inferred)": table["indicators_same_theme"],
        "Same-theme actions (inferred)": table["actions_same_theme"],
        "Source line": table["source"],
    })


def linked_items(links: pd.DataFrame, items: pd.DataFrame, priority_id: str, kind: str) -> pd.DataFrame:
    """The actions or indicators linked to one priority, stated links first, each with the
    words that say how it is linked and the line it is printed on."""
    chosen = links[(links["priority_id"] == priority_id) & (links["kind"] == kind)]
    merged = chosen.merge(items, on="item_id", how="left", suffixes=("", "_item"))
    merged = merged.sort_values(["link", "source_line"], key=lambda s: s.map({STATED: 0, SAME_THEME: 1})
                                if s.name == "link" else s, kind="stable")
    frame = pd.DataFrame({"How it is linked": merged["link"].map(LINK_WORDS), "Title": merged["title"]})
    if kind == "indicator":
        from perfdash.performance import polarity_words, unit_label

        frame.insert(1, "Code", merged["code"].fillna(""))
        frame["Unit"] = merged["unit"].map(unit_label)
        frame["Polarity"] = merged["polarity"].map(polarity_words)
    else:
        frame["Status"] = merged["status"].fillna("not stated")
    frame["Why"] = merged["evidence"]
    frame["Source line"] = merged["source"]
    return frame.reset_index(drop=True)


def workshop_rows(table: pd.DataFrame, council_id: str) -> pd.DataFrame:
    """One council's priorities for the workshop, in the plan's order."""
    rows = table[table["council_id"] == council_id].sort_values("position")
    return rows[["priority_id", "ref", "title", "plan_rank", "ranked_by_plan"]].reset_index(drop=True)
