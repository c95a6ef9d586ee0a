"""The Actions page's rules: progress status in icon and words, the status summary, the quarterly
milestone grid and the actions table. The status chart is drawn by components/action_charts.py.

No Streamlit here, so each function is unit-tested directly. Rows come from queries/actions_list.sql.
"""
from __future__ import annotations

import re

import pandas as pd

from perfdash.palette import OKABE_ITO
from perfdash.plans.contract import ACTION_STATUSES
from perfdash.views.sources import markdown_source_link, source_urls

NO_PROGRESS = "No progress reported"

# status: (icon, colour, what the rule looks for). The icon and words carry the meaning; colour only helps.
STATUS_STYLES = {
    "Completed": ("✔", OKABE_ITO[2], "a sentence that says only “Completed”, “Complete” or “Achieved”, or "
                                     "“has achieved”"),
    "In progress": ("◐", OKABE_ITO[0], "commenced, in progress, ongoing, underway, draft, started, in place, "
                                       "implemented, agreed, approved, awaiting, monitoring and similar words"),
    "Not started": ("○", "#6B6B6B", "“not started”, “to commence”, “to be agreed”, “to be established”, "
                                    "“analysis stage”, “not now taking place”"),
    "Delayed": ("▲", OKABE_ITO[5], "delay, slipped, “timetable extended”, behind, outstanding, "
                                   "“progress slow”, deferred"),
    "Unknown": ("?", "#6B6B6B", "progress text that says nothing about the state of the action"),
    NO_PROGRESS: ("–", "#9A9A9A", "the plan prints no progress text for the action"),
}
SUMMARY_ORDER = (*ACTION_STATUSES, NO_PROGRESS)
# The order derive_status (perfdash/extract/melton.py) checks its rules in; the first match wins.
RULE_ORDER = ("Delayed", "Completed", "Not started", "In progress", "Unknown")

# Progress texts from Melton's plan and the status the rule reads in each, shown on the page so a
# reader sees why the order of the rules matters (tests check each against derive_status).
STATUS_EXAMPLES = (
    ("Remains outstanding. New Build approach agreed.", "Delayed",
     "“outstanding” is a delay, and Delayed is checked first, before “agreed”"),
    ("Completed MPG Nov 2009. Completed", "Completed", "a sentence that is only “Completed”"),
    ("Completed consultation. Draft approved by PFA March 2010", "In progress",
     "“Completed” starts a longer sentence, so only a step is done"),
    ("Reports to be agreed in May 2010.", "Not started", "“to be agreed” is checked before “agreed”"),
    ("Community Safety Planning.", "Unknown", "nothing about the state of the action"),
)
NOT_STATED = "not stated"
NOT_REPORTED = "not reported"

QUARTERS = ("q1", "q2", "q3", "q4")
QUARTER_LABELS = {"q1": "Q1 (Apr–Jun)", "q2": "Q2 (Jul–Sep)", "q3": "Q3 (Oct–Dec)", "q4": "Q4 (Jan–Mar)"}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$=:])")
_NUMBERED_ITEM = re.compile(r"\s+(?=\d{1,2}\)\s)")


def status_label(status: str | None) -> str:
    """"✔ Completed" and so on; an action without progress text reads "– No progress reported"."""
    key = status if isinstance(status, str) and status in STATUS_STYLES else NO_PROGRESS
    return f"{STATUS_STYLES[key][0]} {key}"


def status_rule_summary() -> list[str]:
    """The status rule in the order it is applied, one sentence per status, for the page."""
    return [f"{STATUS_STYLES[status][0]} **{status}** — {STATUS_STYLES[status][2]}." for status in RULE_ORDER]


def status_examples() -> pd.DataFrame:
    """The worked examples of the status rule, as a table for the page."""
    return pd.DataFrame([{"Example of progress text": text, "Status": status_label(status), "Why": why}
                         for text, status, why in STATUS_EXAMPLES])


def progress_plans(actions: pd.DataFrame) -> set[str]:
    """The plans among `actions` that report progress: those whose actions carry a derived status
    (Melton's parser derives one). Read from the rows, so no council id is named in code."""
    return set(actions.loc[actions["status"].notna(), "plan_id"])


def progress_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Every action of the plans that report progress, those without progress text included."""
    return actions[actions["plan_id"].isin(progress_plans(actions))].reset_index(drop=True)


def progress_council_label(actions: pd.DataFrame) -> str:
    """Whose progress a status chart counts: the council's name, or how many councils."""
    names = actions["council_name"].dropna().unique()
    return str(names[0]) if len(names) == 1 else f"{len(names)} councils"


def status_summary(actions: pd.DataFrame) -> pd.DataFrame:
    """Number of actions in each status, every status listed (zero included) in a fixed order."""
    statuses = actions["status"].where(actions["status"].isin(ACTION_STATUSES), NO_PROGRESS)
    counts = statuses.value_counts()
    total = int(len(actions))
    rows = []
    for status in SUMMARY_ORDER:
        count = int(counts.get(status, 0))
        rows.append({"Status": status_label(status), "Actions": count,
                     "Share of actions (%)": round(100 * count / total, 1) if total else 0.0})
    return pd.DataFrame(rows)


def markdown_text(text) -> str:
    """Document text made safe for a Markdown table cell: markup characters are escaped, so a
    line of the plan is shown as printed and never read as Markdown, HTML or LaTeX."""
    if not isinstance(text, str) or not text.strip():
        return "—"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def numbered_items(text) -> str:
    """Milestone text "1) Do this 2) Do that" as one item per line, escaped for Markdown."""
    if not isinstance(text, str) or not text.strip():
        return "—"
    return "  \n".join(markdown_text(item) for item in _NUMBERED_ITEM.split(text.strip()))


def quarter_grid(actions: pd.DataFrame) -> pd.DataFrame:
    """Rows = actions with quarterly milestones, columns Q1..Q4, ready for st.table (Markdown cells),
    each action's citation linked to its line on the Sources page."""
    rows = actions[actions[list(QUARTERS)].notna().any(axis=1)]
    grid = pd.DataFrame({
        "Action": [markdown_text(t) for t in rows["title"]],
        "Responsible officer": [markdown_text(t) for t in rows["responsible"]],
        **{QUARTER_LABELS[q]: [numbered_items(t) for t in rows[q]] for q in QUARTERS},
        "Source line": [markdown_source_link(s) for s in rows["source"]],
    })
    return grid.reset_index(drop=True)


def actions_table(actions: pd.DataFrame) -> pd.DataFrame:
    """Every action in the users' words, with a link to the line it starts on."""
    reporting = progress_plans(actions)
    return pd.DataFrame({
        "Council": actions["council_name"],
        "Action": actions["title"],
        "Responsible officer": actions["responsible"].fillna("Not stated"),
        "Outcome": actions["outcome"].fillna(NOT_STATED),
        "Resources": actions["resources"].fillna(NOT_STATED),
        # A plan that prints no progress has no status to derive.
        "Status": [status_label(s) if plan in reporting else NOT_REPORTED for s, plan in
                   zip(actions["status"], actions["plan_id"])],
        "Source line": source_urls(actions["source"]),
        "Key priority": actions["key_priority"].fillna(NOT_STATED),
        "Plan theme": actions["theme"].fillna(NOT_STATED),
    }).reset_index(drop=True)


def progress_table(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions with progress as printed and the status the rule derives from it."""
    return pd.DataFrame({
        "Status": [status_label(s) for s in actions["status"]],
        "Action": actions["title"],
        "Responsible officer": actions["responsible"].fillna("Not stated"),
        "Milestones": actions["milestones"].fillna(NOT_STATED),
        "Progress as printed": actions["progress"].fillna("—"),
        "Source line": source_urls(actions["source"]),
    }).reset_index(drop=True)


def reported_progress_table(actions: pd.DataFrame) -> pd.DataFrame:
    """progress_table of the actions whose plans report progress."""
    return progress_table(progress_actions(actions))


def headline_counts(actions: pd.DataFrame) -> list[tuple[str, int, str]]:
    """(label, number, help) for the cards at the top of the page."""
    return [
        ("Actions", len(actions), "Actions matching the filters"),
        ("Councils", int(actions["council_id"].nunique()), "Councils with a matching action"),
        ("With a responsible officer", int(actions["responsible"].notna().sum()),
         "Actions whose plan names who is responsible"),
        ("With quarterly milestones", int(actions[list(QUARTERS)].notna().any(axis=1).sum()),
         "Actions with Q1–Q4 milestones (NW Leicestershire's plan)"),
        ("With progress reported", int(actions["progress"].notna().sum()),
         "Actions whose plan prints progress against them"),
    ]
