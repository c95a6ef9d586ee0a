"""`python manage.py bench`: a synthetic national dataset, page timings and the performance targets."""
