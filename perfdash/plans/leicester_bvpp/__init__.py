"""Leicester City Council Best Value Performance Plan 2003/04."""
