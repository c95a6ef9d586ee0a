"""manage.py's commands, one module per group."""
