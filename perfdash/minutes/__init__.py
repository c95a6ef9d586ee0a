"""Draft minutes of a quarter's Performance Monitoring Board: content.py says what they hold,
writers.py writes them as .docx or .md; `python manage.py minutes` (perfdash/cli/minutes.py) runs both."""
