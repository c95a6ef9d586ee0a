"""Streamlit UI pieces and pure figure builders for the pages."""
