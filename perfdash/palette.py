"""Colour-blind-safe colours (Okabe & Ito) and the symbols that carry meaning without colour."""
import plotly.graph_objects as go
import plotly.io as pio

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

KIND_STYLES = {
    # kind: (plotly marker symbol, words for the legend)
    "actual": ("circle", "Actual"),
    "target": ("diamond-open", "Target"),
    "baseline": ("square-open", "Baseline"),
    "interim": ("triangle-up-open", "Interim"),
    "estimate": ("x-thin-open", "Estimate"),
}

RAG_STYLES = {
    # status: (colour, icon, words) — the icon and words carry the meaning, colour only helps.
    "green": ("#009E73", "✔", "On target"),
    "amber": ("#E69F00", "▲", "Slightly off target"),
    "red": ("#D55E00", "✖", "Off target"),
    "no_target": ("#6B6B6B", "○", "No target"),
    "no_data": ("#6B6B6B", "–", "No data"),
}

SEQUENTIAL = "Blues"
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"
BASE_FONT_SIZE = 16

# plotly_white's layout only, as every figure's default: the full template also carries defaults
# for every trace type, which plotly deep-copies and validates for each figure (about 40 ms a chart),
# and naming a template per figure costs a copy too.

CHART_TEMPLATE = "perfdash_white"
pio.templates[CHART_TEMPLATE] = go.layout.Template(layout=pio.templates["plotly_white"].layout)
pio.templates.default = CHART_TEMPLATE
