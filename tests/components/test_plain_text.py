"""Officers' comments are shown as plain text: a Markdown image, link, bold or heading in a comment
reaches the page as the characters typed, in a text element that Streamlit never parses."""
from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

HOSTILE = "![x](http://example.org/a.png) **bold** # Heading [link](http://x) <img src=x onerror=alert(1)>"


def _card_script(comment, submitted_by, submitted_at):
    import streamlit as st  # noqa: F401 - the script runs in its own module

    from components.plain_text import officer_comment

    officer_comment(comment, submitted_by, submitted_at)


def _run(*args) -> AppTest:
    app = AppTest.from_function(_card_script, args=args)
    return app.run()


def test_a_hostile_comment_is_a_text_element_holding_exactly_what_was_typed():
    app = _run(HOSTILE, "jo.bloggs", pd.Timestamp("2007-06-30 14:05"))
    assert not app.exception
    assert [t.value for t in app.text] == [f"{HOSTILE} — jo.bloggs, 30 Jun 2007 14:05"]
    # The only Markdown is our own label: nothing typed can become an image, a link or a heading.
    assert [m.value for m in app.markdown] == ["**Officer's comment:**"]


def test_a_comment_over_several_lines_stays_plain_text():
    app = _run("# Heading\n\n> quote\n- item", None, None)
    assert [t.value for t in app.text] == ["# Heading\n\n> quote\n- item"]
    assert [m.value for m in app.markdown] == ["**Officer's comment:**"]


def test_no_comment_says_so():
    app = _run(None, None, None)
    assert [t.value for t in app.text] == ["No comment recorded."]
