"""Widgets whose values live in the URL as plain ids, so a view can be shared by link.

Streamlit's own bind="query-params" writes the *formatted label* of a choice into the URL
(e.g. "North West Leicestershire District Council"), which breaks when labels change. These
wrappers keep ids in the URL instead: read once at first render, written back on every run.
Values in a URL that are not valid options are ignored.
"""
from __future__ import annotations

import streamlit as st


def _from_url(key: str, options: list, multi: bool):
    if key in st.session_state or key not in st.query_params:
        return
    valid = {str(option): option for option in options}
    chosen = [valid[value] for value in st.query_params.get_all(key) if value in valid]
    if multi:
        st.session_state[key] = list(dict.fromkeys(chosen))
    elif chosen:
        st.session_state[key] = chosen[0]  # the option itself, so a number stays a number


def _to_url(key: str, value, default) -> None:
    if value is None or value == default or value == [] or value == "":
        if key in st.query_params:
            del st.query_params[key]
    elif isinstance(value, list):
        st.query_params[key] = [str(v) for v in value]
    else:
        st.query_params[key] = str(value)


def url_multiselect(label: str, options: list, key: str, container=st, **kwargs) -> list:
    _from_url(key, options, multi=True)
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
        kwargs.pop("default", None)
    value = container.multiselect(label, options=options, key=key, **kwargs)
    _to_url(key, value, default=None)
    return value


def url_selectbox(label: str, options: list, key: str, container=st, default=None, **kwargs):
    """A selectbox with no choice (index=None) or `default` when the URL names none."""
    _from_url(key, options, multi=False)
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    if key not in st.session_state:
        kwargs["index"] = options.index(default) if default in options else None
    else:
        kwargs.pop("index", None)
    value = container.selectbox(label, options=options, key=key, **kwargs)
    _to_url(key, value, default=default)
    return value


def url_text_input(label: str, key: str, container=st, **kwargs) -> str:
    if key not in st.session_state and key in st.query_params:
        st.session_state[key] = st.query_params[key]
    value = container.text_input(label, key=key, **kwargs)
    _to_url(key, (value or "").strip(), default="")
    return (value or "").strip()


def url_number_input(label: str, key: str, min_value: int, max_value: int, container=st, **kwargs) -> int:
    if key not in st.session_state and key in st.query_params:
        try:
            st.session_state[key] = min(max(int(st.query_params[key]), min_value), max_value)
        except ValueError:
            pass
    if key in st.session_state:
        st.session_state[key] = min(max(int(st.session_state[key]), min_value), max_value)
        kwargs.pop("value", None)
    value = container.number_input(label, key=key, min_value=min_value, max_value=max_value, **kwargs)
    _to_url(key, int(value), default=min_value)
    return int(value)
