"""The KPI register: any council's indicators and targets, year by year, in one CSV or Excel file.

The format is pinned in docs/REGISTER.md. This package is the pure part: reading, checking and
turning a register into contract frames, and the pre-filled template. The store writes the frames
(perfdash/plans/register_store.py); the commands and pages call these five functions:

    tables = read_register(files: list[tuple[str, bytes]]) -> RegisterTables
        One workbook (sheets "indicators" or "register" else the first, and optional "priorities"
        and "actions"), or CSV files told apart by their headers. Raises UnreadableRegister (a
        ValueError) for a file that is no table at all; header problems come back in tables.problems.
    report = validate_register(tables, known: dict[str, DataFrame] | None) -> RegisterReport
        `known`: the plan tables already known (bundled extracts plus earlier imports), keyed
        councils, plans, indicators, and optionally priorities and indicator_values.
        report.problems: every RegisterProblem(line, column, message, origin), in file order;
        report.warnings: RegisterProblems that are imported as quality findings;
        report.frames: {table: DataFrame} with the contract columns of perfdash.plans.contract.TABLES
            plus origin (and source_note, definition, due); empty unless report.ok;
        report.summary(): plain English for the command line or a page.
    frame = register_template(known, council_id, year_start, plan_id=None) -> DataFrame
        A register pre-filled with a council's indicators (its latest plan unless plan_id is given)
        for the year starting year_start, targets blank, last_annual_target as guidance.
    data = template_bytes(frame, fmt: "csv" | "xlsx") -> bytes
    target, basis = quarter_target(annual, quarter, profile, unit)
        The target a quarter is judged against when a register gives only an annual target.
"""
from perfdash.plans.register.model import (
           RegisterProblem,
           RegisterReport,
           RegisterTables,
)
from perfdash.plans.register.quarters import quarter_target
from perfdash.plans.register.read import UnreadableRegister, read_register
from perfdash.plans.register.template import register_template, template_bytes
from perfdash.plans.register.validate import validate_register

__all__ = ["RegisterProblem", "RegisterReport", "RegisterTables", "UnreadableRegister", "quarter_target",
           "read_register", "register_template", "template_bytes", "validate_register"]
