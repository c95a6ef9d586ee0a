"""Placeholder: being written."""
import streamlit as st

st.title("Sources")
