"""Leicester City Council Interim Corporate Plan 2003."""
