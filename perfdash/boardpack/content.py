"""The board pack's content as one plain data object, built from the Scorecard's data: the same
data gives the same text, whichever writer (PowerPoint or PDF) lays it out.

Everything a writer shows is already words here: statuses and trends as icon and words, numbers
with their units, the officer's comment exactly as typed (never Markdown or HTML), and where each
number comes from. Only the chart series are numbers, so that the charts stay editable.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from perfdash.plans.values import period_label
from perfdash.polarity import polarity_words, unit_label
from perfdash.rag import rule as rag
from perfdash.rag import status as quarter_status
from perfdash.spc import verdicts
from perfdash.views import scorecard as sc
from perfdash.views.exceptions import comment_text, direction_label, gap_words

CHART_QUARTERS = 12  # the red slides' charts show the latest three years of quarters at most
QUARTER_MONTHS = {1: ("April", "June"), 2: ("July", "September"), 3: ("October", "December"),
                  4: ("January", "March")}
SCORECARD_HEADER = ("Indicator", "Value", "Target", "Status", "Short trend (last quarter)",
                    "Long trend (a year ago)", "SPC variation and assurance")
APPENDIX_HEADER = ("Indicator", "Status", "Unit and polarity", "Sources")
DEMO_WARNING = "DEMONSTRATION DATA: generated outturns, not real figures"


@dataclass(frozen=True)
class StatusCount:
    status: str
    icon: str
    words: str
    count: int


@dataclass(frozen=True)
class TableRow:
    """A row of a pack table; a group row names the priority or theme of the rows below it."""
    cells: tuple[str, ...]
    is_group: bool = False


@dataclass(frozen=True)
class RedIndicator:
    """One red indicator's slide: figures in words, its quarters for the chart, and the officer's
    corrective action as typed."""
    indicator_id: str
    heading: str
    group: str
    status: str
    two_part_status: str
    value: str
    target: str
    basis: str
    gap: str
    short_trend: str
    long_trend: str
    off_target_since: str
    polarity: str
    chart_title: str
    value_axis_title: str
    periods: tuple[str, ...]
    actuals: tuple[float | None, ...]
    targets: tuple[float | None, ...]
    comment: str
    given_by: str
    sources: tuple[str, ...]

    def facts(self) -> list[tuple[str, str]]:
        """The slide's figures as (label, words), in reading order."""
        return [("Status", self.status), ("Value", f"{self.value} ({self.basis})"), ("Target", self.target),
                ("Gap", self.gap), ("Short trend", self.short_trend), ("Long trend", self.long_trend),
                ("Off target since", self.off_target_since), ("Polarity", self.polarity),
                ("RAG and SPC", self.two_part_status)]

    def chart_description(self) -> str:
        """The chart's figures in words, for its alt text."""
        def said(value):
            return "none" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")
        return "; ".join(f"{period}: value {said(actual)}, target {said(target)}"
                         for period, actual, target in zip(self.periods, self.actuals, self.targets))


@dataclass(frozen=True)
class BoardPack:
    council_id: str
    council_name: str
    year_start: int
    quarter: int
    data_as_at: str
    grouping: str
    demo: bool
    counts: tuple[StatusCount, ...]
    group_counts_header: tuple[str, ...]
    group_counts: tuple[TableRow, ...]
    scorecard: tuple[TableRow, ...]
    reds: tuple[RedIndicator, ...]
    appendix: tuple[TableRow, ...]

    @property
    def quarter_label(self) -> str:
        return quarter_status.quarter_label(self.year_start, self.quarter)

    @property
    def months(self) -> str:
        first, last = QUARTER_MONTHS[self.quarter]
        year = self.year_start + (1 if self.quarter == 4 else 0)
        return f"{first} to {last} {year}"

    @property
    def grouping_words(self) -> str:
        return sc.GROUPINGS[self.grouping].lower()

    @property
    def file_stem(self) -> str:
        return file_stem(self.council_id, self.year_start, self.quarter)

    @property
    def title(self) -> str:
        return f"{self.council_name}: performance board pack, {self.quarter_label}"

    def text(self) -> list[str]:
        """Every piece of text the pack holds, in order: what "the same data gives the same text"
        compares."""
        lines = [self.title, self.months, self.data_as_at, self.grouping]
        lines += [f"{c.icon} {c.words}: {c.count}" for c in self.counts]
        for table in (self.group_counts, self.scorecard, self.appendix):
            lines += [" | ".join(row.cells) for row in table]
        for red in self.reds:
            lines += [red.heading, red.chart_title, red.comment, red.given_by, *red.sources]
            lines += [f"{label}: {words}" for label, words in red.facts()]
        return lines


def file_stem(council_id: str, year_start: int, quarter: int) -> str:
    """<council>-<year with a hyphen>-Q<n>-board-pack, e.g. nw-leicestershire-2007-08-Q2-board-pack."""
    return f"{council_id}-{period_label(year_start).replace('/', '-')}-Q{quarter}-board-pack"


def _none_if_missing(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _axis_title(unit) -> str:
    if unit == "yes_no":
        return "Value (1 = Yes, 0 = No)"
    label = unit_label(unit)
    return f"Value ({label})" if label else "Value"


def given_by_words(submitted_by, submitted_at) -> str:
    if not isinstance(submitted_by, str) or not submitted_by.strip():
        return "Given by: no one yet (no outturn recorded with a comment)"
    return f"Given by {submitted_by} on {pd.Timestamp(submitted_at):%d %B %Y at %H:%M}"


def sources_of(row) -> tuple[str, ...]:
    """Where the value, the target and the indicator come from; one line when two share a source."""
    value = f"Value: {sc.source_words(row.actual_source)}" if not pd.isna(row.actual) else "Value: not reported"
    indicator = sc.source_words(row.indicator_source)
    if pd.isna(row.target):
        return value, "Target: none set", f"Indicator: {indicator}"
    target = sc.source_words(row.target_source)
    if target == indicator:
        return value, f"Target and indicator: {target}"
    return value, f"Target: {target}", f"Indicator: {indicator}"


def _name(row) -> str:
    """What a chart calls its indicator: the code, or the start of the title when there is none."""
    if isinstance(row.code, str) and row.code.strip():
        return row.code
    return row.title if len(row.title) <= 40 else row.title[:39].rstrip() + "…"


def _gap(row) -> str:
    if row.unit == "yes_no":
        return f"{sc.value_words(row.actual, row.unit)} where the target is {sc.target_words(row.target, row.unit)}"
    return gap_words(row.gap, row.target, row.unit)


def _red(row, found: pd.Series | None, assessed: pd.DataFrame, card: sc.Scorecard) -> RedIndicator:
    history = quarter_status.rag_history(assessed, row.indicator_id, (card.year_start, card.quarter))
    history = history.tail(CHART_QUARTERS)
    code = f"{row.code} " if isinstance(row.code, str) else ""
    since = found["off_target_since"] if found is not None and isinstance(found["off_target_since"], str) else "–"
    same_quarter = quarter_status.quarter_label(card.year_start - 1, card.quarter)
    return RedIndicator(
        indicator_id=row.indicator_id, heading=f"{rag.status_label('red')}: {code}{row.title}", group=row.group,
        status=f"{rag.status_label(row.rag)} (red)",
        two_part_status=verdicts.two_part_status(rag.STATUS_WORDS[row.rag], row.variation, row.assurance,
                                                 int(row.variation_direction)),
        value=sc.value_words(row.actual, row.unit), target=sc.target_words(row.target, row.unit),
        basis=row.basis if isinstance(row.basis, str) else "–", gap=_gap(row),
        short_trend=f"{direction_label(row.direction)} against last quarter",
        long_trend=f"{direction_label(row.direction_last_year)} against {same_quarter}",
        off_target_since=since, polarity=polarity_words(row.polarity),
        chart_title=f"{_name(row)}: value against target by quarter"
                    f"{' (year to date)' if row.profile == 'cumulative' else ''}",
        value_axis_title=_axis_title(row.unit), periods=tuple(history["period"]),
        actuals=tuple(_none_if_missing(v) for v in history["actual"]),
        targets=tuple(_none_if_missing(v) for v in history["target"]),
        comment=comment_text(row.comment), given_by=given_by_words(row.submitted_by, row.submitted_at),
        sources=sources_of(row))


def _indicator(row) -> str:
    return f"{row.code} {row.title}" if isinstance(row.code, str) and row.code.strip() else row.title


def _scorecard_rows(card: sc.Scorecard) -> tuple[TableRow, ...]:
    rows: list[TableRow] = []
    for group in card.groups:
        rows.append(TableRow((group,), is_group=True))
        for row in card.group_rows(group).itertuples():
            spc = sc.variation_cell(row) + (f"; {sc.assurance_cell(row)}" if row.spc_available else "")
            rows.append(TableRow((_indicator(row), sc.value_words(row.actual, row.unit),
                                  sc.target_words(row.target, row.unit), rag.status_label(row.rag),
                                  direction_label(row.direction), direction_label(row.direction_last_year), spc)))
    return tuple(rows)


def _appendix_rows(card: sc.Scorecard) -> tuple[TableRow, ...]:
    rows: list[TableRow] = []
    for group in card.groups:
        rows.append(TableRow((group,), is_group=True))
        rows += [TableRow((_indicator(row), rag.status_label(row.rag),
                           f"{unit_label(row.unit) or 'no unit'}; {polarity_words(row.polarity)}",
                           ". ".join(sources_of(row))))
                 for row in card.group_rows(group).itertuples()]
    return tuple(rows)


def build_board_pack(card: sc.Scorecard, assessed: pd.DataFrame, council_name: str, demo: bool = False
                     ) -> BoardPack:
    """The pack for the Scorecard's council and quarter. Red indicators come worst first, as the
    exceptions report orders them."""
    counts = card.counts()
    headline = tuple(StatusCount(s, rag.STATUS_ICONS[s], rag.STATUS_WORDS[s], counts[s]) for s in rag.STATUSES)
    by_group = sc.group_counts(card)
    group_rows = tuple(TableRow(tuple(str(v) for v in values)) for values in by_group.itertuples(index=False))
    found = quarter_status.exceptions(assessed, card.year_start, card.quarter).set_index("indicator_id")
    worst_first = {indicator_id: n for n, indicator_id in enumerate(found.index)}
    red_rows = card.reds().assign(order=lambda f: f["indicator_id"].map(worst_first)).sort_values(
        "order", kind="stable")
    red_quarters = assessed[assessed["indicator_id"].isin(red_rows["indicator_id"])]  # filtered once, not per red
    reds = tuple(_red(row, found.loc[row.indicator_id] if row.indicator_id in found.index else None, red_quarters,
                      card) for row in red_rows.itertuples())
    return BoardPack(
        council_id=card.council_id, council_name=council_name, year_start=card.year_start, quarter=card.quarter,
        data_as_at=sc.data_as_at_line(card.rows), grouping=card.grouping, demo=demo,
        counts=headline, group_counts_header=tuple(by_group.columns), group_counts=group_rows,
        scorecard=_scorecard_rows(card), reds=reds, appendix=_appendix_rows(card))

