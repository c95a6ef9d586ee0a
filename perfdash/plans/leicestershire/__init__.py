"""Leicestershire County Council Annual Plan 2007-08."""
