"""Chart text in real Chromium, as Streamlit draws it: on each page with charts, on a 1280 px
laptop screen (narrower than the suite's other pages, so the harder case for long labels), every
label is at least 12 px, none runs past its chart's edge or is cut by the plot area, and none is
drawn over another."""
import pytest

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

# Each chart's visible text: its font size, whether it leaves the chart or its plot area's clip
# path, and whether it overlaps another label (rotated labels are left out of that last check:
# their boxes overlap even when their letters do not).
CHART_TEXT_PROBLEMS = r"""(root) => {
  // For every plotly chart under root: each visible text's font size and whether it is clipped,
  // either by the chart's edge or by a clip path around it.
  const problems = [];
  const charts = [...root.querySelectorAll('.js-plotly-plot')].filter(c => c.offsetParent !== null && c.getBoundingClientRect().width > 0);
  charts.forEach((chart, index) => {
    const svg = chart.querySelector('svg.main-svg');
    if (!svg) return;
    const edge = svg.getBoundingClientRect();
    const title = (chart.querySelector('.gtitle') || {}).textContent || `chart ${index}`;
    const boxes = [];
    for (const text of chart.querySelectorAll('svg text')) {
      const content = text.textContent.trim();
      if (!content) continue;
      const style = getComputedStyle(text);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
      const box = text.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const rotated = /rotate\(\s*-?[1-9]/.test(text.getAttribute('transform') || '');
      if (!rotated) boxes.push([content, box]);
      const sizes = [parseFloat(style.fontSize)];
      for (const span of text.querySelectorAll('tspan')) {
        if (span.textContent.trim()) sizes.push(parseFloat(getComputedStyle(span).fontSize));
      }
      const smallest = Math.min(...sizes);
      if (smallest < 12) problems.push({chart: title, text: content.slice(0, 60), problem: `font ${smallest}px`});
      const slack = 1;
      if (box.left < edge.left - slack || box.right > edge.right + slack || box.top < edge.top - slack ||
          box.bottom > edge.bottom + slack) {
        problems.push({chart: title, text: content.slice(0, 60), problem: 'outside the chart',
                       box: [box.left - edge.left, box.right - edge.right, box.top - edge.top, box.bottom - edge.bottom].map(Math.round)});
      }
      // A clip path on an ancestor (plot area) cuts text that runs past it.
      let node = text.parentElement;
      while (node && node !== svg) {
        const clip = node.getAttribute && node.getAttribute('clip-path');
        if (clip) {
          const id = clip.match(/url\(["']?#([^"')]+)/);
          const rect = id && document.getElementById(id[1]);
          if (rect) {
            const r = rect.querySelector('rect') ? rect.querySelector('rect').getBoundingClientRect() : null;
            if (r && r.width > 0 && (box.left < r.left - slack || box.right > r.right + slack ||
                box.top < r.top - slack || box.bottom > r.bottom + slack)) {
              problems.push({chart: title, text: content.slice(0, 60), problem: 'cut by the plot area'});
            }
          }
          break;
        }
        node = node.parentElement;
      }
    }
    // Labels must not sit on top of each other.
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        const dx = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const dy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (dx > 2 && dy > 2) problems.push({chart: title, text: `${a.slice(0, 40)} / ${b.slice(0, 40)}`,
                                             problem: 'overlaps another label'});
      }
    }
  });
  return {charts: charts.length, problems};
}"""

# Settled when the visible charts have drawn and their size and text have stopped changing.
CHARTS_SETTLED = """() => {
  const charts = [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')]
    .filter(c => c.offsetParent !== null && c.getBoundingClientRect().width > 0);
  if (!charts.length || charts.some(c => !c.querySelector('svg.main-svg text'))) return false;
  const now = charts.map(c => { const r = c.getBoundingClientRect();
    return `${Math.round(r.width)}x${Math.round(r.height)}:${c.querySelectorAll('text').length}`; }).join('|');
  const settled = window.__chartText === now;
  window.__chartText = now;
  return settled;
}"""

PAGES = [
    ("compare", None), ("compare", "Shared indicators"), ("compare", "Target ambition"),
    ("compare", "County and districts"), ("priorities?wc=nw-leicestershire", "Ranking workshop"),
    ("priorities?wc=nw-leicestershire&big=true", "Ranking workshop"), ("trends?code=BV64", None),
    ("profiles?pc=nw-leicestershire", None), ("profiles?pc=nw-leicestershire&pcode=BV12", None),
    ("actions", "Progress status (Melton)"),
]


@pytest.fixture
def laptop_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path, tab", PAGES, ids=[f"{p}{' ' + t if t else ''}" for p, t in PAGES])
def test_chart_text_is_readable_whole_and_apart(app_url, laptop_page, path, tab):
    page = laptop_page
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    if tab:
        page.get_by_role("tab", name=tab).click()
        wait_for_app(page)
    page.wait_for_function(CHARTS_SETTLED, polling=250, timeout=30_000)
    result = page.evaluate(CHART_TEXT_PROBLEMS, page.locator('[data-testid="stMain"]').element_handle())
    assert result["charts"] > 0
    assert not result["problems"], result["problems"][:10]
