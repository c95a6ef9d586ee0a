"""Meeting mode: `?present=1` in the URL turns a page into a screen for the meeting room.

How a page uses it: one line at the top of the page script, before anything else is drawn::

    from components.meeting_mode import meeting_mode

    present = meeting_mode()  # True with ?present=1 in the URL

With `?present=1` it hides Streamlit's chrome (the header, toolbar, main menu, deploy button and
the sidebar with its navigation and filters), sets large type for a 1920x1080 screen (KPI values
at least 48 px, body text at least 20 px, by scaling the root size every Streamlit size is
measured in) and draws a "Leave meeting mode" button. Filters still apply as the URL sets them:
the sidebar's widgets still run, only out of sight. Without it, it adds a "Present in meeting
mode" button to the sidebar. A page may lay itself out for the room when it returns True (the
Exceptions page steps through one exception at a time, see components/decisions.py).

Accessibility (WCAG 2.2 AA): nothing here changes colours, so the theme's contrast stands; the
focus ring is made thicker, not removed; the mode is said in words at the top of the page.
"""
from __future__ import annotations

import streamlit as st

from perfdash.views.decisions import step_number

PRESENT_PARAM = "present"
ROOT_FONT_PX = 24     # Streamlit sizes type in rem: 1rem body text is 24 px, a 0.875rem caption 21 px
MIN_TEXT_PX = 20      # nothing the room reads is smaller than this
KPI_VALUE_PX = 56     # st.metric values, at least 48 px

# Hidden rather than collapsed: a collapsed sidebar still shows its button and the header.
_CHROME = ('[data-testid="stSidebar"]', '[data-testid="stSidebarCollapsedControl"]',
           '[data-testid="stExpandSidebarButton"]', '[data-testid="stHeader"]', '[data-testid="stAppHeader"]',
           '[data-testid="stToolbar"]', '[data-testid="stAppToolbar"]', '[data-testid="stMainMenu"]',
           '[data-testid="stAppDeployButton"]', '[data-testid="stDecoration"]', '[data-testid="stStatusWidget"]')

MEETING_STYLES = f"""
<style>
{", ".join(_CHROME)} {{ display: none !important; }}
html {{ font-size: {ROOT_FONT_PX}px !important; }}
[data-testid="stMain"] {{ margin-left: 0 !important; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 1.5rem !important; max-width: 100% !important; }}
[data-testid="stMain"] :is(p, li, label, td, th, summary, code, span, small, a, [data-testid="stText"],
  [data-testid="stCaptionContainer"], [data-testid="stMetricLabel"], [data-testid="stMetricDelta"],
  [data-testid="stWidgetLabel"], [data-testid="stMarkdownContainer"], input, textarea, button) {{
  font-size: max(1em, {MIN_TEXT_PX}px) !important;
}}
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] * {{
  font-size: {KPI_VALUE_PX}px !important; line-height: 1.15 !important;
}}
[data-testid="stMain"] :focus-visible {{ outline: 4px solid currentColor !important; outline-offset: 3px; }}
</style>
"""


def in_meeting_mode() -> bool:
    """True while the URL says ?present=1."""
    return st.query_params.get(PRESENT_PARAM) == "1"


def _enter() -> None:
    st.query_params[PRESENT_PARAM] = "1"


def _leave() -> None:
    if PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def meeting_mode() -> bool:
    """Call first on a page. In meeting mode: chrome hidden, large type, a way out; returns True.
    Otherwise: a sidebar button that enters it; returns False."""
    if not in_meeting_mode():
        with st.sidebar:
            st.button("Present in meeting mode", key="meeting-mode-enter", on_click=_enter,
                      icon=":material/co_present:",
                      help="Large type for a meeting-room screen, without the sidebar. The link keeps "
                           "this view: add ?present=1 to any page's address.")
        return False
    st.html(MEETING_STYLES)
    with st.container(horizontal=True, vertical_alignment="center", key="meeting-mode-bar"):
        st.markdown("**Meeting mode:** large type, no sidebar; the link sets the filters.", width="stretch")
        st.button("Leave meeting mode", key="meeting-mode-leave", on_click=_leave, icon=":material/close:",
                  width="content")
    return True


def _step_to(param: str, number: int) -> None:
    st.query_params[param] = str(number)


def step_through(count: int, noun: str = "exception", param: str = "x") -> int:
    """One of `count` items at a time, for the chair: Previous and Next buttons (the Left and Right
    arrow keys press them) around "Exception 3 of 12". The 1-based number lives in the URL under
    `param`, so a reload or a shared link keeps the place. Returns the 0-based index to show."""
    current = step_number(st.query_params.get(param), count)
    st.query_params[param] = str(current + 1)
    with st.container(horizontal=True, vertical_alignment="center", gap="medium", key=f"step-{param}"):
        st.button(f"Previous {noun}", key=f"step-{param}-previous", on_click=_step_to, args=(param, current),
                  disabled=current == 0, shortcut="Left", icon=":material/arrow_back:")
        st.markdown(f"**{noun.capitalize()} {current + 1} of {count}**", width="content")
        st.button(f"Next {noun}", key=f"step-{param}-next", on_click=_step_to, args=(param, current + 2),
                  disabled=current >= count - 1, shortcut="Right", icon=":material/arrow_forward:")
    return current
