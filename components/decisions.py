"""Decisions and actions against exceptions, as the Exceptions page draws them: last quarter's
decisions and whether each was done, this quarter's, and for a signed-in editor the forms that
record a decision, change it or mark it done.

Every write goes through perfdash.store.decisions (one transaction, a new version), from a
callback that checks the editor's role again at that moment (components.auth.current_editor), so
a sign-out or a removed editor between drawing the form and pressing the button writes nothing.
Typed words (decisions, owners, names) are shown as plain text, never Markdown.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.auth import current_editor, sign_in_panel
from components.plain_text import typed_text
from components.query_cache import real_store
from perfdash.rag import status as quarter_status
from perfdash.store.decisions import DONE, OPEN, Decision, DecisionStore
from perfdash.store.errors import StoreError
from perfdash.store.outturns import ActualsStore
from perfdash.views import decisions as words

_MESSAGE_KEY = "decision_message"
NOT_AN_EDITOR = ("Nothing was written: only a signed-in editor can record decisions, and nobody with that "
                 "role is signed in now. Sign in as an editor and try again.")


# ---- reading ----------------------------------------------------------------------------------

@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _latest(location: str, state: tuple, council: str, year: int, quarter: int) -> pd.DataFrame:
    # state is the store's decisions signature: any decision written anywhere gives a new one.
    return DecisionStore(ActualsStore(location)).latest(council, year, quarter)


def quarter_decisions(council: str, year: int, quarter: int) -> pd.DataFrame:
    """The latest version of each decision about a council's quarter, cached until one is written."""
    store = real_store()
    return _latest(store.location, store.signature(("decisions",)), council, int(year), int(quarter)).copy()


def meeting_decisions(council: str, year: int, quarter: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """This quarter's decisions and last quarter's, for the meeting that reviews this quarter."""
    before = words.last_quarter(year, quarter)
    return quarter_decisions(council, year, quarter), quarter_decisions(council, *before)


# ---- writing (callbacks: they run before the script, so the page draws the outcome) -----------

def _say(kind: str, text: str) -> None:
    st.session_state[_MESSAGE_KEY] = (kind, text)


def _writer() -> str | None:
    editor = current_editor()  # the role, checked again at the moment of writing
    if editor is None:
        _say("error", NOT_AN_EDITOR)
    return editor


def _record(council: str, indicator_id: str, year: int, quarter: int, key: str) -> None:
    editor = _writer()
    if editor is None:
        return
    decision = Decision(council, indicator_id, year, quarter, st.session_state.get(f"{key}-text") or "",
                        st.session_state.get(f"{key}-owner") or "", st.session_state.get(f"{key}-due"))
    try:
        result = DecisionStore(real_store()).record(decision, editor)
    except StoreError as error:
        _say("error", str(error))
        return
    for field in ("text", "owner", "due"):
        st.session_state.pop(f"{key}-{field}", None)  # an empty form again for the next decision
    _say("success", result.summary().capitalize())


def _change(decision_id: str, version: int, key: str) -> None:
    editor = _writer()
    if editor is None:
        return
    try:
        result = DecisionStore(real_store()).update(
            decision_id, editor, text=st.session_state.get(f"{key}-text") or "",
            owner=st.session_state.get(f"{key}-owner") or "", due_date=st.session_state.get(f"{key}-due"),
            expected_version=version)
    except StoreError as error:
        _say("error", str(error))
        return
    _say("success", result.summary().capitalize())


def _mark(decision_id: str, status: str, version: int) -> None:
    editor = _writer()
    if editor is None:
        return
    try:
        result = DecisionStore(real_store()).mark(decision_id, status, editor, expected_version=version)
    except StoreError as error:
        _say("error", str(error))
        return
    _say("success", f"Marked {words.status_words(status)}: {result.summary()}")


# ---- drawing ----------------------------------------------------------------------------------

def _message() -> None:
    found = st.session_state.pop(_MESSAGE_KEY, None)
    if found:
        kind, text = found
        (st.success if kind == "success" else st.error)(
            text, icon=":material/check_circle:" if kind == "success" else ":material/error:")


def _decision(decision, editor: str | None, key: str, label: str) -> None:
    """One decision: its line as typed, who recorded it, and an editor's buttons."""
    with st.container(border=True, key=f"{key}-box"):
        typed_text(label, words.decision_line(decision))
        st.caption(words.recorded_words(decision))
        if editor is None:
            return
        other = OPEN if decision.status == DONE else DONE
        st.button("Mark done" if other == DONE else "Open it again", key=f"{key}-mark", on_click=_mark,
                  args=(decision.decision_id, other, int(decision.version_id)),
                  icon=":material/task_alt:" if other == DONE else ":material/undo:")
        with st.expander("Change this decision"), st.form(f"{key}-change", border=False):
            st.text_area("Decision or action", value=decision.decision_text, key=f"{key}-text", max_chars=2000)
            st.text_input("Owner", value=decision.owner, key=f"{key}-owner", max_chars=200)
            st.date_input("Due date (leave empty if none)", value=decision.due_date, key=f"{key}-due",
                          format="DD/MM/YYYY")
            st.form_submit_button(f"Save the change as {editor}", on_click=_change,
                                  args=(decision.decision_id, int(decision.version_id), key))


def _record_form(row, council: str, year: int, quarter: int, editor: str) -> None:
    key = f"decide-{row.indicator_id}-{year}-{quarter}"
    with st.form(f"{key}-form", border=True):
        st.markdown(f"**Record a decision or action on {rowlabel(row)}**")
        st.text_area("Decision or action", key=f"{key}-text", max_chars=2000,
                     placeholder="e.g. Revenues to recover the June direct debit run")
        columns = st.columns(2)
        columns[0].text_input("Owner", key=f"{key}-owner", max_chars=200, placeholder="e.g. Head of Revenues")
        columns[1].date_input("Due date (leave empty if none)", value=None, key=f"{key}-due",
                              min_value=date(2000, 1, 1), format="DD/MM/YYYY")
        st.form_submit_button(f"Record the decision as {editor}", type="primary", on_click=_record,
                              args=(council, row.indicator_id, year, quarter, key), icon=":material/gavel:")


def decision_notes(row, this_quarter: pd.DataFrame, last_quarter: pd.DataFrame, year: int, quarter: int) -> None:
    """Under an exception card: last quarter's decisions and whether each was done, and this
    quarter's, as plain text."""
    earlier, now = words.for_indicator(last_quarter, row.indicator_id), words.for_indicator(this_quarter,
                                                                                          row.indicator_id)
    if earlier.empty and now.empty:
        return  # the usual case: itertuples() makes a class even for no rows, a page of cards a rerun
    before = quarter_status.quarter_label(*words.last_quarter(year, quarter))
    for decision in earlier.itertuples():
        typed_text(f"Decision in {before}:", words.decision_line(decision))
    for decision in now.itertuples():
        typed_text("Decision this quarter:", words.decision_line(decision))


def decision_panel(row, council: str, year: int, quarter: int, demo: bool = False) -> None:
    """Everything the meeting decides about one exception: last quarter's decisions (done or not),
    this quarter's, and the editor's form to record another."""
    st.subheader("Decisions and actions")
    if demo:
        st.info("Demonstration mode is on: decisions are recorded only against real outturns.",
                icon=":material/info:")
        return
    _message()
    try:
        this_quarter, last_quarter = meeting_decisions(council, year, quarter)
    except StoreError as error:
        st.error(f"The decisions cannot be shown: {error}", icon=":material/error:")
        return
    editor = current_editor()
    before = quarter_status.quarter_label(*words.last_quarter(year, quarter))
    earlier = words.for_indicator(last_quarter, row.indicator_id)
    st.markdown(f"**Decided in {before}:** {len(earlier) or 'nothing recorded'}")
    for decision in earlier.itertuples():
        _decision(decision, editor, f"d-{decision.decision_id}", "Decision:")
    now = words.for_indicator(this_quarter, row.indicator_id)
    st.markdown(f"**Decided this quarter:** {len(now) or 'nothing recorded yet'}")
    for decision in now.itertuples():
        _decision(decision, editor, f"d-{decision.decision_id}", "Decision:")
    if editor is None:
        with st.expander("Editors sign in here to record decisions", expanded=False):
            sign_in_panel()
        return
    _record_form(row, council, year, quarter, editor)


def decisions_section(found: pd.DataFrame, table: pd.DataFrame, council: str, year: int, quarter: int,
                      demo: bool = False) -> None:
    """The report's decisions: this quarter's and last quarter's (done or not, and whether each
    indicator is still an exception), then an editor's form for a chosen exception."""
    label = quarter_status.quarter_label(year, quarter)
    before = quarter_status.quarter_label(*words.last_quarter(year, quarter))
    st.subheader("Decisions and actions")
    if demo:
        st.info("Demonstration mode is on: decisions are recorded only against real outturns.",
                icon=":material/info:")
        return
    try:
        this_quarter, last_quarter = meeting_decisions(council, year, quarter)
    except StoreError as error:
        st.error(f"The decisions cannot be shown: {error}", icon=":material/error:")
        return
    st.markdown(f"What the Board decided about {label}'s exceptions, and what it decided in {before} with "
                "whether each was done. To run the meeting one exception at a time, add `?present=1` to "
                "this page's address or press “Present in meeting mode” in the sidebar.")
    for heading, decided, key in ((label, this_quarter, "decisions-now"), (before, last_quarter, "decisions-before")):
        st.markdown(f"**Decided in {heading}: {len(decided)}**")
        if not decided.empty:
            st.dataframe(words.decisions_table(decided, table, found, quarter_status.quarter_label),
                         hide_index=True, key=key)
    if found.empty:
        return
    _message()
    editor = current_editor()
    if editor is None:
        with st.expander("Editors sign in here to record decisions", expanded=False):
            sign_in_panel()
        return
    labels = {n: rowlabel(row) for n, row in enumerate(found.itertuples())}
    chosen = st.selectbox("Exception", options=list(labels), format_func=labels.get, key="decide-which")
    row = next(found.iloc[[chosen]].itertuples())
    _record_form(row, council, year, quarter, editor)


def rowlabel(row) -> str:
    """An exception by its code and title, as the cards head it."""
    code = f"{row.code} · " if isinstance(row.code, str) else ""
    return f"{code}{row.title}"
