"""Table cells of the deck written straight into their XML: the same elements that python-pptx's
text-frame and fill properties make (tests/boardpack/test_pptx.py holds them equal), at a fraction
of the cost. A 300-indicator pack has about 4,000 cells, and going through the properties spent
four seconds on them."""
from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun

_WRAP, _P, _PPR, _R, _RPR, _T = qn("a:bodyPr"), qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr"), qn("a:t")
_SOLID, _RGB, _LATIN, _TCPR = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin"), qn("a:tcPr")
# What the schema puts before a cell's fill in its a:tcPr: its borders and 3-D settings.
_BEFORE_FILL = {qn(f"a:{name}") for name in ("lnL", "lnR", "lnT", "lnB", "lnTlToBr", "lnBlToTr", "cell3D")}


def _solid(parent, colour: str) -> None:
    etree.SubElement(etree.SubElement(parent, _SOLID), _RGB, val=colour)


def write_cell(cell, text: str, size_pt: float, bold: bool, font: str, fill: str, colour: str = "000000") -> None:
    """One left-aligned paragraph of plain `text` in the cell, and its solid fill; colours as
    six hex digits. Control characters are escaped as python-pptx escapes them."""
    tc = cell._tc
    body = tc.txBody
    body.find(_WRAP).set("wrap", "square")
    for paragraph in body.findall(_P):
        body.remove(paragraph)
    paragraph = etree.SubElement(body, _P)
    etree.SubElement(paragraph, _PPR, algn="l")
    run = etree.SubElement(paragraph, _R)
    properties = etree.SubElement(run, _RPR, sz=str(int(round(size_pt * 100))), b="1" if bold else "0", i="0")
    _solid(properties, colour)
    etree.SubElement(properties, _LATIN, typeface=font)
    etree.SubElement(run, _T).text = CT_RegularTextRun._escape_ctrl_chars(text)
    cell_properties = tc.get_or_add_tcPr()
    for old in cell_properties.findall(_SOLID):
        cell_properties.remove(old)
    at = sum(1 for child in cell_properties if child.tag in _BEFORE_FILL)
    solid = etree.Element(_SOLID)
    etree.SubElement(solid, _RGB, val=fill)
    cell_properties.insert(at, solid)
