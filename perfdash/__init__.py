"""Council performance dashboard: domain logic shared by the app, manage.py and tests."""
