"""Figures built once per distinct data and shared by every session, so a rerun that changes
nothing a chart shows does not build and validate its plotly figure again (plotly validates every
property of a figure as it is built, a large part of a warm rerun).

Sharing is safe because a figure is only read once built: st.plotly_chart copies it to JSON.
Use it only where the figure goes straight to the page, never where it is changed afterwards."""
from __future__ import annotations

import hashlib
import io
import pickle

import pandas as pd
import streamlit as st


def frame_digest(frame: pd.DataFrame) -> str | None:
    """A digest of a frame's pickle: equal digests mean the same columns, types, index and values.
    Pickled without its memo, so that only values count, not which cells share one object: a frame
    and its copy out of Streamlit's data cache share objects differently, and with the memo every
    first rerun after a cold one built its charts again. About ten times quicker than pandas' own
    row hashing. None when a cell cannot be pickled."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: every object written out in full where it occurs
    try:
        pickler.dump(frame)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()


@st.cache_resource(max_entries=256, show_spinner=False)
def _built(build_name: str, key: tuple, _build, _frame: pd.DataFrame, _args: tuple, _options: dict):
    return _build(_frame, *_args, **_options)


def cached_figure(build, frame: pd.DataFrame, *args, **options):
    """build(frame, *args, **options), made once for each distinct frame and arguments and shared.
    `build` is a pure figure builder of components/; an argument is a data frame or hashable."""
    values = (frame, *args, *(options[name] for name in sorted(options)))
    key = (tuple(sorted(options)), *(frame_digest(v) if isinstance(v, pd.DataFrame) else v for v in values))
    if any(k is None and isinstance(v, pd.DataFrame) for k, v in zip(key[1:], values)):
        return build(frame, *args, **options)
    return _built(f"{build.__module__}.{build.__qualname__}", key, build, frame, args, options)
