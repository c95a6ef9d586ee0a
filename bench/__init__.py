"""`python manage.py bench`: a synthetic national dataset, page timings and the performance targets.
It drives the UI (AppTest, Chromium), so it lives outside the domain package."""
