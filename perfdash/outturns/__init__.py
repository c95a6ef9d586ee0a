"""Quarterly outturns: the store with its history, the outturns file, its template and demonstration data."""
