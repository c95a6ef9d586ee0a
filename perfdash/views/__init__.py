"""What each page shows: functions that return frames ready to draw (no Streamlit here)."""
