"""The board pack as a PDF: the same content as the deck, as HTML and CSS laid out by WeasyPrint on
A4 landscape pages with page numbers. Numbers are text, charts are vectors (inline SVG drawn in
svg_chart.py), tables repeat their header row on every page they run onto, and every piece of
typed text (comments, names) is escaped, so it shows exactly as typed and never as markup.
"""
from __future__ import annotations

import html

from perfdash.boardpack import svg_chart
from perfdash.boardpack.content import (
    APPENDIX_HEADER,
    DEMO_WARNING,
    SCORECARD_HEADER,
    BoardPack,
    RedIndicator,
)
from perfdash.palette import RAG_STYLES

CSS = """
@page {
  __PAGE_BOX__
  @bottom-left { content: __FOOTER__; font: 10.5pt "DejaVu Sans", Arial, sans-serif; }
  __NUMBERS__
}
html { font: 11pt/1.35 "DejaVu Sans", Arial, sans-serif; color: #000; }
h1 { font-size: 30pt; margin: 40mm 0 4mm; }
h2 { font-size: 18pt; margin: 0 0 3mm; }
section { break-before: page; }
body > section:first-child { break-before: auto; }
.cover p { font-size: 16pt; margin: 2mm 0; }
.demo { font-weight: bold; border: 2pt solid #000; padding: 2mm 3mm; display: inline-block; }
table { border-collapse: collapse; width: 100%; }
/* Fixed layout with set column widths: laid out in one pass, not measured cell by cell first. */
table.listing { table-layout: fixed; }
th, td { border: 0.75pt solid #808080; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
thead th { background: #D9D9D9; }
tr.group th { background: #F2F2F2; }
tr { break-inside: avoid; }
.counts { width: 100%; border-spacing: 3mm 0; border-collapse: separate; margin-bottom: 6mm; }
.counts td { border: 3pt solid; text-align: center; padding: 3mm; width: 20%; }
.counts .number { font-size: 30pt; font-weight: bold; display: block; }
.counts .words { font-size: 13pt; font-weight: bold; }
.red-grid { width: 100%; border: none; table-layout: fixed; }
.red-grid > tbody > tr > td { border: none; padding: 0 3mm 0 0; }
.facts { table-layout: fixed; }
.facts th { width: 32mm; }
.facts th, .facts td { padding: 0.8mm 2mm; }
.action { border: 2pt solid #000; padding: 2.5mm 3mm; margin-top: 3mm; break-inside: avoid; }
.action h3 { margin: 0 0 2mm; font-size: 13pt; }
.action p { margin: 0 0 1.5mm; }
.comment { white-space: pre-wrap; margin: 0 0 2mm; }
.note, .sources { font-size: 10.5pt; margin-top: 2mm; }
.red-grid td.chart { width: 50%; }
.red-grid svg { width: 100%; height: auto; }
.quarters { margin-top: 2mm; font-size: 10pt; width: 100%; table-layout: fixed; }
.quarters th[scope="row"] { width: 18mm; }
.quarters caption { text-align: left; font-weight: bold; margin-bottom: 1mm; }
.quarters th, .quarters td { padding: 1mm 1.5mm; }
"""
PAGE_BOX = "size: A4 landscape; margin: 14mm 14mm 18mm 14mm;"
PAGE_NUMBERS = ('@bottom-right { content: "Page " counter(page) " of " counter(pages); '
                'font: 10.5pt "DejaVu Sans", Arial, sans-serif; }')


# Column shares (per cent) of the listing tables, in the order of their headers.
SCORECARD_WIDTHS = (24, 11, 11, 11, 12, 12, 19)
APPENDIX_WIDTHS = (30, 12, 18, 40)
SPLIT_SCORECARD_ROWS = 120  # a scorecard this long (about ten pages) is laid out in two halves
QUARTERS_UNDER_CHART = 6  # a red page's table of the chart's figures: under the chart up to this many


def _group_count_widths(header) -> tuple[int, ...]:
    """The group's name gets 40%, each count an equal share of the rest."""
    counts = max(len(header) - 1, 1)
    return (40, *([60 // counts] * counts))


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character outside plain ASCII letters, digits and
    spaces written as a CSS escape, so typed text cannot end the string or the rule."""
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in text) + '"'


def _row(cells, tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{_e(c)}</{tag}>" for c in cells) + "</tr>"


def _table(header, rows, caption: str, widths: tuple[int, ...]) -> str:
    """A listing table; `widths` are the columns' shares of the page width, in per cent."""
    body = []
    for row in rows:
        if row.is_group:
            body.append(f'<tr class="group"><th colspan="{len(header)}" scope="rowgroup">{_e(row.cells[0])}</th></tr>')
        else:
            body.append(_row(row.cells))
    head = "<tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in header) + "</tr>"
    columns = "".join(f'<col style="width:{w}%">' for w in widths)
    return (f'<table class="listing"><caption style="text-align:left;font-weight:bold;margin-bottom:2mm">'
            f"{_e(caption)}</caption><colgroup>{columns}</colgroup>"
            f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>")


def _cover(pack: BoardPack) -> str:
    demo = f'<p class="demo">{_e(DEMO_WARNING)}</p>' if pack.demo else ""
    return (f'<section class="cover"><h1>{_e(pack.council_name)}</h1><p><strong>Performance board pack</strong></p>'
            f"<p>{_e(pack.quarter_label)}: {_e(pack.months)}</p><p>{_e(pack.data_as_at)}</p>"
            f"<p>Indicators grouped by {_e(pack.grouping_words)}</p>{demo}</section>")


def _headline(pack: BoardPack) -> str:
    cells = "".join(f'<td style="border-color:{RAG_STYLES[c.status][0]}"><span class="number">{c.count}</span>'
                    f'<span class="words">{_e(c.icon)} {_e(c.words)}</span></td>' for c in pack.counts)
    by_group = _table(pack.group_counts_header, pack.group_counts, f"Counts by {pack.grouping_words}",
                      _group_count_widths(pack.group_counts_header))
    return (f"<section><h2>Headline counts: {_e(pack.quarter_label)}</h2>"
            f'<table class="counts" aria-label="Indicators by status for the council"><tr>{cells}</tr></table>'
            f"{by_group}</section>")


def _halves(rows: tuple) -> list[tuple]:
    """A long scorecard in two, at the group that starts nearest its middle, so the two halves can
    be laid out side by side; a short one, or one group, whole."""
    starts = [n for n, row in enumerate(rows) if row.is_group and n > 0]
    if len(rows) < SPLIT_SCORECARD_ROWS or not starts:
        return [rows]
    cut = min(starts, key=lambda n: abs(n - len(rows) / 2))
    return [rows[:cut], rows[cut:]]


def _scorecards(pack: BoardPack) -> list[str]:
    note = ("Value is the quarter's outturn, or the year to date where the target is cumulative. Where each "
            "value and target comes from: see the appendix.")
    halves = _halves(pack.scorecard)
    heading = f"Scorecard by {pack.grouping_words}"
    return [f"<section><h2>{_e(heading + (' (continued)' if n else ''))}</h2>"
            f"{_table(SCORECARD_HEADER, rows, f'Every indicator in {pack.quarter_label}', SCORECARD_WIDTHS)}"
            + (f'<p class="note">{_e(note)}</p>' if n == len(halves) - 1 else "") + "</section>"
            for n, rows in enumerate(halves)]


def _red(red: RedIndicator) -> str:
    chart = svg_chart.line_chart(red.chart_title, red.periods, red.actuals, red.targets, red.value_axis_title,
                                 red.chart_description())
    facts = "".join(f'<tr><th scope="row">{_e(label)}</th><td>{_e(words)}</td></tr>' for label, words in red.facts())

    def shown(value):
        return "–" if value is None else svg_chart.number_text(value)
    # The chart's figures, a quarter to a column: the chart's table alternative.
    quarters = ('<table class="quarters"><caption>The chart\'s figures</caption><tr><th scope="row">Quarter</th>'
                + "".join(f'<th scope="col">{_e(p)}</th>' for p in red.periods) + "</tr>"
                + '<tr><th scope="row">Value</th>' + "".join(f"<td>{shown(a)}</td>" for a in red.actuals) + "</tr>"
                + '<tr><th scope="row">Target</th>' + "".join(f"<td>{shown(t)}</td>" for t in red.targets)
                + "</tr></table>")
    # A few quarters fit under the chart; more need the page's width, under the chart and figures.
    beside = len(red.periods) <= QUARTERS_UNDER_CHART
    return (f"<section><h2>{_e(red.heading)}</h2>"
            f'<table class="red-grid"><tr><td class="chart">{chart}{quarters if beside else ""}</td>'
            f'<td><table class="facts">{facts}</table></td></tr></table>{"" if beside else quarters}'
            f'<div class="action"><h3>Corrective action: the officer\'s comment</h3>'
            f'<p class="comment">{_e(red.comment)}</p><p>{_e(red.given_by)}</p></div>'
            f'<p class="sources"><strong>Sources.</strong> {_e(". ".join(red.sources))}</p></section>')


def _document(pack: BoardPack, body: str, numbered: bool) -> str:
    footer = f"{pack.council_name} · {pack.quarter_label} board pack" + (f" · {DEMO_WARNING}" if pack.demo else "")
    css = (CSS.replace("__PAGE_BOX__", PAGE_BOX).replace("__FOOTER__", css_string(footer))
           .replace("__NUMBERS__", PAGE_NUMBERS if numbered else ""))
    return (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{_e(pack.title)}</title>'
            f"<style>{css}</style></head><body>{body}</body></html>")


def _parts(pack: BoardPack) -> list[str]:
    """The pack's sections in runs of pages: the cover, counts and scorecard (a long scorecard's
    second half on its own); the red indicators; the appendix. Every section starts a page, so the
    runs laid out apart make the same pages as the whole."""
    reds = "".join(_red(red) for red in pack.reds) or (
        f"<section><h2>Red indicators</h2><p>No indicator is red in {_e(pack.quarter_label)}.</p></section>")
    listing = _table(APPENDIX_HEADER, pack.appendix, "Every indicator, its status and its sources", APPENDIX_WIDTHS)
    appendix = f"<section><h2>Appendix: every indicator</h2>{listing}</section>"
    first, *rest = _scorecards(pack)
    return [f"{_cover(pack)}{_headline(pack)}{first}", *rest, reds, appendix]


def board_pack_html(pack: BoardPack) -> str:
    """The whole pack as one HTML document, numbered "Page n of N" by CSS counters."""
    return _document(pack, "".join(_parts(pack)), numbered=True)


def part_documents(pack: BoardPack) -> list[str]:
    """The pack as HTML documents of consecutive pages, without page numbers: laid out apart
    (perfdash.boardpack.pdf_pages) and numbered once joined."""
    return [_document(pack, part, numbered=False) for part in _parts(pack)]


def _numbers_document(pages: int) -> str:
    """`pages` empty pages of the pack's size and margins, whose footers hold only their numbers:
    stamped onto the joined parts."""
    breaks = '<div style="break-before: page"></div>' * (pages - 1)
    return (f"<!doctype html><html><head><style>@page {{ {PAGE_BOX} {PAGE_NUMBERS} }}</style></head>"
            f"<body><div></div>{breaks}</body></html>")


def pdf_bytes(pack: BoardPack, pool=None) -> bytes:
    """The pack as the bytes of a PDF file. With `pool` (a concurrent.futures executor of
    processes) its parts are laid out side by side and numbered once joined; without, the whole
    document is laid out here in one pass."""
    from perfdash.boardpack.pdf_pages import joined_and_numbered, layout, page_count

    if pool is None:
        return layout(board_pack_html(pack))
    parts = list(pool.map(layout, part_documents(pack)))
    # Laid out by a worker too: it has WeasyPrint's fonts loaded already, this process has not.
    numbers = pool.submit(layout, _numbers_document(sum(map(page_count, parts)))).result()
    return joined_and_numbered(parts, numbers)
