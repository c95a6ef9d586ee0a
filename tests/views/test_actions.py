"""The Actions page's rules: status words and icons, the status summary and chart, the quarter grid."""
import re

import pandas as pd
import pytest

from components.action_charts import build_status_chart
from perfdash import paths
from perfdash.plans.contract import ACTION_STATUSES
from perfdash.plans.melton.extract import STATUS_RULES, derive_status
from perfdash.views.actions import (
    NO_PROGRESS,
    QUARTER_LABELS,
    RULE_ORDER,
    STATUS_EXAMPLES,
    actions_table,
    headline_counts,
    markdown_text,
    numbered_items,
    progress_actions,
    progress_council_label,
    progress_table,
    quarter_grid,
    status_examples,
    status_label,
    status_rule_summary,
    status_summary,
)

COLUMNS = ["action_id", "council_id", "council_name", "plan_id", "theme", "key_priority", "title", "responsible",
           "outcome", "resources", "q1", "q2", "q3", "q4", "milestones", "progress", "status", "source"]


def action(action_id, council_id="melton", status=None, progress=None, quarters=(None,) * 4, responsible=None,
           title="An action", line=5):
    file = "melton.txt" if council_id == "melton" else "nwl.txt"
    return dict(zip(COLUMNS, [action_id, council_id, council_id.title(), f"{council_id}-plan", "Theme", None, title,
                              responsible, "Outcome", "Resources", *quarters, None, progress, status,
                              f"{file}:{line}"]))


def frame(*rows):
    return pd.DataFrame(list(rows), columns=COLUMNS)


def test_every_status_has_an_icon_and_its_words():
    labels = [status_label(status) for status in ACTION_STATUSES]
    assert labels == ["✔ Completed", "◐ In progress", "○ Not started", "▲ Delayed", "? Unknown"]
    assert status_label(None) == status_label(float("nan")) == f"– {NO_PROGRESS}"


def test_status_summary_counts_every_status_in_a_fixed_order_with_zeros():
    actions = frame(action("a", status="Completed", progress="Completed."),
                    action("b", status="Delayed", progress="Delayed due to IT."),
                    action("c", status="Delayed", progress="Slipped."),
                    action("d"))
    summary = status_summary(actions)
    assert summary["Status"].str.split(" ", n=1).str[1].tolist() == [*ACTION_STATUSES, NO_PROGRESS]
    counts = dict(zip(summary["Status"], summary["Actions"]))
    assert counts["▲ Delayed"] == 2 and counts["✔ Completed"] == 1 and counts[f"– {NO_PROGRESS}"] == 1
    assert counts["◐ In progress"] == 0
    assert summary["Actions"].sum() == len(actions)
    assert summary["Share of actions (%)"].sum() == pytest.approx(100)


def test_status_chart_names_its_unit_and_labels_each_bar_in_words():
    summary = status_summary(frame(action("a", status="Completed", progress="Completed."), action("b")))
    figure = build_status_chart(summary, "Melton Borough Council")
    assert "(number of actions)" in figure.layout.title.text
    assert figure.layout.xaxis.title.text == "Number of actions"
    bar = figure.data[0]
    assert list(bar.y)[0] == "✔ Completed" and list(bar.text)[0] == "1 action"
    assert list(bar.text)[1] == "0 actions"


def test_progress_actions_are_every_action_of_the_plans_that_derive_a_status():
    actions = frame(action("m", status="Completed", progress="Completed."), action("m-silent"),
                    action("n", council_id="nw-leicestershire"),
                    action("r", council_id="rutland", status="Delayed", progress="Slipped."))
    assert progress_actions(actions)["action_id"].tolist() == ["m", "m-silent", "r"]
    assert progress_council_label(progress_actions(actions)) == "2 councils"
    assert progress_council_label(progress_actions(actions.iloc[:2])) == "Melton"


def test_quarter_grid_has_a_row_per_action_with_milestones_and_a_column_per_quarter():
    actions = frame(
        action("n1", council_id="nw-leicestershire", quarters=("1) Keep a register 2) Ensure compliance", "Review",
                                                               None, "Deliver improvements"),
               responsible="Head of Policy & Performance", title="Embed Project Management", line=943),
        action("n2", council_id="nw-leicestershire", title="No milestones"),
    )
    grid = quarter_grid(actions)
    assert list(grid.columns) == ["Action", "Responsible officer", *QUARTER_LABELS.values(), "Source line"]
    assert len(grid) == 1
    row = grid.iloc[0]
    assert row["Action"] == "Embed Project Management"
    assert row[QUARTER_LABELS["q1"]] == "1\\) Keep a register  \n2\\) Ensure compliance"
    assert row[QUARTER_LABELS["q3"]] == "—"
    assert row["Source line"] == "[nwl.txt:943](sources?file=nwl.txt&line=943#nwl.txt:943)"


def test_document_text_is_never_read_as_markdown_or_html():
    assert markdown_text("<p>**Bold** $5 [x](y)</p>") == \
        "\\<p\\>\\*\\*Bold\\*\\* \\$5 \\[x\\]\\(y\\)\\</p\\>"
    assert markdown_text(None) == "—" and markdown_text("   ") == "—"
    assert numbered_items("Just one task") == "Just one task"


def test_actions_table_links_each_action_to_its_line_and_shows_status_only_for_melton():
    actions = frame(action("m", status="Delayed", progress="Delayed.", line=183),
                    action("n", council_id="nw-leicestershire", line=947))
    table = actions_table(actions)
    assert table["Source line"].tolist() == ["sources?file=melton.txt&line=183#melton.txt:183",
                                             "sources?file=nwl.txt&line=947#nwl.txt:947"]
    # NW Leicestershire's plan prints no progress, so its action says so rather than showing a blank.
    assert table["Status"].tolist() == ["▲ Delayed", "not reported"]
    assert table["Responsible officer"].tolist() == ["Not stated", "Not stated"]


def test_tables_say_what_the_plan_leaves_out_instead_of_showing_none():
    actions = frame(action("m", status="Delayed", progress=None)).assign(outcome=None, resources=None)
    table = actions_table(actions).iloc[0]
    assert (table["Outcome"], table["Resources"], table["Key priority"]) == ("not stated",) * 3
    progress = progress_table(actions).iloc[0]
    assert (progress["Milestones"], progress["Progress as printed"]) == ("not stated", "—")
    assert not actions_table(actions).isna().any().any() and not progress_table(actions).isna().any().any()


def test_headline_counts_follow_the_rows():
    actions = frame(action("m", progress="Done", responsible="CMT"),
                    action("n", council_id="nw-leicestershire", quarters=("a", None, None, None)))
    counts = {label: number for label, number, _ in headline_counts(actions)}
    assert counts == {"Actions": 2, "Councils": 2, "With a responsible officer": 1, "With quarterly milestones": 1,
                      "With progress reported": 1}


def test_the_page_summary_and_the_docs_follow_the_order_of_the_code():
    """The rule is explained in three places; they must agree with derive_status."""
    code_order = [status for status, _ in STATUS_RULES] + ["Unknown"]
    assert list(RULE_ORDER) == code_order
    summary = status_rule_summary()
    assert [re.search(r"\*\*(.+?)\*\*", line).group(1) for line in summary] == code_order
    doc = (paths.ROOT / "docs" / "STATUS_RULE.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| (\d) \| ([A-Za-z ]+) \|", doc, flags=re.M)
    assert [status for _, status in table] == code_order


@pytest.mark.parametrize("progress, status", [(text, status) for text, status, _ in STATUS_EXAMPLES])
def test_the_examples_on_the_page_are_in_the_docs_and_hold(progress, status):
    doc = (paths.ROOT / "docs" / "STATUS_RULE.md").read_text(encoding="utf-8")
    assert progress.split(".")[0] in doc
    assert derive_status(progress) == status


def test_the_page_shows_every_example_with_its_status_in_words():
    examples = status_examples()
    assert list(examples.columns) == ["Example of progress text", "Status", "Why"]
    assert set(examples["Status"]) == {status_label(status) for status in RULE_ORDER}
