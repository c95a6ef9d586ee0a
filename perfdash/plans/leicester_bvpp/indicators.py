"""Leicester BVPP 2003/04 indicators: the PSA targets of Section 2, what can be recovered of the
Appendix IV BVPI table, which the conversion ran into a single line, and (figures.py) the figures
printed in prose and in the improvement tables."""
from __future__ import annotations

import re

from perfdash.plans.curated import CuratedDataError
from perfdash.plans.document import SourceDocument
from perfdash.plans.leicester_bvpp.common import cells, clean_text, finding
from perfdash.plans.leicester_bvpp.figures import extract_figures
from perfdash.plans.values import parse_number, period_label, slug

# Appendix IV prints, per row, four figures in this order (header on its first line and the
# description of Table 1 in Section 5): 2001/02 actual, 2002/03 target, 2002/03 actual, 2003/04 target.
APPENDIX_IV_COLUMNS = ((2001, "actual"), (2002, "target"), (2002, "actual"), (2003, "target"))
_FIGURE = re.compile(r"^\d[\d,]*(?:\.\d+)?%?$")


def psa_code(number: int) -> str:
    """'PSA Target 11' -> 'PSA11'."""
    return f"PSA{number}"


def _indicator(document: SourceDocument, ref: str | None, code: str | None, title: str, curated: dict,
               line: int, theme: str) -> dict:
    indicator_id = f"{document.plan_id}:{code}" if code else f"{document.plan_id}:{slug(title)}"
    return {"indicator_id": indicator_id, "council_id": document.council_id, "plan_id": document.plan_id,
            "ref": ref, "code": code, "title": title, "theme": theme, "common_theme": curated["common_theme"],
            "unit": curated["unit"], "polarity": curated["polarity"], "profile": curated.get("profile"),
            "source": document.source(line)}


def _value(document: SourceDocument, indicator_id: str, year: int, kind: str, text: str, line: int) -> dict:
    if text not in document.line(line):
        raise CuratedDataError(f"value {text!r} is not printed on line {line}")
    return {"indicator_id": indicator_id, "council_id": document.council_id, "period": period_label(year),
            "year_start": year, "quarter": None, "kind": kind, "value": parse_number(text),
            "value_text": text, "source": document.source(line)}


def psa_rows(document: SourceDocument) -> list[tuple[int, str, int]]:
    """(target number, target heading, line) for each row of the PSA table; a heading that
    wraps over a page break ('...training and' / 'employment outcomes...') is joined."""
    header = document.find("Target number\tTarget heading")
    end = document.find("Departments have indicated", header)
    rows: list[list] = []
    for number, text in document.numbered(header + 1, end - 1):
        row = cells(text)
        if row[0].isdigit():
            rows.append([int(row[0]), clean_text(row[1]) or "", number])
        elif rows and len(row) > 1 and row[0] == "" and row[1] and not row[1].startswith("Target"):
            rows[-1][1] = f"{rows[-1][1]} {clean_text(row[1])}"
    return [tuple(row) for row in rows]


def extract_psa(document: SourceDocument, curated: dict) -> tuple[list[dict], list[dict], list[dict]]:
    indicators, values, findings = [], [], []
    by_target = {}
    for target, heading, line in psa_rows(document):
        facts = curated["psa_targets"].get(target)
        if facts is None:
            raise CuratedDataError(f"psa_targets.{target}: PSA target {target} (line {line}) is not curated")
        indicator = _indicator(document, f"PSA Target {target}", psa_code(target), heading, facts, line,
                               "Public Service Agreement")
        by_target[target] = indicator
        indicators.append(indicator)
    for figure in curated.get("psa_figures", []):
        indicator = by_target[figure["target"]]
        values.append(_value(document, indicator["indicator_id"], figure["year"], figure["kind"],
                             figure["value_text"], figure["line"]))
        if figure["kind"] == "baseline":
            findings.append(finding(
                document, figure["line"], "ambiguous_value", "info",
                f"PSA Target {figure['target']}: the baseline '{figure['quote']}' prints no year; it is dated "
                f"{period_label(figure['year'])}, the year the PSA was signed (July 2002).",
                indicator["indicator_id"]))
    return indicators, values, findings


def figure_runs(text: str) -> list[tuple[int, list[str]]]:
    """(character offset, figures) for each run of consecutive figures on a line; an '(e)'
    after a figure stays with it, as printed ('57.5 (e)')."""
    runs, current, start = [], [], 0
    for match in re.finditer(r"\S+", text):
        token = match.group(0)
        if _FIGURE.match(token):
            if not current:
                start = match.start()
            current.append(token)
        elif token == "(e)" and current:
            current[-1] += " (e)"
        elif current:
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    return runs


def _appendix_iv_value(document: SourceDocument, indicator_id: str, year: int, kind: str, figure: str,
                       line: int) -> dict:
    """A figure of the Appendix IV table; "57.5 (e)" is an estimate of 57.5."""
    estimated = figure.endswith(" (e)")
    row = _value(document, indicator_id, year, "estimate" if estimated and kind == "actual" else kind, figure, line)
    if estimated:
        row["value"] = parse_number(figure[:-len(" (e)")])
    return row


def extract_appendix_iv(document: SourceDocument, curated: dict) -> tuple[list[dict], list[dict], list[dict]]:
    indicators, values, findings = [], [], []
    line = document.find("HOUSING BVPI")
    text = document.line(line)
    taken: set[int] = set()
    for entry in curated.get("appendix_iv", []):
        anchor = text.find(entry["quote"])
        runs = [run for run in figure_runs(text) if run[0] > anchor]
        if anchor < 0 or not runs or len(runs[0][1]) != len(APPENDIX_IV_COLUMNS):
            raise CuratedDataError(f"appendix_iv: no run of four figures follows {entry['quote']!r} on line {line}")
        start, figures = runs[0]
        taken.add(start)
        indicator = _indicator(document, None, entry.get("code"), entry["title"], entry, line, "Housing BVPIs")
        indicators.append(indicator)
        if entry.get("code_note"):
            findings.append(finding(
                document, line, "ambiguous_value", "info",
                f"Appendix IV prints no BVPI reference for '{entry['title']}'; it is read as {entry['code']} from "
                f"{' '.join(entry['code_note'].split())}.", indicator["indicator_id"]))
        columns = entry.get("columns") or [{"year": year, "kind": kind} for year, kind in APPENDIX_IV_COLUMNS]
        for column, figure in zip(columns, figures):
            target = indicator
            if column.get("indicator"):
                other = {**entry, **entry[column["indicator"]]}
                target = _indicator(document, None, None, other["title"], other, line, "Housing BVPIs")
                indicators.append(target)
                findings.append(finding(
                    document, line, "ambiguous_value", "warning",
                    f"{entry['code']}: the row prints {' '.join(figures)} with the comment 'Amended definition in "
                    f"2002/03'. '{figure}' is a percentage under the definition before 2002/03, so it is read as "
                    f"the {period_label(column['year'])} {column['kind']} of '{other['title']}' (its own indicator, "
                    f"in percent), and the counts, in the order printed, as the "
                    + ", ".join(f"{period_label(c['year'])} {c['kind']}" for c in columns if not c.get("indicator"))
                    + f" of {entry['code']}.", indicator["indicator_id"]))
            values.append(_appendix_iv_value(document, target["indicator_id"], column["year"], column["kind"],
                                             figure, line))
            if target["unit"] != "percent" and figure.endswith("%"):
                findings.append(finding(
                    document, line, "unit_mismatch", "warning",
                    f"'{entry['title']}': the {period_label(column['year'])} {column['kind']} is printed as a "
                    f"percentage ('{figure}') but the indicator is measured as {target['unit']}; kept as printed.",
                    target["indicator_id"]))
    left = [" ".join(figures) for start, figures in figure_runs(text) if start not in taken and
            not all(re.fullmatch(r"(?:19|20)\d{2}", f) for f in figures)]
    recovered = "; ".join(f"'{entry['quote']}'" for entry in curated.get("appendix_iv", []))
    findings.append(finding(
        document, line, "garbled_region", "warning",
        f"Appendix IV (line {line}): the Housing BVPI table is run together into one line. No BVPI "
        f"reference survives and titles survive only as fragments; the comparison-quartile and "
        f"exceeded/same/behind columns are lost. Recovered the rows after the fragments {recovered} "
        f"(four figures each: 2001/02 actual, 2002/03 target, 2002/03 actual, 2003/04 target), with curated "
        f"codes. " + (f"Not recovered, as their titles are not legible: {'; '.join(left)}. " if left else "")
        + "No other Appendix IV table (e.g. BV12 sickness absence) is present in the converted text."))
    stray_end = document.find("Appendix V", line) - 1
    curated_lines = {figure["line"] for entry in curated.get("figures", []) for figure in entry["values"]}
    stray = [(n, t.strip()) for n, t in document.numbered(line + 1, stray_end) if t.strip()]
    if stray:
        findings.append(finding(
            document, stray[0][0], "garbled_region", "warning",
            f"Appendix IV (lines {stray[0][0]}-{stray[-1][0]}): loose text "
            f"{', '.join(repr(t) for _, t in stray)} with no row or column"
            + ("; read as one row of four figures (see the curated figures)." if
               all(n in curated_lines or not re.search(r"\d", t) for n, t in stray) else "; not recovered.")))
    return indicators, values, findings


def extract_indicators(document: SourceDocument, curated: dict) -> tuple[list[dict], list[dict], list[dict]]:
    indicators, values, findings = extract_psa(document, curated)
    for more in (extract_appendix_iv(document, curated), extract_figures(document, curated)):
        indicators, values, findings = indicators + more[0], values + more[1], findings + more[2]
    return indicators, values, findings

