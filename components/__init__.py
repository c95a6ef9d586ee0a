"""Figure builders and small UI pieces for the pages."""
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

# Streamlit 1.67 treats an app with a pages/ folder as a legacy (v1) multipage app until the
# entrypoint first calls st.navigation: a fresh server's first visitor to a deep link such as
# /trends would get the page script alone, without app.py's layout and navigation. Once a
# page imports us, switch the process to st.navigation and rerun through app.py.
if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    if st.runtime.exists():
        st.rerun()
